/**
 * The entities pane: the open case's actors and locations with their kind, aliases and how
 * often they are tagged (mentions, documents), searchable by name or alias (typo-tolerant)
 * and sortable by name, mentions or kind. Selecting one opens its editor below the list
 * (rename, kind, aliases, description, its mentions, merge, delete, tag all mentions).
 * Keyboard: arrows, Home and End move through the list, Enter opens the editor, Delete asks
 * to delete. Every change goes through the repositories in src/db/tags.ts and is undoable.
 */
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { flushSync } from 'react-dom'
import { useSelection } from '../../ui/stores/selection'
import { useView } from '../../ui/stores/view'
import { useEntities, useEntityStats } from '../../db/hooks'
import type { EntityRecord } from '../../domain/types'
import { DeleteEntityDialog } from './DeleteEntityDialog'
import { EntityDetail } from './EntityDetail'
import {
  arrangeEntities,
  kindBadge,
  kindLabel,
  plural,
  type EntityOrder,
  type EntityRow,
  type EntitySortKey,
} from './entity-list'
import { MergeEntityDialog } from './MergeEntityDialog'
import './entities.css'

/** Props of the entities pane. */
export interface EntitiesPaneProps {
  /** Asked to find the entity's untagged mentions in the case and offer them as suggestions. */
  onTagAllMentions(entityId: string): void
}

/** The open case's actors and locations (see the module comment); mount it in a pane. */
export function EntitiesPane({ onTagAllMentions }: EntitiesPaneProps) {
  const caseId = useSelection((s) => s.caseId)
  if (!caseId) {
    return (
      <section className="entities empty-pane" aria-label="Actors and locations">
        <p>Open or create a case to see its actors and locations.</p>
      </section>
    )
  }
  // A new case starts with a fresh search, sort and selection.
  return <CaseEntities key={caseId} caseId={caseId} onTagAllMentions={onTagAllMentions} />
}

const ROW = 50
const OVERSCAN = 6

type Pending = { kind: 'merge' | 'delete'; entity: EntityRecord } | undefined

