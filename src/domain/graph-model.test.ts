import { describe, expect, it } from 'vitest'
import {
  RELATION_TYPES,
  buildGraph,
  buildPreparedGraph,
  layoutGraph,
  prepareGraph,
  edgeSummary,
  strongestEdges,
  type GraphEdge,
  overlapsWindow,
  relationDirectedByDefault,
  relationFamily,
  relationTypeLabel,
  type GraphFilter,
  type GraphInput,
  type LayoutGraph,
} from './graph-model'
import type { EntityKind, EventRecord, RelationRecord, TimeValue } from './types'

const DAY = 86_400_000
const T0 = Date.UTC(2025, 5, 21)

/** Day `offset` after T0 as a one-day span [midnight, next midnight). */
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
    id: `e${String(seq).padStart(3, '0')}`,
    caseId: 'c',
    title: `Event ${seq}`,
    type: 'assault',
    initiators: ['iran'],
    targets: ['usa'],
    evidence: [],
    createdAt: 0,
    updatedAt: 0,
    ...over,
  }
}

function relation(over: Partial<RelationRecord>): RelationRecord {
  seq++
  return {
    id: `r${String(seq).padStart(3, '0')}`,
    caseId: 'c',
    from: 'iran',
    to: 'russia',
    type: 'ally',
    directed: false,
    evidence: [],
    createdAt: 0,
    ...over,
  }
}

const ENTITIES: [string, string, EntityKind][] = [
  ['iran', 'Iran', 'state'],
  ['usa', 'United States', 'state'],
  ['russia', 'Russia', 'state'],
  ['qatar', 'Qatar', 'state'],
  ['irgc', 'IRGC', 'organisation'],
  ['udeid', 'Al Udeid Air Base', 'location'],
  ['moscow', 'Moscow', 'location'],
]

/** A graph input over the entities above: a1 is in a B-graded document, a2 in an E-graded one. */
function input(over: Partial<GraphInput> = {}, filter: GraphFilter = {}): GraphInput {
  return {
    events: [],
    relations: [],
    entities: new Map(ENTITIES.map(([id, name, kind]) => [id, { name, kind }])),
    evidence: new Map([
      ['a1', { docId: 'd1' }],
      ['a2', { docId: 'd2' }],
      ['a3', { docId: 'd3' }],
    ]),
    documents: new Map([
      ['d1', { sourceId: 's1' }],
      ['d2', { sourceId: 's2' }],
      ['d3', {}],
    ]),
    sources: new Map([
      ['s1', { reliability: 'B' as const }],
      ['s2', { reliability: 'E' as const }],
    ]),
    filter,
    ...over,
  }
}

const ids = <T extends { id: string }>(xs: T[]) => xs.map((x) => x.id)

/** The ties of a layout's input as objects (by node id). */
function layoutTies(graph: LayoutGraph): { from: string; to: string; count: number }[] {
  const { from, to, count } = graph.edges
  return Array.from(count, (c, k) => ({
    from: graph.nodes[from[k]!]!.id,
    to: graph.nodes[to[k]!]!.id,
    count: c,
  }))
}

describe('relation types', () => {
  it('knows the standard types and treats custom ones as neutral and directed', () => {
    expect(RELATION_TYPES.map((t) => [t.id, t.label, t.family, t.directed])).toEqual([
      ['ally', 'ally of', 'cooperation', false],
      ['rival', 'rival of', 'conflict', false],
      ['member', 'member of', 'neutral', true],
      ['leader', 'leader of', 'neutral', true],
      ['supports', 'supports', 'cooperation', true],
      ['negotiates', 'negotiates with', 'cooperation', false],
    ])
    expect(relationTypeLabel('negotiates')).toBe('negotiates with')
    expect(relationFamily('rival')).toBe('conflict')
    expect(relationDirectedByDefault('ally')).toBe(false)
    expect(relationDirectedByDefault('member')).toBe(true)
    expect(relationTypeLabel('funds covertly')).toBe('funds covertly')
    expect(relationFamily('funds covertly')).toBe('neutral')
    expect(relationDirectedByDefault('funds covertly')).toBe(true)
  })
})

describe('overlapsWindow', () => {
  const w = { start: T0 + 2 * DAY, end: T0 + 4 * DAY }
  it('treats a span end as exclusive and a point as an instant, window ends inclusive', () => {
    expect(overlapsWindow(day(1), w)).toBe(false) // ends at the window's start
    expect(overlapsWindow(day(2), w)).toBe(true)
    expect(overlapsWindow(day(4), w)).toBe(true) // starts at the window's end
    expect(overlapsWindow(day(5), w)).toBe(false)
    expect(overlapsWindow(day(0, { end: T0 + 10 * DAY }), w)).toBe(true) // spans it
    const point = (t: number): TimeValue => ({ start: t, precision: 'hour', approximate: false })
    expect(overlapsWindow(point(w.start), w)).toBe(true)
    expect(overlapsWindow(point(w.end), w)).toBe(true)
    expect(overlapsWindow(point(w.start - 1), w)).toBe(false)
  })

  it('ignores the uncertainty band: what counts is the span the timeline draws', () => {
    expect(overlapsWindow(day(0, { earliest: T0, latest: T0 + 3 * DAY }), w)).toBe(false)
  })
})

