/**
 * The event form: who did what to whom, when, where, on whose evidence. Opened from a
 * passage (key E), it proposes what the words say and marks each proposal as a guess: the
 * type from the passage's verb ("met with" → consult/meet), with the verb shown, else no type
 * until one is chosen; actors and places from the selected words first, then the passage's
 * own clause of the sentence (never another clause's, nor a quotation the selection left
 * out; see domain/event-prefill.ts); the time from the sentence's first date expression,
 * resolved against the document's publication date and shown in words — unless the analyst
 * typed in When first: a typed time is never replaced. Actors and places are picked in
 * filterable lists (several places allowed). Saving never fails silently: a problem is shown
 * next to its field and beside the Save button, and focus moves to the first one; a missing
 * publication date can be set from here, or the event saved undated. Closing with anything
 * typed asks first. Ctrl+Enter saves. Saving is one undoable action.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { updateDocumentMeta } from '../../db/documents'
import { createEvent, updateEvent, type EventInput } from '../../db/events'
import { useEvents } from '../../db/hooks'
import { eventCredibility, gradeOrigin } from '../../domain/credibility'
import { eventPlaceIds } from '../../domain/event-places'
import { prefillEvent } from '../../domain/event-prefill'
import { EVENT_TYPES, sentenceAround, typeLabel } from '../../domain/event-types'
import { inferEventType } from '../../domain/event-verbs'
import { CREDIBILITY_LABELS, parsePublishedInput } from '../../domain/format'
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
import { ChipPicker, type Chip } from './ChipPicker'
import './events.css'

type Resolver = typeof import('../../domain/time/resolve')
type Resolution = ReturnType<Resolver['resolveExpression']>

/** The time resolver, once loaded: kept here so that every form after the first reads at once. */
let loadedResolver: Resolver | undefined

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

/** Problems that keep the form from saving, by field. */
interface Problems {
  title?: string
  type?: string
  when?: string
}

const FIELD_NAMES: Record<keyof Problems, string> = { title: 'Title', type: 'Type', when: 'When' }

