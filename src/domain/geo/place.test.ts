import { describe, expect, it } from 'vitest'
import { placeSchema } from '../record-schemas'
import type { GazetteerEntry } from './gazetteer'
import { describePlace, hasPosition, parseCoordinates, pinnedPlace, placeFromEntry } from './place'

const DOHA: GazetteerEntry = {
  id: 'geonames:290030',
  kind: 'city',
  name: 'Doha',
  country: 'QA',
  countryName: 'Qatar',
  lat: 25.28545,
  lon: 51.53096,
  population: 344939,
  capital: true,
}

describe('parseCoordinates', () => {
  it('reads decimal degrees, latitude first', () => {
    expect(parseCoordinates('25.117, 51.315')).toEqual({ ok: true, lat: 25.117, lon: 51.315 })
    expect(parseCoordinates('-33.9 18.4')).toEqual({ ok: true, lat: -33.9, lon: 18.4 })
  })

  it('reads degrees, minutes and seconds with hemispheres, in either order', () => {
    const r = parseCoordinates('25°07′N 51°19′E')
    expect(r.ok && r.lat).toBeCloseTo(25.1167, 3)
    expect(r.ok && r.lon).toBeCloseTo(51.3167, 3)
    const s = parseCoordinates('51°19′E, 25°07′N')
    expect(s.ok && s.lat).toBeCloseTo(25.1167, 3)
    const w = parseCoordinates('33°51\'35"S 151°12\'40"E')
    expect(w.ok && w.lat).toBeCloseTo(-33.8597, 3)
  })

  it('says what to type when it cannot read it, or a value is out of range', () => {
    expect(parseCoordinates('somewhere')).toMatchObject({ ok: false, error: /Type latitude/ })
    expect(parseCoordinates('25.117 N, 51.315')).toMatchObject({ ok: false })
    expect(parseCoordinates('95, 10')).toMatchObject({ ok: false, error: /between -90 and 90/ })
    expect(parseCoordinates('10, 190')).toMatchObject({ ok: false, error: /between -180 and 180/ })
  })
})

describe('places', () => {
  it('a confirmed city is a point, a country a country, and records its source', () => {
    const p = placeFromEntry(DOHA, 1)
    expect(p).toEqual({
      precision: 'point',
      lat: 25.28545,
      lon: 51.53096,
      country: 'QA',
      source: { kind: 'gazetteer', id: 'geonames:290030', name: 'Doha' },
      at: 1,
    })
    expect(placeSchema.safeParse(p).success).toBe(true)
    expect(placeFromEntry(DOHA, 1, 'near', 10).radiusKm).toBe(10)
    expect(describePlace(placeFromEntry(DOHA, 1, 'near', 10))).toBe(
      'Within 10 km of 25.2855° N, 51.5310° E · gazetteer: Doha',
    )
  })

  it('a pin keeps about a metre of precision and says it was pinned by hand', () => {
    const p = pinnedPlace(25.1173349, 51.3149401, 2)
    expect(p).toEqual({
      precision: 'point',
      lat: 25.11733,
      lon: 51.31494,
      source: { kind: 'pinned' },
      at: 2,
    })
    expect(describePlace(p)).toBe('Point 25.1173° N, 51.3149° E · pinned by the analyst')
    expect(hasPosition(p)).toBe(true)
    expect(hasPosition({ precision: 'unknown', source: { kind: 'pinned' }, at: 1 })).toBe(false)
    expect(describePlace(pinnedPlace(-10, -20, 3, 'country'))).toBe(
      'A country, centred on 10.0000° S, 20.0000° W · pinned by the analyst',
    )
  })
})
