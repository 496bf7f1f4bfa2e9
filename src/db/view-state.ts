/**
 * Per-case view state: what the graph, the timeline and the panes looked like when the analyst
 * last left a case (the `viewState` table, one row per case and key). Every value is checked
 * against its key's schema both ways — a write of a value that does not pass is refused, a
 * stored value that does not pass reads as absent — so a pane never receives a shape it did
 * not save. Rows belong to their case: they are backed up and restored with it and deleted
 * with it. Unlike the old free-form settings, a failed write is not swallowed: it rejects with
 * a StoreError (QUOTA_EXCEEDED when the disk is full) for the UI to show. The schemas (zod) are
 * loaded on the first read or write, not with the start-up bundle.
 */
import type { ViewStateKey, ViewStateRecord, ViewStateValue } from '../domain/record-schemas'
import { guardWrite, StoreError } from './errors'
import type { CasefileDB } from './schema'

/** The view-state schemas, loaded once on first use (zod is not in the start-up bundle). */
function viewStateSchemas() {
  return import('../domain/record-schemas').then((m) => m.VIEW_STATE_SCHEMAS)
}

/** The case's saved `key`, or undefined when there is none or what is stored is not valid. */
export async function readViewState<K extends ViewStateKey>(
  db: CasefileDB,
  caseId: string,
  key: K,
): Promise<ViewStateValue<K> | undefined> {
  const row = await db.viewState.get([caseId, key])
  if (!row) return undefined
  const parsed = (await viewStateSchemas())[key].safeParse(row.value)
  return parsed.success ? (parsed.data as ViewStateValue<K>) : undefined
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
  const parsed = (await viewStateSchemas())[key].safeParse(value)
  if (!parsed.success)
    throw new StoreError('INVALID', `The ${key} view state is not valid: ${parsed.error.message}`)
  await guardWrite('save the view', () =>
    db.transaction('rw', db.cases, db.viewState, async () => {
      if (!(await db.cases.get(caseId)))
        throw new StoreError('NOT_FOUND', 'That case no longer exists.')
      await db.viewState.put({
        caseId,
        key,
        value: parsed.data,
        updatedAt: Date.now(),
      } as ViewStateRecord)
    }),
  )
}
