/**
 * Formatting of dates, sizes and grades for display. Pure functions: the same input always
 * gives the same words, so the UI, the report and the tests agree.
 */
import type { Credibility, Reliability } from './types'

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "Tue 24 Jun 2025" for the UTC calendar day of `at` (built by hand: ICU wording varies). */
export function formatDay(at: number): string {
  const d = new Date(at)
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

/**
 * A publication time in words. Day precision is stored as midnight UTC of that calendar
 * day and shown without a time; minute precision is shown in `timeZone` (default: the
 * user's) with the zone's offset, e.g. "Tue 24 Jun 2025 09:30 UTC+2".
 */
export function formatPublished(
  at: number | undefined,
  precision: 'day' | 'minute' | undefined,
  timeZone?: string,
): string {
  if (at === undefined || !Number.isFinite(at)) return 'Date unknown'
  if (precision === 'day') return formatDay(at)
  const parts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'shortOffset',
  }).formatToParts(at)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  const day = Date.UTC(Number(get('year')), Number(get('month')) - 1, Number(get('day')))
  const zone = get('timeZoneName')
    .replace(/^GMT([+-]0)?$/, 'UTC')
    .replace('GMT', 'UTC')
  return `${formatDay(day)} ${get('hour').padStart(2, '0')}:${get('minute')} ${zone}`
}

/** A short sortable date (YYYY-MM-DD) for lists; '—' when unknown. */
export function formatShortDate(at: number | undefined, precision?: 'day' | 'minute'): string {
  if (at === undefined || !Number.isFinite(at)) return '—'
  const d = new Date(at)
  if (precision === 'day') return d.toISOString().slice(0, 10)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Bytes in words: "0 B", "3.4 KB", "12.0 MB", "1.2 GB". */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return 'unknown'
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let v = bytes / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v.toFixed(1)} ${units[i]}`
}

/** Admiralty source reliability, with the standard wording. */
export const RELIABILITY_LABELS: Record<Reliability, string> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
}

/** Admiralty information credibility, with the standard wording. */
export const CREDIBILITY_LABELS: Record<Credibility, string> = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
}

/** The Admiralty pair, e.g. "B2"; the reliability alone when credibility is not given. */
export function admiraltyCode(
  reliability: Reliability | undefined,
  credibility?: Credibility,
): string {
  return `${reliability ?? 'F'}${credibility ?? ''}`
}

/**
 * Converts a date ("2025-06-24") and optional time ("09:30") typed in a form into a stored
 * publication time: day precision at midnight UTC, or minute precision in local time.
 * Returns undefined for an empty or invalid date.
 */
export function parsePublishedInput(
  date: string,
  time: string,
): { at: number; precision: 'day' | 'minute' } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim())
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])]
  const t = /^(\d{2}):(\d{2})$/.exec(time.trim())
  if (t) {
    const at = new Date(y, mo, d, Number(t[1]), Number(t[2])).getTime()
    return Number.isFinite(at) ? { at, precision: 'minute' } : undefined
  }
  const at = Date.UTC(y, mo, d)
  const check = new Date(at)
  if (check.getUTCMonth() !== mo || check.getUTCDate() !== d) return undefined
  return { at, precision: 'day' }
}

/** The inverse of parsePublishedInput, for filling the form. */
export function publishedToInput(
  at: number | undefined,
  precision: 'day' | 'minute' | undefined,
): { date: string; time: string } {
  if (at === undefined) return { date: '', time: '' }
  const pad = (n: number) => String(n).padStart(2, '0')
  if (precision === 'day') return { date: new Date(at).toISOString().slice(0, 10), time: '' }
  const d = new Date(at)
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  }
}
