/**
 * Replacing a document's text through the real UI in Chromium: import a news report, tag
 * four passages, then "Replace text…" with an edited version of the file (a paragraph
 * inserted before one passage, one reworded, one deleted). The report must show an exact, a
 * moved, a fuzzy (with its score) and an orphaned tag; afterwards the highlights must sit on
 * the right words and the orphan must not be drawn at all. Undo must bring back the old text
 * with every tag; redo the new one; and a file identical to the current text changes nothing.
 */
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { REPO_ROOT } from './env'
import { chooseFiles, launchApp, reloadApp, type App } from './harness'
import { selectQuote, tagTexts, newCaseWithFiles } from './reader-helpers'

const V1 = join(REPO_ROOT, 'e2e', 'fixtures', 'reanchor-v1.txt')
const V2 = join(REPO_ROOT, 'e2e', 'fixtures', 'reanchor-v2.txt')

/** Stays where it was: nothing before it changes. */
const EXACT = 'a tanker leaked an unidentified chemical into the inner harbour'
/** A paragraph is inserted before it in v2. */
const MOVED = 'the crew had followed all safety procedures'
/** Reworded slightly in v2… */
const FUZZY = 'At least nine workers were treated in hospital for breathing difficulties'
/** …to this. */
const FUZZY_NOW = 'At least eleven workers were treated in hospital for breathing problems'
/** Its paragraph is deleted in v2. */
const ORPHAN = 'The alarm was raised hours before anyone warned the fishing villages down the coast'
/** Only in v2. */
const INSERTED = 'Updated at 18:05: Police said on Tuesday afternoon'

const BEFORE = [
  { text: EXACT, kind: 'note' },
  { text: MOVED, kind: 'claim' },
  { text: FUZZY, kind: 'claim' },
  { text: ORPHAN, kind: 'note' },
]
const AFTER = [
  { text: EXACT, kind: 'note' },
  { text: MOVED, kind: 'claim' },
  { text: FUZZY_NOW, kind: 'claim' },
]

/** Tags the four passages of `BEFORE`, each with the key of its kind, and checks them drawn. */
async function tagFour(page: Page): Promise<void> {
  for (const { text, kind } of BEFORE) {
    await selectQuote(page, text)
    await page.keyboard.press(kind[0]!)
    await expect.poll(() => tagTexts(page)).toContainEqual({ text, kind })
  }
  await expect.poll(() => tagTexts(page)).toEqual(BEFORE)
}

/** Replaces the text with v2 and waits for the report (left open). */
async function replaceWithV2(page: Page): Promise<Locator> {
  await chooseFiles(page, page.getByTestId('replace-text'), [V2])
  const confirm = page.getByTestId('replace-text-confirm')
  await expect
    .poll(() => confirm.innerText())
    .toMatch(
      /Replace the text of “Port of Valmora closed after chemical leak” with the text of “reanchor-v2\.txt”\? 4 tags will be re-anchored\./,
    )
  await confirm.getByRole('button', { name: 'Replace text' }).click()
  const report = page.getByTestId('reanchor-report')
  await report.waitFor()
  return report
}

/** Tags the four passages, replaces the text with v2 and closes the report: the tags of `AFTER`. */
async function tagAndReplace(page: Page): Promise<void> {
  await tagFour(page)
  const report = await replaceWithV2(page)
  await report.getByRole('button', { name: 'Done' }).click()
  await expect.poll(() => tagTexts(page)).toEqual(AFTER)
}

