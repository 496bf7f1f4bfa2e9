/**
 * The case's matrix of competing hypotheses, stored on the case record (`CaseRecord.ach`):
 * hypotheses, evidence rows (events and tagged passages of the case), ratings, relevance and
 * saved versions. Every edit is one undoable action on the case record, checked against the
 * schema a backup is validated with, and rows are checked to point at events or passages of
 * this case inside the transaction. Scoring is not stored: it is computed (domain/ach.ts).
 */
import { achMatrixSchema } from '../domain/record-schemas'
import type { AchMatrix, AchRating, BriefingRecord, CaseRecord, Judgement } from '../domain/types'
import { newId } from './db'
import { StoreError } from './errors'
import { recordAction } from './history'
import type { CasefileDB } from './schema'

/** An empty matrix. */
export const EMPTY_ACH: AchMatrix = { hypotheses: [], rows: [], versions: [] }

type Relevance = AchMatrix['rows'][number]['relevance']
type RowRef = Pick<AchMatrix['rows'][number], 'kind' | 'refId'>

/** Applies `change` to the case's matrix as one undoable action named `label`. */
async function changeAch(
  db: CasefileDB,
  caseId: string,
  label: string,
  change: (matrix: AchMatrix, record: CaseRecord) => Promise<AchMatrix> | AchMatrix,
): Promise<void> {
  await recordAction(db, caseId, label, ['cases', 'events', 'annotations'], async (record) => {
    const before = await db.cases.get(caseId)
    if (!before) throw new StoreError('NOT_FOUND', 'That case no longer exists.')
    const next = await change(before.ach ?? EMPTY_ACH, before)
    const parsed = achMatrixSchema.safeParse(next)
    if (!parsed.success) {
      throw new StoreError('INVALID', parsed.error.issues[0]?.message ?? 'Invalid matrix.')
    }
    const after: CaseRecord = { ...before, ach: parsed.data, updatedAt: Date.now() }
    await db.cases.put(after)
    record({ op: 'update', table: 'cases', recordId: caseId, before, after })
  })
}

function cleanText(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim()
  if (!t) throw new StoreError('INVALID', 'A hypothesis needs a few words.')
  return t
}

/** Adds a hypothesis (a column); returns its id. */
export async function addHypothesis(db: CasefileDB, caseId: string, text: string): Promise<string> {
  const id = newId()
  const clean = cleanText(text)
  await changeAch(db, caseId, `Add hypothesis “${clean}”`, (m) => ({
    ...m,
    hypotheses: [...m.hypotheses, { id, text: clean }],
  }))
  return id
}

/** Renames a hypothesis. */
export async function renameHypothesis(
  db: CasefileDB,
  caseId: string,
  hypothesisId: string,
  text: string,
): Promise<void> {
  const clean = cleanText(text)
  await changeAch(db, caseId, `Rename hypothesis to “${clean}”`, (m) => ({
    ...m,
    hypotheses: m.hypotheses.map((h) => (h.id === hypothesisId ? { ...h, text: clean } : h)),
  }))
}

/** Removes a hypothesis and its ratings. */
export async function removeHypothesis(
  db: CasefileDB,
  caseId: string,
  hypothesisId: string,
): Promise<void> {
  await changeAch(db, caseId, 'Remove a hypothesis', (m) => ({
    ...m,
    hypotheses: m.hypotheses.filter((h) => h.id !== hypothesisId),
    rows: m.rows.map((r) => {
      const { [hypothesisId]: _gone, ...cells } = r.cells
      return { ...r, cells }
    }),
  }))
}

/**
 * Adds evidence rows (events or passages of the case) that are not in the matrix yet, with
 * medium relevance. Throws NOT_FOUND when one is not in the case.
 */
export async function addAchRows(db: CasefileDB, caseId: string, refs: RowRef[]): Promise<void> {
  await changeAch(
    db,
    caseId,
    `Add ${refs.length === 1 ? 'evidence' : `${refs.length} rows of evidence`} to the hypotheses`,
    async (m) => {
      const events = await db.events.bulkGet(
        refs.filter((r) => r.kind === 'event').map((r) => r.refId),
      )
      const tags = await db.annotations.bulkGet(
        refs.filter((r) => r.kind === 'annotation').map((r) => r.refId),
      )
      if ([...events, ...tags].some((x) => !x || x.caseId !== caseId)) {
        throw new StoreError('NOT_FOUND', 'That evidence is no longer in the case.')
      }
      const have = new Set(m.rows.map((r) => r.refId))
      const added = refs
        .filter((r) => !have.has(r.refId))
        .map((r) => ({ kind: r.kind, refId: r.refId, relevance: 'medium' as Relevance, cells: {} }))
      return { ...m, rows: [...m.rows, ...added] }
    },
  )
}

