import { describe, expect, it } from 'vitest'
import { OwnTies, segmentDistance, type TieEnd, type TieList, type TieLook } from './own-ties'
import { recordingContext } from '../../test/recording-context'

/** What `ctx` recorded, without its `beginPath` calls (each stroke and fill lists its path). */
function drawn(ctx: { calls: string[] }): string[] {
  return ctx.calls.filter((c) => c !== 'beginPath')
}

/** A node of radius `r` (its border `r` from the centre whatever the angle). */
function node(x: number, y: number, r = 0, hidden = false): TieEnd {
  return { x, y, options: { hidden }, distanceToBorder: () => r }
}

const MARKS = { selectedColour: 'purple', selectionWidth: 2, hoverWidth: 1, arrowScale: 0.6 }
const RED: TieLook = { colour: 'red', width: 1, dashed: false, arrow: false }
const RED_ARROW: TieLook = { colour: 'red', width: 1, dashed: false, arrow: true }
const GREEN_DASHED: TieLook = { colour: 'green', width: 2, dashed: true, arrow: false }

function ties(list: [id: string, from: string, to: string, look: TieLook][]): TieList {
  return {
    ids: list.map((t) => t[0]),
    from: list.map((t) => t[1]),
    to: list.map((t) => t[2]),
    looks: list.map((t) => t[3]),
  }
}

function layer(nodes: Record<string, TieEnd>, scale = 1) {
  return new OwnTies(
    () => nodes,
    () => scale,
    MARKS,
  )
}

