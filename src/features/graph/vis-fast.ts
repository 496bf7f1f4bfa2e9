/**
 * The few places where the actor graph reaches past vis-network's public API, for speed, all
 * in one module. vis-network (pinned at 10.1.5 in package.json) is written for graphs whose
 * items change one at a time; the panel changes thousands at once (a filter hides half the
 * ties) and draws a few thousand ties a frame. Each helper checks that the internals it
 * needs are there and, when they are not (another version), changes nothing and says so,
 * and the caller goes the public way: nothing here is needed for correctness, only speed.
 * A fallback is never silent: the first time each shortcut falls back it warns once on the
 * console and is listed in `visFastFallbacks()` and in the page root's
 * `data-vis-fast-fallback` attribute (space-separated names), where the e2e contract test
 * (`e2e/vis-contract.spec.ts`, against the real vis-network in Chromium) and a person
 * looking at the page can see it.
 *
 * Measured with 500 actors and 5,000 ties (`npm run bench`, graph section; software
 * rendering), per filter change: visibility through the DataSet ~80 ms, through
 * vis-network's `_dataChanged` ~18 ms, through `setVisibility` ~3 ms; ties and arrowheads
 * drawn one by one ~45 ms of script a frame, batched ~15 ms; drawing inside the input event
 * instead of at the start of the next frame costs a skipped frame (~30 ms).
 */
import type { Network } from 'vis-network'
import {
  ARROW_OUTLINE,
  ARROWS_PER_PATH,
  OwnTies,
  strokeSegments,
  type TieEnd,
  type TieMarks,
} from './own-ties'

/** What vis-network's `getFormattingValues` gives (the parts used here). */
interface EdgeValues {
  hidden?: boolean
  shadow?: boolean
  width: number
  dashes?: boolean | number[]
  toArrow?: boolean
  toArrowType?: string
  fromArrow?: boolean
  middleArrow?: boolean
  arrowStrikethrough?: boolean
}

/** An edge as vis-network holds it (the parts used here). */
interface VisEdge {
  connected?: boolean
  from?: { x: number; y: number }
  to?: { x: number; y: number }
  selected?: boolean
  hover?: boolean
  options?: { hidden?: boolean; label?: unknown; smooth?: { enabled?: boolean } }
  draw?(ctx: CanvasRenderingContext2D): void
  drawArrows?(ctx: CanvasRenderingContext2D): void
  getFormattingValues?(): EdgeValues
  edgeType?: {
    getViaNode?(): unknown
    getColor?(ctx: CanvasRenderingContext2D, values: EdgeValues): string | CanvasGradient
    getArrowData?(
      ctx: CanvasRenderingContext2D,
      position: 'to',
      via: unknown,
      selected: boolean | undefined,
      hover: boolean | undefined,
      values: EdgeValues,
    ): { point: { x: number; y: number }; angle: number; length: number }
  }
}

/** vis-network's internals used here (vis-network 10.1.5). */
interface Internals {
  edgesHandler?: {
    /** The listeners it put on the edges DataSet; `add` makes the new rows' edges. */
    edgesListeners?: { add?: unknown }
    /** Makes the edges of these DataSet rows; `true`: without the `_dataChanged` event. */
    add?(ids: string[], doNotEmit?: boolean): void
  }
  body?: {
    nodes?: Record<string, { options?: { hidden?: boolean } }>
    view?: { scale?: number }
    edges?: Record<string, VisEdge>
    nodeIndices?: string[]
    edgeIndices?: string[]
    emitter?: { on(event: string, handler: () => void): void }
  }
  renderer?: {
    _drawEdges?(ctx: CanvasRenderingContext2D): void
    _drawArrows?(ctx: CanvasRenderingContext2D): void
    _redraw?(hidden?: boolean): void
    _requestRedraw?(): void
    /** Set while vis-network's own frame request is pending (see `drawInFrames`). */
    redrawRequested?: boolean
  }
  _updateVisibleIndices?(): void
  /** The canvas it draws on (`getContext`: its 2d context). */
  canvas?: { getContext?(): CanvasRenderingContext2D }
  clustering?: { clusteredNodes?: object; clusteredEdges?: object }
}

function internals(network: Network): Internals {
  return network as unknown as Internals
}

/** The shortcuts that fell back in this page, in the order they first did. */
const fallbacks = new Set<string>()

