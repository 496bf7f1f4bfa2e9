/**
 * Test support (only tests import it): what STIX holds of a case — sources and grades,
 * documents, entities, events with their actors, places, times and evidence quotes, relations,
 * tagged passages — keyed by names, so that two cases (ids differ) can be compared after a
 * round trip.
 */
import type { CaseSnapshot } from '../snapshot'

/** What STIX holds of a case, by names (ids differ between cases). */
export function essence(s: CaseSnapshot) {
  const entity = new Map(s.entities.map((e) => [e.id, e]))
  const names = (ids: string[] | undefined) => (ids ?? []).map((id) => entity.get(id)!.name)
  const annotation = new Map(s.annotations.map((a) => [a.id, a]))
  const doc = new Map(s.documents.map((d) => [d.id, d]))
  return {
    sources: s.sources.map((x) => [x.name, x.reliability, x.history.length]).sort(),
    documents: s.documents
      .map((d) => [d.title, d.text, d.url, d.publishedAt, d.language, d.textHash])
      .sort(),
    entities: s.entities.map((e) => [e.name, e.kind, [...e.aliases].sort()]).sort(),
    events: s.events
      .map((e) => ({
        title: e.title,
        type: e.type,
        initiators: names(e.initiators),
        targets: names(e.targets),
        places: names(e.locationIds),
        when: e.when,
        confidence: e.confidence,
        notes: e.notes,
        evidence: e.evidence.map((id) => annotation.get(id)!.exact).sort(),
      }))
      .sort((a, b) => a.title.localeCompare(b.title)),
    relations: s.relations
      .map((r) => [entity.get(r.from)!.name, entity.get(r.to)!.name, r.type, r.directed, r.when])
      .sort(),
    quotes: s.annotations
      .map((a) => [
        doc.get(a.docId)!.title,
        a.start,
        a.end,
        a.exact,
        a.kind,
        a.credibility,
        a.note,
        a.entityId ? entity.get(a.entityId)!.name : undefined,
      ])
      .sort(),
  }
}
