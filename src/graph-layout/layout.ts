/**
 * The force-directed layout of the actor graph: ForceAtlas2 (graphology) with deterministic
 * starting positions, so the same input always gives the same picture, and a "continue"
 * mode that keeps a picture the analyst has already seen recognisable when the graph
 * changes a little. Pure and synchronous: it runs in the layout worker (`layout.worker.ts`)
 * and in Node tests, and touches neither the DOM nor the clock.
 *
 * Why the coordinate bookkeeping below is needed. ForceAtlas2's forces fix the scale of its
 * equilibrium (repulsion falls with distance, attraction and strong gravity grow with it),
 * while the positions we hand out are normalised to fit ±`LAYOUT_EXTENT`. Positions we get
 * back as `previous` are therefore in *our* frame, not FA2's: fed to FA2 as they are, the
 * whole picture would swell or shrink towards FA2's own scale, which is exactly the
 * scrambling the analyst must not see. So every run works in FA2's frame and converts at
 * the edges with a similarity transform (a shift and one uniform scale), which keeps
 * shapes, and the scale is recovered from the previous positions themselves (see
 * `virialScale`). Pinned nodes are fixed in FA2, and the transform is exact for them: they
 * are written back from the input, not from FA2's float32 matrix.
 *
 * The stability rule (`planLayout`): a node is *known* when it has a pinned or a previous
 * position. When at least half the nodes are known the run *continues* the previous
 * picture: known nodes start where they were, each new node starts near the mean of its
 * already placed neighbours (or, for a new component, on a ring just outside the picture);
 * then the new nodes settle for a few dozen iterations with every known node held still,
 * and only then does the whole graph relax for a number of iterations proportional to the
 * share of new nodes (`MIN_RELAX_SHARE` of a first layout's count at least, all of it at most);
 * finally, unless something is pinned, the result is rotated, scaled and shifted back onto
 * the previous positions (least squares), which removes the slow spin and drift FA2 has
 * even at rest. Otherwise the run is a *fresh* layout: seeded random start, the full
 * iteration count, and — when nothing is pinned — the result is fit to ±`LAYOUT_EXTENT`.
 */
import forceAtlas2, { type ForceAtlas2Settings } from 'graphology-layout-forceatlas2'
import fa2Iterate from 'graphology-layout-forceatlas2/iterate.js'
import { isEdgeArrays, type EdgeArrays } from './edge-arrays'
import { seededRandom } from './seeded-random'

/** An actor: `size` is its drawn radius in layout units, used to keep nodes apart. */
export interface LayoutNode {
  id: string
  size?: number
}

/** A tie between two actors; `weight` (default 1) strengthens its pull linearly. */
export interface LayoutEdge {
  from: string
  to: string
  weight?: number
}

/** A position in layout units. */
export interface Point {
  x: number
  y: number
}

/** Positions by node id. */
export type Positions = Record<string, Point>

/** What `computeLayout` lays out, and what it should keep. */
export interface LayoutInput {
  nodes: LayoutNode[]
  /** The ties: by node id, or as typed arrays of indices into `nodes` (see edge-arrays.ts). */
  edges: LayoutEdge[] | EdgeArrays
  /** Nodes the analyst has placed by hand: returned exactly here, and never moved. */
  pinned?: Record<string, Point>
  /** The positions of the last layout shown: where known nodes start. */
  previous?: Record<string, Point>
  /** Seed of the random starting positions (default 1). */
  seed?: number
  /**
   * ForceAtlas2 iterations, overriding the plan: in a fresh layout all of them, in a
   * continued one the new nodes' settling comes first (up to `SETTLE_ITERATIONS`) and the
   * rest is relaxation. 0 runs no FA2 at all (starting positions only).
   */
  iterations?: number
}

/** How a run will proceed (see the module comment for the rule). */
export interface LayoutPlan {
  mode: 'fresh' | 'continue'
  /** Iterations with every known node held still (continue mode only). */
  settle: number
  /** Iterations with every unpinned node free. */
  relax: number
  barnesHut: boolean
}

/** Half the side of the square a fresh layout is fit into. */
export const LAYOUT_EXTENT = 1000
/** Largest iteration count accepted from the caller. */
export const MAX_ITERATIONS = 5000
/** Iterations of new nodes settling among still known nodes, in a continued layout. */
export const SETTLE_ITERATIONS = 40
/**
 * Least relaxation of a continued layout, as a share of a first layout's iterations. FA2
 * has not fully come to rest after a first layout's iterations on dense graphs (measured
 * on 500 actors / 5,000 ties and 2,000 / 20,000: every further iteration moves a node by
 * 0.03–0.05% of the picture's width on average, after the rigid part is fitted out), so
 * each relaxation iteration costs stability; 5% lets the neighbours of new nodes and ties
 * adjust, and moves the rest by about 1% of the width.
 */
export const MIN_RELAX_SHARE = 0.05
/** Share of known nodes from which a layout continues the previous picture. */
export const CONTINUE_FROM = 0.5
/**
 * Graphs of more nodes than this use the Barnes-Hut approximation of repulsion. Measured:
 * with theta 1 it is already faster than the exact O(n²) sum at 500 nodes (about 1 ms
 * against 1.7 ms an iteration) and separates clusters as well.
 */
