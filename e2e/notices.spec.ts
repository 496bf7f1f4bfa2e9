/**
 * Notices after several quick actions, through the real UI in Chromium on the sample case:
 * four actors deleted from the keyboard (each notice has an Undo button while its deletion is
 * the next to undo), then undo and redo of the last from the keyboard four times, quickly: each
 * replaces the notices about that deletion, so that "Redone: …" (with Undo) is what stays of
 * it. The stack shows the newest three, newest on top, and "+1 more" opens the older one;
 * nothing covers the timeline's toolbar; the Undo button undoes, and Ctrl+Z still works with
 * the notices on screen. A
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
    const dialog = page.getByTestId('entity-delete-dialog')
    // Four actors deleted from the keyboard (the question starts on Cancel: Tab, Enter).
    const victims: string[] = []
    for (let i = 0; i < 4; i++) {
      await list.focus()
      await page.keyboard.press('Home')
      const victim = await list
        .getByRole('option', { selected: true })
        .getByTestId('entity-name')
        .innerText()
      await page.keyboard.press('Delete')
      // Delete is enabled once what refers to the actor is read; Tab skips it until then.
      await expect.poll(() => dialog.getByTestId('confirm-delete').isEnabled()).toBe(true)
      await page.keyboard.press('Tab')
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('confirm-delete')
      await page.keyboard.press('Enter')
      await dialog.waitFor({ state: 'hidden' })
      await expect.poll(() => entityNames(page)).not.toContain(victim)
      victims.push(victim)
      // The analyst reads the stack (the pointer on it): none goes meanwhile.
      if (i === 0) await page.getByTestId('notices').hover()
    }
    const deleted = (name: string) => `Deleted ${name}. Undo (Ctrl+Z) brings it back.`
    // Four quick undos and redos of the last one, one after the other without waiting: each
    // replaces the notices about that deletion ("Deleted …", then "Undone: …"), so that what
    // stays is the last word on it, "Redone: …", which offers Undo again.
    for (const keys of ['Control+z', 'Control+Shift+z', 'Control+z', 'Control+Shift+z']) {
      await page.keyboard.press(keys)
    }
    const more = page.getByTestId('notices-more')
    const folded = async () => ((await more.count()) ? more.innerText() : '')
    await expect
      .poll(async () => (await shownTexts(page)).map((t) => t.split(':')[0]))
      .toEqual(['Redone', deleted(victims[2]!), deleted(victims[1]!)])
    expect(await folded()).toBe('+1 more')
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

    // "+1 more" opens the older one: the first deletion, no longer the next to undo.
    await more.click()
    expect(await more.getAttribute('aria-expanded')).toBe('true')
    const older = page.getByRole('list', { name: 'Older notices' })
    expect(await older.getByTestId('notice').locator('span').allInnerTexts()).toEqual([
      deleted(victims[0]!),
    ])
    expect(await older.getByRole('button', { name: 'Undo' }).count()).toBe(0)
    await page.screenshot({ path: '/tmp/notices-open.png' })
    expect(overlaps((await page.getByTestId('notices').boundingBox())!, toolbar)).toBe(false)

    // The redone deletion's Undo button undoes it: it is the next to undo.
    const redone = notices(page).filter({ hasText: 'Redone' })
    await redone.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => entityNames(page)).toContain(victims[3])
    // And Ctrl+Z still works with the notices on screen: it takes the next action back.
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => entityNames(page)).not.toContain(victims[3])
    await page.keyboard.press('Control+z')
    await expect.poll(() => entityNames(page)).toContain(victims[3])
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
