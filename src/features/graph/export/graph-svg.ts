/**
 * Draws the actor graph as a standalone SVG document, off screen and at a size the analyst
 * chooses, for briefs and reports: the on-screen panel is interactive and clips to its
 * viewport, while an export must show every node, legibly, on a white page, and look the same
 * every time (the same model and positions give the same string, byte for byte, so an export
 * can be compared or cached). Pure string building: no DOM, no canvas, no clock, so it runs in
 * Node tests and in a worker alike; `graph-png.ts` rasterises the result.
 *
 * How the picture is fitted. Layout positions come in any scale (see `graph-layout/layout.ts`),
 * so they are normalised and fitted into the box with one uniform scale, centred, inside the
 * margin and inset by the largest node radius and room for the labels, below the title and
 * above the legend. Decisions worth knowing:
 * - A node without a (finite) position is not dropped: such nodes sit on one or more rows at
 *   the bottom of the drawing, above the legend, in model order.
 * - Nodes that share exactly the same position are spread on a small ring around it (all of
 *   them, when every node shares one point), and nodes the fit puts on top of each other are
 *   then pushed apart (`separate`), so that none hides another.
 * - Whatever the box, every node's shape is finally clamped inside it: with a box too small
 *   for the title, legend and rows, nodes overlap rather than fall off the page.
 * - Edges whose ends are not both nodes, and self-loops, are not drawn (the model makes
 *   neither).
 * - Edge labels are all left out when there are more than `EDGE_LABEL_LIMIT` edges: past that
 *   they cover each other and the nodes, and the legend plus the panel's tooltips say more.
 * - Node labels longer than `MAX_LABEL_CHARS` are shortened with "…"; the full text stays in
 *   the node's `<title>` (a tooltip where the SVG is viewed).
 * - Names print at `PRINT_LABEL_PT` pt or more at the figure's printed width (`labelFontSize`;
 *   17 px in the briefing's 1000 px figure across its 170 mm column, 8.2 pt), the other texts
 *   in proportion. Each name goes below, above, right or left of its disc, or nudged further,
 *   where it overlaps no other name and no shape (`figures/label-placement.ts`; a name pushed
 *   away gets a thin leader line). When some name finds no free spot, the figure is drawn
 *   again taller, with more room between nodes, up to `maxHeight` (by default what one printed
 *   page holds): the SVG's own `height` then exceeds the asked one (`graphSvgSize` reads it
 *   back). A graph too crowded even then keeps some overlaps rather than leave the page.
 * - An edge label moves along its edge, or just beside it, off the names, the shapes and the
 *   other edge labels; where no spot is free it is left out rather than printed illegibly over
 *   another text (the edge's colour and the legend still tell its family).
 * Every piece of text from the case (labels, ids, the title) is XML-escaped, and characters
 * XML cannot carry are removed, so a label can never become markup.
 */
import type { EventFamily } from '../../../domain/event-types'
import type { GraphEdge, GraphModel, GraphNode } from '../../../domain/graph-model'
import type { EntityKind } from '../../../domain/types'
import {
  DEFAULT_FONT_FAMILY,
  EDGE_COLOURS,
  NODE_COLOURS,
  TEXT_COLOUR,
  escapeXml,
  num,
  roughTextWidth,
} from '../../../figures/figure-kit'
import {
  LABEL_ASCENT,
  LABEL_GAP,
  boxHitsDisc,
  boxesOverlap,
  labelBoxSize,
  placeLabels,
  type LabelBox,
  type LabelDisc,
} from '../../../figures/label-placement'

/** Above this many drawn edges, edge labels are left out (see the module comment). */
export const EDGE_LABEL_LIMIT = 60

/** Where along an edge (0 its start, 1 its end) its label may go, in order of preference. */
const EDGE_LABEL_SPOTS = [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8]

/** Node labels longer than this many characters are shortened with "…". */
export const MAX_LABEL_CHARS = 40

/** A position in layout units (any scale). */
export interface GraphPoint {
  x: number
  y: number
}

/** How `graphToSvg` draws. */
export interface GraphSvgOptions {
  /** Width of the picture in px (finite, > 0). */
  width: number
  /** Height of the picture in px (finite, > 0). */
  height: number
  /** Drawn at the top, and the document's `<title>`. */
  title?: string
  /** Blank border in px (default 40; at most an eighth of the smaller side). */
  margin?: number
  /** CSS font stack (default `DEFAULT_FONT_FAMILY`). */
  fontFamily?: string
  /**
   * The width in mm the figure is printed at (default `DEFAULT_PRINT_WIDTH_MM`, the A4 text
   * column of the printed briefing); the names are sized to at least `PRINT_LABEL_PT` there.
   */
  printWidthMm?: number
  /**
   * The tallest the figure may grow, px, to make room for its names (default: one printed
   * page of the column, `PRINT_PAGE_HEIGHT_MM` at `printWidthMm`, but never less than `height`).
   */
  maxHeight?: number
}

