/**
 * A read-through cache of one case's events and entities, kept current by the store's change
 * feed, for the panes that draw a whole case at once (the map today). A live query re-reads
 * every record of the case after each write and Dexie then deep-copies the result for its
 * subscriber: for 10,000 events that copy (and the garbage it leaves) was a quarter of the
 * map's first draw. Here the case is read once, with a plain read (no copy), and each committed
 * transaction is applied by re-reading only the records it wrote: a record written is read
 * again from the store, a record deleted is dropped — so deleted means gone, and an undo shows
 * at once, like any write. Nothing is kept for a case nobody is watching: the last
 * subscriber's leaving drops its records, and the next one reads them afresh (the following of
 * the feed is `case-feed.ts`'s, shared with the document list's cache). The lists are in
 * the store's order (by id, as `where('caseId')` gives them) and are new arrays after every
 * change (records that did not change are the same objects), so memoised views can compare
 * them by identity.
 *
 * The actor graph has a cache of its own (`graphRecordsCache`) that holds each event as the
 * graph reads it (`GraphEvent`: no title or notes) and reads a case first from the store's
 * compact copy (db/graph-ties.ts: 64 rows instead of 50,000 records), then follows the feed
 * as the other does, re-reading the events written and keeping the graph's fields of them.
 */
import { readGraphEvents, toGraphEvent, type GraphEvent } from '../db/graph-ties'
import type { CasefileDB } from '../db/schema'
import type { EntityRecord, EventRecord } from '../domain/types'
import { CaseFeedCache } from './case-feed'

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

/** What is kept of a case: its records by id, per table (the lists are built from them). */
interface Held<E> {
  events: Map<string, E>
  entities: Map<string, EntityRecord>
}

function byIdOrder(a: { id: string }, b: { id: string }): number {
  // IndexedDB orders string keys by UTF-16 code units, as `<` does.
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** The case's events and entities, following the change feed (see the module comment). */
export class CaseRecordsCache<E extends { id: string; caseId: string } = EventRecord> {
  private readonly feed: CaseFeedCache<
    Mirrored,
    Held<E>,
    { status: 'ready'; records: CaseRecords<E> }
  >
  private readonly read: EventsRead<E>

  /** `read`: how the events are read and kept (whole records unless said). */
  constructor(
    private readonly db: CasefileDB,
    read?: EventsRead<E>,
  ) {
    this.read = read ?? (WHOLE_EVENTS as unknown as EventsRead<E>)
    this.feed = new CaseFeedCache(db, {
      tables: ['events', 'entities'],
      // Nothing is kept for a case nobody watches (see the module comment).
      keepLast: false,
      readAll: (caseId) => this.readAll(caseId),
      readChanged: (caseId, held, keys) => this.readChanged(caseId, held, keys),
      holds: (held, table, key) => held[table].has(key),
      ready: (caseId, held) => ({
        status: 'ready',
        records: {
          caseId,
          events: [...held.events.values()].sort(byIdOrder),
          entities: [...held.entities.values()].sort(byIdOrder),
        },
      }),
    })
  }

  /** The records of `caseId` read so far (undefined before the first read ends). */
  get(caseId: string): CaseRecordsState<E> | undefined {
    return this.feed.get(caseId)
  }

  /**
   * Calls `listener` whenever `caseId`'s records change (the first read included); the first
   * subscriber starts the read. Returns the unsubscribe: the last one drops the records.
   */
  subscribe(caseId: string, listener: () => void): () => void {
    return this.feed.subscribe(caseId, listener)
  }

  /** Stops following the store; every case's records are dropped. */
  dispose(): void {
    this.feed.dispose()
  }

  private async readAll(caseId: string): Promise<Held<E>> {
    const { db, read } = this
    // Changes committed while this read runs are noted as dirty and read again after it.
    const [events, entities] = await db.transaction('r', [...read.tables(db), db.entities], () =>
      Promise.all([read.all(db, caseId), db.entities.where('caseId').equals(caseId).toArray()]),
    )
    return {
      events: new Map(events.map((e) => [e.id, e])),
      entities: new Map(entities.map((e) => [e.id, e])),
    }
  }

  private async readChanged(
    caseId: string,
    held: Held<E>,
    keys: Readonly<Record<Mirrored, readonly string[]>>,
  ): Promise<Held<E>> {
    const { db } = this
    const [events, entities] = await db.transaction('r', db.events, db.entities, () =>
      Promise.all([db.events.bulkGet([...keys.events]), db.entities.bulkGet([...keys.entities])]),
    )
    const apply = <T extends { id: string; caseId: string }>(
      map: Map<string, T>,
      ids: readonly string[],
      found: (T | undefined)[],
    ): Map<string, T> => {
      const next = new Map(map)
      ids.forEach((id, i) => {
        const record = found[i]
        if (record && record.caseId === caseId) next.set(id, record)
        else next.delete(id)
      })
      return next
    }
    const kept = events.map((e) => (e ? this.read.keep(e) : undefined))
    return {
      events: apply(held.events, keys.events, kept),
      entities: apply(held.entities, keys.entities, entities),
    }
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
