/**
 * Places and the map through the real UI in Chromium, on DESIGN.md's worked example (the
 * sample report's three events): Qatar, Doha, Moscow, Tehran and Isfahan are geocoded by
 * suggestion from the offline gazetteer and confirmed in the Entities tab; Al Udeid Air Base,
 * which no gazetteer has, is pinned by typing its coordinates; the events get their places;
 * the map (shown from the top bar, loaded then) draws them; narrowing the timeline to the
 * weekend leaves only the strikes on Isfahan; selecting an event on the timeline rings its
 * place; clicking Al Udeid lists the missile strike with its quote, one click from the
 * passage; the pin survives a reload and a backup restored as a new case; the briefing
 * prints the map; the map exports as GeoJSON with longitude first. The harness fails any
 * test that makes a request leaving 127.0.0.1.
 */
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  assertNoExternalRequests,
  captureDownload,
  chooseFiles,
  launchApp,
  reloadApp,
  type App,
} from './harness'
import { newCaseWithFiles, SAMPLE_REPORT, selectQuote, setPublished } from './reader-helpers'
import { EVENTS, tagWorkedActors } from './worked-example'

/** Where each event of the worked example happened. */
const PLACES: Record<string, string> = {
  'US strikes on nuclear sites': 'Isfahan',
  'Araghchi meets Putin in Moscow': 'Moscow',
  'Missile strike on Al Udeid Air Base': 'Al Udeid Air Base',
}

/** Tags `quote` (inside `within`) as a new location called `name`. */
async function tagPlace(page: Page, quote: string, name: string, within = quote) {
  await selectQuote(page, quote, within)
  await page.keyboard.press('l')
  const picker = page.getByTestId('entity-picker')
  await picker.getByTestId('entity-query').fill(name)
  await expect
    .poll(() => picker.getByTestId('entity-options').getByRole('option').first().innerText())
    .toMatch(new RegExp(`Create “${name}”`))
  await picker.getByTestId('entity-query').press('Enter')
  await picker.waitFor({ state: 'hidden' })
}

/** Opens `name` in the Entities tab and returns its place editor. */
async function openPlace(page: Page, name: string) {
  await page.getByRole('tab', { name: 'Entities' }).click()
  const pane = page.getByTestId('entities-pane')
  await pane.getByTestId('entity-row').filter({ hasText: name }).first().click()
  const detail = pane.getByTestId('entity-detail')
  await expect.poll(() => detail.getByTestId('entity-detail-name').innerText()).toBe(name)
  return detail.getByTestId('place-editor')
}

/** Geocodes `name` by suggestion: the first candidate must match `expected`, then confirm. */
async function geocode(page: Page, name: string, expected: RegExp) {
  const editor = await openPlace(page, name)
  await editor.getByTestId('place-find').click()
  const first = editor.getByTestId('place-candidate').first()
  await expect.poll(() => first.innerText()).toMatch(expected)
  // Nothing is stored until the analyst confirms.
  expect(await editor.getByTestId('place-current').innerText()).toBe('Not on the map yet.')
  await editor.getByTestId('place-confirm').click()
  await expect.poll(() => editor.getByTestId('place-current').innerText()).toMatch(/gazetteer: /)
}

/** Makes exactly `names` the chips of one of the event form's pickers, typing each name. */
async function choose(page: Page, testId: string, names: string[]) {
  const picker = page.getByTestId('event-form').getByTestId(testId)
  while ((await picker.getByTestId('chip').count()) > 0) {
    await picker.getByTestId('chip').first().getByRole('button').click()
  }
  for (const name of names) {
    await picker.getByTestId(`${testId}-input`).click()
    await page.keyboard.type(name)
    await page.keyboard.press('Enter')
  }
  await expect
    .poll(() =>
      picker.getByTestId('chip').evaluateAll((els) => els.map((e) => e.firstChild?.textContent)),
    )
    .toEqual(names)
}

/** Makes the worked example's event `title` from its passage, with its place in "Where". */
async function makePlacedEvent(page: Page, title: string) {
  const e = EVENTS.find((x) => x.title === title)!
  await selectQuote(page, e.quote, e.within)
  await page.keyboard.press('e')
  const form = page.getByTestId('event-form')
  await expect.poll(() => form.getByTestId('event-when').inputValue()).toBe(e.when)
  await form.getByLabel('Title').fill(e.title)
  await form.getByTestId('event-type').selectOption({ label: e.type })
  await choose(page, 'event-initiators', e.initiators)
  await choose(page, 'event-targets', e.targets)
  await choose(page, 'event-places', [PLACES[title]!])
  await form.getByRole('button', { name: 'Save event' }).click()
  await form.waitFor({ state: 'hidden' })
}

const markers = (page: Page) =>
  page
    .getByTestId('map-marker')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-places') ?? '').sort())

