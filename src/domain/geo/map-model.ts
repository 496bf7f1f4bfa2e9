/**
 * The map's model: which events sit at which place, and which have none. An event is drawn at
 * each of its places that has a position (an event at Fordow and Natanz is at both); events
 * whose places have no position, or that have no place, are listed apart. The records are
 * prepared once (`prepareMap`, which also indexes them by time) so that a time-window or focus
 * change (`buildMapModel`) only finds the window's events by binary search and counts them —
 * the map follows the timeline's window as it is dragged.
 * Clustering (`clusterMarkers`) merges markers that would overlap on screen, heaviest first,
 * over a grid so it stays linear in the number of markers.
 */
import { familyOf, type EventFamily } from '../event-types'
import type { EventRecord, PlacePrecision, PlaceValue } from '../types'
import { hasPosition } from './place'
import { buildTimeIndex, indexesInWindow, type TimeIndex } from './time-index'

/**
 * What the map reads of an event: the record without its notes, stances, confidence and edit
 * times, and with only the time it draws (start, end, precision; no uncertainty band or
 * zone). A whole `EventRecord` is one; the map pane reads them from the store's compact copy
 * (db/map-points.ts).
 */
export type MapEvent = Pick<
  EventRecord,
  'id' | 'caseId' | 'title' | 'type' | 'initiators' | 'targets' | 'locationIds' | 'evidence'
> &
  Partial<Pick<EventRecord, 'locationId' | 'when'>>

/**
 * What the map reads of a location entity: its name and position (no aliases, source or
 * dates). A whole `EntityRecord` is one; the map pane reads them from the store's compact copy
 * (db/map-points.ts), which holds only the entities with a position.
 */
export interface MapPlaceEntity {
  id: string
  caseId: string
  name: string
  place?: Pick<PlaceValue, 'precision' | 'lat' | 'lon' | 'radiusKm'>
}

/** A place with its events (those the filter keeps). */
export interface MapPlace {
  /** The location entity's id. */
  id: string
  name: string
  lat: number
  lon: number
  precision: Exclude<PlacePrecision, 'unknown'>
  radiusKm?: number
  eventIds: string[]
  families: Record<EventFamily, number>
  /**
   * Those of `eventIds` that are also at another place shown (an event at Fordow and Natanz),
   * when there are any: a cluster of both counts such an event once.
   */
  shared?: string[]
}

/** What the filter kept: places with their events, and events with no place to draw. */
export interface MapModel<E extends MapEvent = MapEvent> {
  places: MapPlace[]
  /** Events the filter keeps that have no place with a position. */
  unplaced: E[]
  /** How many events the filter keeps (placed or not). */
  shown: number
  /** How many the filter left out. */
  hidden: number
}

/** The map's filter: the timeline's window and the actor in focus. */
export interface MapFilter {
  window?: { start: number; end: number }
  /** Only events this actor initiated or was the target of. */
  actorId?: string
}

/**
 * Records prepared once for many `buildMapModel` calls. Per event only numbers are kept, in
 * flat typed arrays (no object or array per event): its family, and its places as a stretch
 * of one list of place indexes.
 */
export interface PreparedMap<E extends MapEvent = MapEvent> {
  places: Omit<MapPlace, 'eventIds' | 'families' | 'shared'>[]
  /** The case's events, in the order given. */
  events: readonly E[]
  /** Each event's family, as its slot in `FAMILY_SLOT`. */
  families: Uint8Array
  /** Event `i`'s places are `placeIndexes[placeStart[i]]` up to `placeIndexes[placeStart[i + 1]]`. */
  placeStart: Int32Array
  /** Indexes into `places`. */
  placeIndexes: Int32Array
  /** The events by time, for a window's binary search. */
  time: TimeIndex
}

