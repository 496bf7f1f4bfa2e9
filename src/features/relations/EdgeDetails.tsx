/**
 * What the inspector shows for an edge of the actor graph: the two ends, what the edge
 * stands for (type, count, dates, best grades), and then the records behind it — every
 * event, oldest first, with its date, type and evidence, one click from the timeline; and
 * every relation, as the relation view shows it. The analyst clicked a line because they
 * want to know why it is there; the answer is the passages, each quoted with its document,
 * source and Admiralty grade, one click from the reader. Records deleted since the graph was
 * drawn are counted rather than silently dropped.
 */
import { useMemo, type ReactNode } from 'react'
import { useSelection } from '../../ui/stores/selection'
import { useEntities, useEvents, useEvidence, useRelations } from '../../db/hooks'
import { useDocuments, useSources } from '../../ui/case-documents'
import { familyOf, typeLabel } from '../../domain/event-types'
import { CREDIBILITY_LABELS, formatDay } from '../../domain/format'
import type { GraphEdge } from '../../domain/graph-model'
import { formatWhen } from '../../domain/time/calendar'
import type { EventRecord, RelationRecord } from '../../domain/types'
import { EvidenceQuotes } from './EvidenceQuotes'
import { RelationEntry } from './RelationDetails'
import './relations.css'

/** Props of `EdgeDetails`. */
export interface EdgeDetailsProps {
  /** The edge clicked in the graph (`buildGraph`'s output). */
  edge: GraphEdge
  caseId: string
}

/** `ids` looked up in `records`, in the order of `ids`; ids not found are skipped. */
function pick<T extends { id: string }>(ids: string[], records: T[] | undefined): T[] {
  const byId = new Map(records?.map((r) => [r.id, r]))
  return ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined)
}

/** The edge's dates as a range of days (its end is exclusive, as `GraphEdge.span` says). */
function spanWords(span: { start: number; end: number }): string {
  const first = formatDay(span.start)
  const last = formatDay(span.end > span.start ? span.end - 1 : span.start)
  return first === last ? first : `${first} – ${last}`
}

/** The inspector's view of a graph edge; see the module comment. */
export function EdgeDetails({ edge, caseId }: EdgeDetailsProps) {
  const selectEvent = useSelection((s) => s.selectEvent)
  const entities = useEntities(caseId)
  const allEvents = useEvents(caseId)
  const allRelations = useRelations(caseId)
  const documents = useDocuments(caseId)
  const sources = useSources(caseId)
  const events = useMemo(() => pick(edge.eventIds, allEvents), [edge.eventIds, allEvents])
  const relations = useMemo(
    () => pick(edge.relationIds, allRelations),
    [edge.relationIds, allRelations],
  )
  const evidence = useEvidence(events, relations)
  const names = useMemo(
    () => (entities ? new Map(entities.map((e) => [e.id, e.name])) : undefined),
    [entities],
  )
  const docs = useMemo(() => new Map(documents?.map((d) => [d.id, d])), [documents])
  const name = (id: string) => (names ? (names.get(id) ?? 'unknown') : '…')
  const goneEvents = allEvents ? edge.eventIds.length - events.length : 0
  const goneRelations = allRelations ? edge.relationIds.length - relations.length : 0

  return (
    <aside className="inspector edge-details" aria-label="Graph edge" data-testid="edge-details">
      <h2 data-testid="edge-details-title">
        {name(edge.from)} {edge.directed ? '→' : '↔'} {name(edge.to)}
      </h2>
      <p className="edge-summary">
        <span className={`chip tl-chip-${edge.family}`}>{edge.label}</span>
        {edge.span && <span>{spanWords(edge.span)}</span>}
        {edge.bestReliability && (
          <span className="muted" title="The best reliability among the evidence's sources">
            Best source: {edge.bestReliability}
          </span>
        )}
        {edge.bestCredibility && (
          <span className="muted" title="The best credibility among the events">
            Best credibility: {edge.bestCredibility}
          </span>
        )}
      </p>

      {edge.eventIds.length > 0 && (
        <section className="field">
          <span>
            {edge.eventIds.length} event{edge.eventIds.length === 1 ? '' : 's'}
          </span>
          <ul className="plain-list edge-list">
            {events.map((event) => (
              <EdgeEvent
                key={event.id}
                event={event}
                onSelect={() => selectEvent(event.id)}
                evidence={
                  <EvidenceQuotes
                    ids={event.evidence}
                    evidence={evidence}
                    docs={docs}
                    sources={sources}
                    credibility={event.confidence}
                    itemTestId="edge-evidence"
                    emptyText="No evidence passage."
                  />
                }
              />
            ))}
          </ul>
          {goneEvents > 0 && (
            <p className="warning">
              {goneEvents} event{goneEvents === 1 ? ' was' : 's were'} deleted since the graph was
              drawn.
            </p>
          )}
        </section>
      )}

      {edge.relationIds.length > 0 && (
        <section className="field">
          <span>
            {edge.relationIds.length === 1 ? 'Relation' : `${edge.relationIds.length} relations`}
          </span>
          <ul className="plain-list edge-list">
            {relations.map((relation: RelationRecord) => (
              <li key={relation.id} className="edge-item" data-testid="edge-relation">
                <RelationEntry
                  relation={relation}
                  names={names}
                  evidence={evidence}
                  docs={docs}
                  sources={sources}
                  evidenceTestId="edge-evidence"
                  headingLevel={4}
                />
              </li>
            ))}
          </ul>
          {goneRelations > 0 && (
            <p className="warning">
              {goneRelations === 1
                ? 'The relation was deleted since the graph was drawn.'
                : `${goneRelations} relations were deleted since the graph was drawn.`}
            </p>
          )}
        </section>
      )}
    </aside>
  )
}

/** One event behind the edge: title, date, type, grade, evidence, and a way to the timeline. */
function EdgeEvent({
  event,
  evidence,
  onSelect,
}: {
  event: EventRecord
  evidence: ReactNode
  onSelect(): void
}) {
  return (
    <li className="edge-item" data-testid="edge-event">
      <h4 className="event-title">{event.title}</h4>
      <div className="edge-event-meta">
        <span className={`chip tl-chip-${familyOf(event.type)}`}>{typeLabel(event.type)}</span>
        <span data-testid="edge-event-when">
          {event.when ? (
            <>
              {event.when.approximate && 'about '}
              {formatWhen(event.when)}
            </>
          ) : (
            <em>no date</em>
          )}
        </span>
        {event.confidence && (
          <span className="muted" title={CREDIBILITY_LABELS[event.confidence]}>
            credibility {event.confidence}
          </span>
        )}
      </div>
      {evidence}
      <button type="button" className="link" onClick={onSelect}>
        Select on timeline
      </button>
    </li>
  )
}
