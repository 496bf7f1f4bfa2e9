/**
 * The case switcher: pick the open case, create a new one, rename or delete the open one
 * (deletion asks first and says what will be lost). A title too long for the picker is shown
 * cut in the middle, keeping its end ("Harbour Street…(restored)", `picker-label.ts`), as the
 * option's label; the option's text and tooltip stay the whole title.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { Dialog } from '../../ui/Dialog'
import { caseContents, createCase, deleteCase, renameCase } from '../../db/cases'
import { getDb } from '../../db/db'
import { useCases } from '../../db/shell-hooks'
import { errorMessage } from '../../ui/errors'
import { useCommand } from '../../ui/commands'
import { deferred } from '../../ui/Deferred'
import { deleteSummary } from './delete-summary'
import { pickerLabels } from './picker-label'

/** The room the picker's drop-down arrow takes beside its text, in CSS pixels. */
const ARROW_ROOM = 24

let measurer: CanvasRenderingContext2D | null | undefined
/** A 2D context to measure text with, or null where there is none. */
function textMeasurer(): CanvasRenderingContext2D | null {
  if (measurer === undefined) {
    try {
      measurer = document.createElement('canvas').getContext('2d')
    } catch {
      measurer = null
    }
  }
  return measurer
}

// Export ▾ and its exporters (interop/): after the first paint, or when a File › Export as item
// asks for it; until then its button is shown disabled.
const ExportMenu = deferred(
  () => import('../interop-export/ExportMenu').then((m) => m.ExportMenu),
  ['export:w3c', 'export:csv', 'export:gexf', 'export:graphml'],
  <button type="button" aria-haspopup="dialog" disabled>
    Export ▾
  </button>,
)

// The competing-hypotheses dialog loads after the first paint, or when Ctrl+Shift+H opens it.
const AchDialog = deferred(() => import('../ach/AchDialog').then((m) => m.AchDialog), ['ach:open'])

type Mode =
  { kind: 'new' } | { kind: 'rename'; title: string } | { kind: 'delete'; summary: string } | null

export function CaseBar() {
  const { caseId, openCase } = useSelection(
    useShallow((s) => ({ caseId: s.caseId, openCase: s.openCase })),
  )
  const notify = useNotices((s) => s.notify)
  const cases = useCases()
  const [mode, setMode] = useState<Mode>(null)
  const [title, setTitle] = useState('')
  const [error, setError] = useState('')
  const current = cases?.find((c) => c.id === caseId)
  useCommand('case:new', () => startNew())
  // The picker's text room and font, read once it is laid out (its width is fixed in CSS).
  const picker = useRef<HTMLSelectElement>(null)
  const [room, setRoom] = useState<{ font: string; width: number }>()
  useLayoutEffect(() => {
    const el = picker.current
    if (!el) return
    const style = getComputedStyle(el)
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)
    setRoom({ font: style.font, width: el.clientWidth - padding - ARROW_ROOM })
  }, [])
  const labels = useMemo(() => {
    const titles = cases?.map((c) => c.title) ?? []
    const measure = room && room.width > 0 ? textMeasurer() : null
    if (!measure || !room) return titles
    measure.font = room.font
    return pickerLabels(titles, (label) => measure.measureText(label).width <= room.width)
  }, [cases, room])

  function startNew() {
    setTitle('')
    setError('')
    setMode({ kind: 'new' })
  }

  async function submit() {
    try {
      if (mode?.kind === 'new') {
        const c = await createCase(getDb(), title)
        openCase(c.id)
        notify(`Case “${c.title}” created. Import documents to begin.`, 'success')
      } else if (mode?.kind === 'rename' && caseId) {
        await renameCase(getDb(), caseId, title)
      } else if (mode?.kind === 'delete' && caseId) {
        const name = current?.title
        await deleteCase(getDb(), caseId)
        openCase(cases?.find((c) => c.id !== caseId)?.id)
        notify(`Case “${name}” deleted.`, 'info')
      }
      setMode(null)
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  async function startDelete() {
    if (!caseId) return
    const n = await caseContents(getDb(), caseId)
    setError('')
    setMode({
      kind: 'delete',
      summary: deleteSummary(n),
    })
  }

  return (
    <div className="case-bar">
      <label className="sr-only" htmlFor="case-select">
        Open case
      </label>
      <select
        ref={picker}
        id="case-select"
        data-testid="case-select"
        title={current?.title}
        value={caseId ?? ''}
        onChange={(e) => openCase(e.target.value || undefined)}
        disabled={!cases?.length}
      >
        {!cases?.length && <option value="">No cases yet</option>}
        {cases?.map((c, i) => (
          // The label is what the picker shows; the text stays the whole title.
          <option
            key={c.id}
            value={c.id}
            title={c.title}
            {...(labels[i] && labels[i] !== c.title ? { label: labels[i] } : {})}
          >
            {c.title}
          </option>
        ))}
      </select>
      <button type="button" onClick={startNew} title="New case">
        New case
      </button>
      <button
        type="button"
        disabled={!current}
        onClick={() => {
          setTitle(current?.title ?? '')
          setError('')
          setMode({ kind: 'rename', title: current?.title ?? '' })
        }}
      >
        Rename
      </button>
      <button type="button" disabled={!current} onClick={() => void startDelete()}>
        Delete
      </button>
      <ExportMenu caseTitle={current?.title} />
      <AchDialog />

      <Dialog
        title={
          mode?.kind === 'new'
            ? 'New case'
            : mode?.kind === 'rename'
              ? 'Rename case'
              : 'Delete case'
        }
        open={mode !== null}
        onClose={() => setMode(null)}
        testId="case-dialog"
        actions={
          <>
            <button type="button" onClick={() => setMode(null)}>
              Cancel
            </button>
            <button
              type="submit"
              form="case-form"
              className={mode?.kind === 'delete' ? 'danger' : 'primary'}
            >
              {mode?.kind === 'new' ? 'Create' : mode?.kind === 'rename' ? 'Rename' : 'Delete case'}
            </button>
          </>
        }
      >
        <form
          id="case-form"
          onSubmit={(e) => {
            e.preventDefault()
            void submit()
          }}
        >
          {mode?.kind === 'delete' ? (
            <p data-testid="delete-case-summary">
              {mode.summary
                ? `Delete “${current?.title}” and everything in it — ${mode.summary}? This cannot be undone. Export a backup first if you may need it again.`
                : `Delete “${current?.title}”? It holds nothing yet.`}
            </p>
          ) : (
            <label className="field">
              <span>Title</span>
              <input
                autoFocus
                value={title}
                maxLength={200}
                onChange={(e) => setTitle(e.target.value)}
                placeholder="e.g. Gulf escalation, June 2025"
              />
            </label>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </form>
      </Dialog>
    </div>
  )
}
