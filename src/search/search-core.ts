/**
 * The full-text index of one case, wrapping a FlexSearch `Index`. FlexSearch finds the
 * candidates that hold every query term; this module checks each against its text (exact
 * words, phrases, long prefixes), ranks them (title matches first, then more, closer and
 * earlier occurrences) and cuts snippets. It makes the keys itself: each word goes under
 * its prefixes of 2 to 5 characters (`ir` … `iran`), a word of 1 or more than 5 characters
 * also under an exact key (`president=`), and each pair of adjacent words under a hashed
 * pair key. So the word being typed costs one lookup, a finished word narrows the
 * candidates, and a phrase of common words stays cheap. Removed documents are swept out
 * of FlexSearch when the index is serialised. Pure; it runs in the search worker and in
 * unit tests.
 */
import { Index } from 'flexsearch'
import {
  compileQuery,
  findUnit,
  highlightAll,
  makeSnippets,
  parseQuery,
  prepareText,
  SNIPPET_CHARS,
  sortMatches,
  textWords,
  type CompiledQuery,
  type QueryUnit,
  type Snippet,
  type TextMatch,
} from './search-text'

/**
 * Version of the serialised index. Bump it whenever keys, options or the parts layout
 * change: a persisted index of another version is rebuilt rather than read.
 */
export const SEARCH_INDEX_FORMAT = 3

/** What the index needs of a document. */
export interface SearchDoc {
  id: string
  title: string
  text: string
  /**
   * What the store says this version of the document is (its text hash and title): kept
   * with the index so that a saved index can be brought up to date by re-indexing only the
   * documents whose signature differs. Empty when unknown.
   */
  sig?: string
}

/** One search result: a document, its rank score, and where the query matched. */
export interface SearchHit {
  docId: string
  /** Higher is better; only comparable within one query's results. */
  score: number
  /** Ranges of the title that matched, `[from, to)`. */
  titleHighlights: [number, number][]
  /** Passages of the document text around matches, best first. */
  snippets: Snippet[]
}

/** A serialised index: named string parts, stored as they are (see `SearchIndexRow.parts`). */
export type SearchParts = Record<string, string>

/** Why a serialised index could not be read. */
export class SearchIndexError extends Error {
  constructor(
    readonly code: 'FORMAT' | 'CORRUPT',
    message: string,
  ) {
    super(message)
    this.name = 'SearchIndexError'
  }
}

/** The case search index. */
export interface SearchIndex {
  /** Number of documents held. */
  readonly size: number
  /** Adds a document, replacing any held under the same id. */
  add(doc: SearchDoc): void
  /** Removes a document; returns whether it was held. */
  remove(id: string): boolean
  /** Whether a document is held. */
  has(id: string): boolean
  /** Ids of the documents held, in the order they were added. */
  docIds(): string[]
  /** The signature of each document held (see `SearchDoc.sig`), by id. */
  signatures(): Record<string, string>
  /** Ranked results for what the analyst typed; at most `limit`. */
  query(q: string, limit?: number): SearchHit[]
  /** The index as string parts for persistence. */
  serialise(): Promise<SearchParts>
  /** Replaces the contents with a serialised index; throws `SearchIndexError` if unusable. */
  deserialise(parts: SearchParts): void
}

// Score slots: 0 for the title, 1 for the first third of the text, 2 for the rest. Few
// slots keep the arrays FlexSearch holds per key (one per slot) few.
const RESOLUTION = 3
const MIN_PREFIX = 2
// Longer prefixes add keys to every long word but barely narrow the candidates; the
// text check finishes the job for a longer prefix.
const MAX_PREFIX = 5
const MAX_EXACT = 32
// Adjacent word pairs go under one of this many hashed keys (`~` and the bucket in base
// 36): a phrase of common words then has few candidates, without a key per distinct pair.
const PAIR_BUCKETS = 1 << 16
// Candidates re-ranked per query: FlexSearch orders by slot, this module by score.
const POOL_FACTOR = 3
const MIN_POOL = 100
const DOCS_PER_PART = 1000
// The string handed to FlexSearch when adding: the keys themselves are staged beforehand.
const STAGED = '\u0000'

function exactKey(word: string): string {
  return `${word.length > MAX_EXACT ? word.slice(0, MAX_EXACT) : word}=`
}

/** Whether a word has an exact key: its longest prefix key would not tell it apart. */
function hasExactKey(word: string): boolean {
  return word.length < MIN_PREFIX || word.length > MAX_PREFIX
}

/** The hashed key of two adjacent words (FNV-1a). */
function pairKey(a: string, b: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a.charCodeAt(i), 0x01000193)
  h = Math.imul(h ^ 32, 0x01000193)
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), 0x01000193)
  return `~${((h >>> 0) % PAIR_BUCKETS).toString(36)}`
}

