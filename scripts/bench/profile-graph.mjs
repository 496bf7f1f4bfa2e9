#!/usr/bin/env node
/**
 * `node scripts/bench/profile-graph.mjs` (after `electron-vite build`): where the time of the
 * scale100k graph's first picture (a case never laid out: span `graph-first`, listed with the
 * changes as `first 0`) and of its filter and time-window changes goes (issue 17: the graph
 * at 2,000 actors and 48,000 ties). Builds the benchmark page unminified (functions keep their names),
 * generates the scale case (`--size`, `--events`, `--actors` as the bench takes them; default
 * 2,000 documents, 50,000 events, 2,000 actors), then runs `window.scale.graph()` under a
 * DevTools trace (timeline, User Timing and V8 GC categories) and the CPU profiler (the page
 * profiles its filter and window spans with `console.profile`). Prints, per span, the main
 * thread's self time by kind of work; the CPU profiles' top functions (GC included, as
 * "(garbage collector)"); and each of the `--top` slowest changes (the page's
 * `graph-change <kind> <k>` measures) with what the main thread did in it — tasks, script,
 * GCs (kind, ms, heap before → after), style, layout, paint — and the page's graph steps
 * (`casefile:graph:view|sync|draw`) that fell in it; then every garbage collection from the
 * first change on, with the heap before and after (how the old generation grows from change
 * to change). `--after-timeline` runs the timeline's rows first, as the bench does. The case
 * is generated and the generator's garbage collected as the bench does (bench-kit's
 * `generateScaleCase`). `--no-gc` is accepted for the
 * command line's sake: this script forces no GC anywhere (the bench forces none either), so
 * the heap is as the bench leaves it. The main thread's CPU time over each span (CDP
 * Performance.getMetrics) and the load average are printed beside the figures, and the picture
 * after the first family change is saved as out/bench-profile/graph-after-filter.png.
 */
/* global window */
import { join } from 'node:path'
import {
  collectConsoleProfiles,
  generateScaleCase,
  loadAverage,
  measuresNamed,
  numberArg,
  openScalePage,
  printRows,
  printSlowMeasures,
  printTraceBySpan,
  recordSpanMetrics,
  ROOT,
  saveScreenshot,
  scaleArgs,
  spanDeltas,
  startTrace,
  writeProfiles,
} from './bench-kit.mjs'

const OUT = join(ROOT, 'out/bench-profile')
const PAGE = join(OUT, process.env.PROFILE_PAGE || 'graph-page')
const SIZE = scaleArgs()
const TOP = numberArg('--top', 8)
const SPANS = ['graph-first', 'graph-filter', 'graph-window']
const INCLUSIVE = (
  process.env.PROFILE_FNS ||
  'buildPreparedGraph,strongestEdges,sync,addEdges,setVisibility,updateVisibleOf,_updateVisibleIndices,_redraw,_drawEdges,_drawArrows,_drawNodes,add,Edge,setOptions,renderWithHooks,commitRoot,screenPositions,keepUnchanged'
).split(',')

const { browser, page, cdp } = await openScalePage(PAGE)
try {
  // The main thread's CPU time at each span edge the page notes (`window.benchSpan`).
  const edges = await recordSpanMetrics(page)
  // The picture after the first family change (conflict only), for looking at.
  await page.exposeFunction('benchScreenshotAfterFilter', () =>
    saveScreenshot(page, join(OUT, 'graph-after-filter.png')),
  )
  await generateScaleCase(page, SIZE)
  // `--after-timeline`: the timeline's rows first, as `npm run bench` runs them before the
  // graph's (the page's heap, and the garbage it leaves, as the graph then finds them).
  if (process.argv.includes('--after-timeline')) await page.evaluate(() => window.scale.timeline())
  const profiles = await collectConsoleProfiles(cdp)
  const endTrace = await startTrace(cdp, { gc: true })
  const load = loadAverage()
  const rows = await page.evaluate(() => window.scale.graph())
  const loadAfter = loadAverage()
  const events = await endTrace()
  printTraceBySpan(events, SPANS, { counted: true })
  for (const span of SPANS) {
    const cpu = spanDeltas(edges, span, ['ThreadTime']).sum.ThreadTime ?? NaN
    const changes = span === 'graph-first' ? 1 : 30
    console.log(
      `\n== CPU ${span}: main thread ${(cpu * 1000).toFixed(0)} ms over its ${changes} change${changes === 1 ? '' : 's'} (${((cpu * 1000) / changes).toFixed(1)} ms a change)`,
    )
  }
  printSlowChanges(events, TOP)
  printGcs(events)
  await writeProfiles(profiles, OUT, {
    top: 25,
    indexed: true,
    inclusive: INCLUSIVE,
    inclusiveHeading: 'inclusive (ours and vis-network entry points):',
  })
  printRows(rows, load, loadAfter)
} finally {
  await browser.close()
}

/**
 * Prints the changes in the order made, then the `top` slowest (the page's `graph-change
 * <kind> <k>` measures) with what the main thread did in each and the page's
 * `casefile:graph:*` steps in it (see bench-kit's `printSlowMeasures`).
 *
 * @param {any[]} events
 * @param {number} top
 */
function printSlowChanges(events, top) {
  const changes = measuresNamed(events, 'graph-change ')
  if (!changes.length) return
  const steps = measuresNamed(events, 'casefile:graph:').map((s) => ({
    ...s,
    name: s.name.slice('casefile:graph:'.length),
  }))
  console.log(
    `\n== changes in order (ms): ${changes.map((c) => `${c.name.slice(13)} ${((c.end - c.ts) / 1000).toFixed(0)}`).join(', ')}`,
  )
  printSlowMeasures(events, changes, { top, noun: 'changes', steps })
}

/**
 * Every garbage collection of the page's main thread from the first change on, in order: the
 * change it fell in (or "between"), its kind and length, and the used heap before and after —
 * the "after" of successive scavenges is how the old generation grew, and a major GC's
 * before → after what it found dead.
 *
 * @param {any[]} events
 */
function printGcs(events) {
  const changes = measuresNamed(events, 'graph-change ')
  if (!changes.length) return
  const pid = changes[0].pid
  const main = events.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === pid,
  )
  const gcs = events
    .filter((e) => e.ph === 'X' && e.pid === pid && e.tid === main?.tid)
    .filter((e) => e.name === 'MinorGC' || e.name === 'MajorGC')
    .filter((e) => e.ts >= changes[0].ts)
    .sort((a, b) => a.ts - b.ts)
  console.log(`\n== garbage collections from the first change on (${gcs.length}):`)
  for (const e of gcs) {
    const inside = changes.find((c) => e.ts >= c.ts && e.ts <= c.end)
    const a = e.args ?? {}
    const mb = (/** @type {number} */ b) => (b / 1_048_576).toFixed(0)
    const heap =
      a.usedHeapSizeBefore === undefined
        ? ''
        : ` ${mb(a.usedHeapSizeBefore)} → ${mb(a.usedHeapSizeAfter)} MB`
    console.log(
      `   ${(inside ? inside.name.slice(13) : 'between').padEnd(11)} ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms${heap}`,
    )
  }
}
