/**
 * A resolved time written out for a briefing's reader, uncertainty included: "23 June 2025",
 * "on or about 23 June 2025", "21–22 June 2025", "between 21 and 25 June 2025", "June 2025",
 * "23 June 2025, 05:00 UTC+3". The workbench's own labels (`formatWhen`) are terse and carry
 * weekdays for checking a resolution; a briefing is prose, so it spells months out and says
 * how sure the date is in words.
 *
 * Readings follow the conventions of src/domain/time/resolve.ts: days are read on the wall
 * clock of the value's zone (`value.zone`, else UTC), `end` and `latest` are exclusive for
 * spans, and a minute-precision value is an instant whose `earliest`/`latest` are instants.
 *
 * The rules:
 * - A span at the value's precision is written as a range ("21–22 June 2025",
 *   "30 June – 2 July 2025"); a single unit as itself ("23 June 2025", "June 2025", "2025").
 * - `approximate` on a single unit adds "on or about" (days) or "about" (months, years,
 *   clock times).
 * - An approximate span, or bounds (`earliest`/`latest`) wider than start/end, is written as
 *   a window the event falls in: "between 21 and 23 June 2025" — the bounds when they are
 *   wider, since they are what is actually known.
 * - Clock times name their zone: "UTC", "UTC+3" for fixed offsets, and an IANA zone with its
 *   offset at that time, "(Asia/Tehran, UTC+3:30)", since few readers know Tehran's offset.
 */
import type { TimeValue } from '../domain/types'
import { isValidZone, wallTime, zoneLabel, type Civil, type Wall } from '../domain/time/calendar'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

const monthName = (c: Civil) => MONTHS[c.m - 1] ?? '?'
const dayWords = (c: Civil) => `${c.d} ${monthName(c)} ${c.y}`
const monthWords = (c: Civil) => `${monthName(c)} ${c.y}`
const sameDay = (a: Civil, b: Civil) => a.y === b.y && a.m === b.m && a.d === b.d
const sameMonth = (a: Civil, b: Civil) => a.y === b.y && a.m === b.m

function dayRange(a: Civil, b: Civil, between: boolean): string {
  if (sameDay(a, b)) return dayWords(a)
  if (between) {
    if (sameMonth(a, b)) return `between ${a.d} and ${b.d} ${monthWords(b)}`
    if (a.y === b.y) return `between ${a.d} ${monthName(a)} and ${dayWords(b)}`
    return `between ${dayWords(a)} and ${dayWords(b)}`
  }
  if (sameMonth(a, b)) return `${a.d}–${b.d} ${monthWords(b)}`
  if (a.y === b.y) return `${a.d} ${monthName(a)} – ${dayWords(b)}`
  return `${dayWords(a)} – ${dayWords(b)}`
}

function monthRange(a: Civil, b: Civil, between: boolean): string {
  if (sameMonth(a, b)) return monthWords(a)
  if (between) {
    if (a.y === b.y) return `between ${monthName(a)} and ${monthWords(b)}`
    return `between ${monthWords(a)} and ${monthWords(b)}`
  }
  if (a.y === b.y) return `${monthName(a)}–${monthWords(b)}`
  return `${monthWords(a)} – ${monthWords(b)}`
}

function yearRange(a: Civil, b: Civil, between: boolean): string {
  if (a.y === b.y) return `${a.y}`
  return between ? `between ${a.y} and ${b.y}` : `${a.y}–${b.y}`
}

const pad = (n: number) => String(n).padStart(2, '0')
const clock = (w: Wall) => `${pad(w.h)}:${pad(w.min)}`

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu'])

const offsetFormatters = new Map<string, Intl.DateTimeFormat>()

/** "UTC+3:30" for `zone` at `instant` ("UTC" when the offset is zero). */
function offsetLabel(instant: number, zone: string): string {
  let f = offsetFormatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
    offsetFormatters.set(zone, f)
  }
  const name = f.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  return name.replace(/^GMT/, 'UTC').replace('-', '−')
}

/** How a clock time's zone is named after it (with its leading space). */
function zoneSuffix(zone: string, instant: number): string {
  if (UTC_NAMES.has(zone)) return ' UTC'
  if (/^Etc\/GMT[+-]\d{1,2}$/.test(zone)) return ` ${zoneLabel(zone)}`
  return ` (${zone}, ${offsetLabel(instant, zone)})`
}

/**
 * A clock window from `a` to `b` (wall readings; `b` may be the exclusive end of an hour
 * window, read as "24:00" when it is the midnight that ends `a`'s day).
 */
function clockWindow(a: Wall, b: Wall, between: boolean, bIsEndOfDay: boolean): string {
  if (sameDay(a, b) || bIsEndOfDay) {
    const to = bIsEndOfDay ? '24:00' : clock(b)
    return between
      ? `${dayWords(a)}, between ${clock(a)} and ${to}`
      : `${dayWords(a)}, ${clock(a)}–${to}`
  }
  return between
    ? `between ${dayWords(a)}, ${clock(a)} and ${dayWords(b)}, ${clock(b)}`
    : `${dayWords(a)}, ${clock(a)} – ${dayWords(b)}, ${clock(b)}`
}

/** `value` in a briefing's words, read in its own zone (`value.zone`, else UTC). */
export function whenInWords(value: TimeValue): string {
  if (!Number.isFinite(value.start)) return 'date unknown'
  const zone = value.zone && isValidZone(value.zone) ? value.zone : 'UTC'
  const end =
    value.end !== undefined && Number.isFinite(value.end) && value.end > value.start
      ? value.end
      : undefined
  const statedHi = end ?? value.start
  const lo =
    value.earliest !== undefined && value.earliest < value.start ? value.earliest : value.start
  const hi = value.latest !== undefined && value.latest > statedHi ? value.latest : statedHi
  const wider = lo < value.start || hi > statedHi

  if (value.precision === 'minute' || value.precision === 'hour') {
    const sfx = zoneSuffix(zone, value.start)
    const from = wider ? lo : value.start
    const to = wider ? hi : end
    if (to === undefined || to === from) {
      const w = wallTime(from, zone)
      return `${dayWords(w)}, ${value.approximate ? 'about ' : ''}${clock(w)}${sfx}`
    }
    const a = wallTime(from, zone)
    const b = wallTime(to, zone)
    // Hour windows are exclusive at the end: 18:00–24:00 ends at the next midnight.
    const exclusive = value.precision === 'hour' || end !== undefined
    const bIsEndOfDay = exclusive && b.h === 0 && b.min === 0 && sameDay(a, wallTime(to - 1, zone))
    return clockWindow(a, b, wider || value.approximate, bIsEndOfDay) + sfx
  }

  const from = wider ? lo : value.start
  const toExclusive = wider ? hi : end
  const first = wallTime(from, zone)
  const last =
    toExclusive !== undefined && toExclusive > from ? wallTime(toExclusive - 1, zone) : first
  const between = wider || value.approximate
  switch (value.precision) {
    case 'year': {
      const text = yearRange(first, last, between)
      return first.y === last.y && value.approximate ? `about ${text}` : text
    }
    case 'month': {
      const text = monthRange(first, last, between)
      return sameMonth(first, last) && value.approximate ? `about ${text}` : text
    }
    default: {
      const text = dayRange(first, last, between)
      return sameDay(first, last) && value.approximate ? `on or about ${text}` : text
    }
  }
}
