/**
 * Document repository: stores imported documents (metadata and text apart), reports
 * duplicates by text hash instead of storing them twice, edits metadata and deletes.
 * The text of a document is written once; only an explicit "Replace text" (db/reanchor.ts)
 * swaps it for a new version, re-anchoring every tag in the same transaction.
 */
import Dexie from 'dexie'
import type { DocumentMeta, DocumentRecord, Reliability } from '../domain/types'
import { isValidZone } from '../domain/time/calendar'
import { changeFeed } from './change-feed'
import { logChanges } from './change-log'
import { newId } from './db'
import { guardWrite, StoreError } from './errors'
import { recordAction } from './history'
import { dropEvidence } from './evidence'
import type { CasefileDB } from './schema'
import { findOrCreateSource } from './sources'

/** A document ready to store: what an importer produced, plus its publisher. */
export type NewDocument = Omit<DocumentRecord, 'id' | 'caseId' | 'sourceId' | 'importedAt'> & {
  publisher?: string
  /** Grade for the publisher if it is new to the case. */
  reliability?: Reliability
}

export type StoreOutcome =
  { status: 'stored'; id: string } | { status: 'duplicate'; of: { id: string; title: string } }

/** Fields of a document's metadata that the analyst may edit. */
export interface MetadataPatch {
  title?: string
  author?: string | null
  url?: string | null
  publishedAt?: number | null
  publishedPrecision?: 'day' | 'minute'
  language?: string | null
  /** The source's IANA time zone; null means UTC. */
  timeZone?: string | null
  /** Publisher name; null detaches the document from its source. */
  publisher?: string | null
}

/**
 * The text hashes of one case's documents, read once before a long import so that each of its
 * transactions looks up only the hashes that may be duplicates (a look-up per document made a
 * sixth of a 100,000-file import). It stays true while it is trusted: the documents other
 * writers of this window add to the case arrive through the change feed and are read in the
 * next transaction; and each transaction checks the case's `updatedAt`, which every import
 * sets, against the last value seen — a write from another tab or window changes it, and from
 * then on every hash is looked up again, as without it. `close()` when done.
 */
export interface KnownHashes {
  readonly caseId: string
  /** Hashes of the case's documents (deleted ones may linger: a hit is always checked). */
  readonly hashes: Set<string>
  /** Documents of the case that other writers of this window added, not yet read. */
  readonly foreign: Set<string>
  /** Ids this import wrote whose change-feed report has not come yet. */
  readonly own: Set<string>
  /** The case's `updatedAt` as last read or written; false once it cannot be trusted. */
  updatedAt: number | false
  close(): void
}

/** Reads the text hashes of `caseId`'s documents (see `KnownHashes`). */
export async function loadKnownHashes(db: CasefileDB, caseId: string): Promise<KnownHashes> {
  const known: KnownHashes = {
    caseId,
    hashes: new Set(),
    foreign: new Set(),
    own: new Set(),
    updatedAt: false,
    close: () => undefined,
  }
  // Listening first: a document added while the hashes are read is caught either way.
  known.close = changeFeed(db).subscribe((batch) => {
    if (!batch.caseIds.has(caseId)) return
    for (const c of batch.changes) {
      if (c.table !== 'documents' || c.op !== 'put' || c.caseId !== caseId) continue
      const id = String(c.key)
      if (!known.own.delete(id)) known.foreign.add(id)
    }
  })
  await db.transaction('r', db.cases, db.documents, async () => {
    const kase = await db.cases.get(caseId)
    const keys = await db.documents
      .where('[caseId+textHash]')
      .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
      .keys()
    for (const key of keys) known.hashes.add(String((key as unknown as [string, string])[1]))
    known.updatedAt = kase?.updatedAt ?? false
  })
  return known
}

/**
 * The documents of `caseId` among `hashes`, looked up in the store — only those `known` does
 * not rule out (all of them without it, or once it cannot be trusted). Inside a transaction.
 */
async function findByHash(
  db: CasefileDB,
  caseId: string,
  hashes: string[],
  updatedAt: number,
  known: KnownHashes | undefined,
): Promise<DocumentMeta[]> {
  let asked = hashes
  if (known?.caseId === caseId && known.updatedAt === updatedAt) {
    if (known.foreign.size) {
      const added = await db.documents.bulkGet([...known.foreign])
      for (const d of added) if (d?.caseId === caseId) known.hashes.add(d.textHash)
      known.foreign.clear()
    }
    asked = hashes.filter((h) => known.hashes.has(h))
  } else if (known) {
    known.updatedAt = false
  }
  if (asked.length === 0) return []
  return db.documents
    .where('[caseId+textHash]')
    .anyOf(asked.map((h) => [caseId, h]))
    .toArray()
}

