import { describe, expect, it } from 'vitest'
import { firstDateIn, findDates, resolveAll, resolveFound } from './find'
import type { Resolution } from './resolve'

const texts = (s: string) => findDates(s).map((f) => f.text)
const TUE_24_JUN = {
  published: Date.parse('2025-06-24T00:00Z'),
  publishedPrecision: 'day' as const,
  timeZone: 'UTC',
}
/** The first reading's [start, end) as ISO strings. */
const first = (r: Resolution) => {
  const v =
    r.status === 'resolved'
      ? r.value
      : r.status === 'ambiguous'
        ? r.candidates[0]!.value
        : undefined
  return v ? [new Date(v.start).toISOString(), new Date(v.end ?? v.start).toISOString()] : r.status
}
const inText = (s: string, published = TUE_24_JUN) =>
  findDates(s).map((f) => ({
    text: f.text,
    tense: f.tense,
    first: first(resolveFound(f, published)),
  }))

describe('findDates', () => {
  it('finds dates and our own phrases, with their leading words', () => {
    const s =
      'Officials said on Monday that strikes over the weekend, hours before the talks, ' +
      'followed clashes earlier this month and in 2019; more on June 22 at 05:00 local time.'
    const found = findDates(s)
    expect(found.map((f) => f.text)).toEqual([
      'on Monday',
      'over the weekend',
      'hours before',
      'earlier this month',
      'in 2019',
      'on June 22 at 05:00 local time',
    ])
    for (const f of found) expect(s.slice(f.start, f.end)).toBe(f.text)
  })

  it('finds what each found text resolves to', () => {
    const s =
      'Early on Saturday, and again late last year, the group struck; yesterday afternoon too.'
    const found = findDates(s)
    expect(found.map((f) => f.text)).toEqual([
      'Early on Saturday',
      'late last year',
      'yesterday afternoon',
    ])
    for (const f of found) expect(resolveFound(f, TUE_24_JUN).status).toBe('resolved')
  })

  it('finds nothing in a sentence without dates', () => {
    expect(findDates('The minister denied the report.')).toEqual([])
  })

  it('keeps abbreviated months whole across full stops ("Aug. 2", "Dec. 15")', () => {
    const s = 'The ferry left on Aug. 2. Mr. Halvorsen said the U.S. team will return Dec. 15.'
    expect(texts(s)).toEqual(['on Aug. 2', 'Dec. 15'])
    // One sentence each: "will return" decides Dec. 15, not the "left" of the first sentence.
    expect(inText(s)[1]!.first).toEqual(['2025-12-15T00:00:00.000Z', '2025-12-16T00:00:00.000Z'])
  })

  it('finds quarters, halves, seasons, decades and fiscal years', () => {
    expect(
      texts(
        'Sales fell in the third quarter of 1984 and in the fourth quarter; the first half ' +
          'was better. Fiscal 1999 closed well, as did last fall and the summer of 2003, ' +
          'unlike the 1990s.',
      ),
    ).toEqual([
      'in the third quarter of 1984',
      'in the fourth quarter',
      'the first half',
      'Fiscal 1999',
      'last fall',
      'the summer of 2003',
      'the 1990s',
    ])
  })

  it('finds clock times, parts of the day, "now" and "a year ago"', () => {
    expect(
      texts(
        'The blast came at about 10:35 a.m. on the quay. Sunday night was calm, shortly after midnight too, ' +
          'and by mid afternoon the crowd, which a year ago had been tiny, is now huge.',
      ),
    ).toEqual([
      'at about 10:35 a.m.',
      'Sunday night',
      'shortly after midnight',
      'by mid afternoon',
      'a year ago',
      'now',
    ])
  })

  it('finds "the previous Friday", "earlier yesterday" and "the past two weeks"', () => {
    expect(
      texts(
        'The previous Friday they met; earlier yesterday a second round; the past two weeks were quiet.',
      ),
    ).toEqual(['The previous Friday', 'earlier yesterday', 'the past two weeks'])
  })

  it('finds bare years, but not amounts', () => {
    expect(texts('The treaty dates from 1979, when 2000 troops and $1999 were sent.')).toEqual([
      'from 1979',
    ])
    expect(texts('Elections were held in Ostrin in 2004. 1998 was worse.')).toEqual([
      'in 2004',
      '1998',
    ])
  })

  it('leaves "now that" and durations alone', () => {
    expect(texts('Now that the road is open, they walked for three hours.')).toEqual([])
  })

  it('reads each expression in the tense of its own sentence', () => {
    const s =
      'The council met on Friday. It will meet again Thursday, officials said. ' +
      'Tuesday’s meeting is being hosted by the mayor.'
    expect(findDates(s).map((f) => [f.text, f.tense])).toEqual([
      ['on Friday', 'past'],
      ['Thursday', 'future'],
      ['Tuesday', 'present'],
    ])
  })

  it('resolves months and weekdays without a year in the direction of the tense', () => {
    const mar = { ...TUE_24_JUN, published: Date.parse('2025-03-11T00:00Z') }
    // A March article about plans: December is the coming one; a report: the last one.
    expect(inText('The ministry will open the new line in December.', mar)[0]!.first).toEqual([
      '2025-12-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ])
    expect(inText('The ministry opened the new line in December.', mar)[0]!.first).toEqual([
      '2024-12-01T00:00:00.000Z',
      '2025-01-01T00:00:00.000Z',
    ])
    // Published Tuesday 11 March: "will meet Monday" is 17 March, "met Monday" 10 March.
    expect(inText('The envoys will meet Monday in Geneva.', mar)[0]!.first).toEqual([
      '2025-03-17T00:00:00.000Z',
      '2025-03-18T00:00:00.000Z',
    ])
    expect(inText('The envoys met Monday in Geneva.', mar)[0]!.first).toEqual([
      '2025-03-10T00:00:00.000Z',
      '2025-03-11T00:00:00.000Z',
    ])
  })

  it('takes the tense of a reporting verb next to the date: "said Friday that he would"', () => {
    const sat = { ...TUE_24_JUN, published: Date.parse('2025-06-28T00:00Z') }
    const [f] = inText('The mayor said Friday that he would resign.', sat)
    expect(f!.tense).toBe('past')
    expect(f!.first).toEqual(['2025-06-27T00:00:00.000Z', '2025-06-28T00:00:00.000Z'])
  })
})

describe('findDates: scheduled dates', () => {
  const tenses = (s: string) => findDates(s).map((f) => [f.text, f.tense])
  it('reads a date governed by "for" or "as soon as" as one to come', () => {
    expect(tenses('The vote was set for Tuesday.')).toEqual([['for Tuesday', 'future']])
    expect(tenses('The envoys could arrive as soon as Friday, aides said.')).toEqual([
      ['Friday', 'future'],
    ])
  })

  it('takes the tense of a passive from its "be": "would still be held on April 24"', () => {
    expect(tenses('He said a ceremony would still be held on April 24.')).toEqual([
      ['on April 24', 'future'],
    ])
  })
})

describe('firstDateIn', () => {
  it('finds the first date of a passage, read with its whole paragraph', () => {
    const text = 'Headline\nThe envoy arrived on Aug. 2. He will leave on Friday.\nNext line'
    const second = text.indexOf('He will')
    const found = firstDateIn(text, second, text.indexOf('\nNext'))
    expect(found).toMatchObject({ text: 'on Friday', tense: 'future' })
    expect(text.slice(found!.start, found!.end)).toBe('on Friday')
    // A passage cut at "Aug." still gets the whole date.
    expect(firstDateIn(text, text.indexOf('The envoy'), text.indexOf(' 2.'))?.text).toBe(
      'on Aug. 2',
    )
  })
})

describe('resolveAll', () => {
  it('resolves each expression of a document, repeated ones alike', () => {
    const s = 'Talks ended Friday. Friday was also when the vote failed. On Friday, they left.'
    const found = findDates(s)
    const all = resolveAll(found, TUE_24_JUN)
    expect(all).toHaveLength(found.length)
    expect(all.map(first)).toEqual(found.map((f) => first(resolveFound(f, TUE_24_JUN))))
  })
})