describe('OwnTies', () => {
  it('strokes the ties by look, dashed ones dashed, between shown ends only', () => {
    const nodes = {
      a: node(0, 0),
      b: node(100, 0),
      c: node(0, 100),
      d: node(50, 50, 0, true),
    }
    const own = layer(nodes)
    own.set(
      ties([
        ['t1', 'a', 'b', RED],
        ['t2', 'a', 'c', GREEN_DASHED],
        ['t3', 'b', 'c', RED],
        ['t4', 'a', 'd', RED], // d hidden: not drawn
        ['t5', 'a', 'x', RED], // x not drawn at all
        ['t6', 'a', 'a', RED], // to itself: not drawn
      ]),
    )
    const ctx = recordingContext()
    own.drawLines(ctx)
    expect(drawn(ctx)).toEqual([
      'strokeStyle red',
      'lineWidth 1',
      'stroke 0,0 100,0 | 100,0 0,100',
      'strokeStyle green',
      'lineWidth 2',
      'dash 5,5',
      'stroke 0,0 0,100',
      'dash ',
    ])
    expect(own.count).toBe(6)
  })

  it('strokes thousands of ties 64 to a path', () => {
    const nodes: Record<string, TieEnd> = {}
    const list: [string, string, string, TieLook][] = []
    for (let i = 0; i < 150; i++) {
      nodes[`n${i}`] = node(i, 0)
      nodes[`m${i}`] = node(i, 10)
      list.push([`t${i}`, `n${i}`, `m${i}`, RED])
    }
    const own = layer(nodes)
    own.set(ties(list))
    const ctx = recordingContext()
    own.drawLines(ctx)
    const strokes = drawn(ctx).filter((c) => c.startsWith('stroke '))
    expect(strokes).toHaveLength(3)
    expect(strokes.flatMap((s) => s.slice(7).split(' | '))).toHaveLength(150)
  })

  it('fills arrowheads with the tip on the target’s border, as vis-network places them', () => {
    const own = layer({ a: node(0, 0), b: node(100, 0, 10), c: node(0, 100, 20) })
    own.set(
      ties([
        ['t1', 'a', 'b', RED_ARROW],
        ['t2', 'b', 'c', RED], // no arrow
        ['t3', 'a', 'c', RED_ARROW],
      ]),
    )
    const ctx = recordingContext()
    own.drawArrows(ctx)
    // Length 15 × 0.6 + 3 × width 1 = 12; tip 10 (t1) and 20 (t3) before the target's centre.
    expect(drawn(ctx)).toEqual([
      'fillStyle red',
      'fill 90,0 78,4 79,0 78,-4 | 0,80 -4,68 0,69 4,68',
    ])
  })

  it('draws the hovered tie wider and the selected one wider still, in the highlight colour, on top', () => {
    const own = layer({ a: node(0, 0), b: node(100, 0), c: node(0, 100) })
    own.set(
      ties([
        ['t1', 'a', 'b', RED_ARROW],
        ['t2', 'a', 'c', RED_ARROW],
        ['t3', 'b', 'c', RED],
      ]),
    )
    own.select('t1')
    own.hover('t3')
    const lines = recordingContext()
    own.drawLines(lines)
    expect(drawn(lines)).toEqual([
      'strokeStyle red',
      'lineWidth 1',
      'stroke 0,0 0,100',
      // Hovered: its own colour, one wider.
      'strokeStyle red',
      'lineWidth 2',
      'stroke 100,0 0,100',
      // Selected: the highlight colour, two wider, last.
      'strokeStyle purple',
      'lineWidth 3',
      'stroke 0,0 100,0',
    ])
    const arrows = recordingContext()
    own.drawArrows(arrows)
    // The selected tie's arrowhead is longer (15 × 0.6 + 3 × 3 = 18) and purple, last.
    expect(drawn(arrows)).toEqual([
      'fillStyle red',
      'fill 0,100 -4,88 0,89 4,88',
      'fillStyle purple',
      'fill 100,0 82,5 84,0 82,-5',
    ])
  })

  it('keeps a marked tie visible when zoomed far out (at least 0.3 / scale wide)', () => {
    const own = layer({ a: node(0, 0), b: node(100, 0) }, 1 / 32)
    own.set(ties([['t1', 'a', 'b', RED]]))
    own.select('t1')
    const ctx = recordingContext()
    own.drawLines(ctx)
    expect(drawn(ctx)).toContain('lineWidth 9.6')
  })

  it('picks the nearest shown tie within 10 canvas units, and none further off', () => {
    const nodes = { a: node(0, 0), b: node(100, 0), c: node(0, 6), d: node(100, 6) }
    const own = layer(nodes)
    own.set(
      ties([
        ['low', 'a', 'b', RED],
        ['high', 'c', 'd', RED],
      ]),
    )
    expect(own.at(50, 1)).toBe('low')
    expect(own.at(50, 5)).toBe('high')
    expect(own.at(50, 15.9)).toBe('high')
    expect(own.at(50, 16.1)).toBeUndefined()
    // Beyond an end, measured to the end.
    expect(own.at(108, 0)).toBe('low')
    expect(own.at(111, 0)).toBeUndefined()
    // A tie whose end is hidden cannot be picked.
    nodes.c.options = { hidden: true }
    expect(own.at(50, 5)).toBe('low')
    expect(own.middle('high')).toBeUndefined()
    expect(own.middle('low')).toEqual({ x: 50, y: 0 })
    expect(own.middle('nope')).toBeUndefined()
  })

  it('draws nothing once its ties are taken away, and reads the nodes as they are at each drawing', () => {
    const nodes = { a: node(0, 0), b: node(100, 0) }
    const own = layer(nodes)
    own.set(ties([['t1', 'a', 'b', RED]]))
    nodes.b.x = 40
    const ctx = recordingContext()
    own.drawLines(ctx)
    expect(drawn(ctx)).toContain('stroke 0,0 40,0')
    own.set(undefined)
    const after = recordingContext()
    own.drawLines(after)
    own.drawArrows(after)
    expect(drawn(after)).toEqual([])
    expect(own.at(20, 0)).toBeUndefined()
  })

  it('measures the distance to a segment, and to a point for a segment of no length', () => {
    expect(segmentDistance(5, 3, 0, 0, 10, 0)).toBe(3)
    expect(segmentDistance(-3, 4, 0, 0, 10, 0)).toBe(5)
    expect(segmentDistance(3, 4, 0, 0, 0, 0)).toBe(5)
  })
})
