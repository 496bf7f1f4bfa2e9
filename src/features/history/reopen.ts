/**
 * What an undo or redo did to documents, so that the reader can follow it: undoing a
 * document's deletion (only the reader deletes documents, so it was open there) brings the
 * document back into the reader, and redoing the deletion closes it, as the deletion did.
 */
import type { RecordedAction } from '../../db/history'

/** The documents an undo or redo of `action` restored and removed. */
export interface DocumentChanges {
  restored: string[]
  removed: string[]
}

/** Which documents applying `action` in `direction` brought back and which it took away. */
export function documentChanges(
  action: Pick<RecordedAction, 'entries'>,
  direction: 'undo' | 'redo',
): DocumentChanges {
  const changes: DocumentChanges = { restored: [], removed: [] }
  for (const e of action.entries) {
    if (e.table !== 'documents') continue
    // Undo writes each entry's `before`, redo its `after`; the other side is what was there.
    const [was, now] = direction === 'undo' ? [e.after, e.before] : [e.before, e.after]
    if (was === undefined && now !== undefined) changes.restored.push(e.recordId)
    else if (was !== undefined && now === undefined) changes.removed.push(e.recordId)
  }
  return changes
}
