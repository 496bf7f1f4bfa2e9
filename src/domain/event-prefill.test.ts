import { describe, expect, it } from 'vitest'
import { prefillEvent, quotationSpans, type PrefillTag } from './event-prefill'
import { findVerb } from './event-verbs'

/** Tags every listed word (first occurrence at or after `from`) with its entity and kind. */
function tagsOf(text: string, list: [word: string, id: string, kind?: string, from?: number][]) {
  return list.map(([word, id, kind = 'actor', from = 0]): PrefillTag => {
    const start = text.indexOf(word, from)
    if (start < 0) throw new Error(word)
    return { start, end: start + word.length, kind, entityId: id }
  })
}

const SAMPLE =
  'Iran launched a direct strike on U.S. military targets in the Middle East on Monday, firing missiles at American bases in Qatar just hours after its top diplomat met with Russian President Vladimir Putin in Moscow.'
const sentence = { start: 0, end: SAMPLE.length }
const span = (quote: string) => {
  const start = SAMPLE.indexOf(quote)
  return { start, end: start + quote.length }
}
const TAGS = tagsOf(SAMPLE, [
  ['Iran', 'iran'],
  ['U.S.', 'us'],
  ['Qatar', 'qatar'],
  ['Russian', 'russia'],
  ['Moscow', 'moscow', 'location'],
])
const verbAt = (sel: { start: number; end: number }) => {
  const v = findVerb(SAMPLE.slice(sel.start, sel.end))
  return v ? v.start + sel.start : undefined
}

describe('pre-filling an event from its passage', () => {
  it('the meeting: the one met from the selection, the one meeting from the sentence', () => {
    const sel = span('met with Russian President Vladimir Putin in Moscow')
    expect(prefillEvent(SAMPLE, sel, sentence, TAGS, verbAt(sel))).toEqual({
      initiators: [{ id: 'iran', from: 'sentence' }],
      targets: [{ id: 'russia', from: 'selection' }],
      places: [{ id: 'moscow', from: 'selection' }],
    })
  })

  it('the missile strike: the target named in the selection, no place from elsewhere in the sentence', () => {
    const sel = span('firing missiles at American bases in Qatar')
    expect(prefillEvent(SAMPLE, sel, sentence, TAGS, verbAt(sel))).toEqual({
      initiators: [{ id: 'iran', from: 'sentence' }],
      targets: [{ id: 'qatar', from: 'selection' }],
      places: [],
    })
  })

  it('splits the selection’s actors at the verb; without one, the first acts', () => {
    const text = 'Iran fired missiles at Qatar and Bahrain.'
    const tags = tagsOf(text, [
      ['Iran', 'iran'],
      ['Qatar', 'qatar'],
      ['Bahrain', 'bahrain'],
    ])
    const all = { start: 0, end: text.length }
    expect(prefillEvent(text, all, all, tags, 5)).toMatchObject({
      initiators: [{ id: 'iran' }],
      targets: [{ id: 'qatar' }, { id: 'bahrain' }],
    })
    expect(prefillEvent(text, all, all, tags)).toMatchObject({
      initiators: [{ id: 'iran' }],
      targets: [{ id: 'qatar' }, { id: 'bahrain' }],
    })
  })

  it('never takes an actor from a quotation the selection leaves out', () => {
    const text =
      'Qatar condemned the strike, saying “Iran attacked us without warning”, before its envoy met with Egypt in Cairo.'
    const tags = tagsOf(text, [
      ['Qatar', 'qatar'],
      ['Iran', 'iran'],
      ['Egypt', 'egypt'],
      ['Cairo', 'cairo', 'location'],
    ])
    const all = { start: 0, end: text.length }
    const sel = { start: text.indexOf('met with'), end: text.indexOf(' in Cairo') }
    expect(prefillEvent(text, sel, all, tags, sel.start)).toEqual({
      initiators: [{ id: 'qatar', from: 'sentence' }],
      targets: [{ id: 'egypt', from: 'selection' }],
      places: [],
    })
    // A selection that names nothing takes the sentence's places, as guesses.
    const bare = { start: text.indexOf('before'), end: text.indexOf(' its envoy') }
    expect(prefillEvent(text, bare, all, tags).places).toEqual([{ id: 'cairo', from: 'sentence' }])
    // Selected, the quotation's words count.
    const quoted = { start: text.indexOf('Iran'), end: text.indexOf(' without') }
    expect(prefillEvent(text, quoted, all, tags, text.indexOf('attacked'))).toMatchObject({
      initiators: [{ id: 'iran', from: 'selection' }],
    })
  })

  it('finds quotations with curly, straight and angle quotes, and an unclosed one to the end', () => {
    const text = 'A “b” c "d" e «f» g “h'
    expect(quotationSpans(text, 0, text.length).map((q) => text.slice(q.start, q.end))).toEqual([
      '“b”',
      '“h',
      '"d"',
      '«f»',
    ])
  })

  it('does not repeat an actor, nor make the one who acts also the one acted on', () => {
    const text = 'Iran met Iran and Iran again.'
    const tags = tagsOf(text, [
      ['Iran', 'iran'],
      ['Iran', 'iran', 'actor', 5],
      ['Iran', 'iran', 'actor', 14],
    ])
    const all = { start: 0, end: text.length }
    expect(prefillEvent(text, all, all, tags, 5)).toEqual({
      initiators: [{ id: 'iran', from: 'selection' }],
      targets: [],
      places: [],
    })
  })
})