/**
 * The FlexSearch keys of a document with their score slots: slot 0 for the title, then
 * slots by the position of a word's first occurrence in the text.
 */
function documentKeys(title: string, text: string): { keys: string[]; slots: number[] } {
  const keys: string[] = []
  const slots: number[] = []
  const seenWords = new Set<string>()
  // Two words may share prefixes: FlexSearch keeps the first (lowest) slot of a key.
  const push = (key: string, slot: number): void => {
    keys.push(key)
    slots.push(slot)
  }
  const addWord = (word: string, slot: number): void => {
    if (seenWords.has(word)) return
    seenWords.add(word)
    if (hasExactKey(word)) push(exactKey(word), slot)
    const longest = Math.min(word.length, MAX_PREFIX)
    for (let n = MIN_PREFIX; n <= longest; n++) push(word.slice(0, n), slot)
  }
  const titleWords = textWords(title)
  titleWords.forEach((word, i) => {
    addWord(word, 0)
    if (i > 0) push(pairKey(titleWords[i - 1]!, word), 0)
  })
  const body = textWords(text)
  const third = Math.ceil(body.length / 3)
  body.forEach((word, i) => {
    const slot = i < third ? 1 : 2
    addWord(word, slot)
    if (i > 0) push(pairKey(body[i - 1]!, word), slot)
  })
  return { keys, slots }
}

/**
 * The FlexSearch keys a query needs. A finished word of 2 to 5 characters uses its prefix
 * key (a superset, narrowed by the text check); a 1-letter prefix has no key at all. A
 * phrase uses the pair keys of its finished words.
 */
function queryKeys(units: QueryUnit[]): string[] {
  const keys = new Set<string>()
  const addWord = (word: string, prefix: boolean): void => {
    if (!prefix && hasExactKey(word)) keys.add(exactKey(word))
    else if (word.length >= MIN_PREFIX) keys.add(word.slice(0, MAX_PREFIX))
  }
  for (const unit of units) {
    if (unit.kind === 'term') {
      addWord(unit.word, unit.prefix)
      continue
    }
    const { words } = unit
    const finished = unit.prefix ? words.length - 1 : words.length
    for (let i = 1; i < finished; i++) keys.add(pairKey(words[i - 1]!, words[i]!))
    if (finished < 2) addWord(words[0]!, false)
    if (unit.prefix) addWord(words[words.length - 1]!, true)
  }
  return [...keys]
}

/** True when some stretch of `SNIPPET_CHARS` holds every one of `units` units. */
function allUnitsClose(matches: TextMatch[], units: number): boolean {
  if (units < 2) return false
  const counts = new Array<number>(units).fill(0)
  let present = 0
  let lo = 0
  for (const m of matches) {
    if (counts[m.unit]!++ === 0) present++
    while (m.end - matches[lo]!.start > SNIPPET_CHARS) {
      if (--counts[matches[lo]!.unit]! === 0) present--
      lo++
    }
    if (present === units) return true
  }
  return false
}

interface StoredDoc {
  id: string
  title: string
  text: string
  sig: string
}

interface Candidate {
  doc: StoredDoc
  rank: number
  score: number
  titleMatches: TextMatch[]
  bodyMatches: TextMatch[]
}

/**
 * Scores a candidate, or returns null when its text does not hold every unit. Title hits
 * weigh most; then occurrences (sub-linearly), all units close together, an early first hit.
 */
function scoreCandidate(doc: StoredDoc, query: CompiledQuery, rank: number): Candidate | null {
  const n = query.units.length
  const body = prepareText(doc.text)
  const title = prepareText(doc.title)
  const bodyMatches: TextMatch[] = []
  const titleMatches: TextMatch[] = []
  let titleUnits = 0
  let score = 0
  // Phrases first: they are what the text check most often rejects, and a rejected
  // candidate should cost as little as possible.
  for (const unit of query.order) {
    const inBody = findUnit(body, query, unit, bodyMatches)
    const inTitle = findUnit(title, query, unit, titleMatches)
    if (inBody + inTitle === 0) return null
    if (inTitle) titleUnits++
    score += Math.log2(1 + inBody + inTitle) / n
  }
  sortMatches(bodyMatches)
  sortMatches(titleMatches)
  score += (2 * titleUnits) / n
  if (allUnitsClose(bodyMatches, n)) score += 0.5
  const first = bodyMatches[0]
  if (first) score += 0.5 * (1 - first.start / Math.max(1, doc.text.length))
  return { doc, rank, score: Math.round(score * 1e4) / 1e4, titleMatches, bodyMatches }
}