export const BARNES_HUT_FROM = 300
const BARNES_HUT_THETA = 1

/**
 * Fresh layouts of at least this many nodes start from their communities' placement
 * (`seedByCommunity`) rather than from a random disc, and need far fewer iterations: the
 * clusters are where they belong from the start, and FA2 only has to tidy them (measured
 * on the 2,000-actor graphs: 80 iterations from the seed separate the clusters as well as
 * 270 from random, in a third of the time).
 */
export const SEEDED_FROM = 1000
/**
 * Iterations of a fresh layout started from the communities' placement. Measured on the
 * bench's case graph (2,000 actors, 48,000 ties, 27,000 pairs) and the synthetic 2,000 /
 * 20,000 one, by the share of each actor's 10 nearest actors in its own planted cluster and
 * the mean tie length over the mean distance between actors: from the seed alone 0.70 /
 * 0.25 and 0.71 / 0.33; after 20 iterations 0.82 / 0.23 and 0.62 / 0.32; after 40, 0.79 /
 * 0.23 and 0.58 / 0.32; after 80, 0.80 / 0.23 and 0.58 / 0.32. 20 already gave what 80
 * gives. 10 gives the same again (0.87 / 0.23 on the case graph; on synthetic graphs with 30%
 * of ties across clusters — 1,000 / 6,000, 2,000 / 20,000, 3,000 / 30,000 — 0.62, 0.50 and
 * 0.64 together against 0.49, 0.38 and 0.44 after 20, ties 0.44–0.45 of the mean distance
 * against 0.44–0.46), and the pictures look alike: the clusters are placed by the seed, FA2
 * only tidies them, and each iteration is a cold one in a fresh worker (at 2,000 actors the
 * iterations were the larger part of the worker's time).
 */
export const SEEDED_ITERATIONS = 10

/**
 * Iterations of a first layout: enough for the clusters to form (about 150 on the
 * measured 2,000-node graphs; fewer on smaller ones) and within the time targets (500
 * actors in 1 s, 2,000 in 2 s). About 540 at 500 nodes and 270 at 2,000 from a random
 * start; `SEEDED_ITERATIONS` from `SEEDED_FROM` nodes, which start from their communities.
 */
export function fullIterations(nodeCount: number): number {
  if (nodeCount >= SEEDED_FROM) return SEEDED_ITERATIONS
  return clamp(Math.round(12_000 / Math.sqrt(Math.max(1, nodeCount))), 100, 1000)
}

/** The plan for a graph of `nodeCount` nodes of which `knownCount` have a position. */
export function planLayout(nodeCount: number, knownCount: number, iterations?: number): LayoutPlan {
  const barnesHut = nodeCount > BARNES_HUT_FROM
  const full = fullIterations(nodeCount)
  const continues = nodeCount > 0 && knownCount >= 2 && knownCount >= CONTINUE_FROM * nodeCount
  if (!continues) {
    // With fewer than two known nodes there is no picture to keep, and pins alone do not
    // make one: the rest of the graph is laid out afresh around them.
    return { mode: 'fresh', settle: 0, relax: iterations ?? full, barnesHut }
  }
  const newCount = nodeCount - knownCount
  if (iterations !== undefined) {
    const settle = newCount > 0 ? Math.min(SETTLE_ITERATIONS, iterations) : 0
    return { mode: 'continue', settle, relax: iterations - settle, barnesHut }
  }
  const share = newCount / nodeCount
  return {
    mode: 'continue',
    settle: newCount > 0 ? SETTLE_ITERATIONS : 0,
    relax: Math.round(full * clamp(2 * share, MIN_RELAX_SHARE, 1)),
    barnesHut,
  }
}

/**
 * A layout of the graph: positions for every node in `input.nodes` (duplicate ids count
 * once), deterministic for a given input whatever the order of its nodes and edges. Edges
 * to unknown nodes, self-loops, and weights that are not positive finite numbers are
 * ignored; edges repeated in either direction add their weights. Pinned and previous
 * positions that are not finite are ignored.
 */
