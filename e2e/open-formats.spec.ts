/**
 * Open-format exports through the real UI (issue 14): after building DESIGN.md's worked
 * example, the top bar's Export ▾ writes each format for the whole case, and each downloaded
 * file is read back — the events CSV opens with a UTF-8 byte order mark and quotes the
 * passages (which hold commas), the GEXF file validates against the official RELAX NG schema
 * with xmllint, the GraphML file is well-formed, and the W3C annotations parse and quote the
 * tagged passages. One export is made from the keyboard alone, and one for a briefing's
 * selection: only the briefing's event goes into the CSV. A case with nothing tagged says so
 * in the dialog and still exports a valid, empty file.
 */
import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { captureDownload, launchApp, type App } from './harness'
import { buildWorkedExample, EVENTS } from './worked-example'

const GEXF_RNG = fileURLToPath(new URL('../../shared/schemas/gexf-1.3/gexf.rng', import.meta.url))

/** Opens Export ▾ and saves `format` for the whole case; resolves to the file's path and name. */
async function exportAs(page: Page, label: RegExp): Promise<{ path: string; name: string }> {
  await page.getByTestId('export-menu-button').click()
  const dialog = page.getByTestId('export-dialog')
  await dialog.getByRole('button', { name: label }).waitFor()
  const download = await captureDownload(page, dialog.getByRole('button', { name: label }))
  await dialog.waitFor({ state: 'hidden' })
  return { path: await download.path(), name: download.suggestedFilename() }
}

