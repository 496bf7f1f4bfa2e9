/**
 * The search benchmark, run in a real browser by the benchmark suite: builds an index over
 * a corpus, times serialising it, copying it as a worker message would and reading it back
 * (the "index ready after opening a case" path), then times about 200 realistic queries on
 * the read-back index: single terms, prefixes of 2–4 characters as typed, two terms, and
 * quoted phrases. Queries are drawn from the corpus itself with a seeded generator, so the
 * same corpus gives the same queries.
 */
import {
  createIndex,
  deserialise,
  type SearchDoc,
  type SearchHit,
  type SearchIndex,
} from './search-core'
import { seededRandom } from './synthetic-corpus'
import { textWords } from './search-text'

/** One measured figure. */
export interface BenchRow {
  name: string
  value: number
  unit: string
}

/** Options of `benchSearch`. */
export interface BenchOptions {
  /** Queries per kind (four kinds); 50 by default. */
  queriesPerKind?: number
  seed?: number
  /** Clock in milliseconds; `performance.now` by default. */
  now?: () => number
}

type QueryKind = 'term' | 'prefix' | 'two-term' | 'phrase'

/** Builds the benchmark's queries from the corpus's own words. */
export function benchQueries(
  corpus: SearchDoc[],
  perKind = 50,
  seed = 7,
): { kind: QueryKind; q: string }[] {
  const random = seededRandom(seed)
  const docWords = (): string[] => {
    for (let tries = 0; tries < 100; tries++) {
      const doc = corpus[Math.floor(random() * corpus.length)]
      const words = doc ? textWords(doc.text) : []
      if (words.length > 3) return words
    }
    return ['news', 'report']
  }
  const wordOf = (words: string[], minLength: number): string => {
    for (let tries = 0; tries < 50; tries++) {
      const w = words[Math.floor(random() * words.length)]!
      if (w.length >= minLength) return w
    }
    return words[0]!
  }
  const queries: { kind: QueryKind; q: string }[] = []
  for (let i = 0; i < perKind; i++) {
    // A trailing space marks a finished word (an exact term), as when the analyst types on.
    queries.push({ kind: 'term', q: `${wordOf(docWords(), 3)} ` })
    const w = wordOf(docWords(), 4)
    queries.push({ kind: 'prefix', q: w.slice(0, 2 + (i % 3)) })
    const pair = docWords()
    queries.push({ kind: 'two-term', q: `${wordOf(pair, 3)} ${wordOf(pair, 3)}` })
    const words = docWords()
    const at = Math.floor(random() * (words.length - 2))
    const n = 2 + (i % 2)
    queries.push({ kind: 'phrase', q: `"${words.slice(at, at + n).join(' ')}"` })
  }
  return queries
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]!
}

function utf8Bytes(s: string): number {
  let bytes = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1
  }
  return bytes
}

/**
 * A query on a read-back index, handing over the texts it asks for from `byId` (the saved
 * form holds none; in the app they come from the store).
 */
function answer(index: SearchIndex, byId: Map<string, SearchDoc>, q: string): SearchHit[] {
  for (;;) {
    const result = index.search(q)
    if ('hits' in result) return result.hits
    // Every block is at hand here (the parts were copied whole).
    if ('blocks' in result) throw new Error('the read-back index lacks blocks')
    index.provide(
      result.need.flatMap((id) => byId.get(id) ?? []),
      result.need,
    )
  }
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits

/**
 * Measures the search index over `corpus`: build, serialise, size, copy, read back, and
 * query latency (p50 and p95 per kind of query, snippets included).
 */
export async function benchSearch(
  corpus: SearchDoc[],
  options: BenchOptions = {},
): Promise<BenchRow[]> {
  const now = options.now ?? (() => performance.now())
  const rows: BenchRow[] = [{ name: 'search: documents', value: corpus.length, unit: 'count' }]
  let t = now()
  const built = createIndex()
  for (const doc of corpus) built.add(doc)
  rows.push({ name: 'search: build index', value: round(now() - t), unit: 'ms' })

  t = now()
  const parts = await built.serialise()
  rows.push({ name: 'search: serialise', value: round(now() - t), unit: 'ms' })
  const bytes = Object.values(parts).reduce(
    (sum, p) => sum + (typeof p === 'string' ? utf8Bytes(p) : p.byteLength),
    0,
  )
  rows.push({ name: 'search: serialised size', value: round(bytes / 2 ** 20), unit: 'MB' })

  t = now()
  const copied = typeof structuredClone === 'function' ? structuredClone(parts) : { ...parts }
  rows.push({ name: 'search: copy parts to worker', value: round(now() - t), unit: 'ms' })
  t = now()
  const index = deserialise(copied)
  rows.push({ name: 'search: deserialise (index ready)', value: round(now() - t), unit: 'ms' })

  const queries = benchQueries(corpus, options.queriesPerKind ?? 50, options.seed ?? 7)
  const byId = new Map(corpus.map((d) => [d.id, d]))
  for (const { q } of queries.slice(0, 20)) answer(index, byId, q)
  const times = new Map<string, number[]>()
  let hits = 0
  for (const { kind, q } of queries) {
    t = now()
    hits += answer(index, byId, q).length
    const ms = now() - t
    for (const key of [kind, 'all']) {
      const list = times.get(key) ?? []
      list.push(ms)
      times.set(key, list)
    }
  }
  for (const [kind, list] of times) {
    list.sort((a, b) => a - b)
    rows.push({
      name: `search: query p50 (${kind})`,
      value: round(percentile(list, 50)),
      unit: 'ms',
    })
    rows.push({
      name: `search: query p95 (${kind})`,
      value: round(percentile(list, 95)),
      unit: 'ms',
    })
  }
  rows.push({
    name: 'search: mean hits per query',
    value: round(hits / queries.length, 1),
    unit: 'count',
  })
  return rows
}