/**
 * One part of FlexSearch 0.8's export without the given ids: `reg` is a list of ids, `map`
 * a list of `[key, slots]` where each slot is a list of ids or null, and `cfg` and an
 * empty `ctx` carry none. Throws on anything else.
 */
function withoutIds(key: string, data: string, ids: Set<number>): string {
  const kind = key.split('.').pop()
  const value: unknown = JSON.parse(data)
  const keep = (list: unknown): number[] => {
    if (!Array.isArray(list)) throw new Error('unexpected id list')
    return (list as number[]).filter((id) => !ids.has(id))
  }
  if (kind === 'reg') return JSON.stringify(keep(value))
  if (kind === 'cfg' || (kind === 'ctx' && Array.isArray(value) && !value.length)) return data
  if (kind !== 'map' || !Array.isArray(value)) throw new Error(`unexpected export part ${key}`)
  const entries: [unknown, (number[] | null)[]][] = []
  for (const entry of value as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || !Array.isArray(entry[1])) {
      throw new Error('unexpected map entry')
    }
    let left = 0
    const slots = (entry[1] as unknown[]).map((slot) => {
      if (slot === null) return null
      const ids = keep(slot)
      left += ids.length
      return ids.length ? ids : null
    })
    if (left) entries.push([entry[0], slots])
  }
  return JSON.stringify(entries)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

class CaseSearchIndex implements SearchIndex {
  private flex: Index
  private docs = new Map<number, StoredDoc>()
  private internal = new Map<string, number>()
  private nextId = 1
  /** Internal ids of removed documents still present in `flex`. */
  private garbage = new Set<number>()
  private staged: string[] | null = null
  private stagedSlots: number[] = []

  constructor() {
    this.flex = this.createFlex()
  }

  private createFlex(): Index {
    return new Index({
      tokenize: 'strict',
      resolution: RESOLUTION,
      context: false,
      cache: false,
      // Adding stages precomputed keys; a query arrives as keys joined by spaces.
      encode: (content: string) => this.staged ?? content.split(' ').filter(Boolean),
      score: (_content, _term, i) => this.stagedSlots[i] ?? RESOLUTION - 1,
    })
  }

  get size(): number {
    return this.docs.size
  }

  has(id: string): boolean {
    return this.internal.has(id)
  }

  docIds(): string[] {
    return [...this.docs.values()].map((d) => d.id)
  }

  signatures(): Record<string, string> {
    const sigs: Record<string, string> = {}
    for (const d of this.docs.values()) sigs[d.id] = d.sig
    return sigs
  }

  add(doc: SearchDoc): void {
    this.remove(doc.id)
    const id = this.nextId++
    this.docs.set(id, { id: doc.id, title: doc.title, text: doc.text, sig: doc.sig ?? '' })
    this.internal.set(doc.id, id)
    const { keys, slots } = documentKeys(doc.title, doc.text)
    if (!keys.length) return
    this.staged = keys
    this.stagedSlots = slots
    try {
      this.flex.add(id, STAGED)
    } finally {
      this.staged = null
      this.stagedSlots = []
    }
  }

  remove(id: string): boolean {
    const key = this.internal.get(id)
    if (key === undefined) return false
    // FlexSearch without its (unpersistable) fast-update register scans every key to
    // remove one id, about 90 ms at 10,000 documents. Queries skip ids that have no
    // document, so the id is only marked here and swept out in one pass by `serialise`.
    this.garbage.add(key)
    this.docs.delete(key)
    this.internal.delete(id)
    return true
  }

  query(q: string, limit = 50): SearchHit[] {
    const units = parseQuery(q)
    const keys = queryKeys(units)
    if (!units.length || !keys.length || limit < 1) return []
    const query = compileQuery(units)
    const flexQuery = keys.join(' ')
    const pool = Math.max(limit * POOL_FACTOR, MIN_POOL)
    const found: Candidate[] = []
    // Re-rank the first `pool` live candidates (in FlexSearch's order), and more, a pool at
    // a time, only while the text checks have left fewer than `limit`. Ids of removed
    // documents are skipped without counting, so results do not change when they are swept.
    let live = 0
    fetch: for (let offset = 0; ; offset += pool) {
      const batch = this.flex.search(flexQuery, { limit: pool, offset }) as number[]
      for (const id of batch) {
        const doc = this.docs.get(id)
        if (!doc) continue
        const candidate = scoreCandidate(doc, query, live++)
        if (candidate) found.push(candidate)
        if (live % pool === 0 && found.length >= limit) break fetch
      }
      if (batch.length < pool) break
    }
    found.sort((a, b) => b.score - a.score || a.rank - b.rank)
    return found.slice(0, limit).map((c) => ({
      docId: c.doc.id,
      score: c.score,
      titleHighlights: highlightAll(c.titleMatches, c.doc.title.length),
      snippets: makeSnippets(c.doc.text, c.bodyMatches),
    }))
  }

