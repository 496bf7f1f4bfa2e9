/**
 * Test support: dated events made by hand for the pure models and figures built from events
 * (timeline model, actor graph model, the briefing's timeline figure): a fixed first day, one-day
 * time values counted from it, and a numbered event factory. Imported by tests only.
 */
import type { EventRecord, TimeValue } from '../domain/types'

/** One hour in ms. */
export const HOUR = 3_600_000
/** One day in ms. */
export const DAY = 24 * HOUR
/** Midnight UTC on Saturday 21 June 2025, the first day of the tests' weekend. */
export const T0 = Date.UTC(2025, 5, 21)

/** Day `offset` after `T0` as a one-day span [midnight, next midnight). */
export function day(offset: number, extra: Partial<TimeValue> = {}): TimeValue {
  return {
    start: T0 + offset * DAY,
    end: T0 + (offset + 1) * DAY,
    precision: 'day',
    approximate: false,
    ...extra,
  }
}

/**
 * A factory of numbered events (`Event 1`, `Event 2`, …) of type `assault` with no actors,
 * evidence or date unless `defaults` or the call's fields set them. `id` names event n
 * (default `e<n>`). Each factory counts on its own.
 */
export function eventFactory(
  options: { id?: (n: number) => string; defaults?: Partial<EventRecord> } = {},
): (over: Partial<EventRecord>) => EventRecord {
  let seq = 0
  return (over) => {
    seq++
    return {
      id: options.id ? options.id(seq) : `e${seq}`,
      caseId: 'c',
      title: `Event ${seq}`,
      type: 'assault',
      initiators: [],
      targets: [],
      evidence: [],
      createdAt: 0,
      updatedAt: 0,
      ...options.defaults,
      ...over,
    }
  }
}
