/**
 * A read-through cache of one case's events and entities, kept current by the store's change
 * feed, for the panes that draw a whole case at once (the map today). A live query re-reads
 * every record of the case after each write and Dexie then deep-copies the result for its
 * subscriber: for 10,000 events that copy (and the garbage it leaves) was a quarter of the
 * map's first draw. Here the case is read once, with a plain read (no copy), and each committed
 * transaction is applied by re-reading only the records it wrote: a record written is read
 * again from the store, a record deleted is dropped — so deleted means gone, and an undo shows
 * at once, like any write. Nothing is kept for a case nobody is watching: the last
 * subscriber's leaving drops its records, and the next one reads them afresh. The lists are in
 * the store's order (by id, as `where('caseId')` gives them) and are new arrays after every
 * change (records that did not change are the same objects), so memoised views can compare
 * them by identity.
 *
 * The actor graph has a cache of its own (`graphRecordsCache`) that holds each event as the
 * graph reads it (`GraphEvent`: no title or notes) and reads a case first from the store's
 * compact copy (db/graph-ties.ts: 64 rows instead of 50,000 records), then follows the feed
 * as the other does, re-reading the events written and keeping the graph's fields of them.
 */
import { changeFeed, type ChangeBatch } from '../db/change-feed'
import { readGraphEvents, toGraphEvent, type GraphEvent } from '../db/graph-ties'
import type { CasefileDB } from '../db/schema'
import type { EntityRecord, EventRecord } from '../domain/types'

/** A case's records as the store holds them now (`E`: the events as this cache keeps them). */
export interface CaseRecords<E = EventRecord> {
  caseId: string
  events: readonly E[]
  entities: readonly EntityRecord[]
}

/** What `CaseRecordsCache.get` gives: the records, or why they could not be read. */
export type CaseRecordsState<E = EventRecord> =
  { status: 'ready'; records: CaseRecords<E> } | { status: 'failed'; error: Error }

/** How a cache reads a case's events, and keeps of an event record read again. */
export interface EventsRead<E> {
  /** Every event of the case (in a read transaction the cache opens over `tables`). */
  all(db: CasefileDB, caseId: string): Promise<E[]>
  /** What is kept of an event record re-read after a change. */
  keep(record: EventRecord): E
  /** The tables `all` reads. */
  tables(db: CasefileDB): Parameters<CasefileDB['transaction']>[1][]
}

/** Whole event records, read from `events`. */
const WHOLE_EVENTS: EventsRead<EventRecord> = {
  all: (db, caseId) => db.events.where('caseId').equals(caseId).toArray(),
  keep: (record) => record,
  tables: (db) => [db.events],
}

/** The graph's view of the events, read from `graphTies` (see the module comment). */
const GRAPH_EVENTS: EventsRead<GraphEvent> = {
  all: (db, caseId) => readGraphEvents(db, caseId),
  keep: toGraphEvent,
  tables: (db) => [db.graphTies],
}

/** The tables mirrored (each a list of `CaseRecords` by the same name). */
type Mirrored = 'events' | 'entities'

interface Entry<E> {
  caseId: string
  listeners: Set<() => void>
  state: CaseRecordsState<E> | undefined
  /** The records by id, per table (the lists are built from them). */
  byId: { events: Map<string, E>; entities: Map<string, EntityRecord> }
  /** Reads run one after another: a change waits for the first read, then re-reads. */
  tasks: Promise<void>
  /** Keys changed since the last read, per table, waiting to be read again. */
  dirty: { events: Set<string>; entities: Set<string> }
  /** The first read failed or a later one did: the next change reads the whole case again. */
  reload: boolean
}