export function EventForm({
  doc,
  passage,
  tags,
  entities,
  event,
  onClose,
  onSaved,
}: EventFormProps) {
  const notify = useNotices((s) => s.notify)
  const { selectEvent, caseId } = useSelection(
    useShallow((s) => ({ selectEvent: s.selectEvent, caseId: s.caseId })),
  )
  const caseEvents = useEvents(caseId)
  // The fixed top level, then the types this case has added, then "New type…".
  const customTypes = useMemo(() => {
    const known = new Set(EVENT_TYPES.map((t) => t.id))
    const used = new Set((caseEvents ?? []).map((e) => e.type).filter((t) => !known.has(t)))
    if (event && !known.has(event.type)) used.add(event.type)
    return [...used].sort((a, b) => a.localeCompare(b))
  }, [caseEvents, event])
  const [newType, setNewType] = useState<string>()
  const usable = !!doc && !!passage && passage.anchor?.status !== 'orphan'
  const sentence = useMemo(
    () =>
      doc && passage && usable
        ? sentenceAround(doc.text, passage.start, passage.end)
        : { start: 0, end: 0 },
    [usable, doc, passage],
  )
  const actors = entities.filter((e) => e.kind !== 'location')
  const locations = entities.filter((e) => e.kind === 'location')
  const inSentence = (kind: 'actor' | 'location') => [
    ...new Set(
      tags
        .filter(
          (t) =>
            t.kind === kind && t.entityId && t.start >= sentence.start && t.end <= sentence.end,
        )
        .map((t) => t.entityId!),
    ),
  ]

  // What the words propose, for a new event only: computed once, when the form opens.
  const [proposal] = useState(() => {
    if (event || !doc || !passage || !usable) return undefined
    const verb = inferEventType(doc.text, passage, sentence)
    const fill = prefillEvent(
      doc.text,
      passage,
      sentence,
      tags.filter((t) => t.anchor?.status !== 'orphan'),
      verb?.start,
    )
    return { verb, fill }
  })
  const asChips = (guesses: { id: string; from: 'selection' | 'sentence' }[]): Chip[] =>
    guesses.map((g) => ({ id: g.id, guess: g.from }))

  const [title, setTitle] = useState(event?.title ?? passage?.exact.slice(0, 120) ?? '')
  const [type, setType] = useState(event?.type ?? proposal?.verb?.type ?? '')
  const [typeGuessed, setTypeGuessed] = useState(!event && !!proposal?.verb)
  const [initiators, setInitiators] = useState<Chip[]>(
    event ? event.initiators.map((id) => ({ id })) : asChips(proposal?.fill.initiators ?? []),
  )
  const [targets, setTargets] = useState<Chip[]>(
    event ? event.targets.map((id) => ({ id })) : asChips(proposal?.fill.targets ?? []),
  )
  const [places, setPlaces] = useState<Chip[]>(
    event ? eventPlaceIds(event).map((id) => ({ id })) : asChips(proposal?.fill.places ?? []),
  )
  const [expression, setExpression] = useState(event?.when?.resolvedFrom?.text ?? '')
  const [resolver, setResolver] = useState(loadedResolver)
  // The candidate chosen of an ambiguous time, for the resolution it was chosen from.
  const [choice, setChoice] = useState<{ of: Resolution; index: number }>()
  const [undated, setUndated] = useState(false)
  const [pubDate, setPubDate] = useState('')
  const [confidence, setConfidence] = useState<Credibility | ''>(event?.confidence ?? '')
  const [notes, setNotes] = useState(event?.notes ?? '')
  const [problems, setProblems] = useState<Problems>({})
  const [saveError, setSaveError] = useState('')
  // A save asked for while the time is still being read waits for it, then goes ahead.
  const [saveWhenRead, setSaveWhenRead] = useState(false)
  const [dirty, setDirty] = useState(false)
  const [discarding, setDiscarding] = useState(false)
  const [focusSeq, setFocusSeq] = useState(0)
  const formRef = useRef<HTMLFormElement>(null)
  const keepRef = useRef<HTMLButtonElement>(null)
  const touched =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v)
      setDirty(true)
    }

  // The pre-filled words and the tense of their sentence, which decides a bare weekday.
  const [prefill, setPrefill] = useState<{ text: string; tense: Tense; lang?: string }>()
  // Whether the analyst has typed in When: the sentence's date, read later, never replaces it.
  const whenTyped = useRef(false)
  // While the sentence's date is still being read (new events only), the field says so.
  const [lookingForDate, setLookingForDate] = useState(!event && !!doc)
  // Pre-fill the time from the first date expression in the sentence (new events only).
  useEffect(() => {
    if (event || !doc) return
    let live = true
    void import('../../domain/time/find')
      .then(({ firstDateIn }) => {
        const found = firstDateIn(doc.text, sentence.start, sentence.end)
        if (live && found && !whenTyped.current) {
          setPrefill({
            text: found.text,
            tense: found.tense,
            ...(found.lang ? { lang: found.lang } : {}),
          })
          setExpression(found.text)
        }
      })
      .finally(() => {
        if (live) setLookingForDate(false)
      })
    return () => {
      live = false
    }
  }, [doc, sentence, event])

  useEffect(() => {
    if (resolver) return
    let live = true
    void import('../../domain/time/resolve').then((module) => {
      loadedResolver = module
      if (live) setResolver(module)
    })
    return () => {
      live = false
    }
  }, [resolver])
  // The time as read from the words in the field now, in the same render as the words: a
  // resolution is never that of words typed over (Ctrl+Enter right after typing saves what
  // was typed). Undefined while the resolver loads.
  const published = doc?.publishedAt
  const publishedPrecision = doc?.publishedPrecision
  const timeZone = doc?.timeZone ?? 'UTC'
  const docLanguage = doc?.language
  const resolution = useMemo<Resolution | undefined>(
    () =>
      resolver && expression.trim()
        ? resolver.resolveExpression(expression, {
            published,
            publishedPrecision,
            timeZone,
            // The words' language: the finder's table, else the document's.
            ...languageOf(prefill, expression, docLanguage),
            ...(prefill && prefill.text === expression ? { tense: prefill.tense } : {}),
          })
        : undefined,
    [resolver, expression, published, publishedPrecision, timeZone, docLanguage, prefill],
  )
  const chosen = choice && choice.of === resolution ? choice.index : 0

  // After a refused save, the eye goes to the first problem.
  useEffect(() => {
    if (!focusSeq) return
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [focusSeq])
  useEffect(() => {
    if (discarding) keepRef.current?.focus()
  }, [discarding])
  // Ctrl+Enter saves wherever focus is while the form is open (a clicked chip leaves it on
  // the page, not in a field).
  const saveRef = useRef<() => void>(() => {})
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.defaultPrevented) return
      e.preventDefault()
      saveRef.current()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  // An edit that leaves the time as it was keeps the stored value: resolving it again
  // against today's document (its zone changed, its first passage orphaned) could move it.
  const unchanged = !!event?.when && expression === (event.when.resolvedFrom?.text ?? '')
  const when: TimeValue | undefined = undated
    ? undefined
    : unchanged
      ? event.when
      : resolution?.status === 'resolved'
        ? resolution.value
        : resolution?.status === 'ambiguous'
          ? resolution.candidates[chosen]?.value
          : event && !expression.trim()
            ? undefined
            : event?.when

  // The grade rule (domain/credibility.ts): shown here, where the event's grade is set.
  const evidenceTags = event ? tags.filter((t) => event.evidence.includes(t.id)) : []
  const evidencePassages = event ? evidenceTags : passage ? [passage] : []
  const fromEvidence = eventCredibility({}, evidencePassages)

  function check(): Problems {
    const found: Problems = {}
    if (!title.trim()) found.title = 'Give the event a title.'
    if (newType !== undefined && !newType.trim())
      found.type = 'Name the new event type, or pick one from the list.'
    else if (newType === undefined && !type)
      found.type = 'Choose what kind of event this is: no verb in the passage said it.'
    if (!undated && !unchanged && expression.trim()) {
      if (resolution?.status === 'unresolvable')
        found.when = `The time “${expression}” could not be resolved: ${resolution.reason}.`
      else if (!resolution) found.when = 'The time is still being read: try again.'
    }
    return found
  }

  async function save() {
    if (!undated && !unchanged && expression.trim() && !resolution) {
      setSaveWhenRead(true)
      return
    }
    const found = check()
    setProblems(found)
    const keys = Object.keys(found) as (keyof Problems)[]
    if (keys.length) {
      setSaveError(
        `Not saved: ${keys.length === 1 ? 'one problem' : `${keys.length} problems`} — ${keys
          .map((k) => FIELD_NAMES[k])
          .join(', ')}.`,
      )
      setFocusSeq((n) => n + 1)
      return
    }
    const input: EventInput = {
      title,
      type: newType?.trim() || type,
      initiators: initiators.map((c) => c.id),
      targets: targets.map((c) => c.id),
      evidence: event ? event.evidence : passage ? [passage.id] : [],
      locationIds: places.map((c) => c.id),
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
      setSaveError(`Not saved: ${errorMessage(e)}`)
    }
  }

  useEffect(() => {
    saveRef.current = () => {
      if (!discarding) void save()
    }
  })
  useEffect(() => {
    if (!saveWhenRead || !resolution) return
    setSaveWhenRead(false)
    saveRef.current()
  }, [saveWhenRead, resolution])

  async function setPublication() {
    if (!doc) return
    const published = parsePublishedInput(pubDate, '')
    if (!published) {
      setProblems((p) => ({ ...p, when: 'Enter the publication date as a calendar date.' }))
      return
    }
    try {
      await updateDocumentMeta(getDb(), doc.id, {
        publishedAt: published.at,
        publishedPrecision: published.precision,
      })
      setProblems((p) => ({ ...p, when: undefined }))
      setSaveError('')
      notify(`Publication date of “${doc.title}” set.`, 'success')
      // The button goes with the problem: the eye (and focus) go back to the time.
      formRef.current?.querySelector<HTMLElement>('[data-testid="event-when"]')?.focus()
    } catch (e) {
      setProblems((p) => ({ ...p, when: errorMessage(e) }))
    }
  }

  const requestClose = () => {
    if (discarding) setDiscarding(false)
    else if (dirty) setDiscarding(true)
    else onClose()
  }

  const fieldError = (key: keyof Problems): ReactNode =>
    problems[key] ? (
      <span className="field-error" role="alert" data-testid={`event-${key}-error`}>
        {problems[key]}
      </span>
    ) : null

  const noPublication = !!doc && doc.publishedAt === undefined
  return (
    <Dialog
      title={event ? 'Edit event' : 'New event'}
      open
      wide
      onClose={requestClose}
      testId="event-form"
      actions={
        discarding ? (
          <div className="discard-bar" role="alert" data-testid="event-discard">
            <span>Discard what you typed in this event?</span>
            <button type="button" ref={keepRef} onClick={() => setDiscarding(false)}>
              Keep editing
            </button>
            <button type="button" className="danger" onClick={onClose}>
              Discard
            </button>
          </div>
        ) : (
          <>
            {saveError && (
              <span className="form-error save-error" role="alert" data-testid="event-error">
                {saveError}
              </span>
            )}
            <button type="button" onClick={requestClose}>
              Cancel
            </button>
            <button
              type="submit"
              form="event-form"
              className="primary"
              title="Save event (Ctrl+Enter)"
            >
              Save event
            </button>
          </>
        )
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
        ref={formRef}
        className="event-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <label className="field">
          <span>Title</span>
          <input
            value={title}
            onChange={(e) => touched(setTitle)(e.target.value)}
            maxLength={500}
            aria-invalid={problems.title ? true : undefined}
            data-testid="event-title"
          />
          {fieldError('title')}
        </label>
        <label className="field">
          <span>Type</span>
          <select
            value={newType !== undefined ? NEW_TYPE : type}
            className={typeGuessed ? 'guess' : undefined}
            aria-invalid={problems.type ? true : undefined}
            data-testid="event-type"
            onChange={(e) => {
              setTypeGuessed(false)
              setDirty(true)
              if (e.target.value === NEW_TYPE) setNewType('')
              else {
                setNewType(undefined)
                setType(e.target.value)
              }
            }}
          >
            {!type && newType === undefined && <option value="">— choose a type —</option>}
            <TypeOptions standard={EVENT_TYPES} custom={customTypes} />
          </select>
          {typeGuessed && proposal?.verb ? (
            <span className="guess-reason" data-testid="event-type-reason">
              Guessed from the verb “{proposal.verb.verb}” in the{' '}
              {proposal.verb.from === 'selection' ? 'selected words' : 'sentence'}:{' '}
              {typeLabel(proposal.verb.type)}. Change it if the words mean something else.
            </span>
          ) : (
            !event &&
            !type &&
            newType === undefined && (
              <span className="muted" data-testid="event-type-reason">
                No verb in the passage says what kind of event this is: choose one.
              </span>
            )
          )}
          {fieldError('type')}
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
              aria-invalid={problems.type ? true : undefined}
              data-testid="event-new-type"
            />
          </label>
        )}
        <ChipPicker
          label="Who (initiators)"
          pool={actors}
          first={inSentence('actor')}
          chosen={initiators}
          onChange={touched(setInitiators)}
          testId="event-initiators"
          emptyText="No actors in this case yet."
          kind="actor"
        />
        <ChipPicker
          label="To whom (targets)"
          pool={actors}
          first={inSentence('actor')}
          chosen={targets}
          onChange={touched(setTargets)}
          testId="event-targets"
          emptyText="No actors in this case yet."
          kind="actor"
        />
        <ChipPicker
          label="Where"
          pool={locations}
          first={inSentence('location')}
          chosen={places}
          onChange={touched(setPlaces)}
          testId="event-places"
          emptyText="No places tagged in this case yet."
          kind="place"
        />
        <label className="field">
          <span>
            When (as the source says it, e.g. “on Monday”, “over the weekend”, “22 June 2025”)
          </span>
          {/* Saved undated: the words stay shown but the field is off (and out of the Tab
              order) until "Use the time after all", so that the keyboard goes on to the next
              field rather than back into a time that will not be used. */}
          <input
            value={expression}
            disabled={undated}
            aria-describedby="event-resolution"
            data-testid="event-when"
            placeholder={lookingForDate ? 'Looking for a date in the sentence…' : undefined}
            aria-invalid={problems.when ? true : undefined}
            onChange={(e) => {
              whenTyped.current = true
              setLookingForDate(false)
              touched(setExpression)(e.target.value)
              setUndated(false)
            }}
          />
        </label>
        <div
          className="resolution"
          id="event-resolution"
          data-testid="event-resolution"
          aria-live="polite"
        >
          {undated ? (
            <span>
              Saved undated: the event will not appear on the timeline.{' '}
              <button
                type="button"
                className="link"
                onClick={() => {
                  // Enabled at once (not on the next render), so that it can take the focus.
                  flushSync(() => setUndated(false))
                  formRef.current?.querySelector<HTMLElement>('[data-testid="event-when"]')?.focus()
                }}
              >
                Use the time after all
              </button>
            </span>
          ) : !expression.trim() && lookingForDate ? (
            <span className="muted">Looking for a date in the sentence…</span>
          ) : !expression.trim() ? (
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
                  <input
                    type="radio"
                    checked={chosen === i}
                    onChange={() => setChoice({ of: resolution, index: i })}
                  />
                  {c.explanation}
                </label>
              ))}
            </fieldset>
          ) : resolution?.status === 'unresolvable' ? (
            <div className="unresolved">
              <span className="form-error">{resolution.reason}</span>
              {noPublication && (
                <span className="set-published">
                  <label className="inline">
                    The document’s publication date{' '}
                    <input
                      type="date"
                      value={pubDate}
                      data-testid="event-publication-date"
                      onChange={(e) => setPubDate(e.target.value)}
                    />
                  </label>
                  <button type="button" onClick={() => void setPublication()}>
                    Set publication date
                  </button>
                </span>
              )}
              <button
                type="button"
                onClick={() => {
                  setUndated(true)
                  setProblems((p) => ({ ...p, when: undefined }))
                  setSaveError('')
                  // On to the next field: the time field is off while the event is undated.
                  formRef.current
                    ?.querySelector<HTMLElement>('[data-testid="event-credibility"]')
                    ?.focus()
                }}
              >
                Save it undated
              </button>
            </div>
          ) : (
            <span className="muted">Resolving…</span>
          )}
        </div>
        {fieldError('when')}
        <label className="field">
          <span>Information credibility</span>
          <select
            value={confidence}
            data-testid="event-credibility"
            onChange={(e) =>
              touched(setConfidence)(e.target.value ? (Number(e.target.value) as Credibility) : '')
            }
          >
            <option value="">
              {fromEvidence.grade
                ? `— from its evidence: ${fromEvidence.grade} — ${CREDIBILITY_LABELS[fromEvidence.grade]} —`
                : '— not graded —'}
            </option>
            {([1, 2, 3, 4, 5, 6] as Credibility[]).map((g) => (
              <option key={g} value={g}>
                {g} — {CREDIBILITY_LABELS[g]}
              </option>
            ))}
          </select>
          <span className="muted">
            {confidence
              ? `Set on the event: evidence passages without a grade of their own are cited with ${confidence}, in the inspector and the briefing alike.`
              : fromEvidence.grade
                ? `Not set: the event takes ${fromEvidence.grade} ${gradeOrigin(fromEvidence)}.`
                : 'Not set, and none of its evidence is graded.'}
          </span>
        </label>
        <label className="field">
          <span>Notes</span>
          <textarea rows={3} value={notes} onChange={(e) => touched(setNotes)(e.target.value)} />
        </label>
      </form>
    </Dialog>
  )
}

/** The language to read `expression` in: the finder's table for its pre-fill, or the document's. */
function languageOf(
  prefill: { text: string; lang?: string } | undefined,
  expression: string,
  docLanguage: string | undefined,
): { language?: string } {
  const language = (prefill?.text === expression ? prefill.lang : undefined) ?? docLanguage
  return language ? { language } : {}
}
