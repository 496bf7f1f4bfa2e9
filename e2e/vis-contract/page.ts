/**
 * The page of the vis-fast contract test (`e2e/vis-contract.spec.ts`), bundled by that spec
 * with Vite and opened in Chromium: the real vis-network (the app's pinned 10.1.5) and the
 * app's own `src/features/graph/vis-fast.ts`, nothing faked. It draws one graph twice, side by
 * side — once the app's fast way (batched edges, drawing in frames, visibility flipped on
 * vis-network's items) and once the public way (DataSet updates) — applies the same filter to
 * both, and reports for each what vis-network counts as visible and what its canvas shows:
 * for every node its centre, for every edge its midpoint, drawn or blank, with the colour.
 */
import { DataSet } from 'vis-data'
import { Network, type Edge, type Node, type Options } from 'vis-network'
import {
  addEdges,
  batchEdges,
  drawInFrames,
  setVisibility,
  updateVisible,
  updateVisibleOf,
  visFastFallbacks,
  type EdgeBatcher,
} from '../../src/features/graph/vis-fast'
import type { Comparison, OwnComparison, Seen, VisContract } from './contract'

/** Pairs of nodes, each joined by one straight edge: no edge crosses another or a node. */
export const PAIRS = 24
const ROWS = 8
const WIDTH = 640
const HEIGHT = 480
const COLOURS = ['rgba(185,28,28,0.85)', 'rgba(21,128,61,0.85)', 'rgba(107,114,128,0.85)']
/** A selected edge's colour and added width, for vis-network and the panel's own ties alike. */
const MARKS = {
  selectedColour: 'rgba(124,58,237,1)',
  selectionWidth: 2,
  hoverWidth: 1,
  arrowScale: 0.6,
}

const OPTIONS: Options = {
  autoResize: false,
  physics: { enabled: false },
  layout: { randomSeed: 1, improvedLayout: false },
  interaction: { hover: false, dragNodes: false, dragView: false, zoomView: false },
  nodes: { borderWidth: 1 },
  edges: { selectionWidth: MARKS.selectionWidth, hoverWidth: MARKS.hoverWidth },
}

interface Point {
  x: number
  y: number
}

function positions(): Map<string, Point> {
  const out = new Map<string, Point>()
  for (let i = 0; i < PAIRS; i++) {
    const x = Math.floor(i / ROWS) * 200
    const y = (i % ROWS) * 55
    out.set(`a${i}`, { x, y })
    out.set(`b${i}`, { x: x + 120, y })
  }
  return out
}

function rows(): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [...positions()].map(([id, p]) => ({
    id,
    x: p.x,
    y: p.y,
    fixed: true,
    shape: 'dot',
    size: 8,
    color: '#0072b2',
  }))
  const edges: Edge[] = []
  for (let i = 0; i < PAIRS; i++) {
    const colour = COLOURS[i % COLOURS.length]!
    edges.push({
      id: `e${i}`,
      from: `a${i}`,
      to: `b${i}`,
      arrows:
        i % 2
          ? { to: { enabled: true, scaleFactor: MARKS.arrowScale } }
          : { to: { enabled: false } },
      color: { color: colour, highlight: MARKS.selectedColour, hover: colour },
      width: 1 + (i % 3),
      smooth: false,
    })
  }
  return { nodes, edges }
}

/** One drawn graph. */
interface Drawing {
  network: Network
  nodes: DataSet<Node>
  edges: DataSet<Edge>
  canvas: HTMLCanvasElement
  fast: boolean
  /** What the fast way's shortcuts answered when set up. */
  engaged: { batchEdges: boolean; drawInFrames: boolean }
  /** The fast way's edge batcher (undefined the public way, or when it fell back). */
  batcher?: EdgeBatcher
}

/** Resolves after vis-network's next complete drawing. */
function nextDrawing(network: Network): Promise<void> {
  return new Promise((resolve) => network.once('afterDrawing', () => resolve()))
}

