/**
 * What the scripts that drive Chromium outside the bench runner share (profile-map.mjs,
 * profile-timeline.mjs, profile-graph.mjs, scripts/screenshot.mjs, and bench.mjs): the
 * Chromium binary and the e2e flags; the benchmark page's one builder (unminified by default,
 * so that functions keep their names in profiles; bench.mjs minifies) with the OCR engine's
 * files beside it; a browser on a fresh profile serving a folder, with a page whose `[bench] `
 * console lines are printed; the scale case's page, its size from the command line and the
 * renderer's CPU at the page's span edges; CPU-profile capture over the DevTools protocol (the
 * profiles the page takes with `console.profile`, and a DevTools trace, GC events if asked) and
 * the pure summaries the scripts print of them (time per kind of work in a marked span, the
 * slowest of the page's measures with what the main thread did in each); printing the rows
 * with the load average; and saving screenshots. The pure parts are unit-tested
 * (bench-kit.test.ts); types in bench-kit.d.mts.
 */
/* global window */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { startServer } from '../serve.mjs'

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The Chromium binary (`CHROMIUM_PATH` overrides). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** Chromium's flags: the same as e2e/harness.ts `CHROMIUM_ARGS` (a unit test keeps them in step). */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
])

/**
 * The number after `flag` in `argv` (`--size 2000`), or `fallback` when the flag is absent.
 *
 * @param {string} flag
 * @param {number} fallback
 * @param {string[]} [argv]
 */
export function numberArg(flag, fallback, argv = process.argv) {
  const i = argv.indexOf(flag)
  return i > 0 ? Number(argv[i + 1]) : fallback
}

/**
 * The word after `flag` in `argv` (`--screenshot out/map`), or undefined.
 *
 * @param {string} flag
 * @param {string[]} [argv]
 */
export function stringArg(flag, argv = process.argv) {
  const i = argv.indexOf(flag)
  return i > 0 ? argv[i + 1] : undefined
}

/**
 * Builds the benchmark page (scripts/bench: index.html + bench-page.mts, which imports the
 * app's real modules) into `outDir` with the renderer's build settings (electron.vite.config.ts):
 * ES-module workers, Chrome 130; and copies the OCR engine's files from the built renderer
 * beside it. Unminified by default (functions keep their names in profiles); scripts/bench.mjs
 * builds it minified, as the app ships, unless it profiles. No React plugin: only the timeline
 * section renders (TimelinePane), and Vite compiles its JSX with the automatic runtime.
 *
 * @param {string} outDir
 * @param {{ minify?: boolean }} [options]
 */
export async function buildBenchPage(outDir, { minify = false } = {}) {
  const { build } = await import('vite')
  await build({
    configFile: false,
    root: join(ROOT, 'scripts/bench'),
    base: './',
    mode: 'production',
    logLevel: 'warn',
    publicDir: false,
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome130',
      minify,
      sourcemap: false,
      // In kB: the unminified page's largest chunks are ten times the minified one's.
      chunkSizeWarningLimit: minify ? 5000 : 50000,
    },
  })
  const renderer = process.env.CASEFILE_RENDERER_DIR || join(ROOT, 'out/renderer')
  await cp(join(renderer, 'ocr'), join(outDir, 'ocr'), { recursive: true })
}

/**
 * Serves `root` on 127.0.0.1 and opens a headless Chromium on a fresh profile (the e2e flags,
 * UTC, 1440 × 900) with one page; `[bench] ` console lines are printed without the prefix.
 * `close()` closes the browser, stops the server and deletes the profile.
 *
 * @param {string} root the folder to serve
 * @param {{ viewport?: { width: number, height: number } }} [options]
 */
export async function openBrowser(root, options = {}) {
  const server = await startServer({ root, port: 0 })
  const profileDir = await mkdtemp(join(tmpdir(), 'casefile-kit-'))
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: options.viewport ?? { width: 1440, height: 900 },
    timezoneId: 'UTC',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('console', (m) => {
    if (m.text().startsWith('[bench] ')) console.log(m.text().slice(8))
  })
  return {
    server,
    context,
    page,
    close: async () => {
      await context.close()
      await server.close()
      await rm(profileDir, { recursive: true, force: true })
    },
  }
}