export function computeLayout(input: LayoutInput): Positions {
  const graph = buildGraph(input)
  const n = graph.ids.length
  if (n === 0) return Object.create(null) as Positions
  const random = seededRandom(input.seed ?? 1)
  const pinned = new Uint8Array(n)
  const known = new Uint8Array(n)
  const xs = new Float64Array(n)
  const ys = new Float64Array(n)
  let knownCount = 0
  let pinnedCount = 0
  graph.ids.forEach((id, i) => {
    const pin = finitePoint(input.pinned, id)
    const point = pin ?? finitePoint(input.previous, id)
    if (!point) return
    xs[i] = point.x
    ys[i] = point.y
    known[i] = 1
    knownCount++
    if (pin) {
      pinned[i] = 1
      pinnedCount++
    }
  })
  const iterations = Number.isFinite(input.iterations)
    ? clamp(Math.floor(input.iterations!), 0, MAX_ITERATIONS)
    : undefined
  const plan = planLayout(n, knownCount, iterations)
  const settings: Required<ForceAtlas2Settings> = {
    ...FA2_DEFAULTS,
    ...forceAtlas2.inferSettings(n),
    barnesHutOptimize: plan.barnesHut,
    barnesHutTheta: BARNES_HUT_THETA,
    adjustSizes: false,
    edgeWeightInfluence: 1,
  }
  const { scalingRatio, gravity } = settings
  const radius = equilibriumRadius(graph, scalingRatio, gravity)

  // The transform between our frame and FA2's: fa2 = (ours - centre) * scale. A fresh
  // layout maps ±LAYOUT_EXTENT onto FA2's expected disc; a continued one recovers the
  // scale the previous picture was drawn at.
  let centre: Point = { x: 0, y: 0 }
  let scale = radius / LAYOUT_EXTENT
  if (plan.mode === 'continue') {
    const fit = virialScale(graph, known, xs, ys, scalingRatio, gravity)
    if (fit) ({ centre, scale } = fit)
  }
  for (let i = 0; i < n; i++) {
    if (!known[i]) continue
    xs[i] = (xs[i]! - centre.x) * scale
    ys[i] = (ys[i]! - centre.y) * scale
  }
  if (plan.mode === 'continue') {
    placeNewNodes(graph, known, xs, ys, random, radius)
  } else if (n >= SEEDED_FROM) {
    seedByCommunity(graph, known, xs, ys, random, radius)
  } else {
    // Uniform in the disc FA2 will settle into, so that little time goes on the whole
    // picture swelling or collapsing.
    for (let i = 0; i < n; i++) {
      if (known[i]) continue
      const angle = random() * 2 * Math.PI
      const r = radius * Math.sqrt(random())
      xs[i] = r * Math.cos(angle)
      ys[i] = r * Math.sin(angle)
    }
  }

  const fa2 = fa2Matrices(graph)
  runForceAtlas2(fa2, xs, ys, known, plan.settle, settings)
  runForceAtlas2(fa2, xs, ys, pinned, plan.relax, settings)
  for (let i = 0; i < n; i++) {
    xs[i] = xs[i]! / scale + centre.x
    ys[i] = ys[i]! / scale + centre.y
  }

  if (plan.mode === 'fresh' && pinnedCount === 0) fitToExtent(xs, ys)
  if (plan.mode === 'continue' && pinnedCount === 0) {
    alignTo(xs, ys, known, input.previous ?? {}, graph.ids)
  }
  if (graph.sizes.some((r) => r > 0)) {
    separate(xs, ys, graph.sizes, pinned, random, plan.mode === 'fresh')
    if (plan.mode === 'fresh' && pinnedCount === 0) shrinkApart(xs, ys, graph.sizes)
  }

  const positions: Positions = Object.create(null) as Positions
  graph.ids.forEach((id, i) => {
    const pin = pinned[i] ? finitePoint(input.pinned, id) : undefined
    positions[id] = pin ? { x: pin.x, y: pin.y } : { x: xs[i]!, y: ys[i]! }
  })
  return positions
}

/** The graph in canonical order: nodes sorted by id, edges merged and sorted. */
export interface CanonicalGraph {
  ids: string[]
  sizes: number[]
  /** Merged undirected edges as index pairs (`from` < `to`) with summed weights. */
  from: Int32Array
  to: Int32Array
  weight: Float64Array
  /** FA2's mass: 1 + weighted degree. */
  mass: Float64Array
  /** Neighbour lists, in index order. */
  neighbours: number[][]
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** `input` as a canonical graph (exported for tests). */
export function buildGraph(input: LayoutInput): CanonicalGraph {
  // Sorting makes the result independent of the order the caller lists things in: FA2's
  // sums (and so its float rounding) follow insertion order.
  const sizeOf = new Map<string, number>()
  for (const node of input.nodes) {
    if (sizeOf.has(node.id)) continue
    const size = node.size
    sizeOf.set(node.id, typeof size === 'number' && Number.isFinite(size) && size > 0 ? size : 0)
  }
  const ids = [...sizeOf.keys()].sort(compareStrings)
  const index = new Map(ids.map((id, i) => [id, i]))
  const merged = new Map<number, number>()
  const n = ids.length
  const add = (a: number | undefined, b: number | undefined, w: unknown): void => {
    if (a === undefined || b === undefined || a === b) return
    if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0) return
    const key = Math.min(a, b) * n + Math.max(a, b)
    merged.set(key, (merged.get(key) ?? 0) + w)
  }
  const edges = input.edges
  if (isEdgeArrays(edges)) {
    // Indices into input.nodes, turned into canonical ones once per node, not per tie.
    const canonical = input.nodes.map((node) => index.get(node.id))
    const count = Math.min(edges.from.length, edges.to.length, edges.weight.length)
    for (let e = 0; e < count; e++) {
      add(canonical[edges.from[e]!], canonical[edges.to[e]!], edges.weight[e])
    }
  } else {
    for (const edge of edges) add(index.get(edge.from), index.get(edge.to), edge.weight ?? 1)
  }
  const keys = [...merged.keys()].sort((a, b) => a - b)
  const from = new Int32Array(keys.length)
  const to = new Int32Array(keys.length)
  const weight = new Float64Array(keys.length)
  const mass = new Float64Array(n).fill(1)
  const neighbours: number[][] = ids.map(() => [])
  keys.forEach((key, e) => {
    const a = Math.floor(key / n)
    const b = key % n
    const w = merged.get(key)!
    from[e] = a
    to[e] = b
    weight[e] = w
    mass[a]! += w
    mass[b]! += w
    neighbours[a]!.push(b)
    neighbours[b]!.push(a)
  })
  for (const list of neighbours) list.sort((a, b) => a - b)
  return { ids, sizes: ids.map((id) => sizeOf.get(id)!), from, to, weight, mass, neighbours }
}

