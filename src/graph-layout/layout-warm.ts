/**
 * A layout worker's warm-up: a few small layouts run through the worker's own path (the
 * request checked, the packed ties unpacked, communities, the seeded start, ForceAtlas2 with
 * Barnes-Hut, the separation), so that V8 has compiled that code before the case's layout
 * arrives. A fresh worker ran its one real layout cold: at 2,000 actors and 48,000 ties the
 * layout took ~590 ms of CPU cold and ~340–370 ms after this warm-up (Node, same code; the
 * warm-up's steps ~290, 100, 100 and 50 ms, while the case's records are still being read).
 * `LayoutClient.warm` asks for it only when it starts a worker ahead of a fresh layout. Each
 * step is a task of its own, and a request arriving ends the warm-up: a small case's records
 * come at once, and its layout waits for one step at most.
 */
import { packEdges } from './edge-arrays'
import { handleLayoutMessage } from './layout-handler'
import { SEEDED_FROM } from './layout'
import { isWarmMessage, type LayoutResponse } from './layout-protocol'
import { makeActorGraph } from './synthetic-graph'

/** Steps of a warm-up (see the module comment). */
export const WARM_STEPS = 4
/** ForceAtlas2 iterations of each step. */
const WARM_ITERATIONS = 3

/**
 * One step: lays out a synthetic graph just large enough to take the path of a large case
 * (seeded from its communities, Barnes-Hut) and small enough to take a fraction of the real
 * layout's time. Returns the reply, for the test that it is a real layout.
 */
export function warmLayout(): LayoutResponse {
  const graph = makeActorGraph({ nodes: SEEDED_FROM, edges: 2 * SEEDED_FROM, seed: 1 })
  const ids = graph.nodes.map((node) => node.id)
  return handleLayoutMessage({
    id: 0,
    input: {
      nodes: graph.nodes.map((node) => ({ id: node.id, size: 100 })),
      edges: packEdges(ids, graph.edges, (edge) => edge.weight ?? 1),
      pinned: {},
      previous: {},
      iterations: WARM_ITERATIONS,
    },
  })
}

/**
 * The worker's message handler: a warm-up request (`WARM_MESSAGE`) starts the warm-up's steps
 * (`schedule`d one after another) and is answered by nothing; a layout request ends the
 * warm-up and is answered by `handleLayoutMessage`.
 */
export function workerHandler(
  schedule: (step: () => void) => void = (step) => setTimeout(step, 0),
  warm: () => unknown = warmLayout,
): (data: unknown) => LayoutResponse | undefined {
  let left = 0
  const step = () => {
    if (left <= 0) return
    left--
    warm()
    if (left > 0) schedule(step)
  }
  return (data) => {
    if (isWarmMessage(data)) {
      if (left === 0) {
        left = WARM_STEPS
        schedule(step)
      }
      return undefined
    }
    left = 0
    return handleLayoutMessage(data)
  }
}
