/**
 * Tests for passage anchoring: the golden re-anchoring table in `anchoring-fixtures/` (see
 * its README), the selector's bounds and surrogate-pair rules, the tie and contradiction
 * rules of `reanchor`, and a synthetic 1 MB document with 5,000 anchors for correctness at
 * scale (timings are measured outside the test suite, never asserted).
 */
import { describe, expect, it } from 'vitest'
import {
  createSelector,
  reanchor,
  reanchorAll,
  type AnchorResult,
  type AnchoredAnnotation,
} from './anchoring'
import golden from './anchoring-fixtures/cases.json'

interface GoldenAnchor {
  id: string
  quote?: string
  occurrence?: number
  start?: number
  end?: number
  status: AnchorResult['status']
  text?: string
  textOccurrence?: number
  score?: number
  best?: string
  bestScore?: number
  note?: string
}

interface GoldenPair {
  name: string
  original: string
  edited: string
  anchors: GoldenAnchor[]
}

const pairs = (golden as { pairs: GoldenPair[] }).pairs

const documents = import.meta.glob('./anchoring-fixtures/*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

function fixture(name: string): string {
  const text = documents[`./anchoring-fixtures/${name}`]
  if (text === undefined) throw new Error(`No fixture ${name}`)
  return text
}

/** Offsets of every occurrence of `needle` in `text`. */
function occurrences(text: string, needle: string): number[] {
  const out: number[] = []
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) out.push(i)
  return out
}

/** The offset of the `n`th (1-based) occurrence, insisting that `n` is given if it repeats. */
function nth(text: string, needle: string, n: number | undefined, what: string): number {
  const all = occurrences(text, needle)
  if (all.length > 1 && n === undefined) throw new Error(`${what} repeats: say which occurrence`)
  const at = all[(n ?? 1) - 1]
  if (at === undefined) throw new Error(`${what} has no occurrence ${n ?? 1}`)
  return at
}

function splitsSurrogatePair(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1)
  const after = text.charCodeAt(i)
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff
}

describe('golden re-anchoring table', () => {
  for (const pair of pairs) {
    describe(`${pair.original} → ${pair.edited}: ${pair.name}`, () => {
      const original = fixture(pair.original)
      const edited = fixture(pair.edited)

      it.each(pair.anchors.map((a) => [a.id, a] as const))('%s', (id, a) => {
        const start =
          a.quote === undefined ? a.start! : nth(original, a.quote, a.occurrence, `${id} quote`)
        const end = a.quote === undefined ? a.end! : start + a.quote.length
        const result = reanchor(edited, createSelector(original, start, end))

        expect(result.status, a.note).toBe(a.status)
        if (result.status === 'orphan') {
          if (a.best === undefined) {
            expect(result.best).toBeUndefined()
          } else {
            expect(result.best).toBeDefined()
            expect(edited.slice(result.best!.start, result.best!.end)).toBe(a.best)
            expect(Math.abs(result.best!.score - a.bestScore!)).toBeLessThanOrEqual(0.005)
          }
          expect(result.reason).not.toBe('')
          return
        }
        const text = a.text ?? a.quote!
        const expectedStart = nth(edited, text, a.textOccurrence, `${id} text`)
        expect({ start: result.start, text: edited.slice(result.start, result.end) }).toEqual({
          start: expectedStart,
          text,
        })
        expect(splitsSurrogatePair(edited, result.start)).toBe(false)
        expect(splitsSurrogatePair(edited, result.end)).toBe(false)
        if (result.status === 'fuzzy') {
          expect(result.quote).toBe(text)
          expect(Math.abs(result.score - a.score!)).toBeLessThanOrEqual(0.005)
        }
      })
    })
  }

  it('covers every outcome with at least 40 anchors', () => {
    const all = pairs.flatMap((p) => p.anchors)
    const counts = { exact: 0, moved: 0, fuzzy: 0, orphan: 0 }
    for (const a of all) counts[a.status] += 1
    expect(all.length).toBeGreaterThanOrEqual(40)
    for (const n of Object.values(counts)) expect(n).toBeGreaterThanOrEqual(3)
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length)
  })
})

