/**
 * The inspector's view of a relation: the tie in one line ("Iran — ally of → Russia", a
 * double line when it reads both ways), its family, its date and how that date was read,
 * and every evidence passage — quoted, with document, source and Admiralty grade — one click
 * from the passage in the reader. Edit opens the relation form in place, given the document
 * of the first evidence passage so relative dates can be read again; delete asks first and
 * says that undo brings the relation back. `RelationEntry` is the same view without the
 * inspector frame, for lists such as the relations behind a graph edge.
 */
import { useMemo, useState } from 'react'
import { useNotices } from '../../ui/stores/notices'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { useDocumentMeta, useEntities, useEvidence } from '../../db/hooks'
import { useDocuments, useSources } from '../../ui/case-documents'
import { deleteRelation } from '../../db/relations'
import { RELATION_TYPES, relationFamily, relationTypeLabel } from '../../domain/graph-model'
import { formatWhen } from '../../domain/time/calendar'
import type {
  AnnotationRecord,
  DocumentMeta,
  EventRecord,
  RelationRecord,
  SourceRecord,
} from '../../domain/types'
import { EvidenceQuotes } from './EvidenceQuotes'
import { CorroborationPanel } from '../evidence/CorroborationPanel'
import { useCaseCorroboration } from '../evidence/useCorroboration'
import { RelationForm } from './RelationForm'
import { relationConnector, relationSentence } from './relation-form-logic'
import './relations.css'

/** No events: `useEvidence` is asked about relations' passages only. */
const NO_EVENTS: Pick<EventRecord, 'evidence'>[] = []

/** Props of `RelationEntry`. */
export interface RelationEntryProps {
  relation: RelationRecord
  /** Actor names by id; undefined while loading. */
  names: Map<string, string> | undefined
  /** Passages by id (from `useEvidence`, covering this relation); undefined while loading. */
  evidence: Map<string, AnnotationRecord> | undefined
  /** The case's documents by id. */
  docs: Map<string, DocumentMeta>
  /** The case's sources by id; undefined while loading. */
  sources: Map<string, SourceRecord> | undefined
  /** `data-testid` of each evidence passage's `li`. */
  evidenceTestId: string
  /** Heading level of the one-line title: 3 in the inspector, 4 inside a list. */
  headingLevel?: 3 | 4
  /** Called after the relation was deleted (e.g. to clear the selection). */
  onDeleted?(): void
}

