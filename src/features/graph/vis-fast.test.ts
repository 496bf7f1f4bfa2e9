import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Network } from 'vis-network'
import {
  addEdges,
  batchEdges,
  drawInFrames,
  setVisibility,
  updateVisible,
  updateVisibleOf,
} from './vis-fast'
import { recordingContext } from '../../test/recording-context'

/** The lines (subpaths) the strokes of `calls` drew. */
function strokedLines(calls: string[]): string[] {
  return calls.filter((c) => c.startsWith('stroke ')).flatMap((c) => c.slice(7).split(' | '))
}

/** The shapes (subpaths) the fills of `calls` drew. */
function filledShapes(calls: string[]): string[] {
  return calls.filter((c) => c.startsWith('fill ')).flatMap((c) => c.slice(5).split(' | '))
}

interface FakeEdgeOptions {
  colour?: string
  width?: number
  arrow?: boolean
  dashes?: boolean
  curved?: boolean
  label?: string
}

/** A vis-network edge with what `batchEdges` reads, and spies on what it calls. */
function fakeEdge(
  from: { x: number; y: number },
  to: { x: number; y: number },
  o: FakeEdgeOptions = {},
) {
  const edge = {
    connected: true,
    from,
    to,
    selected: false,
    hover: false,
    options: { hidden: false, label: o.label, smooth: { enabled: o.curved === true } },
    draw: vi.fn(),
    drawArrows: vi.fn(),
    getFormattingValues: vi.fn(() => ({
      hidden: edge.options.hidden,
      width: edge.selected ? (o.width ?? 1) + 2 : (o.width ?? 1),
      dashes: o.dashes === true,
      toArrow: o.arrow === true,
    })),
    edgeType: {
      getViaNode: () => undefined,
      getColor: () => (edge.selected ? 'purple' : (o.colour ?? 'red')),
      // An arrowhead of length 10 pointing along the edge, tip 5 before the target.
      getArrowData: vi.fn(() => {
        const angle = Math.atan2(edge.to.y - edge.from.y, edge.to.x - edge.from.x)
        return {
          point: { x: edge.to.x - 5 * Math.cos(angle), y: edge.to.y - 5 * Math.sin(angle) },
          angle,
          length: 10,
        }
      }),
    },
  }
  return edge
}

/** A vis-network with the internals `vis-fast` uses. */
function fakeNetwork(edges: Record<string, ReturnType<typeof fakeEdge>>) {
  const renderer = {
    _drawEdges: vi.fn(),
    _drawArrows: vi.fn(),
    _requestRedraw: vi.fn(),
  }
  const body = {
    nodes: { a: { options: { hidden: false } }, b: { options: { hidden: false } } },
    edges,
    edgeIndices: Object.keys(edges),
  }
  const network = {
    renderer,
    body,
    redraw: vi.fn(),
    _updateVisibleIndices: vi.fn(() => {
      body.edgeIndices = Object.keys(edges).filter((id) => !edges[id]!.options.hidden)
    }),
  }
  return { network, asNetwork: network as unknown as Network, renderer, body }
}

