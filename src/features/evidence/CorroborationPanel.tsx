/**
 * The corroboration of one event or relation in the inspector: the computed line ("3 reports ·
 * 2 independent origins · B2, C3"), each independent origin with how it was found (cited
 * second-hand, a copy of an earlier report), and — for events — the suggestion of information
 * credibility 1 when at least two independent origins support it and none contradicts, with
 * why, applied only by a click (undoable like every edit).
 */
import { useNotices } from '../../ui/stores/notices'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { setEventCredibility } from '../../db/weigh'
import { suggestConfirmed, type Corroboration } from '../../domain/corroboration'
import type { Credibility } from '../../domain/types'

/** Props of `CorroborationPanel`. */
export interface CorroborationPanelProps {
  corroboration: Corroboration | undefined
  /** The event to suggest a grade for (relations have none). */
  event?: { id: string; confidence?: Credibility | undefined }
}

const VIA = { 'second-hand': 'cited second-hand', copy: 'a copy of an earlier report' } as const

/** See the module comment. */
export function CorroborationPanel({ corroboration: c, event }: CorroborationPanelProps) {
  const notify = useNotices((s) => s.notify)
  if (!c) return <p className="muted">Weighing the evidence…</p>
  const suggestion = event ? suggestConfirmed(c, event.confidence) : undefined
  return (
    <section className="field corroboration" data-testid="corroboration">
      <span>Corroboration</span>
      <p data-testid="corroboration-summary">
        <strong>{c.summary}</strong>
      </p>
      {c.origins.length > 0 ? (
        <ul className="plain-list origins" data-testid="corroboration-origins">
          {c.origins.map((o) => (
            <li key={o.key} data-testid="corroboration-origin">
              {o.label}{' '}
              <span className="muted">
                ({o.passageIds.length} passage{o.passageIds.length === 1 ? '' : 's'}
                {o.via.map((v) => `, ${VIA[v]}`).join('')})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No supporting passage yet: nothing corroborates it.</p>
      )}
      {suggestion && event && (
        <div className="suggestion-box" data-testid="credibility-suggestion" role="note">
          <p>
            Suggested credibility: <strong>1 — confirmed by other independent sources</strong>.{' '}
            {suggestion.reason}
          </p>
          <button
            type="button"
            data-testid="apply-credibility-suggestion"
            onClick={() =>
              void setEventCredibility(getDb(), event.id, 1).then(
                () => notify('Credibility set to 1 (undo with Ctrl+Z).', 'success', { undo: true }),
                (e: unknown) => notify(errorMessage(e), 'error'),
              )
            }
          >
            Apply: grade 1
          </button>
        </div>
      )}
    </section>
  )
}
