/**
 * Competing hypotheses through the real UI in Chromium, on DESIGN.md's worked example: the
 * analyst opens the matrix with Ctrl+Shift+H, types three hypotheses, adds the case's three
 * events and rates every cell from the keyboard. The matrix ranks the hypotheses by weighted
 * inconsistency, marks the row that rates all three alike as non-diagnostic (and sorts it
 * last on request), and names a cell whose change would change the leader. A saved version
 * lists what changed since; the matrix survives a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchApp, reloadApp, type App } from './harness'
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
