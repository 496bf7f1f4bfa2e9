/**
 * The main-thread side of case search. `SearchClient` starts the search worker, opens a
 * case's index (reading the persisted one when its format is current and bringing it up to
 * date — documents gone are removed, documents new or changed since it was saved are
 * re-indexed, by signature, before or after the index is ready — otherwise building it in the
 * worker), forwards adds, removals and queries with correlation ids (reading from the store
 * the texts a query needs: the saved index holds none), and saves the index in batches: after a quiet spell and
 * at most once per interval, but at once after a removal, so that a deleted document's text
 * leaves the saved index promptly. Persistence goes through `SearchStorage`, which `src/db/`
 * implements: this module never touches IndexedDB. `SearchIndexService` keeps it in step
 * with the store.
 */
import type { SearchIndexRow } from '../db/schema'
import { SEARCH_INDEX_FORMAT, type SearchDoc, type SearchHit, type SearchPage } from './search-core'
import {
  parseResponse,
  type SearchErrorCode,
  type SearchRequestBodies,
  type SearchRequestType,
  type SearchResponseValues,
} from './search-protocol'

/**
 * Where a case's serialised index is kept (implemented by the db layer). `load` may leave out
 * the saved blocks of postings (`blk.N` parts): they are read with `loadBlocks` when a query
 * needs them, and in the background.
 */
export interface SearchStorage {
  load(caseId: string): Promise<SearchIndexRow | undefined>
  save(row: SearchIndexRow): Promise<void>
  /**
   * Saved blocks `blocks` of the index `load` gave (told by its `stamp`), in the same order;
   * undefined for a block not held (or of another save).
   */
  loadBlocks?(
    caseId: string,
    stamp: string | undefined,
    blocks: readonly number[],
  ): Promise<(Uint8Array | undefined)[]>
  /** Deletes the saved index (one whose blocks are missing is rebuilt). */
  drop?(caseId: string): Promise<void>
}

/** Saved blocks read and handed to the worker together in the background (2 MB). */
const BLOCK_BATCH = 8

/** Reads documents (with text and signature) from the store: those of `ids`, or all. */
export type LoadDocs = (ids?: readonly string[]) => Promise<SearchDoc[]>

/**
 * What the case holds now, to bring a saved index up to date: document ids, ids with
 * signatures, or a function that reads them — called once the saved index answers queries,
 * so that reading every document's signature does not delay search (see `caughtUp`).
 */
export type CurrentDocs =
  readonly string[] | ReadonlyMap<string, string> | (() => Promise<ReadonlyMap<string, string>>)

/** Documents read and indexed together when building the index of a large case. */
export const BUILD_BATCH = 2000

/** Most rounds of texts handed to the worker for one query. */
const MAX_TEXT_ROUNDS = 50

/**
 * Where the client stands: `closed` before the first `open`, `loading` while reading a
 * persisted index, `building` while indexing documents, `ready`, or `failed`.
 */
export type SearchStatus = 'closed' | 'loading' | 'building' | 'ready' | 'failed'

/** The part of a `Worker` the client uses (a fake in tests). */
export interface SearchWorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  addEventListener(type: 'error' | 'messageerror', listener: (event: unknown) => void): void
  terminate(): void
}

/** Options of `SearchClient`. */
export interface SearchClientOptions {
  /** Starts the worker; the real search worker by default. */
  createWorker?: () => SearchWorkerLike
  /** Quiet time after the last change before the index is saved; 2 s by default. */
  persistDelayMs?: number
  /**
   * Least time between two saves of added or changed documents; 30 s by default. A save
   * rewrites the whole index, and a change not yet saved costs only its re-indexing at the
   * next open, so changes are saved in batches. Removals are saved at once.
   */
  minPersistIntervalMs?: number
  /**
   * How long after a saved index is ready the catch-up (reading every document's signature)
   * waits for the first query to be answered before it starts anyway; 1 s by default. Run at
   * once, that read competed with the first query's text read and delayed its answer (bench,
   * 10,000 documents: the first answer came only once the catch-up had ended).
   */
  catchUpDelayMs?: number
  /** Told about failures that have no caller to reject, such as a failed save. */
  onError?: (error: Error) => void
  /** Clock for `updatedAt`; `Date.now` by default. */
  now?: () => number
}

