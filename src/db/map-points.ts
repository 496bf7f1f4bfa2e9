/**
 * The `mapPoints` table: a compact copy of each case's events as the map reads them (id,
 * title, type, who and to whom, where, when, which passages; no notes, stances or edit times),
 * packed into at most `MAP_POINT_BUCKETS` rows per case, an event's row chosen by a hash of its
 * id, and each row stored by column — one list of strings or one typed array per field, not an
 * object per event; and one more row per case (`PLACES_ROW`) with its places: the entities
 * that have a position, with their names and positions, by column too. Reading 10,000 whole
 * events was the longest step of the map's first draw: IndexedDB reads and the renderer
 * deserialises one record (an object with arrays inside) at a time; a handful of columnar rows
 * clone as a few long lists and typed arrays, a tenth of the time or less (measured in the
 * bench page, 2026-12-07: 21–170 ms against 290–1,500 ms for the same 10,000 events, under
 * load).
 *
 * Kept true as `graphTies` is, by db/derived-copy.ts's middleware: it widens every read-write
 * transaction that includes `events` or `entities` to include `mapPoints`, and each add, put
 * and delete of events rewrites the rows of the buckets it touched, and of entities the places
 * row of their case when one of them has or had a position, in the same transaction (a delete
 * reads the records first, to know their cases), one rewrite after another. Every writer is
 * covered — the editors, undo and redo, restore, imports, purge — and an aborted transaction
 * keeps neither. Writes inside a schema upgrade are left alone: the upgrade that adds the table
 * builds it (`rebuildMapPoints`). Derived data: not in backups, deleted with its case.
 */
import Dexie from 'dexie'
import type { DBCoreTable, DBCoreTransaction, Transaction } from 'dexie'
import {
  addToRows,
  bucketedEvents,
  bucketOfId,
  derivedCopy,
  eachPage,
  keysOf,
  recordsOf,
  type Apply,
} from './derived-copy'
import type { EntityRecord, EventRecord, TimeValue } from '../domain/types'
import type { MapEvent, MapPlaceEntity } from '../domain/geo/map-model'
import { hasPosition } from '../domain/geo/place'

/** The table's name. */
export const MAP_POINTS = 'mapPoints'

/**
 * Rows per case at most. A write rewrites its bucket's row (at 50,000 events ~1,600 events);
 * a first read reads them all (each a lookup for IndexedDB).
 */
export const MAP_POINT_BUCKETS = 32

/**
 * One row of `mapPoints`: the map's view of the events of one bucket of one case, by column
 * (event `i`'s value of each per-event column is at `i`).
 */
export interface MapPointsRow {
  caseId: string
  /** The bucket: `mapBucketOf(event id)` (never `PLACES_ROW`). */
  n: number
  id: string[]
  title: string[]
  type: string[]
  /** `when.start`; NaN for an undated event. */
  start: Float64Array
  /** `when.end`; NaN when it has none. */
  end: Float64Array
  /** `when.precision` ('' for an undated event). */
  precision: string[]
  /** `when.approximate`, 1 or 0. */
  approximate: Uint8Array
  /**
   * Per event, four counts: how many of `places`, `initiators`, `targets` and `evidence`,
   * in turn, are its (each column holds every event's values one after the other).
   */
  counts: Uint32Array
  places: string[]
  initiators: string[]
  targets: string[]
  evidence: string[]
}

/** The `n` of a case's places row (event rows are 0 up to `MAP_POINT_BUCKETS`). */
export const PLACES_ROW = -1

/** The places row of a case: its entities with a position, by column. */
export interface MapPlacesRow {
  caseId: string
  n: typeof PLACES_ROW
  id: string[]
  name: string[]
  precision: string[]
  lat: Float64Array
  lon: Float64Array
  /** NaN when it has none. */
  radiusKm: Float64Array
}

/** A row of `mapPoints`: one bucket of events, or the places. */
export type MapPointsTableRow = MapPointsRow | MapPlacesRow

/** Whether `row` is a case's places row. */
export function isPlacesRow(row: MapPointsTableRow): row is MapPlacesRow {
  return row.n === PLACES_ROW
}

/** The bucket of event `id` (FNV-1a over its UTF-16 code units). */
export function mapBucketOf(id: string): number {
  return bucketOfId(id, MAP_POINT_BUCKETS)
}

/**
 * The map's view of `event`: its places as `eventPlaceIds` reads them (an old record's single
 * `locationId` included, each place once), its time without the uncertainty band, zone or
 * how it was resolved (the map draws neither).
 */
export function toMapEvent(event: EventRecord): MapEvent {
  const ids = event.locationIds ?? (event.locationId ? [event.locationId] : [])
  const out: MapEvent = {
    id: event.id,
    caseId: event.caseId,
    // What a writer left out (a record of a test, a half-made one) is copied as empty: the
    // copy's columns hold a value for every event.
    title: event.title ?? '',
    type: event.type ?? '',
    initiators: listOf(event.initiators),
    targets: listOf(event.targets),
    evidence: listOf(event.evidence),
  }
  if (Array.isArray(ids) && ids.length) out.locationIds = [...new Set(ids)]
  const w = event.when
  if (w && Number.isFinite(w.start)) {
    const when: TimeValue = { start: w.start, precision: w.precision, approximate: w.approximate }
    if (w.end !== undefined && Number.isFinite(w.end)) when.end = w.end
    out.when = when
  }
  return out
}

