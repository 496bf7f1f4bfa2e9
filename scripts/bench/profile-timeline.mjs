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
  startTrace,
} from './bench-kit.mjs'

const OUT = join(ROOT, 'out/bench-profile')
const PAGE = join(OUT, 'timeline-page')
const TOP = Number(process.env.PROFILE_TOP || 25)
const DOCS = numberArg('--size', 2000)
const EVENTS = numberArg('--events', 50_000)
const ACTORS = numberArg('--actors', 2000)
const SPANS = ['timeline-first-render', 'timeline-pan-zoom', 'timeline-group-by']
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
    edges.set(edge, [...(edges.get(edge) ?? []), at])
  })
  const made = await page.evaluate(
    ([d, e, a]) => window.scale.generate(d, e, a, 2000),
    [DOCS, EVENTS, ACTORS],
  )
  console.log(`case: ${made.documents} documents, ${made.events} events, ${made.actors} actors`)
  const profiles = await collectConsoleProfiles(cdp)
  const endTrace = await startTrace(cdp)
  const load = loadavg().map((x) => x.toFixed(2))
  const rows = await page.evaluate(() => window.scale.timeline())
  const loadAfter = loadavg().map((x) => x.toFixed(2))
  printTraceBySpan(await endTrace(), SPANS, { counted: true })
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