describe('createSelector', () => {
  const text = 'The quick brown fox jumps over the lazy dog.'

  it('keeps the quote and up to `context` characters either side', () => {
    const start = text.indexOf('fox')
    expect(createSelector(text, start, start + 3, 6)).toEqual({
      start,
      end: start + 3,
      exact: 'fox',
      prefix: 'brown ',
      suffix: ' jumps',
    })
    expect(createSelector(text, 0, 3)).toMatchObject({ prefix: '', suffix: text.slice(3, 35) })
    expect(createSelector(text, 40, text.length)).toMatchObject({ exact: 'dog.', suffix: '' })
    expect(createSelector(text, 4, 9, 0)).toMatchObject({ exact: 'quick', prefix: '', suffix: '' })
  })

  it.each([
    ['negative start', -1, 3],
    ['empty range', 4, 4],
    ['reversed range', 9, 4],
    ['end beyond the text', 40, text.length + 1],
    ['fractional offset', 1.5, 3],
    ['NaN', Number.NaN, 3],
  ])('rejects a %s', (_what, start, end) => {
    expect(() => createSelector(text, start, end)).toThrow(RangeError)
  })

  it('rejects a negative or fractional context length', () => {
    expect(() => createSelector(text, 0, 3, -1)).toThrow(RangeError)
    expect(() => createSelector(text, 0, 3, 2.5)).toThrow(RangeError)
  })

  it('never splits a surrogate pair', () => {
    const emoji = 'ab😀cd'
    expect(() => createSelector(emoji, 3, 5)).toThrow(RangeError)
    expect(() => createSelector(emoji, 0, 3)).toThrow(RangeError)
    expect(createSelector(emoji, 2, 4)).toMatchObject({ exact: '😀', prefix: 'ab', suffix: 'cd' })

    // Context cut in the middle of a pair loses that one code unit instead.
    const wide = '😀😀😀xyz😀😀😀'
    expect(createSelector(wide, 6, 9, 3)).toMatchObject({ prefix: '😀', suffix: '😀' })
    expect(createSelector(wide, 6, 9, 4)).toMatchObject({ prefix: '😀😀', suffix: '😀😀' })
  })
})

describe('reanchor', () => {
  const anchor = (text: string, quote: string, n = 1) => {
    const start = nth(text, quote, n, quote)
    return createSelector(text, start, start + quote.length)
  }

  it('returns exact for every anchor in an unchanged text', () => {
    const text = fixture('harbour-fire.txt')
    for (const quote of ['Fire destroys', 'Helen Okafor', 'started.', 'van']) {
      const sel = anchor(text, quote)
      expect(reanchor(text, sel)).toEqual({ status: 'exact', start: sel.start, end: sel.end })
    }
  })

  it('orphans an anchor without a quote', () => {
    const sel = { start: 0, end: 0, exact: '', prefix: '', suffix: 'x' }
    expect(reanchor('x', sel)).toMatchObject({ status: 'orphan' })
  })

  it('breaks a tie between indistinguishable occurrences by proximity', () => {
    const old = 'ab '.repeat(200)
    const sel = anchor(old, 'ab', 100)
    // Every occurrence now has the same context; the nearest is one code unit earlier.
    const result = reanchor('z ' + old, sel)
    expect(result).toMatchObject({ status: 'moved', start: sel.start - 1 })
  })

  it('does not move a quote to an occurrence whose context contradicts it', () => {
    const old = 'The minister resigned on Friday after the vote. Markets were calm.'
    const edited = 'Markets were calm. A deputy resigned on Friday in an unrelated scandal.'
    const result = reanchor(edited, anchor(old, 'resigned on Friday'))
    expect(result).toMatchObject({
      status: 'orphan',
      best: { start: edited.indexOf('resigned on Friday') },
    })
    if (result.status === 'orphan') expect(result.best!.score).toBeLessThan(0.75)
  })

  it('treats a short quote at its old offset but in a new sentence as a coincidence', () => {
    const old = 'The ministers of the EU met in Brussels on Monday.'
    const edited = 'Fishermen protested. EU officials declined to comment.'
    const sel = anchor(old, 'EU')
    expect(edited.indexOf('EU')).toBe(sel.start)
    expect(reanchor(edited, sel)).toMatchObject({ status: 'orphan' })
  })

  it('trusts a long quote at its old offset even when both sides changed', () => {
    const quote = 'the committee approved the budget for the next financial year'
    const old = `On Monday ${quote}, as expected.`
    const edited = `At 10 am, ${quote}; nobody objected.`
    expect(reanchor(edited, anchor(old, quote))).toMatchObject({ status: 'exact' })
  })

  it('does not match a whole-word quote inside a longer word', () => {
    const old = 'Police are looking for a white van parked near the quay.'
    const edited = 'Police are looking for a white caravan parked near the quay.'
    expect(reanchor(edited, anchor(old, 'van'))).toMatchObject({ status: 'orphan' })
  })

  it('widens an approximate match to whole words before judging it', () => {
    const old = 'After a long debate the motion was lost by two votes.'
    const edited = 'After a long debate the motion was withdrawn by its proposer.'
    const result = reanchor(edited, anchor(old, 'the motion was lost'))
    expect(result).toMatchObject({ status: 'orphan' })
    if (result.status === 'orphan') {
      expect(edited.slice(result.best!.start, result.best!.end)).toBe('the motion was withdrawn')
    }
  })

  it('never ends an approximate match inside a surrogate pair', () => {
    const old = 'Supporters cheered the win 🎉 and stayed until midnight.'
    const edited = 'Supporters cheered the win 🥳 and stayed until midnight.'
    const result = reanchor(edited, anchor(old, 'cheered the win 🎉'))
    expect(result).toMatchObject({ status: 'fuzzy', quote: 'cheered the win 🥳' })
  })

  it('lets the caller move the threshold and the error cap', () => {
    const original = fixture('harbour-fire.txt')
    const edited = fixture('harbour-fire.v2.txt')
    const reworded = anchor(original, 'We are working with the fire service')
    expect(reanchor(edited, reworded)).toMatchObject({ status: 'fuzzy' })
    expect(reanchor(edited, reworded, { threshold: 0.99 })).toMatchObject({ status: 'orphan' })
    expect(reanchor(edited, reworded, { maxErrors: 2 })).toMatchObject({ status: 'orphan' })
    const calder = anchor(original, 'Calder Bay')
    expect(reanchor(edited, calder, { threshold: 0.5 })).toMatchObject({ status: 'moved' })
  })
})

