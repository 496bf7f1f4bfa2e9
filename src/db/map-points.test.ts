import { describe, expect, it } from 'vitest'
import { freshDbEachTest } from '../test/store'
import type { EntityRecord, EventRecord } from '../domain/types'
import { pinnedPlace } from '../domain/geo/place'
import { exportCase, restoreBackup } from './backup'
import { deleteCase } from './cases'
import { createEvent, deleteEvent, updateEvent } from './events'
import { redo, undo } from './history'
import {
  decodeMapPoints,
  encodeMapPoints,
  MAP_POINT_BUCKETS,
  mapBucketOf,
  PLACES_ROW,
  readMapEvents,
  readMapRecords,
  toMapEvent,
  toMapPlace,
} from './map-points'
import { setEntityPlace } from './places'
import { sweepOrphans } from './purge'
import type { CasefileDB } from './schema'
import { createEntity } from './tags'
import { seedRealisticCase } from './test-fixtures'

const db = freshDbEachTest('test-map-points')

function event(i: number, caseId = 'case-a', extra: Partial<EventRecord> = {}): EventRecord {
  return {
    id: `event-${String(i).padStart(4, '0')}`,
    caseId,
    title: `Event ${i}`,
    type: 'assault/strike',
    initiators: [`actor-${i % 7}`],
    targets: [`actor-${(i + 1) % 7}`],
    locationIds: i % 5 ? [`place-${i % 11}`] : [],
    when: {
      start: i * 86_400_000,
      end: (i + 1) * 86_400_000,
      precision: 'day',
      approximate: false,
      earliest: (i - 1) * 86_400_000,
      zone: 'Asia/Tehran',
    },
    evidence: [`ann-${i}`],
    confidence: 2,
    notes: 'Notes the map never reads',
    createdAt: 1,
    updatedAt: 2,
    ...extra,
  }
}

/** What the map's copy should hold for `caseId`: the map's view of its events, by id. */
async function expected(store: CasefileDB, caseId: string) {
  const events = await store.events.where('caseId').equals(caseId).toArray()
  return events.map(toMapEvent)
}

describe('mapBucketOf', () => {
  it('spreads ids over the buckets, the same id always to the same one', () => {
    const used = new Set<number>()
    for (let i = 0; i < 2000; i++) {
      const b = mapBucketOf(`event-${i}`)
      expect(b).toBeGreaterThanOrEqual(0)
      expect(b).toBeLessThan(MAP_POINT_BUCKETS)
      expect(mapBucketOf(`event-${i}`)).toBe(b)
      used.add(b)
    }
    expect(used.size).toBe(MAP_POINT_BUCKETS)
  })
})

describe('toMapEvent', () => {
  it('keeps what the map reads: no notes, confidence, edit times, band or zone', () => {
    const m = toMapEvent(event(3, 'case-a', { stances: { 'ann-3': 'supports' } }))
    expect(m).toEqual({
      id: 'event-0003',
      caseId: 'case-a',
      title: 'Event 3',
      type: 'assault/strike',
      initiators: ['actor-3'],
      targets: ['actor-4'],
      locationIds: ['place-3'],
      when: { start: 3 * 86_400_000, end: 4 * 86_400_000, precision: 'day', approximate: false },
      evidence: ['ann-3'],
    })
  })

  it('reads the places as eventPlaceIds does: an old single place, each place once', () => {
    const old = event(1, 'case-a', { locationIds: undefined, locationId: 'place-9' })
    expect(toMapEvent(old).locationIds).toEqual(['place-9'])
    expect(toMapEvent(event(2, 'case-a', { locationIds: ['p', 'q', 'p'] })).locationIds).toEqual([
      'p',
      'q',
    ])
    expect('locationIds' in toMapEvent(event(5))).toBe(false)
    expect('when' in toMapEvent(event(2, 'case-a', { when: undefined }))).toBe(false)
  })

  it('copies what a writer left out as empty, so every column has a value per event', () => {
    const partial = { id: 'e', caseId: 'c' } as EventRecord
    const m = toMapEvent(partial)
    expect(m).toEqual({
      id: 'e',
      caseId: 'c',
      title: '',
      type: '',
      initiators: [],
      targets: [],
      evidence: [],
    })
    expect(decodeMapPoints(encodeMapPoints('c', 0, [m]))).toEqual([m])
  })
})

