/**
 * The ties of a big case, drawn and picked by the panel itself rather than made into
 * vis-network edges. vis-network builds ~35 objects for every edge it holds (options, colour,
 * arrows, font, label module, edge type), ~10 µs each to make: at 2,000 actors a new time
 * window's few thousand ties took tens of ms to make, and the ~18,000 edges the windows had
 * shown were half the page's objects, every one walked by each full garbage collection (the
 * 100-ms misses of the window change at 100,000 documents). Here a tie is a few entries in
 * arrays the panel refills on each change (its id, its two ends' ids and its look), drawn
 * straight, in batches, the way vis-network draws a plain straight edge: the line from centre
 * to centre, the arrowhead's tip on the target's border (vis-network's own `distanceToBorder`
 * of the node), a selected tie wider in the highlight colour, a hovered one wider. A pointer
 * picks the nearest tie within 10 canvas units, as vis-network picks an edge.
 *
 * Used only where every tie is drawn plain anyway (beyond `DRAWN_TIES_MAX` ties in the case:
 * no bends, no labels); smaller cases keep vis-network's edges (curves for parallel ties,
 * labels). No vis-network internals are reached here: the node lookup is handed in
 * (vis-fast.ts `batchEdges` hands its own, and draws these with the edges it batches).
 */

/** A node as the ties read it: where it is drawn, whether hidden, how far its border is. */
export interface TieEnd {
  x: number
  y: number
  options?: { hidden?: boolean }
  /** From the centre to the border along `angle` (vis-network's node method). */
  distanceToBorder?(ctx: CanvasRenderingContext2D, angle: number): number
}

/** How a tie is drawn: shared by every tie drawn alike (a few dozen looks at most). */
export interface TieLook {
  readonly colour: string
  readonly width: number
  readonly dashed: boolean
  /** An arrowhead at the `to` end. */
  readonly arrow: boolean
}

/** The ties to draw, by index: four lists of the same length. */
export interface TieList {
  readonly ids: readonly string[]
  readonly from: readonly string[]
  readonly to: readonly string[]
  readonly looks: readonly TieLook[]
}

/** How selected and hovered ties are drawn (vis-network's edge options of the same names). */
export interface TieMarks {
  /** The selected tie's colour. */
  selectedColour: string
  /** Added to a selected tie's width. */
  selectionWidth: number
  /** Added to a hovered tie's width. */
  hoverWidth: number
  /** An arrowhead's size against vis-network's default (its `scaleFactor`). */
  arrowScale: number
}

/** vis-network's dashes (its default pattern for `dashes: true`). */
const DASHES = [5, 5]
/** How near a pointer must be to a tie to pick it, in canvas units (as vis-network). */
const PICK_DISTANCE = 10
/** Segments stroked per path: one path of thousands of lines strokes far slower. */
const SEGMENTS_PER_PATH = 64
/** Arrowheads filled per path (as for lines: one path of thousands fills far slower). */
export const ARROWS_PER_PATH = 32
/**
 * The arrowhead's outline, tip at 0,0, pointing along +x (vis-network's "arrow"): four corners
 * as x y pairs, flat (indexed, not destructured: a destructured pair is an iterator and its
 * results, made for each corner of thousands of arrowheads a frame).
 */
export const ARROW_OUTLINE: Readonly<Float64Array> = Float64Array.of(
  0,
  0,
  -1,
  0.3,
  -0.9,
  0,
  -1,
  -0.3,
)

/** This frame's lines of one look (x1 y1 x2 y2 each), or arrowheads of one colour (8 each). */
interface Batch {
  ends: Float64Array
  n: number
}

function grow(batch: Batch, more: number): void {
  if (batch.n + more <= batch.ends.length) return
  const bigger = new Float64Array(Math.max(batch.ends.length * 2, batch.n + more))
  bigger.set(batch.ends)
  batch.ends = bigger
}

/**
 * Strokes the lines `ends[0..n)` (x1 y1 x2 y2 each) with the context's current style, 64 to a
 * path.
 */
export function strokeSegments(ctx: CanvasRenderingContext2D, ends: Float64Array, n: number): void {
  for (let start = 0; start < n; start += 4 * SEGMENTS_PER_PATH) {
    ctx.beginPath()
    const stop = Math.min(n, start + 4 * SEGMENTS_PER_PATH)
    for (let k = start; k < stop; k += 4) {
      ctx.moveTo(ends[k]!, ends[k + 1]!)
      ctx.lineTo(ends[k + 2]!, ends[k + 3]!)
    }
    ctx.stroke()
  }
}

/** Distance from (x, y) to the segment (x1, y1)–(x2, y2). */
export function segmentDistance(
  x: number,
  y: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): number {
  const dx = x2 - x1
  const dy = y2 - y1
  const len = dx * dx + dy * dy
  const t = len ? Math.min(1, Math.max(0, ((x - x1) * dx + (y - y1) * dy) / len)) : 0
  return Math.hypot(x1 + t * dx - x, y1 + t * dy - y)
}

