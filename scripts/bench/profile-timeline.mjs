#!/usr/bin/env node
/**
 * `node scripts/bench/profile-timeline.mjs` (after `electron-vite build`): where the time of
 * the scale100k timeline rows goes (issue 17: the timeline at 50,000 events). Builds the
 * benchmark page like scripts/bench.mjs but unminified (so functions keep their names),
 * generates the scale case (`--size`, `--events`, `--actors` as the bench takes them; default
 * 2,000 documents, 50,000 events, 2,000 actors), then runs `window.scale.timeline()` under the
 * DevTools CPU profiler and collects the profiles the page takes with `console.profile`
 * around the first render, the pans and zooms, and each "Group by → Initiator". For each it
 * prints the wall time, the CPU time sampled (busy = not idle), the split between script,
 * garbage collection and the rest of the renderer ("(program)": style, layout, paint), the
 * functions and source files with the most self time, and — from a DevTools trace of the same
 * run — the renderer main thread's time per kind of work in each span the page marks with
 * `performance.mark`. Profiles are written to `out/bench-profile/timeline-*.cpuprofile`.
 * It also prints the renderer's CPU time in each span (`window.benchSpan`, CDP
 * Performance.getMetrics) and the load average beside the figures: on a shared machine the
 * wall-clock figures move with the load, CPU times much less.
 */
