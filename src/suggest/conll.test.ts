import { describe, expect, it } from 'vitest'
import { parseConll } from './conll'

// A made-up sample in the CoNLL-2003 format (CRLF line ends, as the corpus has them).
const SAMPLE = [
  '-DOCSTART- -X- O O',
  '',
  'Marta NNP I-NP I-PER',
  'Ilves NNP I-NP I-PER',
  "'s POS B-NP O",
  'firm NN I-NP O',
  'Korvo NNP I-NP I-ORG',
  'Ltd NNP I-NP I-ORG',
  'left VBD I-VP O',
  'Tallinn NNP I-NP I-LOC',
  '( ( O O',
  'Estonia NNP I-NP I-LOC',
  ') ) O O',
  '. . O O',
  '',
  'Nordic NNP I-NP I-MISC',
  'Korvo NNP I-NP B-ORG',
  'Group NNP I-NP I-ORG',
  'Baltic NNP I-NP B-ORG',
  'Lines NNP I-NP I-ORG',
  '',
  '-DOCSTART- -X- O O',
  '',
  'Riga NNP I-NP I-LOC',
  '',
].join('\r\n')

describe('parseConll', () => {
  const docs = parseConll(SAMPLE)

  it('rebuilds each document as text, one sentence a line, punctuation attached', () => {
    expect(docs.map((d) => d.text)).toEqual([
      "Marta Ilves's firm Korvo Ltd left Tallinn (Estonia).\nNordic Korvo Group Baltic Lines",
      'Riga',
    ])
  })

  it('turns IOB1 tags into character spans, B- splitting two names of one type', () => {
    const [first] = docs
    const names = first!.spans.map((s) => `${s.type}:${first!.text.slice(s.start, s.end)}`)
    expect(names).toEqual([
      'PER:Marta Ilves',
      'ORG:Korvo Ltd',
      'LOC:Tallinn',
      'LOC:Estonia',
      'MISC:Nordic',
      'ORG:Korvo Group',
      'ORG:Baltic Lines',
    ])
  })
})
