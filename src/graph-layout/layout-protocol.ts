/**
 * The messages between the layout client (main thread) and the layout worker: their
 * shapes, and the checks every inbound message passes before it is acted on — requests in
 * the worker, replies in the client. A request is `{ id, input }`; a reply is
 * `{ id, ok: true, positions, ms }` or `{ id, ok: false, error: { code, message } }`.
 * Checked by hand rather than with zod: the worker needs no schema library, and the
 * renderer's zod would need its JIT-less mode under the CSP. Shared by both sides, so it
 * imports only types from the layout: graphology must load in the worker, not with the UI.
 */
import { isEdgeArrays, type EdgeArrays } from './edge-arrays'
import type { LayoutEdge, LayoutInput, LayoutNode, Point, Positions } from './layout'

/** Ask for a layout of `input`. */
export interface LayoutRequest {
  id: number
  input: LayoutInput
}

/** Why the worker could not answer: the request was malformed, or the layout threw. */
export type LayoutErrorCode = 'BAD_REQUEST' | 'FAILED'

/** A reply: the request's id (null if the request had none) and positions or an error. */
export type LayoutResponse =
  | { id: number | null; ok: true; positions: Positions; ms: number }
  | { id: number | null; ok: false; error: { code: LayoutErrorCode; message: string } }

/** Most nodes in one request (an actor graph of a large case has a few thousand). */
export const MAX_NODES = 20_000
/** Most edges in one request. */
export const MAX_EDGES = 200_000
/** Most iterations a request may ask for: `MAX_ITERATIONS` of the layout (a test checks). */
export const MAX_REQUEST_ITERATIONS = 5_000
/** Longest node id. */
export const MAX_ID_LENGTH = 200

const CODES: readonly LayoutErrorCode[] = ['BAD_REQUEST', 'FAILED']

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

/** Whether a value is a correlation id. */
export function isMessageId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

/**
 * Copies a record of points keyed by id, or returns null if it is not one. The copy has no
 * prototype, so that any id (even `__proto__`) is an own key and nothing is inherited.
 */
export function parsePoints(value: unknown, maxKeys = MAX_NODES): Positions | null {
  if (!isRecord(value)) return null
  const keys = Object.keys(value)
  if (keys.length > maxKeys) return null
  const points: Positions = Object.create(null) as Positions
  for (const key of keys) {
    const point = value[key]
    if (!isId(key) || !isRecord(point) || !isFiniteNumber(point.x) || !isFiniteNumber(point.y)) {
      return null
    }
    points[key] = { x: point.x, y: point.y } satisfies Point
  }
  return points
}

function parseInput(value: unknown): LayoutInput | string {
  if (!isRecord(value)) return 'input must be an object.'
  const { nodes, edges } = value
  if (!Array.isArray(nodes) || nodes.length > MAX_NODES) {
    return `input.nodes must be a list of at most ${MAX_NODES} nodes.`
  }
  const copiedNodes: LayoutNode[] = []
  for (const node of nodes) {
    if (!isRecord(node) || !isId(node.id)) {
      return `every node needs an id: a string of 1 to ${MAX_ID_LENGTH} characters.`
    }
    if (node.size === undefined) copiedNodes.push({ id: node.id })
    else if (isFiniteNumber(node.size) && node.size >= 0) {
      copiedNodes.push({ id: node.id, size: node.size })
    } else return 'a node size must be a finite number of 0 or more.'
  }
  if (isEdgeArrays(edges)) {
    const checked = checkEdgeArrays(edges, copiedNodes.length)
    if (typeof checked === 'string') return checked
    return withPoints({ nodes: copiedNodes, edges: checked }, value)
  }
  if (!Array.isArray(edges) || edges.length > MAX_EDGES) {
    return `input.edges must be a list of at most ${MAX_EDGES} edges.`
  }
  const copiedEdges: LayoutEdge[] = []
  for (const edge of edges) {
    if (!isRecord(edge) || !isId(edge.from) || !isId(edge.to)) {
      return 'every edge needs from and to: node ids.'
    }
    if (edge.weight === undefined) copiedEdges.push({ from: edge.from, to: edge.to })
    else if (isFiniteNumber(edge.weight) && edge.weight > 0) {
      copiedEdges.push({ from: edge.from, to: edge.to, weight: edge.weight })
    } else return 'an edge weight must be a positive finite number.'
  }
  return withPoints({ nodes: copiedNodes, edges: copiedEdges }, value)
}