function CaseEntities({ caseId, onTagAllMentions }: EntitiesPaneProps & { caseId: string }) {
  const setActorFocus = useView((s) => s.setActorFocus)
  const entities = useEntities(caseId)
  const stats = useEntityStats(caseId)
  const [query, setQuery] = useState('')
  const [sort, setSort] = useState<{ key: EntitySortKey; desc: boolean }>({
    key: 'name',
    desc: false,
  })
  // While searching the best match comes first, until a sort button is pressed.
  const [sortWhileSearching, setSortWhileSearching] = useState(false)
  const [activeId, setActiveId] = useState<string>()
  const [detailOpen, setDetailOpen] = useState(false)
  const [pending, setPending] = useState<Pending>()
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(400)
  const viewport = useRef<HTMLDivElement>(null)
  const nameInput = useRef<HTMLInputElement>(null)

  const searching = query.trim() !== ''
  const order: EntityOrder = searching && !sortWhileSearching ? 'match' : sort
  const rows = useMemo(
    () => arrangeEntities(entities ?? [], stats ?? new Map(), query, order),
    [entities, stats, query, order],
  )

  const index = rows.findIndex((r) => r.entity.id === activeId)
  const active: EntityRow | undefined = rows[index]

  // The list is windowed: it renders the rows in view, so it needs to know its height.
  const observe = useCallback((el: HTMLDivElement | null) => {
    viewport.current = el
    if (!el || typeof ResizeObserver === 'undefined') return
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 400))
    ro.observe(el)
    return () => {
      ro.disconnect()
      viewport.current = null
    }
  }, [])

  const scrollToIndex = (i: number) => {
    const el = viewport.current
    if (!el) return
    if (i * ROW < el.scrollTop) el.scrollTop = i * ROW
    else if ((i + 1) * ROW > el.scrollTop + el.clientHeight)
      el.scrollTop = (i + 1) * ROW - el.clientHeight
  }

  // Opening an actor filters the timeline to its events (the timeline shows the filter and
  // a way to clear it).
  const followOnTimeline = (entity: EntityRecord) => {
    if (entity.kind !== 'location') setActorFocus(entity.id)
  }

  // On the next frame: a closing modal dialog keeps the rest of the page inert until then.
  const focusList = () => requestAnimationFrame(() => viewport.current?.focus())

  function onListKey(e: KeyboardEvent<HTMLDivElement>) {
    if (e.ctrlKey || e.metaKey || e.altKey) return
    let next: number | undefined
    if (e.key === 'ArrowDown') next = Math.min(rows.length - 1, index + 1)
    else if (e.key === 'ArrowUp') next = Math.max(0, index - 1)
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = rows.length - 1
    else if (e.key === 'Enter' && active) {
      e.preventDefault()
      flushSync(() => {
        setActiveId(active.entity.id)
        setDetailOpen(true)
        followOnTimeline(active.entity)
      })
      nameInput.current?.focus()
      return
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && active) {
      e.preventDefault()
      setPending({ kind: 'delete', entity: active.entity })
      return
    } else if (e.key === 'Escape' && detailOpen) {
      e.preventDefault()
      setDetailOpen(false)
      return
    } else return
    e.preventDefault()
    const row = rows[next]
    if (!row) return
    setActiveId(row.entity.id)
    scrollToIndex(next)
  }

  function sortButton(key: EntitySortKey, label: string) {
    const on = order !== 'match' && order.key === key
    return (
      <button
        type="button"
        className={on ? 'sort active' : 'sort'}
        aria-pressed={on}
        onClick={() => {
          setSort({ key, desc: on ? !sort.desc : key === 'mentions' })
          if (searching) setSortWhileSearching(true)
        }}
      >
        {label}
        {on ? (sort.desc ? ' ↓' : ' ↑') : ''}
      </button>
    )
  }

  if (!entities || !stats) return <section className="entities" aria-busy />

  if (entities.length === 0) {
    return (
      <section
        className="entities empty-pane"
        aria-label="Actors and locations"
        data-testid="entities-pane"
      >
        <p>
          <strong>No actors or locations yet.</strong>
        </p>
        <p data-testid="entities-empty">
          They are made by tagging: select a name in a document and press <kbd>A</kbd> to tag it as
          an actor (a person, organisation, state or armed group) or <kbd>L</kbd> as a location — or
          use the toolbar that appears over the selection. Link the tag to an existing actor or
          location, or create a new one; it is listed here with its mentions.
        </p>
      </section>
    )
  }

  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN)
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN)
  const detail = detailOpen && active ? active.entity : undefined

  return (
    <section className="entities" aria-label="Actors and locations" data-testid="entities-pane">
      <div className="search-box">
        <input
          type="search"
          placeholder="Search names and aliases"
          aria-label="Search actors and locations"
          data-testid="entities-search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value)
            if (!e.target.value.trim()) setSortWhileSearching(false)
            setScrollTop(0)
            if (viewport.current) viewport.current.scrollTop = 0
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.preventDefault()
              setQuery('')
              setSortWhileSearching(false)
            } else if (e.key === 'ArrowDown' && rows.length) {
              e.preventDefault()
              setActiveId(rows[0]!.entity.id)
              scrollToIndex(0)
              focusList()
            }
          }}
        />
      </div>
      <div className="entities-head">
        <span className="muted" data-testid="entities-caption">
          {searching
            ? `${plural(rows.length, 'match', 'matches')}${order === 'match' ? ', best first' : ''}`
            : plural(rows.length, 'actor or location', 'actors and locations')}
        </span>
        <span className="muted">Sort</span>
        {sortButton('name', 'Name')}
        {sortButton('mentions', 'Mentions')}
        {sortButton('kind', 'Kind')}
      </div>
      <div
        ref={observe}
        className={detail ? 'entities-viewport with-detail' : 'entities-viewport'}
        role="listbox"
        aria-label="Actors and locations"
        tabIndex={0}
        aria-activedescendant={active ? `entity-${active.entity.id}` : undefined}
        data-testid="entities-list"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onListKey}
      >
        {rows.length === 0 ? (
          <p className="empty-pane" data-testid="entities-no-match">
            No actor or location matches “{query.trim()}”.
          </p>
        ) : (
          <div style={{ height: rows.length * ROW, position: 'relative' }}>
            {rows.slice(first, last).map((r, k) => (
              <EntityListRow
                key={r.entity.id}
                row={r}
                top={(first + k) * ROW}
                active={r === active}
                open={r.entity.id === detail?.id}
                onClick={() => {
                  setActiveId(r.entity.id)
                  setDetailOpen(true)
                  followOnTimeline(r.entity)
                }}
              />
            ))}
          </div>
        )}
      </div>
      {detail && (
        <EntityDetail
          key={detail.id}
          entity={detail}
          nameRef={nameInput}
          onClose={() => {
            setDetailOpen(false)
            focusList()
          }}
          onMerge={() => setPending({ kind: 'merge', entity: detail })}
          onDelete={() => setPending({ kind: 'delete', entity: detail })}
          onTagAllMentions={() => onTagAllMentions(detail.id)}
        />
      )}
      {pending?.kind === 'merge' && (
        <MergeEntityDialog
          entity={pending.entity}
          entities={entities}
          stats={stats}
          onClose={() => setPending(undefined)}
          onMerged={(keepId) => {
            setPending(undefined)
            setActiveId(keepId)
            setDetailOpen(true)
            focusList()
          }}
        />
      )}
      {pending?.kind === 'delete' && (
        <DeleteEntityDialog
          entity={pending.entity}
          onClose={() => {
            setPending(undefined)
            focusList()
          }}
          onDeleted={() => {
            // The row that takes the deleted one's place becomes active.
            const at = rows.findIndex((r) => r.entity.id === pending.entity.id)
            const next = rows[at + 1] ?? rows[at - 1]
            setActiveId(next?.entity.id)
            setPending(undefined)
            setDetailOpen(false)
            focusList()
          }}
        />
      )}
    </section>
  )
}

