/**
 * Per-case view state: what the graph, the timeline and the panes looked like, and which
 * document was open in the reader, when the analyst last left a case (the `viewState` table, one row per case and key). Every value is checked
 * against its key's schema both ways — a write of a value that does not pass is refused, a
 * stored value that does not pass reads as absent — so a pane never receives a shape it did
 * not save. Rows belong to their case: they are backed up and restored with it and deleted
 * with it. Unlike the old free-form settings, a failed write is not swallowed: it rejects with
 * a StoreError (QUOTA_EXCEEDED when the disk is full) for the UI to show. The values are checked
 * by `domain/view-state-check.ts` (the zod schemas' rules, without zod), so that a case whose
 * panes saved a view reopens without loading zod; a restore checks the rows with zod.
 */
import type { ViewStateKey, ViewStateRecord, ViewStateValue } from '../domain/record-schemas'
import { isViewStateValue, viewStateProblem } from '../domain/view-state-check'
import { guardWrite, StoreError } from './errors'
import type { CasefileDB } from './schema'

/** The case's saved `key`, or undefined when there is none or what is stored is not valid. */
export async function readViewState<K extends ViewStateKey>(
  db: CasefileDB,
  caseId: string,
  key: K,
): Promise<ViewStateValue<K> | undefined> {
  const row = await db.viewState.get([caseId, key])
  if (!row) return undefined
  return isViewStateValue(key, row.value) ? row.value : undefined
}

/**
 * Saves the case's `key`. Rejects with StoreError INVALID when `value` does not pass the key's
 * schema, NOT_FOUND when the case is gone (so nothing is left behind by a pane that saves while
 * its case is being deleted), and QUOTA_EXCEEDED or STORE_FAILED when the write fails.
 */
export async function writeViewState<K extends ViewStateKey>(
  db: CasefileDB,
  caseId: string,
  key: K,
  value: ViewStateValue<K>,
): Promise<void> {
  const problem = viewStateProblem(key, value)
  if (problem) throw new StoreError('INVALID', `The ${key} view state is not valid: it ${problem}.`)
  await guardWrite('save the view', () =>
    db.transaction('rw', db.cases, db.viewState, async () => {
      if (!(await db.cases.get(caseId)))
        throw new StoreError('NOT_FOUND', 'That case no longer exists.')
      await db.viewState.put({
        caseId,
        key,
        value,
        updatedAt: Date.now(),
      } as ViewStateRecord)
    }),
  )
}

/** Forgets the case's saved `key` (nothing to remember: the reader was closed, say). */
export async function clearViewState(
  db: CasefileDB,
  caseId: string,
  key: ViewStateKey,
): Promise<void> {
  await guardWrite('save the view', () => db.viewState.delete([caseId, key]))
}

/**
 * The document the reader had open when the case was last left, if it is still one of the
 * case's documents: a document deleted since (or a saved id of another case) reads as none.
 */
export async function readOpenDocument(
  db: CasefileDB,
  caseId: string,
): Promise<string | undefined> {
  const saved = await readViewState(db, caseId, 'reader:document')
  if (!saved) return undefined
  const doc = await db.documents.get(saved.docId)
  return doc?.caseId === caseId ? doc.id : undefined
}
