import { describe, expect, it } from 'vitest'
import { tenseAround, type Tense } from './tense'

/** The tense around the first occurrence of `words` in `sentence`. */
const around = (sentence: string, words: string): Tense => {
  const i = sentence.indexOf(words)
  return tenseAround(sentence, i, i + words.length)
}

describe('tenseAround', () => {
  it.each([
    ['The delegates met on Monday in Oslo.', 'on Monday', 'past'],
    ['The delegates will meet Monday in Oslo.', 'Monday', 'future'],
    ['The delegates are going to meet Monday.', 'Monday', 'future'],
    ['The vote is scheduled for Thursday.', 'Thursday', 'future'],
    ['Tuesday’s meeting is being hosted by Norway.', 'Tuesday', 'present'],
    ['Talks have been held since Monday.', 'since Monday', 'past'],
    ['The envoy flew home Friday.', 'Friday', 'past'],
    ['Friday, in Oslo.', 'Friday', 'unknown'],
  ] as [string, string, Tense][])('%j: %s is %s', (sentence, words, tense) => {
    expect(around(sentence, words)).toBe(tense)
  })

  it('passes over a reporting verb away from the date', () => {
    expect(around('The ministers will meet Monday, officials said.', 'Monday')).toBe('future')
  })

  it('takes a reporting verb right next to the date', () => {
    expect(around('The minister said Friday that talks would resume.', 'Friday')).toBe('past')
  })
})
