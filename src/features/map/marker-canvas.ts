/**
 * Draws the map's markers on a 2D canvas, as the pane's SVG drew them (and as the exported
 * figure, briefing/map-svg.ts, still does): a filled dot for a point, the dot and a dashed
 * circle of its radius for "near", a hollow ring at the centroid for a region or country, a
 * cluster as a dot with its count; sized by the number of events, coloured by conflict or
 * cooperation (`EDGE_COLOURS`); the selected event's places ringed in blue, the opened marker
 * outlined; each labelled with its place's name (or "3 places"), on the left when it would
 * run off the right edge. One canvas replaces a few thousand SVG nodes: a time-window change
 * redraws the picture in a few milliseconds instead of making the browser lay out and paint
 * them again. What the analyst clicks and tabs to are the buttons laid over each marker
 * (MarkerLayer.tsx).
 */
import type { DrawnMarker } from '../../domain/geo/map-layout'
import { EDGE_COLOURS, estimateTextWidth } from '../../figures/figure-kit'

/** The colours and widths of map.css's former SVG marker classes. */
export const MARKER_STYLE = {
  dotOpacity: 0.85,
  dotStroke: '#fff',
  dotStrokeWidth: 1,
  areaFill: '#fff',
  areaOpacity: 0.7,
  areaStrokeWidth: 2.2,
  nearStrokeWidth: 1.2,
  nearDash: [4, 3],
  selectedStroke: '#2563eb',
  selectedStrokeWidth: 2.5,
  /** The ring around a selected marker, beyond its radius. */
  selectedGap: 5,
  openStroke: '#111827',
  openStrokeWidth: 2,
  label: '#111827',
  labelHalo: '#fff',
  labelHaloWidth: 3,
  labelSize: 11,
  countSize: 10,
} as const

/** What is drawn around the markers. */
export interface MarkerPaint {
  width: number
  height: number
  /** Device pixels per CSS pixel (the canvas is that much larger than its box). */
  ratio: number
  /** The page's font family (canvas text does not inherit it). */
  fontFamily: string
  /** Whether a marker holds one of the selected event's places. */
  selected(marker: DrawnMarker): boolean
  /** Whether a marker is the one whose events are listed. */
  open(marker: DrawnMarker): boolean
}

/** The name beside a marker: its place's, or "3 places" for a cluster. */
export function markerName(m: DrawnMarker): string {
  return m.places.length === 1 ? m.places[0]!.name : `${m.places.length} places`
}

/** Whether the name goes on the left of the marker (it would run off the right edge). */
export function labelOnLeft(m: DrawnMarker, width: number): boolean {
  return m.x + m.r + 3 + estimateTextWidth(markerName(m), MARKER_STYLE.labelSize) > width
}

function circle(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath()
  ctx.arc(x, y, r, 0, 2 * Math.PI)
}

/** Clears `ctx`'s canvas and draws `markers` in order (later ones on top). */
export function drawMarkers(
  ctx: CanvasRenderingContext2D,
  markers: readonly DrawnMarker[],
  paint: MarkerPaint,
): void {
  const s = MARKER_STYLE
  ctx.setTransform(paint.ratio, 0, 0, paint.ratio, 0, 0)
  ctx.clearRect(0, 0, paint.width, paint.height)
  ctx.lineJoin = 'miter'
  ctx.miterLimit = 4
  for (const m of markers) {
    const colour = EDGE_COLOURS[m.family]
    const open = paint.open(m)
    if (m.style === 'near' && m.nearR !== undefined) {
      circle(ctx, m.x, m.y, m.nearR)
      ctx.setLineDash(s.nearDash)
      ctx.lineWidth = s.nearStrokeWidth
      ctx.strokeStyle = colour
      ctx.stroke()
      ctx.setLineDash([])
    }
    if (paint.selected(m)) {
      circle(ctx, m.x, m.y, m.r + s.selectedGap)
      ctx.lineWidth = s.selectedStrokeWidth
      ctx.strokeStyle = s.selectedStroke
      ctx.stroke()
    }
    circle(ctx, m.x, m.y, m.r)
    if (m.style === 'area') {
      ctx.globalAlpha = s.areaOpacity
      ctx.fillStyle = s.areaFill
      ctx.fill()
      ctx.globalAlpha = 1
      ctx.lineWidth = open ? s.openStrokeWidth : s.areaStrokeWidth
      ctx.strokeStyle = open ? s.openStroke : colour
    } else {
      ctx.globalAlpha = s.dotOpacity
      ctx.fillStyle = colour
      ctx.fill()
      ctx.globalAlpha = 1
      ctx.lineWidth = open ? s.openStrokeWidth : s.dotStrokeWidth
      ctx.strokeStyle = open ? s.openStroke : s.dotStroke
    }
    ctx.stroke()
    if (m.places.length > 1) {
      ctx.font = `${s.countSize}px ${paint.fontFamily}`
      ctx.textAlign = 'center'
      ctx.fillStyle = '#fff'
      ctx.fillText(String(m.count), m.x, m.y + 4)
    }
    const left = labelOnLeft(m, paint.width)
    const x = left ? m.x - m.r - 3 : m.x + m.r + 3
    const name = markerName(m)
    ctx.font = `${s.labelSize}px ${paint.fontFamily}`
    ctx.textAlign = left ? 'end' : 'start'
    // The halo first, then the letters (SVG's paint-order: stroke).
    ctx.lineWidth = s.labelHaloWidth
    ctx.strokeStyle = s.labelHalo
    ctx.strokeText(name, x, m.y + 4)
    ctx.fillStyle = s.label
    ctx.fillText(name, x, m.y + 4)
  }
}

/** What marker labels are mostly made of: place names' letters, counts, "3 places". */
const WARM_TEXT = 'Place places 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz'

/**
 * Draws the labels' characters once, in the markers' fonts and halo, on a throw-away context:
 * the first text a page draws on a canvas resolves the font and rasterises its glyphs, tens
 * of milliseconds that the map pane spends while the case's records are still being read
 * instead of in its first draw (the caches are the page's, not the canvas's).
 */
export function warmMarkerText(ctx: CanvasRenderingContext2D, fontFamily: string): void {
  const s = MARKER_STYLE
  ctx.lineWidth = s.labelHaloWidth
  for (const size of [s.labelSize, s.countSize]) {
    ctx.font = `${size}px ${fontFamily}`
    ctx.strokeText(WARM_TEXT, 0, 0)
    ctx.fillText(WARM_TEXT, 0, 0)
  }
}