/** The map's view of `entity`: its name and position; undefined when it has no position. */
export function toMapPlace(entity: EntityRecord): MapPlaceEntity | undefined {
  const p = entity.place
  if (!hasPosition(p)) return undefined
  const place: MapPlaceEntity['place'] = { precision: p.precision, lat: p.lat, lon: p.lon }
  if (p.radiusKm !== undefined) place.radiusKm = p.radiusKm
  return { id: entity.id, caseId: entity.caseId, name: entity.name ?? '', place }
}

/** `places` (all of case `caseId`, each with a position) as its places row. */
export function encodeMapPlaces(caseId: string, places: readonly MapPlaceEntity[]): MapPlacesRow {
  const k = places.length
  const row: MapPlacesRow = {
    caseId,
    n: PLACES_ROW,
    id: new Array<string>(k),
    name: new Array<string>(k),
    precision: new Array<string>(k),
    lat: new Float64Array(k),
    lon: new Float64Array(k),
    radiusKm: new Float64Array(k),
  }
  places.forEach((e, i) => {
    row.id[i] = e.id
    row.name[i] = e.name
    row.precision[i] = e.place!.precision
    row.lat[i] = e.place!.lat!
    row.lon[i] = e.place!.lon!
    row.radiusKm[i] = e.place!.radiusKm ?? NaN
  })
  return row
}

/** The places of `row`, in its order (the inverse of `encodeMapPlaces`). */
export function decodeMapPlaces(row: MapPlacesRow): MapPlaceEntity[] {
  return row.id.map((id, i) => {
    const place: MapPlaceEntity['place'] = {
      precision: row.precision[i] as NonNullable<MapPlaceEntity['place']>['precision'],
      lat: row.lat[i]!,
      lon: row.lon[i]!,
    }
    if (!Number.isNaN(row.radiusKm[i]!)) place.radiusKm = row.radiusKm[i]!
    return { id, caseId: row.caseId, name: row.name[i]!, place }
  })
}

function listOf(x: readonly string[] | undefined): string[] {
  return Array.isArray(x) ? x : []
}

/** `events` (all of case `caseId`, bucket `n`) as one row. */
export function encodeMapPoints(
  caseId: string,
  n: number,
  events: readonly MapEvent[],
): MapPointsRow {
  const k = events.length
  const row: MapPointsRow = {
    caseId,
    n,
    id: new Array<string>(k),
    title: new Array<string>(k),
    type: new Array<string>(k),
    start: new Float64Array(k),
    end: new Float64Array(k),
    precision: new Array<string>(k),
    approximate: new Uint8Array(k),
    counts: new Uint32Array(k * 4),
    places: [],
    initiators: [],
    targets: [],
    evidence: [],
  }
  events.forEach((e, i) => {
    row.id[i] = e.id
    row.title[i] = e.title
    row.type[i] = e.type
    row.start[i] = e.when ? e.when.start : NaN
    row.end[i] = e.when?.end ?? NaN
    row.precision[i] = e.when ? e.when.precision : ''
    row.approximate[i] = e.when?.approximate ? 1 : 0
    const lists = [e.locationIds ?? [], e.initiators, e.targets, e.evidence]
    const columns = [row.places, row.initiators, row.targets, row.evidence]
    for (let c = 0; c < 4; c++) {
      row.counts[i * 4 + c] = lists[c]!.length
      for (const v of lists[c]!) columns[c]!.push(v)
    }
  })
  return row
}

/** The events of `row`, in its order (the inverse of `encodeMapPoints`). */
export function decodeMapPoints(row: MapPointsRow): MapEvent[] {
  const out = new Array<MapEvent>(row.id.length)
  const at = [0, 0, 0, 0]
  const columns = [row.places, row.initiators, row.targets, row.evidence]
  const take = (c: number, count: number): string[] => {
    const from = at[c]!
    at[c] = from + count
    return columns[c]!.slice(from, from + count)
  }
  for (let i = 0; i < row.id.length; i++) {
    const places = take(0, row.counts[i * 4]!)
    const e: MapEvent = {
      id: row.id[i]!,
      caseId: row.caseId,
      title: row.title[i]!,
      type: row.type[i]!,
      initiators: take(1, row.counts[i * 4 + 1]!),
      targets: take(2, row.counts[i * 4 + 2]!),
      evidence: take(3, row.counts[i * 4 + 3]!),
    }
    if (places.length) e.locationIds = places
    const start = row.start[i]!
    if (!Number.isNaN(start)) {
      const when: TimeValue = {
        start,
        precision: row.precision[i] as TimeValue['precision'],
        approximate: row.approximate[i] === 1,
      }
      const end = row.end[i]!
      if (!Number.isNaN(end)) when.end = end
      e.when = when
    }
    out[i] = e
  }
  return out
}

