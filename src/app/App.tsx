/**
 * The application shell: waits for start-up's reads (`boot.ts`: the store opened, the case
 * list read, the last open case found), restores that case, and lays out the
 * top bar and the panes (library | reader over timeline | inspector). Global keyboard shortcuts and native menu
 * commands are routed to app commands here. An element `data-testid="app-ready"` marks the
 * moment the UI is usable: the case list is known and either the welcome screen (no case yet)
 * or the workbench of the open case (its panes' code loaded, see `LazyWorkbench.tsx`) is in
 * the DOM. The store is open by then, except on a new installation, whose database is created
 * behind the welcome screen (`boot.ts`); a failure to create it replaces the welcome screen.
 */
import { lazy, Suspense, useEffect, useState } from 'react'
import { CaseBar } from '../features/cases/CaseBar'
import { HistoryButtons } from '../features/history/HistoryButtons'
import { parsePrintRoute } from '../features/briefing/print-route'
import { startUp } from './boot'
import { getPlatform } from '../platform'
import { resetStores } from '../ui/stores/reset'
import { useSelection } from '../ui/stores/selection'
import { useNotices } from '../ui/stores/notices'
import { routeKey, runCommand } from '../ui/commands'
import { errorMessage } from '../ui/errors'
import { MoreMenu } from './MoreMenu'
import { Notices } from './Notices'
import { Welcome } from './Welcome'
import { useCases } from '../db/shell-hooks'
import { deferred, holdDeferredLoads } from '../ui/Deferred'
import { restoreMapShown, setMapShown, useMapShown } from '../features/map/map-bus'
import { LazyWorkbench, useWorkbenchLoaded } from './LazyWorkbench'

// The controllers behind commands, and the event forms: once the window is usable (app-ready,
// below) and idle (src/ui/Deferred.tsx), so that they never delay the open case's panes.
let windowUsable!: () => void
holdDeferredLoads(new Promise<void>((resolve) => (windowUsable = resolve)))
const ImportController = deferred(
  () => import('../features/library/ImportController').then((m) => m.ImportController),
  ['documents:import'],
)
const BackupController = deferred(
  () => import('../features/backup/BackupController').then((m) => m.BackupController),
  ['case:export', 'case:import'],
)
const StixController = deferred(
  () => import('../features/interop-stix/StixController').then((m) => m.StixController),
  ['stix:export', 'stix:import'],
)
const AboutDialog = deferred(
  () => import('../features/about/AboutDialog').then((m) => m.AboutDialog),
  ['app:about'],
)
const EventActionsHost = deferred(() =>
  import('../features/events/EventActionsHost').then((m) => m.EventActionsHost),
)
// A briefing's print window (desktop PDF export) composes the briefing alone.
const PrintRoute = lazy(() =>
  import('../features/briefing/PrintRoute').then((m) => ({ default: m.PrintRoute })),
)
// The team server's dialog (the TAXII client, STIX export and import): after the first paint,
// not in the first-paint bundle, or when More ▾ › Team server… asks for it first.
const TeamServer = deferred<{ trigger?: boolean }>(
  () => import('../features/team-server/TeamServer').then((m) => m.TeamServer),
  ['team-server:open'],
)

/** Why Import and Back up are disabled. */
const NO_CASE = 'Create or open a case first (New case, or Restore a backup)'

type Boot = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; error: string }

export function App() {
  const [status, setStatus] = useState<Boot>({ state: 'loading' })
  useEffect(() => {
    // Begun before React ran (boot.ts, imported first by the entry): the store opens and the
    // case list is read while React renders the first frame ("Opening Casefile…").
    const failed = (e: unknown) => setStatus({ state: 'failed', error: errorMessage(e) })
    startUp().then(({ caseId, storeOpen }) => {
      resetStores({ caseId })
      setStatus({ state: 'ready' })
      // A new installation's welcome screen shows while its database is created (boot.ts).
      storeOpen.catch(failed)
    }, failed)
  }, [])

  if (status.state === 'loading') return <div className="boot">Opening Casefile…</div>
  if (status.state === 'failed') {
    return (
      <div className="boot failed" role="alert">
        <h1>Casefile could not open its data store</h1>
        <p>{status.error}</p>
        <p>
          Casefile keeps cases in this browser profile’s IndexedDB. Private windows and some privacy
          settings block it; allow site data for Casefile, then reload.
        </p>
      </div>
    )
  }
  const print = parsePrintRoute(window.location.hash)
  if (print) {
    return (
      <Suspense fallback={null}>
        <PrintRoute route={print} />
      </Suspense>
    )
  }
  return <Shell />
}

