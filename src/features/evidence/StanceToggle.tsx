/**
 * The toggle under an evidence passage in the inspector: "Mark as contradicting" / "Mark as
 * supporting". One undoable action (db/weigh.ts) on this event's link to the passage
 * (domain/stance.ts): the passage moves between the event's supporting and contradicting
 * lists, and what it does for other events citing it is unchanged.
 */
import { useNotices } from '../../ui/stores/notices'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { setEvidenceStance } from '../../db/weigh'
import { linkStance } from '../../domain/stance'
import type { AnnotationRecord, EventRecord } from '../../domain/types'

/** See the module comment. */
export function StanceToggle({
  event,
  passage,
}: {
  event: Pick<EventRecord, 'id' | 'stances'>
  passage: AnnotationRecord
}) {
  const notify = useNotices((s) => s.notify)
  const contradicts = linkStance(event.stances, passage.id, passage) === 'contradicts'
  return (
    <button
      type="button"
      className="link stance-toggle"
      data-testid="stance-toggle"
      onClick={() =>
        void setEvidenceStance(
          getDb(),
          { table: 'events', id: event.id },
          passage.id,
          contradicts ? 'supports' : 'contradicts',
        ).catch((e: unknown) => notify(errorMessage(e), 'error'))
      }
    >
      {contradicts ? 'Mark as supporting' : 'Mark as contradicting'}
    </button>
  )
}
