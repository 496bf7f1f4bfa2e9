/**
 * STIX 2.1 in the app: "Export STIX 2.1 bundle…" (the whole case or one briefing's selection,
 * optionally without the extension definition that TAXII servers such as medallion reject)
 * and "Import STIX 2.1 bundle…" with its preview — what the bundle holds, which of its
 * entities match the case's own (merge, or keep apart), what will be skipped and why — then
 * the report of what was taken. The import is one undoable action. The mapping lives in
 * src/interop/stix/; this module only asks, shows and saves.
 */
import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { useCommand } from '../../ui/commands'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/errors'
import { createCase, getCase } from '../../db/cases'
import { getDb } from '../../db/db'
import { useBriefings } from '../../db/hooks'
import type { StixImportPlan, StixImportReport, StixSkipped } from '../../interop/stix/import'
import { getPlatform } from '../../platform'
import { skippedSummary, stixFileName } from './stix-ui'
import { plural } from '../../ui/plural'

type State =
  | { kind: 'export'; briefingId: string; forTaxii: boolean }
  | { kind: 'preview'; fileName: string; plan: StixImportPlan; keepApart: Set<string> }
  | { kind: 'importing'; fileName: string }
  | { kind: 'report'; fileName: string; report: StixImportReport }
  | null

const MAX_BUNDLE_BYTES = 50 * 1024 * 1024

