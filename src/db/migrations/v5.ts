/**
 * Schema version 5 (the library's first screen at 100,000 documents, issue 17): two indexes on
 * documents. `[caseId+publishedAt]` is the library's default order (newest first): the first
 * screen of a case's list is read by it — a few dozen rows — while the whole list (100,000
 * rows, seconds) is read behind it (see db/document-page.ts); a document without a publication
 * date is not in it (it sorts last, newest first). `[caseId+id]` lets the whole list be read
 * a page at a time, each page starting after the last id of the one before
 * (services/case-documents.ts), so that no single read holds the store, or the main thread, for
 * seconds — the first screen's read is not queued behind it. Indexes only: IndexedDB builds
 * them from the documents already stored, and no record is touched. Versions are append-only:
 * never edit this file once shipped.
 */
import type Dexie from 'dexie'

export const V5_STORES = {
  documents:
    'id, caseId, [caseId+textHash], sourceId, importedAt, [caseId+publishedAt], [caseId+id]',
} as const

/** Declares version 5 on `db`. */
export function v5(db: Dexie): void {
  db.version(5).stores(V5_STORES)
}
