/**
 * Schema version 3 (search at 100,000 documents, issue 17): a saved search index keeps its
 * postings in blocks, one row each, in a table of its own, `searchSlices`, keyed by case and
 * block number; the `searchIndexes` row keeps the keys and documents only. Opening a case
 * then reads a few megabytes instead of one row of 170 MB (2–4 s), and a query reads the few
 * blocks its lists lie in. The upgrade deletes every saved index: those of format 4 hold
 * their postings in the one row, and the search client rebuilds an index it has not got (it
 * would rebuild a format-4 one anyway; deleting it frees its space at once). Derived data
 * only: no record of the analyst's is touched. Versions are append-only: never edit this
 * file once shipped.
 */
import type Dexie from 'dexie'
import type { Transaction } from 'dexie'

export const V3_STORES = {
  searchSlices: '[caseId+n], caseId',
} as const

/** Deletes the saved search indexes of the earlier format (each is rebuilt when used). */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  await tx.table('searchIndexes').clear()
}

/** Declares version 3 on `db`. */
export function v3(db: Dexie): void {
  db.version(3).stores(V3_STORES).upgrade(upgradeToV3)
}
