/**
 * The application shell: opens the store, restores the last open case, and lays out the
 * top bar and the panes (library | reader over timeline | inspector). Global keyboard shortcuts and native menu
 * commands are routed to app commands here. An element `data-testid="app-ready"` marks the
 * moment the store is open and the UI is usable.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import { CaseBar } from '../features/cases/CaseBar'
import { LibraryPane } from '../features/library/LibraryPane'
import { ReaderPane } from '../features/reader/ReaderPane'
import { SidePane } from '../features/inspector/SidePane'
import { HistoryButtons } from '../features/history/HistoryButtons'
import { TimelineHost } from '../features/timeline/TimelineHost'
import { parsePrintRoute } from '../features/briefing/print-route'

import { getDb, requestPersistence } from '../db/db'
import { readSetting } from '../db/settings'
import { caseToOpen } from '../db/cases'
import { getPlatform } from '../platform'
import { resetStores } from '../ui/stores/reset'
import { commandForKey, runCommand } from '../ui/commands'
import { errorMessage } from '../ui/errors'
import { Notices } from './Notices'
import { Welcome } from './Welcome'
import { useCases } from '../db/hooks'
import { defaultPaneSizes, PaneResizer, usePaneWidth } from './PaneResizer'
import { deferred } from '../ui/Deferred'
import { restoreMapShown, setMapShown, useMapShown } from '../features/map/map-bus'

// vis-network and the layout worker's client load after the first paint.
const GraphPane = lazy(() =>
  import('../features/graph/GraphPane').then((m) => ({ default: m.GraphPane })),
)
// The map (d3-geo, the world's outlines): only once the analyst first shows it.
const MapPane = lazy(() => import('../features/map/MapPane').then((m) => ({ default: m.MapPane })))
// The controllers behind commands, and the event forms: after the first paint (src/ui/Deferred.tsx).
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
// The team server's dialog (the TAXII client, STIX export and import): loaded with the shell,
// not in the first-paint bundle; until then its button is shown disabled.
const TeamServer = lazy(() =>
  import('../features/team-server/TeamServer').then((m) => ({ default: m.TeamServer })),
)
// The briefing composer, only when asked for.
const BriefingView = lazy(() =>
  import('../features/briefing/BriefingView').then((m) => ({ default: m.BriefingView })),
)

type Boot = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; error: string }

async function boot(): Promise<string | undefined> {
  const db = getDb()
  await db.open()
  void requestPersistence()
  return caseToOpen(db, await readSetting<string | null>('lastCaseId', null))
}

export function App() {
  const [status, setStatus] = useState<Boot>({ state: 'loading' })
  useEffect(() => {
    boot().then(
      (caseId) => {
        resetStores({ caseId })
        setStatus({ state: 'ready' })
      },
      (e) => setStatus({ state: 'failed', error: errorMessage(e) }),
    )
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
  const defaults = useMemo(() => defaultPaneSizes(), [])
  const [libraryWidth, setLibraryWidth] = usePaneWidth('pane:library', defaults.library)
  const [inspectorWidth, setInspectorWidth] = usePaneWidth('pane:inspector', defaults.inspector)
  const [timelineHeight, setTimelineHeight] = usePaneWidth('pane:timeline', defaults.timeline)
  const [graphWidth, setGraphWidth] = usePaneWidth('pane:graph', defaults.graph)
  const [mapWidth, setMapWidth] = usePaneWidth('pane:map', defaults.map)
  const mapShown = useMapShown()
  useEffect(() => void restoreMapShown(), [])
  // The workbench (reader, timeline, graph, inspector) or the briefing composer.
  const [view, setView] = useState<'workbench' | 'briefing'>('workbench')

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const cmd = commandForKey(e)
      if (!cmd) return
      e.preventDefault()
      runCommand(cmd)
    }
    window.addEventListener('keydown', onKey)
    const off = getPlatform().onMenuCommand(runCommand)
    return () => {
      window.removeEventListener('keydown', onKey)
      off()
    }
  }, [])

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <img src="./icon.svg" alt="" width={22} height={22} /> Casefile
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
        <button type="button" className="primary" onClick={() => runCommand('documents:import')}>
          Import…
        </button>
        <button
          type="button"
          onClick={() => runCommand('case:export')}
          title="Export case backup (Ctrl+Shift+E)"
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
        <button
          type="button"
          onClick={() => runCommand('stix:import')}
          title="Import a STIX 2.1 bundle into the open case (a preview comes first)"
        >
          Import STIX…
        </button>
        <Suspense
          fallback={
            <button type="button" disabled>
              Team server…
            </button>
          }
        >
          <TeamServer />
        </Suspense>
        <button type="button" onClick={() => runCommand('app:about')}>
          About
        </button>
      </header>
      {cases === undefined ? (
        // Until the cases are read, nothing of the workbench (nor the graph's code) is loaded.
        <main className="workspace" aria-busy />
      ) : cases.length === 0 ? (
        <Welcome />
      ) : (
        <main
          className="workspace"
          style={{
            gridTemplateColumns: `${libraryWidth}px 6px minmax(0, 1fr) 6px ${inspectorWidth}px`,
          }}
        >
          <LibraryPane />
          <PaneResizer
            width={libraryWidth}
            onChange={setLibraryWidth}
            label="Resize the document list"
          />
          {view === 'briefing' ? (
            <div className="briefing-slot">
              <Suspense fallback={<section className="briefing-view" aria-busy />}>
                <BriefingView />
              </Suspense>
            </div>
          ) : (
            <>
              <div
                className="center-column"
                style={{ gridTemplateRows: `minmax(0, 1fr) 6px ${timelineHeight}px` }}
              >
                {/* The reader and, when shown, the map beside it. */}
                <div
                  className="reader-row"
                  style={{
                    gridTemplateColumns: mapShown
                      ? `minmax(0, 1fr) 6px ${mapWidth}px`
                      : 'minmax(0, 1fr)',
                  }}
                >
                  <ReaderPane />
                  {mapShown && (
                    <>
                      <PaneResizer
                        width={mapWidth}
                        onChange={setMapWidth}
                        label="Resize the map"
                        min={240}
                        max={1400}
                        invert
                      />
                      <Suspense
                        fallback={<section className="map-pane" aria-busy aria-label="Map" />}
                      >
                        <MapPane />
                      </Suspense>
                    </>
                  )}
                </div>
                <PaneResizer
                  axis="y"
                  width={timelineHeight}
                  onChange={setTimelineHeight}
                  label="Resize the timeline"
                  min={140}
                  max={1200}
                  invert
                />
                {/* The views row: the timeline and, beside it, the actor graph. */}
                <div
                  className="views-row"
                  style={{ gridTemplateColumns: `minmax(0, 1fr) 6px ${graphWidth}px` }}
                >
                  <TimelineHost />
                  <PaneResizer
                    width={graphWidth}
                    onChange={setGraphWidth}
                    label="Resize the actor graph"
                    min={200}
                    max={1400}
                    invert
                  />
                  <Suspense
                    fallback={<section className="graph-pane" aria-busy aria-label="Actors" />}
                  >
                    <GraphPane />
                  </Suspense>
                </div>
              </div>
              <PaneResizer
                width={inspectorWidth}
                onChange={setInspectorWidth}
                label="Resize the inspector"
                invert
              />
              <SidePane />
            </>
          )}
        </main>
      )}
      <EventActionsHost />
      <ImportController />
      <BackupController />
      <StixController />
      <AboutDialog />
      <Notices />
      {cases && <div data-testid="app-ready" hidden />}
    </div>
  )
}
