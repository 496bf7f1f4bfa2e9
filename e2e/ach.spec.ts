/**
 * Competing hypotheses through the real UI in Chromium, on DESIGN.md's worked example: the
 * analyst opens the matrix with Ctrl+Shift+H, types three hypotheses, adds the case's three
 * events and rates every cell from the keyboard. The matrix ranks the hypotheses by weighted
 * inconsistency, marks the row that rates all three alike as non-diagnostic (and sorts it
 * last on request), and names a cell whose change would change the leader. A saved version
 * lists what changed since; the matrix survives a reload. A second test, on a case of its
 * own, exports the matrix as a figure (SVG) from the keyboard, cites a saved version from a
 * key judgement in a briefing and reads the exported HTML: the judgement's citation points to
 * the matrix's figure, which names the hypotheses and the leader — after a reload and in the
 * case restored from a backup too.
 */
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { captureDownload, chooseFiles, launchApp, reloadApp, type App } from './harness'
import { buildWorkedExample } from './worked-example'

const HYPOTHESES = ['Retaliation for the US strikes', 'A show of force before talks', 'An accident']

/** Keys per event, one per hypothesis (c C, Shift+C CC, n N, i I, Shift+I II). */
const RATINGS: Record<string, string[]> = {
  'US strikes on nuclear sites': ['c', 'i', 'i'],
  'Araghchi meets Putin in Moscow': ['c', 'c', 'c'],
  'Missile strike on Al Udeid Air Base': ['Shift+C', 'c', 'Shift+I'],
}
const EXPECTED: Record<string, string[]> = {
  'US strikes on nuclear sites': ['C', 'I', 'I'],
  'Araghchi meets Putin in Moscow': ['C', 'C', 'C'],
  'Missile strike on Al Udeid Air Base': ['CC', 'C', 'II'],
}

const dialog = (page: Page) => page.getByTestId('ach-dialog')
const rowTitles = (page: Page) =>
  dialog(page)
    .getByTestId('ach-row')
    .evaluateAll((rows) => rows.map((r) => r.querySelector('th button')?.textContent?.trim() ?? ''))
const ratings = (page: Page) =>
  dialog(page)
    .getByTestId('ach-row')
    .evaluateAll((rows) =>
      Object.fromEntries(
        rows.map((r) => [
          r.querySelector('th button')?.textContent?.trim() ?? '',
          [...r.querySelectorAll('[data-testid="ach-cell"]')].map((c) =>
            c.getAttribute('data-rating'),
          ),
        ]),
      ),
    )

