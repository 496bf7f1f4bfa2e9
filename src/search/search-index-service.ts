/**
 * Keeps case search in step with the store. `SearchIndexService` holds the open case's
 * `SearchClient` and subscribes to the store's change feed: after every committed
 * transaction it re-reads the documents that changed and updates the index one document at
 * a time (add, replace or remove) — imports, Replace text, deletes, undo and redo, restores
 * alike, with no call from the UI. A deleted case's index is discarded unsaved and its saved
 * copy dropped; a document deleted in a case that is not open drops that case's saved index.
 * A client that failed (it could not open, or its worker died) is replaced by a new one the
 * next time search is used, which catches up with the store by document signatures — after
 * the saved index answers queries, not before (see `SearchClient.open`).
 */
import { changeFeed, type ChangeBatch } from '../db/change-feed'
import type { CasefileDB } from '../db/schema'
import { searchDocuments, searchSignatures, searchStorage, searchTexts } from '../db/search-storage'
import type { SearchClient } from './search-client'

/** A request rejected because its client was closed (`SearchClientError` 'CLOSED'). */
function isClosed(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'CLOSED'
}

/** Options of `SearchIndexService`. */
export interface SearchIndexServiceOptions {
  /** Makes a client; a `SearchClient` with the real worker, loaded on first use, by default. */
  createClient?: () => SearchClient | Promise<SearchClient>
  /** Told about failures that have no caller to reject. */
  onError?: (error: Error) => void
  /**
   * After a second failure in a row, the wait before the next new client: doubled with each
   * further failure, at most 30 s; 1 s by default. The first retry is at once.
   */
  retryDelayMs?: number
}

interface Current {
  caseId: string
  client: Promise<SearchClient>
  /** The client could not open, or its worker died: the next use makes a new one. */
  failed: boolean
  /**
   * Every document's signature (text hash and title), once read to bring the saved index up
   * to date, then kept in step from the change feed: a query then reads only the texts of
   * the documents it checks (`searchTexts`), not their metadata as well.
   */
  sigs?: Map<string, string>
  /** The client, as soon as it is made (before it has opened). */
  made?: SearchClient
}

async function defaultClient(onError: (error: Error) => void): Promise<SearchClient> {
  const { SearchClient } = await import('./search-client')
  return new SearchClient({ onError })
}

