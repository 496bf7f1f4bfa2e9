/**
 * What the search index (`src/search/`) needs of the store: each case's saved index in the
 * `searchIndexes` table, and the case's documents as the index holds them — id, title, text
 * and a signature (text hash and title) that tells a saved index which documents it must
 * re-index. A saved index holds no texts, but its keys are the documents' words, prefixes and
 * word pairs, so it may only hold documents that exist: a save is checked against the store in
 * the same transaction, and an index that names a deleted document (or a deleted case) is not
 * saved — the stale saved copy, if any, is dropped — so nothing of a deleted text outlives its
 * document in a saved index, whatever the index client still holds in memory. Its postings are
 * stored as byte arrays (see `src/search/postings.ts`).
 */
import type { DocumentMeta } from '../domain/types'
import type { CasefileDB, SearchIndexRow } from './schema'

export interface SearchStorage {
  load(caseId: string): Promise<SearchIndexRow | undefined>
  save(row: SearchIndexRow): Promise<void>
  /** Deletes the saved index of a case (its next open rebuilds it). */
  drop(caseId: string): Promise<void>
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
    drop: async (caseId) => {
      await db.searchIndexes.delete(caseId)
    },
  }
}

/** A document as the search index holds it. */
export interface SearchDocRow {
  id: string
  title: string
  text: string
  sig: string
}

/** The signature of a document's current version: its text hash and its title. */
export function searchSignature(meta: Pick<DocumentMeta, 'textHash' | 'title'>): string {
  return `${meta.textHash}\u0000${meta.title}`
}

/** The signature of each document of a case, by id (reads metadata only, no text). */
export async function searchSignatures(
  db: CasefileDB,
  caseId: string,
): Promise<Map<string, string>> {
  const metas = await db.documents.where('caseId').equals(caseId).toArray()
  return new Map(metas.map((m) => [m.id, searchSignature(m)]))
}

/**
 * The documents of a case with their text: those of `ids` that still belong to the case,
 * or all of them. Read in one transaction, so metadata and text agree.
 */
export function searchDocuments(
  db: CasefileDB,
  caseId: string,
  ids?: readonly string[],
): Promise<SearchDocRow[]> {
  return db.transaction('r', db.documents, db.texts, async () => {
    const [metas, texts] = ids
      ? await Promise.all([db.documents.bulkGet([...ids]), db.texts.bulkGet([...ids])])
      : await Promise.all([
          db.documents.where('caseId').equals(caseId).toArray(),
          db.texts.where('caseId').equals(caseId).toArray(),
        ])
    const textOf = new Map(texts.flatMap((t) => (t ? [[t.id, t.text] as const] : [])))
    const out: SearchDocRow[] = []
    for (const m of metas) {
      const text = m && m.caseId === caseId ? textOf.get(m.id) : undefined
      if (m && text !== undefined) {
        out.push({ id: m.id, title: m.title, text, sig: searchSignature(m) })
      }
    }
    return out
  })
}
