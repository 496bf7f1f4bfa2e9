/**
 * The menu of one suggestion clicked in the text: accept just this occurrence (tagged and
 * linked like its group would be), accept every occurrence of the name, or reject it.
 * Escape or a click elsewhere closes it.
 */
import { useEffect, useRef } from 'react'
import { useAppState } from '../../app/app-state'
import { errorMessage } from '../../app/errors'
import type { DocumentRecord, EntityRecord } from '../../domain/types'
import type { Suggestion } from '../../suggest/ner'
import { acceptGroup, findEntity, TARGET } from './accept'
import { groupSuggestions, rejectSpans, useSuggestionState } from './suggestion-store'

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
  const { notify, selectTag } = useAppState()
  // The version of the text `all` was found in (the store checks it when accepting).
  const { textHash } = useSuggestionState()
  const ref = useRef<HTMLDivElement>(null)
  const group = groupSuggestions(all).find((g) => g.items.includes(suggestion))
  const target = TARGET[suggestion.kind]!
  const existing = group && target.entity ? findEntity(group, entities) : undefined

  useEffect(() => {
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
  }, [onClose])

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