function EntityListRow({
  row,
  top,
  active,
  open,
  onClick,
}: {
  row: EntityRow
  top: number
  active: boolean
  open: boolean
  onClick(): void
}) {
  const { entity, mentions, documents, matchedAlias } = row
  const classes = ['entity-row', active && 'active', open && 'open'].filter(Boolean).join(' ')
  return (
    <div
      id={`entity-${entity.id}`}
      role="option"
      aria-selected={active}
      className={classes}
      style={{ top, height: ROW }}
      data-testid="entity-row"
      data-entity-id={entity.id}
      onClick={onClick}
    >
      <span className={`entity-badge ek-${entity.kind}`} aria-hidden title={kindLabel(entity.kind)}>
        {kindBadge(entity.kind)}
      </span>
      <span className="entity-name" data-testid="entity-name" title={entity.name}>
        {entity.name}
      </span>
      <span
        className="entity-counts"
        data-testid="entity-counts"
        title={`${plural(mentions, 'mention')} in ${plural(documents, 'document')}`}
      >
        {plural(mentions, 'mention')} · {plural(documents, 'doc')}
      </span>
      <span className="entity-sub">
        <span className="entity-kind">{kindLabel(entity.kind)}</span>
        {matchedAlias ? (
          <span className="entity-aliases" data-testid="entity-aliases">
            {' '}
            · matched “{matchedAlias}”
          </span>
        ) : entity.aliases.length > 0 ? (
          <span
            className="entity-aliases"
            data-testid="entity-aliases"
            title={entity.aliases.join(', ')}
          >
            {' '}
            · {entity.aliases.join(', ')}
          </span>
        ) : null}
      </span>
    </div>
  )
}