/** Rounds of label propagation at most (it usually settles in fewer). */
const PROPAGATION_ROUNDS = 12

/**
 * Communities by weighted label propagation, deterministic: every node starts in its own;
 * in index order, each joins the community its neighbours' ties weigh most in (ties by the
 * lower label), until a round changes nothing. O(rounds × ties). Returns each node's label.
 */
export function communities(graph: CanonicalGraph): Int32Array {
  const n = graph.ids.length
  const label = new Int32Array(n)
  for (let i = 0; i < n; i++) label[i] = i
  // Neighbours with weights, compressed (CSR).
  const start = new Int32Array(n + 1)
  for (let e = 0; e < graph.from.length; e++) {
    start[graph.from[e]! + 1]!++
    start[graph.to[e]! + 1]!++
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!
  const fill = start.slice(0, n)
  const other = new Int32Array(start[n]!)
  const weight = new Float64Array(start[n]!)
  for (let e = 0; e < graph.from.length; e++) {
    const a = graph.from[e]!
    const b = graph.to[e]!
    other[fill[a]!] = b
    weight[fill[a]!++] = graph.weight[e]!
    other[fill[b]!] = a
    weight[fill[b]!++] = graph.weight[e]!
  }
  const score = new Float64Array(n)
  const touched: number[] = []
  for (let round = 0; round < PROPAGATION_ROUNDS; round++) {
    let changed = false
    for (let i = 0; i < n; i++) {
      if (start[i] === start[i + 1]) continue
      for (let k = start[i]!; k < start[i + 1]!; k++) {
        const l = label[other[k]!]!
        if (score[l] === 0) touched.push(l)
        score[l]! += weight[k]!
      }
      let best = label[i]!
      let bestScore = -1
      for (const l of touched) {
        if (score[l]! > bestScore || (score[l] === bestScore && l < best)) {
          best = l
          bestScore = score[l]!
        }
      }
      for (const l of touched) score[l] = 0
      touched.length = 0
      if (best !== label[i]) {
        label[i] = best
        changed = true
      }
    }
    if (!changed) break
  }
  return label
}

/**
 * Starting positions for a fresh layout of a big graph: each community (`communities`)
 * gets a disc of area in proportion to its size, the discs laid on a sunflower spiral
 * within FA2's equilibrium radius, largest at the centre (lone nodes end up outside); each
 * node starts at a seeded random point of its community's disc. Nodes already `known`
 * keep their positions.
 */
function seedByCommunity(
  graph: CanonicalGraph,
  known: Uint8Array,
  xs: Float64Array,
  ys: Float64Array,
  random: () => number,
  radius: number,
): void {
  const n = graph.ids.length
  const label = communities(graph)
  const members = new Map<number, number[]>()
  for (let i = 0; i < n; i++) {
    const list = members.get(label[i]!)
    if (list) list.push(i)
    else members.set(label[i]!, [i])
  }
  const groups = [...members.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!)
  const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5))
  let before = 0
  groups.forEach((group, k) => {
    const middle = radius * Math.sqrt((before + group.length / 2) / n)
    const cx = middle * Math.cos(k * GOLDEN_ANGLE)
    const cy = middle * Math.sin(k * GOLDEN_ANGLE)
    const own = radius * Math.sqrt(group.length / n)
    before += group.length
    for (const i of group) {
      if (known[i]) continue
      const angle = random() * 2 * Math.PI
      const r = own * Math.sqrt(random())
      xs[i] = cx + r * Math.cos(angle)
      ys[i] = cy + r * Math.sin(angle)
    }
  })
}

/** graphology-layout-forceatlas2's own defaults (its `defaults.js`), under ours. */
export const FA2_DEFAULTS: Required<ForceAtlas2Settings> = {
  linLogMode: false,
  outboundAttractionDistribution: false,
  adjustSizes: false,
  edgeWeightInfluence: 1,
  scalingRatio: 1,
  strongGravityMode: false,
  gravity: 1,
  slowDown: 1,
  barnesHutOptimize: false,
  barnesHutTheta: 0.5,
}

/** Numbers a node and a tie take in FA2's matrices (see fa2-iterate.d.ts). */
const FA2_PER_NODE = 10
const FA2_PER_EDGE = 3

/**
 * The graph as FA2's flat matrices, made straight from the canonical graph: what the
 * package's `graphToByteArrays` makes from a graphology graph with the same nodes and ties in
 * the same order (so FA2 computes exactly what it computed through graphology), without
 * building that graph — at 2,000 actors and 27,000 pairs, a graph of string keys and
 * attribute objects that cost more than FA2's iterations. Positions are filled by `startFA2`.
 */