function Shell() {
  const cases = useCases()
  const notify = useNotices((s) => s.notify)
  const mapShown = useMapShown()
  useEffect(() => void restoreMapShown(), [])
  // The workbench (reader, timeline, graph, inspector) or the briefing composer.
  const [view, setView] = useState<'workbench' | 'briefing'>('workbench')
  const hasCases = cases !== undefined && cases.length > 0
  // Import and Back up act on the open case: without one they are disabled, saying why.
  const caseId = useSelection((s) => s.caseId)
  const caseOpen = hasCases && !!caseId && cases.some((c) => c.id === caseId)
  const workbenchLoaded = useWorkbenchLoaded(hasCases, (e) =>
    notify(`The workbench could not be loaded: ${errorMessage(e)}. Reload the window.`, 'error', {
      persist: true,
    }),
  )
  const usable = cases !== undefined && (cases.length === 0 || workbenchLoaded)
  useEffect(() => {
    if (usable) windowUsable()
  }, [usable])

  useEffect(() => {
    window.addEventListener('keydown', routeKey)
    const off = getPlatform().onMenuCommand(runCommand)
    return () => {
      window.removeEventListener('keydown', routeKey)
      off()
    }
  }, [])

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <img src="./icon.svg" alt="Casefile" width={22} height={22} />{' '}
          <span className="brand-name" aria-hidden>
            Casefile
          </span>
        </div>
        <CaseBar />
        <HistoryButtons />
        <div className="view-switch" role="group" aria-label="View">
          <button
            type="button"
            aria-pressed={view === 'workbench'}
            onClick={() => setView('workbench')}
          >
            Workbench
          </button>
          <button
            type="button"
            aria-pressed={view === 'briefing'}
            onClick={() => setView('briefing')}
            data-testid="view-briefing"
          >
            Briefing
          </button>
        </div>
        <button
          type="button"
          aria-pressed={mapShown}
          data-testid="view-map"
          title="Show or hide the map beside the reader"
          onClick={() => setMapShown(!mapShown)}
        >
          Map
        </button>
        <div className="spacer" />
        <button
          type="button"
          className="primary"
          disabled={!caseOpen}
          title={caseOpen ? 'Import documents into this case (Ctrl+O)' : NO_CASE}
          onClick={() => runCommand('documents:import')}
        >
          Import…
        </button>
        <button
          type="button"
          disabled={!caseOpen}
          onClick={() => runCommand('case:export')}
          title={caseOpen ? 'Export case backup (Ctrl+Shift+E)' : NO_CASE}
        >
          Back up
        </button>
        <button
          type="button"
          onClick={() => runCommand('case:import')}
          title="Restore a case from a backup file"
        >
          Restore
        </button>
        <MoreMenu />
        <TeamServer trigger={false} />
      </header>
      {cases === undefined || (hasCases && !workbenchLoaded) ? (
        // Until the cases are read and, when there are any, the panes' code is loaded.
        <main className="workspace" aria-busy />
      ) : hasCases ? (
        <LazyWorkbench view={view} />
      ) : (
        <Welcome />
      )}
      <EventActionsHost />
      <ImportController />
      <BackupController />
      <StixController />
      <AboutDialog />
      <Notices />
      {/* Usable: the welcome screen, or the open case's panes, are shown and respond. */}
      {usable && <div data-testid="app-ready" hidden />}
    </div>
  )
}
