/**
 * The open case's events and places as the map reads them: a read-through cache like the
 * other panes' (services/case-records.ts), followed through the same change feed
 * (services/case-feed.ts), but whose first read takes them from the store's compact,
 * column-wise copy (db/map-points.ts: 33 rows at most instead of one record per event and per
 * entity — reading 10,000 whole events and 2,000 entities was most of the map's first draw).
 * After that, as the other cache does, each committed write is applied by re-reading only the
 * records it touched from `events` and `entities`, keeping the map's view of each
 * (`toMapEvent`, `toMapPlace`: an entity without a position is no place): deleted means gone,
 * and an undo shows at once. Nothing is kept for a case nobody watches.
 */
import { useCallback, useSyncExternalStore } from 'react'
import { getDb } from '../../db/db'
import { readMapRecords, toMapEvent, toMapPlace } from '../../db/map-points'
import type { CasefileDB } from '../../db/schema'
import type { MapEvent, MapPlaceEntity } from '../../domain/geo/map-model'
import { CaseFeedCache, type CaseFeedFailed } from '../../services/case-feed'

/** A case's records as the map holds them (lists in id order, new arrays after a change). */
export interface MapRecords {
  caseId: string
  events: readonly MapEvent[]
  /** The case's entities that have a position. */
  places: readonly MapPlaceEntity[]
}

/** What the cache gives: the records, or why they could not be read. */
export type MapRecordsState = { status: 'ready'; records: MapRecords } | CaseFeedFailed

type Table = 'events' | 'entities'

interface Held {
  events: Map<string, MapEvent>
  /** By entity id (the feed's `entities` keys). */
  places: Map<string, MapPlaceEntity>
}

function byIdOrder(a: { id: string }, b: { id: string }): number {
  // IndexedDB orders string keys by UTF-16 code units, as `<` does.
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * `map` with the records of `ids` replaced by `found` (a record of another case, or none,
 * leaves it); the same map when none of them changed anything (an actor renamed is no place).
 */
function applyFound<T extends { id: string; caseId: string }>(
  caseId: string,
  map: Map<string, T>,
  ids: readonly string[],
  found: readonly (T | undefined)[],
): Map<string, T> {
  let next: Map<string, T> | undefined
  ids.forEach((id, i) => {
    const record = found[i]
    if (record && record.caseId === caseId) (next ??= new Map(map)).set(id, record)
    else if (map.has(id)) (next ??= new Map(map)).delete(id)
  })
  return next ?? map
}

/** The cache of `db` (see the module comment). */
export class MapRecordsCache {
  private readonly feed: CaseFeedCache<Table, Held, { status: 'ready'; records: MapRecords }>

  constructor(private readonly db: CasefileDB) {
    this.feed = new CaseFeedCache(db, {
      tables: ['events', 'entities'],
      keepLast: false,
      readAll: (caseId) => this.readAll(caseId),
      readChanged: (caseId, held, keys) => this.readChanged(caseId, held, keys),
      holds: (held, table, key) => (table === 'events' ? held.events : held.places).has(key),
      ready: (caseId, held) => ({
        status: 'ready',
        records: {
          caseId,
          events: [...held.events.values()].sort(byIdOrder),
          places: [...held.places.values()].sort(byIdOrder),
        },
      }),
    })
  }

  /** The records of `caseId` read so far (undefined before the first read ends). */
  get(caseId: string): MapRecordsState | undefined {
    return this.feed.get(caseId)
  }

  /** Calls `listener` whenever `caseId`'s records change; returns the unsubscribe. */
  subscribe(caseId: string, listener: () => void): () => void {
    return this.feed.subscribe(caseId, listener)
  }

  /** Stops following the store. */
  dispose(): void {
    this.feed.dispose()
  }

  private async readAll(caseId: string): Promise<Held> {
    // One read of the copy's rows: changes committed meanwhile are noted as dirty by the feed
    // and read after it.
    const { events, places } = await readMapRecords(this.db, caseId)
    return {
      events: new Map(events.map((e) => [e.id, e])),
      places: new Map(places.map((p) => [p.id, p])),
    }
  }

  private async readChanged(
    caseId: string,
    held: Held,
    keys: Readonly<Record<Table, readonly string[]>>,
  ): Promise<Held> {
    const { db } = this
    const [events, entities] = await db.transaction('r', db.events, db.entities, () =>
      Promise.all([db.events.bulkGet([...keys.events]), db.entities.bulkGet([...keys.entities])]),
    )
    const next: Held = {
      events: applyFound(
        caseId,
        held.events,
        keys.events,
        events.map((e) => (e ? toMapEvent(e) : undefined)),
      ),
      places: applyFound(
        caseId,
        held.places,
        keys.entities,
        entities.map((e) => (e ? toMapPlace(e) : undefined)),
      ),
    }
    return next.events === held.events && next.places === held.places ? held : next
  }
}

const caches = new WeakMap<CasefileDB, MapRecordsCache>()

/** The one `MapRecordsCache` of `db`, made on first use. */
export function mapRecordsCache(db: CasefileDB): MapRecordsCache {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new MapRecordsCache(db)))
  return cache
}

/** `caseId`'s records as the map reads them; undefined until the first read ends. */
export function useMapRecords(caseId: string): MapRecordsState | undefined {
  const cache = mapRecordsCache(getDb())
  const subscribe = useCallback(
    (listener: () => void) => cache.subscribe(caseId, listener),
    [cache, caseId],
  )
  return useSyncExternalStore(subscribe, () => cache.get(caseId))
}
