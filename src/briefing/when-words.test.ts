import { describe, expect, it } from 'vitest'
import { zonedInstant } from '../domain/time/calendar'
import type { TimeValue } from '../domain/types'
import { whenInWords } from './when-words'

/** An instant on the wall clock of `zone`. */
const at = (zone: string, y: number, m: number, d: number, h = 0, min = 0) =>
  zonedInstant({ y, m, d }, h, min, zone)
const utc = (y: number, m: number, d: number, h = 0, min = 0) => at('UTC', y, m, d, h, min)

/** A value with the required fields filled in. */
const v = (
  precision: TimeValue['precision'],
  start: number,
  rest: Partial<TimeValue> = {},
): TimeValue => ({ start, precision, approximate: false, ...rest })

const approx = { approximate: true }

const rows: [string, TimeValue, string][] = [
  // Days
  ['a day', v('day', utc(2025, 6, 23), { end: utc(2025, 6, 24) }), '23 June 2025'],
  ['a day without end', v('day', utc(2025, 6, 23)), '23 June 2025'],
  [
    'an approximate day',
    v('day', utc(2025, 6, 23), { end: utc(2025, 6, 24), ...approx }),
    'on or about 23 June 2025',
  ],
  ['days in one month', v('day', utc(2025, 6, 21), { end: utc(2025, 6, 23) }), '21–22 June 2025'],
  [
    'days across months',
    v('day', utc(2025, 6, 30), { end: utc(2025, 7, 3) }),
    '30 June – 2 July 2025',
  ],
  [
    'days across years',
    v('day', utc(2024, 12, 30), { end: utc(2025, 1, 3) }),
    '30 December 2024 – 2 January 2025',
  ],
  [
    'an approximate span of days',
    v('day', utc(2025, 6, 21), { end: utc(2025, 6, 24), ...approx }),
    'between 21 and 23 June 2025',
  ],
  [
    'a day with wider bounds',
    v('day', utc(2025, 6, 23), {
      end: utc(2025, 6, 24),
      earliest: utc(2025, 6, 21),
      latest: utc(2025, 6, 26),
    }),
    'between 21 and 25 June 2025',
  ],
  [
    'wider bounds across months',
    v('day', utc(2025, 6, 30), {
      end: utc(2025, 7, 1),
      earliest: utc(2025, 6, 29),
      latest: utc(2025, 7, 2),
      ...approx,
    }),
    'between 29 June and 1 July 2025',
  ],
  [
    'wider bounds across years',
    v('day', utc(2025, 1, 1), {
      end: utc(2025, 1, 2),
      earliest: utc(2024, 12, 31),
      latest: utc(2025, 1, 3),
    }),
    'between 31 December 2024 and 2 January 2025',
  ],
  [
    'bounds equal to start/end change nothing',
    v('day', utc(2025, 6, 23), {
      end: utc(2025, 6, 24),
      earliest: utc(2025, 6, 23),
      latest: utc(2025, 6, 24),
    }),
    '23 June 2025',
  ],
  // Months and years
  ['a month', v('month', utc(2025, 6, 1), { end: utc(2025, 7, 1) }), 'June 2025'],
  [
    'an approximate month',
    v('month', utc(2025, 6, 1), { end: utc(2025, 7, 1), ...approx }),
    'about June 2025',
  ],
  ['months in a year', v('month', utc(2025, 6, 1), { end: utc(2025, 8, 1) }), 'June–July 2025'],
  [
    'months across years',
    v('month', utc(2024, 12, 1), { end: utc(2025, 2, 1) }),
    'December 2024 – January 2025',
  ],
  [
    'an approximate span of months',
    v('month', utc(2025, 5, 1), { end: utc(2025, 8, 1), ...approx }),
    'between May and July 2025',
  ],
  ['a year', v('year', utc(2025, 1, 1), { end: utc(2026, 1, 1) }), '2025'],
  [
    'an approximate year',
    v('year', utc(2025, 1, 1), { end: utc(2026, 1, 1), ...approx }),
    'about 2025',
  ],
  ['years', v('year', utc(2023, 1, 1), { end: utc(2026, 1, 1) }), '2023–2025'],
  [
    'a year with wider bounds',
    v('year', utc(2024, 1, 1), {
      end: utc(2025, 1, 1),
      earliest: utc(2023, 1, 1),
      latest: utc(2026, 1, 1),
    }),
    'between 2023 and 2025',
  ],
  // Zones: days are read on the source's calendar
  [
    'a Tehran day (UTC would say 22 June)',
    v('day', at('Asia/Tehran', 2025, 6, 23), {
      end: at('Asia/Tehran', 2025, 6, 24),
      zone: 'Asia/Tehran',
    }),
    '23 June 2025',
  ],
  [
    'a New York weekend',
    v('day', at('America/New_York', 2025, 6, 21), {
      end: at('America/New_York', 2025, 6, 23),
      zone: 'America/New_York',
    }),
    '21–22 June 2025',
  ],
  [
    'days across a DST change (Berlin)',
    v('day', at('Europe/Berlin', 2025, 3, 29), {
      end: at('Europe/Berlin', 2025, 3, 31),
      zone: 'Europe/Berlin',
    }),
    '29–30 March 2025',
  ],
  [
    'an unknown zone reads as UTC',
    v('day', utc(2025, 6, 23), { zone: 'Mars/Olympus' }),
    '23 June 2025',
  ],
  // Clock times
  ['a UTC minute', v('minute', utc(2025, 6, 23, 5)), '23 June 2025, 05:00 UTC'],
  [
    'a fixed-offset minute',
    v('minute', at('Etc/GMT-3', 2025, 6, 23, 5), { zone: 'Etc/GMT-3' }),
    '23 June 2025, 05:00 UTC+3',
  ],
  [
    'a named-zone minute, with its offset',
    v('minute', at('America/New_York', 2025, 6, 23, 5), { zone: 'America/New_York' }),
    '23 June 2025, 05:00 (America/New_York, UTC−4)',
  ],
  [
    'an approximate minute',
    v('minute', utc(2025, 6, 23, 5), approx),
    '23 June 2025, about 05:00 UTC',
  ],
  [
    '"around 05:00" (±30 minutes)',
    v('minute', utc(2025, 6, 23, 5), {
      earliest: utc(2025, 6, 23, 4, 30),
      latest: utc(2025, 6, 23, 5, 30),
      ...approx,
    }),
    '23 June 2025, between 04:30 and 05:30 UTC',
  ],
  [
    'bounds across midnight',
    v('minute', utc(2025, 6, 23, 0), {
      earliest: utc(2025, 6, 22, 23, 30),
      latest: utc(2025, 6, 23, 0, 30),
      ...approx,
    }),
    'between 22 June 2025, 23:30 and 23 June 2025, 00:30 UTC',
  ],
  [
    'a Tehran afternoon',
    v('hour', at('Asia/Tehran', 2025, 6, 23, 12), {
      end: at('Asia/Tehran', 2025, 6, 23, 18),
      zone: 'Asia/Tehran',
    }),
    '23 June 2025, 12:00–18:00 (Asia/Tehran, UTC+3:30)',
  ],
  [
    'an evening to midnight',
    v('hour', utc(2025, 6, 23, 18), { end: utc(2025, 6, 24) }),
    '23 June 2025, 18:00–24:00 UTC',
  ],
  [
    'a night across days',
    v('hour', utc(2025, 6, 22, 22), { end: utc(2025, 6, 23, 2) }),
    '22 June 2025, 22:00 – 23 June 2025, 02:00 UTC',
  ],
  [
    'an approximate hour window',
    v('hour', utc(2025, 6, 23, 12), { end: utc(2025, 6, 23, 18), ...approx }),
    '23 June 2025, between 12:00 and 18:00 UTC',
  ],
  ['an hour without end', v('hour', utc(2025, 6, 23, 5)), '23 June 2025, 05:00 UTC'],
  // Degenerate values
  [
    'an end before the start is ignored',
    v('day', utc(2025, 6, 23), { end: utc(2025, 6, 20) }),
    '23 June 2025',
  ],
  ['no start', v('day', Number.NaN), 'date unknown'],
]

describe('whenInWords', () => {
  it('has a table of at least 25 rows', () => expect(rows.length).toBeGreaterThanOrEqual(25))

  it.each(rows)('%s', (_name, value, expected) => {
    expect(whenInWords(value)).toBe(expected)
  })
})
