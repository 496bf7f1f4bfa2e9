/**
 * The map pane: the case's events at their places, over Natural Earth's country outlines,
 * drawn as SVG with d3-geo (domain/geo/map-layout.ts, shared with the exported figure).
 * Loaded only when the analyst first shows the map (App.tsx imports it lazily; the outlines
 * load with it). Markers are sized by their number of events and coloured by conflict or
 * cooperation as the graph's ties are; a point is a dot, "near" adds a dashed circle of its
 * radius, a region or country is a hollow ring at its centroid; crowded places cluster.
 * The markers are drawn on a canvas under a focusable button each (MarkerLayer.tsx). The
 * case's events and places come from a read-through cache that the change feed keeps
 * current (map-records.ts: first read from the store's compact, column-wise copy,
 * db/map-points.ts, not as 10,000 event and 2,000 entity records; then only the records a
 * write touched), and the outlines come already projected onto the plane (projected at build
 * time: domain/geo/world-outlines.json), so a picture only scales and clips them. The GeoJSON
 * export reads the whole events it writes, and the case's entities, from the store.
 *
 * Linked like the other panes: it follows the timeline's window ("Follow timeline") and the
 * actor in focus; clicking a marker lists its events with their quoted evidence, each quote
 * one click from the passage in the reader; the selected event's places are ringed; events
 * without a place are listed beside the map. A place waiting to be pinned (map-bus) is
 * placed where the analyst clicks. Keyboard: Tab reaches each marker (Enter opens it); on the
 * map, + and − zoom, the arrows pan, 0 fits. Exports the map as SVG or PNG and the events
 * as GeoJSON.
 */
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { useView } from '../../ui/stores/view'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { useCases, useEvidence } from '../../db/hooks'
import { useDocuments } from '../../ui/case-documents'
import { setEntityPlace } from '../../db/places'
import { readSetting, writeSetting } from '../../db/settings'
import { mapToSvg } from '../../briefing/map-svg'
import { eventsToGeoJson } from '../../domain/geo/geojson'
import {
  countryShapes,
  fitProjection,
  layoutMarkers,
  loadWorld,
  type CountryShape,
  type MapView,
  type World,
} from '../../domain/geo/map-layout'
import { buildMapModel, prepareMap, type MapEvent, type MapModel } from '../../domain/geo/map-model'
import { formatLatLon, pinnedPlace } from '../../domain/geo/place'
import { eventPlaceIds } from '../../domain/event-places'
import { plural } from '../../ui/plural'
import { mapEmptyState } from './map-empty'
import type { EventRecord } from '../../domain/types'
import { getPlatform } from '../../platform'
import { requestPin, setMapShown, usePinRequest } from './map-bus'
import { MarkerLayer } from './MarkerLayer'
import { warmMarkerText } from './marker-canvas'
import { useMapRecords } from './map-records'
import './map.css'

const FOLLOW_KEY = 'map:followTimeline'
const FIT: MapView = { zoom: 1, dx: 0, dy: 0 }
/** Outline coordinates to a tenth of a pixel: shorter path data, the same picture. */
const OUTLINE_DIGITS = 1
const NO_MODEL: MapModel = { places: [], unplaced: [], shown: 0, hidden: 0 }
/** The events without a place listed beside the map (the rest are counted). */
const UNPLACED_LISTED = 200
/** The exported picture's size in CSS pixels (PNG at 2×). */
const FIGURE_SIZE = { width: 1600, height: 1000 }

/** The map of the open case (see the module comment). */
export function MapPane() {
  const caseId = useSelection((s) => s.caseId)
  if (!caseId)
    return (
      <section className="map-pane" aria-label="Map">
        <p className="map-empty">Open a case to see its events on a map.</p>
      </section>
    )
  return <CaseMap key={caseId} caseId={caseId} />
}

