import { describe, expect, it } from 'vitest'
import { freshDbEachTest } from '../test/store'
import type { EventRecord } from '../domain/types'
import { exportCase, restoreBackup } from './backup'
import { deleteCase } from './cases'
import { createEvent, deleteEvent, updateEvent } from './events'
import {
  bucketOf,
  GRAPH_TIE_BUCKETS,
  readGraphEvents,
  shareStrings,
  toGraphEvent,
} from './graph-ties'
import { redo, undo } from './history'
import { sweepOrphans } from './purge'
import type { CasefileDB } from './schema'
import { createEntity } from './tags'
import { seedRealisticCase } from './test-fixtures'

const db = freshDbEachTest('test-graph-ties')

function event(i: number, caseId = 'case-a', extra: Partial<EventRecord> = {}): EventRecord {
  return {
    id: `event-${String(i).padStart(4, '0')}`,
    caseId,
    title: `Event ${i} with a long title the graph never reads`,
    type: 'assault/strike',
    initiators: [`actor-${i % 7}`],
    targets: [`actor-${(i + 1) % 7}`],
    when: {
      start: i * 86_400_000,
      end: (i + 1) * 86_400_000,
      precision: 'day',
      approximate: false,
    },
    evidence: [`ann-${i}`],
    confidence: 2,
    notes: 'Notes the graph never reads',
    createdAt: 1,
    updatedAt: 2,
    ...extra,
  }
}

/** What the graph copy should hold for `caseId`: the graph's view of its events, by id. */
async function expected(store: CasefileDB, caseId: string) {
  const events = await store.events.where('caseId').equals(caseId).toArray()
  return events.map(toGraphEvent)
}

describe('shareStrings', () => {
  it('changes no value of the events, whatever they hold', () => {
    // (That their repeated strings become one string each cannot be seen from JavaScript:
    // scripts/bench/profile-graph.mjs and the heap figures in the README show it.)
    const events = [
      event(1),
      event(2, 'case-a', {
        initiators: ['actor-1', 'actor-2', 'actor-1'],
        targets: [],
        locationIds: ['place-1', 'place-2'],
        stances: { 'ann-2': 'contradicts', 'ann-3': 'supports' },
        when: { start: 5, precision: 'month', approximate: true, zone: 'Europe/Kyiv' },
      }),
      event(3, 'case-a', { locationId: 'place-1', when: undefined, confidence: undefined }),
      // Not the case asked for (a row never holds one): its case is left as it is.
      event(4, 'case-b'),
    ].map(toGraphEvent)
    const before = structuredClone(events)
    shareStrings(events, 'case-a')
    expect(events).toEqual(before)
  })
})

describe('bucketOf', () => {
  it('spreads ids over the buckets, the same id always to the same one', () => {
    const used = new Set<number>()
    for (let i = 0; i < 2000; i++) {
      const b = bucketOf(`event-${i}`)
      expect(b).toBeGreaterThanOrEqual(0)
      expect(b).toBeLessThan(GRAPH_TIE_BUCKETS)
      expect(bucketOf(`event-${i}`)).toBe(b)
      used.add(b)
    }
    expect(used.size).toBe(GRAPH_TIE_BUCKETS)
  })
})

describe('toGraphEvent', () => {
  it('keeps what the graph reads and drops the title, notes and edit times', () => {
    const g = toGraphEvent(event(3, 'case-a', { locationIds: ['place-1'] }))
    expect(g).toEqual({
      id: 'event-0003',
      caseId: 'case-a',
      type: 'assault/strike',
      initiators: ['actor-3'],
      targets: ['actor-4'],
      locationIds: ['place-1'],
      when: event(3).when,
      evidence: ['ann-3'],
      confidence: 2,
    })
    expect('stances' in g).toBe(false)
  })
})