export class OwnTies {
  private list: TieList = { ids: [], from: [], to: [], looks: [] }
  private byId = new Map<string, number>()
  /** The selected tie's id (drawn last, in the highlight colour), if any. */
  private selectedId: string | undefined
  /** The hovered tie's id (drawn wider, after the others), if any. */
  private hoveredId: string | undefined
  // Kept from frame to frame and refilled (see vis-fast.ts: a frame's garbage adds up).
  private readonly lines = new Map<TieLook, Batch>()
  private readonly arrows = new Map<string, Batch>()
  private readonly lineOrder: TieLook[] = []
  private readonly arrowOrder: string[] = []

  constructor(
    /** The nodes by id, as drawn now (undefined: none yet). */
    private readonly nodes: () => Readonly<Record<string, TieEnd>> | undefined,
    /** The view's scale (a marked tie is at least 0.3 / scale wide, as in vis-network). */
    private readonly scale: () => number,
    private readonly marks: TieMarks,
  ) {}

  /** Draws these ties from now on (none: `undefined`). */
  set(list: TieList | undefined): void {
    this.list = list ?? { ids: [], from: [], to: [], looks: [] }
    this.byId = new Map()
  }

  get selected(): string | undefined {
    return this.selectedId
  }

  get hovered(): string | undefined {
    return this.hoveredId
  }

  /** Selects the tie `id` (none: undefined); returns whether that changed anything. */
  select(id: string | undefined): boolean {
    const changed = id !== this.selectedId
    this.selectedId = id
    return changed
  }

  /** Hovers the tie `id` (none: undefined); returns whether that changed anything. */
  hover(id: string | undefined): boolean {
    const changed = id !== this.hoveredId
    this.hoveredId = id
    return changed
  }

  /** How many ties are set (drawn when both their ends are shown). */
  get count(): number {
    return this.list.ids.length
  }

  // The ends `ends` found last (fields, not a pair made per tie: thousands a frame).
  private from: TieEnd = { x: 0, y: 0 }
  private to: TieEnd = { x: 0, y: 0 }

  /** Whether both ends of tie `i` are shown (and differ); if so, they are `from` and `to`. */
  private ends(nodes: Readonly<Record<string, TieEnd>>, i: number): boolean {
    const from = nodes[this.list.from[i]!]
    const to = nodes[this.list.to[i]!]
    if (!from || !to || from === to || from.options?.hidden || to.options?.hidden) return false
    this.from = from
    this.to = to
    return true
  }

  private index(id: string | undefined): number {
    if (id === undefined) return -1
    if (!this.byId.size) this.list.ids.forEach((tie, i) => this.byId.set(tie, i))
    return this.byId.get(id) ?? -1
  }

  /** The width tie `i` is drawn at (selected or hovered: wider, as vis-network draws it). */
  private width(i: number): number {
    const id = this.list.ids[i]
    const base = this.list.looks[i]!.width
    const added =
      id === this.selected
        ? this.marks.selectionWidth
        : id === this.hovered
          ? this.marks.hoverWidth
          : undefined
    return added === undefined ? base : Math.max(base + added, 0.3 / this.scale())
  }

