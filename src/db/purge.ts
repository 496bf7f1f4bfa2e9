/**
 * Deleted means gone. The change log records every write with its `before` and `after`
 * states, so deleting a document used to leave its whole text in the log (and, through it,
 * in every later backup), and "Replace text" left both versions there. The undo stack itself
 * lives in memory for the session (see history.ts), so the log's copies of text are only an
 * audit trail: the rule here is that a log entry keeps text-bearing states only while an
 * undo or redo step of the session references it (its group). Text-bearing means: an entry
 * of the `texts` table (a whole text), or an entry of `documents` or `annotations` (titles,
 * quotes and their context) whose document no longer exists. `purgeDeletedText` strips
 * those states (and the words the entry's label quotes), keeping the entry itself (what was
 * done, when, to which record); it runs on
 * start-up (no session undo exists then) and whenever a step that wrote a text falls off the
 * undo stack. `redactForBackup` applies the same rule to what a backup writes, with no step
 * kept, so a backup never carries purgeable text. `maintainStore` is the start-up pass: it
 * also removes records left by a restore that was cut short (records whose case row is gone).
 */
import type { ChangeRecord } from '../domain/types'
import { CASE_TABLES, type CasefileDB } from './schema'

function docIdOf(snapshot: unknown): string | undefined {
  if (snapshot && typeof snapshot === 'object' && 'docId' in snapshot) {
    const id = (snapshot as { docId: unknown }).docId
    return typeof id === 'string' ? id : undefined
  }
  return undefined
}

/** True when `entry` carries text that may not outlive its undo (see the module comment). */
export function carriesPurgeableText(
  entry: Pick<ChangeRecord, 'table' | 'recordId' | 'before' | 'after'>,
  liveDocIds: ReadonlySet<string>,
): boolean {
  if (entry.before === undefined && entry.after === undefined) return false
  switch (entry.table) {
    case 'texts':
      return true
    case 'documents':
      return !liveDocIds.has(entry.recordId)
    case 'annotations': {
      const docId = docIdOf(entry.before) ?? docIdOf(entry.after)
      return docId === undefined || !liveDocIds.has(docId)
    }
    default:
      return false
  }
}

/** An action label without the words it quotes ("Tag “…” as note"): they are the text's. */
export function redactLabel(action: string): string {
  return action.replace(/“[^”]*”/g, '“…”')
}

/** `entry` without its text-bearing states when it carries purgeable text, else as it is. */
export function redactForBackup<
  T extends Pick<ChangeRecord, 'table' | 'recordId' | 'action'> & object,
>(entry: T & { before?: unknown; after?: unknown }, liveDocIds: ReadonlySet<string>): T {
  if (!carriesPurgeableText(entry, liveDocIds)) return entry
  const { before: _before, after: _after, ...rest } = entry
  return { ...rest, action: redactLabel(entry.action) } as T
}

/**
 * Strips purgeable text from the change log, except from entries whose group is in
 * `keepGroups` (steps still on the session's undo or redo stack). One transaction; resolves
 * to how many entries were stripped.
 */
export async function purgeDeletedText(
  db: CasefileDB,
  keepGroups: ReadonlySet<string> = new Set(),
): Promise<number> {
  return db.transaction('rw', db.changes, db.documents, async () => {
    const live = new Set(await db.documents.toCollection().primaryKeys())
    return db.changes
      .filter((c) => !(c.group && keepGroups.has(c.group)) && carriesPurgeableText(c, live))
      .modify((c) => {
        delete c.before
        delete c.after
        c.action = redactLabel(c.action)
      })
  })
}

/** The setting that tells the next start that the change log holds text to purge. */
export const PURGE_PENDING_KEY = 'store:purgePending'

/**
 * Tells the next start to purge: call inside the transaction (over `settings`) of a write that
 * puts text into the change log, so that the start-up pass need not read the whole log when
 * nothing was deleted or replaced since it last ran.
 */
export async function markPurgePending(db: CasefileDB): Promise<void> {
  await db.settings.put({ key: PURGE_PENDING_KEY, value: true })
}

/** Deletes records whose case no longer exists (left by a restore that was cut short). */
export async function sweepOrphans(db: CasefileDB): Promise<void> {
  const tables = [db.cases, ...CASE_TABLES.map((t) => db.table(t))]
  await db.transaction('rw', tables, async () => {
    const cases = await db.cases.toCollection().primaryKeys()
    // All at once: the transaction queues them in order anyway, and start-up waits for this
    // pass (db.on('ready')), so a round trip per table would delay every first read.
    await Promise.all(
      CASE_TABLES.map((name) => db.table(name).where('caseId').noneOf(cases).delete()),
    )
  })
}

/**
 * The start-up pass over the store: no undo step of an earlier session can exist, so every
 * purgeable text goes — when a write since the last pass marked some (`markPurgePending`), so
 * that a start does not read the whole change log for nothing (50,000 entries cost seconds) —
 * and half-restored cases are removed. Never throws: a failure here must
 * not keep the app from opening (it runs again on the next start).
 */
export async function maintainStore(db: CasefileDB): Promise<void> {
  try {
    await sweepOrphans(db)
    await db.transaction('rw', db.changes, db.documents, db.settings, async () => {
      if (!(await db.settings.get(PURGE_PENDING_KEY))) return
      await purgeDeletedText(db)
      await db.settings.delete(PURGE_PENDING_KEY)
    })
  } catch (e) {
    console.warn('Casefile: the start-up store maintenance failed', e)
  }
}
