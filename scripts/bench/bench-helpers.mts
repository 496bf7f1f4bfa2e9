/**
 * The small helpers the benchmark page's sections share (bench-page.mts, scale-bench.mts): the
 * row every section returns, the clock and rounding, the median and percentiles of runs, the
 * `[bench] ` progress lines the runner prints, and waiting for a pause or the next frame.
 * `.mts` for the reason bench-page.mts gives.
 */

/** One measured figure, with how it was measured. */
export interface BenchRow {
  name: string
  value: number
  unit: string
  /** How it was measured, in one short line. */
  method: string
  /** Runs and breakdowns behind the figure, when there are any. */
  detail?: string
}

/** The page's clock, in milliseconds. */
export const now = (): number => performance.now()

/** `x` rounded to `digits` decimals. */
export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits

/** The median of `list` (the mean of the middle two when even); NaN when empty. */
export function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The `p`-th percentile of `list` (nearest rank); 0 when empty. */
export function percentile(list: number[], p: number): number {
  const sorted = [...list].sort((a, b) => a - b)
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] ?? 0
}

/** A progress line for the runner (scripts/bench.mjs prints `[bench] ` lines). */
export function progress(message: string): void {
  console.info(`[bench] ${message}`)
}

/** Resolves after `ms` milliseconds. */
export const pause = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))

/** Resolves after the next frame has been produced (rAF, then a task after it). */
export function afterFrame(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => resolve(now())
      channel.port2.postMessage(null)
    }),
  )
}
