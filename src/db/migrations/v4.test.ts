import { afterEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { readGraphEvents, toGraphEvent } from '../graph-ties'
import { CasefileDB } from '../schema'
import { dumpDatabase, openAtVersion } from './harness'
import { V1_STORES } from './v1'
import { V2_STORES } from './v2'
import { V3_STORES } from './v3'
import { V4_STORES } from './v4'

const NAME = 'migration-v4-graph-ties'

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
    evidence: [],
    createdAt: 1,
    updatedAt: 1,
  }
}

describe('schema v4 (the graph’s copy of the events)', () => {
  it('adds graphTies, keyed by case and bucket, on a fresh installation', async () => {
    const db = new CasefileDB(NAME)
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(4)
    expect(db.tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(
        Object.keys({ ...V1_STORES, ...V2_STORES, ...V3_STORES, ...V4_STORES }),
      ),
    )
    expect(db.graphTies.schema.primKey.keyPath).toEqual(['caseId', 'n'])
    expect(db.graphTies.schema.idxByName.caseId).toBeDefined()
    db.close()
  })

  it('upgrades a v3 database: every case’s events are copied, nothing else changes', async () => {
    const v3db = await openAtVersion(NAME, 3)
    // More than one page of the rebuild's read (5,000), over two cases.
    const rows = Array.from({ length: 6000 }, (_, i) => event(i, i % 3 ? 'case-a' : 'case-b'))
    await v3db.table('events').bulkAdd(rows)
    await v3db.table('cases').add({ id: 'case-a', title: 'A', createdAt: 1, updatedAt: 2 })
    const before = await dumpDatabase(v3db)
    v3db.close()
    const db = new CasefileDB(NAME)
    await db.open()
    for (const caseId of ['case-a', 'case-b']) {
      const want = rows
        .filter((r) => r.caseId === caseId)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map(toGraphEvent)
      expect(await readGraphEvents(db, caseId)).toEqual(want)
    }
    const after = await dumpDatabase(db)
    db.close()
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table])
  })
})