describe('buildGraph', () => {
  it('draws every actor, not locations, sorted by label', () => {
    const { nodes, edges, counts } = buildGraph(input())
    expect(nodes.map((n) => n.label)).toEqual(['Iran', 'IRGC', 'Qatar', 'Russia', 'United States'])
    expect(nodes[1]).toEqual({ id: 'irgc', label: 'IRGC', kind: 'organisation', eventCount: 0 })
    expect(edges).toEqual([])
    expect(counts).toEqual({
      events: 0,
      hiddenEvents: 0,
      undatedHidden: 0,
      undrawnEvents: 0,
      relations: 0,
      hiddenRelations: 0,
      hiddenIsolated: 0,
    })
  })

  it('aggregates events of one pair and type into one edge; another type is another edge', () => {
    const a = event({ when: day(2), confidence: 3, evidence: ['a2'] })
    const b = event({ when: day(0), confidence: 2, evidence: ['a1'] })
    const c = event({ type: 'accuse', when: day(1) })
    const { edges, nodes, counts } = buildGraph(input({ events: [a, b, c] }))
    expect(edges).toEqual([
      {
        id: 'ev:iran>usa:accuse',
        from: 'iran',
        to: 'usa',
        kind: 'event',
        type: 'accuse',
        family: 'conflict',
        directed: true,
        count: 1,
        eventIds: [c.id],
        relationIds: [],
        span: { start: T0 + DAY, end: T0 + 2 * DAY },
        label: 'Accuse / threaten',
      },
      {
        id: 'ev:iran>usa:assault',
        from: 'iran',
        to: 'usa',
        kind: 'event',
        type: 'assault',
        family: 'conflict',
        directed: true,
        count: 2,
        eventIds: [b.id, a.id], // oldest first
        relationIds: [],
        span: { start: T0, end: T0 + 3 * DAY },
        bestCredibility: 2,
        bestReliability: 'B',
        label: 'Assault / strike ×2',
      },
    ])
    expect(nodes.find((n) => n.id === 'iran')?.eventCount).toBe(3)
    expect(nodes.find((n) => n.id === 'usa')?.eventCount).toBe(3)
    expect(counts.events).toBe(3)
  })

  it('keeps the direction: the reverse pair is its own edge', () => {
    const { edges } = buildGraph(
      input({ events: [event({}), event({ initiators: ['usa'], targets: ['iran'] })] }),
    )
    expect(ids(edges)).toEqual(['ev:iran>usa:assault', 'ev:usa>iran:assault'])
  })

  it('gives every initiator–target pair of an event, skips self-loops and counts each actor once', () => {
    const e = event({ initiators: ['iran', 'irgc', 'iran'], targets: ['usa', 'qatar', 'iran'] })
    const { edges, nodes, counts } = buildGraph(input({ events: [e] }))
    expect(ids(edges)).toEqual([
      'ev:iran>qatar:assault',
      'ev:iran>usa:assault',
      'ev:irgc>iran:assault',
      'ev:irgc>qatar:assault',
      'ev:irgc>usa:assault',
    ])
    expect(edges.every((x) => x.count === 1 && x.eventIds[0] === e.id)).toBe(true)
    expect(nodes.find((n) => n.id === 'iran')?.eventCount).toBe(1)
    expect(counts.undrawnEvents).toBe(0)
  })

  it('counts events that draw nothing: no target, or only the initiator itself', () => {
    const alone = event({ targets: [] })
    const self = event({ targets: ['iran'] })
    const gone = event({ targets: ['deleted-actor'] })
    const { edges, nodes, counts } = buildGraph(input({ events: [alone, self, gone] }))
    expect(edges).toEqual([])
    expect(counts).toMatchObject({ events: 3, undrawnEvents: 3 })
    expect(nodes.find((n) => n.id === 'iran')?.eventCount).toBe(3)
  })

  it('takes the best grades: lowest credibility, best source letter over all evidence', () => {
    const { edges } = buildGraph(
      input({
        events: [
          event({ confidence: 4, evidence: ['a2', 'a3'] }),
          event({ evidence: ['a1', 'missing'] }),
          event({ confidence: 5 }),
        ],
      }),
    )
    expect(edges[0]).toMatchObject({ count: 3, bestCredibility: 4, bestReliability: 'B' })
    // Nothing graded: no grades at all.
    const bare = buildGraph(input({ events: [event({ evidence: ['a3'] })] })).edges[0]!
    expect(bare.bestCredibility).toBeUndefined()
    expect(bare.bestReliability).toBeUndefined()
    // Nor any in what is written out of it.
    expect(JSON.parse(JSON.stringify(bare))).not.toHaveProperty('bestReliability')
    expect(JSON.parse(JSON.stringify(bare))).not.toHaveProperty('bestCredibility')
  })

  it('leaves out the span when no event of the edge is dated', () => {
    const { edges } = buildGraph(input({ events: [event({}), event({})] }))
    expect(edges[0]!.span).toBeUndefined()
    const mixed = buildGraph(input({ events: [event({}), event({ when: day(3) })] })).edges[0]!
    expect(mixed.span).toEqual({ start: T0 + 3 * DAY, end: T0 + 4 * DAY })
    expect(mixed.eventIds).toHaveLength(2)
  })

  it('filters events by type, family, credibility and reliability', () => {
    const strike = event({ confidence: 2, evidence: ['a1'] })
    const talks = event({ type: 'consult', confidence: 4, evidence: ['a2'] })
    const custom = event({ type: 'cyber intrusion', evidence: ['a3'] })
    const events = [strike, talks, custom]
    const types = (filter: GraphFilter) =>
      buildGraph(input({ events }, filter)).edges.map((e) => e.type)
    expect(types({ types: ['consult'] })).toEqual(['consult'])
    expect(types({ types: [] })).toHaveLength(3) // empty does not filter
    expect(types({ family: 'conflict' })).toEqual(['assault'])
    expect(types({ family: ['cooperation', 'neutral'] })).toEqual(['consult', 'cyber intrusion'])
    expect(types({ family: 'neutral' })).toEqual(['cyber intrusion']) // custom types are neutral
    expect(types({ minCredibility: 3 })).toEqual(['assault']) // ungraded fails
    expect(types({ minReliability: 'C' })).toEqual(['assault']) // ungraded source fails
    expect(types({ minReliability: 'E' })).toEqual(['assault', 'consult'])
    const { counts } = buildGraph(input({ events }, { minCredibility: 3 }))
    expect(counts).toMatchObject({ events: 1, hiddenEvents: 2, undatedHidden: 0 })
  })

  it('windows events by overlap and leaves undated ones out while a window is set', () => {
    const before = event({ when: day(0) })
    const inside = event({ when: day(3) })
    const long = event({ when: day(1, { end: T0 + 9 * DAY }) })
    const after = event({ when: day(7) })
    const undated = event({})
    const ungraded = event({ when: day(0) })
    const events = [before, inside, long, after, undated, ungraded]
    const window = { start: T0 + 2 * DAY, end: T0 + 5 * DAY }
    const { edges, counts } = buildGraph(input({ events }, { window }))
    expect(edges[0]!.eventIds).toEqual([long.id, inside.id])
    expect(counts).toMatchObject({ events: 2, hiddenEvents: 4, undatedHidden: 1 })
    // Without a window, undated events are drawn.
    expect(buildGraph(input({ events })).edges[0]!.eventIds).toHaveLength(6)
    // An undated event that fails another filter is not counted as hidden for its date.
    const graded = buildGraph(input({ events }, { window, minCredibility: 1 }))
    expect(graded.counts).toMatchObject({ events: 0, hiddenEvents: 6, undatedHidden: 0 })
  })

  it('draws relations: one edge each, with the type’s wording and family', () => {
    const ally = relation({ evidence: ['a2', 'a1'] })
    const member = relation({ from: 'irgc', to: 'iran', type: 'member', directed: true })
    const custom = relation({ from: 'qatar', to: 'usa', type: 'hosts troops of', when: day(1) })
    const { edges, counts } = buildGraph(input({ relations: [ally, member, custom] }))
    expect(edges).toEqual([
      {
        id: `rel:${ally.id}`,
        from: 'iran',
        to: 'russia',
        kind: 'relation',
        type: 'ally',
        family: 'cooperation',
        directed: false,
        count: 1,
        eventIds: [],
        relationIds: [ally.id],
        bestReliability: 'B',
        label: 'ally of',
      },
      {
        id: `rel:${member.id}`,
        from: 'irgc',
        to: 'iran',
        kind: 'relation',
        type: 'member',
        family: 'neutral',
        directed: true,
        count: 1,
        eventIds: [],
        relationIds: [member.id],
        label: 'member of',
      },
      {
        id: `rel:${custom.id}`,
        from: 'qatar',
        to: 'usa',
        kind: 'relation',
        type: 'hosts troops of',
        family: 'neutral',
        directed: false,
        count: 1,
        eventIds: [],
        relationIds: [custom.id],
        span: { start: T0 + DAY, end: T0 + 2 * DAY },
        label: 'hosts troops of',
      },
    ])
    expect(counts).toMatchObject({ relations: 3, hiddenRelations: 0 })
  })

  it('keeps timeless relations in a window and windows dated ones', () => {
    const timeless = relation({})
    const old = relation({ type: 'rival', when: day(0) })
    const current = relation({ type: 'negotiates', when: day(3, { end: T0 + 30 * DAY }) })
    const window = { start: T0 + 10 * DAY, end: T0 + 12 * DAY }
    const { edges, counts } = buildGraph(input({ relations: [timeless, old, current] }, { window }))
    expect(edges.flatMap((e) => e.relationIds)).toEqual([timeless.id, current.id])
    expect(counts).toMatchObject({ relations: 2, hiddenRelations: 1 })
  })

  it('applies type and family filters to relations; grade filters only to graded ones', () => {
    const ally = relation({})
    const rival = relation({ type: 'rival', to: 'usa' })
    const weak = relation({ type: 'supports', to: 'qatar', evidence: ['a2'] })
    const strong = relation({ type: 'supports', to: 'irgc', evidence: ['a1', 'a2'] })
    const ungraded = relation({ type: 'supports', from: 'russia', to: 'irgc', evidence: ['a3'] })
    const relations = [ally, rival, weak, strong, ungraded]
    const shown = (filter: GraphFilter) =>
      buildGraph(input({ relations }, filter)).edges.flatMap((e) => e.relationIds)
    expect(shown({ types: ['rival', 'assault'] })).toEqual([rival.id])
    // Only event types chosen: every relation is hidden.
    expect(shown({ types: ['assault'] })).toEqual([])
    expect(shown({ family: 'conflict' })).toEqual([rival.id])
    expect(shown({ family: ['cooperation'] })).toEqual([ally.id, weak.id, strong.id, ungraded.id])
    // Relations have no credibility: that filter leaves them alone.
    expect(shown({ minCredibility: 1 })).toHaveLength(5)
    // A relation whose graded sources are all too weak goes; one without a graded source stays.
    expect(shown({ minReliability: 'C' })).toEqual([ally.id, rival.id, strong.id, ungraded.id])
  })

  it('skips relations to an unknown entity, to itself or to a hidden location', () => {
    const relations = [
      relation({ to: 'deleted-actor' }),
      relation({ to: 'iran' }),
      relation({ to: 'moscow', type: 'based in' }),
    ]
    expect(buildGraph(input({ relations })).counts).toMatchObject({
      relations: 0,
      hiddenRelations: 3,
    })
    const withPlaces = buildGraph(input({ relations }, { includeLocations: true }))
    expect(withPlaces.edges.map((e) => e.to)).toEqual(['moscow'])
  })

  it('hides isolated nodes on request and counts them', () => {
    const events = [event({ targets: [] }), event({ initiators: ['irgc'], targets: ['usa'] })]
    const relations = [relation({})]
    const { nodes, counts } = buildGraph(input({ events, relations }, { hideIsolated: true }))
    expect(nodes.map((n) => n.id)).toEqual(['iran', 'irgc', 'russia', 'usa'])
    expect(counts.hiddenIsolated).toBe(1) // Qatar
    // Iran's targetless event counts towards it though it draws no edge.
    expect(nodes.find((n) => n.id === 'iran')?.eventCount).toBe(1)
    // Filtered away, an edge no longer keeps its ends.
    const filtered = buildGraph(
      input({ events, relations }, { hideIsolated: true, types: ['assault'] }),
    )
    expect(filtered.nodes.map((n) => n.id)).toEqual(['irgc', 'usa'])
    expect(filtered.counts.hiddenIsolated).toBe(3)
  })

  it('with locations, adds location nodes tied to the actors of the events there', () => {
    const strike = event({ initiators: ['iran', 'irgc'], targets: ['usa'], locationId: 'udeid' })
    const again = event({ type: 'clash', locationId: 'udeid', when: day(2) })
    const talks = event({ type: 'consult', targets: ['russia'], locationId: 'moscow' })
    const inQatar = event({ initiators: ['qatar'], targets: ['usa'], locationId: 'qatar' })
    const events = [strike, again, talks, inQatar]
    const off = buildGraph(input({ events }))
    expect(off.nodes.some((n) => n.kind === 'location')).toBe(false)
    expect(off.edges.some((e) => e.kind === 'location')).toBe(false)

    const { nodes, edges } = buildGraph(input({ events }, { includeLocations: true }))
    expect(nodes.find((n) => n.id === 'udeid')).toEqual({
      id: 'udeid',
      label: 'Al Udeid Air Base',
      kind: 'location',
      eventCount: 2,
    })
    const at = edges.filter((e) => e.kind === 'location')
    expect(at.map((e) => [e.id, e.count, e.label])).toEqual([
      ['at:iran>moscow', 1, 'at'],
      ['at:iran>udeid', 2, 'at ×2'],
      ['at:irgc>udeid', 1, 'at'],
      ['at:russia>moscow', 1, 'at'],
      // A state named as the place: tied to the other actor, never to itself.
      ['at:usa>qatar', 1, 'at'],
      ['at:usa>udeid', 2, 'at ×2'],
    ])
    expect(at.every((e) => e.type === 'at' && e.family === 'neutral' && !e.directed)).toBe(true)
    expect(edges.find((e) => e.id === 'at:iran>udeid')!.eventIds).toEqual([again.id, strike.id])
    // Qatar is counted once for the event it both initiated and hosted.
    expect(nodes.find((n) => n.id === 'qatar')?.eventCount).toBe(1)
  })

  it('with locations and hideIsolated, drops locations where nothing passing happened', () => {
    const events = [event({ locationId: 'udeid' })]
    const { nodes } = buildGraph(input({ events }, { includeLocations: true, hideIsolated: true }))
    expect(nodes.map((n) => n.id)).toEqual(['udeid', 'iran', 'usa'])
  })

  it('is deterministic: the same records in any order give the same graph', () => {
    const events = [
      event({ when: day(1), evidence: ['a1'] }),
      event({ when: day(0), confidence: 2 }),
      event({ initiators: ['irgc', 'iran'], targets: ['qatar'], locationId: 'udeid' }),
      event({ type: 'consult', targets: ['russia'] }),
    ]
    const relations = [relation({}), relation({ from: 'usa', to: 'qatar', type: 'supports' })]
    const filter: GraphFilter = { includeLocations: true }
    const one = buildGraph(input({ events, relations }, filter))
    const entities = new Map([...input().entities].reverse())
    const two = buildGraph(
      input(
        { events: [...events].reverse(), relations: [...relations].reverse(), entities },
        filter,
      ),
    )
    expect(two).toEqual(one)
    expect(JSON.stringify(two)).toBe(JSON.stringify(one))
    expect(ids(one.edges)).toEqual([...ids(one.edges)].sort())
  })

  it('lists the ties in id order when an actor id or a type is a prefix of another', () => {
    // "a1" is a prefix of "a10" and "a1-x": "ev:a10>…" and "ev:a1-x>…" sort before "ev:a1>…"
    // (digits and "-" before ">"), though "a1" sorts first among the ids themselves.
    const names = ['a1', 'a10', 'a1-x', 'b', 'b2', 'b.c']
    const entities = new Map(names.map((id) => [id, { name: id, kind: 'person' as EntityKind }]))
    const events: EventRecord[] = []
    for (const from of names)
      for (const to of [...names].reverse())
        for (const type of ['assault', 'assault2', 'consult'])
          if (from !== to && (from.length + to.length + type.length) % 3 !== 0)
            events.push(event({ initiators: [from], targets: [to], type }))
    const { edges } = buildGraph(input({ events: events.reverse(), entities }))
    expect(edges.length).toBeGreaterThan(40)
    expect(ids(edges)).toEqual([...ids(edges)].sort())
    // Without such ids the ties come in id order as well.
    const plain = ['p', 'q', 'r', 's']
    const plainEntities = new Map(
      plain.map((id) => [id, { name: id, kind: 'person' as EntityKind }]),
    )
    const plainEvents = plain.flatMap((from) =>
      plain
        .filter((to) => to !== from)
        .map((to) => event({ initiators: [to === 'q' ? from : to], targets: [from] })),
    )
    const some = buildGraph(input({ events: plainEvents, entities: plainEntities })).edges
    expect(ids(some)).toEqual([...ids(some)].sort())
    expect(some.length).toBe(9)
  })

  it('sorts nodes by label ignoring case, then by id', () => {
    const entities = new Map<string, { name: string; kind: EntityKind }>([
      ['b', { name: 'alpha', kind: 'person' }],
      ['a', { name: 'Alpha', kind: 'person' }],
      ['c', { name: 'Beta', kind: 'group' }],
      ['d', { name: 'ábaco', kind: 'other' }],
    ])
    expect(ids(buildGraph(input({ entities })).nodes)).toEqual(['d', 'a', 'b', 'c'])
  })
})

