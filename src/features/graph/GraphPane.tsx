/**
 * The actor relationship panel: who did what to whom, drawn with vis-network from the same
 * records as the timeline (domain/graph-model.ts). Linked both ways: clicking a node puts
 * that actor in focus (the timeline shows only its events, the reader outlines its
 * mentions); clicking an edge shows its events and relations, with their quoted evidence,
 * in the inspector; with "Follow timeline" on, only the ties active in the timeline's
 * window are drawn.
 *
 * Layout that stays put: positions come from ForceAtlas2 in a worker (graph-layout/), over
 * the case's whole graph rather than the filtered one, so that filters and the time window
 * only hide and show and never move anything. Positions are saved per case; a node dragged
 * by the analyst is pinned where it was dropped; new actors are placed among the known ones
 * (the layout's "continue" mode) and "Re-layout" starts over. vis-network's physics is off:
 * it only draws.
 *
 * Speed: a filter or time-window change builds the model from records prepared once
 * (`prepareGraph`) and only flips what vis-network shows; ties and arrowheads are drawn in
 * batches. The shortcuts into vis-network's internals are all in `vis-fast.ts`. The events
 * and actors come through the shared read-through cache (services/case-records.ts), the ties
 * go to the layout worker as transferred typed arrays, and the grades are read only once the
 * first picture is drawn. Beyond `DRAWN_TIES_MAX` ties every tie is straight and drawn, hovered
 * and picked by the panel itself (own-ties.ts): vis-network then holds the actors only. From
 * `HIDE_TIES_WHILE_MOVING_FROM` drawn, ties are left out while the view is dragged or zoomed.
 *
 * Safety: vis-network draws labels on a canvas and sets string tooltips as text, so names
 * are never read as HTML.
 */
import 'vis-network/styles/vis-network.min.css'
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { DataSet } from 'vis-data'
import { Network, type Edge, type Node, type Options } from 'vis-network'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { useView } from '../../ui/stores/view'
import { errorMessage } from '../../ui/errors'
import { useCases, useRelations } from '../../db/hooks'
import { getDb } from '../../db/db'
import { useGradeLookups, type GradeLookups } from '../../db/grade-lookups'
import { readSetting, writeSetting } from '../../db/settings'
import { readViewState, writeViewState } from '../../db/view-state'
import { EVENT_TYPES } from '../../domain/event-types'
import {
  buildPreparedGraph,
  layoutGraph,
  prepareGraph,
  RELATION_TYPES,
  strongestEdges,
  type GraphEdge,
  type GraphFilter,
  type GraphInput,
  type GraphModel,
  type GraphNode,
  type PreparedGraph,
} from '../../domain/graph-model'
import type { EventFamily } from '../../domain/event-types'
import type { EntityKind, Reliability } from '../../domain/types'
import { isSuperseded, LayoutClient } from '../../graph-layout/layout-client'
import type { Positions } from '../../graph-layout/layout'
import { useGraphRecords, usePrefetchGraphRecords } from '../../ui/case-records'
import { RelationForm } from '../relations/RelationForm'
import { GraphExportButtons } from './GraphExportButtons'
import { EDGE_COLOURS, NODE_COLOURS } from '../../figures/figure-kit'
import '../../ui/sr-only.css'
import './graph.css'
import {
  addEdges,
  batchEdges,
  drawInFrames,
  setVisibility,
  updateVisible,
  updateVisibleOf,
  type EdgeBatcher,
} from './vis-fast'
import { ActorList } from './ActorList'
import type { OwnTies, TieList, TieLook, TieMarks } from './own-ties'
import { keepUnchanged, type ScreenPoint } from './screen-points'
import { emptyDrawn, hold, ShownIds, sync, type Drawn, type Row } from './vis-sync'

/** What is saved per case: the last positions and the nodes the analyst placed by hand. */
export interface SavedLayout {
  positions: Positions
  pinned: string[]
  /**
   * How many ties the graph had when it was last laid out afresh. A layout made while
   * nobody was tied to anybody (actors tagged, no events yet) is only a placeholder: the
   * first ties get a fresh layout (pinned nodes stay), later ones do not move anything.
   */
  ties?: number
}

const FOLLOW_KEY = 'graph:followTimeline'

/**
 * Records how long a step of making the picture took, as a User Timing measure named
 * `casefile:graph:<name>` (the bench lists them; in the app they cost nothing noticeable).
 */
function stage(name: string, start: number, detail: string): void {
  performance.measure(`casefile:graph:${name}`, { start, end: performance.now(), detail })
}

/** `make()`, timed as the step `name` (see `stage`). */
function timed<T>(name: string, make: () => T, detail: (made: T) => string): T {
  const start = performance.now()
  const made = make()
  stage(name, start, detail(made))
  return made
}

/**
 * Prepares the case's records for the model in two layers, and times when the records and the
 * grades came in, from the pane's mounting: the structure (`structure`: families, ties, nodes;
 * what the whole graph, its layout and vis-network's rows are made from) once per change of
 * the records, and the grades over it (`grade`) once per change of the grade lookups, handing
 * on the structure so that the grades' arrival rebuilds neither (see `prepareGraph`).
 */
class Preparer {
  private graded = false
  private readonly mounted = performance.now()
  private recordsSeen = false

  structure(records: Pick<GraphInput, 'events' | 'relations' | 'entities'>): PreparedGraph {
    if (!this.recordsSeen) {
      this.recordsSeen = true
      stage('records', this.mounted, `${records.events.length} events read`)
    }
    return prepareGraph({ ...records, ...NO_GRADES })
  }

  grade(structure: PreparedGraph, grades: GradeLookups | undefined): PreparedGraph {
    if (!grades) return structure
    if (!this.graded) {
      this.graded = true
      stage('grades', this.mounted, `${grades.evidence.size} passages' sources read`)
    }
    return prepareGraph({ ...structure.input, ...grades }, structure)
  }
}

/** The grade lookups while they are read: nothing graded yet. */
const NO_GRADES: GradeLookups = { evidence: new Map(), documents: new Map(), sources: new Map() }
/**
 * Layout units (a fresh layout spans ±1000) to vis-network's canvas units. Node sizes and
 * fonts are in canvas units, so this sets how big names are next to the distances.
 */
const DISPLAY_SCALE = 0.3

/**
 * Most ties drawn at once. Beyond it the strongest are drawn (most events; see
 * `strongestEdges`) and the counts say so: every actor is still drawn, and every tie still
 * counts, filters and is listed in the Inspector. A few thousand ties already cover a pane
 * of ordinary size; each more costs its share of every frame (at 2,000 actors and 48,000
 * ties, whole seconds to hand them to vis-network and a fraction of one to draw a frame).
 */
export const DRAWN_TIES_MAX = 5000

/**
 * From this many ties drawn, vis-network leaves them out while the analyst drags or zooms the
 * view (the actors stay): each frame of the move would otherwise draw thousands of lines.
 */
export const HIDE_TIES_WHILE_MOVING_FROM = 1000

/** The hidden list names ties only up to this many (beyond, filter to see them). */
const LIST_TIES_MAX = 300

/**
 * Above this many ties their labels are left to the tooltips and the inspector (a click on a
 * tie lists its events): more labels than this cover each other and the names in a pane of
 * the default size, and the colours already say conflict or cooperation.
 */
const EDGE_LABELS_MAX = 10

/**
 * Up to this many actors shown, names are kept readable at any zoom (at least
 * `NODE_LABEL_PX` on screen) and the layout leaves room for them. Beyond, names shrink with
 * the picture as vis-network draws them (and vanish when tiny): hundreds of names at a
 * readable size would cover the picture, and drawing them would slow every frame.
 */
