/**
 * Tagging from the reader: the selection, the floating toolbar (Actor, Location, Event,
 * Claim, Note, Relation, Add to event) and the keys A, L, E, C, N, R, X that do the same while
 * text is selected. Actor and location tags go through the entity picker, "Add to event…"
 * through a filterable list of the case's events; the others are tagged at once. Each tag
 * is one undoable action; the new tag opens in the inspector. E tags the passage and opens the
 * event form on it, R tags it as a claim and opens the relation form on it; the reader takes
 * the tag back if the form is cancelled.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { TAG_KEYS } from '../../ui/commands'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { addEvidence } from '../../db/events'
import { latestUndoGroup } from '../../db/history'
import { useEvents } from '../../db/hooks'
import { tagPassage } from '../../db/tags'
import type {
  AnnotationKind,
  AnnotationRecord,
  DocumentRecord,
  EntityRecord,
  EvidenceStance,
} from '../../domain/types'
import { AddToEventPicker } from './AddToEventPicker'
import { EntityPicker, type PickedEntity } from './EntityPicker'
import { trimSelection } from './selection'

/**
 * What a key or toolbar button makes: a tag of a kind, a relation, or evidence of an
 * existing event (see `tag`).
 */
export type TagAction = AnnotationKind | 'relation' | 'add-to-event'

/** The key of "Add to event…" (free among the tagging keys; shown on its button). */
export const ADD_TO_EVENT_KEY = 'X'

const KEY_KIND: Record<string, TagAction> = {
  a: 'actor',
  l: 'location',
  e: 'event',
  c: 'claim',
  n: 'note',
  r: 'relation',
  x: 'add-to-event',
}

export interface Tagging {
  selection: { start: number; end: number; rect?: DOMRect } | undefined
  setSelection(sel: { start: number; end: number } | undefined): void
  onKey(e: KeyboardEvent<HTMLElement>): void
  /**
   * Tags the selection. 'relation' tags it as a claim (the passage that says the tie exists)
   * and opens the relation form on it, as 'event' opens the event form (each handed the tag's
   * undo group, so that a form closed unsaved can take the tag back).
   */
  tag(kind: TagAction): void
  picking: { kind: 'actor' | 'location' | 'add-to-event'; start: number; end: number } | undefined
  pick(p: PickedEntity): void
  /** Tags the passage being picked for and adds it to `eventId`'s evidence. */
  /** Adds the selection to an event, supporting it or (`contradicts`) contradicting it. */
  pickEvent(eventId: string, title: string, stance?: EvidenceStance): void
  cancelPick(): void
  doc: DocumentRecord | undefined
  entities: EntityRecord[]
}

/** The tagging state of the reader for `doc`. */
export function useTagging(
  doc: DocumentRecord | undefined,
  entities: EntityRecord[],
  /** The passage tagged with E, and the undo group of that tag (to take it back on Cancel). */
  onEventTagged?: (annotation: AnnotationRecord, undoGroup: string | undefined) => void,
  /** The passage tagged (as a claim) with R, and the undo group of that tag. */
  onRelationTagged?: (annotation: AnnotationRecord, undoGroup: string | undefined) => void,
): Tagging {
  const notify = useNotices((s) => s.notify)
  const selectTag = useSelection((s) => s.selectTag)
  const [selection, setSel] = useState<Tagging['selection']>()
  const [picking, setPicking] = useState<Tagging['picking']>()
  // A selection belongs to the text it was made on: another document, or a replaced text,
  // drops it, so a key press can never tag offsets of one text in another.
  const textKey = doc ? `${doc.id}:${doc.textHash}` : ''
  const [selectionKey, setSelectionKey] = useState(textKey)
  if (selectionKey !== textKey) {
    setSelectionKey(textKey)
    setSel(undefined)
    setPicking(undefined)
  }

  // Counts selections made, so that a tag written after the analyst has already selected the
  // next passage (a slow write) does not clear that new selection.
  const selectionCount = useRef(0)

  const setSelection = (sel: { start: number; end: number } | undefined) => {
    selectionCount.current++
    const trimmed = sel && doc ? trimSelection(doc.text, sel) : undefined
    if (!trimmed) return setSel(undefined)
    const range = window.getSelection()?.rangeCount
      ? window.getSelection()!.getRangeAt(0)
      : undefined
    setSel({ ...trimmed, rect: range?.getBoundingClientRect() })
  }

  const commit = async (
    kind: AnnotationKind,
    span: { start: number; end: number },
    picked?: PickedEntity,
    then?: (annotation: AnnotationRecord, undoGroup: string | undefined) => void | Promise<void>,
    openForm = true,
  ) => {
    if (!doc) return
    // The selection is used up at once: keys typed while the tag is written (the form's
    // title, say) must not tag the same words again.
    setSel(undefined)
    const madeAt = selectionCount.current
    try {
      const { annotation } = await tagPassage(getDb(), {
        docId: doc.id,
        ...span,
        // The words and text version on screen: refused if the text changed under them.
        exact: doc.text.slice(span.start, span.end),
        textHash: doc.textHash,
        kind,
        ...(picked && 'entityId' in picked ? { entityId: picked.entityId } : {}),
        ...(picked && 'create' in picked ? { newEntity: picked.create } : {}),
      })
      // Read at once: the tag's action is the newest on the undo stack now.
      const undoGroup = latestUndoGroup()
      if (selectionCount.current === madeAt) {
        window.getSelection()?.removeAllRanges()
        setSel(undefined)
      }
      selectTag(annotation.id)
      if (kind === 'event' && openForm) onEventTagged?.(annotation, undoGroup)
      await then?.(annotation, undoGroup)
    } catch (e) {
      notify(errorMessage(e), 'error')
    }
  }

  const tag = (kind: TagAction) => {
    if (!selection) return
    const span = { start: selection.start, end: selection.end }
    if (kind === 'actor' || kind === 'location' || kind === 'add-to-event')
      setPicking({ kind, ...span })
    else if (kind === 'relation') void commit('claim', span, undefined, onRelationTagged)
    else void commit(kind, span)
  }

  return {
    selection,
    setSelection,
    tag,
    picking,
    doc,
    entities,
    onKey: (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const kind = KEY_KIND[e.key.toLowerCase()]
      if (!kind) {
        // Any other printable key would be an edit of the text: refuse it.
        if (e.key.length === 1) e.preventDefault()
        return
      }
      e.preventDefault()
      if (selection) tag(kind)
    },
    pick: (p) => {
      if (!picking || picking.kind === 'add-to-event') return
      const { kind, start, end } = picking
      setPicking(undefined)
      void commit(kind, { start, end }, p)
    },
    pickEvent: (eventId, title, stance) => {
      if (!picking) return
      const { start, end } = picking
      setPicking(undefined)
      void commit(
        'event',
        { start, end },
        undefined,
        async (annotation) => {
          await addEvidence(getDb(), eventId, [annotation.id], stance)
          notify(
            stance === 'contradicts'
              ? `Passage added to “${title}” as contradicting it.`
              : `Passage added to “${title}”.`,
            'success',
          )
        },
        false,
      )
    },
    cancelPick: () => setPicking(undefined),
  }
}

