import { describe, expect, it } from 'vitest'
import type { AnnotationKind } from '../../domain/types'
import { tagOver, type TagFields } from '../../test/annotations'
import { findMentions } from './find-mentions'

const iran = { id: 'e-iran', name: 'Iran', aliases: ['Islamic Republic of Iran', 'Tehran'] }

const TEXT =
  'Iran launched a direct strike on U.S. targets. The attack marks an escalation between ' +
  'Iran, the United States, and Israel — and raises questions about Tehran’s alignment. ' +
  'Iranian officials said the Islamic Republic of Iran would respond; IRAN and irán agreed.'

/** An existing tag on `docId` (default `d1`) over the `occurrence`-th `quote` of `text`. */
function tag(text: string, quote: string, fields: TagFields & { kind: AnnotationKind }) {
  return tagOver(text, quote, { docId: 'd1', ...fields })
}

const texts = (found: { text: string }[]) => found.map((m) => m.text)

describe('findMentions', () => {
  it('finds the name and every alias as whole words, case- and diacritic-insensitively', () => {
    const found = findMentions(iran, [{ id: 'd1', text: TEXT }], [])
    expect(texts(found)).toEqual([
      'Iran',
      'Iran',
      'Tehran',
      'Islamic Republic of Iran',
      'IRAN',
      'irán',
    ])
    for (const m of found) {
      expect(m.docId).toBe('d1')
      expect(TEXT.slice(m.start, m.end)).toBe(m.text)
    }
    // "Iranian" is another word; "Tehran’s" is Tehran followed by an apostrophe.
    expect(found.some((m) => TEXT.slice(m.start, m.end + 3) === 'Iranian')).toBe(false)
  })

  it('prefers the longest form and never returns overlapping spans', () => {
    const found = findMentions(iran, [{ id: 'd1', text: TEXT }], [])
    const long = found.find((m) => m.text === 'Islamic Republic of Iran')!
    expect(found.filter((m) => m.start >= long.start && m.start < long.end)).toEqual([long])
    const sorted = [...found].sort((a, b) => a.start - b.start)
    expect(found).toEqual(sorted)
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.end)
  })

  it('skips spans already tagged for the entity and any overlapping actor or location tag', () => {
    const existing = [
      tag(TEXT, 'Iran', { kind: 'actor', entityId: iran.id }),
      // Another entity already owns these words.
      tag(TEXT, 'Republic of Iran', { kind: 'actor', entityId: 'e-other' }),
      // An unlinked location tag still means the analyst decided what the words are.
      tag(TEXT, 'Tehran’s alignment', { kind: 'location' }),
      // A claim or note over the words does not: the name inside it is still a mention.
      tag(TEXT, 'IRAN and irán agreed', { kind: 'claim' }),
      // A tag in another document changes nothing here.
      tag(TEXT, 'Iran, the United States', { kind: 'actor', docId: 'd2' }),
    ]
    const found = findMentions(iran, [{ id: 'd1', text: TEXT }], existing)
    expect(texts(found)).toEqual(['Iran', 'IRAN', 'irán'])
    expect(found[0]!.start).toBe(TEXT.indexOf('Iran, the'))
  })

  it('skips the exact span of a non-actor tag already linked to the entity', () => {
    const existing = [tag(TEXT, 'Iran', { kind: 'note', entityId: iran.id, occurrence: 1 })]
    const found = findMentions(iran, [{ id: 'd1', text: TEXT }], existing)
    expect(found.map((m) => m.start)).not.toContain(TEXT.indexOf('Iran, the'))
    expect(found[0]!.start).toBe(0)
  })

  it('searches every document and returns results in document order', () => {
    const docs = [
      { id: 'b', text: 'Sanctions on Tehran.' },
      { id: 'a', text: 'Nothing here about Iranians.' },
      { id: 'c', text: 'IRAN! iran? (Iran)' },
    ]
    const found = findMentions(iran, docs, [])
    expect(found).toEqual([
      { docId: 'b', start: 13, end: 19, text: 'Tehran' },
      { docId: 'c', start: 0, end: 4, text: 'IRAN' },
      { docId: 'c', start: 6, end: 10, text: 'iran' },
      { docId: 'c', start: 13, end: 17, text: 'Iran' },
    ])
  })

  it('maps folded matches back to exact offsets through decomposed and astral characters', () => {
    // A combining acute accent, an emoji (two UTF-16 units) and a non-breaking space.
    const text = '🚀 Ira\u0301n and Iran\u00a0fired; 🇮🇷 Irán.'
    const found = findMentions({ id: 'x', name: 'Irán', aliases: [] }, [{ id: 'd', text }], [])
    expect(texts(found)).toEqual(['Ira\u0301n', 'Iran', 'Irán'])
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text)
  })

  it('keeps exact offsets past many expanding characters and beside lone surrogates', () => {
    // Each "ﬃ" folds to three letters (the folded text outgrows the original); a lone
    // surrogate (malformed UTF-16) stays one unit of its own.
    const text = `${'ﬃ '.repeat(40)}Iran \ud800Iran\udc00 ﬁ Iran.`
    const found = findMentions(iran, [{ id: 'd', text }], [])
    expect(texts(found)).toEqual(['Iran', 'Iran', 'Iran'])
    expect(found.map((m) => m.start)).toEqual([80, 86, 94])
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text)
    const office = { id: 'o', name: 'office', aliases: [] }
    expect(texts(findMentions(office, [{ id: 'd', text: 'The oﬃce said.' }], []))).toEqual(['oﬃce'])
  })

  it('matches names across any whitespace within a paragraph but not across paragraphs', () => {
    const putin = { id: 'p', name: 'Vladimir  Putin', aliases: ['Putin'] }
    const text = 'Russian President Vladimir\nPutin met him.\n\nThey saw Vladimir\n\nPutin later.'
    const found = findMentions(putin, [{ id: 'd', text }], [])
    expect(texts(found)).toEqual(['Vladimir\nPutin', 'Putin'])
  })

  it('matches diacritic-free and accented spellings of non-Latin scripts', () => {
    const e = { id: 'a', name: 'إيران', aliases: ['Россия'] }
    const text = 'أطلقت ايران صواريخ. وقالت إيران. РОССИЯ и россия.'
    expect(texts(findMentions(e, [{ id: 'd', text }], []))).toEqual([
      'ايران',
      'إيران',
      'РОССИЯ',
      'россия',
    ])
  })

  it('does not require word boundaries in scripts written without spaces', () => {
    const e = { id: 'z', name: '伊朗', aliases: [] }
    const text = '伊朗向美军基地发射导弹，伊朗说。'
    expect(findMentions(e, [{ id: 'd', text }], []).map((m) => m.start)).toEqual([0, 12])
  })

  it('matches short all-capital acronyms in capitals only', () => {
    const us = { id: 'us', name: 'United States', aliases: ['US', 'U.S.'] }
    const text = 'The US said the U.S. would join us; the united states agreed. USA.'
    expect(texts(findMentions(us, [{ id: 'd', text }], []))).toEqual([
      'US',
      'U.S.',
      'united states',
    ])
  })

  it('returns nothing for an entity without usable forms or for empty documents', () => {
    expect(
      findMentions({ id: 'n', name: '  ', aliases: [''] }, [{ id: 'd', text: 'x' }], []),
    ).toEqual([])
    expect(findMentions(iran, [{ id: 'd', text: '' }], [])).toEqual([])
  })

  it('keeps up with a long document', () => {
    const text = 'Officials in Tehran met. Iran responded; Iranian media agreed.\n\n'.repeat(20_000)
    const t0 = performance.now()
    const found = findMentions(iran, [{ id: 'd', text }], [])
    expect(found).toHaveLength(40_000)
    expect(performance.now() - t0).toBeLessThan(5_000)
  })
})