describe('graphTies follows every write to events', () => {
  it('bulk adds, puts and deletes, per case, in id order, in at most 64 rows a case', async () => {
    const store = db()
    await store.events.bulkAdd(Array.from({ length: 300 }, (_, i) => event(i)))
    await store.events.bulkAdd(Array.from({ length: 20 }, (_, i) => event(1000 + i, 'case-b')))
    expect(await readGraphEvents(store, 'case-a')).toEqual(await expected(store, 'case-a'))
    expect(await readGraphEvents(store, 'case-b')).toEqual(await expected(store, 'case-b'))
    expect((await readGraphEvents(store, 'case-a')).length).toBe(300)
    expect(await store.graphTies.where('caseId').equals('case-a').count()).toBeLessThanOrEqual(
      GRAPH_TIE_BUCKETS,
    )
    await store.events.put(event(5, 'case-a', { targets: ['actor-6'], type: 'protest' }))
    await store.events.update('event-0006', { initiators: ['actor-0', 'actor-1'] })
    await store.events.bulkDelete(['event-0007', 'event-0008', 'no-such-event'])
    await store.events.where('id').between('event-0100', 'event-0200').delete()
    const now = await readGraphEvents(store, 'case-a')
    expect(now).toEqual(await expected(store, 'case-a'))
    expect(now.find((e) => e.id === 'event-0005')).toMatchObject({
      targets: ['actor-6'],
      type: 'protest',
    })
    expect(now.find((e) => e.id === 'event-0006')?.initiators).toEqual(['actor-0', 'actor-1'])
    expect(now.some((e) => e.id === 'event-0007' || e.id === 'event-0150')).toBe(false)
    expect(now.length).toBe(300 - 2 - 100)
    // The other case's copy is untouched.
    expect((await readGraphEvents(store, 'case-b')).length).toBe(20)
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
    const now = await readGraphEvents(store, 'case-a')
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
    expect((await readGraphEvents(store, 'case-a')).map((e) => e.id)).toEqual([event(1).id])
  })

  it('clearing the events table empties the copy', async () => {
    const store = db()
    await store.events.bulkAdd([event(1), event(2, 'case-b')])
    await store.events.clear()
    expect(await store.graphTies.count()).toBe(0)
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
    const has = async () => (await readGraphEvents(store, caseId)).find((x) => x.id === e.id)
    expect(await has()).toMatchObject({ initiators: [a.id], targets: [b.id] })
    await updateEvent(store, e.id, { ...input, initiators: [b.id], targets: [a.id] })
    expect(await has()).toMatchObject({ initiators: [b.id], targets: [a.id] })
    await undo(store, caseId)
    expect(await has()).toMatchObject({ initiators: [a.id], targets: [b.id] })
    await deleteEvent(store, e.id)
    expect(await has()).toBeUndefined()
    await undo(store, caseId)
    expect(await has()).toBeDefined()
    await redo(store, caseId)
    expect(await has()).toBeUndefined()
    expect(await readGraphEvents(store, caseId)).toEqual(await expected(store, caseId))
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
    expect(await readGraphEvents(store, copyId)).toEqual(await expected(store, copyId))
    expect((await readGraphEvents(store, copyId)).length).toBe(
      (await expected(store, caseId)).length,
    )
    await deleteCase(store, copyId)
    expect(await store.graphTies.where('caseId').equals(copyId).count()).toBe(0)
    expect(await readGraphEvents(store, caseId)).toEqual(await expected(store, caseId))
  })

  it('the orphan sweep removes rows of cases that no longer exist', async () => {
    const store = db()
    // A row left behind by a case deleted elsewhere (written past the middleware's events).
    await store.graphTies.put({ caseId: 'gone', n: 3, events: [toGraphEvent(event(1, 'gone'))] })
    await sweepOrphans(store)
    expect(await store.graphTies.where('caseId').equals('gone').count()).toBe(0)
  })

  it('reads nothing of another case whose id sorts next to it', async () => {
    const store = db()
    await store.events.bulkAdd([event(1, 'case'), event(2, 'case-a'), event(3, 'cas')])
    expect((await readGraphEvents(store, 'case')).map((e) => e.id)).toEqual([event(1).id])
  })
})
