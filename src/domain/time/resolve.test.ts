import { describe, expect, it } from 'vitest'
import type { TimeValue } from '../types'
import { formatTimeValue, formatWhen, zoneLabel } from './calendar'
import { resolveExpression, type ResolveContext } from './resolve'

/** Publication dates used below: day precision is stored as midnight UTC (format.ts). */
const day = (iso: string) => ({
  published: Date.parse(`${iso}T00:00Z`),
  publishedPrecision: 'day' as const,
})
const minute = (iso: string) => ({
  published: Date.parse(iso),
  publishedPrecision: 'minute' as const,
})

const TUE_24_JUN = day('2025-06-24')
const MON_23_JUN = day('2025-06-23')
const SUN_22_JUN = day('2025-06-22')
const TUE_1_JUL = day('2025-07-01')
const WED_1_JAN = day('2025-01-01')
const TEHRAN_AFTER_MIDNIGHT = minute('2025-06-25T00:30+03:30') // still Tue 24 Jun in UTC
const NEW_YORK_LATE = minute('2025-06-24T22:00-04:00') // already Wed 25 Jun in UTC
const BERLIN_AFTER_DST = minute('2025-03-31T09:00+02:00') // clocks went forward Sun 30 Mar
const NONE = {}

const ANCHOR_0500: TimeValue = {
  start: Date.parse('2025-06-21T05:00Z'),
  precision: 'minute',
  approximate: false,
}
const ANCHOR_MONDAY: TimeValue = {
  start: Date.parse('2025-06-23T00:00Z'),
  end: Date.parse('2025-06-24T00:00Z'),
  precision: 'day',
  approximate: false,
}

interface Row {
  expr: string
  pub: Partial<ResolveContext>
  zone?: string
  anchor?: TimeValue
  status?: 'resolved' | 'ambiguous' | 'unresolvable'
  /** Expected start/end as ISO instants (with the zone's offset), end exclusive. */
  start?: string
  end?: string | null
  precision?: TimeValue['precision']
  approximate?: boolean
  /** For ambiguous rows: the candidates' starts, in order. */
  candidates?: string[]
}

