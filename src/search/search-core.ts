/**
 * The full-text index of one case. Its inverted lists (`postings.ts`) find the candidates
 * that hold every query key; this module checks each against its text (exact words, phrases,
 * long prefixes), ranks them (title matches first, then more, closer and earlier
 * occurrences) and cuts snippets. It makes the keys itself: each word goes under its prefixes
 * of 2 to 5 characters (`ir` … `iran`) and under an exact key (`iran=`, `president=`), and
 * each pair of adjacent words under a hashed pair key. So the word being typed costs one
 * lookup, a finished word finds exactly the documents that hold it, and a phrase of common
 * words stays cheap: its pair keys, narrowed by the exact keys of its less common words, leave
 * few candidates without the phrase (format 6; format 5 looked a finished word of 2–5
 * letters up by its prefix key and a phrase by its pair keys alone, so at 100,000 documents a
 * query could read 1,500 texts from the store only to reject them). The saved form holds the lists and each document's id and
 * signature, NOT the texts: the store has them. The index keeps the texts it was given in a
 * bounded cache and, when a query reaches a candidate whose text it lacks, answers with the
 * documents it needs (`search` → `need`); the caller reads them from the store and hands them
 * over (`provide`). So opening a saved index reads no text, and a query checks and quotes the
 * text as the store holds it now. Removed documents are swept out of the lists when the index
 * is serialised. Pure; it runs in the search worker and in unit tests.
 */
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
  type PreparedText,
  type QueryUnit,
  type Snippet,
  type TextMatch,
} from './search-text'
import { intersect, Postings, PostingsError } from './postings'

/**
 * Version of the serialised index. Bump it whenever keys, options or the parts layout
 * change: a persisted index of another version is rebuilt rather than read.
 */
export const SEARCH_INDEX_FORMAT = 6

/**
 * Bytes of postings in one saved block (part `blk.N`). The store keeps each block in a row of
 * its own (`src/db/search-storage.ts`), so opening a saved index reads its keys and documents
 * only; a query reads the few blocks its keys' lists lie in, and the rest are read in the
 * background. At 100,000 documents one row of all 170 MB took 2–4 s to read.
 */
export const BLOCK_BYTES = 256 * 1024

/** The name of saved block `n` in the parts (see `BLOCK_BYTES`). */
export function blockPart(n: number): string {
  return `blk.${n}`
}

/**
 * Hits the search box asks for at first, and adds with each "Show more results": what a
 * screen shows and a little more. The texts a query reads from the store scale with it (see
 * `POOL_FACTOR`), so asking for every hit at once is what made search slow at 100,000
 * documents.
 */
export const SEARCH_PAGE = 20

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

/**
 * A serialised index: named parts, stored as they are (see `SearchIndexRow.parts`) — JSON
 * strings, and the postings as byte arrays (which move to the worker without a copy).
 */
export type SearchParts = Record<string, string | Uint8Array>

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

/**
 * One page of results: the best `limit` hits, whether more documents match (`more`), and the
 * exact number that match (`total`) when every candidate was checked — else undefined, since
 * counting them all would mean reading every candidate's text.
 */
export interface SearchPage {
  hits: SearchHit[]
  more: boolean
  total?: number
}

/**
 * What `search` answers: a page of hits, the documents whose text it needs first, or the saved
 * blocks of postings it needs first (`provideBlocks`).
 */
export type SearchResult = SearchPage | { need: string[] } | { blocks: number[] }

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
  /**
   * Ranked results for what the analyst typed (at most `limit`), or the ids of candidates
   * whose text is not in the cache: `provide` them and ask again.
   */
  search(q: string, limit?: number): SearchResult
  /** Ranked results; throws when a candidate's text is not in the cache (see `search`). */
  query(q: string, limit?: number): SearchHit[]
  /** Like `query`, with whether more documents match and, when known, how many. */
  page(q: string, limit?: number): SearchPage
  /**
   * Hands over the title and text of documents `search` asked for, as the store holds them
   * now; each id of `asked` the store no longer has is removed. Returns how many were removed.
   */
  provide(docs: readonly SearchDoc[], asked: readonly string[]): number
  /**
   * Puts in saved blocks (`blk.N` parts) that `deserialise` was not given, by number; throws
   * `SearchIndexError` when one does not fit.
   */
  provideBlocks(blocks: ReadonlyMap<number, Uint8Array>): void
  /** The numbers of the saved blocks not read yet (empty once the index is whole). */
  missingBlocks(): number[]
  /**
   * The index as parts for persistence (without texts): JSON strings, and the postings in
   * blocks `blk.0` … of at most `BLOCK_BYTES`. Throws while blocks are missing.
   */
  serialise(): Promise<SearchParts>
  /**
   * Replaces the contents with a serialised index; throws `SearchIndexError` if unusable.
   * Blocks left out are read later: a query that needs one answers `{ blocks }`.
   */
  deserialise(parts: SearchParts): void
}

