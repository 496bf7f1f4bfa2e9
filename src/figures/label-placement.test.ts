import { describe, expect, it } from 'vitest'
import {
  boxHitsDisc,
  boxesOverlap,
  labelBoxSize,
  placeLabels,
  type LabelBox,
  type LabelDisc,
} from './label-placement'

const BOUNDS: LabelBox = { left: 0, top: 0, right: 800, bottom: 600 }
const SIZE = { width: 60, height: 14 }

function expectClear(discs: LabelDisc[], boxes: LabelBox[], bounds = BOUNDS) {
  boxes.forEach((box, i) => {
    expect(box.left).toBeGreaterThanOrEqual(bounds.left)
    expect(box.right).toBeLessThanOrEqual(bounds.right)
    expect(box.top).toBeGreaterThanOrEqual(bounds.top)
    expect(box.bottom).toBeLessThanOrEqual(bounds.bottom)
    for (const other of boxes.slice(i + 1)) expect(boxesOverlap(box, other)).toBe(false)
    for (const disc of discs) expect(boxHitsDisc(box, disc)).toBe(false)
  })
}

describe('placeLabels', () => {
  it('puts a lone name centred below its disc', () => {
    const { boxes, ok } = placeLabels([{ x: 400, y: 300, r: 10 }], [SIZE], BOUNDS)
    expect(ok).toBe(true)
    const box = boxes[0] as LabelBox
    expect((box.left + box.right) / 2).toBe(400)
    expect(box.top).toBeGreaterThan(310)
    expect(box.top).toBeLessThan(316)
  })

  it('goes above, then right, then left when the spots before are taken', () => {
    // A disc just below the first one takes its "below" spot.
    const below = placeLabels(
      [
        { x: 400, y: 300, r: 10 },
        { x: 400, y: 330, r: 10 },
      ],
      [SIZE, SIZE],
      BOUNDS,
    )
    const first = below.boxes[0] as LabelBox
    expect(first.bottom).toBeLessThan(290)
    expect((first.left + first.right) / 2).toBe(400)
    // Discs below and above: the name goes right.
    const both = placeLabels(
      [
        { x: 400, y: 300, r: 10 },
        { x: 400, y: 330, r: 10 },
        { x: 400, y: 270, r: 10 },
      ],
      [SIZE, SIZE, SIZE],
      BOUNDS,
    )
    expect((both.boxes[0] as LabelBox).left).toBeGreaterThan(410)
    // And at the right edge of the bounds, left.
    const edge = placeLabels(
      [
        { x: 780, y: 300, r: 10 },
        { x: 780, y: 330, r: 10 },
        { x: 780, y: 270, r: 10 },
      ],
      [SIZE, SIZE, SIZE],
      BOUNDS,
    )
    expect((edge.boxes[0] as LabelBox).right).toBeLessThan(770)
  })

  it('keeps names clear of each other and of every disc in a crowded row', () => {
    const discs = Array.from({ length: 30 }, (_, i) => ({ x: 100 + i * 20, y: 300, r: 8 }))
    const sizes = discs.map((_, i) => labelBoxSize(`Actor number ${i}`, 17))
    const { boxes, ok } = placeLabels(discs, sizes, BOUNDS)
    expect(ok).toBe(true)
    expectClear(discs, boxes)
    // Deterministic.
    expect(placeLabels(discs, sizes, BOUNDS).boxes).toEqual(boxes)
  })

  it('says so when the bounds have no room for every name', () => {
    const discs = Array.from({ length: 20 }, (_, i) => ({ x: 20 + i * 8, y: 20, r: 3 }))
    const sizes = discs.map(() => ({ width: 120, height: 17 }))
    const result = placeLabels(discs, sizes, { left: 0, top: 0, right: 180, bottom: 60 })
    expect(result.ok).toBe(false)
    expect(result.unplaced).toBeGreaterThan(0)
    expect(result.boxes).toHaveLength(20)
  })
})

describe('box geometry', () => {
  it('tells overlapping boxes and discs from touching or distant ones', () => {
    const a = { left: 0, top: 0, right: 10, bottom: 10 }
    expect(boxesOverlap(a, { left: 5, top: 5, right: 15, bottom: 15 })).toBe(true)
    expect(boxesOverlap(a, { left: 10, top: 0, right: 20, bottom: 10 })).toBe(false)
    expect(boxHitsDisc(a, { x: 14, y: 5, r: 5 })).toBe(true)
    expect(boxHitsDisc(a, { x: 16, y: 5, r: 5 })).toBe(false)
    expect(boxHitsDisc(a, { x: 16, y: 5, r: 5 }, 2)).toBe(true)
    // Corner: distance √2·4 ≈ 5.66 from (14, 14).
    expect(boxHitsDisc(a, { x: 14, y: 14, r: 5 })).toBe(false)
  })

  it('sizes a name box from the careful width estimate and the line height', () => {
    const small = labelBoxSize('Iran', 12)
    const large = labelBoxSize('Iran', 17)
    expect(large.width).toBeGreaterThan(small.width)
    expect(large.height).toBeCloseTo(17 * 1.2)
  })
})
