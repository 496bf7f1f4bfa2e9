import { beforeAll, describe, expect, it } from 'vitest'
import { benchQueries } from './bench-search'
import {
  createIndex,
  deserialise,
  keepShownOrder,
  SEARCH_INDEX_FORMAT,
  SEARCH_PAGE,
  SearchIndexError,
  type SearchDoc,
  type SearchHit,
  type SearchIndex,
  type SearchParts,
} from './search-core'
import { foldText } from './search-text'
import { makeNewsCorpus } from './synthetic-corpus'

const docs: SearchDoc[] = [
  {
    id: 'strike-title',
    title: 'Missile strike on air base in Qatar',
    text: 'Iran fired missiles on Monday. Officials said the base was evacuated hours earlier.',
  },
  {
    id: 'strike-body',
    title: 'Regional round-up',
    text: 'Markets were calm. Later, a missile strike hit an air base, officials said.',
  },
  {
    id: 'strike-many',
    title: 'Analysis',
    text: 'The strike was the first. A second strike followed, and a third strike came at dawn; the missile count rose.',
  },
  {
    id: 'talks',
    title: 'Talks in São Paulo',
    text: 'Diplomats met Erdoğan’s envoy in Łódź before flying to São Paulo for talks.',
  },
  {
    id: 'force',
    title: 'Air force',
    text: 'The air force base stayed open. Airbase traffic was normal.',
  },
]

function build(list: SearchDoc[]): SearchIndex {
  const index = createIndex()
  for (const doc of list) index.add(doc)
  return index
}

const ids = (hits: SearchHit[]): string[] => hits.map((h) => h.docId)

/**
 * Queries `index` as the worker's client does: hands over the texts it asks for (from
 * `store`, the documents as the store holds them) until it answers. Counts the texts read.
 */
function answer(index: SearchIndex, store: SearchDoc[], q: string, reads = { count: 0 }) {
  const byId = new Map(store.map((d) => [d.id, d]))
  for (let round = 0; round < 50; round++) {
    const result = index.search(q)
    if ('hits' in result) return result.hits
    if ('blocks' in result) throw new Error(`blocks missing for ${q}`)
    reads.count += result.need.length
    index.provide(
      result.need.flatMap((id) => byId.get(id) ?? []),
      result.need,
    )
  }
  throw new Error(`no answer to ${q}`)
}

