/**
 * Calendar arithmetic in an IANA time zone, for the resolver in `resolve.ts` and for the UI
 * that shows what it produced. Pure functions over `Intl.DateTimeFormat`; no Date getters
 * that depend on the machine's zone are used anywhere.
 *
 * A `Civil` date is a calendar day with no zone attached (year, month 1–12, day). Day
 * arithmetic is done on civil dates (via Date.UTC, which has no DST), and only at the end is
 * a civil date plus a wall-clock time turned into an instant with `zonedInstant`.
 */
import type { TimeValue } from '../types'

/** A calendar day with no zone: month is 1–12. */
export interface Civil {
  y: number
  m: number
  d: number
}

/** A wall-clock reading in some zone; weekday is 0 = Sunday … 6 = Saturday. */
export interface Wall extends Civil {
  h: number
  min: number
  weekday: number
}

const DAY_MS = 86_400_000
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(zone, f)
  }
  return f
}

/** True when `zone` is an IANA zone name the runtime knows. */
export function isValidZone(zone: string): boolean {
  try {
    formatter(zone)
    return true
  } catch {
    return false
  }
}

/** The wall-clock reading of `instant` in `zone`. */
export function wallTime(instant: number, zone: string): Wall {
  if (zone === 'UTC') {
    const d = new Date(instant)
    const c = { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }
    return { ...c, h: d.getUTCHours(), min: d.getUTCMinutes(), weekday: weekdayOf(c) }
  }
  const parts = formatter(zone).formatToParts(instant)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const c = { y: get('year'), m: get('month'), d: get('day') }
  return { ...c, h: get('hour') % 24, min: get('minute'), weekday: weekdayOf(c) }
}

const offsets = new Map<string, number>()
// Zones change offset only on a quarter hour, so one reading serves its whole quarter hour.
const QUARTER_HOUR = 900_000

/** Milliseconds to add to UTC to get the wall clock of `zone` at `instant`. */
function offsetAt(instant: number, zone: string): number {
  if (zone === 'UTC') return 0
  const key = `${zone} ${Math.floor(instant / QUARTER_HOUR)}`
  let o = offsets.get(key)
  if (o === undefined) {
    if (offsets.size > 10_000) offsets.clear()
    o = readOffset(Math.floor(instant / QUARTER_HOUR) * QUARTER_HOUR, zone)
    offsets.set(key, o)
  }
  return o
}

function readOffset(instant: number, zone: string): number {
  const t = Math.floor(instant / 1000) * 1000
  const parts = formatter(zone).formatToParts(t)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour') % 24,
    get('minute'),
    get('second'),
  )
  return wall - t
}

/**
 * The instant at which the wall clock of `zone` reads `civil` `h`:`min`. In an autumn
 * overlap the earlier instant is taken; in a spring gap (a wall time that never happens)
 * the instant of the transition itself, i.e. the first wall time after the gap.
 */
export function zonedInstant(civil: Civil, h: number, min: number, zone: string): number {
  const extraDays = Math.floor(h / 24)
  const c = extraDays ? addDays(civil, extraDays) : civil
  const guess = Date.UTC(c.y, c.m - 1, c.d, h % 24, min)
  const before = offsetAt(guess - DAY_MS, zone)
  const after = offsetAt(guess + DAY_MS, zone)
  const valid = [...new Set([before, after])]
    .map((o) => guess - o)
    .filter((t) => t + offsetAt(t, zone) === guess)
  return valid.length ? Math.min(...valid) : guess - before
}

/** Local midnight starting `civil` in `zone`. */
export function startOfDay(civil: Civil, zone: string): number {
  return zonedInstant(civil, 0, 0, zone)
}

/** The civil date of a UTC calendar day (how format.ts stores day-precision dates). */
export function civilOfUtc(instant: number): Civil {
  const d = new Date(instant)
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }
}

function dayNumber(c: Civil): number {
  return Date.UTC(c.y, c.m - 1, c.d) / DAY_MS
}