/** How selected and hovered ties are drawn (the panel's own ties; see own-ties.ts). */
const MARKS = { selectedColour: 'purple', selectionWidth: 2, hoverWidth: 1, arrowScale: 0.6 }

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('setVisibility', () => {
  it('flips hidden on the items and has the visible lists recomputed once', () => {
    const edges = { e1: fakeEdge({ x: 0, y: 0 }, { x: 10, y: 0 }) }
    const { network, asNetwork, body } = fakeNetwork(edges)
    expect(setVisibility(asNetwork, 'edges', [{ id: 'e1', hidden: true }])).toBe(true)
    expect(edges.e1.options.hidden).toBe(true)
    expect(network._updateVisibleIndices).toHaveBeenCalledTimes(1)
    expect(body.edgeIndices).toEqual([])
    expect(setVisibility(asNetwork, 'nodes', [{ id: 'a', hidden: true }])).toBe(true)
    expect(body.nodes.a.options.hidden).toBe(true)
  })

  it('leaves the visible lists to one updateVisible for nodes and edges when asked to', () => {
    const edges = { e1: fakeEdge({ x: 0, y: 0 }, { x: 10, y: 0 }) }
    const { network, asNetwork, body } = fakeNetwork(edges)
    const later = { later: true }
    expect(setVisibility(asNetwork, 'edges', [{ id: 'e1', hidden: true }], later)).toBe(true)
    expect(setVisibility(asNetwork, 'nodes', [{ id: 'a', hidden: true }], later)).toBe(true)
    expect(network._updateVisibleIndices).not.toHaveBeenCalled()
    updateVisible(asNetwork)
    expect(network._updateVisibleIndices).toHaveBeenCalledTimes(1)
    expect(body.edgeIndices).toEqual([])
  })

  it('changes nothing and says so for an id it does not hold, or without the internals', () => {
    const edges = { e1: fakeEdge({ x: 0, y: 0 }, { x: 10, y: 0 }) }
    const { network, asNetwork } = fakeNetwork(edges)
    const flips = [
      { id: 'e1', hidden: true },
      { id: 'nope', hidden: true },
    ]
    expect(setVisibility(asNetwork, 'edges', flips)).toBe(false)
    expect(edges.e1.options.hidden).toBe(false)
    expect(network._updateVisibleIndices).not.toHaveBeenCalled()
    expect(setVisibility({} as Network, 'edges', [{ id: 'e1', hidden: true }])).toBe(false)
  })
})

/** A DataSet stand-in: holds rows and calls its `add` listeners for ids it did not hold. */
function fakeRowSet() {
  const held = new Map<string, { id: string }>()
  const listeners = new Set<(event: string, params: { items: string[] }) => void>()
  return {
    held,
    listeners,
    update(rows: { id: string }[]) {
      const fresh = rows.filter((r) => !held.has(r.id)).map((r) => r.id)
      for (const r of rows) held.set(r.id, r)
      if (fresh.length) for (const l of listeners) l('add', { items: fresh })
    },
    on(_event: 'add', callback: never) {
      listeners.add(callback)
    },
    off(_event: 'add', callback: never) {
      listeners.delete(callback)
    },
  }
}

describe('addEdges', () => {
  it('puts the rows in the set and has vis-network make their edges without _dataChanged', () => {
    const set = fakeRowSet()
    const made: [string[], boolean | undefined][] = []
    const handler = {
      // What vis-network's own listener does: make the edges, then _dataChanged.
      edgesListeners: {
        add: vi.fn((_e: string, p: { items: string[] }) => made.push([p.items, false])),
      },
      add: vi.fn((ids: string[], quiet?: boolean) => void made.push([ids, quiet])),
    }
    set.on('add', handler.edgesListeners.add as never)
    const network = { edgesHandler: handler } as unknown as Network
    expect(addEdges(network, set, [{ id: 'e1' }, { id: 'e2' }])).toBe(true)
    expect([...set.held.keys()]).toEqual(['e1', 'e2'])
    // Made once, quietly; the network's own listener did not run.
    expect(made).toEqual([[['e1', 'e2'], true]])
    expect(handler.edgesListeners.add).not.toHaveBeenCalled()
    // And it listens again afterwards (a row added the public way reaches it).
    set.update([{ id: 'e3' }])
    expect(handler.edgesListeners.add).toHaveBeenCalledTimes(1)
  })

  it('changes nothing and returns false without the internals', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const set = fakeRowSet()
      expect(addEdges({} as Network, set, [{ id: 'e1' }])).toBe(false)
      expect(set.held.size).toBe(0)
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/^vis-fast: addEdges fell back/)
    } finally {
      warn.mockRestore()
    }
  })
})

