import { describe, expect, it } from 'vitest'
import {
  corroborateAll,
  OriginResolver,
  suggestConfirmed,
  type CorroborationContext,
  type CorroborationPassage,
} from './corroboration'

function ctx(passages: CorroborationPassage[], copies?: Map<string, string>): CorroborationContext {
  return {
    passages: new Map(passages.map((p) => [p.id, p])),
    documents: new Map([
      ['d-reuters', { sourceId: 's-reuters', title: 'Reuters wire' }],
      ['d-reuters-2', { sourceId: 's-reuters', title: 'Reuters follow-up' }],
      ['d-bbc', { sourceId: 's-bbc', title: 'BBC report' }],
      ['d-aj', { sourceId: 's-aj', title: 'Al Jazeera copy' }],
      ['d-blog', { title: 'Anonymous blog' }],
    ]),
    sources: new Map([
      ['s-reuters', { name: 'Reuters', reliability: 'B' as const }],
      ['s-bbc', { name: 'BBC', reliability: 'C' as const }],
      ['s-aj', { name: 'Al Jazeera', reliability: 'B' as const }],
    ]),
    ...(copies ? { copies } : {}),
  }
}

const p = (id: string, docId: string, extra: Partial<CorroborationPassage> = {}) => ({
  id,
  docId,
  ...extra,
})

describe('corroboration', () => {
  it('counts reports and independent origins, not passages, with their grades', () => {
    const c = new OriginResolver(
      ctx([
        p('a', 'd-reuters', { credibility: 2 }),
        p('b', 'd-reuters', { credibility: 2 }),
        p('c', 'd-reuters-2', { credibility: 2 }),
        p('d', 'd-bbc', { credibility: 3 }),
      ]),
    ).corroborate(['a', 'b', 'c', 'd'])
    expect(c.reports).toBe(3)
    expect(c.origins.map((o) => o.label)).toEqual(['Reuters', 'BBC'])
    expect(c.grades).toEqual(['B2', 'C3'])
    expect(c.summary).toBe('3 reports · 2 independent origins · B2, C3')
  })

  it('gives a second-hand passage the origin of the outlet it cites, matched by name', () => {
    const c = new OriginResolver(
      ctx([
        p('a', 'd-reuters'),
        p('b', 'd-bbc'),
        p('c', 'd-aj', { secondHand: { outlet: 'the Reuters news agency' } }),
      ]),
    ).corroborate(['a', 'b', 'c'])
    expect(c.reports).toBe(3)
    expect(c.origins).toHaveLength(2)
    expect(c.origins[0]).toMatchObject({ key: 'src:s-reuters', via: ['second-hand'] })
  })

  it('gives an outlet the case has no source for its own origin', () => {
    const c = new OriginResolver(
      ctx([p('a', 'd-reuters'), p('b', 'd-aj', { secondHand: { outlet: 'state TV' } })]),
    ).corroborate(['a', 'b'])
    expect(c.origins.map((o) => o.key)).toEqual(['src:s-reuters', 'outlet:state tv'])
  })

  it('counts near-identical copies as their original’s origin', () => {
    const copies = new Map([
      ['d-reuters', 'd-reuters'],
      ['d-aj', 'd-reuters'],
    ])
    const c = new OriginResolver(ctx([p('a', 'd-reuters'), p('b', 'd-aj')], copies)).corroborate([
      'a',
      'b',
    ])
    expect(c.reports).toBe(2)
    expect(c.origins).toHaveLength(1)
    expect(c.origins[0]!.via).toEqual(['copy'])
  })

  it('lists contradicting passages apart, never as support', () => {
    const c = new OriginResolver(
      ctx([p('a', 'd-reuters'), p('b', 'd-bbc', { stance: 'contradicts' })]),
    ).corroborate(['a', 'b'])
    expect(c.origins.map((o) => o.label)).toEqual(['Reuters'])
    expect(c.reports).toBe(1)
    expect(c.contradicting).toMatchObject({ passageIds: ['b'], reports: 1 })
    expect(c.summary).toBe('1 report · 1 independent origin · B · 1 contradicting passage')
  })

  it('takes each record’s own stance for a passage, else the passage’s', () => {
    const all = corroborateAll(
      [
        { id: 'against', evidence: ['a', 'b'], stances: { b: 'contradicts' } },
        { id: 'for', evidence: ['a', 'b'] },
        { id: 'overridden', evidence: ['a', 'x'], stances: { x: 'supports' } },
        { id: 'legacy', evidence: ['a', 'x'] },
      ],
      ctx([p('a', 'd-reuters'), p('b', 'd-bbc'), p('x', 'd-aj', { stance: 'contradicts' })]),
    )
    expect(all.get('against')!.contradicting.passageIds).toEqual(['b'])
    expect(all.get('against')!.origins.map((o) => o.label)).toEqual(['Reuters'])
    expect(all.get('for')!.contradicting.passageIds).toEqual([])
    expect(all.get('for')!.origins).toHaveLength(2)
    expect(all.get('overridden')!.summary).toBe('2 reports · 2 independent origins · B')
    expect(all.get('legacy')!.contradicting.passageIds).toEqual(['x'])
  })

  it('leaves orphaned passages out and uses the record’s grade where a passage has none', () => {
    const c = new OriginResolver(
      ctx([p('a', 'd-blog'), p('b', 'd-bbc', { anchor: { status: 'orphan' } })]),
    ).corroborate(['a', 'b', 'gone'], 4)
    expect(c.origins.map((o) => o.key)).toEqual(['doc:d-blog'])
    expect(c.grades).toEqual(['F4'])
  })

  it('computes every record at once', () => {
    const all = corroborateAll(
      [
        { id: 'e1', evidence: ['a', 'b'] },
        { id: 'e2', evidence: [] },
      ],
      ctx([p('a', 'd-reuters'), p('b', 'd-bbc')]),
    )
    expect(all.get('e1')!.origins).toHaveLength(2)
    expect(all.get('e2')!.summary).toBe('0 reports · 0 independent origins')
  })
})

