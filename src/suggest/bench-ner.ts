/**
 * The entity-suggestion benchmark, for the browser benchmark suite (and for Node, where it
 * runs the same code): times the named-entity pass over a news article of about 5 KB — the
 * median of N runs after warm-up, plus the first, cold run, which includes compromise
 * building its lexicon — and, given a `SuggestClient`, the round trip through the worker
 * (the first one includes starting the worker and loading the recogniser). The target is a
 * median of at most 300 ms in a Chromium worker.
 */
import { GOLD_DOCUMENTS, TEHRAN_REPORT } from './fixtures'
import { clearSuggestionCache, suggestEntities } from './ner'
import type { SuggestClient } from './suggest-client'
import type { Suggestion } from './ner'

/** One measured figure. */
export interface BenchRow {
  name: string
  value: number
  unit: string
}

/** Options of `benchNer`. */
export interface NerBenchOptions {
  /** The article; `benchArticle()` by default. */
  text?: string
  /** Timed runs after warm-up; 15 by default. */
  runs?: number
  /** Untimed runs before them; 3 by default. */
  warmup?: number
  /** Clock in milliseconds; `performance.now` by default. */
  now?: () => number
}

/** About 5 KB of reporting: the Tehran report, then the wire report up to 5,000 characters. */
export function benchArticle(): string {
  const first = GOLD_DOCUMENTS.find((d) => d.name === TEHRAN_REPORT)?.text ?? ''
  const rest = GOLD_DOCUMENTS.filter((d) => d.name !== TEHRAN_REPORT).flatMap((d) =>
    d.text.split('\n\n'),
  )
  let article = first
  for (const paragraph of rest) {
    if (article.length >= 5000) break
    article += `\n\n${paragraph}`
  }
  return article
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits

/** Times `suggestEntities` in this thread. */
export function benchNer(options: NerBenchOptions = {}): BenchRow[] {
  const now = options.now ?? (() => performance.now())
  const text = options.text ?? benchArticle()
  const runs = Math.max(1, options.runs ?? 15)
  // The recogniser keeps the last text's suggestions: each run starts without them.
  const run = (): Suggestion[] => {
    clearSuggestionCache()
    return suggestEntities(text)
  }
  let t = now()
  const found = run().length
  const cold = now() - t
  for (let i = 0; i < (options.warmup ?? 3); i++) run()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    t = now()
    run()
    times.push(now() - t)
  }
  return [
    {
      name: 'ner: article size',
      value: round(new TextEncoder().encode(text).length / 1024),
      unit: 'KB',
    },
    { name: 'ner: suggestions', value: found, unit: 'count' },
    { name: 'ner: first run (cold)', value: round(cold), unit: 'ms' },
    { name: `ner: median of ${runs} runs`, value: round(median(times)), unit: 'ms' },
    { name: 'ner: slowest run', value: round(Math.max(...times)), unit: 'ms' },
  ]
}

/** Times the round trip through the suggestion worker behind `client`. */
export async function benchSuggestWorker(
  client: SuggestClient,
  options: NerBenchOptions = {},
): Promise<BenchRow[]> {
  const now = options.now ?? (() => performance.now())
  const text = options.text ?? benchArticle()
  const runs = Math.max(1, options.runs ?? 15)
  // Each request's text differs by a trailing number, so that the worker's memory of the
  // last text never answers it.
  let n = 0
  const ask = (): Promise<unknown> => client.suggest(`${text}\n\n${++n}`)
  let t = now()
  await ask()
  const first = now() - t
  for (let i = 0; i < (options.warmup ?? 3); i++) await ask()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    t = now()
    await ask()
    times.push(now() - t)
  }
  return [
    { name: 'suggest worker: first request (start + load)', value: round(first), unit: 'ms' },
    {
      name: `suggest worker: median of ${runs} round trips`,
      value: round(median(times)),
      unit: 'ms',
    },
  ]
}
