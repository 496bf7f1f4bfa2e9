/**
 * Following one case through the store's change feed, for the read-through caches that hand
 * a whole case to the panes (`case-records.ts`: events and entities; `case-documents.ts`:
 * documents and sources). What they share lives here: the first subscriber of a case starts a
 * read of it; each committed transaction notes the keys it wrote in the followed tables that
 * are (or may be) the case's — a change of another case is skipped, a deletion whose case is
 * unknown is read only if the case holds that key — and queues a read of just those keys;
 * reads run one after another, so a change committed during the first read is read after it;
 * a failed read is reported to the subscribers, and the next change reads the whole case
 * again. What to read and how to apply it is the cache's own (`CaseFeedSource`). With
 * `keepLast`, the case watched last is kept (and kept current) after its last subscriber
 * leaves, and dropped once another case is subscribed; without it, the last subscriber's
 * leaving drops it.
 */
import { changeFeed, type ChangeBatch } from '../db/change-feed'
import type { CasefileDB } from '../db/schema'

/** The state of a case whose read failed (the next change reads it whole again). */
export interface CaseFeedFailed {
  status: 'failed'
  error: Error
}

/**
 * How a `CaseFeedCache` reads and keeps a case: `T` the tables followed, `D` what is kept of
 * the case, `S` what subscribers are given of it.
 */
export interface CaseFeedSource<T extends string, D, S> {
  /** The tables followed (their records carry a `caseId`). */
  readonly tables: readonly T[]
  /** Keeps the case watched last after its last subscriber leaves (see the module comment). */
  readonly keepLast: boolean
  /** Reads the whole case. */
  readAll(caseId: string): Promise<D>
  /**
   * `data` with the records of `keys` (per table) read again: a record of the case replaces
   * or joins, anything else (deleted, another case's) goes. The same object when nothing the
   * subscribers see changed: they are then not called.
   */
  readChanged(caseId: string, data: D, keys: Readonly<Record<T, readonly string[]>>): Promise<D>
  /** Whether `data` holds the record `key` of `table`. */
  holds(data: D, table: T, key: string): boolean
  /** What subscribers are given of `data` (made once per change of `data`). */
  ready(caseId: string, data: D): S
}

interface Entry<T extends string, D, S> {
  caseId: string
  listeners: Set<() => void>
  state: S | CaseFeedFailed | undefined
  /** What was read of the case (undefined before the first read ends). */
  data: D | undefined
  /** Reads run one after another: a change waits for the first read, then reads its keys. */
  tasks: Promise<void>
  /** Keys changed since the last read, per table, waiting to be read again. */
  dirty: Map<T, Set<string>>
  /** The first read failed or a later one did: the next change reads the whole case again. */
  reload: boolean
}

/** Cases followed through the change feed (see the module comment). */
export class CaseFeedCache<T extends string, D, S> {
  private readonly entries = new Map<string, Entry<T, D, S>>()
  private readonly unsubscribe: () => void

  constructor(
    db: CasefileDB,
    private readonly source: CaseFeedSource<T, D, S>,
  ) {
    this.unsubscribe = changeFeed(db).subscribe((batch) => this.onChanges(batch))
  }

  /** The state of `caseId` read so far (undefined before the first read ends). */
  get(caseId: string): S | CaseFeedFailed | undefined {
    return this.entries.get(caseId)?.state
  }

  /**
   * Calls `listener` whenever `caseId`'s state changes (the first read included); the first
   * subscriber starts the read. Returns the unsubscribe (see `keepLast`).
   */
  subscribe(caseId: string, listener: () => void): () => void {
    // A case nobody watches any more (kept by `keepLast`) is let go once another is watched.
    for (const [id, other] of this.entries)
      if (id !== caseId && other.listeners.size === 0) this.entries.delete(id)
    let entry = this.entries.get(caseId)
    if (!entry) {
      entry = {
        caseId,
        listeners: new Set(),
        state: undefined,
        data: undefined,
        tasks: Promise.resolve(),
        dirty: new Map(this.source.tables.map((t) => [t, new Set<string>()])),
        reload: true,
      }
      this.entries.set(caseId, entry)
      this.schedule(entry)
    }
    entry.listeners.add(listener)
    const own = entry
    return () => {
      own.listeners.delete(listener)
      if (!this.source.keepLast && own.listeners.size === 0 && this.entries.get(caseId) === own)
        this.entries.delete(caseId)
    }
  }

  /** Stops following the store; every case is dropped. */
  dispose(): void {
    this.unsubscribe()
    this.entries.clear()
  }

  private onChanges(batch: ChangeBatch): void {
    const { tables } = this.source
    if (!tables.some((t) => batch.tables.has(t))) return
    for (const entry of this.entries.values()) {
      let touched = false
      for (const c of batch.changes) {
        const dirty = entry.dirty.get(c.table as T)
        if (!dirty || typeof c.key !== 'string') continue
        // A change of another case is not read; one whose case is unknown is read if it is
        // one of ours or might be (the read checks its case).
        if (c.caseId !== undefined && c.caseId !== entry.caseId) continue
        if (c.caseId === undefined && c.op === 'delete' && !this.holds(entry, c.table as T, c.key))
          continue
        dirty.add(c.key)
        touched = true
      }
      if (touched) this.schedule(entry)
    }
  }

  private holds(entry: Entry<T, D, S>, table: T, key: string): boolean {
    return entry.data !== undefined && this.source.holds(entry.data, table, key)
  }

  /** Queues a read of what `entry` lacks: the whole case, or the keys changed. */
  private schedule(entry: Entry<T, D, S>): void {
    entry.tasks = entry.tasks.then(() => this.refresh(entry))
  }

  private async refresh(entry: Entry<T, D, S>): Promise<void> {
    if (this.entries.get(entry.caseId) !== entry) return
    const { source } = this
    const reload = entry.reload || entry.data === undefined
    const keys = {} as Record<T, string[]>
    let changed = 0
    for (const [table, dirty] of entry.dirty) {
      keys[table] = [...dirty]
      changed += dirty.size
      dirty.clear()
    }
    if (!reload && !changed) return
    try {
      const before = entry.data
      const data = reload
        ? await source.readAll(entry.caseId)
        : await source.readChanged(entry.caseId, before!, keys)
      entry.reload = false
      entry.data = data
      // The same state when nothing the subscribers see changed (a write of another case's
      // record whose case was unknown, say), so that nothing renders again.
      if (!reload && data === before) return
      entry.state = source.ready(entry.caseId, data)
    } catch (error) {
      entry.reload = true
      entry.state = {
        status: 'failed',
        error: error instanceof Error ? error : new Error(String(error)),
      }
    }
    if (this.entries.get(entry.caseId) !== entry) return
    for (const listener of [...entry.listeners]) listener()
  }
}
