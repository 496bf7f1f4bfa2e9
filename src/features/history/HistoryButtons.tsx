/**
 * Undo and redo for the open case: toolbar buttons that name the action, and the commands
 * behind Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y). A refused undo (the records changed since)
 * says so and changes nothing. An undo or redo replaces the notices about its action (the
 * "… deleted" one, an earlier "Undone: …") with its own; "Redone: …" offers Undo again. The
 * reader follows what a step did to documents: an undone deletion reopens the document (it
 * was open when deleted), a redone one closes it.
 */
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { runCommand, useCommand } from '../../ui/commands'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { redo, undo } from '../../db/history'
import { useHistoryState } from '../../db/shell-hooks'
import { documentChanges } from './reopen'

export function HistoryButtons() {
  const caseId = useSelection((s) => s.caseId)
  const notify = useNotices((s) => s.notify)
  const settle = useNotices((s) => s.settle)
  const state = useHistoryState(caseId)
  const act = (fn: typeof undo, verb: string) => {
    if (!caseId) return
    fn(getDb(), caseId).then(
      (action) => {
        if (!action) return
        settle(action.group)
        notify(
          `${verb}: ${action.label}`,
          'info',
          fn === redo ? { undo: true } : { about: action.group },
        )
        const { restored, removed } = documentChanges(action, fn === undo ? 'undo' : 'redo')
        const now = useSelection.getState()
        if (now.caseId !== caseId) return
        if (removed.includes(now.docId ?? '')) now.openDocument(undefined)
        else if (restored.length === 1 && !now.docId) now.openDocument(restored[0])
      },
      (e) => notify(errorMessage(e), 'error'),
    )
  }
  // From the desktop menu the command also arrives while a text field has focus: there it
  // is the field's own undo that the analyst wants.
  const inField = () => /^(INPUT|TEXTAREA)$/.test(document.activeElement?.tagName ?? '')
  useCommand('edit:undo', () => (inField() ? document.execCommand('undo') : act(undo, 'Undone')))
  useCommand('edit:redo', () => (inField() ? document.execCommand('redo') : act(redo, 'Redone')))
  return (
    <div className="history-buttons">
      <button
        type="button"
        disabled={!state.undo}
        title={state.undo ? `Undo ${state.undo} (Ctrl+Z)` : 'Nothing to undo'}
        aria-label={state.undo ? `Undo ${state.undo}` : 'Undo'}
        data-testid="undo"
        onClick={() => runCommand('edit:undo')}
      >
        ↶ <span className="button-label">Undo</span>
      </button>
      <button
        type="button"
        disabled={!state.redo}
        title={state.redo ? `Redo ${state.redo} (Ctrl+Shift+Z)` : 'Nothing to redo'}
        aria-label={state.redo ? `Redo ${state.redo}` : 'Redo'}
        data-testid="redo"
        onClick={() => runCommand('edit:redo')}
      >
        ↷ <span className="button-label">Redo</span>
      </button>
    </div>
  )
}