describe('prepareGraph and buildPreparedGraph', () => {
  it('one preparation built under filter after filter gives what a fresh build gives', () => {
    const events = [
      event({ when: day(2), evidence: ['a1', 'a2'], confidence: 3 }),
      event({ when: day(0), evidence: ['a2'] }),
      event({ when: day(1), confidence: 1, locationId: 'udeid' }),
      event({
        initiators: ['irgc', 'iran', 'iran'],
        targets: ['qatar', 'usa'],
        locationId: 'udeid',
      }),
      event({ type: 'consult', targets: ['russia'], when: day(0), locationId: 'moscow' }),
      event({ type: 'consult', initiators: ['russia'], targets: ['iran'], evidence: ['a3'] }),
      event({ initiators: ['usa'], targets: ['iran'], when: day(0, { end: T0 + 2 * DAY }) }),
      event({ targets: ['iran'] }),
      event({ type: 'custom', initiators: ['qatar'], targets: ['nobody'] }),
    ]
    const relations = [
      relation({}),
      relation({ from: 'usa', to: 'qatar', type: 'supports', directed: true, evidence: ['a2'] }),
      relation({ from: 'iran', to: 'usa', type: 'rival', when: day(5) }),
    ]
    const records = input({ events, relations })
    const prepared = prepareGraph(records)
    const filters: GraphFilter[] = [
      {},
      { family: 'conflict' },
      { includeLocations: true },
      { window: { start: T0, end: T0 + DAY } },
      { minReliability: 'B', hideIsolated: true },
      { types: ['consult', 'ally'], includeLocations: true, hideIsolated: true },
      { minCredibility: 2 },
      {},
      { includeLocations: true },
    ]
    for (const filter of filters) {
      const fresh = buildGraph({ ...records, filter })
      expect(buildPreparedGraph(prepared, filter)).toEqual(fresh)
      expect(fresh.edges.length + fresh.nodes.length).toBeGreaterThan(0)
    }
  })

  it('reuses an edge all of whose events pass, and makes its own where a window splits one', () => {
    const events = [
      event({ when: day(0), confidence: 4 }),
      event({ when: day(3), confidence: 2 }),
      event({ type: 'consult', initiators: ['russia'], targets: ['iran'], when: day(1) }),
    ]
    const prepared = prepareGraph(input({ events }))
    const all = buildPreparedGraph(prepared, {})
    const conflict = buildPreparedGraph(prepared, { family: 'conflict' })
    const strike = (m: typeof all) => m.edges.find((e) => e.id.startsWith('ev:iran>usa'))!
    // A family filter keeps the (Iran, US, strike) tie whole: the same edge, not a copy.
    expect(strike(conflict)).toBe(strike(all))
    expect(conflict.edges).toHaveLength(1)
    // A window that cuts the tie in two makes an edge of the events inside only…
    const cut = buildPreparedGraph(prepared, { window: { start: T0, end: T0 + DAY / 2 } })
    expect(strike(cut)).not.toBe(strike(all))
    expect(strike(cut)).toMatchObject({ count: 1, eventIds: [events[0]!.id], bestCredibility: 4 })
    // …and leaves the whole one as it was.
    expect(strike(buildPreparedGraph(prepared, {}))).toMatchObject({
      count: 2,
      eventIds: [events[0]!.id, events[1]!.id],
      bestCredibility: 2,
      label: 'Assault / strike ×2',
    })
    // Event counts per actor follow the filter.
    const count = (m: typeof all, id: string) => m.nodes.find((n) => n.id === id)!.eventCount
    expect([count(all, 'iran'), count(conflict, 'iran'), count(cut, 'iran')]).toEqual([3, 2, 1])
  })
})