describe('reanchorAll', () => {
  it('reports a result per id and the counts, orphaning anchors made on another text', () => {
    const original = fixture('council-minutes.txt')
    const edited = fixture('council-minutes.v2.txt')
    const make = (id: string, quote: string, textHash = 'old-hash'): AnchoredAnnotation => {
      const start = nth(original, quote, 1, quote)
      return { id, textHash, ...createSelector(original, start, start + quote.length) }
    }
    const { results, counts } = reanchorAll('old-hash', edited, [
      make('a', '14 May'),
      make('b', '11 June'),
      make('c', 'ask the county to replace the bus shelter on Mill Lane'),
      make('d', 'village hall roof'),
      make('e', '14 May', 'some-other-hash'),
    ])
    expect(counts).toEqual({ exact: 1, moved: 1, fuzzy: 1, orphan: 2 })
    expect(results.get('a')).toMatchObject({ status: 'exact' })
    expect(results.get('e')).toMatchObject({ status: 'orphan', reason: /different text/ })
  })
})

describe('a 1 MB document with 5,000 anchors, after text is inserted at its start', () => {
  /** Deterministic pseudo-random numbers (mulberry32), so the case is the same every run. */
  function random(seed: number): () => number {
    let a = seed
    return () => {
      a = (a + 0x6d2b79f5) | 0
      let t = Math.imul(a ^ (a >>> 15), 1 | a)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }

  const words = (
    'the a of to and in on for with at by from that said minister police river bridge ' +
    'convoy village ministry council report talks border market fuel clinic road ferry ' +
    'officials residents spokesman statement friday monday march april agreed denied ' +
    'crossed closed opened seven thousand tonnes wheat vessels port quay fire smoke ' +
    'inspection union workers election vote motion committee budget water well school'
  ).split(' ')

  function document(rand: () => number, length: number): string {
    const paragraphs: string[] = []
    let size = 0
    while (size < length) {
      const sentences: string[] = []
      for (let s = 0, n = 3 + Math.floor(rand() * 4); s < n; s++) {
        const ws = Array.from(
          { length: 6 + Math.floor(rand() * 14) },
          () => words[Math.floor(rand() * words.length)]!,
        )
        const sentence = ws.join(' ')
        sentences.push(sentence[0]!.toUpperCase() + sentence.slice(1) + '.')
      }
      const p = sentences.join(' ')
      paragraphs.push(p)
      size += p.length + 2
    }
    return paragraphs.join('\n\n')
  }

  it('finds every anchor verbatim at its shifted place', () => {
    const rand = random(20240611)
    const original = document(rand, 1_000_000)
    expect(original.length).toBeGreaterThanOrEqual(1_000_000)
    // Longer than the 4,096-character search window around the old offsets.
    const preface = document(rand, 6_000) + '\n\n'
    const edited = preface + original

    const wordStarts = [...original.matchAll(/\b\w/g)].map((m) => m.index)
    const annotations: AnchoredAnnotation[] = []
    for (let i = 0; i < 5000; i++) {
      const first = Math.floor(rand() * (wordStarts.length - 10))
      const start = wordStarts[first]!
      const lastWord = wordStarts[first + 1 + Math.floor(rand() * 8)]!
      const end = original.slice(0, lastWord).trimEnd().length
      annotations.push({ id: `a${i}`, textHash: 'h', ...createSelector(original, start, end) })
    }

    const { results, counts } = reanchorAll('h', edited, annotations)
    expect(counts.fuzzy + counts.orphan).toBe(0)
    for (const a of annotations) {
      const r = results.get(a.id)!
      expect(r.status === 'moved' || r.status === 'exact').toBe(true)
      if (r.status === 'moved' || r.status === 'exact') {
        expect([a.id, r.start]).toEqual([a.id, a.start + preface.length])
      }
    }
    // One by one, without the shift reanchorAll learns from the anchors before, every search
    // window misses and the whole-text paths do the work.
    for (const a of annotations.slice(0, 100)) {
      expect(reanchor(edited, a)).toMatchObject({
        status: 'moved',
        start: a.start + preface.length,
      })
    }
  })
})
