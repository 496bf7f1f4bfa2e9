/**
 * Case repository: create, rename, list and delete investigations. Deleting a case removes
 * every record that carries its id, in one transaction, so nothing is left half-deleted.
 */
import type { CaseRecord } from '../domain/types'
import { logChanges } from './change-log'
import { newId } from './db'
import { guardWrite, StoreError } from './errors'
import { recordAction } from './history'
import { CASE_TABLES, type CasefileDB } from './schema'

const MAX_TITLE = 200

/** A case title with its white space tidied; throws StoreError INVALID when empty or long. */
export function cleanTitle(title: string): string {
  const t = title.replace(/\s+/g, ' ').trim()
  if (!t) throw new StoreError('INVALID', 'A case needs a title.')
  if (t.length > MAX_TITLE)
    throw new StoreError('INVALID', `Keep the title under ${MAX_TITLE} characters.`)
  return t
}

/** Creates an empty case and returns it. */
export async function createCase(
  db: CasefileDB,
  title: string,
  description?: string,
): Promise<CaseRecord> {
  const now = Date.now()
  const record: CaseRecord = {
    id: newId(),
    title: cleanTitle(title),
    createdAt: now,
    updatedAt: now,
  }
  if (description) record.description = description
  await guardWrite('create the case', () =>
    db.transaction('rw', db.cases, db.changes, async () => {
      await db.cases.add(record)
      await logChanges(db, [
        {
          caseId: record.id,
          action: 'Create case',
          op: 'create',
          table: 'cases',
          recordId: record.id,
          after: record,
        },
      ])
    }),
  )
  return record
}

/** Renames a case. */
export async function renameCase(db: CasefileDB, caseId: string, title: string): Promise<void> {
  const next = cleanTitle(title)
  await recordAction(db, caseId, `Rename case to “${next}”`, ['cases'], async (record) => {
    const before = await db.cases.get(caseId)
    if (!before) throw new StoreError('NOT_FOUND', 'That case no longer exists.')
    const after = { ...before, title: next, updatedAt: Date.now() }
    await db.cases.put(after)
    record({ op: 'update', table: 'cases', recordId: caseId, before, after })
  })
}

/** Marks a case as changed now (sorts it first in the case list). */
export async function touchCase(db: CasefileDB, caseId: string): Promise<void> {
  await db.cases.update(caseId, { updatedAt: Date.now() })
}

/** All cases, most recently changed first. */
export async function listCases(db: CasefileDB): Promise<CaseRecord[]> {
  return db.cases.orderBy('updatedAt').reverse().toArray()
}

/**
 * Tables of `CASE_TABLES` whose rows are derived from the others (a document's text, the
 * search index, the panes' view settings, the graph's and the map's copies of the events): deleted with the case, but not counted apart.
 */
export const DERIVED_CASE_TABLES = [
  'texts',
  'searchIndexes',
  'viewState',
  'searchSlices',
  'graphTies',
  'mapPoints',
] as const

/** The case tables whose rows the analyst made, counted by `caseContents`. */
export type CountedCaseTable = Exclude<
  (typeof CASE_TABLES)[number],
  (typeof DERIVED_CASE_TABLES)[number]
>

/**
 * What deleting a case removes, for the confirmation dialog: the rows of every case table the
 * deletion clears (`CASE_TABLES`, less the derived ones) and the hypotheses of its matrix,
 * which live on the case record.
 */
export type CaseContents = Record<CountedCaseTable, number> & { hypotheses: number }

/** Counts what deleting the case would remove (see `CaseContents`). */
export async function caseContents(db: CasefileDB, caseId: string): Promise<CaseContents> {
  const derived: readonly string[] = DERIVED_CASE_TABLES
  const tables = CASE_TABLES.filter((t): t is CountedCaseTable => !derived.includes(t))
  const [record, ...counts] = await Promise.all([
    db.cases.get(caseId),
    ...tables.map((t) => db.table(t).where('caseId').equals(caseId).count()),
  ])
  const contents = { hypotheses: record?.ach?.hypotheses.length ?? 0 } as CaseContents
  tables.forEach((t, i) => (contents[t] = counts[i]!))
  return contents
}

/** Deletes a case and every record that belongs to it. */
export async function deleteCase(db: CasefileDB, caseId: string): Promise<void> {
  const tables = [db.cases, ...CASE_TABLES.map((t) => db.table(t))]
  await guardWrite('delete the case', () =>
    db.transaction('rw', tables, async () => {
      await db.cases.delete(caseId)
      for (const name of CASE_TABLES) await db.table(name).where('caseId').equals(caseId).delete()
    }),
  )
}

/** One case, or undefined. */
export function getCase(db: CasefileDB, caseId: string): Promise<CaseRecord | undefined> {
  return db.cases.get(caseId)
}

/** The case to open at start-up: `preferred` if it still exists, else the latest changed. */
export async function caseToOpen(
  db: CasefileDB,
  preferred: string | null,
): Promise<string | undefined> {
  if (preferred && (await db.cases.get(preferred))) return preferred
  return (await db.cases.orderBy('updatedAt').last())?.id
}