describe('drawInFrames', () => {
  /** Animation frames run by hand. */
  function frames() {
    let next = 1
    const queue = new Map<number, () => void>()
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => {
      queue.set(next, f)
      return next++
    })
    vi.stubGlobal('cancelAnimationFrame', (id: number) => queue.delete(id))
    return {
      pending: () => queue.size,
      run() {
        const now = [...queue.values()]
        queue.clear()
        for (const f of now) f()
      },
    }
  }

  /**
   * A renderer whose drawing is counted, and an emitter. Like vis-network's, the renderer
   * listens to "_requestRedraw" with a bound copy of its own method (which asks for a frame
   * of its own unless `redrawRequested` is set), and clears the flag as it draws.
   */
  function network() {
    const draws: (boolean | undefined)[] = []
    const listeners: Record<string, (() => void)[]> = {}
    const emit = (event: string) => (listeners[event] ?? []).forEach((h) => h())
    const renderer = {
      redrawRequested: false,
      _redraw: vi.fn((hidden?: boolean) => {
        renderer.redrawRequested = false
        draws.push(hidden)
      }),
      _requestRedraw(this: { redrawRequested: boolean; _redraw(h: boolean): void }) {
        if (this.redrawRequested) return
        this.redrawRequested = true
        requestAnimationFrame(() => this._redraw(false))
      },
    }
    const body = {
      emitter: { on: (event: string, h: () => void) => (listeners[event] ??= []).push(h) },
    }
    body.emitter.on('_requestRedraw', renderer._requestRedraw.bind(renderer))
    const handlers = { destroy: () => emit('destroy'), requestRedraw: () => emit('_requestRedraw') }
    return { net: { renderer, body } as unknown as Network, renderer, draws, handlers }
  }

  it('draws at the start of the next frame, once however often it is asked', () => {
    const raf = frames()
    const { net, renderer, draws } = network()
    expect(drawInFrames(net)).toBe(true)
    // A drag's moves and a DataSet update within one frame: nothing drawn yet.
    const internal = renderer as unknown as { _redraw(): void; _requestRedraw(): void }
    internal._redraw()
    internal._redraw()
    internal._requestRedraw()
    expect(draws).toEqual([])
    expect(raf.pending()).toBe(1)
    raf.run()
    expect(draws).toEqual([false])
    raf.run()
    expect(draws).toEqual([false])
  })

  it('keeps the measuring (hidden) drawing synchronous and drops a pending one on destroy', () => {
    const raf = frames()
    const { net, renderer, draws, handlers } = network()
    drawInFrames(net)
    const internal = renderer as unknown as { _redraw(hidden?: boolean): void }
    internal._redraw(true)
    expect(draws).toEqual([true])
    internal._redraw()
    handlers.destroy()
    raf.run()
    expect(draws).toEqual([true])
  })

  it('draws once for a change that asked both ways, vis-network’s own request included', () => {
    const raf = frames()
    const { net, renderer, draws, handlers } = network()
    drawInFrames(net)
    const internal = renderer as unknown as { _redraw(): void }
    for (let round = 0; round < 2; round++) {
      // A DataSet update (vis-network's event) and the panel's redraw, in one task.
      handlers.requestRedraw()
      internal._redraw()
      expect(raf.pending()).toBe(1)
      raf.run()
      raf.run()
      expect(draws).toHaveLength(round + 1)
    }
  })

  it('leaves vis-network’s own requests to it when it has no emitter to take them from', () => {
    const raf = frames()
    const { renderer, draws } = network()
    drawInFrames({ renderer } as unknown as Network)
    expect(renderer.redrawRequested).toBe(false)
    renderer._requestRedraw()
    raf.run()
    raf.run()
    expect(draws).toEqual([false])
  })

  it('changes nothing without the internals', () => {
    expect(drawInFrames({} as Network)).toBe(false)
  })
})