/* global window */
import { cp, mkdir, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { startServer } from '../serve.mjs'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const OUT = join(ROOT, 'out/bench-profile')
const PAGE = join(OUT, 'timeline-page')
const RENDERER = process.env.CASEFILE_RENDERER_DIR || join(ROOT, 'out/renderer')
const TOP = Number(process.env.PROFILE_TOP || 25)
/** @param {string} flag @param {number} fallback */
const arg = (flag, fallback) => {
  const i = process.argv.indexOf(flag)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const DOCS = arg('--size', 2000)
const EVENTS = arg('--events', 50_000)
const ACTORS = arg('--actors', 2000)
const SPANS = ['timeline-first-render', 'timeline-pan-zoom', 'timeline-group-by']

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
  page.setDefaultTimeout(0)
  page.on('console', (m) => {
    if (m.text().startsWith('[bench] ')) console.log(m.text().slice(8))
  })
  const cdp = await page.context().newCDPSession(page)
  /** @type {{ title: string, profile: any }[]} */
  const profiles = []
  cdp.on('Profiler.consoleProfileFinished', (e) => profiles.push(e))
  // The renderer's CPU time at each span edge the page notes (`window.benchSpan`): on a shared
  // machine a CPU time moves much less than a wall-clock time.
  const metrics = await page.context().newCDPSession(page)
  await metrics.send('Performance.enable')
  /** @type {Map<string, Record<string, number>[]>} */
  const edges = new Map()
  await page.exposeFunction('benchSpan', async (/** @type {string} */ edge) => {
    const { metrics: list } = await metrics.send('Performance.getMetrics')
    const at = Object.fromEntries(list.map((m) => [m.name, m.value]))
    edges.set(edge, [...(edges.get(edge) ?? []), at])
  })
  await page.goto(server.url)
  await page.waitForFunction(() => typeof window.scale === 'object')
  const made = await page.evaluate(
    ([d, e, a]) => window.scale.generate(d, e, a, 2000),
    [DOCS, EVENTS, ACTORS],
  )
  console.log(`case: ${made.documents} documents, ${made.events} events, ${made.actors} actors`)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 })
  /** @type {any[]} */
  const trace = []
  cdp.on('Tracing.dataCollected', (e) => trace.push(...e.value))
  const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,blink.user_timing',
    transferMode: 'ReportEvents',
  })
  const load = loadavg().map((x) => x.toFixed(2))
  const rows = await page.evaluate(() => window.scale.timeline())
  const loadAfter = loadavg().map((x) => x.toFixed(2))
  await cdp.send('Tracing.end')
  await traced
  reportTrace(trace)
  await mkdir(OUT, { recursive: true })
  for (const [k, { title, profile }] of profiles.entries()) {
    const name = `${title.replace(/[^\w-]+/g, '-')}-${k}`
    await writeFile(join(OUT, `${name}.cpuprofile`), JSON.stringify(profile))
    report(name, profile)
  }
  reportCpu(edges)
  for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit} — ${r.detail ?? ''}`)
  console.log(`load average before ${load.join(' ')}, after ${loadAfter.join(' ')}`)
} finally {
  await browser.close()
  await server.close()
}

/**
 * Prints, for each span, the renderer's CPU time between its edges (CDP Performance.getMetrics:
 * ThreadTime is the main thread's CPU time, ProcessTime the whole renderer's; Script, Layout
 * and RecalcStyle durations are the main thread's), summed over its runs and per run.
 *
 * @param {Map<string, Record<string, number>[]>} edges
 */
function reportCpu(edges) {
  const keys = [
    'ThreadTime',
    'ProcessTime',
    'ScriptDuration',
    'LayoutDuration',
    'RecalcStyleDuration',
  ]
  for (const span of SPANS) {
    const starts = edges.get(`${span}:start`) ?? []
    const ends = edges.get(`${span}:end`) ?? []
    const runs = Math.min(starts.length, ends.length)
    if (!runs) continue
    const sum = Object.fromEntries(keys.map((k) => [k, 0]))
    /** @type {number[]} */
    const perRun = []
    for (let r = 0; r < runs; r++) {
      for (const k of keys) sum[k] += (ends[r][k] ?? 0) - (starts[r][k] ?? 0)
      perRun.push(((ends[r].ThreadTime ?? 0) - (starts[r].ThreadTime ?? 0)) * 1000)
    }
    const ms = (/** @type {number} */ s) => `${((s * 1000) / runs).toFixed(1)} ms`
    console.log(
      `\n== CPU ${span} (${runs} runs, mean per run): main thread ${ms(sum.ThreadTime)} (runs ${perRun.map((x) => x.toFixed(0)).join(', ')} ms), renderer process ${ms(sum.ProcessTime)}; main thread script ${ms(sum.ScriptDuration)}, layout ${ms(sum.LayoutDuration)}, style ${ms(sum.RecalcStyleDuration)}`,
    )
  }
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
  // Inclusive time of a few functions of interest (ours and vis-timeline's entry points).
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const inclusive = new Map()
  for (const [id, us] of self) {
    const seen = new Set()
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at).callFrame.functionName
      if (!name || seen.has(name)) continue
      seen.add(name)
      inclusive.set(name, (inclusive.get(name) ?? 0) + us)
    }
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
  console.log('   inclusive (ours and vis-timeline entry points):')
  const names = (
    process.env.PROFILE_FNS ||
    'buildTimeline,viewForWindow,lanesForView,syncView,refresh,toVisItem,setData,setGroups,_onUpdate,_onAdd,_onAddGroups,_onRemoveGroups,_onUpdateGroups,redraw,_redraw,stack,stackSubgroups,_updateVisibleItems,_calculateHeight,renderWithHooks,commitRoot'
  ).split(',')
  for (const name of names) {
    const us = inclusive.get(name)
    if (us) console.log(`   ${ms(us)} ms  ${name}`)
  }
}

/**
 * Prints, for each span the page marked (`<name>:start` … `<name>:end`), the renderer main
 * thread's self time per kind of work (FunctionCall, UpdateLayoutTree (style), Layout, Paint…).
 *
 * @param {any[]} events
 */
function reportTrace(events) {
  /** @type {Map<string, any[]>} */
  const marks = new Map()
  for (const e of events) {
    if (!e.cat?.includes('blink.user_timing') || !/:(start|end)$/.test(e.name)) continue
    marks.set(e.name, [...(marks.get(e.name) ?? []), e])
  }
  const first = marks.get(`${SPANS[0]}:start`)?.[0]
  const main = events.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === first?.pid,
  )
  for (const span of SPANS) {
    const starts = marks.get(`${span}:start`) ?? []
    const ends = marks.get(`${span}:end`) ?? []
    /** @type {Map<string, number>} */
    const by = new Map()
    let wall = 0
    for (let k = 0; k < Math.min(starts.length, ends.length); k++) {
      const a = starts[k]
      const b = ends[k]
      wall += (b.ts - a.ts) / 1000
      const list = events
        .filter((e) => e.ph === 'X' && e.pid === a.pid && (!main || e.tid === main.tid))
        .filter((e) => e.ts >= a.ts && e.ts + (e.dur ?? 0) <= b.ts)
        .sort((x, y) => x.ts - y.ts)
      /** @type {{ end: number, name: string }[]} */
      const open = []
      for (const e of list) {
        while (open.length && open[open.length - 1].end <= e.ts) open.pop()
        by.set(e.name, (by.get(e.name) ?? 0) + (e.dur ?? 0))
        const parent = open[open.length - 1]
        if (parent) by.set(parent.name, (by.get(parent.name) ?? 0) - (e.dur ?? 0))
        open.push({ end: e.ts + (e.dur ?? 0), name: e.name })
      }
    }
    console.log(
      `\n== trace ${span} (${starts.length} spans): ${wall.toFixed(1)} ms; main thread self time by kind:`,
    )
    for (const [k, us] of [...by].sort((x, y) => y[1] - x[1]).slice(0, 14)) {
      if (us < 500) continue
      console.log(`   ${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`)
    }
  }
}
