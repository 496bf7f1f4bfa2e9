import { afterEach, describe, expect, it } from 'vitest'
import { deleteCase } from './cases'
import { deleteDocument } from './documents'
import { clearHistory } from './history'
import { sweepOrphans } from './purge'
import type { CasefileDB, SearchIndexRow } from './schema'
import { saveSearchIndex, searchStorage } from './search-storage'
import { storeWithDocument } from './test-fixtures'

let db: CasefileDB | undefined
afterEach(async () => {
  clearHistory()
  await db?.delete()
  db = undefined
})

const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill)

async function savedCase() {
  const store = await storeWithDocument('search-storage', 'Iran fired missiles at the base.')
  db = store.db
  const row: SearchIndexRow = {
    caseId: store.caseId,
    format: 5,
    docIds: [store.docId],
    parts: { meta: '{}', 'seg.0.keys': 'ir', 'blk.0': bytes(4, 1), 'blk.1': bytes(2, 2) },
    updatedAt: 1,
  }
  expect(await saveSearchIndex(store.db, row)).toBe(true)
  return { ...store, row }
}

describe('search storage (saved index in a head row and block rows)', () => {
  it('keeps the blocks in rows of their own, read by number and stamp', async () => {
    const { db, caseId } = await savedCase()
    const storage = searchStorage(db)
    const head = await storage.load(caseId)
    // The head holds no block: opening reads only it.
    expect(Object.keys(head!.parts).sort()).toEqual(['meta', 'seg.0.keys'])
    expect(head!.stamp).toMatch(/./)
    expect(await db.searchSlices.where('caseId').equals(caseId).count()).toBe(2)
    expect(await storage.loadBlocks(caseId, head!.stamp, [1, 0])).toEqual([
      bytes(2, 2),
      bytes(4, 1),
    ])
    // Another save's stamp, or a block not held, reads as missing, never as another's bytes.
    expect(await storage.loadBlocks(caseId, 'other', [0])).toEqual([undefined])
    expect(await storage.loadBlocks(caseId, head!.stamp, [7])).toEqual([undefined])
  })

  it('a new save replaces every block of the last one', async () => {
    const { db, caseId, row } = await savedCase()
    await saveSearchIndex(db, { ...row, parts: { meta: '{}', 'blk.0': bytes(3, 9) }, updatedAt: 2 })
    const slices = await db.searchSlices.where('caseId').equals(caseId).toArray()
    expect(slices.map((s) => [s.n, [...s.data]])).toEqual([[0, [9, 9, 9]]])
    expect(slices[0]!.stamp).toBe((await db.searchIndexes.get(caseId))!.stamp)
  })

  it('drop, a deleted case, a refused save and the orphan sweep leave no block behind', async () => {
    let saved = await savedCase()
    await searchStorage(saved.db).drop(saved.caseId)
    expect(await saved.db.searchIndexes.count()).toBe(0)
    expect(await saved.db.searchSlices.count()).toBe(0)

    await saveSearchIndex(saved.db, saved.row)
    await deleteCase(saved.db, saved.caseId)
    expect(await saved.db.searchSlices.count()).toBe(0)
    await saved.db.delete()

    saved = await savedCase()
    await deleteDocument(saved.db, saved.docId)
    // Deleting a document's text drops the saved index, blocks too, in its transaction.
    expect(await saved.db.searchSlices.count()).toBe(0)
    // And an index that still names it is refused, leaving no blocks.
    expect(await saveSearchIndex(saved.db, saved.row)).toBe(false)
    expect(await saved.db.searchSlices.count()).toBe(0)

    // Blocks whose case row is gone (a restore cut short) are swept at start-up.
    await saved.db.searchSlices.put({ caseId: 'gone', n: 0, stamp: 's', data: bytes(1, 1) })
    await sweepOrphans(saved.db)
    expect(await saved.db.searchSlices.count()).toBe(0)
  })
})
