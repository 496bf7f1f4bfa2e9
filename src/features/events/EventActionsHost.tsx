/**
 * Hosts the event form for edits and the confirmation for deletes requested through
 * event-actions.ts. The form is given the event's first evidence passage and its document
 * (whose publication date and zone resolve relative dates), read fresh from the store.
 */
import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { deleteEvent } from '../../db/events'
import { useEntities, useEvent, useEventSource } from '../../db/hooks'
import { clearEventAction, useEventAction } from './event-actions'
import { EventForm } from './EventForm'

export function EventActionsHost() {
  const action = useEventAction()
  const { caseId, selectedEventId, selectEvent } = useSelection(
    useShallow((s) => ({
      caseId: s.caseId,
      selectedEventId: s.selectedEventId,
      selectEvent: s.selectEvent,
    })),
  )
  const notify = useNotices((s) => s.notify)
  const loaded = useEvent(action?.eventId)
  // A live query answers with its previous result until the new one is read: an event
  // other than the one asked for is still loading.
  const event = loaded && loaded.id !== action?.eventId ? undefined : loaded
  const entities = useEntities(caseId)
  const context = useEventSource(action?.kind === 'edit' ? event : undefined)

  // Deleted meanwhile (undo, another pane) or another case opened: nothing to act on.
  const gone = !!action && (event === null || (!!event && event.caseId !== caseId))
  useEffect(() => {
    if (gone) clearEventAction()
  }, [gone])

  if (!action || !event || gone) return null
  if (action.kind === 'edit') {
    if (!context || !entities) return null
    return (
      <EventForm
        key={event.id}
        doc={context.doc}
        passage={context.passage}
        tags={context.tags}
        entities={entities}
        event={event}
        onClose={clearEventAction}
      />
    )
  }
  return (
    <Dialog
      title="Delete event"
      open
      onClose={clearEventAction}
      testId="delete-event"
      actions={
        <>
          <button type="button" onClick={clearEventAction}>
            Cancel
          </button>
          <button
            type="button"
            className="danger"
            onClick={async () => {
              try {
                await deleteEvent(getDb(), event.id)
                if (selectedEventId === event.id) selectEvent(undefined)
                // With an Undo button, as the other deletions' notices have.
                notify(`Event “${event.title}” deleted. Undo (Ctrl+Z) brings it back.`, 'info', {
                  undo: true,
                })
              } catch (e) {
                notify(errorMessage(e), 'error')
              }
              clearEventAction()
            }}
          >
            Delete event
          </button>
        </>
      }
    >
      <p>
        Delete the event “{event.title}”? Its evidence passages stay tagged. Undo (Ctrl+Z) brings it
        back.
      </p>
    </Dialog>
  )
}
