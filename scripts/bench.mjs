#!/usr/bin/env node
/**
 * `npm run bench` (after `electron-vite build`): measures Casefile's performance targets in
 * Chromium, prints a table (each figure with one line saying how it was measured) and writes
 * `bench-results.json` at the repository root.
 *
 * How it runs. Chromium is launched as the e2e suite launches it (e2e/harness.ts: Debian's
 * `/usr/bin/chromium` or `CHROMIUM_PATH`, headless, the same flags, a fresh profile folder per
 * browser, no request may leave 127.0.0.1), and every page is served by scripts/serve.mjs's
 * `startServer` under the app's Content-Security-Policy.
 * - Import, store, search, the tagging section's tag commits and entity suggestions (NER in
 *   its worker) and the timeline pane (TimelinePane over vis-timeline with 10,000 synthetic
 *   events, mounted with React in the page) run IN the browser, against Chromium's IndexedDB: this script bundles
 *   scripts/bench/ (index.html + bench-page.mts, which imports the app's real modules) into
 *   out/bench (bench-kit.mjs `buildBenchPage`, minified) and calls the page's
 *   `window.runBench(name)`. The actor graph (GraphPane over 500 actors and 5,000 events) is
 *   timed there too; it then stays mounted for this script to drag an actor with the real
 *   mouse. The map (MapPane over 10,000 events at 2,000 places, in the app's store) and the
 *   gazetteer's look-up are timed there too.
 * - The reader, tagged-reader and cold-start figures drive the REAL built app (out/renderer):
 *   two 1 MB text documents are imported through the Import button's file chooser, then rows
 *   are clicked (for the tagged reader, after 5,000 tags were written into the app's database
 *   and the app reloaded); cold starts load the app in a new browser on a fresh profile each
 *   time.
 * Unlike the e2e harness this script does not route requests through Playwright (that would
 * add a round trip to every request it times): the flag `--host-resolver-rules` stops traffic
 * from leaving, and any request that tries is listed as a violation.
 *
 * bench-results.json is a list of `{ name, value, unit, target, pass, method, detail? }`:
 * - `target` is a string `"<op> <number> <unit>"` with op `>=` (higher is better) or `<=`
 *   (lower is better) and the row's own unit, e.g. `">= 500 docs/s"`, `"<= 300 ms"`; or null
 *   for an informational row (a breakdown or context figure), whose `pass` is always true.
 *   The targets are in `TARGETS` below.
 * - `pass` is `value <op> number`. A missed target prints as `<<< MISSED`; it does not fail
 *   the run.
 * - `value` is null (and `pass` false) only when its benchmark crashed.
 * - `method` says in one line how the figure was measured; `detail` holds the runs and
 *   breakdowns behind it (printed below the table).
 * The process exits non-zero only when a benchmark crashed (or the setup did), never because a
 * target was missed: CI does not run this. About 4–5 minutes on a 2-core machine; figures move by
 * 10–30% from run to run there, more when other work shares the machine.
 * `node scripts/bench.mjs --only import,store,search,reader,tagging,timeline,graph,stix,evidence,map,ocr,html,taxii,start` runs some
 * sections only. `import-memory` (2,000 files / 1 GB, about 2–4 minutes; `BENCH_IMPORT_MB` sets
 * the total) is not part of a full run: ask for it by name, `npm run bench -- --only import-memory`.
 * `taxii` runs when medallion is installed (see `benchTaxiiPush`: Casefile's side at 10,000
 * events against a stand-in server, then medallion at `BENCH_TAXII_EVENTS`, default 1,000).
 * `BENCH_PROFILE=stix,taxii` CPU-profiles sections (see `profiled`).
 * Nor is `search100k` (a 100,000-document case, 200 MB of text, written into Dexie, indexed,
 * saved and reopened; many minutes on 2 cores; `--size N` runs another count, whose rows are
 * named with it and have no target): `npm run bench -- --only search100k`.
 * Nor is `scale100k` (issue 17: import, library, timeline, graph, backup and restore of a
 * 100,000-document case; 15–25 minutes): `npm run bench -- --only scale100k`, `--size 10000`
 * for a smaller case (its rows are then context, the targets being for 100,000), `--events N`
 * and `--actors N` to set those counts apart, `SCALE_PHASES=graph` (or any of import, library,
 * timeline, graph, workbench, backup) to run only some phases.
 */
/* global window, document, MutationObserver, requestAnimationFrame, indexedDB, getComputedStyle
   -- functions handed to page.evaluate or addInitScript run in the page, not in Node. */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import {
  buildBenchPage,
  CHROMIUM_ARGS,
  CHROMIUM_PATH as CHROMIUM,
  dropGeneratorGarbage,
} from './bench/bench-kit.mjs'
import { startServer } from './serve.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BENCH_OUT = join(ROOT, 'out/bench')
const RENDERER = process.env.CASEFILE_RENDERER_DIR || join(ROOT, 'out/renderer')
const RESULTS = join(ROOT, 'bench-results.json')
const READY = '[data-testid="app-ready"]'
const MB = 1_048_576

/**
 * The constant of the import-memory target: the import's peak JS heap (above the heap before
 * it, after a GC) may be at most twice the largest file plus this. It covers what does not
 * scale with a file or with the number of files: one index batch of stored text (8 M
 * characters, ImportController's batch), one store group (at most 4 M characters), the
 * import modules, Dexie's transaction objects, the report's lines, and garbage V8 has not
 * collected yet (most of it: the heap is sampled, not the live set). A first guess of 64 MB
 * was missed (2026-12-06: 80 MB over the baseline at 1 GB, 73 MB at 100 MB — the peak does
 * not grow with the total); 96 MB is the constant stated.
 */
const IMPORT_MEMORY_CONSTANT_MB = 96

/** The targets, by row name (see the header for the convention); other rows are context. */
const TARGETS = {
  'import: 1,000 docs end to end (importBatch)': '>= 500 docs/s',
  'store: ratio addDocuments / raw': '<= 2 x',
  'search: query p95': '<= 20 ms',
  'search: index ready after opening': '<= 1000 ms',
  'search 100,000: index ready after opening': '<= 5000 ms',
  'search 100,000: query p95 with snippets': '<= 50 ms',
  'search 100,000: peak JS heap of the page': '<= 1536 MB',
  'reader: open a 1 MB document': '<= 300 ms',
  // Issue 17 ("fast at ten times the size") tightened these three and the search index's.
  'cold start: page load to app-ready': '<= 600 ms',
  'cold start: JS bytes before first paint': '<= 716800 bytes',
  'tagging: open a 1 MB document with 5,000 tags': '<= 300 ms',
  'tagging: scrolling it, p95 frame interval': '<= 50 ms',
  'tagging: tag commit p95': '<= 50 ms',
  'tagging: NER round trip, warm': '<= 300 ms',
  'tagging: main thread blocked during NER': '<= 50 ms',
  'timeline: first render, 10,000 events': '<= 500 ms',
  'timeline: pan/zoom redraw p95': '<= 50 ms',
  'timeline: group by initiator, 50 lanes': '<= 1000 ms',
  'graph: layout 500 actors, 5,000 ties': '<= 1000 ms',
  'graph: layout 2,000 actors, 20,000 ties': '<= 2000 ms',
  'graph: main thread blocked during layout': '<= 50 ms',
  'graph: filter change redraw p95': '<= 100 ms',
  'graph: time-window change redraw p95': '<= 100 ms',
  'graph: dragging a node, p95 frame interval': '<= 50 ms',
  'map: first draw, 10,000 events': '<= 500 ms',
  'map: time-window change redraw p95': '<= 100 ms',
  'map: gazetteer look-up p95': '<= 5 ms',
  'briefing: 50 events, 100 citations, both figures, to PDF': '<= 2000 ms',
  'evidence: corroboration, 10,000 events / 30,000 passages': '<= 500 ms',
  'evidence: duplicate proposals, 10,000 events': '<= 1000 ms',
  'evidence: ACH recompute, 20 hypotheses × 500 rows': '<= 50 ms',
  'import-memory: peak JS heap over 2x largest file': `<= ${IMPORT_MEMORY_CONSTANT_MB} MB`,
  'stix: export a 10,000-event case': '<= 2000 ms',
  'stix: import a 5,000-object bundle': '<= 5000 ms',
  'ocr: seconds per A4 page at 300 dpi': '<= 10 s',
  'ocr: main thread blocked during OCR': '<= 50 ms',
  'html: main thread blocked while a 400 KB hostile page and a 5 MB real-looking page import':
    '<= 50 ms',
  'taxii: push a 10,000-event case to the loopback server': '<= 10000 ms',
  ...SCALE_TARGETS(),
}

/**
 * @typedef {{ name: string, value: number | null, unit: string, method: string,
 *   detail?: string }} Row
 * @typedef {Row & { target: string | null, pass: boolean }} Result
 * @typedef {{ name: string, title: string, marker: string, text: string, bytes: number }}
 *   LongDocument
 */

/**
 * `--only import,store,…` runs only the named sections (import, store, search, reader,
 * tagging, timeline, graph, stix, evidence, map, ocr, html, briefing, taxii, start).
 */
const ONLY = (() => {
  const i = process.argv.indexOf('--only')
  return i > 0 ? new Set((process.argv[i + 1] ?? '').split(',')) : undefined
})()
const wanted = (name) => !ONLY || ONLY.has(name)
/** Sections that run only when asked for by name (too long, or too heavy, for every run). */
const ON_REQUEST = new Set(['import-memory', 'search100k', 'scale100k'])
/** `--size N`: the number of documents of the search100k section (100,000 by default). */
const SEARCH_SCALE_DOCS = (() => {
  const i = process.argv.indexOf('--size')
  return i > 0 ? Number(process.argv[i + 1]) : 100_000
})()
const asked = (name) => ONLY?.has(name) === true
/** What to CPU-profile (`BENCH_PROFILE=stix,taxii,tagged-open,cold-start`: section names, or the reader's tagged open and one cold start; see `profiled`). */
const PROFILE = new Set((process.env.BENCH_PROFILE ?? '').split(',').filter(Boolean))

const started = Date.now()
/** Problems seen in any browser: page errors, CSP reports, requests that tried to leave. */
const problems = []
let crashed = false

/** @param {string} message */
function progress(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6)
  console.log(`[${seconds}s] ${message}`)
}

/** @param {number} ms */
const round = (ms) => Math.round(ms * 10) / 10

/**
 * @param {number[]} list
 * @param {number} p
 */
function percentile(list, p) {
  const sorted = [...list].sort((a, b) => a - b)
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] ?? 0
}

/** @param {number[]} list */
function median(list) {
  const sorted = [...list].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Launches Chromium on a fresh profile with the e2e flags. Page errors, console errors and
 * requests that leave the server's origin are collected into `problems`; `[bench]` console
 * lines are printed as progress. Every page records when `READY` appears (`__appReady`).
 *
 * @param {string} origin the server's origin, e.g. http://127.0.0.1:1234
 * @param {string} label names the browser in problem reports
 */
async function launch(origin, label) {
  const profileDir = await mkdtemp(join(tmpdir(), 'casefile-bench-'))
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
  })
  context.on('request', (request) => {
    const url = request.url()
    if (!/^(blob|data):/.test(url) && !url.startsWith(`${origin}/`)) {
      problems.push(`${label}: request left 127.0.0.1: ${request.method()} ${url}`)
    }
  })
  context.on('weberror', (error) => problems.push(`${label}: uncaught ${error.error().message}`))
  context.on('console', (message) => {
    const text = message.text()
    if (text.startsWith('[bench] ')) progress(text.slice(8))
    else if (message.type() === 'error') problems.push(`${label}: console.error: ${text}`)
  })
  await context.addInitScript(recordAppReady)
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    page,
    context,
    profileDir,
    close: async () => {
      await context.close()
      await rm(profileDir, { recursive: true, force: true })
    },
  }
}

/**
 * Runs in every page before its scripts: notes when `READY` is first in the DOM and when the
 * frame after it has been produced (a task posted from requestAnimationFrame runs after the
 * frame's style, layout and paint).
 */
