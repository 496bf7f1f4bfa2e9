/**
 * The `mapPoints` table: a compact copy of each case's events as the map reads them (id,
 * title, type, who and to whom, where, when, which passages; no notes, stances or edit times),
 * packed into at most `MAP_POINT_BUCKETS` rows per case, an event's row chosen by a hash of its
 * id, and each row stored by column — one list of strings or one typed array per field, not an
 * object per event; and one more row per case (`PLACES_ROW`) with its places: the entities
 * that have a position, with their names and positions, by column too. Reading 10,000 whole events was the longest step of the map's first draw:
 * IndexedDB reads and the renderer deserialises one record (an object with arrays inside) at a
 * time; a handful of columnar rows clone as a few long lists and typed arrays, a tenth of the
 * time or less (measured in the bench page, 2026-12-07: 21–170 ms against 290–1,500 ms for the
 * same 10,000 events, under load).
 *
 * Kept true as `graphTies` is (db/graph-ties.ts): a DBCore middleware widens every read-write
 * transaction that includes `events` or `entities` to include `mapPoints`, and each add, put
 * and delete of events rewrites the rows of the buckets it touched, and of entities the places
 * row of their case when one of them has or had a position, in the same transaction (a delete
 * reads the records first, to know their cases), one rewrite after another. Every writer is covered —
 * the editors, undo and redo, restore, imports, purge — and an aborted transaction keeps
 * neither. Writes inside a schema upgrade are left alone: the upgrade that adds the table
 * builds it (`rebuildMapPoints`). Derived data: not in backups, deleted with its case.
 */
import Dexie from 'dexie'
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
  Transaction,
} from 'dexie'
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
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193)
  return (h >>> 0) % MAP_POINT_BUCKETS
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

/** What to change in the rows: events written and events gone (each with its case). */
interface Edit {
  put: MapEvent[]
  gone: { caseId: string; id: string }[]
}

function rowKey(caseId: string, n: number): string {
  return `${n}\u0000${caseId}`
}

/**
 * Applies `edit` to the rows it touches, in transaction `trans`: reads each touched row once,
 * then writes the changed rows and deletes those left empty.
 */
function applyEdit(table: DBCoreTable, trans: DBCoreTransaction, edit: Edit): PromiseLike<void> {
  const touched = new Map<string, { caseId: string; n: number }>()
  const note = (caseId: string, id: string) => {
    const n = mapBucketOf(id)
    touched.set(rowKey(caseId, n), { caseId, n })
  }
  for (const e of edit.put) note(e.caseId, e.id)
  for (const g of edit.gone) note(g.caseId, g.id)
  if (!touched.size) return Dexie.Promise.resolve()
  const list = [...touched.values()]
  const keys = list.map((t) => [t.caseId, t.n])
  // Dexie promises, chained and not awaited (as change-feed.ts): its middlewares below keep
  // the transaction's zone from one step to the next.
  return table.getMany({ trans, keys }).then((found: (MapPointsRow | undefined)[]) => {
    const rows = new Map<string, Map<string, MapEvent>>()
    list.forEach((t, i) => {
      const row = found[i]
      rows.set(
        rowKey(t.caseId, t.n),
        new Map(row ? decodeMapPoints(row).map((e) => [e.id, e]) : []),
      )
    })
    for (const g of edit.gone) rows.get(rowKey(g.caseId, mapBucketOf(g.id)))!.delete(g.id)
    for (const e of edit.put) rows.get(rowKey(e.caseId, mapBucketOf(e.id)))!.set(e.id, e)
    const keep: MapPointsRow[] = []
    const drop: unknown[] = []
    list.forEach(({ caseId, n }, i) => {
      const events = [...rows.get(rowKey(caseId, n))!.values()]
      if (events.length) keep.push(encodeMapPoints(caseId, n, events))
      else if (found[i]) drop.push([caseId, n])
    })
    const writes: PromiseLike<unknown>[] = []
    if (keep.length) writes.push(table.mutate({ type: 'put', trans, values: keep }))
    if (drop.length) writes.push(table.mutate({ type: 'delete', trans, keys: drop }))
    return Dexie.Promise.all(writes).then(() => undefined)
  })
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

/** The entities of `values` (as written), skipping anything that is not one. */
function entitiesOf(values: readonly unknown[]): EntityRecord[] {
  const out: EntityRecord[] = []
  for (const v of values) {
    const e = v as EntityRecord | undefined
    if (e && isString(e.id) && isString(e.caseId)) out.push(e)
  }
  return out
}

function isString(x: unknown): x is string {
  return typeof x === 'string'
}

/** The map events of `values` (events as written), skipping anything that is not one. */
function mapEventsOf(values: readonly unknown[]): MapEvent[] {
  const out: MapEvent[] = []
  for (const v of values) {
    const e = v as EventRecord | undefined
    if (e && isString(e.id) && isString(e.caseId)) out.push(toMapEvent(e))
  }
  return out
}

function goneOf(values: readonly unknown[]): Edit['gone'] {
  const out: Edit['gone'] = []
  for (const v of values) {
    const e = v as Partial<EventRecord> | undefined
    if (e && isString(e.id) && isString(e.caseId)) out.push({ caseId: e.caseId, id: e.id })
  }
  return out
}

function isUpgrade(trans: DBCoreTransaction): boolean {
  return (trans as unknown as { mode?: string }).mode === 'versionchange'
}

/** How a watched table's writes change the copy: records written, records deleted. */
interface Apply {
  put(points: DBCoreTable, trans: DBCoreTransaction, values: readonly unknown[]): PromiseLike<void>
  gone(points: DBCoreTable, trans: DBCoreTransaction, values: readonly unknown[]): PromiseLike<void>
}

const EVENTS_APPLY: Apply = {
  put: (points, trans, values) => applyEdit(points, trans, { put: mapEventsOf(values), gone: [] }),
  gone: (points, trans, values) => applyEdit(points, trans, { put: [], gone: goneOf(values) }),
}

const ENTITIES_APPLY: Apply = {
  put: (points, trans, values) => applyPlacesEdit(points, trans, entitiesOf(values), []),
  gone: (points, trans, values) => applyPlacesEdit(points, trans, [], goneOf(values)),
}

function watchedTable(
  down: DBCoreTable,
  points: () => DBCoreTable,
  chains: WeakMap<DBCoreTransaction, PromiseLike<unknown>>,
  apply: Apply,
): DBCoreTable {
  /** Runs `step` after the transaction's earlier rewrites (see the module comment). */
  const inTurn = <T>(trans: DBCoreTransaction, step: () => PromiseLike<T>): PromiseLike<T> => {
    const before = chains.get(trans) ?? Dexie.Promise.resolve()
    const next = before.then(step)
    chains.set(
      trans,
      next.then(
        () => undefined,
        () => undefined,
      ),
    )
    return next
  }
  return {
    ...down,
    mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      if (isUpgrade(req.trans)) return down.mutate(req)
      const { trans } = req
      if (req.type === 'add' || req.type === 'put') {
        return inTurn(trans, () =>
          down.mutate(req).then((res) => {
            const written = req.values.filter((_, i) => !res.failures[i])
            return apply.put(points(), trans, written).then(() => res)
          }),
        ) as Promise<DBCoreMutateResponse>
      }
      const before: PromiseLike<unknown[]> =
        req.type === 'delete'
          ? down.getMany({ trans, keys: req.keys })
          : down
              .query({
                trans,
                values: true,
                query: { index: down.schema.primaryKey, range: req.range },
              })
              .then((found) => found.result)
      return inTurn(trans, () =>
        before.then((values) =>
          down.mutate(req).then((res) => {
            const gone = values.filter((_, i) => !res.failures[i])
            return apply.gone(points(), trans, gone).then(() => res)
          }),
        ),
      ) as Promise<DBCoreMutateResponse>
    },
  }
}

function middleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'casefile-map-points',
    create(down) {
      const has = down.schema.tables.some((t) => t.name === MAP_POINTS)
      if (!has) return down
      const chains = new WeakMap<DBCoreTransaction, PromiseLike<unknown>>()
      return {
        ...down,
        transaction(stores, mode, options) {
          // Every read-write transaction on events or entities writes the map's copy with them.
          const widened =
            mode === 'readwrite' &&
            (stores.includes('events') || stores.includes('entities')) &&
            !stores.includes(MAP_POINTS)
              ? [...stores, MAP_POINTS]
              : stores
          return down.transaction(widened, mode, options)
        },
        table(name) {
          const table = down.table(name)
          const points = () => down.table(MAP_POINTS)
          if (name === 'events') return watchedTable(table, points, chains, EVENTS_APPLY)
          if (name === 'entities') return watchedTable(table, points, chains, ENTITIES_APPLY)
          return table
        },
      }
    },
  }
}

/** Keeps `mapPoints` true on every write to events and entities (see the module comment); call before open. */
export function installMapPoints(db: Dexie): void {
  db.use(middleware())
}

/**
 * Builds `mapPoints` afresh from every event and entity (in the upgrade that adds it, or to
 * repair it): reads them in pages of 5,000 so that a big store is never held whole.
 */
export async function rebuildMapPoints(tx: Transaction): Promise<void> {
  const points = tx.table<MapPointsTableRow>(MAP_POINTS)
  await points.clear()
  const rows = new Map<string, { caseId: string; n: number; events: MapEvent[] }>()
  const events = tx.table<EventRecord, string>('events')
  let last: string | undefined
  for (;;) {
    const page = await (
      last === undefined ? events.orderBy(':id') : events.where(':id').above(last)
    )
      .limit(5000)
      .toArray()
    if (!page.length) break
    for (const e of page) {
      const n = mapBucketOf(e.id)
      const k = rowKey(e.caseId, n)
      let row = rows.get(k)
      if (!row) rows.set(k, (row = { caseId: e.caseId, n, events: [] }))
      row.events.push(toMapEvent(e))
    }
    last = page[page.length - 1]!.id
  }
  if (rows.size)
    await points.bulkPut([...rows.values()].map((r) => encodeMapPoints(r.caseId, r.n, r.events)))
  const places = new Map<string, MapPlaceEntity[]>()
  const entities = tx.table<EntityRecord, string>('entities')
  let lastEntity: string | undefined
  for (;;) {
    const page: EntityRecord[] = await (
      lastEntity === undefined ? entities.orderBy(':id') : entities.where(':id').above(lastEntity)
    )
      .limit(5000)
      .toArray()
    if (!page.length) break
    for (const e of page) {
      const place = toMapPlace(e)
      if (!place) continue
      const list = places.get(e.caseId)
      if (list) list.push(place)
      else places.set(e.caseId, [place])
    }
    lastEntity = page[page.length - 1]!.id
  }
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