const LABELLED_MAX = 150
/** Least on-screen size of an actor's name, in CSS pixels. */
const NODE_LABEL_PX = 12
/** Least on-screen size of a tie's label, in CSS pixels. */
const EDGE_LABEL_PX = 11
/** Names and tie labels at vis-network's scale 1, in canvas units. */
const NODE_FONT = 15
const EDGE_FONT = 11
/** A name wraps onto more lines past this many font sizes of width. */
const LABEL_WRAP_EMS = 7
/**
 * Room kept around an actor's disc for its name, in canvas units, when names are shown at a
 * readable size: the layout keeps the discs (grown by this) apart, so names do not sit on
 * top of each other either (a wrapped name is at most 7 ems wide, below its disc).
 */
const LABEL_ROOM = 55

/**
 * The radius the layout keeps free around an actor, in layout units: its disc, plus room
 * for its name when names are drawn readable (`LABELLED_MAX`).
 */
export function collisionRadius(eventCount: number, actorCount: number): number {
  const room = actorCount <= LABELLED_MAX ? LABEL_ROOM : 2
  return (nodeSize(eventCount) + room) / DISPLAY_SCALE
}

/**
 * Font sizes (canvas units) that draw names and tie labels at least `NODE_LABEL_PX` /
 * `EDGE_LABEL_PX` on screen at the view's `scale`, for a picture of `shown` actors; beyond
 * `LABELLED_MAX` the plain sizes (see there).
 */
export function labelFonts(scale: number, shown: number): { node: number; edge: number } {
  if (shown > LABELLED_MAX || !(scale > 0)) return { node: NODE_FONT, edge: EDGE_FONT }
  return {
    node: Math.max(NODE_FONT, NODE_LABEL_PX / scale),
    edge: Math.max(EDGE_FONT, EDGE_LABEL_PX / scale),
  }
}

/** The relationship panel of the open case (see the module comment). */
export function GraphPane() {
  const caseId = useSelection((s) => s.caseId)
  // The case's events are read while the saved layout is, not after it (at 50,000 events the
  // read is the longest step of the first picture).
  usePrefetchGraphRecords(caseId)
  // The layout worker, one per case shown: started now, while the saved layout and the
  // records are read, so that its code has loaded when a layout is asked for (see
  // LayoutClient.start); a case never laid out asks it to warm up (CaseGraph). Made in the
  // effect that disposes of it, so that an effect run twice (React's StrictMode) leaves a
  // live one.
  const [layouts, setLayouts] = useState<{ caseId: string; client: LayoutClient }>()
  useEffect(() => {
    if (!caseId) return
    const client = new LayoutClient()
    client.start()
    setLayouts({ caseId, client }) // eslint-disable-line react-hooks/set-state-in-effect
    return () => client.dispose()
  }, [caseId])
  const client = layouts && layouts.caseId === caseId ? layouts.client : undefined
  const [saved, setSaved] = useState<{ caseId: string; layout: SavedLayout }>()
  useEffect(() => {
    if (!caseId) return
    let live = true
    const show = (layout: SavedLayout | undefined) => {
      if (live) setSaved({ caseId, layout: layout ?? { positions: {}, pinned: [] } })
    }
    readViewState(getDb(), caseId, 'graph:layout').then(show, () => show(undefined))
    return () => {
      live = false
    }
  }, [caseId])
  if (!caseId) {
    return (
      <section className="graph-pane empty-pane" aria-label="Actors">
        <p>Open a case to see who did what to whom.</p>
      </section>
    )
  }
  if (saved?.caseId !== caseId || !client) return <section className="graph-pane" aria-busy />
  return <CaseGraph key={caseId} caseId={caseId} initial={saved.layout} client={client} />
}

const FAMILIES: { value: EventFamily | ''; label: string }[] = [
  { value: '', label: 'All ties' },
  { value: 'conflict', label: 'Conflict' },
  { value: 'cooperation', label: 'Cooperation' },
  { value: 'neutral', label: 'Neutral' },
]

const GRADES: { value: Reliability | ''; label: string }[] = [
  { value: '', label: 'Any source' },
  { value: 'A', label: 'Source A' },
  { value: 'B', label: 'Source B or better' },
  { value: 'C', label: 'Source C or better' },
  { value: 'D', label: 'Source D or better' },
  { value: 'E', label: 'Source E or better' },
]

function nodeSize(eventCount: number): number {
  return Math.min(40, 10 + 4 * Math.sqrt(eventCount))
}

function toVisNode(
  node: { id: string; label: string; kind: EntityKind; eventCount: number },
  at: { x: number; y: number } | undefined,
): Node {
  const colour = NODE_COLOURS[node.kind]
  return {
    id: node.id,
    label: node.label,
    title: `${node.label} (${node.kind}) · ${node.eventCount} event${node.eventCount === 1 ? '' : 's'}`,
    shape: node.kind === 'location' ? 'square' : 'dot',
    size: nodeSize(node.eventCount),
    color: {
      background: colour,
      border: '#1f2937',
      highlight: { background: colour, border: '#7c3aed' },
    },
    ...(at ? { x: at.x * DISPLAY_SCALE, y: at.y * DISPLAY_SCALE } : {}),
  }
}

/**
 * `#rrggbb` as `rgba(r,g,b,1)`. vis-network turns an edge's colour into that form on every
 * draw of every edge (it applies the edge's opacity) unless it already is: with 5,000 ties
 * that is ~2 ms a frame saved.
 */
