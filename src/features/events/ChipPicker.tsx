/**
 * A filterable picker of entities for the event form's "Who", "To whom" and "Where": the
 * chosen ones as chips, and a field that filters the case's entities as you type (fuzzy, by
 * name and alias), the passage's own first. Arrow keys move through the list, Enter adds the
 * highlighted one, Backspace in the empty field removes the last chip, a chip's × removes it.
 * A chip the form proposed is a guess and looks like one (dashed, "guess") until the analyst
 * confirms it by clicking it, or saves. Enter in the empty field with no list open is left
 * to the form (it saves); Enter on typed words that match nothing is not (it would save the
 * event without them): the field says that no such actor or place is in the case and how to
 * tag one, and keeps the words.
 */
import { useId, useMemo, useState } from 'react'
import { matchEntities } from '../../domain/entity-match'
import type { EntityRecord } from '../../domain/types'

/** A chosen entity; `guess` says where the form found it, until the analyst confirms it. */
export interface Chip {
  id: string
  guess?: 'selection' | 'sentence'
}

/** Props of `ChipPicker`. */
export interface ChipPickerProps {
  label: string
  /** The entities that may be chosen. */
  pool: EntityRecord[]
  /** Ids listed first when nothing is typed (the passage's sentence's entities). */
  first: string[]
  chosen: Chip[]
  onChange(chips: Chip[]): void
  testId: string
  /** Shown when the pool is empty. */
  emptyText: string
  /** An error to show next to the field. */
  error?: string | undefined
  /** What the pool holds, for the message shown when typed words match none of it. */
  kind?: 'actor' | 'place'
}

const GUESS_TITLE = {
  selection: 'A guess from the selected words: click to confirm, × to remove',
  sentence: 'A guess from the sentence around the selection: click to confirm, × to remove',
}

/**
 * What the picker says when the typed words match no entity of the case: that none is called
 * that, and how to make one (entities come from tagging a passage, never from this field).
 */
export function noMatchText(query: string, kind: 'actor' | 'place' | undefined): string {
  const what = kind === 'place' ? 'place' : kind === 'actor' ? 'actor' : 'actor or place'
  const key = kind === 'place' ? 'L' : kind === 'actor' ? 'A' : 'A or L'
  return (
    `No ${what} called “${query.trim()}” in this case. Tag it in a document first ` +
    `(select the words, press ${key}), then pick it here.`
  )
}

/** The picker; see the module comment. */
export function ChipPicker({
  label,
  pool,
  first,
  chosen,
  onChange,
  testId,
  emptyText,
  error,
  kind,
}: ChipPickerProps) {
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(-1)
  const [open, setOpen] = useState(false)
  const id = useId()
  const names = useMemo(() => new Map(pool.map((e) => [e.id, e.name])), [pool])
  const options = useMemo(() => {
    const free = pool.filter((e) => !chosen.some((c) => c.id === e.id))
    if (query.trim()) return matchEntities(free, query, 8).map((m) => m.entity)
    const rank = (e: EntityRecord) => {
      const i = first.indexOf(e.id)
      return i < 0 ? first.length : i
    }
    return free
      .slice()
      .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
      .slice(0, 8)
  }, [pool, chosen, query, first])
  const showList = open && (query.trim() !== '' || active >= 0) && options.length > 0
  const current = Math.min(active, options.length - 1)
  const noMatch = query.trim() !== '' && options.length === 0

  const add = (entity: EntityRecord) => {
    onChange([...chosen, { id: entity.id }])
    setQuery('')
    setActive(-1)
  }

  return (
    <fieldset className={`field chip-picker${error ? ' has-error' : ''}`} data-testid={testId}>
      <legend>{label}</legend>
      <div className="chip-row">
        {chosen.map((c) => (
          <span
            key={c.id}
            className={c.guess ? 'entity-chip guess' : 'entity-chip'}
            data-testid="chip"
            data-guess={c.guess ?? undefined}
            title={c.guess ? GUESS_TITLE[c.guess] : undefined}
            onClick={() =>
              c.guess && onChange(chosen.map((x) => (x.id === c.id ? { id: c.id } : x)))
            }
          >
            {names.get(c.id) ?? 'unknown'}
            {c.guess && <em className="guess-mark"> guess</em>}
            <button
              type="button"
              className="chip-remove"
              tabIndex={-1}
              aria-label={`Remove ${names.get(c.id) ?? 'it'}`}
              onClick={(e) => {
                e.stopPropagation()
                onChange(chosen.filter((x) => x.id !== c.id))
              }}
            >
              ×
            </button>
          </span>
        ))}
        {pool.length === 0 ? (
          <span className="muted">{emptyText}</span>
        ) : (
          <input
            className="chip-input"
            role="combobox"
            aria-label={label}
            aria-expanded={showList}
            aria-controls={`${id}-list`}
            aria-activedescendant={showList && current >= 0 ? `${id}-${current}` : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={noMatch ? `${id}-none` : undefined}
            value={query}
            placeholder={chosen.length ? 'Add another…' : 'Type to find…'}
            data-testid={`${testId}-input`}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onChange={(e) => {
              setQuery(e.target.value)
              setActive(e.target.value.trim() ? 0 : -1)
              setOpen(true)
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                setOpen(true)
                setActive(Math.min(options.length - 1, current + 1))
              } else if (e.key === 'ArrowUp') setActive(Math.max(0, current - 1))
              else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && showList && current >= 0) {
                add(options[current]!)
              } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && noMatch) {
                // Not a save: the typed words would be dropped without a word.
              } else if (e.key === 'Backspace' && !query && chosen.length) {
                onChange(chosen.slice(0, -1))
              } else if (e.key === 'Escape' && (query || showList)) {
                setQuery('')
                setActive(-1)
              } else return
              e.preventDefault()
            }}
          />
        )}
      </div>
      {showList && (
        <ul className="chip-options" id={`${id}-list`} role="listbox" aria-label={label}>
          {options.map((o, i) => (
            <li
              key={o.id}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault()
                add(o)
              }}
            >
              {o.name}
              {first.includes(o.id) && <span className="muted"> · in the passage</span>}
            </li>
          ))}
        </ul>
      )}
      {noMatch && (
        <span className="field-hint" id={`${id}-none`} data-testid={`${testId}-none`}>
          {noMatchText(query, kind)}
        </span>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  )
}