/** Node names print at least this many points at the figure's printed width. */
export const PRINT_LABEL_PT = 8
/** The A4 briefing's text column: 210 mm less 20 mm margins each side. */
export const DEFAULT_PRINT_WIDTH_MM = 170
/** Names are never smaller than this many px (the on-screen panel's minimum). */
export const MIN_LABEL_PX = 12
/** The A4 briefing's text height less a caption: 297 mm less 46 mm margins, less 11 mm. */
export const PRINT_PAGE_HEIGHT_MM = 240

/**
 * The node-name font size in px for a figure `width` px wide printed `printWidthMm` wide: at
 * least `PRINT_LABEL_PT` pt there and at least `MIN_LABEL_PX` px (17 px, 8.2 pt, for the
 * briefing's 1000 px figure in its 170 mm column).
 */
export function labelFontSize(width: number, printWidthMm = DEFAULT_PRINT_WIDTH_MM): number {
  const mm =
    Number.isFinite(printWidthMm) && printWidthMm > 0 ? printWidthMm : DEFAULT_PRINT_WIDTH_MM
  const printedPt = (mm / 25.4) * 72
  return Math.max(MIN_LABEL_PX, Math.ceil((PRINT_LABEL_PT * width) / printedPt))
}

/** The width and height a `graphToSvg` document declares (its height may exceed the asked). */
export function graphSvgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? ''
  const read = (name: string) => Number(new RegExp(`\\s${name}="([^"]*)"`).exec(root)?.[1])
  return { width: read('width'), height: read('height') }
}

const DEFAULT_MARGIN = 40
const MIN_RADIUS = 6
const MAX_RADIUS = 28
const MAX_STROKE = 6
/** Perpendicular distance between the middles of parallel edges joining one pair. */
const PAIR_SPACING = 16
/** The arrowhead's length, in stroke widths (`markerUnits="strokeWidth"`). */
const ARROW_LENGTH = 4
/** The font sizes (px) the other texts had beside 11 px names; they scale with the names. */
const BASE_NODE_FONT = 11
const BASE_EDGE_FONT = 9
const BASE_LEGEND_FONT = 10
const BASE_TITLE_FONT = 16

/** The figure's font sizes and the bands that follow from them, px. */
interface Fonts {
  node: number
  edge: number
  legend: number
  legendRow: number
  title: number
  titleBand: number
  /** Vertical room under a node for its name. */
  labelBand: number
}

function fontsFor(nodeFont: number): Fonts {
  const k = nodeFont / BASE_NODE_FONT
  const legend = Math.round(BASE_LEGEND_FONT * k)
  const title = Math.round(BASE_TITLE_FONT * k)
  return {
    node: nodeFont,
    edge: Math.round(BASE_EDGE_FONT * k),
    legend,
    legendRow: legend + 6,
    title,
    titleBand: title + 12,
    labelBand: Math.ceil(nodeFont * 1.2) + 6,
  }
}
const LEGEND_PAD = 6
const NODE_STROKE = '#ffffff'
const EDGE_TEXT_COLOUR = '#374151'
const MARKER_PREFIX = 'casefile-graph-arrow-'
const FAMILIES: readonly EventFamily[] = ['conflict', 'cooperation', 'neutral']
const KINDS: readonly EntityKind[] = [
  'state',
  'organisation',
  'person',
  'group',
  'location',
  'other',
]

function chars(text: string): string[] {
  return Array.from(text)
}

function shorten(label: string): string {
  const all = chars(label)
  return all.length > MAX_LABEL_CHARS ? all.slice(0, MAX_LABEL_CHARS - 1).join('') + '…' : label
}

/** The drawn radius of a node (half the side for a location's square). */
export function nodeRadius(eventCount: number): number {
  const count = Number.isFinite(eventCount) && eventCount > 0 ? eventCount : 0
  return Math.min(MIN_RADIUS + 4 * Math.sqrt(count), MAX_RADIUS)
}

/** The stroke width of an edge standing for `count` events. */
export function edgeWidth(count: number): number {
  const n = Number.isFinite(count) && count > 1 ? count : 1
  return Math.min(1.5 + Math.log2(n), MAX_STROKE)
}