describe('encodeMapPoints / decodeMapPoints', () => {
  it('give back the events as they went in, by column', () => {
    const events = [
      toMapEvent(event(1, 'case-a', { locationIds: ['p1', 'p2'], evidence: [] })),
      toMapEvent(event(2, 'case-a', { when: undefined, initiators: [], targets: ['a', 'b'] })),
      toMapEvent(
        event(3, 'case-a', {
          when: { start: -5, precision: 'minute', approximate: true },
          title: 'Zero \u0000 and tab\t in a title',
        }),
      ),
      toMapEvent(event(5)),
    ]
    const row = encodeMapPoints('case-a', 7, events)
    expect(row.start).toBeInstanceOf(Float64Array)
    expect(row.id).toEqual(events.map((e) => e.id))
    expect(row.places).toEqual(['p1', 'p2', 'place-2', 'place-3'])
    expect(decodeMapPoints(row)).toEqual(events)
    expect(decodeMapPoints(encodeMapPoints('case-a', 0, []))).toEqual([])
  })
})

describe('mapPoints follows every write to events', () => {
  it('bulk adds, puts and deletes, per case, in id order, in at most 32 rows a case', async () => {
    const store = db()
    await store.events.bulkAdd(Array.from({ length: 300 }, (_, i) => event(i)))
    await store.events.bulkAdd(Array.from({ length: 20 }, (_, i) => event(1000 + i, 'case-b')))
    expect(await readMapEvents(store, 'case-a')).toEqual(await expected(store, 'case-a'))
    expect(await readMapEvents(store, 'case-b')).toEqual(await expected(store, 'case-b'))
    expect((await readMapEvents(store, 'case-a')).length).toBe(300)
    expect(await store.mapPoints.where('caseId').equals('case-a').count()).toBeLessThanOrEqual(
      MAP_POINT_BUCKETS,
    )
    await store.events.put(event(5, 'case-a', { title: 'Renamed', locationIds: ['place-x'] }))
    await store.events.update('event-0006', { initiators: ['actor-0', 'actor-1'] })
    await store.events.bulkDelete(['event-0007', 'event-0008', 'no-such-event'])
    await store.events.where('id').between('event-0100', 'event-0200').delete()
    const now = await readMapEvents(store, 'case-a')
    expect(now).toEqual(await expected(store, 'case-a'))
    expect(now.find((e) => e.id === 'event-0005')).toMatchObject({
      title: 'Renamed',
      locationIds: ['place-x'],
    })
    expect(now.find((e) => e.id === 'event-0006')?.initiators).toEqual(['actor-0', 'actor-1'])
    expect(now.some((e) => e.id === 'event-0007' || e.id === 'event-0150')).toBe(false)
    expect(now.length).toBe(300 - 2 - 100)
    // The other case's copy is untouched.
    expect((await readMapEvents(store, 'case-b')).length).toBe(20)
  })

  it('several writes of one transaction, not awaited one by one, lose nothing', async () => {
    const store = db()
    await store.transaction('rw', store.events, () =>
      Promise.all(Array.from({ length: 200 }, (_, i) => store.events.add(event(i)))),
    )
    await store.transaction('rw', store.events, () =>
      Promise.all([
        ...Array.from({ length: 100 }, (_, i) => store.events.delete(event(i).id)),
        ...Array.from({ length: 50 }, (_, i) => store.events.put(event(500 + i))),
      ]),
    )
    const now = await readMapEvents(store, 'case-a')
    expect(now).toEqual(await expected(store, 'case-a'))
    expect(now.length).toBe(150)
  })

  it('a transaction that fails keeps neither the events nor their copy', async () => {
    const store = db()
    await store.events.add(event(1))
    await expect(
      store.transaction('rw', store.events, async () => {
        await store.events.add(event(2))
        await store.events.delete(event(1).id)
        throw new Error('the form said no')
      }),
    ).rejects.toThrow('the form said no')
    expect((await readMapEvents(store, 'case-a')).map((e) => e.id)).toEqual([event(1).id])
  })

  it('clearing the events table empties the copy', async () => {
    const store = db()
    await store.events.bulkAdd([event(1), event(2, 'case-b')])
    await store.events.clear()
    expect(await store.mapPoints.count()).toBe(0)
  })

  it('follows the editors, undo and redo', async () => {
    const store = db()
    const { caseRecord } = await seedRealisticCase(store)
    const caseId = caseRecord.id
    const a = await createEntity(store, caseId, { name: 'Iran', kind: 'state' })
    const b = await createEntity(store, caseId, { name: 'Qatar', kind: 'state' })
    const input = {
      title: 'Strike',
      type: 'assault/strike',
      initiators: [a.id],
      targets: [b.id],
      evidence: [],
    }
    const e = await createEvent(store, caseId, input)
    const has = async () => (await readMapEvents(store, caseId)).find((x) => x.id === e.id)
    expect(await has()).toMatchObject({ title: 'Strike', initiators: [a.id] })
    await updateEvent(store, e.id, { ...input, title: 'Air strike', initiators: [b.id] })
    expect(await has()).toMatchObject({ title: 'Air strike', initiators: [b.id] })
    await undo(store, caseId)
    expect(await has()).toMatchObject({ title: 'Strike', initiators: [a.id] })
    await deleteEvent(store, e.id)
    expect(await has()).toBeUndefined()
    await undo(store, caseId)
    expect(await has()).toBeDefined()
    await redo(store, caseId)
    expect(await has()).toBeUndefined()
    expect(await readMapEvents(store, caseId)).toEqual(await expected(store, caseId))
  })

  it('a restored case has its copy; a deleted case leaves none', async () => {
    const store = db()
    const seeded = await seedRealisticCase(store)
    const caseId = seeded.caseRecord.id
    expect((await expected(store, caseId)).length).toBeGreaterThan(0)
    const bytes = await exportCase(store, caseId)
    const restored = await restoreBackup(
      store,
      new ReadableStream({
        start(c) {
          c.enqueue(bytes)
          c.close()
        },
      }),
    )
    expect(restored.ok).toBe(true)
    if (!restored.ok) return
    const copyId = restored.value.caseId
    expect(await readMapEvents(store, copyId)).toEqual(await expected(store, copyId))
    expect((await readMapEvents(store, copyId)).length).toBe((await expected(store, caseId)).length)
    await deleteCase(store, copyId)
    expect(await store.mapPoints.where('caseId').equals(copyId).count()).toBe(0)
    expect(await readMapEvents(store, caseId)).toEqual(await expected(store, caseId))
  })

  it('the orphan sweep removes rows of cases that no longer exist', async () => {
    const store = db()
    // A row left behind by a case deleted elsewhere (written past the middleware's events).
    await store.mapPoints.put(encodeMapPoints('gone', 3, [toMapEvent(event(1, 'gone'))]))
    await sweepOrphans(store)
    expect(await store.mapPoints.where('caseId').equals('gone').count()).toBe(0)
  })

  it('reads nothing of another case whose id sorts next to it', async () => {
    const store = db()
    await store.events.bulkAdd([event(1, 'case'), event(2, 'case-a'), event(3, 'cas')])
    expect((await readMapEvents(store, 'case')).map((e) => e.id)).toEqual([event(1).id])
  })
})

