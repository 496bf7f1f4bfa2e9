/**
 * The messages between the search client (main thread) and the search worker, and the
 * worker's side of them: every inbound message is checked by shape before it is acted on,
 * and every reply is a `Result`-like envelope carrying the request's correlation id. The
 * handler owns the one index the worker holds and runs requests strictly in arrival order.
 * Kept apart from `search.worker.ts` so that it can be tested without a Worker.
 */
import {
  createIndex,
  deserialise,
  SEARCH_INDEX_FORMAT,
  SearchIndexError,
  type SearchDoc,
  type SearchIndex,
  type SearchPage,
  type SearchParts,
} from './search-core'

/** What each request carries, by type. */
export interface SearchRequestBodies {
  /** Read a persisted index. */
  load: { parts: SearchParts }
  /** Build a new index from documents. */
  build: { docs: SearchDoc[] }
  add: { docs: SearchDoc[] }
  remove: { ids: string[] }
  query: { q: string; limit: number }
  /** Saved blocks of postings that `load` was not given (numbers and bytes, in step). */
  blocks: { blocks: number[]; data: Uint8Array[] }
  /** The texts a query asked for (`need`), as the store holds them; `ids` are those asked. */
  provide: { docs: SearchDoc[]; ids: string[] }
  serialise: Record<never, never>
}

/** What each request answers, by type. */
export interface SearchResponseValues {
  /**
   * The loaded index's document count, each document's signature (to bring it up to date),
   * and the saved blocks it was not given (to read in the background).
   */
  load: { docCount: number; sigs: Record<string, string>; blocks: number[] }
  /** How many saved blocks are still missing. */
  blocks: { missing: number }
  build: { docCount: number }
  add: { docCount: number }
  remove: { docCount: number; removed: number }
  /**
   * A page of hits (with whether more match, and how many when known), or the documents
   * whose text the index needs first (`provide` them), or the saved blocks it needs first
   * (send them with `blocks`).
   */
  query: SearchPage | { need: string[] } | { blocks: number[] }
  provide: { docCount: number; removed: number }
  serialise: { format: number; docIds: string[]; parts: SearchParts }
}

export type SearchRequestType = keyof SearchRequestBodies

/** A request of one type, with its correlation id. */
export type SearchRequestOf<T extends SearchRequestType> = {
  id: number
  type: T
} & SearchRequestBodies[T]

export type SearchRequest = { [T in SearchRequestType]: SearchRequestOf<T> }[SearchRequestType]

export type SearchErrorCode = 'BAD_REQUEST' | 'NOT_OPEN' | 'BAD_INDEX' | 'FAILED'

/** A reply: the request's id (null if the request had none) and a value or an error. */
export type SearchResponse =
  | { id: number | null; ok: true; value: unknown }
  | { id: number | null; ok: false; error: { code: SearchErrorCode; message: string } }

/** Most documents in one message. */
export const MAX_DOCS_PER_MESSAGE = 100_000
/** Longest accepted query string. */
export const MAX_QUERY_LENGTH = 2000
/** Most results one query may ask for. */
export const MAX_LIMIT = 1000
const MAX_ID_LENGTH = 200

const TYPES: readonly SearchRequestType[] = [
  'load',
  'build',
  'add',
  'remove',
  'query',
  'provide',
  'blocks',
  'serialise',
]

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH
}

function isDoc(value: unknown): value is SearchDoc {
  return (
    isRecord(value) &&
    isId(value.id) &&
    typeof value.title === 'string' &&
    typeof value.text === 'string' &&
    (value.sig === undefined || typeof value.sig === 'string')
  )
}

function isDocs(value: unknown): value is SearchDoc[] {
  return Array.isArray(value) && value.length <= MAX_DOCS_PER_MESSAGE && value.every(isDoc)
}

function isParts(value: unknown): value is SearchParts {
  return (
    isRecord(value) &&
    Object.values(value).every((v) => typeof v === 'string' || v instanceof Uint8Array)
  )
}

/** Whether a value is a correlation id. */
export function isMessageId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

/**
 * Checks an inbound message against the request shapes. Returns the request, or an error
 * message with whatever id could be read (to answer it).
 */
