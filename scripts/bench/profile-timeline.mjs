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
 *
 * `--before import,library` first runs those phases of the scale section in the same page, in
 * the bench's order (the import of `--size` generated files into a database then deleted, the
 * case, the library's list): the full run's timeline follows them, and some of its pan/zoom
 * steps were slow only there. The page's JS heap is printed after them (used, then after a
 * forced GC, which `--no-gc` leaves out, as the full run has none; `--heap-snapshot` adds a
 * snapshot summed by constructor), and the slowest pan/zoom
 * steps (each a `timeline-step` measure the page leaves) with what the main thread did in each:
 * garbage collections (with the heap before and after), timers, tasks, layout.
 */
/* global window */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import {
  collectConsoleProfiles,
  numberArg,
  openBenchPage,
  printCpuProfile,
  printTraceBySpan,
  ROOT,
  stringArg,
} from './bench-kit.mjs'

const OUT = join(ROOT, 'out/bench-profile')
const PAGE = join(OUT, process.env.PROFILE_PAGE || 'timeline-page')
const TOP = Number(process.env.PROFILE_TOP || 25)
const DOCS = numberArg('--size', 2000)
const EVENTS = numberArg('--events', 50_000)
const ACTORS = numberArg('--actors', 2000)
const SPANS = ['timeline-first-render', 'timeline-pan-zoom', 'timeline-group-by']
const BEFORE = new Set((stringArg('--before') ?? '').split(',').filter(Boolean))
const SNAPSHOT = process.argv.includes('--heap-snapshot')
/** Leaves the heap as the phases left it (the full bench forces no GC between phases). */
const NO_GC = process.argv.includes('--no-gc')
const MB = 1_048_576
/** Functions whose inclusive time is printed (ours and vis-timeline's entry points). */
const INCLUSIVE = (
  process.env.PROFILE_FNS ||
  'buildTimeline,viewForWindow,lanesForView,syncView,refresh,toVisItem,setData,setGroups,_onUpdate,_onAdd,_onAddGroups,_onRemoveGroups,_onUpdateGroups,redraw,_redraw,stack,stackSubgroups,_updateVisibleItems,_calculateHeight,renderWithHooks,commitRoot'
).split(',')

const browser = await openBenchPage(PAGE, 'scale')
try {
  const { page } = browser
  page.setDefaultTimeout(0)
  const cdp = await page.context().newCDPSession(page)
  // The renderer's CPU time at each span edge the page notes (`window.benchSpan`): on a shared
  // machine a CPU time moves much less than a wall-clock time.
  const metrics = await page.context().newCDPSession(page)
  await metrics.send('Performance.enable')
  /** @type {Map<string, Record<string, number>[]>} */
  const edges = new Map()
  await page.exposeFunction('benchSpan', async (/** @type {string} */ edge) => {
    const { metrics: list } = await metrics.send('Performance.getMetrics')
    const at = Object.fromEntries(list.map((m) => [m.name, m.value]))
    const procs = await chromiumCpu()
    if (procs) Object.assign(at, procs)
    edges.set(edge, [...(edges.get(edge) ?? []), at])
  })
  if (BEFORE.has('import')) {
    await page.evaluate(([d]) => window.scale.prepareImport(d, 2000), [DOCS])
    const imported = await page.evaluate(() => window.scale.runImport())
    console.log(`import: ${imported.imported} documents in ${(imported.ms / 1000).toFixed(1)} s`)
  }
  const made = await page.evaluate(
    ([d, e, a]) => window.scale.generate(d, e, a, 2000),
    [DOCS, EVENTS, ACTORS],
  )
  console.log(`case: ${made.documents} documents, ${made.events} events, ${made.actors} actors`)
  if (BEFORE.has('library')) {
    const rows = await page.evaluate(() => window.scale.library())
    for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit}`)
  }
  await reportHeap(cdp, `after ${[...BEFORE, 'generate'].join(', ')}`)
  const profiles = await collectConsoleProfiles(cdp)
  const endTrace = await startTrace(cdp)
  const load = loadavg().map((x) => x.toFixed(2))
  const rows = await page.evaluate(() => window.scale.timeline())
  const loadAfter = loadavg().map((x) => x.toFixed(2))
  const trace = await endTrace()
  printTraceBySpan(trace, SPANS, { counted: true })
  printSlowSteps(trace, 6)
  await mkdir(OUT, { recursive: true })
  for (const [k, { title, profile }] of profiles.entries()) {
    const name = `${title.replace(/[^\w-]+/g, '-')}-${k}`
    await writeFile(join(OUT, `${name}.cpuprofile`), JSON.stringify(profile))
    printCpuProfile(name, profile, {
      top: TOP,
      inclusive: INCLUSIVE,
      inclusiveHeading: 'inclusive (ours and vis-timeline entry points):',
    })
  }
  reportCpu(edges)
  for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit} — ${r.detail ?? ''}`)
  console.log(`load average before ${load.join(' ')}, after ${loadAfter.join(' ')}`)
} finally {
  await browser.close()
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
    'browser',
    'renderers',
    'others',
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
      `\n== CPU ${span} (${runs} runs, mean per run): main thread ${ms(sum.ThreadTime)} (runs ${perRun.map((x) => x.toFixed(0)).join(', ')} ms), renderer process ${ms(sum.ProcessTime)}; main thread script ${ms(sum.ScriptDuration)}, layout ${ms(sum.LayoutDuration)}, style ${ms(sum.RecalcStyleDuration)}; /proc: browser process ${ms(sum.browser)}, renderers ${ms(sum.renderers)}, GPU and utility processes ${ms(sum.others)}`,
    )
  }
}

