import { afterEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { CasefileDB } from '../schema'
import { dumpDatabase, openAtVersion } from './harness'
import { V1_STORES } from './v1'
import { V2_STORES } from './v2'
import { V3_STORES } from './v3'

const NAME = 'migration-v3'

afterEach(async () => {
  await Dexie.delete(NAME)
})

describe('schema v3 (search index blocks)', () => {
  it('adds searchSlices, keyed by case and block number, on a fresh installation', async () => {
    const db = new CasefileDB(NAME)
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(3)
    expect(db.tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(Object.keys({ ...V1_STORES, ...V2_STORES, ...V3_STORES })),
    )
    expect(db.searchSlices.schema.primKey.keyPath).toEqual(['caseId', 'n'])
    expect(db.searchSlices.schema.idxByName.caseId).toBeDefined()
    db.close()
  })

  it('upgrades a v2 database: format-4 saved indexes are deleted (rebuilt when used), the rest kept', async () => {
    const v2db = await openAtVersion(NAME, 2)
    await v2db.table('cases').add({ id: 'case-a', title: 'A', createdAt: 1, updatedAt: 2 })
    await v2db.table('documents').add({ id: 'doc-1', caseId: 'case-a', title: 'R', textHash: 'h' })
    await v2db.table('texts').add({ id: 'doc-1', caseId: 'case-a', text: 'Iran fired missiles.' })
    await v2db.table('viewState').add({ caseId: 'case-a', key: 'timeline:window', value: 1 })
    // A format-4 index: every posting in the one row.
    await v2db.table('searchIndexes').add({
      caseId: 'case-a',
      format: 4,
      docIds: ['doc-1'],
      parts: { meta: '{"format":4}', 'seg.0.keys': '["ir"]', 'seg.0.data': new Uint8Array(8) },
      updatedAt: 3,
    })
    const before = await dumpDatabase(v2db)
    v2db.close()
    const db = new CasefileDB(NAME)
    await db.open()
    const after = await dumpDatabase(db)
    db.close()
    expect(after.searchIndexes).toEqual([])
    expect(after.searchSlices).toEqual([])
    for (const table of Object.keys(before).filter((t) => t !== 'searchIndexes'))
      expect(after[table], table).toEqual(before[table])
  })
})