  async serialise(): Promise<SearchParts> {
    const parts: SearchParts = {}
    const entries = [...this.docs.entries()].map(([id, d]) => [id, d.id, d.title, d.text, d.sig])
    let chunks = 0
    for (let i = 0; i < entries.length; i += DOCS_PER_PART) {
      parts[`docs.${chunks++}`] = JSON.stringify(entries.slice(i, i + DOCS_PER_PART))
    }
    const flexParts: string[] = []
    for (const [key, data] of await this.exportFlex()) {
      parts[`fx.${key}`] = data
      flexParts.push(`fx.${key}`)
    }
    parts.meta = JSON.stringify({
      format: SEARCH_INDEX_FORMAT,
      nextId: this.nextId,
      docs: this.docs.size,
      chunks,
      flexParts,
    })
    return parts
  }

  /** FlexSearch's export, with the ids of removed documents swept out first. */
  private async exportFlex(): Promise<[string, string][]> {
    const exported: [string, string][] = []
    await this.flex.export((key: string, data: string) => {
      exported.push([key, data])
    })
    if (!this.garbage.size) return exported
    const garbage = this.garbage
    let cleaned: [string, string][]
    try {
      cleaned = exported.map(([key, data]) => [key, withoutIds(key, data, garbage)])
    } catch {
      // An export shaped unlike FlexSearch 0.8's: remove the ids the slow, sure way.
      for (const id of garbage) this.flex.remove(id)
      this.garbage = new Set()
      return this.exportFlex()
    }
    const flex = this.createFlex()
    for (const [key, data] of cleaned) flex.import(key, data)
    this.flex = flex
    this.garbage = new Set()
    return cleaned
  }

  deserialise(parts: SearchParts): void {
    let meta: unknown
    try {
      meta = JSON.parse(parts.meta ?? 'null')
    } catch {
      meta = null
    }
    if (!isRecord(meta)) throw new SearchIndexError('CORRUPT', 'The search index has no header.')
    if (meta.format !== SEARCH_INDEX_FORMAT) {
      throw new SearchIndexError(
        'FORMAT',
        `Search index format ${String(meta.format)} is not ${SEARCH_INDEX_FORMAT}.`,
      )
    }
    const { nextId, docs: count, chunks, flexParts } = meta
    const names = Array.isArray(flexParts) ? (flexParts as unknown[]) : null
    if (
      !Number.isInteger(nextId) ||
      !Number.isInteger(count) ||
      !Number.isInteger(chunks) ||
      !names?.every((name) => typeof name === 'string' && name.startsWith('fx.'))
    ) {
      throw new SearchIndexError('CORRUPT', 'The search index header is damaged.')
    }
    const docs = new Map<number, StoredDoc>()
    const internal = new Map<string, number>()
    try {
      for (let c = 0; c < (chunks as number); c++) {
        const rows: unknown = JSON.parse(parts[`docs.${c}`] ?? 'null')
        if (!Array.isArray(rows)) throw new Error(`part docs.${c} is missing`)
        for (const row of rows as unknown[]) {
          if (!Array.isArray(row)) throw new Error('bad document row')
          const [id, docId, title, text, sig] = row as unknown[]
          if (typeof id !== 'number' || typeof docId !== 'string') throw new Error('bad id')
          if (typeof title !== 'string' || typeof text !== 'string') throw new Error('bad text')
          if (typeof sig !== 'string') throw new Error('bad signature')
          docs.set(id, { id: docId, title, text, sig })
          internal.set(docId, id)
        }
      }
      if (docs.size !== count) throw new Error('document count differs')
      const flex = this.createFlex()
      for (const name of names as string[]) {
        const data = parts[name]
        if (data === undefined) throw new Error(`part ${name} is missing`)
        flex.import(name.slice(3), data)
      }
      this.flex = flex
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      throw new SearchIndexError('CORRUPT', `The search index is damaged: ${message}.`)
    }
    this.docs = docs
    this.internal = internal
    this.garbage = new Set()
    this.nextId = nextId as number
  }
}

/** Creates an empty case search index. */
export function createIndex(): SearchIndex {
  return new CaseSearchIndex()
}

/** Creates an index from a serialised one; throws `SearchIndexError` if it is unusable. */
export function deserialise(parts: SearchParts): SearchIndex {
  const index = new CaseSearchIndex()
  index.deserialise(parts)
  return index
}
