// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import type { GraphEdge, GraphModel, GraphNode } from '../../../domain/graph-model'
import type { EntityKind } from '../../../domain/types'
import { sampleInput } from '../../../briefing/test-fixtures'
import { buildGraph } from '../../../domain/graph-model'
import { EDGE_COLOURS, NODE_COLOURS } from '../../../figures/figure-kit'
import {
  LABEL_ASCENT,
  boxHitsDisc,
  boxesOverlap,
  labelBoxSize,
  type LabelBox,
} from '../../../figures/label-placement'
import { computeLayout } from '../../../graph-layout/layout'
import {
  DEFAULT_PRINT_WIDTH_MM,
  EDGE_LABEL_LIMIT,
  PRINT_LABEL_PT,
  PRINT_PAGE_HEIGHT_MM,
  labelFontSize,
  MAX_LABEL_CHARS,
  edgeWidth,
  graphSvgSize,
  graphToSvg,
  nodeRadius,
  type GraphPoint,
} from './graph-svg'

const W = 800
const H = 600

function node(id: string, kind: EntityKind = 'state', eventCount = 1, label = id): GraphNode {
  return { id, label, kind, eventCount }
}

function edge(from: string, to: string, extra: Partial<GraphEdge> = {}): GraphEdge {
  return {
    id: `ev:${from}>${to}:${extra.type ?? 'attack'}`,
    from,
    to,
    kind: 'event',
    type: 'attack',
    family: 'conflict',
    directed: true,
    count: 1,
    eventIds: [],
    relationIds: [],
    label: 'Attack',
    ...extra,
  }
}

function model(nodes: GraphNode[], edges: GraphEdge[] = []): GraphModel {
  return {
    nodes,
    edges,
    counts: {
      events: 0,
      hiddenEvents: 0,
      undatedHidden: 0,
      undrawnEvents: 0,
      relations: 0,
      hiddenRelations: 0,
      hiddenIsolated: 0,
    },
  }
}

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
  expect(doc.documentElement.localName).toBe('svg')
  return doc
}

function nodeGroup(doc: Document, id: string): Element {
  const group = [...doc.querySelectorAll('g.node')].find((g) => g.getAttribute('data-id') === id)
  if (!group) throw new Error(`no node ${id}`)
  return group
}

function edgePath(doc: Document, id: string): Element {
  const path = [...doc.querySelectorAll('path.edge')].find((p) => p.getAttribute('data-id') === id)
  if (!path) throw new Error(`no edge ${id}`)
  return path
}

/** The centre and half-size of a node's shape (circle, or a location's rounded square). */
function shapeOf(doc: Document, id: string): { x: number; y: number; r: number; tag: string } {
  const shape = nodeGroup(doc, id).querySelector('circle, rect') as Element
  const n = (name: string) => Number(shape.getAttribute(name))
  if (shape.localName === 'circle') return { x: n('cx'), y: n('cy'), r: n('r'), tag: 'circle' }
  const half = n('width') / 2
  return { x: n('x') + half, y: n('y') + half, r: half, tag: 'rect' }
}

/** The numbers of a path's `d`, in order. */
function pathNumbers(d: string): number[] {
  return (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number)
}

function expectInside(doc: Document, ids: string[], width = W, height = H) {
  for (const id of ids) {
    const s = shapeOf(doc, id)
    for (const v of [s.x, s.y, s.r]) expect(Number.isFinite(v)).toBe(true)
    expect(s.x - s.r).toBeGreaterThanOrEqual(0)
    expect(s.y - s.r).toBeGreaterThanOrEqual(0)
    expect(s.x + s.r).toBeLessThanOrEqual(width)
    expect(s.y + s.r).toBeLessThanOrEqual(height)
  }
}

const kinds: EntityKind[] = ['state', 'organisation', 'person', 'group', 'location', 'other']

