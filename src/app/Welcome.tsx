/** The first screen of a new installation: what Casefile is and the ways to start. */
import { useOpenSampleCase } from '../features/sample/useOpenSampleCase'
import { runCommand } from '../ui/commands'

export function Welcome() {
  const [openSample, busy] = useOpenSampleCase()
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
          onClick={() => void openSample()}
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
