import { describe, expect, it } from 'vitest'
import type { EventRecord, TimeValue } from '../domain/types'
import { analystOrdered, dayOf, moveInChronology, orderChronology } from './chronology-order'

const MON = Date.UTC(2025, 5, 23)
const HOUR = 3_600_000

/** An event on Monday (UTC, day precision) unless `when` says otherwise; null: undated. */
function ev(id: string, when: Partial<TimeValue> | null = {}): EventRecord {
  return {
    id,
    caseId: 'c',
    title: id,
    type: 'consult',
    initiators: [],
    targets: [],
    evidence: [],
    ...(when ? { when: { start: MON, precision: 'day', approximate: false, ...when } } : {}),
    createdAt: 0,
    updatedAt: 0,
  } as EventRecord
}

const ids = (events: EventRecord[]) => events.map((e) => e.id)

describe('orderChronology', () => {
  it('keeps the analyst’s order for same-day events without a time, whatever the input order', () => {
    const strike = ev('strike')
    const meeting = ev('meeting')
    expect(ids(orderChronology([strike, meeting], ['meeting', 'strike']))).toEqual([
      'meeting',
      'strike',
    ])
    expect(ids(orderChronology([meeting, strike], ['strike', 'meeting']))).toEqual([
      'strike',
      'meeting',
    ])
  })

  it('orders by day, then day-only events, then timed ones by time; undated last', () => {
    const events = [
      ev('undated', null),
      ev('tue', { start: MON + 24 * HOUR }),
      ev('mon-21h', { start: MON + 21 * HOUR, precision: 'minute' }),
      ev('mon-09h', { start: MON + 9 * HOUR, precision: 'hour' }),
      ev('mon'),
      ev('weekend', { start: MON - 2 * 24 * HOUR, end: MON }),
    ]
    const order = ['tue', 'mon-21h', 'undated', 'mon', 'mon-09h', 'weekend']
    expect(ids(orderChronology(events, order))).toEqual([
      'weekend',
      'mon',
      'mon-09h',
      'mon-21h',
      'tue',
      'undated',
    ])
  })

  it('reads the day in the zone the date was resolved in', () => {
    // Midnight in Tehran on Monday is Sunday evening in UTC.
    const tehran = ev('tehran', { start: MON - 3.5 * HOUR, zone: 'Asia/Tehran' })
    expect(dayOf(tehran)).toBe('2025-06-23')
    expect(analystOrdered(tehran, ev('utc'))).toBe(true)
  })
})

describe('moveInChronology', () => {
  const events = [
    ev('a'),
    ev('b'),
    ev('c'),
    ev('timed', { start: MON + 5 * HOUR, precision: 'minute' }),
    ev('next', { start: MON + 24 * HOUR }),
  ]
  const order = ['next', 'c', 'timed', 'a', 'b']

  it('swaps an event with its same-day neighbour in the chronology', () => {
    // Chronology: c, a, b, timed, next.
    expect(ids(orderChronology(events, order))).toEqual(['c', 'a', 'b', 'timed', 'next'])
    const moved = moveInChronology(events, order, 'b', -1)
    expect(moved).toEqual(['next', 'c', 'timed', 'b', 'a'])
    expect(ids(orderChronology(events, moved))).toEqual(['c', 'b', 'a', 'timed', 'next'])
  })

  it('does not move an event past a timed one or into another day', () => {
    expect(moveInChronology(events, order, 'b', 1)).toEqual(order)
    expect(moveInChronology(events, order, 'c', -1)).toEqual(order)
    expect(moveInChronology(events, order, 'next', -1)).toEqual(order)
  })
})