/**
 * Builds the benchmark page into `outDir`, serves it and opens it (see `openBrowser`); waits
 * until the page's global `ready` (e.g. `runBench`, `scale`) exists.
 *
 * @param {string} outDir
 * @param {string} ready
 */
export async function openBenchPage(outDir, ready) {
  await buildBenchPage(outDir)
  const browser = await openBrowser(outDir)
  await browser.page.goto(browser.server.url)
  await browser.page.waitForFunction((name) => name in window, ready)
  return browser
}

/**
 * Starts collecting the CPU profiles the page takes with `console.profile(title)` …
 * `console.profileEnd()` (CDP Profiler, `intervalUs` sampling); the returned list fills as
 * each ends.
 *
 * @param {import('playwright-core').CDPSession} cdp
 * @param {number} [intervalUs]
 */
export async function collectConsoleProfiles(cdp, intervalUs = 250) {
  /** @type {{ title: string, profile: any }[]} */
  const profiles = []
  cdp.on('Profiler.consoleProfileFinished', (e) => profiles.push(e))
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs })
  return profiles
}

/**
 * Starts a DevTools trace (the timeline and user-timing categories; with `gc`, V8's GC events
 * too, with the heap before and after each — not the whole `v8` category: at 100,000
 * documents its events overran the trace); the function returned ends it and resolves with
 * its events.
 *
 * @param {import('playwright-core').CDPSession} cdp
 * @param {{ gc?: boolean }} [options]
 * @returns {Promise<() => Promise<any[]>>}
 */
export async function startTrace(cdp, options = {}) {
  /** @type {any[]} */
  const events = []
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value))
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
  await cdp.send('Tracing.start', {
    categories: `devtools.timeline,blink.user_timing${options.gc ? ',disabled-by-default-v8.gc' : ''}`,
    transferMode: 'ReportEvents',
  })
  return async () => {
    await cdp.send('Tracing.end')
    await done
    return events
  }
}

/**
 * The scale case's size as the bench takes it from the command line: `--size` documents
 * (2,000), `--events` (50,000) and `--actors` (2,000).
 *
 * @param {string[]} [argv]
 * @returns {{ docs: number, events: number, actors: number }}
 */
export function scaleArgs(argv = process.argv) {
  return {
    docs: numberArg('--size', 2000, argv),
    events: numberArg('--events', 50_000, argv),
    actors: numberArg('--actors', 2000, argv),
  }
}

/**
 * The scale section's page (`window.scale`, built into `outDir` and opened as
 * `openBenchPage` does) with no time limit on its calls, and a DevTools session on it.
 *
 * @param {string} outDir
 */
export async function openScalePage(outDir) {
  const browser = await openBenchPage(outDir, 'scale')
  browser.page.setDefaultTimeout(0)
  const cdp = await browser.page.context().newCDPSession(browser.page)
  return { browser, page: browser.page, cdp }
}

/**
 * Generates the scale case in the page (`window.scale.generate`, 2,000 characters a document),
 * prints its size, and collects the garbage the generator left (see `dropGeneratorGarbage`),
 * as `npm run bench` does.
 *
 * @param {import('playwright-core').Page} page
 * @param {{ docs: number, events: number, actors: number }} size
 */
export async function generateScaleCase(page, size) {
  const made = await page.evaluate(
    ([d, e, a]) => window.scale.generate(d, e, a, 2000),
    [size.docs, size.events, size.actors],
  )
  console.log(`case: ${made.documents} documents, ${made.events} events, ${made.actors} actors`)
  const heap = await dropGeneratorGarbage(page)
  console.log(`the generator's garbage collected: JS heap ${heap.before} → ${heap.after} MB`)
  return made
}

