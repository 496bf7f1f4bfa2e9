/**
 * The map's markers: drawn on one canvas (marker-canvas.ts), with a transparent round button
 * laid over each marker. The buttons are what the analyst clicks, tabs to (Enter or Space
 * opens the marker's events) and hovers (the tooltip names the places and counts their
 * events), and what a screen reader announces; the browser hit-tests them, round like the
 * marker under them. Drawn in a layout effect, so the canvas and the buttons always show the
 * same markers in the same frame. Memoised: a re-render of the pane that leaves the markers,
 * the selection and the opened marker alone touches neither.
 */
import { memo, useLayoutEffect, useRef } from 'react'
import type { DrawnMarker } from '../../domain/geo/map-layout'
import type { MapMarker } from '../../domain/geo/map-model'
import { drawMarkers } from './marker-canvas'

/** The tooltip and accessible name of a marker: its places and how many events. */
export function markerLabel(m: MapMarker): string {
  const names = m.places.map((p) => p.name).join(', ')
  return `${names}: ${m.count} event${m.count === 1 ? '' : 's'}`
}

function isSelected(m: DrawnMarker, places: ReadonlySet<string>): boolean {
  return m.places.some((p) => places.has(p.id))
}

function isOpen(m: DrawnMarker, places: readonly string[] | undefined): boolean {
  return !!places && m.places.some((p) => places.includes(p.id))
}

/** The markers on their canvas, with a button over each (see the module comment). */
export const MarkerLayer = memo(function MarkerLayer({
  markers,
  width,
  height,
  selectedPlaces,
  openPlaces,
  onOpen,
}: {
  markers: readonly DrawnMarker[]
  width: number
  height: number
  /** The selected event's places (ringed). */
  selectedPlaces: ReadonlySet<string>
  /** The places whose events are listed (outlined). */
  openPlaces: readonly string[] | undefined
  /** Lists the events of these places. */
  onOpen(placeIds: string[]): void
}) {
  const canvas = useRef<HTMLCanvasElement>(null)
  // Read once: getComputedStyle on every draw would lay out the page's new DOM there and then.
  const font = useRef<string>(undefined)
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1
  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext('2d')
    if (!ctx) return
    drawMarkers(ctx, markers, {
      width,
      height,
      ratio,
      fontFamily: (font.current ??= getComputedStyle(canvas.current!).fontFamily || 'sans-serif'),
      selected: (m) => isSelected(m, selectedPlaces),
      open: (m) => isOpen(m, openPlaces),
    })
  }, [markers, width, height, ratio, selectedPlaces, openPlaces])

  return (
    <>
      <canvas
        ref={canvas}
        className="map-canvas"
        aria-hidden="true"
        width={Math.round(width * ratio)}
        height={Math.round(height * ratio)}
        style={{ width, height }}
        data-testid="map-canvas"
      />
      <div className="map-hits">
        {markers.map((m) => (
          <MarkerButton
            key={m.id}
            marker={m}
            selected={isSelected(m, selectedPlaces)}
            open={isOpen(m, openPlaces)}
            onOpen={onOpen}
          />
        ))}
      </div>
    </>
  )
})

const MarkerButton = memo(function MarkerButton({
  marker: m,
  selected,
  open,
  onOpen,
}: {
  marker: DrawnMarker
  selected: boolean
  open: boolean
  onOpen(placeIds: string[]): void
}) {
  const label = markerLabel(m)
  return (
    <button
      type="button"
      className="map-marker"
      aria-label={label}
      aria-pressed={open}
      title={label}
      data-marker
      data-testid="map-marker"
      data-places={m.places.map((p) => p.name).join('|')}
      data-style={m.style}
      data-selected={selected ? 'true' : undefined}
      style={{ left: m.x - m.r, top: m.y - m.r, width: 2 * m.r, height: 2 * m.r }}
      onClick={() => onOpen(m.places.map((p) => p.id))}
    />
  )
})
