/**
 * What a new analyst's trial found in the timeline and event editing, at 1280 × 720 on the
 * sample case, through the real UI in Chromium, each fixed and held here: the delete question
 * starts on Cancel (a stray Enter keeps the event); the "deleted" notice offers Undo, goes when
 * the deletion is undone, and every notice's words have its width (the stack scrolls rather
 * than running off the window); in a case the analyst builds (whose window follows the events as
 * they are made), deleting, undoing and redoing keep the timeline's window where the analyst
 * was looking; "Save it undated" in the event form moves on to the next field,
 * with the time field off until "Use the time after all"; and grouped into lanes, the lanes'
 * names leave the time axis room to name the days of a week.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchApp, type App } from './harness'
import { buildWorkedExample } from './worked-example'
import { openDoc, selectQuote } from './reader-helpers'

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
const noticeTexts = (page: Page) => page.getByTestId('notice').locator('> span').allInnerTexts()

/** Two animation frames: vis-timeline redraws on the next one after its data changes. */
const frames = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  )

/** Where every event item is drawn (left edge, px), by title: the window, as the analyst sees it. */
const positions = async (page: Page) => {
  await frames(page)
  return Object.fromEntries(
    await items(page).evaluateAll((els) =>
      els.map((e) => [e.textContent ?? '', Math.round(e.getBoundingClientRect().left)] as const),
    ),
  ) as Record<string, number>
}

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

  it('offers Undo on the "deleted" notice, takes that notice away once undone, and gives every notice its width', async () => {
    const { page } = app
    const before = await shown(page)
    const title = await askToDeleteLast(page)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    const deleted = page.getByTestId('notice').filter({ hasText: `Event “${title}” deleted.` })
    await deleted.getByRole('button', { name: 'Undo' }).waitFor()
    await expect.poll(() => shown(page)).not.toBe(before)

    // Ctrl+Z: the "deleted" notice is out of date and goes; "Undone: …" says what happened.
    await timeline(page).focus()
    await page.keyboard.press('Control+z')
    await expect.poll(() => shown(page)).toBe(before)
    await expect.poll(() => noticeTexts(page)).toEqual([`Undone: Delete event “${title}”`])
    // Redo: "Redone: …" replaces it, with Undo, which brings the event back once more.
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => noticeTexts(page)).toEqual([`Redone: Delete event “${title}”`])
    await page
      .getByTestId('notice')
      .filter({ hasText: 'Redone' })
      .getByRole('button', { name: 'Undo' })
      .click()
    await expect.poll(() => shown(page)).toBe(before)

    // Three deletions in a row (the stack held by the pointer, as the analyst reads it): the
    // words of each take the notice's width, beside × and over Undo, and the whole stack can
    // be reached inside the window.
    for (let i = 0; i < 3; i++) {
      await askToDeleteLast(page)
      await page.keyboard.press('Tab')
      await page.keyboard.press('Enter')
      await page.getByTestId('delete-event').waitFor({ state: 'detached' })
      await expect.poll(() => page.getByTestId('notice').getByText('deleted.').count()).toBe(i + 1)
      await page.getByTestId('notices').hover()
    }
    const widths = await page
      .getByTestId('notice')
      .evaluateAll((els) =>
        els.map((e) => [
          e.querySelector(':scope > span')!.getBoundingClientRect().width,
          e.getBoundingClientRect().width,
        ]),
      )
    expect(widths.length).toBeGreaterThanOrEqual(3)
    for (const [text, card] of widths) expect(text!).toBeGreaterThan(0.6 * card!)
    const dismissAll = page.getByTestId('notices-dismiss-all')
    await dismissAll.scrollIntoViewIfNeeded()
    const box = (await dismissAll.boundingBox())!
    expect(box.y + box.height).toBeLessThanOrEqual(720)
    await dismissAll.click()
    await expect.poll(() => page.getByTestId('notice').count()).toBe(0)
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z')
    await expect.poll(() => shown(page)).toBe(before)
  })

  it('moves on from "Save it undated" to the next field, with the time field off until asked for', async () => {
    const { page } = app
    await openDoc(page, 'Dockers block Harbour')
    await selectQuote(page, 'we will meet the union this week')
    await page.keyboard.press('e')
    const form = page.getByTestId('event-form')
    await form.waitFor()
    const when = form.getByTestId('event-when')
    await when.click()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('zzz blorp')
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => form.getByTestId('event-error').innerText()).toMatch(/^Not saved/)
    await form.getByRole('button', { name: 'Save it undated' }).focus()
    await page.keyboard.press('Space')
    await expect
      .poll(() => form.getByTestId('event-resolution').innerText())
      .toMatch(/^Saved undated/)
    // The focus is on the next field, not back in the time that will not be used.
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid))
      .toBe('event-credibility')
    expect(await when.isDisabled()).toBe(true)
    expect(await when.inputValue()).toBe('zzz blorp')
    // Shift+Tab goes back to "Use the time after all", not into the field that is off.
    await page.keyboard.press('Shift+Tab')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Use the time after all')
    await page.keyboard.press('Enter')
    await expect.poll(() => when.isDisabled()).toBe(false)
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid))
      .toBe('event-when')
    await page.keyboard.press('Control+a')
    await page.keyboard.type('15 October 2025')
    await expect
      .poll(() => form.getByTestId('event-resolution').innerText())
      .toMatch(/Wed 15 Oct 2025/)
    await page.keyboard.press('Escape')
    await form.getByRole('button', { name: /Discard/ }).click()
    await form.waitFor({ state: 'hidden' })
  })

  it('gives the time axis room beside the lanes at 1280 × 720, so that a week shows its days', async () => {
    const { page } = app
    await page.getByTestId('timeline-group-by').selectOption('initiator')
    await timeline(page).locator('.vis-label').first().waitFor()
    await page.getByTestId('timeline-dates').click()
    const dates = page.getByTestId('timeline-dates-dialog')
    await dates.getByLabel('From (UTC day)').fill('2025-10-10')
    await dates.getByLabel('To (UTC day, included)').fill('2025-10-16')
    await dates.getByRole('button', { name: 'Show' }).click()
    await dates.waitFor({ state: 'hidden' })
    // The lanes’ names take at most 40% of the timeline; a long one ends in an ellipsis
    // and its title has it whole.
    const body = (await timeline(page).boundingBox())!
    const lanes = (await timeline(page).locator('.vis-panel.vis-left').boundingBox())!
    expect(lanes.width).toBeLessThan(0.4 * body.width)
    const long = timeline(page).locator('.vis-label[title="Velmoran Customs and Border Service"]')
    expect(await long.locator('.vis-inner').evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(
      true,
    )
    // The axis names the days of the week shown, each whole inside the axis.
    const days = () =>
      timeline(page)
        .locator('.vis-panel.vis-top')
        .evaluate((axis) => {
          const box = axis.getBoundingClientRect()
          return [...axis.querySelectorAll('.vis-text.vis-minor')].flatMap((label) => {
            const range = document.createRange()
            range.selectNodeContents(label)
            const r = range.getBoundingClientRect()
            const inside = r.width > 0 && r.left >= box.left && r.right <= box.right
            return inside ? [label.textContent ?? ''] : []
          })
        })
    await expect
      .poll(async () => (await days()).filter((d) => /^\d+$/.test(d)).length)
      .toBeGreaterThanOrEqual(3)
    await page.getByTestId('timeline-group-by').selectOption('none')
  })
})

