/**
 * A suggestion's menu in the text: accept just this occurrence (tagged and linked like its
 * group would be), accept every occurrence of the name, reject it, or tag it as something
 * else — as an actor or a place, linked to any entity of the case through a type-ahead (or a
 * new one of the kind chosen): "Tehran" can go to Iran the state, or stay a place. A plain
 * click on a suggested word only selects it, like any words; the menu opens from the button
 * shown under a selected suggestion (`SuggestionButton`) or with S. Escape or a click
 * elsewhere closes it.
 */
import { useEffect, useRef, useState } from 'react'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { acceptSuggestions } from '../../db/suggestions'
import type { DocumentRecord, EntityRecord } from '../../domain/types'
import type { Suggestion } from '../../suggest/ner'
import { EntityPicker, type PickedEntity } from '../reader/EntityPicker'
import { acceptGroup, findEntity, TARGET } from './accept'
import { groupSuggestions, rejectSpans, useSuggestionState } from './suggestion-store'

/** The key that opens the menu of the suggestion under the selection. */
export const SUGGESTION_KEY = 's'

/**
 * The index in `suggestions` of the first one the selection `sel` overlaps, or -1: the
 * suggestion whose menu the button and the key open.
 */
export function suggestionAt(
  suggestions: readonly { start: number; end: number }[],
  sel: { start: number; end: number } | undefined,
): number {
  if (!sel) return -1
  return suggestions.findIndex((s) => s.start < sel.end && sel.start < s.end)
}

/** The small button under a selected suggestion that opens its menu. */
export function SuggestionButton({
  suggestion,
  rect,
  onOpen,
}: {
  suggestion: Suggestion
  rect: DOMRect
  onOpen(): void
}) {
  const target = TARGET[suggestion.kind]
  return (
    <button
      type="button"
      className="suggestion-button"
      data-testid="suggestion-button"
      aria-haspopup="menu"
      title="What to do with this suggestion (S)"
      style={{ top: rect.bottom + 4, left: Math.max(8, rect.left) }}
      // Keeps the selection in the text: a mousedown here would collapse it.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onOpen}
    >
      Suggested {target?.label ?? 'name'} ▾
    </button>
  )
}

export function SuggestionMenu({
  doc,
  suggestion,
  all,
  entities,
  rect,
  onClose,
}: {
  doc: DocumentRecord
  suggestion: Suggestion
  all: Suggestion[]
  entities: EntityRecord[]
  rect: DOMRect
  onClose(): void
}) {
  const notify = useNotices((s) => s.notify)
  const selectTag = useSelection((s) => s.selectTag)
  // The version of the text `all` was found in (the store checks it when accepting).
  const { textHash } = useSuggestionState()
  const ref = useRef<HTMLDivElement>(null)
  // "Tag as…": the picker of the entity (and its kind) the words go to.
  const [tagAs, setTagAs] = useState<'actor' | 'location'>()
  const group = groupSuggestions(all).find((g) => g.items.includes(suggestion))
  const target = TARGET[suggestion.kind]!
  const existing = group && target.entity ? findEntity(group, entities) : undefined

  useEffect(() => {
    // While the picker is open it has the keys and the clicks (its own Escape cancels).
    if (tagAs) return
    ref.current?.querySelector('button')?.focus()
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose()
    }
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && onClose()
    window.addEventListener('mousedown', away)
    window.addEventListener('keydown', esc)
    return () => {
      window.removeEventListener('mousedown', away)
      window.removeEventListener('keydown', esc)
    }
  }, [onClose, tagAs])

  if (!group) return null
  const run = async (items: Suggestion[]) => {
    try {
      const [first] = await acceptGroup(doc.id, textHash, { ...group, items }, entities)
      if (first) selectTag(first.id)
    } catch (e) {
      notify(errorMessage(e), 'error')
    }
    onClose()
  }
  const tagOtherwise = async (kind: 'actor' | 'location', picked: PickedEntity) => {
    try {
      const [first] = await acceptSuggestions(getDb(), {
        docId: doc.id,
        ...(textHash ? { textHash } : {}),
        kind,
        spans: [{ start: suggestion.start, end: suggestion.end, exact: suggestion.text }],
        ...('entityId' in picked ? { entityId: picked.entityId } : { newEntity: picked.create }),
      })
      window.getSelection()?.removeAllRanges()
      if (first) selectTag(first.id)
    } catch (e) {
      notify(errorMessage(e), 'error')
    }
    onClose()
  }
  if (tagAs) {
    return (
      <EntityPicker
        tagKind={tagAs}
        quote={suggestion.text}
        entities={entities}
        onPick={(picked) => void tagOtherwise(tagAs, picked)}
        onCancel={onClose}
      />
    )
  }
  return (
    <div
      ref={ref}
      className="suggestion-menu"
      role="menu"
      data-testid="suggestion-menu"
      style={{ top: rect.bottom + 6, left: Math.max(8, rect.left) }}
    >
      <div className="muted">
        “{suggestion.text}”: {target.label}
        {existing ? ` → ${existing.name}` : target.entity ? ` → new “${group.name}”` : ''}
      </div>
      <button type="button" role="menuitem" onClick={() => void run([suggestion])}>
        Accept this one
      </button>
      {group.items.length > 1 && (
        <button type="button" role="menuitem" onClick={() => void run(group.items)}>
          Accept all {group.items.length}
        </button>
      )}
      <button type="button" role="menuitem" onClick={() => setTagAs('actor')}>
        Tag as actor…
      </button>
      <button type="button" role="menuitem" onClick={() => setTagAs('location')}>
        Tag as place…
      </button>
      <button
        type="button"
        role="menuitem"
        onClick={() => {
          rejectSpans([suggestion])
          onClose()
        }}
      >
        Reject
      </button>
    </div>
  )
}
