import { describe, expect, it } from 'vitest'
import type { ConllDocument } from './conll'
import { TAGS, allowed, commonWords, decodeStep, shape, tagIndex } from './ner-features'
import { NameTagger, type NerWeights } from './ner-model'
import { tokenise } from './ner-tokenise'
import { goldTags, seededRandom, trainNer } from './ner-train'
import shipped from './model/ner-weights.json?raw'

const tag = (name: string): number => tagIndex(name)

describe('BILOU decoding', () => {
  it('lets an open name only go on or end, and nothing end out of nothing', () => {
    expect(allowed(tag('B-PER'), tag('I-PER'), false)).toBe(true)
    expect(allowed(tag('B-PER'), tag('L-PER'), false)).toBe(true)
    expect(allowed(tag('B-PER'), tag('L-ORG'), false)).toBe(false)
    expect(allowed(tag('B-PER'), tag('O'), false)).toBe(false)
    expect(allowed(tag('O'), tag('I-LOC'), false)).toBe(false)
    expect(allowed(-1, tag('U-LOC'), false)).toBe(true)
    expect(allowed(tag('O'), tag('B-LOC'), true)).toBe(false)
    expect(allowed(tag('I-LOC'), tag('I-LOC'), true)).toBe(false)
  })

  it('closes an open name at the previous token when this one is plainly no part of it', () => {
    const scores = new Array<number>(TAGS.length).fill(0)
    scores[tag('O')] = 5
    scores[tag('I-ORG')] = 1
    const step = decodeStep(scores, tag('B-ORG'), false)
    expect(TAGS[step.prev]).toBe('U-ORG')
    expect(TAGS[step.tag]).toBe('O')
    const going = decodeStep(scores, -1, false)
    expect([TAGS[going.prev], TAGS[going.tag]]).toEqual([undefined, 'O'])
  })

  it('shapes words by character class', () => {
    expect([shape('Bre-X'), shape('USDA'), shape('1996-08-22'), shape('U.S.')]).toEqual([
      'Xx-X',
      'X',
      'd-d-d',
      'X.X.',
    ])
  })
})

describe('NameTagger', () => {
  const weights: NerWeights = {
    tags: [...TAGS],
    scale: 10,
    commonWords: [],
    features: {
      b: [tag('O'), 10],
      'w=Kell': [tag('U-PER'), 30],
      'w=Saltmere': [tag('B-LOC'), 30],
      'w=Port': [tag('L-LOC'), 30],
    },
  }

  it('finds names as exact character spans', () => {
    const text = 'Yesterday  Kell’s boat left Saltmere Port.'
    const spans = new NameTagger(weights).tag(text)
    expect(spans.map((s) => [s.type, text.slice(s.start, s.end)])).toEqual([
      ['PER', 'Kell'],
      ['LOC', 'Saltmere Port'],
    ])
    for (const s of spans) {
      expect(s.confidence).toBeGreaterThan(0.5)
      expect(s.confidence).toBeLessThanOrEqual(1)
    }
  })

  it('refuses weights trained with another tag set', () => {
    expect(() => new NameTagger({ ...weights, tags: ['O', 'B-PER'] })).toThrow(/tag set/)
  })

  it('loads the shipped weights (under 10 MB) and finds people, places and organisations', () => {
    expect(shipped.length).toBeLessThan(10 * 1024 * 1024)
    const tagger = new NameTagger(JSON.parse(shipped) as NerWeights)
    const text = 'Helmut Kohl met the chairman of Siemens AG in Munich on Tuesday.'
    const found = tagger.tag(text).map((s) => `${s.type}:${text.slice(s.start, s.end)}`)
    expect(found).toEqual(['PER:Helmut Kohl', 'ORG:Siemens AG', 'LOC:Munich'])
  })
})

describe('training', () => {
  // Invented documents: the tagger must learn them, and learn them the same way twice.
  const docs: ConllDocument[] = [
    'Kell met Aske in Saltmere.',
    'Ostrin Lines hired Aske.',
    'Kell flew to Ostrin on Monday.',
    'The Saltmere Courier quoted Kell.',
  ].map((text) => {
    const spans: ConllDocument['spans'] = []
    const mark = (form: string, type: 'PER' | 'LOC' | 'ORG'): void => {
      let at = text.indexOf(form)
      while (at >= 0) {
        const clash = spans.some((s) => at < s.end && s.start < at + form.length)
        if (!clash) spans.push({ start: at, end: at + form.length, type })
        at = text.indexOf(form, at + 1)
      }
    }
    mark('Ostrin Lines', 'ORG')
    mark('Saltmere Courier', 'ORG')
    mark('Kell', 'PER')
    mark('Aske', 'PER')
    mark('Saltmere', 'LOC')
    mark('Ostrin', 'LOC')
    spans.sort((a, b) => a.start - b.start)
    return { text, spans }
  })
  const options = { epochs: 8, seed: 7, minCount: 1, prune: 0, scale: 1000 }

  it('projects gold spans onto tokens as BILOU tags', () => {
    expect(goldTags(docs[1]!).tags).toEqual([['B-ORG', 'L-ORG', 'O', 'U-PER', 'O']])
  })

  it('learns its training documents', () => {
    const tagger = new NameTagger(trainNer(docs, options))
    for (const doc of docs) {
      const found = tagger.tag(doc.text).map(({ start, end, type }) => ({ start, end, type }))
      expect(found, doc.text).toEqual(doc.spans)
    }
  })

  it('is deterministic: the same documents and settings give the same weights', () => {
    expect(JSON.stringify(trainNer(docs, options))).toBe(JSON.stringify(trainNer(docs, options)))
  })

  it('draws the same numbers from the same seed', () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    const xs = [a(), a(), a()]
    expect([b(), b(), b()]).toEqual(xs)
    expect(new Set(xs).size).toBe(3)
  })

  it('learns which words are common lower-case words, not names', () => {
    const sentences = tokenise(
      'Also here.\nthe also cat.\nthe also dog.\nthe also cow.\nWe met Kell.',
    )
    expect(commonWords(sentences)).toEqual(['also', 'the'])
  })
})