describe('search-core', () => {
  it('ranks title matches first, then documents with more occurrences', () => {
    const index = build(docs)
    expect(ids(index.query('strike '))).toEqual(['strike-title', 'strike-many', 'strike-body'])
    const [first] = index.query('missile strike ')
    expect(first!.docId).toBe('strike-title')
    expect(first!.titleHighlights).toEqual([
      [0, 7],
      [8, 14],
    ])
  })

  it('requires every term', () => {
    const index = build(docs)
    expect(ids(index.query('missile dawn ')).sort()).toEqual(['strike-many'])
    expect(index.query('missile paulo ')).toEqual([])
  })

  it('matches the last word as a prefix and earlier words exactly', () => {
    const index = build(docs)
    expect(ids(index.query('evac'))).toEqual(['strike-title'])
    expect(ids(index.query('missi')).sort()).toEqual(['strike-body', 'strike-many', 'strike-title'])
    // "air" must be a whole word: "Airbase" does not count, the prefix "bas" does.
    expect(ids(index.query('airbase ')).sort()).toEqual(['force'])
    expect(ids(index.query('air bas')).sort()).toEqual(['force', 'strike-body', 'strike-title'])
    expect(index.query('evac strike')).toEqual([])
    expect(index.query('evac ')).toEqual([])
  })

  it('finds quoted phrases only where the words are adjacent', () => {
    const index = build(docs)
    expect(ids(index.query('"air base"')).sort()).toEqual(['strike-body', 'strike-title'])
    expect(ids(index.query('"air force base"'))).toEqual(['force'])
    expect(ids(index.query('"air fo'))).toEqual(['force'])
    expect(index.query('"base air"')).toEqual([])
  })

  it('ignores case and diacritics both ways', () => {
    const index = build(docs)
    for (const q of ['sao paulo ', 'SÃO PAULO ', 'erdogan', 'lodz ', 'ŁÓDŹ ', 'Erdoğ']) {
      expect(ids(index.query(q))).toEqual(['talks'])
    }
  })

  it('returns snippets sliced from the text with highlights on the matched words', () => {
    const index = build(docs)
    const queries = ['missile strike ', 'officials said ', 'sao paulo ', '"air base"', 'erdo']
    for (const q of queries) {
      for (const hit of index.query(q)) {
        const doc = docs.find((d) => d.id === hit.docId)!
        for (const s of hit.snippets) {
          expect(doc.text.slice(s.start, s.start + s.text.length)).toBe(s.text)
          for (const [from, to] of s.highlights) {
            expect(from).toBeGreaterThanOrEqual(0)
            expect(to).toBeLessThanOrEqual(s.text.length)
            expect(/[\p{L}\p{N}]/u.test(s.text[from - 1] ?? ' ')).toBe(false)
            expect(/[\p{L}\p{N}]/u.test(s.text[to] ?? ' ')).toBe(false)
          }
        }
      }
    }
    const [hit] = index.query('sao paulo ')
    const marked = hit!.snippets[0]!.highlights.map(([a, b]) => hit!.snippets[0]!.text.slice(a, b))
    expect(marked).toEqual(['São', 'Paulo'])
  })

  it('forgets removed documents and replaces re-added ones', () => {
    const index = build(docs)
    expect(index.remove('strike-title')).toBe(true)
    expect(index.remove('strike-title')).toBe(false)
    expect(index.has('strike-title')).toBe(false)
    expect(ids(index.query('evac'))).toEqual([])
    expect(ids(index.query('missile strike ')).sort()).toEqual(['strike-body', 'strike-many'])
    index.add({ id: 'strike-body', title: 'Replaced', text: 'Nothing about weapons here.' })
    expect(ids(index.query('missile strike '))).toEqual(['strike-many'])
    expect(ids(index.query('weapons '))).toEqual(['strike-body'])
    expect(index.size).toBe(4)
  })

  it('answers identically after serialise and deserialise', async () => {
    const corpus = makeNewsCorpus(300, 3)
    const index = build(corpus)
    index.remove('doc-7')
    const parts = await index.serialise()
    expect(JSON.parse(parts.meta as string)).toMatchObject({ format: SEARCH_INDEX_FORMAT })
    const copy = deserialise(structuredClone(parts))
    expect(copy.docIds()).toEqual(index.docIds())
    for (const { q } of benchQueries(corpus, 15, 11)) {
      expect(answer(copy, corpus, q)).toEqual(index.query(q))
    }
    // The read-back index keeps working with updates.
    copy.add({ id: 'new', title: 'Zanzibar', text: 'A zanzibar report.' })
    expect(ids(copy.query('zanzibar '))).toEqual(['new'])
  })

  it('sweeps removed documents out when serialising, as if they had never been added', async () => {
    const corpus = makeNewsCorpus(200, 4)
    const index = build(corpus)
    const kept = corpus.filter((_, i) => i % 2 === 0)
    for (const [i, doc] of corpus.entries()) if (i % 2) index.remove(doc.id)
    const fresh = build(kept)
    const queries = benchQueries(corpus, 10, 5).map((x) => x.q)
    for (const q of queries) expect(index.query(q), q).toEqual(fresh.query(q))
    const size = (parts: SearchParts): number =>
      Object.entries(parts)
        // Keys and postings (format 6 keys every word exactly, so with half the documents
        // most of the keys are still there: the postings show the sweep).
        .filter(([key]) => key.startsWith('seg.') || key.startsWith('blk.'))
        .reduce((sum, [, part]) => sum + part.length, 0)
    const parts = await index.serialise()
    // Internal ids differ (every other one is gone), so sizes are close rather than equal.
    const unswept = size(await build(corpus).serialise())
    const clean = size(await fresh.serialise())
    expect(size(parts)).toBeLessThan(unswept * 0.7)
    expect(Math.abs(size(parts) - clean) / clean).toBeLessThan(0.1)
    for (const q of queries) expect(index.query(q), q).toEqual(fresh.query(q))
    for (const q of queries)
      expect(answer(deserialise(parts), corpus, q), q).toEqual(fresh.query(q))
  })

  it('saves no text, reads only the texts a query reaches, and checks them as the store holds them now', async () => {
    const corpus = makeNewsCorpus(300, 3)
    const parts = await build(corpus).serialise()
    const saved = Object.values(parts).join('\n')
    // Sentences of the texts are nowhere in the saved form (single words may be keys).
    for (const doc of corpus.slice(0, 20)) expect(saved).not.toContain(doc.text.slice(0, 60))
    const copy = deserialise(parts)
    const reads = { count: 0 }
    const q = `${corpus[5]!.title.split(' ')[0]!} `
    const hits = answer(copy, corpus, q, reads)
    expect(hits.length).toBeGreaterThan(0)
    expect(reads.count).toBeGreaterThan(0)
    expect(reads.count).toBeLessThan(corpus.length)
    // Asked again, the cached texts answer at once.
    expect('hits' in copy.search(q)).toBe(true)
    // A document the store no longer has is dropped when it is asked for.
    const gone = hits[0]!.docId
    const fresh = deserialise(parts)
    const store = corpus.filter((d) => d.id !== gone)
    expect(ids(answer(fresh, store, q))).not.toContain(gone)
    expect(fresh.has(gone)).toBe(false)
  })

  it('reads texts only for the first page of a query with 500 hits, and the next page on request, its snippets right', async () => {
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo']
    const store: SearchDoc[] = Array.from({ length: 500 }, (_, i) => ({
      id: `d${i}`,
      title: `Report ${i}`,
      text:
        `${words[i % 5]} line ${i}. `.repeat(1 + (i % 7)) +
        `The convoy reached town ${i} at dawn.\n\nLater the convoy left.`,
    }))
    const copy = deserialise(await build(store).serialise())
    const byId = new Map(store.map((d) => [d.id, d]))
    const asked: string[][] = []
    const page = (limit: number) => {
      for (;;) {
        const result = copy.search('convoy ', limit)
        if ('hits' in result) return result
        if ('blocks' in result) throw new Error('blocks missing')
        asked.push(result.need)
        copy.provide(
          result.need.map((id) => byId.get(id)!),
          result.need,
        )
      }
    }
    const first = page(SEARCH_PAGE)
    expect(first.hits).toHaveLength(SEARCH_PAGE)
    expect(first.more).toBe(true)
    // 500 match, but only the first pool's texts were read: not every hit's, nor 50 hits' worth.
    const firstRead = asked.flat()
    expect(firstRead.length).toBeLessThanOrEqual(100)
    expect(first.total).toBeUndefined()
    // The next page reads only texts not read yet, and keeps the first page's ranking.
    asked.length = 0
    const second = page(2 * SEARCH_PAGE)
    expect(second.hits).toHaveLength(2 * SEARCH_PAGE)
    expect(second.hits.slice(0, SEARCH_PAGE)).toEqual(first.hits)
    for (const id of asked.flat()) expect(firstRead).not.toContain(id)
    const newHits = second.hits.slice(SEARCH_PAGE)
    for (const hit of newHits) {
      const text = byId.get(hit.docId)!.text
      expect(hit.snippets.length).toBeGreaterThan(0)
      for (const s of hit.snippets) {
        expect(text.slice(s.start, s.start + s.text.length)).toBe(s.text)
        expect(s.highlights.length).toBeGreaterThan(0)
        for (const [a, b] of s.highlights) expect(s.text.slice(a, b).toLowerCase()).toBe('convoy')
      }
    }
    // Asked for all of them, every candidate is checked: the count is exact.
    const all = page(1000)
    expect(all.total).toBe(500)
    expect(all.more).toBe(false)
    expect(all.hits).toHaveLength(500)
  })

  it('knows the exact count when every candidate was checked', () => {
    const index = build(docs)
    expect(index.page('strike ', 2)).toMatchObject({ more: true, total: 3 })
    expect(index.page('strike ', 3)).toMatchObject({ more: false, total: 3 })
    expect(index.page('nothing ', 3)).toEqual({ hits: [], more: false, total: 0 })
  })

  it('keeps the hits shown in their place when a larger page arrives', () => {
    const hit = (docId: string): SearchHit => ({
      docId,
      score: 1,
      titleHighlights: [],
      snippets: [],
    })
    const shown = ['a', 'b', 'c'].map(hit)
    const next = ['d', 'a', 'c', 'e', 'b'].map(hit)
    expect(ids(keepShownOrder(shown, next))).toEqual(['a', 'b', 'c', 'd', 'e'])
    // One shown that the larger page no longer holds is not kept.
    expect(ids(keepShownOrder(shown, ['c', 'a', 'f'].map(hit)))).toEqual(['a', 'c', 'f'])
  })

  it('keeps at most the cache size of text, and still answers queries over more', async () => {
    const corpus = makeNewsCorpus(300, 3)
    const index = createIndex({ textCacheChars: 20_000 })
    for (const doc of corpus) index.add(doc)
    const reference = build(corpus)
    for (const { q } of benchQueries(corpus, 5, 3)) {
      expect(answer(index, corpus, q), q).toEqual(reference.query(q))
    }
  })

  it('refuses a serialised index of another format or a damaged one', async () => {
    const parts = await build(docs).serialise()
    const other = {
      ...parts,
      meta: JSON.stringify({ ...JSON.parse(parts.meta as string), format: 999 }),
    }
    expect(() => deserialise(other)).toThrow(SearchIndexError)
    try {
      deserialise(other)
    } catch (error) {
      expect((error as SearchIndexError).code).toBe('FORMAT')
    }
    expect(() => deserialise({ ...parts, 'docs.0': '[[1, 2]]' })).toThrow(/damaged/)
    expect(() => deserialise({})).toThrow(SearchIndexError)
    const truncated = Object.fromEntries(
      Object.entries(parts).filter(([k]) => k !== 'seg.0.offsets'),
    )
    expect(() => deserialise(truncated)).toThrow(/missing/)
    // A block of the wrong size, given or provided later, is refused.
    const block = parts['blk.0'] as Uint8Array
    expect(() => deserialise({ ...parts, 'blk.0': block.slice(1) })).toThrow(/damaged/)
    const lazy = deserialise({ ...parts, 'blk.0': undefined as unknown as Uint8Array })
    expect(() => lazy.provideBlocks(new Map([[0, block.slice(1)]]))).toThrow(SearchIndexError)
    // Another layout of the blocks (the format-4 single row had none) is not read.
    const meta = JSON.parse(parts.meta as string) as Record<string, unknown>
    expect(() =>
      deserialise({ ...parts, meta: JSON.stringify({ ...meta, blockBytes: 1 }) }),
    ).toThrow(SearchIndexError)
  })

  it('narrows a word being typed past 5 letters by the words the index holds, reading few texts', async () => {
    // 300 documents hold words that share the 5-letter prefix `encem`; one holds `encemace…`.
    const store: SearchDoc[] = Array.from({ length: 300 }, (_, i) => ({
      id: `d${i}`,
      title: `Report ${i}`,
      text: i === 150 ? 'He said encemaceship matters.' : `He said encemxyz${i % 7} matters.`,
    }))
    // Read back, it holds no text: every text a query checks is read from the store.
    const copy = deserialise(await build(store).serialise())
    const reads = { count: 0 }
    expect(ids(answer(copy, store, 'said encemace', reads))).toEqual(['d150'])
    // Only that document was read (the 5-letter key alone named all 300, 150 per round).
    expect(reads.count).toBe(1)
    expect(ids(answer(copy, store, 'said encemz', reads))).toEqual([])
    expect(reads.count).toBe(1)
    expect(ids(answer(copy, store, 'encemxyz3', reads))).toHaveLength(42)
  })

  it('reads only the texts of the documents that hold a finished short word', async () => {
    // One document holds `proka`; 300 hold longer words that start with it. In format 5 a
    // finished word of 2–5 letters was looked up by its prefix key, which named all 301.
    const store: SearchDoc[] = Array.from({ length: 301 }, (_, i) => ({
      id: `d${i}`,
      title: `Report ${i}`,
      text:
        i === 200
          ? 'The proka envoy spoke.'
          : `The proka${['mine', 'ryote', 'tion'][i % 3]} envoy.`,
    }))
    const copy = deserialise(await build(store).serialise())
    const reads = { count: 0 }
    expect(ids(answer(copy, store, 'proka ', reads))).toEqual(['d200'])
    expect(reads.count).toBe(1)
    // Two letters, finished: the same.
    expect(ids(answer(copy, store, 'he ', reads))).toEqual([])
    expect(reads.count).toBe(1)
    // Being typed, it is still a prefix: every document, first page only.
    expect(answer(copy, store, 'proka', reads)).toHaveLength(50)
  })

  it('reads only the texts of documents that hold a phrase, not of those its pair key shares', async () => {
    // Word pairs go under 65,536 hashed keys (FNV-1a of "a b", as `search-core.ts` makes them):
    // find 40 pairs that share the key of "alpha beta".
    const bucket = (a: string, b: string): number => {
      let h = 0x811c9dc5
      for (const c of `${a} ${b}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193)
      return (h >>> 0) % 65_536
    }
    const target = bucket('alpha', 'beta')
    const twins: string[] = []
    for (let i = 0; twins.length < 40; i++) {
      const a = `w${i.toString(36)}`
      if (bucket(a, 'zed') === target) twins.push(`${a} zed`)
    }
    const store: SearchDoc[] = [
      ...twins.map((pair, i) => ({ id: `twin${i}`, title: 'Note', text: `Then ${pair} came.` })),
      ...[0, 1, 2].map((i) => ({ id: `true${i}`, title: 'Note', text: `So alpha beta ${i}.` })),
      // Both words, apart, and a pair of the same key: a candidate still, rejected by its text.
      { id: 'apart', title: 'Note', text: `The alpha, then the beta; ${twins[0]}.` },
      { id: 'reversed', title: 'Note', text: 'So beta alpha.' },
    ]
    const copy = deserialise(await build(store).serialise())
    const reads = { count: 0 }
    expect(ids(answer(copy, store, '"alpha beta"', reads)).sort()).toEqual([
      'true0',
      'true1',
      'true2',
    ])
    // The three that hold it and the one with both words apart; none of the 40 twins.
    expect(reads.count).toBe(4)
    // The same exact answer as a scan of every text.
    const scan = store.filter((d) => /\balpha\W{1,8}beta\b/i.test(d.text)).map((d) => d.id)
    expect(ids(answer(copy, store, '"alpha beta"')).sort()).toEqual(scan.sort())
  })

  it('reads saved blocks only when a query needs them, and answers as with all of them', async () => {
    const corpus = makeNewsCorpus(800, 9)
    const index = build(corpus)
    const parts = await index.serialise()
    const blockNames = Object.keys(parts).filter((k) => k.startsWith('blk.'))
    // 800 documents fill a few blocks: a query needs some of them, not all.
    expect(blockNames.length).toBeGreaterThan(2)
    const head = Object.fromEntries(Object.entries(parts).filter(([k]) => !k.startsWith('blk.')))
    const lazy = deserialise(head)
    expect(lazy.missingBlocks().sort((a, b) => a - b)).toEqual(
      blockNames.map((k) => Number(k.slice(4))).sort((a, b) => a - b),
    )
    // Saving needs every block: a half-read index is never written.
    await expect(lazy.serialise()).rejects.toThrow(/still being read/)
    const asked: number[] = []
    for (const { q } of benchQueries(corpus, 10, 4)) {
      let result = lazy.search(q)
      for (let round = 0; 'blocks' in result && round < 5; round++) {
        asked.push(...result.blocks)
        lazy.provideBlocks(new Map(result.blocks.map((n) => [n, parts[`blk.${n}`] as Uint8Array])))
        result = lazy.search(q)
      }
      expect(answer(lazy, corpus, q), q).toEqual(index.query(q))
    }
    expect(asked.length).toBeGreaterThan(0)
    // Each query read only the blocks of its keys: never all of them at once.
    expect(new Set(asked).size).toBeLessThanOrEqual(blockNames.length)
    lazy.provideBlocks(new Map(blockNames.map((k) => [Number(k.slice(4)), parts[k] as Uint8Array])))
    expect(lazy.missingBlocks()).toEqual([])
    const again = await lazy.serialise()
    expect(again['blk.0']).toEqual(parts['blk.0'])
    lazy.add({ id: 'new', title: 'Zanzibar', text: 'A zanzibar report.' })
    expect(ids(lazy.query('zanzibar '))).toEqual(['new'])
  }, 120_000)
})

describe('search-core over a 2,000-document corpus', () => {
  const corpus = makeNewsCorpus(2000, 5)
  let index: SearchIndex

  // An independent reference: fold with NFD, split into words, check each condition.
  const strokes: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd' }
  const refWords = (s: string): string[] =>
    (
      s
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[łøđ]/g, (c) => strokes[c]!)
        .match(/[\p{L}\p{N}]+/gu) ?? []
    ).slice()
  const refFields = corpus.map((d) => [refWords(d.title), refWords(d.text)])

  function expected(q: string): Set<string> {
    const units = q.includes('"')
      ? [{ words: refWords(q), phrase: true }]
      : q
          .trim()
          .split(/\s+/)
          .map((w) => ({ words: refWords(w), phrase: refWords(w).length > 1 }))
    const prefixLast = !/[\s"]$/.test(q)
    const out = new Set<string>()
    corpus.forEach((doc, d) => {
      const ok = units.every((unit, u) => {
        const prefix = prefixLast && u === units.length - 1
        return refFields[d]!.some((field) =>
          field.some((_, i) =>
            unit.words.every((w, k) => {
              const word = field[i + k]
              if (word === undefined) return false
              return prefix && k === unit.words.length - 1 ? word.startsWith(w) : word === w
            }),
          ),
        )
      })
      if (ok) out.add(doc.id)
    })
    return out
  }

  // Building 2,000 documents takes seconds on a loaded 2-core machine.
  beforeAll(() => {
    index = build(corpus)
  }, 120_000)

  it('finds exactly the documents a brute-force scan finds', () => {
    const queries = benchQueries(corpus, 25, 3).map((x) => x.q)
    queries.push('sao paulo ', 'erdogan', '"air base', 'lodz mini', 'the ', 'th')
    for (const q of queries) {
      const want = expected(q)
      const all = index.query(q, corpus.length)
      expect(new Set(ids(all)), q).toEqual(want)
      const top = index.query(q)
      expect(top.length, q).toBe(Math.min(50, want.size))
      for (const hit of top) expect(want.has(hit.docId), q).toBe(true)
      for (let i = 1; i < top.length; i++) {
        expect(top[i - 1]!.score, q).toBeGreaterThanOrEqual(top[i]!.score)
      }
    }
  }, 120_000)

  it('puts every document with all terms in the title ahead of the rest', () => {
    const q = 'kyiv '
    const hits = index.query(q, corpus.length)
    const inTitle = (id: string): boolean =>
      foldText(corpus.find((d) => d.id === id)!.title)
        .split(/[^\p{L}]+/u)
        .includes('kyiv')
    const firstBody = hits.findIndex((h) => !inTitle(h.docId))
    expect(firstBody).toBeGreaterThan(0)
    expect(hits.slice(firstBody).every((h) => !inTitle(h.docId))).toBe(true)
  })
})