const rows: Row[] = [
  // The worked example and the basic rules, published Tue 24 Jun 2025 (UTC source).
  {
    expr: 'on Monday',
    pub: TUE_24_JUN,
    start: '2025-06-23T00:00Z',
    end: '2025-06-24T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'over the weekend',
    pub: TUE_24_JUN,
    start: '2025-06-21T00:00Z',
    end: '2025-06-23T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'at the weekend',
    pub: TUE_24_JUN,
    start: '2025-06-21T00:00Z',
    end: '2025-06-23T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'this weekend',
    pub: TUE_24_JUN,
    start: '2025-06-21T00:00Z',
    end: '2025-06-23T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'last week',
    pub: TUE_24_JUN,
    start: '2025-06-16T00:00Z',
    end: '2025-06-23T00:00Z',
    precision: 'day',
    approximate: true,
  },
  {
    expr: 'earlier this week',
    pub: TUE_24_JUN,
    start: '2025-06-23T00:00Z',
    end: '2025-06-24T00:00Z',
    precision: 'day',
    approximate: true,
  },
  {
    expr: 'earlier this month',
    pub: TUE_24_JUN,
    start: '2025-06-01T00:00Z',
    end: '2025-06-24T00:00Z',
    precision: 'day',
    approximate: true,
  },
  {
    expr: 'last month',
    pub: TUE_24_JUN,
    start: '2025-05-01T00:00Z',
    end: '2025-06-01T00:00Z',
    precision: 'month',
    approximate: false,
  },
  {
    expr: 'yesterday',
    pub: TUE_24_JUN,
    start: '2025-06-23T00:00Z',
    end: '2025-06-24T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'today',
    pub: TUE_24_JUN,
    start: '2025-06-24T00:00Z',
    end: '2025-06-25T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'tonight',
    pub: TUE_24_JUN,
    start: '2025-06-24T18:00Z',
    end: '2025-06-25T06:00Z',
    precision: 'hour',
    approximate: true,
  },
  {
    expr: 'this morning',
    pub: TUE_24_JUN,
    start: '2025-06-24T05:00Z',
    end: '2025-06-24T12:00Z',
    precision: 'hour',
    approximate: true,
  },
  {
    expr: 'yesterday afternoon',
    pub: TUE_24_JUN,
    start: '2025-06-23T12:00Z',
    end: '2025-06-23T18:00Z',
    precision: 'hour',
    approximate: true,
  },
  {
    expr: 'last night',
    pub: TUE_24_JUN,
    start: '2025-06-23T18:00Z',
    end: '2025-06-24T06:00Z',
    precision: 'hour',
    approximate: true,
  },
  {
    expr: 'in 2019',
    pub: TUE_24_JUN,
    start: '2019-01-01T00:00Z',
    end: '2020-01-01T00:00Z',
    precision: 'year',
    approximate: false,
  },
  {
    expr: 'in June',
    pub: TUE_24_JUN,
    start: '2025-06-01T00:00Z',
    end: '2025-07-01T00:00Z',
    precision: 'month',
    approximate: false,
  },
  {
    expr: 'in July',
    pub: TUE_24_JUN,
    start: '2024-07-01T00:00Z',
    end: '2024-08-01T00:00Z',
    precision: 'month',
    approximate: false,
  },
  {
    expr: 'on June 22',
    pub: TUE_24_JUN,
    start: '2025-06-22T00:00Z',
    end: '2025-06-23T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: '22 June',
    pub: TUE_24_JUN,
    start: '2025-06-22T00:00Z',
    end: '2025-06-23T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'on June 28',
    pub: TUE_24_JUN,
    start: '2025-06-28T00:00Z',
    end: '2025-06-29T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'on July 10',
    pub: TUE_24_JUN,
    start: '2024-07-10T00:00Z',
    end: '2024-07-11T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'Monday, June 23',
    pub: TUE_24_JUN,
    start: '2025-06-23T00:00Z',
    end: '2025-06-24T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'early on Saturday',
    pub: TUE_24_JUN,
    start: '2025-06-21T00:00Z',
    end: '2025-06-21T08:00Z',
    precision: 'hour',
    approximate: true,
  },
  {
    expr: 'late last year',
    pub: TUE_24_JUN,
    start: '2024-09-01T00:00Z',
    end: '2025-01-01T00:00Z',
    precision: 'month',
    approximate: true,
  },
  {
    expr: 'in late June',
    pub: TUE_24_JUN,
    start: '2025-06-21T00:00Z',
    end: '2025-07-01T00:00Z',
    precision: 'day',
    approximate: true,
  },
  {
    expr: 'mid-June 2019',
    pub: NONE,
    start: '2019-06-11T00:00Z',
    end: '2019-06-21T00:00Z',
    precision: 'day',
    approximate: true,
  },
  {
    expr: '5 pm yesterday',
    pub: TUE_24_JUN,
    start: '2025-06-23T17:00Z',
    end: null,
    precision: 'minute',
    approximate: false,
  },
  {
    expr: 'two weeks ago',
    pub: TUE_24_JUN,
    start: '2025-06-10T00:00Z',
    end: '2025-06-11T00:00Z',
    precision: 'day',
    approximate: true,
  },
  {
    expr: 'on Saturday at 05:00',
    pub: TUE_24_JUN,
    zone: 'Asia/Tehran',
    start: '2025-06-21T05:00+03:30',
    end: null,
    precision: 'minute',
    approximate: false,
  },
  {
    expr: 'the early hours of Sunday',
    pub: TUE_24_JUN,
    start: '2025-06-22T00:00Z',
    end: '2025-06-22T08:00Z',
    precision: 'hour',
    approximate: true,
  },
  {
    expr: 'during the night',
    pub: TUE_24_JUN,
    start: '2025-06-23T18:00Z',
    end: '2025-06-24T06:00Z',
    precision: 'hour',
    approximate: true,
  },
  {
    expr: 'the weekend before last',
    pub: TUE_24_JUN,
    start: '2025-06-14T00:00Z',
    end: '2025-06-16T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    // A vague count is a range (two to seven days back), not chrono's single day three back.
    expr: 'a few days ago',
    pub: TUE_24_JUN,
    start: '2025-06-17T00:00Z',
    end: '2025-06-23T00:00Z',
    precision: 'day',
    approximate: true,
  },
  // Absolute dates need no publication date.
  {
    expr: 'June 22, 2025',
    pub: NONE,
    start: '2025-06-22T00:00Z',
    end: '2025-06-23T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'on 3 March 2024',
    pub: NONE,
    start: '2024-03-03T00:00Z',
    end: '2024-03-04T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: '2024-03-03',
    pub: NONE,
    zone: 'Asia/Tehran',
    start: '2024-03-03T00:00+03:30',
    end: '2024-03-04T00:00+03:30',
    precision: 'day',
    approximate: false,
  },
  {
    expr: '2024-03-03T05:00',
    pub: NONE,
    zone: 'Asia/Tehran',
    start: '2024-03-03T05:00+03:30',
    end: null,
    precision: 'minute',
    approximate: false,
  },
  {
    expr: 'in 2019',
    pub: NONE,
    start: '2019-01-01T00:00Z',
    end: '2020-01-01T00:00Z',
    precision: 'year',
    approximate: false,
  },
  {
    expr: 'around 05:00 on 3 March 2024',
    pub: NONE,
    start: '2024-03-03T05:00Z',
    end: null,
    precision: 'minute',
    approximate: true,
  },
  // Offsets from a related event, or from publication when there is none.
  {
    expr: 'hours before',
    pub: TUE_24_JUN,
    anchor: ANCHOR_0500,
    start: '2025-06-20T05:00Z',
    end: '2025-06-21T04:00Z',
    precision: 'hour',
    approximate: true,
  },
  {
    expr: 'two hours before',
    pub: TUE_24_JUN,
    anchor: ANCHOR_0500,
    start: '2025-06-21T03:00Z',
    end: null,
    precision: 'minute',
    approximate: false,
  },
  {
    expr: 'hours after',
    pub: TUE_24_JUN,
    anchor: ANCHOR_0500,
    start: '2025-06-21T06:00Z',
    end: '2025-06-22T05:00Z',
    precision: 'hour',
    approximate: true,
  },
  {
    expr: 'days later',
    pub: TUE_24_JUN,
    anchor: ANCHOR_0500,
    start: '2025-06-22T00:00Z',
    end: '2025-06-29T00:00Z',
    precision: 'day',
    approximate: true,
  },
  {
    expr: 'three days later',
    pub: TUE_24_JUN,
    anchor: ANCHOR_MONDAY,
    start: '2025-06-26T00:00Z',
    end: '2025-06-27T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'the next day',
    pub: NONE,
    anchor: ANCHOR_MONDAY,
    start: '2025-06-24T00:00Z',
    end: '2025-06-25T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'hours before',
    pub: minute('2025-06-24T09:30Z'),
    start: '2025-06-23T09:30Z',
    end: '2025-06-24T08:30Z',
    precision: 'hour',
    approximate: true,
  },
  // Published on a Monday.
  {
    expr: 'on Monday',
    pub: MON_23_JUN,
    start: '2025-06-23T00:00Z',
    end: '2025-06-24T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'last Monday',
    pub: MON_23_JUN,
    start: '2025-06-16T00:00Z',
    end: '2025-06-17T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'earlier this week',
    pub: MON_23_JUN,
    start: '2025-06-23T00:00Z',
    end: '2025-06-24T00:00Z',
    precision: 'day',
    approximate: true,
  },
  {
    expr: 'over the weekend',
    pub: MON_23_JUN,
    start: '2025-06-21T00:00Z',
    end: '2025-06-23T00:00Z',
    precision: 'day',
    approximate: false,
  },
  // Published on a Sunday.
  {
    expr: 'over the weekend',
    pub: SUN_22_JUN,
    start: '2025-06-21T00:00Z',
    end: '2025-06-23T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'last weekend',
    pub: SUN_22_JUN,
    start: '2025-06-14T00:00Z',
    end: '2025-06-16T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'last week',
    pub: SUN_22_JUN,
    start: '2025-06-09T00:00Z',
    end: '2025-06-16T00:00Z',
    precision: 'day',
    approximate: true,
  },
  {
    expr: 'on Sunday',
    pub: SUN_22_JUN,
    start: '2025-06-22T00:00Z',
    end: '2025-06-23T00:00Z',
    precision: 'day',
    approximate: false,
  },
  // Published on the 1st of a month.
  {
    expr: 'last month',
    pub: TUE_1_JUL,
    start: '2025-06-01T00:00Z',
    end: '2025-07-01T00:00Z',
    precision: 'month',
    approximate: false,
  },
  {
    expr: 'earlier this month',
    pub: TUE_1_JUL,
    status: 'ambiguous',
    candidates: ['2025-07-01T00:00Z', '2025-06-01T00:00Z'],
  },
  {
    expr: 'on the 5th',
    pub: TUE_1_JUL,
    status: 'ambiguous',
    candidates: ['2025-06-05T00:00Z', '2025-07-05T00:00Z'],
  },
  // Published on 1 January (a Wednesday): the year boundary.
  {
    expr: 'last week',
    pub: WED_1_JAN,
    start: '2024-12-23T00:00Z',
    end: '2024-12-30T00:00Z',
    precision: 'day',
    approximate: true,
  },
  {
    expr: 'earlier this week',
    pub: WED_1_JAN,
    start: '2024-12-30T00:00Z',
    end: '2025-01-01T00:00Z',
    precision: 'day',
    approximate: true,
  },
  {
    expr: 'in December',
    pub: WED_1_JAN,
    start: '2024-12-01T00:00Z',
    end: '2025-01-01T00:00Z',
    precision: 'month',
    approximate: false,
  },
  {
    expr: 'last year',
    pub: WED_1_JAN,
    start: '2024-01-01T00:00Z',
    end: '2025-01-01T00:00Z',
    precision: 'year',
    approximate: false,
  },
  {
    expr: 'on December 30',
    pub: WED_1_JAN,
    start: '2024-12-30T00:00Z',
    end: '2024-12-31T00:00Z',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'earlier this month',
    pub: WED_1_JAN,
    status: 'ambiguous',
    candidates: ['2025-01-01T00:00Z', '2024-12-01T00:00Z'],
  },
  // Near midnight: the source's calendar day differs from UTC's.
  {
    expr: 'today',
    pub: TEHRAN_AFTER_MIDNIGHT,
    zone: 'Asia/Tehran',
    start: '2025-06-25T00:00+03:30',
    end: '2025-06-26T00:00+03:30',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'yesterday',
    pub: TEHRAN_AFTER_MIDNIGHT,
    zone: 'Asia/Tehran',
    start: '2025-06-24T00:00+03:30',
    end: '2025-06-25T00:00+03:30',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'on Monday',
    pub: TEHRAN_AFTER_MIDNIGHT,
    zone: 'Asia/Tehran',
    start: '2025-06-23T00:00+03:30',
    end: '2025-06-24T00:00+03:30',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'at 05:00',
    pub: TEHRAN_AFTER_MIDNIGHT,
    zone: 'Asia/Tehran',
    start: '2025-06-24T05:00+03:30',
    end: null,
    precision: 'minute',
    approximate: true,
  },
  {
    expr: 'today',
    pub: NEW_YORK_LATE,
    zone: 'America/New_York',
    start: '2025-06-24T00:00-04:00',
    end: '2025-06-25T00:00-04:00',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'at 17:30 GMT',
    pub: NEW_YORK_LATE,
    zone: 'America/New_York',
    start: '2025-06-24T17:30Z',
    end: null,
    precision: 'minute',
    approximate: true,
  },
  // Berlin, clocks forward at 02:00 on Sun 30 Mar 2025: that day lasts 23 hours.
  {
    expr: 'on Sunday',
    pub: BERLIN_AFTER_DST,
    zone: 'Europe/Berlin',
    start: '2025-03-30T00:00+01:00',
    end: '2025-03-31T00:00+02:00',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'over the weekend',
    pub: BERLIN_AFTER_DST,
    zone: 'Europe/Berlin',
    start: '2025-03-29T00:00+01:00',
    end: '2025-03-31T00:00+02:00',
    precision: 'day',
    approximate: false,
  },
  {
    expr: 'early on Sunday',
    pub: BERLIN_AFTER_DST,
    zone: 'Europe/Berlin',
    start: '2025-03-30T00:00+01:00',
    end: '2025-03-30T08:00+02:00',
    precision: 'hour',
    approximate: true,
  },
  {
    expr: 'on Sunday at 02:30',
    pub: BERLIN_AFTER_DST,
    zone: 'Europe/Berlin',
    start: '2025-03-30T03:30+02:00',
    end: null,
    precision: 'minute',
    approximate: true,
  },
  {
    expr: 'on Sunday at 12:00',
    pub: BERLIN_AFTER_DST,
    zone: 'Europe/Berlin',
    start: '2025-03-30T12:00+02:00',
    end: null,
    precision: 'minute',
    approximate: false,
  },
  // Ambiguous.
  {
    expr: 'next Monday',
    pub: TUE_24_JUN,
    status: 'ambiguous',
    candidates: ['2025-06-30T00:00Z', '2025-07-07T00:00Z'],
  },
  {
    expr: '03/04/2024',
    pub: NONE,
    status: 'ambiguous',
    candidates: ['2024-04-03T00:00Z', '2024-03-04T00:00Z'],
  },
  {
    expr: 'Sunday, June 23',
    pub: TUE_24_JUN,
    status: 'ambiguous',
    candidates: ['2025-06-23T00:00Z', '2025-06-22T00:00Z'],
  },
  // Unresolvable.
  { expr: 'on Monday', pub: NONE, status: 'unresolvable' },
  { expr: 'on June 22', pub: NONE, status: 'unresolvable' },
  { expr: 'hours before', pub: NONE, status: 'unresolvable' },
  { expr: 'banana', pub: TUE_24_JUN, status: 'unresolvable' },
  { expr: 'on February 30, 2025', pub: TUE_24_JUN, status: 'unresolvable' },
  { expr: '', pub: TUE_24_JUN, status: 'unresolvable' },
]

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString())
const at = (s: string) => new Date(Date.parse(s)).toISOString()