function rgba(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16)
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},1)`
}

const RGBA_EDGE_COLOURS = Object.fromEntries(
  Object.entries(EDGE_COLOURS).map(([family, hex]) => [family, rgba(hex)]),
) as Record<EventFamily, string>

/** How selected and hovered ties are drawn, by vis-network and by the panel (own-ties.ts). */
const TIE_MARKS: TieMarks = {
  selectedColour: rgba('#7c3aed'),
  selectionWidth: 2,
  hoverWidth: 1,
  arrowScale: 0.6,
}

/**
 * The looks made so far: by family, dashes and arrow (an index, see `tieLook`), then by the
 * count of events (a few dozen in all). Found without making a key: a key string per tie was
 * ~150 bytes of garbage for each of 5,000 ties on every change.
 */
const LOOKS: Map<number, TieLook>[] = []
const FAMILY_INDEX: Record<EventFamily, number> = { conflict: 0, cooperation: 1, neutral: 2 }

/** How a tie is drawn: one object for every tie drawn alike. */
function tieLook(edge: GraphEdge): TieLook {
  const dashed = edge.kind === 'relation'
  const at = FAMILY_INDEX[edge.family] * 4 + (dashed ? 2 : 0) + (edge.directed ? 1 : 0)
  const byCount = (LOOKS[at] ??= new Map())
  let look = byCount.get(edge.count)
  if (!look) {
    look = {
      colour: RGBA_EDGE_COLOURS[edge.family],
      // A tie of one event is one canvas unit wide: about a pixel at the usual zoom, which the
      // browser draws as a hairline, several times faster than a wider line (with 5,000 ties
      // ~12 ms a frame); every doubling of the count adds a unit.
      width: 1 + Math.log2(edge.count),
      dashed,
      arrow: edge.directed,
    }
    byCount.set(edge.count, look)
  }
  return look
}

/**
 * One vis edge. `bend` separates edges that join the same two nodes; a lone edge (no bend)
 * is drawn straight, which is also much cheaper to draw on a big graph.
 */
function toVisEdge(edge: GraphEdge, bend: number | undefined, labels: boolean): Edge {
  const look = tieLook(edge)
  return {
    id: edge.id,
    from: edge.from,
    to: edge.to,
    ...(labels ? { label: edge.label } : {}),
    title: edge.label,
    arrows: look.arrow
      ? { to: { enabled: true, scaleFactor: TIE_MARKS.arrowScale } }
      : { to: { enabled: false } },
    color: { color: look.colour, highlight: TIE_MARKS.selectedColour, hover: look.colour },
    dashes: look.dashed,
    width: look.width,
    smooth:
      bend === undefined
        ? false
        : { enabled: true, type: bend >= 0 ? 'curvedCW' : 'curvedCCW', roundness: Math.abs(bend) },
  }
}

/** A node's vis row, made when handed to vis-network (see vis-sync `Row`). */
class NodeRow implements Row<Node> {
  readonly id: string
  key?: string
  constructor(
    private readonly node: GraphNode,
    private readonly at: { x: number; y: number } | undefined,
  ) {
    this.id = node.id
  }
  make(): Node {
    return toVisNode(this.node, this.at)
  }
}

/** A tie's vis row, made when handed to vis-network (see vis-sync `Row`). */
class EdgeRow implements Row<Edge> {
  readonly id: string
  key?: string
  constructor(
    private readonly edge: GraphEdge,
    private readonly bend: number | undefined,
    private readonly labels: boolean,
  ) {
    this.id = edge.id
  }
  make(): Edge {
    return toVisEdge(this.edge, this.bend, this.labels)
  }
}

/**
 * Bends for edges that share a pair of nodes, so that none lies on another: the k-th edge of
 * a pair gets offset +1, −1, +2, −2, … (times 0.12) on the pair's own side, measured from
 * its lower id to its higher; an edge running the other way flips its sign, because
 * "clockwise" is relative to where an edge starts. A lone edge gets none (straight).
 */
function bends(edges: GraphEdge[]): Map<string, number> {
  const byPair = new Map<string, GraphEdge[]>()
  for (const e of edges) {
    const key = e.from < e.to ? `${e.from}\u0000${e.to}` : `${e.to}\u0000${e.from}`
    const list = byPair.get(key)
    if (list) list.push(e)
    else byPair.set(key, [e])
  }
  const out = new Map<string, number>()
  for (const list of byPair.values()) {
    if (list.length === 1) continue
    list.forEach((e, i) => {
      const offset = (Math.floor(i / 2) + 1) * 0.12 * (i % 2 ? -1 : 1)
      out.set(e.id, e.from < e.to ? offset : -offset)
    })
  }
  return out
}

const NETWORK_OPTIONS: Options = {
  autoResize: true,
  physics: { enabled: false },
  layout: { randomSeed: 1, improvedLayout: false },
  interaction: {
    hover: true,
    dragNodes: true,
    dragView: true,
    zoomView: true,
    multiselect: false,
    tooltipDelay: 300,
    keyboard: false,
  },
  // Fonts are set here, not per row: `applyFonts` resizes them all at once with the zoom.
  edges: {
    selectionWidth: TIE_MARKS.selectionWidth,
    hoverWidth: TIE_MARKS.hoverWidth,
    font: {
      size: EDGE_FONT,
      color: '#374151',
      strokeWidth: 3,
      strokeColor: '#ffffff',
      // Level, not along the tie: a label turned on its side is hard to read.
      align: 'horizontal',
    },
  },
  nodes: {
    borderWidth: 1,
    font: { size: NODE_FONT, color: '#111827', strokeWidth: 4, strokeColor: '#ffffff' },
    widthConstraint: { maximum: NODE_FONT * LABEL_WRAP_EMS },
    // Names stay readable a little further out than vis-network's default allows.
    scaling: { label: { drawThreshold: 3 } },
  },
}

/**
 * Sets the fonts `labelFonts` asks for at the view's current scale, when they differ by more
 * than 5% from `last` (every change re-measures every label). Returns the fonts now set.
 */
function applyFonts(
  network: Network,
  shown: number,
  last: { node: number; edge: number },
): { node: number; edge: number } {
  const want = labelFonts(network.getScale(), shown)
  if (Math.abs(want.node / last.node - 1) < 0.05 && Math.abs(want.edge / last.edge - 1) < 0.05)
    return last
  network.setOptions({
    nodes: { font: { size: want.node }, widthConstraint: { maximum: want.node * LABEL_WRAP_EMS } },
    edges: { font: { size: want.edge } },
  })
  return want
}

/** The ties `edges` as the panel draws them (see own-ties.ts). */
function tieList(edges: readonly GraphEdge[]): TieList {
  const ids: string[] = new Array<string>(edges.length)
  const from: string[] = new Array<string>(edges.length)
  const to: string[] = new Array<string>(edges.length)
  const looks: TieLook[] = new Array<TieLook>(edges.length)
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!
    ids[i] = e.id
    from[i] = e.from
    to[i] = e.to
    looks[i] = tieLook(e)
  }
  return { ids, from, to, looks }
}

/** What vis-network's click event gives (the parts used here). */
interface ClickParams {
  nodes: (string | number)[]
  edges: (string | number)[]
  pointer: { canvas: { x: number; y: number } }
}

/** How long the pointer rests on a tie before its wording shows (vis-network's `tooltipDelay`). */
const TOOLTIP_DELAY = 300

/**
 * Hovers the ties the panel draws (`ties`) as vis-network hovers its edges: the tie under
 * the pointer (not under a node) drawn wider, and after `TOOLTIP_DELAY` its wording shown in
 * `tip` by the pointer (vis-network's tooltip style). Nothing while a button is down (a drag).
 * Returns what stops it, and what lets go of the tie hovered (the ties shown changed under a
 * resting pointer: its next move hovers again).
 */
function hoverTies(
  network: Network,
  container: HTMLElement,
  ties: OwnTies,
  tip: HTMLElement | null,
  edgeOf: (id: string) => GraphEdge | undefined,
): { stop(): void; forget(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  const hide = () => {
    clearTimeout(timer)
    if (tip) tip.style.visibility = 'hidden'
  }
  const hover = (id: string | undefined, at?: { x: number; y: number }) => {
    if (!ties.hover(id)) return
    network.redraw()
    hide()
    if (id === undefined || !tip || !at) return
    timer = setTimeout(() => {
      const edge = edgeOf(id)
      if (!edge || ties.hovered !== id) return
      tip.textContent = edge.label
      tip.style.left = `${at.x + 12}px`
      tip.style.top = `${at.y + 12}px`
      tip.style.visibility = 'visible'
    }, TOOLTIP_DELAY)
  }
  const move = (e: PointerEvent) => {
    if (e.buttons || !ties.count) return hover(undefined)
    const rect = container.getBoundingClientRect()
    const at = { x: e.clientX - rect.left, y: e.clientY - rect.top }
    if (network.getNodeAt(at) !== undefined) return hover(undefined)
    const c = network.DOMtoCanvas(at)
    hover(ties.at(c.x, c.y), at)
  }
  const leave = () => hover(undefined)
  container.addEventListener('pointermove', move)
  container.addEventListener('pointerleave', leave)
  return {
    stop() {
      hide()
      container.removeEventListener('pointermove', move)
      container.removeEventListener('pointerleave', leave)
    },
    forget: leave,
  }
}

/** Quiet time after the last change before ties are held ahead (see `holdAhead`). */
const HOLD_AFTER_MS = 300
/** Ties handed to vis-network per step of `holdAhead` (~0.05 ms each). */
const HOLD_CHUNK = 200

/**
 * Works out, for each of `variants`, the ids a change to it would draw (`idsOf`) and hands
 * them to `hold` in chunks of `HOLD_CHUNK`, in the browser's idle time from `HOLD_AFTER_MS`
 * after it is called: never inside the frames of a change or a drag. `hold` returning false
 * (the rows it was for are gone) ends the work. Returns what cancels the work left.
 */
function holdAhead<V>(
  variants: V[],
  idsOf: (variant: V) => string[],
  hold: (ids: string[]) => boolean,
): () => void {
  const queue: (() => boolean)[] = variants.map((v) => () => {
    const ids = idsOf(v)
    const chunks: (() => boolean)[] = []
    for (let at = 0; at < ids.length; at += HOLD_CHUNK) {
      const chunk = ids.slice(at, at + HOLD_CHUNK)
      chunks.push(() => hold(chunk))
    }
    // This variant's ties before the next variant is worked out.
    queue.unshift(...chunks)
    return true
  })
  let idle = 0
  let cancelled = false
  const idleSupported = typeof requestIdleCallback === 'function'
  const run = (deadline?: IdleDeadline) => {
    idle = 0
    do {
      const step = queue.shift()
      if (!step) return
      if (!step()) return
    } while (!cancelled && deadline && deadline.timeRemaining() > 4)
    if (!cancelled) later()
  }
  const later = () => {
    if (idleSupported) idle = requestIdleCallback(run, { timeout: 2000 })
    else timer = setTimeout(run, 16)
  }
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(later, HOLD_AFTER_MS)
  return () => {
    cancelled = true
    clearTimeout(timer)
    if (idle) cancelIdleCallback(idle)
  }
}

/**
 * What the first change to show or hide the held ties `ids` would otherwise pay, paid ahead of
 * it (with `holdAhead`, in idle time): how each will be drawn worked out (vis-fast
 * `batchEdges`' `prepare`: thousands of ties drawn for the first time took tens of ms of that
 * change's frame), and `setVisibility` run over them as they are (each set to the visibility
 * it has, so nothing changes): the first change's flips of thousands of ties took several
 * times a later one's (at 2,000 actors, 88 ms against 3–8 under the profiler), code and
 * property lookups not warm yet.
 */
function warmUp(
  n: { network: Network; drawing: EdgeBatcher | undefined },
  drawn: Drawn,
  ids: string[],
): void {
  n.drawing?.prepare(ids)
  const same: { id: string; hidden: boolean }[] = []
  for (const id of ids) {
    const item = drawn.items.get(id)
    if (item) same.push({ id, hidden: item.hidden })
  }
  if (same.length) setVisibility(n.network, 'edges', same, { later: true })
}

function CaseGraph({
  caseId,
  initial,
  client,
}: {
  caseId: string
  initial: SavedLayout
  /** The case's layout worker (GraphPane's, disposed with it). */
  client: LayoutClient
}) {
  const { actorFocusId, setActorFocus } = useView(
    useShallow((s) => ({ actorFocusId: s.actorFocusId, setActorFocus: s.setActorFocus })),
  )
  const { selectEdge, selectedEdge } = useSelection(
    useShallow((s) => ({ selectEdge: s.selectEdge, selectedEdge: s.selectedEdge })),
  )
  const notify = useNotices((s) => s.notify)
  // Events (as the graph reads them: no titles or notes) and actors through the graph's
  // read-through cache (services/case-records.ts): the case read from the store's compact copy
  // of its events (db/graph-ties.ts: 64 rows, not 50,000 records), then kept current by the
  // change feed. A failed read is shown, and the pane stays empty.
  const records = useGraphRecords(caseId)
  const ready = records?.status === 'ready' ? records.records : undefined
  const events = ready?.events
  const entityList = ready?.entities
  const relations = useRelations(caseId)
  const readError = records?.status === 'failed' ? records.error : undefined
  useEffect(() => {
    if (readError)
      notify(`The case’s events could not be read: ${errorMessage(readError)}`, 'error')
  }, [readError, notify])
  // The grades are read once the first picture is drawn: they only grade ties, and reading
  // the evidence of 50,000 events would hold up the picture (set in the network's drawing
  // listener below, and never unset).
  const [gradesWanted, setGradesWanted] = useState(false)
  // Nor is the list of their passages made before then (50,000 ids, sorted: a few hundred
  // ms of the first picture under load).
  const grades = useGradeLookups(
    gradesWanted ? caseId : undefined,
    gradesWanted ? events : undefined,
    gradesWanted ? relations : undefined,
    useCallback(
      (e: unknown) =>
        notify(
          `The sources’ grades could not be read, so ties cannot be filtered by grade: ${errorMessage(e)}`,
          'error',
        ),
      [notify],
    ),
  )
  const caseTitle = useCases()?.find((c) => c.id === caseId)?.title ?? 'Case'

  const [type, setType] = useState('')
  const [family, setFamily] = useState<EventFamily | ''>('')
  const [minReliability, setMinReliability] = useState<Reliability | ''>('')
  const [hideIsolated, setHideIsolated] = useState(false)
  const [follow, setFollow] = useState(true)
  // Only while following does a pan of the timeline concern the graph (and re-render it).
  const timelineWindow = useView((s) => (follow ? s.timelineWindow : undefined))
  useEffect(() => {
    void readSetting<boolean>(FOLLOW_KEY, true).then(setFollow)
  }, [])

  const entities = useMemo(
    () => new Map((entityList ?? []).map((e) => [e.id, { name: e.name, kind: e.kind }])),
    [entityList],
  )
  const filter = useMemo<GraphFilter>(
    () => ({
      ...(type ? { types: [type] } : {}),
      ...(family ? { family } : {}),
      ...(minReliability ? { minReliability } : {}),
      hideIsolated,
      ...(follow && timelineWindow ? { window: timelineWindow } : {}),
    }),
    [type, family, minReliability, hideIsolated, follow, timelineWindow],
  )
  const loaded = events && relations && entityList
  // The records prepared once per change of the case (a filter change only walks them);
  // what is drawn, and the whole graph the layout is made for (so filters never move nodes).
  // Until the grades are read every tie is ungraded; when they arrive only the grades are
  // worked out again (the last preparation of the same records is handed on).
  const [preparer] = useState(() => new Preparer())
  const structure = useMemo(
    () => (loaded ? preparer.structure({ events, relations, entities }) : undefined),
    [loaded, events, relations, entities, preparer],
  )
  const prepared = useMemo(
    () => structure && preparer.grade(structure, grades),
    [structure, grades, preparer],
  )
  // What the layout needs of the whole graph (ids and counts, no edges made), so that the
  // worker can start on it before the models below are built: counted straight from the
  // records, not from the preparation the models share (which the models' render makes while
  // the worker lays out). Made from the structure: the grades' arrival does not make it again.
  const forLayout = useMemo(
    () =>
      structure &&
      timed(
        'layout-input',
        () => layoutGraph(structure),
        (g) => `${g.nodes.length} actors, ${g.edges.count.length} ties`,
      ),
    [structure],
  )
  // The models are first built in the render after the one that asked for the layout: the
  // worker lays a new case out while this thread builds them (at 50,000 events, hundreds of
  // ms each way), where it used to wait for them. Later changes build them at once.
  const [modelsDue, setModelsDue] = useState(false)
  useEffect(() => {
    // The second render is the point: this commit's effects (the layout's request) first.
    if (structure && !modelsDue) setModelsDue(true) // eslint-disable-line react-hooks/set-state-in-effect
  }, [structure, modelsDue])
  const modelFrom = modelsDue ? prepared : undefined
  const wholeFrom = modelsDue ? structure : undefined
  const model: GraphModel | undefined = useMemo(
    () =>
      modelFrom &&
      timed(
        'view',
        () => buildPreparedGraph(modelFrom, filter),
        (m) => `${m.nodes.length} actors, ${m.edges.length} ties pass the filters`,
      ),
    [modelFrom, filter],
  )
  // Made from the structure alone: the layout and vis-network's rows need no grade, so the
  // grades' arrival (or a change of a source's grade) leaves the rows handed to vis-network,
  // and how it draws each tie, as they are; only what is shown is worked out again.
  const whole: GraphModel | undefined = useMemo(
    () =>
      wholeFrom &&
      timed(
        'model',
        () => buildPreparedGraph(wholeFrom, {}),
        (m) => `${m.nodes.length} actors, ${m.edges.length} ties`,
      ),
    [wholeFrom],
  )
  // The ties drawn: all of them, or the strongest `DRAWN_TIES_MAX` (see there).
  const drawnEdges = useMemo(
    () => (model ? strongestEdges(model.edges, DRAWN_TIES_MAX) : []),
    [model],
  )

  const containerRef = useRef<HTMLDivElement>(null)
  // The wording of a tie the panel draws, under the pointer (see `hoverTies`).
  const tipRef = useRef<HTMLDivElement>(null)
  const tieHover = useRef<{ stop(): void; forget(): void }>(undefined)
  const net = useRef<{
    network: Network
    nodes: DataSet<Node>
    edges: DataSet<Edge>
    /** Ties drawn in batches (undefined: vis-network draws them one by one). */
    drawing: EdgeBatcher | undefined
  } | null>(null)
  const layoutRef = useRef<SavedLayout>(initial)
  // Saves the layout; a failed save (a full disk) is shown, not swallowed.
  const saveLayout = useRef(() => {
    writeViewState(getDb(), caseId, 'graph:layout', layoutRef.current).catch((e: unknown) =>
      notify(`The graph’s layout was not saved: ${errorMessage(e)}`, 'error'),
    )
  })
  const [layoutState, setLayoutState] = useState<'idle' | 'working' | 'failed'>('idle')
  const [relayoutSeq, setRelayoutSeq] = useState(0)
  // Bumped with `relayoutSeq`, at once: the positions the rows below were made from. The
  // render that a layout's arrival asks for can come after a render already drew the new
  // positions (the models' first build took the layout in as it went), and then has nothing
  // to hand over — on a 50,000-event case that second sync and drawing held up the first
  // picture's places by ~250 ms.
  const layoutsTaken = useRef(0)
  // The relation form from the toolbar (no passage yet: the inspector adds them to it).
  const [newRelation, setNewRelation] = useState(false)
  // Bumped by "Re-layout": lay everything out afresh.
  const [layoutRequest, setLayoutRequest] = useState(0)
  // Where things are drawn, for the node list (measured after every draw).
  const [where, setWhere] = useState<ReadonlyMap<string, ScreenPoint>>(new Map())
  // Whether the view was fitted to the nodes since the last layout.
  const fitted = useRef(false)
  // The fonts set in vis-network (see applyFonts).
  const fonts = useRef({ node: NODE_FONT, edge: EDGE_FONT })
  // True while the view is the one Fit made and the analyst has not zoomed or panned since:
  // when the pane changes size it is fitted again.
  const autoFit = useRef(false)
  // `fitShown`, for the network's listeners (registered once, before it is defined).
  const fitRef = useRef<() => void>(() => {})
  // Set by each sync: the next drawing is timed (see the network's drawing listener).
  const synced = useRef(false)
  const latest = useRef({ model, setActorFocus, selectEdge, actorFocusId })
  useEffect(() => {
    latest.current = { model, setActorFocus, selectEdge, actorFocusId }
  })

  // The network is made once and destroyed with the pane.
  useEffect(() => {
    const nodes = new DataSet<Node>()
    const edges = new DataSet<Edge>()
    const container = containerRef.current!
    const network = new Network(container, { nodes, edges }, NETWORK_OPTIONS)
    const drawing = batchEdges(network, TIE_MARKS)
    net.current = { network, nodes, edges, drawing }
    drawInFrames(network)
    // Names keep a readable size as the analyst zooms (see labelFonts).
    network.on('zoom', () => {
      autoFit.current = false
      fonts.current = applyFonts(network, latest.current.model?.nodes.length ?? 0, fonts.current)
    })
    let refit = 0
    network.on('resize', () => {
      cancelAnimationFrame(refit)
      if (autoFit.current) refit = requestAnimationFrame(() => fitRef.current())
    })
    network.on('click', (p: ClickParams) => {
      const {
        model: m,
        setActorFocus: focus,
        selectEdge: pick,
        actorFocusId: focused,
      } = latest.current
      const nodeId = p.nodes[0]
      if (nodeId !== undefined) {
        focus(String(nodeId) === focused ? '' : String(nodeId))
        return
      }
      // A tie vis-network holds, else one the panel draws (see own-ties.ts).
      const edgeId = p.edges[0] ?? drawing?.ties.at(p.pointer.canvas.x, p.pointer.canvas.y)
      const edge = edgeId !== undefined ? m?.edges.find((e) => e.id === String(edgeId)) : undefined
      pick(edge)
    })
    // The ties the panel draws are hovered here (vis-network hovers its own edges): drawn
    // wider, and their wording shown as vis-network shows an edge's title.
    tieHover.current = drawing
      ? hoverTies(network, container, drawing.ties, tipRef.current, (id) =>
          latest.current.model?.edges.find((e) => e.id === id),
        )
      : undefined
    // Measured a moment after the last draw, off the frames a pan or a filter change needs.
    let timer: ReturnType<typeof setTimeout> | undefined
    // The grades are asked for in a task after the frame that showed the first places.
    let gradesFrame = 0
    let gradesTimer: ReturnType<typeof setTimeout> | undefined
    // The first drawings' times, for the bench (see `stage`).
    // Whether a picture with actors has been measured yet.
    const placesMeasured = { current: false }
    let drawStart = 0
    let drawsTimed = 0
    network.on('beforeDrawing', () => {
      drawStart = performance.now()
    })
    network.on('afterDrawing', () => {
      // The first drawings, and the one after each change of what is shown (a filter, the
      // time window: what vis-network's redraw costs per change, next to `sync`'s).
      if (nodes.length && (drawsTimed < 3 || synced.current)) {
        drawsTimed++
        synced.current = false
        stage(
          'draw',
          drawStart,
          `${nodes.length} nodes, ${edges.length} ties held, ${drawing?.ties.count ?? 0} drawn by the panel`,
        )
      }
      clearTimeout(timer)
      // The first picture's places at once (the list is how the keyboard reaches the actors);
      // later ones a moment after the last drawing, off the frames of a pan or a filter.
      const measured = placesMeasured.current
      timer = setTimeout(
        () => {
          const m = latest.current.model
          if (m) {
            if (nodes.length) placesMeasured.current = true
            // Only what moved renders again (a filter or the time window moves nothing).
            const place = () =>
              setWhere((was) =>
                keepUnchanged(was, screenPositions(network, container, m, nodes, drawing?.ties)),
              )
            // The first picture's places are rendered in this task: left to React's scheduler,
            // they waited behind other tasks (a read's result, a collection of garbage) for
            // up to ~100 ms at 2,000 actors.
            if (measured) place()
            else flushSync(place)
            // The grades once the first picture is drawn (or there is nothing to draw): read
            // while the layout runs, they held up its worker and this thread both. Not in this
            // render but after the next frame: the list of passages they are read for (50,000
            // ids, sorted) took longer than the places' own render, and held up the frame that
            // shows them.
            if ((nodes.length || !m.nodes.length) && !gradesFrame)
              gradesFrame = requestAnimationFrame(() => {
                gradesTimer = setTimeout(() => setGradesWanted(true), 0)
              })
          }
        },
        measured ? 120 : 0,
      )
    })
    network.on('dragEnd', (p: { nodes: (string | number)[] }) => {
      if (!p.nodes.length) {
        autoFit.current = false
        return
      }
      const moved = network.getPositions(p.nodes)
      const current = layoutRef.current
      const positions = { ...current.positions }
      const pinned = new Set(current.pinned)
      for (const [id, at] of Object.entries(moved)) {
        positions[id] = { x: at.x / DISPLAY_SCALE, y: at.y / DISPLAY_SCALE }
        pinned.add(id)
      }
      layoutRef.current = { ...current, positions, pinned: [...pinned] }
      saveLayout.current()
    })
    return () => {
      tieHover.current?.stop()
      tieHover.current = undefined
      clearTimeout(timer)
      cancelAnimationFrame(gradesFrame)
      clearTimeout(gradesTimer)
      cancelAnimationFrame(refit)
      network.destroy()
      net.current = null
    }
  }, [caseId])

  /**
   * Frames the actors shown (not those a filter or the time window hides) and sizes the
   * names for the new scale; again, because bigger names make the picture bigger.
   */
  const fitShown = useCallback(() => {
    const n = net.current
    const shown = (latest.current.model?.nodes ?? [])
      .map((x) => x.id)
      .filter((id) => n?.nodes.get(id))
    if (!n || !shown.length) return
    autoFit.current = true
    for (let round = 0; round < 3; round++) {
      n.network.fit({ nodes: shown, animation: false })
      const before = fonts.current
      fonts.current = applyFonts(n.network, shown.length, before)
      if (fonts.current === before) break
    }
  }, [])
  useEffect(() => {
    fitRef.current = fitShown
  }, [fitShown])

  // Positions for nodes that have none (or for all of them after "Re-layout"), in a worker.
  useEffect(() => {
    // A case never laid out will need the worker's layout: it warms its code up while the
    // case's records are read. A case laid out before seldom does (only for new actors).
    if (Object.keys(layoutRef.current.positions).length === 0) client.warm()
  }, [client])
  // Once per whole graph, not per render (2,000 ids joined on every filter change).
  const wholeNodeKey = useMemo(
    () => forLayout?.nodes.map((n) => n.id).join('\n') ?? '',
    [forLayout],
  )
  const hasTies = !!forLayout?.edges.count.length
  useEffect(() => {
    if (!forLayout) return
    const current = layoutRef.current
    const ties = forLayout.edges.count.length
    const missing = forLayout.nodes.some((n) => !current.positions[n.id])
    // Afresh while nobody is tied to anybody yet (the picture is a placeholder) and when
    // the first ties arrive; otherwise new actors join the picture the analyst has seen.
    const fresh = ties === 0 || !current.ties
    if (!missing && !(fresh && ties > 0 && !current.ties)) return
    let live = true
    const pinned = Object.fromEntries(
      current.pinned
        .filter((id) => current.positions[id])
        .map((id) => [id, current.positions[id]!]),
    )
    const previous = fresh
      ? {}
      : Object.fromEntries(
          forLayout.nodes
            .filter((n) => current.positions[n.id])
            .map((n) => [n.id, current.positions[n.id]!]),
        )
    setLayoutState('working')
    const asked = performance.now()
    client
      .layout({
        nodes: forLayout.nodes.map((n) => ({
          id: n.id,
          size: collisionRadius(n.eventCount, forLayout.nodes.length),
        })),
        // As typed arrays, transferred to the worker (see graph-layout/edge-arrays.ts): copies,
        // the layout input being kept for the next request.
        edges: {
          from: forLayout.edges.from.slice(),
          to: forLayout.edges.to.slice(),
          weight: Float64Array.from(forLayout.edges.count, (c) => 1 + Math.log(c)),
        },
        pinned,
        previous,
      })
      .then(
        ({ positions, ms }) => {
          if (!live) return
          stage('layout', asked, `${Math.round(ms)} ms in the worker`)
          // Merged into the latest state: a node dragged meanwhile stays where it was put.
          const now = layoutRef.current
          const pinnedNow = Object.fromEntries(
            now.pinned.filter((id) => now.positions[id]).map((id) => [id, now.positions[id]!]),
          )
          layoutRef.current = {
            positions: { ...(fresh ? {} : now.positions), ...positions, ...pinnedNow },
            pinned: now.pinned,
            ties: fresh ? ties : (now.ties ?? ties),
          }
          saveLayout.current()
          setLayoutState('idle')
          // New actors may lie outside the view: show everything (nothing moves relative
          // to anything else).
          fitted.current = false
          layoutsTaken.current++
          setRelayoutSeq((n) => n + 1)
        },
        (e: unknown) => {
          if (!live || isSuperseded(e)) return
          setLayoutState('failed')
          notify(`The actor graph could not be laid out: ${errorMessage(e)}`, 'error')
        },
      )
    return () => {
      live = false
    }
    // wholeNodeKey stands for the node set and hasTies for "anybody tied yet": a new edge
    // between actors already placed moves nothing.
  }, [wholeNodeKey, hasTies, layoutRequest, client, caseId, notify]) // eslint-disable-line react-hooks/exhaustive-deps

  // The model into vis-network. The network holds the WHOLE graph — every actor and tie,
  // drawn as the whole case has them (size, width, bends) — and a filter or the time window
  // only hides and shows: vis-network re-processes every row it is handed (~0.05 ms each),
  // so a filter change hands over only `{ id, hidden }` for what flips, and full rows only
  // when the case itself changed (compared by value).
  const drawnRows = useRef(emptyDrawn())
  // Whether vis-network leaves the ties out while the view is dragged or zoomed.
  const hidingTies = useRef(false)
  // The rows of the whole graph, made again only when it (or the layout) changes.
  const rowsCache = useRef<{
    whole: GraphModel
    /** `layoutsTaken` when they were made. */
    layouts: number
    nodes: Row<Node>[]
    /** None when the panel draws the ties itself (`own`). */
    edges: Row<Edge>[]
    /** The ties are drawn by the panel, not vis-network (see own-ties.ts). */
    own: boolean
  }>(undefined)
  // The ids each sync shows, kept from sync to sync (see `ShownIds`).
  const shownIds = useRef({ nodes: new ShownIds(), edges: new ShownIds() })
  // What the last sync handed over (a render with nothing new hands nothing).
  const lastSync = useRef<{
    rows: unknown
    model: GraphModel
    drawnEdges: readonly GraphEdge[]
  }>(undefined)
  useEffect(() => {
    const n = net.current
    if (!n || !model || !whole) return
    let rows = rowsCache.current
    const layouts = layoutsTaken.current
    const last = lastSync.current
    if (
      rows &&
      rows.whole === whole &&
      rows.layouts === layouts &&
      last?.rows === rows &&
      last.model === model &&
      last.drawnEdges === drawnEdges
    )
      return
    if (!rows || rows.whole !== whole || rows.layouts !== layouts) {
      const positions = layoutRef.current.positions
      const nodeRows: Row<Node>[] = whole.nodes
        .filter((x) => positions[x.id])
        .map((x) => new NodeRow(x, positions[x.id]))
      const placed = new Set(nodeRows.map((r) => r.id))
      // Beyond `DRAWN_TIES_MAX` every tie is straight: working out bends went over all the
      // case's ties (48,000 at 2,000 actors), and a curve costs several times a line to draw.
      // Such ties are drawn by the panel itself (own-ties.ts), unless vis-fast fell back.
      const plain = whole.edges.length > DRAWN_TIES_MAX
      const own = plain && !!n.drawing
      const bend = plain ? new Map<string, number>() : bends(whole.edges)
      const labels = whole.edges.length <= EDGE_LABELS_MAX
      const edgeRows: Row<Edge>[] = own
        ? []
        : whole.edges
            .filter((e) => placed.has(e.from) && placed.has(e.to))
            .map((e) => new EdgeRow(e, bend.get(e.id), labels))
      rows = { whole, layouts, nodes: nodeRows, edges: edgeRows, own }
      rowsCache.current = rows
      // Rows may change sizes, widths or colours: how each tie is drawn is worked out afresh.
      n.drawing?.invalidate()
    }
    const nodeRows = rows.nodes
    const edgeRows = rows.edges
    const shownNodes = shownIds.current.nodes.mark(model.nodes.map((x) => x.id))
    const shownEdges = shownIds.current.edges.mark(rows.own ? [] : drawnEdges.map((x) => x.id))
    n.drawing?.ties.set(rows.own ? tieList(drawnEdges) : undefined)
    tieHover.current?.forget()
    const syncStart = performance.now()
    const before = drawnRows.current
    let flipsPending = false
    const flippedFast = () => (flipsPending = true)
    // Every DataSet update asks vis-network to draw; drawInFrames makes that one drawing in
    // the next frame, whatever the number of updates.
    drawnRows.current = {
      nodes: sync(
        n.nodes,
        nodeRows,
        before.nodes,
        (id) => !shownNodes.has(id),
        (flips) => setVisibility(n.network, 'nodes', flips, { later: true }) && flippedFast(),
        shownNodes,
      ),
      edges: sync(
        n.edges,
        edgeRows,
        before.edges,
        (id) => !shownEdges.has(id),
        (flips) => setVisibility(n.network, 'edges', flips, { later: true }) && flippedFast(),
        shownEdges,
        // Ties shown for the first time (a filter's or window's strongest not drawn before).
        (added) => addEdges(n.network, n.edges, added) && flippedFast(),
      ),
    }
    // What is visible, worked out once for both, over the rows shown (vis-network's own way
    // walks every row it holds: each tie ever shown).
    if (flipsPending && !updateVisibleOf(n.network, shownNodes, shownEdges))
      updateVisible(n.network)
    fonts.current = applyFonts(n.network, model.nodes.length, fonts.current)
    const hide = drawnEdges.length > HIDE_TIES_WHILE_MOVING_FROM
    if (hide !== hidingTies.current) {
      hidingTies.current = hide
      n.network.setOptions({ interaction: { hideEdgesOnDrag: hide, hideEdgesOnZoom: hide } })
    }
    stage('sync', syncStart, `${drawnEdges.length} ties shown`)
    lastSync.current = { rows, model, drawnEdges }
    synced.current = true
    // In the next frame (see drawInFrames), once for all of the above.
    n.network.redraw()
    if (!fitted.current && nodeRows.length) {
      fitted.current = true
      // Now, before the first drawing (vis-network has taken in the rows above, and its fit
      // measures the names itself): fitted in the next frame, the picture was drawn twice.
      fitShown()
    }
  }, [model, whole, drawnEdges, relayoutSeq, fitShown])

  // The ties one family choice away, held in vis-network ahead of time (hidden), made while
  // the analyst looks: a family change then only flips what is shown. Made by a change, the
  // thousands of ties new to vis-network (~0.05 ms each) and the scavenge of their young
  // objects were most of the first family change after the grades (213 ms at 2,000 actors;
  // its sync under load 1.6 s, of which making edges 0.9 s: scripts/bench/profile-graph.mjs).
  // Worked out again only when something other than the family changes (the records, the
  // layout, another filter).
  const heldFor = useRef<{ key: string; cancel: () => void }>(undefined)
  const heldFrom = useRef<PreparedGraph>(undefined)
  const heldRows = useRef<Row<Edge>[]>(undefined)
  useEffect(() => {
    const rows = rowsCache.current
    const n = net.current
    if (
      !n ||
      !rows ||
      rows.own ||
      !structure ||
      !prepared ||
      drawnRows.current.edges.rows !== rows.edges
    )
      return
    const rest: GraphFilter = { ...filter }
    delete rest.family
    // The family's strongest ties do not depend on the grades unless a grade filters them.
    const from = rest.minReliability ? prepared : structure
    const key = JSON.stringify(rest)
    const was = heldFor.current
    if (was && was.key === key && heldFrom.current === from && heldRows.current === rows.edges)
      return
    was?.cancel()
    heldFrom.current = from
    heldRows.current = rows.edges
    // The ties shown now are warmed up once, with the first step.
    let shownWarm = false
    heldFor.current = {
      key,
      cancel: holdAhead(
        FAMILIES.map((f) => f.value).filter((f) => f !== (filter.family ?? '')),
        (family) =>
          strongestEdges(
            buildPreparedGraph(from, { ...rest, ...(family ? { family } : {}) }).edges,
            DRAWN_TIES_MAX,
          ).map((e) => e.id),
        (ids) => {
          const drawn = drawnRows.current.edges
          if (net.current !== n || drawn.rows !== rows.edges) return false
          hold(n.edges, drawn, ids, (added) => addEdges(n.network, n.edges, added))
          // What the first change paid besides (see `warmUp`), paid here.
          warmUp(n, drawn, ids)
          if (!shownWarm) {
            shownWarm = true
            warmUp(n, drawn, [...(drawn.visible ?? [])])
          }
          return true
        },
      ),
    }
  }, [structure, prepared, filter, drawnEdges, relayoutSeq])
  useEffect(() => () => heldFor.current?.cancel(), [])

  // The actor in focus and the edge in the inspector, selected in the drawing.
  useEffect(() => {
    const n = net.current
    if (!n) return
    // Only a real change: every select or unselect redraws the whole picture.
    const nodes = actorFocusId && n.nodes.get(actorFocusId) ? [actorFocusId] : []
    const edges =
      !nodes.length && selectedEdge && n.edges.get(selectedEdge.id) ? [selectedEdge.id] : []
    // A tie the panel draws is selected in its drawing (see own-ties.ts).
    const ties = n.drawing?.ties
    const tie = !nodes.length && ties?.count ? selectedEdge?.id : undefined
    if (ties?.select(tie)) n.network.redraw()
    const same = (a: (string | number)[], b: string[]) =>
      a.length === b.length && a.every((x, i) => String(x) === b[i])
    if (same(n.network.getSelectedNodes(), nodes) && same(n.network.getSelectedEdges(), edges))
      return
    if (nodes.length) n.network.selectNodes(nodes, false)
    else if (edges.length) n.network.selectEdges(edges)
    else n.network.unselectAll()
  }, [actorFocusId, selectedEdge, model, drawnEdges, relayoutSeq])

  const toggleFocus = useCallback(
    (id: string) => setActorFocus(id === actorFocusId ? '' : id),
    [actorFocusId, setActorFocus],
  )

  function relayout() {
    layoutRef.current = { positions: {}, pinned: [] }
    fitted.current = false
    layoutsTaken.current++
    // The layout effect runs again for the emptied positions.
    setRelayoutSeq((n) => n + 1)
    saveLayout.current()
    net.current?.nodes.clear()
    net.current?.edges.clear()
    drawnRows.current = emptyDrawn()
    setLayoutRequest((k) => k + 1)
  }

  const types = useMemo(() => {
    const used = new Set([
      ...(events ?? []).map((e) => e.type),
      ...(relations ?? []).map((r) => r.type),
    ])
    return [
      ...EVENT_TYPES.filter((t) => used.has(t.id)).map((t) => ({ id: t.id, label: t.label })),
      ...RELATION_TYPES.filter((t) => used.has(t.id)).map((t) => ({ id: t.id, label: t.label })),
    ]
  }, [events, relations])

  const empty = !!model && model.nodes.length === 0
  const following = follow && !!timelineWindow
  return (
    <section className="graph-pane" aria-label="Actors" data-testid="graph-pane">
      <div className="graph-toolbar" role="toolbar" aria-label="Actor graph view">
        <select
          aria-label="Type of tie"
          value={type}
          onChange={(e) => setType(e.target.value)}
          data-testid="graph-type"
        >
          <option value="">All types</option>
          {types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
        <select
          aria-label="Conflict or cooperation"
          value={family}
          onChange={(e) => setFamily(e.target.value as EventFamily | '')}
          data-testid="graph-family"
        >
          {FAMILIES.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <select
          aria-label="Minimum source grade"
          disabled={!grades}
          title={grades ? undefined : 'Reading the sources’ grades…'}
          value={minReliability}
          onChange={(e) => setMinReliability(e.target.value as Reliability | '')}
          data-testid="graph-grade"
        >
          {GRADES.map((g) => (
            <option key={g.value} value={g.value}>
              {g.label}
            </option>
          ))}
        </select>
        <label className="inline">
          <input
            type="checkbox"
            checked={hideIsolated}
            onChange={(e) => setHideIsolated(e.target.checked)}
          />
          Hide isolated
        </label>
        <label className="inline" title="Draw only the ties active in the timeline's window">
          <input
            type="checkbox"
            checked={follow}
            onChange={(e) => {
              setFollow(e.target.checked)
              void writeSetting(FOLLOW_KEY, e.target.checked)
            }}
            data-testid="graph-follow"
          />
          Follow timeline
        </label>
        <button type="button" onClick={fitShown} title="Frame the actors shown">
          Fit
        </button>
        <button
          type="button"
          onClick={() => setNewRelation(true)}
          title="A standing tie between two actors (to make one from a passage, select it and press R)"
          data-testid="graph-new-relation"
        >
          New relation…
        </button>
        <button
          type="button"
          onClick={relayout}
          title="Lay the graph out afresh (forgets the nodes you placed)"
        >
          Re-layout
        </button>
        {/* Always there (disabled until the model is built): controls appearing late would
            re-wrap the toolbar and resize, so re-fit, the picture under the analyst's pointer. */}
        <GraphExportButtons
          model={model && whole ? model : undefined}
          positions={() => layoutRef.current.positions}
          caseTitle={caseTitle}
        />
      </div>
      <div className={`graph-body${empty ? ' is-empty' : ''}`}>
        <div className="graph-canvas">
          <div ref={containerRef} className="graph-vis" data-testid="graph" />
        </div>
        <div ref={tipRef} className="graph-tie-tip" role="tooltip" data-testid="graph-tie-tip" />
        {/* Over the drawing, not in the toolbar: its text changes as the graph loads and is
            filtered, and in the toolbar that re-wrapped it (see GraphExportButtons above). */}
        <span className="graph-counts" aria-live="polite" data-testid="graph-counts">
          {model
            ? `${model.nodes.length} actor${model.nodes.length === 1 ? '' : 's'} · ${model.edges.length} tie${model.edges.length === 1 ? '' : 's'}${following ? ' in the timeline’s window' : ''}`
            : ''}
          {model && drawnEdges.length < model.edges.length && (
            <span title="Every actor is drawn; of the ties, the strongest (most events). Filter by type, family or grade, or follow a narrower timeline window, to draw the others.">
              {` (the ${drawnEdges.length.toLocaleString('en')} strongest drawn)`}
            </span>
          )}
          {layoutState === 'working' && ' · laying out…'}
        </span>
        {/* Made with the pane, before its entries: an element that comes with its
            content-visibility already set lays its content out in its first frame (see
            graph.css). */}
        <div className="sr-only graph-list" data-testid="graph-list">
          {model && (
            <GraphList
              model={model}
              names={entities}
              focusedId={actorFocusId}
              selectedEdgeId={selectedEdge?.id}
              onNode={toggleFocus}
              onEdge={selectEdge}
              where={where}
            />
          )}
        </div>
        {empty && (
          <div className="graph-empty" data-testid="graph-empty">
            {(events?.length ?? 0) + (relations?.length ?? 0) === 0 ? (
              <p>
                No ties yet. Events between actors (select a passage, press E) and relations appear
                here as a graph of who did what to whom.
              </p>
            ) : (
              <p>
                No ties match the filters
                {following ? ' in the timeline’s window (untick Follow timeline to see all)' : ''}.
              </p>
            )}
          </div>
        )}
      </div>
      {newRelation && (
        <RelationForm
          caseId={caseId}
          {...(actorFocusId ? { initialFrom: actorFocusId } : {})}
          onClose={() => setNewRelation(false)}
        />
      )}
    </section>
  )
}

/** The part of vis-network's internals used to find the middle of a drawn (curved) edge. */
interface EdgeInternals {
  body?: {
    edges?: Record<string, { edgeType?: { getPoint?(t: number): { x: number; y: number } } }>
  }
}

/** Where `model`'s nodes and tie middles are drawn, in client pixels. */
function screenPositions(
  n: Network,
  container: HTMLElement,
  model: GraphModel,
  rows: DataSet<Node>,
  /** The ties the panel draws (see own-ties.ts), if any. */
  ties: OwnTies | undefined,
): Map<string, ScreenPoint> {
  const rect = container.getBoundingClientRect()
  const out = new Map<string, ScreenPoint>()
  const scale = n.getScale()
  const toClient = (p: { x: number; y: number }) => {
    const d = n.canvasToDOM(p)
    return { x: Math.round(rect.left + d.x), y: Math.round(rect.top + d.y) }
  }
  const positions = n.getPositions(model.nodes.map((x) => x.id))
  for (const [id, p] of Object.entries(positions)) {
    const size = rows.get(id)?.size
    out.set(id, { ...toClient(p), ...(size ? { r: Math.round(size * scale * 10) / 10 } : {}) })
  }
  const edges = (n as unknown as EdgeInternals).body?.edges ?? {}
  if (model.edges.length > LIST_TIES_MAX) return out
  for (const e of model.edges) {
    const mid = edges[e.id]?.edgeType?.getPoint?.(0.5) ?? ties?.middle(e.id)
    if (mid) out.set(`edge:${e.id}`, toClient(mid))
  }
  return out
}

/**
 * The graph as a list — actors, then ties — for the keyboard and screen readers (the
 * canvas is neither), visually hidden. Each entry is a button doing what a click on the
 * drawing does, and carries where it is drawn on screen (`data-x`/`data-y`, client pixels).
 */
const GraphList = memo(function GraphList({
  model,
  names,
  focusedId,
  selectedEdgeId,
  onNode,
  onEdge,
  where,
}: {
  model: GraphModel
  names: Map<string, { name: string }>
  focusedId: string
  selectedEdgeId: string | undefined
  onNode(id: string): void
  onEdge(edge: GraphEdge): void
  /** Where nodes (by id) and edge middles (`edge:<id>`) are on screen, in client pixels. */
  where: ReadonlyMap<string, ScreenPoint>
}) {
  const name = (id: string) => names.get(id)?.name ?? id
  return (
    <>
      <h3>Actors</h3>
      <ActorList nodes={model.nodes} where={where} focusedId={focusedId} onNode={onNode} />
      <h3>Ties</h3>
      {model.edges.length > LIST_TIES_MAX && (
        <p>
          {model.edges.length.toLocaleString('en')} ties: too many to list. Filter by type, family
          or grade, or follow a narrower timeline window.
        </p>
      )}
      <ul>
        {model.edges.slice(0, model.edges.length > LIST_TIES_MAX ? 0 : undefined).map((edge) => (
          <li key={edge.id}>
            <button
              type="button"
              data-testid="graph-edge"
              data-id={edge.id}
              data-x={where.get(`edge:${edge.id}`)?.x}
              data-y={where.get(`edge:${edge.id}`)?.y}
              aria-pressed={edge.id === selectedEdgeId}
              onClick={() => onEdge(edge)}
            >
              {`${name(edge.from)} ${edge.directed ? '→' : '—'} ${name(edge.to)}: ${edge.label}`}
            </button>
          </li>
        ))}
      </ul>
    </>
  )
})
