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
import type { CasefileDB, SearchIndexRow, SearchSliceRow } from './schema'

export interface SearchStorage {
  /** The saved index of a case, without its blocks (see `loadBlocks`). */
  load(caseId: string): Promise<SearchIndexRow | undefined>
  save(row: SearchIndexRow): Promise<void>
  /** Blocks of the saved index whose `stamp` is given, in order; undefined where not held. */
  loadBlocks(
    caseId: string,
    stamp: string | undefined,
    blocks: readonly number[],
  ): Promise<(Uint8Array | undefined)[]>
  /** Deletes the saved index of a case (its next open rebuilds it). */
  drop(caseId: string): Promise<void>
}

const BLOCK_PART = /^blk\.(\d+)$/

/** Deletes the saved index of a case, head and blocks (inside or outside a transaction). */
export async function dropSearchIndex(db: CasefileDB, caseId: string): Promise<void> {
  await db.transaction('rw', db.searchIndexes, db.searchSlices, async () => {
    await db.searchIndexes.delete(caseId)
    await db.searchSlices.where('caseId').equals(caseId).delete()
  })
}

/**
 * Saves `row` unless it names a document or case that is no longer in the store; resolves to
 * whether it was saved. A refused save also deletes the case's saved index.
 */
export async function saveSearchIndex(db: CasefileDB, row: SearchIndexRow): Promise<boolean> {
  // The blocks go to rows of their own, read apart from the head (see the module comment).
  const stamp = `${row.updatedAt.toString(36)}-${Math.random().toString(36).slice(2, 10)}`
  const parts: SearchIndexRow['parts'] = {}
  const slices: SearchSliceRow[] = []
  for (const [key, part] of Object.entries(row.parts)) {
    const block = BLOCK_PART.exec(key)
    if (block && part instanceof Uint8Array) {
      slices.push({ caseId: row.caseId, n: Number(block[1]), stamp, data: part })
    } else parts[key] = part
  }
  const head: SearchIndexRow = { ...row, parts, stamp }
  const tables = [db.cases, db.documents, db.searchIndexes, db.searchSlices]
  return db.transaction('rw', tables, async () => {
    const [caseRecord, ids] = await Promise.all([
      db.cases.get(row.caseId),
      db.documents.where('caseId').equals(row.caseId).primaryKeys(),
    ])
    const live = new Set(ids)
    const current = caseRecord !== undefined && row.docIds.every((id) => live.has(id))
    await db.searchSlices.where('caseId').equals(row.caseId).delete()
    if (!current) {
      await db.searchIndexes.delete(row.caseId)
      return false
    }
    await db.searchSlices.bulkPut(slices)
    await db.searchIndexes.put(head)
    return true
  })
}

/** The search index storage over `db`. Saving is best effort: an index can be rebuilt. */
export function searchStorage(db: CasefileDB): SearchStorage {
  return {
    load: (caseId) => db.searchIndexes.get(caseId),
    loadBlocks: async (caseId, stamp, blocks) => {
      const rows = await db.searchSlices.bulkGet(blocks.map((n) => [caseId, n]))
      return rows.map((r) => (r && stamp !== undefined && r.stamp === stamp ? r.data : undefined))
    },
    save: async (row) => {
      try {
        await saveSearchIndex(db, row)
      } catch {
        // A lost index costs a rebuild on next open, never data.
      }
    },
    drop: (caseId) => dropSearchIndex(db, caseId),
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
 * The documents `ids` of a case for a query's text check, when their signatures are known
 * (`sigs`, as `searchSignatures` read them and the change feed kept them): only their texts
 * are read — one request per document, where `searchDocuments` makes two — and the title
 * comes from the signature (profile at 100,000 documents: reading texts was 70 % of a
 * query's time). A document whose signature is not in `sigs` is read whole; one the store no
 * longer holds (or that is in another case) is left out.
 */
export async function searchTexts(
  db: CasefileDB,
  caseId: string,
  ids: readonly string[],
  sigs: ReadonlyMap<string, string>,
): Promise<SearchDocRow[]> {
  if (!ids.every((id) => sigs.has(id))) return searchDocuments(db, caseId, ids)
  const texts = await db.texts.bulkGet([...ids])
  const out: SearchDocRow[] = []
  for (const t of texts) {
    if (!t || t.caseId !== caseId) continue
    const sig = sigs.get(t.id)!
    out.push({ id: t.id, title: sig.slice(sig.indexOf('\u0000') + 1), text: t.text, sig })
  }
  return out
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
