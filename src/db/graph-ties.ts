/**
 * The `graphTies` table: a compact copy of each case's events as the actor graph reads them
 * (who, to whom, what kind, when, which passages, how credible; no title, notes or times of
 * editing), packed into at most `GRAPH_TIE_BUCKETS` rows per case, an event's row chosen by a
 * hash of its id. Reading 50,000 whole events was the longest step of the graph's first
 * picture (1.3–1.7 s, mostly IndexedDB's own work per record in the browser process);
 * reading the same events as 64 rows costs a tenth of the CPU.
 *
 * Kept true by a DBCore middleware (db/derived-copy.ts), in the same transaction as every
 * write to `events`: a read-write transaction that includes `events` is widened to include
 * `graphTies`, and each add, put and delete of events rewrites the rows of the buckets it
 * touched (a delete reads the events first, to know their cases). Every writer is covered that way — the editors,
 * undo and redo, restore, imports, purge — and an aborted transaction keeps neither. The
 * rewrites of one transaction run one after another, so two writes in it never lose each
 * other's entries. Writes inside a schema upgrade are left alone: the upgrade that adds the
 * table builds it from the events (`rebuildGraphTies`). Derived data: not in backups (a
 * restore writes events, which builds it), deleted with its case.
 */
import Dexie from 'dexie'
import type { Transaction } from 'dexie'
import { addToRows, bucketedEvents, bucketOfId, derivedCopy, eachPage } from './derived-copy'
import type { GraphEventInput } from '../domain/graph-model'
import type { EventRecord } from '../domain/types'

/** What the graph reads of an event: the record without its title, notes and edit times. */
export type GraphEvent = GraphEventInput

/** One row of `graphTies`: the graph's view of the events of one bucket of one case. */
export interface GraphTiesRow {
  caseId: string
  /** The bucket: `bucketOf(event id)`. */
  n: number
  events: GraphEvent[]
}

/** The table's name. */
export const GRAPH_TIES = 'graphTies'

/**
 * Rows per case at most. More rows mean smaller rewrites per edit (at 50,000 events a row
 * holds ~800, ~80 KB); fewer mean fewer records to read (each costs IndexedDB a lookup).
 */
export const GRAPH_TIE_BUCKETS = 64

/** The bucket of event `id` (FNV-1a over its UTF-16 code units). */
export function bucketOf(id: string): number {
  return bucketOfId(id, GRAPH_TIE_BUCKETS)
}

/** The graph's view of `event` (only the fields it has: none is set to undefined). */
export function toGraphEvent(event: EventRecord): GraphEvent {
  const out: GraphEvent = {
    id: event.id,
    caseId: event.caseId,
    type: event.type,
    initiators: event.initiators,
    targets: event.targets,
    evidence: event.evidence,
  }
  if (event.locationIds !== undefined) out.locationIds = event.locationIds
  if (event.locationId !== undefined) out.locationId = event.locationId
  if (event.when !== undefined) out.when = event.when
  if (event.stances !== undefined) out.stances = event.stances
  if (event.confidence !== undefined) out.confidence = event.confidence
  return out
}

/** Events written, and events gone, rewrite the rows of their buckets. */
const EVENTS = bucketedEvents<GraphEvent, GraphTiesRow>(
  {
    bucketOf,
    events: (row) => row.events,
    row: (caseId, n, events) => ({ caseId, n, events }),
  },
  toGraphEvent,
)

/** Keeps `graphTies` true on every write to events (see the module comment); call before open. */
export function installGraphTies(db: Dexie): void {
  db.use(derivedCopy('casefile-graph-ties', GRAPH_TIES, { events: EVENTS }))
}

/**
 * Builds `graphTies` afresh from every event (in the upgrade that adds it, or to repair it):
 * reads the events in pages of 5,000 so that a big store is never held whole.
 */
export async function rebuildGraphTies(tx: Transaction): Promise<void> {
  const ties = tx.table<GraphTiesRow>(GRAPH_TIES)
  await ties.clear()
  const rows = new Map<string, GraphTiesRow>()
  await eachPage(tx.table<EventRecord, string>('events'), (page) =>
    addToRows(rows, page, bucketOf, toGraphEvent),
  )
  if (rows.size) await ties.bulkPut([...rows.values()])
}

function byIdOrder(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * The graph's view of every event of `caseId`, in id order (as `where('caseId')` gives the
 * events): a few rows read instead of one record per event.
 */
export async function readGraphEvents(db: Dexie, caseId: string): Promise<GraphEvent[]> {
  const rows = await db
    .table<GraphTiesRow>(GRAPH_TIES)
    .where('[caseId+n]')
    .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
    .toArray()
  const out: GraphEvent[] = []
  for (const row of rows) for (const e of row.events) out.push(e)
  shareStrings(out, caseId)
  return out.sort(byIdOrder)
}

/**
 * Makes the repeated strings of `caseId`'s events one string each: their case (`caseId`
 * itself), type, actors, places, time precision and zone, and their passages' stances.
 * IndexedDB hands every record its own copy of each string, so 50,000 events read came with
 * ~300,000 copies of the same few thousand values (the case id 50,000 times), which the graph
 * holds while it is open and the garbage collector walks in every full collection (a full
 * collection of the graph's page after its changes, 2,000 actors and 50,000 events: heap
 * 106.6 → 99.1 MB with this alone). Ids that are each one event's own (the event's, its
 * passages') are left as they are.
 */
export function shareStrings(events: readonly GraphEvent[], caseId: string): void {
  const pool = new Map<string, string>()
  const one = <S extends string>(s: S): S => {
    const had = pool.get(s)
    if (had !== undefined) return had as S
    pool.set(s, s)
    return s
  }
  const all = (list: string[]) => {
    for (let i = 0; i < list.length; i++) list[i] = one(list[i]!)
  }
  for (const e of events) {
    // Read by case: every one is `caseId` (no lookup needed; ~50 ms of the first picture
    // went on the lookups of 50,000 events).
    if (e.caseId === caseId) e.caseId = caseId
    e.type = one(e.type)
    all(e.initiators)
    all(e.targets)
    if (e.locationIds) all(e.locationIds)
    if (e.locationId !== undefined) e.locationId = one(e.locationId)
    const when = e.when
    if (when) {
      when.precision = one(when.precision)
      if (when.zone !== undefined) when.zone = one(when.zone)
    }
    const stances = e.stances
    if (stances) for (const id in stances) stances[id] = one(stances[id]!)
  }
}
