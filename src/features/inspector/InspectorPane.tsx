/**
 * The inspector: details of the selected tag — its kind, quote, linked actor or location,
 * credibility grade (shown with the source's reliability as the Admiralty pair, and, for a
 * passage without a grade of its own, the grade its events cite it with: the rule of
 * domain/credibility.ts), note — with edits and deletion, each undoable. It only ever shows a
 * tag of the open document: a tag left selected from another document is not shown, so
 * "Add" can never file a passage the analyst is not looking at.
 */
import { useState, lazy, Suspense } from 'react'
import { addEvidence } from '../../db/events'
import { addRelationEvidence } from '../../db/relations'
import { relationTypeLabel } from '../../domain/graph-model'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { useView } from '../../ui/stores/view'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import {
  useAnnotation,
  useDocumentMeta,
  useEntities,
  useEvent,
  useEvents,
  useEventsCiting,
  useEvidence,
  useRelations,
} from '../../db/hooks'
import { useSources } from '../../ui/case-documents'
import { runCommand } from '../../ui/commands'
import { typeLabel } from '../../domain/event-types'
import { deleteAnnotation, updateAnnotation } from '../../db/tags'
import { citedCredibility } from '../../domain/credibility'
import { CREDIBILITY_LABELS } from '../../domain/format'
import type {
  AnnotationKind,
  Credibility,
  EvidenceStance,
  RelationRecord,
} from '../../domain/types'
import { SecondHandField } from '../evidence/SecondHandField'
import { GradeBadge } from '../reader/GradeBadge'
import { tagKeysHint } from './tag-keys-hint'

// An event's or a tie's details load when one is first selected.
const EventDetails = lazy(() =>
  import('../events/EventDetails').then((m) => ({ default: m.EventDetails })),
)
const EdgeDetails = lazy(() =>
  import('../relations/EdgeDetails').then((m) => ({ default: m.EdgeDetails })),
)

const KINDS: AnnotationKind[] = ['actor', 'location', 'event', 'claim', 'note']
const GRADES: Credibility[] = [1, 2, 3, 4, 5, 6]

/** Tags of these kinds can be evidence of an event. */
const EVIDENCE_KINDS: AnnotationKind[] = ['event', 'claim', 'note']

export function InspectorPane() {
  const { selectedTagId, selectedEventId, selectedEdge, caseId } = useSelection(
    useShallow((s) => ({
      selectedTagId: s.selectedTagId,
      selectedEventId: s.selectedEventId,
      selectedEdge: s.selectedEdge,
      caseId: s.caseId,
    })),
  )
  const event = useEvent(selectedTagId || selectedEdge ? undefined : selectedEventId)
  // One thing at a time: a tag, else an edge of the graph, else an event.
  if (!selectedTagId && selectedEdge && caseId) {
    return (
      <Suspense fallback={<aside className="inspector" aria-busy />}>
        <EdgeDetails edge={selectedEdge} caseId={caseId} />
      </Suspense>
    )
  }
  // A live query answers with the previous event until it has read the new one.
  if (!selectedTagId && event && event.id === selectedEventId) {
    return (
      <Suspense fallback={<aside className="inspector" aria-busy />}>
        <EventDetails event={event} />
      </Suspense>
    )
  }
  // Keyed: a half-made choice (the event to add the passage to) belongs to its tag.
  return <TagInspector key={selectedTagId} />
}

