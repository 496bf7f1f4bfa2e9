/**
 * The editor of one actor or location, shown under the entities list: its name (renamed on
 * Enter or when the field is left), kind, aliases as removable chips, description, and every
 * passage tagged as a mention of it — each one opens the document at that passage. Its
 * buttons start "Tag all mentions", a merge or a deletion; those ask in dialogs of their own.
 * Every edit is one undoable action through updateEntity.
 */
import { lazy, Suspense, useMemo, useState, type KeyboardEvent, type Ref } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { useEntityMentions } from '../../db/hooks'
import { useDocuments } from '../../ui/case-documents'
import { editEntityAliases, updateEntity, type EntityInput } from '../../db/tags'
import type { AnnotationRecord, EntityKind, EntityRecord } from '../../domain/types'
import { ENTITY_KINDS, kindBadge, kindLabel, plural } from './entity-list'

// The place editor and the gazetteer load when a place is first opened, not at start.
const PlaceEditor = lazy(() => import('./PlaceEditor').then((m) => ({ default: m.PlaceEditor })))

/** Mentions listed before "Show all": a state may be named thousands of times. */
const MENTIONS_SHOWN = 200

/** Props of the entity editor. */
export interface EntityDetailProps {
  entity: EntityRecord
  /** The name field, so that the list can move the focus into the editor. */
  nameRef?: Ref<HTMLInputElement>
  onClose(): void
  onMerge(): void
  onDelete(): void
  onTagAllMentions(): void
}

/** The editor of one entity (see the module comment). */
export function EntityDetail({
  entity,
  nameRef,
  onClose,
  onMerge,
  onDelete,
  onTagAllMentions,
}: EntityDetailProps) {
  const caseId = useSelection((s) => s.caseId)
  const notify = useNotices((s) => s.notify)
  // Drafts exist only while the analyst types; otherwise the fields show the stored values,
  // so that an undo or a change made elsewhere shows at once.
  const [name, setName] = useState<string>()
  const [description, setDescription] = useState<string>()
  const [alias, setAlias] = useState('')

  const run = (p: Promise<unknown>) => p.catch((e) => notify(errorMessage(e), 'error'))
  const save = (patch: Partial<EntityInput>) => run(updateEntity(getDb(), entity.id, patch))

  const commitName = () => {
    if (name === undefined) return
    setName(undefined)
    if (name.replace(/\s+/g, ' ').trim() !== entity.name) void save({ name })
  }
  const commitDescription = () => {
    if (description === undefined) return
    setDescription(undefined)
    if (description.trim() !== (entity.description ?? '')) void save({ description })
  }
  const addAlias = () => {
    const a = alias.replace(/\s+/g, ' ').trim()
    if (!a) return
    const taken = [entity.name, ...entity.aliases].find((x) => x.toLowerCase() === a.toLowerCase())
    if (taken) {
      notify(
        taken === entity.name ? `“${a}” is the name itself.` : `“${taken}” is already an alias.`,
      )
      return
    }
    // The field empties at once so the next alias can be typed; the edit is made against the
    // stored aliases, so one added before this one shows is kept too.
    setAlias('')
    editEntityAliases(getDb(), entity.id, { add: [a] }).catch((e) => {
      setAlias((typed) => typed || a)
      notify(errorMessage(e), 'error')
    })
  }

  const revertOnEscape =
    (dirty: boolean, revert: () => void) => (e: KeyboardEvent<HTMLElement>) => {
      if (e.key !== 'Escape' || !dirty) return
      // Escape first drops the draft; a second Escape closes the editor.
      e.preventDefault()
      e.stopPropagation()
      revert()
    }

  return (
    <section
      className="entity-detail"
      aria-label={`${entity.name}: details`}
      data-testid="entity-detail"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault()
          onClose()
        }
      }}
    >
      <header className="entity-detail-head">
        <span className={`entity-badge ek-${entity.kind}`} aria-hidden>
          {kindBadge(entity.kind)}
        </span>
        <h2 data-testid="entity-detail-name">{entity.name}</h2>
        <button type="button" className="icon-button" aria-label="Close details" onClick={onClose}>
          ×
        </button>
      </header>

      <label className="field">
        <span>Name</span>
        <input
          ref={nameRef}
          data-testid="entity-name-input"
          value={name ?? entity.name}
          onChange={(e) => setName(e.target.value)}
          onBlur={commitName}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              commitName()
            } else revertOnEscape(name !== undefined, () => setName(undefined))(e)
          }}
        />
      </label>

      <label className="field">
        <span>Kind</span>
        <select
          data-testid="entity-kind"
          value={entity.kind}
          onChange={(e) => void save({ kind: e.target.value as EntityKind })}
        >
          {ENTITY_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </label>

      <div className="field">
        <span id={`aliases-${entity.id}`}>Aliases</span>
        <ul className="alias-chips" aria-labelledby={`aliases-${entity.id}`} data-testid="aliases">
          {entity.aliases.map((a) => (
            <li key={a} className="alias-chip" data-testid="alias-chip">
              <span>{a}</span>
              <button
                type="button"
                aria-label={`Remove alias ${a}`}
                onClick={() => void run(editEntityAliases(getDb(), entity.id, { remove: [a] }))}
              >
                ×
              </button>
            </li>
          ))}
          {entity.aliases.length === 0 && <li className="muted">No aliases yet.</li>}
        </ul>
        <div className="alias-add">
          <input
            aria-label="New alias"
            placeholder="Add an alias, then Enter"
            data-testid="alias-input"
            value={alias}
            onChange={(e) => setAlias(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                addAlias()
              } else revertOnEscape(alias !== '', () => setAlias(''))(e)
            }}
          />
          <button type="button" onClick={addAlias} disabled={!alias.trim()}>
            Add
          </button>
        </div>
      </div>

      <label className="field">
        <span>Description</span>
        <textarea
          rows={3}
          data-testid="entity-description"
          placeholder="Who or what this is, in a line or two"
          value={description ?? entity.description ?? ''}
          onChange={(e) => setDescription(e.target.value)}
          onBlur={commitDescription}
          onKeyDown={revertOnEscape(description !== undefined, () => setDescription(undefined))}
        />
      </label>

      {(entity.kind === 'location' || entity.kind === 'state') && (
        <Suspense fallback={<p aria-busy>Loading the place…</p>}>
          <PlaceEditor entity={entity} />
        </Suspense>
      )}

      <div className="entity-actions">
        <button
          type="button"
          className="primary"
          data-testid="tag-all-mentions"
          title={`Find untagged mentions of ${entity.name} and its aliases in this case`}
          onClick={onTagAllMentions}
        >
          Tag all mentions
        </button>
        <button type="button" data-testid="merge-entity" onClick={onMerge}>
          Merge into…
        </button>
        <button type="button" className="danger" data-testid="delete-entity" onClick={onDelete}>
          Delete…
        </button>
      </div>

      <Mentions entityId={entity.id} caseId={caseId} kind={kindLabel(entity.kind)} />
    </section>
  )
}

