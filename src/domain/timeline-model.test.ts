import { describe, expect, it } from 'vitest'
import {
  buildTimeline,
  eventIdOf,
  groupTimeline,
  isAggregateId,
  isBandId,
  isEventItemId,
  tooltipFor,
  ungroupedTimeline,
  viewForWindow,
  viewIsStale,
  windowForItems,
  type TimelineInput,
} from './timeline-model'
import { DAY, HOUR, T0, day, eventFactory } from '../test/events'
import type { TimeValue } from './types'

const event = eventFactory()

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
      // A one-day point sits in the middle of its day.
      ['strike', 'point', T0 + 2.5 * DAY, undefined, 'tl-conflict', undefined],
    ])
    // Plain text: markup is kept as typed, for the pane to escape.
    expect(items[0]!.content).toBe('Talks <b>held</b>')
    expect(tooltipFor(strike)).toBe('Missile strike\nMon 23 Jun 2025 · Assault / strike')
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
    expect(tooltipFor(around)).toContain('about Sat 21 Jun 2025 05:00 UTC')
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

  it('by initiator: one item per event, in its first initiator’s lane, the others named', () => {
    const joint = event({ id: 'joint', initiators: ['usa', 'qatar'], when: day(0) })
    const alone = event({ id: 'alone', initiators: ['iran'], when: day(1, { earliest: T0 }) })
    const nobody = event({ id: 'nobody', when: day(2) })
    const { items, groups, shown } = buildTimeline(
      [joint, alone, nobody],
      input({ groupBy: 'initiator' }),
    )
    expect(groups.map((g) => [g.content, g.order])).toEqual([
      ['Iran', 0],
      ['United States', 1],
      ['No initiator', 2],
    ])
    const ids = items.map((i) => i.id)
    expect(ids).toEqual(['joint', 'alone', 'nobody', 'band:alone'])
    expect(items.map((i) => i.group)).toEqual(['usa', 'iran', groups[2]!.id, 'iran'])
    expect(items[0]!.content).toBe(`${joint.title} (with Qatar)`)
    expect(items[1]!.content).toBe(alone.title)
    expect(ids.map(eventIdOf)).toEqual(['joint', 'alone', 'nobody', 'alone'])
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

  it('regroups an ungrouped timeline without filtering or sorting the events again', () => {
    const events = [
      event({ id: 'late', initiators: ['iran'], type: 'consult', when: day(5) }),
      event({ id: 'joint', initiators: ['usa', 'qatar'], when: day(0, { earliest: T0 - DAY }) }),
      event({ id: 'undated', initiators: ['iran'] }),
      event({ id: 'mid', evidence: ['a1'], when: day(2) }),
    ]
    const base = ungroupedTimeline(events, input())
    expect(base.items.map((i) => i.id)).toEqual(['joint', 'mid', 'late', 'band:joint'])
    expect(base.events.map((e) => e.id)).toEqual(['joint', 'mid', 'late', 'joint'])
    expect(base.items.every((i) => i.group === undefined)).toBe(true)
    for (const groupBy of ['none', 'initiator', 'type', 'document', 'source'] as const) {
      // The same model as buildTimeline makes from the events.
      expect(groupTimeline(base, input({ groupBy }))).toEqual(
        buildTimeline(events, input({ groupBy })),
      )
    }
    // Not grouped: the base's items themselves; grouped: copies, the base left as it was.
    expect(groupTimeline(base, input()).items).toBe(base.items)
    const byInitiator = groupTimeline(base, input({ groupBy: 'initiator' }))
    const title = events[1]!.title
    expect(byInitiator.items[0]).toMatchObject({ group: 'usa', content: `${title} (with Qatar)` })
    expect(base.items[0]).toMatchObject({ content: title })
    expect(base.items.every((i) => i.group === undefined)).toBe(true)
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

describe('ungroupedTimeline order', () => {
  it('orders items by start then id, and bands by start then id, whatever order the events come in', () => {
    const events = [
      event({ id: 'b', when: day(3, { earliest: T0 + 1 * DAY }) }),
      event({ id: 'c', when: day(1) }),
      event({ id: 'a', when: day(3, { earliest: T0 - 2 * DAY }) }),
      event({ id: 'd', when: day(1, { latest: T0 + 9 * DAY }) }),
    ]
    const expected = ['c', 'd', 'a', 'b', 'band:a', 'band:b', 'band:d']
    const byId = [...events].sort((x, y) => (x.id < y.id ? -1 : 1))
    for (const list of [events, byId, [...byId].reverse()]) {
      const base = ungroupedTimeline(list, input())
      expect(base.items.map((i) => i.id)).toEqual(expected)
      // The events stay index for index with their items.
      expect(base.events.map((e) => e.id)).toEqual(expected.map(eventIdOf))
    }
  })
})

describe('windowForItems', () => {
  const point = (start: number) => ({ start, type: 'point' as const })

  it('shows everything, padded 5% on the left and 20% on the right (labels)', () => {
    expect(windowForItems([point(0), point(100 * DAY)])).toEqual({
      start: -5 * DAY,
      end: 120 * DAY,
    })
    expect(windowForItems([])).toBeUndefined()
    expect(windowForItems([{ start: 0, end: 10, type: 'background' as const }])).toBeUndefined()
  })

  it('is at least about a day wide around a single instant', () => {
    const w = windowForItems([point(T0)])!
    expect(w.start).toBeLessThan(T0)
    expect(w.end).toBeGreaterThan(T0)
    expect(w.end - w.start).toBeGreaterThan(0.9 * DAY)
    expect(w.end - w.start).toBeLessThan(1.2 * DAY)
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
    expect(w.end).toBeLessThan(T0 + 16 * DAY)
    expect(w.end - w.start).toBeLessThan(11 * DAY)
    // The last 200 of the dense run, not its first 200: the most recent of the dense runs.
    expect(w.end).toBeGreaterThan(T0 + 290 * 3_600_000)
  })
})

describe('tooltipFor', () => {
  it('writes the date in the zone the value was resolved in', () => {
    // Mon 23 Jun 2025 in Tehran runs from 20:30 UTC on the 22nd to 20:30 UTC on the 23rd.
    const tehranMonday: TimeValue = {
      start: Date.UTC(2025, 5, 22, 20, 30),
      end: Date.UTC(2025, 5, 23, 20, 30),
      precision: 'day',
      approximate: false,
      zone: 'Asia/Tehran',
    }
    expect(tooltipFor(event({ title: 'Strike', when: tehranMonday }))).toBe(
      'Strike\nMon 23 Jun 2025 · Assault / strike',
    )
    // Read in UTC, the same instants would straddle two days.
    const { zone: _zone, ...utc } = tehranMonday
    expect(tooltipFor(event({ title: 'Strike', when: utc }))).toContain('Sun 22 Jun 2025 –')
    expect(tooltipFor(event({ title: 'No date' }))).toBe('No date')
  })
})

describe('viewForWindow', () => {
  /** `n` one-day events, one every `step` ms from T0, in lane by initiator when `lanes`. */
  const many = (n: number, step: number, lanes = false) =>
    buildTimeline(
      Array.from({ length: n }, (_, i) =>
        event({
          id: `m${i}`,
          initiators: lanes ? [i % 2 ? 'iran' : 'usa'] : [],
          when: { start: T0 + i * step, precision: 'minute', approximate: false },
        }),
      ),
      input({ groupBy: lanes ? 'initiator' : 'none' }),
    )

  it('hands over the window and a window either side, nothing further', () => {
    const model = many(100, DAY)
    const window = { start: T0 + 40 * DAY, end: T0 + 50 * DAY }
    const view = viewForWindow(model, window)
    expect(view.aggregated).toBe(false)
    const starts = view.items.map((i) => (i.start - T0) / DAY)
    expect(Math.min(...starts)).toBe(30)
    expect(Math.max(...starts)).toBe(60)
    expect(view.items).toHaveLength(31)
    expect(view.inWindow).toBe(11)
    expect([view.from, view.to, view.width]).toEqual([T0 + 30 * DAY, T0 + 60 * DAY, 10 * DAY])
  })

  it('reads only the items near the window, not every item of the model, on a pan', () => {
    // 20,000 events and their bands; each item counts the reads of its start.
    const model = buildTimeline(
      Array.from({ length: 20_000 }, (_, i) =>
        event({
          id: `e${String(i).padStart(5, '0')}`,
          when: day(i % 5000, i % 4 ? {} : { earliest: T0 + ((i % 5000) - 2) * DAY }),
        }),
      ),
      input(),
    )
    let reads = 0
    const counted = {
      ...model,
      items: model.items.map((item) => {
        const copy = { ...item }
        let start = item.start
        Object.defineProperty(copy, 'start', {
          get: () => (reads++, start),
          set: (v: number) => void (start = v),
        })
        return copy
      }),
    }
    const window = { start: T0 + 2000 * DAY, end: T0 + 2010 * DAY }
    const first = viewForWindow(counted, window)
    reads = 0
    const panned = viewForWindow(counted, { start: window.start + DAY, end: window.end + DAY })
    // The view is the linear scan's: every item overlapping the span, events then bands.
    const expected = model.items
      .filter((i) => i.start <= panned.to && (i.end ?? i.start) >= panned.from)
      .map((i) => i.id)
    expect(panned.items.map((i) => i.id)).toEqual(expected)
    expect(first.items.length).toBeGreaterThan(100)
    // A binary search and the items of the span (and their neighbours), not 25,000 items.
    expect(reads).toBeLessThan(10 * expected.length + 200)
  })

  it('keeps a range or band that only reaches into the span', () => {
    const long = event({ id: 'long', when: day(0, { end: T0 + 100 * DAY }) })
    const fuzzy = event({
      id: 'fuzzy',
      when: { ...day(200), approximate: true, earliest: T0 + 150 * DAY, latest: T0 + 201 * DAY },
    })
    const model = buildTimeline([long, fuzzy], input())
    // Span 92–122: the range (days 0–100) reaches into it from the left.
    const left = viewForWindow(model, { start: T0 + 102 * DAY, end: T0 + 112 * DAY })
    expect(left.items.map((i) => i.id)).toEqual(['long'])
    expect(left.inWindow).toBe(0)
    // Span 150–180: the band (days 150–201) does, its event (day 200) does not.
    const right = viewForWindow(model, { start: T0 + 160 * DAY, end: T0 + 170 * DAY })
    expect(right.items.map((i) => i.id)).toEqual(['band:fuzzy'])
  })

  it('sums events per lane and bucket when the window holds more than maxItems', () => {
    const model = many(2000, HOUR, true)
    const window = { start: T0, end: T0 + 2000 * HOUR }
    const view = viewForWindow(model, window, { maxItems: 1000, buckets: 20 })
    expect(view.aggregated).toBe(true)
    expect(view.items.every((i) => i.className === 'tl-aggregate')).toBe(true)
    // Every event counted once, in its own lane.
    expect(view.items.reduce((n, i) => n + (i.count ?? 0), 0)).toBe(2000)
    expect(new Set(view.items.map((i) => i.group))).toEqual(new Set(['iran', 'usa']))
    expect(view.items.every((i) => isAggregateId(i.id) && !isEventItemId(i.id))).toBe(true)
    // Buckets are 1/20 of the window wide and aligned to the epoch: a pan keeps them.
    const width = 2000 * HOUR
    for (const i of view.items) {
      expect(i.end! - i.start).toBeCloseTo(width / 20, -1)
    }
    const panned = viewForWindow(
      model,
      { start: T0 + 10 * HOUR, end: T0 + 2010 * HOUR },
      { maxItems: 1000, buckets: 20 },
    )
    const shared = panned.items.filter((i) => view.items.some((v) => v.id === i.id))
    expect(shared.length).toBeGreaterThan(view.items.length / 2)
    for (const i of shared) expect(i.start).toBe(view.items.find((v) => v.id === i.id)!.start)
  })

  it('shows a lone event in a bucket as itself, and leaves bands out when aggregating', () => {
    const dense = many(1500, 60_000)
    const lone = event({ id: 'lone', when: { ...day(10), approximate: true, earliest: T0 } })
    const model = buildTimeline(
      [
        ...dense.items.map((i) =>
          event({ id: i.id, when: { start: i.start, precision: 'minute', approximate: false } }),
        ),
        lone,
      ],
      input(),
    )
    const view = viewForWindow(model, { start: T0, end: T0 + 12 * DAY }, { maxItems: 1000 })
    expect(view.aggregated).toBe(true)
    expect(view.items.find((i) => i.id === 'lone')?.type).toBe('point')
    expect(view.items.some((i) => i.type === 'background')).toBe(false)
  })

  it('aggregates when a burst lies just beside the window, not only in it', () => {
    // 100 events a day apart, then 4,000 a minute apart the day after the window ends.
    const spread = many(100, DAY)
    const burst = Array.from({ length: 4000 }, (_, i) =>
      event({
        id: `b${i}`,
        when: { start: T0 + 101 * DAY + i * 60_000, precision: 'minute', approximate: false },
      }),
    )
    const model = buildTimeline(
      [
        ...spread.items.map((i) =>
          event({ id: i.id, when: { start: i.start, precision: 'minute', approximate: false } }),
        ),
        ...burst,
      ],
      input(),
    )
    const view = viewForWindow(model, { start: T0 + 90 * DAY, end: T0 + 100 * DAY })
    expect(view.inWindow).toBeLessThan(20)
    expect(view.aggregated).toBe(true)
    expect(view.items.length).toBeLessThan(200)
  })

  it('names only the lanes that hold an item of the view, in the model’s lane order', () => {
    // Qatar acts on day 0, the United States on day 10 (uncertain: a band to day 25), Iran
    // on day 30; an event of no initiator on day 60.
    const model = buildTimeline(
      [
        event({ id: 'q', initiators: ['qatar'], when: day(0) }),
        event({
          id: 'u',
          initiators: ['usa'],
          when: { ...day(10), approximate: true, latest: T0 + 25 * DAY },
        }),
        event({ id: 'i', initiators: ['iran'], when: day(30) }),
        event({ id: 'n', when: day(60) }),
      ],
      input({ groupBy: 'initiator' }),
    )
    expect(model.groups.map((g) => g.content)).toEqual([
      'Iran',
      'Qatar',
      'United States',
      'No initiator',
    ])
    const lanes = (start: number, end: number, options = {}) =>
      viewForWindow(model, { start: T0 + start * DAY, end: T0 + end * DAY }, options).lanes.map(
        (g) => g.content,
      )
    // Window 28–32, span 24–36: Iran's event, and the United States' band reaching into it.
    expect(lanes(28, 32)).toEqual(['Iran', 'United States'])
    // Window 2–4, span 0–6: Qatar's event on day 0 only.
    expect(lanes(2, 4)).toEqual(['Qatar'])
    // Nothing near: no lane. The whole extent: every lane, in order.
    expect(lanes(200, 210)).toEqual([])
    expect(lanes(0, 61)).toEqual(model.groups.map((g) => g.content))
    // Aggregated, each lane with an aggregate or a lone event is named.
    expect(lanes(0, 61, { maxItems: 1 })).toEqual(model.groups.map((g) => g.content))
    // Not grouped: no lanes.
    const flat = buildTimeline([event({ initiators: ['iran'], when: day(0) })], input())
    expect(viewForWindow(flat, { start: T0 - DAY, end: T0 + DAY }).lanes).toEqual([])
  })

  it('stays aggregated until the window holds fewer than 80% of maxItems', () => {
    const model = many(950, HOUR)
    const window = { start: T0, end: T0 + 950 * HOUR }
    expect(viewForWindow(model, window, { maxItems: 1000 }).aggregated).toBe(false)
    expect(viewForWindow(model, window, { maxItems: 1000, wasAggregated: true }).aggregated).toBe(
      true,
    )
    expect(viewForWindow(model, window, { maxItems: 1100, wasAggregated: true }).aggregated).toBe(
      true,
    )
    expect(viewForWindow(model, window, { maxItems: 1200, wasAggregated: true }).aggregated).toBe(
      false,
    )
  })
})

describe('viewIsStale', () => {
  const model = buildTimeline([], input())
  const view = viewForWindow(model, { start: 0, end: 100 })

  it('is fresh for small pans and zooms', () => {
    expect(viewIsStale(view, { start: 0, end: 100 })).toBe(false)
    expect(viewIsStale(view, { start: 40, end: 140 })).toBe(false)
    expect(viewIsStale(view, { start: -10, end: 110 })).toBe(false)
  })

  it('is stale once the centre leaves the middle half or the width changes by a quarter', () => {
    expect(viewIsStale(view, { start: 51, end: 151 })).toBe(true)
    expect(viewIsStale(view, { start: -51, end: 49 })).toBe(true)
    expect(viewIsStale(view, { start: -20, end: 120 })).toBe(true)
    expect(viewIsStale(view, { start: 15, end: 85 })).toBe(true)
  })
})

describe('corroboration on the timeline', () => {
  const weighed = (contradicting: string[]) => ({
    summary: '2 reports · 2 independent origins · B2',
    contradicting: { passageIds: contradicting },
  })

  it('flags an event a passage contradicts, and only that one', () => {
    const a = event({ when: day(0) })
    const b = event({ when: day(1) })
    const model = buildTimeline(
      [a, b],
      input({
        corroboration: new Map([
          [a.id, weighed(['x'])],
          [b.id, weighed([])],
        ]),
      }),
    )
    const cls = (id: string) => model.items.find((i) => i.id === id)!.className.split(' ')
    expect(cls(a.id)).toContain('tl-contradicted')
    expect(cls(b.id)).not.toContain('tl-contradicted')
  })

  it('puts the corroboration line in the tooltip, and a warning when contradicted', () => {
    const e = event({ title: 'Strike', when: day(0) })
    expect(tooltipFor(e, weighed([]))).toBe(
      'Strike\nSat 21 Jun 2025 · Assault / strike\n2 reports · 2 independent origins · B2',
    )
    expect(tooltipFor(e, weighed(['x']))).toContain('⚠ Contradicted')
    expect(tooltipFor(e)).not.toContain('reports')
  })
})
