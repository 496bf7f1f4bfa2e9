import { describe, expect, it } from 'vitest'
import type { DrawnMarker } from '../../domain/geo/map-layout'
import { EDGE_COLOURS } from '../../figures/figure-kit'
import {
  drawMarkers,
  labelOnLeft,
  MARKER_STYLE,
  warmMarkerText,
  type MarkerPaint,
} from './marker-canvas'

/** A 2D context that records what is drawn: each fill, stroke and text with its state. */
function recorder() {
  const ops: Record<string, unknown>[] = []
  const state: Record<string, unknown> = { globalAlpha: 1, dash: [] }
  let path: number[][] = []
  const ctx = {
    setTransform: (...m: number[]) => ops.push({ op: 'transform', m }),
    clearRect: (...r: number[]) => ops.push({ op: 'clear', r }),
    beginPath: () => (path = []),
    arc: (x: number, y: number, r: number) => path.push([x, y, r]),
    setLineDash: (d: number[]) => (state.dash = d),
    fill: () => ops.push({ op: 'fill', path, colour: state.fillStyle, alpha: state.globalAlpha }),
    stroke: () =>
      ops.push({
        op: 'stroke',
        path,
        colour: state.strokeStyle,
        width: state.lineWidth,
        dash: state.dash,
      }),
    fillText: (text: string, x: number, y: number) =>
      ops.push({
        op: 'text',
        text,
        x,
        y,
        colour: state.fillStyle,
        align: state.textAlign,
        font: state.font,
      }),
    strokeText: (text: string, x: number, y: number) =>
      ops.push({ op: 'halo', text, x, y, colour: state.strokeStyle, width: state.lineWidth }),
  }
  const proxy = new Proxy(ctx, {
    get: (t, k: string) => (k in t ? t[k as keyof typeof t] : state[k]),
    set: (_t, k: string, v) => ((state[k] = v), true),
  })
  return { ctx: proxy as unknown as CanvasRenderingContext2D, ops }
}

const place = (id: string, name = id) => ({
  id,
  name,
  lat: 0,
  lon: 0,
  precision: 'point' as const,
  eventIds: ['e'],
  families: { conflict: 1, cooperation: 0, neutral: 0 },
})
const marker = (over: Partial<DrawnMarker>): DrawnMarker => ({
  id: 'm',
  x: 100,
  y: 50,
  places: [place('doha', 'Doha')],
  count: 1,
  families: { conflict: 1, cooperation: 0, neutral: 0 },
  r: 6,
  family: 'conflict',
  style: 'dot',
  ...over,
})
const paint = (over: Partial<MarkerPaint> = {}): MarkerPaint => ({
  width: 400,
  height: 200,
  ratio: 2,
  fontFamily: 'Inter',
  selected: () => false,
  open: () => false,
  ...over,
})

describe('drawMarkers', () => {
  it('draws each precision as the SVG did: dot, dashed circle for near, hollow ring for an area', () => {
    const { ctx, ops } = recorder()
    drawMarkers(
      ctx,
      [
        marker({ id: 'dot' }),
        marker({ id: 'near', style: 'near', nearR: 20, family: 'cooperation' }),
        marker({ id: 'area', style: 'area', family: 'neutral' }),
      ],
      paint(),
    )
    // Device pixels: everything is drawn scaled by the ratio, on a cleared canvas.
    expect(ops[0]).toEqual({ op: 'transform', m: [2, 0, 0, 2, 0, 0] })
    expect(ops[1]).toEqual({ op: 'clear', r: [0, 0, 400, 200] })
    const shapes = ops.filter((o) => o.op === 'fill' || o.op === 'stroke')
    expect(shapes).toEqual([
      // A point: a filled dot, 85 % opaque, with a white edge.
      { op: 'fill', path: [[100, 50, 6]], colour: EDGE_COLOURS.conflict, alpha: 0.85 },
      { op: 'stroke', path: [[100, 50, 6]], colour: '#fff', width: 1, dash: [] },
      // Near: a dashed circle of its radius, then the dot.
      {
        op: 'stroke',
        path: [[100, 50, 20]],
        colour: EDGE_COLOURS.cooperation,
        width: 1.2,
        dash: [4, 3],
      },
      { op: 'fill', path: [[100, 50, 6]], colour: EDGE_COLOURS.cooperation, alpha: 0.85 },
      { op: 'stroke', path: [[100, 50, 6]], colour: '#fff', width: 1, dash: [] },
      // A region or country: a hollow ring in the family's colour.
      { op: 'fill', path: [[100, 50, 6]], colour: '#fff', alpha: 0.7 },
      { op: 'stroke', path: [[100, 50, 6]], colour: EDGE_COLOURS.neutral, width: 2.2, dash: [] },
    ])
  })

  it('rings the selected, outlines the opened, counts a cluster and labels each with a halo', () => {
    const { ctx, ops } = recorder()
    const cluster = marker({
      id: 'cluster:a',
      style: 'cluster',
      places: [place('a'), place('b'), place('c')],
      count: 7,
      r: 12,
    })
    drawMarkers(ctx, [cluster], paint({ selected: () => true, open: () => true }))
    expect(ops.filter((o) => o.op === 'stroke')).toEqual([
      { op: 'stroke', path: [[100, 50, 17]], colour: '#2563eb', width: 2.5, dash: [] },
      { op: 'stroke', path: [[100, 50, 12]], colour: '#111827', width: 2, dash: [] },
    ])
    expect(ops.filter((o) => o.op === 'text' || o.op === 'halo')).toEqual([
      { op: 'text', text: '7', x: 100, y: 54, colour: '#fff', align: 'center', font: '10px Inter' },
      { op: 'halo', text: '3 places', x: 115, y: 54, colour: '#fff', width: 3 },
      {
        op: 'text',
        text: '3 places',
        x: 115,
        y: 54,
        colour: '#111827',
        align: 'start',
        font: '11px Inter',
      },
    ])
    expect(MARKER_STYLE.selectedGap).toBe(5)
  })

  it('puts a name that would run off the right edge on the left, and draws in order', () => {
    const { ctx, ops } = recorder()
    const edge = marker({ id: 'edge', x: 390, places: [place('far', 'Vladivostok')] })
    expect(labelOnLeft(edge, 400)).toBe(true)
    expect(labelOnLeft(marker({}), 400)).toBe(false)
    drawMarkers(ctx, [marker({}), edge], paint())
    const texts = ops.filter((o) => o.op === 'text')
    expect(texts.map((t) => [t.text, t.x, t.align])).toEqual([
      ['Doha', 109, 'start'],
      ['Vladivostok', 381, 'end'],
    ])
  })
})

describe('warmMarkerText', () => {
  it('draws the labels’ letters and digits once in each marker font, halo and fill', () => {
    const { ctx, ops } = recorder()
    warmMarkerText(ctx, 'DejaVu Sans')
    const texts = ops.filter((o) => o.op === 'text')
    expect(texts.map((o) => o.font)).toEqual([
      `${MARKER_STYLE.labelSize}px DejaVu Sans`,
      `${MARKER_STYLE.countSize}px DejaVu Sans`,
    ])
    expect(ops.filter((o) => o.op === 'halo').map((o) => o.width)).toEqual([
      MARKER_STYLE.labelHaloWidth,
      MARKER_STYLE.labelHaloWidth,
    ])
    for (const o of texts)
      expect(o.text).toEqual(expect.stringMatching(/Place.*places.*0123456789/))
  })
})
