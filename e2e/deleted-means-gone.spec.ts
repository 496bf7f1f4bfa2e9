/**
 * Deleted means gone, end to end (issue 11, item 8): a document carrying a marker word is
 * imported, searched (so the search index holds it and is saved) and deleted; after a reload
 * — when no undo of the delete can exist any more — the raw IndexedDB, every object store and
 * every row of it, and a fresh backup download hold no trace of the marker.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { captureDownload, chooseFiles, createCase, launchApp, reloadApp, type App } from './harness'

/** A made-up word found nowhere else; searched for in lower case too. */
const MARKER = 'Zephyrquokka'
const TEXT = `Harbour note\n\nThe envoy met the minister on Monday. The code word was ${MARKER}, and nobody said it twice.\n`

/** Every store of the app's database, every row as JSON, that contains `needle` (any case). */
function rawStoresHolding(page: Page, needle: string): Promise<string[]> {
  return page.evaluate(async (needle) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('casefile')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const found: string[] = []
    try {
      for (const name of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(name, 'readonly').objectStore(name).getAll()
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
        rows.forEach((row, i) => {
          if (JSON.stringify(row).toLowerCase().includes(needle.toLowerCase()))
            found.push(`${name}[${i}]`)
        })
      }
    } finally {
      db.close()
    }
    return found
  }, needle)
}

describe('deleted means gone', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('a deleted document’s text is nowhere in IndexedDB or a backup after a reload', async () => {
    const { page } = app
    await createCase(page, 'Marker case')
    await expect.poll(() => page.getByTestId('case-select').inputValue()).not.toBe('')

    await chooseFiles(page, page.getByRole('button', { name: 'Import…' }).first(), [
      { name: 'harbour-note.txt', mimeType: 'text/plain', buffer: Buffer.from(TEXT) },
    ])
    await page.getByTestId('import-report').waitFor({ state: 'visible' })
    await page.getByTestId('import-report').getByRole('button', { name: 'Done' }).click()

    // Search for it, so that the search index holds the text and saves itself.
    await page.getByTestId('search-input').click()
    await page.keyboard.type(MARKER.toLowerCase())
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(1)
    await expect
      .poll(() => rawStoresHolding(page, MARKER), { timeout: 30_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/^searchIndexes\[/)]))
    expect(await rawStoresHolding(page, MARKER)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^texts\[/)]),
    )

    await page.getByTestId('search-input').click()
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Backspace')
    await page.getByTestId('doc-row').first().click()
    await page.getByTestId('reader').getByRole('button', { name: 'Delete', exact: true }).click()
    await page.getByRole('button', { name: 'Delete document' }).click()
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(0)

    // A new session: the undo stack is gone, and with it every copy of the text.
    await reloadApp(page)
    expect(await rawStoresHolding(page, MARKER)).toEqual([])

    const download = await captureDownload(page, page.getByRole('button', { name: 'Back up' }))
    const backup = readFileSync(await download.path(), 'utf8')
    expect(backup).toContain('"format":"casefile-backup"')
    expect(backup.toLowerCase()).not.toContain(MARKER.toLowerCase())
  })
})
