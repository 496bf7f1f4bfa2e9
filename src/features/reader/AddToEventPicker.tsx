/**
 * "Add to event…" for a selection in the reader (key X or the toolbar): picks one of the
 * case's events from a list filtered as you type (title, type, date), with the arrow keys and
 * Enter or a click; the selected words are then tagged and added to that event's evidence in
 * one step. Escape cancels and tags nothing. "It contradicts the event" (Alt+C) adds the passage as
 * contradicting evidence: listed apart, never counted as support.
 */
import { useMemo, useState } from 'react'
import { Dialog } from '../../ui/Dialog'
import { typeLabel } from '../../domain/event-types'
import { formatWhen } from '../../domain/time/calendar'
import type { EventRecord, EvidenceStance } from '../../domain/types'

/** Props of `AddToEventPicker`. */
export interface AddToEventPickerProps {
  quote: string
  events: EventRecord[]
  onPick(event: EventRecord, stance: EvidenceStance): void
  onCancel(): void
}

/** The picker; see the module comment. */
export function AddToEventPicker({ quote, events, onPick, onCancel }: AddToEventPickerProps) {
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const [contradicts, setContradicts] = useState(false)
  const stance: EvidenceStance = contradicts ? 'contradicts' : 'supports'
  const listed = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean)
    return events
      .map((e) => ({
        e,
        text: `${e.title} ${typeLabel(e.type)} ${e.when ? formatWhen(e.when) : ''}`.toLowerCase(),
      }))
      .filter(({ text }) => words.every((w) => text.includes(w)))
      .map(({ e }) => e)
      .sort((a, b) => a.title.localeCompare(b.title))
  }, [events, query])
  const current = Math.min(active, listed.length - 1)
  return (
    <Dialog title="Add to event" open onClose={onCancel} testId="add-to-event">
      <p className="quote">“{quote}”</p>
      <label className="field">
        <span>Event</span>
        <input
          role="combobox"
          aria-expanded
          aria-controls="add-to-event-options"
          aria-activedescendant={listed[current] ? `ate-${listed[current].id}` : undefined}
          value={query}
          placeholder="Type to filter the case’s events"
          data-testid="add-to-event-query"
          onChange={(e) => {
            setQuery(e.target.value)
            setActive(0)
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive(Math.min(listed.length - 1, current + 1))
            else if (e.key === 'ArrowUp') setActive(Math.max(0, current - 1))
            else if (e.key === 'Enter' && listed[current]) onPick(listed[current], stance)
            else if (e.altKey && e.key.toLowerCase() === 'c') setContradicts((c) => !c)
            else return
            e.preventDefault()
          }}
        />
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={contradicts}
          data-testid="add-to-event-contradicts"
          onChange={(e) => setContradicts(e.target.checked)}
        />{' '}
        It contradicts the event <kbd>Alt</kbd>+<kbd>C</kbd>
      </label>
      {events.length === 0 ? (
        <p className="muted">This case has no events yet: press E on a passage to make one.</p>
      ) : listed.length === 0 ? (
        <p className="muted">No event matches “{query}”.</p>
      ) : (
        <ul
          className="entity-options add-to-event-list"
          id="add-to-event-options"
          role="listbox"
          data-testid="add-to-event-options"
        >
          {listed.map((e, i) => (
            <li
              key={e.id}
              id={`ate-${e.id}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'active' : ''}
              onMouseEnter={() => setActive(i)}
              onClick={() => onPick(e, stance)}
            >
              <strong>{e.title}</strong>{' '}
              <span className="muted">
                {typeLabel(e.type)}
                {e.when ? ` · ${formatWhen(e.when)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  )
}
