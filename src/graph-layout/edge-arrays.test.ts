import { describe, expect, it } from 'vitest'
import { edgeBuffers, isEdgeArrays, packEdges } from './edge-arrays'
import { buildGraph, computeLayout } from './layout'
import { parseRequest } from './layout-protocol'
import { makeActorGraph } from './synthetic-graph'

describe('packEdges', () => {
  it('packs ties by node index, leaving out ties to nodes not listed', () => {
    const packed = packEdges(
      ['a', 'b', 'c'],
      [
        { from: 'a', to: 'c', n: 2 },
        { from: 'c', to: 'x', n: 1 },
        { from: 'b', to: 'a', n: 4 },
      ],
      (e) => e.n,
    )
    expect([...packed.from]).toEqual([0, 1])
    expect([...packed.to]).toEqual([2, 0])
    expect([...packed.weight]).toEqual([2, 4])
    expect(isEdgeArrays(packed)).toBe(true)
    expect(isEdgeArrays([{ from: 'a', to: 'b' }])).toBe(false)
    // Three buffers of their own, to transfer.
    expect(edgeBuffers(packed)).toHaveLength(3)
  })
})

describe('a layout of ties as typed arrays', () => {
  const graph = makeActorGraph({ nodes: 150, edges: 600, seed: 11 })
  const ids = graph.nodes.map((n) => n.id)
  const packed = packEdges(ids, graph.edges, (e) => e.weight ?? 1)

  it('is the same graph, and the same picture, as of the ties by id', () => {
    const byId = buildGraph({ nodes: graph.nodes, edges: graph.edges })
    const byIndex = buildGraph({ nodes: graph.nodes, edges: packed })
    expect(byIndex.from).toEqual(byId.from)
    expect(byIndex.to).toEqual(byId.to)
    expect(byIndex.weight).toEqual(byId.weight)
    expect(computeLayout({ nodes: graph.nodes, edges: packed, iterations: 30 })).toEqual(
      computeLayout({ nodes: graph.nodes, edges: graph.edges, iterations: 30 }),
    )
  })

  it('passes the worker’s checks, and bad arrays do not', () => {
    const ok = parseRequest({ id: 1, input: { nodes: graph.nodes, edges: packed } })
    expect(ok.ok).toBe(true)
    if (ok.ok) expect(isEdgeArrays(ok.request.input.edges)).toBe(true)
    const nodes = [{ id: 'a' }, { id: 'b' }]
    const bad = (edges: unknown) => parseRequest({ id: 2, input: { nodes, edges } })
    const arrays = (from: number[], to: number[], weight: number[]) => ({
      from: Int32Array.from(from),
      to: Int32Array.from(to),
      weight: Float64Array.from(weight),
    })
    expect(bad(arrays([0], [2], [1])).ok).toBe(false)
    expect(bad(arrays([-1], [1], [1])).ok).toBe(false)
    expect(bad(arrays([0], [1], [0])).ok).toBe(false)
    expect(bad(arrays([0], [1], [Number.NaN])).ok).toBe(false)
    expect(bad(arrays([0, 1], [1], [1])).ok).toBe(false)
    expect(bad(arrays([0], [1], [2])).ok).toBe(true)
  })
})
