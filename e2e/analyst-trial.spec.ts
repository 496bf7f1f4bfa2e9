/**
 * A new analyst's trial at 1280 × 720 (the smallest window the app is laid out for), on the
 * sample case, through the real UI in Chromium: what the trial found, each fixed and held here.
 * The focus goes back where it was when a dialog is done (Delete on the timeline, Escape in
 * the hypotheses); "Add a key judgement" and "Add a section" take the focus to the new field,
 * so the words typed next land in it (they used to press the button again on every space); a
 * key judgement fits the composer; "Add all events" hands the focus to the matrix; the Export
 * dialog's and the inspector's fields are wide enough to read; a quoted Persian sentence reads
 * right to left in the event form.
 */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { chooseFiles, launchApp, type App } from './harness'
import { openDoc, selectQuote } from './reader-helpers'

/** The focused element's test id, else its class, else its tag name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return 'body'
    return el.dataset.testid ?? (el.className || el.tagName)
  })

/** The title of the event selected on the timeline. */
const selectedOnTimeline = (page: Page) =>
  page
    .getByTestId('timeline')
    .locator('.vis-item.vis-selected:is(.vis-point, .vis-range)')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ''))

const PERSIAN =
  'بیانیه وزارت امور خارجه\n\nسخنگوی وزارت امور خارجه گفت هفته آینده نشست دیگری با مقامات روسیه برگزار خواهد شد.\n'