/** Draws the graph, the fast way or the public way, with its first `held` edges. */
async function draw(fast: boolean, held = PAIRS): Promise<Drawing> {
  const container = document.createElement('div')
  container.style.cssText = `width:${WIDTH}px;height:${HEIGHT}px;display:inline-block`
  document.body.append(container)
  const data = rows()
  const nodes = new DataSet<Node>(data.nodes)
  const edges = new DataSet<Edge>(data.edges.slice(0, held))
  const network = new Network(container, { nodes, edges }, OPTIONS)
  const engaged = { batchEdges: false, drawInFrames: false }
  let batcher: EdgeBatcher | undefined
  if (fast) {
    batcher = batchEdges(network, MARKS)
    engaged.batchEdges = batcher !== undefined
    engaged.drawInFrames = drawInFrames(network)
  }
  const drawn = nextDrawing(network)
  network.moveTo({ position: { x: 260, y: 192.5 }, scale: 1, animation: false })
  network.redraw()
  await drawn
  const canvas = container.querySelector('canvas')!
  return { network, nodes, edges, canvas, fast, engaged, batcher }
}

/**
 * Hides and shows, the fast way (as GraphPane does: `setVisibility`, then one redraw) or the
 * public way (`DataSet.update`); waits for the drawing. Returns whether the fast way took.
 */
async function filter(d: Drawing, hiddenNodes: Set<string>, hiddenEdges: Set<string>) {
  const nodeFlips = d.nodes
    .getIds()
    .map((id) => ({ id: String(id), hidden: hiddenNodes.has(String(id)) }))
  const edgeFlips = d.edges
    .getIds()
    .map((id) => ({ id: String(id), hidden: hiddenEdges.has(String(id)) }))
  const drawn = nextDrawing(d.network)
  let took = true
  if (d.fast) {
    // As GraphPane does: both kinds flipped, then the visible lists over the shown ids only.
    const later = { later: true }
    took = setVisibility(d.network, 'nodes', nodeFlips, later) && took
    took = setVisibility(d.network, 'edges', edgeFlips, later) && took
    const shown = (flips: { id: string; hidden: boolean }[]) =>
      flips.filter((f) => !f.hidden).map((f) => f.id)
    took = updateVisibleOf(d.network, shown(nodeFlips), shown(edgeFlips)) && took
  } else {
    d.nodes.update(nodeFlips)
    d.edges.update(edgeFlips)
  }
  d.network.redraw()
  await drawn
  return took
}

/** The largest alpha and its pixel's colour in a 5 × 5 square around a canvas point. */
function sample(d: Drawing, at: Point): { alpha: number; rgb: [number, number, number] } {
  const dom = d.network.canvasToDOM(at)
  const ratio = d.canvas.width / d.canvas.clientWidth
  const x = Math.round(dom.x * ratio) - 2
  const y = Math.round(dom.y * ratio) - 2
  const pixels = d.canvas.getContext('2d')!.getImageData(x, y, 5, 5).data
  let best = { alpha: 0, rgb: [0, 0, 0] as [number, number, number] }
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3]! > best.alpha)
      best = { alpha: pixels[i + 3]!, rgb: [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!] }
  }
  return best
}

function seen(d: Drawing): Seen {
  const body = (d.network as unknown as { body: { nodeIndices: string[]; edgeIndices: string[] } })
    .body
  const at = positions()
  const paintedNodes: string[] = []
  for (const [id, p] of at) if (sample(d, p).alpha > 60) paintedNodes.push(id)
  const paintedEdges: string[] = []
  const edgeColours: Record<string, [number, number, number]> = {}
  for (let i = 0; i < PAIRS; i++) {
    const a = at.get(`a${i}`)!
    const b = at.get(`b${i}`)!
    const s = sample(d, { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 })
    if (s.alpha > 60) {
      paintedEdges.push(`e${i}`)
      edgeColours[`e${i}`] = s.rgb
    }
  }
  return {
    visibleNodes: [...body.nodeIndices].map(String).sort(),
    visibleEdges: [...body.edgeIndices].map(String).sort(),
    paintedNodes: paintedNodes.sort(),
    paintedEdges: paintedEdges.sort(),
    edgeColours,
  }
}

