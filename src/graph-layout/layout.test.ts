import Graph from 'graphology'
import forceAtlas2 from 'graphology-layout-forceatlas2'
import { describe, expect, it } from 'vitest'
import {
  BARNES_HUT_FROM,
  buildGraph,
  communities,
  computeLayout,
  FA2_DEFAULTS,
  fa2Matrices,
  runForceAtlas2,
  fullIterations,
  SEEDED_FROM,
  SEEDED_ITERATIONS,
  LAYOUT_EXTENT,
  MAX_ITERATIONS,
  MIN_RELAX_SHARE,
  planLayout,
  SETTLE_ITERATIONS,
  type LayoutEdge,
  type LayoutInput,
  type LayoutNode,
  type Positions,
} from './layout'
import { MAX_REQUEST_ITERATIONS } from './layout-protocol'
import { makeActorGraph } from './synthetic-graph'

function reach(positions: Positions): number {
  let most = 0
  for (const { x, y } of Object.values(positions)) most = Math.max(most, Math.abs(x), Math.abs(y))
  return most
}

/** Width of the bounding square, for displacement relative to the picture. */
function width(positions: Positions): number {
  const xs = Object.values(positions).map((p) => p.x)
  const ys = Object.values(positions).map((p) => p.y)
  return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys))
}

function distance(positions: Positions, a: string, b: string): number {
  return Math.hypot(positions[a]!.x - positions[b]!.x, positions[a]!.y - positions[b]!.y)
}

/** Mean distance moved by the nodes of `before`, as a share of `before`'s width. */
function meanShift(before: Positions, after: Positions): number {
  const ids = Object.keys(before)
  let total = 0
  for (const id of ids) {
    total += Math.hypot(after[id]!.x - before[id]!.x, after[id]!.y - before[id]!.y)
  }
  return total / ids.length / width(before)
}

function allFinite(positions: Positions): boolean {
  return Object.values(positions).every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
}

/** Two cliques of `size` actors (`a0…`, `b0…`) joined by a single tie. */
function twoClusters(size: number): { nodes: LayoutNode[]; edges: LayoutEdge[] } {
  const nodes: LayoutNode[] = []
  const edges: LayoutEdge[] = []
  for (const side of ['a', 'b']) {
    for (let i = 0; i < size; i++) {
      nodes.push({ id: `${side}${i}` })
      for (let j = 0; j < i; j++) edges.push({ from: `${side}${j}`, to: `${side}${i}` })
    }
  }
  edges.push({ from: 'a0', to: 'b0' })
  return { nodes, edges }
}

const small = makeActorGraph({ nodes: 120, edges: 400, seed: 5 })