function finitePoint(p: GraphPoint | undefined): p is GraphPoint {
  return !!p && Number.isFinite(p.x) && Number.isFinite(p.y)
}

interface Box {
  left: number
  top: number
  right: number
  bottom: number
}

/** A box whose inverted sides (too little room) collapse onto their middle. */
function normaliseBox(box: Box): Box {
  const out = { ...box }
  if (out.right < out.left) out.left = out.right = (box.left + box.right) / 2
  if (out.bottom < out.top) out.top = out.bottom = (box.top + box.bottom) / 2
  return out
}

interface Bounds {
  minX: number
  maxX: number
  minY: number
  maxY: number
}

function boundsOf(points: Iterable<GraphPoint>): Bounds {
  const b = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity }
  for (const p of points) {
    b.minX = Math.min(b.minX, p.x)
    b.maxX = Math.max(b.maxX, p.x)
    b.minY = Math.min(b.minY, p.y)
    b.maxY = Math.max(b.maxY, p.y)
  }
  return b
}

/** The uniform scale that fits `bounds` into `box` (0 when `bounds` is a point). */
function fitScale(bounds: Bounds, box: Box): number {
  const bw = bounds.maxX - bounds.minX
  const bh = bounds.maxY - bounds.minY
  const sx = bw > 0 ? (box.right - box.left) / bw : Infinity
  const sy = bh > 0 ? (box.bottom - box.top) / bh : Infinity
  const s = Math.min(sx, sy)
  return Number.isFinite(s) ? s : 0
}

/**
 * Positions in layout units, divided by their largest magnitude so that huge coordinates
 * cannot overflow when subtracted, with coincident nodes spread on rings (see the module
 * comment). `ringPx` is the ring radius wanted in px for `k` nodes; `box` is the area their
 * centres must fit.
 */
function spreadPositions(
  nodes: GraphNode[],
  positions: Record<string, GraphPoint>,
  box: Box,
  ringPx: (k: number) => number,
): Map<string, GraphPoint> {
  let magnitude = 0
  for (const n of nodes) {
    const p = positions[n.id] as GraphPoint
    magnitude = Math.max(magnitude, Math.abs(p.x), Math.abs(p.y))
  }
  const k = magnitude > 0 ? magnitude : 1
  const out = new Map<string, GraphPoint>()
  const groups = new Map<string, string[]>()
  for (const n of nodes) {
    const p = positions[n.id] as GraphPoint
    const q = { x: p.x / k, y: p.y / k }
    out.set(n.id, q)
    const key = `${q.x},${q.y}`
    const group = groups.get(key)
    if (group) group.push(n.id)
    else groups.set(key, [n.id])
  }
  if (groups.size === nodes.length) return out

  // Ring radius in layout units: everything shares one point → unit rings, which the fit
  // then scales to the box; otherwise the px wanted, converted at the scale before spreading.
  const scale = groups.size === 1 ? 0 : fitScale(boundsOf(out.values()), box)
  for (const ids of groups.values()) {
    if (ids.length < 2) continue
    const centre = out.get(ids[0] as string) as GraphPoint
    const radius = scale > 0 ? ringPx(ids.length) / scale : 1
    ids.forEach((id, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / ids.length
      out.set(id, {
        x: centre.x + radius * Math.cos(angle),
        y: centre.y + radius * Math.sin(angle),
      })
    })
  }
  return out
}

interface LegendItem {
  label: string
  width: number
  draw: (x: number, y: number) => string
}

interface LegendLayout {
  height: number
  width: number
  rows: { item: LegendItem; x: number; y: number }[]
}

const SWATCH = 24

function legendItems(kinds: EntityKind[], fonts: Fonts): LegendItem[] {
  const line =
    (colour: string, extra = '') =>
    (x: number, y: number) =>
      `<line x1="${num(x)}" y1="${num(y)}" x2="${num(x + SWATCH)}" y2="${num(y)}" stroke="${colour}" stroke-width="2"${extra}/>`
  const items: { label: string; draw: (x: number, y: number) => string }[] = [
    ...FAMILIES.map((family) => ({ label: family, draw: line(EDGE_COLOURS[family]) })),
    {
      label: 'directed',
      draw: (x: number, y: number) =>
        `<line x1="${num(x)}" y1="${num(y)}" x2="${num(x + SWATCH - 2 * ARROW_LENGTH)}" y2="${num(y)}" stroke="${EDGE_COLOURS.neutral}" stroke-width="2" marker-end="url(#${MARKER_PREFIX}neutral)"/>`,
    },
    { label: 'undirected', draw: line(EDGE_COLOURS.neutral) },
    { label: 'relation', draw: line(EDGE_COLOURS.neutral, ' stroke-dasharray="6 4"') },
    ...kinds.map((kind) => ({
      label: kind,
      draw: (x: number, y: number) => nodeShape(kind, x + SWATCH / 2, y, 5),
    })),
  ]
  return items.map((item) => ({
    ...item,
    width: SWATCH + 6 + roughTextWidth(item.label, fonts.legend) + 14,
  }))
}

