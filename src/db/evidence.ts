/**
 * Keeps evidence lists true: when tags are deleted, they are taken out of the evidence of
 * every event and relation of the case, inside the caller's undoable action.
 */
import { keepStances, withStances } from '../domain/stance'
import type { EventRecord, RelationRecord } from '../domain/types'
import type { Recorder } from './history'
import type { CasefileDB } from './schema'

/** Takes deleted tags out of the evidence of the case's events and relations. */
export async function dropEvidence(
  db: CasefileDB,
  caseId: string,
  ids: string[],
  record: Recorder,
): Promise<void> {
  const gone = new Set(ids)
  for (const table of ['events', 'relations'] as const) {
    const rows = (await db.table(table).where('caseId').equals(caseId).toArray()) as (
      EventRecord | RelationRecord
    )[]
    for (const before of rows) {
      if (!before.evidence.some((a) => gone.has(a))) continue
      const evidence = before.evidence.filter((a) => !gone.has(a))
      const after = withStances({ ...before, evidence }, keepStances(before.stances, evidence))
      await db.table(table).put(after)
      record({ op: 'update', table, recordId: before.id, before, after })
    }
  }
}