describe('a new analyst at 1280 × 720', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    const { page } = app
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.getByTestId('open-sample').click()
    await page.getByTestId('doc-row').first().waitFor()
  })
  afterAll(async () => {
    await app?.close()
  })
  // A test that fails with a dialog open must not fail the next ones: close what it left.
  afterEach(async () => {
    const { page } = app
    for (let i = 0; i < 3 && (await page.locator('dialog[open]').count()); i++) {
      await page.keyboard.press('Escape')
    }
  })

  it('gets the focus back on the timeline after deleting an event from it, and after Escape', async () => {
    const { page } = app
    const timeline = page.getByTestId('timeline')
    await timeline.locator('.vis-item').first().waitFor()
    await timeline.focus()
    await page.keyboard.press('End')
    await expect.poll(() => selectedOnTimeline(page)).toHaveLength(1)
    const [last] = await selectedOnTimeline(page)
    const shown = await page.getByTestId('timeline-shown').innerText()

    // Escape cancels the question: the keyboard is still on the timeline.
    await page.keyboard.press('Delete')
    await page.getByTestId('delete-event').waitFor()
    await page.keyboard.press('Escape')
    await page.getByTestId('delete-event').waitFor({ state: 'detached' })
    expect(await focused(page)).toBe('timeline')

    // Deleting (Tab from Cancel, where the question starts, to Delete event): the focus comes
    // back to the timeline, whose arrows go on working.
    await page.keyboard.press('Delete')
    await page.getByTestId('delete-event').getByRole('button', { name: 'Delete event' }).waitFor()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await page.getByTestId('delete-event').waitFor({ state: 'detached' })
    await expect.poll(() => focused(page)).toBe('timeline')
    // The timeline has the event list without it (End would otherwise pick it, then lose it).
    await expect.poll(() => page.getByTestId('timeline-shown').innerText()).not.toBe(shown)
    await page.keyboard.press('End')
    await expect.poll(() => selectedOnTimeline(page)).toHaveLength(1)
    expect(await selectedOnTimeline(page)).not.toEqual([last])

    // Undo brings the event back; the hypotheses opened from the timeline and closed with
    // Escape leave the focus where it was, too.
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.getByTestId('timeline-shown').innerText()).toBe(shown)
    await page.keyboard.press('Control+Shift+H')
    await page.getByTestId('ach-dialog').waitFor()
    await page.keyboard.press('Escape')
    await page.getByTestId('ach-dialog').waitFor({ state: 'detached' })
    expect(await focused(page)).toBe('timeline')
  })

  it('moves the focus to the matrix after "Add all events", where the rating keys work', async () => {
    const { page } = app
    await page.keyboard.press('Control+Shift+H')
    const dialog = page.getByTestId('ach-dialog')
    await dialog.waitFor()
    for (const h of ['Retaliation', 'A warning']) {
      await page.getByTestId('ach-new-hypothesis').fill(h)
      await page.keyboard.press('Enter')
      await expect.poll(() => page.getByTestId('ach-new-hypothesis').inputValue()).toBe('')
    }
    // The Evidence picker is not held to the top bar's 180 px: it shows its words.
    const picker = await dialog
      .getByTestId('ach-add-evidence')
      .evaluate((e) => (e as HTMLSelectElement).getBoundingClientRect().width)
    expect(picker).toBeGreaterThan(180)

    await dialog.getByRole('button', { name: 'Add all events' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toBe('ach-cell')
    await page.keyboard.press('i')
    await expect
      .poll(() =>
        dialog
          .locator('[data-testid="ach-cell"][data-row="0"][data-col="0"]')
          .getAttribute('data-rating'),
      )
      .toBe('I')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
  })

  it('shows the Export dialog’s choice of what to export at the dialog’s width', async () => {
    const { page } = app
    await page.getByTestId('export-menu-button').click()
    const scope = page.getByTestId('export-scope')
    await scope.waitFor()
    const widths = await scope.evaluate((select) => ({
      select: select.getBoundingClientRect().width,
      label: select.parentElement!.getBoundingClientRect().width,
    }))
    expect(widths.select).toBeGreaterThan(widths.label - 2)
    await page.keyboard.press('Escape')
    await scope.waitFor({ state: 'detached' })
  })

  it('gives the inspector’s outlet field room for its words', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Workbench' }).click()
    await openDoc(page, 'Continental Press Service')
    // A passage of an event (an actor's name has no origin to set).
    await page
      .getByTestId('reader-text')
      .locator('[data-tag]:is([data-kind="event"], [data-kind="claim"])')
      .first()
      .click()
    const field = page.getByTestId('second-hand-outlet')
    await field.waitFor()
    const room = await field.evaluate((input) => {
      const el = input as HTMLInputElement
      const style = getComputedStyle(el)
      const ctx = document.createElement('canvas').getContext('2d')!
      ctx.font = `${style.fontSize} ${style.fontFamily}`
      const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)
      return {
        inner: el.clientWidth - padding,
        words: ctx.measureText(el.placeholder).width,
        past: el.getBoundingClientRect().right > el.closest('aside')!.getBoundingClientRect().right,
      }
    })
    expect(room.inner).toBeGreaterThanOrEqual(room.words)
    expect(room.past).toBe(false)
  })

  it('puts the focus in a new key judgement and a new section, and keeps them inside the composer', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Briefing' }).click()
    await page.getByRole('button', { name: 'New briefing' }).click()
    await expect.poll(() => focused(page)).toBe('briefing-title')

    const add = page.getByRole('button', { name: 'Add a key judgement' })
    await add.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toBe('judgement-text')
    await page.keyboard.type('Dravina is likely to recall its envoy.')
    await expect
      .poll(() =>
        page
          .getByTestId('judgement-text')
          .evaluateAll((t) => t.map((e) => (e as HTMLTextAreaElement).value)),
      )
      .toEqual(['Dravina is likely to recall its envoy.'])

    const addSection = page.getByRole('button', { name: 'Add a section' })
    await addSection.focus()
    await page.keyboard.press('Space')
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).value))
      .toBe('Assessment')
    // The heading's placeholder words are selected: typing replaces them.
    await page.keyboard.type('Outlook')
    await expect
      .poll(() => page.locator('.briefing-section input').first().inputValue())
      .toBe('Outlook')

    // The judgement (its likelihood, confidence and hypotheses fields) fits the composer.
    const fit = await page.locator('.briefing-composer').evaluate((form) => {
      const right = form.getBoundingClientRect().right
      const over = [
        ...form.querySelectorAll('[data-testid="briefing-judgement"] :is(select, textarea)'),
      ].filter((e) => e.getBoundingClientRect().right > right + 0.5).length
      return { over, scroll: form.scrollWidth - form.clientWidth }
    })
    expect(fit).toEqual({ over: 0, scroll: 0 })
  })

  it('lays out a quoted Persian sentence right to left in the event form', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Workbench' }).click()
    const dir = await mkdtemp(join(tmpdir(), 'casefile-trial-'))
    const file = join(dir, 'fa-statement.txt')
    await writeFile(file, PERSIAN)
    await chooseFiles(page, page.getByRole('button', { name: 'Import…' }).first(), [file])
    await page.getByTestId('import-report').getByRole('button', { name: 'Done' }).click()
    await openDoc(page, 'بیانیه')
    await selectQuote(page, 'هفته آینده نشست دیگری')
    await page.keyboard.press('e')
    const quote = page.getByTestId('event-form').locator('blockquote.quote')
    await quote.waitFor()
    // The sentence's full stop ends it on the left, after its last word, not beside its first.
    const order = await quote.evaluate((q) => {
      const text = q.firstChild as Text
      const at = (i: number) => {
        const r = document.createRange()
        r.setStart(text, i)
        r.setEnd(text, i + 1)
        return r.getBoundingClientRect().left
      }
      return { first: at(0), stop: at(text.data.lastIndexOf('.')) }
    })
    expect(order.stop).toBeLessThan(order.first)
    await page.keyboard.press('Escape')
    await page.getByTestId('event-form').waitFor({ state: 'detached' })
  })
})
