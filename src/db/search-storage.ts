/**
 * Persists each case's serialised search index in the `searchIndexes` table. A saved index
 * holds the texts it was built from, so it may only hold documents that exist: a save is
 * checked against the store in the same transaction, and an index that names a deleted
 * document (or a deleted case) is not saved — the stale saved copy, if any, is dropped — so
 * no deleted text outlives its document in a saved index, whatever the index client still
 * holds in memory.
 */
import type { CasefileDB, SearchIndexRow } from './schema'

export interface SearchStorage {
  load(caseId: string): Promise<SearchIndexRow | undefined>
  save(row: SearchIndexRow): Promise<void>
}

/**
 * Saves `row` unless it names a document or case that is no longer in the store; resolves to
 * whether it was saved. A refused save also deletes the case's saved index.
 */
export async function saveSearchIndex(db: CasefileDB, row: SearchIndexRow): Promise<boolean> {
  return db.transaction('rw', db.cases, db.documents, db.searchIndexes, async () => {
    const [caseRecord, ids] = await Promise.all([
      db.cases.get(row.caseId),
      db.documents.where('caseId').equals(row.caseId).primaryKeys(),
    ])
    const live = new Set(ids)
    const current = caseRecord !== undefined && row.docIds.every((id) => live.has(id))
    if (!current) {
      await db.searchIndexes.delete(row.caseId)
      return false
    }
    await db.searchIndexes.put(row)
    return true
  })
}

/** The search index storage over `db`. Saving is best effort: an index can be rebuilt. */
export function searchStorage(db: CasefileDB): SearchStorage {
  return {
    load: (caseId) => db.searchIndexes.get(caseId),
    save: async (row) => {
      try {
        await saveSearchIndex(db, row)
      } catch {
        // A lost index costs a rebuild on next open, never data.
      }
    },
  }
}
