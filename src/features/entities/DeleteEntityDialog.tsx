/**
 * Deleting an actor or location, after saying what depends on it: its mentions stay as tags
 * without a link, it leaves the events it took part in, and its relations are deleted. The
 * counts stay current while the dialog is open. One undoable action (deleteEntity).
 */
import { useEffect, useRef, useState } from 'react'
import { useNotices } from '../../ui/stores/notices'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { useEntityDependents } from '../../db/hooks'
import { deleteEntity } from '../../db/tags'
import type { EntityRecord } from '../../domain/types'
import { kindLabel, plural } from './entity-list'

/** Props of the delete confirmation. */
export interface DeleteEntityDialogProps {
  entity: EntityRecord
  onClose(): void
  onDeleted(): void
}

/** Shows what refers to `entity` and deletes it when the analyst confirms. */
export function DeleteEntityDialog({ entity, onClose, onDeleted }: DeleteEntityDialogProps) {
  const notify = useNotices((s) => s.notify)
  const dependents = useEntityDependents(entity.id)
  const [busy, setBusy] = useState(false)
  const cancel = useRef<HTMLButtonElement>(null)

  // The safe choice has the focus once the native dialog is open.
  useEffect(() => {
    const id = requestAnimationFrame(() => cancel.current?.focus())
    return () => cancelAnimationFrame(id)
  }, [])

  const remove = async () => {
    setBusy(true)
    try {
      await deleteEntity(getDb(), entity.id)
      notify(`Deleted ${entity.name}. Undo (Ctrl+Z) brings it back.`, 'info', { undo: true })
      onDeleted()
    } catch (e) {
      notify(errorMessage(e), 'error')
      setBusy(false)
    }
  }

  const nothing = dependents && !dependents.mentions && !dependents.events && !dependents.relations
  return (
    <Dialog
      title={`Delete “${entity.name}”?`}
      open
      onClose={onClose}
      testId="entity-delete-dialog"
      actions={
        <>
          <button ref={cancel} type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="danger"
            data-testid="confirm-delete"
            disabled={!dependents || busy}
            onClick={() => void remove()}
          >
            Delete {entity.name}
          </button>
        </>
      }
    >
      <p>
        {kindLabel(entity.kind)} <strong>{entity.name}</strong>
        {entity.aliases.length > 0 && <> (also {entity.aliases.join(', ')})</>} will be deleted.
      </p>
      {!dependents ? (
        <p className="muted">Checking what refers to it…</p>
      ) : nothing ? (
        <p data-testid="delete-dependents">Nothing refers to it.</p>
      ) : (
        <ul data-testid="delete-dependents">
          {dependents.mentions > 0 && (
            <li>
              {plural(dependents.mentions, 'mention')}{' '}
              {dependents.mentions === 1 ? 'stays' : 'stay'} tagged, without a link to an actor or
              location;
            </li>
          )}
          {dependents.events > 0 && (
            <li>it is removed from {plural(dependents.events, 'event')};</li>
          )}
          {dependents.relations > 0 && (
            <li>
              {plural(dependents.relations, 'relation')} with it{' '}
              {dependents.relations === 1 ? 'is' : 'are'} deleted;
            </li>
          )}
        </ul>
      )}
      <p className="muted">You can undo this (Ctrl+Z).</p>
    </Dialog>
  )
}
