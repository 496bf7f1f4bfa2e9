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
import { join } from 'node:path'
import {
  collectConsoleProfiles,
  generateScaleCase,
  loadAverage,
  measuresNamed,
  openScalePage,
  printRows,
  printSlowMeasures,
  printTraceBySpan,
  recordSpanMetrics,
  ROOT,
  scaleArgs,
  spanDeltas,
  startTrace,
  stringArg,
  writeProfiles,
} from './bench-kit.mjs'

const OUT = join(ROOT, 'out/bench-profile')
const PAGE = join(OUT, process.env.PROFILE_PAGE || 'timeline-page')
const TOP = Number(process.env.PROFILE_TOP || 25)
const SIZE = scaleArgs()
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

const { browser, page, cdp } = await openScalePage(PAGE)
try {
  // The renderer's CPU time at each span edge the page notes (`window.benchSpan`), with this
  // script's Chromium processes' CPU from /proc.
  const edges = await recordSpanMetrics(page, chromiumCpu)
  if (BEFORE.has('import')) {
    await page.evaluate(([d]) => window.scale.prepareImport(d, 2000), [SIZE.docs])
    const imported = await page.evaluate(() => window.scale.runImport())
    console.log(`import: ${imported.imported} documents in ${(imported.ms / 1000).toFixed(1)} s`)
  }
  await generateScaleCase(page, SIZE)
  if (BEFORE.has('library')) {
    const rows = await page.evaluate(() => window.scale.library())
    for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit}`)
  }
  await reportHeap(cdp, `after ${[...BEFORE, 'generate'].join(', ')}`)
  const profiles = await collectConsoleProfiles(cdp)
  const endTrace = await startTrace(cdp, { gc: true })
  const load = loadAverage()
  const rows = await page.evaluate(() => window.scale.timeline())
  const loadAfter = loadAverage()
  const trace = await endTrace()
  printTraceBySpan(trace, SPANS, { counted: true })
  printSlowSteps(trace, 6)
  await writeProfiles(profiles, OUT, {
    top: TOP,
    indexed: true,
    inclusive: INCLUSIVE,
    inclusiveHeading: 'inclusive (ours and vis-timeline entry points):',
  })
  reportCpu(edges)
  printRows(rows, load, loadAfter)
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
    const { runs, sum, threadMsPerRun } = spanDeltas(edges, span, keys)
    if (!runs) continue
    const ms = (/** @type {number} */ s) => `${((s * 1000) / runs).toFixed(1)} ms`
    console.log(
      `\n== CPU ${span} (${runs} runs, mean per run): main thread ${ms(sum.ThreadTime)} (runs ${threadMsPerRun.map((x) => x.toFixed(0)).join(', ')} ms), renderer process ${ms(sum.ProcessTime)}; main thread script ${ms(sum.ScriptDuration)}, layout ${ms(sum.LayoutDuration)}, style ${ms(sum.RecalcStyleDuration)}; /proc: browser process ${ms(sum.browser)}, renderers ${ms(sum.renderers)}, GPU and utility processes ${ms(sum.others)}`,
    )
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
 * after); see bench-kit's `printSlowMeasures`.
 *
 * @param {any[]} events
 * @param {number} top
 */
function printSlowSteps(events, top) {
  const mark = (/** @type {string} */ name) =>
    events.find((e) => e.cat?.includes('blink.user_timing') && e.name === name)
  const from = mark('timeline-pan-zoom:start')
  const to = mark('timeline-pan-zoom:end')
  if (!from || !to) return
  const steps = measuresNamed(events, 'timeline-step ', [from, to])
  printSlowMeasures(events, steps, { top, noun: 'pan/zoom steps' })
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