/** Flows the legend's items into rows no wider than `maxWidth`. */
function layoutLegend(items: LegendItem[], maxWidth: number, row: number): LegendLayout {
  const rows: LegendLayout['rows'] = []
  let x = 0
  let y = 0
  let width = 0
  for (const item of items) {
    if (x > 0 && x + item.width > maxWidth) {
      x = 0
      y += row
    }
    rows.push({ item, x, y })
    x += item.width
    width = Math.max(width, x)
  }
  return { rows, width: width + 2 * LEGEND_PAD, height: y + row + 2 * LEGEND_PAD }
}

function nodeShape(kind: EntityKind, x: number, y: number, r: number): string {
  const fill = NODE_COLOURS[kind] ?? NODE_COLOURS.other
  if (kind === 'location') {
    return `<rect x="${num(x - r)}" y="${num(y - r)}" width="${num(2 * r)}" height="${num(2 * r)}" rx="${num(r / 3)}" fill="${fill}" stroke="${NODE_STROKE}" stroke-width="1.5"/>`
  }
  return `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}" fill="${fill}" stroke="${NODE_STROKE}" stroke-width="1.5"/>`
}

/** Distance from a shape's centre to its outline along the unit direction (ux, uy). */
function outlineDistance(kind: EntityKind, r: number, ux: number, uy: number): number {
  if (kind !== 'location') return r
  const m = Math.max(Math.abs(ux), Math.abs(uy))
  return m > 0 ? r / m : r
}

function unit(dx: number, dy: number): GraphPoint {
  const length = Math.hypot(dx, dy)
  return length > 1e-9 ? { x: dx / length, y: dy / length } : { x: 1, y: 0 }
}

interface Placed {
  node: GraphNode
  x: number
  y: number
  r: number
}

/** The gap `separate` leaves between two nodes' outlines. */
const NODE_GAP = 4
/** Rounds of `separate` after which pairs still overlapping are pushed at a turn. */
const STUCK_ROUNDS = 10
/** How many pair checks `separate` may spend, so that huge graphs still export quickly. */
const SEPARATION_BUDGET = 20_000_000

/**
 * Pushes overlapping nodes apart until their outlines are `gap` apart, keeping each
 * shape inside `limits`. A faithful fit can put nodes on top of each other (a layout with one
 * far outlier squeezes the rest into a few pixels), and an export must show every node. The
 * pushes are symmetric and the order fixed, so the result stays deterministic; nodes at the
 * very same point part along a fixed angle per pair. Gives up after a bounded number of
 * rounds: when the box is too small for the nodes, some overlap remains.
 */
function separate(nodes: Placed[], limits: Box, gap = NODE_GAP): void {
  const pairs = (nodes.length * (nodes.length - 1)) / 2
  const rounds = pairs > 0 ? Math.max(1, Math.min(60, Math.floor(SEPARATION_BUDGET / pairs))) : 0
  const clamp = (p: Placed) => {
    p.x = Math.min(Math.max(p.x, limits.left + p.r), limits.right - p.r)
    p.y = Math.min(Math.max(p.y, limits.top + p.r), limits.bottom - p.r)
  }
  for (let round = 0; round < rounds; round++) {
    let moved = false
    for (let i = 0; i < nodes.length; i++) {
      const a = nodes[i] as Placed
      for (let j = i + 1; j < nodes.length; j++) {
        const b = nodes[j] as Placed
        const need = a.r + b.r + gap
        const distance = Math.hypot(b.x - a.x, b.y - a.y)
        if (distance >= need) continue
        // The golden angle spreads coincident pairs in different directions; after a few
        // rounds, a turn lets a pair stuck against the box's sides slide along them.
        const angle =
          (distance > 1e-6 ? Math.atan2(b.y - a.y, b.x - a.x) : 2.39996 * (i + j)) +
          (round >= STUCK_ROUNDS ? 0.6 : 0)
        const direction = { x: Math.cos(angle), y: Math.sin(angle) }
        const push = (need - distance) / 2
        a.x -= direction.x * push
        a.y -= direction.y * push
        b.x += direction.x * push
        b.y += direction.y * push
        clamp(a)
        clamp(b)
        moved = true
      }
    }
    if (!moved) break
  }
}