/**
 * One full garbage collection of the page (CDP `HeapProfiler.collectGarbage`) after the scale
 * case is generated: the phases measured after it (library, timeline, graph) then find the
 * page's heap as the app holds it on a case it opens, not holding the generator's garbage —
 * its 200 MB of text and their hashes, ~465 MB at 100,000 documents that V8 had not yet
 * collected, and whose collection then fell in the graph's filter and window changes. Returns
 * the used JS heap before and after, in MB.
 *
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ before: number, after: number }>}
 */
export async function dropGeneratorGarbage(page) {
  const cdp = await page.context().newCDPSession(page)
  try {
    const mb = async () => Math.round((await cdp.send('Runtime.getHeapUsage')).usedSize / 1e6)
    const before = await mb()
    await cdp.send('HeapProfiler.enable')
    await cdp.send('HeapProfiler.collectGarbage')
    return { before, after: await mb() }
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

/**
 * Records the renderer's metrics (CDP Performance.getMetrics: ThreadTime, ProcessTime,
 * ScriptDuration, …) at each span edge the page notes with `window.benchSpan(edge)`, plus
 * what `extra` adds (e.g. CPU per process from /proc). On a shared machine a CPU time moves
 * much less than a wall-clock time. The map returned fills as the page notes edges: for each
 * edge (`<span>:start`, `<span>:end`) the samples in order.
 *
 * @param {import('playwright-core').Page} page
 * @param {() => Promise<Record<string, number> | null>} [extra]
 * @returns {Promise<Map<string, Record<string, number>[]>>}
 */
export async function recordSpanMetrics(page, extra) {
  const metrics = await page.context().newCDPSession(page)
  await metrics.send('Performance.enable')
  /** @type {Map<string, Record<string, number>[]>} */
  const edges = new Map()
  await page.exposeFunction('benchSpan', async (/** @type {string} */ edge) => {
    const { metrics: list } = await metrics.send('Performance.getMetrics')
    const at = Object.fromEntries(list.map((m) => [m.name, m.value]))
    const more = extra ? await extra() : null
    if (more) Object.assign(at, more)
    edges.set(edge, [...(edges.get(edge) ?? []), at])
  })
  return edges
}

/**
 * What each of `keys` moved by between a span's edges (see `recordSpanMetrics`), summed over
 * its runs (the k-th start paired with the k-th end), with ThreadTime per run in ms.
 *
 * @param {Map<string, Record<string, number>[]>} edges
 * @param {string} span
 * @param {string[]} keys
 * @returns {{ runs: number, sum: Record<string, number>, threadMsPerRun: number[] }}
 */
export function spanDeltas(edges, span, keys) {
  const starts = edges.get(`${span}:start`) ?? []
  const ends = edges.get(`${span}:end`) ?? []
  const runs = Math.min(starts.length, ends.length)
  /** @type {Record<string, number>} */
  const sum = Object.fromEntries(keys.map((k) => [k, 0]))
  /** @type {number[]} */
  const threadMsPerRun = []
  for (let r = 0; r < runs; r++) {
    for (const k of keys) sum[k] += (ends[r][k] ?? 0) - (starts[r][k] ?? 0)
    threadMsPerRun.push(((ends[r].ThreadTime ?? 0) - (starts[r].ThreadTime ?? 0)) * 1000)
  }
  return { runs, sum, threadMsPerRun }
}

/**
 * Writes each CPU profile the page took as `<outDir>/<title>[-<k>].cpuprofile` (`indexed`:
 * numbered in the order taken, for titles the page uses more than once) and prints its
 * summary (`printCpuProfile` with `options`).
 *
 * @param {{ title: string, profile: any }[]} profiles
 * @param {string} outDir
 * @param {{ top: number, indexed?: boolean, inclusive?: string[], inclusiveHeading?: string }} options
 */
export async function writeProfiles(profiles, outDir, options) {
  const { indexed, ...print } = options
  await mkdir(outDir, { recursive: true })
  for (const [k, { title, profile }] of profiles.entries()) {
    const name = `${title.replace(/[^\w-]+/g, '-')}${indexed ? `-${k}` : ''}`
    await writeFile(join(outDir, `${name}.cpuprofile`), JSON.stringify(profile))
    printCpuProfile(indexed ? name : title, profile, print)
  }
}

/**
 * Prints the bench rows a page call returned (`name: value unit — detail`) and the load
 * average before and after it.
 *
 * @param {{ name: string, value: unknown, unit: string, detail?: string }[]} rows
 * @param {string[]} load
 * @param {string[]} loadAfter
 */
export function printRows(rows, load, loadAfter) {
  for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit} — ${r.detail ?? ''}`)
  console.log(`load average before ${load.join(' ')}, after ${loadAfter.join(' ')}`)
}

/** The load average now, each to two places. */
export function loadAverage() {
  return loadavg().map((x) => x.toFixed(2))
}

/**
 * Where a CPU profile's sampled time went: wall time, busy (not idle) time, garbage
 * collection, "(program)" (style, layout, paint, native), self time per function (`name
 * file:line`) and per source file, and the inclusive time of each function name (counted
 * once per sample however deep it recurs). Times in µs, except `wallMs`.
 *
 * @param {{ nodes: any[], samples: number[], timeDeltas: number[], startTime: number, endTime: number }} profile
 */
export function summariseCpuProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  /** @type {Map<number, number>} self time in µs by node id */
  const self = new Map()
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0))
  })
  /** @type {Map<string, number>} */
  const byFunction = new Map()
  /** @type {Map<string, number>} */
  const byFile = new Map()
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
    byFunction.set(key, (byFunction.get(key) ?? 0) + us)
    if (cf.url) byFile.set(url, (byFile.get(url) ?? 0) + us)
  }
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  /** @type {Map<string, number>} */
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
  return {
    wallMs: (profile.endTime - profile.startTime) / 1000,
    busy,
    gc,
    program,
    script: busy - program - gc,
    byFunction,
    byFile,
    inclusive,
  }
}

/**
 * Prints a CPU profile's summary (see `summariseCpuProfile`): wall and busy time, the split
 * between script, GC and the rest, the `top` functions and 8 files with the most self time,
 * and, when `inclusive` names functions, their inclusive time under `inclusiveHeading`.
 *
 * @param {string} title
 * @param {Parameters<typeof summariseCpuProfile>[0]} profile
 * @param {{ top: number, inclusive?: string[], inclusiveHeading?: string }} options
 */
export function printCpuProfile(title, profile, options) {
  const s = summariseCpuProfile(profile)
  const ms = (/** @type {number} */ us) => (us / 1000).toFixed(1).padStart(8)
  console.log(`\n== ${title}: wall ${s.wallMs.toFixed(1)} ms, busy ${ms(s.busy).trim()} ms`)
  console.log(
    `   script ${ms(s.script).trim()} ms, GC ${ms(s.gc).trim()} ms, (program: style/layout/paint/native) ${ms(s.program).trim()} ms`,
  )
  console.log('   top self time:')
  for (const [k, us] of [...s.byFunction].sort((a, b) => b[1] - a[1]).slice(0, options.top)) {
    if (k.startsWith('(idle)')) continue
    console.log(`   ${ms(us)} ms  ${k}`)
  }
  console.log('   by file:')
  for (const [k, us] of [...s.byFile].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
    console.log(`   ${ms(us)} ms  ${k}`)
  }
  if (!options.inclusive) return
  console.log(`   ${options.inclusiveHeading ?? 'inclusive:'}`)
  for (const name of options.inclusive) {
    const us = s.inclusive.get(name)
    if (us) console.log(`   ${ms(us)} ms  ${name}`)
  }
}

/**
 * For each span the page marked (`<span>:start` … `<span>:end` with `performance.mark`,
 * possibly several times), the renderer main thread's self time per kind of trace event
 * (FunctionCall, UpdateLayoutTree, Layout, Paint…): a nested event's time is taken out of
 * the event around it. The main thread is the `CrRendererMain` of the first span's process.
 *
 * @param {any[]} events DevTools trace events
 * @param {string[]} spans
 * @returns {{ span: string, count: number, wallMs: number, byKind: Map<string, number> }[]}
 */
export function traceSelfTimeBySpan(events, spans) {
  /** @type {Map<string, any[]>} */
  const marks = new Map()
  for (const e of events) {
    if (!e.cat?.includes('blink.user_timing') || !/:(start|end)$/.test(e.name)) continue
    marks.set(e.name, [...(marks.get(e.name) ?? []), e])
  }
  const first = spans.map((s) => marks.get(`${s}:start`)?.[0]).find(Boolean)
  const main = events.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === first?.pid,
  )
  return spans.map((span) => {
    const starts = marks.get(`${span}:start`) ?? []
    const ends = marks.get(`${span}:end`) ?? []
    /** @type {Map<string, number>} */
    const byKind = new Map()
    let wall = 0
    const count = Math.min(starts.length, ends.length)
    for (let k = 0; k < count; k++) {
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
        byKind.set(e.name, (byKind.get(e.name) ?? 0) + (e.dur ?? 0))
        const parent = open[open.length - 1]
        if (parent) byKind.set(parent.name, (byKind.get(parent.name) ?? 0) - (e.dur ?? 0))
        open.push({ end: e.ts + (e.dur ?? 0), name: e.name })
      }
    }
    return { span, count, wallMs: wall, byKind }
  })
}

/**
 * Prints `traceSelfTimeBySpan`: per span its wall time and the kinds of work over 0.5 ms
 * (14 at most). `counted` adds how many times the span was marked to its heading; spans
 * never marked are left out unless `counted`.
 *
 * @param {any[]} events
 * @param {string[]} spans
 * @param {{ counted?: boolean }} [options]
 */
export function printTraceBySpan(events, spans, options = {}) {
  for (const { span, count, wallMs, byKind } of traceSelfTimeBySpan(events, spans)) {
    if (!count && !options.counted) continue
    const heading = options.counted ? `${span} (${count} spans)` : span
    console.log(`\n== trace ${heading}: ${wallMs.toFixed(1)} ms; main thread self time by kind:`)
    for (const [k, us] of [...byKind].sort((x, y) => y[1] - x[1]).slice(0, 14)) {
      if (us < 500) continue
      console.log(`   ${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`)
    }
  }
}

/**
 * Saves a screenshot of `target` (a page or a locator) at `path`, making its folder first.
 *
 * @param {{ screenshot(options: { path: string }): Promise<unknown> }} target
 * @param {string} path
 */
export async function saveScreenshot(target, path) {
  await mkdir(dirname(path), { recursive: true })
  await target.screenshot({ path })
}

/**
 * The page's User Timing measures whose names start with `prefix` (async begin/end events in
 * a trace, paired by name and id in time order), as `{ name, ts, end, pid }` in µs, in the
 * order they began; with `within`, only those begun between its two trace events.
 *
 * @param {any[]} events DevTools trace events
 * @param {string} prefix
 * @param {{ ts: number }[]} [within] a start and an end event
 * @returns {{ name: string, ts: number, end: number, pid: number }[]}
 */
export function measuresNamed(events, prefix, within) {
  /** @type {Map<string, any>} */
  const begun = new Map()
  /** @type {{ name: string, ts: number, end: number, pid: number }[]} */
  const out = []
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (!e.cat?.includes('blink.user_timing') || !e.name.startsWith(prefix)) continue
    const key = `${e.name}#${e.id ?? e.id2?.local ?? ''}`
    if (e.ph === 'b') {
      if (within && (e.ts < within[0].ts || e.ts > within[1].ts)) continue
      begun.set(key, e)
    } else if (e.ph === 'e' && begun.has(key)) {
      const b = begun.get(key)
      begun.delete(key)
      out.push({ name: e.name, ts: b.ts, end: e.ts, pid: b.pid })
    }
  }
  return out.sort((a, b) => a.ts - b.ts)
}

/**
 * What the renderer main thread of process `pid` did between `from` and `to` (µs): self time
 * per kind of trace event (a nested event's time taken out of the one around it, each clipped
 * to the window), `busy` (the top-level events' time) and every GC of 1 ms or more, with the
 * heap before and after when the trace has it (`disabled-by-default-v8.gc`).
 *
 * @param {any[]} events DevTools trace events
 * @param {number} pid
 * @param {number} from
 * @param {number} to
 * @returns {{ byKind: Map<string, number>, busy: number, gcs: { name: string, ms: number, heapMb?: [number, number] }[] }}
 */
export function mainThreadWork(events, pid, from, to) {
  const main = events.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === pid,
  )
  const inIt = events
    .filter((e) => e.ph === 'X' && e.pid === pid && e.tid === main?.tid)
    .filter((e) => e.ts < to && e.ts + (e.dur ?? 0) > from)
    .sort((a, b) => a.ts - b.ts)
  /** @type {Map<string, number>} */
  const byKind = new Map()
  /** @type {{ end: number, name: string }[]} */
  const open = []
  let busy = 0
  for (const e of inIt) {
    while (open.length && open[open.length - 1].end <= e.ts) open.pop()
    const dur = Math.min(e.ts + (e.dur ?? 0), to) - Math.max(e.ts, from)
    byKind.set(e.name, (byKind.get(e.name) ?? 0) + dur)
    const parent = open[open.length - 1]
    if (parent) byKind.set(parent.name, (byKind.get(parent.name) ?? 0) - dur)
    else busy += dur
    open.push({ end: e.ts + (e.dur ?? 0), name: e.name })
  }
  const gcs = inIt
    .filter((e) => /GC|Scavenge|MarkCompact/i.test(e.name) && (e.dur ?? 0) >= 1000)
    .map((e) => {
      const a = e.args ?? {}
      /** @type {{ name: string, ms: number, heapMb?: [number, number] }} */
      const gc = { name: e.name, ms: (e.dur ?? 0) / 1000 }
      if (a.usedHeapSizeBefore !== undefined)
        gc.heapMb = [a.usedHeapSizeBefore / 1_048_576, a.usedHeapSizeAfter / 1_048_576]
      return gc
    })
  return { byKind, busy, gcs }
}