function sample(): { graph: GraphModel; positions: Record<string, GraphPoint> } {
  const nodes = [
    node('iran', 'state', 9, 'Iran'),
    node('irgc', 'organisation', 4, 'IRGC'),
    node('khamenei', 'person', 1, 'Khamenei'),
    node('houthis', 'group', 2, 'Houthis'),
    node('tehran', 'location', 3, 'Tehran'),
    node('misc', 'other', 0, 'Unknown actor'),
    node('us', 'state', 6, 'United States'),
  ]
  const edges = [
    edge('iran', 'us', { count: 5, label: 'Attack ×5' }),
    edge('us', 'iran', { type: 'strike', label: 'Strike' }),
    edge('irgc', 'iran', {
      id: 'rel:r1',
      kind: 'relation',
      type: 'member',
      family: 'neutral',
      label: 'member of',
    }),
    edge('iran', 'houthis', {
      id: 'rel:r2',
      kind: 'relation',
      type: 'ally',
      family: 'cooperation',
      directed: false,
      label: 'ally of',
    }),
    edge('iran', 'tehran', {
      id: 'at:iran>tehran',
      kind: 'location',
      type: 'at',
      family: 'neutral',
      directed: false,
      label: 'at ×3',
    }),
    edge('khamenei', 'irgc', { type: 'negotiate', family: 'cooperation', label: 'Negotiate' }),
  ]
  const positions: Record<string, GraphPoint> = {
    iran: { x: 0, y: 0 },
    irgc: { x: -120, y: 40 },
    khamenei: { x: -200, y: -90 },
    houthis: { x: 150, y: 160 },
    tehran: { x: 30, y: -150 },
    misc: { x: 220, y: -60 },
    us: { x: 260, y: 40 },
  }
  return { graph: model(nodes, edges), positions }
}