/**
 * Starts a DevTools trace with the timeline, User Timing and V8 GC categories (not `v8`: at 100,000 documents its events overran the trace) (bench-kit's
 * `startTrace` without GC detail); the function returned ends it and resolves with its events.
 *
 * @param {import('playwright-core').CDPSession} cdp
 * @returns {Promise<() => Promise<any[]>>}
 */
async function startTrace(cdp) {
  /** @type {any[]} */
  const events = []
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value))
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,blink.user_timing,disabled-by-default-v8.gc',
    transferMode: 'ReportEvents',
  })
  return async () => {
    await cdp.send('Tracing.end')
    await done
    return events
  }
}

/**
 * Prints the page's used JS heap (CDP Runtime.getHeapUsage) as it is and after a forced GC;
 * with `--heap-snapshot`, also a heap snapshot's self sizes summed by constructor (top 25),
 * written to out/bench-profile/timeline-heap.heapsnapshot.
 *
 * @param {import('playwright-core').CDPSession} cdp
 * @param {string} when
 */
async function reportHeap(cdp, when) {
  const used = async () => (await cdp.send('Runtime.getHeapUsage')).usedSize / MB
  const before = await used()
  if (NO_GC) {
    console.log(`\n== JS heap ${when}: ${before.toFixed(1)} MB used (no forced GC: --no-gc)`)
    return
  }
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  const after = await used()
  console.log(
    `\n== JS heap ${when}: ${before.toFixed(1)} MB used, ${after.toFixed(1)} MB after a forced GC`,
  )
  if (!SNAPSHOT) return
  /** @type {string[]} */
  const chunks = []
  const onChunk = (/** @type {{ chunk: string }} */ e) => void chunks.push(e.chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  const text = chunks.join('')
  await mkdir(OUT, { recursive: true })
  await writeFile(join(OUT, 'timeline-heap.heapsnapshot'), text)
  const snap = JSON.parse(text)
  const fields = snap.snapshot.meta.node_fields
  const types = snap.snapshot.meta.node_types[0]
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f))
  /** @type {Map<string, { size: number, count: number }>} */
  const by = new Map()
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + iType]]
    const name =
      type === 'object' || type === 'closure' ? snap.strings[snap.nodes[i + iName]] : `(${type})`
    const entry = by.get(name) ?? { size: 0, count: 0 }
    entry.size += snap.nodes[i + iSize]
    entry.count++
    by.set(name, entry)
  }
  console.log('   heap snapshot, self size by constructor (top 25):')
  for (const [name, { size, count }] of [...by].sort((a, b) => b[1].size - a[1].size).slice(0, 25))
    console.log(
      `   ${(size / MB).toFixed(1).padStart(8)} MB  ${count.toString().padStart(9)}  ${name}`,
    )
}

/**
 * Prints the `top` slowest pan/zoom steps of the measured run (the page's `timeline-step`
 * measures inside the `timeline-pan-zoom` span) and, for each, the renderer main thread's
 * self time by kind of event in it, with every garbage collection (kind, ms, heap before →
 * after).
 *
 * @param {any[]} events
 * @param {number} top
 */
