/** The first screen of a new installation: what Casefile is and the two ways to start. */
import { useState } from 'react'
import { getDb } from '../db/db'
import { openSampleCase } from '../features/sample/sample-case'
import { indexCase } from '../features/search/search-service'
import { useAppState } from './app-state'
import { runCommand } from './commands'
import { errorMessage } from './errors'

export function Welcome() {
  const { openCase, openDocument, notify } = useAppState()
  const [busy, setBusy] = useState(false)
  return (
    <main className="welcome" data-testid="welcome">
      <h1>Welcome to Casefile</h1>
      <p>
        Import source documents into a case, tag the passages that matter, build dated events
        between actors, and brief others with every judgement cited. Everything stays on this
        machine.
      </p>
      <div className="welcome-actions">
        <button type="button" className="primary" onClick={() => runCommand('case:new')}>
          Create a case
        </button>
        <button
          type="button"
          disabled={busy}
          data-testid="open-sample"
          onClick={async () => {
            setBusy(true)
            try {
              const { caseId, report } = await openSampleCase(getDb())
              openCase(caseId)
              void indexCase(caseId)
              const first = report.files.find((f) => f.docId)
              if (first?.docId) openDocument(first.docId)
              notify(`Sample case opened: ${report.imported} documents.`, 'success')
            } catch (e) {
              notify(`The sample case could not be opened: ${errorMessage(e)}`, 'error')
            } finally {
              setBusy(false)
            }
          }}
        >
          {busy ? 'Opening…' : 'Open the sample case'}
        </button>
        <button type="button" onClick={() => runCommand('case:import')}>
          Restore a backup…
        </button>
      </div>
    </main>
  )
}