describe('edgeSummary', () => {
  const entities = input().entities
  it('says who, what, when and how sure, one fact a line', () => {
    const { edges } = buildGraph(
      input({
        events: [event({ when: day(0), confidence: 2 }), event({ when: day(2), evidence: ['a1'] })],
      }),
    )
    expect(edgeSummary(edges[0]!, entities)).toBe(
      'Iran → United States\nAssault / strike ×2\nSat 21 Jun 2025 – Mon 23 Jun 2025\n' +
        'Best source: B\nBest credibility: 2',
    )
  })

  it('shows one day once, an undirected tie with a double arrow, and no grades it lacks', () => {
    const { edges } = buildGraph(input({ relations: [relation({ when: day(1) })] }))
    expect(edgeSummary(edges[0]!, entities)).toBe('Iran ↔ Russia\nally of\nSun 22 Jun 2025')
  })
})

describe('layoutGraph', () => {
  it('gives the whole graph’s nodes, event counts and actor ties, as buildPreparedGraph does', () => {
    const events = [
      event({ when: day(2), evidence: ['a1', 'a2'] }),
      event({ when: day(0) }),
      event({ when: day(1), locationId: 'udeid' }),
      event({ initiators: ['irgc', 'iran', 'iran'], targets: ['qatar', 'usa'] }),
      event({ type: 'consult', targets: ['russia'], locationId: 'moscow' }),
      event({ type: 'consult', initiators: ['russia'], targets: ['iran'] }),
      event({ initiators: ['usa'], targets: ['iran'] }),
      event({ targets: ['iran'] }),
      event({ type: 'custom', initiators: ['qatar'], targets: ['nobody'] }),
    ]
    const relations = [
      relation({ id: 'r-b' }),
      relation({ id: 'r-a', from: 'usa', to: 'qatar', type: 'supports', directed: true }),
      relation({ id: 'r-c', from: 'iran', to: 'iran' }),
      relation({ id: 'r-d', from: 'iran', to: 'udeid' }),
    ]
    const prepared = prepareGraph(input({ events, relations }))
    const whole = buildGraph(input({ events, relations }))
    const layout = layoutGraph(prepared)
    const ties = layoutTies(layout)
    // The same nodes and ties (in an order of its own: the layout's result does not depend on it).
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    const tieKey = (e: { from: string; to: string; count: number }) =>
      `${e.from}>${e.to}×${e.count}`
    expect(layout.nodes).toEqual(
      whole.nodes.map((n) => ({ id: n.id, eventCount: n.eventCount })).sort(byId),
    )
    expect(ties.map(tieKey).sort()).toEqual(
      whole.edges
        .filter((e) => e.kind !== 'location')
        .map(tieKey)
        .sort(),
    )
    // Iran → US strikes: four events (the fourth names Iran twice, counted once).
    expect(ties.some((e) => e.from === 'iran' && e.to === 'usa' && e.count === 4)).toBe(true)
    expect(ties.length).toBeGreaterThan(5)
    // Made before the model: the model's later build reuses the same preparation.
    expect(buildPreparedGraph(prepared, {})).toEqual(whole)
  })

  it('lists the same ties in the same order whatever the order of the records', () => {
    const events = [
      event({ when: day(2) }),
      event({ type: 'consult', initiators: ['russia'], targets: ['iran'] }),
      event({ initiators: ['usa', 'qatar'], targets: ['iran', 'usa'] }),
      event({ type: 'consult', targets: ['russia'] }),
      event({ initiators: ['usa'], targets: ['iran'] }),
    ]
    const relations = [
      relation({ id: 'r-b' }),
      relation({ id: 'r-a', from: 'usa', to: 'qatar', type: 'supports', directed: true }),
    ]
    const forward = layoutGraph(prepareGraph(input({ events, relations })))
    const backward = layoutGraph(
      prepareGraph(input({ events: [...events].reverse(), relations: [...relations].reverse() })),
    )
    expect(backward).toEqual(forward)
    const ties = layoutTies(forward)
    // Usa → Iran: two events of one type, one tie; usa → usa is no tie.
    expect(ties.filter((e) => e.from === 'usa' && e.to === 'iran')).toEqual([
      { from: 'usa', to: 'iran', count: 2 },
    ])
    expect(ties.some((e) => e.from === e.to)).toBe(false)
    // The relations come last, by id.
    expect(ties.slice(-2).map((e) => e.from)).toEqual(['usa', relations[0]!.from])
  })
})