/** The relation's title line, facts, evidence and buttons; see the module comment. */
export function RelationEntry({
  relation,
  names,
  evidence,
  docs,
  sources,
  evidenceTestId,
  headingLevel = 3,
  onDeleted,
}: RelationEntryProps) {
  const notify = useNotices((s) => s.notify)
  const [editing, setEditing] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  // Relative dates of the relation are read again against the first passage still in its
  // document, as the event form does for events.
  const firstPassage = relation.evidence
    .map((id) => evidence?.get(id))
    .find((a) => a !== undefined && a.anchor?.status !== 'orphan')
  const doc = useDocumentMeta(firstPassage?.docId)
  const name = (id: string) => (names ? (names.get(id) ?? 'unknown actor') : '…')
  const words = relationSentence(name(relation.from), relation.type, name(relation.to))
  const custom = !RELATION_TYPES.some((t) => t.id === relation.type)
  const Heading = headingLevel === 3 ? 'h3' : 'h4'

  async function remove() {
    setConfirmDelete(false)
    try {
      await deleteRelation(getDb(), relation.id)
      notify(`Relation “${words}” deleted. Ctrl+Z brings it back.`, 'info')
      onDeleted?.()
    } catch (e) {
      notify(errorMessage(e), 'error')
    }
  }

  return (
    <>
      <Heading className="relation-title" data-testid="relation-title">
        <span className="relation-end">{name(relation.from)}</span>{' '}
        <span className={relation.directed ? 'relation-link' : 'relation-link mutual'}>
          {relationConnector(relation.type, relation.directed)}
        </span>{' '}
        <span className="relation-end">{name(relation.to)}</span>
      </Heading>
      <dl className="event-facts">
        <dt>Type</dt>
        <dd>
          {relationTypeLabel(relation.type)}
          {custom && <span className="muted"> (this case’s own type)</span>}
        </dd>
        <dt>Reads</dt>
        <dd data-testid="relation-direction">
          {relation.directed
            ? `one way: ${name(relation.from)} → ${name(relation.to)}`
            : 'both ways (mutual)'}
        </dd>
        <dt>When</dt>
        <dd data-testid="relation-when-text">
          {relation.when ? (
            <>
              {relation.when.approximate && 'about '}
              {formatWhen(relation.when)}
              {relation.when.resolvedFrom && (
                <span className="muted">
                  {' '}
                  — from “{relation.when.resolvedFrom.text}”
                  {relation.when.resolvedFrom.reference !== undefined &&
                    ', read against the publication date'}
                </span>
              )}
            </>
          ) : (
            <em>no date: a standing tie</em>
          )}
        </dd>
      </dl>
      <section className="field">
        <span>
          Evidence ({relation.evidence.length} passage{relation.evidence.length === 1 ? '' : 's'})
        </span>
        <EvidenceQuotes
          ids={relation.evidence}
          evidence={evidence}
          docs={docs}
          sources={sources}
          itemTestId={evidenceTestId}
          emptyText="No passage: the relation stands on the analyst’s judgement."
        />
      </section>
      {/* Not before the names are read: the confirmation and the notice name the actors. */}
      <div className="button-row">
        <button type="button" disabled={!names} onClick={() => setEditing(true)}>
          Edit relation…
        </button>
        <button
          type="button"
          className="danger"
          disabled={!names}
          onClick={() => setConfirmDelete(true)}
        >
          Delete relation…
        </button>
      </div>
      {editing && (
        <RelationForm
          caseId={relation.caseId}
          relation={relation}
          doc={doc}
          onClose={() => setEditing(false)}
        />
      )}
      {/* Mounted only while asking: a list of entries must not hold one hidden dialog each. */}
      {confirmDelete && (
        <Dialog
          title="Delete relation"
          open
          onClose={() => setConfirmDelete(false)}
          testId="delete-relation"
          actions={
            <>
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Cancel
              </button>
              <button
                type="button"
                className="danger"
                autoFocus
                data-autofocus
                onClick={() => void remove()}
              >
                Delete relation
              </button>
            </>
          }
        >
          <p>
            Delete the relation “{words}”? Its evidence passages stay tagged. Undo (Ctrl+Z) brings
            it back.
          </p>
        </Dialog>
      )}
    </>
  )
}

/** Props of `RelationDetails`. */
export interface RelationDetailsProps {
  relation: RelationRecord
  /** Called after the relation was deleted, e.g. to clear the inspector's selection. */
  onDeleted?(): void
}

/** The inspector's view of a relation; see the module comment. */
export function RelationDetails({ relation, onDeleted }: RelationDetailsProps) {
  const caseId = relation.caseId
  const entities = useEntities(caseId)
  const documents = useDocuments(caseId)
  const sources = useSources(caseId)
  const relations = useMemo(() => [relation], [relation])
  const evidence = useEvidence(NO_EVENTS, relations)
  const names = useMemo(
    () => (entities ? new Map(entities.map((e) => [e.id, e.name])) : undefined),
    [entities],
  )
  const docs = useMemo(() => new Map(documents?.map((d) => [d.id, d])), [documents])
  const family = relationFamily(relation.type)
  // The claim's corroboration: independent origins of its passages (evidence/).
  const weighed = useCaseCorroboration(caseId)

  return (
    <aside className="inspector" aria-label="Relation" data-testid="relation-details">
      <h2>
        <span className={`chip tl-chip-${family}`} data-testid="relation-family">
          {family}
        </span>{' '}
        relation
      </h2>
      <RelationEntry
        relation={relation}
        names={names}
        evidence={evidence}
        docs={docs}
        sources={sources}
        evidenceTestId="relation-evidence"
        onDeleted={onDeleted}
      />
      <CorroborationPanel corroboration={weighed?.byId.get(relation.id)} />
    </aside>
  )
}
