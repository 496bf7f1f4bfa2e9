/**
 * The inspector's view of the selected event: what, who to whom, when (with how the date
 * was resolved and its uncertainty), where, its grade, notes, and every evidence passage —
 * quoted, with its document, source and Admiralty grade — each one click from the passage
 * in the reader. Edit and delete go through event-actions (the same form and confirmation
 * as the timeline's Enter and Delete keys).
 */
import { useMemo } from 'react'
import { useAppState } from '../../app/app-state'
import { familyOf, typeLabel } from '../../domain/event-types'
import { CREDIBILITY_LABELS } from '../../domain/format'
import { formatWhen } from '../../domain/time/calendar'
import type { AnnotationRecord, EventRecord } from '../../domain/types'
import { useDocuments, useEntities, useEvidence, useSources } from '../../db/hooks'
import { GradeBadge } from '../reader/GradeBadge'
import { requestDeleteEvent, requestEditEvent } from './event-actions'

export function EventDetails({ event }: { event: EventRecord }) {
  const { caseId, openDocument } = useAppState()
  const entities = useEntities(caseId)
  const documents = useDocuments(caseId)
  const sources = useSources(caseId)
  const events = useMemo(() => [event], [event])
  const evidence = useEvidence(events)
  const names = useMemo(() => new Map(entities?.map((e) => [e.id, e.name])), [entities])
  const docs = useMemo(() => new Map(documents?.map((d) => [d.id, d])), [documents])
  const who = (ids: string[]) => ids.map((id) => names.get(id) ?? 'unknown actor').join(', ')
  const passages = event.evidence
    .map((id) => evidence?.get(id))
    .filter((a): a is AnnotationRecord => a !== undefined)
  const missing = evidence ? event.evidence.length - passages.length : 0

  return (
    <aside className="inspector" aria-label="Event" data-testid="event-details">
      <h2>
        <span className={`chip tl-chip-${familyOf(event.type)}`}>{typeLabel(event.type)}</span>{' '}
        event
      </h2>
      <h3 className="event-title" data-testid="event-details-title">
        {event.title}
      </h3>
      <dl className="event-facts">
        <dt>Who</dt>
        <dd>{event.initiators.length ? who(event.initiators) : <em>not set</em>}</dd>
        <dt>To whom</dt>
        <dd>{event.targets.length ? who(event.targets) : <em>not set</em>}</dd>
        <dt>When</dt>
        <dd data-testid="event-details-when">
          {event.when ? (
            <>
              {event.when.approximate && 'about '}
              {formatWhen(event.when)}
              {event.when.resolvedFrom && (
                <span className="muted">
                  {' '}
                  — from “{event.when.resolvedFrom.text}”
                  {event.when.resolvedFrom.reference !== undefined &&
                    `, read against the publication date`}
                </span>
              )}
            </>
          ) : (
            <em>no date: not on the timeline</em>
          )}
        </dd>
        {event.locationId && (
          <>
            <dt>Where</dt>
            <dd>{names.get(event.locationId) ?? 'unknown place'}</dd>
          </>
        )}
        <dt>Credibility</dt>
        <dd>
          {event.confidence ? (
            `${event.confidence} — ${CREDIBILITY_LABELS[event.confidence]}`
          ) : (
            <em>not graded</em>
          )}
        </dd>
      </dl>
      {event.notes && <p className="event-notes">{event.notes}</p>}
      <section className="field">
        <span>
          Evidence ({event.evidence.length} passage{event.evidence.length === 1 ? '' : 's'})
        </span>
        <ul className="plain-list evidence-list">
          {passages.map((a) => {
            const doc = docs.get(a.docId)
            const source = doc?.sourceId ? sources?.get(doc.sourceId) : undefined
            const orphan = a.anchor?.status === 'orphan'
            return (
              <li key={a.id} data-testid="event-evidence">
                <blockquote
                  className={orphan ? 'quote orphan' : 'quote'}
                  role="button"
                  tabIndex={0}
                  title={orphan ? 'No longer in the document' : 'Show in the document'}
                  onClick={() => !orphan && openDocument(a.docId, { start: a.start, end: a.end })}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && !orphan) {
                      openDocument(a.docId, { start: a.start, end: a.end })
                    }
                  }}
                >
                  {a.exact}
                </blockquote>
                <div className="muted evidence-source">
                  <GradeBadge
                    reliability={source?.reliability}
                    credibility={a.credibility ?? event.confidence}
                  />{' '}
                  {doc?.title ?? 'Deleted document'}
                  {source && ` · ${source.name}`}
                </div>
                {orphan && (
                  <p className="warning">
                    Orphaned: these words are no longer in the document. Re-attach the passage under
                    Anchors or remove it from the evidence.
                  </p>
                )}
              </li>
            )
          })}
        </ul>
        {missing > 0 && (
          <p className="warning">
            {missing} evidence passage{missing === 1 ? ' was' : 's were'} deleted.
          </p>
        )}
        {event.evidence.length === 0 && (
          <p className="warning">
            No evidence: add a passage from any document (Inspector of a tag).
          </p>
        )}
      </section>
      <div className="button-row">
        <button type="button" onClick={() => requestEditEvent(event.id)}>
          Edit event…
        </button>
        <button type="button" className="danger" onClick={() => requestDeleteEvent(event.id)}>
          Delete event…
        </button>
      </div>
    </aside>
  )
}
