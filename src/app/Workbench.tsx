/**
 * The workbench of an open case: the library | the reader (and the map) over the timeline and
 * the actor graph | the inspector, with their resizable separators, or the briefing composer in
 * place of the centre. It is its own chunk, loaded by the shell (`LazyWorkbench.tsx`) only
 * when the store holds a case, so that a new installation's first window (the welcome screen)
 * does not parse and run the code of every pane; `App.tsx` starts loading it as soon as start-up
 * has found a case, in parallel with the rest of the start-up reads.
 */
import { lazy, Suspense, useMemo } from 'react'
import { LibraryPane } from '../features/library/LibraryPane'
import { ReaderPane } from '../features/reader/ReaderPane'
import { SidePane } from '../features/inspector/SidePane'
import { TimelineHost } from '../features/timeline/TimelineHost'
import { useMapShown } from '../features/map/map-bus'
import { LazyDockedPane } from './LazyDockedPane'
import { defaultPaneSizes, PaneResizer, usePaneWidth } from './PaneResizer'

// vis-network and the layout worker's client load after the first paint.
const GraphPane = lazy(() =>
  import('../features/graph/GraphPane').then((m) => ({ default: m.GraphPane })),
)
// The map (d3-geo, the world's outlines): only once the analyst first shows it.
const MapPane = lazy(() => import('../features/map/MapPane').then((m) => ({ default: m.MapPane })))
// The briefing composer, only when asked for.
const BriefingView = lazy(() =>
  import('../features/briefing/BriefingView').then((m) => ({ default: m.BriefingView })),
)

/** The panes of the open case; `view` chooses the workbench or the briefing composer. */
export function Workbench({ view }: { view: 'workbench' | 'briefing' }) {
  const defaults = useMemo(() => defaultPaneSizes(), [])
  const [libraryWidth, setLibraryWidth] = usePaneWidth('pane:library', defaults.library)
  const [inspectorWidth, setInspectorWidth] = usePaneWidth('pane:inspector', defaults.inspector)
  const [timelineHeight, setTimelineHeight] = usePaneWidth('pane:timeline', defaults.timeline)
  const [graphWidth, setGraphWidth] = usePaneWidth('pane:graph', defaults.graph)
  const [mapWidth, setMapWidth] = usePaneWidth('pane:map', defaults.map)
  const mapShown = useMapShown()

  return (
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
                <LazyDockedPane
                  width={mapWidth}
                  onChange={setMapWidth}
                  resizeLabel="Resize the map"
                  min={240}
                  max={1400}
                  paneClass="map-pane"
                  paneLabel="Map"
                >
                  <MapPane />
                </LazyDockedPane>
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
              <LazyDockedPane
                width={graphWidth}
                onChange={setGraphWidth}
                resizeLabel="Resize the actor graph"
                min={200}
                max={1400}
                paneClass="graph-pane"
                paneLabel="Actors"
              >
                <GraphPane />
              </LazyDockedPane>
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
  )
}