describe('the places row follows every write to entities', () => {
  function entity(i: number, caseId = 'case-a', extra: Partial<EntityRecord> = {}): EntityRecord {
    return {
      id: `entity-${String(i).padStart(4, '0')}`,
      caseId,
      kind: 'location',
      name: `Place ${i}`,
      aliases: [`Alias ${i}`],
      createdAt: 1,
      ...(i % 4
        ? {
            place: {
              precision: i % 4 === 1 ? 'near' : 'point',
              lat: i / 10,
              lon: -i / 10,
              ...(i % 4 === 1 ? { radiusKm: i } : {}),
              source: { kind: 'pinned' },
              at: 1,
            },
          }
        : {}),
      ...extra,
    } as EntityRecord
  }

  /** What the places row should hold for `caseId`: its entities with a position, by id. */
  async function places(store: CasefileDB, caseId: string) {
    const all = await store.entities.where('caseId').equals(caseId).toArray()
    return all.map(toMapPlace).filter((p) => p !== undefined)
  }

  it('holds only the entities with a position, and follows adds, edits and deletes', async () => {
    const store = db()
    await store.entities.bulkAdd(Array.from({ length: 40 }, (_, i) => entity(i)))
    await store.entities.bulkAdd([entity(100, 'case-b'), entity(101, 'case-b', { kind: 'state' })])
    const first = await readMapRecords(store, 'case-a')
    expect(first.places).toEqual(await places(store, 'case-a'))
    expect(first.places).toHaveLength(30)
    expect(first.places.find((p) => p.id === 'entity-0001')).toEqual({
      id: 'entity-0001',
      caseId: 'case-a',
      name: 'Place 1',
      place: { precision: 'near', lat: 0.1, lon: -0.1, radiusKm: 1 },
    })
    // Renamed, moved, its position taken away (unknown), given one, deleted.
    await store.entities.update('entity-0002', { name: 'Doha' })
    await store.entities.put(entity(3, 'case-a', { place: { ...entity(3).place!, lat: 9 } }))
    await store.entities.update('entity-0005', {
      place: { precision: 'unknown', source: { kind: 'pinned' }, at: 2 },
    })
    await store.entities.update('entity-0004', { place: entity(6).place })
    await store.entities.bulkDelete(['entity-0006', 'entity-0008', 'no-such-entity'])
    await store.entities.where('id').between('entity-0030', 'entity-0040').delete()
    const now = (await readMapRecords(store, 'case-a')).places
    expect(now).toEqual(await places(store, 'case-a'))
    expect(now.find((p) => p.id === 'entity-0002')?.name).toBe('Doha')
    expect(now.find((p) => p.id === 'entity-0003')?.place?.lat).toBe(9)
    expect(now.some((p) => p.id === 'entity-0005' || p.id === 'entity-0006')).toBe(false)
    expect(now.some((p) => p.id === 'entity-0004')).toBe(true)
    expect((await readMapRecords(store, 'case-b')).places.map((p) => p.id)).toEqual(['entity-0101'])
  })

  it('a write of entities without a position leaves the row as it was', async () => {
    const store = db()
    await store.entities.add(entity(1))
    const before = await store.mapPoints.get(['case-a', PLACES_ROW])
    await store.entities.bulkAdd([entity(4), entity(8, 'case-a', { kind: 'state' })])
    await store.entities.update('entity-0008', { name: 'Iran' })
    expect(await store.mapPoints.get(['case-a', PLACES_ROW])).toEqual(before)
    // A case with no place has no row.
    await store.entities.add(entity(12, 'case-c'))
    expect(await store.mapPoints.where('caseId').equals('case-c').count()).toBe(0)
    // Its last place gone, the row goes.
    await store.entities.delete('entity-0001')
    expect(await store.mapPoints.get(['case-a', PLACES_ROW])).toBeUndefined()
  })

  it('a transaction that fails keeps neither the entities nor their places', async () => {
    const store = db()
    await store.entities.add(entity(1))
    await expect(
      store.transaction('rw', store.entities, async () => {
        await store.entities.add(entity(2))
        await store.entities.delete(entity(1).id)
        throw new Error('the form said no')
      }),
    ).rejects.toThrow('the form said no')
    expect((await readMapRecords(store, 'case-a')).places.map((p) => p.id)).toEqual([entity(1).id])
  })

  it('follows the place editor and its undo', async () => {
    const store = db()
    const { caseRecord } = await seedRealisticCase(store)
    const caseId = caseRecord.id
    const base = await createEntity(store, caseId, { name: 'Al Udeid', kind: 'location' })
    const has = async () =>
      (await readMapRecords(store, caseId)).places.find((p) => p.id === base.id)
    expect(await has()).toBeUndefined()
    await setEntityPlace(store, base.id, pinnedPlace(25.117, 51.315, 3))
    expect(await has()).toMatchObject({ place: { lat: 25.117, lon: 51.315 } })
    await undo(store, caseId)
    expect(await has()).toBeUndefined()
    expect((await readMapRecords(store, caseId)).places).toEqual(await places(store, caseId))
  })
})