export function StixController() {
  const { caseId, openCase } = useSelection(
    useShallow((s) => ({ caseId: s.caseId, openCase: s.openCase })),
  )
  const notify = useNotices((s) => s.notify)
  const briefings = useBriefings(caseId)
  const [state, setState] = useState<State>(null)
  const [error, setError] = useState('')

  useCommand('stix:export', () => {
    if (!caseId) {
      notify('Open a case to export it as STIX.', 'error')
      return
    }
    setError('')
    setState({ kind: 'export', briefingId: '', forTaxii: false })
  })

  useCommand('stix:import', () => {
    void (async () => {
      try {
        const [file] = await getPlatform().openFiles({
          title: 'Import STIX 2.1 bundle',
          extensions: ['json'],
          multiple: false,
        })
        if (!file) return
        if (file.tooLarge || file.size > MAX_BUNDLE_BYTES)
          throw new Error('That file is larger than 50 MB; split the bundle and import the parts.')
        let text: string
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(await file.read())
        } catch {
          throw new Error('That file is not UTF-8 text; a STIX bundle is JSON in UTF-8.')
        }
        const db = getDb()
        let target = caseId
        if (!target) {
          const c = await createCase(
            db,
            file.name.replace(/\.json$/i, '').slice(0, 200) || 'STIX import',
          )
          openCase(c.id)
          target = c.id
        }
        const { planStixImport } = await import('../../interop/stix/import')
        const plan = await planStixImport(db, target, text)
        setError('')
        setState({ kind: 'preview', fileName: file.name, plan, keepApart: new Set() })
      } catch (e) {
        notify(`The STIX bundle was not imported: ${errorMessage(e)}`, 'error')
      }
    })()
  })

  async function exportBundle(s: Extract<State, { kind: 'export' }>) {
    if (!caseId) return
    try {
      const db = getDb()
      const [{ loadCaseSnapshot }, { exportStixBundle }] = await Promise.all([
        import('../../interop/snapshot'),
        import('../../interop/stix/export'),
      ])
      const record = await getCase(db, caseId)
      if (!record) throw new Error('That case no longer exists.')
      const snapshot = await loadCaseSnapshot(db, caseId)
      const bundle = exportStixBundle(snapshot, {
        ...(s.briefingId ? { briefingId: s.briefingId } : {}),
        extensionDefinition: !s.forTaxii,
      })
      const briefing = briefings?.find((b) => b.id === s.briefingId)
      const saved = await getPlatform().saveFile({
        title: 'Export STIX 2.1 bundle',
        suggestedName: stixFileName(briefing?.title ?? record.title),
        mime: 'application/json',
        data: new TextEncoder().encode(JSON.stringify(bundle, null, 1)),
      })
      setState(null)
      if (saved)
        notify(
          `STIX bundle of “${briefing?.title ?? record.title}” saved (${bundle.objects.length} objects).`,
          'success',
        )
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  async function applyPlan(s: Extract<State, { kind: 'preview' }>) {
    try {
      setState({ kind: 'importing', fileName: s.fileName })
      const { applyStixImport } = await import('../../interop/stix/import')
      const report = await applyStixImport(getDb(), s.plan.caseId, s.plan, {
        keepApart: [...s.keepApart],
      })
      setState({ kind: 'report', fileName: s.fileName, report })
    } catch (e) {
      setState(s)
      setError(errorMessage(e))
    }
  }

  if (!state) return null
  if (state.kind === 'export') {
    return (
      <Dialog
        title="Export STIX 2.1 bundle"
        open
        onClose={() => setState(null)}
        testId="stix-export-dialog"
        actions={
          <>
            <button type="button" onClick={() => setState(null)}>
              Cancel
            </button>
            <button type="submit" form="stix-export-form" className="primary">
              Export
            </button>
          </>
        }
      >
        <form
          id="stix-export-form"
          onSubmit={(e) => {
            e.preventDefault()
            void exportBundle(state)
          }}
        >
          <label className="field">
            <span>What to export</span>
            <select
              data-testid="stix-export-scope"
              value={state.briefingId}
              onChange={(e) => setState({ ...state, briefingId: e.target.value })}
            >
              <option value="">The whole case</option>
              {briefings?.map((b) => (
                <option key={b.id} value={b.id}>
                  Briefing: {b.title || 'Untitled briefing'} (its events, evidence, actors)
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={state.forTaxii}
              onChange={(e) => setState({ ...state, forTaxii: e.target.checked })}
            />{' '}
            For a TAXII server: leave out the extension definition (medallion rejects objects with a
            top-level “version”; Casefile’s data stays on each object)
          </label>
          <p className="hint">
            Saved as a <code>.stix.json</code> file that OpenCTI and MISP import. Sources, documents
            (with their text), actors, events, relations, tagged passages and key judgements go in;
            briefing handling becomes a TLP marking.
          </p>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </form>
      </Dialog>
    )
  }
  if (state.kind === 'importing')
    return (
      <div className="import-progress" role="status" data-testid="stix-importing">
        Importing “{state.fileName}”…
      </div>
    )
  if (state.kind === 'report') {
    const r = state.report
    return (
      <Dialog
        title="STIX bundle imported"
        open
        onClose={() => setState(null)}
        testId="stix-report-dialog"
        wide
        actions={
          <button type="button" className="primary" data-autofocus onClick={() => setState(null)}>
            Done
          </button>
        }
      >
        <p data-testid="stix-report-summary">
          Imported from “{state.fileName}”: {plural(r.documents, 'document')},{' '}
          {plural(r.entities, 'new entity', 'new entities')}, {plural(r.events, 'event')},{' '}
          {plural(r.relations, 'relation')},{' '}
          {plural(r.passages, 'passage or note', 'passages and notes')}
          {r.sources ? `, ${plural(r.sources, 'source')}` : ''}. Undo takes it all back out.
        </p>
        {r.duplicateDocuments > 0 && (
          <p>
            {plural(r.duplicateDocuments, 'document')} {r.duplicateDocuments === 1 ? 'was' : 'were'}{' '}
            already in the case; their passages were added to them.
          </p>
        )}
        {r.merged.length > 0 && (
          <p>
            Merged into the case’s entities:{' '}
            {r.merged.map((m) => (m.name === m.into ? m.name : `${m.name} → ${m.into}`)).join(', ')}
            .
          </p>
        )}
        <SkippedList skipped={r.skipped} />
      </Dialog>
    )
  }
  const { plan } = state
  const matched = plan.entities.filter((e) => e.match)
  const total = Object.values(plan.counts).reduce((n, c) => n + c, 0)
  const newDocs = plan.documents.filter((d) => !d.existingId).length
  return (
    <Dialog
      title="Import STIX 2.1 bundle"
      open
      onClose={() => setState(null)}
      testId="stix-preview-dialog"
      wide
      actions={
        <>
          <button type="button" onClick={() => setState(null)}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            data-autofocus
            data-testid="stix-import-confirm"
            onClick={() => void applyPlan(state)}
          >
            Import
          </button>
        </>
      }
    >
      <p data-testid="stix-preview-counts">
        “{state.fileName}” holds {plural(total, 'STIX object')}. Importing adds{' '}
        {plural(newDocs, 'document')}
        {newDocs < plan.documents.length
          ? ` (${plan.documents.length - newDocs} already in the case)`
          : ''}
        , {plural(plan.entities.length, 'entity')}, {plural(plan.events.length, 'event')},{' '}
        {plural(plan.relations.length, 'relation')} and{' '}
        {plural(plan.passages.length, 'passage or note', 'passages and notes')}.
      </p>
      {matched.length === 0 ? (
        <p>None of its entities matches one already in the case: all are added as new.</p>
      ) : (
        <fieldset className="stix-matches" data-testid="stix-matches">
          <legend>
            {matched.length} entit{matched.length === 1 ? 'y matches' : 'ies match'} one in the
            case. Ticked ones are merged into it; untick to keep them apart.
          </legend>
          {matched.map((e) => (
            <label key={e.key} className="checkbox" style={{ display: 'block' }}>
              <input
                type="checkbox"
                checked={!state.keepApart.has(e.key)}
                onChange={(ev) => {
                  const keepApart = new Set(state.keepApart)
                  if (ev.target.checked) keepApart.delete(e.key)
                  else keepApart.add(e.key)
                  setState({ ...state, keepApart })
                }}
              />{' '}
              {e.name} ({e.kind}) → “{e.match!.name}” ({e.match!.kind}; {e.match!.reason})
            </label>
          ))}
        </fieldset>
      )}
      <SkippedList skipped={plan.skipped} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  )
}

function SkippedList({ skipped }: { skipped: StixSkipped[] }) {
  if (skipped.length === 0) return <p>Nothing in the bundle is skipped.</p>
  return (
    <details data-testid="stix-skipped">
      <summary>
        {plural(skipped.length, 'object')} skipped — Casefile has no place for them. Why:
      </summary>
      <ul>
        {skippedSummary(skipped).map((s) => (
          <li key={s.reason}>
            {s.count} × {s.reason}
            {s.examples.length > 0 ? ` (e.g. ${s.examples.join(', ')})` : ''}
          </li>
        ))}
      </ul>
    </details>
  )
}
