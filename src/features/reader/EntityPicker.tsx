/**
 * Links a passage being tagged as an actor or location to an entity: type-ahead over the
 * case's entities by name and alias (fuzzy), or create a new one with its kind. Enter takes
 * the highlighted choice; Escape cancels and tags nothing. The field opens focused with the
 * passage's words selected, so typing replaces them. A new actor whose name (or short form,
 * or demonym) is a state of the built-in gazetteer starts as a state, and says so, until the
 * analyst picks another kind.
 */
import { useMemo, useState } from 'react'
import { Dialog } from '../../ui/Dialog'
import { matchEntities } from '../../domain/entity-match'
import { STATES } from '../../suggest/gazetteer'
import type { EntityKind, EntityRecord } from '../../domain/types'

/** Whether `name` names a state the gazetteer knows (its name, a short form or a demonym). */
export function isKnownState(name: string): boolean {
  const n = name.trim()
  return !!n && STATES.some((s) => s.name === n || s.aliases.includes(n) || s.demonyms.includes(n))
}

export type PickedEntity = { entityId: string } | { create: { name: string; kind: EntityKind } }

const ACTOR_KINDS: { kind: EntityKind; label: string }[] = [
  { kind: 'person', label: 'Person' },
  { kind: 'organisation', label: 'Organisation' },
  { kind: 'state', label: 'State' },
  { kind: 'group', label: 'Armed group' },
  { kind: 'other', label: 'Other' },
]

export function EntityPicker({
  tagKind,
  quote,
  entities,
  onPick,
  onCancel,
}: {
  tagKind: 'actor' | 'location'
  quote: string
  entities: EntityRecord[]
  onPick(p: PickedEntity): void
  onCancel(): void
}) {
  const [query, setQuery] = useState(quote)
  const [chosenKind, setKind] = useState<EntityKind>()
  const guessedState = tagKind === 'actor' && isKnownState(query)
  const kind: EntityKind =
    tagKind === 'location' ? 'location' : (chosenKind ?? (guessedState ? 'state' : 'person'))
  const [active, setActive] = useState(0)
  const pool = useMemo(
    () =>
      entities.filter((e) =>
        tagKind === 'location' ? e.kind === 'location' : e.kind !== 'location',
      ),
    [entities, tagKind],
  )
  const matches = useMemo(() => matchEntities(pool, query), [pool, query])
  const exact = matches.some((m) => m.score === 1)
  const options = [
    ...matches.map((m) => ({
      key: m.entity.id,
      pick: { entityId: m.entity.id } as PickedEntity,
      m,
    })),
    ...(query.trim() && !exact
      ? [
          {
            key: 'new',
            pick: { create: { name: query.trim(), kind } } as PickedEntity,
            m: undefined,
          },
        ]
      : []),
  ]
  const current = Math.min(active, Math.max(0, options.length - 1))

  return (
    <Dialog
      title={tagKind === 'location' ? 'Tag as location' : 'Tag as actor'}
      open
      onClose={onCancel}
      testId="entity-picker"
    >
      <p className="quote">“{quote}”</p>
      <label className="field">
        <span>{tagKind === 'location' ? 'Location' : 'Actor'}</span>
        <input
          autoFocus
          value={query}
          role="combobox"
          data-testid="entity-query"
          aria-expanded
          aria-controls="entity-options"
          aria-activedescendant={options[current] ? `opt-${options[current].key}` : undefined}
          onChange={(e) => {
            setQuery(e.target.value)
            setActive(0)
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive(Math.min(options.length - 1, current + 1))
            else if (e.key === 'ArrowUp') setActive(Math.max(0, current - 1))
            else if (e.key === 'Enter' && options[current]) onPick(options[current].pick)
            else return
            e.preventDefault()
          }}
        />
      </label>
      {tagKind === 'actor' && (
        <label className="field">
          <span>Kind, if new</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as EntityKind)}>
            {ACTOR_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
          {!chosenKind && guessedState && (
            <span className="muted" data-testid="entity-kind-guess">
              A state: the built-in list of states knows “{query.trim()}”.
            </span>
          )}
        </label>
      )}
      <ul
        className="entity-options"
        id="entity-options"
        role="listbox"
        data-testid="entity-options"
      >
        {options.map((o, i) => (
          <li
            key={o.key}
            id={`opt-${o.key}`}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'active' : ''}
            onMouseEnter={() => setActive(i)}
            onClick={() => onPick(o.pick)}
          >
            {o.m ? (
              <>
                <strong>{o.m.entity.name}</strong> <span className="muted">{o.m.entity.kind}</span>
                {o.m.matched !== o.m.entity.name && (
                  <span className="muted"> — “{o.m.matched}”</span>
                )}
              </>
            ) : (
              <>
                Create “<strong>{query.trim()}</strong>” as a new{' '}
                {tagKind === 'location' ? 'location' : kind}
              </>
            )}
          </li>
        ))}
      </ul>
    </Dialog>
  )
}