/** Prepares the case's events and places for the map (see the module comment). */
export function prepareMap<E extends MapEvent>(
  events: readonly E[],
  entities: ReadonlyMap<string, Omit<MapPlaceEntity, 'id' | 'caseId'>>,
): PreparedMap<E> {
  const places: PreparedMap['places'] = []
  /** Place index by entity id; -1: the entity is no place with a position. */
  const index = new Map<string, number>()
  const placeAt = (id: string): number => {
    const known = index.get(id)
    if (known !== undefined) return known
    const entity = entities.get(id)
    if (!entity || !hasPosition(entity.place)) {
      index.set(id, -1)
      return -1
    }
    const p = entity.place
    const precision = p.precision as MapPlace['precision']
    places.push({
      id,
      name: entity.name,
      lat: p.lat,
      lon: p.lon,
      precision,
      ...(p.precision === 'near' && p.radiusKm !== undefined ? { radiusKm: p.radiusKm } : {}),
    })
    index.set(id, places.length - 1)
    return places.length - 1
  }
  const n = events.length
  const families = new Uint8Array(n)
  const placeStart = new Int32Array(n + 1)
  let placeIndexes = new Int32Array(n)
  let used = 0
  const familySlot = new Map<string, number>()
  const whens = new Array<EventRecord['when']>(n)
  for (let i = 0; i < n; i++) {
    const event = events[i]!
    whens[i] = event.when
    let slot = familySlot.get(event.type)
    if (slot === undefined) familySlot.set(event.type, (slot = FAMILY_SLOT[familyOf(event.type)]))
    families[i] = slot
    placeStart[i] = used
    // eventPlaceIds' rule (old `locationId` included, repeats once), without a Set per event.
    const ids = event.locationIds ?? (event.locationId ? [event.locationId] : EMPTY)
    for (let k = 0; k < ids.length; k++) {
      const at = placeAt(ids[k]!)
      if (at < 0) continue
      let repeat = false
      for (let j = placeStart[i]!; j < used; j++) if (placeIndexes[j] === at) repeat = true
      if (repeat) continue
      if (used === placeIndexes.length) {
        const grown = new Int32Array(placeIndexes.length * 2 + 8)
        grown.set(placeIndexes)
        placeIndexes = grown
      }
      placeIndexes[used++] = at
    }
  }
  placeStart[n] = used
  return {
    places,
    events,
    families,
    placeStart,
    placeIndexes: placeIndexes.subarray(0, used),
    time: buildTimeIndex(whens),
  }
}

const EMPTY: readonly string[] = []

/**
 * The places and events the filter keeps (see the module comment). A window visits only the
 * events the time index finds in it; the events keep their order in the case's list.
 */
export function buildMapModel<E extends MapEvent>(
  prepared: PreparedMap<E>,
  filter: MapFilter = {},
): MapModel<E> {
  const { events, placeStart, placeIndexes } = prepared
  const eventIds: (string[] | undefined)[] = new Array(prepared.places.length)
  const shared: (string[] | undefined)[] = new Array(prepared.places.length)
  const families = new Int32Array(prepared.places.length * 3)
  const unplaced: E[] = []
  const actor = filter.actorId
  let shown = 0
  const visit = (k: number): void => {
    const e = events[k]!
    if (actor && !e.initiators.includes(actor) && !e.targets.includes(actor)) return
    shown++
    const from = placeStart[k]!
    const to = placeStart[k + 1]!
    if (from === to) unplaced.push(e)
    const family = prepared.families[k]!
    for (let j = from; j < to; j++) {
      const i = placeIndexes[j]!
      const list = eventIds[i]
      if (list) list.push(e.id)
      else eventIds[i] = [e.id]
      families[i * 3 + family]! += 1
      if (to - from > 1) (shared[i] ??= []).push(e.id)
    }
  }
  if (filter.window) {
    for (const i of indexesInWindow(prepared.time, filter.window)) visit(i)
  } else {
    for (let i = 0; i < events.length; i++) visit(i)
  }
  const places: MapPlace[] = []
  prepared.places.forEach((place, i) => {
    const ids = eventIds[i]
    if (!ids) return
    const f = i * 3
    places.push({
      ...place,
      eventIds: ids,
      families: {
        conflict: families[f]!,
        cooperation: families[f + 1]!,
        neutral: families[f + 2]!,
      },
      ...(shared[i] ? { shared: shared[i] } : {}),
    })
  })
  return { places, unplaced, shown, hidden: events.length - shown }
}

