/**
 * The team server end to end (issue 14), in the browser build against the OASIS reference
 * TAXII 2.1 server (medallion, on 127.0.0.1, started by this spec): the analyst builds the
 * worked example and grades it, types the team server's settings, pushes the case (through the
 * web server's same-origin relay: the page itself only ever talks to its own origin, which the
 * harness's guard checks), the test reads the objects back through TAXII, a fresh case pulls
 * them through the import preview and holds the same events, actors, quotes and grades. The
 * password is then looked for in every file the browser wrote, the backup and the raw
 * IndexedDB: it is nowhere. Last, a wrong password shows the 401 sentence.
 */
import { readFile, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureDownload, launchApp, type App } from './harness'
import { startTaxii, type RunningTaxii } from '../src/test/taxii-server'
import { EVENTS, buildWorkedExample } from './worked-example'

const PASSWORD = 'Tx!9-qv7-Zarnok-pw'
const TAXII_ACCEPT = 'application/taxii+json;version=2.1'

let taxii: RunningTaxii
let app: App

/** What the comparison looks at in one case, read from the raw IndexedDB. */
interface CaseFacts {
  events: string[]
  actors: string[]
  quotes: string[]
  credibility: string[]
  reliability: string[]
}

function caseFacts(page: Page, caseTitle: string): Promise<CaseFacts> {
  return page.evaluate(async (title) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('casefile')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const r = db.transaction(store, 'readonly').objectStore(store).getAll()
        r.onsuccess = () => resolve(r.result as T[])
        r.onerror = () => reject(r.error)
      })
    try {
      type Row = Record<string, unknown> & { caseId?: string }
      const cases = await all<Row>('cases')
      const id = cases.find((c) => c.title === title)?.id
      const mine = async (store: string) => (await all<Row>(store)).filter((r) => r.caseId === id)
      const events = await mine('events')
      const entities = await mine('entities')
      const annotations = await mine('annotations')
      const sources = await mine('sources')
      const eventEvidence = new Set(events.flatMap((e) => (e.evidence as string[]) ?? []))
      const evidence = annotations.filter((a) => eventEvidence.has(a.id as string))
      return {
        events: events.map((e) => `${e.title} [${e.type}]`).sort(),
        actors: entities
          .filter((e) => e.kind !== 'location')
          .map((e) => `${e.name} (${e.kind})`)
          .sort(),
        quotes: evidence.map((a) => a.exact as string).sort(),
        credibility: evidence.map((a) => `${a.exact}: ${a.credibility ?? '-'}`).sort(),
        reliability: sources.map((s) => `${s.name}: ${s.reliability}`).sort(),
      }
    } finally {
      db.close()
    }
  }, caseTitle)
}

/** Every file under `dir` that contains `needle` (as UTF-8 or UTF-16LE bytes). */
async function filesHolding(dir: string, needle: string): Promise<string[]> {
  const found: string[] = []
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')]
  async function walk(path: string): Promise<void> {
    let info
    try {
      info = await stat(path)
    } catch {
      return // gone while walking (Chromium's temporary files)
    }
    if (info.isDirectory()) {
      for (const name of await readdir(path)) await walk(join(path, name))
    } else if (info.isFile()) {
      const bytes = await readFile(path).catch(() => Buffer.alloc(0))
      if (forms.some((f) => bytes.includes(f))) found.push(path)
    }
  }
  await walk(dir)
  return found
}

/** Reads a collection back through TAXII, every page, as the team's other tools would. */
async function readCollection(url: string): Promise<Record<string, unknown>[]> {
  const objects: Record<string, unknown>[] = []
  let next: string | undefined
  do {
    const query = `limit=50${next ? `&next=${encodeURIComponent(next)}` : ''}`
    const res = await fetch(`${url}objects/?${query}`, {
      headers: { Accept: TAXII_ACCEPT, Authorization: taxii.auth },
    })
    expect(res.status).toBe(200)
    const page = (await res.json()) as {
      objects?: Record<string, unknown>[]
      more?: boolean
      next?: string
    }
    objects.push(...(page.objects ?? []))
    next = page.more ? page.next : undefined
  } while (next)
  return objects
}

async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  const field = page.getByTestId('team-server-dialog').getByTestId(testId)
  await field.click()
  await page.keyboard.press('Control+A')
  await page.keyboard.press('Backspace')
  await page.keyboard.type(text)
}