describe('prepareGraph with the previous preparation', () => {
  it('keeps the structure of the same records and grades them under the new lookups', () => {
    const events = [event({ evidence: ['a1'] }), event({ evidence: ['a2'] })]
    const ungraded = input({
      events,
      evidence: new Map(),
      documents: new Map(),
      sources: new Map(),
    })
    const first = prepareGraph(ungraded)
    const before = buildPreparedGraph(first, {})
    expect(before.edges[0]!.bestReliability).toBeUndefined()
    const graded = input({ events, relations: ungraded.relations, entities: ungraded.entities })
    const second = prepareGraph(graded, first)
    // The structure is shared (not made again), the grades are the new lookups'.
    expect(second.parts).toBe(first.parts)
    const after = buildPreparedGraph(second, {})
    expect(after.edges[0]!.bestReliability).toBe('B')
    expect(buildPreparedGraph(second, { minReliability: 'B' }).counts.events).toBe(1)
    expect(after).toEqual(buildGraph({ ...graded, filter: {} }))
    // The first preparation still builds as it did.
    expect(buildPreparedGraph(first, {})).toEqual(before)
  })

  it('starts afresh when the records are other arrays', () => {
    const records = input({ events: [event({})] })
    const first = prepareGraph(records)
    buildPreparedGraph(first, {})
    const other = prepareGraph({ ...records, events: [event({ targets: ['qatar'] })] }, first)
    expect(other.parts).not.toBe(first.parts)
    expect(buildPreparedGraph(other, {}).edges.map((e) => e.to)).toEqual(['qatar'])
  })
})

