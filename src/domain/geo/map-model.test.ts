import { describe, expect, it } from 'vitest'
import { overlapsWindow } from '../graph-model'
import type { EntityRecord, EventRecord, PlaceValue } from '../types'
import { eventsToGeoJson } from './geojson'
import {
  buildMapModel,
  clusterMarkers,
  dominantFamily,
  prepareMap,
  type MapPlace,
} from './map-model'

const DAY = 86_400_000
const T0 = Date.UTC(2025, 5, 21)

function place(id: string, name: string, lat: number, lon: number, p: Partial<PlaceValue> = {}) {
  return {
    id,
    caseId: 'c',
    kind: 'location',
    name,
    aliases: [],
    createdAt: 0,
    place: { precision: 'point', lat, lon, source: { kind: 'pinned' }, at: 0, ...p },
  } as EntityRecord
}

function event(id: string, type: string, day: number, places: string[], actors = ['iran']) {
  return {
    id,
    caseId: 'c',
    title: id,
    type,
    initiators: actors,
    targets: ['us'],
    locationIds: places,
    when: { start: T0 + day * DAY, precision: 'day', approximate: false },
    evidence: ['a1'],
    createdAt: 0,
    updatedAt: 0,
  } as EventRecord
}

const entities = new Map<string, EntityRecord>([
  ['udeid', place('udeid', 'Al Udeid Air Base', 25.117, 51.315)],
  ['moscow', place('moscow', 'Moscow', 55.75, 37.62, { precision: 'near', radiusKm: 30 })],
  ['nowhere', { ...place('nowhere', 'Nowhere', 0, 0), place: undefined }],
  ['iran', place('iran', 'Iran', 32.5, 54.4, { precision: 'country' })],
])
const events = [
  event('strike', 'assault', 2, ['udeid']),
  event('meeting', 'consult', 2, ['moscow'], ['iran', 'russia']),
  event('weekend', 'assault', 0, ['iran', 'udeid'], ['us']),
  event('unplaced', 'statement', 1, ['nowhere']),
  event('noplace', 'statement', 1, []),
]

describe('buildMapModel', () => {
  it('puts each event at each of its places with a position, and lists the rest apart', () => {
    const model = buildMapModel(prepareMap(events, entities))
    const by = new Map(model.places.map((p) => [p.name, p]))
    expect(by.get('Al Udeid Air Base')?.eventIds).toEqual(['strike', 'weekend'])
    expect(by.get('Al Udeid Air Base')?.families).toEqual({
      conflict: 2,
      cooperation: 0,
      neutral: 0,
    })
    expect(by.get('Moscow')).toMatchObject({
      precision: 'near',
      radiusKm: 30,
      eventIds: ['meeting'],
    })
    expect(by.get('Iran')).toMatchObject({ precision: 'country', eventIds: ['weekend'] })
    expect(model.unplaced.map((e) => e.id)).toEqual(['unplaced', 'noplace'])
    expect(model.shown).toBe(5)
    expect(model.hidden).toBe(0)
  })

  it('follows the time window and the actor in focus', () => {
    const prepared = prepareMap(events, entities)
    const weekend = buildMapModel(prepared, { window: { start: T0, end: T0 + 2 * DAY - 1 } })
    expect(weekend.places.map((p) => p.name).sort()).toEqual(['Al Udeid Air Base', 'Iran'])
    expect(weekend.places.find((p) => p.name === 'Al Udeid Air Base')?.eventIds).toEqual([
      'weekend',
    ])
    expect(weekend.hidden).toBe(2)
    const russia = buildMapModel(prepared, { actorId: 'russia' })
    expect(russia.places.map((p) => p.name)).toEqual(['Moscow'])
    expect(russia.shown).toBe(1)
  })
})

describe('buildMapModel over the time index', () => {
  it('keeps what testing every event against the window keeps, in the same order', () => {
    let seed = 3
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    const ids = [...entities.keys()]
    const many = Array.from({ length: 2_000 }, (_, i) => {
      const e = event(`e${i}`, i % 2 ? 'assault' : 'consult', Math.floor(random() * 400), [
        ids[Math.floor(random() * ids.length)]!,
        ...(i % 7 ? [] : [ids[Math.floor(random() * ids.length)]!]),
      ])
      if (i % 13 === 0) return { ...e, when: undefined }
      if (i % 11 === 0) e.when = { ...e.when!, end: e.when!.start + 30 * DAY }
      return e
    })
    const prepared = prepareMap(many, entities)
    const window = { start: T0 + 100 * DAY, end: T0 + 160 * DAY }
    const model = buildMapModel(prepared, { window, actorId: 'iran' })
    const kept = many.filter(
      (e) => e.when && overlapsWindow(e.when, window) && e.initiators.includes('iran'),
    )
    expect(model.shown).toBe(kept.length)
    expect(model.hidden).toBe(many.length - kept.length)
    const udeid = model.places.find((p) => p.id === 'udeid')!
    expect(udeid.eventIds).toEqual(
      kept.filter((e) => e.locationIds!.includes('udeid')).map((e) => e.id),
    )
    expect(model.unplaced.map((e) => e.id)).toEqual(
      kept.filter((e) => e.locationIds!.every((id) => id === 'nowhere')).map((e) => e.id),
    )
  })

  it('counts an event at two places of one cluster once', () => {
    const model = buildMapModel(prepareMap(events, entities))
    const iran = model.places.find((p) => p.id === 'iran')!
    const udeid = model.places.find((p) => p.id === 'udeid')!
    expect(iran.shared).toEqual(['weekend'])
    expect(udeid.shared).toEqual(['weekend'])
    const [cluster] = clusterMarkers(
      [
        { place: iran, x: 0, y: 0 },
        { place: udeid, x: 5, y: 0 },
      ],
      18,
    )
    // strike and weekend at Al Udeid, weekend in Iran: two events.
    expect(cluster!.count).toBe(2)
  })
})