describe('batchEdges', () => {
  it('strokes plain ties per colour and width, and leaves the others to vis-network', () => {
    const a = { x: 0, y: 0 }
    const b = { x: 100, y: 0 }
    const c = { x: 0, y: 100 }
    const edges = {
      red1: fakeEdge(a, b),
      red2: fakeEdge(b, c),
      green: fakeEdge(a, c, { colour: 'green' }),
      wide: fakeEdge(c, a, { width: 3 }),
      dashed: fakeEdge(a, b, { dashes: true }),
      curved: fakeEdge(b, a, { curved: true }),
      labelled: fakeEdge(c, b, { label: 'Protest' }),
    }
    const { asNetwork, renderer } = fakeNetwork(edges)
    expect(batchEdges(asNetwork, MARKS)).toBeDefined()
    const ctx = recordingContext()
    renderer._drawEdges(ctx)
    expect(ctx.calls).toEqual([
      'strokeStyle red',
      'lineWidth 1',
      'beginPath',
      'stroke 0,0 100,0 | 100,0 0,100',
      'strokeStyle green',
      'lineWidth 1',
      'beginPath',
      'stroke 0,0 0,100',
      'strokeStyle red',
      'lineWidth 3',
      'beginPath',
      'stroke 0,100 0,0',
    ])
    for (const id of ['dashed', 'curved', 'labelled'] as const) {
      expect(edges[id].draw).toHaveBeenCalledTimes(1)
    }
    for (const id of ['red1', 'red2', 'green', 'wide'] as const) {
      expect(edges[id].draw).not.toHaveBeenCalled()
    }
  })

  it('draws the panel’s own ties in its steps: lines after the edges, arrowheads after the nodes', () => {
    const { asNetwork, renderer, body } = fakeNetwork({
      e1: fakeEdge({ x: 0, y: 0 }, { x: 10, y: 0 }),
    })
    Object.assign(body.nodes.a, { x: 0, y: 50, distanceToBorder: () => 5 })
    Object.assign(body.nodes.b, { x: 100, y: 50, distanceToBorder: () => 5 })
    const batcher = batchEdges(asNetwork, MARKS)!
    batcher.ties.set({
      ids: ['t'],
      from: ['a'],
      to: ['b'],
      looks: [{ colour: 'blue', width: 1, dashed: false, arrow: true }],
    })
    const lines = recordingContext()
    renderer._drawEdges(lines)
    // vis-network's edge (batched), then the panel's tie.
    expect(strokedLines(lines.calls)).toEqual(['0,0 10,0', '0,50 100,50'])
    const arrows = recordingContext()
    renderer._drawArrows(arrows)
    // The tie's arrowhead: tip 5 before b's centre, 15 × 0.6 + 3 × 1 = 12 long.
    expect(arrows.calls).toContain('fillStyle blue')
    expect(filledShapes(arrows.calls)).toEqual(['95,50 83,54 84,50 83,46'])
    batcher.ties.set(undefined)
    const none = recordingContext()
    renderer._drawEdges(none)
    expect(strokedLines(none.calls)).toEqual(['0,0 10,0'])
  })

  it('draws in each frame only the ties shown in it, whatever earlier frames drew', () => {
    // 300 red ties (more than one path and more room than a first list holds), 1 green.
    const edges: Record<string, ReturnType<typeof fakeEdge>> = {}
    for (let i = 0; i < 300; i++)
      edges[`r${i}`] = fakeEdge({ x: i, y: 0 }, { x: i, y: 100 }, { arrow: true })
    edges.green = fakeEdge({ x: 0, y: 0 }, { x: 50, y: 50 }, { colour: 'green', arrow: true })
    const { asNetwork, renderer, body } = fakeNetwork(edges)
    batchEdges(asNetwork, MARKS)
    const draw = () => {
      const ctx = recordingContext()
      renderer._drawEdges(ctx)
      renderer._drawArrows(ctx)
      return ctx.calls
    }
    const first = draw()
    expect(strokedLines(first)).toHaveLength(301)
    expect(first.filter((c) => c.startsWith('stroke '))).toHaveLength(Math.ceil(300 / 64) + 1)
    expect(strokedLines(first)).toContain('299,0 299,100')
    // Arrowheads 32 to a fill, each a closed shape of its own.
    expect(filledShapes(first)).toHaveLength(301)
    expect(first.filter((c) => c.startsWith('fill '))).toHaveLength(Math.ceil(300 / 32) + 1)
    // The red ties hidden: the next frame draws the green one alone, its arrowhead included.
    body.edgeIndices = ['green']
    expect(draw()).toEqual([
      'strokeStyle green',
      'lineWidth 1',
      'beginPath',
      'stroke 0,0 50,50',
      'fillStyle green',
      'beginPath',
      expect.stringMatching(/^fill /),
    ])
    // Two of them back: those two, no more.
    body.edgeIndices = ['r7', 'r8']
    const third = draw()
    expect(strokedLines(third)).toEqual(['7,0 7,100', '8,0 8,100'])
    expect(filledShapes(third)).toHaveLength(2)
    expect(third).not.toContain('strokeStyle green')
    // Colours stroked in the order this frame's ties come in, not an earlier frame's.
    body.edgeIndices = ['green', 'r7']
    const fourth = draw().filter((c) => c.startsWith('strokeStyle'))
    expect(fourth).toEqual(['strokeStyle green', 'strokeStyle red'])
  })

  it('fills arrowheads where vis-network puts them, one colour change per colour', () => {
    const edges = {
      one: fakeEdge({ x: 0, y: 0 }, { x: 100, y: 0 }, { arrow: true }),
      two: fakeEdge({ x: 0, y: 50 }, { x: 100, y: 50 }, { arrow: true }),
      none: fakeEdge({ x: 0, y: 0 }, { x: 0, y: 100 }),
    }
    const { asNetwork, renderer } = fakeNetwork(edges)
    batchEdges(asNetwork, MARKS)
    const ctx = recordingContext()
    renderer._drawArrows(ctx)
    // Tip 5 before the target; the back corners 10 behind it, 3 either side.
    expect(ctx.calls).toEqual([
      'fillStyle red',
      'beginPath',
      'fill 95,0 85,3 86,0 85,-3 | 95,50 85,53 86,50 85,47',
    ])
    expect(edges.none.drawArrows).not.toHaveBeenCalled()
  })

  it('remembers each edge until its nodes move, its state changes or it is invalidated', () => {
    const from = { x: 0, y: 0 }
    const edges = { e: fakeEdge(from, { x: 100, y: 0 }, { arrow: true }) }
    const { asNetwork, renderer, body } = fakeNetwork(edges)
    const batcher = batchEdges(asNetwork, MARKS)!
    const draw = () => {
      const ctx = recordingContext()
      renderer._drawEdges(ctx)
      renderer._drawArrows(ctx)
      return ctx.calls
    }
    draw()
    // Hidden, shown again, drawn twice: worked out once.
    body.edgeIndices = []
    draw()
    body.edgeIndices = ['e']
    draw()
    draw()
    expect(edges.e.getFormattingValues).toHaveBeenCalledTimes(1)
    expect(edges.e.edgeType.getArrowData).toHaveBeenCalledTimes(1)
    // A node moves (a drag): worked out again, and drawn where it is now.
    from.y = 10
    expect(strokedLines(draw())).toContain('0,10 100,0')
    expect(edges.e.getFormattingValues).toHaveBeenCalledTimes(2)
    // Selected: vis-network draws the line (highlighted); the arrowhead takes its colour.
    edges.e.selected = true
    expect(draw()).toContain('fillStyle purple')
    expect(edges.e.draw).toHaveBeenCalledTimes(1)
    batcher.invalidate()
    draw()
    expect(edges.e.getFormattingValues).toHaveBeenCalledTimes(4)
  })

  it('works out held edges ahead, hidden ones as they will be shown, so that showing them only draws', () => {
    const ends = () =>
      [
        { x: 0, y: 0 },
        { x: 100, y: 0 },
      ] as const
    const made = () => {
      const [a, b] = ends()
      const edges = { e: fakeEdge(a, b, { arrow: true }), f: fakeEdge(b, a, { dashes: true }) }
      edges.e.options.hidden = true
      edges.f.options.hidden = true
      const net = fakeNetwork(edges)
      net.body.edgeIndices = []
      const ctx = recordingContext()
      Object.assign(net.network, { canvas: { getContext: () => ctx } })
      return { edges, ...net, batcher: batchEdges(net.asNetwork, MARKS)! }
    }
    const show = (net: ReturnType<typeof made>) => {
      net.edges.e.options.hidden = false
      net.edges.f.options.hidden = false
      net.body.edgeIndices = ['e', 'f']
      const ctx = recordingContext()
      net.renderer._drawEdges(ctx)
      net.renderer._drawArrows(ctx)
      return ctx.calls
    }
    const ahead = made()
    // Ids not held are skipped; each held one worked out once.
    expect(ahead.batcher.prepare(['e', 'f', 'missing'])).toBe(2)
    expect(ahead.batcher.prepare(['e', 'f'])).toBe(0)
    expect(ahead.edges.e.getFormattingValues).toHaveBeenCalledTimes(1)
    expect(ahead.edges.e.edgeType.getArrowData).toHaveBeenCalledTimes(1)
    // Shown: drawn as an edge never worked out ahead is, with nothing worked out again.
    const drawn = show(ahead)
    expect(drawn).toEqual(show(made()))
    expect(strokedLines(drawn)).toContain('0,0 100,0')
    expect(drawn).toContain('fill 95,0 85,3 86,0 85,-3')
    expect(ahead.edges.f.draw).toHaveBeenCalledTimes(1)
    expect(ahead.edges.e.getFormattingValues).toHaveBeenCalledTimes(1)
    expect(ahead.edges.f.getFormattingValues).toHaveBeenCalledTimes(1)
    // A node moved since: worked out again when drawn.
    ahead.edges.e.to.y = 20
    show(ahead)
    expect(ahead.edges.e.getFormattingValues).toHaveBeenCalledTimes(2)
  })

  it('changes nothing without the internals', () => {
    expect(batchEdges({} as Network, MARKS)).toBeUndefined()
  })
})