/** Options of `createIndex` and `deserialise`. */
export interface SearchIndexOptions {
  /** Most characters of text kept in the cache; 64 M by default. */
  textCacheChars?: number
}

// Score slots: 0 for the title, 1 for the first third of the text, 2 for the rest.
const MIN_PREFIX = 2
// Longer prefixes add keys to every long word but barely narrow the candidates; the
// text check finishes the job for a longer prefix.
const MAX_PREFIX = 5
const MAX_EXACT = 32
// Adjacent word pairs go under one of this many hashed keys (`~` and the bucket in base
// 36): a phrase of common words then has few candidates, without a key per distinct pair.
const PAIR_BUCKETS = 1 << 16
// Candidates re-ranked per query: the lists order them by slot, this module by score.
const POOL_FACTOR = 3
const MIN_POOL = 100
const DOCS_PER_PART = 10_000
// Most exact keys a long prefix stands for (see `queryKeys`).
const MAX_EXPANSION = 256
const DEFAULT_TEXT_CACHE_CHARS = 64 * 2 ** 20

/**
 * Where the worker's query time went, summed over every search since the last reset (the
 * benchmark reads it): finding the candidates in the postings, checking and scoring their
 * texts, and cutting snippets (four clock reads per search); and, per answered page, the
 * candidates the lists gave, how many of them had their text checked, and how many passed.
 */
export const searchCost = {
  postingsMs: 0,
  rankMs: 0,
  snippetsMs: 0,
  searches: 0,
  candidates: 0,
  checked: 0,
  passed: 0,
}

