import { describe, expect, it } from 'vitest'
import {
  buildTimeline,
  countInWindow,
  eventIdOf,
  isBandId,
  windowForItems,
  type TimelineInput,
} from './timeline-model'
import type { EventRecord, TimeValue } from './types'

const DAY = 86_400_000
const T0 = Date.UTC(2025, 5, 21)

const day = (offset: number, extra: Partial<TimeValue> = {}): TimeValue => ({
  start: T0 + offset * DAY,
  end: T0 + (offset + 1) * DAY,
  precision: 'day',
  approximate: false,
  ...extra,
})

let seq = 0
function event(over: Partial<EventRecord>): EventRecord {
  seq++
  return {
    id: `e${seq}`,
    caseId: 'c',
    title: `Event ${seq}`,
    type: 'assault',
    initiators: [],
    targets: [],
    evidence: [],
    createdAt: 0,
    updatedAt: 0,
    ...over,
  }
}

const input = (over: Partial<TimelineInput> = {}): TimelineInput => ({
  groupBy: 'none',
  filter: {},
  entities: new Map([
    ['iran', { name: 'Iran' }],
    ['usa', { name: 'United States' }],
    ['qatar', { name: 'Qatar' }],
  ]),
  evidence: new Map([
    ['a1', { docId: 'd1' }],
    ['a2', { docId: 'd2' }],
  ]),
  documents: new Map([
    ['d1', { title: 'Wire report', sourceId: 's1' }],
    ['d2', { title: 'Blog post', sourceId: 's2' }],
  ]),
  sources: new Map([
    ['s1', { name: 'Reuters', reliability: 'B' as const }],
    ['s2', { name: 'Blogger', reliability: 'E' as const }],
  ]),
  ...over,
})

describe('buildTimeline', () => {
  it('draws a single day as a point, a longer span as a range, classed by family', () => {
    const strike = event({ id: 'strike', title: 'Missile strike', when: day(2) })
    const talks = event({
      id: 'talks',
      title: 'Talks <b>held</b>',
      type: 'consult',
      when: day(0, { end: T0 + 3 * DAY }),
    })
    const { items, groups, extent, undated, shown } = buildTimeline([strike, talks], input())
    expect(items.map((i) => [i.id, i.type, i.start, i.end, i.className, i.group])).toEqual([
      ['talks', 'range', T0, T0 + 3 * DAY, 'tl-cooperation', undefined],
      ['strike', 'point', T0 + 2 * DAY, undefined, 'tl-conflict', undefined],
    ])
    // Plain text: markup is kept as typed, for the pane to escape.
    expect(items[0]!.content).toBe('Talks <b>held</b>')
    expect(items[1]!.title).toBe('Missile strike\nMon 23 Jun 2025 · Assault / strike')
    expect(groups).toEqual([])
    expect(extent).toEqual({ start: T0, end: T0 + 3 * DAY })
    expect([undated, shown]).toEqual([0, 2])
  })

  it('adds a background band for an uncertain date and marks the item approximate', () => {
    const around = event({
      id: 'around',
      when: {
        start: T0 + 5 * 3_600_000,
        precision: 'minute',
        approximate: true,
        earliest: T0 + 4.5 * 3_600_000,
        latest: T0 + 5.5 * 3_600_000,
      },
    })
    const exact = event({ id: 'exact', when: day(1, { approximate: true }) })
    const { items, extent } = buildTimeline([around, exact], input())
    expect(items.map((i) => [i.id, i.type, i.className])).toEqual([
      ['around', 'point', 'tl-conflict tl-approximate'],
      ['exact', 'point', 'tl-conflict tl-approximate'],
      ['band:around', 'background', 'tl-band'],
    ])
    const band = items[2]!
    expect([band.start, band.end, band.content]).toEqual([
      T0 + 4.5 * 3_600_000,
      T0 + 5.5 * 3_600_000,
      '',
    ])
    expect(items[0]!.title).toContain('about Sat 21 Jun 2025 05:00 UTC')
    expect(extent).toEqual({ start: T0 + 4.5 * 3_600_000, end: T0 + 2 * DAY })
    expect(eventIdOf(band.id)).toBe('around')
    expect(isBandId(band.id)).toBe(true)
  })

  it('leaves undated events out and counts them', () => {
    const { items, undated, shown, extent } = buildTimeline(
      [event({}), event({}), event({ when: day(0) }), event({})],
      input(),
    )
    expect(items).toHaveLength(1)
    expect([undated, shown]).toEqual([3, 1])
    expect(extent).toBeDefined()
    expect(buildTimeline([event({})], input()).extent).toBeUndefined()
  })

  it('by initiator: one item per initiator, ids map back to the event', () => {
    const joint = event({ id: 'joint', initiators: ['usa', 'qatar'], when: day(0) })
    const alone = event({ id: 'alone', initiators: ['iran'], when: day(1, { earliest: T0 }) })
    const nobody = event({ id: 'nobody', when: day(2) })
    const { items, groups, shown } = buildTimeline(
      [joint, alone, nobody],
      input({ groupBy: 'initiator' }),
    )
    expect(groups.map((g) => [g.content, g.order])).toEqual([
      ['Iran', 0],
      ['Qatar', 1],
      ['United States', 2],
      ['No initiator', 3],
    ])
    const ids = items.map((i) => i.id)
    expect(ids).toEqual([
      'joint@qatar',
      'joint@usa',
      'alone@iran',
      'nobody@none',
      'band:alone@iran',
    ])
    expect(items.map((i) => i.group)).toEqual(['qatar', 'usa', 'iran', groups[3]!.id, 'iran'])
    expect(ids.map(eventIdOf)).toEqual(['joint', 'joint', 'alone', 'nobody', 'alone'])
    expect(shown).toBe(3)
    expect(eventIdOf('plain')).toBe('plain')
  })

  it('by type, document and source, with a lane for events that have none', () => {
    const a = event({ id: 'a', type: 'consult', evidence: ['a2', 'a1'], when: day(0) })
    const b = event({ id: 'b', type: 'assault', evidence: ['a1'], when: day(1) })
    const c = event({ id: 'c', type: 'my-own', when: day(2) })
    const lanes = (groupBy: TimelineInput['groupBy']) => {
      const m = buildTimeline([a, b, c], input({ groupBy }))
      const label = new Map(m.groups.map((g) => [g.id, g.content]))
      return m.items.map((i) => `${i.id}:${label.get(i.group!)}`)
    }
    expect(lanes('type')).toEqual(['a:Consult / meet', 'b:Assault / strike', 'c:my-own'])
    expect(lanes('document')).toEqual(['a:Blog post', 'b:Wire report', 'c:No evidence'])
    expect(lanes('source')).toEqual(['a:Blogger (E)', 'b:Reuters (B)', 'c:No graded source'])
  })

  it('filters by actor, type, credibility, source grade and text', () => {
    const events = [
      event({
        id: 'x',
        title: 'Strike on base',
        initiators: ['iran'],
        confidence: 2,
        when: day(0),
      }),
      event({
        id: 'y',
        title: 'Talks',
        type: 'consult',
        targets: ['qatar'],
        confidence: 4,
        evidence: ['a1'],
        when: day(1),
      }),
      event({ id: 'z', title: 'Statement', type: 'statement', evidence: ['a2'], when: day(2) }),
    ]
    const ids = (filter: TimelineInput['filter']) =>
      buildTimeline(events, input({ filter })).items.map((i) => i.id)
    expect(ids({})).toEqual(['x', 'y', 'z'])
    expect(ids({ actorIds: ['qatar'] })).toEqual(['y'])
    expect(ids({ actorIds: [] })).toEqual(['x', 'y', 'z'])
    expect(ids({ types: ['consult', 'statement'] })).toEqual(['y', 'z'])
    expect(ids({ minCredibility: 3 })).toEqual(['x'])
    expect(ids({ minCredibility: 6 })).toEqual(['x', 'y'])
    expect(ids({ minReliability: 'C' })).toEqual(['y'])
    expect(ids({ text: 'IRAN strike' })).toEqual(['x'])
    expect(ids({ text: 'consult' })).toEqual(['y'])
    expect(ids({ text: '  ' })).toEqual(['x', 'y', 'z'])
  })

  it('counts undated events among those that pass the filters only', () => {
    const m = buildTimeline(
      [event({ type: 'consult' }), event({ type: 'assault' }), event({ type: 'assault' })],
      input({ filter: { types: ['assault'] } }),
    )
    expect(m.undated).toBe(2)
  })
})