/** The tagged mentions of an entity, each a link to its passage in the reader. */
function Mentions({
  entityId,
  caseId,
  kind,
}: {
  entityId: string
  caseId: string | undefined
  kind: string
}) {
  const { openDocument, selectTag } = useSelection(
    useShallow((s) => ({ openDocument: s.openDocument, selectTag: s.selectTag })),
  )
  const mentions = useEntityMentions(entityId)
  const documents = useDocuments(caseId)
  const [all, setAll] = useState(false)
  const titles = useMemo(() => new Map(documents?.map((d) => [d.id, d.title])), [documents])
  const sorted = useMemo(
    () =>
      [...(mentions ?? [])].sort(
        (a, b) =>
          (titles.get(a.docId) ?? '').localeCompare(titles.get(b.docId) ?? '') ||
          a.docId.localeCompare(b.docId) ||
          a.start - b.start,
      ),
    [mentions, titles],
  )
  if (!mentions) return null
  const docCount = new Set(mentions.map((m) => m.docId)).size
  const shown = all ? sorted : sorted.slice(0, MENTIONS_SHOWN)
  return (
    <div className="entity-mentions">
      <h3 data-testid="entity-mention-summary">
        {mentions.length
          ? `${plural(mentions.length, 'mention')} in ${plural(docCount, 'document')}`
          : 'No mentions'}
      </h3>
      {mentions.length === 0 ? (
        <p className="muted">
          Nothing is tagged as this {kind.toLowerCase()} any more. “Tag all mentions” finds where it
          is named.
        </p>
      ) : (
        <ol data-testid="entity-mentions">
          {shown.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className="mention"
                data-testid="entity-mention"
                title="Show in the document"
                onClick={() => {
                  openDocument(m.docId, { start: m.start, end: m.end })
                  selectTag(m.id)
                }}
              >
                <span className="mention-doc">{titles.get(m.docId) ?? 'Unknown document'}</span>
                <MentionQuote mention={m} />
              </button>
            </li>
          ))}
        </ol>
      )}
      {!all && sorted.length > MENTIONS_SHOWN && (
        <button type="button" onClick={() => setAll(true)}>
          Show all {sorted.length}
        </button>
      )}
    </div>
  )
}

/** A mention's quote with a few words of context on either side. */
function MentionQuote({ mention }: { mention: AnnotationRecord }) {
  const before = mention.prefix.replace(/\s+/g, ' ').slice(-28)
  const after = mention.suffix.replace(/\s+/g, ' ').slice(0, 28)
  return (
    <span className="mention-quote">
      {before && <span className="muted">…{before}</span>}
      <mark>{mention.exact}</mark>
      {after && <span className="muted">{after}…</span>}
    </span>
  )
}
