import { describe, expect, it } from 'vitest'
import { intersect, posting, Postings, PostingsError, type SegmentParts } from './postings'

const keys = (entries: [string, number][]): Map<string, number> => new Map(entries)

describe('Postings', () => {
  it('lists each key’s documents with their slots, before and after a save', () => {
    const lists = new Postings()
    lists.add(
      1,
      keys([
        ['ir', 1],
        ['iran', 0],
      ]),
    )
    lists.add(2, keys([['ir', 2]]))
    // Large ids and gaps survive the variable-length packing.
    lists.add(
      3_000_000,
      keys([
        ['ir', 0],
        ['zz', 2],
      ]),
    )
    expect(lists.list('ir')).toEqual([posting(1, 1), posting(2, 2), posting(3_000_000, 0)])
    const parts = lists.serialise(() => true)
    const back = Postings.load(structuredClone(parts))
    for (const list of [lists, back]) {
      expect(list.list('ir')).toEqual([posting(1, 1), posting(2, 2), posting(3_000_000, 0)])
      expect(list.list('iran')).toEqual([posting(1, 0)])
      expect(list.list('zz')).toEqual([posting(3_000_000, 2)])
      expect(list.list('nope')).toEqual([])
    }
    // Added after loading: on top of the base, in id order.
    back.add(3_000_001, keys([['ir', 1]]))
    expect(back.list('ir').at(-1)).toBe(posting(3_000_001, 1))
    expect(back.keyCount()).toBe(3)
  })

  it('leaves out documents no longer held, and keys left with none', () => {
    const lists = new Postings()
    lists.add(
      1,
      keys([
        ['secret', 1],
        ['ir', 1],
      ]),
    )
    lists.add(2, keys([['ir', 1]]))
    const parts = lists.serialise((id) => id !== 1)
    expect(parts.segments.map((s) => s.keys).join()).not.toContain('secret')
    expect(Postings.load(parts).list('ir')).toEqual([posting(2, 1)])
    expect(lists.list('secret')).toEqual([])
  })

  it('refuses saved lists that do not fit together', () => {
    const parts = new Postings()
    parts.add(
      1,
      keys([
        ['a', 0],
        ['b', 0],
      ]),
    )
    const good = parts.serialise(() => true).segments[0]!
    const load = (s: Partial<SegmentParts>) => () =>
      Postings.load({ segments: [{ ...good, ...s }] })
    expect(load({ keys: 'a\nb\nc' })).toThrow(PostingsError)
    expect(load({ keys: 'b\na' })).toThrow(/sorted/)
    expect(load({ keys: 'a' })).toThrow(/differ/)
    expect(load({ minId: 2, maxId: 1 })).toThrow(/range/)
    expect(() =>
      Postings.load({ segments: [{ ...good, data: 'x' as unknown as Uint8Array }] }),
    ).toThrow(/bytes/)
  })

  it('freezes added postings into segments, merges small ones, and rewrites only segments with a gone document', () => {
    // A segment every 4 postings (two documents of two keys), merged up to 8 bytes.
    const lists = new Postings(4, 8)
    for (let id = 1; id <= 10; id++) {
      lists.add(
        id,
        keys([
          ['all', id % 3],
          [`d${id}`, 0],
        ]),
      )
    }
    expect(lists.segmentCount).toBeGreaterThan(1)
    expect(lists.segmentCount).toBeLessThan(5)
    const want = Array.from({ length: 10 }, (_, i) => posting(i + 1, (i + 1) % 3))
    expect(lists.list('all')).toEqual(want)
    const first = lists.serialise(() => true, 11)
    // Removing document 10 leaves every segment but the last as it was saved.
    const second = lists.serialise((id) => id !== 10, 11)
    expect(second.segments.slice(0, -1)).toEqual(first.segments.slice(0, -1))
    expect(second.segments.at(-1)).not.toEqual(first.segments.at(-1))
    const back = Postings.load(structuredClone(second))
    expect(back.list('all')).toEqual(want.slice(0, 9))
    expect(back.list('d10')).toEqual([])
    expect(back.list('d3')).toEqual([posting(3, 0)])
  })
})

describe('intersect', () => {
  it('keeps documents under every list, by slot sum then id, skipping those not live', () => {
    const a = [posting(1, 2), posting(2, 0), posting(3, 1), posting(4, 0)]
    const b = [posting(1, 0), posting(3, 0), posting(4, 1), posting(5, 0)]
    expect(intersect([a, b], () => true)).toEqual([3, 4, 1])
    expect(intersect([a, b], (id) => id !== 3)).toEqual([4, 1])
    expect(intersect([a], () => true)).toEqual([2, 4, 3, 1])
    expect(intersect([], () => true)).toEqual([])
  })
  it('finds the same documents when one list is far longer than the other (binary search)', () => {
    const long = Array.from({ length: 1000 }, (_, i) => posting(i + 1, i % 3))
    const short = [posting(5, 0), posting(500, 2), posting(999, 0), posting(2000, 0)]
    // Sums: 5 → 1 + 0, 500 → 2 + 2, 999 → 2 + 0; 2000 is in one list only.
    expect(intersect([long, short], () => true)).toEqual([5, 999, 500])
    // The long list twice: 5 → 2, 500 → 4, 999 → 4 (a tie: by id).
    expect(intersect([short, long, long], () => true)).toEqual([5, 500, 999])
  })
  it('narrows by filters without counting their slots, the shortest list first', () => {
    const a = [posting(1, 2), posting(2, 0), posting(3, 1), posting(4, 0)]
    const filter = [posting(1, 0), posting(3, 2), posting(4, 2)]
    // 2 is not under the filter; the others keep their order by `a`'s slots alone.
    expect(intersect([a], () => true, [filter])).toEqual([4, 3, 1])
    expect(intersect([a], (id) => id !== 4, [filter, a])).toEqual([3, 1])
    expect(intersect([a], () => true, [[]])).toEqual([])
  })
})

describe('Postings.listBytes', () => {
  it('tells a list’s size without decoding it, before and after a save, with blocks still to read', () => {
    const lists = new Postings()
    for (let id = 1; id <= 300; id++)
      lists.add(id, keys([['all', 1], ...(id % 100 ? [] : ([['few', 0]] as [string, number][]))]))
    expect(lists.listBytes('few')).toBe(3)
    expect(lists.listBytes('all')).toBe(300)
    expect(lists.listBytes('none')).toBe(0)
    const parts = lists.serialise(() => true, 300)
    const [segment] = parts.segments
    // Read back with every byte still to come: the sizes are known from the offsets.
    const back = Postings.load({
      segments: [
        {
          ...segment!,
          data: new Uint8Array(segment!.data.length),
          blockBytes: 64,
          missing: Array.from({ length: Math.ceil(segment!.data.length / 64) }, (_, i) => i),
        },
      ],
    })
    // A posting is id × 4 + slot: 3 postings 400 apart take 2 bytes each, 300 postings 4
    // apart 1 byte each.
    expect(back.listBytes('few')).toBe(6)
    expect(back.listBytes('all')).toBe(300)
    back.add(301, keys([['few', 1]]))
    expect(back.listBytes('few')).toBe(7)
  })
})
