/**
 * Events from passages through the real UI in Chromium: on the sample report, published on
 * Tuesday 24 June 2025, a passage tagged with E opens the event form pre-filled from its
 * sentence; "on Monday" resolves to Monday 23 June as a day and "over the weekend" to the
 * 21–22 June range, each resolution shown in words; saved events are listed on their
 * evidence and survive a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchApp, reloadApp, type App } from './harness'
import { newCaseWithFiles, SAMPLE_REPORT, selectQuote, setPublished } from './reader-helpers'

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
    await page.getByTestId('doc-row').first().click()
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
    // The refused form's passage stays tagged (E tags first), but no event cites it.
    await eventTag('Qatar closed its airspace').click()
    await expect
      .poll(() => page.getByTestId('inspector-quote').innerText())
      .toContain('Qatar closed its airspace')
    await expect.poll(() => page.getByTestId('inspector-events').innerText()).toContain('None yet.')
    expect(await page.getByTestId('inspector-event').count()).toBe(0)
  })
})