function printSlowSteps(events, top) {
  const mark = (name) => events.find((e) => e.cat?.includes('blink.user_timing') && e.name === name)
  const from = mark('timeline-pan-zoom:start')
  const to = mark('timeline-pan-zoom:end')
  if (!from || !to) return
  /** @type {Map<string, { begin?: any, end?: any }>} */
  const pairs = new Map()
  for (const e of events) {
    if (!e.cat?.includes('blink.user_timing') || !e.name.startsWith('timeline-step ')) continue
    if (e.ts < from.ts || e.ts > to.ts) continue
    const key = `${e.name}#${e.id ?? e.id2?.local ?? ''}`
    const pair = pairs.get(key) ?? {}
    if (e.ph === 'b') pair.begin = e
    if (e.ph === 'e') pair.end = e
    pairs.set(key, pair)
  }
  const steps = [...pairs.values()]
    .filter((p) => p.begin && p.end)
    .map((p) => ({ name: p.begin.name, ts: p.begin.ts, end: p.end.ts }))
    .sort((a, b) => b.end - b.ts - (a.end - a.ts))
  const main = events.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === from.pid,
  )
  const onMain = events.filter((e) => e.ph === 'X' && e.pid === from.pid && e.tid === main?.tid)
  console.log(`\n== the ${top} slowest of ${steps.length} pan/zoom steps (trace):`)
  for (const step of steps.slice(0, top)) {
    const inStep = onMain
      .filter((e) => e.ts < step.end && e.ts + (e.dur ?? 0) > step.ts)
      .sort((a, b) => a.ts - b.ts)
    /** @type {Map<string, number>} */
    const byKind = new Map()
    /** @type {{ end: number, name: string }[]} */
    const open = []
    for (const e of inStep) {
      while (open.length && open[open.length - 1].end <= e.ts) open.pop()
      const dur = Math.min(e.ts + (e.dur ?? 0), step.end) - Math.max(e.ts, step.ts)
      byKind.set(e.name, (byKind.get(e.name) ?? 0) + dur)
      const parent = open[open.length - 1]
      if (parent) byKind.set(parent.name, (byKind.get(parent.name) ?? 0) - dur)
      open.push({ end: e.ts + (e.dur ?? 0), name: e.name })
    }
    const kinds = [...byKind]
      .filter(([, us]) => us >= 1000)
      .sort((a, b) => b[1] - a[1])
      .map(([k, us]) => `${k} ${(us / 1000).toFixed(1)}`)
      .join(', ')
    const gcs = inStep
      .filter((e) => /GC|Scavenge|MarkCompact/i.test(e.name) && (e.dur ?? 0) >= 1000)
      .map((e) => {
        const a = e.args ?? {}
        const heap =
          a.usedHeapSizeBefore !== undefined
            ? ` ${(a.usedHeapSizeBefore / MB).toFixed(0)}→${(a.usedHeapSizeAfter / MB).toFixed(0)} MB`
            : ''
        return `${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms${heap}`
      })
    console.log(
      `   ${((step.end - step.ts) / 1000).toFixed(1).padStart(7)} ms  ${step.name}: ${kinds}${gcs.length ? `; GC: ${gcs.join(', ')}` : ''}`,
    )
  }
}

/**
 * CPU time (user + system, s) of this script's Chromium from /proc: the browser process (a
 * child of this process; IndexedDB and the blob store run there), its renderers, and its other
 * children (GPU/compositor, utility); null where there is no /proc.
 *
 * @returns {Promise<{ browser: number, renderers: number, others: number } | null>}
 */
async function chromiumCpu() {
  /** @type {Map<string, { ppid: string, cpu: number, cmd: string }>} */
  const procs = new Map()
  try {
    const pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d))
    await Promise.all(
      pids.map(async (pid) => {
        try {
          const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
          const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
          const cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ')
          procs.set(pid, { ppid: f[1], cpu: (Number(f[11]) + Number(f[12])) / 100, cmd })
        } catch {
          // The process ended meanwhile.
        }
      }),
    )
  } catch {
    return null
  }
  const root = [...procs].find(
    ([, p]) => p.ppid === String(process.pid) && /chrom/.test(p.cmd) && !p.cmd.includes('--type='),
  )?.[0]
  if (!root) return null
  const out = { browser: procs.get(root).cpu, renderers: 0, others: 0 }
  const tree = new Set([root])
  for (let grew = true; grew;) {
    grew = false
    for (const [pid, p] of procs) {
      if (tree.has(pid) || !tree.has(p.ppid)) continue
      tree.add(pid)
      grew = true
      if (p.cmd.includes('--type=renderer')) out.renderers += p.cpu
      else out.others += p.cpu
    }
  }
  return out
}
