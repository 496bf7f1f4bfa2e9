/**
 * Cuts a case snapshot down to what one briefing reports: its events (those it lists and those
 * its key judgements rest on), the passages those events cite, the actors and places they
 * involve, the documents the passages are in and those documents' sources, and the relations
 * between the actors kept. Every exporter then works on the cut as on a whole case, so "export
 * the briefing" never leaks a passage, actor or document the briefing does not rest on.
 */
import { eventPlaceIds } from '../domain/event-places'
import type { CaseSnapshot } from './snapshot'

/** Thrown when the briefing asked for is not in the case. */
export class BriefingNotFoundError extends Error {
  constructor(briefingId: string) {
    super(`The case has no briefing with id ${briefingId}.`)
    this.name = 'BriefingNotFoundError'
  }
}

/**
 * The part of `snapshot` that briefing `briefingId` rests on (see the module comment). The
 * briefing itself is the only briefing kept; the case record and the saved graph layout stay
 * (positions of actors left out are simply unused). Throws BriefingNotFoundError.
 */
export function selectBriefing(snapshot: CaseSnapshot, briefingId: string): CaseSnapshot {
  const briefing = snapshot.briefings.find((b) => b.id === briefingId)
  if (!briefing) throw new BriefingNotFoundError(briefingId)
  const eventIds = new Set(briefing.eventIds)
  for (const j of briefing.judgements) for (const id of j.eventIds) eventIds.add(id)
  const events = snapshot.events.filter((e) => eventIds.has(e.id))

  const annotationIds = new Set<string>()
  const entityIds = new Set<string>()
  for (const e of events) {
    for (const id of e.evidence) annotationIds.add(id)
    for (const id of [...e.initiators, ...e.targets, ...eventPlaceIds(e)]) entityIds.add(id)
  }
  // Relations only between actors the briefing involves: a standing tie between two of them
  // is context the reader of the briefing needs; one to an outsider would bring the outsider.
  const relations = snapshot.relations.filter((r) => entityIds.has(r.from) && entityIds.has(r.to))
  for (const r of relations) for (const id of r.evidence) annotationIds.add(id)

  const annotations = snapshot.annotations.filter((a) => annotationIds.has(a.id))
  const docIds = new Set(annotations.map((a) => a.docId))
  const documents = snapshot.documents.filter((d) => docIds.has(d.id))
  const sourceIds = new Set(documents.flatMap((d) => (d.sourceId ? [d.sourceId] : [])))
  return {
    case: snapshot.case,
    sources: snapshot.sources.filter((s) => sourceIds.has(s.id)),
    documents,
    annotations,
    entities: snapshot.entities.filter((e) => entityIds.has(e.id)),
    events,
    relations,
    briefings: [briefing],
    viewState: snapshot.viewState,
  }
}