describe('strongestEdges', () => {
  const edge = (id: string, count: number) => ({ id, count }) as GraphEdge

  it('keeps every tie up to the limit, the same array', () => {
    const edges = [edge('a', 1), edge('b', 5)]
    expect(strongestEdges(edges, 2)).toBe(edges)
  })

  it('keeps the ties of most events, the first in order among equals, in their order', () => {
    const edges = [
      edge('a', 1),
      edge('b', 5),
      edge('c', 2),
      edge('d', 2),
      edge('e', 9),
      edge('f', 2),
    ]
    expect(strongestEdges(edges, 4).map((e) => e.id)).toEqual(['b', 'c', 'd', 'e'])
    expect(strongestEdges(edges, 1).map((e) => e.id)).toEqual(['e'])
    expect(strongestEdges(edges, 0)).toEqual([])
  })

  it('returns exactly the limit when many ties share the threshold count', () => {
    const edges = Array.from({ length: 50_000 }, (_, i) => edge(`t${i}`, 1 + (i % 7)))
    const kept = strongestEdges(edges, 5000)
    expect(kept).toHaveLength(5000)
    const least = Math.min(...kept.map((e) => e.count))
    expect(edges.filter((e) => e.count > least).every((e) => kept.includes(e))).toBe(true)
  })
})