/** The floating toolbar over the selection, and the entity picker when one is open. */
export function TagToolbar({ tagging }: { tagging: Tagging }) {
  const { selection, picking, doc } = tagging
  const caseId = useSelection((s) => s.caseId)
  const events = useEvents(picking?.kind === 'add-to-event' ? caseId : undefined)
  const latest = useRef(tagging)
  useEffect(() => {
    latest.current = tagging
  })
  // The tag keys work wherever focus is (a mouse selection leaves it on the page), except
  // in form fields and dialogs, whose keys are their own. Attached before the toolbar is
  // painted (a layout effect), so a key pressed as soon as it shows is never lost.
  useLayoutEffect(() => {
    if (!selection || picking) return
    const onKey = (e: globalThis.KeyboardEvent) => {
      const t = e.target as HTMLElement | null
      if (
        e.defaultPrevented ||
        !t ||
        t.closest('input, textarea, select, dialog, [data-testid="reader-text"]')
      )
        return
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const kind = KEY_KIND[e.key.toLowerCase()]
      if (!kind) return
      e.preventDefault()
      latest.current.tag(kind)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [selection, picking])
  return (
    <>
      {selection && !picking && (
        <div
          className="tag-toolbar"
          role="toolbar"
          aria-label="Tag the selected passage"
          data-testid="tag-toolbar"
          style={
            selection.rect
              ? {
                  top: Math.max(8, selection.rect.top - 44),
                  left: Math.max(8, selection.rect.left),
                }
              : undefined
          }
        >
          {TAG_KEYS.map(({ key, label }) => (
            <button
              type="button"
              key={key}
              className={`k-${label.toLowerCase()}`}
              title={`${label} (${key})`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => tagging.tag(KEY_KIND[key.toLowerCase()]!)}
            >
              <kbd>{key}</kbd> {label}
            </button>
          ))}
          <button
            type="button"
            className="k-add-to-event"
            title={`Add the passage to an existing event (${ADD_TO_EVENT_KEY})`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => tagging.tag('add-to-event')}
          >
            <kbd>{ADD_TO_EVENT_KEY}</kbd> Add to event…
          </button>
        </div>
      )}
      {picking?.kind === 'add-to-event' && doc && (
        <AddToEventPicker
          quote={doc.text.slice(picking.start, picking.end)}
          events={events ?? []}
          onPick={(e, stance) => tagging.pickEvent(e.id, e.title, stance)}
          onCancel={tagging.cancelPick}
        />
      )}
      {picking && picking.kind !== 'add-to-event' && doc && (
        <EntityPicker
          tagKind={picking.kind}
          quote={doc.text.slice(picking.start, picking.end)}
          entities={tagging.entities}
          onPick={tagging.pick}
          onCancel={tagging.cancelPick}
        />
      )}
    </>
  )
}