export function fa2Matrices(graph: CanonicalGraph): { nodes: Float32Array; edges: Float32Array } {
  const n = graph.ids.length
  const nodes = new Float32Array(n * FA2_PER_NODE)
  const edges = new Float32Array(graph.from.length * FA2_PER_EDGE)
  for (let i = 0; i < n; i++) {
    nodes[i * FA2_PER_NODE + 6] = 1 // mass: 1 + weighted degree, summed below
    nodes[i * FA2_PER_NODE + 8] = 1 // size (unused: no adjustSizes)
  }
  for (let e = 0; e < graph.from.length; e++) {
    const a = graph.from[e]! * FA2_PER_NODE
    const b = graph.to[e]! * FA2_PER_NODE
    const w = graph.weight[e]!
    // Summed in the matrix's float32, tie by tie, as the package does: FA2 is chaotic enough
    // that a mass rounded once instead would give a different picture.
    nodes[a + 6]! += w
    nodes[b + 6]! += w
    edges[e * FA2_PER_EDGE] = a
    edges[e * FA2_PER_EDGE + 1] = b
    edges[e * FA2_PER_EDGE + 2] = w
  }
  return { nodes, edges }
}

/**
 * `iterations` of FA2 over `matrices` (from `fa2Matrices`) from the positions `xs`/`ys`, with
 * the `fixed` nodes held still; the positions are updated in place (in float32, as FA2 keeps
 * them). Speeds and convergence start afresh, as each run through graphology's
 * `forceAtlas2.assign` did. Exported for the test that it is that run.
 */
export function runForceAtlas2(
  matrices: { nodes: Float32Array; edges: Float32Array },
  xs: Float64Array,
  ys: Float64Array,
  fixed: Uint8Array,
  iterations: number,
  settings: Required<ForceAtlas2Settings>,
): void {
  if (iterations <= 0) return
  const { nodes, edges } = matrices
  startFA2(nodes, xs, ys, fixed)
  for (let k = 0; k < iterations; k++) fa2Iterate(settings, nodes, edges)
  for (let i = 0; i < xs.length; i++) {
    xs[i] = nodes[i * FA2_PER_NODE]!
    ys[i] = nodes[i * FA2_PER_NODE + 1]!
  }
}

/** Readies FA2's node matrix for a run from `xs`/`ys`, with `fixed` nodes held still. */
function startFA2(nodes: Float32Array, xs: Float64Array, ys: Float64Array, fixed: Uint8Array) {
  for (let i = 0; i < xs.length; i++) {
    const at = i * FA2_PER_NODE
    nodes[at] = xs[i]!
    nodes[at + 1] = ys[i]!
    nodes[at + 2] = 0
    nodes[at + 3] = 0
    nodes[at + 4] = 0
    nodes[at + 5] = 0
    nodes[at + 7] = 1
    nodes[at + 9] = fixed[i]!
  }
}

/**
 * The radius FA2 with strong gravity settles the graph into: the outermost node balances
 * the repulsion of everything inside (scalingRatio · m · Σm / r) against gravity
 * (gravity · m · r). An estimate of FA2's scale that needs no layout.
 */
function equilibriumRadius(graph: CanonicalGraph, scalingRatio: number, gravity: number): number {
  let total = 0
  for (const m of graph.mass) total += m
  return Math.sqrt((scalingRatio * total) / gravity)
}

/**
 * The shift and scale that take the known nodes' positions into FA2's frame, from the
 * virial identity: at an FA2 equilibrium Σᵢ Fᵢ·xᵢ = 0, where the linear forces (edges,
 * strong gravity) contribute −s²·A for positions scaled by s and repulsion contributes the
 * scale-free R = scalingRatio · Σ_{i<j} mᵢmⱼ. So s = √(R/A). Gravity pulls to FA2's origin,
 * and at equilibrium the mass-weighted centroid sits there, which gives the shift. Masses
 * and edges are those among the known nodes: the graph the previous layout was made for.
 * Null when the known nodes do not determine a scale (all at one point).
 */
function virialScale(
  graph: CanonicalGraph,
  known: Uint8Array,
  xs: Float64Array,
  ys: Float64Array,
  scalingRatio: number,
  gravity: number,
): { centre: Point; scale: number } | null {
  const n = graph.ids.length
  const mass = new Float64Array(n)
  for (let i = 0; i < n; i++) mass[i] = known[i] ? 1 : 0
  let attraction = 0
  for (let e = 0; e < graph.from.length; e++) {
    const a = graph.from[e]!
    const b = graph.to[e]!
    if (!known[a] || !known[b]) continue
    const w = graph.weight[e]!
    mass[a]! += w
    mass[b]! += w
    attraction += w * ((xs[a]! - xs[b]!) ** 2 + (ys[a]! - ys[b]!) ** 2)
  }
  let total = 0
  let squares = 0
  let cx = 0
  let cy = 0
  for (let i = 0; i < n; i++) {
    const m = mass[i]!
    total += m
    squares += m * m
    cx += m * xs[i]!
    cy += m * ys[i]!
  }
  cx /= total
  cy /= total
  let spread = 0
  for (let i = 0; i < n; i++) {
    if (known[i]) spread += mass[i]! * ((xs[i]! - cx) ** 2 + (ys[i]! - cy) ** 2)
  }
  const a = attraction + gravity * spread
  const r = (scalingRatio * (total * total - squares)) / 2
  const scale = Math.sqrt(r / a)
  if (!Number.isFinite(scale) || scale <= 0) return null
  return { centre: { x: cx, y: cy }, scale }
}