describe('computeLayout', () => {
  it('lays out nothing for an empty graph, and a single node at the centre', () => {
    expect(computeLayout({ nodes: [], edges: [] })).toEqual({})
    const one = computeLayout({ nodes: [{ id: 'solo' }], edges: [] })
    expect(Object.keys(one)).toEqual(['solo'])
    expect(one.solo).toEqual({ x: 0, y: 0 })
  })

  it('gives the same layout for the same input, whatever the order of nodes and edges', () => {
    const input: LayoutInput = { nodes: small.nodes, edges: small.edges, seed: 9 }
    const first = computeLayout(input)
    expect(computeLayout(input)).toEqual(first)
    const shuffled = computeLayout({
      nodes: [...small.nodes].reverse(),
      edges: small.edges.map((e) => ({ ...e, from: e.to, to: e.from })).reverse(),
      seed: 9,
    })
    expect(shuffled).toEqual(first)
    expect(computeLayout({ ...input, seed: 10 })).not.toEqual(first)
  })

  it('fits a fresh layout into ±LAYOUT_EXTENT, filling it', () => {
    const positions = computeLayout({ nodes: small.nodes, edges: small.edges })
    expect(allFinite(positions)).toBe(true)
    expect(reach(positions)).toBeLessThanOrEqual(LAYOUT_EXTENT + 1e-9)
    expect(reach(positions)).toBeGreaterThan(0.99 * LAYOUT_EXTENT)
  })

  it('places connected nodes closer together than unconnected ones', () => {
    const { nodes, edges } = twoClusters(12)
    const positions = computeLayout({ nodes, edges })
    let inside = 0
    let across = 0
    let insidePairs = 0
    let acrossPairs = 0
    for (const a of nodes) {
      for (const b of nodes) {
        if (a.id >= b.id) continue
        const d = distance(positions, a.id, b.id)
        if (a.id[0] === b.id[0]) {
          inside += d
          insidePairs++
        } else {
          across += d
          acrossPairs++
        }
      }
    }
    // Measured: 0.16 (the clusters well apart); 0.5 would already be a muddle.
    expect(inside / insidePairs).toBeLessThan(0.5 * (across / acrossPairs))
    // And every actor is nearer its own cluster's centre than the other's.
    const centre = (side: string) => {
      const members = nodes.filter((n) => n.id[0] === side).map((n) => positions[n.id]!)
      const x = members.reduce((s, p) => s + p.x, 0) / members.length
      const y = members.reduce((s, p) => s + p.y, 0) / members.length
      return { x, y }
    }
    const ca = centre('a')
    const cb = centre('b')
    for (const n of nodes) {
      const p = positions[n.id]!
      const da = Math.hypot(p.x - ca.x, p.y - ca.y)
      const db = Math.hypot(p.x - cb.x, p.y - cb.y)
      expect(n.id[0] === 'a' ? da < db : db < da).toBe(true)
    }
  })

  it('keeps isolated nodes and small components near the main one, all finite', () => {
    const { nodes, edges } = twoClusters(15)
    for (let i = 0; i < 10; i++) nodes.push({ id: `lone${i}` })
    nodes.push({ id: 'p' }, { id: 'q' })
    edges.push({ from: 'p', to: 'q', weight: 50 })
    const positions = computeLayout({ nodes, edges })
    expect(allFinite(positions)).toBe(true)
    // Strong gravity holds every component: the clusters still take a good part of the
    // picture rather than being squeezed to a dot by far-flung loners (measured ≈ 0.6).
    const clusterIds = nodes.filter((n) => /^[ab]\d/.test(n.id)).map((n) => n.id)
    const cluster = Object.fromEntries(clusterIds.map((id) => [id, positions[id]!]))
    expect(width(cluster)).toBeGreaterThan(0.3 * width(positions))
    // A heavy tie pulls its two ends together.
    expect(distance(positions, 'p', 'q')).toBeLessThan(0.1 * width(positions))
  })

  it('leaves pinned nodes exactly where they were pinned', () => {
    const pinned = {
      'actor-0': { x: 0.1 + 0.2, y: -123.456789 },
      'actor-7': { x: 1e4 / 3, y: 2500 },
    }
    const fresh = computeLayout({ nodes: small.nodes, edges: small.edges, pinned })
    expect(fresh['actor-0']).toEqual(pinned['actor-0'])
    expect(fresh['actor-7']).toEqual(pinned['actor-7'])
    expect(allFinite(fresh)).toBe(true)

    const previous = computeLayout({ nodes: small.nodes, edges: small.edges })
    const nodes = [...small.nodes, { id: 'new' }]
    const edges = [...small.edges, { from: 'new', to: 'actor-0' }]
    const continued = computeLayout({ nodes, edges, previous, pinned })
    expect(continued['actor-0']).toEqual(pinned['actor-0'])
    expect(continued['actor-7']).toEqual(pinned['actor-7'])
    expect(allFinite(continued)).toBe(true)
  })

  it('moves existing nodes little when one node is added (exact repulsion)', () => {
    const previous = computeLayout({ nodes: small.nodes, edges: small.edges })
    const nodes = [...small.nodes, { id: 'new' }]
    const edges = [...small.edges, { from: 'new', to: 'actor-3' }, { from: 'new', to: 'actor-6' }]
    const after = computeLayout({ nodes, edges, previous })
    // Measured 0.2% here (0.1–0.6% over graph seeds 1–5); a fresh layout from another seed
    // moves the same nodes by about half the picture's width.
    expect(meanShift(previous, after)).toBeLessThan(0.03)
    expect(meanShift(previous, computeLayout({ nodes, edges, seed: 2 }))).toBeGreaterThan(0.1)
    // The newcomer lands among its neighbours, about an average tie's length from them
    // (measured: 1.03 times), not somewhere at the edge of the picture.
    const toNeighbours = (distance(after, 'new', 'actor-3') + distance(after, 'new', 'actor-6')) / 2
    const tie = small.edges.reduce((sum, e) => sum + distance(after, e.from, e.to), 0)
    expect(toNeighbours).toBeLessThan((1.5 * tie) / small.edges.length)
  })

  it('moves existing nodes little when one node is added (Barnes-Hut)', () => {
    const graph = makeActorGraph({ nodes: 400, edges: 2000, seed: 3 })
    expect(graph.nodes.length).toBeGreaterThan(BARNES_HUT_FROM)
    const previous = computeLayout({ nodes: graph.nodes, edges: graph.edges })
    const nodes = [...graph.nodes, { id: 'new' }]
    const edges = [...graph.edges, { from: 'new', to: 'actor-3' }]
    // Measured 0.9% here, 0.3–1.7% over graph seeds 1–5 (Barnes-Hut is noisier than exact).
    expect(meanShift(previous, computeLayout({ nodes, edges, previous }))).toBeLessThan(0.03)
  })

  it('continues in the frame of the previous positions, whatever their scale', () => {
    const previous = computeLayout({ nodes: small.nodes, edges: small.edges })
    const again = computeLayout({ nodes: small.nodes, edges: small.edges, previous })
    expect(meanShift(previous, again)).toBeLessThan(0.01)
    // The same picture drawn ten times larger and shifted stays ten times larger and shifted.
    const big = Object.fromEntries(
      Object.entries(previous).map(([id, p]) => [id, { x: 10 * p.x + 5000, y: 10 * p.y - 5000 }]),
    )
    const bigAgain = computeLayout({ nodes: small.nodes, edges: small.edges, previous: big })
    expect(meanShift(big, bigAgain)).toBeLessThan(0.01)
    expect(width(bigAgain) / width(again)).toBeCloseTo(10, 0)
  })

  it('places a new component outside the picture, and keeps it finite', () => {
    const previous = computeLayout({ nodes: small.nodes, edges: small.edges })
    const nodes = [...small.nodes, { id: 'x1' }, { id: 'x2' }, { id: 'x3' }]
    const edges = [...small.edges, { from: 'x1', to: 'x2' }, { from: 'x2', to: 'x3' }]
    const after = computeLayout({ nodes, edges, previous, iterations: 0 })
    expect(allFinite(after)).toBe(true)
    // With no iterations, known nodes stay put exactly and the newcomers start outside.
    for (const node of small.nodes) {
      expect(after[node.id]!.x).toBeCloseTo(previous[node.id]!.x, 6)
      expect(after[node.id]!.y).toBeCloseTo(previous[node.id]!.y, 6)
    }
    expect(Math.hypot(after.x1!.x, after.x1!.y)).toBeGreaterThan(0.9 * reach(previous))
    expect(distance(after, 'x1', 'x2')).toBeLessThan(0.2 * width(previous))
  })

  it('keeps nodes with a size from overlapping', () => {
    const { nodes, edges } = twoClusters(10)
    const sized = nodes.map((n) => ({ ...n, size: 40 }))
    const positions = computeLayout({ nodes: sized, edges })
    for (const a of sized) {
      for (const b of sized) {
        if (a.id < b.id) expect(distance(positions, a.id, b.id)).toBeGreaterThan(79)
      }
    }
    expect(reach(positions)).toBeLessThanOrEqual(LAYOUT_EXTENT + 1e-9)
  })

  /** Pairs of nodes whose discs (radius `size`) intersect. */
  function overlapping(nodes: LayoutNode[], positions: Positions): string[] {
    const out: string[] = []
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i]!
        const b = nodes[j]!
        if (distance(positions, a.id, b.id) < (a.size ?? 0) + (b.size ?? 0)) {
          out.push(`${a.id}–${b.id}`)
        }
      }
    }
    return out
  }

  it('leaves no two node discs intersecting, however crowded the graph', () => {
    // Discs in the units the panel sends (its node size plus room for the name, over the
    // display scale): large against ±LAYOUT_EXTENT, as on screen.
    for (const [count, ties, size] of [
      [8, 7, 150],
      [30, 60, 150],
      [120, 400, 60],
      [400, 1500, 40],
    ] as const) {
      const graph = makeActorGraph({ nodes: count, edges: ties, seed: count })
      const nodes = graph.nodes.map((n, i) => ({ ...n, size: size * (1 + (i % 3) / 2) }))
      const positions = computeLayout({ nodes, edges: graph.edges })
      expect(overlapping(nodes, positions), `${count} actors`).toEqual([])
      expect(allFinite(positions)).toBe(true)
    }
  })

  it('keeps discs apart around pinned nodes and in a continued layout', () => {
    const graph = makeActorGraph({ nodes: 40, edges: 90, seed: 3 })
    const nodes = graph.nodes.map((n) => ({ ...n, size: 120 }))
    const first = computeLayout({ nodes, edges: graph.edges })
    const [a, b] = nodes
    // Two nodes pinned on top of a third's place; one new node joins.
    const pinned = { [a!.id]: first[nodes[5]!.id]!, [b!.id]: { x: 5000, y: 5000 } }
    const more = [...nodes, { id: 'newcomer', size: 120 }]
    const edges = [...graph.edges, { from: 'newcomer', to: a!.id }]
    const next = computeLayout({ nodes: more, edges, pinned, previous: first })
    expect(overlapping(more, next)).toEqual([])
    expect(next[a!.id]).toEqual(pinned[a!.id])
  })

  it('keeps discs apart when a pinned node lies far off (the separation keys cells in a map)', () => {
    const graph = makeActorGraph({ nodes: 300, edges: 1500, seed: 4 })
    const nodes = graph.nodes.map((n) => ({ ...n, size: 60 }))
    const far = nodes[7]!.id
    const pinned = { [far]: { x: 1e7, y: -1e7 } }
    const positions = computeLayout({ nodes, edges: graph.edges, pinned })
    expect(overlapping(nodes, positions)).toEqual([])
    expect(positions[far]).toEqual(pinned[far])
    expect(allFinite(positions)).toBe(true)
  })

  it('runs ForceAtlas2 exactly as the package does through a graphology graph', () => {
    // Weights that are not whole numbers (1 + log of a count, as the graph pane sends), a
    // fixed node, Barnes-Hut on and off.
    const { nodes, edges } = makeActorGraph({ nodes: 400, edges: 2500, seed: 9 })
    const weighted = edges.map((e, k) => ({ ...e, weight: 1 + Math.log(1 + (k % 7)) }))
    const canonical = buildGraph({ nodes, edges: weighted })
    const n = canonical.ids.length
    for (const barnesHutOptimize of [true, false]) {
      const settings = {
        ...FA2_DEFAULTS,
        ...forceAtlas2.inferSettings(n),
        barnesHutOptimize,
        barnesHutTheta: 1,
      }
      const xs = Float64Array.from({ length: n }, (_, i) => Math.cos(i) * (100 + i))
      const ys = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * (100 + i))
      const fixed = new Uint8Array(n)
      fixed[3] = 1
      const g = new Graph({ type: 'undirected' })
      for (let i = 0; i < n; i++) g.addNode(String(i), { x: xs[i], y: ys[i], fixed: i === 3 })
      for (let e = 0; e < canonical.from.length; e++) {
        g.addEdge(String(canonical.from[e]), String(canonical.to[e]), {
          weight: canonical.weight[e],
        })
      }
      forceAtlas2.assign(g, { iterations: 15, settings })
      runForceAtlas2(fa2Matrices(canonical), xs, ys, fixed, 15, settings)
      for (let i = 0; i < n; i++) {
        expect(xs[i]).toBe(g.getNodeAttribute(String(i), 'x'))
        expect(ys[i]).toBe(g.getNodeAttribute(String(i), 'y'))
      }
    }
  })

  it('ignores edges to unknown nodes, self-loops, bad weights and repeated ids', () => {
    const positions = computeLayout({
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: 'c', size: Number.NaN }],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'ghost' },
        { from: 'c', to: 'c' },
        { from: 'b', to: 'c', weight: -1 },
        { from: 'b', to: 'c', weight: Number.POSITIVE_INFINITY },
      ],
      previous: { a: { x: Number.NaN, y: 0 } },
    })
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'c'])
    expect(allFinite(positions)).toBe(true)
  })

  it('returns a record where any id, even __proto__, is an own key', () => {
    const positions = computeLayout({
      nodes: [{ id: '__proto__' }, { id: 'constructor' }],
      edges: [{ from: '__proto__', to: 'constructor' }],
    })
    expect(Object.keys(positions).sort()).toEqual(['__proto__', 'constructor'])
    expect(allFinite(positions)).toBe(true)
  })
})