describe('windowForItems', () => {
  const point = (start: number) => ({ start, type: 'point' as const })

  it('shows everything with 5% padding when there are few items', () => {
    expect(windowForItems([point(0), point(100 * DAY)])).toEqual({
      start: -5 * DAY,
      end: 105 * DAY,
    })
    expect(windowForItems([])).toBeUndefined()
    expect(windowForItems([{ start: 0, end: 10, type: 'background' as const }])).toBeUndefined()
  })

  it('is at least about a day wide around a single instant', () => {
    const w = windowForItems([point(T0)])!
    expect(w.start).toBeLessThan(T0)
    expect(w.end).toBeGreaterThan(T0)
    expect(w.end - w.start).toBeGreaterThan(0.9 * DAY)
    expect(w.end - w.start).toBeLessThan(1.1 * DAY)
  })

  it('with many items picks the most recent dense run, not the whole extent', () => {
    // 300 items a day apart over 2024, 300 an hour apart in June 2025, 1 far in 2030.
    const items = [
      ...Array.from({ length: 300 }, (_, i) => point(Date.UTC(2024, 0, 1) + i * DAY)),
      ...Array.from({ length: 300 }, (_, i) => point(T0 + i * 3_600_000)),
      point(Date.UTC(2030, 0, 1)),
    ]
    const w = windowForItems(items, 200)!
    expect(w.start).toBeGreaterThanOrEqual(T0 - DAY)
    expect(w.end).toBeLessThan(T0 + 14 * DAY)
    expect(w.end - w.start).toBeLessThan(10 * DAY)
    // The last 200 of the dense run, not its first 200: the most recent of the dense runs.
    expect(w.end).toBeGreaterThan(T0 + 290 * 3_600_000)
  })
})

describe('countInWindow', () => {
  it('counts sorted starts inside a closed window', () => {
    const starts = [1, 2, 2, 3, 5, 8]
    expect(countInWindow(starts, 2, 5)).toBe(4)
    expect(countInWindow(starts, 0, 100)).toBe(6)
    expect(countInWindow(starts, 6, 7)).toBe(0)
    expect(countInWindow([], 0, 1)).toBe(0)
  })
})