/**
 * Starting positions for the nodes that have none, in FA2's frame: in rounds outward from
 * the placed nodes, each new node goes near the mean of its neighbours placed in earlier
 * rounds, offset by a random fraction of a typical edge's length (a node dropped onto
 * another would be flung away by the 1/d repulsion). A node with no placed neighbour
 * starts a new component on a ring just outside the picture.
 */
function placeNewNodes(
  graph: CanonicalGraph,
  known: Uint8Array,
  xs: Float64Array,
  ys: Float64Array,
  random: () => number,
  fallbackRadius: number,
): void {
  const n = graph.ids.length
  const round = new Int32Array(n).fill(-1)
  let frontier: number[] = []
  let outer = 0
  let cx = 0
  let cy = 0
  let placedCount = 0
  for (let i = 0; i < n; i++) {
    if (!known[i]) continue
    round[i] = 0
    frontier.push(i)
    cx += xs[i]!
    cy += ys[i]!
    placedCount++
  }
  if (placedCount > 0) {
    cx /= placedCount
    cy /= placedCount
  }
  for (const i of frontier) outer = Math.max(outer, Math.hypot(xs[i]! - cx, ys[i]! - cy))
  const lengths: number[] = []
  for (let e = 0; e < graph.from.length; e++) {
    const a = graph.from[e]!
    const b = graph.to[e]!
    if (known[a] && known[b]) lengths.push(Math.hypot(xs[a]! - xs[b]!, ys[a]! - ys[b]!))
  }
  lengths.sort((a, b) => a - b)
  const spacing =
    lengths[lengths.length >> 1] || (outer || fallbackRadius) / Math.sqrt(Math.max(1, n))
  const ringRadius = (outer || fallbackRadius) + spacing

  let next = 0
  for (let r = 1; placedCount < n; r++) {
    const candidates = new Set<number>()
    for (const i of frontier)
      for (const j of graph.neighbours[i]!) if (round[j]! < 0) candidates.add(j)
    frontier = [...candidates].sort((a, b) => a - b)
    if (frontier.length === 0) {
      while (round[next]! >= 0) next++
      const angle = random() * 2 * Math.PI
      xs[next] = cx + ringRadius * Math.cos(angle)
      ys[next] = cy + ringRadius * Math.sin(angle)
      round[next] = r
      frontier = [next]
      placedCount++
      continue
    }
    for (const i of frontier) {
      let sx = 0
      let sy = 0
      let count = 0
      for (const j of graph.neighbours[i]!) {
        const rj = round[j]!
        if (rj < 0 || rj >= r) continue
        sx += xs[j]!
        sy += ys[j]!
        count++
      }
      const angle = random() * 2 * Math.PI
      const offset = spacing * (0.3 + 0.4 * random())
      xs[i] = sx / count + offset * Math.cos(angle)
      ys[i] = sy / count + offset * Math.sin(angle)
      round[i] = r
      placedCount++
    }
  }
}

/** Shifts and scales the positions (about their bounding box's centre) to fill ±`LAYOUT_EXTENT`. */
function fitToExtent(xs: Float64Array, ys: Float64Array): void {
  let minX = Infinity
  let maxX = -Infinity
  let minY = Infinity
  let maxY = -Infinity
  for (let i = 0; i < xs.length; i++) {
    minX = Math.min(minX, xs[i]!)
    maxX = Math.max(maxX, xs[i]!)
    minY = Math.min(minY, ys[i]!)
    maxY = Math.max(maxY, ys[i]!)
  }
  const half = Math.max(maxX - minX, maxY - minY) / 2
  const cx = (minX + maxX) / 2
  const cy = (minY + maxY) / 2
  const factor = half > 0 ? LAYOUT_EXTENT / half : 1
  for (let i = 0; i < xs.length; i++) {
    xs[i] = (xs[i]! - cx) * factor
    ys[i] = (ys[i]! - cy) * factor
  }
}

/**
 * Rotates, scales and shifts all positions together so that the known nodes land as
 * close as possible (least squares) to their previous positions: the similarity
 * Procrustes fit, in closed form for the plane. FA2's equilibria are the same under any
 * rotation, and a layout at rest still turns and drifts slowly; this takes that back out.
 */