function edgeKey(edge: GraphEdge): string {
  return edge.from < edge.to ? `${edge.from}\u0000${edge.to}` : `${edge.to}\u0000${edge.from}`
}

const HALO = 'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'

/**
 * Draws `model` as a standalone SVG document `options.width` × `options.height` px, with
 * nodes where `positions` puts them (fitted to the box; see the module comment for nodes
 * without a position, coincident nodes and edge labels). Edges are coloured by family
 * (`EDGE_COLOURS`), directed ones end in an arrowhead at the target's outline, relations are
 * dashed, and parallel edges between one pair are curved apart. Deterministic; numbers are
 * rounded to one decimal.
 *
 * @throws RangeError when the width or height is not a finite positive number.
 */
export function graphToSvg(
  model: GraphModel,
  positions: Record<string, GraphPoint>,
  options: GraphSvgOptions,
): string {
  const { width, height } = options
  if (!Number.isFinite(width) || width <= 0 || !Number.isFinite(height) || height <= 0) {
    throw new RangeError(`The graph picture needs a positive size, not ${width} × ${height}.`)
  }
  const requestedMargin = options.margin ?? DEFAULT_MARGIN
  const margin = Math.min(
    Number.isFinite(requestedMargin) && requestedMargin > 0 ? requestedMargin : 0,
    Math.min(width, height) / 8,
  )
  const fontFamily = options.fontFamily ?? DEFAULT_FONT_FAMILY
  const title = options.title?.trim() ? options.title.trim() : undefined

  const fonts = fontsFor(labelFontSize(width, options.printWidthMm))
  const positioned = model.nodes.filter((n) => finitePoint(positions[n.id]))
  const unplaced = model.nodes.filter((n) => !finitePoint(positions[n.id]))
  const maxRadius = (nodes: GraphNode[]) =>
    nodes.reduce((m, n) => Math.max(m, nodeRadius(n.eventCount)), MIN_RADIUS)
  const labelHalf = (nodes: GraphNode[]) =>
    nodes.reduce((m, n) => Math.max(m, roughTextWidth(shorten(n.label), fonts.node) / 2), 0)
  const innerWidth = width - 2 * margin
  const top = margin + (title ? fonts.titleBand : 0)

  // The legend, bottom left, flowing into as many rows as the width needs.
  const kinds = KINDS.filter((k) => model.nodes.some((n) => n.kind === k))
  const legend = layoutLegend(
    legendItems(kinds, fonts),
    Math.max(innerWidth - 2 * LEGEND_PAD, 0),
    fonts.legendRow,
  )
  const labelSizes = model.nodes.map((n) => labelBoxSize(shorten(n.label), fonts.node))

  /** Nodes and names fitted into a figure `figureHeight` px tall (see the module comment). */
  const arrange = (figureHeight: number, attempt: number) => {
    const legendTop = figureHeight - margin - legend.height
    let bottom = legendTop - 8

    // Rows for the nodes without a position, above the legend.
    const unplacedRows: Placed[] = []
    if (unplaced.length) {
      const r = maxRadius(unplaced)
      const slot = Math.min(
        Math.max(2 * r + 8, labelHalf(unplaced) * 2 + 12),
        Math.max(innerWidth, 1),
      )
      const columns = Math.max(1, Math.floor(innerWidth / slot))
      const rows = Math.ceil(unplaced.length / columns)
      const wanted = rows * (2 * r + fonts.labelBand + 8)
      const room = Math.max(0, bottom - top) * (positioned.length ? 0.5 : 1)
      const rowHeight = Math.min(wanted, room) / rows
      const firstRow = bottom - rows * rowHeight
      unplaced.forEach((node, i) => {
        const row = Math.floor(i / columns)
        const inRow = Math.min(columns, unplaced.length - row * columns)
        const col = i - row * columns
        unplacedRows.push({
          node,
          x: width / 2 + (col - (inRow - 1) / 2) * slot,
          y: firstRow + row * rowHeight + Math.min(r + 4, rowHeight / 2),
          r: nodeRadius(node.eventCount),
        })
      })
      bottom = firstRow
    }

    // The box the positioned centres are fitted into.
    const r = maxRadius(positioned)
    // Names at the sides can go left or right of their disc, so a little room is enough.
    const inset = Math.max(r, Math.min(labelHalf(positioned), innerWidth / 8))
    const area = normaliseBox({
      left: margin + inset,
      right: width - margin - inset,
      top: top + r,
      bottom: bottom - r - fonts.labelBand,
    })
    const layout = spreadPositions(
      positioned,
      positions,
      area,
      (k) => (r + 6) / Math.sin(Math.PI / Math.max(k, 2)),
    )
    const bounds = boundsOf(layout.values())
    const scale = fitScale(bounds, area)
    // A figure grown for its names spreads the drawing downwards too, as far as the box allows.
    const tall = bounds.maxY - bounds.minY
    const scaleY =
      tall > 0 ? Math.min((area.bottom - area.top) / tall, (scale * figureHeight) / height) : scale
    const midX = bounds.minX / 2 + bounds.maxX / 2
    const midY = bounds.minY / 2 + bounds.maxY / 2
    const areaX = (area.left + area.right) / 2
    const areaY = (area.top + area.bottom) / 2

    const placed = new Map<string, Placed>()
    for (const node of positioned) {
      const p = layout.get(node.id) as GraphPoint
      placed.set(node.id, {
        node,
        x: areaX + (p.x - midX) * scale,
        y: areaY + (p.y - midY) * scaleY,
        r: nodeRadius(node.eventCount),
      })
    }
    separate(
      [...placed.values()],
      {
        left: Math.max(area.left - r, 0),
        right: Math.min(area.right + r, width),
        top: Math.max(area.top - r, 0),
        bottom: Math.min(area.bottom + r, figureHeight),
      },
      NODE_GAP + attempt * fonts.labelBand,
    )
    for (const p of unplacedRows) placed.set(p.node.id, p)
    // The guarantee: whatever the box, every shape stays inside it.
    for (const p of placed.values()) {
      p.x = Math.min(Math.max(p.x, p.r), Math.max(width - p.r, p.r))
      p.y = Math.min(Math.max(p.y, p.r), Math.max(figureHeight - p.r, p.r))
      if (!Number.isFinite(p.x)) p.x = width / 2
      if (!Number.isFinite(p.y)) p.y = figureHeight / 2
    }

    // The names, around their discs, clear of each other and of every disc.
    // A location's square is kept clear as the disc around its corners.
    const discs: LabelDisc[] = model.nodes.map((n) => {
      const p = placed.get(n.id) as Placed
      return { x: p.x, y: p.y, r: n.kind === 'location' ? p.r * Math.SQRT2 : p.r }
    })
    const labels = placeLabels(discs, labelSizes, {
      left: margin / 2,
      right: width - margin / 2,
      top: title ? margin + fonts.titleBand - 4 : margin / 2,
      bottom: legendTop - 4,
    })
    return { placed, legendTop, labels }
  }

  // Grow the figure until every name finds a free spot (or give up at MAX_GROWTH).
  // Each try leaves more room between nodes, a name's height more, for the names to go.
  const printMm =
    Number.isFinite(options.printWidthMm) && (options.printWidthMm as number) > 0
      ? (options.printWidthMm as number)
      : DEFAULT_PRINT_WIDTH_MM
  const maxHeight = Math.max(
    height,
    Number.isFinite(options.maxHeight) && (options.maxHeight as number) > 0
      ? (options.maxHeight as number)
      : Math.floor((width * PRINT_PAGE_HEIGHT_MM) / printMm),
  )
  let figureHeight = height
  let attempt = 0
  let arranged = arrange(figureHeight, attempt)
  while (!arranged.labels.ok && figureHeight < maxHeight) {
    figureHeight = Math.min(Math.ceil(figureHeight * 1.25), maxHeight)
    arranged = arrange(figureHeight, ++attempt)
  }
  const { placed, legendTop } = arranged
  const labelBoxes = new Map<string, LabelBox>()
  model.nodes.forEach((n, i) => labelBoxes.set(n.id, arranged.labels.boxes[i] as LabelBox))

  const out: string[] = []
  out.push('<?xml version="1.0" encoding="UTF-8"?>')
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(figureHeight)}" viewBox="0 0 ${num(width)} ${num(figureHeight)}" font-family="${escapeXml(fontFamily)}">`,
  )
  if (title) out.push(`<title>${escapeXml(title)}</title>`)
  out.push('<defs>')
  for (const family of FAMILIES) {
    out.push(
      `<marker id="${MARKER_PREFIX}${family}" viewBox="0 0 10 10" refX="0" refY="5" markerWidth="${ARROW_LENGTH}" markerHeight="${ARROW_LENGTH}" markerUnits="strokeWidth" orient="auto"><path d="M0,0 L10,5 L0,10 Z" fill="${EDGE_COLOURS[family]}"/></marker>`,
    )
  }
  out.push('</defs>')
  out.push(`<rect width="${num(width)}" height="${num(figureHeight)}" fill="#ffffff"/>`)
  if (title) {
    out.push(
      `<text class="title" x="${num(width / 2)}" y="${num(margin + fonts.title)}" text-anchor="middle" font-size="${fonts.title}" font-weight="bold" fill="${TEXT_COLOUR}">${escapeXml(title)}</text>`,
    )
  }

  // Edges first, so nodes sit on top of their ends.
  const drawn = model.edges.filter((e) => e.from !== e.to && placed.has(e.from) && placed.has(e.to))
  const pairs = new Map<string, GraphEdge[]>()
  for (const edge of drawn) {
    const key = edgeKey(edge)
    const list = pairs.get(key)
    if (list) list.push(edge)
    else pairs.set(key, [edge])
  }
  const withLabels = drawn.length <= EDGE_LABEL_LIMIT
  const nameBoxes = [...labelBoxes.values()]
  const discs: LabelDisc[] = [...placed.values()].map((p) => ({
    x: p.x,
    y: p.y,
    r: p.node.kind === 'location' ? p.r * Math.SQRT2 : p.r,
  }))
  const edgeLabelBoxes: LabelBox[] = []
  const edgeMarkup: string[] = []
  const labelMarkup: string[] = []
  for (const edge of drawn) {
    const a = placed.get(edge.from) as Placed
    const b = placed.get(edge.to) as Placed
    const siblings = pairs.get(edgeKey(edge)) as GraphEdge[]
    const offset = (siblings.indexOf(edge) - (siblings.length - 1) / 2) * PAIR_SPACING
    // The normal of the pair's canonical direction, so that A→B and B→A bend opposite ways.
    const [lo, hi] = edge.from < edge.to ? [a, b] : [b, a]
    const along = unit(hi.x - lo.x, hi.y - lo.y)
    const normal = { x: -along.y, y: along.x }
    // A quadratic curve's apex lies halfway to its control point.
    const control = {
      x: (a.x + b.x) / 2 + normal.x * 2 * offset,
      y: (a.y + b.y) / 2 + normal.y * 2 * offset,
    }
    const stroke = edgeWidth(edge.count)
    const distance = Math.hypot(b.x - a.x, b.y - a.y)
    const out0 = unit(control.x - a.x, control.y - a.y)
    const in1 = unit(b.x - control.x, b.y - control.y)
    const trimStart = Math.min(outlineDistance(a.node.kind, a.r, out0.x, out0.y), 0.4 * distance)
    const arrow = edge.directed ? ARROW_LENGTH * stroke : 0
    const trimEnd = Math.min(
      outlineDistance(b.node.kind, b.r, in1.x, in1.y) + arrow,
      0.5 * distance,
    )
    const start = { x: a.x + out0.x * trimStart, y: a.y + out0.y * trimStart }
    const end = { x: b.x - in1.x * trimEnd, y: b.y - in1.y * trimEnd }
    const d =
      offset === 0
        ? `M${num(start.x)},${num(start.y)} L${num(end.x)},${num(end.y)}`
        : `M${num(start.x)},${num(start.y)} Q${num(control.x)},${num(control.y)} ${num(end.x)},${num(end.y)}`
    const colour = EDGE_COLOURS[edge.family] ?? EDGE_COLOURS.neutral
    const family = EDGE_COLOURS[edge.family] ? edge.family : 'neutral'
    const attributes = [
      `class="edge edge-${edge.kind}"`,
      `data-id="${escapeXml(edge.id)}"`,
      `d="${d}"`,
      'fill="none"',
      `stroke="${colour}"`,
      `stroke-width="${num(stroke)}"`,
      'stroke-opacity="0.85"',
    ]
    if (edge.kind === 'relation') attributes.push('stroke-dasharray="6 4"')
    if (edge.directed) attributes.push(`marker-end="url(#${MARKER_PREFIX}${family})"`)
    edgeMarkup.push(`<path ${attributes.join(' ')}/>`)
    if (withLabels && edge.label) {
      // Along the edge, from its middle outwards, the first spot clear of every name, shape
      // and edge label already drawn; none free, the label is left out (see the module comment).
      const at = (t: number) =>
        offset === 0
          ? { x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t }
          : {
              x: (1 - t) ** 2 * start.x + 2 * (1 - t) * t * control.x + t * t * end.x,
              y: (1 - t) ** 2 * start.y + 2 * (1 - t) * t * control.y + t * t * end.y,
            }
      const size = labelBoxSize(edge.label, fonts.edge)
      const boxAt = (p: GraphPoint): LabelBox => ({
        left: p.x - size.width / 2,
        right: p.x + size.width / 2,
        top: p.y - size.height / 2,
        bottom: p.y + size.height / 2,
      })
      const clear = (box: LabelBox) =>
        !nameBoxes.some((other) => boxesOverlap(box, other)) &&
        !discs.some((disc) => boxHitsDisc(box, disc)) &&
        !edgeLabelBoxes.some((other) => boxesOverlap(box, other))
      // On the edge, then just beside it on either side (a short edge has little length).
      const aside = size.height * 0.9
      const spots = [0, aside, -aside].flatMap((o) =>
        EDGE_LABEL_SPOTS.map((t) => {
          const p = at(t)
          return { x: p.x + normal.x * o, y: p.y + normal.y * o }
        }),
      )
      const spot = spots.find((p) => clear(boxAt(p)))
      if (!spot) continue
      edgeLabelBoxes.push(boxAt(spot))
      labelMarkup.push(
        `<text class="edge-label" data-id="${escapeXml(edge.id)}" x="${num(spot.x)}" y="${num(spot.y + fonts.edge / 3)}" text-anchor="middle" font-size="${fonts.edge}" fill="${EDGE_TEXT_COLOUR}" ${HALO}>${escapeXml(edge.label)}</text>`,
      )
    }
  }
  out.push(`<g class="edges">${edgeMarkup.join('')}</g>`)
  out.push(`<g class="edge-labels">${labelMarkup.join('')}</g>`)

  // A name pushed away from its disc is tied to it by a thin line.
  const leaders: string[] = []
  for (const node of model.nodes) {
    const p = placed.get(node.id) as Placed
    const box = labelBoxes.get(node.id) as LabelBox
    const tx = Math.min(Math.max(p.x, box.left), box.right)
    const ty = Math.min(Math.max(p.y, box.top), box.bottom)
    const distance = Math.hypot(tx - p.x, ty - p.y)
    const reach = (node.kind === 'location' ? p.r * Math.SQRT2 : p.r) + 2 * LABEL_GAP + 1
    if (distance <= reach) continue
    const u = unit(tx - p.x, ty - p.y)
    leaders.push(
      `<line x1="${num(p.x + u.x * p.r)}" y1="${num(p.y + u.y * p.r)}" x2="${num(tx)}" y2="${num(ty)}" stroke="#9ca3af" stroke-width="0.75"/>`,
    )
  }
  out.push(`<g class="leaders">${leaders.join('')}</g>`)

  const nodeMarkup: string[] = []
  for (const node of model.nodes) {
    const p = placed.get(node.id) as Placed
    const label = shorten(node.label)
    const box = labelBoxes.get(node.id) as LabelBox
    nodeMarkup.push(
      `<g class="node" data-id="${escapeXml(node.id)}" data-kind="${escapeXml(node.kind)}"><title>${escapeXml(node.label)}</title>${nodeShape(node.kind, p.x, p.y, p.r)}<text class="node-label" x="${num((box.left + box.right) / 2)}" y="${num(box.top + LABEL_ASCENT * fonts.node)}" text-anchor="middle" font-size="${fonts.node}" fill="${TEXT_COLOUR}" ${HALO}>${escapeXml(label)}</text></g>`,
    )
  }
  out.push(`<g class="nodes">${nodeMarkup.join('')}</g>`)

  const legendLeft = margin
  const legendParts = [
    `<rect x="${num(legendLeft)}" y="${num(legendTop)}" width="${num(legend.width)}" height="${num(legend.height)}" rx="3" fill="#ffffff" fill-opacity="0.9" stroke="#e5e7eb"/>`,
  ]
  for (const { item, x, y } of legend.rows) {
    const left = legendLeft + LEGEND_PAD + x
    const middle = legendTop + LEGEND_PAD + y + fonts.legendRow / 2
    legendParts.push(
      item.draw(left, middle),
      `<text x="${num(left + SWATCH + 6)}" y="${num(middle + fonts.legend / 3)}" font-size="${fonts.legend}" fill="${TEXT_COLOUR}">${escapeXml(item.label)}</text>`,
    )
  }
  out.push(`<g class="legend">${legendParts.join('')}</g>`)
  out.push('</svg>')
  return out.join('\n')
}
