import { describe, expect, it } from 'vitest'
import { clausesOf, prefillEvent, quotationSpans, type PrefillTag } from './event-prefill'
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

  it('the missile strike, its target untagged: nothing from the meeting’s clause (Putin, Moscow)', () => {
    // As the trial analyst tagged it: Iran, Vladimir Putin and Moscow, not Qatar.
    const tags = tagsOf(SAMPLE, [
      ['Iran', 'iran'],
      ['Vladimir Putin', 'putin'],
      ['Moscow', 'moscow', 'location'],
    ])
    const sel = span('firing missiles at American bases in Qatar')
    expect(prefillEvent(SAMPLE, sel, sentence, tags, verbAt(sel))).toEqual({
      initiators: [{ id: 'iran', from: 'sentence' }],
      targets: [],
      places: [],
    })
  })

  it('takes the one acted on and the place from the passage’s clause, not the next one', () => {
    const text =
      'On Monday Iran fired missiles at Qatar in Doha, hours after Araghchi met Putin in Moscow.'
    const tags = tagsOf(text, [
      ['Iran', 'iran'],
      ['Qatar', 'qatar'],
      ['Doha', 'doha', 'location'],
      ['Araghchi', 'araghchi'],
      ['Putin', 'putin'],
      ['Moscow', 'moscow', 'location'],
    ])
    const all = { start: 0, end: text.length }
    const sel = { start: text.indexOf('fired'), end: text.indexOf(' at Qatar') }
    expect(prefillEvent(text, sel, all, tags, sel.start)).toEqual({
      initiators: [{ id: 'iran', from: 'sentence' }],
      targets: [{ id: 'qatar', from: 'sentence' }],
      places: [{ id: 'doha', from: 'sentence' }],
    })
    // And the meeting, selected by its verb alone, takes its own clause's.
    const met = { start: text.indexOf('met'), end: text.indexOf(' Putin') }
    expect(prefillEvent(text, met, all, tags, met.start)).toEqual({
      initiators: [{ id: 'araghchi', from: 'sentence' }],
      targets: [{ id: 'putin', from: 'sentence' }],
      places: [{ id: 'moscow', from: 'sentence' }],
    })
  })

  it('finds the one who acts in the passage’s clause before a subordinate clause ahead of it', () => {
    const text = 'After Araghchi met Putin in Moscow, Iran fired missiles at Qatar.'
    const tags = tagsOf(text, [
      ['Araghchi', 'araghchi'],
      ['Putin', 'putin'],
      ['Moscow', 'moscow', 'location'],
      ['Iran', 'iran'],
      ['Qatar', 'qatar'],
    ])
    const all = { start: 0, end: text.length }
    const sel = { start: text.indexOf('fired'), end: text.indexOf(' Qatar') }
    expect(prefillEvent(text, sel, all, tags, sel.start)).toEqual({
      initiators: [{ id: 'iran', from: 'sentence' }],
      targets: [{ id: 'qatar', from: 'sentence' }],
      places: [],
    })
  })

  it('takes a participle’s subject from the main clause, never from a subordinate one', () => {
    const main = 'Iran launched a strike, firing missiles at Qatar.'
    const mainTags = tagsOf(main, [
      ['Iran', 'iran'],
      ['Qatar', 'qatar'],
    ])
    const all = { start: 0, end: main.length }
    const firing = { start: main.indexOf('firing'), end: main.indexOf(' at Qatar') }
    expect(prefillEvent(main, firing, all, mainTags, firing.start).initiators).toEqual([
      { id: 'iran', from: 'sentence' },
    ])
    const sub = 'Hours after Araghchi met Putin, missiles were fired at Qatar.'
    const subTags = tagsOf(sub, [
      ['Araghchi', 'araghchi'],
      ['Putin', 'putin'],
      ['Qatar', 'qatar'],
    ])
    const whole = { start: 0, end: sub.length }
    const fired = { start: sub.indexOf('were fired'), end: sub.indexOf(' at Qatar') }
    expect(prefillEvent(sub, fired, whole, subTags, fired.start)).toEqual({
      initiators: [],
      targets: [{ id: 'qatar', from: 'sentence' }],
      places: [],
    })
  })

  it('keeps a list of tagged names in one clause: "Fordow, Natanz, and Isfahan"', () => {
    const text = 'US jets struck Fordow, Natanz, and Isfahan over the weekend, officials said.'
    const tags = tagsOf(text, [
      ['US', 'us'],
      ['Fordow', 'fordow', 'location'],
      ['Natanz', 'natanz', 'location'],
      ['Isfahan', 'isfahan', 'location'],
    ])
    const all = { start: 0, end: text.length }
    const sel = { start: text.indexOf('struck'), end: text.indexOf(' Fordow') }
    expect(prefillEvent(text, sel, all, tags, sel.start).places.map((g) => g.id)).toEqual([
      'fordow',
      'natanz',
      'isfahan',
    ])
    expect(clausesOf(text, all, tags).map((c) => text.slice(c.start, c.end))).toEqual([
      'US jets struck Fordow, Natanz, and Isfahan over the weekend,',
      ' officials said.',
    ])
  })

  it('splits a sentence after punctuation and before a subordinating word', () => {
    const clauses = clausesOf(SAMPLE, sentence)
    expect(clauses.map((c) => [SAMPLE.slice(c.start, c.end).trim(), c.subordinate])).toEqual([
      [
        'Iran launched a direct strike on U.S. military targets in the Middle East on Monday,',
        false,
      ],
      ['firing missiles at American bases in Qatar just hours', false],
      ['after its top diplomat met with Russian President Vladimir Putin in Moscow.', true],
    ])
  })
})
