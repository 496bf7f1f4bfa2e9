/**
 * The top bar and the case bar through the real UI in Chromium, on the sample case (a long
 * case title): the bar keeps to one line at 1280 and 1440 px wide, its rarer actions behind
 * "More ▾", which the keyboard opens, walks and closes; deleting a case asks first with the
 * focus on Cancel (Escape cancels) and says everything the case holds, in words that agree
 * with their counts; the new-case dialog starts in its Title field. Screenshots of the bar
 * are written to /tmp/top-bar-1280.png and /tmp/top-bar-1440.png to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchApp, type App } from './harness'

/** How many lines the top bar's own controls take (tops more than 12 px apart start one). */
const barLines = (page: Page) =>
  page.locator('.topbar').evaluate((bar) => {
    const tops = [...bar.querySelectorAll('button, select')]
      .filter((el) => !el.closest('dialog, .more-list'))
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0)
      .map((r) => r.top)
      .sort((a, b) => a - b)
    return tops.filter((top, i) => i === 0 || top - tops[i - 1]! > 12).length
  })

describe('the top bar and the case bar', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    const { page } = app
    await page.getByTestId('open-sample').click()
    await page.getByTestId('doc-row').first().waitFor()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('keeps the top bar to one line from 1280 px wide', async () => {
    const { page } = app
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 900 })
      await expect.poll(() => barLines(page)).toBe(1)
      await page.screenshot({
        path: `/tmp/top-bar-${width}.png`,
        clip: { x: 0, y: 0, width, height: 120 },
      })
    }
  })

  it('opens More ▾ from the keyboard, walks it with the arrows and closes it with Escape', async () => {
    const { page } = app
    const more = page.getByTestId('topbar-more')
    await more.focus()
    await page.keyboard.press('Enter')
    expect(await more.getAttribute('aria-expanded')).toBe('true')
    const focused = () => page.evaluate(() => document.activeElement?.textContent)
    expect(await focused()).toBe('Import STIX…')
    await page.keyboard.press('ArrowDown')
    expect(await focused()).toBe('Team server…')
    await page.keyboard.press('ArrowDown')
    expect(await focused()).toBe('About')
    await page.keyboard.press('Escape')
    expect(await more.getAttribute('aria-expanded')).toBe('false')
    expect(await focused()).toBe('More ▾')
    // Enter on an item runs it: About opens.
    await page.keyboard.press('Enter')
    await page.keyboard.press('ArrowUp')
    expect(await focused()).toBe('About')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('dialog', { name: /About/ }).isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await page.getByRole('dialog', { name: /About/ }).waitFor({ state: 'hidden' })
  })

  it('asks before deleting a case, focused on Cancel, and lists all it holds', async () => {
    const { page } = app
    await page
      .getByTestId('case-select')
      .locator('..')
      .getByRole('button', { name: 'Delete', exact: true })
      .click()
    const dialog = page.getByTestId('case-dialog')
    await dialog.waitFor()
    const summary = await dialog.getByTestId('delete-case-summary').innerText()
    // The sample case's documents, tags, actors and events, and its publishers and history.
    expect(summary).toMatch(
      /and everything in it — 4 documents, \d+ tagged passages, \d+ entities, \d+ events, 4 publishers and its history of \d+ changes\?/,
    )
    expect(summary).not.toContain('(s)')
    // The least destructive action has the focus: Enter would keep the case.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(await page.getByTestId('case-select').locator('option').count()).toBe(1)
    // Enter on Cancel keeps it too.
    await page
      .getByTestId('case-select')
      .locator('..')
      .getByRole('button', { name: 'Delete', exact: true })
      .click()
    await dialog.waitFor()
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    expect(await page.getByTestId('case-select').locator('option').count()).toBe(1)
  })

  it('starts the new-case dialog in its Title field, and an empty case says it holds nothing', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'New case' }).click()
    const dialog = page.getByTestId('case-dialog')
    await dialog.waitFor()
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT')
    await page.keyboard.type('Empty for now')
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId('empty-case').waitFor()
    await page
      .getByTestId('case-select')
      .locator('..')
      .getByRole('button', { name: 'Delete', exact: true })
      .click()
    await dialog.waitFor()
    expect(await dialog.getByTestId('delete-case-summary').innerText()).toBe(
      'Delete “Empty for now”? It holds nothing yet.',
    )
    // Shift+Tab from Cancel reaches nothing destructive: Tab reaches Delete case, Enter deletes.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Delete case')
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => page.getByTestId('case-select').locator('option').count()).toBe(1)
  })
})
