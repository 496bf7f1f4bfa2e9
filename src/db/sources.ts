/**
 * Source repository: publishers and authors with an Admiralty reliability grade that keeps
 * its history. Imports find or create the source by name within the case.
 */
import type { Reliability, SourceRecord } from '../domain/types'
import { logChanges } from './change-log'
import { newId } from './db'
import { StoreError } from './errors'
import { recordAction } from './history'
import type { CasefileDB } from './schema'

/** Tidies a source name's white space; matching also ignores case ("The  Gazette " is "the gazette"). */
export function sourceKey(name: string): string {
  return name.replace(/\s+/g, ' ').trim()
}

/**
 * Returns the case's source with this name, creating it (graded F, "cannot be judged", unless
 * a grade is given) if needed. Must run inside a rw transaction over sources and changes.
 */
export async function findOrCreateSource(
  db: CasefileDB,
  caseId: string,
  name: string,
  reliability: Reliability = 'F',
): Promise<{ source: SourceRecord; created: boolean }> {
  const key = sourceKey(name)
  const lower = key.toLowerCase()
  // Sources per case are few: a scan finds "Reuters" for "reuters" where the index cannot.
  const existing = await db.sources
    .where('caseId')
    .equals(caseId)
    .filter((s) => s.name.toLowerCase() === lower)
    .first()
  if (existing) return { source: existing, created: false }
  const now = Date.now()
  const source: SourceRecord = {
    id: newId(),
    caseId,
    name: key,
    reliability,
    history: [{ grade: reliability, at: now }],
    createdAt: now,
  }
  await db.sources.add(source)
  await logChanges(db, [
    {
      caseId,
      action: 'Add source',
      op: 'create',
      table: 'sources',
      recordId: source.id,
      after: source,
    },
  ])
  return { source, created: true }
}

/** Grades a source (undoable); the previous grade stays in its history. */
export async function setSourceReliability(
  db: CasefileDB,
  sourceId: string,
  grade: Reliability,
  note?: string,
): Promise<void> {
  const current = await db.sources.get(sourceId)
  if (!current) throw new StoreError('NOT_FOUND', 'That source no longer exists.')
  if (current.reliability === grade) return
  const label = `Grade ${current.name} ${grade}`
  await recordAction(db, current.caseId, label, ['sources'], async (record) => {
    const before = await db.sources.get(sourceId)
    if (!before) throw new StoreError('NOT_FOUND', 'That source no longer exists.')
    const entry = note ? { grade, at: Date.now(), note } : { grade, at: Date.now() }
    const after: SourceRecord = {
      ...before,
      reliability: grade,
      history: [...before.history, entry],
    }
    await db.sources.put(after)
    record({ op: 'update', table: 'sources', recordId: sourceId, before, after })
  })
}