/**
 * Stores a batch of documents in one transaction. A document whose text hash is already in
 * the case (or earlier in the batch) is reported as a duplicate and not stored. Either the
 * whole batch is stored or, on failure, none of it. With `known` (a long import), only the
 * hashes it does not rule out are looked up, and it learns the hashes stored.
 */
export async function addDocuments(
  db: CasefileDB,
  caseId: string,
  docs: NewDocument[],
  action = 'Import documents',
  known?: KnownHashes,
): Promise<StoreOutcome[]> {
  return guardWrite('store the imported documents', () =>
    db.transaction('rw', [db.cases, db.documents, db.texts, db.sources, db.changes], async () => {
      const kase = await db.cases.get(caseId)
      if (!kase) throw new StoreError('NOT_FOUND', 'That case no longer exists.')
      const hashes = [...new Set(docs.map((d) => d.textHash))]
      const existing = await findByHash(db, caseId, hashes, kase.updatedAt, known)
      const byHash = new Map(existing.map((d) => [d.textHash, { id: d.id, title: d.title }]))
      const now = Date.now()
      const outcomes: StoreOutcome[] = []
      const metas: DocumentMeta[] = []
      const texts: { id: string; caseId: string; text: string }[] = []
      const sourceIds = new Map<string, string>()
      for (const doc of docs) {
        const dup = byHash.get(doc.textHash)
        if (dup) {
          outcomes.push({ status: 'duplicate', of: dup })
          continue
        }
        const { text, publisher, reliability, ...rest } = doc
        const meta: DocumentMeta = { ...rest, id: newId(), caseId, importedAt: now }
        if (publisher) {
          let sourceId = sourceIds.get(publisher)
          if (!sourceId) {
            sourceId = (await findOrCreateSource(db, caseId, publisher, reliability)).source.id
            sourceIds.set(publisher, sourceId)
          }
          meta.sourceId = sourceId
        }
        metas.push(meta)
        texts.push({ id: meta.id, caseId, text })
        byHash.set(doc.textHash, { id: meta.id, title: meta.title })
        outcomes.push({ status: 'stored', id: meta.id })
      }
      // Issued together: IndexedDB queues them in one transaction without a wait in between.
      // The change log gets one entry per batch naming every document stored (an import is
      // one action to the analyst; a thousand entries would double the cost of the write).
      await Promise.all([
        db.documents.bulkAdd(metas),
        db.texts.bulkAdd(texts),
        metas.length > 0 &&
          logChanges(db, [
            {
              caseId,
              action: `${action} (${metas.length})`,
              op: 'create',
              table: 'documents',
              recordId: metas[0]!.id,
              after: {
                documents: metas.map((m) => ({ id: m.id, title: m.title, file: m.fileName })),
              },
            },
          ]),
      ])
      // Always a new value, even within the same millisecond: KnownHashes tells by it that
      // someone else (another tab) stored documents in the case.
      const stamp = Math.max(now, kase.updatedAt + 1)
      if (metas.length) await db.cases.update(caseId, { updatedAt: stamp })
      if (known?.caseId === caseId && known.updatedAt !== false) {
        if (metas.length) known.updatedAt = stamp
        for (const m of metas) {
          known.hashes.add(m.textHash)
          known.own.add(m.id)
        }
      }
      return outcomes
    }),
  )
}

/** The document's metadata and text, or undefined when it does not exist. */
export async function getDocument(db: CasefileDB, id: string): Promise<DocumentRecord | undefined> {
  const [meta, text] = await Promise.all([db.documents.get(id), db.texts.get(id)])
  if (!meta || !text) return undefined
  return { ...meta, text: text.text }
}

/** Every document of a case with its text (search indexing, backup). */
export async function getCaseTexts(
  db: CasefileDB,
  caseId: string,
): Promise<{ id: string; title: string; text: string }[]> {
  const [metas, texts] = await Promise.all([
    db.documents.where('caseId').equals(caseId).toArray(),
    db.texts.where('caseId').equals(caseId).toArray(),
  ])
  const titles = new Map(metas.map((m) => [m.id, m.title]))
  return texts
    .filter((t) => titles.has(t.id))
    .map((t) => ({ id: t.id, title: titles.get(t.id)!, text: t.text }))
}

function applyOptional<K extends keyof DocumentMeta>(
  target: DocumentMeta,
  key: K,
  value: DocumentMeta[K] | null | undefined,
): void {
  if (value === undefined) return
  if (value === null || value === '') delete target[key]
  else target[key] = value
}

