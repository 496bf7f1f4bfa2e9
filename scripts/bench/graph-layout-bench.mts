/**
 * The actor-graph layout benchmark, for `npm run bench`'s page (bench-page.mts): lays out
 * synthetic actor graphs of 500 actors / 5,000 ties and 2,000 actors / 20,000 ties
 * (`makeActorGraph`: clusters of about 40, hubs, 15% of ties across clusters) through
 * `LayoutClient` and the real layout worker, as the graph panel will; then adds one actor
 * to the larger graph and lays it out again from the previous positions. It reports the
 * round trips, how far the existing actors moved, and the longest the main thread was
 * blocked meanwhile (which should be about nothing: the work is in the worker). The ties go
 * to the worker as the graph panel sends them: packed into typed arrays on the main thread
 * (`packEdges`, timed and watched with the request) and transferred. (Until 2026-12-07 the
 * bench sent them as 20,000 objects, copied by the main thread's postMessage: a path the app
 * does not take, and most of this row's 18–55 ms.)
 *
 * The file is `.mts` for the same reason as bench-page.mts: `tsconfig.node.json` takes
 * `scripts/**\/*.ts` into the Node project, which may not import `src/`.
 */
import { packEdges } from '../../src/graph-layout/edge-arrays'
import type { LayoutEdge, LayoutNode, Positions } from '../../src/graph-layout/layout'
import { LayoutClient, type LayoutWorkerLike } from '../../src/graph-layout/layout-client'
import { makeActorGraph } from '../../src/graph-layout/synthetic-graph'

/** One measured figure, with how it was measured (the shape of bench-page's rows). */
export interface GraphLayoutBenchRow {
  name: string
  value: number
  unit: string
  method: string
  detail?: string
}

/** Options of `benchGraphLayout`. */
export interface GraphLayoutBenchOptions {
  /** Warm runs per graph after the first (3 by default). */
  runs?: number
  /** Starts the layout worker; the real one by default. */
  createWorker?: () => LayoutWorkerLike
  /** Told about progress, one line at a time. */
  progress?: (message: string) => void
  /** Clock in milliseconds; `performance.now` by default. */
  now?: () => number
}

const SIZES = [
  { nodes: 500, edges: 5_000 },
  { nodes: 2_000, edges: 20_000 },
] as const

const round = (value: number, digits = 1): number => {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Mean distance the nodes of `before` moved, as a share of `before`'s width. */
function meanShift(before: Positions, after: Positions): number {
  const ids = Object.keys(before)
  let moved = 0
  let minX = Infinity
  let maxX = -Infinity
  let minY = Infinity
  let maxY = -Infinity
  for (const id of ids) {
    const a = before[id]!
    const b = after[id]!
    moved += Math.hypot(b.x - a.x, b.y - a.y)
    minX = Math.min(minX, a.x)
    maxX = Math.max(maxX, a.x)
    minY = Math.min(minY, a.y)
    maxY = Math.max(maxY, a.y)
  }
  return moved / ids.length / Math.max(maxX - minX, maxY - minY)
}

/** A layout request as the graph panel makes it: the ties packed (see the module comment). */
function packed(nodes: LayoutNode[], edges: LayoutEdge[]) {
  return {
    nodes,
    edges: packEdges(
      nodes.map((n) => n.id),
      edges,
      (e) => e.weight ?? 1,
    ),
  }
}

/** Longest gap between ticks of a 5 ms interval from now until the returned stop(). */
function watchMainThread(now: () => number): () => number {
  let last = now()
  let longest = 0
  const timer = setInterval(() => {
    const t = now()
    longest = Math.max(longest, t - last)
    last = t
  }, 5)
  return () => {
    clearInterval(timer)
    return Math.max(longest, now() - last)
  }
}

/**
 * Runs the benchmark and returns its rows: for each size the median round trip of warm
 * runs (the first request, which also starts the worker, is in the detail), the relayout
 * after adding one actor, the mean shift of the existing actors, and the main thread's
 * longest block.
 */
export async function benchGraphLayout(
  options: GraphLayoutBenchOptions = {},
): Promise<GraphLayoutBenchRow[]> {
  const runs = options.runs ?? 3
  const now = options.now ?? (() => performance.now())
  const progress = options.progress ?? ((message: string) => console.log(`[bench] ${message}`))
  const rows: GraphLayoutBenchRow[] = []
  let blocked = 0
  for (const size of SIZES) {
    const graph = makeActorGraph({ ...size, seed: 1 })
    const label = `${size.nodes.toLocaleString('en')} actors, ${size.edges.toLocaleString('en')} ties`
    const client = new LayoutClient({ createWorker: options.createWorker })
    try {
      const trips: number[] = []
      const inWorker: number[] = []
      let positions: Positions = {}
      for (let i = 0; i <= runs; i++) {
        const stop = watchMainThread(now)
        const t = now()
        const result = await client.layout(packed(graph.nodes, graph.edges))
        trips.push(now() - t)
        blocked = Math.max(blocked, stop())
        inWorker.push(result.ms)
        positions = result.positions
      }
      const [cold, ...warm] = trips
      progress(
        `graph: ${label}: first ${round(cold!)} ms, then ${warm.map((x) => round(x, 0)).join(', ')} ms`,
      )
      rows.push({
        name: `graph: layout ${label}`,
        value: round(median(warm)),
        unit: 'ms',
        method: `LayoutClient.layout() through the layout worker, the ties packed as the panel packs them, no previous positions; median of ${runs} after the first`,
        detail: `first request (starts the worker) ${round(cold!)} ms; in the worker ${inWorker.map((x) => round(x, 0)).join(', ')} ms`,
      })
      if (size.nodes !== SIZES[SIZES.length - 1]!.nodes) continue
      const nodes = [...graph.nodes, { id: 'bench-new' }]
      const edges = [
        ...graph.edges,
        { from: 'bench-new', to: 'actor-3' },
        { from: 'bench-new', to: 'actor-10' },
      ]
      const stop = watchMainThread(now)
      const t = now()
      const added = await client.layout({ ...packed(nodes, edges), previous: positions })
      const ms = now() - t
      blocked = Math.max(blocked, stop())
      const shift = meanShift(positions, added.positions)
      progress(
        `graph: one actor added: ${round(ms)} ms, existing actors moved ${round(100 * shift, 2)}%`,
      )
      rows.push(
        {
          name: `graph: relayout after adding one actor (${label})`,
          value: round(ms),
          unit: 'ms',
          method: 'layout() of the graph plus one actor tied to two, from the previous positions',
          detail: `in the worker ${round(added.ms)} ms`,
        },
        {
          name: 'graph: existing actors moved by adding one',
          value: round(100 * shift, 2),
          unit: '% of width',
          method: 'mean distance the 2,000 actors moved in that relayout, over the picture’s width',
        },
      )
    } finally {
      client.dispose()
    }
  }
  rows.push({
    name: 'graph: main thread blocked during layout',
    value: round(blocked),
    unit: 'ms',
    method:
      'longest gap between ticks of a 5 ms setInterval on the main thread during every request',
  })
  return rows
}