/** A failure reported by the search worker, or of the worker itself. */
export class SearchClientError extends Error {
  constructor(
    readonly code: SearchErrorCode | 'WORKER_FAILED' | 'CLOSED',
    message: string,
  ) {
    super(message)
    this.name = 'SearchClientError'
  }
}

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

function defaultWorker(): SearchWorkerLike {
  return new Worker(new URL('./search.worker.ts', import.meta.url), {
    type: 'module',
    name: 'casefile-search',
  })
}

/** The UI's handle on case search; one per window, reused from case to case. */
export class SearchClient {
  /** Settles when the index of the case being opened can answer queries. */
  ready: Promise<void>
  /**
   * Settles when the index also holds every change the store made while it was saved (for an
   * open given its current documents as a function, after `ready`; else with `ready`), and
   * every saved block of postings that opening left to read in the background.
   */
  caughtUp: Promise<void>
  private currentStatus: SearchStatus = 'closed'
  private listeners = new Set<(status: SearchStatus) => void>()
  private worker: SearchWorkerLike | null = null
  private pending = new Map<number, Pending>()
  private nextId = 1
  private generation = 0
  private caseId: string | null = null
  private storage: SearchStorage | null = null
  private loadDocs: LoadDocs | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private saving: Promise<void> = Promise.resolve()
  private readonly createWorker: () => SearchWorkerLike
  private readonly persistDelayMs: number
  private readonly minPersistIntervalMs: number
  private lastSaveAt = Number.NEGATIVE_INFINITY
  /** Documents added or removed since the last save began. */
  private unsaved = 0
  private readonly onError: (error: Error) => void
  private readonly now: () => number
  private readonly catchUpDelayMs: number
  /** Called when a query is answered (ends the catch-up's wait). */
  private answered: () => void = () => undefined
  /**
   * The worker holds a saved index whose blocks are not all read (still being read, or their
   * reading failed or was cut short by a close): it cannot be written whole, so it is not saved.
   */
  private partial = false
  /** The stamp of the saved index being read (its blocks must carry it). */
  private stamp: string | undefined
  /** Settles when the worker holds every saved block of the open index (saving waits). */
  private blocksRead: Promise<void> = Promise.resolve()
  /** Queries under way, and who waits for there to be none (the background block reads). */
  private queries = 0
  private noQueryWaiters: (() => void)[] = []
  /** The format of the saved index the last open found, if it found one. */
  private foundFormat: number | undefined

  constructor(options: SearchClientOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker
    this.persistDelayMs = options.persistDelayMs ?? 2000
    this.minPersistIntervalMs = options.minPersistIntervalMs ?? 30_000
    this.onError = options.onError ?? ((error) => console.error(error))
    this.now = options.now ?? Date.now
    this.catchUpDelayMs = options.catchUpDelayMs ?? 1000
    this.ready = Promise.reject(new SearchClientError('CLOSED', 'No case is open.'))
    this.ready.catch(() => undefined)
    this.caughtUp = this.ready
  }

  /**
   * Whether the index is being built because the saved one is of an older format (another
   * version of Casefile saved it): the search box says it is being rebuilt, not just loading.
   */
  get upgrading(): boolean {
    const found = this.foundFormat
    return this.currentStatus === 'building' && found !== undefined && found < SEARCH_INDEX_FORMAT
  }

  /** Where the client stands now. */
  get status(): SearchStatus {
    return this.currentStatus
  }