describe('resolveExpression', () => {
  it.each(rows.map((r) => ({ ...r, zone: r.zone ?? 'UTC' })))('$expr ($zone) → $start', (row) => {
    const r = resolveExpression(row.expr, {
      ...row.pub,
      timeZone: row.zone ?? 'UTC',
      ...(row.anchor ? { anchor: row.anchor } : {}),
    })
    const status = row.status ?? 'resolved'
    expect(r.status, JSON.stringify(r)).toBe(status)
    if (r.status === 'ambiguous') {
      expect(r.candidates.map((c) => iso(c.value.start))).toEqual(row.candidates!.map(at))
      expect(r.explanation).toMatch(/ambiguous/)
      return
    }
    if (r.status === 'unresolvable') {
      expect(r.reason).not.toBe('')
      return
    }
    const v = r.value
    expect(iso(v.start)).toBe(at(row.start!))
    expect(iso(v.end)).toBe(row.end ? at(row.end) : null)
    expect(v.precision).toBe(row.precision)
    expect(v.approximate).toBe(row.approximate)
    expect(v.earliest).toBeLessThanOrEqual(v.start)
    expect(v.latest).toBeGreaterThanOrEqual(v.end ?? v.start)
    expect(v.resolvedFrom?.text).toBe(row.expr)
    expect(v.resolvedFrom?.rule).toBeTruthy()
  })

  it('explains the worked example in words', () => {
    const monday = resolveExpression('on Monday', { ...TUE_24_JUN, timeZone: 'UTC' })
    expect(monday.status === 'resolved' && monday.explanation).toBe(
      "'on Monday' → Mon 23 Jun 2025 (published Tue 24 Jun 2025; most recent Monday)",
    )
    const weekend = resolveExpression('over the weekend', { ...TUE_24_JUN, timeZone: 'UTC' })
    expect(weekend.status === 'resolved' && weekend.explanation).toBe(
      "'over the weekend' → Sat 21 Jun 2025 – Sun 22 Jun 2025 (published Tue 24 Jun 2025; most recent weekend)",
    )
    if (monday.status === 'resolved')
      expect(monday.value.resolvedFrom).toEqual({
        text: 'on Monday',
        reference: Date.parse('2025-06-24T00:00Z'),
        rule: 'weekday-most-recent',
      })
  })

  it('asks for a publication date rather than guessing', () => {
    expect(resolveExpression('yesterday', { timeZone: 'UTC' })).toEqual({
      status: 'unresolvable',
      reason: 'no publication date — enter one',
    })
  })

  it('shows a day in the source zone, not in UTC', () => {
    const r = resolveExpression('today', { ...TEHRAN_AFTER_MIDNIGHT, timeZone: 'Asia/Tehran' })
    if (r.status !== 'resolved') throw new Error(r.status)
    expect(formatTimeValue(r.value, 'Asia/Tehran')).toBe('Wed 25 Jun 2025')
    // The value carries its zone, so it reads right without the document at hand…
    expect(r.value.zone).toBe('Asia/Tehran')
    expect(formatWhen(r.value)).toBe('Wed 25 Jun 2025')
    // …where read in UTC it would straddle the 24th and the 25th.
    expect(formatTimeValue(r.value, 'UTC')).toBe('Tue 24 Jun 2025 – Wed 25 Jun 2025')
    // UTC values stay as they were stored before zones were recorded: no zone field.
    const utc = resolveExpression('on Monday', { ...TUE_24_JUN, timeZone: 'UTC' })
    if (utc.status !== 'resolved') throw new Error(utc.status)
    expect('zone' in utc.value).toBe(false)
    expect(r.explanation).toBe(
      "'today' → Wed 25 Jun 2025 (published Wed 25 Jun 2025 00:30 Asia/Tehran; the day of publication)",
    )
  })

  it("writes IANA's fixed-offset zones the way round a reader expects", () => {
    expect(zoneLabel('Etc/GMT-2')).toBe('UTC+2')
    expect(zoneLabel('Etc/GMT+5')).toBe('UTC−5')
    expect(zoneLabel('Asia/Tehran')).toBe('Asia/Tehran')
    const r = resolveExpression('at 05:00 on Saturday', {
      published: Date.parse('2025-10-13T09:00Z'),
      publishedPrecision: 'minute',
      timeZone: 'Etc/GMT-2',
    })
    if (r.status !== 'resolved') throw new Error(r.status)
    expect(formatWhen(r.value)).toBe('Sat 11 Oct 2025 05:00 UTC+2')
    expect(r.explanation).toContain('published Mon 13 Oct 2025 11:00 UTC+2')
  })

  it('rejects an unknown zone', () => {
    expect(resolveExpression('today', { ...TUE_24_JUN, timeZone: 'Mars/Olympus' }).status).toBe(
      'unresolvable',
    )
  })
})