  /** Strokes the ties' lines: batched by look, then the hovered and selected one on top. */
  drawLines(ctx: CanvasRenderingContext2D): void {
    const nodes = this.nodes()
    if (!nodes || !this.count) return
    const { ids, looks } = this.list
    for (const look of this.lineOrder) this.lines.get(look)!.n = 0
    this.lineOrder.length = 0
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] === this.selected || ids[i] === this.hovered || !this.ends(nodes, i)) continue
      const look = looks[i]!
      let batch = this.lines.get(look)
      if (!batch) this.lines.set(look, (batch = { ends: new Float64Array(256), n: 0 }))
      if (batch.n === 0) this.lineOrder.push(look)
      grow(batch, 4)
      batch.ends[batch.n++] = this.from.x
      batch.ends[batch.n++] = this.from.y
      batch.ends[batch.n++] = this.to.x
      batch.ends[batch.n++] = this.to.y
    }
    for (const look of this.lineOrder) {
      const { ends, n } = this.lines.get(look)!
      this.stroke(ctx, look.colour, look.width, look.dashed, ends, n)
    }
    for (const id of [this.hovered, this.selected]) {
      const i = this.index(id)
      if (i < 0 || !this.ends(nodes, i)) continue
      const look = looks[i]!
      const colour = id === this.selected ? this.marks.selectedColour : look.colour
      const line = Float64Array.of(this.from.x, this.from.y, this.to.x, this.to.y)
      this.stroke(ctx, colour, this.width(i), look.dashed, line, 4)
    }
  }

  private stroke(
    ctx: CanvasRenderingContext2D,
    colour: string,
    width: number,
    dashed: boolean,
    ends: Float64Array,
    n: number,
  ): void {
    ctx.strokeStyle = colour
    ctx.lineWidth = width
    if (dashed) ctx.setLineDash(DASHES)
    strokeSegments(ctx, ends, n)
    if (dashed) ctx.setLineDash([])
  }

  /** The arrowhead's corners of tie `i` (ends `from`, `to`) into `batch`, tip on the border. */
  private arrowInto(ctx: CanvasRenderingContext2D, batch: Batch, i: number): void {
    const { from, to } = this
    const angle = Math.atan2(to.y - from.y, to.x - from.x)
    const border = to.distanceToBorder?.(ctx, angle) ?? 0
    const cos = Math.cos(angle)
    const sin = Math.sin(angle)
    const tipX = to.x - border * cos
    const tipY = to.y - border * sin
    // vis-network's length: 15 × the scale factor, plus 3 × the line's width.
    const length = 15 * this.marks.arrowScale + 3 * this.width(i)
    grow(batch, 8)
    const ends = batch.ends
    for (let k = 0; k < ARROW_OUTLINE.length; k += 2) {
      const px = ARROW_OUTLINE[k]!
      const py = ARROW_OUTLINE[k + 1]!
      ends[batch.n++] = tipX + length * (px * cos - py * sin)
      ends[batch.n++] = tipY + length * (px * sin + py * cos)
    }
  }

  /** Fills the arrowheads: batched by colour, the hovered and selected ones last. */
  drawArrows(ctx: CanvasRenderingContext2D): void {
    const nodes = this.nodes()
    if (!nodes || !this.count) return
    const { ids, looks } = this.list
    for (const colour of this.arrowOrder) this.arrows.get(colour)!.n = 0
    this.arrowOrder.length = 0
    for (let i = 0; i < ids.length; i++) {
      const look = looks[i]!
      if (!look.arrow || ids[i] === this.selected || ids[i] === this.hovered) continue
      if (!this.ends(nodes, i)) continue
      let batch = this.arrows.get(look.colour)
      if (!batch) this.arrows.set(look.colour, (batch = { ends: new Float64Array(512), n: 0 }))
      if (batch.n === 0) this.arrowOrder.push(look.colour)
      this.arrowInto(ctx, batch, i)
    }
    for (const colour of this.arrowOrder) {
      const batch = this.arrows.get(colour)!
      this.fill(ctx, colour, batch)
    }
    for (const id of [this.hovered, this.selected]) {
      const i = this.index(id)
      if (i < 0 || !looks[i]!.arrow || !this.ends(nodes, i)) continue
      const batch: Batch = { ends: new Float64Array(8), n: 0 }
      this.arrowInto(ctx, batch, i)
      this.fill(ctx, id === this.selected ? this.marks.selectedColour : looks[i]!.colour, batch)
    }
  }

  private fill(ctx: CanvasRenderingContext2D, colour: string, { ends, n }: Batch): void {
    ctx.fillStyle = colour
    for (let start = 0; start < n; start += 8 * ARROWS_PER_PATH) {
      ctx.beginPath()
      const stop = Math.min(n, start + 8 * ARROWS_PER_PATH)
      for (let k = start; k < stop; k += 8) {
        ctx.moveTo(ends[k]!, ends[k + 1]!)
        ctx.lineTo(ends[k + 2]!, ends[k + 3]!)
        ctx.lineTo(ends[k + 4]!, ends[k + 5]!)
        ctx.lineTo(ends[k + 6]!, ends[k + 7]!)
        ctx.closePath()
      }
      ctx.fill()
    }
  }

  /**
   * The drawn tie nearest the canvas point (x, y), within 10 canvas units (as vis-network
   * picks an edge); undefined when none is that near.
   */
  at(x: number, y: number): string | undefined {
    const nodes = this.nodes()
    if (!nodes) return undefined
    let best: string | undefined
    let nearest = PICK_DISTANCE
    for (let i = 0; i < this.list.ids.length; i++) {
      if (!this.ends(nodes, i)) continue
      const d = segmentDistance(x, y, this.from.x, this.from.y, this.to.x, this.to.y)
      if (d < nearest) {
        nearest = d
        best = this.list.ids[i]
      }
    }
    return best
  }

  /** The middle of the drawn tie `id`, in canvas units; undefined when it is not drawn. */
  middle(id: string): { x: number; y: number } | undefined {
    const nodes = this.nodes()
    const i = this.index(id)
    if (!nodes || i < 0 || !this.ends(nodes, i)) return undefined
    return { x: (this.from.x + this.to.x) / 2, y: (this.from.y + this.to.y) / 2 }
  }
}
