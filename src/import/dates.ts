/**
 * Reads publication dates found in file metadata (HTML meta tags and JSON-LD, Markdown front
 * matter, PDF info dictionaries, DOCX core properties) into Casefile's stored form: ms since
 * the epoch plus what is known of it. A bare date is the day (stored as midnight UTC of that
 * calendar day, as `domain/format.ts` expects); a date with a time is known to the minute.
 * A time without a zone is read as UTC — never as the importing machine's zone, so the same
 * file gives the same value everywhere — and flagged so the analyst is told. Anything not
 * recognised with certainty gives `undefined` rather than a guess.
 */

/** A publication time as stored on a document. */
export interface PublishedDate {
  at: number
  precision: 'day' | 'minute'
  /** True when the source gave a time of day without a zone and UTC was assumed. */
  zoneAssumed: boolean
}

/** The warning added when a publication time had no zone. */
export const ZONE_ASSUMED_WARNING =
  'The publication time has no time zone; it was read as UTC. Check it in the metadata.'

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

function build(
  y: number,
  mo: number,
  d: number,
  time?: { h: number; mi: number; s: number; offsetMin?: number },
): PublishedDate | undefined {
  if (!validDay(y, mo, d)) return undefined
  if (!time) return { at: Date.UTC(y, mo - 1, d), precision: 'day', zoneAssumed: false }
  const { h, mi, s, offsetMin } = time
  if (h > 23 || mi > 59 || s > 60) return undefined
  const at = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) - (offsetMin ?? 0) * 60_000
  return { at, precision: 'minute', zoneAssumed: offsetMin === undefined }
}

function zoneMinutes(sign: string, hh: string | undefined, mm: string | undefined): number {
  const value = Number(hh ?? 0) * 60 + Number(mm ?? 0)
  return sign === '-' ? -value : value
}

// 2025-03-11, 2025-03-11T09:30, 2025-03-11 09:30:15.123+01:00, 2025-03-11T08:30Z
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:(Z)|([+-])(\d{2}):?(\d{2})?)?)?$/i
// D:20250314133000Z, D:20250314133000+01'00', D:20250314
const PDF =
  /^D:(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?(?:([Zz])(?:00'?00'?)?|([+-])(\d{2})'?(\d{2})?'?)?)?$/
// 11 March 2025, 11 Mar. 2025
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/i
// March 11, 2025
const MONTH_DAY_YEAR = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i
// Tue, 11 Mar 2025 09:30:00 GMT  /  11 Mar 2025 09:30 +0100 (RFC 2822)
const RFC2822 =
  /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+(?:(GMT|UTC|UT|Z)|([+-])(\d{2})(\d{2}))$/i

/** 1–12 for an English month name or its abbreviation ("Mar", "Sept"); 0 otherwise. */
function monthNumber(name: string): number {
  const n = name.toLowerCase()
  return MONTHS.findIndex((full) => n.length >= 3 && full.startsWith(n)) + 1
}

/** Parses a publication date or date-time; `undefined` when it is not clearly one. */
export function parsePublished(value: string | null | undefined): PublishedDate | undefined {
  const s = (value ?? '').trim()
  if (!s || s.length > 64) return undefined
  let m = ISO.exec(s)
  if (m) {
    const [, y, mo, d, h, mi, sec, z, sign, zh, zm] = m
    if (h === undefined) return build(+y!, +mo!, +d!)
    const offsetMin = z ? 0 : sign ? zoneMinutes(sign, zh, zm) : undefined
    return build(+y!, +mo!, +d!, { h: +h, mi: +mi!, s: Number(sec ?? 0), offsetMin })
  }
  m = PDF.exec(s)
  if (m) {
    const [, y, mo, d, h, mi, sec, z, sign, zh, zm] = m
    if (h === undefined) return build(+y!, +mo!, +d!)
    const offsetMin = z ? 0 : sign ? zoneMinutes(sign, zh, zm) : undefined
    return build(+y!, +mo!, +d!, { h: +h, mi: +mi!, s: Number(sec ?? 0), offsetMin })
  }
  m = RFC2822.exec(s)
  if (m) {
    const [, d, mon, y, h, mi, sec, z, sign, zh, zm] = m
    const offsetMin = z ? 0 : zoneMinutes(sign!, zh, zm)
    return build(+y!, monthNumber(mon!), +d!, { h: +h!, mi: +mi!, s: Number(sec ?? 0), offsetMin })
  }
  m = DAY_MONTH_YEAR.exec(s)
  if (m) return build(+m[3]!, monthNumber(m[2]!), +m[1]!)
  m = MONTH_DAY_YEAR.exec(s)
  if (m) return build(+m[3]!, monthNumber(m[1]!), +m[2]!)
  return undefined
}