function exactKey(word: string): string {
  return `${word.length > MAX_EXACT ? word.slice(0, MAX_EXACT) : word}=`
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
 * The keys of a document with their score slots: slot 0 for the title, then
 * slots by the position of a word's first occurrence in the text.
 */
function documentKeys(title: string, text: string): { keys: string[]; slots: number[] } {
  const keys: string[] = []
  const slots: number[] = []
  const seenWords = new Set<string>()
  // Two words may share prefixes: the index keeps the first (lowest) slot of a key.
  const push = (key: string, slot: number): void => {
    keys.push(key)
    slots.push(slot)
  }
  const addWord = (word: string, slot: number): void => {
    if (seenWords.has(word)) return
    seenWords.add(word)
    push(exactKey(word), slot)
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
 * The keys a query needs, in groups: a document is a candidate when it holds a key of every
 * group. A finished word uses its exact key; a word being typed, its prefix key (a 1-letter
 * prefix has no key at all). A phrase uses the pair keys of its finished words, and the exact
 * keys of those words as `filters`: a hashed pair key also holds every other pair that hashes
 * alike (65,536 buckets; at 100,000 documents a rare pair's key held hundreds of documents
 * without it), and few of those hold both words. A filter narrows the candidates but does not
 * order them (their order is the pair keys' alone, as in format 5). A word being typed longer
 * than 5 characters uses the exact keys of the words the index holds that start with it
 * (`expand`; at most `MAX_EXPANSION` of them), else its 5-character prefix key: with that key
 * alone, the text check rejected most candidates of a long prefix, and each rejected pool cost
 * a read of 150 texts from the store (profile, two-term queries as typed, 20,000 documents: up
 * to 10 rounds for one query).
 */
function queryKeys(
  units: QueryUnit[],
  expand: (prefix: string) => string[] | null,
): { groups: string[][]; filters: string[] } {
  const groups = new Map<string, string[]>()
  const filters = new Set<string>()
  const addKey = (key: string): void => {
    groups.set(key, [key])
  }
  const addWord = (word: string, prefix: boolean): void => {
    if (!prefix) addKey(exactKey(word))
    else if (word.length > MAX_PREFIX) {
      const keys = expand(word.length > MAX_EXACT ? word.slice(0, MAX_EXACT) : word)
      if (keys) groups.set(`${word}*`, keys)
      else addKey(word.slice(0, MAX_PREFIX))
    } else if (word.length >= MIN_PREFIX) addKey(word.slice(0, MAX_PREFIX))
  }
  for (const unit of units) {
    if (unit.kind === 'term') {
      addWord(unit.word, unit.prefix)
      continue
    }
    const { words } = unit
    const finished = unit.prefix ? words.length - 1 : words.length
    for (let i = 1; i < finished; i++) addKey(pairKey(words[i - 1]!, words[i]!))
    if (finished < 2) addWord(words[0]!, false)
    else for (let i = 0; i < finished; i++) filters.add(exactKey(words[i]!))
    if (unit.prefix) addWord(words[words.length - 1]!, true)
  }
  for (const key of groups.keys()) filters.delete(key)
  return { groups: [...groups.values()], filters: [...filters] }
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
  sig: string
}

/**
 * A title and text held for scoring, with their folded forms once a query has used them:
 * folding every candidate's text again on every query was an eighth of a query's time.
 */
interface HeldText {
  title: string
  text: string
  prepared?: { title: PreparedText; body: PreparedText }
}

interface Candidate {
  id: string
  doc: HeldText
  rank: number
  score: number
  titleMatches: TextMatch[]
  bodyMatches: TextMatch[]
}

/**
 * Scores a candidate, or returns null when its text does not hold every unit. Title hits
 * weigh most; then occurrences (sub-linearly), all units close together, an early first hit.
 */
function scoreCandidate(
  id: string,
  doc: HeldText,
  query: CompiledQuery,
  rank: number,
): Candidate | null {
  const n = query.units.length
  doc.prepared ??= { title: prepareText(doc.title), body: prepareText(doc.text) }
  const { body, title } = doc.prepared
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
  return { id, doc, rank, score: Math.round(score * 1e4) / 1e4, titleMatches, bodyMatches }
}

/** What a held text costs the cache: its characters, twice (its folded form comes with it). */
function heldChars(title: string, text: string): number {
  return 2 * (title.length + text.length)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

class CaseSearchIndex implements SearchIndex {
  private postings = new Postings()
  private docs = new Map<number, StoredDoc>()
  private internal = new Map<string, number>()
  private nextId = 1
  /** Titles and texts held, by internal id, least recently used first. */
  private texts = new Map<number, HeldText>()
  private textChars = 0
  /**
   * What `provide` handed over, kept whatever the cache's size until a search answers: a
   * query that reaches more long texts than the cache holds still gets checked.
   */
  private provided = new Map<number, HeldText>()
  private readonly textCacheChars: number
  /** The candidates of the last query, until a document is added or removed. */
  private lastQuery: { q: string; ordered: number[] } | null = null
  /** Saved blocks not read yet: block number → [segment, block within it]. */
  private blockOf = new Map<number, [number, number]>()
  /** The number of each loaded segment's first saved block. */
  private segmentBlocks: number[] = []

  constructor(options: SearchIndexOptions = {}) {
    this.textCacheChars = options.textCacheChars ?? DEFAULT_TEXT_CACHE_CHARS
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
    this.lastQuery = null
    const id = this.nextId++
    this.docs.set(id, { id: doc.id, sig: doc.sig ?? '' })
    this.internal.set(doc.id, id)
    this.cache(id, doc.title, doc.text)
    const { keys, slots } = documentKeys(doc.title, doc.text)
    const first = new Map<string, number>()
    keys.forEach((key, i) => {
      if (!first.has(key)) first.set(key, slots[i]!)
    })
    this.postings.add(id, first)
  }

  remove(id: string): boolean {
    const key = this.internal.get(id)
    if (key === undefined) return false
    this.lastQuery = null
    // Its postings stay until the next `serialise`: queries skip ids with no document.
    this.docs.delete(key)
    this.internal.delete(id)
    this.uncache(key)
    this.provided.delete(key)
    return true
  }

  provide(docs: readonly SearchDoc[], asked: readonly string[]): number {
    for (const doc of docs) {
      const id = this.internal.get(doc.id)
      if (id === undefined) continue
      this.cache(id, doc.title, doc.text)
      this.provided.set(id, { title: doc.title, text: doc.text })
    }
    const found = new Set(docs.map((d) => d.id))
    let removed = 0
    for (const id of asked) if (!found.has(id) && this.remove(id)) removed++
    return removed
  }

  query(q: string, limit = 50): SearchHit[] {
    return this.page(q, limit).hits
  }

  page(q: string, limit = 50): SearchPage {
    const result = this.search(q, limit)
    if ('need' in result) {
      throw new Error(`The text of ${result.need.length} document(s) is not loaded.`)
    }
    if ('blocks' in result) throw new Error(`${result.blocks.length} block(s) are not loaded.`)
    return result
  }

  search(q: string, limit = 50): SearchResult {
    const result = this.searchHeld(q, limit)
    // Texts handed over stay until a search has used them all: one that needs more than
    // the cache holds, a pool at a time, still ends.
    if ('hits' in result) this.provided.clear()
    return result
  }

  private searchHeld(q: string, limit: number): SearchResult {
    const t0 = performance.now()
    searchCost.searches++
    const units = parseQuery(q)
    const { groups, filters: wordKeys } = queryKeys(units, (prefix) =>
      this.postings.keysStartingWith(prefix, '=', MAX_EXPANSION),
    )
    // A filter whose list holds most documents narrows little and costs a long list to
    // decode: left out (the text check still rejects what it would have).
    const filters = wordKeys.filter((key) => 2 * this.postings.listBytes(key) < this.docs.size)
    const keys = [...groups.flat(), ...filters]
    const none = { hits: [], more: false, total: 0 }
    if (!units.length || !groups.length || limit < 1) return none
    // A long prefix no word of the index starts with: nothing can match.
    if (groups.some((g) => !g.length)) return none
    const query = compileQuery(units)
    // A query asked again after `provide` (the same text) reuses its candidates.
    let ordered = this.lastQuery?.q === q ? this.lastQuery.ordered : null
    if (!ordered && this.blockOf.size) {
      const missing = this.postings.missing(keys)
      if (missing.length) {
        return { blocks: missing.map(([seg, b]) => this.segmentBlocks[seg]! + b) }
      }
    }
    if (!ordered) {
      const live = (id: number): boolean => this.docs.has(id)
      ordered = intersect(
        groups.map((group) => this.postings.listAny(group)),
        live,
        filters.map((key) => this.postings.list(key)),
      )
      this.lastQuery = { q, ordered }
    }
    const t1 = performance.now()
    searchCost.postingsMs += t1 - t0
    const pool = Math.max(limit * POOL_FACTOR, MIN_POOL)
    const found: Candidate[] = []
    // Re-rank the first `pool` candidates (in the lists' order), and more, a pool at a time,
    // only while the text checks have left fewer than `limit`. So a page of 20 hits reads the
    // texts of 100 candidates where a page of 50 read 150, and stops once 20 passed the check
    // where 50 had to (profile at 100,000 documents: the texts read were 70 % of a query).
    let checked = 0
    for (let offset = 0; offset < ordered.length; offset += pool) {
      const batch = ordered.slice(offset, offset + pool)
      const held = batch.map((id) => this.provided.get(id) ?? this.texts.get(id))
      const need = batch.filter((_, i) => !held[i]).map((id) => this.docs.get(id)!.id)
      if (need.length) {
        searchCost.rankMs += performance.now() - t1
        return { need }
      }
      batch.forEach((id, i) => {
        const doc = held[i]!
        const cached = this.texts.get(id)
        if (cached) {
          // Most recently used last: the cache drops the least recently used first.
          this.texts.delete(id)
          this.texts.set(id, cached)
        }
        const candidate = scoreCandidate(this.docs.get(id)!.id, doc, query, offset + i)
        if (candidate) found.push(candidate)
      })
      checked = offset + batch.length
      if (found.length >= limit) break
    }
    const all = checked >= ordered.length
    searchCost.candidates += ordered.length
    searchCost.checked += checked
    searchCost.passed += found.length
    found.sort((a, b) => b.score - a.score || a.rank - b.rank)
    const t2 = performance.now()
    searchCost.rankMs += t2 - t1
    const hits = found.slice(0, limit).map((c) => ({
      docId: c.id,
      score: c.score,
      titleHighlights: highlightAll(c.titleMatches, c.doc.title.length),
      snippets: makeSnippets(c.doc.text, c.bodyMatches),
    }))
    searchCost.snippetsMs += performance.now() - t2
    const more = found.length > limit || !all
    return all ? { hits, more, total: found.length } : { hits, more }
  }

  serialise(): Promise<SearchParts> {
    const parts: SearchParts = {}
    const entries = [...this.docs.entries()].map(([id, d]) => [id, d.id, d.sig])
    let chunks = 0
    for (let i = 0; i < entries.length; i += DOCS_PER_PART) {
      parts[`docs.${chunks++}`] = JSON.stringify(entries.slice(i, i + DOCS_PER_PART))
    }
    if (this.blockOf.size) {
      return Promise.reject(new Error('The search index is still being read.'))
    }
    const { segments } = this.postings.serialise((id) => this.docs.has(id), this.nextId)
    let block = 0
    const ranges: number[][] = []
    segments.forEach((segment, i) => {
      parts[`seg.${i}.keys`] = segment.keys
      parts[`seg.${i}.offsets`] = segment.offsets
      const { data } = segment
      ranges.push([segment.minId, segment.maxId, data.length, block])
      for (let at = 0; at < data.length; at += BLOCK_BYTES) {
        // A copy, not a view: a view would carry (and store) its whole buffer.
        parts[blockPart(block++)] = data.slice(at, at + BLOCK_BYTES)
      }
    })
    parts.meta = JSON.stringify({
      format: SEARCH_INDEX_FORMAT,
      nextId: this.nextId,
      docs: this.docs.size,
      chunks,
      blockBytes: BLOCK_BYTES,
      blocks: block,
      segments: ranges,
    })
    return Promise.resolve(parts)
  }

  deserialise(parts: SearchParts): void {
    let meta: unknown
    try {
      meta = typeof parts.meta === 'string' ? JSON.parse(parts.meta) : null
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
    const { nextId, docs: count, chunks, segments, blockBytes, blocks } = meta
    if (
      !Number.isInteger(nextId) ||
      !Number.isInteger(count) ||
      !Number.isInteger(chunks) ||
      !Number.isInteger(blocks) ||
      blockBytes !== BLOCK_BYTES ||
      !Array.isArray(segments)
    ) {
      throw new SearchIndexError('CORRUPT', 'The search index header is damaged.')
    }
    const docs = new Map<number, StoredDoc>()
    const internal = new Map<string, number>()
    const blockOf = new Map<number, [number, number]>()
    const segmentBlocks: number[] = []
    let postings: Postings
    try {
      for (let c = 0; c < (chunks as number); c++) {
        const part = parts[`docs.${c}`]
        const rows: unknown = typeof part === 'string' ? JSON.parse(part) : null
        if (!Array.isArray(rows)) throw new Error(`part docs.${c} is missing`)
        for (const row of rows as unknown[]) {
          if (!Array.isArray(row)) throw new Error('bad document row')
          const [id, docId, sig] = row as unknown[]
          if (typeof id !== 'number' || typeof docId !== 'string') throw new Error('bad id')
          if (typeof sig !== 'string') throw new Error('bad signature')
          docs.set(id, { id: docId, sig })
          internal.set(docId, id)
        }
      }
      if (docs.size !== count) throw new Error('document count differs')
      let nextBlock = 0
      const loaded = (segments as unknown[]).map((range, i) => {
        const keys = parts[`seg.${i}.keys`]
        const offsets = parts[`seg.${i}.offsets`]
        if (typeof keys !== 'string' || !(offsets instanceof Uint8Array)) {
          throw new Error(`part seg.${i} is missing`)
        }
        if (!Array.isArray(range) || range.length !== 4) throw new Error(`segment ${i} is damaged`)
        const [minId, maxId, length, first] = range as unknown[]
        if (!Number.isSafeInteger(length) || (length as number) < 0 || first !== nextBlock) {
          throw new Error(`segment ${i} is damaged`)
        }
        const count = Math.ceil((length as number) / BLOCK_BYTES)
        segmentBlocks.push(nextBlock)
        // Blocks at hand are copied in; the others are read when a query needs them.
        const data = new Uint8Array(length as number)
        const missing: number[] = []
        for (let b = 0; b < count; b++) {
          const block = parts[blockPart(nextBlock + b)]
          const size = Math.min(BLOCK_BYTES, (length as number) - b * BLOCK_BYTES)
          if (block === undefined) {
            missing.push(b)
            blockOf.set(nextBlock + b, [i, b])
          } else if (!(block instanceof Uint8Array) || block.length !== size) {
            throw new Error(`part ${blockPart(nextBlock + b)} is damaged`)
          } else data.set(block, b * BLOCK_BYTES)
        }
        nextBlock += count
        return {
          minId: minId as number,
          maxId: maxId as number,
          keys,
          offsets,
          data,
          blockBytes: BLOCK_BYTES,
          missing,
        }
      })
      if (nextBlock !== blocks) throw new Error('the block count differs')
      postings = Postings.load({ segments: loaded })
    } catch (error) {
      const message =
        error instanceof Error || error instanceof PostingsError ? error.message : String(error)
      throw new SearchIndexError('CORRUPT', `The search index is damaged: ${message}.`)
    }
    this.postings = postings
    this.docs = docs
    this.internal = internal
    this.blockOf = blockOf
    this.segmentBlocks = segmentBlocks
    this.texts = new Map()
    this.provided = new Map()
    this.textChars = 0
    this.lastQuery = null
    this.nextId = nextId as number
  }

  provideBlocks(blocks: ReadonlyMap<number, Uint8Array>): void {
    for (const [n, bytes] of blocks) {
      const at = this.blockOf.get(n)
      if (!at) continue
      try {
        this.postings.fill(at[0], at[1], bytes)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        throw new SearchIndexError('CORRUPT', `The search index is damaged: ${message}.`)
      }
      this.blockOf.delete(n)
    }
  }

  missingBlocks(): number[] {
    return [...this.blockOf.keys()]
  }

  /** Keeps a document's title and text, dropping the least recently used beyond the cap. */
  private cache(id: number, title: string, text: string): void {
    this.uncache(id)
    this.texts.set(id, { title, text })
    this.textChars += heldChars(title, text)
    for (const [old, held] of this.texts) {
      if (this.textChars <= this.textCacheChars || old === id) break
      this.texts.delete(old)
      this.textChars -= heldChars(held.title, held.text)
    }
  }

  private uncache(id: number): void {
    const held = this.texts.get(id)
    if (!held) return
    this.texts.delete(id)
    this.textChars -= heldChars(held.title, held.text)
  }
}

/**
 * The hits of a larger page in the order already shown: those shown stay where they are (a
 * document checked later can outrank one on the first page; moving it up would move what the
 * analyst is reading), the new ones follow in rank order.
 */
export function keepShownOrder(
  shown: readonly SearchHit[],
  next: readonly SearchHit[],
): SearchHit[] {
  const byId = new Map(next.map((h) => [h.docId, h]))
  const kept = shown.flatMap((h) => byId.get(h.docId) ?? [])
  const keptIds = new Set(kept.map((h) => h.docId))
  return [...kept, ...next.filter((h) => !keptIds.has(h.docId))]
}

/** Creates an empty case search index. */
export function createIndex(options?: SearchIndexOptions): SearchIndex {
  return new CaseSearchIndex(options)
}

/** Creates an index from a serialised one; throws `SearchIndexError` if it is unusable. */
export function deserialise(parts: SearchParts, options?: SearchIndexOptions): SearchIndex {
  const index = new CaseSearchIndex(options)
  index.deserialise(parts)
  return index
}
