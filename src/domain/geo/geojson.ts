/**
 * The case's events as GeoJSON (RFC 7946): one FeatureCollection, one Feature per event and
 * place (an event at two places is two features with the same `eventId`), geometry a Point
 * in longitude, latitude order (WGS 84, no `crs` member, as the RFC requires), and the event
 * and place in `properties`: title, type and its conflict/cooperation family, dates (ISO
 * 8601), initiators and targets by name, the place's precision and radius and how it was
 * geocoded. Events with no place that has a position are kept, with `geometry: null` (RFC
 * 7946 §3.2), so the file lists every event.
 */
import { familyOf, typeLabel } from '../event-types'
import { eventPlaceIds } from '../event-places'
import type { EntityRecord, EventRecord } from '../types'
import { hasPosition } from './place'

/** A GeoJSON Feature as written here. */
export interface EventFeature {
  type: 'Feature'
  id: string
  geometry: { type: 'Point'; coordinates: [number, number] } | null
  properties: Record<string, string | number | string[] | null>
}

/** The written FeatureCollection. */
export interface EventFeatureCollection {
  type: 'FeatureCollection'
  features: EventFeature[]
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString())

/** The events as a GeoJSON FeatureCollection (see the module comment). */
export function eventsToGeoJson(
  events: readonly EventRecord[],
  entities: ReadonlyMap<string, EntityRecord>,
): EventFeatureCollection {
  const names = (ids: string[]) => ids.map((id) => entities.get(id)?.name ?? id)
  const features: EventFeature[] = []
  for (const e of events) {
    const base = {
      eventId: e.id,
      title: e.title,
      type: typeLabel(e.type),
      family: familyOf(e.type),
      start: iso(e.when?.start),
      end: iso(e.when?.end),
      initiators: names(e.initiators),
      targets: names(e.targets),
      evidence: e.evidence.length,
    }
    const places = eventPlaceIds(e)
      .map((id) => entities.get(id))
      .filter((p): p is EntityRecord => !!p && hasPosition(p.place))
    if (places.length === 0) {
      features.push({
        type: 'Feature',
        id: e.id,
        geometry: null,
        properties: { ...base, place: null, precision: null },
      })
      continue
    }
    for (const p of places) {
      const place = p.place!
      features.push({
        type: 'Feature',
        id: places.length > 1 ? `${e.id}@${p.id}` : e.id,
        geometry: { type: 'Point', coordinates: [place.lon!, place.lat!] },
        properties: {
          ...base,
          placeId: p.id,
          place: p.name,
          precision: place.precision,
          radiusKm: place.radiusKm ?? null,
          country: place.country ?? null,
          geocoded: place.source.kind === 'pinned' ? 'pinned by the analyst' : place.source.id,
        },
      })
    }
  }
  return { type: 'FeatureCollection', features }
}