/** The shortcuts that fell back to vis-network's public way in this page (none, normally). */
export function visFastFallbacks(): readonly string[] {
  return [...fallbacks]
}

/**
 * Records that the shortcut `name` fell back: a console warning the first time, the list in
 * `visFastFallbacks()` and on the page root's `data-vis-fast-fallback`.
 */
function fellBack(name: string, missing: string): void {
  if (fallbacks.has(name)) return
  fallbacks.add(name)
  console.warn(
    `vis-fast: ${name} fell back to vis-network's public API (${missing} not found: a ` +
      'vis-network other than 10.1.5?). The graph still works, more slowly.',
  )
  if (typeof document !== 'undefined') {
    document.documentElement.dataset.visFastFallback = [...fallbacks].join(' ')
  }
}

/**
 * Shows or hides drawn nodes or edges by id, directly on vis-network's items, then has it
 * recompute which items are visible — the one thing a visibility flip changes. The DataSet
 * way (`update({ id, hidden })`) re-reads every option of each item (~30 µs each) and its
 * `_dataChanged` event rebuilds every cache (edges reconnected, clusters, physics,
 * selection). Returns false, changing nothing, when an id is not drawn or the internals are
 * not as expected; the caller then goes through the DataSet. The DataSet keeps the old
 * `hidden` of these rows, which nothing reads: every later full row carries its own.
 */
export function setVisibility(
  network: Network,
  kind: 'nodes' | 'edges',
  flips: { id: string; hidden: boolean }[],
  /** `later`: the caller calls `updateVisible` itself (once for nodes and edges). */
  options: { later?: boolean } = {},
): boolean {
  const net = internals(network)
  const items = net.body?.[kind]
  if (!items || typeof net._updateVisibleIndices !== 'function') {
    fellBack('setVisibility', `body.${kind} or _updateVisibleIndices`)
    return false
  }
  // An id not drawn yet is no fallback: the caller's DataSet update adds it.
  if (!flips.every((f) => items[f.id]?.options)) return false
  for (const f of flips) items[f.id]!.options!.hidden = f.hidden
  if (!options.later) net._updateVisibleIndices()
  return true
}

/** The part of a vis-data DataSet `addEdges` uses. */
export interface EdgeRowSet<T> {
  update(rows: T[]): unknown
  off(event: 'add', callback: never): void
  on(event: 'add', callback: never): void
}

/**
 * Hands vis-network edges it does not hold yet, without its `_dataChanged` event. Through the
 * DataSet, that event follows every batch of new rows and walks everything the network holds
 * several times (edges reconnected, clusters, value ranges, visible lists), which at 2,000
 * actors and thousands of held ties costs more than making the new edges themselves. Here the
 * rows go into the DataSet with the network's `add` listener set aside, and the network makes
 * their edges itself, quietly. None of what the event does is needed for new edges between
 * held nodes with physics off, except the visible lists: the caller calls `updateVisible`
 * (as after `setVisibility` with `later`). Returns false, changing nothing, when the internals
 * are not as expected; the caller then goes through the DataSet.
 */
export function addEdges<T extends { id?: unknown }>(
  network: Network,
  set: EdgeRowSet<T>,
  rows: T[],
): boolean {
  const handler = internals(network).edgesHandler
  const listener = handler?.edgesListeners?.add
  if (typeof listener !== 'function' || typeof handler?.add !== 'function') {
    fellBack('addEdges', 'edgesHandler.edgesListeners.add or edgesHandler.add')
    return false
  }
  set.off('add', listener as never)
  try {
    set.update(rows)
  } finally {
    set.on('add', listener as never)
  }
  handler.add(
    rows.map((r) => String(r.id)),
    true,
  )
  return true
}

/**
 * Has vis-network work out again which nodes and edges are visible, after `setVisibility`
 * with `later` (it walks every row it holds, so once for a change of both kinds is enough).
 */
export function updateVisible(network: Network): void {
  internals(network)._updateVisibleIndices?.()
}

/**
 * `updateVisible` over only the ids that may be visible: vis-network's own walks every node
 * and edge it holds (each tie ever shown, thousands more than are shown after a few filters
 * and windows), this only `nodeIds` and `edgeIds`, which must include every held item that
 * is not hidden (the panel hides all it does not show, so its shown ids do). The lists come
 * out as vis-network makes them (an edge is visible when it and both its ends are), in the
 * order of the ids given. Returns false, changing nothing, when the internals are not as
 * expected or the network holds clusters (the panel makes none); the caller then calls
 * `updateVisible`.
 */
