import { describe, expect, it } from 'vitest'
import { findDateSpans } from './date-rules'

const dates = (text: string): string[] => findDateSpans(text).map((s) => text.slice(s.start, s.end))

describe('findDateSpans', () => {
  it.each([
    ['Iran fired missiles on Monday.', 'on Monday'],
    ['The strikes happened over the weekend.', 'over the weekend'],
    ['Just hours before the launch, they met.', 'hours before'],
    ['Talks collapsed last week.', 'last week'],
    ['The authority wrote earlier this month.', 'earlier this month'],
    ['The deal was signed on June 22.', 'on June 22'],
    ['They signed an agreement in 2019.', 'in 2019'],
    ['Crew were questioned on Saturday morning.', 'on Saturday morning'],
    ['Dockers blocked the road yesterday afternoon.', 'yesterday afternoon'],
    ['The letter of October 2 was clear.', 'October 2'],
    ['Ostrin, 13 October 2025', '13 October 2025'],
    [
      'Held until the afternoon of Sunday, 12 October.',
      'until the afternoon of Sunday, 12 October',
    ],
    ['Containers passed through since June.', 'since June'],
    ['They will speak later today.', 'later today'],
    ['Days later, officers arrived.', 'Days later'],
    ['Officers arrived at about 5am on Saturday.', 'at about 5am on Saturday'],
    ['Today, at 15:00, the minister received him.', 'Today, at 15:00'],
    ['Thursday 16 October 2025, 08:10.', 'Thursday 16 October 2025, 08:10'],
    ['on the same day as the attack', 'on the same day'],
    ['whether it will grow bolder in the days ahead.', 'in the days ahead'],
    ['It happened in mid-March.', 'in mid-March'],
    ['Signed 2025-10-13 in Ostrin.', '2025-10-13'],
    ['Reforms of the 1990s', 'the 1990s'],
  ])('finds the date in %j', (text, expected) => {
    expect(dates(text)).toEqual([expected])
  })

  it('leaves the preposition of a possessive date out', () => {
    expect(dates('I was surprised after yesterday’s call and Saturday’s raid.')).toEqual([
      'yesterday',
      'Saturday',
    ])
  })

  it('keeps separate times separate', () => {
    expect(dates('Kell spoke on Monday morning, hours before the summons.')).toEqual([
      'on Monday morning',
      'hours before',
    ])
    expect(dates('They met on Monday, Tuesday and Friday.')).toEqual([
      'on Monday',
      'Tuesday',
      'Friday',
    ])
  })

  it('does not suggest "now" or "the future", which the finder reads but name no time', () => {
    expect(
      dates('The port is now closed; in the future, ships will wait. It shut in June.'),
    ).toEqual(['in June'])
  })

  it('finds dates across abbreviations, with the same finder as the event form', () => {
    expect(dates('The U.S. envoy left on Aug. 2 and Mr. Ruiz on Dec. 15, 1998.')).toEqual([
      'on Aug. 2',
      'on Dec. 15, 1998',
    ])
  })

  it.each([
    'The road was closed for almost three hours before the march.',
    'They were held for more than twenty hours.',
    'All four were free to leave within hours.',
    'May I ask a question? Troops march on.',
    'Some 340 jobs and 2,000 containers; 1.5 million tonnes.',
    'Good morning. It was a long call, about forty minutes.',
  ])('finds no date in %j', (text) => {
    expect(dates(text)).toEqual([])
  })
})