describe('open formats: export the worked example', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    await app.page.setViewportSize({ width: 1600, height: 1000 })
  })
  afterAll(async () => {
    app?.assertNoExternalRequests()
    app?.assertNoPageErrors()
    await app?.close()
  })

  it('Export ▾ lists every open format for the worked example; Escape closes it', async () => {
    const { page } = app
    await buildWorkedExample(page)
    await page.getByTestId('export-menu-button').click()
    const dialog = page.getByTestId('export-dialog')
    const formats = dialog.locator('[data-format]')
    await expect.poll(() => formats.count()).toBe(5)
    expect(await formats.evaluateAll((b) => b.map((e) => e.getAttribute('data-format')))).toEqual([
      'w3c',
      'csv',
      'gexf',
      'graphml',
      'stix',
    ])
    expect(await dialog.getByTestId('export-scope').inputValue()).toBe('')
    await expect
      .poll(() => dialog.getByTestId('export-summary').innerText())
      .toMatch(/^The case holds \d+ tagged passages, 3 events and 4 actors\.$/)
    // The dialog sits inside the top bar in the DOM, but its buttons are the ordinary light,
    // wrapping ones, not the bar's dark one-line buttons (which ran past the dialog's edge).
    const looks = await page.evaluate(() => {
      const bg = (e: Element | null) => (e ? getComputedStyle(e).backgroundColor : '')
      const body = document.querySelector('[data-testid="export-dialog"] .dialog-body')!
      const right = body.getBoundingClientRect().right
      const buttons = [...body.querySelectorAll('[data-format]')]
      return {
        bar: bg(document.querySelector('[data-testid="export-menu-button"]')),
        formats: [...new Set(buttons.map(bg))],
        footer: bg(document.querySelector('[data-testid="export-dialog"] .dialog-actions button')),
        overflow: body.scrollWidth - body.clientWidth,
        pastEdge: buttons.filter((b) => b.getBoundingClientRect().right > right).length,
      }
    })
    expect(looks.formats).toHaveLength(1)
    expect(looks.formats[0]).not.toBe(looks.bar)
    expect(looks.footer).not.toBe(looks.bar)
    expect(looks.overflow).toBe(0)
    expect(looks.pastEdge).toBe(0)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
  })

  it('events CSV: UTF-8 with a BOM, one row per event, passages quoted', async () => {
    const file = await exportAs(app.page, /Events CSV/)
    expect(file.name).toBe('Gulf escalation.events.csv')
    const bytes = await readFile(file.path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8').slice(1)
    const lines = text.split('\r\n').filter(Boolean)
    expect(lines[0]).toMatch(/^event_id,event_date,time_precision,/)
    expect(lines).toHaveLength(EVENTS.length + 1)
    // The strike's passage holds commas, so its cell is quoted (RFC 4180).
    expect(text).toContain('"“targeted key sites at Fordow, Natanz, and Isfahan”"')
    for (const e of EVENTS) expect(text).toContain(e.title)
  })

  it('GEXF: validates against the official schema, with the four actors where the panel put them', async () => {
    // The graph panel saves its layout once it has laid the actors out; export until the file
    // carries the saved positions (a state to wait for, not a time).
    let file = { path: '', name: '' }
    let xml = ''
    await expect
      .poll(
        async () => {
          file = await exportAs(app.page, /GEXF actor graph/)
          xml = await readFile(file.path, 'utf8')
          return xml.match(/<viz:position /g)?.length ?? 0
        },
        { timeout: 20_000 },
      )
      .toBe(4)
    expect(file.name).toBe('Gulf escalation.gexf')
    // Throws (failing the test) when xmllint finds the file invalid.
    execFileSync('xmllint', ['--noout', '--relaxng', GEXF_RNG, file.path], { stdio: 'pipe' })
    const labels = [...xml.matchAll(/<node id="[^"]+" label="([^"]+)"/g)].map((m) => m[1]).sort()
    expect(labels).toEqual(['Iran', 'Qatar', 'Russia', 'United States'])
    expect(xml).toContain('<spell start="2025-06-21')
  })

  it('GraphML: well-formed, with the actors and their ties', async () => {
    const file = await exportAs(app.page, /GraphML actor graph/)
    expect(file.name).toBe('Gulf escalation.graphml')
    execFileSync('xmllint', ['--noout', file.path], { stdio: 'pipe' })
    const xml = await readFile(file.path, 'utf8')
    expect(xml.match(/<node /g)).toHaveLength(4)
    expect(xml.match(/<edge /g)).toHaveLength(3)
  })

  it('W3C annotations, from the keyboard: parse and quote every tagged passage', async () => {
    const { page } = app
    await page.getByTestId('export-menu-button').focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByTestId('export-dialog')
    // Focus starts on the scope; the first format is the next stop.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT')
    await page.keyboard.press('Tab')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-format')))
      .toBe('w3c')
    const download = await captureDownload(page, () => page.keyboard.press('Enter'))
    await dialog.waitFor({ state: 'hidden' })
    expect(download.suggestedFilename()).toBe('Gulf escalation.annotations.jsonld')
    const collection = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      type: string
      total: number
      first: { items: { target: { selector: { type: string; exact?: string }[] } }[] }
    }
    expect(collection.type).toBe('AnnotationCollection')
    expect(collection.total).toBe(collection.first.items.length)
    const quotes = collection.first.items.map(
      (a) => a.target.selector.find((s) => s.type === 'TextQuoteSelector')?.exact,
    )
    for (const e of EVENTS) expect(quotes).toContain(e.quote)
    for (const actor of ['Iran', 'U.S.', 'Russian', 'Qatar']) expect(quotes).toContain(actor)
  })

  it("a briefing's selection: only its events, from the briefing chosen in the dialog", async () => {
    const { page } = app
    const missile = EVENTS[2]!
    await page.getByTestId('view-briefing').click()
    await page.getByRole('button', { name: 'New briefing' }).click()
    await page.getByTestId('briefing-title').click()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('Missile strike only')
    await page
      .getByTestId('briefing-event')
      .filter({ hasText: missile.title })
      .getByRole('checkbox')
      .click()
    await expect
      .poll(() => page.getByTestId('briefing-events').locator('legend').innerText())
      .toBe('Events in the chronology (1)')

    await page.getByTestId('export-menu-button').click()
    const dialog = page.getByTestId('export-dialog')
    const scope = dialog.getByTestId('export-scope')
    await expect
      .poll(() => scope.locator('option').allInnerTexts())
      .toContainEqual(expect.stringMatching(/^Briefing: Missile strike only/))
    await scope.selectOption({ label: (await scope.locator('option').nth(1).innerText()).trim() })
    await expect
      .poll(() => dialog.getByTestId('export-summary').innerText())
      .toMatch(/^This briefing rests on 1 event:/)
    const download = await captureDownload(page, dialog.getByRole('button', { name: /Events CSV/ }))
    expect(download.suggestedFilename()).toBe('Gulf escalation - Missile strike only.events.csv')
    const lines = (await readFile(await download.path(), 'utf8')).split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain(missile.title)
    expect(lines[1]).toContain(`“${missile.quote}”`)
  })

  it('says plainly when there is nothing to export yet', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'New case' }).click()
    await page.getByTestId('case-dialog').getByLabel('Title').click()
    await page.keyboard.type('Empty case')
    await page.getByTestId('case-dialog').getByRole('button', { name: 'Create' }).click()
    await page.getByTestId('case-dialog').waitFor({ state: 'hidden' })
    await page.getByTestId('export-menu-button').click()
    const dialog = page.getByTestId('export-dialog')
    await expect
      .poll(() => dialog.getByTestId('export-summary').innerText())
      .toBe(
        'Nothing is tagged in this case yet, so the files will be empty. Tag passages and make events first.',
      )
    // Still exports: a valid, empty file.
    const download = await captureDownload(page, dialog.getByRole('button', { name: /W3C/ }))
    const collection = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      total: number
    }
    expect(collection.total).toBe(0)
  })
})