describe('suggestConfirmed', () => {
  const resolver = new OriginResolver(
    ctx([
      p('a', 'd-reuters'),
      p('b', 'd-bbc'),
      p('c', 'd-reuters-2'),
      p('x', 'd-aj', { stance: 'contradicts' }),
    ]),
  )
  it('suggests 1 when two independent origins support and none contradicts, and says why', () => {
    const s = suggestConfirmed(resolver.corroborate(['a', 'b']), 3)
    expect(s?.origins).toEqual(['Reuters', 'BBC'])
    expect(s?.reason).toContain('Reuters and BBC')
  })
  it('does not suggest it on one origin, on a contradiction, or when already 1', () => {
    expect(suggestConfirmed(resolver.corroborate(['a', 'c']), undefined)).toBeUndefined()
    expect(suggestConfirmed(resolver.corroborate(['a', 'b', 'x']), undefined)).toBeUndefined()
    expect(suggestConfirmed(resolver.corroborate(['a', 'b']), 1)).toBeUndefined()
  })
})

describe('long evidence lists', () => {
  it('counts the same way beyond the short-list path', () => {
    const passages = Array.from({ length: 40 }, (_, i) =>
      p(`p${i}`, ['d-reuters', 'd-bbc', 'd-reuters-2', 'd-blog'][i % 4]!, {
        ...(i % 10 === 0 ? { stance: 'contradicts' as const } : {}),
      }),
    )
    const ids = passages.map((x) => x.id)
    const c = new OriginResolver(ctx(passages)).corroborate([...ids, ...ids])
    expect(c.reports).toBe(4)
    expect(c.origins.map((o) => o.key)).toEqual(['src:s-bbc', 'src:s-reuters', 'doc:d-blog'])
    expect(c.origins[1]!.passageIds).toHaveLength(16)
    expect(c.contradicting).toMatchObject({ reports: 2, passageIds: ['p0', 'p10', 'p20', 'p30'] })
  })
})

describe('counts and lists agree', () => {
  it('says in the summary exactly what the listed origins and contradictions hold', () => {
    let seed = 7
    const random = () => (seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32
    const docs = ['d-reuters', 'd-reuters-2', 'd-bbc', 'd-aj', 'd-blog', 'd-gone']
    const outlets = ['Reuters', 'state TV', 'BBC']
    const passages = Array.from({ length: 120 }, (_, i) => {
      const x = random()
      return p(`p${i}`, docs[Math.floor(random() * docs.length)]!, {
        ...(x < 0.2 ? { secondHand: { outlet: outlets[i % 3]! } } : {}),
        ...(x > 0.8 ? { stance: 'contradicts' as const } : {}),
        ...(x > 0.3 && x < 0.35 ? { anchor: { status: 'orphan' as const } } : {}),
        ...(random() < 0.5 ? { credibility: (1 + (i % 6)) as 1 | 2 | 3 | 4 | 5 | 6 } : {}),
      })
    })
    const copies = new Map([
      ['d-reuters', 'd-reuters'],
      ['d-aj', 'd-reuters'],
    ])
    // Short and long lists, with repeats and ids of no passage.
    const records = Array.from({ length: 200 }, (_, i) => ({
      id: `e${i}`,
      evidence: Array.from(
        { length: i % 7 === 0 ? 30 : 1 + Math.floor(random() * 6) },
        () => `p${Math.floor(random() * 130)}`,
      ),
    }))
    const all = corroborateAll(records, ctx(passages, copies))
    for (const r of records) {
      const c = all.get(r.id)!
      const support = [...new Set(r.evidence)].filter((id) => {
        const x = passages.find((q) => q.id === id)
        return x && x.anchor?.status !== 'orphan' && x.stance !== 'contradicts'
      })
      expect(c.origins.flatMap((o) => o.passageIds).sort()).toEqual(support.sort())
      const parts = c.summary.split(' · ')
      expect(parts[1]).toBe(
        `${c.origins.length} independent origin${c.origins.length === 1 ? '' : 's'}`,
      )
      const against = c.contradicting.passageIds.length
      expect(
        c.summary.endsWith(`${against} contradicting passage${against === 1 ? '' : 's'}`),
      ).toBe(against > 0)
      expect(new Set(c.origins.map((o) => o.key)).size).toBe(c.origins.length)
    }
  })
})