/** Where each family is counted in `buildMapModel`'s flat array. */
const FAMILY_SLOT: Record<EventFamily, number> = { conflict: 0, cooperation: 1, neutral: 2 }

/** The family a marker is coloured by: the larger of conflict and cooperation, else neutral. */
export function dominantFamily(families: Record<EventFamily, number>): EventFamily {
  if (families.conflict > families.cooperation) return 'conflict'
  if (families.cooperation > families.conflict) return 'cooperation'
  return families.conflict > 0 ? 'conflict' : 'neutral'
}

/** A place projected to the screen. */
export interface ScreenPlace {
  place: MapPlace
  x: number
  y: number
}

/** One drawn marker: a place, or a cluster of places that would overlap. */
export interface MapMarker {
  /** The place id, or `cluster:` and the first place's id. */
  id: string
  x: number
  y: number
  places: MapPlace[]
  /** Events at its places (an event at two of them counts once). */
  count: number
  families: Record<EventFamily, number>
}

/** The radius in px of a marker holding `count` events (area grows with the count). */
export function markerRadius(count: number): number {
  return Math.min(28, 5 + 3.2 * Math.sqrt(Math.max(1, count) - 1) + (count > 1 ? 2 : 0))
}

/**
 * Merges places closer than `distance` px into clusters (heaviest first; a cluster sits at
 * its places' event-weighted centre). Grid-bucketed: linear in the number of places.
 */
export function clusterMarkers(points: readonly ScreenPlace[], distance = 18): MapMarker[] {
  const sorted = [...points].sort(
    (a, b) =>
      b.place.eventIds.length - a.place.eventIds.length || (a.place.id < b.place.id ? -1 : 1),
  )
  const cell = Math.max(1, distance)
  // Cells keyed by one number (row × a stride past any column), not a string per look-up.
  const stride = 1 << 20
  const grid = new Map<number, number[]>()
  const clusters: { seed: ScreenPlace; members: ScreenPlace[] }[] = []
  for (const p of sorted) {
    const cx = Math.floor(p.x / cell)
    const cy = Math.floor(p.y / cell)
    let joined = -1
    for (let dx = -1; dx <= 1 && joined < 0; dx++) {
      for (let dy = -1; dy <= 1 && joined < 0; dy++) {
        for (const c of grid.get((cy + dy) * stride + cx + dx) ?? []) {
          const s = clusters[c]!.seed
          if (Math.hypot(s.x - p.x, s.y - p.y) < distance) {
            joined = c
            break
          }
        }
      }
    }
    if (joined >= 0) clusters[joined]!.members.push(p)
    else {
      clusters.push({ seed: p, members: [p] })
      const key = cy * stride + cx
      const list = grid.get(key)
      if (list) list.push(clusters.length - 1)
      else grid.set(key, [clusters.length - 1])
    }
  }
  return clusters.map(({ seed, members }) => {
    const families = { conflict: 0, cooperation: 0, neutral: 0 }
    let wx = 0
    let wy = 0
    let w = 0
    // An event at two of the cluster's places counts once: only `shared` ids can repeat.
    let count = 0
    const seen = new Set<string>()
    for (const m of members) {
      const n = m.place.eventIds.length
      wx += m.x * n
      wy += m.y * n
      w += n
      count += n
      for (const id of m.place.shared ?? []) {
        if (seen.has(id)) count--
        else seen.add(id)
      }
      families.conflict += m.place.families.conflict
      families.cooperation += m.place.families.cooperation
      families.neutral += m.place.families.neutral
    }
    return {
      id: members.length > 1 ? `cluster:${seed.place.id}` : seed.place.id,
      x: members.length > 1 ? wx / w : seed.x,
      y: members.length > 1 ? wy / w : seed.y,
      places: members.map((m) => m.place),
      count,
      families,
    }
  })
}
