/**
 * A seeded synthetic actor graph for the layout's tests and benchmark: actors fall into
 * clusters of about 40 (the groups a case's events tie together), most ties stay inside a
 * cluster, a few cross between clusters, and within a cluster a few actors take most of
 * the ties (the hubs real case graphs have). The same options always give the same graph.
 */
import type { LayoutEdge, LayoutNode } from './layout'
import { seededRandom } from './seeded-random'

/** Options of `makeActorGraph`. */
export interface ActorGraphOptions {
  nodes: number
  edges: number
  /** Actors per cluster on average (40 by default). */
  clusterSize?: number
  /** Share of ties inside a cluster (0.85 by default). */
  inside?: number
  seed?: number
}

/** A synthetic actor graph, with each node's cluster for checking the layout. */
export interface ActorGraph {
  nodes: LayoutNode[]
  edges: LayoutEdge[]
  cluster: Map<string, number>
}

/**
 * Builds a graph of `nodes` actors and `edges` distinct ties (fewer if the clusters cannot
 * hold that many), with weights 1–3.
 */
export function makeActorGraph(options: ActorGraphOptions): ActorGraph {
  const { nodes: n, clusterSize = 40, inside = 0.85, seed = 1 } = options
  const random = seededRandom(seed)
  const clusters = Math.max(1, Math.round(n / clusterSize))
  const members: number[][] = Array.from({ length: clusters }, () => [])
  for (let i = 0; i < n; i++) members[i % clusters]!.push(i)
  const id = (i: number): string => `actor-${i}`
  const seen = new Set<number>()
  const edges: LayoutEdge[] = []
  const wanted = Math.min(options.edges, (n * (n - 1)) / 2)
  for (let tries = 0; edges.length < wanted && tries < wanted * 20; tries++) {
    const a = Math.floor(random() * n)
    let b: number
    if (random() < inside) {
      const group = members[a % clusters]!
      // Squaring the draw favours the first members: they become the cluster's hubs.
      b = group[Math.floor(group.length * random() * random())]!
    } else {
      b = Math.floor(random() * n)
    }
    const key = Math.min(a, b) * n + Math.max(a, b)
    if (a === b || seen.has(key)) continue
    seen.add(key)
    edges.push({ from: id(a), to: id(b), weight: 1 + Math.floor(random() * 3) })
  }
  const nodes = Array.from({ length: n }, (_, i) => ({ id: id(i) }))
  return { nodes, edges, cluster: new Map(nodes.map((node, i) => [node.id, i % clusters])) }
}
