#!/usr/bin/env node
/**
 * `node scripts/bench/profile-map.mjs` (after `electron-vite build`): where the map bench's
 * time goes. Builds the benchmark page like scripts/bench.mjs but unminified (so functions
 * keep their names), runs `runBench('map')` in the same headless Chromium under the DevTools
 * CPU profiler, and collects the profiles the page takes with `console.profile` around the
 * map's first draw and its time-window changes. For each it prints the wall time, the CPU
 * time sampled (busy = not idle), the split between script, garbage collection and the rest
 * of the renderer ("(program)": style, layout, paint), the functions with the most self time
 * and the source files with the most self time, and — from a DevTools trace of the same run —
 * the renderer main thread's time per kind of work (script, style, layout, paint, …) in each
 * span (the page marks them with `performance.mark`); each profile is also written as
 * `out/bench-profile/<name>.cpuprofile` (open it in Chrome's DevTools, Performance tab).
 * Prints the load average beside the figures: on a shared machine they move with it.
 */
/* global window, requestAnimationFrame -- functions handed to page.evaluate run in the page. */
import { join } from 'node:path'
import {
  collectConsoleProfiles,
  loadAverage,
  openBenchPage,
  printRows,
  printTraceBySpan,
  ROOT,
  saveScreenshot,
  startTrace,
  stringArg,
  writeProfiles,
} from './bench-kit.mjs'

const OUT = join(ROOT, 'out/bench-profile')
const PAGE = join(OUT, 'page')
const TOP = Number(process.env.PROFILE_TOP || 25)
const SCREENSHOT = stringArg('--screenshot')

const browser = await openBenchPage(PAGE, 'runBench')
try {
  const { page } = browser
  const cdp = await page.context().newCDPSession(page)
  const profiles = await collectConsoleProfiles(cdp)
  if (SCREENSHOT) await screenshots(page, SCREENSHOT)
  else {
    const endTrace = await startTrace(cdp)
    const load = loadAverage()
    const rows = await page.evaluate(() => window.runBench('map'))
    const loadAfter = loadAverage()
    printTraceBySpan(await endTrace(), ['map-first-draw', 'map-window-changes'])
    await writeProfiles(profiles, OUT, { top: TOP })
    printRows(rows, load, loadAfter)
  }
} finally {
  await browser.close()
}

/**
 * The pictures to compare before and after a change to the map's drawing (`--screenshot
 * PREFIX` writes PREFIX-window.png, PREFIX-open.png and PREFIX-zoom.png): the bench's case in
 * the window January–June 2024 with event-1 selected (its place ringed); then its place's
 * marker opened (clicked: its list beside the map); then zoomed in three steps with the
 * keyboard, where places stand apart with their names, dashed "near" circles and rings.
 *
 * @param {import('playwright-core').Page} page
 * @param {string} prefix
 */
async function screenshots(page, prefix) {
  const shown = await page.evaluate(() =>
    window.showMap({
      window: { start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 6, 1) },
      selectEventId: 'event-1',
    }),
  )
  console.log(`${shown.markers} markers`)
  const pane = page.getByTestId('map-pane')
  await saveScreenshot(pane, `${prefix}-window.png`)
  await page.locator('[data-testid="map-marker"][data-selected="true"]').first().click()
  await page.getByTestId('map-place-details').waitFor()
  await saveScreenshot(pane, `${prefix}-open.png`)
  await page.getByTestId('map-stage').focus()
  for (let i = 0; i < 3; i++) await page.keyboard.press('+')
  // Two frames: the keyboard's zoom is drawn by the second.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))),
  )
  await saveScreenshot(pane, `${prefix}-zoom.png`)
}
