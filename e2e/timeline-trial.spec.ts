/**
 * What a new analyst's trial found in the timeline and event editing, at 1280 × 720 on the
 * sample case, through the real UI in Chromium, each fixed and held here: the delete question
 * starts on Cancel (a stray Enter keeps the event).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchApp, type App } from './harness'

const timeline = (page: Page) => page.getByTestId('timeline')
/** The event items drawn (points and ranges; not the uncertainty bands). */
const items = (page: Page) =>
  timeline(page).locator('.vis-item.vis-point, .vis-item.vis-range:not(.tl-aggregate)')
/** The titles of the selected items. */
const selected = (page: Page) =>
  timeline(page)
    .locator('.vis-item.vis-selected:is(.vis-point, .vis-range)')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ''))
const shown = (page: Page) => page.getByTestId('timeline-shown').innerText()

/** Selects the last event with End and asks to delete it; resolves to its title. */
async function askToDeleteLast(page: Page): Promise<string> {
  await timeline(page).focus()
  await page.keyboard.press('End')
  await expect.poll(() => selected(page)).toHaveLength(1)
  const [title] = await selected(page)
  await page.keyboard.press('Delete')
  await page.getByTestId('delete-event').waitFor()
  return title!
}

describe('the timeline and event editing of a new analyst at 1280 × 720', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    const { page } = app
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.getByTestId('open-sample').click()
    await page.getByTestId('doc-row').first().waitFor()
    await items(page).first().waitFor()
  })
  afterAll(async () => {
    await app?.close()
  })
  afterEach(async () => {
    const { page } = app
    for (let i = 0; i < 3 && (await page.locator('dialog[open]').count()); i++) {
      await page.keyboard.press('Escape')
    }
    await page.mouse.move(1200, 100)
    if (await page.getByTestId('notices-dismiss-all').count()) {
      await page.getByTestId('notices-dismiss-all').click()
    }
    for (const n of await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).all())
      await n.click()
  })

  it('asks before deleting with the focus on Cancel, so that a stray Enter keeps the event', async () => {
    const { page } = app
    const before = await shown(page)
    const title = await askToDeleteLast(page)
    const dialog = page.getByTestId('delete-event')
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel')
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached' })
    expect(await shown(page)).toBe(before)
    expect(await items(page).filter({ hasText: title }).count()).toBe(1)

    // Deleting takes a deliberate Tab to the button.
    await askToDeleteLast(page)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => shown(page)).not.toBe(before)
    await page.keyboard.press('Control+z')
    await expect.poll(() => shown(page)).toBe(before)
  })
})