function recordAppReady() {
  let resolvePainted
  const done = new Promise((resolve) => (resolvePainted = resolve))
  const state = { attached: 0, painted: 0, done }
  Object.defineProperty(window, '__appReady', { value: state })
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-testid="app-ready"]')) return
    observer.disconnect()
    state.attached = performance.now()
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        state.painted = performance.now()
        resolvePainted(state.painted)
      }
      channel.port2.postMessage(null)
    })
  })
  observer.observe(document, { childList: true, subtree: true })
}

/**
 * Waits until the page has painted the frame after app-ready (`__appReady.done`) through the
 * DevTools protocol. Not `page.waitForFunction`: that makes Playwright compile its injected
 * script (about 1 MB of JavaScript) on the page's main thread while the page starts, which
 * cost the cold-start rows 60–150 ms that no real start pays (see benchStartFloor).
 *
 * @param {import('playwright-core').Page} page after `goto(…, { waitUntil: 'commit' })`
 */
async function appReadyPainted(page) {
  const cdp = await page.context().newCDPSession(page)
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const { exceptionDetails } = await cdp.send('Runtime.evaluate', {
          expression: 'window.__appReady.done',
          awaitPromise: true,
        })
        if (exceptionDetails) throw new Error(exceptionDetails.text)
        return
      } catch (error) {
        // Asked in the blank page's context just before the app's replaced it: ask again.
        if (attempt > 20 || !/context|destroyed/i.test(String(error))) throw error
      }
    }
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

/**
 * Runs one benchmark; a crash is reported as a row with no value and marks the run failed.
 *
 * @param {string} name
 * @param {() => Promise<Row[]>} run
 * @returns {Promise<Row[]>}
 */
async function section(name, run) {
  progress(`${name}: start`)
  const t = Date.now()
  try {
    const rows = await run()
    progress(`${name}: done in ${((Date.now() - t) / 1000).toFixed(1)} s`)
    return rows
  } catch (error) {
    crashed = true
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
    console.error(`${name}: CRASHED\n${message}`)
    return [
      { name: `${name}: crashed`, value: null, unit: '', method: message.split('\n')[0] ?? '' },
    ]
  }
}

/**
 * The html rows (bench-page.mts `benchHtml`): a 400 KB hostile page and a 5 MB news page
 * imported while the page watches its main thread; around the run, Chromium's own CPU-time
 * counters (DevTools Protocol `Performance.getMetrics`: `ThreadTime` is the renderer main
 * thread's CPU time, `ProcessTime` the whole renderer's, the import worker included), so that
 * the figure does not rest on wall-clock gaps alone on a loaded machine.
 *
 * @param {import('playwright-core').Page} page the benchmark page
 * @returns {Promise<Row[]>}
 */
async function benchHtmlImport(page) {
  const sizes = await page.evaluate(() => window.htmlBench.prepare())
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('Performance.enable')
    const metrics = async () =>
      Object.fromEntries(
        (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
      )
    const before = await metrics()
    /** @type {Row[]} */
    const rows = await page.evaluate(() => window.htmlBench.run())
    const after = await metrics()
    const ms = (name) => round((after[name] - before[name]) * 1000)
    rows.push({
      name: 'html: main-thread CPU time during those imports (context)',
      value: ms('ThreadTime'),
      unit: 'ms',
      method: `CDP Performance.getMetrics ThreadTime (renderer main thread CPU) across the run above (${sizes.hostile} + ${sizes.large} bytes, store and read-back included)`,
      detail: `renderer process CPU (all threads, the import worker included) ${ms('ProcessTime')} ms; main-thread script ${ms('ScriptDuration')} ms, tasks ${ms('TaskDuration')} ms`,
    })
    return rows
  } finally {
    await cdp.detach()
  }
}

/**
 * Rows 1–3: import, store and search, in the benchmark page; also the tagging section's
 * in-page half and the timeline pane.
 *
 * @param {import('./serve.mjs').RunningServer} server serving out/bench
 * @returns {Promise<{ rows: Row[], longDocs: LongDocument[] }>}
 */
async function benchInPage(server) {
  const browser = await launch(server.origin, 'bench page')
  try {
    const { page } = browser
    const spans = await recordSpans(page)
    await page.goto(server.url)
    await page.waitForFunction(() => typeof window.runBench === 'function')
    const rows = []
    for (const name of [
      'import',
      'store',
      'search',
      'tagging',
      'timeline',
      'graph',
      'stix',
      'evidence',
      'map',
    ].filter((n) => wanted(n) && !ON_REQUEST.has(n))) {
      rows.push(
        ...(await section(name, () =>
          profiled(page, name, () => page.evaluate((n) => window.runBench(n), name)),
        )),
      )
      if (name === 'map') rows.push(...mapCpuRows(spans))
      if (name === 'graph') rows.push(...(await section('graph drag', () => benchGraphDrag(page))))
    }
    // The two "main thread blocked" rows run each in a browser of its own: a fresh renderer
    // process, whose main thread has no heap of the sections above to collect while it is
    // watched (a full run's OCR row was one 906 ms frame; 36 ms alone).
    if (wanted('ocr')) {
      rows.push(
        ...(await section('ocr', () =>
          inFreshPage(server, 'ocr', async (fresh) => {
            const edges = await recordSpans(fresh)
            const ocr = await profiled(fresh, 'ocr', () =>
              fresh.evaluate(() => window.runBench('ocr')),
            )
            return [...ocr, ...ocrCpuRows(edges)]
          }),
        )),
      )
    }
    if (wanted('html')) {
      rows.push(
        ...(await section('html', () =>
          inFreshPage(server, 'html', (fresh) =>
            profiled(fresh, 'html', () => benchHtmlImport(fresh)),
          ),
        )),
      )
    }
    if (wanted('briefing')) rows.push(...(await section('briefing', () => benchBriefing(browser))))
    if (asked('import-memory')) {
      rows.push(...(await section('import-memory', () => benchImportMemory(page))))
    }
    if (wanted('taxii')) {
      if (asked('taxii') || medallionInstalled()) {
        rows.push(
          ...(await section('taxii', () => profiled(page, 'taxii', () => benchTaxiiPush(page)))),
        )
      } else {
        progress('taxii: left out, medallion is not installed (../shared/taxii/install-deps.sh)')
      }
    }
    if (asked('search100k')) {
      rows.push(...(await section('search100k', () => benchSearchScale(page, SEARCH_SCALE_DOCS))))
    }
    if (asked('scale100k'))
      rows.push(...(await section('scale100k', () => benchScale(page, browser.profileDir))))
    /** @type {LongDocument[]} */
    let longDocs = []
    if (wanted('reader') || wanted('tagging')) {
      // A failure here (say, the page crashed) leaves the reader benchmark to report it.
      longDocs = await page
        .evaluate((bytes) => window.makeLongDocuments(2, bytes), MB)
        .catch((error) => (problems.push(`long documents: ${error}`), []))
    }
    return { rows, longDocs }
  } finally {
    await browser.close()
  }
}

/**
 * Runs `run` on the benchmark page in a browser launched for it alone (a fresh profile and
 * renderer process), and closes that browser after.
 *
 * @template T
 * @param {import('./serve.mjs').RunningServer} server serving out/bench
 * @param {string} label names the browser in problem reports
 * @param {(page: import('playwright-core').Page) => Promise<T>} run
 * @returns {Promise<T>}
 */
async function inFreshPage(server, label, run) {
  const browser = await launch(server.origin, `bench page (${label})`)
  try {
    await browser.page.goto(server.url)
    await browser.page.waitForFunction(() => typeof window.runBench === 'function')
    return await run(browser.page)
  } finally {
    await browser.close()
  }
}

/**
 * The renderer's CPU time at the edges of spans the page marks (`window.benchSpan(edge)`,
 * edges `<span>:start` and `<span>:end`): Chromium's `Performance.getMetrics` — ProcessTime
 * (the renderer process's CPU time, all its threads) and the main thread's task, script,
 * style and layout durations — with the load average. On a machine shared with other work
 * a CPU time moves much less than a wall-clock time.
 *
 * @param {import('playwright-core').Page} page
 * @returns {Promise<Map<string, Record<string, number>>>} the figures by edge, filled in as the page runs
 */
async function recordSpans(page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  /** @type {Map<string, Record<string, number>>} */
  const edges = new Map()
  await page.exposeFunction('benchSpan', async (/** @type {string} */ edge) => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    edges.set(edge, {
      ...Object.fromEntries(metrics.map((m) => [m.name, m.value])),
      load: loadavg()[0],
    })
  })
  return edges
}

/**
 * The OCR job's CPU-time row (context, no target): the renderer main thread's CPU time from
 * posting the job to its result, beside the wall-clock "blocked" row, which on a loaded
 * machine also counts the time the thread waited for a core.
 *
 * @param {Map<string, Record<string, number>>} spans
 * @returns {Row[]}
 */
function ocrCpuRows(spans) {
  const a = spans.get('ocr-job:start')
  const b = spans.get('ocr-job:end')
  if (!a || !b) return []
  const ms = (/** @type {string} */ key) => round((b[key] - a[key]) * 1000)
  return [
    {
      name: 'ocr: main-thread CPU time during OCR (context)',
      value: ms('ThreadTime'),
      unit: 'ms',
      method:
        'CDP Performance.getMetrics ThreadTime (renderer main thread CPU) from posting the job to its result, the same span as the row above',
      detail: `main thread tasks ${ms('TaskDuration')} ms, script ${ms('ScriptDuration')} ms; renderer process CPU (all threads, the OCR workers included) ${ms('ProcessTime')} ms; load average ${a.load.toFixed(1)} → ${b.load.toFixed(1)}`,
    },
  ]
}

/**
 * The map's CPU-time rows (context, no target): the renderer's CPU time for the first draw
 * and per time-window change, from the spans the map bench marks.
 *
 * @param {Map<string, Record<string, number>>} spans
 * @returns {Row[]}
 */
function mapCpuRows(spans) {
  /** @param {string} span @param {number} per */
  const row = (span, per) => {
    const a = spans.get(`${span}:start`)
    const b = spans.get(`${span}:end`)
    if (!a || !b) return undefined
    const ms = (/** @type {string} */ key) => round(((b[key] - a[key]) * 1000) / per)
    return {
      value: ms('ProcessTime'),
      detail: `main thread busy ${ms('TaskDuration')} ms (script ${ms('ScriptDuration')}, style ${ms('RecalcStyleDuration')}, layout ${ms('LayoutDuration')}); load average ${a.load.toFixed(1)} → ${b.load.toFixed(1)}`,
    }
  }
  const first = row('map-first-draw', 1)
  const change = row('map-window-changes', 30)
  return [
    first && {
      name: 'map: first draw, renderer CPU time',
      unit: 'ms',
      method:
        'the renderer process’s CPU time (all threads; Performance.getMetrics ProcessTime, 10 ms ticks) over the first-draw row',
      ...first,
    },
    change && {
      name: 'map: time-window change, renderer CPU time (mean)',
      unit: 'ms',
      // 30: MAP_WINDOW_CHANGES in bench-page.mts.
      method: 'the same over the 30 changes of the window row, divided by 30',
      ...change,
    },
  ].filter((r) => r !== undefined)
}

/**
 * `BENCH_PROFILE=stix,taxii` (section names) records a CPU profile of the page's main thread
 * while those sections run (CDP `Profiler`, 250 µs sampling; the page is then built
 * unminified so that functions keep their names), writes it to `out/bench-<section>.cpuprofile`
 * (open it in Chromium's DevTools) and prints the main thread's busy time (samples that are
 * not idle) and the functions with the most self time. Sampling slows the page a little: the
 * rows of a profiled run are not comparable with those of a plain one.
 *
 * @template T
 * @param {import('playwright-core').Page} page
 * @param {string} name the section
 * @param {() => Promise<T>} run
 * @returns {Promise<T>}
 */