describe('places on a map', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    await app.page.setViewportSize({ width: 1600, height: 1000 })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('says a case without events has none, once, with what to do', async () => {
    const { page } = app
    await newCaseWithFiles(page, 'Gulf escalation', [SAMPLE_REPORT])
    // The list beside the map used to say "Every event shown has a place" under the overlay
    // that said no event had one.
    await page.getByTestId('view-map').click()
    await expect
      .poll(() => page.getByTestId('map-empty').innerText())
      .toMatch(/^This case has no events yet\. Press E on a passage in the reader/)
    expect(await page.getByTestId('map-unplaced-empty').innerText()).toBe('No events yet.')
    await page.screenshot({ path: '/tmp/casefile-map-empty.png' })
    await page.getByTestId('view-map').click()
    await expect.poll(() => page.getByTestId('map-pane').count()).toBe(0)
  })

  it('geocodes Qatar, Doha, Moscow, Tehran and Isfahan by suggestion, and pins Al Udeid', async () => {
    const { page } = app
    await setPublished(page, '2025-06-24')
    await tagWorkedActors(page)
    await tagPlace(page, 'Moscow', 'Moscow', 'with Russian President Vladimir Putin in Moscow')
    await tagPlace(page, 'Doha', 'Doha', 'widely reported across Doha')
    await tagPlace(page, 'Tehran', 'Tehran', 'Tehran Attacks U.S. Bases')
    await tagPlace(page, 'Isfahan', 'Isfahan', 'Fordow, Natanz, and Isfahan')
    await tagPlace(page, 'Al Udeid Air Base', 'Al Udeid Air Base')

    // Qatar (a state) is a country; Doha then ranks first as the case's country's city.
    await geocode(page, 'Qatar', /^Qatar \(country\)$/)
    await geocode(page, 'Doha', /^Doha, Qatar · capital/)
    // Moscow, Russia (not Moscow, Idaho): the largest first when the case has no Russian place.
    const moscow = await openPlace(page, 'Moscow')
    await moscow.getByTestId('place-find').click()
    await expect
      .poll(() => moscow.getByTestId('place-candidate').allInnerTexts())
      .toEqual([
        expect.stringMatching(/^Moscow, Russia · capital/),
        expect.stringMatching(/^Moscow, United States of America/),
      ])
    await moscow.getByTestId('place-confirm').click()
    await expect.poll(() => moscow.getByTestId('place-current').innerText()).toMatch(/Moscow/)
    await geocode(page, 'Tehran', /^Tehran, Iran · capital/)
    await geocode(page, 'Isfahan', /^Isfahan, Iran/)

    // No gazetteer has the air base: it says so, and the analyst types its coordinates.
    const base = await openPlace(page, 'Al Udeid Air Base')
    await base.getByTestId('place-find').click()
    await base.getByTestId('place-no-candidates').waitFor()
    await base.getByTestId('place-coords').click()
    await page.keyboard.type('25.117 N, 51.315')
    await base.getByTestId('place-pin').click()
    await expect.poll(() => base.getByTestId('place-error').innerText()).toMatch(/Type latitude/)
    await base.getByTestId('place-coords').fill('')
    await page.keyboard.type('25.117, 51.315')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => base.getByTestId('place-current').innerText())
      .toBe('Point 25.1170° N, 51.3150° E · pinned by the analyst')
  })

  it('shows the events at their places once the map is opened', async () => {
    const { page } = app
    for (const title of Object.keys(PLACES)) await makePlacedEvent(page, title)
    await page.getByTestId('view-map').click()
    // Opening Qatar in the Entities tab put it in focus: the map follows the focus.
    await expect
      .poll(() => page.getByTestId('map-counts').innerText())
      .toBe('0 events at 0 places · 3 outside the window or focus')
    // It says why nothing is drawn, and the list does not claim every event shown has a place.
    expect(await page.getByTestId('map-empty').innerText()).toMatch(
      /^None of the case’s 3 events is in the timeline’s window or the actor in focus\./,
    )
    expect(await page.getByTestId('map-unplaced-empty').innerText()).toBe('No event is shown.')
    await page.getByTestId('timeline-actor').selectOption({ label: 'All actors' })
    await expect.poll(() => markers(page)).toEqual(['Al Udeid Air Base', 'Isfahan', 'Moscow'])
    await expect.poll(() => page.getByTestId('map-counts').innerText()).toBe('3 events at 3 places')
    expect(await page.getByTestId('map-empty').count()).toBe(0)
    await expect
      .poll(() => page.getByTestId('map-unplaced').locator('h3').innerText())
      .toBe('Without a place (0)')
    await page.getByTestId('map-marker').first().waitFor()
    await page.screenshot({ path: '/tmp/casefile-map.png' })
  })

  it('follows the timeline: the weekend alone leaves the strikes on Isfahan', async () => {
    const { page } = app
    await page.getByTestId('timeline-dates').click()
    const dialog = page.getByTestId('timeline-dates-dialog')
    await dialog.getByLabel('From (UTC day)').fill('2025-06-21')
    await dialog.getByLabel('To (UTC day, included)').fill('2025-06-22')
    await dialog.getByRole('button', { name: 'Show' }).click()
    await expect.poll(() => markers(page)).toEqual(['Isfahan'])
    await expect
      .poll(() => page.getByTestId('map-counts').innerText())
      .toMatch(/^1 event at 1 place · 2 outside the window or focus$/)
    await page.getByRole('button', { name: 'Zoom to fit' }).click()
    await expect.poll(() => markers(page)).toHaveLength(3)
  })

  it('rings the place of the event selected on the timeline', async () => {
    const { page } = app
    await page
      .getByTestId('timeline')
      .locator('.vis-item.vis-point, .vis-item.vis-range')
      .filter({ hasText: 'Araghchi meets Putin in Moscow' })
      .first()
      .click()
    await expect
      .poll(() =>
        page
          .locator('[data-testid="map-marker"][data-selected="true"]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-places'))),
      )
      .toEqual(['Moscow'])
  })

  it('clicking Al Udeid lists the missile strike with its quote, one click from the passage', async () => {
    const { page } = app
    const marker = page.locator('[data-testid="map-marker"][data-places="Al Udeid Air Base"]')
    const details = page.getByTestId('map-place-details')
    // By mouse: the marker drawn on the canvas is clicked where it is drawn.
    const box = (await marker.boundingBox())!
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await expect.poll(() => details.locator('h3').innerText()).toMatch(/^Al Udeid Air Base/)
    await details.getByRole('button', { name: 'Close' }).click()
    await details.waitFor({ state: 'detached' })
    // By keyboard: the marker is a button.
    await marker.focus()
    await page.keyboard.press('Enter')
    await expect
      .poll(() => details.getByTestId('map-place-event').locator('button').first().innerText())
      .toBe('Missile strike on Al Udeid Air Base')
    await expect
      .poll(() => details.getByTestId('map-evidence').allInnerTexts())
      .toEqual(['firing missiles at American bases in Qatar'])
    await details.getByTestId('map-evidence').click()
    await expect
      .poll(async () => (await page.getByTestId('reader-focus').allInnerTexts()).join(''))
      .toBe('firing missiles at American bases in Qatar')
  })

  it('exports the events as GeoJSON, longitude first', async () => {
    const { page } = app
    const download = await captureDownload(page, page.getByTestId('map-export-geojson'))
    const json = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
      type: string
      features: { geometry: { coordinates: number[] }; properties: { place: string } }[]
    }
    expect(json.type).toBe('FeatureCollection')
    const udeid = json.features.find((f) => f.properties.place === 'Al Udeid Air Base')!
    expect(udeid.geometry.coordinates).toEqual([51.315, 25.117])
    const svg = await captureDownload(page, page.getByTestId('map-export-svg'))
    expect(await readFile((await svg.path())!, 'utf8')).toContain('Al Udeid Air Base (1)')
  })

  it('keeps the pin after a reload, and in a backup restored as a new case', async () => {
    const { page } = app
    await reloadApp(page)
    await expect.poll(() => markers(page)).toContain('Al Udeid Air Base')
    const base = await openPlace(page, 'Al Udeid Air Base')
    await expect
      .poll(() => base.getByTestId('place-current').innerText())
      .toBe('Point 25.1170° N, 51.3150° E · pinned by the analyst')

    const download = await captureDownload(page, page.getByRole('button', { name: 'Back up' }))
    await chooseFiles(page, page.getByRole('button', { name: 'Restore', exact: true }), [
      (await download.path())!,
    ])
    await expect
      .poll(() => page.getByTestId('case-select').locator('option:checked').innerText())
      .toBe('Gulf escalation (restored)')
    await expect.poll(() => markers(page)).toEqual(['Al Udeid Air Base', 'Isfahan', 'Moscow'])
    const restored = await openPlace(page, 'Al Udeid Air Base')
    await expect
      .poll(() => restored.getByTestId('place-current').innerText())
      .toBe('Point 25.1170° N, 51.3150° E · pinned by the analyst')
  })

  it('prints the map in the briefing', async () => {
    const { page } = app
    await page.getByTestId('view-briefing').click()
    await page.getByRole('button', { name: 'New briefing' }).click()
    await page.getByTestId('briefing-title').fill('Gulf escalation, 21–23 June 2025')
    await page.getByTestId('briefing-events').getByRole('button', { name: 'All' }).click()
    const preview = page.frameLocator('[data-testid="briefing-preview"]')
    await expect
      .poll(() => preview.locator('figcaption').allInnerTexts())
      .toContain('Figure 3. Where the events happened.')
    const src = await preview.locator('img[alt="Map"]').getAttribute('src')
    const svg = Buffer.from(src!.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString()
    expect(svg).toContain('Al Udeid Air Base (1)')
    expect(svg).toContain('Moscow (1)')
    assertNoExternalRequests()
  })
})