describe('competing hypotheses', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
  })
  afterAll(() => app.close())

  it('is built from the keyboard, ranks, says what the leader rests on, keeps versions and survives a reload', async () => {
    const { page } = app
    await buildWorkedExample(page)
    await page.keyboard.press('Control+Shift+H')
    await dialog(page).waitFor()
    await expect
      .poll(() => dialog(page).getByTestId('ach-empty').innerText())
      .toMatch(/No hypotheses yet/)

    const input = dialog(page).getByTestId('ach-new-hypothesis')
    for (const h of HYPOTHESES) {
      await input.click()
      await page.keyboard.type(h)
      await page.keyboard.press('Enter')
      await expect.poll(() => input.inputValue()).toBe('')
    }
    await expect
      .poll(() => dialog(page).getByTestId('ach-hypothesis').allInnerTexts())
      .toEqual(HYPOTHESES.map((h) => `${h} ×`))

    await dialog(page).getByRole('button', { name: 'Add all events' }).click()
    await expect
      .poll(async () => (await rowTitles(page)).sort())
      .toEqual(Object.keys(RATINGS).sort())

    // Rate row by row: click the row's first cell, then a letter and → for each hypothesis.
    const titles = await rowTitles(page)
    for (const [r, title] of titles.entries()) {
      await dialog(page).locator(`[data-testid="ach-cell"][data-row="${r}"][data-col="0"]`).click()
      for (const key of RATINGS[title]!) {
        await page.keyboard.press(key)
        await page.keyboard.press('ArrowRight')
      }
      await expect.poll(async () => (await ratings(page))[title]).toEqual(EXPECTED[title])
    }

    // Only inconsistency counts: retaliation has none, so it leads.
    await expect
      .poll(() => dialog(page).getByTestId('ach-leader').innerText())
      .toBe('Leading: Retaliation for the US strikes (the least inconsistent).')
    const scores = await dialog(page).getByTestId('ach-score').allInnerTexts()
    expect(scores.map((s) => s.split('#')[1])).toEqual(['1', '2', '3'])
    expect(Number(scores[0]!.split(' ')[0])).toBe(0)

    // The meeting rates all three alike: non-diagnostic, and last once sorted.
    const meeting = dialog(page).getByTestId('ach-row').filter({ hasText: 'Araghchi meets Putin' })
    await expect.poll(() => meeting.getAttribute('class')).toBe('ach-nondiagnostic')
    await expect.poll(() => meeting.innerText()).toContain('non-diagnostic')
    await dialog(page)
      .getByLabel(/Sort by diagnosticity/)
      .check()
    await expect
      .poll(() => rowTitles(page))
      .toEqual([
        'Missile strike on Al Udeid Air Base',
        'US strikes on nuclear sites',
        'Araghchi meets Putin in Moscow',
      ])

    // The leader rests on single cells: rating one of its rows II would hand the lead on.
    const flips = await dialog(page).getByTestId('ach-flips').innerText()
    expect(flips).toMatch(
      /for “Retaliation for the US strikes” would make “A show of force before talks” lead\./,
    )
    await expect
      .poll(() => dialog(page).getByTestId('ach-without-weak').innerText())
      .toMatch(/^Without evidence from sources graded D–F: Retaliation/)
    await page.screenshot({ path: '/tmp/ach-matrix.png' })

    // A version, what changed since it, and a reload.
    const label = dialog(page).getByLabel('Version label')
    await label.click()
    await page.keyboard.type('Before the briefing')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => dialog(page).getByTestId('ach-changes').innerText())
      .toMatch(/Since “Before the briefing”/)

    // Change the accident hypothesis on the US strikes from I to N.
    await dialog(page)
      .getByLabel(/Sort by diagnosticity/)
      .uncheck()
    const r = (await rowTitles(page)).indexOf('US strikes on nuclear sites')
    await dialog(page).locator(`[data-testid="ach-cell"][data-row="${r}"][data-col="2"]`).click()
    await page.keyboard.press('n')
    await expect
      .poll(() => dialog(page).getByTestId('ach-changes').innerText())
      .toContain('US strikes on nuclear sites for “An accident”: I → N')

    await reloadApp(page)
    await page.keyboard.press('Control+Shift+H')
    await dialog(page).waitFor()
    await expect
      .poll(() => ratings(page))
      .toEqual({
        ...EXPECTED,
        'US strikes on nuclear sites': ['C', 'I', 'N'],
      })
    await expect.poll(() => dialog(page).getByTestId('ach-changes').innerText()).toContain('I → N')
  })
})

