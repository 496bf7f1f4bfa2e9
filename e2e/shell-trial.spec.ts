/**
 * The shell and case-level problems a new analyst's trial found, through the real UI in
 * Chromium at 1280 × 720, each fixed and held here: the reader of an empty case says how to
 * bring documents in (it said "Select a document on the left" with nothing on the left).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chooseFiles, createCase, launchApp, type App } from './harness'
import { SAMPLE_REPORT } from './reader-helpers'

describe('the shell, as a new analyst meets it', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    await app.page.setViewportSize({ width: 1280, height: 720 })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('says how to import in the reader of a case with no documents, and opens the first import', async () => {
    const { page } = app
    await createCase(page, 'An empty case')
    const reader = page.getByTestId('reader-empty')
    await expect
      .poll(() => reader.innerText())
      .toBe(
        'Nothing to read yet: this case has no documents. Import reports, statements or scans with Import… (Ctrl+O) or by dropping files on the window; the first one opens here.',
      )
    await chooseFiles(page, page.getByRole('button', { name: 'Import…' }), [SAMPLE_REPORT])
    await page.getByTestId('import-report').getByRole('button', { name: 'Done' }).click()
    await page.getByTestId('reader-text').waitFor()
    expect(await reader.count()).toBe(0)
  })
})
