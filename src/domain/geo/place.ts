/**
 * Places and their precision: making a place from a confirmed gazetteer candidate or from
 * coordinates the analyst typed or clicked, reading typed coordinates ("25.117, 51.315",
 * "25°07′N 51°19′E"), and saying in words how exactly a place is known. The precision
 * follows ACLED and UCDP: a point, near a point (within a radius), a region or a country
 * (the point is the area's centroid), or unknown.
 */
import type { PlacePrecision, PlaceValue } from '../types'
import type { GazetteerEntry } from './gazetteer'

/** The precisions in the order the analyst picks them, with their labels. */
export const PRECISIONS: readonly { id: PlacePrecision; label: string }[] = [
  { id: 'point', label: 'Exact point' },
  { id: 'near', label: 'Near (within a radius)' },
  { id: 'region', label: 'Somewhere in a region' },
  { id: 'country', label: 'Somewhere in a country' },
  { id: 'unknown', label: 'Unknown' },
]

/** The default radius of a `near` place, in km. */
export const DEFAULT_NEAR_KM = 25

/** The place a confirmed gazetteer candidate gives: a city is a point, a country a country. */
export function placeFromEntry(
  entry: GazetteerEntry,
  at: number,
  precision: PlacePrecision = entry.kind === 'country' ? 'country' : 'point',
  radiusKm = DEFAULT_NEAR_KM,
): PlaceValue {
  return {
    precision,
    lat: entry.lat,
    lon: entry.lon,
    ...(precision === 'near' ? { radiusKm } : {}),
    country: entry.country,
    source: { kind: 'gazetteer', id: entry.id, name: entry.name },
    at,
  }
}

/** A place pinned by the analyst at `lat`, `lon` (typed, or clicked on the map). */
export function pinnedPlace(
  lat: number,
  lon: number,
  at: number,
  precision: Exclude<PlacePrecision, 'unknown'> = 'point',
  options: { radiusKm?: number; country?: string } = {},
): PlaceValue {
  return {
    precision,
    lat: round(lat),
    lon: round(lon),
    ...(precision === 'near' ? { radiusKm: options.radiusKm ?? DEFAULT_NEAR_KM } : {}),
    ...(options.country ? { country: options.country } : {}),
    source: { kind: 'pinned' },
    at,
  }
}

/** Rounds degrees to 5 decimals (about a metre): what a typed or clicked pin keeps. */
function round(v: number): number {
  return Math.round(v * 1e5) / 1e5
}

const DMS =
  /^\s*(\d{1,3}(?:\.\d+)?)\s*°\s*(?:(\d{1,2}(?:\.\d+)?)\s*['′]\s*)?(?:(\d{1,2}(?:\.\d+)?)\s*["″]\s*)?([NSEW])\s*$/i

function parseDms(part: string): { value: number; axis: 'lat' | 'lon' } | undefined {
  const m = DMS.exec(part)
  if (!m) return undefined
  const value = Number(m[1]) + Number(m[2] ?? 0) / 60 + Number(m[3] ?? 0) / 3600
  const hemi = m[4]!.toUpperCase()
  return {
    value: hemi === 'S' || hemi === 'W' ? -value : value,
    axis: hemi === 'N' || hemi === 'S' ? 'lat' : 'lon',
  }
}

/**
 * Reads typed coordinates: decimal "lat, lon" ("25.117, 51.315", "-33.9 18.4") or degrees,
 * minutes and seconds with hemispheres ("25°07′N 51°19′E", either order). Returns an error
 * that says what to type when it cannot.
 */
export function parseCoordinates(
  text: string,
): { ok: true; lat: number; lon: number } | { ok: false; error: string } {
  const help = 'Type latitude, longitude in degrees, e.g. 25.117, 51.315 or 25°07′N 51°19′E.'
  const t = text.trim()
  if (!t) return { ok: false, error: help }
  const decimal = /^\s*([-+]?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$/.exec(t)
  let lat: number | undefined
  let lon: number | undefined
  if (decimal) {
    lat = Number(decimal[1])
    lon = Number(decimal[2])
  } else {
    const parts = t.split(/\s*,\s*|\s+(?=\d)/).filter(Boolean)
    if (parts.length !== 2) return { ok: false, error: help }
    const [a, b] = parts.map(parseDms)
    if (!a || !b || a.axis === b.axis) return { ok: false, error: help }
    lat = a.axis === 'lat' ? a.value : b.value
    lon = a.axis === 'lon' ? a.value : b.value
  }
  if (!(Math.abs(lat) <= 90))
    return { ok: false, error: `A latitude is between -90 and 90, not ${lat}. ${help}` }
  if (!(Math.abs(lon) <= 180))
    return { ok: false, error: `A longitude is between -180 and 180, not ${lon}. ${help}` }
  return { ok: true, lat, lon }
}

/** Whether a place has a position to draw. */
export function hasPosition<P extends Pick<PlaceValue, 'precision' | 'lat' | 'lon'>>(
  place: P | undefined,
): place is P & { lat: number; lon: number } {
  return (
    !!place && place.precision !== 'unknown' && place.lat !== undefined && place.lon !== undefined
  )
}

/** "25.11700° N, 51.31500° E" */
export function formatLatLon(lat: number, lon: number): string {
  const f = (v: number, pos: string, neg: string) =>
    `${Math.abs(v).toFixed(4)}° ${v < 0 ? neg : pos}`
  return `${f(lat, 'N', 'S')}, ${f(lon, 'E', 'W')}`
}

/** How a place is known, in words: "Point 25.1170° N, 51.3150° E · pinned by the analyst". */
export function describePlace(place: PlaceValue): string {
  const source =
    place.source.kind === 'pinned' ? 'pinned by the analyst' : `gazetteer: ${place.source.name}`
  if (!hasPosition(place)) return `Unknown position · ${source}`
  const where = formatLatLon(place.lat, place.lon)
  const how =
    place.precision === 'point'
      ? 'Point'
      : place.precision === 'near'
        ? `Within ${place.radiusKm ?? DEFAULT_NEAR_KM} km of`
        : place.precision === 'region'
          ? 'A region, centred on'
          : 'A country, centred on'
  return `${how} ${where} · ${source}`
}
