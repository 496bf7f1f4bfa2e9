/**
 * DESIGN.md's worked example on the timeline, through the real UI in Chromium: on the sample
 * report (published Tue 24 Jun 2025) the analyst tags Iran, the United States, Russia and
 * Qatar, makes the three events from passages — US strikes on nuclear sites "over the
 * weekend" (a range), the meeting in Moscow and the missile strike on the air base "on
 * Monday" (days) — sees three items on the timeline, clicks each and lands on its passage in
 * the reader, groups by initiator and sees the right lanes, works the timeline from the
 * keyboard (arrows, Enter edits, Delete asks and undo restores), adds a passage of a second
 * document as further evidence (each passage one click from the reader), and finds it all
 * again after a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { join } from 'node:path'
import { chooseFiles, launchApp, reloadApp, type App } from './harness'
import { REPO_ROOT } from './env'
import { newCaseWithFiles, SAMPLE_REPORT, selectQuote, setPublished } from './reader-helpers'
import { EVENTS, makeEvent, tagWorkedActors } from './worked-example'

/** A second source on the missile strike, to add as further evidence. */
const SECOND_REPORT = join(REPO_ROOT, 'e2e', 'fixtures', 'pentagon-statement.txt')

const timeline = (page: Page) => page.getByTestId('timeline')
/** The event items drawn (points and ranges; not the uncertainty bands). */
const items = (page: Page) => timeline(page).locator('.vis-item.vis-point, .vis-item.vis-range')
const item = (page: Page, title: string) => items(page).filter({ hasText: title })
/** The titles of the selected items (vis-timeline redraws them, so poll this). */
const selected = (page: Page) =>
  timeline(page).locator('.vis-item.vis-selected:not(.vis-dot)').allInnerTexts()

async function itemTexts(page: Page): Promise<string[]> {
  return (await items(page).allInnerTexts()).map((t) => t.trim()).sort()
}

/** Shows exactly the days `from`–`to` (YYYY-MM-DD, inclusive) through the Dates… dialog. */
async function showDays(page: Page, from: string, to: string): Promise<void> {
  await page.getByTestId('timeline-dates').click()
  const dialog = page.getByTestId('timeline-dates-dialog')
  await dialog.getByLabel('From (UTC day)').fill(from)
  await dialog.getByLabel('To (UTC day, included)').fill(to)
  await dialog.getByRole('button', { name: 'Show' }).click()
  await dialog.waitFor({ state: 'hidden' })
}

/** The timeline window saved in the store (settings), as its first and last UTC days. */
function savedWindowDays(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('casefile')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const all = open.result.transaction('viewState').objectStore('viewState').getAll()
          all.onsuccess = () => {
            const rows = all.result as { key: string; value: { start: number; end: number } }[]
            const w = rows.find((r) => r.key === 'timeline:window')?.value
            open.result.close()
            const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
            resolve(w ? [day(w.start), day(w.end - 1)] : [])
          }
        }
      }),
  )
}

/** The words flashed in the reader (the passage it was asked to show; tags inside it split it). */
const flashed = async (page: Page) =>
  (await page.getByTestId('reader-focus').allInnerTexts()).join('')