function alignTo(
  xs: Float64Array,
  ys: Float64Array,
  known: Uint8Array,
  previous: Record<string, Point>,
  ids: string[],
): void {
  let count = 0
  let mx = 0
  let my = 0
  let px = 0
  let py = 0
  const targets: (Point | undefined)[] = ids.map((id, i) =>
    known[i] ? finitePoint(previous, id) : undefined,
  )
  targets.forEach((t, i) => {
    if (!t) return
    count++
    mx += xs[i]!
    my += ys[i]!
    px += t.x
    py += t.y
  })
  if (count < 2) return
  mx /= count
  my /= count
  px /= count
  py /= count
  let dot = 0
  let cross = 0
  let norm = 0
  targets.forEach((t, i) => {
    if (!t) return
    const x = xs[i]! - mx
    const y = ys[i]! - my
    const tx = t.x - px
    const ty = t.y - py
    dot += x * tx + y * ty
    cross += x * ty - y * tx
    norm += x * x + y * y
  })
  if (norm === 0) return
  // x' = s·R(θ)·(x − m) + p, with s·cos θ = dot / norm and s·sin θ = cross / norm.
  const c = dot / norm
  const s = cross / norm
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]! - mx
    const y = ys[i]! - my
    xs[i] = c * x - s * y + px
    ys[i] = s * x + c * y + py
  }
}

/** Most sweeps of `separate`; it stops as soon as a sweep finds no overlap. */
const SEPARATE_SWEEPS = 200
/** Extra room left between two nodes, as a share of their radii. */
const SEPARATE_GAP = 0.1
/**
 * Most of the picture's area the nodes' discs may cover before `separate` spreads the whole
 * picture out first: packed denser than this, pushing neighbours apart one pair at a time
 * only passes the crowding on, and would need many sweeps to settle.
 */
const MAX_COVER = 0.3
/**
 * Cells a node the separation grid may have before `separate` keys its cells in a map
 * instead (a far outlier stretches the box, and the grid with it).
 */
const DENSE_CELLS_PER_NODE = 16

/**
 * Pushes overlapping nodes apart (by their radii in layout units) until no two discs of
 * unpinned nodes intersect: first, when the discs would cover more than `MAX_COVER` of the
 * picture's bounding box, the whole picture is spread out about its centre (shapes kept);
 * then sweeps over a grid, so that each node is compared with its neighbours only, until a
 * sweep moves nothing (a continued layout is never spread: the analyst has seen it, and its
 * discs were apart already). A pinned node does not move; the other node takes the whole push.
 * FA2's own anti-collision (`adjustSizes`) needs the exact O(n²) repulsion, works in its
 * frame rather than ours, where the sizes are meant, and only makes overlaps unlikely.
 */
function separate(
  xs: Float64Array,
  ys: Float64Array,
  radii: readonly number[],
  pinned: Uint8Array,
  random: () => number,
  maySpread = false,
): void {
  const n = xs.length
  let largest = 0
  let cover = 0
  for (const r of radii) {
    largest = Math.max(largest, r)
    cover += Math.PI * r * r
  }
  if (largest <= 0) return
  if (maySpread) spreadOut(xs, ys, pinned, cover)
  const cell = 2 * largest * (1 + SEPARATE_GAP)
  // Each cell is a linked list through `next` (its first node in the cell's head), in index
  // order: no array per cell and sweep to collect. The heads are a flat grid over the
  // picture's bounding box when that grid is small (`DENSE_CELLS_PER_NODE`), else a map
  // keyed by a number (a string key per node and sweep costs more than the pushes; two cells
  // sharing a key only add comparisons, never lose one). The grid visits the same pairs in
  // the same order as the map, so both give the same result; the map is the fallback for a
  // picture with a far outlier, whose box would need a huge grid.
  const cellKey = (gx: number, gy: number) => gx * 1_000_003 + gy
  const headMap = new Map<number, number>()
  let headGrid = new Int32Array(0)
  const next = new Int32Array(n)
  const cellX = new Int32Array(n)
  const cellY = new Int32Array(n)
  for (let sweep = 0; sweep < SEPARATE_SWEEPS; sweep++) {
    let gx0 = Infinity
    let gx1 = -Infinity
    let gy0 = Infinity
    let gy1 = -Infinity
    for (let i = 0; i < n; i++) {
      const gx = Math.floor(xs[i]! / cell)
      const gy = Math.floor(ys[i]! / cell)
      cellX[i] = gx
      cellY[i] = gy
      if (gx < gx0) gx0 = gx
      if (gx > gx1) gx1 = gx
      if (gy < gy0) gy0 = gy
      if (gy > gy1) gy1 = gy
    }
    const width = gx1 - gx0 + 1
    const height = gy1 - gy0 + 1
    const dense = width * height <= DENSE_CELLS_PER_NODE * n + 64
    if (dense) {
      if (headGrid.length < width * height) headGrid = new Int32Array(width * height)
      headGrid.fill(-1, 0, width * height)
      for (let i = n - 1; i >= 0; i--) {
        const at = (cellX[i]! - gx0) * height + (cellY[i]! - gy0)
        next[i] = headGrid[at]!
        headGrid[at] = i
      }
    } else {
      headMap.clear()
      for (let i = n - 1; i >= 0; i--) {
        const key = cellKey(cellX[i]!, cellY[i]!)
        next[i] = headMap.get(key) ?? -1
        headMap.set(key, i)
      }
    }
    // A node pushed earlier in this sweep may have left the box: its cells there are empty.
    const headOf = (gx: number, gy: number): number => {
      if (!dense) return headMap.get(cellKey(gx, gy)) ?? -1
      if (gx < gx0 || gx > gx1 || gy < gy0 || gy > gy1) return -1
      return headGrid[(gx - gx0) * height + (gy - gy0)]!
    }
    let moved = false
    for (let i = 0; i < n; i++) {
      const gx = Math.floor(xs[i]! / cell)
      const gy = Math.floor(ys[i]! / cell)
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (let j = headOf(gx + dx, gy + dy); j !== -1; j = next[j]!) {
            if (j <= i || (pinned[i] && pinned[j])) continue
            const need = (radii[i]! + radii[j]!) * (1 + SEPARATE_GAP)
            let ex = xs[j]! - xs[i]!
            let ey = ys[j]! - ys[i]!
            // Most pairs in neighbouring cells are apart: told so without a square root.
            if (ex * ex + ey * ey >= need * need) continue
            let d = Math.hypot(ex, ey)
            // A pair exactly apart is left alone; the gap makes room for rounding.
            if (d >= need * (1 - 1e-9)) continue
            if (d === 0) {
              const angle = random() * 2 * Math.PI
              ex = Math.cos(angle)
              ey = Math.sin(angle)
              d = 1
            } else {
              ex /= d
              ey /= d
            }
            // Pushed a little past the need, so that the pair is not caught again by rounding.
            const push = need - Math.min(d, need) + 1e-6 * need
            const shareI = pinned[i] ? 0 : pinned[j] ? 1 : 0.5
            xs[i]! -= ex * push * shareI
            ys[i]! -= ey * push * shareI
            xs[j]! += ex * push * (1 - shareI)
            ys[j]! += ey * push * (1 - shareI)
            moved = true
          }
        }
      }
    }
    if (!moved) return
  }
}