describe('graphToSvg', () => {
  it('produces a standalone, well-formed SVG document of the asked size', () => {
    const { graph, positions } = sample()
    const svg = graphToSvg(graph, positions, { width: W, height: H })
    const root = parse(svg).documentElement
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg')
    expect(root.getAttribute('width')).toBe('800')
    expect(root.getAttribute('height')).toBe('600')
    expect(root.getAttribute('viewBox')).toBe('0 0 800 600')
    expect(root.getAttribute('font-family')).toBe("'DejaVu Sans', Arial, sans-serif")
    expect(svg).not.toMatch(/NaN|Infinity|undefined/)
  })

  it('draws every node as a shape and a label, filled by kind, locations as squares', () => {
    const { graph, positions } = sample()
    const doc = parse(graphToSvg(graph, positions, { width: W, height: H }))
    expect(doc.querySelectorAll('g.node')).toHaveLength(graph.nodes.length)
    for (const n of graph.nodes) {
      const group = nodeGroup(doc, n.id)
      const shape = group.querySelector('circle, rect') as Element
      expect(shape.localName).toBe(n.kind === 'location' ? 'rect' : 'circle')
      expect(shape.getAttribute('fill')).toBe(NODE_COLOURS[n.kind])
      expect(group.querySelector('text')?.textContent).toBe(n.label)
      expect(shapeOf(doc, n.id).r).toBeCloseTo(nodeRadius(n.eventCount), 1)
    }
    expect(new Set(kinds.map((k) => NODE_COLOURS[k])).size).toBe(kinds.length)
  })

  it('sizes nodes by event count, within a cap', () => {
    expect(nodeRadius(0)).toBe(6)
    expect(nodeRadius(4)).toBe(14)
    expect(nodeRadius(10_000)).toBe(nodeRadius(1_000_000))
    expect(nodeRadius(Number.NaN)).toBe(6)
    expect(edgeWidth(1)).toBe(1.5)
    expect(edgeWidth(4)).toBe(3.5)
    expect(edgeWidth(1e9)).toBe(edgeWidth(1e6))
  })

  const layouts: [string, Record<string, GraphPoint>][] = [
    ['a wide spread', { a: { x: -1e6, y: 3 }, b: { x: 1e9, y: -7 }, c: { x: 0, y: 0 } }],
    [
      'negative coordinates',
      { a: { x: -500, y: -900 }, b: { x: -10, y: -20 }, c: { x: -1, y: -1 } },
    ],
    [
      'huge coordinates',
      { a: { x: 1e308, y: -1e308 }, b: { x: -1e308, y: 1e308 }, c: { x: 0, y: 0 } },
    ],
    [
      'tiny coordinates',
      { a: { x: 1e-300, y: 0 }, b: { x: 0, y: 2e-300 }, c: { x: -1e-300, y: 0 } },
    ],
    ['a vertical line', { a: { x: 5, y: 0 }, b: { x: 5, y: 100 }, c: { x: 5, y: 50 } }],
    ['all at one point', { a: { x: 7, y: 7 }, b: { x: 7, y: 7 }, c: { x: 7, y: 7 } }],
    ['two sharing a point', { a: { x: 0, y: 0 }, b: { x: 0, y: 0 }, c: { x: 100, y: 100 } }],
  ]
  for (const [name, positions] of layouts) {
    it(`keeps every node inside the picture, apart, with no NaN: ${name}`, () => {
      const graph = model(
        [node('a', 'state', 50), node('b', 'location', 3), node('c', 'person', 0)],
        [edge('a', 'b'), edge('b', 'c', { directed: false }), edge('c', 'a')],
      )
      for (const [width, height] of [
        [W, H],
        [300, 900],
        [1600, 200],
      ] as const) {
        const svg = graphToSvg(graph, positions, { width, height, title: 'Graph' })
        expect(svg).not.toMatch(/NaN|Infinity/)
        const doc = parse(svg)
        expectInside(doc, ['a', 'b', 'c'], width, height)
        const shapes = ['a', 'b', 'c'].map((id) => shapeOf(doc, id))
        for (const [i, s] of shapes.entries()) {
          for (const t of shapes.slice(i + 1)) {
            expect(Math.hypot(s.x - t.x, s.y - t.y)).toBeGreaterThanOrEqual(s.r + t.r)
          }
        }
      }
    })
  }

  it('uses the box: a spread layout reaches towards both sides', () => {
    const positions = { a: { x: -1, y: 0 }, b: { x: 1, y: 0 } }
    const doc = parse(graphToSvg(model([node('a'), node('b')]), positions, { width: W, height: H }))
    expect(shapeOf(doc, 'a').x).toBeLessThan(W * 0.2)
    expect(shapeOf(doc, 'b').x).toBeGreaterThan(W * 0.8)
    expect(shapeOf(doc, 'a').y).toBeCloseTo(shapeOf(doc, 'b').y, 1)
  })

  it('draws a single node in the middle of the drawing area', () => {
    const doc = parse(
      graphToSvg(model([node('solo')]), { solo: { x: 123, y: -456 } }, { width: W, height: H }),
    )
    expect(shapeOf(doc, 'solo').x).toBe(W / 2)
    expectInside(doc, ['solo'])
  })

  it('puts nodes without a position on a row at the bottom instead of dropping them', () => {
    const graph = model(
      [node('a'), node('b'), node('c'), node('d'), node('e')],
      [edge('a', 'd'), edge('e', 'b')],
    )
    const positions = { a: { x: 0, y: 0 }, b: { x: 100, y: 100 }, c: { x: Number.NaN, y: 0 } }
    const svg = graphToSvg(graph, positions, { width: W, height: H })
    expect(svg).not.toMatch(/NaN/)
    const doc = parse(svg)
    expectInside(doc, ['a', 'b', 'c', 'd', 'e'])
    const placedBottom = Math.max(shapeOf(doc, 'a').y, shapeOf(doc, 'b').y)
    const row = ['c', 'd', 'e'].map((id) => shapeOf(doc, id))
    for (const s of row) {
      expect(s.y).toBeGreaterThan(placedBottom)
      expect(s.y).toBe(row[0]?.y)
    }
    expect(new Set(row.map((s) => s.x)).size).toBe(3)
    // Their edges are drawn too.
    expect(doc.querySelectorAll('path.edge')).toHaveLength(2)
  })

  it('keeps nodes inside even when no node has a position, in a small box (grown for names)', () => {
    const nodes = Array.from({ length: 40 }, (_, i) => node(`n${i}`, 'group', i))
    const svg = graphToSvg(model(nodes), {}, { width: 240, height: 160, title: 'T' })
    const size = graphSvgSize(svg)
    expect(size.width).toBe(240)
    expect(size.height).toBeGreaterThanOrEqual(160)
    expectInside(
      parse(svg),
      nodes.map((n) => n.id),
      240,
      size.height,
    )
  })

  it('puts arrowheads on directed edges only, coloured by family', () => {
    const { graph, positions } = sample()
    const doc = parse(graphToSvg(graph, positions, { width: W, height: H }))
    const markers = [...doc.querySelectorAll('defs marker')]
    expect(markers).toHaveLength(3)
    for (const e of graph.edges) {
      const path = edgePath(doc, e.id)
      expect(path.getAttribute('stroke')).toBe(EDGE_COLOURS[e.family])
      const marker = path.getAttribute('marker-end')
      if (!e.directed) {
        expect(marker).toBeNull()
        continue
      }
      const id = /^url\(#(.+)\)$/.exec(marker ?? '')?.[1]
      const def = markers.find((m) => m.getAttribute('id') === id)
      expect(def?.querySelector('path')?.getAttribute('fill')).toBe(EDGE_COLOURS[e.family])
    }
  })

  it('colours edges by family: conflict red, cooperation green, neutral grey', () => {
    expect(EDGE_COLOURS).toEqual({
      conflict: '#b91c1c',
      cooperation: '#15803d',
      neutral: '#6b7280',
    })
  })

  it('dashes relation edges only, and widens edges with their count', () => {
    const { graph, positions } = sample()
    const doc = parse(graphToSvg(graph, positions, { width: W, height: H }))
    for (const e of graph.edges) {
      const path = edgePath(doc, e.id)
      expect(path.hasAttribute('stroke-dasharray')).toBe(e.kind === 'relation')
      expect(Number(path.getAttribute('stroke-width'))).toBeCloseTo(edgeWidth(e.count), 1)
    }
  })

  it('ends a directed edge at the target outline (arrow included), not its centre', () => {
    const graph = model(
      [node('a', 'state', 4), node('b', 'state', 9), node('c', 'location', 4)],
      [edge('a', 'b'), edge('a', 'c', { directed: false })],
    )
    const positions = { a: { x: 0, y: 0 }, b: { x: 100, y: 0 }, c: { x: 0, y: 100 } }
    const doc = parse(graphToSvg(graph, positions, { width: W, height: H }))
    const b = shapeOf(doc, 'b')
    const toB = pathNumbers(edgePath(doc, 'ev:a>b:attack').getAttribute('d') ?? '')
    const arrow = 4 * edgeWidth(1)
    expect(Math.hypot((toB[2] ?? 0) - b.x, (toB[3] ?? 0) - b.y)).toBeCloseTo(b.r + arrow, 0)
    const a = shapeOf(doc, 'a')
    expect(Math.hypot((toB[0] ?? 0) - a.x, (toB[1] ?? 0) - a.y)).toBeCloseTo(a.r, 0)
    // Undirected, into a location's square straight from above: stops at its top side.
    const c = shapeOf(doc, 'c')
    const toC = pathNumbers(edgePath(doc, 'ev:a>c:attack').getAttribute('d') ?? '')
    expect(Math.hypot((toC[2] ?? 0) - c.x, (toC[3] ?? 0) - c.y)).toBeCloseTo(c.r, 0)
  })

  it('curves edges joining the same pair apart from each other', () => {
    const graph = model(
      [node('a'), node('b'), node('c')],
      [
        edge('a', 'b'),
        edge('b', 'a'),
        edge('a', 'c', { type: 'attack' }),
        edge('a', 'c', { type: 'protest', family: 'neutral' }),
        edge('a', 'c', { type: 'aid', family: 'cooperation' }),
      ],
    )
    const positions = { a: { x: 0, y: 0 }, b: { x: 100, y: 0 }, c: { x: 0, y: 100 } }
    const doc = parse(graphToSvg(graph, positions, { width: W, height: H }))
    const ab = edgePath(doc, 'ev:a>b:attack').getAttribute('d') ?? ''
    const ba = edgePath(doc, 'ev:b>a:attack').getAttribute('d') ?? ''
    expect(ab).toContain('Q')
    expect(ba).toContain('Q')
    expect(ab).not.toBe(ba)
    // The control points lie on opposite sides of the line a–b (horizontal here).
    const line = shapeOf(doc, 'a').y
    const controlAb = pathNumbers(ab)[3] ?? line
    const controlBa = pathNumbers(ba)[3] ?? line
    expect(Math.sign(controlAb - line)).toBe(-Math.sign(controlBa - line))
    expect(controlAb).not.toBe(line)
    // Three types between one pair: the middle one straight, the others curved either side.
    const ac = ['attack', 'protest', 'aid'].map(
      (t) => edgePath(doc, `ev:a>c:${t}`).getAttribute('d') ?? '',
    )
    expect(new Set(ac).size).toBe(3)
    expect(ac.filter((d) => d.includes('Q'))).toHaveLength(2)
  })

  it('escapes every piece of text, so markup in a label stays inert text', () => {
    const evil = "<script>alert(1)</script>&'q'<b>!</b>"
    const graph = model(
      [node('a', 'state', 1, evil), node('b', 'person', 1, 'Tom & "Jerry"\u0000\u0007')],
      [edge('a', 'b', { label: '<img src=x onerror=alert(1)>' })],
    )
    const svg = graphToSvg(
      graph,
      { a: { x: 0, y: 0 }, b: { x: 1, y: 1 } },
      {
        width: W,
        height: H,
        title: '</title><script>alert(2)</script>',
        fontFamily: '"><script>alert(3)</script>',
      },
    )
    expect(svg).not.toMatch(/<script|<img|<b>/)
    const doc = parse(svg)
    expect(doc.getElementsByTagName('script')).toHaveLength(0)
    expect(doc.getElementsByTagName('img')).toHaveLength(0)
    expect(doc.getElementsByTagName('b')).toHaveLength(0)
    expect(nodeGroup(doc, 'a').querySelector('text')?.textContent).toBe(evil)
    expect(nodeGroup(doc, 'b').querySelector('text')?.textContent).toBe('Tom & "Jerry"')
    expect(doc.querySelector('text.edge-label')?.textContent).toBe('<img src=x onerror=alert(1)>')
    expect(doc.querySelector('svg > title')?.textContent).toBe('</title><script>alert(2)</script>')
    expect(doc.documentElement.getAttribute('font-family')).toBe('"><script>alert(3)</script>')
  })

  it('shortens very long labels and keeps the full text in a tooltip', () => {
    const long = 'Islamic Revolutionary Guard Corps – Quds Force, external operations branch'
    const doc = parse(
      graphToSvg(
        model([node('a', 'group', 1, long)]),
        { a: { x: 0, y: 0 } },
        { width: W, height: H },
      ),
    )
    const text = nodeGroup(doc, 'a').querySelector('text')?.textContent ?? ''
    expect(Array.from(text)).toHaveLength(MAX_LABEL_CHARS)
    expect(text.endsWith('…')).toBe(true)
    expect(nodeGroup(doc, 'a').querySelector('title')?.textContent).toBe(long)
  })

  it('has a legend of line colours, direction and relations, and the kinds present', () => {
    const { graph, positions } = sample()
    const doc = parse(graphToSvg(graph, positions, { width: W, height: H }))
    const legend = doc.querySelector('g.legend') as Element
    const texts = [...legend.querySelectorAll('text')].map((t) => t.textContent)
    expect(texts).toEqual([
      'conflict',
      'cooperation',
      'neutral',
      'directed',
      'undirected',
      'relation',
      ...kinds,
    ])
    const lines = [...legend.querySelectorAll('line')]
    expect(lines.filter((l) => l.hasAttribute('marker-end'))).toHaveLength(1)
    expect(lines.filter((l) => l.hasAttribute('stroke-dasharray'))).toHaveLength(1)
    expect(lines.slice(0, 3).map((l) => l.getAttribute('stroke'))).toEqual([
      EDGE_COLOURS.conflict,
      EDGE_COLOURS.cooperation,
      EDGE_COLOURS.neutral,
    ])
    // Only the kinds the graph has.
    const small = parse(graphToSvg(model([node('a', 'person')]), {}, { width: W, height: H }))
    const smallTexts = [...small.querySelectorAll('g.legend text')].map((t) => t.textContent)
    expect(smallTexts).toContain('person')
    expect(smallTexts).not.toContain('state')
  })

  it('draws the title at the top only when one is given', () => {
    const { graph, positions } = sample()
    const titled = parse(graphToSvg(graph, positions, { width: W, height: H, title: 'Gulf, June' }))
    expect(titled.querySelector('text.title')?.textContent).toBe('Gulf, June')
    const y = Number(titled.querySelector('text.title')?.getAttribute('y'))
    for (const n of graph.nodes)
      expect(shapeOf(titled, n.id).y - shapeOf(titled, n.id).r).toBeGreaterThan(y)
    const plain = parse(graphToSvg(graph, positions, { width: W, height: H }))
    expect(plain.querySelector('text.title')).toBeNull()
    expect(plain.querySelector('title:not(g title)')).toBeNull()
  })

  it('is deterministic and rounds numbers to one decimal', () => {
    const { graph, positions } = sample()
    const options = { width: 1234.567, height: 777.777, title: 'x', margin: 33.333 }
    const first = graphToSvg(graph, positions, options)
    expect(graphToSvg(graph, structuredClone(positions), { ...options })).toBe(first)
    const geometry = [
      ...first.matchAll(/\s(?:[xy][12]?|c[xy]|r|rx|width|height|d|viewBox)="([^"]*)"/g),
    ]
    expect(geometry.length).toBeGreaterThan(50)
    for (const [, value] of geometry) expect(value).not.toMatch(/\d\.\d\d/)
  })

  it(`labels edges up to ${EDGE_LABEL_LIMIT} edges where there is room, none above that`, () => {
    const hub = node('hub')
    const spokes = (n: number) => Array.from({ length: n }, (_, i) => node(`s${i}`))
    const positions = (n: number) =>
      Object.fromEntries([
        ['hub', { x: 0, y: 0 }],
        ...spokes(n).map((s, i) => [s.id, { x: Math.cos(i), y: Math.sin(i) }]),
      ])
    const at = (n: number) =>
      graphToSvg(
        model(
          [hub, ...spokes(n)],
          spokes(n).map((s) => edge('hub', s.id)),
        ),
        positions(n),
        { width: W, height: H },
      )
    // Up to the limit, the labels that find room clear of the names are drawn (60 spokes
    // round one hub leave no room for a few).
    const atLimit = parse(at(EDGE_LABEL_LIMIT))
    expect(atLimit.querySelectorAll('text.edge-label').length).toBeGreaterThan(EDGE_LABEL_LIMIT / 2)
    expect(edgeLabelHits(atLimit)).toEqual([])
    const crowded = parse(at(EDGE_LABEL_LIMIT + 1))
    expect(crowded.querySelectorAll('path.edge')).toHaveLength(EDGE_LABEL_LIMIT + 1)
    expect(crowded.querySelectorAll('text.edge-label')).toHaveLength(0)
  })

  it('gives edge labels a white halo', () => {
    const { graph, positions } = sample()
    const doc = parse(graphToSvg(graph, positions, { width: W, height: H }))
    const label = doc.querySelector('text.edge-label') as Element
    expect(label.getAttribute('paint-order')).toBe('stroke')
    expect(label.getAttribute('stroke')).toBe('#ffffff')
  })

  it('skips edges whose ends are not nodes', () => {
    const graph = model(
      [node('a'), node('b')],
      [edge('a', 'b'), edge('a', 'ghost'), edge('a', 'a')],
    )
    const doc = parse(
      graphToSvg(graph, { a: { x: 0, y: 0 }, b: { x: 1, y: 0 } }, { width: W, height: H }),
    )
    expect(doc.querySelectorAll('path.edge')).toHaveLength(1)
  })

  it('rejects a size that is not positive', () => {
    const g = model([node('a')])
    expect(() => graphToSvg(g, {}, { width: 0, height: 100 })).toThrow(RangeError)
    expect(() => graphToSvg(g, {}, { width: 100, height: Number.NaN })).toThrow(RangeError)
  })
})