describe('events on a timeline, linked to the reader', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    const { page } = app
    await newCaseWithFiles(page, 'Gulf escalation', [SAMPLE_REPORT])
    await setPublished(page, '2025-06-24')
    await tagWorkedActors(page)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('starts with an empty timeline that says how to fill it', async () => {
    const { page } = app
    await expect
      .poll(() => page.getByTestId('timeline-empty').innerText())
      .toMatch(/No dated events yet/)
  })

  it('makes the three events of the worked example from passages', async () => {
    const { page } = app
    for (const e of EVENTS) await makeEvent(page, e)
    await expect.poll(() => page.getByTestId('timeline-shown').innerText()).toBe('3 events')
  })

  it('shows three items: the weekend as a range, the Monday events as points', async () => {
    const { page } = app
    await expect.poll(() => itemTexts(page)).toEqual(EVENTS.map((e) => e.title).sort())
    const kind = (title: string) =>
      item(page, title).evaluate((el) => (el.classList.contains('vis-range') ? 'range' : 'point'))
    expect(await kind('US strikes on nuclear sites')).toBe('range')
    expect(await kind('Araghchi meets Putin in Moscow')).toBe('point')
    expect(await kind('Missile strike on Al Udeid Air Base')).toBe('point')
    // The weekend lies before Monday: left of both Monday items.
    const left = async (title: string) => (await item(page, title).boundingBox())!.x
    expect(await left('US strikes on nuclear sites')).toBeLessThan(
      await left('Missile strike on Al Udeid Air Base'),
    )
  })

  it('clicking an item lands on its passage in the reader, and the inspector shows it', async () => {
    const { page } = app
    for (const e of EVENTS) {
      await page.getByTestId('reader-scroll').evaluate((el) => el.scrollTo({ top: 0 }))
      await item(page, e.title).click()
      await expect.poll(() => flashed(page)).toBe(e.quote)
      await expect.poll(() => page.getByTestId('event-details-title').innerText()).toBe(e.title)
      await expect
        .poll(() => page.getByTestId('event-evidence').first().locator('blockquote').innerText())
        .toBe(e.quote)
      // The passage is scrolled into the reader's view.
      const box = await page.getByTestId('reader-focus').first().boundingBox()
      const view = await page.getByTestId('reader-scroll').boundingBox()
      expect(box!.y).toBeGreaterThanOrEqual(view!.y)
      expect(box!.y + box!.height).toBeLessThanOrEqual(view!.y + view!.height)
    }
    await expect
      .poll(() => page.getByTestId('event-details-when').innerText())
      .toMatch(/^Mon 23 Jun 2025/)
    // The selected item stands out: its fill is at least 3:1 (WCAG 1.4.11) against every other
    // item's fill (or the panel, for a point drawn without one).
    await expect.poll(() => selected(page)).toEqual([EVENTS.at(-1)!.title])
    const contrasts = await items(page).evaluateAll((els) => {
      const luminance = (css: string) => {
        const [r, g, b, a = 1] = css.match(/[\d.]+/g)!.map(Number)
        if (a === 0) return 1 // transparent: the white panel shows through
        const lin = (v: number) => {
          const c = v / 255
          return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
        }
        return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!)
      }
      const fill = (el: Element) => luminance(getComputedStyle(el).backgroundColor)
      const chosen = els.find((el) => el.classList.contains('vis-selected'))!
      return els
        .filter((el) => el !== chosen)
        .map((el) => {
          const [x, y] = [fill(chosen), fill(el)]
          return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)
        })
    })
    expect(contrasts.length).toBe(EVENTS.length - 1)
    for (const c of contrasts) expect(c).toBeGreaterThanOrEqual(3)
  })

  it('selecting an evidence passage in the reader selects its event on the timeline', async () => {
    const { page } = app
    await page.getByTestId('reader-text').getByText('targeted key sites at Fordow').click()
    await expect.poll(() => selected(page)).toEqual(['US strikes on nuclear sites'])
    // The inspector keeps the tag, listing its event.
    await expect
      .poll(() => page.getByTestId('inspector-event').innerText())
      .toContain('US strikes on nuclear sites')
  })

  it('groups by initiator into the right lanes, and filters to an actor', async () => {
    const { page } = app
    await page.getByTestId('timeline-group-by').selectOption('initiator')
    const lanes = () => timeline(page).locator('.vis-label').allInnerTexts()
    await expect.poll(lanes).toEqual(['Iran', 'United States'])
    const laneOf = async (title: string) => {
      const y = (await item(page, title).boundingBox())!.y
      for (const label of await timeline(page).locator('.vis-label').all()) {
        const b = (await label.boundingBox())!
        if (y >= b.y && y < b.y + b.height) return (await label.innerText()).trim()
      }
      return undefined
    }
    expect(await laneOf('US strikes on nuclear sites')).toBe('United States')
    expect(await laneOf('Missile strike on Al Udeid Air Base')).toBe('Iran')
    expect(await laneOf('Araghchi meets Putin in Moscow')).toBe('Iran')

    await page.getByTestId('timeline-actor').selectOption({ label: 'Russia' })
    await expect.poll(() => itemTexts(page)).toEqual(['Araghchi meets Putin in Moscow'])
    await page.getByTestId('timeline-actor').selectOption({ label: 'All actors' })
    await expect.poll(() => itemTexts(page)).toHaveLength(3)
  })

  it('draws only the lanes with events near the window, and says how many of all', async () => {
    const { page } = app
    await page.getByTestId('timeline-group-by').selectOption('initiator')
    const lanes = () => timeline(page).locator('.vis-label').allInnerTexts()
    const count = async () => (await page.getByTestId('timeline-lanes').innerText()).trim()
    await expect.poll(lanes).toEqual(['Iran', 'United States'])
    await expect.poll(count).toBe('· 2 lanes')
    // 19–20 June, and as much either side (17–22 June): the weekend's strikes, not Monday's
    // events, so only the United States' lane.
    await showDays(page, '2025-06-19', '2025-06-20')
    await expect.poll(lanes).toEqual(['United States'])
    await expect.poll(count).toBe('· 1 of 2 lanes')
    expect(await page.getByTestId('timeline-lanes').getAttribute('title')).toMatch(/hidden/)
    // A month before: no event near, no lane (and the count says so).
    await showDays(page, '2025-05-01', '2025-05-02')
    await expect.poll(lanes).toEqual([])
    await expect.poll(count).toBe('· 0 of 2 lanes')
    // Zoom to fit: every lane again.
    await page.getByRole('button', { name: 'Zoom to fit' }).click()
    await expect.poll(lanes).toEqual(['Iran', 'United States'])
    await expect.poll(count).toBe('· 2 lanes')
  })

  it('filters by source grade, and takes a type of the case’s own', async () => {
    const { page } = app
    // The report has no graded source (F): "B or better" leaves nothing.
    await page.getByTestId('timeline-reliability').selectOption('B')
    await expect
      .poll(() => page.getByTestId('timeline-empty').innerText())
      .toBe('No dated events match the filters.')
    await page.getByTestId('timeline-reliability').selectOption('')
    await expect.poll(() => itemTexts(page)).toHaveLength(3)

    await item(page, 'Araghchi meets Putin in Moscow').click()
    await page.getByTestId('event-details').getByRole('button', { name: 'Edit event…' }).click()
    const form = page.getByTestId('event-form')
    await form.getByLabel('Type').selectOption({ label: 'New type…' })
    await form.getByTestId('event-new-type').fill('Hand-delivered letter')
    await form.getByRole('button', { name: 'Save event' }).click()
    await form.waitFor({ state: 'hidden' })
    await page.getByTestId('timeline-group-by').selectOption('type')
    await expect
      .poll(() => timeline(page).locator('.vis-label').allInnerTexts())
      .toEqual(['Assault / strike', 'Hand-delivered letter'])
  })

  it('shows a title with markup as plain text, never as HTML', async () => {
    const { page } = app
    await page.getByTestId('timeline-group-by').selectOption('none')
    await item(page, 'Araghchi meets Putin in Moscow').click()
    await page.getByTestId('event-details').getByRole('button', { name: 'Edit event…' }).click()
    const form = page.getByTestId('event-form')
    const hostile = '<img src=x onerror="document.title=1"> <b>Talks</b>'
    await form.getByLabel('Title').fill(hostile)
    await form.getByRole('button', { name: 'Save event' }).click()
    await form.waitFor({ state: 'hidden' })
    await expect.poll(() => itemTexts(page)).toContain(hostile)
    expect(await timeline(page).locator('.vis-item img, .vis-item b').count()).toBe(0)
    // Its tooltip too.
    await item(page, hostile).hover()
    const tip = page.locator('.vis-tooltip')
    await expect.poll(() => tip.innerText()).toContain(hostile)
    expect(await tip.locator('img, b').count()).toBe(0)
    // Undo brings the title back for the tests that follow.
    await page.getByTestId('timeline').focus()
    await page.keyboard.press('Control+z')
    await expect.poll(() => itemTexts(page)).toContain('Araghchi meets Putin in Moscow')
  })

  it('works from the keyboard: arrows select, Enter edits, Delete asks and undo restores', async () => {
    const { page } = app
    await page.getByTestId('timeline-group-by').selectOption('none')
    await timeline(page).focus()
    await page.keyboard.press('Home')
    await expect.poll(() => selected(page)).toEqual(['US strikes on nuclear sites'])
    await page.keyboard.press('ArrowRight')
    // The two Monday events share an instant; either may come next.
    await expect
      .poll(async () => (await selected(page)).join())
      .toMatch(/^(Araghchi meets Putin in Moscow|Missile strike on Al Udeid Air Base)$/)
    const [second] = await selected(page)
    await page.keyboard.press('Enter')
    const form = page.getByTestId('event-form')
    await expect.poll(() => form.getByLabel('Title').inputValue()).toBe(second)
    await form.getByRole('button', { name: 'Cancel' }).click()
    await form.waitFor({ state: 'hidden' })

    await timeline(page).focus()
    await page.keyboard.press('Delete')
    const confirm = page.getByTestId('delete-event')
    await confirm.getByRole('button', { name: 'Delete event' }).click()
    await expect.poll(() => itemTexts(page)).toHaveLength(2)
    expect(await itemTexts(page)).not.toContain(second)
    await page.keyboard.press('Control+z')
    await expect.poll(() => itemTexts(page)).toEqual(EVENTS.map((e) => e.title).sort())
  })

  it('adds a passage from another document as evidence; each passage is one click away', async () => {
    const { page } = app
    await chooseFiles(page, page.getByRole('button', { name: 'Import…' }).first(), [SECOND_REPORT])
    await page.getByTestId('import-report').getByRole('button', { name: 'Done' }).click()
    await page.getByTestId('doc-row').filter({ hasText: 'Pentagon statement' }).click()
    await expect
      .poll(() => page.getByTestId('reader-title').innerText())
      .toBe('Pentagon statement on the attack on Al Udeid Air Base')
    await selectQuote(page, 'Iranian missiles struck near Al Udeid Air Base')
    await page.keyboard.press('c')
    await expect
      .poll(() => page.getByTestId('inspector-quote').innerText())
      .toBe('Iranian missiles struck near Al Udeid Air Base')
    await page
      .getByTestId('add-evidence-event')
      .selectOption({ label: 'Missile strike on Al Udeid Air Base' })
    await page.getByTestId('add-evidence').click()
    await expect
      .poll(() => page.getByTestId('inspector-event').innerText())
      .toContain('Missile strike on Al Udeid Air Base')

    // The event now rests on two passages in two documents; the inspector lists both.
    await item(page, 'Missile strike on Al Udeid Air Base').click()
    const quotes = page.getByTestId('event-evidence').locator('blockquote')
    await expect
      .poll(() => quotes.allInnerTexts())
      .toEqual([
        'firing missiles at American bases in Qatar',
        'Iranian missiles struck near Al Udeid Air Base',
      ])
    await quotes.nth(1).click()
    await expect
      .poll(() => page.getByTestId('reader-title').innerText())
      .toBe('Pentagon statement on the attack on Al Udeid Air Base')
    await expect.poll(() => flashed(page)).toBe('Iranian missiles struck near Al Udeid Air Base')
    await quotes.nth(0).click()
    await expect.poll(() => page.getByTestId('reader-title').innerText()).toMatch(/^Tehran Attacks/)
    await expect.poll(() => flashed(page)).toBe('firing missiles at American bases in Qatar')
  })

  it('finds everything again after a reload: items, lanes and the window', async () => {
    const { page } = app
    await page.getByTestId('timeline-group-by').selectOption('initiator')
    await expect.poll(() => timeline(page).locator('.vis-label').count()).toBe(2)
    // A window no automatic choice would make: 19–27 June.
    await showDays(page, '2025-06-19', '2025-06-27')
    // The window is saved a moment after it settles: wait until the store has it.
    await expect
      .poll(() => savedWindowDays(page), { timeout: 5000 })
      .toEqual(['2025-06-19', '2025-06-27'])
    await reloadApp(page)
    await expect.poll(() => itemTexts(page)).toEqual(EVENTS.map((e) => e.title).sort())
    await expect
      .poll(() => timeline(page).locator('.vis-label').allInnerTexts())
      .toEqual(['Iran', 'United States'])
    // The Dates… dialog opens on the window shown: the one saved.
    await page.getByTestId('timeline-dates').click()
    const dialog = page.getByTestId('timeline-dates-dialog')
    expect(await dialog.getByLabel('From (UTC day)').inputValue()).toBe('2025-06-19')
    expect(await dialog.getByLabel('To (UTC day, included)').inputValue()).toBe('2025-06-27')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await page.getByTestId('doc-row').first().click()
    await item(page, 'US strikes on nuclear sites').click()
    await expect.poll(() => flashed(page)).toBe(EVENTS[0]!.quote)
  })
})
