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
export declare function startTrace(cdp: CDPSession): Promise<() => Promise<unknown[]>>

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
  args?: { name?: string }
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