function TagInspector() {
  const { selectedTagId, selectTag, caseId, openDocument, selectEvent, docId } = useSelection(
    useShallow((s) => ({
      selectedTagId: s.selectedTagId,
      selectTag: s.selectTag,
      caseId: s.caseId,
      openDocument: s.openDocument,
      selectEvent: s.selectEvent,
      docId: s.docId,
    })),
  )
  const notify = useNotices((s) => s.notify)
  const setActorFocus = useView((s) => s.setActorFocus)
  const loaded = useAnnotation(selectedTagId)
  // A live query answers with its previous tag until it has read the new one, and a tag of
  // another document than the open one is stale: neither is shown.
  const tag = loaded && loaded.id === selectedTagId && loaded.docId === docId ? loaded : undefined
  const allEvents = useEvents(caseId)
  const allRelations = useRelations(caseId)
  const [addTo, setAddTo] = useState('')
  const [stance, setStance] = useState<EvidenceStance>('supports')
  const doc = useDocumentMeta(tag?.docId)
  const entities = useEntities(caseId)
  const sources = useSources(caseId)
  const citing = useEventsCiting(caseId, tag?.id)
  const citedPassages = useEvidence(citing)
  const [note, setNote] = useState<{ id: string; text: string }>()

  if (!tag) {
    return (
      <aside className="inspector empty-pane" aria-label="Inspector" data-testid="inspector">
        <p data-testid="inspector-keys">{tagKeysHint()}</p>
        <p>Click a highlight to see and edit its tag here.</p>
      </aside>
    )
  }
  const run = (p: Promise<unknown>) => p.catch((e) => notify(errorMessage(e), 'error'))
  const source = doc?.sourceId ? sources?.get(doc.sourceId) : undefined
  const linkable = (entities ?? []).filter((e) =>
    tag.kind === 'location' ? e.kind === 'location' : e.kind !== 'location',
  )
  const noteText = note?.id === tag.id ? note.text : (tag.note ?? '')
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      <h2>
        <span className={`chip k-${tag.kind}`}>{tag.kind}</span> tag
      </h2>
      <blockquote
        className="quote"
        data-testid="inspector-quote"
        onClick={() =>
          tag.anchor?.status !== 'orphan' &&
          openDocument(tag.docId, { start: tag.start, end: tag.end })
        }
        title="Show in the document"
      >
        {tag.exact}
      </blockquote>
      {tag.anchor?.status === 'orphan' ? (
        <p className="warning" data-testid="inspector-anchor">
          Orphaned: these words are no longer in {doc?.title}. {tag.anchor.note} Re-attach or delete
          it under Anchors.
        </p>
      ) : tag.anchor?.status === 'fuzzy' ? (
        <p className="warning" data-testid="inspector-anchor">
          Re-anchored approximately (score {tag.anchor.score?.toFixed(2)}): first tagged as “
          {tag.anchor.quote}”. Accept or re-attach it under Anchors.
        </p>
      ) : (
        <p className="muted">
          {doc?.title} · characters {tag.start}–{tag.end}
        </p>
      )}
      <label className="field">
        <span>Kind</span>
        <select
          value={tag.kind}
          onChange={(e) =>
            void run(
              updateAnnotation(
                getDb(),
                tag.id,
                { kind: e.target.value as AnnotationKind },
                'Change tag kind',
              ),
            )
          }
        >
          {KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      {(tag.kind === 'actor' || tag.kind === 'location') && (
        <label className="field">
          <span>{tag.kind === 'actor' ? 'Actor' : 'Location'}</span>
          <select
            data-testid="inspector-entity"
            value={tag.entityId ?? ''}
            onChange={(e) =>
              void run(
                updateAnnotation(getDb(), tag.id, { entityId: e.target.value || null }, 'Link tag'),
              )
            }
          >
            <option value="">— not linked —</option>
            {linkable.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {(tag.kind === 'claim' || tag.kind === 'event') && (
        <label className="field">
          <span>
            Information credibility{' '}
            <GradeBadge reliability={source?.reliability} credibility={tag.credibility} />
          </span>
          {!tag.credibility &&
            citing?.map((e) => {
              const cited = citedCredibility(
                tag,
                e,
                e.evidence.flatMap((id) => citedPassages?.get(id) ?? []),
              )
              return cited.grade ? (
                <span key={e.id} className="muted" data-testid="inspector-cited-grade">
                  Not graded on the passage; cited as{' '}
                  <GradeBadge reliability={source?.reliability} credibility={cited.grade} /> by “
                  {e.title}” (
                  {cited.from === 'event'
                    ? 'the event’s grade'
                    : 'the event’s best-graded evidence'}
                  ).
                </span>
              ) : null
            })}
          <select
            data-testid="inspector-credibility"
            value={tag.credibility ?? ''}
            onChange={(e) =>
              void run(
                updateAnnotation(
                  getDb(),
                  tag.id,
                  { credibility: e.target.value ? (Number(e.target.value) as Credibility) : null },
                  'Grade tag',
                ),
              )
            }
          >
            <option value="">— not graded —</option>
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {g} — {CREDIBILITY_LABELS[g]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>Note</span>
        <textarea
          rows={4}
          value={noteText}
          onChange={(e) => setNote({ id: tag.id, text: e.target.value })}
          onBlur={() => {
            if (note?.id === tag.id && note.text !== (tag.note ?? '')) {
              void run(updateAnnotation(getDb(), tag.id, { note: note.text || null }, 'Edit note'))
            }
          }}
        />
      </label>
      {EVIDENCE_KINDS.includes(tag.kind) && <SecondHandField tag={tag} />}
      {tag.kind === 'actor' && tag.entityId && (
        <button
          type="button"
          onClick={() => setActorFocus(tag.entityId!)}
          title="Show only the events this actor takes part in"
        >
          Filter the timeline to this actor
        </button>
      )}
      {EVIDENCE_KINDS.includes(tag.kind) && tag.anchor?.status !== 'orphan' && (
        <section className="field" data-testid="inspector-events">
          <span>Events on this evidence</span>
          {citing?.length ? (
            <ul className="plain-list">
              {citing.map((e) => (
                <li key={e.id} data-testid="inspector-event">
                  <button
                    type="button"
                    className="link"
                    onClick={() => selectEvent(e.id)}
                    title="Show the event"
                  >
                    {e.title}
                  </button>{' '}
                  <span className="muted">{typeLabel(e.type)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">None yet.</span>
          )}
          <div className="button-row">
            <button type="button" onClick={() => runCommand('event:new')}>
              New event… (E)
            </button>
            <button
              type="button"
              onClick={() => runCommand('relation:new')}
              title="A standing tie between two actors that this passage attests"
            >
              New relation… (R)
            </button>
          </div>
          {(() => {
            const others = (allEvents ?? []).filter((e) => !e.evidence.includes(tag.id))
            const ties = (allRelations ?? []).filter((r) => !r.evidence.includes(tag.id))
            if (!others.length && !ties.length) return null
            const names = new Map((entities ?? []).map((e) => [e.id, e.name]))
            const tieLabel = (r: RelationRecord) =>
              `${names.get(r.from) ?? '?'} ${relationTypeLabel(r.type)} ${names.get(r.to) ?? '?'}`
            return (
              <div className="add-evidence">
                <select
                  aria-label="Event or relation to add this passage to"
                  value={addTo}
                  onChange={(e) => setAddTo(e.target.value)}
                  data-testid="add-evidence-event"
                >
                  <option value="">Add to an existing event or relation…</option>
                  {others.length > 0 && (
                    <optgroup label="Events">
                      {others
                        .slice()
                        .sort((a, b) => a.title.localeCompare(b.title))
                        .map((e) => (
                          <option key={e.id} value={e.id}>
                            {e.title}
                          </option>
                        ))}
                    </optgroup>
                  )}
                  {ties.length > 0 && (
                    <optgroup label="Relations">
                      {ties.map((r) => (
                        <option key={r.id} value={`rel:${r.id}`}>
                          {tieLabel(r)}
                        </option>
                      ))}
                    </optgroup>
                  )}
                </select>
                <select
                  aria-label="As evidence that"
                  value={stance}
                  onChange={(e) => setStance(e.target.value as EvidenceStance)}
                  data-testid="add-evidence-stance"
                >
                  <option value="supports">supports it</option>
                  <option value="contradicts">contradicts it</option>
                </select>
                <button
                  type="button"
                  disabled={!addTo}
                  data-testid="add-evidence"
                  onClick={() => {
                    setAddTo('')
                    if (addTo.startsWith('rel:')) {
                      const id = addTo.slice(4)
                      const tie = ties.find((r) => r.id === id)
                      void run(
                        addRelationEvidence(getDb(), id, [tag.id], stance).then(() =>
                          notify(
                            `Passage added to “${tie ? tieLabel(tie) : 'the relation'}”.`,
                            'success',
                          ),
                        ),
                      )
                      return
                    }
                    const target = others.find((e) => e.id === addTo)
                    void run(
                      addEvidence(getDb(), addTo, [tag.id], stance).then(() =>
                        notify(
                          stance === 'contradicts'
                            ? `Passage added to “${target?.title}” as contradicting it.`
                            : `Passage added to “${target?.title}”.`,
                          'success',
                        ),
                      ),
                    )
                  }}
                >
                  Add
                </button>
              </div>
            )
          })()}
        </section>
      )}
      <button
        type="button"
        className="danger"
        onClick={() => {
          selectTag(undefined)
          void run(deleteAnnotation(getDb(), tag.id))
        }}
      >
        Delete tag
      </button>
    </aside>
  )
}