const drawings: { fast?: Drawing; slow?: Drawing } = {}

/** Draws the graph both ways (once), applies the filter to both, and reports what each shows. */
async function compare(hiddenNodes: string[], hiddenEdges: string[]): Promise<Comparison> {
  drawings.fast ??= await draw(true)
  drawings.slow ??= await draw(false)
  const fast = drawings.fast
  const slow = drawings.slow
  const tookFast = await filter(fast, new Set(hiddenNodes), new Set(hiddenEdges))
  await filter(slow, new Set(hiddenNodes), new Set(hiddenEdges))
  return {
    fast: seen(fast),
    slow: seen(slow),
    engaged: { ...fast.engaged, setVisibility: [tookFast] },
    fallbacks: visFastFallbacks(),
  }
}

/**
 * Draws the graph both ways with half its edges, then adds the others: the fast way (as
 * GraphPane does: `addEdges`, `updateVisible`, one redraw) and the public way (`DataSet.add`);
 * reports what each shows.
 */
async function compareAdded(): Promise<Comparison & { added: boolean }> {
  const half = PAIRS / 2
  const fast = await draw(true, half)
  const slow = await draw(false, half)
  const rest = rows().edges.slice(half)
  let drawn = nextDrawing(fast.network)
  const added = addEdges(fast.network, fast.edges, rest)
  updateVisible(fast.network)
  fast.network.redraw()
  await drawn
  drawn = nextDrawing(slow.network)
  slow.edges.add(rest)
  slow.network.redraw()
  await drawn
  return {
    fast: seen(fast),
    slow: seen(slow),
    engaged: { ...fast.engaged, setVisibility: [] },
    fallbacks: visFastFallbacks(),
    added,
  }
}

/**
 * Draws the graph both ways with half its edges, then holds the others ahead, hidden (as
 * GraphPane's `hold` does: `addEdges` of rows with `hidden: true`), and reports what the fast
 * way shows then (`whileHeld`: only the first half may be painted), and works out how they will
 * be drawn (`prepare`, as GraphPane's warm-up does); then shows them the way a
 * filter change does (`setVisibility` with `later`, `updateVisibleOf`, one redraw) and
 * compares with the public way (`DataSet.add` of the same rows shown).
 */
async function compareHeld(): Promise<
  Comparison & { added: boolean; prepared: number; whileHeld: Seen }
> {
  const half = PAIRS / 2
  const fast = await draw(true, half)
  const slow = await draw(false, half)
  const rest = rows().edges.slice(half)
  let drawn = nextDrawing(fast.network)
  const added = addEdges(
    fast.network,
    fast.edges,
    rest.map((e) => ({ ...e, hidden: true })),
  )
  // As GraphPane's warm-up does in idle time: how each held edge will be drawn, worked out
  // while it is hidden (the drawing after the flip below then only draws it).
  const prepared = fast.batcher?.prepare(rest.map((e) => String(e.id))) ?? 0
  fast.network.redraw()
  await drawn
  const whileHeld = seen(fast)
  drawn = nextDrawing(fast.network)
  const flipped = setVisibility(
    fast.network,
    'edges',
    rest.map((e) => ({ id: String(e.id), hidden: false })),
    { later: true },
  )
  const all = rows()
  if (
    !updateVisibleOf(
      fast.network,
      all.nodes.map((x) => String(x.id)),
      all.edges.map((x) => String(x.id)),
    )
  )
    updateVisible(fast.network)
  fast.network.redraw()
  await drawn
  drawn = nextDrawing(slow.network)
  slow.edges.add(rest)
  slow.network.redraw()
  await drawn
  return {
    fast: seen(fast),
    slow: seen(slow),
    engaged: { ...fast.engaged, setVisibility: [flipped] },
    fallbacks: visFastFallbacks(),
    added,
    prepared,
    whileHeld,
  }
}