describe('a preparation reused over random changes', () => {
  /** A seeded generator (mulberry32), so a failure can be replayed. */
  function mulberry32(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }
  const TYPES = ['assault', 'consult', 'protest', 'aid', 'sanction', 'custom-type']
  const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const
  const ACTORS = ENTITIES.map(([id]) => id)

  /** What the filter should give, worked out the plain way from `GraphFilter`'s rules. */
  function expected(records: GraphInput, filter: GraphFilter) {
    const isNode = (id: string) => {
      const e = records.entities.get(id)
      return !!e && e.kind !== 'location'
    }
    const best = (evidence: string[]) => {
      let out = 6
      for (const a of evidence) {
        const docId = records.evidence.get(a)?.docId
        const sourceId = docId ? records.documents.get(docId)?.sourceId : undefined
        const grade = sourceId ? records.sources.get(sourceId)?.reliability : undefined
        if (grade) out = Math.min(out, GRADES.indexOf(grade))
      }
      return out
    }
    const families = filter.family === undefined ? [] : [filter.family].flat()
    const edges = new Map<string, { ids: string[]; credibility?: number; grade: number }>()
    const nodeCounts = new Map<string, number>()
    let passing = 0
    for (const e of records.events) {
      const grade = best(e.evidence)
      const pass =
        (!filter.types?.length || filter.types.includes(e.type)) &&
        (!families.length || families.includes(relationFamilyOfEvent(e.type))) &&
        (filter.minCredibility === undefined ||
          (e.confidence !== undefined && e.confidence <= filter.minCredibility)) &&
        (!filter.minReliability || grade <= GRADES.indexOf(filter.minReliability)) &&
        (!filter.window ||
          (!!e.when && Number.isFinite(e.when.start) && overlapsWindow(e.when, filter.window)))
      if (!pass) continue
      passing++
      const initiators = [...new Set(e.initiators)].filter(isNode)
      const targets = [...new Set(e.targets)].filter(isNode)
      for (const id of new Set([...initiators, ...targets]))
        nodeCounts.set(id, (nodeCounts.get(id) ?? 0) + 1)
      for (const from of initiators)
        for (const to of targets) {
          if (from === to) continue
          const id = `ev:${from}>${to}:${e.type}`
          const edge = edges.get(id) ?? { ids: [], grade: 6 }
          edge.ids.push(e.id)
          edge.grade = Math.min(edge.grade, grade)
          if (
            e.confidence !== undefined &&
            (edge.credibility === undefined || e.confidence < edge.credibility)
          )
            edge.credibility = e.confidence
          edges.set(id, edge)
        }
    }
    return {
      passing,
      nodeCounts: Object.fromEntries([...nodeCounts].sort()),
      edges: Object.fromEntries(
        [...edges]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([id, e]) => [
            id,
            {
              ids: [...e.ids].sort(),
              credibility: e.credibility,
              reliability: GRADES[e.grade],
            },
          ]),
      ),
    }
  }
  const relationFamilyOfEvent = (type: string) =>
    buildGraph(input({ events: [event({ type })] })).edges[0]!.family

  /** What a model shows, in the form `expected` gives. */
  function shown(model: ReturnType<typeof buildGraph>) {
    return {
      passing: model.counts.events,
      nodeCounts: Object.fromEntries(
        model.nodes
          .filter((n) => n.eventCount > 0)
          .map((n) => [n.id, n.eventCount])
          .sort(),
      ),
      edges: Object.fromEntries(
        model.edges
          .filter((e) => e.kind === 'event')
          .map((e) => [
            e.id,
            {
              ids: [...e.eventIds].sort(),
              credibility: e.bestCredibility,
              reliability: e.bestReliability,
            },
          ]),
      ),
    }
  }

  it('gives what the plain rules give, filter after filter, before and after the grades', () => {
    const random = mulberry32(17)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!
    const events: EventRecord[] = Array.from({ length: 400 }, () => {
      const r = random()
      const when =
        r < 0.1
          ? undefined
          : r < 0.4
            ? {
                start: T0 + Math.floor(random() * 60) * DAY,
                precision: 'day' as const,
                approximate: false,
              }
            : day(
                Math.floor(random() * 60),
                r < 0.5 ? { end: T0 + (70 + Math.floor(random() * 5)) * DAY } : {},
              )
      return event({
        type: pick(TYPES),
        initiators: Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(ACTORS)),
        targets: Array.from({ length: Math.floor(random() * 3) }, () => pick(ACTORS)),
        ...(when ? { when } : {}),
        ...(random() < 0.7 ? { confidence: (1 + Math.floor(random() * 6)) as 1 } : {}),
        evidence: Array.from({ length: Math.floor(random() * 3) }, () =>
          pick(['a1', 'a2', 'a3', 'a4']),
        ),
      })
    })
    const ungraded = input({
      events,
      evidence: new Map(),
      documents: new Map(),
      sources: new Map(),
    })
    // As the panel does: the structure first (and the whole graph built on it), then the
    // grades over it, then other grades (a source regraded) over the same structure.
    const structure = prepareGraph(ungraded)
    buildPreparedGraph(structure, {})
    const lookups = (a: (typeof GRADES)[number], b: (typeof GRADES)[number]) => ({
      evidence: new Map([
        ['a1', { docId: 'd1' }],
        ['a2', { docId: 'd2' }],
        ['a3', { docId: 'd3' }],
        ['a4', { docId: 'd4' }],
      ]),
      documents: new Map([
        ['d1', { sourceId: 's1' }],
        ['d2', { sourceId: 's2' }],
        ['d3', {}],
        ['d4', { sourceId: 's1' }],
      ]),
      sources: new Map([
        ['s1', { reliability: a }],
        ['s2', { reliability: b }],
      ]),
    })
    const stages = [
      { records: ungraded, prepared: structure },
      ...[lookups('B', 'E'), lookups('D', 'A')].map((grades) => {
        const records = { ...ungraded, ...grades }
        return { records, prepared: prepareGraph(records, structure) }
      }),
    ]
    let checked = 0
    for (const { records, prepared } of stages) {
      for (let change = 0; change < 40; change++) {
        const start = T0 + Math.floor(random() * 70) * DAY
        const filter: GraphFilter = {
          ...(random() < 0.3 ? { types: [pick(TYPES)] } : {}),
          ...(random() < 0.3
            ? { family: pick(['conflict', 'cooperation', 'neutral'] as const) }
            : {}),
          ...(random() < 0.2 ? { minCredibility: (1 + Math.floor(random() * 6)) as 1 } : {}),
          ...(random() < 0.3 ? { minReliability: pick(GRADES) } : {}),
          ...(random() < 0.6
            ? { window: { start, end: start + Math.floor(random() * 30) * DAY } }
            : {}),
        }
        const model = buildPreparedGraph(prepared, filter)
        expect(shown(model)).toEqual(expected(records, filter))
        expect(model).toEqual(buildGraph({ ...records, filter }))
        checked += model.edges.length
      }
    }
    expect(checked).toBeGreaterThan(1000)
  })
})