/**
 * Applies entity writes to the places rows of their cases, in transaction `trans`: `put`, the
 * entities written (a place when it has a position, else it leaves the row), `gone`, those
 * deleted. A row is written only when a place in it changed.
 */
function applyPlacesEdit(
  table: DBCoreTable,
  trans: DBCoreTransaction,
  put: readonly EntityRecord[],
  gone: readonly { caseId: string; id: string }[],
): PromiseLike<void> {
  const cases = [...new Set([...put.map((e) => e.caseId), ...gone.map((g) => g.caseId)])]
  if (!cases.length) return Dexie.Promise.resolve()
  const keys = cases.map((c) => [c, PLACES_ROW])
  return table.getMany({ trans, keys }).then((found: (MapPlacesRow | undefined)[]) => {
    const rows = new Map(
      cases.map((c, i) => {
        const row = found[i]
        return [c, new Map(row ? decodeMapPlaces(row).map((p) => [p.id, p]) : [])] as const
      }),
    )
    const changed = new Set<string>()
    for (const e of put) {
      const places = rows.get(e.caseId)!
      const place = toMapPlace(e)
      if (place) places.set(e.id, place)
      else if (!places.delete(e.id)) continue
      changed.add(e.caseId)
    }
    for (const g of gone) if (rows.get(g.caseId)!.delete(g.id)) changed.add(g.caseId)
    const keep: MapPlacesRow[] = []
    const drop: unknown[] = []
    cases.forEach((c, i) => {
      if (!changed.has(c)) return
      const places = [...rows.get(c)!.values()]
      if (places.length) keep.push(encodeMapPlaces(c, places))
      else if (found[i]) drop.push([c, PLACES_ROW])
    })
    const writes: PromiseLike<unknown>[] = []
    if (keep.length) writes.push(table.mutate({ type: 'put', trans, values: keep }))
    if (drop.length) writes.push(table.mutate({ type: 'delete', trans, keys: drop }))
    return Dexie.Promise.all(writes).then(() => undefined)
  })
}

/** Events written, and events gone, rewrite the rows of their buckets. */
const EVENTS_APPLY = bucketedEvents<MapEvent, MapPointsRow>(
  { bucketOf: mapBucketOf, events: decodeMapPoints, row: encodeMapPoints },
  toMapEvent,
)

/** Entities written, and entities gone, rewrite their case's places row. */
const ENTITIES_APPLY: Apply = {
  put: (points, trans, values) =>
    applyPlacesEdit(points, trans, recordsOf<EntityRecord>(values), []),
  gone: (points, trans, values) => applyPlacesEdit(points, trans, [], keysOf(values)),
}

/** Keeps `mapPoints` true on every write to events and entities (see the module comment); call before open. */
export function installMapPoints(db: Dexie): void {
  db.use(
    derivedCopy('casefile-map-points', MAP_POINTS, {
      events: EVENTS_APPLY,
      entities: ENTITIES_APPLY,
    }),
  )
}

/**
 * Builds `mapPoints` afresh from every event and entity (in the upgrade that adds it, or to
 * repair it): reads them in pages of 5,000 so that a big store is never held whole.
 */
export async function rebuildMapPoints(tx: Transaction): Promise<void> {
  const points = tx.table<MapPointsTableRow>(MAP_POINTS)
  await points.clear()
  const rows = new Map<string, { caseId: string; n: number; events: MapEvent[] }>()
  await eachPage(tx.table<EventRecord, string>('events'), (page) =>
    addToRows(rows, page, mapBucketOf, toMapEvent),
  )
  if (rows.size)
    await points.bulkPut([...rows.values()].map((r) => encodeMapPoints(r.caseId, r.n, r.events)))
  const places = new Map<string, MapPlaceEntity[]>()
  await eachPage(tx.table<EntityRecord, string>('entities'), (page) => {
    for (const e of page) {
      const place = toMapPlace(e)
      if (!place) continue
      const list = places.get(e.caseId)
      if (list) list.push(place)
      else places.set(e.caseId, [place])
    }
  })
  if (places.size)
    await points.bulkPut([...places].map(([caseId, list]) => encodeMapPlaces(caseId, list)))
}

function byIdOrder(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * The map's view of every event of `caseId` and of its places, each in id order (as
 * `where('caseId')` gives the records): a few columnar rows read instead of one record per
 * event and per entity.
 */
export async function readMapRecords(
  db: Dexie,
  caseId: string,
): Promise<{ events: MapEvent[]; places: MapPlaceEntity[] }> {
  const rows = await db
    .table<MapPointsTableRow>(MAP_POINTS)
    .where('[caseId+n]')
    .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
    .toArray()
  const events: MapEvent[] = []
  let places: MapPlaceEntity[] = []
  for (const row of rows) {
    if (isPlacesRow(row)) places = decodeMapPlaces(row)
    else for (const e of decodeMapPoints(row)) events.push(e)
  }
  return { events: events.sort(byIdOrder), places: places.sort(byIdOrder) }
}

/** The map's view of every event of `caseId`, in id order (`readMapRecords`). */
export async function readMapEvents(db: Dexie, caseId: string): Promise<MapEvent[]> {
  return (await readMapRecords(db, caseId)).events
}