/** How many pixels (of any channel) differ by more than 32 between the two canvases. */
function differing(a: Drawing, b: Drawing): number {
  const read = (d: Drawing) =>
    d.canvas.getContext('2d')!.getImageData(0, 0, d.canvas.width, d.canvas.height).data
  const pa = read(a)
  const pb = read(b)
  let n = 0
  for (let i = 0; i < pa.length; i += 4) {
    if (
      Math.abs(pa[i]! - pb[i]!) > 32 ||
      Math.abs(pa[i + 1]! - pb[i + 1]!) > 32 ||
      Math.abs(pa[i + 2]! - pb[i + 2]!) > 32 ||
      Math.abs(pa[i + 3]! - pb[i + 3]!) > 32
    )
      n++
  }
  return n
}

/**
 * Draws the graph's ties twice: the panel's own way (own-ties.ts: no edge in vis-network, the
 * ties handed to the batcher's `ties`) and as vis-network edges; reports what each shows, how
 * many pixels differ, and which tie each picks at every tie's middle (and off every tie). Then
 * selects e1 (an arrowed tie) both ways and reports the same again.
 */
async function compareOwn(): Promise<OwnComparison> {
  const own = await draw(true, 0)
  const slow = await draw(false)
  const data = rows()
  const ties = own.batcher?.ties
  ties?.set({
    ids: data.edges.map((e) => String(e.id)),
    from: data.edges.map((e) => String(e.from)),
    to: data.edges.map((e) => String(e.to)),
    looks: data.edges.map((e) => ({
      colour: (e.color as { color: string }).color,
      width: e.width!,
      dashed: false,
      arrow: (e.arrows as { to: { enabled: boolean } }).to.enabled,
    })),
  })
  let drawn = nextDrawing(own.network)
  own.network.redraw()
  await drawn
  const at = positions()
  const picks = (d: Drawing, shift: number) =>
    data.edges.map((e) => {
      const a = at.get(String(e.from))!
      const b = at.get(String(e.to))!
      const p = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 + shift }
      if (d === own) return ties?.at(p.x, p.y) ?? ''
      return String(d.network.getEdgeAt(d.network.canvasToDOM(p)) ?? '')
    })
  const before = {
    own: seen(own),
    slow: seen(slow),
    differing: differing(own, slow),
    picked: picks(own, 0),
    pickedBySlow: picks(slow, 0),
    pickedOff: picks(own, 20),
  }
  drawn = nextDrawing(own.network)
  ties?.select('e1')
  own.network.redraw()
  await drawn
  drawn = nextDrawing(slow.network)
  slow.network.selectEdges(['e1'])
  slow.network.redraw()
  await drawn
  return {
    ...before,
    ownTies: ties?.count ?? 0,
    selected: { own: seen(own), slow: seen(slow), differing: differing(own, slow) },
    fallbacks: visFastFallbacks(),
  }
}

/**
 * Has the shortcuts meet a vis-network without the internals they need (as another version
 * would be): they must fall back and say so. Returns what they answered.
 */
function breakInternals(): { setVisibility: boolean; drawInFrames: boolean; batch: boolean } {
  const container = document.createElement('div')
  container.style.cssText = 'width:100px;height:100px'
  document.body.append(container)
  const network = new Network(container, { nodes: [{ id: 'n' }], edges: [] }, OPTIONS)
  // The real network seen through a view that lacks the internals (as another version might):
  // breaking the network itself would break its own drawing too.
  const other = Object.create(network, {
    _updateVisibleIndices: { value: undefined },
    renderer: { value: {} },
  }) as Network
  return {
    setVisibility: setVisibility(other, 'nodes', [{ id: 'n', hidden: true }]),
    drawInFrames: drawInFrames(other),
    batch: batchEdges(other, MARKS) !== undefined,
  }
}

window.visContract = {
  compare,
  compareAdded,
  compareHeld,
  compareOwn,
  breakInternals,
  pairs: PAIRS,
} satisfies VisContract
document.body.dataset.ready = 'true'