export function updateVisibleOf(
  network: Network,
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string>,
): boolean {
  const net = internals(network)
  const body = net.body
  const clustering = net.clustering
  if (!body?.nodes || !body.edges || !clustering?.clusteredNodes || !clustering.clusteredEdges) {
    fellBack('updateVisibleOf', 'body.nodes, body.edges or clustering')
    return false
  }
  if (
    Object.keys(clustering.clusteredNodes).length ||
    Object.keys(clustering.clusteredEdges).length
  )
    return false
  const nodes = body.nodes as Record<string, { id?: string; options?: { hidden?: boolean } }>
  const edges = body.edges as Record<
    string,
    { id?: string; fromId?: string; toId?: string; options?: { hidden?: boolean } }
  >
  const nodeIndices: string[] = []
  for (const id of nodeIds) {
    const node = nodes[id]
    if (node?.options?.hidden === false) nodeIndices.push(node.id ?? id)
  }
  const edgeIndices: string[] = []
  for (const id of edgeIds) {
    const edge = edges[id]
    if (edge?.options?.hidden !== false) continue
    const from = nodes[edge.fromId ?? '']
    const to = nodes[edge.toId ?? '']
    if (from?.options?.hidden === false && to?.options?.hidden === false)
      edgeIndices.push(edge.id ?? id)
  }
  body.nodeIndices = nodeIndices
  body.edgeIndices = edgeIndices
  return true
}

/**
 * Has vis-network draw at the start of animation frames, at most once a frame, instead of
 * whenever something asks: with physics off it draws the whole picture synchronously on
 * every change, a drag's every pointer move included. Drawn inside an input event, the
 * canvas is painted after the task and the frame waits for the next one (~30 ms here); drawn
 * at the start of a frame, it is painted in that frame. `network.redraw()` then also draws
 * in the next frame. A pending drawing is dropped when the network is destroyed. Returns
 * false, changing nothing, when the internals are not as expected.
 *
 * vis-network's own requests ("_requestRedraw" events: a DataSet change, a resize) are
 * taken here too. Its renderer listens to them with a bound copy of its own method, which
 * asks for a frame of its own and draws again from there: when a change asked both ways, the
 * picture was drawn in our frame and then once more (the first picture of a 2,000-actor graph
 * was drawn twice, 75 ms more before its places were shown). Its flag `redrawRequested` is
 * kept set, so that its method never asks, and the event schedules ours.
 */
export function drawInFrames(network: Network): boolean {
  const renderer = internals(network).renderer
  if (
    !renderer ||
    typeof renderer._redraw !== 'function' ||
    typeof renderer._requestRedraw !== 'function'
  ) {
    fellBack('drawInFrames', 'renderer._redraw or renderer._requestRedraw')
    return false
  }
  const own = renderer._redraw.bind(renderer)
  const emitter = internals(network).body?.emitter
  // vis-network clears the flag as it draws (see the comment above). Without its emitter
  // its own requests cannot be taken here: they are left to its method then.
  const draw = (hidden?: boolean) => {
    try {
      own(hidden)
    } finally {
      if (emitter) renderer.redrawRequested = true
    }
  }
  if (emitter) renderer.redrawRequested = true
  let pending = 0
  let inFrame = false
  const schedule = () => {
    if (pending) return
    pending = requestAnimationFrame(() => {
      pending = 0
      inFrame = true
      try {
        draw(false)
      } finally {
        inFrame = false
      }
    })
  }
  // `hidden` draws measure node sizes and are wiped at once: those stay synchronous.
  renderer._redraw = (hidden?: boolean) => (hidden || inFrame ? draw(hidden) : schedule())
  renderer._requestRedraw = schedule
  emitter?.on('_requestRedraw', schedule)
  // vis-network's own "destroy" event (not in its typed public events).
  emitter?.on('destroy', () => {
    if (pending) cancelAnimationFrame(pending)
    pending = 0
  })
  return true
}

/** The plain ties of one colour and width, stroked together: this frame's ends (x1 y1 x2 y2). */
interface LineGroup {
  colour: string
  width: number
  ends: Float64Array
  n: number
}

/** The arrowheads of one colour, filled together: this frame's, by their edges' slots. */
interface ArrowGroup {
  colour: string
  slots: Int32Array
  n: number
}