async function profiled(page, name, run) {
  if (!PROFILE.has(name)) return run()
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 })
  await cdp.send('Profiler.start')
  try {
    return await run()
  } finally {
    const { profile } = await cdp.send('Profiler.stop')
    await cdp.detach().catch(() => undefined)
    const file = join(ROOT, `out/bench-${name}.cpuprofile`)
    await writeFile(file, JSON.stringify(profile))
    for (const line of summariseProfile(profile)) progress(`${name} profile: ${line}`)
    progress(`${name} profile: written to ${file}`)
  }
}

/**
 * Self time per function of a CDP CPU profile, largest first, and the busy total.
 *
 * @param {{ nodes: { id: number, callFrame: { functionName: string, url: string,
 *   lineNumber: number } }[], samples: number[], timeDeltas: number[] }} profile
 * @returns {string[]}
 */
function summariseProfile(profile) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
  /** @type {Map<string, number>} */
  const self = new Map()
  let busy = 0
  let total = 0
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000
    const frame = byNode.get(id)?.callFrame
    const fn = frame?.functionName || '(anonymous)'
    total += ms
    if (fn === '(idle)') return
    busy += ms
    const where = frame?.url ? ` ${frame.url.split('/').pop()}:${frame.lineNumber + 1}` : ''
    const key = `${fn}${where}`
    self.set(key, (self.get(key) ?? 0) + ms)
  })
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)
  return [
    `main thread busy ${Math.round(busy)} ms of ${Math.round(total)} ms sampled`,
    ...top.map(([key, ms]) => `${String(Math.round(ms)).padStart(7)} ms  ${key}`),
  ]
}

/**
 * Search at scale (issue 17; asked for by name, `--only search100k`, `--size N` for another
 * count): the page writes N generated documents into Dexie, builds and saves the index, opens
 * it again three times and times queries (see bench-page.mts `benchSearchScale`), while this
 * script samples the page's JS heap over CDP (every 100 ms). The search worker's heap is its
 * own isolate and is not in that figure; the worker holds the postings (about the saved
 * size) and at most 64 M characters of cached text.
 *
 * @param {import('playwright-core').Page} page the benchmark page
 * @param {number} count documents in the case
 * @returns {Promise<Row[]>}
 */