// Each test opens its own browser, imports v1 and makes the state it starts from through the UI
// (the spec is about what the analyst does), so that one test's failure cannot cascade.
describe('replacing a document’s text re-anchors its tags', () => {
  let app: App
  beforeEach(async () => {
    app = await launchApp()
    await newCaseWithFiles(app.page, 'Valmora leak', [V1])
  })
  afterEach(async () => {
    await app?.close()
  })

  const readerText = () => app.page.getByTestId('reader-text').innerText()

  it('tags four passages', async () => {
    await tagFour(app.page)
  })

  it('replaces the text and reports exact, moved, fuzzy and orphaned tags', async () => {
    const { page } = app
    await tagFour(page)
    const report = await replaceWithV2(page)
    await expect
      .poll(() => report.getByTestId('reanchor-summary').innerText())
      .toContain('4 tags re-anchored: 1 exact, 1 moved, 1 fuzzy, 1 orphaned. 2 tags to check.')
    const rows = await report.getByTestId('reanchor-row').evaluateAll((trs) =>
      trs.map((tr) => {
        const cell = (id: string) => tr.querySelector(`[data-testid="${id}"]`)!.textContent
        return {
          status: (tr as HTMLElement).dataset.status,
          label: cell('reanchor-status'),
          old: cell('reanchor-old'),
          now: cell('reanchor-new'),
        }
      }),
    )
    expect(rows).toEqual([
      { status: 'exact', label: 'Exact', old: EXACT, now: EXACT },
      { status: 'moved', label: 'Moved', old: MOVED, now: MOVED },
      {
        status: 'fuzzy',
        label: expect.stringMatching(/^Fuzzy 0\.\d\d$/),
        old: FUZZY,
        now: FUZZY_NOW,
      },
      {
        status: 'orphan',
        label: 'Orphan',
        old: ORPHAN,
        now: expect.stringMatching(/^Not found\./),
      },
    ])
    const score = Number(rows[2]!.label!.split(' ')[1])
    expect(score).toBeGreaterThanOrEqual(0.75)
    expect(score).toBeLessThan(1)
    await report.getByRole('button', { name: 'Done' }).click()
  })

  it('draws the highlights on the right words of the new text, and not the orphan', async () => {
    const { page } = app
    await tagAndReplace(page)
    await expect.poll(readerText).toContain(INSERTED)
    await expect.poll(() => tagTexts(page)).toEqual(AFTER)
    expect(await readerText()).not.toContain(ORPHAN)
    // Nothing is drawn for the orphan: every highlight belongs to one of the three placed tags.
    const tagged = await page
      .getByTestId('reader-text')
      .locator('[data-tag]')
      .evaluateAll((els) => new Set(els.map((e) => (e as HTMLElement).dataset.tag)).size)
    expect(tagged).toBe(3)
  })

  it('undoes the replacement, old text and every tag included, and redoes it', async () => {
    const { page } = app
    await tagAndReplace(page)
    await page.getByTestId('undo').click()
    await expect.poll(() => tagTexts(page)).toEqual(BEFORE)
    expect(await readerText()).not.toContain(INSERTED)
    await page.getByTestId('redo').click()
    await expect.poll(() => tagTexts(page)).toEqual(AFTER)
    expect(await readerText()).toContain(INSERTED)
  })

  it('changes nothing when the file has the same text', async () => {
    const { page } = app
    await tagAndReplace(page)
    await chooseFiles(page, page.getByTestId('replace-text'), [V2])
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'reanchor-v2.txt' }).innerText())
      .toMatch(/has exactly the text .* already has: nothing was replaced/)
    expect(await page.getByTestId('replace-text-confirm').isVisible()).toBe(false)
    await expect.poll(() => tagTexts(page)).toEqual(AFTER)
  })

  it('lists the fuzzy and orphaned tags under Anchors, to accept, re-attach or delete', async () => {
    const { page } = app
    await tagAndReplace(page)
    await page.getByRole('tab', { name: 'Anchors (2)' }).click()
    const flagged = page.getByTestId('flagged-tag')
    await expect.poll(() => flagged.count()).toBe(2)
    const orphan = flagged.and(page.locator('[data-status="orphan"]'))
    await expect.poll(() => orphan.getByTestId('flagged-quote').innerText()).toContain(ORPHAN)
    // Accept the fuzzy match: it is no longer flagged and keeps its place.
    await flagged
      .and(page.locator('[data-status="fuzzy"]'))
      .getByRole('button', { name: 'Accept' })
      .click()
    await expect.poll(() => flagged.count()).toBe(1)
    // Re-attach the orphan to other words chosen in the reader.
    await selectQuote(page, 'Port of Valmora')
    await orphan.getByRole('button', { name: 'Re-attach to selection' }).click()
    await expect.poll(() => flagged.count()).toBe(0)
    await expect
      .poll(() => tagTexts(page))
      .toContainEqual({ text: 'Port of Valmora', kind: 'note' })
    await page.getByRole('tab', { name: 'Inspector' }).click()
    // Both are single undoable actions.
    await page.getByTestId('undo').click()
    await expect.poll(() => tagTexts(page)).toEqual(AFTER)
    await expect
      .poll(() => page.getByTestId('undo').getAttribute('aria-label'))
      .toMatch(/^Undo Accept/)
    await page.getByTestId('undo').click()
    await expect.poll(() => page.getByRole('tab', { name: 'Anchors (2)' }).count()).toBe(1)
  })

  it('keeps them there after a reload', async () => {
    const { page } = app
    await tagAndReplace(page)
    await reloadApp(page)
    await page.getByTestId('doc-row').first().click()
    await expect.poll(() => tagTexts(page)).toEqual(AFTER)
  })
})
