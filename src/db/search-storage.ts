/** Persists each case's serialised search index in the `searchIndexes` table. */
import type { CasefileDB, SearchIndexRow } from './schema'

export interface SearchStorage {
  load(caseId: string): Promise<SearchIndexRow | undefined>
  save(row: SearchIndexRow): Promise<void>
}

/** The search index storage over `db`. Saving is best effort: an index can be rebuilt. */
export function searchStorage(db: CasefileDB): SearchStorage {
  return {
    load: (caseId) => db.searchIndexes.get(caseId),
    save: async (row) => {
      try {
        await db.searchIndexes.put(row)
      } catch {
        // A lost index costs a rebuild on next open, never data.
      }
    },
  }
}