describe('the matrix in print and in a briefing', () => {
  // A fresh installation: this test builds its own case.
  let app: App
  beforeAll(async () => {
    app = await launchApp()
  })
  afterAll(() => app.close())

  it('prints the matrix as a figure and a key judgement cites it in the briefing, through a reload and a backup', async () => {
    const { page } = app
    await buildWorkedExample(page, 'Hypotheses in a briefing')
    await page.keyboard.press('Control+Shift+H')
    await dialog(page).waitFor()
    const input = dialog(page).getByTestId('ach-new-hypothesis')
    for (const h of HYPOTHESES) {
      await input.click()
      await page.keyboard.type(h)
      await page.keyboard.press('Enter')
      await expect.poll(() => input.inputValue()).toBe('')
    }
    await dialog(page).getByRole('button', { name: 'Add all events' }).click()
    await expect.poll(async () => (await rowTitles(page)).length).toBe(3)
    const titles = await rowTitles(page)
    for (const [r, title] of titles.entries()) {
      await dialog(page).locator(`[data-testid="ach-cell"][data-row="${r}"][data-col="0"]`).click()
      for (const key of RATINGS[title]!) {
        await page.keyboard.press(key)
        await page.keyboard.press('ArrowRight')
      }
      await expect.poll(async () => (await ratings(page))[title]).toEqual(EXPECTED[title])
    }
    await expect
      .poll(() => dialog(page).getByTestId('ach-leader').innerText())
      .toBe('Leading: Retaliation for the US strikes (the least inconsistent).')

    // Print / Export SVG from the keyboard: the figure names every hypothesis and the leader.
    await dialog(page).getByTestId('ach-export-svg').focus()
    const download = await captureDownload(page, () => page.keyboard.press('Enter'))
    const svg = await readFile((await download.path())!, 'utf8')
    expect(svg.startsWith('<svg')).toBe(true)
    for (const h of HYPOTHESES) expect(svg).toContain(h)
    expect(svg).toContain('Leading: Retaliation for the US strikes (the least inconsistent).')
    expect(svg).toContain('★ leads')
    expect(svg).toContain('non-diagnostic')

    const label = dialog(page).getByLabel('Version label')
    await label.click()
    await page.keyboard.type('For the morning briefing')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => dialog(page).getByTestId('ach-changes').innerText())
      .toMatch(/Since “For the morning briefing”/)
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog(page).count()).toBe(0)

    // A briefing whose key judgement rests on that version of the matrix.
    await page.getByTestId('view-briefing').click()
    await page.getByRole('button', { name: 'New briefing' }).click()
    await page.getByRole('button', { name: 'Add a key judgement' }).click()
    await page.getByTestId('judgement-text').click()
    await page.keyboard.type('Iran’s strike was retaliation for the US strikes')
    const cite = page.getByTestId('judgement-ach')
    const option = cite.locator('option', { hasText: 'For the morning briefing' })
    await expect.poll(() => option.count()).toBe(1)
    await cite.selectOption((await option.getAttribute('value'))!)
    await expect.poll(() => cite.inputValue()).not.toBe('')
    await page.getByTestId('briefing-events').getByRole('button', { name: 'All' }).click()
    await expect
      .poll(() => page.getByTestId('briefing-events').locator('legend').innerText())
      .toBe('Events in the chronology (3)')
    await expectCitedFigure(page)

    await reloadApp(page)
    await page.getByTestId('view-briefing').click()
    await expect.poll(() => page.getByTestId('judgement-ach').inputValue()).not.toBe('')
    await expectCitedFigure(page)

    // A backup carries the citation and the version; the restored case prints them.
    await page.getByRole('button', { name: 'Workbench' }).click()
    const backup = await captureDownload(page, page.getByRole('button', { name: 'Back up' }))
    const path = (await backup.path())!
    const file = JSON.parse(await readFile(path, 'utf8')) as {
      case: { ach?: { versions: { id: string; label: string }[] } }
      briefings: { judgements: { achVersion?: { id: string; at: number } }[] }[]
    }
    const version = file.case.ach?.versions.find((v) => v.label === 'For the morning briefing')
    expect(version).toBeDefined()
    expect(file.briefings[0]?.judgements[0]?.achVersion?.id).toBe(version?.id)
    await chooseFiles(page, page.getByRole('button', { name: 'Restore' }), [path])
    await expect
      .poll(() => page.getByTestId('case-select').locator('option:checked').innerText())
      .toMatch(/\(restored\)$/)
    await page.getByTestId('view-briefing').click()
    await expectCitedFigure(page)
    app.assertNoExternalRequests()
  })
})

/**
 * Exports the open briefing as HTML (what prints) and checks that its first key judgement
 * cites "Figure N: competing hypotheses, version of …" and that figure N is the matrix, naming
 * the three hypotheses and the leader.
 */
async function expectCitedFigure(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'HTML', exact: true })
  await expect.poll(() => button.isEnabled()).toBe(true)
  const download = await captureDownload(page, button)
  const html = await readFile((await download.path())!, 'utf8')
  const cite =
    /<span class="ach-cite">\(<a href="#(figure-ach-1)">see Figure (\d+): competing hypotheses, version of ([^<]+)<\/a>\)<\/span>/.exec(
      html,
    )
  expect(cite, 'the judgement cites the matrix').not.toBeNull()
  const [, anchor, n, when] = cite!
  const figure = new RegExp(
    `<figure id="${anchor}">\\n<img alt="Matrix of competing hypotheses" src="data:image/svg\\+xml;base64,([^"]+)">\\n<figcaption>Figure ${n}\\. Competing hypotheses, version of ${when!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
  ).exec(html)
  expect(figure, 'the cited figure is the matrix').not.toBeNull()
  const svg = Buffer.from(figure![1]!, 'base64').toString('utf8')
  for (const h of HYPOTHESES) expect(svg).toContain(h)
  expect(svg).toContain('Leading: Retaliation for the US strikes (the least inconsistent).')
}