describe('the timeline of a case the analyst builds, whose window follows the events made', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    const { page } = app
    await page.setViewportSize({ width: 1280, height: 720 })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('makes the three events of the worked example from passages', async () => {
    const { page } = app
    await buildWorkedExample(page)
    await expect.poll(() => items(page).count()).toBe(3)
  })

  it('keeps the window where the analyst was looking after a deletion, its undo and its redo', async () => {
    const { page } = app
    const before = await positions(page)
    // The weekend's strikes come first: the window fitted to the other two would be narrower.
    await timeline(page).focus()
    await page.keyboard.press('Home')
    await expect.poll(() => selected(page)).toEqual(['US strikes on nuclear sites'])
    await page.keyboard.press('Delete')
    await page.getByTestId('delete-event').waitFor()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(() => items(page).count()).toBe(2)
    const { 'US strikes on nuclear sites': gone, ...rest } = before
    expect(gone).toBeDefined()
    expect(await positions(page)).toEqual(rest)

    await page.keyboard.press('Control+z')
    await expect.poll(() => items(page).count()).toBe(3)
    expect(await positions(page)).toEqual(before)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => items(page).count()).toBe(2)
    expect(await positions(page)).toEqual(rest)
    await page.keyboard.press('Control+z')
    await expect.poll(() => items(page).count()).toBe(3)
    expect(await positions(page)).toEqual(before)
  })
})
