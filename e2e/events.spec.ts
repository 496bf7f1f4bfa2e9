/**
 * Events from passages through the real UI in Chromium: on the sample report, published on
 * Tuesday 24 June 2025, a passage tagged with E opens the event form pre-filled from its
 * sentence; "on Monday" resolves to Monday 23 June as a day and "over the weekend" to the
 * 21–22 June range, each resolution shown in words; saved events are listed on their
 * evidence and survive a reload. A time typed before the sentence's own was read is kept, and
 * a form cancelled or discarded leaves its passage untagged.
 */
import type { Route } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchApp, reloadApp, type App } from './harness'
import {
  newCaseWithFiles,
  SAMPLE_REPORT,
  selectQuote,
  setPublished,
  tagTexts,
} from './reader-helpers'

describe('events from passages', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    const { page } = app
    await newCaseWithFiles(page, 'Gulf escalation', [SAMPLE_REPORT])
    await setPublished(page, '2025-06-24')
  })
  afterAll(async () => {
    await app?.close()
  })

  it('keeps a time typed before the sentence’s date was read; a cancelled form leaves no tag', async () => {
    const { page, context } = app
    await expect.poll(() => page.getByTestId('reader-date').innerText()).toBe('Tue 24 Jun 2025')
    // The date finder's script is held back until the analyst has typed a time.
    const undoBefore = await page.getByTestId('undo').getAttribute('aria-label')
    const held: Route[] = []
    const finder = /\/assets\/find-[^/]*\.js/
    const hold = (route: Route): void => void held.push(route)
    await context.route(finder, hold)
    await selectQuote(page, 'firing missiles at American bases in Qatar')
    await page.keyboard.press('e')
    const form = page.getByTestId('event-form')
    const when = form.getByTestId('event-when')
    await expect
      .poll(() => when.getAttribute('placeholder'))
      .toBe('Looking for a date in the sentence…')
    await expect.poll(() => held.length).toBeGreaterThan(0)
    await when.click()
    await page.keyboard.type('22 June 2025')
    await context.unroute(finder, hold)
    const url = held[0]!.request().url()
    for (const route of held) await route.fallback()
    // Once the finder has loaded (the form's import of it answered first), the typed time stands.
    // (A string, so that the test runner does not rewrite the page's `import`.)
    await page.evaluate(`import(${JSON.stringify(url)}).then(() => true)`)
    await expect
      .poll(() => form.getByTestId('event-resolution').innerText())
      .toMatch(/^'22 June 2025' → Sun 22 Jun 2025/)
    expect(await when.inputValue()).toBe('22 June 2025')
    // Something was typed: Escape asks first; Discard closes, and the passage is not tagged.
    await page.keyboard.press('Escape')
    await form.getByTestId('event-discard').getByRole('button', { name: 'Discard' }).click()
    await form.waitFor({ state: 'hidden' })
    await expect
      .poll(async () => (await tagTexts(page)).filter((t) => t.kind === 'event'))
      .toEqual([])
    // Nothing typed: Escape closes at once, and leaves no tag either.
    await selectQuote(page, 'Qatar closed its airspace')
    await page.keyboard.press('e')
    await expect.poll(() => when.inputValue()).toBe('')
    await expect
      .poll(() => form.getByTestId('event-resolution').innerText())
      .toMatch(/^No time given/)
    await page.keyboard.press('Escape')
    await form.waitFor({ state: 'hidden' })
    await expect
      .poll(async () => (await tagTexts(page)).filter((t) => t.kind === 'event'))
      .toEqual([])
    // Both tags were taken back: the next undo is what it was before the first E.
    await expect.poll(() => page.getByTestId('undo').getAttribute('aria-label')).toBe(undoBefore)
  })

  it('pre-fills the time from the sentence and resolves "on Monday" to a day', async () => {
    const { page } = app
    await expect.poll(() => page.getByTestId('reader-date').innerText()).toBe('Tue 24 Jun 2025')
    await selectQuote(page, 'firing missiles at American bases in Qatar')
    await page.keyboard.press('e')
    const form = page.getByTestId('event-form')
    await expect.poll(() => form.getByTestId('event-when').inputValue()).toBe('on Monday')
    await expect
      .poll(() => form.getByTestId('event-resolution').innerText())
      .toBe("'on Monday' → Mon 23 Jun 2025 (published Tue 24 Jun 2025; most recent Monday)")
    await form.getByLabel('Title').fill('Missile strike on Al Udeid Air Base')
    await form.getByRole('button', { name: 'Save event' }).click()
    await form.waitFor({ state: 'hidden' })
    await expect
      .poll(() => page.getByTestId('inspector-event').innerText())
      .toContain('Missile strike on Al Udeid Air Base')
  })

  it('resolves "over the weekend" to the Saturday–Sunday range', async () => {
    const { page } = app
    await selectQuote(page, 'targeted key sites at Fordow, Natanz, and Isfahan')
    await page.keyboard.press('e')
    const form = page.getByTestId('event-form')
    await expect.poll(() => form.getByTestId('event-when').inputValue()).toBe('over the weekend')
    await expect
      .poll(() => form.getByTestId('event-resolution').innerText())
      .toMatch(
        /^'over the weekend' → Sat 21 Jun 2025 – Sun 22 Jun 2025 \(published Tue 24 Jun 2025/,
      )
    await form.getByLabel('Title').fill('US strikes on nuclear sites')
    await form.getByRole('button', { name: 'Save event' }).click()
    await form.waitFor({ state: 'hidden' })
  })

  it('says when a time cannot be resolved and saves nothing', async () => {
    const { page } = app
    await selectQuote(page, 'Qatar closed its airspace')
    await page.keyboard.press('e')
    const form = page.getByTestId('event-form')
    await form.getByTestId('event-when').fill('zzz blorp')
    await form.getByRole('button', { name: 'Save event' }).click()
    await expect
      .poll(() => form.getByTestId('event-when-error').innerText())
      .toMatch(/^The time “zzz blorp” could not be resolved/)
    await expect.poll(() => form.getByTestId('event-error').innerText()).toMatch(/^Not saved/)
    // Something was typed: closing asks first.
    await form.getByRole('button', { name: 'Cancel' }).click()
    await form.getByTestId('event-discard').getByRole('button', { name: 'Discard' }).click()
  })

  it('keeps the events after a reload, and nothing of the refused form', async () => {
    const { page } = app
    await reloadApp(page)
    // The document open before the reload opens again by itself.
    await expect
      .poll(() => page.getByTestId('reader-title').innerText())
      .toMatch(/^Tehran Attacks U\.S\. Bases/)
    // Each check waits for a state that only the right outcome gives, never for time, and
    // finds passages by their words, not by their order on the page.
    await expect.poll(() => page.getByTestId('timeline-shown').innerText()).toBe('2 events')
    const eventTag = (quote: string) =>
      page.getByTestId('reader-text').locator('[data-kind="event"]', { hasText: quote })
    for (const [quote, title] of [
      ['firing missiles at American bases in Qatar', 'Missile strike on Al Udeid Air Base'],
      ['targeted key sites at Fordow, Natanz, and Isfahan', 'US strikes on nuclear sites'],
    ] as const) {
      await eventTag(quote).click()
      await expect.poll(() => page.getByTestId('inspector-quote').innerText()).toContain(quote)
      await expect
        .poll(() => page.getByTestId('inspector-event').allInnerTexts())
        .toEqual([expect.stringContaining(title)])
    }
    // The refused form was discarded: its passage is not left tagged (E tagged it, the
    // discard took the tag back).
    expect(await eventTag('Qatar closed its airspace').count()).toBe(0)
    expect((await tagTexts(page)).filter((t) => t.kind === 'event').map((t) => t.text)).toEqual([
      'firing missiles at American bases in Qatar',
      'targeted key sites at Fordow, Natanz, and Isfahan',
    ])

    // A deleted document is not reopened: the reader is empty after the next reload.
    await page.getByTestId('reader').getByRole('button', { name: 'Delete', exact: true }).click()
    // The dialog says what the deletion leaves without evidence: both events rest on this
    // document's passages alone.
    await expect
      .poll(() => page.getByTestId('delete-leaves-bare').innerText())
      .toBe(
        '2 events rest only on passages of this document: they stay in the case with no evidence (delete them from the timeline or the graph if they should go too).',
      )
    await page.getByRole('button', { name: 'Delete document' }).click()
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(0)
    await reloadApp(page)
    // The case has no documents left: the empty reader says how to import some.
    await expect
      .poll(() => page.getByLabel('Reader').innerText())
      .toMatch(/^Nothing to read yet: this case has no documents\./)
  })
})
