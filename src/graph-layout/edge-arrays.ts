/**
 * A layout's ties as typed arrays: the endpoints as indices into the request's node list and
 * the weights, three buffers that are handed to the worker (transferred, not copied) instead
 * of one object of two id strings per tie. At 2,000 actors and 48,000 ties the object form
 * cost the main thread its structured copy, and the worker the copy back, a check of every
 * object and two id lookups per tie; the arrays cost three memory copies' worth of nothing.
 * Imports no layout code, so the UI can pack ties without loading graphology.
 */

/** Ties by index into the request's `nodes`: tie `k` joins `from[k]` and `to[k]`. */
export interface EdgeArrays {
  from: Int32Array
  to: Int32Array
  /** Each tie's pull, a positive finite number. */
  weight: Float64Array
}

/** Whether `edges` is the typed-array form (not a list of `{ from, to }` objects). */
export function isEdgeArrays(edges: unknown): edges is EdgeArrays {
  return (
    typeof edges === 'object' &&
    edges !== null &&
    !Array.isArray(edges) &&
    (edges as EdgeArrays).from instanceof Int32Array &&
    (edges as EdgeArrays).to instanceof Int32Array &&
    (edges as EdgeArrays).weight instanceof Float64Array
  )
}

/**
 * Packs ties given by node id into `EdgeArrays` over `nodeIds` (the request's nodes, in
 * order); ties to an id not listed are left out. `weight` says each tie's pull.
 */
export function packEdges<E extends { from: string; to: string }>(
  nodeIds: readonly string[],
  edges: readonly E[],
  weight: (edge: E) => number,
): EdgeArrays {
  const index = new Map<string, number>()
  nodeIds.forEach((id, i) => {
    if (!index.has(id)) index.set(id, i)
  })
  const from = new Int32Array(edges.length)
  const to = new Int32Array(edges.length)
  const weights = new Float64Array(edges.length)
  let k = 0
  for (const edge of edges) {
    const a = index.get(edge.from)
    const b = index.get(edge.to)
    if (a === undefined || b === undefined) continue
    from[k] = a
    to[k] = b
    weights[k++] = weight(edge)
  }
  return { from: from.slice(0, k), to: to.slice(0, k), weight: weights.slice(0, k) }
}

/** The buffers of `edges` to transfer with a message (each once). */
export function edgeBuffers(edges: EdgeArrays): ArrayBuffer[] {
  const buffers = [edges.from.buffer, edges.to.buffer, edges.weight.buffer]
  return [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer)
}