describe('clusterMarkers', () => {
  const at = (id: string, n: number, x: number, y: number) => ({
    place: {
      id,
      name: id,
      lat: 0,
      lon: 0,
      precision: 'point',
      eventIds: Array.from({ length: n }, (_, i) => `${id}${i}`),
      families: { conflict: n, cooperation: 0, neutral: 0 },
    } as MapPlace,
    x,
    y,
  })

  it('merges places closer than the distance, at their weighted centre, heaviest first', () => {
    const markers = clusterMarkers([at('a', 1, 0, 0), at('b', 3, 10, 0), at('c', 1, 100, 100)], 18)
    expect(markers).toHaveLength(2)
    const cluster = markers.find((m) => m.places.length === 2)!
    expect(cluster.id).toBe('cluster:b')
    expect(cluster.count).toBe(4)
    expect(cluster.x).toBeCloseTo(7.5)
    expect(markers.find((m) => m.id === 'c')?.count).toBe(1)
  })

  it('puts each of 10,000 crowded places in exactly one marker', () => {
    const points = Array.from({ length: 10_000 }, (_, i) =>
      at(`p${i}`, 1, (i % 100) * 5, Math.floor(i / 100) * 5),
    )
    const markers = clusterMarkers(points, 18)
    expect(markers.reduce((n, m) => n + m.places.length, 0)).toBe(10_000)
    expect(markers.length).toBeLessThan(1_000)
  })

  it('colours by the larger family', () => {
    expect(dominantFamily({ conflict: 2, cooperation: 1, neutral: 5 })).toBe('conflict')
    expect(dominantFamily({ conflict: 0, cooperation: 1, neutral: 0 })).toBe('cooperation')
    expect(dominantFamily({ conflict: 0, cooperation: 0, neutral: 3 })).toBe('neutral')
  })
})

describe('eventsToGeoJson', () => {
  it('is an RFC 7946 FeatureCollection: longitude first, one feature per event and place', () => {
    const fc = eventsToGeoJson(events, entities)
    expect(fc.type).toBe('FeatureCollection')
    expect(fc).not.toHaveProperty('crs')
    const strike = fc.features.find((f) => f.id === 'strike')!
    expect(strike.geometry).toEqual({ type: 'Point', coordinates: [51.315, 25.117] })
    expect(strike.properties).toMatchObject({
      title: 'strike',
      type: 'Assault / strike',
      family: 'conflict',
      start: '2025-06-23T00:00:00.000Z',
      place: 'Al Udeid Air Base',
      precision: 'point',
      geocoded: 'pinned by the analyst',
    })
    expect(fc.features.filter((f) => f.properties.eventId === 'weekend').map((f) => f.id)).toEqual([
      'weekend@iran',
      'weekend@udeid',
    ])
    expect(fc.features.find((f) => f.id === 'noplace')?.geometry).toBeNull()
    expect(JSON.parse(JSON.stringify(fc))).toEqual(fc)
  })
})

describe('prepareMap, numbers per event', () => {
  it('keeps each event’s family and places in flat typed arrays, not an object per event', () => {
    const { locationIds: _ids, ...old } = event('old', 'consult', 3, [])
    const list = [
      event('strike', 'assault', 2, ['udeid', 'udeid', 'nowhere', 'moscow']),
      { ...old, locationId: 'moscow' } as EventRecord,
      event('noplace', 'statement', 1, ['nowhere']),
    ]
    const prepared = prepareMap(list, entities)
    expect(prepared.families).toBeInstanceOf(Uint8Array)
    expect(prepared.placeStart).toBeInstanceOf(Int32Array)
    expect(prepared.placeIndexes).toBeInstanceOf(Int32Array)
    const placesOf = (i: number) =>
      [...prepared.placeIndexes.subarray(prepared.placeStart[i], prepared.placeStart[i + 1])].map(
        (k) => prepared.places[k]!.id,
      )
    // A repeated place once, a place without a position left out, an old record's one place.
    expect(placesOf(0)).toEqual(['udeid', 'moscow'])
    expect(placesOf(1)).toEqual(['moscow'])
    expect(placesOf(2)).toEqual([])
    expect([...prepared.families]).toEqual([0, 1, 2])
  })
})