function CaseMap({ caseId }: { caseId: string }) {
  const { timelineWindow, actorFocusId } = useView(
    useShallow((s) => ({ timelineWindow: s.timelineWindow, actorFocusId: s.actorFocusId })),
  )
  const { selectedEventId, selectEvent, openDocument } = useSelection(
    useShallow((s) => ({
      selectedEventId: s.selectedEventId,
      selectEvent: s.selectEvent,
      openDocument: s.openDocument,
    })),
  )
  const notify = useNotices((s) => s.notify)
  // The store's compact copy of the case's events (no 10,000 records to read), then the change
  // feed's writes: map-records.ts.
  const records = useMapRecords(caseId)
  const events = records?.status === 'ready' ? records.records.events : undefined
  const placeList = records?.status === 'ready' ? records.records.places : undefined
  const readError = records?.status === 'failed' ? errorMessage(records.error) : undefined
  const cases = useCases()
  const pin = usePinRequest()
  const [world, setWorld] = useState<World>()
  const [worldError, setWorldError] = useState<string>()
  const [follow, setFollow] = useState(true)
  const [view, setView] = useState<MapView>(FIT)
  const [openMarker, setOpenMarker] = useState<string[]>()
  const [size, setSize] = useState({ width: 0, height: 0 })
  const box = useRef<HTMLDivElement>(null)
  const stage = useRef<HTMLDivElement>(null)
  const drag = useRef<{ x: number; y: number; view: MapView; moved: boolean } | undefined>(
    undefined,
  )

  useEffect(() => {
    loadWorld().then(setWorld, (e: unknown) => setWorldError(errorMessage(e)))
    void readSetting<boolean>(FOLLOW_KEY, true).then((v) => setFollow(v !== false))
  }, [])
  useEffect(() => {
    // The markers' fonts are set up while the records are read, not in the first draw.
    const el = box.current
    const ctx = el ? document.createElement('canvas').getContext('2d') : null
    if (el && ctx) warmMarkerText(ctx, getComputedStyle(el).fontFamily || 'sans-serif')
  }, [])
  useEffect(() => {
    const el = box.current
    if (!el) return
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight })
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [])

  const places = useMemo(() => new Map((placeList ?? []).map((e) => [e.id, e])), [placeList])
  // Prepared (and indexed by time) once both lists are read: a window change then only
  // filters. Nothing is drawn from the events alone (every event would look unplaced).
  const prepared = useMemo(
    () => (events && placeList ? prepareMap(events, places) : undefined),
    [events, placeList, places],
  )
  const model = useMemo(
    () =>
      prepared
        ? buildMapModel(prepared, {
            ...(follow && timelineWindow ? { window: timelineWindow } : {}),
            ...(actorFocusId ? { actorId: actorFocusId } : {}),
          })
        : NO_MODEL,
    [prepared, follow, timelineWindow, actorFocusId],
  )
  // The map is fitted to all the case's placed events, so a filter never moves it.
  const fitTo = useMemo(
    () => (prepared?.places ?? []).map((p) => [p.lon, p.lat] as [number, number]),
    [prepared],
  )
  // The projection and the outlines change with the size, zoom and pan (the outlines are
  // cached per drawing, so the same picture gives the same array and the layer is skipped);
  // the markers also with the filter: a time-window change redraws only their canvas.
  const frame = useMemo(() => {
    if (size.width <= 0 || !prepared) return undefined
    const projection = fitProjection(size, fitTo, view)
    return {
      projection,
      countries: world ? countryShapes(world, projection, { digits: OUTLINE_DIGITS }) : [],
    }
  }, [world, size, fitTo, view, prepared])
  const markers = useMemo(
    () => (frame ? layoutMarkers(model, frame.projection) : []),
    [frame, model],
  )
  const eventById = useMemo(() => {
    const byId = new Map<string, MapEvent>()
    for (const e of events ?? []) byId.set(e.id, e)
    return byId
  }, [events])
  const selectedPlaces = useMemo(() => {
    const e = selectedEventId ? eventById.get(selectedEventId) : undefined
    return new Set(e ? eventPlaceIds(e) : [])
  }, [selectedEventId, eventById])
  const caseTitle = cases?.find((c) => c.id === caseId)?.title ?? 'case'
  const onOpen = useCallback((ids: string[]) => setOpenMarker(ids), [])

  // The listed place's events, those the filter keeps.
  const listed = useMemo(() => {
    if (!openMarker) return undefined
    const places = model.places.filter((p) => openMarker.includes(p.id))
    const ids = new Set(places.flatMap((p) => p.eventIds))
    return {
      names: places.map((p) => p.name),
      events: [...ids].map((id) => eventById.get(id)).filter((e): e is MapEvent => !!e),
    }
  }, [openMarker, model, eventById])
  const unplacedListed = useMemo(() => model.unplaced.slice(0, UNPLACED_LISTED), [model])
  // Evidence only for the events listed beside the map (not the whole case's, which a large
  // case would read and sort on every window change), and document titles only once a
  // place's events are listed.
  const evidenceOf = useMemo(
    () => [...(listed?.events ?? []), ...unplacedListed],
    [listed, unplacedListed],
  )
  const evidence = useEvidence(evidenceOf)
  const documents = useDocuments(listed ? caseId : undefined)
  const docTitles = useMemo(
    () => new Map((documents ?? []).map((d) => [d.id, d.title])),
    [documents],
  )

  function zoomBy(f: number) {
    setView((v) => ({ zoom: Math.min(64, Math.max(0.5, v.zoom * f)), dx: v.dx * f, dy: v.dy * f }))
  }
  function panBy(dx: number, dy: number) {
    setView((v) => ({ ...v, dx: v.dx + dx, dy: v.dy + dy }))
  }
  function onMapKey(e: KeyboardEvent) {
    const k = e.key
    const step = 60
    if (k === '+' || k === '=') zoomBy(1.5)
    else if (k === '-' || k === '_') zoomBy(1 / 1.5)
    else if (k === '0') setView(FIT)
    else if (k === 'ArrowLeft') panBy(step, 0)
    else if (k === 'ArrowRight') panBy(-step, 0)
    else if (k === 'ArrowUp') panBy(0, step)
    else if (k === 'ArrowDown') panBy(0, -step)
    else if (k === 'Escape' && pin) requestPin(undefined)
    else return
    e.preventDefault()
  }

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    if ((e.target as Element).closest('[data-marker]')) return
    drag.current = { x: e.clientX, y: e.clientY, view, moved: false }
    e.currentTarget.setPointerCapture(e.pointerId)
  }
  function onPointerMove(e: PointerEvent<HTMLDivElement>) {
    const d = drag.current
    if (!d) return
    const dx = e.clientX - d.x
    const dy = e.clientY - d.y
    if (!d.moved && Math.hypot(dx, dy) < 4) return
    d.moved = true
    setView({ ...d.view, dx: d.view.dx + dx, dy: d.view.dy + dy })
  }
  function onPointerUp(e: PointerEvent<HTMLDivElement>) {
    const d = drag.current
    drag.current = undefined
    if (!d || d.moved || !pin || !frame || !stage.current) return
    const rect = stage.current.getBoundingClientRect()
    const lonLat = frame.projection.invert?.([e.clientX - rect.left, e.clientY - rect.top])
    if (!lonLat || !Number.isFinite(lonLat[0]) || !Number.isFinite(lonLat[1])) {
      notify('That is off the map: click on the land or sea shown.', 'error')
      return
    }
    const [lon, lat] = lonLat
    setEntityPlace(getDb(), pin.entityId, pinnedPlace(lat, lon, Date.now())).then(
      () => {
        notify(`${pin.name} pinned at ${formatLatLon(lat, lon)}.`, 'success')
        requestPin(undefined)
      },
      (err: unknown) => notify(`${pin.name} was not pinned: ${errorMessage(err)}`, 'error'),
    )
  }

  function showEvidence(event: MapEvent) {
    selectEvent(event.id)
    const first = event.evidence
      .map((id) => evidence?.get(id))
      .find((a) => a && a.anchor?.status !== 'orphan')
    if (first) openDocument(first.docId, { start: first.start, end: first.end })
  }

  async function exportAs(format: 'svg' | 'png' | 'geojson') {
    try {
      let data: Uint8Array
      let mime: string
      if (format === 'geojson') {
        const shown = new Set([
          ...model.places.flatMap((p) => p.eventIds),
          ...model.unplaced.map((e) => e.id),
        ])
        // The whole records (their times' bands and zones too, the actors' names), read from
        // the store, in the map's order.
        const ids = (events ?? []).filter((e) => shown.has(e.id)).map((e) => e.id)
        const db = getDb()
        const [found, entityList] = await db.transaction('r', db.events, db.entities, () =>
          Promise.all([
            db.events.bulkGet(ids),
            db.entities.where('caseId').equals(caseId).toArray(),
          ]),
        )
        const list = found.filter((e): e is EventRecord => !!e && e.caseId === caseId)
        const entities = new Map(entityList.map((e) => [e.id, e]))
        data = new TextEncoder().encode(JSON.stringify(eventsToGeoJson(list, entities), null, 1))
        mime = 'application/geo+json'
      } else {
        const figure = mapToSvg(world, model, { ...FIGURE_SIZE, title: `${caseTitle}: map` })
        if (format === 'svg') {
          data = new TextEncoder().encode(figure)
          mime = 'image/svg+xml'
        } else {
          const { svgToPngBlob } = await import('../graph/export/graph-png')
          const blob = await svgToPngBlob(figure, FIGURE_SIZE.width, FIGURE_SIZE.height, 2)
          data = new Uint8Array(await blob.arrayBuffer())
          mime = 'image/png'
        }
      }
      const base = caseTitle.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'case'
      const name = format === 'geojson' ? `${base} events.geojson` : `${base} map.${format}`
      const saved = await getPlatform().saveFile({
        title:
          format === 'geojson'
            ? 'Export the events as GeoJSON'
            : `Export the map as ${format.toUpperCase()}`,
        suggestedName: name,
        mime,
        data,
      })
      if (saved) notify(`Exported ${name}.`, 'success')
    } catch (e) {
      notify(`The map was not exported: ${errorMessage(e)}`, 'error')
    }
  }

  const placedCount = model.shown - model.unplaced.length
  const empty = prepared
    ? mapEmptyState(prepared.events.length, prepared.places.length, model)
    : undefined
  return (
    <section className="map-pane" aria-label="Map" data-testid="map-pane">
      <div className="map-toolbar">
        <label title="Show only the events in the timeline’s window">
          <input
            type="checkbox"
            data-testid="map-follow"
            checked={follow}
            onChange={(e) => {
              setFollow(e.target.checked)
              void writeSetting(FOLLOW_KEY, e.target.checked)
            }}
          />{' '}
          Follow timeline
        </label>
        <button type="button" onClick={() => zoomBy(1.5)} aria-label="Zoom in" title="Zoom in (+)">
          +
        </button>
        <button
          type="button"
          onClick={() => zoomBy(1 / 1.5)}
          aria-label="Zoom out"
          title="Zoom out (−)"
        >
          −
        </button>
        <button type="button" onClick={() => setView(FIT)} title="Fit the case’s places (0)">
          Fit
        </button>
        <span className="map-export" role="group" aria-label="Export">
          <button type="button" data-testid="map-export-svg" onClick={() => void exportAs('svg')}>
            SVG
          </button>
          <button type="button" data-testid="map-export-png" onClick={() => void exportAs('png')}>
            PNG
          </button>
          <button
            type="button"
            data-testid="map-export-geojson"
            title="The events on the map as GeoJSON (RFC 7946)"
            onClick={() => void exportAs('geojson')}
          >
            GeoJSON
          </button>
        </span>
        <span className="map-counts" data-testid="map-counts">
          {!prepared ? (
            'Reading the case’s events…'
          ) : (
            <>
              {plural(placedCount, 'event')} at {plural(model.places.length, 'place')}
              {model.hidden ? ` · ${model.hidden} outside the window or focus` : ''}
            </>
          )}
        </span>
        <button
          type="button"
          className="map-close"
          onClick={() => setMapShown(false)}
          aria-label="Hide the map"
        >
          ×
        </button>
      </div>
      {pin && (
        <p className="map-pin-banner" role="status" data-testid="map-pin-banner">
          Click the map where {pin.name} is (Escape cancels).{' '}
          <button type="button" onClick={() => requestPin(undefined)}>
            Cancel
          </button>
        </p>
      )}
      <div className="map-main">
        <div className="map-body" ref={box}>
          {readError && (
            <p className="map-empty" role="alert" data-testid="map-read-error">
              The case’s events could not be read ({readError}); close the map and show it again to
              retry.
            </p>
          )}
          {worldError && (
            <p className="map-empty" role="alert">
              The world outlines did not load ({worldError}); reload the app to try again.
            </p>
          )}
          {frame && (
            <div
              ref={stage}
              className={pin ? 'map-stage pinning' : 'map-stage'}
              style={{ width: size.width, height: size.height }}
              role="group"
              aria-label="Map of the events (+/− zoom, arrows pan, 0 fits)"
              tabIndex={0}
              data-testid="map-stage"
              onKeyDown={onMapKey}
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onWheel={(e) => zoomBy(e.deltaY < 0 ? 1.2 : 1 / 1.2)}
            >
              <Outlines width={size.width} height={size.height} shapes={frame.countries} />
              <MarkerLayer
                markers={markers}
                width={size.width}
                height={size.height}
                selectedPlaces={selectedPlaces}
                openPlaces={openMarker}
                onOpen={onOpen}
              />
            </div>
          )}
          {empty?.overlay && !worldError && !readError && (
            <p className="map-empty map-overlay" data-testid="map-empty">
              {empty.overlay}
            </p>
          )}
        </div>
        <aside className="map-side" aria-label="Map details">
          {listed && (
            <div data-testid="map-place-details" className="map-place-details">
              <h3>
                {listed.names.join(', ')}{' '}
                <button type="button" aria-label="Close" onClick={() => setOpenMarker(undefined)}>
                  ×
                </button>
              </h3>
              {listed.events.length === 0 ? (
                <p>No events here in the timeline’s window.</p>
              ) : (
                <ul>
                  {listed.events.map((e) => (
                    <li key={e.id} data-testid="map-place-event">
                      <button
                        type="button"
                        className="linkish"
                        aria-pressed={e.id === selectedEventId}
                        onClick={() => showEvidence(e)}
                      >
                        {e.title}
                      </button>
                      {e.evidence.map((id) => {
                        const a = evidence?.get(id)
                        if (!a) return null
                        return (
                          <blockquote key={id}>
                            <button
                              type="button"
                              className="quote"
                              data-testid="map-evidence"
                              title={docTitles.get(a.docId)}
                              onClick={() => {
                                selectEvent(e.id)
                                openDocument(a.docId, { start: a.start, end: a.end })
                              }}
                            >
                              {a.exact}
                            </button>
                          </blockquote>
                        )
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div data-testid="map-unplaced" className="map-unplaced">
            <h3>Without a place ({model.unplaced.length})</h3>
            {model.unplaced.length === 0 ? (
              <p className="muted" data-testid="map-unplaced-empty">
                {empty?.listEmpty ?? 'Reading the case’s events…'}
              </p>
            ) : (
              <ul>
                {unplacedListed.map((e) => (
                  <li key={e.id}>
                    <button
                      type="button"
                      className="linkish"
                      data-testid="map-unplaced-event"
                      aria-pressed={e.id === selectedEventId}
                      onClick={() => showEvidence(e)}
                    >
                      {e.title}
                    </button>
                  </li>
                ))}
                {model.unplaced.length > UNPLACED_LISTED && (
                  <li>… and {model.unplaced.length - UNPLACED_LISTED} more</li>
                )}
              </ul>
            )}
          </div>
        </aside>
      </div>
    </section>
  )
}

/**
 * The sea and the countries' outlines, an SVG layer of its own under the markers' canvas:
 * memoised on the (cached) outlines, so a filter or window change does not touch its DOM,
 * and the browser does not lay it out or paint it again. Hovering a country names it.
 */
const Outlines = memo(function Outlines({
  width,
  height,
  shapes,
}: {
  width: number
  height: number
  shapes: CountryShape[]
}) {
  return (
    <svg className="map-svg" width={width} height={height} data-testid="map-svg">
      <rect width={width} height={height} className="map-sea" />
      <g className="map-countries">
        {shapes.map((c, i) => (
          <path key={i} d={c.d}>
            <title>{c.name}</title>
          </path>
        ))}
      </g>
    </svg>
  )
})
