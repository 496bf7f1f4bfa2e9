/**
 * A read-through cache of one case's document list (metadata, no text) and sources, kept
 * current by the store's change feed, shared by every pane that lists or looks up the case's
 * documents (the library, the timeline, the inspector's details, corroboration, the map, ACH,
 * the briefing, copy detection). Each pane used to hold its own live query, and a live query
 * re-reads every document of the case after any write to the table: at 100,000 documents that
 * is about a second of reading (and Dexie's copy of the result) per pane per import batch. Here
 * the case is read once, with a plain read, and each committed transaction is applied as a
 * diff: the documents and sources it wrote are read again by key (a few rows), the deleted ones
 * are dropped — so deleted means gone, and an undo or a redo shows at once, like any write. The
 * document list stays in the store's order (by id, as `where('caseId')` gives it); after a
 * change it is a new array in which the documents that did not change are the same objects,
 * and the list and the sources' map change identity only when their own table changed, so that
 * memoised views can compare them by identity. Only the case watched last is kept once nobody
 * watches it (and kept current): a pane that mounts again on the open case (a tab switched back,
 * a dialog reopened) is answered at once instead of reading 100,000 rows again (~0.7 s at
 * 20,000 documents); watching another case drops it, and the next watcher reads it afresh.
 * Callers must not modify what they are given: every pane shares it.
 */
import { changeFeed, type ChangeBatch } from '../db/change-feed'
import type { CasefileDB } from '../db/schema'
import type { DocumentMeta, SourceRecord } from '../domain/types'

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