/**
 * Spreads the unpinned nodes out about the centre of the bounding box when the discs (of
 * total area `cover`) would fill more than `MAX_COVER` of it. With pinned nodes nothing is
 * spread: they must stay where the analyst put them, and the others around them.
 */
function spreadOut(xs: Float64Array, ys: Float64Array, pinned: Uint8Array, cover: number): void {
  if (pinned.some((p) => p === 1) || xs.length < 2) return
  let minX = Infinity
  let maxX = -Infinity
  let minY = Infinity
  let maxY = -Infinity
  for (let i = 0; i < xs.length; i++) {
    minX = Math.min(minX, xs[i]!)
    maxX = Math.max(maxX, xs[i]!)
    minY = Math.min(minY, ys[i]!)
    maxY = Math.max(maxY, ys[i]!)
  }
  const area = (maxX - minX) * (maxY - minY)
  if (!(area > 0) || cover <= MAX_COVER * area) return
  const factor = Math.sqrt(cover / (MAX_COVER * area))
  const cx = (minX + maxX) / 2
  const cy = (minY + maxY) / 2
  for (let i = 0; i < xs.length; i++) {
    xs[i] = cx + (xs[i]! - cx) * factor
    ys[i] = cy + (ys[i]! - cy) * factor
  }
}

/**
 * Shrinks a separated fresh layout (about the origin) into ±`LAYOUT_EXTENT` where it spills
 * over, but never so far that two discs meet again: the discs do not shrink with the
 * positions, so the factor stops at the closest pair's need. A picture whose discs cannot fit
 * the extent is left larger (the view fits whatever it is given).
 */
function shrinkApart(xs: Float64Array, ys: Float64Array, radii: readonly number[]): void {
  const n = xs.length
  let reach = 0
  for (let i = 0; i < n; i++) reach = Math.max(reach, Math.abs(xs[i]!), Math.abs(ys[i]!))
  if (reach <= LAYOUT_EXTENT) return
  let factor = LAYOUT_EXTENT / reach
  // The closest pairs limit the shrink: pairs farther apart than their need over the
  // factor cannot meet. O(n²) distance checks: ~2 M for 2,000 actors, a few ms in the worker.
  // Squared distances first: the square root is taken only for the few pairs that limit.
  for (let i = 0; i < n; i++) {
    const xi = xs[i]!
    const yi = ys[i]!
    const ri = radii[i]!
    for (let j = i + 1; j < n; j++) {
      const need = (ri + radii[j]!) * (1 + SEPARATE_GAP)
      if (need <= 0) continue
      const dx = xs[j]! - xi
      const dy = ys[j]! - yi
      const d2 = dx * dx + dy * dy
      if (d2 * factor * factor >= need * need) continue
      const d = Math.sqrt(d2)
      factor = Math.min(1, Math.max(factor, need / Math.max(d, 1e-12)))
    }
  }
  if (factor >= 1) return
  for (let i = 0; i < n; i++) {
    xs[i] = xs[i]! * factor
    ys[i] = ys[i]! * factor
  }
}

function finitePoint(record: Record<string, Point> | undefined, id: string): Point | undefined {
  if (!record || !Object.hasOwn(record, id)) return undefined
  const point = record[id]
  if (!point || !Number.isFinite(point.x) || !Number.isFinite(point.y)) return undefined
  return point
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value))
}
