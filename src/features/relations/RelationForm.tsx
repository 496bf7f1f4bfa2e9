/**
 * The relation form: a standing tie between two actors of the case ("Iran ally of Russia"),
 * its type, whether it points one way, an optional date, and the passage it rests on. Made
 * from a passage, it is pre-filled with the actors its sentence names (the caller works them
 * out with `sentenceActorIds`); edited, it keeps the relation's evidence. The date is free
 * text resolved as the event form resolves it — against the publication date and zone of
 * the passage's document — with the reading shown in words before anything is saved. The
 * Directed box follows the type's default until the analyst sets it. Saving is one undoable
 * action; whatever the repository refuses is said in the form, which stays open.
 */
import { useEffect, useId, useMemo, useState } from 'react'
import { useNotices } from '../../ui/stores/notices'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { useEntities, useEvidence, useRelations } from '../../db/hooks'
import { createRelation, updateRelation, type RelationInput } from '../../db/relations'
import { RELATION_TYPES, relationDirectedByDefault } from '../../domain/graph-model'
import { formatWhen } from '../../domain/time/calendar'
import type { Resolution } from '../../domain/time/resolve'
import type {
  AnnotationRecord,
  DocumentMeta,
  EventRecord,
  RelationRecord,
} from '../../domain/types'
import {
  chooseWhen,
  customRelationTypes,
  defaultDirected,
  directedTouched,
  initialExpressionOf,
  normaliseRelationType,
  relationConnector,
  relationSentence,
} from './relation-form-logic'
import './relations.css'
import { NEW_TYPE, TypeOptions } from '../shared/TypeOptions'

/** No events: `useEvidence` is asked about the relation's passages only. */
const NO_EVENTS: Pick<EventRecord, 'evidence'>[] = []

/** Props of `RelationForm`. */
export interface RelationFormProps {
  /** The case the relation belongs to (a new one is created in it). */
  caseId: string
  /** The relation to edit; a new one when absent. */
  relation?: RelationRecord
  /** The passage a new relation is made from: its evidence. Ignored when editing. */
  passage?: AnnotationRecord
  /**
   * The document whose publication date and zone resolve relative dates ("last week"):
   * the passage's, or on edit the first evidence passage's. Without it only dates given in
   * full resolve. A `DocumentRecord` will do.
   */
  doc?: DocumentMeta
  /** Pre-selected From actor (e.g. the first actor tagged in the passage's sentence). */
  initialFrom?: string
  /** Pre-selected To actor (e.g. the second actor tagged in the passage's sentence). */
  initialTo?: string
  onClose(): void
  /** Called with the stored relation after a successful save, before `onClose`. */
  onSaved?(relation: RelationRecord): void
}