/** A name's box as drawn: centred on `x`, the baseline `y` at `LABEL_ASCENT` of the height. */
function labelBoxes(doc: Document): { id: string; box: LabelBox; font: number }[] {
  return [...doc.querySelectorAll('g.node')].map((group) => {
    const text = group.querySelector('text.node-label') as Element
    const font = Number(text.getAttribute('font-size'))
    const x = Number(text.getAttribute('x'))
    const y = Number(text.getAttribute('y'))
    const { width, height } = labelBoxSize(text.textContent ?? '', font)
    const top = y - LABEL_ASCENT * font
    return {
      id: group.getAttribute('data-id') as string,
      font,
      box: { left: x - width / 2, right: x + width / 2, top, bottom: top + height },
    }
  })
}

/** Every pair of names and every name and shape that overlap (by more than rounding). */
function collisions(doc: Document): string[] {
  const labels = labelBoxes(doc)
  const found: string[] = []
  const shrink = (b: LabelBox): LabelBox => ({
    left: b.left + 0.1,
    right: b.right - 0.1,
    top: b.top + 0.1,
    bottom: b.bottom - 0.1,
  })
  // Each shape read once: looked up inside the loop, the document was searched n² times.
  const shapes = new Map(labels.map((l) => [l.id, shapeOf(doc, l.id)]))
  labels.forEach((a, i) => {
    for (const b of labels.slice(i + 1)) {
      if (boxesOverlap(shrink(a.box), b.box)) found.push(`${a.id} name × ${b.id} name`)
    }
    for (const other of labels) {
      const s = shapes.get(other.id)!
      const hit =
        s.tag === 'rect'
          ? boxesOverlap(shrink(a.box), {
              left: s.x - s.r,
              right: s.x + s.r,
              top: s.y - s.r,
              bottom: s.y + s.r,
            })
          : boxHitsDisc(shrink(a.box), s)
      if (hit) found.push(`${a.id} name × ${other.id} shape`)
    }
  })
  return found
}

