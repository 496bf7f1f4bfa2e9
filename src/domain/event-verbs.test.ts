import { describe, expect, it } from 'vitest'
import { findVerb, inferEventType } from './event-verbs'

describe('the verb lexicon', () => {
  it.each([
    ['its top diplomat met with Russian President Vladimir Putin', 'consult', 'met with'],
    ['firing missiles at American bases in Qatar', 'assault', 'firing missiles at'],
    ['Iran fired missiles at the base', 'assault', 'fired missiles at'],
    ['which targeted key sites at Fordow', 'assault', 'targeted'],
    ['the minister said the talks went well', 'statement', 'said'],
    ['Qatar condemned the strike', 'accuse', 'condemned'],
    ['Dravina summoned the ambassador to protest', 'accuse', 'summoned'],
    ['The ministry lodged a protest with the embassy', 'accuse', 'lodged a protest'],
    ['the two sides agreed to a ceasefire', 'agree', 'agreed'],
    ['The UN called for restraint', 'appeal', 'called for'],
    ['Troops clashed near the border', 'clash', 'clashed'],
    ['The EU sanctioned three banks', 'sanction', 'sanctioned'],
  ])('reads “%s” as %s (from “%s”)', (text, type, verb) => {
    expect(findVerb(text)).toMatchObject({ type, verb })
  })

  it('prefers the longer phrase where two start together, and the first phrase in the text', () => {
    expect(findVerb('They met with envoys')?.verb).toBe('met with')
    expect(findVerb('He said they attacked')?.type).toBe('statement')
  })

  it('matches whole words only, in any case, across runs of white space', () => {
    expect(findVerb('the summit was unmet')).toBeUndefined()
    expect(findVerb('Hit')?.type).toBe('assault')
    expect(findVerb('MET   WITH them')?.verb).toBe('MET WITH')
    expect(findVerb('The weather in Cairo was fine')).toBeUndefined()
  })

  it('reads the selection before its sentence, with offsets into the text', () => {
    const text = 'Iran said it fired missiles at the base.'
    const sentence = { start: 0, end: text.length }
    const inSelection = inferEventType(text, { start: 13, end: 34 }, sentence)
    expect(inSelection).toMatchObject({ type: 'assault', from: 'selection', start: 13 })
    expect(text.slice(inSelection!.start, inSelection!.end)).toBe('fired missiles at')
    // No verb in the selection: the sentence's first.
    expect(inferEventType(text, { start: 35, end: 39 }, sentence)).toMatchObject({
      type: 'statement',
      verb: 'said',
      from: 'sentence',
      start: 5,
    })
    expect(inferEventType('The base.', { start: 4, end: 8 }, { start: 0, end: 9 })).toBeUndefined()
  })
})
