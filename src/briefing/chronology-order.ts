/**
 * The order of a briefing's chronology. Events run by calendar day (in the zone each date was
 * resolved in). Within a day, the events known only to the day ("on Monday") come first, as
 * a date of that day always has (it starts at midnight), in the analyst's order — the order
 * of the briefing's `eventIds`, which the composer lets the analyst change with "move up" and
 * "move down" — because nothing in their dates tells them apart; then those whose time of
 * day is known (hour or minute precision), by that time. Undated events come last, in the
 * analyst's order. Pure: no DOM, no store.
 */
import { wallTime } from '../domain/time/calendar'
import type { EventRecord } from '../domain/types'

const dated = (e: EventRecord) => e.when !== undefined && Number.isFinite(e.when.start)

/** True when `event`'s date says its time of day (not only its day, month or year). */
export function hasTimeOfDay(event: EventRecord): boolean {
  return dated(event) && (event.when!.precision === 'hour' || event.when!.precision === 'minute')
}

/** The calendar day `event` starts on, `YYYY-MM-DD`, in its own zone; '' when undated. */
export function dayOf(event: EventRecord): string {
  if (!dated(event)) return ''
  const w = wallTime(event.when!.start, event.when!.zone ?? 'UTC')
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${pad(w.y, 4)}-${pad(w.m)}-${pad(w.d)}`
}

/**
 * `events` in chronology order (see the module comment). `analystOrder` lists event ids in
 * the analyst's order; events not in it follow those that are, in their given order.
 */
export function orderChronology(
  events: readonly EventRecord[],
  analystOrder: readonly string[],
): EventRecord[] {
  const rank = new Map<string, number>()
  analystOrder.forEach((id, i) => {
    if (!rank.has(id)) rank.set(id, i)
  })
  const keyed = events.map((event, i) => ({
    event,
    day: dayOf(event),
    timed: hasTimeOfDay(event),
    rank: rank.get(event.id) ?? analystOrder.length + i,
  }))
  keyed.sort((a, b) => {
    if (!a.day !== !b.day) return a.day ? -1 : 1
    if (a.day !== b.day) return a.day < b.day ? -1 : 1
    if (a.timed !== b.timed) return a.timed ? 1 : -1
    if (a.timed) {
      const sa = a.event.when!.start
      const sb = b.event.when!.start
      if (sa !== sb) return sa - sb
    }
    return a.rank - b.rank
  })
  return keyed.map((k) => k.event)
}

/**
 * True when the analyst's order decides between `a` and `b`, so that moving one past the
 * other changes the chronology: both undated, or on the same day with no time of day.
 */
export function analystOrdered(a: EventRecord, b: EventRecord): boolean {
  return dayOf(a) === dayOf(b) && !hasTimeOfDay(a) && !hasTimeOfDay(b)
}

/**
 * `analystOrder` with `id` moved one place up (-1) or down (+1) in the chronology of
 * `events`, i.e. swapped with its neighbour there when the analyst's order decides between
 * them (`analystOrdered`); unchanged otherwise.
 */
export function moveInChronology(
  events: readonly EventRecord[],
  analystOrder: readonly string[],
  id: string,
  step: -1 | 1,
): string[] {
  const chosen = new Set(analystOrder)
  const ordered = orderChronology(
    events.filter((e) => chosen.has(e.id)),
    analystOrder,
  )
  const at = ordered.findIndex((e) => e.id === id)
  const other = ordered[at + step]
  if (at < 0 || !other || !analystOrdered(ordered[at]!, other)) return [...analystOrder]
  // The two trade places in the analyst's order; everything else stays where it was.
  return analystOrder.map((x) => (x === id ? other.id : x === other.id ? id : x))
}