/** Numbers per edge in the batcher's `coords`: its ends (4), its arrowhead's corners (8). */
const SLOT = 12

/**
 * How one edge is drawn, as last worked out, and what it was worked out from. Its numbers
 * (ends, arrowhead) are in the batcher's one array, at `slot * SLOT`, and its colour and width
 * are a group shared by the edges drawn alike: held for each of the ~15,000 ties a big case
 * has shown, fields of numbers, a colour object and a `Path2D` per edge were ~10 objects each
 * (and 10 MB of paths) for every full garbage collection to walk.
 */
interface DrawnEdge {
  slot: number
  selected: boolean | undefined
  hover: boolean | undefined
  /** A plain straight line (batched): its colour and width; null: vis-network draws it. */
  line: LineGroup | null
  /** The arrowhead (batched): its colour (corners in `coords`); null: none; 'own': vis's own. */
  arrow: ArrowGroup | null | 'own'
}

/** What `batchEdges` hands back. */
export interface EdgeBatcher {
  /** Forget how every edge is drawn: call after edges or nodes were changed or added. */
  invalidate(): void
  /**
   * Works out now, as if shown, how each of these held edges will be drawn (those hidden
   * included; ids not held, or worked out already, are skipped), so that the frame that first
   * shows them only draws: in idle time, for the ties a likely next change shows (see
   * GraphPane's `holdAhead`). Returns how many were worked out.
   */
  prepare(ids: Iterable<string>): number
  /**
   * Ties the panel draws itself, not held by vis-network as edges (see own-ties.ts): drawn
   * after the batched edges (lines) and after the nodes (arrowheads), as vis-network draws
   * its own, over its nodes as it holds them.
   */
  ties: OwnTies
}

/**
 * Has vis-network draw plain ties and their arrowheads in batches: one colour and width
 * change per group instead of several per edge (canvas colour strings are parsed on every
 * change), straight lines stroked 64 to a path, arrowheads filled 32 to a path. How each edge
 * is drawn is worked out by vis-network's own code (`getFormattingValues`, `getColor`,
 * `getArrowData`) and remembered until its two nodes move or it is selected, hovered or
 * changed: a filter or time-window change, a pan or a zoom moves none of them, and a drag
 * only the dragged node's. Curved, dashed, labelled, shadowed, selected and hovered edges
 * are drawn by vis-network as before, after (so above) the batched ones. The panel's own ties
 * (`ties`, not vis-network edges: see own-ties.ts) are drawn in the same steps, marked as
 * `marks` says. Returns undefined, changing nothing, when the internals are not as expected.
 */
