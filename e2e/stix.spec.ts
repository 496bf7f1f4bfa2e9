/**
 * STIX 2.1 through the real UI in Chromium: the analyst builds DESIGN.md's worked example and
 * exports it with Export ▾ → STIX 2.1 bundle (the whole case); the bundle imported into a
 * fresh case with "Import STIX…" — the preview says what it holds and what it skips — gives
 * the same events on the timeline, the same actors in the entities list and the same quotes
 * tagged in the reader; imported back into the case it came from, the preview offers every
 * actor as a match to merge or keep apart (a screenshot of it is kept in
 * /tmp/stix-preview.png). Each test builds and exports its own worked example.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  assertNoExternalRequests,
  captureDownload,
  chooseFiles,
  launchApp,
  type App,
} from './harness'
import { tagTexts } from './reader-helpers'
import { buildWorkedExample, EVENTS } from './worked-example'

const ACTORS = ['Iran', 'Qatar', 'Russia', 'United States']

/** Builds the worked example in a new case titled `title` and exports it as STIX. */
async function exportWorkedExample(page: Page, title: string): Promise<string> {
  await buildWorkedExample(page, title)
  // Export ▾ lists STIX with the other formats; its own dialog holds its options.
  await page.getByTestId('export-menu-button').click()
  await page.getByTestId('export-dialog').locator('[data-format="stix"]').click()
  const dialog = page.getByTestId('stix-export-dialog')
  await dialog.waitFor()
  expect(await dialog.getByTestId('stix-export-scope').inputValue()).toBe('')
  const download = await captureDownload(page, dialog.getByRole('button', { name: 'Export' }))
  expect(download.suggestedFilename()).toBe(`${title}.stix.json`)
  return (await download.path())!
}

describe('STIX 2.1 export and import', () => {
  // Each test starts on a fresh installation (the worked example begins at the welcome screen).
  let app: App
  beforeEach(async () => {
    app = await launchApp()
    await app.page.setViewportSize({ width: 1600, height: 1000 })
  })
  afterEach(async () => {
    await app?.close()
  })

  it('exports the worked example as a STIX bundle from Export ▾', async () => {
    const { page } = app
    const bundlePath = await exportWorkedExample(page, 'Gulf escalation')
    const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as {
      type: string
      objects: { type: string; name?: string; content?: string }[]
    }
    expect(bundle.type).toBe('bundle')
    const names = (type: string) =>
      bundle.objects
        .filter((o) => o.type === type)
        .map((o) => o.name)
        .sort()
    expect(names('incident')).toEqual(EVENTS.map((e) => e.title).sort())
    expect(names('location')).toEqual(ACTORS)
    const quotes = bundle.objects.filter((o) => o.type === 'note').map((o) => o.content)
    for (const e of EVENTS) expect(quotes).toContain(e.quote)
    await expect.poll(() => page.locator('.notice.success').innerText()).toMatch(/STIX bundle/)
  })

  it('imports the bundle into a fresh case and finds the same events, actors and quotes', async () => {
    const { page } = app
    const bundlePath = await exportWorkedExample(page, 'Gulf escalation to share')
    await page.getByRole('button', { name: 'New case' }).click()
    const caseDialog = page.getByTestId('case-dialog')
    await caseDialog.getByLabel('Title').click()
    await page.keyboard.type('From STIX')
    await caseDialog.getByRole('button', { name: 'Create' }).click()
    await caseDialog.waitFor({ state: 'hidden' })

    await chooseFiles(page, () => importStixFromMore(page), [bundlePath])
    const preview = page.getByTestId('stix-preview-dialog')
    await preview.waitFor()
    await expect
      .poll(() => preview.getByTestId('stix-preview-counts').innerText())
      .toMatch(/adds 1 document, 4 entities, 3 events/)
    await expect
      .poll(() => preview.innerText())
      .toContain('None of its entities matches one already in the case')
    await preview.getByTestId('stix-import-confirm').click()
    const report = page.getByTestId('stix-report-dialog')
    await expect
      .poll(() => report.getByTestId('stix-report-summary').innerText())
      .toMatch(/1 document, 4 new entities, 3 events/)
    await report.getByRole('button', { name: 'Done' }).click()
    await report.waitFor({ state: 'hidden' })

    expect(await page.getByTestId('case-select').locator('option:checked').innerText()).toBe(
      'From STIX',
    )
    const items = page.getByTestId('timeline').locator('.vis-item.vis-point, .vis-item.vis-range')
    await expect
      .poll(async () => (await items.allInnerTexts()).map((t) => t.trim()).sort())
      .toEqual(EVENTS.map((e) => e.title).sort())

    await page.getByRole('tab', { name: 'Entities' }).click()
    await expect
      .poll(() =>
        page
          .getByTestId('entities-pane')
          .getByTestId('entity-name')
          .allInnerTexts()
          .then((t) => t.sort()),
      )
      .toEqual(ACTORS)

    await page.getByRole('tab', { name: 'Documents' }).click()
    await page.getByTestId('doc-row').first().click()
    await page.getByTestId('reader-text').waitFor()
    await expect
      .poll(async () => (await tagTexts(page)).map((t) => t.text).join('\n'))
      .toContain(EVENTS[0]!.quote)
    const tagged = (await tagTexts(page)).map((t) => t.text).join('')
    for (const e of EVENTS) expect(tagged).toContain(e.quote)
  })

  it('offers the case’s own actors as matches when its bundle comes back in', async () => {
    const { page } = app
    const bundlePath = await exportWorkedExample(page, 'Gulf escalation again')
    await chooseFiles(page, () => importStixFromMore(page), [bundlePath])
    const preview = page.getByTestId('stix-preview-dialog')
    await preview.waitFor()
    const matches = preview.getByTestId('stix-matches')
    await expect.poll(() => matches.locator('input[type=checkbox]').count()).toBe(4)
    await expect.poll(() => matches.innerText()).toContain('Iran (state) → “Iran” (state; same')
    // Keep one apart by keyboard: focus its box and press Space.
    await matches.locator('input[type=checkbox]').first().focus()
    await page.keyboard.press('Space')
    expect(await matches.locator('input[type=checkbox]').first().isChecked()).toBe(false)
    await page.screenshot({ path: '/tmp/stix-preview.png' })
    await preview.getByRole('button', { name: 'Cancel' }).click()
    await preview.waitFor({ state: 'hidden' })
    // Cancelled: nothing was written.
    await page.getByRole('tab', { name: 'Entities' }).click()
    await expect
      .poll(() => page.getByTestId('entities-pane').getByTestId('entity-name').count())
      .toBe(ACTORS.length)
    assertNoExternalRequests()
  })
})

/** More ▾ › Import STIX… in the top bar, as an analyst reaches it. */
async function importStixFromMore(page: Page): Promise<void> {
  await page.getByTestId('topbar-more').click()
  await page.getByRole('button', { name: 'Import STIX…' }).click()
}