describe('planLayout (the stability rule)', () => {
  it('lays out afresh when fewer than half the nodes are known', () => {
    expect(planLayout(100, 0)).toEqual({
      mode: 'fresh',
      settle: 0,
      relax: fullIterations(100),
      barnesHut: false,
    })
    expect(planLayout(100, 49).mode).toBe('fresh')
    expect(planLayout(1000, 0).barnesHut).toBe(true)
  })

  it('continues with few iterations when only a few nodes are new', () => {
    const full = fullIterations(1000)
    expect(planLayout(1000, 999)).toEqual({
      mode: 'continue',
      settle: SETTLE_ITERATIONS,
      relax: Math.round(full * MIN_RELAX_SHARE),
      barnesHut: true,
    })
    expect(planLayout(1000, 1000).settle).toBe(0)
    expect(planLayout(1000, 900).relax).toBe(Math.round(full * 0.2))
    expect(planLayout(1000, 500).relax).toBe(full)
  })

  it('takes an explicit iteration count, settling first', () => {
    expect(planLayout(100, 90, 25)).toMatchObject({ settle: 25, relax: 0 })
    expect(planLayout(100, 90, 100)).toMatchObject({ settle: SETTLE_ITERATIONS, relax: 60 })
    expect(planLayout(100, 0, 7)).toMatchObject({ mode: 'fresh', relax: 7 })
  })

  it('scales a first layout’s iterations down as graphs grow', () => {
    expect(fullIterations(500)).toBeGreaterThan(fullIterations(SEEDED_FROM - 1))
    expect(fullIterations(2)).toBe(1000)
    expect(fullIterations(SEEDED_FROM - 1)).toBeGreaterThan(SEEDED_ITERATIONS)
    expect(fullIterations(100_000)).toBe(SEEDED_ITERATIONS)
  })

  it('finds the communities of a clustered graph by label propagation', () => {
    const { nodes, edges, cluster } = makeActorGraph({ nodes: 400, edges: 3000, seed: 3 })
    const graph = buildGraph({ nodes, edges })
    const label = communities(graph)
    // Most pairs of nodes in one planted cluster share a community, few across clusters.
    let inside = 0
    let insideSame = 0
    let across = 0
    let acrossSame = 0
    for (let a = 0; a < graph.ids.length; a += 3) {
      for (let b = a + 1; b < graph.ids.length; b += 7) {
        const same = label[a] === label[b]
        if (cluster.get(graph.ids[a]!) === cluster.get(graph.ids[b]!)) {
          inside++
          if (same) insideSame++
        } else {
          across++
          if (same) acrossSame++
        }
      }
    }
    expect(insideSame / inside).toBeGreaterThan(0.7)
    expect(acrossSame / across).toBeLessThan(0.1)
  })

  it('starts a big fresh layout from its communities, so that clusters come out together', () => {
    // Few iterations: from a random disc they would leave the clusters mixed.
    const { nodes, edges, cluster } = makeActorGraph({ nodes: SEEDED_FROM, edges: 8000, seed: 5 })
    const positions = computeLayout({ nodes, edges })
    const ids = Object.keys(positions)
    let same = 0
    let total = 0
    for (const a of ids.slice(0, 200)) {
      const p = positions[a]!
      const nearest = ids
        .filter((b) => b !== a)
        .map((b) => ({ b, d: Math.hypot(positions[b]!.x - p.x, positions[b]!.y - p.y) }))
        .sort((x, y) => x.d - y.d)
        .slice(0, 5)
      for (const { b } of nearest) {
        total++
        if (cluster.get(a) === cluster.get(b)) same++
      }
    }
    // 25 clusters: by chance, one neighbour in 25 would share a node's cluster.
    expect(same / total).toBeGreaterThan(0.4)
  })

  it('accepts no more iterations over the wire than the layout allows', () => {
    expect(MAX_REQUEST_ITERATIONS).toBe(MAX_ITERATIONS)
  })
})
