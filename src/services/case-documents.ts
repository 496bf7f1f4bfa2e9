/**
 * A read-through cache of one case's document list (metadata, no text) and sources, kept
 * current by the store's change feed, shared by every pane that lists or looks up the case's
 * documents (the library, the timeline, the inspector's details, corroboration, the map, ACH,
 * the briefing, copy detection). Each pane used to hold its own live query, and a live query
 * re-reads every document of the case after any write to the table: at 100,000 documents that
 * is about a second of reading (and Dexie's copy of the result) per pane per import batch. Here
 * the case is read once, a page of rows at a time (`readCaseDocuments`), and each committed transaction
 * is applied as a diff: the documents and sources it wrote are read again by key (a few rows),
 * the deleted ones are dropped — so deleted means gone, and an undo or a redo shows at once,
 * like any write. The document list stays in the store's order (by id); after a change it is
 * a new array in which the documents that did not change are the same objects,
 * and the list and the sources' map change identity only when their own table changed, so that
 * memoised views can compare them by identity. Only the case watched last is kept once nobody
 * watches it (and kept current): a pane that mounts again on the open case (a tab switched back,
 * a dialog reopened) is answered at once instead of reading 100,000 rows again (~0.7 s at
 * 20,000 documents); watching another case drops it, and the next watcher reads it afresh.
 * The following of the feed is `case-feed.ts`'s, shared with the case records' cache.
 * Callers must not modify what they are given: every pane shares it.
 */
import { readCaseDocuments } from '../db/document-page'
import type { CasefileDB } from '../db/schema'
import type { DocumentMeta, SourceRecord } from '../domain/types'
import { CaseFeedCache } from './case-feed'

/** A case's documents and sources as the store holds them now. */
export interface CaseDocuments {
  caseId: string
  /** The documents' metadata, by id. */
  documents: readonly DocumentMeta[]
  /** The sources, by id. */
  sources: ReadonlyMap<string, SourceRecord>
}

/** What `CaseDocumentsCache.get` gives: the lists, or why they could not be read. */
export type CaseDocumentsState =
  { status: 'ready'; lists: CaseDocuments } | { status: 'failed'; error: Error }

/** The tables followed. */
type Followed = 'documents' | 'sources'

/** The list's order: IndexedDB orders string keys by UTF-16 code units, as `<` does. */
function byIdOrder(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** The position of `id` in `list` (sorted by id), or -1. */
function indexOfId(list: readonly { id: string }[], id: string): number {
  let lo = 0
  let hi = list.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const at = list[mid]!.id
    if (at === id) return mid
    if (at < id) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/** Two lists sorted by id merged into one (no id is in both). */
function mergeById<T extends { id: string }>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = new Array<T>(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) out[k++] = a[i]!.id < b[j]!.id ? a[i++]! : b[j++]!
  while (i < a.length) out[k++] = a[i++]!
  while (j < b.length) out[k++] = b[j++]!
  return out
}

/**
 * `list` (sorted by id) with `changed` applied: a record replaces the one of its id or is
 * inserted in order, undefined removes the id. Pure; `list` is not modified.
 */
export function applyToList<T extends { id: string }>(
  list: readonly T[],
  changed: ReadonlyMap<string, T | undefined>,
): readonly T[] {
  if (!changed.size) return list
  const out = list.slice()
  const gone = new Set<number>()
  const added: T[] = []
  for (const [id, record] of changed) {
    const i = indexOfId(out, id)
    if (i >= 0) {
      if (record) out[i] = record
      else gone.add(i)
    } else if (record) added.push(record)
  }
  const kept = gone.size ? out.filter((_, i) => !gone.has(i)) : out
  return added.length ? mergeById(kept, added.sort(byIdOrder)) : kept
}

/** The case's documents and sources, following the change feed (see the module comment). */
export class CaseDocumentsCache {
  private readonly feed: CaseFeedCache<
    Followed,
    CaseDocuments,
    { status: 'ready'; lists: CaseDocuments }
  >

  constructor(private readonly db: CasefileDB) {
    this.feed = new CaseFeedCache(db, {
      tables: ['documents', 'sources'],
      keepLast: true,
      readAll: (caseId) => this.readAll(caseId),
      readChanged: (caseId, lists, keys) => this.readChanged(caseId, lists, keys),
      holds: (lists, table, key) =>
        table === 'sources' ? lists.sources.has(key) : indexOfId(lists.documents, key) >= 0,
      ready: (_caseId, lists) => ({ status: 'ready', lists }),
    })
  }

  /** The lists of `caseId` read so far (undefined before the first read ends). */
  get(caseId: string): CaseDocumentsState | undefined {
    return this.feed.get(caseId)
  }

  /**
   * Calls `listener` whenever `caseId`'s documents or sources change (the first read
   * included); the first subscriber starts the read. Returns the unsubscribe: the lists are
   * kept after the last one leaves until another case is watched (see the module comment).
   */
  subscribe(caseId: string, listener: () => void): () => void {
    return this.feed.subscribe(caseId, listener)
  }

  /** Stops following the store; every case's lists are dropped. */
  dispose(): void {
    this.feed.dispose()
  }

  private async readAll(caseId: string): Promise<CaseDocuments> {
    const { db } = this
    // Changes committed while this read runs (between its pages too) are noted as dirty and
    // read again after it: the list is true once they are applied.
    const documents = await readCaseDocuments(db, caseId)
    const sources = await db.sources.where('caseId').equals(caseId).toArray()
    return { caseId, documents, sources: new Map(sources.map((s) => [s.id, s])) }
  }

  /** `lists` with the changed keys applied; the same object when neither list changed. */
  private async readChanged(
    caseId: string,
    lists: CaseDocuments,
    keys: Readonly<Record<Followed, readonly string[]>>,
  ): Promise<CaseDocuments> {
    const { db } = this
    const [documents, sources] = await db.transaction('r', db.documents, db.sources, () =>
      Promise.all([
        db.documents.bulkGet([...keys.documents]),
        db.sources.bulkGet([...keys.sources]),
      ]),
    )
    const ours = <T extends { id: string; caseId: string }>(
      ids: readonly string[],
      found: (T | undefined)[],
    ) =>
      new Map(
        ids.map((id, i) => {
          const record = found[i]
          return [id, record && record.caseId === caseId ? record : undefined] as const
        }),
      )
    let nextDocuments = lists.documents
    const changedDocs = ours(keys.documents, documents)
    // Unknown ids that are not ours (another case's deletion, say) change nothing.
    for (const [id, record] of changedDocs)
      if (!record && indexOfId(lists.documents, id) < 0) changedDocs.delete(id)
    if (changedDocs.size) nextDocuments = applyToList(lists.documents, changedDocs)
    let nextSources = lists.sources
    const changedSources = ours(keys.sources, sources)
    for (const [id, record] of changedSources)
      if (!record && !lists.sources.has(id)) changedSources.delete(id)
    if (changedSources.size) {
      const next = new Map(lists.sources)
      for (const [id, record] of changedSources) {
        if (record) next.set(id, record)
        else next.delete(id)
      }
      nextSources = next
    }
    return nextDocuments === lists.documents && nextSources === lists.sources
      ? lists
      : { caseId, documents: nextDocuments, sources: nextSources }
  }
}

const caches = new WeakMap<CasefileDB, CaseDocumentsCache>()

/** The one `CaseDocumentsCache` of `db`, made on first use. */
export function caseDocumentsCache(db: CasefileDB): CaseDocumentsCache {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new CaseDocumentsCache(db)))
  return cache
}
