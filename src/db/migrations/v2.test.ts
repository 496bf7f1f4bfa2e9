import { afterEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { maintainStore } from '../purge'
import { CasefileDB } from '../schema'
import { dumpDatabase, openAtVersion } from './harness'
import { V1_STORES } from './v1'
import { V2_STORES } from './v2'

const NAME = 'migration-v2'

afterEach(async () => {
  await Dexie.delete(NAME)
})

const caseA = { id: 'case-a', title: 'Harbour Street', createdAt: 1, updatedAt: 2 }
const caseB = { id: 'case-b', title: 'Second case', createdAt: 3, updatedAt: 4 }
const layoutA = {
  positions: { 'ent-1': { x: 10, y: -20.5 }, 'ent-2': { x: 0, y: 3 } },
  pinned: ['ent-1'],
  ties: 4,
}
const windowA = { start: Date.UTC(2025, 5, 20), end: Date.UTC(2025, 5, 25) }
const windowB = { start: Date.UTC(2025, 0, 1), end: Date.UTC(2025, 11, 31) }

/** A version-1 database as a user's machine holds it: cases, records and free-form settings. */
async function seedV1(): Promise<Record<string, unknown[]>> {
  const db = await openAtVersion(NAME, 1)
  expect(db.verno).toBe(1)
  await db.table('cases').bulkAdd([caseA, caseB])
  await db.table('documents').add({ id: 'doc-1', caseId: 'case-a', title: 'Report', textHash: 'h' })
  await db.table('texts').add({ id: 'doc-1', caseId: 'case-a', text: 'Iran fired missiles.' })
  await db.table('changes').add({
    caseId: 'case-a',
    at: 5,
    action: 'Create case',
    op: 'create',
    table: 'cases',
    recordId: 'case-a',
  })
  await db.table('settings').bulkAdd([
    { key: 'lastCaseId', value: 'case-a' },
    { key: 'pane:library', value: 310 },
    { key: 'timeline:groupBy', value: 'initiator' },
    { key: 'graph:followTimeline', value: false },
    { key: 'graph:layout:case-a', value: layoutA },
    { key: 'timeline:window:case-a', value: windowA },
    { key: 'timeline:window:case-b', value: windowB },
    // Left behind by a deleted case: dropped, not moved.
    { key: 'graph:layout:case-gone', value: layoutA },
    // Not a layout at all (an unchecked cast used to hand this to the graph): dropped.
    { key: 'graph:layout:case-b', value: { positions: 'scrambled' } },
    { key: 'timeline:window:case-a-bad', value: { start: 5, end: 1 } },
  ])
  const dump = await dumpDatabase(db)
  db.close()
  return dump
}

describe('schema v2 (view state)', () => {
  it('creates the viewState table beside every v1 table on a fresh installation', async () => {
    const db = await openAtVersion(NAME, 2)
    expect(db.verno).toBe(2)
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      Object.keys({ ...V1_STORES, ...V2_STORES }).sort(),
    )
    expect(db.table('viewState').schema.primKey.keyPath).toEqual(['caseId', 'key'])
    expect(db.table('viewState').schema.idxByName.caseId).toBeDefined()
    db.close()
  })

  it('upgrades a v1 database: per-case settings move into viewState, everything else is kept', async () => {
    const before = await seedV1()
    const db = await openAtVersion(NAME, 2)
    expect(db.verno).toBe(2)
    const after = await dumpDatabase(db)
    db.close()

    // Every v1 table but settings is exactly as it was (until the first start's purge, below).
    for (const table of Object.keys(V1_STORES).filter((t) => t !== 'settings'))
      expect(after[table], table).toEqual(before[table])
    // Settings keep what is not per-case view state; the per-case keys are gone, valid or not.
    expect(after.settings).toEqual([
      { key: 'graph:followTimeline', value: false },
      { key: 'lastCaseId', value: 'case-a' },
      { key: 'pane:library', value: 310 },
      { key: 'store:purgePending', value: true },
      { key: 'timeline:groupBy', value: 'initiator' },
    ])
    // Valid values of existing cases moved; the rest dropped.
    const rows = (after.viewState as { caseId: string; key: string; value: unknown }[]).map(
      ({ caseId, key, value }) => ({ caseId, key, value }),
    )
    expect(rows).toEqual([
      { caseId: 'case-a', key: 'graph:layout', value: layoutA },
      { caseId: 'case-a', key: 'timeline:window', value: windowA },
      { caseId: 'case-b', key: 'timeline:window', value: windowB },
    ])
  })

  it('the first start after the upgrade purges deleted text a v1 change log kept', async () => {
    const v1db = await openAtVersion(NAME, 1)
    await v1db.table('cases').add(caseA)
    await v1db.table('changes').add({
      caseId: 'case-a',
      at: 6,
      action: 'Delete “Old report”',
      op: 'delete',
      table: 'texts',
      recordId: 'doc-gone',
      before: { id: 'doc-gone', caseId: 'case-a', text: 'The text of a deleted report.' },
    })
    v1db.close()
    const db = new CasefileDB(NAME)
    await db.open()
    await maintainStore(db)
    const [entry] = await db.changes.toArray()
    expect(entry).toMatchObject({ table: 'texts', recordId: 'doc-gone', action: 'Delete “…”' })
    expect(entry).not.toHaveProperty('before')
    expect(await db.settings.get('store:purgePending')).toBeUndefined()
    db.close()
  })

  it('upgrades an empty v1 database', async () => {
    ;(await openAtVersion(NAME, 1)).close()
    const db = new CasefileDB(NAME)
    await db.open()
    expect(await db.viewState.count()).toBe(0)
    db.close()
  })
})