/** `c` moved by `n` calendar days. */
export function addDays(c: Civil, n: number): Civil {
  return civilOfUtc((dayNumber(c) + n) * DAY_MS)
}

/** Whole calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: Civil, b: Civil): number {
  return dayNumber(b) - dayNumber(a)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(c: Civil): number {
  return new Date(Date.UTC(c.y, c.m - 1, c.d)).getUTCDay()
}

/** The 1st of the month `n` months after the month of `c`. */
export function addMonths(c: Civil, n: number): Civil {
  const d = new Date(Date.UTC(c.y, c.m - 1 + n, 1))
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: 1 }
}

/** The last day of the month of `c`. */
export function lastOfMonth(c: Civil): Civil {
  return addDays(addMonths(c, 1), -1)
}

/** True when y-m-d is a real calendar day. */
export function isRealDay(y: number, m: number, d: number): boolean {
  const c = civilOfUtc(Date.UTC(y, m - 1, d))
  return c.y === y && c.m === m && c.d === d && m >= 1 && m <= 12
}

/** "Tue 24 Jun 2025". */
export function dayLabel(c: Civil): string {
  return `${WEEKDAYS[weekdayOf(c)]} ${c.d} ${MONTHS[c.m - 1]} ${c.y}`
}

/** "Jun 2025". */
export function monthLabel(c: Civil): string {
  return `${MONTHS[c.m - 1]} ${c.y}`
}

const pad = (n: number) => String(n).padStart(2, '0')

function clock(w: { h: number; min: number }): string {
  return `${pad(w.h)}:${pad(w.min)}`
}

const sameDay = (a: Civil, b: Civil) => a.y === b.y && a.m === b.m && a.d === b.d

/**
 * A resolved time in words, read in the SOURCE's zone (see the convention in resolve.ts):
 * "Mon 23 Jun 2025", "Sat 21 Jun 2025 – Sun 22 Jun 2025", "Jun 2025", "2019",
 * "Sat 21 Jun 2025 00:00–08:00", "Sat 21 Jun 2025 05:00 Asia/Tehran". `end` is exclusive.
 */
export function formatTimeValue(value: TimeValue, zone: string): string {
  const first = wallTime(value.start, zone)
  const hasEnd = value.end !== undefined && value.end > value.start
  const last = hasEnd ? wallTime(value.end! - 1, zone) : first
  switch (value.precision) {
    case 'year':
      return first.y === last.y ? `${first.y}` : `${first.y} – ${last.y}`
    case 'month':
      return first.y === last.y && first.m === last.m
        ? monthLabel(first)
        : `${monthLabel(first)} – ${monthLabel(last)}`
    case 'day':
      return sameDay(first, last) ? dayLabel(first) : `${dayLabel(first)} – ${dayLabel(last)}`
    default: {
      if (!hasEnd) return `${dayLabel(first)} ${clock(first)} ${zoneLabel(zone)}`
      const endWall = wallTime(value.end!, zone)
      if (sameDay(first, endWall)) return `${dayLabel(first)} ${clock(first)}–${clock(endWall)}`
      if (sameDay(first, last) && endWall.h === 0 && endWall.min === 0)
        return `${dayLabel(first)} ${clock(first)}–24:00`
      return `${dayLabel(first)} ${clock(first)} – ${dayLabel(endWall)} ${clock(endWall)}`
    }
  }
}

/**
 * A zone's name as a reader expects it: IANA's fixed-offset zones have inverted signs
 * (`Etc/GMT-2` is two hours AHEAD of UTC), so they are written as "UTC+2"; others as named.
 */
export function zoneLabel(zone: string): string {
  const m = /^Etc\/GMT([+-])(\d{1,2})$/.exec(zone)
  if (!m) return zone
  return `UTC${m[1] === '-' ? '+' : '−'}${m[2]}`
}

/** `value` in words, read in the zone it was resolved in (its `zone`, else UTC). */
export function formatWhen(value: TimeValue): string {
  return formatTimeValue(value, value.zone ?? 'UTC')
}
