/**
 * Reading a case's document list (metadata) without one long read: the whole list a page at a
 * time (`readCaseDocuments`), and its first screen by index (`firstDocumentsByDate`, schema
 * v5's `[caseId+publishedAt]`) while the whole list is read behind it: at 100,000 documents
 * reading every row takes seconds, the newest few dozen a few milliseconds. The library's
 * default order is newest first, ties by title, undated documents last; the documents of a
 * case dated at or after any instant are exactly the first ones in that order, so the first
 * screen is every document dated at or after the n-th newest. Sorted like the whole list
 * (`sortDocuments`), they are its first rows. It is read in a few requests (the n-th newest
 * by a cursor advanced once, then one range): each waits behind a page of the whole list's
 * read on the main thread, so a cursor stepped row by row (a round trip a row) or a count over
 * the case (an earlier version of this read counted documents, and took seconds at 100,000
 * under load) would make the first screen as slow as the whole list. So it does not say how
 * many documents the case holds.
 */
import Dexie from 'dexie'
import type { DocumentMeta, SourceRecord } from '../domain/types'
import type { CasefileDB } from './schema'

/**
 * Documents read at once when a case's whole list is read: pages of them, in id order, so that
 * a read of 100,000 rows is 40 short ones (each tens of milliseconds of the store's time and
 * of the main thread's) rather than one of seconds that every other read waits behind.
 */
export const READ_PAGE = 2500

/**
 * Every document (metadata) of `caseId`, in id order, read `READ_PAGE` at a time by
 * `[caseId+id]`, each page after the last id of the one before. Not one transaction: a write
 * between pages may or may not be seen (the caller follows the change feed for those).
 */
export async function readCaseDocuments(db: CasefileDB, caseId: string): Promise<DocumentMeta[]> {
  const documents: DocumentMeta[] = []
  for (let after: string | undefined; ;) {
    const page = await db.documents
      .where('[caseId+id]')
      .between([caseId, after ?? Dexie.minKey], [caseId, Dexie.maxKey], after === undefined)
      .limit(READ_PAGE)
      .toArray()
    for (const d of page) documents.push(d)
    if (page.length < READ_PAGE) return documents
    after = page[page.length - 1]!.id
  }
}

/** Rows read at most for a first screen (see `firstDocumentsByDate`). */
export const SCREEN_READ = 200

/** The newest documents of a case and what the list shows with them. */
export interface FirstDocuments {
  caseId: string
  /** The documents that come first newest first, in id order (not sorted for display). */
  documents: DocumentMeta[]
  /** The sources of those documents, by id. */
  sources: Map<string, SourceRecord>
}

/**
 * The first documents of `caseId`, newest first: every document dated at or after the n-th
 * newest (all the dated ones if fewer than `n`), in id order — or, when that instant holds so
 * many that they come to `SCREEN_READ` or more, only those dated after it (fewer than `n`,
 * maybe none).
 */
export async function firstDocumentsByDate(
  db: CasefileDB,
  caseId: string,
  n: number,
): Promise<FirstDocuments> {
  return db.transaction('r', db.documents, db.sources, async () => {
    const since = (from: number) =>
      db.documents
        .where('[caseId+publishedAt]')
        .between([caseId, from], [caseId, Infinity], true, true)
    // The n-th newest dated document: a cursor opened and advanced once (two round trips).
    const nth = await since(-Infinity)
      .reverse()
      .offset(n - 1)
      .first()
    let documents: DocumentMeta[]
    if (!nth) {
      // Fewer than n dated documents: all of them.
      documents = await since(-Infinity).toArray()
    } else {
      const from = nth.publishedAt!
      documents = await since(from).limit(SCREEN_READ).toArray()
      if (documents.length >= SCREEN_READ) {
        // Its instant holds too many to read: only the newer ones, fewer than n.
        documents = await db.documents
          .where('[caseId+publishedAt]')
          .between([caseId, from], [caseId, Infinity], false, true)
          .toArray()
      }
    }
    // The whole list arrives in id order; ties of title and date keep that order.
    documents.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const sourceIds = [...new Set(documents.flatMap((d) => (d.sourceId ? [d.sourceId] : [])))]
    const rows = await db.sources.bulkGet(sourceIds)
    const sources = new Map<string, SourceRecord>()
    for (const s of rows) if (s && s.caseId === caseId) sources.set(s.id, s)
    return { caseId, documents, sources }
  })
}