describe('fallbacks', () => {
  it('are never silent: one warning per shortcut, listed and on the page root', async () => {
    vi.resetModules()
    const fresh = await import('./vis-fast')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const root = { dataset: {} as Record<string, string> }
    vi.stubGlobal('document', { documentElement: root })
    try {
      const bare = {} as unknown as Network
      expect(fresh.visFastFallbacks()).toEqual([])
      // An id not drawn yet is no fallback.
      const drawn = { body: { nodes: {} }, _updateVisibleIndices: () => {} }
      expect(
        fresh.setVisibility(drawn as unknown as Network, 'nodes', [{ id: 'x', hidden: true }]),
      ).toBe(false)
      expect(warn).not.toHaveBeenCalled()

      expect(fresh.setVisibility(bare, 'nodes', [{ id: 'a', hidden: true }])).toBe(false)
      expect(fresh.setVisibility(bare, 'edges', [{ id: 'b', hidden: true }])).toBe(false)
      expect(fresh.drawInFrames(bare)).toBe(false)
      expect(fresh.batchEdges(bare, MARKS)).toBeUndefined()
      expect(warn).toHaveBeenCalledTimes(3)
      expect(String(warn.mock.calls[0]![0])).toMatch(/^vis-fast: setVisibility fell back/)
      expect(fresh.visFastFallbacks()).toEqual(['setVisibility', 'drawInFrames', 'batchEdges'])
      expect(root.dataset.visFastFallback).toBe('setVisibility drawInFrames batchEdges')
    } finally {
      warn.mockRestore()
      vi.unstubAllGlobals()
    }
  })
})