describe('the team server over TAXII 2.1', () => {
  beforeAll(async () => {
    taxii = await startTaxii({ user: `analyst:${PASSWORD}` })
    app = await launchApp()
  })
  afterAll(async () => {
    await app?.close()
    await taxii?.stop()
  })

  it('pushes the worked example, reads it back through TAXII, and pulls it into a fresh case', async () => {
    const { page } = app
    await buildWorkedExample(page)
    const editorButton = page.getByRole('button', { name: 'Edit details', exact: true })
    await editorButton.click()
    const editor = page.getByTestId('metadata-editor')
    await editor.getByLabel('Publisher / source').fill('Gulf Monitor')
    await editor.getByLabel('Source reliability (Admiralty)').selectOption('B')
    await editor.getByRole('button', { name: 'Save' }).click()
    await editor.waitFor({ state: 'hidden' })
    await page.getByTestId('reader-text').getByText('firing missiles at American bases in').click()
    await page.getByTestId('inspector-credibility').selectOption('2')
    await expect.poll(() => page.getByTestId('inspector-credibility').inputValue()).toBe('2')
    const original = await caseFacts(page, 'Gulf escalation')
    expect(original.events).toHaveLength(3)
    expect(original.reliability).toEqual(['Gulf Monitor: B'])

    // The settings, typed.
    await page.getByTestId('topbar-more').click()
    await page.getByTestId('team-server-open').click()
    const dialog = page.getByTestId('team-server-dialog')
    await typeInto(page, 'team-server-url', taxii.discovery)
    await typeInto(page, 'team-collection', 'casefile-team')
    await typeInto(page, 'team-user', 'analyst')
    await typeInto(page, 'team-secret', PASSWORD)
    await dialog.getByRole('button', { name: 'Save settings' }).click()
    await expect
      .poll(() => dialog.getByTestId('team-secret-kept').innerText())
      .toContain('this page’s memory only')
    await dialog.getByRole('button', { name: 'Test' }).click()
    await expect
      .poll(() => dialog.getByTestId('team-test-result').innerText())
      .toMatch(/Connected: collection “Casefile team \(read-write\)” \(read and write\)/)

    await dialog.getByTestId('team-push').click()
    await expect
      .poll(() => dialog.getByTestId('team-push-report').innerText(), { timeout: 30_000 })
      .toMatch(/^\d+ objects are in “Casefile team \(read-write\)”: \d+ added now/)
    await page.screenshot({ path: 'test-results/taxii-pushed.png' })

    // Read back through TAXII, as another tool of the team would.
    const pushed = await readCollection(taxii.team)
    const names = (type: string) =>
      pushed.filter((o) => o.type === type).map((o) => o.name as string)
    expect(names('incident').sort()).toEqual(EVENTS.map((e) => e.title).sort())
    expect(pushed.filter((o) => o.type === 'extension-definition')).toEqual([])
    const quotes = pushed.filter((o) => o.type === 'note').map((o) => o.content as string)
    for (const e of EVENTS) expect(quotes.some((q) => q.includes(e.quote))).toBe(true)
    expect(JSON.stringify(pushed)).not.toContain(PASSWORD)

    // A fresh case pulls it through the preview.
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await page.getByRole('button', { name: 'New case' }).click()
    const caseDialog = page.getByTestId('case-dialog')
    await caseDialog.getByLabel('Title').click()
    await page.keyboard.type('From the team')
    await caseDialog.getByRole('button', { name: 'Create' }).click()
    await page.getByTestId('topbar-more').click()
    await page.getByTestId('team-server-open').click()
    await dialog.getByTestId('team-pull').click()
    const preview = dialog.getByTestId('team-pull-preview')
    await expect.poll(() => preview.innerText(), { timeout: 30_000 }).toMatch(/3 events/)
    await page.screenshot({ path: 'test-results/taxii-pull-preview.png' })
    await preview.getByTestId('team-import-confirm').click()
    await expect
      .poll(() => dialog.getByTestId('team-pull-report').innerText())
      .toMatch(/^Imported 1 document,.*3 events/)

    const pulled = await caseFacts(page, 'From the team')
    expect(pulled.events).toEqual(original.events)
    expect(pulled.actors).toEqual(original.actors)
    expect(pulled.quotes).toEqual(original.quotes)
    expect(pulled.credibility).toEqual(original.credibility)
    expect(pulled.credibility.some((c) => c.endsWith(': 2'))).toBe(true)
    expect(pulled.reliability).toEqual(original.reliability)

    // A second pull brings nothing new: the case remembers where the last one ended.
    await dialog.getByTestId('team-pull').click()
    await expect
      .poll(() => dialog.getByTestId('team-pull-report').innerText())
      .toContain('Nothing new')
  })

  it('keeps the password out of every file the browser wrote, the backup and IndexedDB', async () => {
    const { page } = app
    await page.keyboard.press('Escape')
    await page.getByTestId('team-server-dialog').waitFor({ state: 'detached' })
    const download = await captureDownload(page, page.getByRole('button', { name: 'Back up' }))
    const backup = await readFile(await download.path(), 'utf8')
    expect(backup).toContain('teamServerPulls')
    expect(backup).not.toContain(PASSWORD)
    const rows = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('casefile')
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      const dump: string[] = []
      for (const name of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const r = db.transaction(name, 'readonly').objectStore(name).getAll()
          r.onsuccess = () => resolve(r.result)
          r.onerror = () => reject(r.error)
        })
        dump.push(`${name}: ${JSON.stringify(all)}`)
      }
      db.close()
      return dump.join('\n')
    })
    expect(rows).toContain('casefile-team') // the settings are there …
    expect(rows).not.toContain(PASSWORD) // … the password is not
    expect(await filesHolding(app.profileDir, PASSWORD)).toEqual([])
  })

  it('shows the 401 sentence for a wrong password', async () => {
    const { page } = app
    await page.getByTestId('topbar-more').click()
    await page.getByTestId('team-server-open').click()
    const dialog = page.getByTestId('team-server-dialog')
    await typeInto(page, 'team-secret', 'not-the-password')
    await dialog.getByRole('button', { name: 'Save settings' }).click()
    await dialog.getByRole('button', { name: 'Test' }).click()
    await expect
      .poll(() => dialog.getByTestId('team-error').innerText())
      .toMatch(/refused the credentials .*\(401\)\. Check the user name and password/)
    await page.screenshot({ path: 'test-results/taxii-401.png' })
  })
})