/**
 * Prints the `top` slowest of `measures` (see `measuresNamed`) under the heading "the <top>
 * slowest of <n> <noun> (trace):", each with the main thread's kinds of work of 1 ms or more
 * and its GCs (see `mainThreadWork`); with `steps` (other measures, e.g. the page's own
 * steps), also how long the main thread was busy and the steps begun in it.
 *
 * @param {any[]} events DevTools trace events
 * @param {{ name: string, ts: number, end: number, pid: number }[]} measures
 * @param {{ top: number, noun: string, steps?: { name: string, ts: number, end: number }[] }} options
 */
export function printSlowMeasures(events, measures, options) {
  const { top, noun, steps } = options
  const slowest = [...measures].sort((a, b) => b.end - b.ts - (a.end - a.ts)).slice(0, top)
  console.log(`\n== the ${top} slowest of ${measures.length} ${noun} (trace):`)
  const ms = (/** @type {number} */ us) => (us / 1000).toFixed(1)
  for (const m of slowest) {
    const { byKind, busy, gcs } = mainThreadWork(events, m.pid, m.ts, m.end)
    const kinds = [...byKind]
      .filter(([, us]) => us >= 1000)
      .sort((a, b) => b[1] - a[1])
      .map(([k, us]) => `${k} ${ms(us)}`)
      .join(', ')
    const gc = gcs
      .map(
        (g) =>
          `${g.name} ${g.ms.toFixed(1)} ms${g.heapMb ? ` ${g.heapMb[0].toFixed(0)}→${g.heapMb[1].toFixed(0)} MB` : ''}`,
      )
      .join(', ')
    const own = steps
      ? ` (main thread busy ${ms(busy)} ms; steps: ${steps
          .filter((s) => s.ts >= m.ts && s.ts < m.end)
          .map((s) => `${s.name} ${ms(s.end - s.ts)}`)
          .join(', ')})`
      : ''
    console.log(
      `   ${ms(m.end - m.ts).padStart(7)} ms  ${m.name}${own}: ${kinds}${gc ? `; GC: ${gc}` : ''}`,
    )
  }
}