describe('updateVisibleOf', () => {
  /** A network holding nodes a–c and edges between them, with vis-network's hidden flags. */
  function held() {
    const node = (id: string, hidden = false) => ({ id, options: { hidden } })
    const edge = (id: string, fromId: string, toId: string, hidden = false) => ({
      id,
      fromId,
      toId,
      options: { hidden },
    })
    const body = {
      nodes: { a: node('a'), b: node('b'), c: node('c', true) },
      edges: {
        ab: edge('ab', 'a', 'b'),
        bc: edge('bc', 'b', 'c'),
        ba: edge('ba', 'b', 'a', true),
      },
      nodeIndices: [] as string[],
      edgeIndices: [] as string[],
    }
    const clustering = { clusteredNodes: {}, clusteredEdges: {} }
    return { body, clustering, asNetwork: { body, clustering } as unknown as Network }
  }

  it('lists what vis-network would, visiting only the ids given', () => {
    const { body, asNetwork } = held()
    expect(updateVisibleOf(asNetwork, ['a', 'b', 'c'], ['ab', 'bc', 'ba'])).toBe(true)
    // c is hidden, so is bc (its end) and ba (itself).
    expect(body.nodeIndices).toEqual(['a', 'b'])
    expect(body.edgeIndices).toEqual(['ab'])
    // Only what it was given: an id left out is not listed.
    expect(updateVisibleOf(asNetwork, ['b'], [])).toBe(true)
    expect(body.nodeIndices).toEqual(['b'])
    expect(body.edgeIndices).toEqual([])
  })

  it('declines, changing nothing, with clusters or without the internals', () => {
    const { body, clustering, asNetwork } = held()
    clustering.clusteredNodes = { a: {} }
    expect(updateVisibleOf(asNetwork, ['a'], ['ab'])).toBe(false)
    expect(body.nodeIndices).toEqual([])
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      expect(updateVisibleOf({} as Network, ['a'], [])).toBe(false)
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/^vis-fast: updateVisibleOf fell back/)
    } finally {
      warn.mockRestore()
    }
  })
})
