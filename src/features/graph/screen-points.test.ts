import { describe, expect, it } from 'vitest'
import { keepUnchanged, type ScreenPoint } from './screen-points'

describe('keepUnchanged', () => {
  const a: ScreenPoint = { x: 10, y: 20, r: 3 }
  const b: ScreenPoint = { x: 30, y: 40 }

  it('gives the previous map back when nothing moved, so nothing renders again', () => {
    const previous = new Map<string, ScreenPoint>([
      ['a', a],
      ['b', b],
    ])
    const next = new Map<string, ScreenPoint>([
      ['a', { x: 10, y: 20, r: 3 }],
      ['b', { x: 30, y: 40 }],
    ])
    expect(keepUnchanged(previous, next)).toBe(previous)
  })

  it('keeps the objects of points that did not move and takes the new ones', () => {
    const previous = new Map<string, ScreenPoint>([
      ['a', a],
      ['b', b],
    ])
    const moved = { x: 31, y: 40 }
    const out = keepUnchanged(
      previous,
      new Map<string, ScreenPoint>([
        ['a', { x: 10, y: 20, r: 3 }],
        ['b', moved],
      ]),
    )
    expect(out).not.toBe(previous)
    expect(out.get('a')).toBe(a)
    expect(out.get('b')).toBe(moved)
  })

  it('counts a new radius, and keys added or gone, as a change', () => {
    const previous = new Map<string, ScreenPoint>([['a', a]])
    const grown = keepUnchanged(
      previous,
      new Map<string, ScreenPoint>([['a', { x: 10, y: 20, r: 4 }]]),
    )
    expect(grown.get('a')).toEqual({ x: 10, y: 20, r: 4 })
    const added = keepUnchanged(
      previous,
      new Map<string, ScreenPoint>([
        ['a', { ...a }],
        ['b', b],
      ]),
    )
    expect(added).not.toBe(previous)
    expect(added.get('a')).toBe(a)
    const gone = keepUnchanged(
      new Map<string, ScreenPoint>([
        ['a', a],
        ['b', b],
      ]),
      new Map<string, ScreenPoint>([['a', { ...a }]]),
    )
    expect(gone.size).toBe(1)
    expect(gone.get('a')).toBe(a)
  })
})
