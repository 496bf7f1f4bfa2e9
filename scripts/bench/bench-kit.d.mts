/**
 * Types for `bench-kit.mjs` (what the Chromium-driving scripts share), so that TypeScript
 * code (its unit test) can import it without `allowJs`. Keep in step with `bench-kit.mjs`.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core'
import type { RunningServer } from '../serve.mjs'

/** The repository's root folder. */
export declare const ROOT: string
/** The Chromium binary (`CHROMIUM_PATH` overrides). */
export declare const CHROMIUM_PATH: string
/** Chromium's flags: the same as e2e/harness.ts `CHROMIUM_ARGS`. */
export declare const CHROMIUM_ARGS: readonly string[]

/** The number after `flag` in `argv`, or `fallback` when the flag is absent. */
export declare function numberArg(flag: string, fallback: number, argv?: string[]): number
/** The word after `flag` in `argv`, or undefined. */
export declare function stringArg(flag: string, argv?: string[]): string | undefined

/**
 * Builds the benchmark page into `outDir` (unminified unless `minify`), with the OCR engine's
 * files.
 */
export declare function buildBenchPage(
  outDir: string,
  options?: { minify?: boolean },
): Promise<void>

/** A served folder and a headless Chromium on a fresh profile with one page. */
export interface OpenBrowser {
  server: RunningServer
  context: BrowserContext
  page: Page
  close(): Promise<void>
}
export declare function openBrowser(
  root: string,
  options?: { viewport?: { width: number; height: number } },
): Promise<OpenBrowser>
export declare function openBenchPage(outDir: string, ready: string): Promise<OpenBrowser>

/** A CPU profile as CDP's Profiler hands it over. */
export interface CpuProfile {
  nodes: {
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
    children?: number[]
  }[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}
export declare function collectConsoleProfiles(
  cdp: CDPSession,
  intervalUs?: number,
): Promise<{ title: string; profile: CpuProfile }[]>
export declare function startTrace(
  cdp: CDPSession,
  options?: { gc?: boolean },
): Promise<() => Promise<unknown[]>>

/** The scale case's size from `--size`, `--events` and `--actors` (2,000 / 50,000 / 2,000). */
export declare function scaleArgs(argv?: string[]): { docs: number; events: number; actors: number }
/** The scale section's page (no time limit on its calls) and a DevTools session on it. */
export declare function openScalePage(
  outDir: string,
): Promise<{ browser: OpenBrowser; page: Page; cdp: CDPSession }>
/** Generates the scale case in the page, prints its size and collects the generator's garbage. */
export declare function generateScaleCase(
  page: Page,
  size: { docs: number; events: number; actors: number },
): Promise<{ documents: number; events: number; actors: number }>
/** One full GC of the page after generating; the used JS heap before and after, in MB. */
export declare function dropGeneratorGarbage(page: Page): Promise<{ before: number; after: number }>
/** The renderer's metrics at each `window.benchSpan(edge)` the page notes, per edge in order. */
export declare function recordSpanMetrics(
  page: Page,
  extra?: () => Promise<Record<string, number> | null>,
): Promise<Map<string, Record<string, number>[]>>
/** What `keys` moved by between a span's edges, summed over its runs; ThreadTime per run in ms. */
export declare function spanDeltas(
  edges: Map<string, Record<string, number>[]>,
  span: string,
  keys: string[],
): { runs: number; sum: Record<string, number>; threadMsPerRun: number[] }
/** Writes each profile as a .cpuprofile in `outDir` and prints its summary. */
export declare function writeProfiles(
  profiles: { title: string; profile: CpuProfile }[],
  outDir: string,
  options: { top: number; indexed?: boolean; inclusive?: string[]; inclusiveHeading?: string },
): Promise<void>
/** Prints bench rows and the load average before and after. */
export declare function printRows(
  rows: { name: string; value: unknown; unit: string; detail?: string }[],
  load: string[],
  loadAfter: string[],
): void
/** The load average now, each to two places. */
export declare function loadAverage(): string[]

/** Where a CPU profile's time went (µs, except `wallMs`). */
export interface CpuProfileSummary {
  wallMs: number
  busy: number
  gc: number
  program: number
  script: number
  byFunction: Map<string, number>
  byFile: Map<string, number>
  inclusive: Map<string, number>
}
export declare function summariseCpuProfile(profile: CpuProfile): CpuProfileSummary
export declare function printCpuProfile(
  title: string,
  profile: CpuProfile,
  options: { top: number; inclusive?: string[]; inclusiveHeading?: string },
): void

/** A trace event, as far as the span summary reads it. */
export interface TraceEvent {
  name: string
  cat?: string
  ph?: string
  ts: number
  dur?: number
  pid: number
  tid: number
  id?: string
  id2?: { local?: string }
  args?: { name?: string; usedHeapSizeBefore?: number; usedHeapSizeAfter?: number }
}
export declare function traceSelfTimeBySpan(
  events: TraceEvent[],
  spans: string[],
): { span: string; count: number; wallMs: number; byKind: Map<string, number> }[]
export declare function printTraceBySpan(
  events: unknown[],
  spans: string[],
  options?: { counted?: boolean },
): void

export declare function saveScreenshot(
  target: { screenshot(options: { path: string }): Promise<unknown> },
  path: string,
): Promise<void>

/** A User Timing measure read from a trace (µs). */
export interface Measure {
  name: string
  ts: number
  end: number
  pid: number
}
/** The page's measures named `prefix…`, paired in time order; with `within`, begun inside it. */
export declare function measuresNamed(
  events: TraceEvent[],
  prefix: string,
  within?: { ts: number }[],
): Measure[]
/** What the main thread of `pid` did between `from` and `to`: self time by kind, busy, GCs. */
export declare function mainThreadWork(
  events: TraceEvent[],
  pid: number,
  from: number,
  to: number,
): {
  byKind: Map<string, number>
  busy: number
  gcs: { name: string; ms: number; heapMb?: [number, number] }[]
}
/** Prints the `top` slowest measures with the main thread's work in each. */
export declare function printSlowMeasures(
  events: TraceEvent[],
  measures: Measure[],
  options: { top: number; noun: string; steps?: { name: string; ts: number; end: number }[] },
): void
