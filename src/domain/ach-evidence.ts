/**
 * The rows of a case's matrix of competing hypotheses as the scorer reads them
 * (`analyseAch` in ach.ts): what each row rests on, worked out from the case's records. A
 * passage row rests on that passage; an event row on the passages that support it (a
 * contradicting passage is evidence against the event, not something the event rests on).
 * From those passages come the row's grades — its documents' source reliability and the
 * passages' credibility — and its independent origins, which are corroboration's origins and
 * come from the one implementation of them (`OriginResolver.originOf` in corroboration.ts):
 * the outlet a second-hand passage cites, else its document's source, near-identical copies
 * sharing their original's. So "the ranking without any one origin" leaves out exactly what
 * the corroboration line counts as one origin. Orphaned passages (their words are no longer
 * in the document) are left out of the origins, as corroboration leaves them out. Rows whose
 * event or passage is gone are left out. Pure.
 */
import type { AchInput, AchRowInput } from './ach'
import {
  OriginResolver,
  type CorroborationContext,
  type CorroborationPassage,
} from './corroboration'
import { linkStance } from './stance'
import type { AchMatrix, AnnotationRecord, Credibility, EventRecord, Reliability } from './types'

/** What the matrix reads of the case. */
export interface AchCaseRecords {
  events: ReadonlyMap<string, Pick<EventRecord, 'title' | 'evidence' | 'stances'>>
  passages: Map<string, CorroborationPassage & Pick<AnnotationRecord, 'exact'>>
  documents: CorroborationContext['documents']
  sources: CorroborationContext['sources']
  /** Document id → the original it is a near-identical copy of (text-copies.ts). */
  copies?: ReadonlyMap<string, string>
}

/** A matrix ready to score, with the words to show beside it. */
export interface AchCaseInput {
  input: AchInput
  /** The matrix's rows whose event or passage is still in the case, in the matrix's order. */
  rows: AchMatrix['rows']
  /** Row id → what the analyst reads: the event's title or the quoted passage. */
  labels: Map<string, string>
  /** Origin key (as in `AchRowInput.origins`) → its name. */
  originLabels: Map<string, string>
}

/** A passage quoted for a row label, shortened to 80 characters. */
export function quoteLabel(exact: string): string {
  const t = exact.replace(/\s+/g, ' ').trim()
  return `“${t.length > 80 ? `${t.slice(0, 79)}…` : t}”`
}

/** The matrix `matrix` over the case's `records`, ready for `analyseAch`. */
export function achInputFromCase(matrix: AchMatrix, records: AchCaseRecords): AchCaseInput {
  const resolver = new OriginResolver({
    passages: records.passages,
    documents: records.documents,
    sources: records.sources,
    ...(records.copies ? { copies: new Map(records.copies) } : {}),
  })
  const labels = new Map<string, string>()
  const originLabels = new Map<string, string>()
  const rows = matrix.rows.filter((r) =>
    r.kind === 'event' ? records.events.has(r.refId) : records.passages.has(r.refId),
  )
  const inputRows: AchRowInput[] = rows.map((row) => {
    let basis: (CorroborationPassage & Pick<AnnotationRecord, 'exact'>)[]
    if (row.kind === 'event') {
      const event = records.events.get(row.refId)!
      labels.set(row.refId, event.title)
      basis = [...new Set(event.evidence)].flatMap((id) => {
        const p = records.passages.get(id)
        return p && linkStance(event.stances, id, p) !== 'contradicts' ? [p] : []
      })
    } else {
      const p = records.passages.get(row.refId)!
      labels.set(row.refId, quoteLabel(p.exact))
      basis = [p]
    }
    const reliabilities: Reliability[] = []
    const credibilities: Credibility[] = []
    const origins: string[] = []
    for (const p of basis) {
      const sourceId = records.documents.get(p.docId)?.sourceId
      const reliability = sourceId ? records.sources.get(sourceId)?.reliability : undefined
      if (reliability) reliabilities.push(reliability)
      if (p.credibility) credibilities.push(p.credibility)
      if (p.anchor?.status === 'orphan') continue
      const origin = resolver.originOf(p)
      if (!origins.includes(origin.key)) origins.push(origin.key)
      originLabels.set(origin.key, origin.label)
    }
    return {
      id: row.refId,
      relevance: row.relevance,
      reliabilities,
      credibilities,
      origins,
      cells: row.cells,
    }
  })
  return { input: { hypotheses: matrix.hypotheses, rows: inputRows }, rows, labels, originLabels }
}
