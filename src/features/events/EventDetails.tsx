/**
 * The inspector's view of the selected event: what, who to whom, when (with how the date
 * was resolved and its uncertainty), where (every place), its grade with where it comes from
 * (the rule of domain/credibility.ts, which the briefing prints too), notes, and every
 * evidence passage —
 * quoted, with its document, source and Admiralty grade — each one click from the passage
 * in the reader (the same list as relations and graph edges: relations/EvidenceQuotes). Its
 * corroboration (evidence/CorroborationPanel) comes first; passages that contradict it are
 * listed apart, each passage with a toggle between supporting and contradicting. Edit and
 * delete go through event-actions (the same form and confirmation as the timeline's Enter and
 * Delete keys).
 */
import { useMemo } from 'react'
import { useSelection } from '../../ui/stores/selection'
import { familyOf, typeLabel } from '../../domain/event-types'
import { CREDIBILITY_LABELS } from '../../domain/format'
import { formatWhen } from '../../domain/time/calendar'
import type { EventRecord } from '../../domain/types'
import { useEntities, useEvidence } from '../../db/hooks'
import { useDocuments, useSources } from '../../ui/case-documents'
import { EvidenceQuotes } from '../relations/EvidenceQuotes'
import { requestDeleteEvent, requestEditEvent } from './event-actions'
import { eventCredibility, gradeOrigin } from '../../domain/credibility'
import { eventPlaceIds } from '../../domain/event-places'
import { CorroborationPanel } from '../evidence/CorroborationPanel'
import { StanceToggle } from '../evidence/StanceToggle'
import { useCaseCorroboration } from '../evidence/useCorroboration'
import { linkStance } from '../../domain/stance'

export function EventDetails({ event }: { event: EventRecord }) {
  const caseId = useSelection((s) => s.caseId)
  const entities = useEntities(caseId)
  const documents = useDocuments(caseId)
  const sources = useSources(caseId)
  const events = useMemo(() => [event], [event])
  const evidence = useEvidence(events)
  const names = useMemo(() => new Map(entities?.map((e) => [e.id, e.name])), [entities])
  const docs = useMemo(() => new Map(documents?.map((d) => [d.id, d])), [documents])
  const who = (ids: string[]) => ids.map((id) => names.get(id) ?? 'unknown actor').join(', ')
  const places = eventPlaceIds(event)
  const passages = event.evidence.flatMap((id) => evidence?.get(id) ?? [])
  const grade = eventCredibility(event, passages)
  const weighed = useCaseCorroboration(caseId)
  const against = (id: string) => linkStance(event.stances, id, evidence?.get(id)) === 'contradicts'
  const supporting = event.evidence.filter((id) => !against(id))
  const contradicting = event.evidence.filter(against)

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
        {places.length > 0 && (
          <>
            <dt>Where</dt>
            <dd data-testid="event-details-where">
              {places.map((id) => names.get(id) ?? 'unknown place').join(', ')}
            </dd>
          </>
        )}
        <dt>Credibility</dt>
        <dd data-testid="event-details-credibility">
          {grade.grade ? (
            <>
              {grade.grade} — {CREDIBILITY_LABELS[grade.grade]}{' '}
              <span className="muted">({gradeOrigin(grade)})</span>
            </>
          ) : (
            <em>not graded</em>
          )}
        </dd>
      </dl>
      {event.notes && <p className="event-notes">{event.notes}</p>}
      <CorroborationPanel corroboration={weighed?.byId.get(event.id)} event={event} />
      <section className="field">
        <span>
          Evidence ({supporting.length} passage{supporting.length === 1 ? '' : 's'})
        </span>
        <EvidenceQuotes
          ids={supporting}
          evidence={evidence}
          docs={docs}
          sources={sources}
          {...(grade.grade ? { credibility: grade.grade } : {})}
          itemTestId="event-evidence"
          emptyText="No evidence: add a passage from any document (Inspector of a tag)."
          actions={(a) => <StanceToggle event={event} passage={a} />}
        />
      </section>
      {contradicting.length > 0 && (
        <section className="field contradicting" data-testid="event-contradicting">
          <span>
            ⚠ Contradicting ({contradicting.length} passage
            {contradicting.length === 1 ? '' : 's'}) — not counted as support
          </span>
          <EvidenceQuotes
            ids={contradicting}
            evidence={evidence}
            docs={docs}
            sources={sources}
            itemTestId="event-contradicting-passage"
            emptyText=""
            actions={(a) => <StanceToggle event={event} passage={a} />}
          />
        </section>
      )}
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
