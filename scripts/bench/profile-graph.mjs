#!/usr/bin/env node
/**
 * `node scripts/bench/profile-graph.mjs` (after `electron-vite build`): where the time of the
 * scale100k graph's filter and time-window changes goes (issue 17: the graph at 2,000 actors
 * and 48,000 ties). Builds the benchmark page unminified (functions keep their names),
 * generates the scale case (`--size`, `--events`, `--actors` as the bench takes them; default
 * 2,000 documents, 50,000 events, 2,000 actors), then runs `window.scale.graph()` under a
 * DevTools trace (timeline, User Timing and V8 GC categories) and the CPU profiler (the page
 * profiles its filter and window spans with `console.profile`). Prints, per span, the main
 * thread's self time by kind of work; the CPU profiles' top functions (GC included, as
 * "(garbage collector)"); and each of the `--top` slowest changes (the page's
 * `graph-change <kind> <k>` measures) with what the main thread did in it — tasks, script,
 * GCs (kind, ms, heap before → after), style, layout, paint — and the page's graph steps
 * (`casefile:graph:view|sync|draw`) that fell in it. `--no-gc` is accepted for the
 * command line's sake: this script forces no GC anywhere (the bench forces none either), so
 * the heap is as the bench leaves it. The main thread's CPU time over each span (CDP
 * Performance.getMetrics) and the load average are printed beside the figures, and the picture
 * after the first family change is saved as out/bench-profile/graph-after-filter.png.
 */
