/**
 * The append-only change log: every write made through a repository appends entries here
 * in the same transaction, giving the audit trail and (later) undo. Callers must already be
 * inside a read-write transaction that includes the `changes` table.
 */
import type { ChangeRecord, TableName } from '../domain/types'
import type { CasefileDB } from './schema'

export interface ChangeInput {
  caseId: string
  action: string
  op: ChangeRecord['op']
  table: TableName
  recordId: string
  before?: unknown
  after?: unknown
}

/**
 * Appends entries to the change log, all with the same timestamp (`at`, else now) and
 * (optional) group.
 */
export async function logChanges(
  db: CasefileDB,
  entries: ChangeInput[],
  group?: string,
  at: number = Date.now(),
): Promise<void> {
  if (entries.length === 0) return
  await db.changes.bulkAdd(entries.map((e) => (group ? { ...e, at, group } : { ...e, at })))
}
