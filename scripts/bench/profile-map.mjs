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
import { cp, mkdir, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { startServer } from '../serve.mjs'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const OUT = join(ROOT, 'out/bench-profile')
const PAGE = join(OUT, 'page')
const RENDERER = process.env.CASEFILE_RENDERER_DIR || join(ROOT, 'out/renderer')
const TOP = Number(process.env.PROFILE_TOP || 25)
const SCREENSHOT = (() => {
  const i = process.argv.indexOf('--screenshot')
  return i > 0 ? process.argv[i + 1] : undefined
})()

await build({
  configFile: false,
  root: join(ROOT, 'scripts/bench'),
  base: './',
  mode: 'production',
  logLevel: 'warn',
  publicDir: false,
  worker: { format: 'es' },
  build: {
    outDir: PAGE,
    emptyOutDir: true,
    target: 'chrome130',
    minify: false,
    sourcemap: false,
    chunkSizeWarningLimit: 50000,
  },
})
await cp(join(RENDERER, 'ocr'), join(PAGE, 'ocr'), { recursive: true })

const server = await startServer({ root: PAGE, port: 0 })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  ],
})
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  page.on('console', (m) => {
    if (m.text().startsWith('[bench] ')) console.log(m.text().slice(8))
  })
  const cdp = await page.context().newCDPSession(page)
  /** @type {{ title: string, profile: any }[]} */
  const profiles = []
  cdp.on('Profiler.consoleProfileFinished', (e) => profiles.push(e))
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 })
  await page.goto(server.url)
  await page.waitForFunction(() => typeof window.runBench === 'function')
  if (SCREENSHOT) {
    await screenshots(page, SCREENSHOT)
    process.exit(0)
  }
  /** @type {any[]} */
  const trace = []
  cdp.on('Tracing.dataCollected', (e) => trace.push(...e.value))
  const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,blink.user_timing',
    transferMode: 'ReportEvents',
  })
  const load = loadavg().map((x) => x.toFixed(2))
  const rows = await page.evaluate(() => window.runBench('map'))
  const loadAfter = loadavg().map((x) => x.toFixed(2))
  await cdp.send('Tracing.end')
  await traced
  reportTrace(trace)
  await mkdir(OUT, { recursive: true })
  for (const { title, profile } of profiles) {
    await writeFile(
      join(OUT, `${title.replace(/[^\w-]+/g, '-')}.cpuprofile`),
      JSON.stringify(profile),
    )
    report(title, profile)
  }
  for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit} — ${r.detail ?? ''}`)
  console.log(`load average before ${load.join(' ')}, after ${loadAfter.join(' ')}`)
} finally {
  await browser.close()
  await server.close()
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
  await pane.screenshot({ path: `${prefix}-window.png` })
  await page.locator('[data-testid="map-marker"][data-selected="true"]').first().click()
  await page.getByTestId('map-place-details').waitFor()
  await pane.screenshot({ path: `${prefix}-open.png` })
  await page.getByTestId('map-stage').focus()
  for (let i = 0; i < 3; i++) await page.keyboard.press('+')
  // Two frames: the keyboard's zoom is drawn by the second.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))),
  )
  await pane.screenshot({ path: `${prefix}-zoom.png` })
}

/**
 * Prints one profile's summary.
 *
 * @param {string} title
 * @param {{ nodes: any[], samples: number[], timeDeltas: number[], startTime: number, endTime: number }} profile
 */
function report(title, profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  /** @type {Map<number, number>} self time in µs by node id */
  const self = new Map()
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0))
  })
  const wall = (profile.endTime - profile.startTime) / 1000
  const fn = new Map()
  const file = new Map()
  let idle = 0
  let program = 0
  let gc = 0
  for (const [id, us] of self) {
    const cf = byId.get(id).callFrame
    const name = cf.functionName || '(anonymous)'
    if (name === '(idle)') idle += us
    else if (name === '(program)') program += us
    else if (name === '(garbage collector)') gc += us
    const url = cf.url.replace(/^.*\//, '')
    const key = `${name} ${url}:${cf.lineNumber + 1}`
    fn.set(key, (fn.get(key) ?? 0) + us)
    if (cf.url) file.set(url, (file.get(url) ?? 0) + us)
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const busy = total - idle
  const ms = (us) => (us / 1000).toFixed(1).padStart(8)
  console.log(`\n== ${title}: wall ${wall.toFixed(1)} ms, busy ${ms(busy).trim()} ms`)
  console.log(
    `   script ${ms(busy - program - gc).trim()} ms, GC ${ms(gc).trim()} ms, (program: style/layout/paint/native) ${ms(program).trim()} ms`,
  )
  console.log('   top self time:')
  for (const [k, us] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    if (k.startsWith('(idle)')) continue
    console.log(`   ${ms(us)} ms  ${k}`)
  }
  console.log('   by file:')
  for (const [k, us] of [...file].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
    console.log(`   ${ms(us)} ms  ${k}`)
  }
}

/**
 * Prints, for each span the page marked (`<name>:start` … `<name>:end`), the renderer main
 * thread's time in the trace's top-level kinds of work, e.g. FunctionCall, UpdateLayoutTree
 * (style), Layout, Paint, PrePaint, Layerize.
 *
 * @param {any[]} events
 */
function reportTrace(events) {
  const marks = new Map()
  for (const e of events) {
    if (e.cat?.includes('blink.user_timing') && /:(start|end)$/.test(e.name)) marks.set(e.name, e)
  }
  const main = events.find(
    (e) =>
      e.name === 'thread_name' &&
      e.args?.name === 'CrRendererMain' &&
      e.pid === marks.get('map-first-draw:start')?.pid,
  )
  for (const span of ['map-first-draw', 'map-window-changes']) {
    const a = marks.get(`${span}:start`)
    const b = marks.get(`${span}:end`)
    if (!a || !b) continue
    /** @type {Map<string, number>} */
    const by = new Map()
    // Only the outermost complete events on the main thread: nested ones are inside them.
    const list = events
      .filter((e) => e.ph === 'X' && e.pid === a.pid && (!main || e.tid === main.tid))
      .filter((e) => e.ts >= a.ts && e.ts + (e.dur ?? 0) <= b.ts)
      .sort((x, y) => x.ts - y.ts)
    /** @type {{ end: number }[]} */
    const open = []
    for (const e of list) {
      while (open.length && open[open.length - 1].end <= e.ts) open.pop()
      // Count each kind once per nesting: a Layout inside a FunctionCall (forced) counts as
      // Layout and is taken out of the FunctionCall.
      const kind = e.name
      by.set(kind, (by.get(kind) ?? 0) + (e.dur ?? 0))
      const parent = open[open.length - 1]
      if (parent) by.set(parent.name, (by.get(parent.name) ?? 0) - (e.dur ?? 0))
      open.push({ end: e.ts + (e.dur ?? 0), name: kind })
    }
    const wall = (b.ts - a.ts) / 1000
    console.log(`\n== trace ${span}: ${wall.toFixed(1)} ms; main thread self time by kind:`)
    for (const [k, us] of [...by].sort((x, y) => y[1] - x[1]).slice(0, 14)) {
      if (us < 500) continue
      console.log(`   ${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`)
    }
  }
}