export function parseRequest(
  data: unknown,
): { ok: true; request: SearchRequest } | { ok: false; id: number | null; message: string } {
  if (!isRecord(data)) return { ok: false, id: null, message: 'A request must be an object.' }
  const id = isMessageId(data.id) ? data.id : null
  const fail = (message: string): { ok: false; id: number | null; message: string } => ({
    ok: false,
    id,
    message,
  })
  if (id === null) return fail('A request needs a non-negative integer id.')
  const type = data.type
  if (typeof type !== 'string' || !TYPES.includes(type as SearchRequestType)) {
    return fail(`Unknown request type: ${String(type).slice(0, 40)}.`)
  }
  switch (type as SearchRequestType) {
    case 'load':
      if (!isParts(data.parts))
        return fail('load needs parts: an object of strings and byte arrays.')
      return { ok: true, request: { id, type: 'load', parts: data.parts } }
    case 'build':
    case 'add': {
      if (!isDocs(data.docs)) return fail(`${type} needs docs: [{ id, title, text }].`)
      const request = { id, type: type as 'build' | 'add', docs: data.docs }
      return { ok: true, request }
    }
    case 'remove': {
      const ids = data.ids
      if (!Array.isArray(ids) || ids.length > MAX_DOCS_PER_MESSAGE || !ids.every(isId)) {
        return fail('remove needs ids: an array of document ids.')
      }
      return { ok: true, request: { id, type: 'remove', ids } }
    }
    case 'query': {
      const { q, limit } = data
      if (typeof q !== 'string' || q.length > MAX_QUERY_LENGTH) {
        return fail(`query needs q: a string of at most ${MAX_QUERY_LENGTH} characters.`)
      }
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        return fail(`query needs limit: an integer from 1 to ${MAX_LIMIT}.`)
      }
      return { ok: true, request: { id, type: 'query', q, limit } }
    }
    case 'provide': {
      const ids = data.ids
      if (!isDocs(data.docs)) return fail('provide needs docs: [{ id, title, text }].')
      if (!Array.isArray(ids) || ids.length > MAX_DOCS_PER_MESSAGE || !ids.every(isId)) {
        return fail('provide needs ids: an array of document ids.')
      }
      return { ok: true, request: { id, type: 'provide', docs: data.docs, ids } }
    }
    case 'blocks': {
      const { blocks, data: bytes } = data
      if (
        !Array.isArray(blocks) ||
        !Array.isArray(bytes) ||
        blocks.length !== bytes.length ||
        !blocks.every((n) => Number.isSafeInteger(n) && (n as number) >= 0) ||
        !bytes.every((b) => b instanceof Uint8Array)
      ) {
        return fail('blocks needs blocks (numbers) and data (byte arrays), in step.')
      }
      return {
        ok: true,
        request: { id, type: 'blocks', blocks: blocks as number[], data: bytes as Uint8Array[] },
      }
    }
    case 'serialise':
      return { ok: true, request: { id, type: 'serialise' } }
  }
}

/** Checks a reply from the worker by shape; null if it is not one. */
export function parseResponse(data: unknown): SearchResponse | null {
  if (!isRecord(data)) return null
  const id = data.id === null ? null : isMessageId(data.id) ? data.id : undefined
  if (id === undefined) return null
  if (data.ok === true && 'value' in data) return { id, ok: true, value: data.value }
  const error = data.error
  if (data.ok === false && isRecord(error)) {
    const { code, message } = error
    const codes: SearchErrorCode[] = ['BAD_REQUEST', 'NOT_OPEN', 'BAD_INDEX', 'FAILED']
    if (codes.includes(code as SearchErrorCode) && typeof message === 'string') {
      return { id, ok: false, error: { code: code as SearchErrorCode, message } }
    }
  }
  return null
}

/**
 * The worker's message handler: holds the index, answers one message at a time, in the
 * order they arrive, and never throws.
 */
export function createSearchHandler(): (data: unknown) => Promise<SearchResponse> {
  let index: SearchIndex | null = null
  let queue: Promise<unknown> = Promise.resolve()

  const run = async (request: SearchRequest): Promise<unknown> => {
    switch (request.type) {
      case 'load':
        index = null
        index = deserialise(request.parts)
        return { docCount: index.size, sigs: index.signatures(), blocks: index.missingBlocks() }
      case 'build': {
        const built = createIndex()
        for (const doc of request.docs) built.add(doc)
        index = built
        return { docCount: built.size }
      }
      default:
        break
    }
    if (!index) throw new Error('No index is open.')
    switch (request.type) {
      case 'add':
        for (const doc of request.docs) index.add(doc)
        return { docCount: index.size }
      case 'remove': {
        let removed = 0
        for (const id of request.ids) if (index.remove(id)) removed++
        return { docCount: index.size, removed }
      }
      case 'query':
        return index.search(request.q, request.limit)
      case 'blocks': {
        index.provideBlocks(new Map(request.blocks.map((n, i) => [n, request.data[i]!])))
        return { missing: index.missingBlocks().length }
      }
      case 'provide': {
        const removed = index.provide(request.docs, request.ids)
        return { docCount: index.size, removed }
      }
      case 'serialise':
        return {
          format: SEARCH_INDEX_FORMAT,
          docIds: index.docIds(),
          parts: await index.serialise(),
        }
    }
  }

  const answer = async (data: unknown): Promise<SearchResponse> => {
    const parsed = parseRequest(data)
    if (!parsed.ok) {
      return { id: parsed.id, ok: false, error: { code: 'BAD_REQUEST', message: parsed.message } }
    }
    const { request } = parsed
    const needsIndex = request.type !== 'load' && request.type !== 'build'
    if (needsIndex && !index) {
      return {
        id: request.id,
        ok: false,
        error: { code: 'NOT_OPEN', message: 'No index is open.' },
      }
    }
    try {
      return { id: request.id, ok: true, value: await run(request) }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const code = error instanceof SearchIndexError ? 'BAD_INDEX' : 'FAILED'
      return { id: request.id, ok: false, error: { code, message } }
    }
  }

  return (data: unknown) => {
    const reply = queue.then(() => answer(data))
    queue = reply
    return reply
  }
}