/* global window */
import { mkdir, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import {
  collectConsoleProfiles,
  numberArg,
  openBenchPage,
  printCpuProfile,
  printTraceBySpan,
  ROOT,
  saveScreenshot,
} from './bench-kit.mjs'

const OUT = join(ROOT, 'out/bench-profile')
const PAGE = join(OUT, process.env.PROFILE_PAGE || 'graph-page')
const DOCS = numberArg('--size', 2000)
const EVENTS = numberArg('--events', 50_000)
const ACTORS = numberArg('--actors', 2000)
const TOP = numberArg('--top', 8)
const SPANS = ['graph-filter', 'graph-window']
const MB = 1_048_576
const INCLUSIVE = (
  process.env.PROFILE_FNS ||
  'buildPreparedGraph,strongestEdges,sync,addEdges,setVisibility,updateVisibleOf,_updateVisibleIndices,_redraw,_drawEdges,_drawArrows,_drawNodes,add,Edge,setOptions,renderWithHooks,commitRoot,screenPositions,keepUnchanged'
).split(',')

const browser = await openBenchPage(PAGE, 'scale')
try {
  const { page } = browser
  page.setDefaultTimeout(0)
  const cdp = await page.context().newCDPSession(page)
  // The main thread's CPU time at each span edge the page notes (`window.benchSpan`): on a
  // shared machine a CPU time moves much less than a wall-clock time.
  const metrics = await page.context().newCDPSession(page)
  await metrics.send('Performance.enable')
  /** @type {Map<string, number>} */
  const cpuAt = new Map()
  await page.exposeFunction('benchSpan', async (/** @type {string} */ edge) => {
    const { metrics: list } = await metrics.send('Performance.getMetrics')
    cpuAt.set(edge, list.find((m) => m.name === 'ThreadTime')?.value ?? NaN)
  })
  // The picture after the first family change (conflict only), for looking at.
  await page.exposeFunction('benchScreenshotAfterFilter', () =>
    saveScreenshot(page, join(OUT, 'graph-after-filter.png')),
  )
  const made = await page.evaluate(
    ([d, e, a]) => window.scale.generate(d, e, a, 2000),
    [DOCS, EVENTS, ACTORS],
  )
  console.log(`case: ${made.documents} documents, ${made.events} events, ${made.actors} actors`)
  const profiles = await collectConsoleProfiles(cdp)
  const events = []
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value))
  const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,blink.user_timing,disabled-by-default-v8.gc',
    transferMode: 'ReportEvents',
  })
  const load = loadavg().map((x) => x.toFixed(2))
  const rows = await page.evaluate(() => window.scale.graph())
  const loadAfter = loadavg().map((x) => x.toFixed(2))
  await cdp.send('Tracing.end')
  await traced
  printTraceBySpan(events, SPANS, { counted: true })
  for (const span of SPANS) {
    const cpu = (cpuAt.get(`${span}:end`) ?? NaN) - (cpuAt.get(`${span}:start`) ?? NaN)
    console.log(
      `\n== CPU ${span}: main thread ${(cpu * 1000).toFixed(0)} ms over its 30 changes (${((cpu * 1000) / 30).toFixed(1)} ms a change)`,
    )
  }
  printSlowChanges(events, TOP)
  await mkdir(OUT, { recursive: true })
  for (const [k, { title, profile }] of profiles.entries()) {
    const name = `${title.replace(/[^\w-]+/g, '-')}-${k}`
    await writeFile(join(OUT, `${name}.cpuprofile`), JSON.stringify(profile))
    printCpuProfile(name, profile, {
      top: 25,
      inclusive: INCLUSIVE,
      inclusiveHeading: 'inclusive (ours and vis-network entry points):',
    })
  }
  for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit} — ${r.detail ?? ''}`)
  console.log(`load average before ${load.join(' ')}, after ${loadAfter.join(' ')}`)
} finally {
  await browser.close()
}

/**
 * Prints the `top` slowest changes (the page's `graph-change <kind> <k>` measures, begin and
 * end events in the trace) and, for each, the renderer main thread's self time by kind of
 * event in it, every GC over 1 ms (with the heap before and after) and the page's
 * `casefile:graph:*` steps in it.
 *
 * @param {any[]} events
 * @param {number} top
 */
function printSlowChanges(events, top) {
  /** @type {Map<string, { begin?: any, end?: any }>} */
  const pairs = new Map()
  /** @type {any[]} */
  const steps = []
  /** @type {Map<string, any>} */
  const begun = new Map()
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (!e.cat?.includes('blink.user_timing')) continue
    const key = `${e.name}#${e.id ?? e.id2?.local ?? ''}`
    if (e.name.startsWith('graph-change ')) {
      const pair = pairs.get(key) ?? {}
      if (e.ph === 'b') pair.begin = e
      if (e.ph === 'e') pair.end = e
      pairs.set(key, pair)
    } else if (e.name.startsWith('casefile:graph:') && e.ph === 'b') begun.set(key, e)
    else if (e.name.startsWith('casefile:graph:') && e.ph === 'e' && begun.has(key)) {
      const b = begun.get(key)
      begun.delete(key)
      steps.push({ name: e.name.slice(15), ts: b.ts, end: e.ts })
    }
  }
  const changes = [...pairs.values()]
    .filter((p) => p.begin && p.end)
    .map((p) => ({ name: p.begin.name, ts: p.begin.ts, end: p.end.ts, pid: p.begin.pid }))
  if (!changes.length) return
  const main = events.find(
    (e) =>
      e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === changes[0].pid,
  )
  const onMain = events.filter(
    (e) => e.ph === 'X' && e.pid === changes[0].pid && e.tid === main?.tid,
  )
  const inOrder = [...changes].sort((a, b) => a.ts - b.ts)
  console.log(
    `\n== changes in order (ms): ${inOrder.map((c) => `${c.name.slice(13)} ${((c.end - c.ts) / 1000).toFixed(0)}`).join(', ')}`,
  )
  const slowest = [...changes].sort((a, b) => b.end - b.ts - (a.end - a.ts)).slice(0, top)
  console.log(`\n== the ${top} slowest of ${changes.length} changes (trace):`)
  for (const c of slowest) {
    const inIt = onMain
      .filter((e) => e.ts < c.end && e.ts + (e.dur ?? 0) > c.ts)
      .sort((a, b) => a.ts - b.ts)
    /** @type {Map<string, number>} */
    const byKind = new Map()
    /** @type {{ end: number, name: string }[]} */
    const open = []
    let busy = 0
    for (const e of inIt) {
      while (open.length && open[open.length - 1].end <= e.ts) open.pop()
      const dur = Math.min(e.ts + (e.dur ?? 0), c.end) - Math.max(e.ts, c.ts)
      byKind.set(e.name, (byKind.get(e.name) ?? 0) + dur)
      const parent = open[open.length - 1]
      if (parent) byKind.set(parent.name, (byKind.get(parent.name) ?? 0) - dur)
      else busy += dur
      open.push({ end: e.ts + (e.dur ?? 0), name: e.name })
    }
    const kinds = [...byKind]
      .filter(([, us]) => us >= 1000)
      .sort((a, b) => b[1] - a[1])
      .map(([k, us]) => `${k} ${(us / 1000).toFixed(1)}`)
      .join(', ')
    const gcs = inIt
      .filter(
        (e) => /GC|Scavenge|MarkCompact|MajorGC|MinorGC/i.test(e.name) && (e.dur ?? 0) >= 1000,
      )
      .map((e) => {
        const a = e.args ?? {}
        const heap =
          a.usedHeapSizeBefore !== undefined
            ? ` ${(a.usedHeapSizeBefore / MB).toFixed(0)}→${(a.usedHeapSizeAfter / MB).toFixed(0)} MB`
            : ''
        return `${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms${heap}`
      })
    const own = steps
      .filter((s) => s.ts >= c.ts && s.ts < c.end)
      .map((s) => `${s.name} ${((s.end - s.ts) / 1000).toFixed(1)}`)
      .join(', ')
    console.log(
      `   ${((c.end - c.ts) / 1000).toFixed(1).padStart(7)} ms  ${c.name} (main thread busy ${(busy / 1000).toFixed(1)} ms; steps: ${own}): ${kinds}${gcs.length ? `; GC: ${gcs.join(', ')}` : ''}`,
    )
  }
}
