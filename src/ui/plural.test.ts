import { describe, expect, it } from 'vitest'
import { listInWords, plural, pluralOf } from './plural'

describe('plural', () => {
  it('agrees the noun with the count', () => {
    expect(plural(0, 'document')).toBe('0 documents')
    expect(plural(1, 'document')).toBe('1 document')
    expect(plural(2, 'document')).toBe('2 documents')
    expect(plural(12000, 'event')).toBe('12,000 events')
  })

  it('follows the regular rules of the nouns the app counts', () => {
    expect(pluralOf('entity')).toBe('entities')
    expect(pluralOf('hypothesis')).toBe('hypotheses')
    expect(pluralOf('match')).toBe('matches')
    expect(pluralOf('day')).toBe('days')
    expect(plural(2, 'person', 'people')).toBe('2 people')
    expect(plural(1, 'person', 'people')).toBe('1 person')
  })

  it('lists counts as a sentence', () => {
    expect(listInWords([])).toBe('')
    expect(listInWords(['1 tag'])).toBe('1 tag')
    expect(listInWords(['1 tag', '2 events'])).toBe('1 tag and 2 events')
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c')
  })
})