/** Every edge label that overlaps a node's name. */
function edgeLabelHits(doc: Document): string[] {
  const names = labelBoxes(doc)
  const found: string[] = []
  for (const text of doc.querySelectorAll('text.edge-label')) {
    const font = Number(text.getAttribute('font-size'))
    const { width, height } = labelBoxSize(text.textContent ?? '', font)
    const x = Number(text.getAttribute('x'))
    const y = Number(text.getAttribute('y')) - font / 3
    const box = {
      left: x - width / 2 + 0.1,
      right: x + width / 2 - 0.1,
      top: y - height / 2 + 0.1,
      bottom: y + height / 2 - 0.1,
    }
    for (const name of names) {
      if (boxesOverlap(box, name.box)) found.push(`${text.textContent} × ${name.id}`)
    }
  }
  return found
}

/** A deterministic pseudo-random sequence in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

describe('graphToSvg names (printed figure)', () => {
  const BRIEFING = { width: 1000, height: 640 }

  it('sizes names to at least 8 pt at the printed width', () => {
    // The briefing's 1000 px figure fills the A4 text column, 170 mm = 481.9 pt.
    const pxPerPt = 1000 / ((DEFAULT_PRINT_WIDTH_MM / 25.4) * 72)
    expect(labelFontSize(1000) / pxPerPt).toBeGreaterThanOrEqual(PRINT_LABEL_PT)
    expect(labelFontSize(1000)).toBe(17)
    // Never below the screen's 12 px, and larger for a wider figure in the same column.
    expect(labelFontSize(200)).toBe(12)
    expect(labelFontSize(1600, 257)).toBeGreaterThanOrEqual(
      Math.ceil((8 * 1600) / ((257 / 25.4) * 72)),
    )
    const { graph, positions } = sample()
    const doc = parse(graphToSvg(graph, positions, { ...BRIEFING, title: 'Actors' }))
    for (const { font } of labelBoxes(doc)) {
      expect(font / pxPerPt).toBeGreaterThanOrEqual(PRINT_LABEL_PT)
    }
  })

  it('keeps the sample graph’s names clear of each other and of every shape', () => {
    const { graph, positions } = sample()
    const svg = graphToSvg(graph, positions, { ...BRIEFING, title: 'Actors' })
    const doc = parse(svg)
    expect(collisions(doc)).toEqual([])
    expect(edgeLabelHits(doc)).toEqual([])
    // The sample fits: the figure keeps the asked height.
    expect(graphSvgSize(svg).height).toBe(640)
  })

  it('moves an edge label along its edge when a name sits on its middle', () => {
    const graph = model(
      [node('a'), node('b'), node('c', 'person', 1, 'Someone in the middle')],
      [edge('a', 'b', { label: 'Sanction / coerce' })],
    )
    const positions = { a: { x: 0, y: 0 }, b: { x: 1, y: 0 }, c: { x: 0.5, y: -0.03 } }
    const doc = parse(graphToSvg(graph, positions, BRIEFING))
    expect(collisions(doc)).toEqual([])
    expect(edgeLabelHits(doc)).toEqual([])
  })

  it('keeps the briefing sample’s names clear, laid out or not yet laid out', () => {
    const input = sampleInput()
    const asMap = <T>(lookup: ReadonlyMap<string, T> | Readonly<Record<string, T>>) =>
      new Map<string, T>(lookup instanceof Map ? lookup : Object.entries(lookup))
    const graph = buildGraph({
      events: [...input.events],
      relations: [],
      entities: asMap(input.entities),
      evidence: asMap(input.annotations),
      documents: asMap(input.documents),
      sources: asMap(input.sources),
      filter: { hideIsolated: true },
    })
    expect(graph.nodes.length).toBeGreaterThanOrEqual(3)
    const laidOut = computeLayout({
      nodes: graph.nodes.map((n) => ({ id: n.id, size: nodeRadius(n.eventCount) })),
      edges: graph.edges.map((e) => ({ from: e.from, to: e.to })),
    })
    for (const positions of [laidOut, {}]) {
      const doc = parse(graphToSvg(graph, positions, { ...BRIEFING, title: 'Who did what' }))
      expect(collisions(doc)).toEqual([])
    }
  })

  it('keeps a crowded graph’s names clear, growing the figure rather than shrinking them', () => {
    const random = lcg(7)
    const names = ['Islamic Revolutionary Guard Corps', 'United States', 'Qatar', 'Hezbollah']
    const nodes = Array.from({ length: 90 }, (_, i) =>
      node(
        `n${i}`,
        kinds[i % kinds.length] as EntityKind,
        Math.floor(random() * 8),
        `${names[i % names.length]} ${i}`,
      ),
    )
    // Most nodes in a tight cluster, a few far out: the fit squeezes the cluster.
    const positions: Record<string, GraphPoint> = {}
    nodes.forEach((n, i) => {
      positions[n.id] =
        i % 9 === 0
          ? { x: random() * 1000 - 500, y: random() * 600 - 300 }
          : { x: random() * 60, y: random() * 40 }
    })
    const edges = nodes.slice(1).map((n, i) => edge(`n${i}`, n.id))
    const options = { ...BRIEFING, title: 'Crowded', maxHeight: 4000 }
    const svg = graphToSvg(model(nodes, edges), positions, options)
    const doc = parse(svg)
    expect(collisions(doc)).toEqual([])
    const size = graphSvgSize(svg)
    expect(size.height).toBeGreaterThan(640)
    expectInside(
      doc,
      nodes.map((n) => n.id),
      size.width,
      size.height,
    )
    for (const { font, box } of labelBoxes(doc)) {
      expect(font).toBe(17)
      expect(box.left).toBeGreaterThanOrEqual(0)
      expect(box.right).toBeLessThanOrEqual(size.width)
      expect(box.bottom).toBeLessThanOrEqual(size.height)
    }
    // Deterministic: the same input gives the same figure.
    expect(graphToSvg(model(nodes, edges), positions, options)).toBe(svg)
    // By default it grows no taller than one printed page of the A4 column holds.
    const page = graphToSvg(model(nodes, edges), positions, { ...BRIEFING, title: 'Crowded' })
    const pageHeight = Math.floor((1000 * PRINT_PAGE_HEIGHT_MM) / DEFAULT_PRINT_WIDTH_MM)
    expect(graphSvgSize(page).height).toBeGreaterThan(640)
    expect(graphSvgSize(page).height).toBeLessThanOrEqual(pageHeight)
  })
})
