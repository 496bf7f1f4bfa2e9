import { afterEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { readMapEvents, readMapRecords, toMapEvent } from '../map-points'
import { CasefileDB } from '../schema'
import { dumpDatabase, openAtVersion } from './harness'
import { V1_STORES } from './v1'
import { V2_STORES } from './v2'
import { V3_STORES } from './v3'
import { V4_STORES } from './v4'
import { V6_STORES } from './v6'

const NAME = 'migration-v6-map-points'

afterEach(async () => {
  await Dexie.delete(NAME)
})

function event(i: number, caseId: string) {
  return {
    id: `event-${i}`,
    caseId,
    title: `Event ${i}`,
    type: 'protest',
    initiators: [`actor-${i % 5}`],
    targets: [`actor-${(i + 2) % 5}`],
    // Old records' single place too.
    ...(i % 3 === 0 ? { locationId: `place-${i % 4}` } : { locationIds: [`place-${i % 7}`] }),
    ...(i % 10 ? { when: { start: i * 1000, precision: 'day', approximate: false } } : {}),
    evidence: [`ann-${i}`],
    createdAt: 1,
    updatedAt: 1,
  }
}

describe('schema v6 (the map’s copy of the events)', () => {
  it('adds mapPoints, keyed by case and bucket, on a fresh installation', async () => {
    const db = new CasefileDB(NAME)
    await db.open()
    expect(db.verno).toBe(6)
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      Object.keys({ ...V1_STORES, ...V2_STORES, ...V3_STORES, ...V4_STORES, ...V6_STORES }).sort(),
    )
    expect(db.mapPoints.schema.primKey.keyPath).toEqual(['caseId', 'n'])
    expect(db.mapPoints.schema.idxByName.caseId).toBeDefined()
    db.close()
  })

  it('upgrades a v5 database: every case’s events are copied, nothing else changes', async () => {
    const v5db = await openAtVersion(NAME, 5)
    // More than one page of the rebuild's read (5,000), over two cases.
    const rows = Array.from({ length: 6000 }, (_, i) => event(i, i % 3 ? 'case-a' : 'case-b'))
    await v5db.table('events').bulkAdd(rows)
    await v5db.table('cases').add({ id: 'case-a', title: 'A', createdAt: 1, updatedAt: 2 })
    await v5db.table('entities').bulkAdd([
      {
        id: 'place-1',
        caseId: 'case-a',
        kind: 'location',
        name: 'Doha',
        aliases: [],
        createdAt: 1,
        place: { precision: 'point', lat: 25.3, lon: 51.5, source: { kind: 'pinned' }, at: 1 },
      },
      {
        id: 'place-2',
        caseId: 'case-a',
        kind: 'location',
        name: 'Nowhere',
        aliases: [],
        createdAt: 1,
      },
      { id: 'actor-1', caseId: 'case-b', kind: 'state', name: 'Iran', aliases: [], createdAt: 1 },
    ])
    const before = await dumpDatabase(v5db)
    v5db.close()
    const db = new CasefileDB(NAME)
    await db.open()
    expect(db.verno).toBe(6)
    for (const caseId of ['case-a', 'case-b']) {
      const want = rows
        .filter((r) => r.caseId === caseId)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((r) => toMapEvent(r as Parameters<typeof toMapEvent>[0]))
      expect(await readMapEvents(db, caseId)).toEqual(want)
    }
    const old = (await readMapEvents(db, 'case-b')).find((e) => e.id === 'event-3')
    expect(old?.locationIds).toEqual(['place-3'])
    // The places: the entities with a position.
    expect((await readMapRecords(db, 'case-a')).places).toEqual([
      {
        id: 'place-1',
        caseId: 'case-a',
        name: 'Doha',
        place: { precision: 'point', lat: 25.3, lon: 51.5 },
      },
    ])
    expect((await readMapRecords(db, 'case-b')).places).toEqual([])
    const after = await dumpDatabase(db)
    db.close()
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table])
  })
})