export function batchEdges(network: Network, marks: TieMarks): EdgeBatcher | undefined {
  const net = internals(network)
  const renderer = net.renderer
  const body = net.body
  if (
    !renderer ||
    !body ||
    typeof renderer._drawEdges !== 'function' ||
    typeof renderer._drawArrows !== 'function'
  ) {
    fellBack('batchEdges', 'body, renderer._drawEdges or renderer._drawArrows')
    return undefined
  }
  const ownEdges = renderer._drawEdges.bind(renderer)
  const ownArrows = renderer._drawArrows.bind(renderer)
  const ties = new OwnTies(
    () => body.nodes as Record<string, TieEnd> | undefined,
    () => body.view?.scale ?? 1,
    marks,
  )
  // By edge id, hidden edges included (a filter shows them again); emptied by `invalidate`.
  let cache = new Map<string, DrawnEdge>()
  // The edges' numbers, `SLOT` per edge; a slot is an edge's until `invalidate`.
  let coords = new Float64Array(SLOT * 1024)
  let slots = 0
  // The groups, by colour and width (lines) and colour (arrowheads): a few dozen at most.
  const lineGroups = new Map<string, LineGroup>()
  const arrowGroups = new Map<string, ArrowGroup>()
  const lineGroup = (colour: string, width: number): LineGroup => {
    const key = `${colour} ${width}`
    let group = lineGroups.get(key)
    if (!group) lineGroups.set(key, (group = { colour, width, ends: new Float64Array(256), n: 0 }))
    return group
  }
  const arrowGroup = (colour: string): ArrowGroup => {
    let group = arrowGroups.get(colour)
    if (!group) arrowGroups.set(colour, (group = { colour, slots: new Int32Array(64), n: 0 }))
    return group
  }

  /**
   * Works out how `edge` is drawn, into `entry` when it has one (its slot kept), else into a
   * new one. `asShown`: as the edge will be drawn once shown, though it is hidden now.
   */
  const workOut = (
    ctx: CanvasRenderingContext2D,
    edge: VisEdge,
    entry: DrawnEdge | undefined,
    asShown = false,
  ): DrawnEdge => {
    const from = edge.from!
    const to = edge.to!
    const drawn: DrawnEdge = entry ?? {
      slot: slots++,
      selected: undefined,
      hover: undefined,
      line: null,
      arrow: null,
    }
    if ((drawn.slot + 1) * SLOT > coords.length) {
      const more = new Float64Array(coords.length * 2)
      more.set(coords)
      coords = more
    }
    const at = drawn.slot * SLOT
    coords[at] = from.x
    coords[at + 1] = from.y
    coords[at + 2] = to.x
    coords[at + 3] = to.y
    drawn.selected = edge.selected
    drawn.hover = edge.hover
    drawn.line = null
    drawn.arrow = 'own'
    const type = edge.edgeType
    const values = edge.getFormattingValues?.()
    if (!values || (values.hidden && !asShown)) {
      drawn.arrow = null
      return drawn
    }
    const colour = type?.getColor?.(ctx, values)
    const solid = typeof colour === 'string' && !values.shadow
    if (
      solid &&
      from !== to &&
      !edge.selected &&
      !edge.hover &&
      values.dashes === false &&
      edge.options?.smooth?.enabled === false &&
      (edge.options.label === undefined || edge.options.label === '')
    )
      drawn.line = lineGroup(colour, values.width)
    if (!values.toArrow) drawn.arrow = values.fromArrow || values.middleArrow ? 'own' : null
    else if (
      solid &&
      !values.fromArrow &&
      !values.middleArrow &&
      values.arrowStrikethrough !== false &&
      (values.toArrowType ?? 'arrow') === 'arrow'
    ) {
      const data = type?.getArrowData?.(
        ctx,
        'to',
        type.getViaNode?.(),
        edge.selected,
        edge.hover,
        values,
      )
      if (data) {
        const cos = Math.cos(data.angle)
        const sin = Math.sin(data.angle)
        for (let k = 0; k < ARROW_OUTLINE.length; k += 2) {
          const px = ARROW_OUTLINE[k]!
          const py = ARROW_OUTLINE[k + 1]!
          coords[at + 4 + k] = data.point.x + data.length * (px * cos - py * sin)
          coords[at + 5 + k] = data.point.y + data.length * (px * sin + py * cos)
        }
        drawn.arrow = arrowGroup(colour)
      }
    }
    return drawn
  }

  /** Whether `entry` still says how `edge` is drawn (its ends and state unchanged). */
  const fresh = (
    entry: DrawnEdge,
    edge: VisEdge,
    from: { x: number; y: number },
    to: { x: number; y: number },
  ) => {
    const at = entry.slot * SLOT
    return (
      coords[at] === from.x &&
      coords[at + 1] === from.y &&
      coords[at + 2] === to.x &&
      coords[at + 3] === to.y &&
      entry.selected === edge.selected &&
      entry.hover === edge.hover
    )
  }

  /** The drawn edges of this frame and, at the same index, how each is drawn. */
  interface Current {
    indices: string[]
    edges: VisEdge[]
    entries: DrawnEdge[]
  }
  /**
   * Worked out by `_drawEdges` for its frame's `_drawArrows`, which vis-network calls in the
   * same drawing (nothing moves in between): the list is not made twice a frame.
   */
  let forArrows: Current | undefined

  // The lists below are kept from frame to frame and refilled: at 5,000 ties, making them
  // afresh each drawing was ~0.4 MB of garbage a frame (scripts/bench/profile-graph.mjs), and
  // the garbage of each change brings the page's collections nearer.
  const frame: Current = { indices: [], edges: [], entries: [] }
  const current = (ctx: CanvasRenderingContext2D): Current | undefined => {
    const edges = body.edges
    const indices = body.edgeIndices
    if (!edges || !indices) {
      fellBack('batchEdges', 'body.edges or body.edgeIndices')
      return undefined
    }
    const out = frame
    out.indices = indices
    out.edges.length = 0
    out.entries.length = 0
    for (const id of indices) {
      const edge = edges[id]
      const from = edge?.from
      const to = edge?.to
      if (!edge?.connected || !from || !to) continue
      let entry = cache.get(id)
      if (!entry || !fresh(entry, edge, from, to)) {
        entry = workOut(ctx, edge, entry)
        cache.set(id, entry)
      }
      out.edges.push(edge)
      out.entries.push(entry)
    }
    return out
  }

  /** This frame's line groups, in the order their first ties come (the order they are stroked). */
  const order: LineGroup[] = []
  /** This frame's arrowhead groups, likewise. */
  const arrowOrder: ArrowGroup[] = []
  const own: VisEdge[] = []

  renderer._drawEdges = (ctx) => {
    const drawn = current(ctx)
    forArrows = drawn
    if (!drawn) {
      ownEdges(ctx)
      ties.drawLines(ctx)
      return
    }
    for (const group of order) group.n = 0
    order.length = 0
    own.length = 0
    for (let i = 0; i < drawn.edges.length; i++) {
      const entry = drawn.entries[i]!
      const group = entry.line
      if (!group) {
        own.push(drawn.edges[i]!)
        continue
      }
      if (group.n === 0) order.push(group)
      if (group.n + 4 > group.ends.length) {
        const more = new Float64Array(group.ends.length * 2)
        more.set(group.ends)
        group.ends = more
      }
      const ends = group.ends
      const at = entry.slot * SLOT
      ends[group.n] = coords[at]!
      ends[group.n + 1] = coords[at + 1]!
      ends[group.n + 2] = coords[at + 2]!
      ends[group.n + 3] = coords[at + 3]!
      group.n += 4
    }
    for (const { colour, width, ends, n } of order) {
      ctx.strokeStyle = colour
      ctx.lineWidth = width
      strokeSegments(ctx, ends, n)
    }
    for (const edge of own) edge.draw?.(ctx)
    own.length = 0
    ties.drawLines(ctx)
  }

  renderer._drawArrows = (ctx) => {
    const drawn = forArrows && forArrows.indices === body.edgeIndices ? forArrows : current(ctx)
    forArrows = undefined
    if (!drawn) {
      ownArrows(ctx)
      ties.drawArrows(ctx)
      return
    }
    for (const group of arrowOrder) group.n = 0
    arrowOrder.length = 0
    for (let i = 0; i < drawn.edges.length; i++) {
      const entry = drawn.entries[i]!
      const group = entry.arrow
      if (group === 'own') drawn.edges[i]!.drawArrows?.(ctx)
      else if (group) {
        if (group.n === 0) arrowOrder.push(group)
        if (group.n === group.slots.length) {
          const more = new Int32Array(group.slots.length * 2)
          more.set(group.slots)
          group.slots = more
        }
        group.slots[group.n++] = entry.slot
      }
    }
    for (const { colour, slots: list, n } of arrowOrder) {
      ctx.fillStyle = colour
      for (let start = 0; start < n; start += ARROWS_PER_PATH) {
        ctx.beginPath()
        const stop = Math.min(n, start + ARROWS_PER_PATH)
        for (let k = start; k < stop; k++) {
          const at = list[k]! * SLOT + 4
          ctx.moveTo(coords[at]!, coords[at + 1]!)
          ctx.lineTo(coords[at + 2]!, coords[at + 3]!)
          ctx.lineTo(coords[at + 4]!, coords[at + 5]!)
          ctx.lineTo(coords[at + 6]!, coords[at + 7]!)
          ctx.closePath()
        }
        ctx.fill()
      }
    }
    // Nothing of a frame is held after it: the lists are emptied (their room is kept).
    drawn.edges.length = 0
    drawn.entries.length = 0
    ties.drawArrows(ctx)
  }

  return {
    ties,
    invalidate() {
      cache = new Map()
      slots = 0
    },
    prepare(ids) {
      const edges = body.edges
      const ctx = net.canvas?.getContext?.()
      if (!edges || !ctx) {
        fellBack('batchEdges.prepare', 'body.edges or canvas.getContext')
        return 0
      }
      let made = 0
      for (const id of ids) {
        const edge = edges[id]
        const from = edge?.from
        const to = edge?.to
        const entry = cache.get(id)
        if (!edge?.connected || !from || !to || (entry && fresh(entry, edge, from, to))) continue
        cache.set(id, workOut(ctx, edge, entry, true))
        made++
      }
      return made
    },
  }
}
