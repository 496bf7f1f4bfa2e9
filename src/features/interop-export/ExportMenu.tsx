/**
 * The top bar's "Export ▾": writes the open case — or what one of its briefings rests on — in
 * an open format from the registry (`interop/formats.ts`: W3C Web Annotations, events CSV,
 * GEXF, GraphML), saved through the platform's save path (a save dialog on the desktop, a
 * download in the browser). It opens a small dialog: choose the whole case or a briefing, then
 * the format; each format is one button, so one more keypress exports. The desktop's File ›
 * Export as menu opens the same dialog with its format focused (`export:<id>` commands).
 */
import { useState } from 'react'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { runCommand, useCommand } from '../../ui/commands'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { useBriefings, useCaseAnnotations, useEntities, useEvents } from '../../db/hooks'
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

/** How many of a thing, in words: "1 event", "3 events", "no events". */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n === 0 ? 'no' : n} ${n === 1 ? one : many}`
}

/**
 * The dialog's body: what to export (the whole case or a briefing, with what it holds) and the
 * formats. Mounted only while the dialog is open, so its live queries run only then.
 */
function ExportChoices({
  caseId,
  caseTitle,
  scope,
  setScope,
  focusFormat,
  busy,
  run,
}: {
  caseId: string
  caseTitle: string | undefined
  scope: string
  setScope(scope: string): void
  focusFormat: string | undefined
  busy: string | undefined
  run(format: ExportFormat, briefingId: string | undefined): void
}) {
  const briefings = useBriefings(caseId)
  const events = useEvents(caseId)
  const annotations = useCaseAnnotations(caseId)
  const entities = useEntities(caseId)
  const briefing = briefings?.find((b) => b.id === scope)
  let summary = ''
  if (briefing) {
    const ids = new Set([...briefing.eventIds, ...briefing.judgements.flatMap((j) => j.eventIds)])
    summary = ids.size
      ? `This briefing rests on ${count(ids.size, 'event')}: they, their evidence, actors and documents are exported.`
      : 'This briefing lists no events yet, so its files will be empty. Choose its events in the Briefing view first.'
  } else if (events && annotations && entities) {
    const actors = entities.filter((e) => e.kind !== 'location').length
    summary =
      events.length || annotations.size
        ? `The case holds ${count(annotations.size, 'tagged passage')}, ${count(events.length, 'event')} and ${count(actors, 'actor')}.`
        : 'Nothing is tagged in this case yet, so the files will be empty. Tag passages and make events first.'
  }
  return (
    <>
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
              Briefing: {b.title}
            </option>
          ))}
        </select>
      </label>
      <p className="muted" data-testid="export-summary" aria-live="polite">
        {summary}
      </p>
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
              onClick={() => run(f, briefing?.id)}
            >
              <strong>{f.label}</strong> <span className="muted">{f.extension}</span>
              <br />
              <span className="muted">{f.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  )
}

/** The Export ▾ button and its dialog (see the module comment). */
export function ExportMenu({ caseTitle }: { caseTitle: string | undefined }) {
  const caseId = useSelection((s) => s.caseId)
  const notify = useNotices((s) => s.notify)
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

  async function run(format: ExportFormat, briefingId: string | undefined) {
    if (!caseId) return
    if (format.id === 'stix') {
      // STIX has options of its own (a briefing, leaving out the extension definition for a
      // TAXII server): its dialog takes over.
      setOpen(false)
      runCommand('stix:export')
      return
    }
    setBusy(format.id)
    setError('')
    try {
      const snapshot = await loadCaseSnapshot(getDb(), caseId)
      const data = exportBytes(exportSnapshot(format, snapshot, { briefingId }))
      const briefing = snapshot.briefings.find((b) => b.id === briefingId)
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
      setError(`The export failed: ${errorMessage(e)} Try again, or back the case up instead.`)
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
        title="Export the case in an open format (W3C annotations, CSV, GEXF, GraphML, STIX 2.1)"
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
        {caseId && (
          <ExportChoices
            caseId={caseId}
            caseTitle={caseTitle}
            scope={scope}
            setScope={setScope}
            focusFormat={focusFormat}
            busy={busy}
            run={(f, briefingId) => void run(f, briefingId)}
          />
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </Dialog>
    </>
  )
}