/** Edits a document's metadata (never its text). */
export async function updateDocumentMeta(
  db: CasefileDB,
  docId: string,
  patch: MetadataPatch,
): Promise<DocumentMeta> {
  const current = await db.documents.get(docId)
  if (!current) throw new StoreError('NOT_FOUND', 'That document no longer exists.')
  const tables = ['cases', 'documents', 'sources'] as const
  return recordAction(
    db,
    current.caseId,
    `Edit details of “${current.title}”`,
    [...tables],
    async (record) => {
      const before = await db.documents.get(docId)
      if (!before) throw new StoreError('NOT_FOUND', 'That document no longer exists.')
      const after: DocumentMeta = { ...before }
      if (patch.title !== undefined) {
        const title = patch.title.replace(/\s+/g, ' ').trim()
        if (!title) throw new StoreError('INVALID', 'A document needs a title.')
        after.title = title
      }
      applyOptional(after, 'author', patch.author?.trim() ?? patch.author)
      applyOptional(after, 'url', patch.url?.trim() ?? patch.url)
      applyOptional(after, 'language', patch.language?.trim() ?? patch.language)
      const zone = patch.timeZone?.trim() ?? patch.timeZone
      if (zone && !isValidZone(zone)) {
        throw new StoreError(
          'INVALID',
          `“${zone}” is not a time zone this app knows: use a name such as Asia/Tehran or UTC.`,
        )
      }
      applyOptional(after, 'timeZone', zone === 'UTC' ? null : zone)
      applyOptional(after, 'publishedAt', patch.publishedAt)
      if (patch.publishedAt === null) delete after.publishedPrecision
      else if (patch.publishedPrecision) after.publishedPrecision = patch.publishedPrecision
      if (patch.publisher !== undefined) {
        const name = patch.publisher?.trim()
        if (name) after.sourceId = (await findOrCreateSource(db, before.caseId, name)).source.id
        else delete after.sourceId
      }
      await db.documents.put(after)
      record({ op: 'update', table: 'documents', recordId: docId, before, after })
      await db.cases.update(before.caseId, { updatedAt: Date.now() })
      return after
    },
  )
}

/**
 * Deletes a document, its text and the tags made on it, and takes those tags out of the
 * evidence of events and relations — one undoable action, so undo brings all of it back.
 */
export async function deleteDocument(db: CasefileDB, docId: string): Promise<void> {
  const meta = await db.documents.get(docId)
  if (!meta) return
  const tables = ['documents', 'texts', 'annotations', 'events', 'relations'] as const
  await recordAction(db, meta.caseId, `Delete “${meta.title}”`, [...tables], async (record) => {
    const before = await db.documents.get(docId)
    if (!before) return
    const text = await db.texts.get(docId)
    const tags = await db.annotations.where('docId').equals(docId).toArray()
    await db.documents.delete(docId)
    record({ op: 'delete', table: 'documents', recordId: docId, before })
    if (text) {
      await db.texts.delete(docId)
      record({ op: 'delete', table: 'texts', recordId: docId, before: text })
    }
    await db.annotations.bulkDelete(tags.map((t) => t.id))
    for (const t of tags) record({ op: 'delete', table: 'annotations', recordId: t.id, before: t })
    await dropEvidence(
      db,
      before.caseId,
      tags.map((t) => t.id),
      record,
    )
  })
}

/**
 * What deleting a document would leave without evidence: the events and relations of its case
 * whose every passage is a tag made on it (they stay in the case, their evidence emptied).
 * Read-only; the delete dialog says it before the analyst confirms.
 */
export async function evidenceOnlyIn(
  db: CasefileDB,
  docId: string,
): Promise<{ events: number; relations: number }> {
  const meta = await db.documents.get(docId)
  if (!meta) return { events: 0, relations: 0 }
  const tags = new Set(await db.annotations.where('docId').equals(docId).primaryKeys())
  const only = (evidence: string[]) => evidence.length > 0 && evidence.every((a) => tags.has(a))
  if (!tags.size) return { events: 0, relations: 0 }
  const [events, relations] = await Promise.all(
    (['events', 'relations'] as const).map((t) =>
      db
        .table<{ evidence: string[] }>(t)
        .where('caseId')
        .equals(meta.caseId)
        .filter((r) => only(r.evidence))
        .count(),
    ),
  )
  return { events: events!, relations: relations! }
}

/** The ids of a case's documents. */
export function documentIds(db: CasefileDB, caseId: string): Promise<string[]> {
  return db.documents.where('caseId').equals(caseId).primaryKeys()
}
