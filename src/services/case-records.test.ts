import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCase } from '../db/cases'
import { createEvent, deleteEvent, updateEvent, type EventInput } from '../db/events'
import { undo } from '../db/history'
import { setEntityPlace } from '../db/places'
import type { CasefileDB } from '../db/schema'
import { createEntity } from '../db/tags'
import { storeWithDocument } from '../db/test-fixtures'
import { pinnedPlace } from '../domain/geo/place'
import { toGraphEvent, type GraphEvent } from '../db/graph-ties'
import { CaseRecordsCache, graphRecordsCache, type CaseRecords } from './case-records'

const TEXT = 'Iran fired missiles at the Al Udeid Air Base in Qatar on Monday.'
let db: CasefileDB
let caseId: string
let cache: CaseRecordsCache

function event(title: string, placeId?: string): EventInput {
  return {
    title,
    type: 'assault/strike',
    initiators: [],
    targets: [],
    ...(placeId ? { locationIds: [placeId] } : {}),
    when: { start: Date.UTC(2025, 5, 23), precision: 'day', approximate: false },
    evidence: [],
  }
}

/** Subscribes and resolves with the records once `ready` holds for them. */
function recordsWhen(
  id: string,
  ready: (r: CaseRecords) => boolean,
): { records: Promise<CaseRecords>; calls: () => number; stop: () => void } {
  let calls = 0
  let stop = (): void => undefined
  const records = new Promise<CaseRecords>((resolve, reject) => {
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
  ;({ db, caseId } = await storeWithDocument('test-case-records', TEXT))
  cache = new CaseRecordsCache(db)
})
afterEach(async () => {
  cache.dispose()
  await db.delete()
})

describe('CaseRecordsCache', () => {
  it('reads the case’s events and entities, in id order, and no other case’s', async () => {
    const other = (await createCase(db, 'Other')).id
    const base = await createEntity(db, caseId, { name: 'Al Udeid Air Base', kind: 'location' })
    await createEntity(db, other, { name: 'Elsewhere', kind: 'location' })
    const a = await createEvent(db, caseId, event('Strike', base.id))
    const b = await createEvent(db, caseId, event('Meeting'))
    await createEvent(db, other, event('Not this case'))
    const { records, stop } = recordsWhen(caseId, () => true)
    const got = await records
    stop()
    expect(got.events.map((e) => e.id)).toEqual([a.id, b.id].sort())
    expect(got.entities.map((e) => e.name)).toEqual(['Al Udeid Air Base'])
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
    expect(withNew.entities[0]).toBe(before.entities[0])

    await updateEvent(db, added.id, { ...event('Meeting in Moscow') })
    await recordsWhen(caseId, (r) => r.events.some((e) => e.title === 'Meeting in Moscow')).records

    await deleteEvent(db, added.id)
    const gone = await recordsWhen(caseId, (r) => r.events.length === 1).records
    expect(gone.events.map((e) => e.id)).toEqual([first.id])

    await undo(db, caseId)
    const back = await recordsWhen(caseId, (r) => r.events.length === 2).records
    expect(back.events.find((e) => e.id === added.id)?.title).toBe('Meeting in Moscow')

    await setEntityPlace(db, base.id, pinnedPlace(25.117, 51.315, Date.now()))
    const pinned = await recordsWhen(caseId, (r) => r.entities[0]?.place !== undefined).records
    expect(pinned.entities[0]!.place).toMatchObject({ lat: 25.117, lon: 51.315 })
    ready.stop()
  })

  it('leaves the records alone when another case changes', async () => {
    const other = (await createCase(db, 'Other')).id
    await createEvent(db, caseId, event('Strike'))
    const ready = recordsWhen(caseId, () => true)
    const before = await ready.records
    const calls = ready.calls()
    await createEvent(db, other, event('Elsewhere'))
    // A write to this case after it: once it shows, the other case's write was passed over.
    await createEvent(db, caseId, event('Here'))
    const after = await recordsWhen(caseId, (r) => r.events.length === 2).records
    expect(after.events.some((e) => e.title === 'Elsewhere')).toBe(false)
    expect(after.events.find((e) => e.title === 'Strike')).toBe(before.events[0])
    expect(ready.calls()).toBe(calls + 1)
    ready.stop()
  })

  it('applies a write committed while the first read runs', async () => {
    await createEvent(db, caseId, event('Strike'))
    const watching = recordsWhen(caseId, (r) => r.events.length === 2)
    // Written straight after the subscription started the read, before it ended.
    await createEvent(db, caseId, event('Meeting'))
    const got = await watching.records
    expect(got.events.map((e) => e.title).sort()).toEqual(['Meeting', 'Strike'])
    watching.stop()
  })

  it('keeps nothing for a case nobody watches, and reads it afresh for the next', async () => {
    await createEvent(db, caseId, event('Strike'))
    const first = recordsWhen(caseId, () => true)
    await first.records
    first.stop()
    expect(cache.get(caseId)).toBeUndefined()
    // Written while nobody watched: the next subscriber reads the store, not a stale copy.
    await createEvent(db, caseId, event('Meeting'))
    const next = recordsWhen(caseId, () => true)
    expect((await next.records).events).toHaveLength(2)
    next.stop()
  })

  it('says why when the case cannot be read', async () => {
    db.close()
    const watching = recordsWhen(caseId, () => true)
    await expect(watching.records).rejects.toThrow()
    watching.stop()
  })
})

describe('graphRecordsCache (the graph’s view of the events)', () => {
  /** Subscribes to the graph cache; resolves once `ready` holds for its records. */
  function graphWhen(id: string, ready: (r: CaseRecords<GraphEvent>) => boolean) {
    const graph = graphRecordsCache(db)
    let stop = (): void => undefined
    const records = new Promise<CaseRecords<GraphEvent>>((resolve, reject) => {
      const check = (): void => {
        const state = graph.get(id)
        if (state?.status === 'failed') reject(state.error)
        else if (state && ready(state.records)) resolve(state.records)
      }
      stop = graph.subscribe(id, check)
      if (graph.get(id)) check()
    })
    return { records, stop: () => stop() }
  }

  it('reads the case from the store’s compact copy (graphTies), not from the events', async () => {
    const a = await createEvent(db, caseId, event('Strike'))
    // A row of the copy alone: only a read of graphTies sees this event.
    const only = { ...toGraphEvent({ ...a, id: 'only-in-the-copy' }) }
    const row = (await db.graphTies.where('caseId').equals(caseId).first())!
    await db.graphTies.put({ ...row, events: [...row.events, only] })
    const watching = graphWhen(caseId, () => true)
    const got = await watching.records
    watching.stop()
    expect(got.events.map((e) => e.id)).toEqual([a.id, 'only-in-the-copy'].sort())
    expect('title' in got.events[0]!).toBe(false)
  })

  it('follows writes, keeping only the graph’s fields of the events written', async () => {
    const a = await createEvent(db, caseId, event('Strike'))
    const first = graphWhen(caseId, (r) => r.events.length === 1)
    await first.records
    const later = graphWhen(caseId, (r) => r.events.length === 2)
    const b = await createEvent(db, caseId, event('Meeting'))
    const got = await later.records
    expect(got.events.map((e) => e.id)).toEqual([a.id, b.id].sort())
    const made = got.events.find((e) => e.id === b.id)!
    expect(made).toEqual(toGraphEvent((await db.events.get(b.id))!))
    expect('title' in made).toBe(false)
    const gone = graphWhen(caseId, (r) => r.events.length === 1)
    await deleteEvent(db, a.id)
    expect((await gone.records).events.map((e) => e.id)).toEqual([b.id])
    for (const w of [first, later, gone]) w.stop()
  })
})