function byIdOrder(a: { id: string }, b: { id: string }): number {
  // IndexedDB orders string keys by UTF-16 code units, as `<` does.
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** The case's events and entities, following the change feed (see the module comment). */
export class CaseRecordsCache<E extends { id: string; caseId: string } = EventRecord> {
  private readonly entries = new Map<string, Entry<E>>()
  private readonly unsubscribe: () => void
  private readonly read: EventsRead<E>

  /** `read`: how the events are read and kept (whole records unless said). */
  constructor(
    private readonly db: CasefileDB,
    read?: EventsRead<E>,
  ) {
    this.read = read ?? (WHOLE_EVENTS as unknown as EventsRead<E>)
    this.unsubscribe = changeFeed(db).subscribe((batch) => this.onChanges(batch))
  }

  /** The records of `caseId` read so far (undefined before the first read ends). */
  get(caseId: string): CaseRecordsState<E> | undefined {
    return this.entries.get(caseId)?.state
  }

  /**
   * Calls `listener` whenever `caseId`'s records change (the first read included); the first
   * subscriber starts the read. Returns the unsubscribe: the last one drops the records.
   */
  subscribe(caseId: string, listener: () => void): () => void {
    let entry = this.entries.get(caseId)
    if (!entry) {
      entry = {
        caseId,
        listeners: new Set(),
        state: undefined,
        byId: { events: new Map(), entities: new Map() },
        tasks: Promise.resolve(),
        dirty: { events: new Set(), entities: new Set() },
        reload: true,
      }
      this.entries.set(caseId, entry)
      this.schedule(entry)
    }
    entry.listeners.add(listener)
    const own = entry
    return () => {
      own.listeners.delete(listener)
      if (own.listeners.size === 0 && this.entries.get(caseId) === own) this.entries.delete(caseId)
    }
  }

  /** Stops following the store; every case's records are dropped. */
  dispose(): void {
    this.unsubscribe()
    this.entries.clear()
  }

  private onChanges(batch: ChangeBatch): void {
    if (!batch.tables.has('events') && !batch.tables.has('entities')) return
    for (const entry of this.entries.values()) {
      let touched = false
      for (const c of batch.changes) {
        if (c.table !== 'events' && c.table !== 'entities') continue
        if (typeof c.key !== 'string') continue
        const table = c.table as Mirrored
        // A change of another case is not read; one whose case is unknown is read if it is
        // one of ours or might be (the read checks its case).
        if (c.caseId !== undefined && c.caseId !== entry.caseId) continue
        if (c.caseId === undefined && c.op === 'delete' && !entry.byId[table].has(c.key)) continue
        entry.dirty[table].add(c.key)
        touched = true
      }
      if (touched) this.schedule(entry)
    }
  }

  /** Queues a read of what `entry` lacks: the whole case, or the keys changed. */
  private schedule(entry: Entry<E>): void {
    entry.tasks = entry.tasks.then(() => this.refresh(entry))
  }

  private async refresh(entry: Entry<E>): Promise<void> {
    if (this.entries.get(entry.caseId) !== entry) return
    const reload = entry.reload
    const dirty = {
      events: [...entry.dirty.events],
      entities: [...entry.dirty.entities],
    }
    if (!reload && !dirty.events.length && !dirty.entities.length) return
    entry.dirty.events.clear()
    entry.dirty.entities.clear()
    try {
      if (reload) await this.readAll(entry)
      else await this.readChanged(entry, dirty)
      entry.reload = false
      entry.state = {
        status: 'ready',
        records: {
          caseId: entry.caseId,
          events: [...entry.byId.events.values()].sort(byIdOrder),
          entities: [...entry.byId.entities.values()].sort(byIdOrder),
        },
      }
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

  private async readAll(entry: Entry<E>): Promise<void> {
    const { db, read } = this
    // Changes committed while this read runs are noted as dirty and read again after it.
    const [events, entities] = await db.transaction('r', [...read.tables(db), db.entities], () =>
      Promise.all([
        read.all(db, entry.caseId),
        db.entities.where('caseId').equals(entry.caseId).toArray(),
      ]),
    )
    entry.byId.events = new Map(events.map((e) => [e.id, e]))
    entry.byId.entities = new Map(entities.map((e) => [e.id, e]))
  }

  private async readChanged(
    entry: Entry<E>,
    keys: { events: string[]; entities: string[] },
  ): Promise<void> {
    const { db } = this
    const [events, entities] = await db.transaction('r', db.events, db.entities, () =>
      Promise.all([db.events.bulkGet(keys.events), db.entities.bulkGet(keys.entities)]),
    )
    const apply = <T extends { id: string; caseId: string }>(
      map: Map<string, T>,
      ids: string[],
      found: (T | undefined)[],
    ): Map<string, T> => {
      const next = new Map(map)
      ids.forEach((id, i) => {
        const record = found[i]
        if (record && record.caseId === entry.caseId) next.set(id, record)
        else next.delete(id)
      })
      return next
    }
    const kept = events.map((e) => (e ? this.read.keep(e) : undefined))
    entry.byId.events = apply(entry.byId.events, keys.events, kept)
    entry.byId.entities = apply(entry.byId.entities, keys.entities, entities)
  }
}

const caches = new WeakMap<CasefileDB, CaseRecordsCache>()
const graphCaches = new WeakMap<CasefileDB, CaseRecordsCache<GraphEvent>>()

/** The one `CaseRecordsCache` of `db` (whole events), made on first use. */
export function caseRecordsCache(db: CasefileDB): CaseRecordsCache {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new CaseRecordsCache(db)))
  return cache
}

/** The one cache of `db` of the events as the graph reads them (see the module comment). */
export function graphRecordsCache(db: CasefileDB): CaseRecordsCache<GraphEvent> {
  let cache = graphCaches.get(db)
  if (!cache) graphCaches.set(db, (cache = new CaseRecordsCache(db, GRAPH_EVENTS)))
  return cache
}