async function benchSearchScale(page, count) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  const base = (await cdp.send('Runtime.getHeapUsage')).usedSize
  let peak = base
  let running = true
  const sampler = (async () => {
    while (running) {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage').catch(() => ({ usedSize: 0 }))
      peak = Math.max(peak, usedSize)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  /** @type {Row[]} */
  let rows
  try {
    rows = await page.evaluate((n) => window.runSearchScale(n), count)
  } finally {
    running = false
    await sampler
    await cdp.detach().catch(() => undefined)
  }
  return [
    ...rows,
    {
      name: `search ${count.toLocaleString('en')}: peak JS heap of the page`,
      value: Math.round(peak / MB),
      unit: 'MB',
      method: `peak of the page's JS heap (CDP Runtime.getHeapUsage every 100 ms) over the whole search100k section; baseline ${Math.round(base / MB)} MB; the worker's heap is not included`,
    },
  ]
}

/**
 * TAXII push (issue 14), in two parts.
 * - Casefile's side: the page pushes a 10,000-event case through this server's relay to a
 *   stand-in TAXII server (`startStubTaxii`) that answers each POST at once — what the push
 *   costs Casefile itself (export, serialising, batching, HTTP, statuses).
 * - The reference server: the same push to medallion (../shared/taxii, memory backend, on
 *   127.0.0.1), its collection empty at the start; `BENCH_TAXII_EVENTS` (default 1,000, about
 *   6,400 objects) sets the case's size. Its memory backend compares every object added with
 *   every object stored and copies the whole collection twice per request, so its time grows
 *   with the square of the collection: 10,000 events (61,000 objects) take many minutes there,
 *   whatever the client does. The rows list the time of each POST beside the collection's size.
 * Runs in a full run when medallion is installed (`../shared/taxii/install-deps.sh`), else says
 * it was left out; `--only taxii` asks for it.
 *
 * @param {import('playwright-core').Page} page
 */
async function benchTaxiiPush(page) {
  const stub = await startStubTaxii()
  /** @type {Row[]} */
  const rows = []
  try {
    rows.push(
      ...(await page.evaluate(
        ({ discovery }) =>
          window.runTaxiiPush(discovery, 'bench', 'bench-password', 10_000, 'stand-in'),
        { discovery: stub.discovery },
      )),
    )
  } finally {
    await stub.stop()
  }
  const { startTaxii } = await import(TAXII_HELPER)
  const taxii = await startTaxii({ user: 'bench:bench-password' })
  try {
    const events = Number(process.env.BENCH_TAXII_EVENTS ?? 1_000)
    rows.push(
      ...(await page.evaluate(
        ({ discovery, events }) =>
          window.runTaxiiPush(discovery, 'bench', 'bench-password', events, 'medallion'),
        { discovery: taxii.discovery, events },
      )),
    )
  } finally {
    await taxii.stop()
  }
  rows.push(...(await medallionCost()))
  return rows
}

/**
 * The server's side measured inside medallion (scripts/bench/medallion-cost.py: its own Flask
 * app and memory backend in one Python process, timed around `add_objects` and
 * `get_collection`), for the objects of a 1,000-event case (6,390) posted 1,000 at a time to
 * an empty collection. A least-squares fit of the time per object added against the objects
 * already stored gives the cost of each stored object; extrapolated, what 10,000 events
 * (61,290 objects) would take there.
 *
 * @returns {Promise<Row[]>}
 */
async function medallionCost() {
  const { loadTs } = await import('./run-ts.mjs')
  const { syntheticCase } = await loadTs('src/interop/stix/synthetic-case.ts')
  const { exportStixBundle } = await loadTs('src/interop/stix/export.ts')
  const dir = await mkdtemp(join(tmpdir(), 'casefile-medallion-cost-'))
  const file = join(dir, 'bundle.json')
  try {
    const bundle = exportStixBundle(syntheticCase(1_000), { extensionDefinition: false })
    await writeFile(file, JSON.stringify(bundle))
    const run = spawnSync(
      '/usr/bin/python3',
      [join(ROOT, 'scripts/bench/medallion-cost.py'), file, '1000'],
      { encoding: 'utf8', maxBuffer: 16 * MB },
    )
    if (run.status !== 0) throw new Error(`medallion-cost.py failed: ${run.stderr}`)
    /** @type {{ stored: number, added: number, post_ms: number, add_ms: number, copy_ms: number }[]} */
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    // add_ms / added = a + b × (stored + added / 2): least squares over the requests.
    const xs = lines.map((l) => l.stored + l.added / 2)
    const ys = lines.map((l) => l.add_ms / l.added)
    const mx = xs.reduce((n, x) => n + x, 0) / xs.length
    const my = ys.reduce((n, y) => n + y, 0) / ys.length
    const b =
      xs.reduce((n, x, i) => n + (x - mx) * (ys[i] - my), 0) /
      xs.reduce((n, x) => n + (x - mx) ** 2, 0)
    const a = my - b * mx
    // get_collection: copy_ms = c × stored (two calls per POST, both counted in copy_ms).
    const copied = lines.filter((l) => l.stored > 0)
    const c =
      copied.reduce((n, l) => n + l.copy_ms * l.stored, 0) /
      copied.reduce((n, l) => n + l.stored ** 2, 0)
    const N = 61_290
    const perPost = 10_215 // 6 POSTs of about 10 MiB, as the push above cuts them
    let copies = 0
    for (let stored = 0; stored < N; stored += perPost) copies += c * stored
    const extrapolated = a * N + (b * N * N) / 2 + copies
    const table = lines
      .map(
        (l) =>
          `${l.stored}+${l.added}: post ${l.post_ms} ms (add_objects ${l.add_ms}, copies ${l.copy_ms})`,
      )
      .join('; ')
    return [
      {
        name: "taxii: medallion's cost per object added, per 1,000 objects stored",
        value: round(b * 1000 * 1000),
        unit: 'µs',
        method: `inside medallion (medallion-cost.py), 6,390 objects posted 1,000 at a time to an empty collection: least-squares slope of add_objects' time per object added against the objects already stored (intercept ${round(a * 1000)} µs)`,
        detail: table,
      },
      {
        name: "taxii: medallion's side of a 10,000-event push, extrapolated",
        value: round(extrapolated / 1000, 1),
        unit: 's',
        method: `the fit above over 61,290 objects (${round(a * 1000)} µs + ${round(b * 1000, 3)} µs × objects stored, per object added) plus get_collection's copies (${round(c * 1000)} µs per stored object per POST, 6 POSTs): what the server alone would spend, whatever the client does`,
      },
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The medallion launcher's helper (../shared/taxii). */
const TAXII_HELPER = join(ROOT, '../shared/taxii/start-taxii.mjs')

/**
 * Whether medallion can run here: its launcher is present and Debian's Python has the
 * packages `install-deps.sh` installs.
 */
function medallionInstalled() {
  if (!existsSync(TAXII_HELPER)) return false
  const probe = spawnSync(
    '/usr/bin/python3',
    ['-c', 'import flask, flask_httpauth, werkzeug, pytz, six, appdirs, packaging, attr'],
    { stdio: 'ignore' },
  )
  return probe.status === 0
}

/**
 * A stand-in TAXII 2.1 server on 127.0.0.1 for Casefile's side of a push: discovery, one API
 * root (max_content_length 10 MiB, as medallion's), one writable collection, and POSTs that are
 * parsed and answered at once with a complete status listing every object as added.
 *
 * @returns {Promise<{ discovery: string, stop: () => Promise<void> }>}
 */
async function startStubTaxii() {
  const { createServer } = await import('node:http')
  const taxii = 'application/taxii+json;version=2.1'
  let base = ''
  let statuses = 0
  const server = createServer((req, res) => {
    const send = (status, value) => {
      res.writeHead(status, { 'content-type': taxii })
      res.end(JSON.stringify(value))
    }
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => {
      const path = new URL(req.url ?? '/', base).pathname
      if (req.method === 'GET' && path === '/taxii2/') {
        send(200, { title: 'stand-in', default: `${base}api/`, api_roots: [`${base}api/`] })
      } else if (req.method === 'GET' && path === '/api/') {
        send(200, { title: 'stand-in', versions: [taxii], max_content_length: 10 * MB })
      } else if (req.method === 'GET' && path === '/api/collections/') {
        const collection = { id: 'stand-in', alias: 'casefile-team', title: 'stand-in' }
        send(200, { collections: [{ ...collection, can_read: true, can_write: true }] })
      } else if (req.method === 'POST' && path === '/api/collections/stand-in/objects/') {
        const { objects } = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        send(202, {
          id: `status-${++statuses}`,
          status: 'complete',
          total_count: objects.length,
          success_count: objects.length,
          failure_count: 0,
          pending_count: 0,
          successes: objects.map((o) => ({ id: o.id, version: o.modified })),
        })
      } else send(404, { title: 'not found' })
    })
  })
  // Idle keep-alive sockets stay open longer than a POST can take on a loaded machine: Node's
  // 5 s default closes one just as the relay reuses it (ECONNRESET mid-body).
  server.keepAliveTimeout = 120_000
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const address = server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`
  return {
    discovery: `${base}taxii2/`,
    stop: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  }
}

/**
 * The targets of the scale100k section (issue 17), for its rows at the full size (100,000
 * documents, 50,000 events, 2,000 actors); a smaller `--size` prints its rows as context.
 * The library rows are new (no library row existed): first render within the cold start's
 * second, a scroll frame within the reader's 50 ms, a sort within the timeline's 500 ms. The
 * timeline's and graph's are today's 10,000-event and 500-actor targets; the graph's first
 * picture takes the 2,000-actor layout's 2 s.
 */
function SCALE_TARGETS() {
  return {
    'scale: import of 100,000 documents (importBatch)': '<= 180 s',
    'scale: import peak JS heap': '<= 1536 MB',
    'scale: library first render, 100,000 documents': '<= 1000 ms',
    'scale: library scroll, p95 frame interval': '<= 50 ms',
    'scale: library sort change': '<= 500 ms',
    'scale: timeline first render, 50,000 events': '<= 500 ms',
    'scale: timeline pan/zoom redraw p95': '<= 50 ms',
    'scale: timeline group by initiator': '<= 1000 ms',
    'scale: graph first picture, 2,000 actors and 50,000 events': '<= 2000 ms',
    'scale: graph first picture on reopening, 2,000 actors and 50,000 events': '<= 2000 ms',
    'scale: graph filter change redraw p95': '<= 100 ms',
    'scale: graph time-window change redraw p95': '<= 100 ms',
    'scale: backup round trip, records or texts that differ': '<= 0 records',
  }
}

/**
 * The size of the scale100k section: `--size N` documents (default 100,000), with N/2 events
 * and 2,000 actors at 100,000 (in proportion below it, at least 50).
 */
function scaleSize() {
  const i = process.argv.indexOf('--size')
  const docs = i > 0 ? Number(process.argv[i + 1]) : 100_000
  if (!Number.isInteger(docs) || docs < 1000) throw new Error('--size takes at least 1000')
  const given = (flag) => {
    const at = process.argv.indexOf(flag)
    if (at < 0) return undefined
    const v = Number(process.argv[at + 1])
    if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} takes a positive whole number`)
    return v
  }
  return {
    docs,
    events: given('--events') ?? Math.round(docs / 2),
    actors:
      given('--actors') ?? Math.max(50, Math.round((2000 * Math.min(docs, 100_000)) / 100_000)),
    chars: 2000,
  }
}

/**
 * `SCALE_PHASES=import,library,timeline,graph,workbench,backup` (all by default): the phases of the
 * scale100k section to run, for working on one of them; the case is generated whenever a
 * phase after the import is asked for.
 *
 * @returns {Set<string>}
 */
function scalePhases() {
  const all = ['import', 'library', 'timeline', 'graph', 'workbench', 'backup']
  const asked = (process.env.SCALE_PHASES || all.join(',')).split(',').map((p) => p.trim())
  const unknown = asked.filter((p) => !all.includes(p))
  if (unknown.length) throw new Error(`SCALE_PHASES: unknown ${unknown.join(', ')}`)
  return new Set(asked)
}

/**
 * Samples the page's JS heap (CDP `Runtime.getHeapUsage`, every 50 ms) until `stop()`, from a
 * baseline taken after a forced GC; resolves `stop()` with the baseline and the peak (bytes).
 *
 * @param {import('playwright-core').Page} page
 */
async function sampleHeap(page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  const base = (await cdp.send('Runtime.getHeapUsage')).usedSize
  let peak = base
  let samples = 0
  let running = true
  const loop = (async () => {
    while (running) {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage')
      peak = Math.max(peak, usedSize)
      samples++
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()
  return {
    async stop() {
      running = false
      await loop
      await cdp.detach().catch(() => undefined)
      return { base, peak, samples }
    },
  }
}

/**
 * Waits until the Chromium launched on `profileDir` is quiet — its processes together busy for
 * less than 10% of a core in each of 3 consecutive seconds, 120 s at most — and says how long
 * that took. After the scale case is generated the browser process goes on writing it (the
 * store's compaction of ~400 MB of writes at 100,000 documents): measured meanwhile, the
 * phases after it shared the 2 cores with work an analyst opening a case does not have.
 *
 * @param {string} profileDir
 * @returns {Promise<string>}
 */
async function chromiumQuiet(profileDir) {
  const t0 = Date.now()
  let last = await chromiumCpu(profileDir)
  if (!last) return 'the browser not found: not waited for it to be quiet'
  let quiet = 0
  while (quiet < 3 && Date.now() - t0 < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const now = await chromiumCpu(profileDir)
    if (!now) break
    quiet = now.total - last.total < 0.1 ? quiet + 1 : 0
    last = now
  }
  const s = ((Date.now() - t0) / 1000).toFixed(0)
  return quiet >= 3
    ? `the browser quiet ${s} s later (under 10% of a core for 3 s)`
    : `the browser still busy after ${s} s; measured anyway`
}

/**
 * CPU time (user + system, seconds) of every process of the Chromium launched on
 * `profileDir`: the browser process (where IndexedDB and the blob store run) and all its
 * children (renderers, utility processes), read from /proc (Linux; null elsewhere).
 *
 * @param {string} profileDir
 * @returns {Promise<{ total: number, browser: number, renderers: number, others: number } | null>}
 */
async function chromiumCpu(profileDir) {
  const tick = 100 // USER_HZ on Linux
  let pids
  try {
    pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d))
  } catch {
    return null
  }
  /** @type {Map<string, { ppid: string, cpu: number, cmd: string }>} */
  const procs = new Map()
  await Promise.all(
    pids.map(async (pid) => {
      try {
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        const cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ')
        procs.set(pid, { ppid: f[1], cpu: (Number(f[11]) + Number(f[12])) / tick, cmd })
      } catch {
        // The process ended meanwhile.
      }
    }),
  )
  const root = [...procs.entries()].find(
    ([, p]) => p.cmd.includes(profileDir) && !p.cmd.includes('--type='),
  )?.[0]
  if (!root) return null
  const out = { total: 0, browser: procs.get(root).cpu, renderers: 0, others: 0 }
  const tree = new Set([root])
  for (let grew = true; grew;) {
    grew = false
    for (const [pid, p] of procs) {
      if (!tree.has(pid) && tree.has(p.ppid)) {
        tree.add(pid)
        grew = true
        if (p.cmd.includes('--type=renderer')) out.renderers += p.cpu
        else out.others += p.cpu
      }
    }
  }
  out.total = out.browser + out.renderers + out.others
  return out
}

/** The 1-minute load average, for the rows' details. */
const load = () => loadavg()[0].toFixed(2)

/** @param {number} bytes */
const mb = (bytes) => Math.round((bytes / MB) * 10) / 10

/**
 * scale100k (issue 17), asked for by name: import 100,000 generated documents through
 * importBatch (peak JS heap sampled); generate the case (100,000 documents, 50,000 events,
 * 2,000 actors) through the store in bulk; the library list, the timeline and the graph over
 * it; then back it up and restore it (peak heap of each sampled) and check the round trip.
 * See scripts/bench/scale-bench.mts. About 15–25 minutes at full size on these 2 cores.
 *
 * The import is followed by a context row of its CPU time, split between the renderer's main
 * thread, the rest of the renderer (workers) and the browser's other processes (IndexedDB and
 * the blob store run in the browser process); `BENCH_PROFILE=scale-import` CPU-profiles the
 * page's main thread during the import (see `profiled`).
 *
 * @param {import('playwright-core').Page} page the benchmark page
 * @param {string} profileDir the browser's profile folder (to find its processes)
 * @returns {Promise<Row[]>}
 */
async function benchScale(page, profileDir) {
  const size = scaleSize()
  /** @type {Row[]} */
  const rows = []
  // Each row is printed as it is measured too: the section is long, and a run cut short
  // should still show what it measured.
  const push = rows.push.bind(rows)
  rows.push = (...added) => {
    for (const r of added)
      progress(`scale100k: ${r.name}: ${r.value} ${r.unit} (${r.detail ?? ''})`)
    return push(...added)
  }
  const sizeNote = `${size.docs.toLocaleString('en')} documents of ~${size.chars} characters, ${size.events.toLocaleString('en')} events, ${size.actors.toLocaleString('en')} actors`
  progress(`scale100k: ${sizeNote}`)
  page.setDefaultTimeout(0)
  try {
    const phases = scalePhases()
    // 1. Import through importBatch.
    if (phases.has('import')) {
      const files = await page.evaluate(
        ([docs, chars]) => window.scale.prepareImport(docs, chars),
        [size.docs, size.chars],
      )
      progress(
        `scale100k: ${files.count} files, ${mb(files.bytes)} MB generated in ${(files.ms / 1000).toFixed(1)} s`,
      )
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Performance.enable')
      const metrics = async () =>
        Object.fromEntries(
          (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
        )
      const loadBefore = load()
      const heap = await sampleHeap(page)
      const [before, cpuBefore] = [await metrics(), await chromiumCpu(profileDir)]
      const imported = await profiled(page, 'scale-import', () =>
        page.evaluate(() => window.scale.runImport()),
      )
      const [after, cpuAfter] = [await metrics(), await chromiumCpu(profileDir)]
      const h = await heap.stop()
      await cdp.detach().catch(() => undefined)
      if (imported.imported !== size.docs) throw new Error(`imported ${imported.imported}`)
      const s = (name) => after[name] - before[name]
      const perDoc = (seconds) => `${((seconds * 1000) / size.docs).toFixed(2)} ms/doc`
      const chromium =
        cpuBefore && cpuAfter
          ? `; all of Chromium ${(cpuAfter.total - cpuBefore.total).toFixed(1)} s (${perDoc(cpuAfter.total - cpuBefore.total)}): browser process ${(cpuAfter.browser - cpuBefore.browser).toFixed(1)} s, renderers ${(cpuAfter.renderers - cpuBefore.renderers).toFixed(1)} s, other processes ${(cpuAfter.others - cpuBefore.others).toFixed(1)} s`
          : ''
      const cpuRow = {
        name: `scale: import of ${size.docs.toLocaleString('en')} documents, renderer main-thread CPU (context)`,
        value: Math.round(s('ThreadTime') * 10) / 10,
        unit: 's',
        method:
          'CDP Performance.getMetrics ThreadTime (the page main thread) across that import; the detail splits the CPU of the whole browser (/proc)',
        detail: `${perDoc(s('ThreadTime'))}; tasks ${s('TaskDuration').toFixed(1)} s, script ${s('ScriptDuration').toFixed(1)} s; renderer process (all threads) ${s('ProcessTime').toFixed(1)} s${chromium}; load avg ${load()}`,
      }
      rows.push(
        {
          name: `scale: import of ${size.docs.toLocaleString('en')} documents (importBatch)`,
          value: Math.round(imported.ms / 100) / 10,
          unit: 's',
          method: `importBatch of ${files.count.toLocaleString('en')} generated .txt files (Blobs, as chosen files; ${mb(files.bytes)} MB) into a fresh case, with progress`,
          detail: `${Math.round((files.count / imported.ms) * 1000)} docs/s; ${imported.progressReports.toLocaleString('en')} progress reports; load avg ${loadBefore} → ${load()}`,
        },
        {
          name: 'scale: import peak JS heap',
          value: mb(h.peak),
          unit: 'MB',
          method:
            "the page's used JS heap at its peak during that import (CDP Runtime.getHeapUsage every 50 ms)",
          detail: `baseline ${mb(h.base)} MB after a forced GC (${mb(h.peak - h.base)} MB over it; ${h.samples} samples)`,
        },
        cpuRow,
      )
    }
    if (phases.size === 1 && phases.has('import')) return rows
    // 2. The case, through the store in bulk.
    const made = await page.evaluate(
      ([d, e, a, c]) => window.scale.generate(d, e, a, c),
      [size.docs, size.events, size.actors, size.chars],
    )
    // The phases below find the page's heap as the app holds it on a case it opens, not
    // holding the generator's garbage (see `dropGeneratorGarbage`).
    const dropped = await dropGeneratorGarbage(page)
    const settled = await chromiumQuiet(profileDir)
    rows.push({
      name: 'scale: generating the case (context)',
      value: Math.round(made.ms / 100) / 10,
      unit: 's',
      method: `seeded: ${made.documents.toLocaleString('en')} documents by addDocuments (1,000 a transaction), ${made.actors.toLocaleString('en')} actors, ${made.annotations.toLocaleString('en')} passages and ${made.events.toLocaleString('en')} events by bulkAdd, into a freshly deleted app database`,
      detail: `${mb(made.bytes)} MB of text; the generator's garbage then collected (one full GC: JS heap ${dropped.before} → ${dropped.after} MB); ${settled}; load avg ${load()}`,
    })
    // SCALE_GRAPH_SCREENSHOT=file.png: the graph's first picture (the graph phase calls it).
    const shot = process.env.SCALE_GRAPH_SCREENSHOT
    if (shot) await page.exposeFunction('benchScreenshot', () => page.screenshot({ path: shot }))
    // 3. Library, timeline, graph over it.
    for (const phase of ['library', 'timeline', 'graph']) {
      if (!phases.has(phase)) continue
      // The graph's CPU split: the page's main thread against the renderer's other threads
      // (the layout worker) and the browser process (IndexedDB), over the whole phase.
      const cdp = phase === 'graph' ? await page.context().newCDPSession(page) : undefined
      await cdp?.send('Performance.enable')
      const metrics = async () =>
        cdp
          ? Object.fromEntries(
              (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
            )
          : {}
      const [before, cpuBefore] = [await metrics(), cdp ? await chromiumCpu(profileDir) : null]
      const got = await profiled(page, `scale-${phase}`, () =>
        page.evaluate((p) => window.scale[p](), phase),
      )
      const [after, cpuAfter] = [await metrics(), cdp ? await chromiumCpu(profileDir) : null]
      await cdp?.detach().catch(() => undefined)
      const s = (name) => (after[name] - before[name]).toFixed(1)
      const cpu = cdp
        ? `; CPU over the phase: page main thread ${s('ThreadTime')} s (script ${s('ScriptDuration')} s), renderer process (all threads, the layout worker's included) ${s('ProcessTime')} s${cpuBefore && cpuAfter ? `, browser process ${(cpuAfter.browser - cpuBefore.browser).toFixed(1)} s` : ''}`
        : ''
      const l = load()
      rows.push(
        ...got.map((r, i) => ({
          ...r,
          detail: `${r.detail ?? ''}${i === 0 ? cpu : ''}; load avg ${l}`,
        })),
      )
    }
    // 3b. The whole Workbench open on the case while 20 documents are imported into it; the
    // page's main-thread CPU (CDP ThreadTime) is taken across the import only.
    if (phases.has('workbench')) {
      const opened = await profiled(page, 'scale-workbench-mount', () =>
        page.evaluate(() => window.scale.workbenchMount()),
      )
      progress(
        `scale100k: workbench shown ${Math.round(opened.ms)} ms after mounting, quiet at ${Math.round(opened.settledMs)} ms`,
      )
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Performance.enable')
      const metrics = async () =>
        Object.fromEntries(
          (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
        )
      const before = await metrics()
      const got = await profiled(page, 'scale-workbench', () =>
        page.evaluate(() => window.scale.workbenchImport()),
      )
      const after = await metrics()
      await cdp.detach().catch(() => undefined)
      const s = (name) => (after[name] - before[name]).toFixed(2)
      const l = load()
      rows.push(
        ...got.map((r, i) => ({
          ...r,
          detail: `${r.detail ?? ''}${i === 0 ? `; page main-thread CPU from the import's start until quiet again (and the teardown) ${s('ThreadTime')} s (script ${s('ScriptDuration')} s)` : ''}; load avg ${l}`,
        })),
      )
    }
    // 4. Backup and restore.
    if (!phases.has('backup')) return rows
    let heap = await sampleHeap(page)
    const saved = await page.evaluate(() => window.scale.backup())
    let h = await heap.stop()
    rows.push(
      {
        name: 'scale: backup of the case',
        value: Math.round(saved.ms / 100) / 10,
        unit: 's',
        method: `writeCaseBackup (texts read 500 documents at a time) into Blob parts, as the Back up command does; ${mb(saved.bytes)} MB file`,
        detail: `${saved.reports} progress reports; load avg ${load()}`,
      },
      {
        name: 'scale: backup peak JS heap',
        value: mb(h.peak),
        unit: 'MB',
        method: "the page's used JS heap at its peak during the backup (CDP, every 50 ms)",
        detail: `baseline ${mb(h.base)} MB after a forced GC (${mb(h.peak - h.base)} MB over it; the file is ${mb(saved.bytes)} MB)`,
      },
    )
    heap = await sampleHeap(page)
    const back = await page.evaluate(() => window.scale.restore())
    h = await heap.stop()
    const differ =
      Object.keys(back.expected).filter((k) => back.counts[k] !== back.expected[k]).length +
      (back.checksum === back.expectedChecksum ? 0 : 1)
    rows.push(
      {
        name: 'scale: restore of the backup',
        value: Math.round(back.ms / 100) / 10,
        unit: 's',
        method:
          "restoreBackup from the backup Blob's stream (records checked, written in batches), with progress",
        detail: `${back.reports} progress reports; load avg ${load()}`,
      },
      {
        name: 'scale: restore peak JS heap',
        value: mb(h.peak),
        unit: 'MB',
        method: "the page's used JS heap at its peak during the restore (CDP, every 50 ms)",
        detail: `baseline ${mb(h.base)} MB after a forced GC (${mb(h.peak - h.base)} MB over it)`,
      },
      {
        name: 'scale: backup round trip, records or texts that differ',
        value: differ,
        unit: 'records',
        method:
          'counts of documents, texts, passages, actors and events in the restored case against the original, and an order-free checksum of every title + text',
        detail: `restored ${JSON.stringify(back.counts)}; original ${JSON.stringify(back.expected)}; checksum ${back.checksum} (generated ${back.expectedChecksum}); verified in ${(back.verifyMs / 1000).toFixed(1)} s`,
      },
    )
    return rows
  } finally {
    await page.evaluate(() => window.scale.cleanup()).catch(() => undefined)
  }
}

/**
 * Import memory: 2,000 generated text files, 1 GB in all (`BENCH_IMPORT_MB`), imported by
 * importBatch in the benchmark page while this script samples the page's JS heap
 * (`Runtime.getHeapUsage` over CDP, every 50 ms) from a baseline taken after a forced GC.
 * The import worker's heap is its own isolate and is not in this figure (it holds one file).
 *
 * @param {import('playwright-core').Page} page the benchmark page
 * @returns {Promise<Row[]>}
 */
async function benchImportMemory(page) {
  const totalMB = Number(process.env.BENCH_IMPORT_MB || 1024)
  const count = 2000
  const files = await page.evaluate(
    ([mb, n]) => window.importMemory.prepare(mb, n),
    [totalMB, count],
  )
  progress(`import-memory: ${count} files, ${(files.bytes / MB).toFixed(0)} MB generated`)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  const base = (await cdp.send('Runtime.getHeapUsage')).usedSize
  let peak = base
  let samples = 0
  let running = true
  const sampler = (async () => {
    while (running) {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage')
      peak = Math.max(peak, usedSize)
      if (++samples % 400 === 0) {
        progress(
          `import-memory: heap peak so far ${((peak - base) / MB).toFixed(1)} MB over baseline`,
        )
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()
  let run
  try {
    run = await page.evaluate(() => window.importMemory.run())
  } finally {
    running = false
    await sampler
    await cdp.detach().catch(() => undefined)
  }
  if (run.imported !== count) throw new Error(`imported ${run.imported} of ${count}`)
  const over = (peak - base) / MB
  const allowed = (2 * files.largest) / MB
  return [
    {
      name: 'import-memory: peak JS heap over 2x largest file',
      value: Math.round((over - allowed) * 10) / 10,
      unit: 'MB',
      method: `peak − baseline of the page's JS heap (CDP Runtime.getHeapUsage every 50 ms) while importBatch stores ${count} .txt files (${(files.bytes / MB).toFixed(0)} MB), minus 2× the largest file`,
      detail: `baseline ${(base / MB).toFixed(1)} MB after a forced GC, peak ${(peak / MB).toFixed(1)} MB (${over.toFixed(1)} MB over baseline; ${samples} samples); largest file ${(files.largest / MB).toFixed(2)} MB, smallest ${(files.smallest / 1024).toFixed(0)} KB; target: peak ≤ 2 × largest + ${IMPORT_MEMORY_CONSTANT_MB} MB`,
    },
    {
      name: 'import-memory: peak JS heap above baseline',
      value: Math.round(over * 10) / 10,
      unit: 'MB',
      method: 'the same peak, before subtracting twice the largest file',
    },
    {
      name: 'import-memory: import rate',
      value: Math.round((files.bytes / MB / run.ms) * 1000 * 10) / 10,
      unit: 'MB/s',
      method: `${count} files, ${(files.bytes / MB).toFixed(0)} MB in ${(run.ms / 1000).toFixed(1)} s (read, extract — in the worker above 256 KB — hash, commit in groups)`,
      detail: `${run.indexBatches} index batches of ≥ 8 M characters handed on`,
    },
  ]
}

/** Mouse moves in the graph drag (each waits for the page to take it, as a real drag does). */
const DRAG_MOVES = 90

/**
 * Dragging an actor of the graph that `runBench('graph')` left mounted (500 actors, 5,000
 * ties): the real mouse (vis-network ignores synthetic pointer events) presses on an actor,
 * moves 3 px right and 1 px down per event, and releases; the page records the intervals
 * between frames meanwhile. Fails if no actor moved on screen.
 *
 * @param {import('playwright-core').Page} page the benchmark page
 * @returns {Promise<Row[]>}
 */
async function benchGraphDrag(page) {
  try {
    const target = await page.evaluate(() => window.graphDrag.target())
    const before = await page.evaluate(() => window.graphDrag.nodesAt())
    await page.mouse.move(target.x, target.y)
    await page.mouse.down()
    await page.evaluate(() => window.graphDrag.startFrames())
    for (let i = 1; i <= DRAG_MOVES; i++) await page.mouse.move(target.x + 3 * i, target.y + i)
    const frames = await page.evaluate(() => window.graphDrag.stopFrames())
    await page.mouse.up()
    // The actor pressed on is the topmost there, not necessarily the one aimed at.
    const moved = async () => {
      const after = await page.evaluate(() => window.graphDrag.nodesAt())
      return Math.max(
        ...Object.entries(after).map(([id, at]) =>
          Math.hypot(at.x - (before[id]?.x ?? at.x), at.y - (before[id]?.y ?? at.y)),
        ),
      )
    }
    const deadline = Date.now() + 3000
    while ((await moved()) < 20) {
      if (Date.now() > deadline) throw new Error('the dragged actor did not move')
      await page.waitForTimeout(50)
    }
    return [
      {
        name: 'graph: dragging a node, p95 frame interval',
        value: round(percentile(frames, 95)),
        unit: 'ms',
        method: `the real mouse drags an actor of the 500-actor, 5,000-tie graph (${DRAG_MOVES} moves of 3×1 px); intervals between frames meanwhile`,
        detail: `${frames.length} frames, median ${round(median(frames))} ms; the actor moved ${Math.round(await moved())} px on screen`,
      },
    ]
  } finally {
    await page.evaluate(() => window.graphDrag.unmount())
  }
}

/**
 * A briefing of 50 events with 100 citations and both figures: composed and rendered to its
 * print HTML in the benchmark page (the app's own modules), then printed to PDF by Chromium
 * in a fresh page — what the print route does (it writes that HTML as the page).
 *
 * @param {{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page }} browser
 * @returns {Promise<Row[]>}
 */
async function benchBriefing(browser) {
  const made = await browser.page.evaluate(() => window.makeBriefingHtml())
  const pdfMs = []
  let bytes = 0
  for (let r = 0; r < 4; r++) {
    const page = await browser.context.newPage()
    await page.setContent(made.html)
    const t = performance.now()
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    pdfMs.push(performance.now() - t)
    bytes = pdf.byteLength
    await page.close()
  }
  const make = made.composeMs + made.figuresMs + made.renderMs
  const warm = pdfMs.slice(1)
  const total = make + median(warm)
  progress(
    `briefing: ${round(total)} ms (make ${round(make)}, PDF ${warm.map((x) => round(x, 0)).join(', ')})`,
  )
  return [
    {
      name: 'briefing: 50 events, 100 citations, both figures, to PDF',
      value: round(total),
      unit: 'ms',
      method:
        'compose + timeline and graph figures (layout included) + print HTML in the page, then Chromium page.pdf of that HTML; PDF median of 3 after a cold one',
      detail: `${made.events} events, ${made.citations} notes; compose ${round(made.composeMs)} ms, figures ${round(made.figuresMs)} ms, HTML ${round(made.renderMs)} ms (${Math.round(made.html.length / 1024)} KB); PDF cold ${round(pdfMs[0])} ms, warm ${warm.map((x) => round(x, 0)).join(', ')} ms; ${Math.round(bytes / 1024)} KB`,
    },
  ]
}

/**
 * Opens the built app, creates a case called `title` and imports `docs` into it with the
 * Import button's file chooser, as an analyst would. Returns the import's time in ms (from
 * setFiles until the import report shows).
 *
 * @param {import('playwright-core').Page} page
 * @param {import('./serve.mjs').RunningServer} server serving out/renderer
 * @param {string} title
 * @param {LongDocument[]} docs
 */
async function importThroughUi(page, server, title, docs) {
  await page.goto(server.url)
  await page.locator(READY).waitFor({ state: 'attached' })
  await page
    .getByRole('button', { name: /^(New case|Create a case)$/ })
    .first()
    .click()
  const dialog = page.getByTestId('case-dialog')
  await dialog.getByLabel('Title').fill(title)
  await dialog.getByRole('button', { name: 'Create' }).click()
  await page.waitForFunction(
    () => document.querySelector('[data-testid="case-select"]')?.value !== '',
  )
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import…' }).first().click(),
  ])
  const t = Date.now()
  await chooser.setFiles(
    docs.map((d) => ({ name: d.name, mimeType: 'text/plain', buffer: Buffer.from(d.text) })),
  )
  const report = page.getByTestId('import-report')
  await report.waitFor({ state: 'visible', timeout: 120_000 })
  const importMs = Date.now() - t
  await report.getByRole('button', { name: 'Done' }).click()
  await report.waitFor({ state: 'hidden' })
  // The search index of the new documents is saved 2 s after they are added: let it finish.
  await page.waitForTimeout(4000)
  return importMs
}

/**
 * Row 4: the reader, in the built app. Two 1 MB documents are imported through the real UI;
 * then each open is timed in the page from the click (a capture listener) until the
 * document's last paragraph is in the DOM and until the frame after it.
 *
 * @param {import('./serve.mjs').RunningServer} server serving out/renderer
 * @param {LongDocument[]} docs
 * @returns {Promise<Row[]>}
 */
async function benchReader(server, docs) {
  if (docs.length < 2) throw new Error('the benchmark page made no long documents')
  const browser = await launch(server.origin, 'reader')
  try {
    const { page } = browser
    const importMs = await importThroughUi(page, server, 'Reader bench', docs)
    progress(`reader: imported 2 × 1 MB through the UI in ${importMs} ms`)

    const opens = []
    const total = 9
    for (let i = 0; i < total; i++) {
      // The import opened the first document; start with the other one.
      const doc = docs[(i + 1) % docs.length]
      await page.evaluate(armReaderTimer, { title: doc.title })
      await page.getByTestId('doc-row').filter({ hasText: doc.title }).click()
      const times = await page.evaluate(() => window.__readerBench.done)
      opens.push(times)
      progress(
        `reader: open ${i + 1}/${total} (${doc.name}): in DOM ${round(times.inDom - times.click)} ms, ` +
          `frame done ${round(times.painted - times.click)} ms`,
      )
      await page.waitForTimeout(300)
    }
    const painted = opens.map((o) => o.painted - o.click)
    const inDom = opens.map((o) => o.inDom - o.click)
    const paragraphs = await page.locator('[data-testid="reader-text"] p').count()
    const lastDoc = docs[total % docs.length]
    const jumps = []
    for (let i = 0; i < 3; i++) {
      jumps.push(await jumpToEnd(page, { marker: lastDoc.marker }))
      await page.keyboard.press('Control+Home')
      await page.waitForTimeout(300)
    }
    progress(`reader: Ctrl+End to the last paragraph ${jumps.map(Math.round).join(', ')} ms`)

    // Reopening the app with this case: informational context for the cold start.
    const reloads = []
    for (let i = 0; i < 5; i++) {
      await page.reload()
      await page.waitForFunction(() => window.__appReady.painted > 0)
      reloads.push(await page.evaluate(() => window.__appReady.painted))
    }
    const list = (times) => times.map(Math.round).join(', ')
    return [
      {
        name: 'reader: open a 1 MB document',
        value: round(median(painted)),
        unit: 'ms',
        method: `built app: click on a row → frame after the 1 MB text's first screen is drawn; median of ${total}`,
        detail: `2 .txt docs of ${docs.map((d) => d.bytes).join(' and ')} bytes imported with the Import button; opens alternate between them; click (capture listener) → title and first paragraph in the DOM (MutationObserver) → requestAnimationFrame + a task; ${paragraphs} paragraphs in the DOM after the last open (the reader draws those near the viewport); runs ${list(painted)} ms`,
      },
      {
        name: 'reader: click to first paragraph in the DOM',
        value: round(median(inDom)),
        unit: 'ms',
        method:
          'the same opens, until the first paragraph is in the DOM (before style/layout/paint)',
        detail: `runs ${list(inDom)} ms`,
      },
      {
        name: 'reader: Ctrl+End to the last paragraph',
        value: round(median(jumps)),
        unit: 'ms',
        method:
          'the open 1 MB text, caret at its start: Ctrl+End → frame after its last paragraph is on screen (checked per frame); median of 3',
        detail: `runs ${list(jumps)} ms`,
      },
      {
        name: 'reader: import 2 × 1 MB via the UI',
        value: importMs,
        unit: 'ms',
        method: 'setFiles on the Import chooser until the import report shows',
      },
      {
        name: 'start: reload with a case open',
        value: round(median(reloads)),
        unit: 'ms',
        method: 'page.reload() of the app holding that case → frame after app-ready; median of 5',
        detail: `runs ${list(reloads)} ms`,
      },
    ]
  } finally {
    await browser.close()
  }
}

/**
 * Runs in the page before a click: arms a timer that resolves `__readerBench.done` with the
 * click time and the times the reader shows `title` with its first screen drawn: the text's
 * first paragraph (`data-start="0"`, the paragraph the document opens on) and, given `tag`,
 * the highlight of that tag (the document's first tag) drawn; `textInDom` is when the text
 * was there, with or without it. The rest of the text is drawn as it scrolls into view (the
 * reader draws the paragraphs near the viewport): `armJumpTimer` times a jump to its end.
 *
 * @param {{ title: string, tag?: string }} expected
 */
function armReaderTimer({ title, tag }) {
  const times = { click: 0, textInDom: 0, inDom: 0, painted: 0 }
  document.addEventListener('click', () => (times.click = performance.now()), {
    capture: true,
    once: true,
  })
  const shown = () => {
    const text = document.querySelector('[data-testid="reader-text"]')
    const heading = document.querySelector('[data-testid="reader-title"]')
    if (!text || heading?.textContent !== title) return false
    const found = text.querySelector('[data-start="0"]') !== null
    if (found && !times.textInDom) times.textInDom = performance.now()
    return found && (!tag || text.querySelector(`[data-tag="${tag}"]`) !== null)
  }
  const done = new Promise((resolve, reject) => {
    setTimeout(
      () => reject(new Error(`the reader did not show "${title}" to its end within 30 s`)),
      30_000,
    )
    const observer = new MutationObserver(() => {
      if (!times.click || !shown()) return
      observer.disconnect()
      times.inDom = performance.now()
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => {
          times.painted = performance.now()
          resolve(times)
        }
        channel.port2.postMessage(null)
      })
    })
    observer.observe(document.body, { childList: true, subtree: true, characterData: true })
  })
  Object.defineProperty(window, '__readerBench', { value: { done }, configurable: true })
}

/**
 * Runs in the page before Ctrl+End is pressed in the reader text: arms a timer that resolves
 * `__readerJump.done` with the key's time (a capture listener) and the time of the frame
 * after the one in which the text's end is on screen: `marker` in a drawn paragraph and,
 * given `tag`, that tag's highlight drawn and inside the scrolling box's viewport (checked
 * once per animation frame, so the figure is a frame late at most).
 *
 * @param {{ marker: string, tag?: string }} expected
 */
function armJumpTimer({ marker, tag }) {
  const times = { key: 0, painted: 0 }
  document.addEventListener('keydown', () => (times.key = performance.now()), {
    capture: true,
    once: true,
  })
  const text = document.querySelector('[data-testid="reader-text"]')
  const onScreen = () => {
    const el = tag
      ? text.querySelector(`[data-tag="${tag}"]`)
      : [...text.querySelectorAll('[data-start]')].find((p) => p.textContent.includes(marker))
    if (!el || !el.textContent.includes(marker)) return false
    let box = text
    while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement
    const r = el.getBoundingClientRect()
    const v = (box ?? document.documentElement).getBoundingClientRect()
    return r.bottom > v.top && r.top < v.bottom
  }
  const done = new Promise((resolve, reject) => {
    const timeout = setTimeout(
      () => reject(new Error('the text did not reach its end in 30 s')),
      30_000,
    )
    const frame = () => {
      if (!times.key || !onScreen()) return requestAnimationFrame(frame)
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        clearTimeout(timeout)
        times.painted = performance.now()
        resolve(times)
      }
      requestAnimationFrame(() => channel.port2.postMessage(null))
    }
    requestAnimationFrame(frame)
  })
  Object.defineProperty(window, '__readerJump', { value: { done }, configurable: true })
}

/**
 * Focuses the reader text at its start, presses Ctrl+End and waits for `armJumpTimer`'s
 * verdict: ms from the key to the frame after the end is on screen.
 *
 * @param {import('playwright-core').Page} page
 * @param {{ marker: string, tag?: string }} expected
 */
async function jumpToEnd(page, expected) {
  await page.getByTestId('reader-text').focus()
  await page.keyboard.press('Control+Home')
  await page.waitForTimeout(300)
  await page.evaluate(armJumpTimer, expected)
  await page.keyboard.press('Control+End')
  const times = await page.evaluate(() => window.__readerJump.done)
  return times.painted - times.key
}

/** Tags given to the tagged document. */
const TAG_COUNT = 5000
/** Jumps of the scrolling benchmark, one per frame, from the top to the end of the text. */
const SCROLL_STEPS = 40

/**
 * Tagging, in the built app: the reader with 5,000 tags. Two 1 MB documents are imported
 * through the UI; the first gets `TAG_COUNT` tags written into the app's database, and the
 * app is reloaded so that it reads them. Then opens of the tagged document, alternating with the untagged one,
 * are timed as the reader's are, until the last paragraph and the last tag are drawn; then
 * the tagged text is scrolled through, frame by frame.
 *
 * @param {import('./serve.mjs').RunningServer} server serving out/renderer
 * @param {LongDocument[]} docs
 * @returns {Promise<Row[]>}
 */
async function benchTagging(server, docs) {
  if (docs.length < 2) throw new Error('the benchmark page made no long documents')
  const [tagged, other] = docs
  const browser = await launch(server.origin, 'tagging')
  try {
    const { page } = browser
    const importMs = await importThroughUi(page, server, 'Tagging bench', docs)
    progress(`tagging: imported 2 × 1 MB through the UI in ${importMs} ms`)
    const seeded = await page.evaluate(seedAnnotations, {
      title: tagged.title,
      marker: tagged.marker,
      count: TAG_COUNT,
    })
    progress(
      `tagging: wrote ${seeded.count} tags (${seeded.single} single, ${seeded.nested} nested ` +
        `pairs, ${seeded.overlapping} overlapping pairs, the end marker) in ${seeded.ms} ms; reloading`,
    )
    await page.reload()
    await page.waitForFunction(() => window.__appReady.painted > 0)
    const row = (doc) => page.getByTestId('doc-row').filter({ hasText: doc.title })
    await row(tagged).waitFor()
    await page.waitForTimeout(1000)

    /** @param {LongDocument} doc @param {string} [tag] */
    const open = async (doc, tag) => {
      await page.evaluate(armReaderTimer, { title: doc.title, tag })
      await row(doc).click()
      const times = await page.evaluate(() => window.__readerBench.done)
      await page.waitForTimeout(300)
      return times
    }
    const taggedOpens = []
    const otherOpens = []
    const total = 7
    for (let i = 0; i < total; i++) {
      otherOpens.push(await open(other))
      const times =
        i === total - 1
          ? await profiled(page, 'tagged-open', () => open(tagged, seeded.first))
          : await open(tagged, seeded.first)
      taggedOpens.push(times)
      progress(
        `tagging: open ${i + 1}/${total} with ${seeded.count} tags: in DOM ${round(times.inDom - times.click)} ms, ` +
          `frame done ${round(times.painted - times.click)} ms`,
      )
    }
    const spans = await page.locator('[data-testid="reader-text"] [data-tag]').count()
    const paragraphs = await page.locator('[data-testid="reader-text"] p').count()
    if (spans === 0) throw new Error(`no highlight was drawn for ${seeded.count} tags`)
    const ends = []
    for (let i = 0; i < 3; i++) {
      ends.push(await jumpToEnd(page, { marker: tagged.marker, tag: seeded.sentinel }))
      await page.keyboard.press('Control+Home')
      await page.waitForTimeout(300)
    }
    progress(`tagging: Ctrl+End to the last tag ${ends.map(Math.round).join(', ')} ms`)

    await page.waitForTimeout(500)
    const jumps = await page.evaluate(scrollByFrames, SCROLL_STEPS)
    progress(
      `tagging: ${SCROLL_STEPS} scroll jumps: p95 frame ${round(percentile(jumps.intervals, 95))} ms, ` +
        `longest ${round(Math.max(...jumps.intervals))} ms`,
    )

    // Wheel scrolling as the analyst does it, from the top: the input goes through the browser.
    await page.evaluate(startFrameLog)
    const box = await page.getByTestId('reader-text').boundingBox()
    if (!box) throw new Error('the reader text is not on screen')
    await page.mouse.move(box.x + Math.min(box.width, 600) / 2, box.y + 200)
    for (let i = 0; i < SCROLL_STEPS; i++) {
      await page.mouse.wheel(0, 600)
      await page.waitForTimeout(16)
    }
    await page.waitForTimeout(300)
    const wheel = await page.evaluate(stopFrameLog)
    progress(
      `tagging: ${SCROLL_STEPS} wheel ticks: p95 frame ${round(percentile(wheel.intervals, 95))} ms, ` +
        `scrolled ${wheel.top} px`,
    )

    const painted = taggedOpens.map((o) => o.painted - o.click)
    const inDom = taggedOpens.map((o) => o.inDom - o.click)
    const textOnly = taggedOpens.map((o) => o.textInDom - o.click)
    const plain = otherOpens.map((o) => o.painted - o.click)
    const list = (times) => times.map(Math.round).join(', ')
    const frameSummary = (f) =>
      `${f.intervals.length} frames, median ${round(median(f.intervals))} ms, longest ${round(Math.max(...f.intervals))} ms`
    return [
      {
        name: 'tagging: open a 1 MB document with 5,000 tags',
        value: round(median(painted)),
        unit: 'ms',
        method: `built app: click on its row → frame after its first screen and its first tag are drawn; median of ${total}`,
        detail:
          `${seeded.count} annotation records written to IndexedDB before a reload (${seeded.single} single tags of 1–3 words, ` +
          `${seeded.nested} claims with an actor or location nested inside, ${seeded.overlapping} overlapping event/note pairs, ` +
          `one on the end marker; all five kinds; spread to offset ${seeded.lastOffset} of ${seeded.textLength}); ` +
          `${spans} highlight spans and ${paragraphs} paragraphs drawn; opens alternate with the untagged document; ` +
          `runs ${list(painted)} ms; its text in the DOM at ${list(textOnly)} ms, the first tag at ${list(inDom)} ms`,
      },
      {
        name: 'tagging: Ctrl+End to the last tag',
        value: round(median(ends)),
        unit: 'ms',
        method:
          'the open tagged text, caret at its start: Ctrl+End → frame after the tag on the end marker is on screen (checked per frame); median of 3',
        detail: `runs ${list(ends)} ms`,
      },
      {
        name: 'tagging: open the untagged 1 MB document',
        value: round(median(plain)),
        unit: 'ms',
        method: 'the alternate opens: the other 1 MB document, without tags (context)',
        detail: `runs ${list(plain)} ms`,
      },
      {
        name: 'tagging: highlight spans drawn',
        value: spans,
        unit: 'spans',
        method: `[data-tag] elements in the reader text after opening the document with ${seeded.count} tags (those near the viewport are drawn)`,
      },
      {
        name: 'tagging: scrolling it, p95 frame interval',
        value: round(percentile(jumps.intervals, 95)),
        unit: 'ms',
        method: `scrollTop of the reader's scroll box set top → end in ${SCROLL_STEPS} jumps, one per frame; p95 of rAF intervals`,
        detail: `box .${jumps.container}, scrollHeight ${jumps.heights.join(' → ')} px; ${frameSummary(jumps)}; intervals ${list(jumps.intervals)} ms`,
      },
      {
        name: 'tagging: wheel scrolling, p95 frame interval',
        value: round(percentile(wheel.intervals, 95)),
        unit: 'ms',
        method: `${SCROLL_STEPS} mouse.wheel ticks of 600 px, 16 ms apart, from the top; p95 of rAF intervals`,
        detail: `scrolled ${wheel.top} px; ${frameSummary(wheel)}`,
      },
    ]
  } finally {
    await browser.close()
  }
}

/**
 * Runs in the app's page: gives the document titled `title` `count` tags by writing
 * annotation records straight into the app's database ('casefile', store 'annotations') with
 * the IndexedDB API, made as tagPassage makes them (src/db/tags.ts): id, caseId, docId,
 * start/end, the exact quote with 32 characters of prefix and suffix from the stored text,
 * the text's hash, kind and createdAt. The app sees them once it is reloaded.
 * Tags come in groups spread evenly over the words of the text, in a cycle of ten: six
 * single tags of 1–3 words, two claims of 12 words each with an actor or location of two
 * words nested inside, and two overlapping pairs (an event of 6 words and a note of 7 that
 * starts inside it). The last tag covers the end marker alone: the open is done when it is
 * drawn (its id is returned as `sentinel`).
 *
 * @param {{ title: string, marker: string, count: number }} spec
 */
async function seedAnnotations({ title, marker, count }) {
  const t0 = performance.now()
  const request = (r) =>
    new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result)
      r.onerror = () => reject(r.error)
    })
  const db = await request(indexedDB.open('casefile'))
  try {
    const read = db.transaction(['documents', 'texts'], 'readonly')
    const doc = (await request(read.objectStore('documents').getAll())).find(
      (d) => d.title === title,
    )
    if (!doc) throw new Error(`no document titled "${title}"`)
    const { text } = await request(read.objectStore('texts').get(doc.id))
    // Words as [start, end, paragraph], paragraphs split as src/domain/paragraphs.ts does.
    const words = []
    let paragraph = 0
    const addWords = (from, to) => {
      const word = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu
      const chunk = text.slice(from, to)
      for (let m = word.exec(chunk); m; m = word.exec(chunk)) {
        words.push([from + m.index, from + m.index + m[0].length, paragraph])
      }
      paragraph++
    }
    const separator = /\n[ \t]*\n\s*/g
    let from = 0
    for (let m = separator.exec(text); m; m = separator.exec(text)) {
      if (m.index > from) addWords(from, m.index)
      from = m.index + m[0].length
    }
    if (from < text.length) addWords(from, text.length)
    // Keep the last paragraph, which holds the marker, for the sentinel alone.
    const usable = words.filter((w) => w[2] !== paragraph - 1).length

    const annotations = []
    const createdAt = Date.now()
    const add = (kind, start, end) => {
      annotations.push({
        id: crypto.randomUUID(),
        caseId: doc.caseId,
        docId: doc.id,
        start,
        end,
        exact: text.slice(start, end),
        prefix: text.slice(Math.max(0, start - 32), start),
        suffix: text.slice(end, end + 32),
        textHash: doc.textHash,
        kind,
        createdAt: createdAt - (count - annotations.length) * 1000,
      })
    }
    const addWordsTag = (kind, a, b) => add(kind, words[a][0], words[b][1])
    const together = (a, b) => b < usable && words[a][2] === words[b][2]
    const kinds = ['actor', 'location', 'event', 'claim', 'note']
    const stats = { single: 0, nested: 0, overlapping: 0 }
    // About 1.4 tags a group; 10% more groups than that, so that the tags reach the end.
    const spacing = usable / (Math.ceil((count - 1) / 1.4) * 1.1)
    for (let g = 0; annotations.length < count - 1; g++) {
      const w = Math.floor(g * spacing)
      if (w >= usable) throw new Error(`only ${annotations.length} tags fit in the text`)
      const cycle = g % 10
      const pair = count - 1 - annotations.length >= 2
      if (pair && (cycle === 6 || cycle === 7) && together(w, w + 11)) {
        addWordsTag('claim', w, w + 11)
        addWordsTag(cycle === 6 ? 'actor' : 'location', w + 3, w + 4)
        stats.nested++
      } else if (pair && cycle >= 8 && together(w, w + 9)) {
        addWordsTag('event', w, w + 5)
        addWordsTag('note', w + 3, w + 9)
        stats.overlapping++
      } else {
        const last = together(w, w + (g % 3)) ? w + (g % 3) : w
        addWordsTag(kinds[g % kinds.length], w, last)
        stats.single++
      }
    }
    const lastOffset = annotations[annotations.length - 1].end
    const at = text.lastIndexOf(marker)
    if (at < 0) throw new Error(`the marker ${marker} is not in the stored text`)
    add('note', at, at + marker.length)
    const write = db.transaction('annotations', 'readwrite')
    const store = write.objectStore('annotations')
    for (const a of annotations) store.put(a)
    await new Promise((resolve, reject) => {
      write.oncomplete = resolve
      write.onabort = () => reject(write.error ?? new Error('the annotations were not written'))
    })
    return {
      count: annotations.length,
      sentinel: annotations[annotations.length - 1].id,
      first: annotations[0].id,
      ...stats,
      lastOffset,
      textLength: text.length,
      ms: Math.round(performance.now() - t0),
    }
  } finally {
    db.close()
  }
}

/**
 * Runs in the page: the reader text's scrolling box (the text itself or its nearest scrolling
 * ancestor) is scrolled from the top to the end in `steps` jumps, one per frame, each set in
 * a requestAnimationFrame callback; resolves with the intervals between those callbacks,
 * each of which spans the style, layout and paint of one jump.
 *
 * @param {number} steps
 */
function scrollByFrames(steps) {
  let box = document.querySelector('[data-testid="reader-text"]')
  const scrolls = (el) =>
    el.scrollHeight > el.clientHeight && /auto|scroll/.test(getComputedStyle(el).overflowY)
  while (box && !scrolls(box)) box = box.parentElement
  if (!box) throw new Error('the reader text has no scrolling box')
  box.scrollTop = 0
  const startHeight = box.scrollHeight
  return new Promise((resolve) => {
    const intervals = []
    let step = 0
    let last = 0
    const frame = (time) => {
      if (last) intervals.push(time - last)
      last = time
      if (step === steps) {
        resolve({
          intervals,
          container: box.className || box.tagName,
          heights: [startHeight, box.scrollHeight],
        })
        return
      }
      step++
      // The height grows as paragraphs are laid out for the first time (content-visibility).
      box.scrollTop = Math.round(((box.scrollHeight - box.clientHeight) * step) / steps)
      requestAnimationFrame(frame)
    }
    requestAnimationFrame(() => requestAnimationFrame(frame))
  })
}

/**
 * Runs in the page: scrolls the reader text's scrolling box to the top, lets it settle for
 * 500 ms, then logs requestAnimationFrame intervals until `stopFrameLog`.
 */
async function startFrameLog() {
  let box = document.querySelector('[data-testid="reader-text"]')
  const scrolls = (el) =>
    el.scrollHeight > el.clientHeight && /auto|scroll/.test(getComputedStyle(el).overflowY)
  while (box && !scrolls(box)) box = box.parentElement
  if (!box) throw new Error('the reader text has no scrolling box')
  box.scrollTop = 0
  await new Promise((resolve) => setTimeout(resolve, 500))
  const log = { box, intervals: [], last: 0, on: true }
  const frame = (time) => {
    if (!log.on) return
    if (log.last) log.intervals.push(time - log.last)
    log.last = time
    requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
  Object.defineProperty(window, '__frameLog', { value: log, configurable: true })
}

/** Runs in the page: stops the frame log; the intervals and how far the box was scrolled. */
function stopFrameLog() {
  const log = window.__frameLog
  log.on = false
  return { intervals: log.intervals, top: Math.round(log.box.scrollTop) }
}

/**
 * Row 5: cold starts of the built app, each in a new browser on a fresh profile (so no HTTP
 * cache, no V8 code cache and an empty database): navigation start → the frame after
 * app-ready; and the JavaScript fetched before first-contentful-paint (Resource Timing).
 *
 * @param {import('./serve.mjs').RunningServer} server serving out/renderer
 * @returns {Promise<Row[]>}
 */
async function benchColdStart(server) {
  const loads = []
  for (let i = 0; i < 5; i++) {
    const browser = await launch(server.origin, `cold start ${i + 1}`)
    try {
      const { page } = browser
      let cpu = NaN
      const load = async () => {
        const meter = await cpuMeter(page)
        await page.goto(server.url, { waitUntil: 'commit' })
        await appReadyPainted(page)
        cpu = await meter.read()
      }
      await (i === 4 ? profiled(page, 'cold-start', load) : load())
      await page.waitForFunction(
        () => performance.getEntriesByName('first-contentful-paint').length > 0,
      )
      loads.push({ ...(await page.evaluate(collectStartFigures)), cpu })
    } finally {
      await browser.close()
    }
    const last = loads[loads.length - 1]
    progress(
      `cold start ${i + 1}/5: app-ready ${round(last.painted)} ms, FCP ${round(last.fcp)} ms, ` +
        `renderer main thread CPU ${round(last.cpu)} ms, JS before FCP ${last.jsBeforeFcp.bytes} bytes`,
    )
  }
  const pick = (key) => loads.map((l) => l[key])
  const first = loads[0]
  const files = (list) => list.map((f) => `${f.file} ${f.bytes}`).join(', ')
  return [
    {
      name: 'cold start: page load to app-ready',
      value: round(median(pick('painted'))),
      unit: 'ms',
      method:
        'new browser + fresh profile per load: navigation → frame after app-ready; median of 5',
      detail:
        `runs ${pick('painted').map(Math.round).join(', ')} ms; app-ready in the DOM at ` +
        `${pick('attached').map(Math.round).join(', ')} ms; the renderer main thread's CPU time ` +
        `by then (DevTools Performance ThreadTime) ${pick('cpu').map(Math.round).join(', ')} ms`,
    },
    {
      name: 'cold start: first contentful paint',
      value: round(median(pick('fcp'))),
      unit: 'ms',
      method: 'the same loads, PerformancePaintTiming first-contentful-paint',
      detail: `DOMContentLoaded median ${round(median(pick('dcl')))} ms`,
    },
    {
      name: 'cold start: JS bytes before first paint',
      value: median(loads.map((l) => l.jsBeforeFcp.bytes)),
      unit: 'bytes',
      method: 'Resource Timing transferSize of .js/.mjs requested before first-contentful-paint',
      detail: `first load: ${files(first.jsBeforeFcp.files)}`,
    },
    {
      name: 'cold start: JS bytes before app-ready',
      value: median(loads.map((l) => l.jsBeforeReady.bytes)),
      unit: 'bytes',
      method: 'the same, requested before app-ready was in the DOM',
      detail: `first load: ${files(first.jsBeforeReady.files)}`,
    },
  ]
}

/**
 * The floor under row 5: the same five cold loads (new browser, fresh profile, the app's CSP)
 * of a trivial page — one `<div>` and one 10 KB module script that puts `app-ready` in it —
 * so that the cold-start rows can be read as this floor (Chromium's own start, navigation,
 * first frame) plus Casefile's share.
 *
 * @returns {Promise<Row[]>}
 */
async function benchStartFloor() {
  const root = join(ROOT, 'out/bench-floor')
  await rm(root, { recursive: true, force: true })
  await mkdir(root, { recursive: true })
  // About 10 KB of ordinary code: 120 small functions and a table, run once.
  const parts = Array.from(
    { length: 120 },
    (_, i) =>
      `function f${i}(a, b) { return (a * ${i + 1} + b) % 997 + '${'x'.repeat(20)}'.length }`,
  )
  const script =
    `${parts.join('\n')}\nconst table = [${parts.map((_, i) => `f${i}`).join(', ')}]\n` +
    `let sum = 0\nfor (const f of table) sum += Number(f(sum, 3))\n` +
    `const ready = document.createElement('div')\nready.dataset.testid = 'app-ready'\n` +
    `ready.textContent = String(sum)\ndocument.getElementById('root').append(ready)\n`
  await writeFile(join(root, 'floor.js'), script)
  await writeFile(
    join(root, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>floor</title><link rel="icon" href="data:," />' +
      '<script type="module" src="./floor.js"></script></head>' +
      '<body><div id="root">Floor</div></body></html>',
  )
  const server = await startServer({ root, port: 0 })
  const loads = []
  try {
    for (let i = 0; i < 5; i++) {
      const browser = await launch(server.origin, `start floor ${i + 1}`)
      try {
        const meter = await cpuMeter(browser.page)
        await browser.page.goto(server.url, { waitUntil: 'commit' })
        await appReadyPainted(browser.page)
        const cpu = await meter.read()
        await browser.page.waitForFunction(
          () => performance.getEntriesByName('first-contentful-paint').length > 0,
        )
        loads.push({ ...(await browser.page.evaluate(collectStartFigures)), cpu })
      } finally {
        await browser.close()
      }
    }
  } finally {
    await server.close()
  }
  const painted = loads.map((l) => l.painted)
  progress(`start floor: runs ${painted.map(Math.round).join(', ')} ms`)
  return [
    {
      name: 'cold start floor: a trivial page to its first frame',
      value: round(median(painted)),
      unit: 'ms',
      method:
        'as the cold-start row, for one <div> and a 10 KB script (' +
        `${script.length} bytes); median of 5`,
      detail:
        `runs ${painted.map(Math.round).join(', ')} ms; FCP ` +
        `${loads.map((l) => Math.round(l.fcp)).join(', ')} ms; renderer main thread CPU ` +
        `${loads.map((l) => Math.round(l.cpu)).join(', ')} ms`,
    },
  ]
}

/**
 * Starts counting the CPU time of the page's renderer main thread (DevTools protocol
 * `Performance` ThreadTime, enabled before the navigation so that it follows the page into its
 * new renderer); `read()` gives it in ms. Unlike the wall-clock rows, this figure does not grow
 * when other work shares the machine.
 *
 * @param {import('playwright-core').Page} page
 */
async function cpuMeter(page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  return {
    async read() {
      try {
        const { metrics } = await cdp.send('Performance.getMetrics')
        return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000
      } finally {
        await cdp.detach().catch(() => undefined)
      }
    },
  }
}

/** Runs in the page after a load: the start-up timings and the JavaScript fetched. */
function collectStartFigures() {
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN
  const nav = performance.getEntriesByType('navigation')[0]
  const scripts = performance
    .getEntriesByType('resource')
    .filter((entry) => /\.m?js(\?|$)/.test(new URL(entry.name).pathname))
  const before = (time) => {
    const list = scripts.filter((entry) => entry.startTime < time)
    return {
      bytes: list.reduce((sum, entry) => sum + entry.transferSize, 0),
      files: list.map((entry) => ({
        file: new URL(entry.name).pathname.split('/').pop(),
        bytes: entry.transferSize,
      })),
    }
  }
  return {
    attached: window.__appReady.attached,
    painted: window.__appReady.painted,
    fcp,
    dcl: nav?.domContentLoadedEventEnd ?? NaN,
    jsBeforeFcp: before(fcp),
    jsBeforeReady: before(window.__appReady.attached),
  }
}

/**
 * Adds each row's target and verdict.
 *
 * @param {Row[]} rows
 * @returns {Result[]}
 */
function judge(rows) {
  return rows.map(({ name, value, unit, method, detail }) => {
    const target = TARGETS[name] ?? null
    let pass = value !== null
    if (target !== null && value !== null) {
      const [op, limit] = target.split(' ')
      pass = op === '>=' ? value >= Number(limit) : value <= Number(limit)
    }
    return { name, value, unit, target, pass, method, ...(detail ? { detail } : {}) }
  })
}

/**
 * Prints the table: each figure, its target and verdict, and below it how it was measured;
 * then the details (runs, breakdowns) of the rows that have them.
 *
 * @param {Result[]} results
 */
function printTable(results) {
  const width = Math.max(...results.map((r) => r.name.length))
  const line = '─'.repeat(width + 48)
  console.log(`\n${line}`)
  console.log(`${'figure'.padEnd(width)}  ${'value'.padStart(16)}  ${'target'.padEnd(16)}  verdict`)
  console.log(line)
  for (const r of results) {
    const value = r.value === null ? 'n/a' : `${r.value.toLocaleString('en')} ${r.unit}`
    const verdict =
      r.value === null ? 'CRASHED' : r.target === null ? 'info' : r.pass ? 'ok' : '<<< MISSED'
    console.log(
      `${r.name.padEnd(width)}  ${value.padStart(16)}  ${(r.target ?? '—').padEnd(16)}  ${verdict}`,
    )
    console.log(`    ${r.method}`)
  }
  console.log(line)
  console.log('\nDetails:')
  for (const r of results) if (r.detail) console.log(`  ${r.name}: ${r.detail}`)
}

async function main() {
  try {
    await stat(join(RENDERER, 'index.html'))
  } catch {
    throw new Error(`${RENDERER}/index.html is missing: run npm run build first`)
  }
  // `--only start` needs neither the benchmark page nor its browser.
  const startOnly = ONLY !== undefined && [...ONLY].every((name) => name === 'start')
  if (!startOnly) {
    progress('building the benchmark page (out/bench)')
    // Minified as the app ships, unless a run is profiled (`profiled`: names kept).
    await buildBenchPage(BENCH_OUT, { minify: PROFILE.size === 0 })
  }
  const onCspReport = (report) => problems.push(`CSP report: ${JSON.stringify(report)}`)
  const benchServer = startOnly
    ? undefined
    : await startServer({ root: BENCH_OUT, port: 0, onCspReport })
  const appServer = await startServer({ root: RENDERER, port: 0, onCspReport })
  /** @type {Row[]} */
  const rows = []
  try {
    const inPage = benchServer ? await benchInPage(benchServer) : { rows: [], longDocs: [] }
    rows.push(...inPage.rows)
    if (wanted('reader')) {
      rows.push(...(await section('reader', () => benchReader(appServer, inPage.longDocs))))
    }
    if (wanted('tagging')) {
      rows.push(
        ...(await section('tagging in the app', () => benchTagging(appServer, inPage.longDocs))),
      )
    }
    if (wanted('start')) {
      rows.push(...(await section('cold start floor', () => benchStartFloor())))
      rows.push(...(await section('cold start', () => benchColdStart(appServer))))
    }
  } finally {
    await Promise.allSettled([benchServer?.close(), appServer.close()])
  }
  const results = judge(rows)
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`)
  printTable(results)
  const missed = results.filter((r) => r.target !== null && !r.pass)
  console.log(
    `${results.filter((r) => r.target !== null).length - missed.length} of ` +
      `${results.filter((r) => r.target !== null).length} targets met` +
      (missed.length ? `; MISSED: ${missed.map((r) => r.name).join('; ')}` : ''),
  )
  if (problems.length) {
    console.log(`\nProblems seen in the browser (${problems.length}):`)
    for (const p of problems.slice(0, 20)) console.log(`  - ${p}`)
  }
  console.log(
    `\nwrote ${RESULTS}; ${((Date.now() - started) / 1000).toFixed(0)} s (after the build)`,
  )
  if (crashed) process.exitCode = 1
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exitCode = 1
})
