/**
 * Notices after several quick actions, through the real UI in Chromium on the sample case:
 * an actor deleted from the keyboard (its notice has an Undo button), then undo and redo from
 * the keyboard four times, quickly. The stack shows the newest three, newest on top, and "+2
 * more" opens the older ones; nothing covers the timeline's toolbar; the deletion's Undo
 * button, folded away, still undoes, and Ctrl+Z still works with the notices on screen. A
 * screenshot of the stack is written to /tmp/notices-stack.png to look at. A notice raised on
 * the welcome screen and still up when a case is created does not make the stack forget the
 * document list's width once it appears: it stays clear of the timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createCase, launchApp, type App } from './harness'

const notices = (page: Page) => page.getByTestId('notices').getByTestId('notice')
const shownTexts = (page: Page) =>
  page.getByTestId('notices').locator(':scope > [data-testid="notice"] > span').allInnerTexts()
const entityNames = (page: Page) =>
  page.getByTestId('entities-pane').getByTestId('entity-name').allInnerTexts()

describe('notices after several quick actions', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    const { page } = app
    await page.getByTestId('open-sample').click()
    await page.getByTestId('doc-row').nth(3).waitFor()
    await page.getByRole('tab', { name: 'Entities' }).click()
    await page.getByTestId('entities-pane').getByTestId('entity-row').first().waitFor()
    // The test counts its own notices: dismiss the one opening the sample case left.
    await notices(page).filter({ hasText: 'Sample case opened' }).waitFor()
    while ((await notices(page).count()) > 0) {
      await notices(page).first().getByRole('button', { name: 'Dismiss' }).click()
    }
  })
  afterAll(async () => {
    await app?.close()
  })

  it('shows the newest three on top, folds the rest, and keeps clear of the timeline toolbar', async () => {
    const { page } = app
    const list = page.getByTestId('entities-pane').getByTestId('entities-list')
    await list.focus()
    await page.keyboard.press('Home')
    const victim = await list
      .getByRole('option', { selected: true })
      .getByTestId('entity-name')
      .innerText()
    await page.keyboard.press('Delete')
    const dialog = page.getByTestId('entity-delete-dialog')
    await dialog.getByTestId('confirm-delete').click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => entityNames(page)).not.toContain(victim)
    // Four quick actions from the keyboard, one after the other without waiting.
    for (const keys of ['Control+z', 'Control+Shift+z', 'Control+z', 'Control+Shift+z']) {
      await page.keyboard.press(keys)
    }
    const more = page.getByTestId('notices-more')
    const folded = async () => ((await more.count()) ? more.innerText() : '')
    // Wait for the last action's notice, then look at the whole stack.
    await expect
      .poll(async () => (await shownTexts(page)).map((t) => t.split(':')[0]))
      .toEqual(['Redone', 'Undone', 'Redone'])
    expect(await folded()).toBe('+2 more')
    expect(await notices(page).count()).toBe(3)

    // The stack keeps to the document list's column: clear of the timeline and its toolbar.
    const stack = (await page.getByTestId('notices').boundingBox())!
    const toolbar = (await page.locator('.timeline-toolbar').boundingBox())!
    const timeline = (await page.getByTestId('timeline').boundingBox())!
    const overlaps = (a: typeof stack, b: typeof stack) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    expect(overlaps(stack, toolbar)).toBe(false)
    expect(stack.x + stack.width).toBeLessThanOrEqual(timeline.x)
    await page.screenshot({ path: '/tmp/notices-stack.png' })

    // "+2 more" opens the older ones, newest first: the deletion, with its Undo button.
    await more.click()
    expect(await more.getAttribute('aria-expanded')).toBe('true')
    const older = page.getByRole('list', { name: 'Older notices' })
    const olderTexts = await older.getByTestId('notice').locator('span').allInnerTexts()
    expect(olderTexts).toHaveLength(2)
    expect(olderTexts[0]).toMatch(/^Undone: /)
    expect(olderTexts[1]).toBe(`Deleted ${victim}. Undo (Ctrl+Z) brings it back.`)
    await page.screenshot({ path: '/tmp/notices-open.png' })
    expect(overlaps((await page.getByTestId('notices').boundingBox())!, toolbar)).toBe(false)

    // The folded deletion's Undo button undoes it: redone last, it is still the next to undo.
    await older.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => entityNames(page)).toContain(victim)
    // And Ctrl+Z still works with the notices on screen: it takes the next action back.
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => entityNames(page)).not.toContain(victim)
    await page.keyboard.press('Control+z')
    await expect.poll(() => entityNames(page)).toContain(victim)
  })
})

describe('a notice from the welcome screen, still up when a case opens', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('keeps the stack to the document list, clear of the timeline', async () => {
    const { page } = app
    // Back up (Ctrl+Shift+E; the button is disabled) with no case open: an error notice, which
    // stays until dismissed.
    await page.getByTestId('welcome').waitFor()
    await page.keyboard.press('Control+Shift+E')
    await notices(page).filter({ hasText: 'Open a case to back it up.' }).waitFor()
    await createCase(page, 'Notices beside the timeline')
    await notices(page).filter({ hasText: 'created' }).waitFor()
    await page.getByTestId('timeline').waitFor()
    const timeline = (await page.getByTestId('timeline').boundingBox())!
    const library = (await page.locator('.workspace > .library').boundingBox())!
    await expect
      .poll(async () => {
        const stack = (await page.getByTestId('notices').boundingBox())!
        return stack.x + stack.width
      })
      .toBeLessThanOrEqual(Math.min(timeline.x, library.x + library.width))
  })
})
