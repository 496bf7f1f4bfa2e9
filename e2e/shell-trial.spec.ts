/**
 * The shell and case-level problems a new analyst's trial found, through the real UI in
 * Chromium at 1280 × 720, each fixed and held here: the reader of an empty case says how to
 * bring documents in (it said "Select a document on the left" with nothing on the left);
 * undoing a document's deletion brings it back into the reader (the library had it again, the
 * reader stayed empty), and redoing the deletion closes it; a restored case is told apart
 * from its original in the case picker (its "(restored)" was cut off by the picker's width);
 * the app's keys work while the briefing's preview has the focus (a click in the preview took
 * the keyboard away from the app), and ? opens the list of keys; and the small things: Import
 * and Back up are disabled, saying why, with no case open; the backup's notice names its file;
 * the library's tabs keep to one line and the search box shows its whole placeholder at 1280
 * px; About lists the reader's S and X and the timeline's keys; the hypotheses' version field
 * has a visible label. A screenshot of the picker is written to /tmp/case-picker-1280.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { captureDownload, chooseFiles, createCase, launchApp, type App } from './harness'
import { SAMPLE_REPORT } from './reader-helpers'

/** Creates a case called `title` and imports the sample report into it; waits for the reader. */
async function caseWithReport(page: Page, title: string): Promise<void> {
  await createCase(page, title)
  await chooseFiles(page, page.getByRole('button', { name: 'Import…' }), [SAMPLE_REPORT])
  await page.getByTestId('import-report').getByRole('button', { name: 'Done' }).click()
  await page.getByTestId('reader-text').waitFor()
}

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

  it('reopens a deleted document in the reader when its deletion is undone, and closes it on redo', async () => {
    const { page } = app
    await caseWithReport(page, 'Undo a deletion')
    const title = await page.getByTestId('reader-title').innerText()
    await page.getByTestId('reader').getByRole('button', { name: 'Delete', exact: true }).click()
    await page.getByRole('button', { name: 'Delete document' }).click()
    await page.getByTestId('reader-empty').waitFor()
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(0)

    // Ctrl+Z (the document list has the focus): the document is back, and open again.
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(1)
    await expect.poll(() => page.getByTestId('reader-title').innerText()).toBe(title)
    await page.getByTestId('reader-text').waitFor()

    // Redo deletes it again: the reader closes, as the deletion closed it.
    await page.getByTestId('redo').click()
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(0)
    await page.getByTestId('reader-empty').waitFor()
  })

  it('tells a restored case from its original in the case picker', async () => {
    const { page } = app
    await page.getByTestId('topbar-more').click()
    await page.getByTestId('more-about').click()
    await page
      .getByTestId('about-dialog')
      .getByRole('button', { name: 'Open the sample case' })
      .click()
    const picker = page.getByTestId('case-select')
    const original = 'Harbour Street dispute (sample case)'
    await expect.poll(() => picker.locator('option:checked').innerText()).toBe(original)
    const backup = await captureDownload(page, page.getByRole('button', { name: 'Back up' }))
    // The notice names the file written.
    await expect
      .poll(() => page.getByTestId('notice').allInnerTexts())
      .toContainEqual(
        expect.stringContaining(
          `Backup of “${original}” saved as ${backup.suggestedFilename()} in the browser’s downloads.`,
        ),
      )
    await chooseFiles(page, page.getByRole('button', { name: 'Restore' }), [await backup.path()])
    await expect
      .poll(() => picker.locator('option:checked').innerText())
      .toBe(`${original} (restored)`)

    // What the picker shows: each option's label (the whole title when it fits), which must
    // fit the picker's text room and keep the end that tells the copies apart.
    const shown = () =>
      picker.evaluate((select: HTMLSelectElement) => {
        const style = getComputedStyle(select)
        const room =
          select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
        const measure = document.createElement('canvas').getContext('2d')!
        measure.font = style.font
        return [...select.options].map((o) => ({
          label: o.label,
          title: o.title,
          fits: measure.measureText(o.label).width <= room,
        }))
      })
    const options = await shown()
    const restored = options.find((o) => o.title === `${original} (restored)`)!
    const first = options.find((o) => o.title === original)!
    expect(restored.label).toMatch(/^Harbour .*….*\(restored\)$/)
    expect(first.label).not.toBe(restored.label)
    expect(options.every((o) => o.fits)).toBe(true)
    expect(await picker.getAttribute('title')).toBe(`${original} (restored)`)
    await page.screenshot({
      path: '/tmp/case-picker-1280.png',
      clip: { x: 0, y: 0, width: 640, height: 60 },
    })
  })

  it('hears its shortcuts while the briefing preview has the focus; ? lists the keys', async () => {
    const { page } = app
    await page.getByTestId('topbar-more').click()
    await page.getByTestId('more-about').click()
    await page
      .getByTestId('about-dialog')
      .getByRole('button', { name: 'Open the sample case' })
      .click()
    await page.getByTestId('doc-row').first().waitFor()
    await page.getByTestId('view-briefing').click()
    await page.getByRole('button', { name: 'New briefing' }).click()
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('briefing-title')
    const untitled = await page.getByTestId('briefing-title').inputValue()
    await page.keyboard.type('Harbour Street, week 42')
    const preview = page.frameLocator('[data-testid="briefing-preview"]')
    await expect.poll(() => preview.locator('h1').innerText()).toBe('Harbour Street, week 42')
    // Still no scripts in the preview: same origin only, so that the app hears its keys.
    expect(await page.getByTestId('briefing-preview').getAttribute('sandbox')).toBe(
      'allow-same-origin',
    )
    const inPreview = async () => {
      await preview.locator('h1').click()
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME')
    }

    // ? opens About with the keys; Escape closes it.
    await inPreview()
    await page.keyboard.press('?')
    const about = page.getByTestId('about-dialog')
    await about.waitFor()
    expect(await about.innerText()).toContain('This list of keys (About)')
    await page.keyboard.press('Escape')
    await about.waitFor({ state: 'hidden' })

    // Ctrl+Z undoes the title's typing.
    await inPreview()
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.getByTestId('briefing-title').inputValue()).toBe(untitled)

    // Ctrl+K goes to the search box.
    await inPreview()
    await page.keyboard.press('Control+k')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('search-input')
  })

  it('disables Import and Back up, saying why, while no case is open', async () => {
    const fresh = await launchApp()
    try {
      const { page } = fresh
      await page.getByTestId('welcome').waitFor()
      for (const name of ['Import…', 'Back up']) {
        const button = page.getByRole('button', { name, exact: true })
        expect(await button.isDisabled()).toBe(true)
        expect(await button.getAttribute('title')).toBe(
          'Create or open a case first (New case, or Restore a backup)',
        )
      }
      expect(await page.getByRole('button', { name: 'Restore', exact: true }).isEnabled()).toBe(
        true,
      )
      await createCase(page, 'Now there is one')
      await expect
        .poll(() => page.getByRole('button', { name: 'Import…', exact: true }).isEnabled())
        .toBe(true)
      expect(await page.getByRole('button', { name: 'Back up', exact: true }).isEnabled()).toBe(
        true,
      )
    } finally {
      await fresh.close()
    }
  })

  it('fits the library’s tabs and the search box’s placeholder at 1280 px', async () => {
    const { page } = app
    await page.getByTestId('doc-row').first().waitFor()
    const tabTops = await page
      .getByRole('tablist')
      .first()
      .locator('[role="tab"]')
      .evaluateAll((tabs) => tabs.map((t) => Math.round(t.getBoundingClientRect().top)))
    expect(tabTops).toHaveLength(3)
    expect(new Set(tabTops).size).toBe(1)
    expect(await fitsPlaceholder(page.getByTestId('search-input'))).toBe(true)
  })

  it('lists the reader’s and the timeline’s keys in About', async () => {
    const { page } = app
    // From the document list (not a text field, where ? is a character).
    await page.getByTestId('doc-row').first().click()
    await page.keyboard.press('?')
    const about = page.getByTestId('about-dialog')
    await about.waitFor()
    const text = await about.innerText()
    for (const line of [
      'Reader: open the menu of the suggestion under the selection',
      'Reader: add the selected passage to an existing event',
      'Timeline (focused): the previous / next event',
      'Timeline: delete the selected event (asks first)',
    ]) {
      expect(text).toContain(line)
    }
    const keys = await about.locator('kbd').allInnerTexts()
    expect(keys).toEqual(expect.arrayContaining(['S', 'X', '← / →', 'Home / End', '?']))
    await page.keyboard.press('Escape')
    await about.waitFor({ state: 'hidden' })
  })

  it('labels the hypotheses’ version field, and shows its whole placeholder', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Hypotheses' }).click()
    const dialog = page.getByTestId('ach-dialog')
    const field = dialog.getByLabel('Version label')
    await field.waitFor()
    // The label is on screen, not only for a screen reader.
    const label = dialog.locator('label').filter({ hasText: 'Version label' })
    expect(await label.isVisible()).toBe(true)
    expect(await field.getAttribute('aria-label')).toBeNull()
    expect(await fitsPlaceholder(field)).toBe(true)
    expect(await fitsPlaceholder(dialog.getByTestId('ach-new-hypothesis'))).toBe(true)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
  })
})

/** Whether a text field's placeholder fits its box, measured in its own font. */
function fitsPlaceholder(field: Locator): Promise<boolean> {
  return field.evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input)
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    const measure = document.createElement('canvas').getContext('2d')!
    measure.font = style.font
    return measure.measureText(input.placeholder).width <= room
  })
}
