/**
 * Merging one actor or location into another: the analyst picks the entity to keep by
 * type-ahead over names and aliases, sees what will move — mentions, event roles, relations,
 * and the names the kept entity gains as aliases — and confirms. The merge is one undoable
 * action (mergeEntities); the merged entity disappears and the kept one is selected.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { useNotices } from '../../ui/stores/notices'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { useEntityDependents, type EntityStats } from '../../db/hooks'
import { mergeEntities } from '../../db/tags'
import { matchEntities } from '../../domain/entity-match'
import type { EntityRecord } from '../../domain/types'
import { aliasesGained, kindLabel, plural } from './entity-list'

/** Choices listed while nothing is typed. */
const BROWSE_LIMIT = 50

/** Props of the merge dialog. */
export interface MergeEntityDialogProps {
  /** The entity that is merged away. */
  entity: EntityRecord
  /** The case's entities, to choose the one to keep from. */
  entities: EntityRecord[]
  stats: ReadonlyMap<string, EntityStats>
  onClose(): void
  /** Called after a successful merge with the id of the entity that was kept. */
  onMerged(keepId: string): void
}

/** Asks which entity to merge `entity` into, shows what will move, and merges. */
export function MergeEntityDialog({
  entity,
  entities,
  stats,
  onClose,
  onMerged,
}: MergeEntityDialogProps) {
  const notify = useNotices((s) => s.notify)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const [targetId, setTargetId] = useState<string>()
  const [busy, setBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const confirm = useRef<HTMLButtonElement>(null)
  const dependents = useEntityDependents(entity.id)

  const others = useMemo(() => entities.filter((e) => e.id !== entity.id), [entities, entity.id])
  const options = useMemo(
    () =>
      query.trim()
        ? matchEntities(others, query, 12).map((m) => ({ entity: m.entity, matched: m.matched }))
        : [...others]
            .sort((a, b) => a.name.localeCompare(b.name))
            .slice(0, BROWSE_LIMIT)
            .map((e) => ({ entity: e, matched: e.name })),
    [others, query],
  )
  const current = Math.min(active, Math.max(0, options.length - 1))
  const target = others.find((e) => e.id === targetId)

  // The native dialog opens after this content mounts; focus the field once it is open.
  useEffect(() => {
    const id = requestAnimationFrame(() => input.current?.focus())
    return () => cancelAnimationFrame(id)
  }, [])

  const choose = (e: EntityRecord) => {
    setTargetId(e.id)
    setQuery(e.name)
    setActive(0)
    requestAnimationFrame(() => confirm.current?.focus())
  }

  const merge = async () => {
    if (!target || busy) return
    setBusy(true)
    try {
      await mergeEntities(getDb(), target.id, entity.id)
      notify(`Merged ${entity.name} into ${target.name}.`, 'success')
      onMerged(target.id)
    } catch (e) {
      notify(errorMessage(e), 'error')
      setBusy(false)
    }
  }

  const gained = target ? aliasesGained(target, entity) : []
  const docs = stats.get(entity.id)?.documents ?? 0
  return (
    <Dialog
      title={`Merge “${entity.name}” into…`}
      open
      onClose={onClose}
      testId="entity-merge-dialog"
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            ref={confirm}
            type="button"
            className="primary"
            data-testid="confirm-merge"
            disabled={!target || busy}
            onClick={() => void merge()}
          >
            {target ? `Merge into ${target.name}` : 'Merge'}
          </button>
        </>
      }
    >
      <label className="field">
        <span>Keep this actor or location</span>
        <input
          ref={input}
          value={query}
          role="combobox"
          aria-expanded
          aria-controls="merge-options"
          aria-autocomplete="list"
          aria-activedescendant={
            options[current] ? `merge-opt-${options[current].entity.id}` : undefined
          }
          placeholder="Type a name or alias"
          data-testid="merge-query"
          onChange={(e) => {
            setQuery(e.target.value)
            setActive(0)
            setTargetId(undefined)
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive(Math.min(options.length - 1, current + 1))
            else if (e.key === 'ArrowUp') setActive(Math.max(0, current - 1))
            else if (e.key === 'Enter' && options[current]) choose(options[current].entity)
            else return
            e.preventDefault()
          }}
        />
      </label>
      {!target && (
        <ul
          className="entity-options"
          id="merge-options"
          role="listbox"
          aria-label="Actors and locations to keep"
          data-testid="merge-options"
        >
          {options.map((o, i) => (
            <li
              key={o.entity.id}
              id={`merge-opt-${o.entity.id}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'active' : ''}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(o.entity)}
            >
              <strong>{o.entity.name}</strong>{' '}
              <span className="muted">{kindLabel(o.entity.kind)}</span>
              {o.matched !== o.entity.name && <span className="muted"> — “{o.matched}”</span>}
            </li>
          ))}
          {options.length === 0 && (
            <li className="muted" aria-disabled>
              {others.length ? 'No actor or location matches.' : 'There is nothing to merge with.'}
            </li>
          )}
        </ul>
      )}
      {target && (
        <div className="merge-preview" data-testid="merge-preview">
          <p>
            <strong>{entity.name}</strong> ({kindLabel(entity.kind)}) becomes part of{' '}
            <strong>{target.name}</strong> ({kindLabel(target.kind)}):
          </p>
          <ul>
            <li>
              {dependents
                ? `${plural(dependents.mentions, 'mention')} in ${plural(docs, 'document')} ${
                    dependents.mentions === 1 ? 'moves' : 'move'
                  }`
                : 'Its mentions move'}{' '}
              to {target.name};
            </li>
            {dependents && (dependents.events > 0 || dependents.relations > 0) && (
              <li>
                its roles in {plural(dependents.events, 'event')} and{' '}
                {plural(dependents.relations, 'relation')} pass to {target.name};
              </li>
            )}
            <li>
              {gained.length
                ? `${target.name} gains the ${gained.length === 1 ? 'alias' : 'aliases'} ${gained
                    .map((a) => `“${a}”`)
                    .join(', ')};`
                : `${target.name} already has every name of ${entity.name};`}
            </li>
            <li>{entity.name} is then deleted. Undo (Ctrl+Z) brings it back.</li>
          </ul>
          {target.kind !== entity.kind && (
            <p className="warning">
              They are of different kinds: the merged entity keeps the kind of {target.name} (
              {kindLabel(target.kind)}).
            </p>
          )}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setTargetId(undefined)
              input.current?.focus()
            }}
          >
            Choose another
          </button>
        </div>
      )}
    </Dialog>
  )
}