/** The dialog to create or edit a relation; see the module comment. */
export function RelationForm({
  caseId,
  relation,
  passage,
  doc,
  initialFrom,
  initialTo,
  onClose,
  onSaved,
}: RelationFormProps) {
  const notify = useNotices((s) => s.notify)
  const formId = useId()
  const entities = useEntities(caseId)
  const caseRelations = useRelations(caseId)
  const kept = useMemo(() => (relation ? [relation] : []), [relation])
  const keptEvidence = useEvidence(NO_EVENTS, kept)

  const actors = useMemo(
    () =>
      (entities ?? [])
        .filter((e) => e.kind !== 'location')
        .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })),
    [entities],
  )
  const names = useMemo(() => new Map(actors.map((a) => [a.id, a.name])), [actors])
  const customTypes = useMemo(
    () => customRelationTypes(caseRelations ?? [], relation?.type),
    [caseRelations, relation],
  )

  const startType = relation?.type ?? RELATION_TYPES[0]!.id
  const [from, setFrom] = useState(relation?.from ?? initialFrom ?? '')
  const [to, setTo] = useState(relation?.to ?? initialTo ?? '')
  const [type, setType] = useState(startType)
  const [newType, setNewType] = useState<string>()
  const [directed, setDirected] = useState(
    relation?.directed ?? relationDirectedByDefault(startType),
  )
  const [touched, setTouched] = useState(relation ? directedTouched(relation) : false)
  const [initialExpression] = useState(() => initialExpressionOf(relation?.when, formatWhen))
  const [expression, setExpression] = useState(initialExpression)
  // The answer is kept with the words it answers, so a slow answer for words since changed
  // is never taken for the current one.
  const [resolved, setResolved] = useState<{ expression: string; result: Resolution }>()
  const [chosen, setChosen] = useState(0)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  // An end that is not (or no longer) one of the case's actors — a location passed in, an
  // actor deleted meanwhile — counts as not chosen, rather than as a value the select
  // cannot show.
  const fromValue = names.has(from) ? from : ''
  const toValue = names.has(to) ? to : ''
  const effectiveType = newType !== undefined ? normaliseRelationType(newType) : type

  const context = useMemo(
    () => ({
      published: doc?.publishedAt,
      publishedPrecision: doc?.publishedPrecision,
      timeZone: doc?.timeZone ?? 'UTC',
    }),
    [doc],
  )

  useEffect(() => {
    if (!expression.trim()) return
    let live = true
    void import('../../domain/time/resolve').then(({ resolveExpression }) => {
      if (!live) return
      setResolved({ expression, result: resolveExpression(expression, context) })
      setChosen(0)
    })
    return () => {
      live = false
    }
  }, [expression, context])

  const resolution = resolved?.expression === expression ? resolved.result : undefined
  const choice = chooseWhen({
    expression,
    initialExpression,
    stored: relation?.when,
    resolution,
    chosen,
  })

  function changeType(next: string) {
    setType(next)
    setDirected((d) => defaultDirected(next, touched, d))
  }

  function swap() {
    setFrom(toValue)
    setTo(fromValue)
  }

  async function save() {
    if (busy) return
    setError('')
    if (!fromValue || !toValue) {
      setError('Choose both actors: From and To.')
      return
    }
    if (newType !== undefined && !effectiveType) {
      setError('Name the new relation type, or pick one from the list.')
      return
    }
    let when = choice
    if (when.status === 'pending') {
      // Saved before the resolver answered: ask it now rather than save without a date.
      const { resolveExpression } = await import('../../domain/time/resolve')
      when = chooseWhen({
        expression,
        initialExpression,
        stored: relation?.when,
        resolution: resolveExpression(expression, context),
        chosen,
      })
    }
    if (when.status === 'invalid') {
      setError(`The time “${expression.trim()}” could not be resolved: ${when.reason}`)
      return
    }
    const input: RelationInput = {
      from: fromValue,
      to: toValue,
      type: effectiveType,
      directed,
      evidence: relation ? relation.evidence : passage ? [passage.id] : [],
      ...(when.status === 'kept' || when.status === 'chosen' ? { when: when.value } : {}),
    }
    setBusy(true)
    try {
      const saved = relation
        ? await updateRelation(getDb(), relation.id, input)
        : await createRelation(getDb(), caseId, input)
      const words = relationSentence(
        names.get(saved.from) ?? '?',
        saved.type,
        names.get(saved.to) ?? '?',
      )
      notify(`Relation “${words}” saved.`, 'success')
      onSaved?.(saved)
      onClose()
    } catch (e) {
      setError(errorMessage(e))
      setBusy(false)
    }
  }

  const keptPassages = relation
    ? relation.evidence
        .map((id) => keptEvidence?.get(id))
        .filter((a): a is AnnotationRecord => a !== undefined)
    : []

  return (
    <Dialog
      title={relation ? 'Edit relation' : 'New relation'}
      open
      wide
      onClose={onClose}
      testId="relation-form"
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" disabled={busy}>
            Save relation
          </button>
        </>
      }
    >
      {!relation && passage && (
        <blockquote className="quote" data-testid="relation-passage">
          {passage.exact}
        </blockquote>
      )}
      <form
        id={formId}
        className="relation-form"
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        {entities && actors.length < 2 && (
          <p className="warning">
            A relation ties two actors, and this case has {actors.length ? 'only one' : 'none'}
            {' yet'}: tag them in a document first (key A).
          </p>
        )}
        <div className="relation-ends">
          <label className="field">
            <span>From</span>
            <select aria-label="From" value={fromValue} onChange={(e) => setFrom(e.target.value)}>
              <option value="">— choose an actor —</option>
              {actors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Type</span>
            <select
              aria-label="Type"
              value={newType !== undefined ? NEW_TYPE : type}
              onChange={(e) => {
                if (e.target.value === NEW_TYPE) {
                  setNewType('')
                  setDirected((d) => defaultDirected('', touched, d))
                } else {
                  setNewType(undefined)
                  changeType(e.target.value)
                }
              }}
            >
              <TypeOptions standard={RELATION_TYPES} custom={customTypes} />
            </select>
          </label>
          <label className="field">
            <span>To</span>
            <select aria-label="To" value={toValue} onChange={(e) => setTo(e.target.value)}>
              <option value="">— choose an actor —</option>
              {actors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        {newType !== undefined && (
          <label className="field">
            {/* Not "type" in these words: e2e finds the select above by the label "Type". */}
            <span>
              Wording of the new relation, as it reads between the two names (e.g. “trains”,
              “funds”); the case keeps it for later relations
            </span>
            <input
              value={newType}
              onChange={(e) => {
                setNewType(e.target.value)
                setDirected((d) =>
                  defaultDirected(normaliseRelationType(e.target.value), touched, d),
                )
              }}
              maxLength={100}
              autoFocus
              data-testid="relation-new-type"
            />
          </label>
        )}
        <div className="relation-options">
          <button
            type="button"
            onClick={swap}
            title="Exchange From and To"
            data-testid="relation-swap"
          >
            <span aria-hidden="true">⇄ </span>Swap
          </button>
          <label className="inline">
            <input
              type="checkbox"
              checked={directed}
              onChange={(e) => {
                setDirected(e.target.checked)
                setTouched(true)
              }}
            />
            Directed
          </label>
          <span className="muted relation-preview" data-testid="relation-preview">
            {names.get(fromValue) ?? 'From'} {relationConnector(effectiveType || '…', directed)}{' '}
            {names.get(toValue) ?? 'To'}
          </span>
        </div>
        <label className="field">
          <span>When (optional)</span>
          <input
            value={expression}
            data-testid="relation-when"
            placeholder="as the source says it, e.g. “January 2025”, “last week”"
            onChange={(e) => setExpression(e.target.value)}
          />
        </label>
        <div className="resolution" data-testid="relation-resolution" aria-live="polite">
          {choice.status === 'none' ? (
            <span className="muted">
              No date: a standing tie, shown whatever the graph’s time window.
            </span>
          ) : choice.status === 'kept' ? (
            <span>Kept as saved: {formatWhen(choice.value)}</span>
          ) : choice.status === 'pending' ? (
            <span className="muted">Resolving…</span>
          ) : choice.status === 'invalid' ? (
            <span className="form-error">
              {choice.reason}
              {!doc &&
                ' (there is no document to read it against: give the date in full, e.g. “17 January 2025”)'}
            </span>
          ) : resolution?.status === 'ambiguous' ? (
            <fieldset className="field">
              <legend>{resolution.explanation}</legend>
              {resolution.candidates.map((c, i) => (
                <label key={i} className="inline">
                  <input type="radio" checked={chosen === i} onChange={() => setChosen(i)} />
                  {c.explanation}
                </label>
              ))}
            </fieldset>
          ) : resolution?.status === 'resolved' ? (
            <span>{resolution.explanation}</span>
          ) : null}
        </div>
        <section className="field relation-form-evidence">
          <span>Evidence</span>
          {relation ? (
            relation.evidence.length ? (
              <>
                <span className="muted">
                  Kept: {relation.evidence.length} passage
                  {relation.evidence.length === 1 ? '' : 's'}.
                </span>
                {keptPassages.map((a) => (
                  <blockquote key={a.id} className="quote" data-testid="relation-kept-evidence">
                    {a.exact}
                  </blockquote>
                ))}
              </>
            ) : (
              <span className="muted">No passage: the relation stands on your judgement.</span>
            )
          ) : passage ? (
            <span className="muted">The passage quoted above.</span>
          ) : (
            <span className="muted">No passage: the relation will stand on your judgement.</span>
          )}
        </section>
        {error && (
          <p className="form-error" role="alert" data-testid="relation-error">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  )
}
