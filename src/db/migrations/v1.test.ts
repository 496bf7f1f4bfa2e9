import { afterEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { openAtVersion } from './harness'
import { V1_STORES } from './v1'

const NAME = 'migration-v1'

afterEach(async () => {
  await Dexie.delete(NAME)
})

describe('schema v1', () => {
  it('creates every table of the data model with its indexes on a fresh installation', async () => {
    const db = await openAtVersion(NAME, 1)
    expect(db.verno).toBe(1)
    const names = db.tables.map((t) => t.name).sort()
    expect(names).toEqual(Object.keys(V1_STORES).sort())
    const docs = db.table('documents').schema
    expect(docs.idxByName['[caseId+textHash]']).toBeDefined()
    expect(db.table('changes').schema.primKey.auto).toBe(true)
    db.close()
  })
})
