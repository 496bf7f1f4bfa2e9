import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCase } from '../../db/cases'
import { createEvent, deleteEvent, updateEvent, type EventInput } from '../../db/events'
import { undo } from '../../db/history'
import { toMapEvent } from '../../db/map-points'
import { setEntityPlace } from '../../db/places'
import type { CasefileDB } from '../../db/schema'
import { createEntity } from '../../db/tags'
import { storeWithDocument } from '../../db/test-fixtures'
import { pinnedPlace } from '../../domain/geo/place'
import { MapRecordsCache, type MapRecords } from './map-records'

const TEXT = 'Iran fired missiles at the Al Udeid Air Base in Qatar on Monday.'
let db: CasefileDB
let caseId: string
let cache: MapRecordsCache

function event(title: string, placeId?: string): EventInput {
  return {
    title,
    type: 'assault/strike',
    initiators: [],
    targets: [],
    ...(placeId ? { locationIds: [placeId] } : {}),
    when: {
      start: Date.UTC(2025, 5, 23),
      precision: 'day',
      approximate: false,
      earliest: Date.UTC(2025, 5, 20),
    },
    evidence: [],
  }
}

/** Subscribes and resolves with the records once `ready` holds for them. */
function recordsWhen(
  id: string,
  ready: (r: MapRecords) => boolean,
): { records: Promise<MapRecords>; calls: () => number; stop: () => void } {
  let calls = 0
  let stop = (): void => undefined
  const records = new Promise<MapRecords>((resolve, reject) => {
    const check = (): void => {
      calls++
      const state = cache.get(id)
      if (state?.status === 'failed') reject(state.error)
      else if (state && ready(state.records)) resolve(state.records)
    }
    stop = cache.subscribe(id, check)
    if (cache.get(id)) check()
  })
  return { records, calls: () => calls, stop: () => stop() }
}

beforeEach(async () => {
  ;({ db, caseId } = await storeWithDocument('test-map-records', TEXT))
  cache = new MapRecordsCache(db)
})
afterEach(async () => {
  cache.dispose()
  await db.delete()
})

describe('MapRecordsCache', () => {
  it('reads the case’s events and places from the compact copy, as the map sees them, in id order', async () => {
    const other = (await createCase(db, 'Other')).id
    const base = await createEntity(db, caseId, { name: 'Al Udeid Air Base', kind: 'location' })
    await setEntityPlace(db, base.id, { ...pinnedPlace(25.117, 51.315, 1), radiusKm: 5 })
    await createEntity(db, caseId, { name: 'Doha', kind: 'location' })
    await createEntity(db, caseId, { name: 'Iran', kind: 'state' })
    const elsewhere = await createEntity(db, other, { name: 'Elsewhere', kind: 'location' })
    await setEntityPlace(db, elsewhere.id, pinnedPlace(1, 2, 1))
    const a = await createEvent(db, caseId, event('Strike', base.id))
    const b = await createEvent(db, caseId, event('Meeting'))
    await createEvent(db, other, event('Not this case'))
    const whole = await db.events.bulkGet([a.id, b.id].sort())
    // Read from the copy only: neither events nor entities are read for the first picture.
    db.events.hook('reading').subscribe(() => {
      throw new Error('read a whole event')
    })
    db.entities.hook('reading').subscribe(() => {
      throw new Error('read a whole entity')
    })
    const { records, stop } = recordsWhen(caseId, () => true)
    const got = await records
    stop()
    expect(got.events).toEqual(whole.map((e) => toMapEvent(e!)))
    expect(got.events[0]!.when).not.toHaveProperty('earliest')
    // Only the case's entities with a position, with what the map draws of them.
    expect(got.places).toEqual([
      {
        id: base.id,
        caseId,
        name: 'Al Udeid Air Base',
        place: { precision: 'point', lat: 25.117, lon: 51.315, radiusKm: 5 },
      },
    ])
  })

  it('follows writes: a new, changed or deleted event, an undo, a pinned place', async () => {
    const base = await createEntity(db, caseId, { name: 'Al Udeid Air Base', kind: 'location' })
    const first = await createEvent(db, caseId, event('Strike', base.id))
    const ready = recordsWhen(caseId, () => true)
    const before = await ready.records

    const added = await createEvent(db, caseId, event('Meeting'))
    const withNew = await recordsWhen(caseId, (r) => r.events.length === 2).records
    // Only the record written was read again: the other is the same object.
    expect(withNew.events.find((e) => e.id === first.id)).toBe(before.events[0])
    expect(withNew.events.find((e) => e.id === added.id)).toEqual(
      toMapEvent((await db.events.get(added.id))!),
    )

    await updateEvent(db, added.id, { ...event('Meeting in Moscow', base.id) })
    const moved = await recordsWhen(caseId, (r) =>
      r.events.some((e) => e.title === 'Meeting in Moscow'),
    ).records
    expect(moved.events.find((e) => e.id === added.id)?.locationIds).toEqual([base.id])

    await deleteEvent(db, added.id)
    const gone = await recordsWhen(caseId, (r) => r.events.length === 1).records
    expect(gone.events.map((e) => e.id)).toEqual([first.id])

    await undo(db, caseId)
    const back = await recordsWhen(caseId, (r) => r.events.length === 2).records
    expect(back.events.find((e) => e.id === added.id)?.title).toBe('Meeting in Moscow')

    await setEntityPlace(db, base.id, pinnedPlace(25.117, 51.315, Date.now()))
    const pinned = await recordsWhen(caseId, (r) => r.places.length === 1).records
    expect(pinned.places[0]).toMatchObject({ id: base.id, place: { lat: 25.117, lon: 51.315 } })

    // An actor's write changes nothing the map holds: no new state for the subscribers.
    const calls = ready.calls()
    await createEntity(db, caseId, { name: 'Iran', kind: 'state' })
    await db.entities.update(base.id, { name: 'Al Udeid' })
    const renamed = await recordsWhen(caseId, (r) => r.places[0]?.name === 'Al Udeid').records
    expect(ready.calls()).toBe(calls + 1)
    expect(renamed.events[0]).toBe(pinned.events[0])

    await db.entities.update(base.id, {
      place: { precision: 'unknown', source: { kind: 'pinned' }, at: 1 },
    })
    await recordsWhen(caseId, (r) => r.places.length === 0).records
    ready.stop()
  })

  it('leaves the records alone when another case changes', async () => {
    const other = (await createCase(db, 'Other')).id
    await createEvent(db, caseId, event('Strike'))
    const ready = recordsWhen(caseId, () => true)
    const before = await ready.records
    const calls = ready.calls()
    await createEvent(db, other, event('Elsewhere'))
    await createEvent(db, caseId, event('Here'))
    const after = await recordsWhen(caseId, (r) => r.events.length === 2).records
    expect(after.events.some((e) => e.title === 'Elsewhere')).toBe(false)
    expect(after.events.find((e) => e.title === 'Strike')).toBe(before.events[0])
    expect(ready.calls()).toBe(calls + 1)
    ready.stop()
  })

  it('keeps nothing for a case nobody watches, and reads it afresh for the next', async () => {
    await createEvent(db, caseId, event('Strike'))
    const first = recordsWhen(caseId, () => true)
    await first.records
    first.stop()
    expect(cache.get(caseId)).toBeUndefined()
    await createEvent(db, caseId, event('Meeting'))
    const next = recordsWhen(caseId, () => true)
    expect((await next.records).events).toHaveLength(2)
    next.stop()
  })
})