/** Removes an evidence row. */
export async function removeAchRow(db: CasefileDB, caseId: string, refId: string): Promise<void> {
  await changeAch(db, caseId, 'Remove evidence from the hypotheses', (m) => ({
    ...m,
    rows: m.rows.filter((r) => r.refId !== refId),
  }))
}

/** Rates how a row bears on a hypothesis. */
export async function rateAch(
  db: CasefileDB,
  caseId: string,
  refId: string,
  hypothesisId: string,
  rating: AchRating,
): Promise<void> {
  await changeAch(db, caseId, `Rate evidence ${rating}`, (m) => {
    if (!m.hypotheses.some((h) => h.id === hypothesisId) || !m.rows.some((r) => r.refId === refId))
      throw new StoreError('NOT_FOUND', 'That cell is no longer in the matrix.')
    return {
      ...m,
      rows: m.rows.map((r) =>
        r.refId === refId ? { ...r, cells: { ...r.cells, [hypothesisId]: rating } } : r,
      ),
    }
  })
}

/** Sets how much a row matters. */
export async function setAchRelevance(
  db: CasefileDB,
  caseId: string,
  refId: string,
  relevance: Relevance,
): Promise<void> {
  await changeAch(db, caseId, `Set relevance to ${relevance}`, (m) => ({
    ...m,
    rows: m.rows.map((r) => (r.refId === refId ? { ...r, relevance } : r)),
  }))
}

/** Saves a version: `snapshot` is what the matrix says now (JSON of domain/ach.ts's AchSnapshot). */
export async function saveAchVersion(
  db: CasefileDB,
  caseId: string,
  label: string,
  snapshot: string,
): Promise<void> {
  await changeAch(db, caseId, 'Save a version of the hypotheses', (m) => ({
    ...m,
    versions: [
      ...m.versions,
      { id: newId(), at: Date.now(), label: label.trim() || 'Version', snapshot },
    ].slice(-100),
  }))
}

/**
 * The matrix without rows whose event or passage is not in `present` (a deleted event
 * leaves no row behind in a backup or a restored case).
 */
export function achWithout(matrix: AchMatrix, present: (refId: string) => boolean): AchMatrix {
  return { ...matrix, rows: matrix.rows.filter((r) => present(r.refId)) }
}

/**
 * Makes a briefing's key judgement cite a saved version of the case's matrix (its id and
 * date), or no version with `null` (undoable). Throws NOT_FOUND when the judgement or the
 * version is gone.
 */
export async function citeAchVersion(
  db: CasefileDB,
  briefingId: string,
  judgementId: string,
  versionId: string | null,
): Promise<void> {
  const current = await db.briefings.get(briefingId)
  if (!current) throw new StoreError('NOT_FOUND', 'That briefing no longer exists.')
  const label = versionId
    ? `Cite the hypotheses in a judgement of “${current.title}”`
    : `Stop citing the hypotheses in a judgement of “${current.title}”`
  await recordAction(db, current.caseId, label, ['briefings', 'cases'], async (record) => {
    const before = await db.briefings.get(briefingId)
    if (!before) throw new StoreError('NOT_FOUND', 'That briefing no longer exists.')
    const judgement = before.judgements.find((j) => j.id === judgementId)
    if (!judgement) throw new StoreError('NOT_FOUND', 'That key judgement no longer exists.')
    let cited: Judgement['achVersion']
    if (versionId) {
      const version = (await db.cases.get(before.caseId))?.ach?.versions.find(
        (v) => v.id === versionId,
      )
      if (!version)
        throw new StoreError('NOT_FOUND', 'That version of the hypotheses is no longer kept.')
      cited = { id: version.id, at: version.at }
    }
    if (judgement.achVersion?.id === cited?.id) return
    const after: BriefingRecord = {
      ...before,
      judgements: before.judgements.map((j) => {
        if (j.id !== judgementId) return j
        const { achVersion: _old, ...rest } = j
        return cited ? { ...rest, achVersion: cited } : rest
      }),
      updatedAt: Date.now(),
    }
    await db.briefings.put(after)
    record({ op: 'update', table: 'briefings', recordId: briefingId, before, after })
  })
}
