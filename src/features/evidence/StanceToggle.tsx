/**
 * The toggle under an evidence passage in the inspector: "Mark as contradicting" / "Mark as
 * supporting". One undoable action (db/weigh.ts); the passage then moves between the event's
 * supporting and contradicting lists.
 */
import { useNotices } from '../../ui/stores/notices'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { setEvidenceStance } from '../../db/weigh'
import type { AnnotationRecord } from '../../domain/types'

/** See the module comment. */
export function StanceToggle({ passage }: { passage: AnnotationRecord }) {
  const notify = useNotices((s) => s.notify)
  const contradicts = passage.stance === 'contradicts'
  return (
    <button
      type="button"
      className="link stance-toggle"
      data-testid="stance-toggle"
      onClick={() =>
        void setEvidenceStance(getDb(), passage.id, contradicts ? 'supports' : 'contradicts').catch(
          (e: unknown) => notify(errorMessage(e), 'error'),
        )
      }
    >
      {contradicts ? 'Mark as supporting' : 'Mark as contradicting'}
    </button>
  )
}
