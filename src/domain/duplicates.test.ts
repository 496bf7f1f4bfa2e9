import { describe, expect, it } from 'vitest'
import { mergeEvents, mergedTime, pairKey, proposeDuplicates } from './duplicates'
import type { EventRecord, TimeValue } from './types'

const DAY = 86_400_000
const MON = Date.UTC(2025, 5, 23)
const day = (at: number): TimeValue => ({ start: at, precision: 'day', approximate: false })

function ev(id: string, over: Partial<EventRecord> = {}): EventRecord {
  return {
    id,
    caseId: 'c',
    title: id,
    type: 'assault',
    initiators: ['iran'],
    targets: ['usa'],
    locationIds: ['udeid'],
    when: day(MON),
    evidence: [`p-${id}`],
    createdAt: 0,
    updatedAt: 0,
    ...over,
  }
}

const ids = (pairs: { a: string; b: string }[]) => pairs.map((p) => `${p.a}+${p.b}`)

describe('proposeDuplicates', () => {
  it('proposes two strikes by the same actor on the same day and place, with reasons', () => {
    const [pair, ...rest] = proposeDuplicates([ev('a'), ev('b', { type: 'clash' })])
    expect(rest).toEqual([])
    expect(pair).toMatchObject({
      a: 'a',
      b: 'b',
      reasons: {
        family: 'conflict',
        sharedInitiators: ['iran'],
        sharedTargets: ['usa'],
        time: 'overlap',
        place: { kind: 'same', ids: ['udeid'] },
      },
    })
  })

  it('accepts windows within a day and an unknown place', () => {
    const [pair] = proposeDuplicates([ev('a'), ev('b', { when: day(MON + DAY), locationIds: [] })])
    expect(pair?.reasons.time).toBe('within a day')
    expect(pair?.reasons.place).toEqual({ kind: 'unknown' })
  })

  it('needs the same family, an actor in the same direction, close times and places', () => {
    expect(ids(proposeDuplicates([ev('a'), ev('b', { type: 'consult' })]))).toEqual([])
    expect(
      ids(proposeDuplicates([ev('a'), ev('b', { initiators: ['usa'], targets: ['iran'] })])),
    ).toEqual([])
    expect(ids(proposeDuplicates([ev('a'), ev('b', { when: day(MON + 3 * DAY) })]))).toEqual([])
    expect(ids(proposeDuplicates([ev('a'), ev('b', { locationIds: ['natanz'] })]))).toEqual([])
    const { when: _w, ...undated } = ev('b')
    expect(ids(proposeDuplicates([ev('a'), undated]))).toEqual([])
  })

  it('accepts one place inside the other when the caller knows nesting', () => {
    const inside = (a: string, b: string) => a === 'udeid' && b === 'qatar'
    const [pair] = proposeDuplicates([ev('a'), ev('b', { locationIds: ['qatar'] })], { inside })
    expect(pair?.reasons.place).toEqual({ kind: 'inside', inner: 'udeid', outer: 'qatar' })
  })

  it('never proposes a pair the analyst said is not the same', () => {
    expect(
      proposeDuplicates([ev('a'), ev('b')], { notSame: new Set([pairKey('b', 'a')]) }),
    ).toEqual([])
  })

  it('proposes each pair once even when it shares several actors', () => {
    const two = { initiators: ['iran', 'irgc'], targets: ['usa', 'qatar'] }
    expect(ids(proposeDuplicates([ev('a', two), ev('b', two), ev('c')]))).toEqual([
      'a+b',
      'a+c',
      'b+c',
    ])
  })
})

describe('mergeEvents', () => {
  const a = ev('a', { when: { ...day(MON), end: MON + 2 * DAY }, evidence: ['p1'] })
  const b = ev('b', { initiators: ['irgc'], evidence: ['p2'], locationIds: ['qatar'] })
  it('keeps the first event’s identity and unites evidence, actors and places', () => {
    const m = mergeEvents(a, b, 'union')
    expect(m).toMatchObject({
      id: 'a',
      title: 'a',
      evidence: ['p1', 'p2'],
      initiators: ['iran', 'irgc'],
      locationIds: ['udeid', 'qatar'],
    })
  })
  it('keeps each event’s stances for its passages, the kept one’s where both cite a passage', () => {
    const keep = ev('k', { evidence: ['p1', 'p2'], stances: { p1: 'contradicts' } })
    const drop = ev('d', {
      evidence: ['p2', 'p3', 'p4'],
      stances: { p2: 'contradicts', p3: 'contradicts' },
    })
    expect(mergeEvents(keep, drop, 'union').stances).toEqual({
      p1: 'contradicts',
      p3: 'contradicts',
    })
    expect(mergeEvents(a, b, 'union')).not.toHaveProperty('stances')
  })
  it('keeps the time as the union or the narrower, as chosen', () => {
    expect(mergeEvents(a, b, 'union').when).toMatchObject({ start: MON, end: MON + 2 * DAY })
    expect(mergeEvents(a, b, 'narrower').when).toEqual(day(MON))
    expect(mergedTime(undefined, day(MON), 'union')).toEqual(day(MON))
  })
})