describe('resolveExpression: news expressions (issue 12)', () => {
  const UTC = { timeZone: 'UTC' }
  const at = (iso: string) => Date.parse(iso.length === 10 ? `${iso}T00:00Z` : iso)
  /** [start, end) of the only reading, or of the first when there are several. */
  const span = (expr: string, ctx: Partial<ResolveContext>) => {
    const r = resolveExpression(expr, { ...TUE_24_JUN, ...UTC, ...ctx })
    const v =
      r.status === 'resolved'
        ? r.value
        : r.status === 'ambiguous'
          ? r.candidates[0]!.value
          : undefined
    if (!v) throw new Error(`${expr}: ${r.status === 'unresolvable' ? r.reason : ''}`)
    return {
      start: v.start,
      end: v.end ?? v.start,
      approximate: v.approximate,
      status: r.status,
      v,
    }
  }

  it.each([
    ['the third quarter of 1984', {}, '1984-07-01', '1984-10-01'],
    ['the fourth quarter', { tense: 'past' }, '2024-10-01', '2025-01-01'],
    ['the fourth quarter', { tense: 'future' }, '2025-10-01', '2026-01-01'],
    ['the first half', { tense: 'past' }, '2025-01-01', '2025-07-01'],
    ['the second half of this year', {}, '2025-07-01', '2026-01-01'],
    ['last quarter', {}, '2025-01-01', '2025-04-01'],
    ['Q3 1998', {}, '1998-07-01', '1998-10-01'],
  ] as [string, Partial<ResolveContext>, string, string][])(
    'quarters and halves: %j (%o)',
    (expr, ctx, start, end) => {
      const s = span(expr, ctx)
      expect([s.start, s.end]).toEqual([at(start), at(end)])
      expect(s.v.precision).toBe('month')
    },
  )

  it('offers both years for a quarter when the tense does not say', () => {
    const r = resolveExpression('the fourth quarter', { ...TUE_24_JUN, ...UTC, tense: 'unknown' })
    expect(r.status).toBe('ambiguous')
    if (r.status !== 'ambiguous') return
    expect(r.candidates.map((c) => c.value.start)).toEqual([at('2024-10-01'), at('2025-10-01')])
  })

  it.each([
    ['last fall', '2024-09-01', '2024-12-01'],
    ['the summer of 2003', '2003-06-01', '2003-09-01'],
    ['this winter', '2025-12-01', '2026-03-01'],
    ['in the spring', '2025-03-01', '2025-06-01'],
    ['the 1990s', '1990-01-01', '2000-01-01'],
    ["the '80s", '1980-01-01', '1990-01-01'],
  ])('seasons and decades: %j', (expr, start, end) => {
    const s = span(expr, {})
    expect([s.start, s.end]).toEqual([at(start), at(end)])
  })

  it('narrows "the early 1990s" to the decade’s first third, approximately', () => {
    const s = span('the early 1990s', {})
    expect(s.start).toBe(at('1990-01-01'))
    expect(s.end).toBeLessThanOrEqual(at('1994-01-01'))
    expect(s.approximate).toBe(true)
  })

  it('reads a fiscal year as the calendar year of its number, approximately', () => {
    const s = span('fiscal 1999', {})
    expect([s.start, s.end, s.approximate]).toEqual([at('1999-01-01'), at('2000-01-01'), true])
    expect(span('the current fiscal year', {}).start).toBe(at('2025-01-01'))
  })

  it.each(['now', 'currently', 'at present', 'right now'])(
    '%j is the day of publication, approximately',
    (expr) => {
      const s = span(expr, {})
      expect([s.start, s.end, s.approximate]).toEqual([at('2025-06-24'), at('2025-06-25'), true])
    },
  )

  it('declines "the future"', () => {
    expect(resolveExpression('in the future', { ...TUE_24_JUN, ...UTC }).status).toBe(
      'unresolvable',
    )
  })

  it.each([
    ['a year ago', '2024-01-01', '2025-01-01', true],
    ['two months ago', '2025-04-01', '2025-05-01', true],
    ['a decade ago', '2015-01-01', '2016-01-01', true],
    ['three days ago', '2025-06-21', '2025-06-22', false],
    ['the past two weeks', '2025-06-10', '2025-06-25', false],
    ['the next few days', '2025-06-24', '2025-07-02', true],
    ['the previous Friday', '2025-06-20', '2025-06-21', false],
    ['earlier yesterday', '2025-06-23', '2025-06-24', false],
    ['the week of June 2', '2025-06-02', '2025-06-09', false],
  ] as [string, string, string, boolean][])(
    'relative to publication: %j',
    (expr, start, end, approximate) => {
      const s = span(expr, {})
      expect([s.start, s.end, s.approximate]).toEqual([at(start), at(end), approximate])
    },
  )

  it.each([
    ['at about 10:35 a.m.', '2025-06-24T10:35Z', '2025-06-24T10:05Z', '2025-06-24T11:05Z'],
    ['shortly after midnight', '2025-06-24T00:00Z', '2025-06-24T00:00Z', '2025-06-24T00:30Z'],
    ['at 4 in the morning', '2025-06-24T04:00Z', '2025-06-24T04:00Z', '2025-06-24T04:00Z'],
    ['on Sunday at 10 p.m.', '2025-06-22T22:00Z', '2025-06-22T22:00Z', '2025-06-22T22:00Z'],
  ])('clock times: %j', (expr, start, earliest, latest) => {
    const { v } = span(expr, {})
    expect([v.start, v.earliest, v.latest]).toEqual([at(start), at(earliest), at(latest)])
  })

  it.each([
    ['mid afternoon', '2025-06-24T14:00Z', '2025-06-24T16:00Z'],
    ['Sunday night', '2025-06-22T18:00Z', '2025-06-23T06:00Z'],
    ['early Saturday morning', '2025-06-21T05:00Z', '2025-06-21T07:00Z'],
    ['on the night of Friday, June 20', '2025-06-20T18:00Z', '2025-06-21T06:00Z'],
  ])('parts of the day: %j', (expr, start, end) => {
    const s = span(expr, { tense: 'past' })
    expect([s.start, s.end, s.approximate]).toEqual([at(start), at(end), true])
  })
})