interface Entry {
  caseId: string
  listeners: Set<() => void>
  state: CaseDocumentsState | undefined
  documents: readonly DocumentMeta[]
  sources: ReadonlyMap<string, SourceRecord>
  /** Reads run one after another: a change waits for the first read, then reads its keys. */
  tasks: Promise<void>
  /** Keys changed since the last read, per table, waiting to be read again. */
  dirty: { documents: Set<string>; sources: Set<string> }
  /** The first read failed or a later one did: the next change reads the whole case again. */
  reload: boolean
}

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
  private readonly entries = new Map<string, Entry>()
  private readonly unsubscribe: () => void

  constructor(private readonly db: CasefileDB) {
    this.unsubscribe = changeFeed(db).subscribe((batch) => this.onChanges(batch))
  }

  /** The lists of `caseId` read so far (undefined before the first read ends). */
  get(caseId: string): CaseDocumentsState | undefined {
    return this.entries.get(caseId)?.state
  }

  /**
   * Calls `listener` whenever `caseId`'s documents or sources change (the first read
   * included); the first subscriber starts the read. Returns the unsubscribe: the lists are
   * kept after the last one leaves until another case is watched (see the module comment).
   */
  subscribe(caseId: string, listener: () => void): () => void {
    // A case nobody watches any more is let go once another case is watched.
    for (const [id, other] of this.entries)
      if (id !== caseId && other.listeners.size === 0) this.entries.delete(id)
    let entry = this.entries.get(caseId)
    if (!entry) {
      entry = {
        caseId,
        listeners: new Set(),
        state: undefined,
        documents: [],
        sources: new Map(),
        tasks: Promise.resolve(),
        dirty: { documents: new Set(), sources: new Set() },
        reload: true,
      }
      this.entries.set(caseId, entry)
      this.schedule(entry)
    }
    entry.listeners.add(listener)
    const own = entry
    return () => {
      own.listeners.delete(listener)
    }
  }

  /** Stops following the store; every case's lists are dropped. */
  dispose(): void {
    this.unsubscribe()
    this.entries.clear()
  }

  private onChanges(batch: ChangeBatch): void {
    if (!batch.tables.has('documents') && !batch.tables.has('sources')) return
    for (const entry of this.entries.values()) {
      let touched = false
      for (const c of batch.changes) {
        if (c.table !== 'documents' && c.table !== 'sources') continue
        if (typeof c.key !== 'string') continue
        const table = c.table as Followed
        // A change of another case is not read; one whose case is unknown is read if it is
        // one of ours or might be (the read checks its case).
        if (c.caseId !== undefined && c.caseId !== entry.caseId) continue
        if (c.caseId === undefined && c.op === 'delete' && !this.holds(entry, table, c.key))
          continue
        entry.dirty[table].add(c.key)
        touched = true
      }
      if (touched) this.schedule(entry)
    }
  }

  private holds(entry: Entry, table: Followed, key: string): boolean {
    return table === 'sources' ? entry.sources.has(key) : indexOfId(entry.documents, key) >= 0
  }

  /** Queues a read of what `entry` lacks: the whole case, or the keys changed. */
  private schedule(entry: Entry): void {
    entry.tasks = entry.tasks.then(() => this.refresh(entry))
  }

  private async refresh(entry: Entry): Promise<void> {
    if (this.entries.get(entry.caseId) !== entry) return
    const reload = entry.reload
    const dirty = { documents: [...entry.dirty.documents], sources: [...entry.dirty.sources] }
    if (!reload && !dirty.documents.length && !dirty.sources.length) return
    entry.dirty.documents.clear()
    entry.dirty.sources.clear()
    try {
      if (reload) await this.readAll(entry)
      else await this.readChanged(entry, dirty)
      entry.reload = false
      const lists = entry.state?.status === 'ready' ? entry.state.lists : undefined
      // The same object when nothing the subscribers see changed (a write of another case's
      // document whose case was unknown, say), so that nothing renders again.
      if (!lists || lists.documents !== entry.documents || lists.sources !== entry.sources) {
        entry.state = {
          status: 'ready',
          lists: { caseId: entry.caseId, documents: entry.documents, sources: entry.sources },
        }
      } else return
    } catch (error) {
      entry.reload = true
      entry.state = {
        status: 'failed',
        error: error instanceof Error ? error : new Error(String(error)),
      }
    }
    if (this.entries.get(entry.caseId) !== entry) return
    for (const listener of [...entry.listeners]) listener()
  }

  private async readAll(entry: Entry): Promise<void> {
    const { db } = this
    // Changes committed while this read runs are noted as dirty and read again after it.
    const [documents, sources] = await db.transaction('r', db.documents, db.sources, () =>
      Promise.all([
        db.documents.where('caseId').equals(entry.caseId).toArray(),
        db.sources.where('caseId').equals(entry.caseId).toArray(),
      ]),
    )
    entry.documents = documents
    entry.sources = new Map(sources.map((s) => [s.id, s]))
  }

  private async readChanged(
    entry: Entry,
    keys: { documents: string[]; sources: string[] },
  ): Promise<void> {
    const { db } = this
    const [documents, sources] = await db.transaction('r', db.documents, db.sources, () =>
      Promise.all([db.documents.bulkGet(keys.documents), db.sources.bulkGet(keys.sources)]),
    )
    const ours = <T extends { id: string; caseId: string }>(
      ids: string[],
      found: (T | undefined)[],
    ) =>
      new Map(
        ids.map((id, i) => {
          const record = found[i]
          return [id, record && record.caseId === entry.caseId ? record : undefined] as const
        }),
      )
    const changedDocs = ours(keys.documents, documents)
    // Unknown ids that are not ours (another case's deletion, say) change nothing.
    for (const [id, record] of changedDocs)
      if (!record && indexOfId(entry.documents, id) < 0) changedDocs.delete(id)
    if (changedDocs.size) entry.documents = applyToList(entry.documents, changedDocs)
    const changedSources = ours(keys.sources, sources)
    for (const [id, record] of changedSources)
      if (!record && !entry.sources.has(id)) changedSources.delete(id)
    if (changedSources.size) {
      const next = new Map(entry.sources)
      for (const [id, record] of changedSources) {
        if (record) next.set(id, record)
        else next.delete(id)
      }
      entry.sources = next
    }
  }
}

const caches = new WeakMap<CasefileDB, CaseDocumentsCache>()

/** The one `CaseDocumentsCache` of `db`, made on first use. */
export function caseDocumentsCache(db: CasefileDB): CaseDocumentsCache {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new CaseDocumentsCache(db)))
  return cache
}
