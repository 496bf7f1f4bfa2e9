/**
 * The event form: who did what to whom, when, where, on whose evidence. Opened from a
 * passage (key E), it is pre-filled from the sentence around it — actors and a location
 * from the tags in that sentence, the time from the first date expression, resolved against
 * the document's publication date with the resolution shown in words. The analyst confirms
 * or edits everything; ambiguous dates offer their readings, and a missing publication date
 * asks for one. Saving is one undoable action.
 */
import { useEffect, useMemo, useState } from 'react'
import { useAppState } from '../../app/app-state'
import { Dialog } from '../../app/Dialog'
import { errorMessage } from '../../app/errors'
import { getDb } from '../../db/db'
import { createEvent, updateEvent, type EventInput } from '../../db/events'
import { useEvents } from '../../db/hooks'
import { EVENT_TYPES, sentenceAround } from '../../domain/event-types'
import { CREDIBILITY_LABELS } from '../../domain/format'
import { formatWhen } from '../../domain/time/calendar'
import type { Tense } from '../../domain/time/tense'
import type {
  AnnotationRecord,
  Credibility,
  DocumentRecord,
  EntityRecord,
  EventRecord,
  TimeValue,
} from '../../domain/types'
import { NEW_TYPE, TypeOptions } from '../shared/TypeOptions'

type Resolution = Awaited<
  ReturnType<(typeof import('../../domain/time/resolve'))['resolveExpression']>
>

export interface EventFormProps {
  /**
   * The document of `passage`: its publication date and zone resolve relative dates. May be
   * absent only when editing an event whose evidence is gone (then only absolute dates
   * resolve).
   */
  doc: DocumentRecord | undefined
  /** The passage the event is made from (new event), or its first evidence (edit). */
  passage: AnnotationRecord | undefined
  /** Tags of the document, for pre-filling actors and location from the sentence. */
  tags: AnnotationRecord[]
  entities: EntityRecord[]
  /** The event to edit; a new one when absent. */
  event?: EventRecord
  onClose(): void
  onSaved?(event: EventRecord): void
}

function EntityChecklist({
  label,
  entities,
  chosen,
  onChange,
  testId,
}: {
  label: string
  entities: EntityRecord[]
  chosen: string[]
  onChange(ids: string[]): void
  testId: string
}) {
  return (
    <fieldset className="field entity-checklist" data-testid={testId}>
      <legend>{label}</legend>
      {entities.length === 0 && <span className="muted">No actors in this case yet.</span>}
      {entities.map((e) => (
        <label key={e.id} className="inline">
          <input
            type="checkbox"
            checked={chosen.includes(e.id)}
            onChange={(ev) =>
              onChange(ev.target.checked ? [...chosen, e.id] : chosen.filter((x) => x !== e.id))
            }
          />
          {e.name}
        </label>
      ))}
    </fieldset>
  )
}

