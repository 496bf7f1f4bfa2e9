/** The stack of transient notices (successes, errors that say what to do). */
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../ui/stores/notices'

export function Notices() {
  const { notices, dismiss } = useNotices(
    useShallow((s) => ({ notices: s.notices, dismiss: s.dismiss })),
  )
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice ${n.kind}`}
          role={n.kind === 'error' ? 'alert' : 'status'}
        >
          <span>{n.text}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => dismiss(n.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