  /** Calls `listener` on every change of status; returns the function that stops it. */
  subscribe(listener: (status: SearchStatus) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Opens the index of a case. `current` lists the documents the case holds now — their ids,
   * or their ids with signatures (`SearchDoc.sig`), or a function that reads those. A
   * persisted index of the current format is read and brought up to date: documents no
   * longer in `current` are removed, and those missing or with another signature are read
   * with `loadDocs(ids)` and re-indexed (with ids only, a document held is taken as current).
   * Given a function, that happens after the index is ready (`caughtUp`): meanwhile a query
   * still checks and quotes each hit's text as the store holds it now, and drops documents
   * the store no longer has. Otherwise every document is read with `loadDocs()` and indexed.
   * A later `open` supersedes an earlier one.
   */
  open(
    caseId: string,
    storage: SearchStorage,
    loadDocs: LoadDocs,
    current: CurrentDocs,
  ): Promise<void> {
    const generation = ++this.generation
    let caughtUp: (value: Promise<void>) => void = () => undefined
    this.caughtUp = new Promise<void>((resolve) => (caughtUp = resolve))
    this.caughtUp.catch(() => undefined)
    const opening = this.doOpen(generation, caseId, storage, loadDocs, current, caughtUp)
    this.ready = opening
    opening.catch(() => undefined)
    return opening
  }

  private async doOpen(
    generation: number,
    caseId: string,
    storage: SearchStorage,
    loadDocs: LoadDocs,
    current: CurrentDocs,
    caughtUp: (value: Promise<void>) => void,
  ): Promise<void> {
    let later: Promise<void> | undefined
    let backgroundBlocks: (() => Promise<void>) | undefined
    // Ends `blocksRead` however the open ends (superseded, failed or done).
    let blocksDone: () => void = () => undefined
    try {
      // Save what is pending for the case open so far before the worker forgets it.
      await this.flush()
      if (generation !== this.generation) return
      this.caseId = caseId
      this.storage = storage
      this.loadDocs = loadDocs
      this.lastSaveAt = Number.NEGATIVE_INFINITY
      this.partial = false
      this.setStatus('loading')
      // The worker's script loads while the saved index is read.
      this.ensureWorker()
      let sigs: Record<string, string> | null = null
      const row = await storage.load(caseId).catch((error: unknown) => {
        this.report(error)
        return undefined
      })
      if (generation !== this.generation) return
      this.foundFormat = row?.format
      if (row && row.format === SEARCH_INDEX_FORMAT) {
        // The postings (byte arrays, most of the row) move to the worker without a copy.
        const buffers = new Set<ArrayBuffer>()
        for (const part of Object.values(row.parts)) {
          if (part instanceof Uint8Array && part.buffer instanceof ArrayBuffer) {
            buffers.add(part.buffer)
          }
        }
        let missing: number[] = []
        this.stamp = row.stamp
        sigs = await this.request('load', { parts: row.parts }, [...buffers]).then(
          (loaded) => {
            missing = loaded.blocks
            return loaded.sigs
          },
          (error: unknown) => {
            // A damaged or foreign index is rebuilt, not fatal.
            if (error instanceof SearchClientError && error.code === 'BAD_INDEX') return null
            throw error
          },
        )
        if (missing.length && generation === this.generation) {
          // The blocks a query needs are read at once; the rest after the first answer.
          this.blocksRead = new Promise<void>((resolve) => (blocksDone = resolve))
          this.partial = true
          const rest = missing
          backgroundBlocks = async () => {
            try {
              for (let i = 0; i < rest.length && generation === this.generation; i += BLOCK_BATCH) {
                // Queries go first: a batch read meanwhile delayed the first answer by seconds.
                await this.noQuery()
                await this.readBlocks(generation, rest.slice(i, i + BLOCK_BATCH))
              }
              if (generation === this.generation) this.partial = false
            } finally {
              blocksDone()
            }
          }
        }
      }
      if (generation !== this.generation) return
      if (sigs && typeof current === 'function') {
        const held = sigs
        later = (async () => {
          await this.firstAnswerOrDelay()
          if (generation !== this.generation) return
          const now = await current()
          if (generation === this.generation) await this.catchUp(generation, held, loadDocs, now)
          if (generation === this.generation) await backgroundBlocks?.()
        })()
      } else if (sigs) {
        await this.catchUp(
          generation,
          sigs,
          loadDocs,
          current as Exclude<CurrentDocs, () => unknown>,
        )
        if (backgroundBlocks) later = backgroundBlocks()
      } else {
        this.blocksRead = Promise.resolve()
        this.setStatus('building')
        const count = await this.build(generation, loadDocs, current)
        if (generation !== this.generation) return
        this.unsaved += count
        this.saving = this.saving.then(() => this.persist())
      }
      if (generation !== this.generation) return
      this.setStatus('ready')
    } catch (error) {
      if (generation === this.generation) this.setStatus('failed')
      caughtUp(Promise.reject(error as Error))
      throw error
    } finally {
      // However the open ends (done, superseded or failed), saving stops waiting for blocks
      // once no read of them is under way.
      if (later) void later.then(blocksDone, blocksDone)
      else blocksDone()
    }
    caughtUp(later ?? Promise.resolve())
  }

  /**
   * Builds the index of every document: read at once with `loadDocs()` in a case of up to
   * `BUILD_BATCH` documents, else `BUILD_BATCH` at a time by id, so that building a case of
   * 100,000 documents never holds all their texts (200 MB) in this thread or in one message.
   * Resolves to the number of documents indexed.
   */
  private async build(
    generation: number,
    loadDocs: LoadDocs,
    current: CurrentDocs,
  ): Promise<number> {
    const now = typeof current === 'function' ? await current() : current
    const ids = Array.isArray(now)
      ? (now as readonly string[])
      : [...(now as ReadonlyMap<string, string>).keys()]
    if (ids.length <= BUILD_BATCH) {
      const docs = await loadDocs()
      if (generation === this.generation) await this.request('build', { docs })
      return docs.length
    }
    await this.request('build', { docs: [] })
    let count = 0
    for (let i = 0; i < ids.length && generation === this.generation; i += BUILD_BATCH) {
      const docs = await loadDocs(ids.slice(i, i + BUILD_BATCH))
      if (generation !== this.generation) break
      await this.request('add', { docs })
      count += docs.length
    }
    return count
  }

  /**
   * Reads saved blocks from the store and hands them to the worker (their bytes move, not
   * copied). A block the store lacks (or from another save) makes the saved index useless:
   * it is dropped, and the client fails, so that the next use rebuilds the index.
   */
  private async readBlocks(generation: number, blocks: readonly number[]): Promise<void> {
    const { caseId, storage } = this
    if (caseId === null || !storage) throw new SearchClientError('CLOSED', 'No case is open.')
    const data = storage.loadBlocks
      ? await storage.loadBlocks(caseId, this.stamp, blocks)
      : blocks.map(() => undefined)
    if (generation !== this.generation) return
    if (data.some((d) => !(d instanceof Uint8Array))) {
      await storage.drop?.(caseId).catch(() => undefined)
      const error = new SearchClientError('BAD_INDEX', 'Part of the saved search index is gone.')
      if (generation === this.generation) {
        this.ready = Promise.reject(error)
        this.ready.catch(() => undefined)
        this.setStatus('failed')
      }
      throw error
    }
    const bytes = data as Uint8Array[]
    const buffers = new Set<ArrayBuffer>()
    for (const d of bytes) if (d.buffer instanceof ArrayBuffer) buffers.add(d.buffer)
    await this.request('blocks', { blocks: [...blocks], data: bytes }, [...buffers])
  }

  /** Settles when a query has been answered, or after `catchUpDelayMs`, whichever is first. */
  private firstAnswerOrDelay(): Promise<void> {
    if (this.catchUpDelayMs <= 0) return Promise.resolve()
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.catchUpDelayMs)
      function done(): void {
        clearTimeout(timer)
        resolve()
      }
      this.answered = done
    })
  }

  /** Brings a loaded index up to date with the documents the case holds now. */
  private async catchUp(
    generation: number,
    held: Record<string, string>,
    loadDocs: LoadDocs,
    current: readonly string[] | ReadonlyMap<string, string>,
  ): Promise<void> {
    const now: ReadonlyMap<string, string | undefined> = Array.isArray(current)
      ? new Map((current as readonly string[]).map((id) => [id, undefined]))
      : (current as ReadonlyMap<string, string>)
    const gone = Object.keys(held).filter((id) => !now.has(id))
    const stale = [...now].filter(
      ([id, sig]) => !(id in held) || (sig !== undefined && held[id] !== sig),
    )
    if (gone.length) await this.request('remove', { ids: gone })
    if (generation !== this.generation) return
    if (stale.length) {
      const docs = await loadDocs(stale.map(([id]) => id))
      if (generation !== this.generation) return
      if (docs.length) await this.request('add', { docs })
    }
    if (generation !== this.generation) return
    this.unsaved += gone.length + stale.length
    if (gone.length) this.persistSoon()
    else if (stale.length) this.schedulePersist()
  }

  /** Adds (or replaces) documents in the open index; saved with the next batch. */
  async add(docs: SearchDoc[]): Promise<void> {
    if (!docs.length) return
    await this.ready
    await this.request('add', { docs })
    this.unsaved += docs.length
    this.schedulePersist()
  }

  /** Removes documents from the open index, and saves the index at once without them. */
  async remove(ids: string[]): Promise<void> {
    if (!ids.length) return
    await this.ready
    const { removed } = await this.request('remove', { ids })
    if (!removed) return
    this.unsaved += removed
    this.persistSoon()
  }

  /** Ranked results for what the analyst typed, once the index is ready. */
  async query(q: string, limit = 50): Promise<SearchHit[]> {
    return (await this.page(q, limit)).hits
  }

  /**
   * The best `limit` results for what the analyst typed, with whether more documents match
   * and, when every candidate was checked, how many. Asking again with a larger `limit` (the
   * next page) reads only the texts of the candidates not checked yet: the worker keeps the
   * query's candidates and, in its cache, the texts it read.
   */
  async page(q: string, limit = 50): Promise<SearchPage> {
    this.queries++
    try {
      return await this.runQuery(q, limit)
    } finally {
      if (--this.queries === 0) {
        const waiters = this.noQueryWaiters
        this.noQueryWaiters = []
        for (const w of waiters) w()
      }
    }
  }

  /** Settles when no query is under way. */
  private noQuery(): Promise<void> {
    if (this.queries === 0) return Promise.resolve()
    return new Promise<void>((resolve) => this.noQueryWaiters.push(resolve))
  }

  private async runQuery(q: string, limit: number): Promise<SearchPage> {
    await this.ready
    let result = await this.request('query', { q, limit })
    for (let round = 0; round < MAX_TEXT_ROUNDS; round++) {
      if ('hits' in result) {
        this.answered()
        return result
      }
      if ('blocks' in result) {
        // Lists the saved index has not read yet: read their blocks from the store first.
        await this.readBlocks(this.generation, result.blocks)
        result = await this.request('query', { q, limit })
        continue
      }
      // The saved index holds no text: read what the query reached from the store.
      const loadDocs = this.loadDocs
      if (!loadDocs) throw new SearchClientError('CLOSED', 'No case is open.')
      const need = result.need
      const docs = await loadDocs(need)
      // The query is asked again with the texts, not after their answer: the worker answers
      // in arrival order, so this saves a round trip per read (each cost ~8 ms on a loaded
      // machine, profile at 20,000 documents).
      const [provided, next] = await Promise.all([
        this.request('provide', { docs, ids: need }),
        this.request('query', { q, limit }),
      ])
      if (provided.removed) {
        this.unsaved += provided.removed
        this.persistSoon()
      }
      result = next
    }
    throw new SearchClientError('FAILED', 'The search index kept asking for texts.')
  }

  /** Saves the index now if a change is waiting to be saved, and waits for saving to end. */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer)
      this.timer = null
      this.saving = this.saving.then(() => this.persist())
    }
    await this.saving
  }

  /** Saves pending changes, stops the worker and forgets the case. */
  async close(): Promise<void> {
    this.generation++
    await this.flush()
    this.stop()
  }

  /**
   * Stops the worker and forgets the case WITHOUT saving: for a case that was deleted, whose
   * index must not be written back. Waits for a save already under way to end.
   */
  async discard(): Promise<void> {
    this.generation++
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.caseId = null
    this.storage = null
    this.loadDocs = null
    this.stop()
    await this.saving
  }

  private stop(): void {
    this.worker?.terminate()
    this.worker = null
    this.failPending(new SearchClientError('CLOSED', 'Search was closed.'))
    this.caseId = null
    this.storage = null
    this.loadDocs = null
    this.unsaved = 0
    this.ready = Promise.reject(new SearchClientError('CLOSED', 'No case is open.'))
    this.ready.catch(() => undefined)
    this.caughtUp = this.ready
    this.setStatus('closed')
  }

  /** Saves after a quiet spell, but not sooner than the least interval after the last save. */
  private schedulePersist(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    const now = Date.now()
    const due = Math.max(now + this.persistDelayMs, this.lastSaveAt + this.minPersistIntervalMs)
    this.timer = setTimeout(() => {
      this.timer = null
      this.saving = this.saving.then(() => this.persist())
    }, due - now)
  }

  /** Saves as soon as the saves before have ended. */
  private persistSoon(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.saving = this.saving.then(() => this.persist())
  }

  /** Serialises the index in the worker and saves it; failures are reported, not thrown. */
  private async persist(): Promise<void> {
    const { caseId, storage } = this
    if (caseId === null || storage === null || this.unsaved === 0) return
    // An index still reading its saved blocks cannot be written whole yet; one whose blocks
    // could not all be read (gone from the store: it fails, and the next open rebuilds it; or
    // closed before they were) cannot be at all — the next open catches up by signature.
    await this.blocksRead
    if (this.caseId !== caseId || this.partial) return
    const unsaved = this.unsaved
    this.unsaved = 0
    this.lastSaveAt = Date.now()
    try {
      const { format, docIds, parts } = await this.request('serialise', {})
      if (this.caseId !== caseId) return
      await storage.save({ caseId, format, docIds, parts, updatedAt: this.now() })
    } catch (error) {
      // Closed or discarded meanwhile (its request was rejected as CLOSED): nothing to save.
      if (this.caseId !== caseId) return
      this.unsaved += unsaved
      this.report(error)
    }
  }

  private report(error: unknown): void {
    this.onError(error instanceof Error ? error : new Error(String(error)))
  }

  private setStatus(status: SearchStatus): void {
    if (status === this.currentStatus) return
    this.currentStatus = status
    for (const listener of this.listeners) listener(status)
  }

  private ensureWorker(): SearchWorkerLike {
    if (this.worker) return this.worker
    const worker = this.createWorker()
    worker.addEventListener('message', (event) => this.receive(event.data))
    const fail = (): void => {
      // The worker is gone or garbled a message: nothing pending will be answered.
      if (this.worker === worker) this.worker = null
      worker.terminate()
      const error = new SearchClientError('WORKER_FAILED', 'The search worker stopped.')
      this.failPending(error)
      // The index died with the worker: queries fail until the case is opened again.
      this.ready = Promise.reject(error)
      this.ready.catch(() => undefined)
      this.setStatus('failed')
    }
    worker.addEventListener('error', fail)
    worker.addEventListener('messageerror', fail)
    this.worker = worker
    return worker
  }

  private receive(data: unknown): void {
    const response = parseResponse(data)
    if (!response || response.id === null) {
      this.report(new Error('The search worker sent a message that is not a reply.'))
      return
    }
    const pending = this.pending.get(response.id)
    if (!pending) return
    this.pending.delete(response.id)
    if (response.ok) pending.resolve(response.value)
    else pending.reject(new SearchClientError(response.error.code, response.error.message))
  }

  private failPending(error: Error): void {
    const pending = [...this.pending.values()]
    this.pending.clear()
    for (const p of pending) p.reject(error)
  }

  /** Sends a request; the buffers of `transfer` move to the worker (they are unusable here). */
  private request<T extends SearchRequestType>(
    type: T,
    body: SearchRequestBodies[T],
    transfer: Transferable[] = [],
  ): Promise<SearchResponseValues[T]> {
    const worker = this.ensureWorker()
    const id = this.nextId++
    return new Promise<SearchResponseValues[T]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.postMessage({ ...body, id, type }, transfer)
    })
  }
}