export function EventForm({
  doc,
  passage,
  tags,
  entities,
  event,
  onClose,
  onSaved,
}: EventFormProps) {
  const { notify, selectEvent, caseId } = useAppState()
  const caseEvents = useEvents(caseId)
  // The fixed top level, then the types this case has added, then "New type…".
  const customTypes = useMemo(() => {
    const known = new Set(EVENT_TYPES.map((t) => t.id))
    const used = new Set((caseEvents ?? []).map((e) => e.type).filter((t) => !known.has(t)))
    if (event && !known.has(event.type)) used.add(event.type)
    return [...used].sort((a, b) => a.localeCompare(b))
  }, [caseEvents, event])
  const [newType, setNewType] = useState<string>()
  const sentence = useMemo(
    () =>
      doc && passage && passage.anchor?.status !== 'orphan'
        ? sentenceAround(doc.text, passage.start, passage.end)
        : { start: 0, end: 0 },
    [doc, passage],
  )
  const inSentence = useMemo(
    () => tags.filter((t) => t.entityId && t.start >= sentence.start && t.end <= sentence.end),
    [tags, sentence],
  )
  const actors = entities.filter((e) => e.kind !== 'location')
  const locations = entities.filter((e) => e.kind === 'location')
  const mentioned = (kind: 'actor' | 'location') => [
    ...new Set(inSentence.filter((t) => t.kind === kind).map((t) => t.entityId!)),
  ]

  const [title, setTitle] = useState(event?.title ?? passage?.exact.slice(0, 120) ?? '')
  const [type, setType] = useState(event?.type ?? 'assault')
  const [initiators, setInitiators] = useState<string[]>(
    event?.initiators ?? mentioned('actor').slice(0, 1),
  )
  const [targets, setTargets] = useState<string[]>(event?.targets ?? mentioned('actor').slice(1))
  const [locationId, setLocationId] = useState(event?.locationId ?? mentioned('location')[0] ?? '')
  const [expression, setExpression] = useState(event?.when?.resolvedFrom?.text ?? '')
  const [resolution, setResolution] = useState<Resolution>()
  const [chosen, setChosen] = useState(0)
  const [confidence, setConfidence] = useState<Credibility | ''>(event?.confidence ?? '')
  const [notes, setNotes] = useState(event?.notes ?? '')
  const [error, setError] = useState('')

  // The pre-filled words and the tense of their sentence, which decides a bare weekday.
  const [prefill, setPrefill] = useState<{ text: string; tense: Tense }>()
  // Pre-fill the time from the first date expression in the sentence (new events only).
  useEffect(() => {
    if (event || !doc) return
    let live = true
    void import('../../domain/time/find').then(({ firstDateIn }) => {
      const found = firstDateIn(doc.text, sentence.start, sentence.end)
      if (live && found) {
        setPrefill({ text: found.text, tense: found.tense })
        setExpression(found.text)
      }
    })
    return () => {
      live = false
    }
  }, [doc, sentence, event])

  useEffect(() => {
    let live = true
    if (!expression.trim()) {
      void Promise.resolve().then(() => live && setResolution(undefined))
      return
    }
    void import('../../domain/time/resolve').then(({ resolveExpression }) => {
      if (!live) return
      setResolution(
        resolveExpression(expression, {
          published: doc?.publishedAt,
          publishedPrecision: doc?.publishedPrecision,
          timeZone: doc?.timeZone ?? 'UTC',
          ...(prefill && prefill.text === expression ? { tense: prefill.tense } : {}),
        }),
      )
      setChosen(0)
    })
    return () => {
      live = false
    }
  }, [expression, doc, prefill])

  // An edit that leaves the time as it was keeps the stored value: resolving it again
  // against today's document (its zone changed, its first passage orphaned) could move it.
  const unchanged = !!event?.when && expression === (event.when.resolvedFrom?.text ?? '')
  const when: TimeValue | undefined = unchanged
    ? event.when
    : resolution?.status === 'resolved'
      ? resolution.value
      : resolution?.status === 'ambiguous'
        ? resolution.candidates[chosen]?.value
        : event && !expression.trim()
          ? undefined
          : event?.when

  async function save() {
    if (newType !== undefined && !newType.trim()) {
      setError('Name the new event type, or pick one from the list.')
      return
    }
    if (!unchanged && expression.trim() && resolution?.status === 'unresolvable') {
      setError(`The time “${expression}” could not be resolved: ${resolution.reason}`)
      return
    }
    const input: EventInput = {
      title,
      type: newType?.trim() || type,
      initiators,
      targets,
      evidence: event ? event.evidence : passage ? [passage.id] : [],
      ...(locationId ? { locationId } : {}),
      ...(when ? { when } : {}),
      ...(confidence ? { confidence } : {}),
      notes,
    }
    try {
      if (!event && !doc) throw new Error('A new event needs the document of its passage.')
      const saved = event
        ? await updateEvent(getDb(), event.id, input)
        : await createEvent(getDb(), doc?.caseId ?? '', input)
      notify(`Event “${saved.title}” saved.`, 'success')
      // Show it on the timeline; the inspector keeps what it showed.
      selectEvent(saved.id, { keepTag: true })
      onSaved?.(saved)
      onClose()
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  return (
    <Dialog
      title={event ? 'Edit event' : 'New event'}
      open
      wide
      onClose={onClose}
      testId="event-form"
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="event-form" className="primary">
            Save event
          </button>
        </>
      }
    >
      {doc && sentence.end > sentence.start ? (
        <blockquote className="quote">{doc.text.slice(sentence.start, sentence.end)}</blockquote>
      ) : (
        event && (
          <p className="warning">
            This event’s first evidence passage is no longer in its document: relative dates cannot
            be resolved; give an absolute date or re-attach the passage first.
          </p>
        )
      )}
      <form
        id="event-form"
        className="event-form"
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <label className="field">
          <span>Title</span>
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            required
            maxLength={500}
          />
        </label>
        <label className="field">
          <span>Type</span>
          <select
            value={newType !== undefined ? NEW_TYPE : type}
            onChange={(e) => {
              if (e.target.value === NEW_TYPE) setNewType('')
              else {
                setNewType(undefined)
                setType(e.target.value)
              }
            }}
          >
            <TypeOptions standard={EVENT_TYPES} custom={customTypes} />
          </select>
        </label>
        {newType !== undefined && (
          <label className="field">
            <span>
              New type (the case keeps it for later events; it counts as neither conflict nor
              cooperation)
            </span>
            <input
              value={newType}
              onChange={(e) => setNewType(e.target.value)}
              maxLength={100}
              autoFocus
              data-testid="event-new-type"
            />
          </label>
        )}
        <EntityChecklist
          label="Who (initiators)"
          entities={actors}
          chosen={initiators}
          onChange={setInitiators}
          testId="event-initiators"
        />
        <EntityChecklist
          label="To whom (targets)"
          entities={actors}
          chosen={targets}
          onChange={setTargets}
          testId="event-targets"
        />
        <label className="field">
          <span>Where</span>
          <select value={locationId} onChange={(e) => setLocationId(e.target.value)}>
            <option value="">— not set —</option>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>
            When (as the source says it, e.g. “on Monday”, “over the weekend”, “22 June 2025”)
          </span>
          <input
            value={expression}
            data-testid="event-when"
            onChange={(e) => setExpression(e.target.value)}
          />
        </label>
        <div className="resolution" data-testid="event-resolution" aria-live="polite">
          {!expression.trim() ? (
            <span className="muted">No time given: the event will not appear on the timeline.</span>
          ) : unchanged && event?.when ? (
            <span>
              Kept as saved: {event.when.approximate ? 'about ' : ''}
              {formatWhen(event.when)} (edit the words to resolve them again)
            </span>
          ) : resolution?.status === 'resolved' ? (
            <span>{resolution.explanation}</span>
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
          ) : resolution?.status === 'unresolvable' ? (
            <span className="form-error">{resolution.reason}</span>
          ) : (
            <span className="muted">Resolving…</span>
          )}
        </div>
        <label className="field">
          <span>Information credibility</span>
          <select
            value={confidence}
            onChange={(e) =>
              setConfidence(e.target.value ? (Number(e.target.value) as Credibility) : '')
            }
          >
            <option value="">— not graded —</option>
            {([1, 2, 3, 4, 5, 6] as Credibility[]).map((g) => (
              <option key={g} value={g}>
                {g} — {CREDIBILITY_LABELS[g]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Notes</span>
          <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="event-error">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  )
}