/** The search index of the open case, following the store's change feed. */
export class SearchIndexService {
  private current: Current | undefined
  /** Documents of the open case (or of no known case) to read again into the index. */
  private pending = new Set<string>()
  private draining = false
  private tasks: Promise<void> = Promise.resolve()
  private listeners = new Set<() => void>()
  private readonly unsubscribe: () => void
  private readonly createClient: () => SearchClient | Promise<SearchClient>
  private readonly onError: (error: Error) => void
  private readonly storage
  private readonly retryDelayMs: number
  /** Failures in a row (a client that opened resets it), and when the next try may start. */
  private failures = 0
  private retryAt = 0
  private retryTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly db: CasefileDB,
    options: SearchIndexServiceOptions = {},
  ) {
    this.onError = options.onError ?? ((error) => console.error(error))
    this.createClient = options.createClient ?? (() => defaultClient(this.onError))
    this.storage = searchStorage(db)
    this.retryDelayMs = options.retryDelayMs ?? 1000
    this.unsubscribe = changeFeed(db).subscribe((batch) => this.onChanges(batch))
  }

  /**
   * The client of `caseId`'s index, opening it (from its saved form, brought up to date, or
   * built) when another case was open, none was, or the last one failed.
   */
  client(caseId: string): Promise<SearchClient> {
    const previous = this.current
    if (previous?.caseId === caseId && !previous.failed) return previous.client
    // A client that keeps failing is not made again in a tight loop: the UI asks again on
    // every change, so wait, and say "changed" when the wait is over.
    if (previous?.caseId === caseId && Date.now() < this.retryAt) return previous.client
    if (previous?.caseId !== caseId) this.failures = 0
    if (previous) {
      void previous.client.then(
        (c) => (previous.failed ? c.discard() : c.close()),
        () => undefined,
      )
    }
    const entry: Current = { caseId, failed: false, client: Promise.resolve(null as never) }
    entry.client = this.openClient(entry)
    this.current = entry
    this.pending.clear()
    entry.client.then(
      () => {
        if (!entry.failed) this.failures = 0
        this.changed()
      },
      (error: unknown) => {
        this.failed(entry)
        this.report(error)
      },
    )
    return entry.client
  }

  /**
   * Whether `caseId`'s index is being rebuilt because its saved form is of an older format
   * (see `SearchClient.upgrading`): listeners are told when that starts.
   */
  upgrading(caseId: string): boolean {
    const current = this.current
    return current?.caseId === caseId && !current.failed && current.made?.upgrading === true
  }

  /** Calls `listener` whenever the index changed, a client opened or failed, or began upgrading. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /** Settles once every change published so far has reached the index (tests, benches). */
  async idle(): Promise<void> {
    let seen: Promise<void> | undefined
    while (seen !== this.tasks) {
      seen = this.tasks
      await seen
    }
  }

  /** Stops following the store and closes the open client (saving what is pending). */
  async stop(): Promise<void> {
    this.unsubscribe()
    clearTimeout(this.retryTimer)
    const current = this.current
    this.current = undefined
    await this.idle()
    const client = await current?.client.catch(() => undefined)
    await client?.close()
  }

  private async openClient(entry: Current): Promise<SearchClient> {
    const client = await this.createClient()
    entry.made = client
    client.subscribe((status) => {
      if (status === 'failed' && this.current === entry && !entry.failed) this.failed(entry)
      if (status === 'building' && client.upgrading && this.current === entry) this.changed()
    })
    const { db, storage } = this
    // Every document's signature is read once the saved index answers, not before: search is
    // usable at once, and a query checks each hit against the store meanwhile.
    await client.open(
      entry.caseId,
      storage,
      (ids) =>
        ids && entry.sigs
          ? searchTexts(db, entry.caseId, ids, entry.sigs)
          : searchDocuments(db, entry.caseId, ids),
      async () => {
        const sigs = await searchSignatures(db, entry.caseId)
        entry.sigs = new Map(sigs)
        return sigs
      },
    )
    void client.caughtUp.then(
      () => this.changed(),
      () => undefined,
    )
    return client
  }

  /** Marks the client failed: the next use makes a new one, at once or after a wait. */
  private failed(entry: Current): void {
    if (entry.failed) return
    entry.failed = true
    this.failures++
    const wait =
      this.failures <= 1 ? 0 : Math.min(30_000, this.retryDelayMs * 2 ** (this.failures - 2))
    this.retryAt = Date.now() + wait
    clearTimeout(this.retryTimer)
    if (wait > 0) this.retryTimer = setTimeout(() => this.changed(), wait)
    this.changed()
  }

  private onChanges(batch: ChangeBatch): void {
    const open = this.current?.caseId
    for (const [caseId, op] of batch.cases) {
      if (op === 'delete' && caseId === open) this.caseDeleted(caseId)
    }
    if (!batch.documents.size) return
    const caseOfDoc = new Map<string, string>()
    for (const c of batch.changes) {
      if (c.caseId && (c.table === 'documents' || c.table === 'texts')) {
        caseOfDoc.set(String(c.key), c.caseId)
      }
    }
    const dropSaved = new Set<string>()
    for (const [docId, op] of batch.documents) {
      const caseId = caseOfDoc.get(docId)
      if (this.current && (caseId === undefined || caseId === this.current.caseId)) {
        this.pending.add(docId)
      } else if (caseId !== undefined && op === 'delete' && batch.cases.get(caseId) !== 'delete') {
        // Not open: its saved index would keep the deleted text until the case is opened.
        dropSaved.add(caseId)
      }
    }
    for (const caseId of dropSaved) this.task(() => this.storage.drop(caseId))
    if (this.pending.size && !this.draining) {
      this.draining = true
      this.task(() => this.drain())
    }
  }

  private caseDeleted(caseId: string): void {
    const entry = this.current!
    this.current = undefined
    this.pending.clear()
    this.task(async () => {
      const client = await entry.client.catch(() => undefined)
      await client?.discard()
      // The case's transaction deleted the saved index; a save racing it found no case.
      await this.storage.drop(caseId)
      this.changed()
    })
  }

  /** Reads the pending documents again and puts them in the index (or takes them out). */
  private async drain(): Promise<void> {
    this.draining = false
    const entry = this.current
    const ids = [...this.pending]
    this.pending.clear()
    if (!entry || !ids.length) return
    let client: SearchClient
    try {
      client = await entry.client
    } catch {
      return // The next use makes a new client, which catches up by signature.
    }
    if (entry.failed || this.current !== entry) return
    const docs = await searchDocuments(this.db, entry.caseId, ids)
    if (this.current !== entry) return
    const found = new Set(docs.map((d) => d.id))
    if (entry.sigs) {
      for (const id of ids) if (!found.has(id)) entry.sigs.delete(id)
      for (const d of docs) entry.sigs.set(d.id, d.sig)
    }
    try {
      await client.remove(ids.filter((id) => !found.has(id)))
      await client.add(docs)
    } catch (error) {
      // The worker died (reported: a fault), or the client was closed meanwhile — replaced
      // after it failed, which is not news. Either way the next client catches up by signature.
      if (!isClosed(error)) this.report(error)
    }
    this.changed()
  }

  private task(fn: () => Promise<void>): void {
    this.tasks = this.tasks.then(fn).catch((error: unknown) => this.report(error))
  }

  private changed(): void {
    for (const listener of this.listeners) listener()
  }

  private report(error: unknown): void {
    this.onError(error instanceof Error ? error : new Error(String(error)))
  }
}