describe('resolveExpression: tense decides a bare weekday, month or date (issue 19 item 5)', () => {
  const ctx = (iso: string, tense?: ResolveContext['tense']): ResolveContext => ({
    ...day(iso),
    timeZone: 'UTC',
    ...(tense ? { tense } : {}),
  })
  const starts = (expr: string, c: ResolveContext) => {
    const r = resolveExpression(expr, c)
    const vs =
      r.status === 'resolved'
        ? [r.value]
        : r.status === 'ambiguous'
          ? r.candidates.map((x) => x.value)
          : []
    return { status: r.status, days: vs.map((v) => new Date(v.start).toISOString().slice(0, 10)) }
  }

  it('offers the coming Tuesday first, and the last one, for "Tuesday’s meeting is being hosted" published on a Monday', () => {
    expect(starts('Tuesday', ctx('2025-06-23', 'present'))).toEqual({
      status: 'ambiguous',
      days: ['2025-06-24', '2025-06-17'],
    })
  })

  it('reads a weekday by the tense: past, future, or both (past first) when unsure', () => {
    expect(starts('Thursday', ctx('2025-06-24', 'past')).days).toEqual(['2025-06-19'])
    expect(starts('Thursday', ctx('2025-06-24', 'future')).days).toEqual(['2025-06-26'])
    expect(starts('Thursday', ctx('2025-06-24', 'unknown'))).toEqual({
      status: 'ambiguous',
      days: ['2025-06-19', '2025-06-26'],
    })
    // The day of publication is that day in any tense (AP style names the day).
    expect(starts('Tuesday', ctx('2025-06-24', 'future')).days).toEqual(['2025-06-24'])
    // With no tense given the past bias stays, as for an expression typed by hand.
    expect(starts('Thursday', ctx('2025-06-24')).days).toEqual(['2025-06-19'])
  })

  it('lets "next", "coming" and "this" decide over the tense', () => {
    expect(starts('this coming Thursday', ctx('2025-06-24', 'past')).days).toEqual(['2025-06-26'])
    expect(starts('last Thursday', ctx('2025-06-24', 'future')).days).toEqual(['2025-06-19'])
    expect(starts('this Thursday', ctx('2025-06-24', 'past')).days).toEqual(['2025-06-26'])
  })

  it('reads a month without a year by the tense: "in December" in a March article about plans', () => {
    expect(starts('in December', ctx('2025-03-11', 'future')).days).toEqual(['2025-12-01'])
    expect(starts('in December', ctx('2025-03-11', 'past')).days).toEqual(['2024-12-01'])
    expect(starts('in April', ctx('2025-03-11', 'unknown'))).toEqual({
      status: 'ambiguous',
      days: ['2025-04-01', '2024-04-01'],
    })
  })

  it('reads a day and month without a year by the tense', () => {
    expect(starts('on March 12', ctx('2025-02-16', 'future')).days).toEqual(['2025-03-12'])
    // "must be returned by Jan. 14", published Jan. 15: that deadline, not next year's.
    expect(starts('by Jan. 14', ctx('2025-01-15', 'future')).days).toEqual(['2025-01-14'])
    expect(starts('on Dec. 12', ctx('2025-02-16', 'past')).days).toEqual(['2024-12-12'])
    // "invited them to a ceremony on March 12", in February: far nearer ahead than behind.
    expect(starts('on March 12', ctx('2025-02-16', 'past')).days).toEqual(['2025-03-12'])
    expect(starts('on March 12', ctx('2025-06-16', 'past')).days).toEqual(['2025-03-12'])
    // With no tense given the past bias and its seven days' tolerance stay.
    expect(starts('on March 12', ctx('2025-02-16')).days).toEqual(['2024-03-12'])
    expect(starts('on March 12', ctx('2025-02-16', 'present')).days).toEqual(['2025-03-12'])
  })
})

describe('resolveExpression: holidays', () => {
  const at = (expr: string, iso: string, tense?: ResolveContext['tense']) => {
    const r = resolveExpression(expr, { ...day(iso), timeZone: 'UTC', ...(tense ? { tense } : {}) })
    const v =
      r.status === 'resolved'
        ? r.value
        : r.status === 'ambiguous'
          ? r.candidates[0]!.value
          : undefined
    return v && new Date(v.start).toISOString().slice(0, 10)
  }
  it.each([
    ['Thanksgiving', '1999-12-01', 'past', '1999-11-25'],
    ['Thanksgiving Day', '1999-11-01', 'future', '1999-11-25'],
    ['last Thanksgiving', '1999-11-25', undefined, '1998-11-26'],
    ['Christmas 1998', '2025-06-24', undefined, '1998-12-25'],
    ['Election Day', '1998-11-10', 'past', '1998-11-03'],
    ['Easter', '2025-06-24', 'past', '2025-04-20'],
    ['Labor Day', '2025-06-24', 'future', '2025-09-01'],
  ] as [string, string, ResolveContext['tense'], string][])(
    '%j published %s (%s tense) is %s',
    (expr, published, tense, expected) => {
      expect(at(expr, published, tense)).toBe(expected)
    },
  )
})
