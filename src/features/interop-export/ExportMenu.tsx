/**
 * The top bar's "Export ▾": writes the open case — or what one of its briefings rests on — in
 * an open format from the registry (`interop/formats.ts`: W3C Web Annotations, events CSV,
 * GEXF, GraphML), saved through the platform's save path (a save dialog on the desktop, a
 * download in the browser). It opens a small dialog: choose the whole case or a briefing, then
 * the format; each format is one button, so one more keypress exports. The desktop's File ›
 * Export as menu opens the same dialog with its format focused (`export:<id>` commands).
 */
import { useState } from 'react'
import { useAppState } from '../../app/app-state'
import { useCommand } from '../../app/commands'
import { Dialog } from '../../app/Dialog'
import { errorMessage } from '../../app/errors'
import { getDb } from '../../db/db'
import { useBriefings } from '../../db/hooks'
import {
  EXPORT_FORMATS,
  exportBytes,
  exportFileName,
  exportSnapshot,
  type ExportFormat,
} from '../../interop/formats'
import { loadCaseSnapshot } from '../../interop/snapshot'
import { getPlatform } from '../../platform'
import './export-menu.css'

/** The scope value meaning "the whole case". */
const WHOLE_CASE = ''

/** The Export ▾ button and its dialog (see the module comment). */
export function ExportMenu({ caseTitle }: { caseTitle: string | undefined }) {
  const { caseId, notify } = useAppState()
  const briefings = useBriefings(caseId)
  const [open, setOpen] = useState(false)
  const [focusFormat, setFocusFormat] = useState<string>()
  const [scope, setScope] = useState(WHOLE_CASE)
  const [busy, setBusy] = useState<string>()
  const [error, setError] = useState('')

  function show(formatId?: string) {
    if (!caseId) {
      notify('Open a case to export it.', 'error')
      return
    }
    setFocusFormat(formatId)
    setError('')
    setOpen(true)
  }
  useCommand('export:w3c', () => show('w3c'))
  useCommand('export:csv', () => show('csv'))
  useCommand('export:gexf', () => show('gexf'))
  useCommand('export:graphml', () => show('graphml'))

  const briefing = briefings?.find((b) => b.id === scope)

  async function run(format: ExportFormat) {
    if (!caseId) return
    setBusy(format.id)
    setError('')
    try {
      const snapshot = await loadCaseSnapshot(getDb(), caseId)
      const data = exportBytes(exportSnapshot(format, snapshot, { briefingId: briefing?.id }))
      const saved = await getPlatform().saveFile({
        title: `Export as ${format.label}`,
        suggestedName: exportFileName(format, snapshot.case.title, briefing?.title),
        mime: format.mime,
        data,
      })
      if (saved) {
        const what = briefing ? `“${briefing.title}”` : `“${snapshot.case.title}”`
        notify(`${what} exported as ${format.label}.`, 'success')
        setOpen(false)
      }
    } catch (e) {
      setError(`The export failed: ${errorMessage(e)} Try again, or export a backup instead.`)
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        disabled={!caseId}
        title="Export the case in an open format (W3C annotations, CSV, GEXF, GraphML)"
        onClick={() => show()}
        data-testid="export-menu-button"
      >
        Export ▾
      </button>
      <Dialog
        title="Export in an open format"
        open={open}
        onClose={() => setOpen(false)}
        testId="export-dialog"
        actions={
          <button type="button" onClick={() => setOpen(false)}>
            Close
          </button>
        }
      >
        <label className="field">
          <span>What</span>
          <select
            value={briefing ? scope : WHOLE_CASE}
            onChange={(e) => setScope(e.target.value)}
            data-testid="export-scope"
          >
            <option value={WHOLE_CASE}>The whole case{caseTitle ? ` “${caseTitle}”` : ''}</option>
            {briefings?.map((b) => (
              <option key={b.id} value={b.id}>
                Briefing: {b.title} (its events, their evidence, actors and documents)
              </option>
            ))}
          </select>
        </label>
        <ul className="plain-list export-formats" aria-label="Formats">
          {EXPORT_FORMATS.map((f) => (
            <li key={f.id}>
              <button
                type="button"
                className="export-format"
                disabled={busy !== undefined}
                aria-busy={busy === f.id}
                data-format={f.id}
                data-autofocus={focusFormat === f.id ? true : undefined}
                onClick={() => void run(f)}
              >
                <strong>{f.label}</strong> <span className="muted">{f.extension}</span>
                <br />
                <span className="muted">{f.description}</span>
              </button>
            </li>
          ))}
        </ul>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </Dialog>
    </>
  )
}