/**
 * Checks ties in the typed-array form: three arrays of one length (at most `MAX_EDGES`),
 * every endpoint an index into the `nodeCount` nodes, every weight positive and finite.
 * Returns them as they are (they were transferred: nobody else holds them) or an error.
 */
function checkEdgeArrays(edges: EdgeArrays, nodeCount: number): EdgeArrays | string {
  const { from, to, weight } = edges
  if (from.length !== to.length || from.length !== weight.length || from.length > MAX_EDGES) {
    return `input.edges must be three arrays of one length, at most ${MAX_EDGES}.`
  }
  for (let k = 0; k < from.length; k++) {
    const a = from[k]!
    const b = to[k]!
    if (a < 0 || b < 0 || a >= nodeCount || b >= nodeCount) {
      return 'every edge must join two of the nodes listed (by index).'
    }
    const w = weight[k]!
    if (!(Number.isFinite(w) && w > 0)) return 'an edge weight must be a positive finite number.'
  }
  return { from, to, weight }
}

/** `input` with the request's pinned and previous points, seed and iterations, checked. */
function withPoints(input: LayoutInput, value: Record<string, unknown>): LayoutInput | string {
  const { pinned, previous, seed, iterations } = value
  for (const [name, points] of [
    ['pinned', pinned],
    ['previous', previous],
  ] as const) {
    if (points === undefined) continue
    const parsed = parsePoints(points)
    if (!parsed) return `input.${name} must map at most ${MAX_NODES} node ids to finite x and y.`
    input[name] = parsed
  }
  if (seed !== undefined) {
    if (!isFiniteNumber(seed)) return 'input.seed must be a finite number.'
    input.seed = seed
  }
  if (iterations !== undefined) {
    if (
      typeof iterations !== 'number' ||
      !Number.isSafeInteger(iterations) ||
      iterations < 0 ||
      iterations > MAX_REQUEST_ITERATIONS
    ) {
      return `input.iterations must be an integer from 0 to ${MAX_REQUEST_ITERATIONS}.`
    }
    input.iterations = iterations
  }
  return input
}

/**
 * The message that asks a worker to warm its code up before a large layout (see
 * layout-warm.ts); the worker answers nothing.
 */
export const WARM_MESSAGE = { warm: true } as const

/** Whether `data` is `WARM_MESSAGE`. */
export function isWarmMessage(data: unknown): boolean {
  return isRecord(data) && data.warm === true
}

/**
 * Checks an inbound message against the request shape and copies only its known fields.
 * Returns the request, or an error message with whatever id could be read (to answer it).
 */
export function parseRequest(
  data: unknown,
): { ok: true; request: LayoutRequest } | { ok: false; id: number | null; message: string } {
  if (!isRecord(data)) return { ok: false, id: null, message: 'A request must be an object.' }
  const id = isMessageId(data.id) ? data.id : null
  if (id === null) return { ok: false, id, message: 'A request needs a non-negative integer id.' }
  const input = parseInput(data.input)
  if (typeof input === 'string') return { ok: false, id, message: `Bad layout request: ${input}` }
  return { ok: true, request: { id, input } }
}

/** Checks a reply from the worker by shape; null if it is not one. */
export function parseResponse(data: unknown): LayoutResponse | null {
  if (!isRecord(data)) return null
  const id = data.id === null ? null : isMessageId(data.id) ? data.id : undefined
  if (id === undefined) return null
  if (data.ok === true) {
    const positions = parsePoints(data.positions)
    if (!positions || !isFiniteNumber(data.ms) || data.ms < 0) return null
    return { id, ok: true, positions, ms: data.ms }
  }
  const error = data.error
  if (data.ok === false && isRecord(error)) {
    const { code, message } = error
    if (CODES.includes(code as LayoutErrorCode) && typeof message === 'string') {
      return { id, ok: false, error: { code: code as LayoutErrorCode, message } }
    }
  }
  return null
}

/** Whether `positions` places exactly the nodes `nodeIds` lists (repeats count once). */
export function placesExactly(positions: Positions, nodeIds: readonly string[]): boolean {
  const ids = new Set(nodeIds)
  const keys = Object.keys(positions)
  return keys.length === ids.size && keys.every((key) => ids.has(key))
}
