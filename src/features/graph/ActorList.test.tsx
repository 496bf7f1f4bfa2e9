// @vitest-environment jsdom
import { act } from 'react'
import { describe, expect, it } from 'vitest'
import type { GraphNode } from '../../domain/graph-model'
import { mountEachTest } from '../../test/react-root'
import { ActorList, sameActors } from './ActorList'
import type { ScreenPoint } from './screen-points'

const mount = mountEachTest()

/** Places that count how often the list looked one up (once per actor per render). */
class CountingPlaces extends Map<string, ScreenPoint> {
  lookups = 0
  override get(id: string) {
    this.lookups++
    return super.get(id)
  }
}

const actors = (counts: number[], names = ['Iran', 'Russia', 'Ukraine']): GraphNode[] =>
  names.map((label, i) => ({ id: `a${i}`, label, kind: 'state', eventCount: counts[i] ?? 0 }))

describe('ActorList', () => {
  it('is not rendered again when a change only moves the event counts', () => {
    const where = new CountingPlaces([['a0', { x: 10, y: 20, r: 5 }]])
    const onNode = () => {}
    const show = (nodes: GraphNode[], focusedId = '') =>
      act(() =>
        mount.root.render(
          <ActorList nodes={nodes} where={where} focusedId={focusedId} onNode={onNode} />,
        ),
      )
    show(actors([3, 2, 1]))
    expect(where.lookups).toBe(3)
    const buttons = () => [...mount.container.querySelectorAll('button')]
    expect(buttons().map((b) => b.textContent)).toEqual(['Iran', 'Russia', 'Ukraine'])
    expect(buttons()[0]!.dataset.x).toBe('10')
    // A window change: new node objects, other counts, the same actors: nothing rendered.
    show(actors([0, 5, 9]))
    expect(where.lookups).toBe(3)
    // An actor renamed, or the focus moved: rendered again.
    show(actors([0, 5, 9], ['Iran', 'Russian Federation', 'Ukraine']))
    expect(where.lookups).toBe(6)
    expect(buttons()[1]!.textContent).toBe('Russian Federation')
    show(actors([0, 5, 9], ['Iran', 'Russian Federation', 'Ukraine']), 'a2')
    expect(where.lookups).toBe(9)
    expect(buttons()[2]!.getAttribute('aria-pressed')).toBe('true')
  })
})

describe('sameActors', () => {
  it('compares ids and names in order, not counts', () => {
    expect(sameActors(actors([1, 2, 3]), actors([4, 5, 6]))).toBe(true)
    expect(sameActors(actors([1, 2, 3]), actors([1, 2, 3], ['Iran', 'Russia']))).toBe(false)
    expect(sameActors(actors([1]), actors([1], ['Iran', 'Russia', 'Syria']))).toBe(false)
    const reordered = actors([1, 2, 3]).reverse()
    expect(sameActors(actors([1, 2, 3]), reordered)).toBe(false)
  })
})
