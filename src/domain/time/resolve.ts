/**
 * Resolves time expressions found in a source ("on Monday", "over the weekend", "hours
 * before", "on June 22") into stored `TimeValue`s, against the document's publication date.
 * chrono-node finds and reads explicit dates and times; the relative rules news writing
 * relies on are our own, because chrono is forward-biased and has no notion of ranges
 * such as "over the weekend" or "earlier this month".
 *
 * CONVENTIONS (the UI and the tests rely on these)
 *
 * 1. Zone. Every calendar reading happens in the SOURCE's zone (`context.timeZone`, IANA,
 *    default 'UTC'), not the analyst's and not UTC. "On Monday" in a Tehran paper is Monday
 *    in Tehran.
 * 2. Publication date. With `publishedPrecision: 'day'` the publication instant is read the
 *    way src/domain/format.ts stores it: midnight UTC of the calendar day, so its UTC date
 *    IS the publication day in the source's zone. With 'minute' (or unset) it is a real
 *    instant and its day is the wall-clock day in the source's zone (23:30 in Tehran on the
 *    24th is the 24th even though it is 20:00 UTC; 00:30 on the 25th in Tehran is the 25th
 *    although UTC still says the 24th).
 * 3. Stored values. `start` is inclusive, `end` EXCLUSIVE. A day-precision value covers
 *    whole calendar days of the source's zone: `start` = the instant of local midnight that
 *    begins the first day, `end` = the instant of local midnight that begins the day after
 *    the last (so a single day has an end too, and a DST day lasts 23 or 25 hours). Month
 *    and year precision likewise run from local midnight of the 1st to local midnight of
 *    the 1st of the next month or year. Hour precision is a wall-clock window in the zone.
 *    Minute precision is a single instant (no `end`). `earliest`/`latest` are the outer
 *    bounds on the same footing (latest is exclusive like end); they equal start/end
 *    unless a rule widens them ("around 05:00" = ±30 minutes).
 * 4. Display. A day/month/year-precision value must be shown by reading `start` and
 *    `end - 1 ms` on the wall clock of the SOURCE's zone, e.g. with `formatTimeValue(value,
 *    zone)` from ./calendar. format.ts's `formatDay` reads UTC and is only right for
 *    values stored at midnight UTC (publication dates): for a UTC source the two agree, but
 *    for a source east of UTC (Tehran: local midnight = 20:30 UTC the day before) it would
 *    show the previous day, and for sources west of UTC it shows the right day only by
 *    luck. A value resolved in a zone other than UTC carries it in `zone` (absent means
 *    UTC), so `formatWhen` from ./calendar shows it right without the document at hand.
 * 5. Past bias. News reports past events, so a weekday, a month or a day-and-month with
 *    no year resolves to the most recent one on or before the publication day (the same
 *    day is allowed: in a Monday paper "on Monday" is that Monday — AP style names the day
 *    instead of "today"). A day-and-month may lie up to FUTURE_TOLERANCE_DAYS after
 *    publication (announced events) before we fall back to the previous year. That is the
 *    reading when no tense is given (an expression typed by hand). The finder (`find.ts`)
 *    passes the tense of the expression's sentence (`context.tense`, see `tense.ts`): in a
 *    past-tense sentence the past reading stays, except that a day-and-month much nearer
 *    ahead than behind (≤ 60 days ahead, a third of the distance back) is the one ahead; in
 *    a future-tense one a weekday, month, day-and-month, quarter, half, season or holiday is
 *    the coming one (a day-and-month up to FUTURE_TOLERANCE_DAYS back stays); in the
 *    present tense, or with no sign ('unknown'), both readings are offered (`ambiguous`),
 *    the nearer first in the present tense and the past first otherwise — except a
 *    day-and-month, which resolves to the nearer one. The publication day is always itself.
 * 5a. Periods: quarters and halves of the calendar year; seasons are meteorological
 *    (spring Mar–May, summer Jun–Aug, autumn Sep–Nov, winter Dec–Feb); a fiscal year is
 *    shown as the calendar year of its number, approximate; decades run 1990–1999; "now",
 *    "currently" are the publication day, approximate; "the future" is declined; "N units
 *    ago" is at the unit's precision (days exact, months/years/decades approximate).
 * 6. Weeks run Monday–Sunday (ISO). A weekend is Saturday–Sunday; published on a Saturday
 *    or Sunday, "the weekend" is the current one.
 * 7. Parts of the day (wall clock): morning 05–12, afternoon 12–18, evening 18–24, night
 *    18–06 next day; "early"/"mid"/"late" take the first/middle/last third of a day
 *    (00–08/08–16/16–24), month (1–10/11–20/21–end), year (Jan–Apr/May–Aug/Sep–Dec) or
 *    run of days. All of these are approximate.
 * 8. Offsets ("hours before", "two days later") count from `context.anchor` (interval
 *    arithmetic on its start…end); without an anchor from the publication, flagged
 *    approximate. Vague counts: minutes 1–60, hours 1–24, days 1–7, weeks 1–4.
 * 9. Absolute dates (year stated) resolve without a publication date; anything relative
 *    without one is 'unresolvable' with the reason 'no publication date — enter one'.
 */
import * as chrono from 'chrono-node'
import type { TimeValue } from '../types'
import type { Tense } from './tense'
import {
  asciiDigits,
  DATE_LANGUAGE_NAMES,
  publicationDay,
  readIntl,
  type DateLanguage,
} from './intl'
import {
  addDays,
  addMonths,
  civilOfUtc,
  dayLabel,
  daysBetween,
  formatTimeValue,
  zoneLabel,
  isRealDay,
  isValidZone,
  lastOfMonth,
  wallTime,
  weekdayOf,
  zonedInstant,
  type Civil,
} from './calendar'

/** A day-and-month may be this many days after publication before we assume last year. */
export const FUTURE_TOLERANCE_DAYS = 7

/** What the resolver made of an expression. */
export type Resolution =
  | { status: 'resolved'; value: TimeValue; explanation: string }
  | {
      status: 'ambiguous'
      candidates: { value: TimeValue; explanation: string }[]
      explanation: string
    }
  | { status: 'unresolvable'; reason: string }

/** Where and how an expression is read. */
export interface ResolveContext {
  /** Publication instant, ms (day precision: midnight UTC of the day, as format.ts stores). */
  published?: number
  publishedPrecision?: 'day' | 'minute'
  /** IANA zone of the source, e.g. 'Asia/Tehran'. */
  timeZone: string
  /** Another event that "hours before/after" counts from. */
  anchor?: TimeValue
  /**
   * The tense of the sentence the expression came from (see `tense.ts`). It decides which
   * way a weekday, month or day-and-month without a year is read; 'unknown' (the sentence
   * gives no sign) offers both readings. Absent: the past bias of convention 5.
   */
  tense?: Tense
  /**
   * The language the expression is in, when known (ISO 639-1: the finder's table, or the
   * document's language). Expressions in Russian, Ukrainian, French, German, Spanish, Arabic
   * and Persian are read by `intl.ts`; without a language they are recognised by script.
   */
  language?: string
}

/** A span of the source's calendar, before it becomes instants. */
interface Span {
  from: Civil
  /** Last day, inclusive. */
  to: Civil
  precision: TimeValue['precision']
  approximate: boolean
  rule: string
  why: string
  relative: boolean
  /** Wall-clock window [from, to) in hours on `from`; `to` may pass 24. */
  hours?: [number, number]
  /** An exact instant (minute precision) with optional bounds. */
  instant?: { at: number; earliest: number; latest: number }
}

type DayPart = Span | { ambiguous: Span[]; why: string } | { error: string } | undefined

interface Reference {
  day: Civil
  wall?: { h: number; min: number }
  instant: number
  label: string
}

const NO_PUBLICATION = 'no publication date — enter one'

const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
const WEEKDAY_LABEL = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTH_NAMES = [
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
const WEEKDAY_RE =
  '(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)'
const MONTH_RE =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)'
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  'a couple of': 2,
  'a couple': 2,
}
const COUNT_RE =
  '(a few|few|several|some|many|a couple of|a couple|\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)'

const PARTS: Record<string, [number, number]> = {
  morning: [5, 12],
  afternoon: [12, 18],
  evening: [18, 24],
  night: [18, 30],
  overnight: [18, 30],
}

const weekdayIndex = (name: string) =>
  WEEKDAY_NAMES.findIndex((w) => w.startsWith(name.slice(0, 3)))
const monthIndex = (name: string) =>
  MONTH_NAMES.findIndex((m) => m.startsWith(name.slice(0, 3))) + 1

const UNIT_RE = '(day|week|month|year|decade)s?'
const WEEKDAY_EXPR_RE = new RegExp(
  `^(?:the\\s+)?(?:(last|previous|this past|past|this|next|this coming|coming|following)\\s+)?${WEEKDAY_RE}$`,
)
const MONTH_EXPR_RE = new RegExp(`^(?:(last|this)\\s+)?${MONTH_RE}(?:,?\\s+(?:of\\s+)?(\\d{4}))?$`)
const AGO_RE = new RegExp(
  `^(?:(?:about|around|some|nearly|almost|roughly|more than|less than|just|only)\\s+)?${COUNT_RE}\\s+(?:(?:and a half|or so|or two|or more)\\s+)?${UNIT_RE}\\s+ago$`,
)
const PAST_N_RE = new RegExp(
  `^(?:the\\s+|over\\s+the\\s+)?(past|last|previous|next|coming|following)\\s+(?:${COUNT_RE}\\s+)?(day|week|month|year|decade)s$`,
)

/* ----------------------------------------------------------------------------------------- */
/* The reference                                                                              */

function reference(ctx: ResolveContext, zone: string): Reference | undefined {
  const { published } = ctx
  if (published === undefined || !Number.isFinite(published)) return undefined
  if (ctx.publishedPrecision === 'day') {
    const day = civilOfUtc(published)
    return { day, instant: zonedInstant(day, 0, 0, zone), label: `published ${dayLabel(day)}` }
  }
  const w = wallTime(published, zone)
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    day: { y: w.y, m: w.m, d: w.d },
    wall: { h: w.h, min: w.min },
    instant: published,
    label: `published ${dayLabel(w)} ${pad(w.h)}:${pad(w.min)} ${zoneLabel(zone)}`,
  }
}

/* ----------------------------------------------------------------------------------------- */
/* Span constructors                                                                          */

function day(c: Civil, rule: string, why: string, relative = true, approximate = false): Span {
  return { from: c, to: c, precision: 'day', approximate, rule, why, relative }
}

function days(from: Civil, to: Civil, rule: string, why: string, approximate = false): Span {
  return { from, to, precision: 'day', approximate, rule, why, relative: true }
}

function month(y: number, m: number, rule: string, why: string, relative: boolean): Span {
  const from = { y, m, d: 1 }
  return {
    from,
    to: lastOfMonth(from),
    precision: 'month',
    approximate: false,
    rule,
    why,
    relative,
  }
}

function year(y: number, rule: string, why: string, relative: boolean): Span {
  const from = { y, m: 1, d: 1 }
  const to = { y, m: 12, d: 31 }
  return { from, to, precision: 'year', approximate: false, rule, why, relative }
}

/** The most recent day with weekday `wd` on or before `ref` (or strictly before). */
function mostRecentWeekday(ref: Civil, wd: number, strict: boolean): Civil {
  let back = (weekdayOf(ref) - wd + 7) % 7
  if (back === 0 && strict) back = 7
  return addDays(ref, -back)
}

/** Monday of the ISO week that contains `c`. */
function mondayOf(c: Civil): Civil {
  return addDays(c, -((weekdayOf(c) + 6) % 7))
}

/** The most recent y-m-d on or before `ref` + tolerance, trying ref's year and neighbours. */
function pastBiasedYear(ref: Civil, m: number, d: number, tolerance: number): Civil | undefined {
  for (const y of [ref.y + 1, ref.y, ref.y - 1, ref.y - 2, ref.y - 3, ref.y - 4]) {
    if (!isRealDay(y, m, d)) continue
    const c = { y, m, d }
    if (daysBetween(ref, c) <= tolerance) return c
  }
  return undefined
}

/** The first y-m-d on or after `ref`. */
function nextYearOf(ref: Civil, m: number, d: number): Civil | undefined {
  for (const y of [ref.y, ref.y + 1, ref.y + 2, ref.y + 3, ref.y + 4]) {
    if (isRealDay(y, m, d) && daysBetween(ref, { y, m, d }) >= 0) return { y, m, d }
  }
  return undefined
}

/**
 * A day and month in a past-tense sentence: the most recent one, unless the next one is
 * much nearer — "invited them to a ceremony on March 12" in a February paper is this March:
 * a writer gives the year, or says "last", for a date most of a year back.
 */
function pastTenseYearOf(ref: Civil, m: number, d: number): Civil | undefined {
  const past = pastBiasedYear(ref, m, d, FUTURE_TOLERANCE_DAYS)
  const next = nextYearOf(ref, m, d)
  if (!past || !next) return past ?? next
  const back = daysBetween(past, ref)
  const ahead = daysBetween(ref, next)
  return back > 0 && ahead <= 60 && ahead * 3 < back ? next : past
}

/** The y-m-d nearest `ref`, before or after. */
function nearestYearOf(ref: Civil, m: number, d: number): Civil | undefined {
  let best: Civil | undefined
  for (const y of [ref.y - 4, ref.y - 3, ref.y - 2, ref.y - 1, ref.y, ref.y + 1, ref.y + 2]) {
    if (!isRealDay(y, m, d)) continue
    const c = { y, m, d }
    if (!best || Math.abs(daysBetween(ref, c)) < Math.abs(daysBetween(ref, best))) best = c
  }
  return best
}

/* ----------------------------------------------------------------------------------------- */
/* The day part: what calendar span does the expression name?                                 */

function dayPart(
  rest: string,
  ref: Reference | undefined,
  part: string | undefined,
  tense: Tense | undefined,
): DayPart {
  const need = (f: (r: Reference) => DayPart): DayPart => (ref ? f(ref) : { error: NO_PUBLICATION })
  let m: RegExpExecArray | null

  rest = rest.replace(/^(?:earlier|later)\s+(?=yesterday$)/, '')
  const period = periodPart(rest, ref, tense)
  if (period !== undefined) return period

  if (rest === '' && (part === 'overnight' || part === 'night'))
    return need((r) => day(addDays(r.day, -1), 'overnight', 'the night before publication'))
  if (rest === '' || /^(today|earlier today|later today|this|that day)$/.test(rest)) {
    if (rest === '' && !part) return undefined
    if (rest === 'this' && !part) return undefined
    return need((r) => day(r.day, 'today', 'the day of publication'))
  }
  if (rest === 'tonight') return need((r) => day(r.day, 'tonight', 'the night of publication'))
  if (rest === 'yesterday')
    return need((r) => day(addDays(r.day, -1), 'yesterday', 'the day before publication'))
  if (rest === 'the day before yesterday')
    return need((r) =>
      day(addDays(r.day, -2), 'day-before-yesterday', 'two days before publication'),
    )
  if (rest === 'last' && part)
    return need((r) => day(addDays(r.day, -1), `last-${part}`, `the ${part} before publication`))

  if ((m = WEEKDAY_EXPR_RE.exec(rest)))
    return need((r) => weekdayRule(r.day, m![1], weekdayIndex(m![2]!), tense))

  if (rest === 'the weekend before last' || rest === 'weekend before last')
    return need((r) => {
      const last = weekendRule(r.day, 'last')
      return {
        ...last,
        from: addDays(last.from, -7),
        to: addDays(last.to, -7),
        rule: 'weekend-before-last',
        why: 'the weekend before the last one',
      }
    })
  if (
    (m = /^(?:(the|this|last|previous|this past|past|next|coming|this coming)\s+)?weekend$/.exec(
      rest,
    ))
  )
    return need((r) => weekendRule(r.day, m![1]))

  if (
    (m =
      /^(?:the\s+)?(last|previous|past|this|earlier this|later this|next)\s+(week|month|year)$/.exec(
        rest,
      ))
  )
    return need((r) => periodRule(r.day, m![1]!, m![2] as 'week' | 'month' | 'year'))

  if ((m = MONTH_EXPR_RE.exec(rest))) {
    const mo = monthIndex(m[2]!)
    if (m[3]) return month(Number(m[3]), mo, 'month-year', 'month and year stated', false)
    const which = m[1]
    if (!which && tense !== undefined && tense !== 'past')
      return need((r) => monthByTense(r.day, mo, tense))
    return need((r) => {
      let y = mo <= r.day.m ? r.day.y : r.day.y - 1
      if (which === 'last' && mo === r.day.m) y -= 1
      const why =
        which === 'last'
          ? `the ${MONTH_LABEL[mo - 1]} before this one`
          : `most recent ${MONTH_LABEL[mo - 1]}`
      return month(y, mo, 'month-most-recent', why, true)
    })
  }

  if ((m = /^(?:the\s+)?(?:year\s+)?(\d{4})$/.exec(rest)))
    return year(Number(m[1]), 'year', 'year stated', false)

  if ((m = /^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)$/.exec(rest))) {
    const n = Number(m[1])
    return need((r) => dayOfMonthRule(r.day, n))
  }

  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(rest))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (!isRealDay(y, mo, d)) return { error: `${rest} is not a calendar day` }
    return day({ y, m: mo, d }, 'iso-date', 'ISO date', false)
  }

  if ((m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$/.exec(rest))) return numericDate(m)

  return chronoDate(rest, ref, tense)
}

/** A month with no year in a sentence that is not plainly past: see `bareWeekday`. */
function monthByTense(ref: Civil, mo: number, tense: Tense): DayPart {
  const label = MONTH_LABEL[mo - 1]
  const pastY = mo <= ref.m ? ref.y : ref.y - 1
  const nextY = mo >= ref.m ? ref.y : ref.y + 1
  const coming = month(nextY, mo, 'month-coming', `the coming ${label}`, true)
  if (pastY === nextY) return month(pastY, mo, 'month-this', `the month of publication`, true)
  if (tense === 'future') return { ...coming, why: `the coming ${label} (future tense)` }
  const before = month(pastY, mo, 'month-most-recent', `most recent ${label}`, true)
  const nearFirst = (mo - ref.m + 12) % 12 < (ref.m - mo + 12) % 12
  return {
    why: `the sentence does not say whether ${label} is past or to come`,
    ambiguous: nearFirst ? [coming, before] : [before, coming],
  }
}

const MONTH_LABEL = MONTH_NAMES.map((n) => n[0]!.toUpperCase() + n.slice(1))

function weekdayRule(
  ref: Civil,
  which: string | undefined,
  wd: number,
  tense: Tense | undefined,
): DayPart {
  const name = WEEKDAY_LABEL[wd]
  switch (which) {
    case 'last':
    case 'previous':
    case 'past':
    case 'this past':
      return day(
        mostRecentWeekday(ref, wd, true),
        'weekday-last',
        `the ${name} before publication day`,
      )
    case 'this': {
      const c = addDays(mondayOf(ref), (wd + 6) % 7)
      return day(c, 'weekday-this-week', `${name} of the week of publication`)
    }
    case 'coming':
    case 'this coming':
    case 'following':
      return day(
        addDays(mostRecentWeekday(ref, wd, false), 7),
        'weekday-coming',
        `the coming ${name}`,
      )
    case 'next': {
      const first = addDays(mostRecentWeekday(ref, wd, false), 7)
      return {
        why: `"next ${name}" may mean the coming one or the one a week later`,
        ambiguous: [
          day(first, 'weekday-next', `the first ${name} after publication`),
          day(addDays(first, 7), 'weekday-next-week', `${name} of the following week`),
        ],
      }
    }
    default:
      return bareWeekday(ref, wd, tense)
  }
}

/**
 * A weekday with no "last/next/this": the publication day itself if it is that weekday;
 * otherwise the past one in a past-tense sentence (or with no tense given), the coming one
 * in a future-tense sentence, and both readings when the sentence is in the present tense
 * (the nearer first: "Tuesday's meeting is being hosted" on a Monday) or gives no sign (the
 * past first: news mostly reports).
 */
function bareWeekday(ref: Civil, wd: number, tense: Tense | undefined): DayPart {
  const name = WEEKDAY_LABEL[wd]
  const past = mostRecentWeekday(ref, wd, false)
  if (daysBetween(past, ref) === 0 || tense === undefined || tense === 'past')
    return day(past, 'weekday-most-recent', `most recent ${name}`)
  const next = addDays(past, 7)
  const coming = day(next, 'weekday-coming', `the coming ${name}`)
  if (tense === 'future') return { ...coming, why: `the coming ${name} (future tense)` }
  const before = day(past, 'weekday-most-recent', `the last ${name}`)
  const nearFirst = tense === 'present' && daysBetween(ref, next) < daysBetween(past, ref)
  return {
    why:
      tense === 'present'
        ? `the sentence is in the present tense: the last ${name} or the coming one`
        : `the sentence does not say whether ${name} is past or to come`,
    ambiguous: nearFirst ? [coming, before] : [before, coming],
  }
}

function weekendRule(ref: Civil, which: string | undefined): Span {
  const wd = weekdayOf(ref)
  const inWeekend = wd === 6 || wd === 0
  const sat = mostRecentWeekday(ref, 6, false)
  switch (which) {
    case 'last':
    case 'previous':
    case 'past':
    case 'this past':
      if (inWeekend)
        return days(
          addDays(sat, -7),
          addDays(sat, -6),
          'weekend-last',
          'the weekend before the current one',
        )
      return days(sat, addDays(sat, 1), 'weekend-last', 'most recent weekend')
    case 'next':
    case 'coming':
    case 'this coming': {
      const next = addDays(sat, 7)
      return days(next, addDays(next, 1), 'weekend-next', 'the coming weekend')
    }
    default:
      return days(
        sat,
        addDays(sat, 1),
        'weekend-most-recent',
        inWeekend ? 'the current weekend' : 'most recent weekend',
      )
  }
}

function periodRule(ref: Civil, which: string, unit: 'week' | 'month' | 'year'): DayPart {
  const yesterday = addDays(ref, -1)
  if (unit === 'week') {
    const mon = mondayOf(ref)
    switch (which) {
      case 'last':
      case 'previous':
        return days(
          addDays(mon, -7),
          addDays(mon, -1),
          'week-last',
          'previous Monday–Sunday week',
          true,
        )
      case 'past':
        return days(addDays(ref, -7), ref, 'week-past', 'the seven days up to publication', true)
      case 'this':
        return days(mon, addDays(mon, 6), 'week-this', 'the Monday–Sunday week of publication')
      case 'earlier this':
        if (daysBetween(mon, ref) === 0)
          return day(
            ref,
            'week-earlier',
            'published on a Monday: nothing earlier in the week',
            true,
            true,
          )
        return days(mon, yesterday, 'week-earlier', 'Monday to the day before publication', true)
      case 'later this':
        return days(ref, addDays(mon, 6), 'week-later', 'publication day to Sunday', true)
      default:
        return days(
          addDays(mon, 7),
          addDays(mon, 13),
          'week-next',
          'the following Monday–Sunday week',
        )
    }
  }
  if (unit === 'month') {
    const first = { y: ref.y, m: ref.m, d: 1 }
    const prev = addMonths(first, -1)
    switch (which) {
      case 'last':
      case 'previous':
        return month(prev.y, prev.m, 'month-last', 'the month before publication', true)
      case 'past':
        return days(addDays(ref, -30), ref, 'month-past', 'the 30 days up to publication', true)
      case 'this':
        return month(ref.y, ref.m, 'month-this', 'the month of publication', true)
      case 'earlier this':
        if (ref.d === 1)
          return {
            why: 'published on the 1st: nothing earlier in the month — the writer may mean last month',
            ambiguous: [
              day(ref, 'month-earlier', 'the 1st itself', true, true),
              {
                ...month(prev.y, prev.m, 'month-earlier-previous', 'the previous month', true),
                approximate: true,
              },
            ],
          }
        return days(
          first,
          yesterday,
          'month-earlier',
          '1st of the month to the day before publication',
          true,
        )
      case 'later this':
        return days(
          ref,
          lastOfMonth(ref),
          'month-later',
          'publication day to the end of the month',
          true,
        )
      default: {
        const next = addMonths(first, 1)
        return month(next.y, next.m, 'month-next', 'the month after publication', true)
      }
    }
  }
  switch (which) {
    case 'last':
    case 'previous':
      return year(ref.y - 1, 'year-last', 'the year before publication', true)
    case 'past':
      return days(addDays(ref, -365), ref, 'year-past', 'the 365 days up to publication', true)
    case 'this':
      return year(ref.y, 'year-this', 'the year of publication', true)
    case 'earlier this':
      if (ref.m === 1 && ref.d === 1)
        return {
          why: 'published on 1 January: nothing earlier in the year — the writer may mean last year',
          ambiguous: [
            day(ref, 'year-earlier', '1 January itself', true, true),
            {
              ...year(ref.y - 1, 'year-earlier-previous', 'the previous year', true),
              approximate: true,
            },
          ],
        }
      return days(
        { y: ref.y, m: 1, d: 1 },
        yesterday,
        'year-earlier',
        '1 January to the day before publication',
        true,
      )
    case 'later this':
      return days(
        ref,
        { y: ref.y, m: 12, d: 31 },
        'year-later',
        'publication day to 31 December',
        true,
      )
    default:
      return year(ref.y + 1, 'year-next', 'the year after publication', true)
  }
}

function dayOfMonthRule(ref: Civil, n: number): DayPart {
  if (n < 1 || n > 31) return { error: `there is no day ${n} in any month` }
  const candidates: Span[] = []
  for (let back = 0; back < 4 && candidates.length < 1; back++) {
    const first = addMonths(ref, -back)
    if (isRealDay(first.y, first.m, n) && daysBetween({ y: first.y, m: first.m, d: n }, ref) >= 0)
      candidates.push(
        day({ y: first.y, m: first.m, d: n }, 'day-of-month-recent', `most recent ${ordinal(n)}`),
      )
  }
  for (let ahead = 0; ahead < 4 && candidates.length < 2; ahead++) {
    const first = addMonths(ref, ahead)
    if (isRealDay(first.y, first.m, n) && daysBetween(ref, { y: first.y, m: first.m, d: n }) > 0)
      candidates.push(
        day({ y: first.y, m: first.m, d: n }, 'day-of-month-next', `the coming ${ordinal(n)}`),
      )
  }
  return { why: 'the month is not stated', ambiguous: candidates }
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${s}`
}

function numericDate(m: RegExpExecArray): DayPart {
  const a = Number(m[1])
  const b = Number(m[2])
  let y = Number(m[3])
  if (y < 100) y += y < 50 ? 2000 : 1900
  const dm = isRealDay(y, b, a)
    ? day({ y, m: b, d: a }, 'numeric-dmy', 'read day/month/year', false)
    : undefined
  const md = isRealDay(y, a, b)
    ? day({ y, m: a, d: b }, 'numeric-mdy', 'read month/day/year', false)
    : undefined
  if (dm && md && a !== b) return { why: 'day/month order is not known', ambiguous: [dm, md] }
  return dm ?? md ?? { error: `${m[0]} is not a calendar day` }
}

/** Explicit dates chrono can read ("June 22", "3 March 2024", "Monday, June 23", "3 days ago"). */
function chronoDate(rest: string, ref: Reference | undefined, tense?: Tense): DayPart {
  const instant = ref
    ? new Date(Date.UTC(ref.day.y, ref.day.m - 1, ref.day.d, ref.wall?.h ?? 12, ref.wall?.min ?? 0))
    : new Date(Date.UTC(2000, 0, 1, 12))
  const results = chrono.parse(rest, { instant, timezone: 0 })
  const r = results[0]
  if (!r || results.length > 1) return undefined
  const leftover = (rest.slice(0, r.index) + rest.slice(r.index + r.text.length)).replace(
    /[\s,]|\b(on|of|the)\b/g,
    '',
  )
  if (leftover !== '') return undefined
  const s = r.start
  const relative = r.tags().has('result/relativeDate')
  if (relative) {
    if (!ref) return { error: NO_PUBLICATION }
    const c = { y: s.get('year')!, m: s.get('month')!, d: s.get('day')! }
    const loose = /week|month|year|few|several|couple/.test(r.text)
    return day(c, 'chrono-relative', `counted back from publication`, true, loose)
  }
  if (!s.isCertain('month')) return undefined
  const mo = s.get('month')!
  if (!s.isCertain('day')) {
    if (s.isCertain('year'))
      return month(s.get('year')!, mo, 'month-year', 'month and year stated', false)
    return undefined
  }
  const d = s.get('day')!
  let base: Span
  if (s.isCertain('year') && !/\d{4}|\d[/.]\d+[/.]\d/.test(rest)) {
    // chrono worked the year out itself ("the end of the month"): relative, and loose.
    if (!ref) return { error: NO_PUBLICATION }
    const c = { y: s.get('year')!, m: mo, d }
    return day(c, 'chrono-relative', `read by chrono-node against publication`, true, true)
  }
  if (s.isCertain('year')) {
    const y = s.get('year')!
    if (!isRealDay(y, mo, d)) return { error: `${rest} is not a calendar day` }
    base = day({ y, m: mo, d }, 'date', 'date stated in full', false)
  } else {
    if (!ref)
      return { error: `the year is not stated and there is no publication date — enter one` }
    const c =
      tense === 'future'
        ? // A date a few days back in a future-tense sentence is a deadline now past, not next year's.
          nextYearOf(addDays(ref.day, -FUTURE_TOLERANCE_DAYS), mo, d)
        : tense === 'present' || tense === 'unknown'
          ? nearestYearOf(ref.day, mo, d)
          : tense === 'past'
            ? pastTenseYearOf(ref.day, mo, d)
            : pastBiasedYear(ref.day, mo, d, FUTURE_TOLERANCE_DAYS)
    if (!c) return { error: `${rest} is not a calendar day` }
    const why =
      c.y === ref.day.y
        ? daysBetween(ref.day, c) > 0
          ? `year of publication; ${daysBetween(ref.day, c)} day(s) after it`
          : 'year of publication'
        : `most recent ${MONTH_LABEL[mo - 1]} ${d}`
    base = day(c, 'day-month', why)
  }
  if (r.end?.isCertain('day')) {
    const e = r.end
    const to = {
      y: e.isCertain('year') ? e.get('year')! : base.from.y,
      m: e.get('month')!,
      d: e.get('day')!,
    }
    if (daysBetween(base.from, to) > 0) base = { ...base, to, rule: `${base.rule}-range` }
  }
  if (s.isCertain('weekday') && s.get('weekday') !== weekdayOf(base.from)) {
    const wd = s.get('weekday')!
    const alt = ref
      ? day(
          mostRecentWeekday(ref.day, wd, false),
          'weekday-most-recent',
          `most recent ${WEEKDAY_LABEL[wd]}`,
        )
      : undefined
    return {
      why: `${dayLabel(base.from)} is not a ${WEEKDAY_LABEL[wd]}`,
      ambiguous: alt ? [base, alt] : [base],
    }
  }
  return base
}

/* ----------------------------------------------------------------------------------------- */
/* Periods: the present, quarters, halves, seasons, fiscal years, decades, "N years ago"      */

const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  final: 4,
  last: 4,
}
const SEASON_START: Record<string, number> = {
  spring: 3,
  summer: 6,
  autumn: 9,
  fall: 9,
  winter: 12,
}

function countOf(word: string | undefined): number | undefined {
  if (word === undefined) return 1
  if (/^\d+$/.test(word)) return Number(word)
  return NUMBER_WORDS[word]
}

/** A run of whole months, `count` long, from month `m` of year `y`. */
function months(y: number, m: number, count: number, rule: string, why: string, relative: boolean) {
  const from = { y, m, d: 1 }
  const last = addMonths(from, count - 1)
  return {
    ...month(y, m, rule, why, relative),
    to: lastOfMonth(last),
  }
}

/**
 * A named period of `size` months that starts in month `first` of a year (a quarter, half
 * or season), with no year stated: the one under way or last begun in a past-tense sentence
 * (or with no tense), the one under way or to come in a future-tense one, both otherwise.
 */
function periodByTense(
  ref: Civil,
  first: number,
  size: number,
  tense: Tense | undefined,
  make: (y: number) => Span,
  label: string,
): DayPart {
  const startOf = (y: number) => ({ y, m: first, d: 1 })
  const endOf = (y: number) => lastOfMonth(addMonths(startOf(y), size - 1))
  let pastY = ref.y + 1
  while (daysBetween(startOf(pastY), ref) < 0) pastY--
  let nextY = ref.y - 1
  while (daysBetween(ref, endOf(nextY)) < 0) nextY++
  if (pastY === nextY || tense === undefined || tense === 'past') return make(pastY)
  if (tense === 'future') return make(nextY)
  return {
    why: `the sentence does not say whether ${label} is past or to come`,
    ambiguous: [make(pastY), make(nextY)],
  }
}

/** Expressions that name a period other than a day, week, month or year; see below. */
function periodPart(rest: string, ref: Reference | undefined, tense: Tense | undefined): DayPart {
  const need = (f: (r: Reference) => DayPart): DayPart => (ref ? f(ref) : { error: NO_PUBLICATION })
  let m: RegExpExecArray | null

  // The present: the day of publication, approximate (the writer means "these days").
  if (
    /^(?:right\s+)?(?:now|currently|at present|present|presently|nowadays|these days)$/.test(rest)
  )
    return need((r) => ({
      ...day(r.day, 'present', 'the present: the day of publication, loosely'),
      approximate: true,
    }))
  if (/^(?:the\s+)?(?:near\s+|distant\s+|foreseeable\s+)?future$/.test(rest))
    return { error: '"the future" names no particular time' }

  // Quarters and halves.
  if (
    (m =
      /^(?:the\s+)?(first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-](quarter|half)(?:\s+of\s+(?:(\d{4})|(?:the\s+)?(?:fiscal\s+)?(this|last|next|the)\s+(?:fiscal\s+)?year))?$/.exec(
        rest,
      )) ||
    (m = /^(?:(q)([1-4])|([12])(h))(?:\s+(\d{4}))?$/.exec(rest))
  ) {
    let n: number
    let unit: 'quarter' | 'half'
    let y: number | undefined
    let which: string | undefined
    if (m[1] === 'q' || m[4] === 'h') {
      unit = m[1] === 'q' ? 'quarter' : 'half'
      n = Number(m[2] ?? m[3])
      y = m[5] ? Number(m[5]) : undefined
    } else {
      unit = m[2] as 'quarter' | 'half'
      n = ORDINALS[m[1]!]!
      if (unit === 'half' && n > 2) n = 2
      y = m[3] ? Number(m[3]) : undefined
      which = m[4]
      // "last quarter" alone is the previous one, not the fourth.
      if ((m[1] === 'last' && !m[3] && !m[4]) || (which === undefined && /^last\s/.test(rest)))
        return need((r) => previousPeriod(r.day, unit === 'quarter' ? 3 : 6))
    }
    const size = unit === 'quarter' ? 3 : 6
    const first = (n - 1) * size + 1
    const label = `the ${['first', 'second', 'third', 'fourth'][n - 1]} ${unit}`
    const make = (yy: number, relative = true) =>
      months(yy, first, size, `${unit}`, `${label} of ${yy}`, relative)
    if (y !== undefined) return make(y, false)
    if (which === 'this' || which === 'the') return need((r) => make(r.day.y))
    if (which === 'last') return need((r) => make(r.day.y - 1))
    if (which === 'next') return need((r) => make(r.day.y + 1))
    return need((r) => periodByTense(r.day, first, size, tense, (yy) => make(yy), label))
  }
  if ((m = /^(?:the\s+)?(last|previous|this|current|next|coming)\s+quarter$/.exec(rest))) {
    const w = m[1]!
    return need((r) => {
      const q0 = Math.floor((r.day.m - 1) / 3) * 3 + 1
      const shift = w === 'last' || w === 'previous' ? -3 : w === 'next' || w === 'coming' ? 3 : 0
      const s = addMonths({ y: r.day.y, m: q0, d: 1 }, shift)
      return months(s.y, s.m, 3, `quarter-${w}`, `the ${w} quarter`, true)
    })
  }

  // Fiscal years: read as the calendar year of the same number, approximate.
  if (
    (m =
      /^(?:the\s+)?(?:(current|last|previous|next|this|coming)\s+)?fiscal(?:\s+year)?(?:\s+(\d{4}))?$/.exec(
        rest,
      )) ||
    (m = /^fy\s?()(\d{2}|\d{4})$/.exec(rest))
  ) {
    const w = m[1]
    const stated = m[2]
      ? Number(m[2].length === 2 ? `${Number(m[2]) < 50 ? 20 : 19}${m[2]}` : m[2])
      : undefined
    const why = 'fiscal year, shown as the calendar year of its number (fiscal calendars differ)'
    const fiscal = (y: number, relative: boolean): Span => ({
      ...year(y, 'fiscal-year', `${why}`, relative),
      approximate: true,
    })
    if (stated !== undefined) return fiscal(stated, false)
    return need((r) =>
      fiscal(
        r.day.y + (w === 'last' || w === 'previous' ? -1 : w === 'next' || w === 'coming' ? 1 : 0),
        true,
      ),
    )
  }

  // Seasons (meteorological: spring Mar–May, summer Jun–Aug, autumn Sep–Nov, winter Dec–Feb).
  if (
    (m =
      /^(?:(last|this|next|past|coming|this past)\s+)?(?:the\s+)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(\d{4}))?$/.exec(
        rest,
      ))
  ) {
    const first = SEASON_START[m[2]!]!
    const name = m[2]!
    const make = (y: number, relative = true) =>
      months(
        y,
        first,
        3,
        `season-${name}`,
        `${name} ${y}${first === 12 ? `–${y + 1}` : ''}`,
        relative,
      )
    if (m[3]) return make(Number(m[3]), false)
    const w = m[1]
    return need((r) => {
      const startOf = (y: number) => ({ y, m: first, d: 1 })
      const endOf = (y: number) => lastOfMonth(addMonths(startOf(y), 2))
      let y = r.day.y + 1
      if (w === 'last' || w === 'past' || w === 'this past') {
        while (daysBetween(endOf(y), r.day) <= 0) y--
        return make(y)
      }
      if (w === 'next' || w === 'coming') {
        y = r.day.y - 1
        while (daysBetween(r.day, startOf(y)) <= 0) y++
        return make(y)
      }
      if (w === 'this') return make(first === 12 && r.day.m <= 2 ? r.day.y - 1 : r.day.y)
      return periodByTense(r.day, first, 3, tense, (yy) => make(yy), `the ${name}`)
    })
  }

  // Decades: "the 1990s", "the '90s".
  if ((m = /^(?:the\s+)?(\d{3})0s$/.exec(rest))) {
    const y = Number(m[1]) * 10
    return { ...year(y, 'decade', 'the decade', false), to: { y: y + 9, m: 12, d: 31 } }
  }
  if ((m = /^(?:the\s+)?'(\d)0s$/.exec(rest))) {
    const d = Number(m[1])
    return need((r) => {
      let y = Math.floor(r.day.y / 100) * 100 + d * 10
      if (y > r.day.y) y -= 100
      return {
        ...year(y, 'decade', 'the most recent such decade', true),
        to: { y: y + 9, m: 12, d: 31 },
      }
    })
  }
  if ((m = /^(?:the\s+)?(?:(last|this|next)\s+)(decade|century)$/.exec(rest))) {
    const w = m[1]!
    const size = m[2] === 'decade' ? 10 : 100
    return need((r) => {
      const y0 =
        Math.floor(r.day.y / size) * size + (w === 'last' ? -size : w === 'next' ? size : 0)
      return {
        ...year(y0, `${m![2]}-${w}`, `the ${w} ${m![2]}`, true),
        to: { y: y0 + size - 1, m: 12, d: 31 },
      }
    })
  }

  // "N units ago": counted back from publication, at the unit's own precision, approximate.
  if ((m = AGO_RE.exec(rest))) {
    const n = countOf(m[1])
    const unit = m[2]!
    return need((r) => agoRule(r.day, n, unit))
  }

  // "the past two weeks", "the last three months", "the next few days": up to or from publication.
  if ((m = PAST_N_RE.exec(rest))) {
    const back = /^(past|last|previous)$/.test(m[1]!)
    const n = countOf(m[2])
    const unit = m[3]!
    return need((r) => {
      const exact = n !== undefined
      const k = n ?? 7
      const from = back ? shiftBy(r.day, unit, -k) : r.day
      const to = back ? r.day : shiftBy(r.day, unit, k)
      return days(
        from,
        to,
        back ? 'period-past' : 'period-next',
        `${exact ? k : 'several'} ${unit}s ${back ? 'up to' : 'from'} publication`,
        !exact,
      )
    })
  }

  // Holidays: with a year, or the nearest in the tense's direction.
  if (
    (m =
      /^(?:(last|this|next|this past|this coming)\s+)?(thanksgiving(?: day)?|christmas(?: day| eve)?|new year's(?: day| eve)?|independence day|halloween|valentine's day|memorial day|labor day|election day|easter(?: sunday| monday| week)?|good friday)(?:,?\s+(\d{4}))?$/.exec(
        rest,
      ))
  ) {
    const name = m[2]!
    const make = (y: number, relative = true): Span => {
      const c = holiday(name, y)
      if (name === 'easter week') return days(addDays(c, -6), c, 'holiday', `${name} ${y}`)
      return day(c, 'holiday', `${name} ${y}`, relative)
    }
    if (m[3]) return make(Number(m[3]), false)
    const w = m[1]
    return need((r) => {
      const at = (y: number) => holiday(name, y)
      const pastY = daysBetween(at(r.day.y), r.day) >= 0 ? r.day.y : r.day.y - 1
      const nextY = daysBetween(r.day, at(r.day.y)) >= 0 ? r.day.y : r.day.y + 1
      if (w === 'this') return make(r.day.y)
      if (w === 'last' || w === 'this past')
        return make(daysBetween(at(r.day.y), r.day) > 0 ? r.day.y : r.day.y - 1)
      if (w === 'next' || w === 'this coming')
        return make(daysBetween(r.day, at(r.day.y)) > 0 ? r.day.y : r.day.y + 1)
      if (pastY === nextY || tense === undefined || tense === 'past') return make(pastY)
      if (tense === 'future') return make(nextY)
      const nearFirst = daysBetween(r.day, at(nextY)) < daysBetween(at(pastY), r.day)
      return {
        why: `the sentence does not say whether ${name} is past or to come`,
        ambiguous: nearFirst ? [make(nextY), make(pastY)] : [make(pastY), make(nextY)],
      }
    })
  }

  // "the week of March 6": the Monday–Sunday week around that day.
  if ((m = /^the\s+week\s+of\s+(.+)$/.exec(rest))) {
    const inner = chronoDate(m[1]!, ref, tense)
    if (inner && !('error' in inner) && !('ambiguous' in inner)) {
      const mon = mondayOf(inner.from)
      return days(
        mon,
        addDays(mon, 6),
        'week-of',
        `the Monday–Sunday week of ${dayLabel(inner.from)}`,
      )
    }
    return inner
  }
  return undefined
}

/** The nth (1-based; -1 = last) weekday `wd` of month `m` of year `y`. */
function nthWeekday(y: number, m: number, wd: number, n: number): Civil {
  if (n < 0) {
    const last = lastOfMonth({ y, m, d: 1 })
    return addDays(last, -((weekdayOf(last) - wd + 7) % 7))
  }
  const first = { y, m, d: 1 }
  return addDays(first, ((wd - weekdayOf(first) + 7) % 7) + 7 * (n - 1))
}

/** Easter Sunday (Gregorian; the anonymous algorithm). */
function easter(y: number): Civil {
  const a = y % 19
  const b = Math.floor(y / 100)
  const c = y % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const mm = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * mm + 114) / 31)
  return { y, m: month, d: ((h + l - 7 * mm + 114) % 31) + 1 }
}

/** The day of a holiday in year `y` (US dates for Thanksgiving, Memorial, Labor, Election Day). */
function holiday(name: string, y: number): Civil {
  if (name.startsWith('thanksgiving')) return nthWeekday(y, 11, 4, 4)
  if (name === 'christmas eve') return { y, m: 12, d: 24 }
  if (name.startsWith('christmas')) return { y, m: 12, d: 25 }
  if (name === "new year's eve") return { y, m: 12, d: 31 }
  if (name.startsWith("new year's")) return { y, m: 1, d: 1 }
  if (name === 'independence day') return { y, m: 7, d: 4 }
  if (name === 'halloween') return { y, m: 10, d: 31 }
  if (name === "valentine's day") return { y, m: 2, d: 14 }
  if (name === 'memorial day') return nthWeekday(y, 5, 1, -1)
  if (name === 'labor day') return nthWeekday(y, 9, 1, 1)
  if (name === 'election day') return addDays(nthWeekday(y, 11, 1, 1), 1)
  if (name === 'good friday') return addDays(easter(y), -2)
  if (name === 'easter monday') return addDays(easter(y), 1)
  return easter(y)
}

/** Moves a civil day by `n` units (day, week, month, year, decade). */
function shiftBy(c: Civil, unit: string, n: number): Civil {
  if (unit === 'day') return addDays(c, n)
  if (unit === 'week') return addDays(c, 7 * n)
  if (unit === 'month') return addMonths(c, n)
  const years = unit === 'decade' ? 10 * n : n
  const y = c.y + years
  return { y, m: c.m, d: Math.min(c.d, lastOfMonth({ y, m: c.m, d: 1 }).d) }
}

/** "a year ago", "three days ago", "a few weeks ago", "a decade ago". */
function agoRule(ref: Civil, n: number | undefined, unit: string): Span {
  const exact = n !== undefined
  const [lo, hi] = exact ? [n, n] : [2, 7]
  const far = shiftBy(ref, unit, -hi)
  const near = shiftBy(ref, unit, -lo)
  const why = `${exact ? n : 'a few'} ${unit}${n === 1 ? '' : 's'} before publication`
  const rule = `ago-${unit}${exact ? '' : '-vague'}`
  if (unit === 'day') return days(far, near, rule, why, !exact)
  if (unit === 'week') return days(far, near, rule, why, true)
  if (unit === 'month')
    return { ...months(far.y, far.m, exact ? 1 : hi - lo + 1, rule, why, true), approximate: true }
  return {
    ...year(far.y, rule, why, true),
    to: { y: near.y, m: 12, d: 31 },
    approximate: true,
  }
}

/** The quarter (3) or half (6) before the one of publication. */
function previousPeriod(ref: Civil, size: number): Span {
  const first = Math.floor((ref.m - 1) / size) * size + 1
  const s = addMonths({ y: ref.y, m: first, d: 1 }, -size)
  return months(
    s.y,
    s.m,
    size,
    size === 3 ? 'quarter-last' : 'half-last',
    `the ${size === 3 ? 'quarter' : 'half'} before publication`,
    true,
  )
}

/* ----------------------------------------------------------------------------------------- */
/* Modifiers: early/mid/late, parts of the day, clock times                                  */

function applyThird(span: Span, which: 'early' | 'mid' | 'late'): Span {
  const i = which === 'early' ? 0 : which === 'mid' ? 1 : 2
  const why = `${span.why}, ${which === 'mid' ? 'middle' : which} third`
  const rule = `${span.rule}+${which}`
  if (span.hours) {
    const [a, b] = span.hours
    const k = (b - a) / 3
    const hours: [number, number] = [Math.round(a + k * i), Math.round(a + k * (i + 1))]
    return { ...span, hours, approximate: true, why, rule }
  }
  const n = daysBetween(span.from, span.to) + 1
  if (span.precision === 'year' && span.from.y === span.to.y) {
    const from = { y: span.from.y, m: 1 + 4 * i, d: 1 }
    return {
      ...span,
      from,
      to: lastOfMonth({ ...from, m: from.m + 3 }),
      precision: 'month',
      approximate: true,
      why,
      rule,
    }
  }
  if (span.precision === 'month' && span.from.m === span.to.m) {
    const from = { ...span.from, d: 1 + 10 * i }
    const to = i === 2 ? span.to : { ...span.from, d: 10 + 10 * i }
    return { ...span, from, to, precision: 'day', approximate: true, why, rule }
  }
  if (n === 1)
    return { ...span, hours: [8 * i, 8 * i + 8], precision: 'hour', approximate: true, why, rule }
  const k = Math.ceil(n / 3)
  const ranges: [number, number][] = [
    [0, k - 1],
    [k, n - k - 1],
    [n - k, n - 1],
  ]
  const [a, b] = ranges[i]!
  if (b < a) return { ...span, approximate: true, why, rule }
  return {
    ...span,
    from: addDays(span.from, a),
    to: addDays(span.from, b),
    approximate: true,
    why,
    rule,
  }
}

function applyPart(span: Span, part: string): Span {
  const window = PARTS[part]!
  if (daysBetween(span.from, span.to) !== 0 || span.precision !== 'day')
    return { ...span, approximate: true, why: `${span.why}; "${part}" not narrowed` }
  return {
    ...span,
    hours: window,
    precision: 'hour',
    approximate: true,
    rule: `${span.rule}+${part}`,
    why: `${span.why}, ${part} ${String(window[0]).padStart(2, '0')}:00–${String(window[1] % 24).padStart(2, '0')}:00`,
  }
}

interface Clock {
  h: number
  min: number
  utc: boolean
  qualifier?: string
  text: string
}

const CLOCK_RE =
  /(?:\b(?:at\s+)?(around|about|approximately|shortly after|shortly before|just after|just before|after|before|by|at)\s+)?\b(\d{1,2})(?:[:.h](\d{2}))?(?![\d/.-]\d)\s*(a\.?m\.?|p\.?m\.?|(?:o'clock\s+)?in\s+the\s+(?:morning|afternoon|evening))?(?:\s*(gmt|utc|z|local time|edt|est)\b)?/g

function extractClock(text: string): { clock?: Clock; rest: string } {
  const named =
    /(?:\b(?:at\s+)?(at|around|about|shortly after|shortly before|just after|just before|after|before)\s+)?\b(noon|midday|midnight)\b/.exec(
      text,
    )
  if (named) {
    const h = named[2] === 'midnight' ? 0 : 12
    return {
      clock: { h, min: 0, utc: false, qualifier: named[1], text: named[0] },
      rest: text.replace(named[0], ' '),
    }
  }
  CLOCK_RE.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = CLOCK_RE.exec(text))) {
    const [whole, qualifier, hs, ms, meridiem, zone] = m
    if (ms === undefined && !meridiem) continue
    let h = Number(hs)
    const min = ms === undefined ? 0 : Number(ms)
    if (h > 23 || min > 59 || (meridiem && (h < 1 || h > 12))) continue
    const pm = meridiem?.startsWith('p') || /afternoon|evening/.test(meridiem ?? '')
    const am = meridiem?.startsWith('a') || /morning/.test(meridiem ?? '')
    if (pm && h < 12) h += 12
    if (am && h === 12) h = 0
    const utc = zone === 'gmt' || zone === 'utc' || zone === 'z'
    return {
      clock: { h, min, utc, qualifier, text: whole },
      rest: (text.slice(0, m.index) + ' ' + text.slice(m.index + whole.length)).trim(),
    }
  }
  return { rest: text }
}

function applyClock(
  span: Span,
  clock: Clock,
  zone: string,
  ref: Reference | undefined,
): Span | Span[] {
  if (span.precision !== 'day' && span.precision !== 'hour')
    return { ...span, why: `${span.why}; time not applied`, approximate: true }
  const n = daysBetween(span.from, span.to) + 1
  if (n > 1) {
    if (n > 7) return { ...span, why: `${span.why}; time not applied`, approximate: true }
    return Array.from(
      { length: n },
      (_, i) =>
        applyClock(day(addDays(span.from, i), span.rule, span.why), clock, zone, ref) as Span,
    )
  }
  const c = span.from
  const at = clock.utc
    ? Date.UTC(c.y, c.m - 1, c.d, clock.h, clock.min)
    : zonedInstant(c, clock.h, clock.min, zone)
  let earliest = at
  let latest = at
  const HALF_HOUR = 30 * 60_000
  switch (clock.qualifier) {
    case 'around':
    case 'about':
    case 'approximately':
      earliest = at - HALF_HOUR
      latest = at + HALF_HOUR
      break
    case 'shortly before':
    case 'just before':
      earliest = at - HALF_HOUR
      break
    case 'shortly after':
    case 'just after':
      latest = at + HALF_HOUR
      break
    case 'before':
    case 'by':
      earliest = zonedInstant(c, 0, 0, zone)
      break
    case 'after':
      latest = zonedInstant(addDays(c, 1), 0, 0, zone)
      break
  }
  const pad = (x: number) => String(x).padStart(2, '0')
  const stated = `${pad(clock.h)}:${pad(clock.min)}`
  const w = wallTime(at, zone)
  const gap =
    !clock.utc && (w.h !== clock.h || w.min !== clock.min)
      ? `; ${stated} does not exist that day (clocks went forward)`
      : ''
  return {
    ...span,
    hours: undefined,
    precision: 'minute',
    approximate: span.approximate || earliest !== latest || gap !== '',
    instant: { at, earliest, latest },
    rule: `${span.rule}+time`,
    why: `${span.why}, ${clock.qualifier && clock.qualifier !== 'at' ? `${clock.qualifier} ` : ''}${stated}${clock.utc ? ' UTC' : ''}${gap}`,
  }
}

/* ----------------------------------------------------------------------------------------- */
/* Offsets from an anchor event                                                               */

const OFFSET_RE = new RegExp(
  `^(?:(?:about|around|some|roughly|approximately)\\s+)?(?:${COUNT_RE}\\s+)?(minutes?|hours?|days?|weeks?)\\s+(before|after|later|earlier|afterwards|beforehand|beforehand)\\b`,
)

const VAGUE: Record<string, [number, number]> = {
  minute: [1, 60],
  hour: [1, 24],
  day: [1, 7],
  week: [1, 4],
}

function resolveOffset(
  expr: string,
  text: string,
  ctx: ResolveContext,
  zone: string,
  ref: Reference | undefined,
): Resolution | undefined {
  let count: string | undefined
  let unit: string
  let dir: 'before' | 'after'
  let m: RegExpExecArray | null
  if ((m = OFFSET_RE.exec(text))) {
    count = m[1]
    unit = m[2]!.replace(/s$/, '')
    dir = /^(before|earlier|beforehand)$/.test(m[3]!) ? 'before' : 'after'
  } else if (
    (m = /^(?:on\s+)?the\s+(next|following|previous|same)\s+day$|^the\s+day\s+(before|after)$/.exec(
      text,
    ))
  ) {
    const w = m[1] ?? m[2]
    unit = 'day'
    count = w === 'same' ? '0' : '1'
    dir = w === 'previous' || w === 'before' ? 'before' : 'after'
  } else if (/^(?:later|earlier) (?:that|the same) day$/.test(text)) {
    unit = 'day'
    count = '0'
    dir = 'after'
  } else return undefined

  const exact = count !== undefined && (/^\d+$/.test(count) || count in NUMBER_WORDS)
  const nExact = exact ? (/^\d+$/.test(count!) ? Number(count) : NUMBER_WORDS[count!]!) : 0
  const [minN, maxN] = exact ? [nExact, nExact] : VAGUE[unit]!
  const approximateCount =
    !exact ||
    /^(about|around|some|roughly|approximately)\s/.test(text) ||
    /couple/.test(count ?? '')

  let lo: number
  let hi: number
  let basePrecision: TimeValue['precision']
  let baseApprox: boolean
  let reference: number
  let from: string
  if (ctx.anchor) {
    lo = ctx.anchor.start
    hi = ctx.anchor.end ?? ctx.anchor.start
    basePrecision = ctx.anchor.precision
    baseApprox = ctx.anchor.approximate
    reference = ctx.anchor.start
    from = `the related event, ${formatTimeValue(ctx.anchor, zone)}`
  } else if (ref) {
    lo = ref.instant
    hi = ref.wall ? ref.instant : zonedInstant(addDays(ref.day, 1), 0, 0, zone)
    basePrecision = ref.wall ? 'minute' : 'day'
    baseApprox = true
    reference = ctx.published!
    from = `${ref.label}; no related event given, counted from publication`
  } else
    return {
      status: 'unresolvable',
      reason: `${NO_PUBLICATION}, or link the event it is relative to`,
    }

  const sign = dir === 'before' ? -1 : 1
  let start: number
  let end: number | undefined
  let precision: TimeValue['precision']
  if (unit === 'minute' || unit === 'hour') {
    const u = unit === 'minute' ? 60_000 : 3_600_000
    const a = sign < 0 ? lo - maxN * u : lo + minN * u
    const b = sign < 0 ? hi - minN * u : hi + maxN * u
    start = a
    end = b > a ? b : undefined
    precision = unit === 'minute' || (exact && basePrecision === 'minute') ? 'minute' : 'hour'
    if (exact && basePrecision !== 'minute' && basePrecision !== 'hour') precision = 'hour'
  } else {
    const k = unit === 'week' ? 7 : 1
    const dLo = wallTime(lo, zone)
    const dHi = wallTime(hi > lo ? hi - 1 : hi, zone)
    const fromDay = sign < 0 ? addDays(dLo, -maxN * k) : addDays(dLo, minN * k)
    const toDay = sign < 0 ? addDays(dHi, -minN * k) : addDays(dHi, maxN * k)
    start = zonedInstant(fromDay, 0, 0, zone)
    end = zonedInstant(addDays(toDay, 1), 0, 0, zone)
    precision = 'day'
  }
  const value: TimeValue = {
    start,
    ...(end !== undefined ? { end } : {}),
    precision,
    approximate: approximateCount || baseApprox,
    earliest: start,
    latest: end ?? start,
    resolvedFrom: {
      text: expr,
      reference,
      rule: `offset-${unit}-${dir}${exact ? '' : '-vague'}${ctx.anchor ? '' : '-from-publication'}`,
    },
    ...zoneField(zone),
  }
  const amount = exact ? `${nExact} ${unit}${nExact === 1 ? '' : 's'}` : `${minN}–${maxN} ${unit}s`
  return {
    status: 'resolved',
    value,
    explanation: `'${expr}' → ${formatTimeValue(value, zone)} (${from}; ${amount} ${dir})`,
  }
}

/* ----------------------------------------------------------------------------------------- */
/* Putting it together                                                                        */

function normalise(expr: string): string {
  return expr
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/[\s,;:!?]+$/, '')
    .replace(/\.$/, (dot) => (/(a|p)\.m\.$/.test(expr.toLowerCase().trim()) ? dot : ''))
    .trim()
}

function stripPrepositions(s: string): string {
  let prev: string
  do {
    prev = s
    s = s
      .replace(
        /^(on|in|at|during|over|from|since|until|till|by|of|for|as of|sometime|some time)\s+/,
        '',
      )
      .trim()
  } while (s !== prev)
  return s
}

function toValue(span: Span, zone: string, expr: string, ref: Reference | undefined): TimeValue {
  const resolvedFrom = {
    text: expr,
    ...(span.relative && ref ? { reference: ref.instant } : {}),
    rule: span.rule,
  }
  if (span.instant)
    return {
      start: span.instant.at,
      precision: 'minute',
      approximate: span.approximate,
      earliest: span.instant.earliest,
      latest: span.instant.latest,
      resolvedFrom,
      ...zoneField(zone),
    }
  const start = span.hours
    ? zonedInstant(span.from, span.hours[0], 0, zone)
    : zonedInstant(span.from, 0, 0, zone)
  const end = span.hours
    ? zonedInstant(span.from, span.hours[1], 0, zone)
    : zonedInstant(addDays(span.to, 1), 0, 0, zone)
  return {
    start,
    end,
    precision: span.precision,
    approximate: span.approximate,
    earliest: start,
    latest: end,
    resolvedFrom,
    ...zoneField(zone),
  }
}

/** The zone a value is read in, stored only when it is not UTC (absent means UTC). */
function zoneField(zone: string): { zone?: string } {
  return zone === 'UTC' ? {} : { zone }
}

function describe(
  expr: string,
  span: Span,
  value: TimeValue,
  zone: string,
  ref: Reference | undefined,
) {
  const context = span.relative && ref ? `${ref.label}; ${span.why}` : span.why
  return `'${expr}' → ${formatTimeValue(value, zone)} (${context})`
}

/**
 * Resolves one time expression from a source against its publication date, in the
 * source's time zone. See the module header for the conventions. Never throws.
 *
 * @example resolveExpression('on Monday', { published: Date.UTC(2025, 5, 24),
 *   publishedPrecision: 'day', timeZone: 'UTC' })
 *   // resolved: Mon 23 Jun 2025, "'on Monday' → Mon 23 Jun 2025 (published Tue 24 Jun
 *   // 2025; most recent Monday)"
 */
export function resolveExpression(expr: string, context: ResolveContext): Resolution {
  const zone = context.timeZone || 'UTC'
  if (!isValidZone(zone)) return { status: 'unresolvable', reason: `unknown time zone '${zone}'` }
  // Another language first when the expression is known (or seen) to be in one; otherwise
  // English first, and the other tables only when English cannot read it.
  const foreign =
    (context.language !== undefined && context.language !== 'en') ||
    /[\u0400-\u04FF\u0600-\u06FF]/.test(expr)
  if (foreign) return resolveIntl(expr, context, zone) ?? resolveEnglish(expr, context)
  const english = resolveEnglish(expr, context)
  if (english.status !== 'unresolvable') return english
  return resolveIntl(expr, context, zone) ?? english
}

/** Clock time after a date in another language: "12 марта, 10:00", "lundi à 14h30". */
const INTL_CLOCK =
  /^(.*?)[,\s]+(?:в|о|à|a las|a la|um|at|ساعت|الساعة)?\s*([0-9\u0660-\u0669\u06F0-\u06F9]{1,2})[:h.]([0-9\u0660-\u0669\u06F0-\u06F9]{2})(?:\s*(?:uhr|h))?$/iu

/**
 * Reads an expression in another language (`intl.ts`): either as English words resolved by
 * the English rules, the original words quoted in the explanation, or as days converted from
 * another calendar. Undefined when no table reads it.
 */
function resolveIntl(expr: string, context: ResolveContext, zone: string): Resolution | undefined {
  const original = expr.trim()
  const ctx = {
    published: publicationDay(context.published, context.publishedPrecision, zone),
    tense: context.tense,
  }
  let read = readIntl(original, ctx, context.language)
  let clock = ''
  if (!read) {
    const m = INTL_CLOCK.exec(original)
    if (m) {
      read = readIntl(m[1]!, ctx, context.language)
      clock = ` at ${asciiDigits(m[2]!)}:${asciiDigits(m[3]!)}`
    }
  }
  if (!read) return undefined
  const { lang, reading } = read
  const name = DATE_LANGUAGE_NAMES[lang]
  if ('error' in reading)
    return { status: 'unresolvable', reason: `'${original}' (${name}): ${reading.error}` }
  if ('english' in reading) {
    const english = `${reading.english}${clock}`
    return relabel(resolveEnglish(english, { ...context, language: 'en' }), original, english, lang)
  }
  if (clock) return undefined
  const ref = reference(context, zone)
  const relative = reading.relative === true
  const span: Span = {
    ...days(reading.days[0], reading.days[1], reading.rule, reading.note),
    relative,
  }
  const value = toValue(span, zone, original, ref)
  return { status: 'resolved', value, explanation: describe(original, span, value, zone, ref) }
}

/** A resolution of the English words `english` as one of `original`, in language `lang`. */
function relabel(r: Resolution, original: string, english: string, lang: DateLanguage): Resolution {
  const quoted = `'${english}'`
  const label = `'${original}' (${DATE_LANGUAGE_NAMES[lang]}: "${english}")`
  const fix = (s: string) => s.replace(quoted, label)
  const value = (v: TimeValue): TimeValue => ({
    ...v,
    ...(v.resolvedFrom
      ? {
          resolvedFrom: {
            ...v.resolvedFrom,
            text: original,
            rule: `${lang}:${v.resolvedFrom.rule}`,
          },
        }
      : {}),
  })
  if (r.status === 'resolved')
    return { status: 'resolved', value: value(r.value), explanation: fix(r.explanation) }
  if (r.status === 'ambiguous')
    return {
      status: 'ambiguous',
      explanation: fix(r.explanation),
      candidates: r.candidates.map((c) => ({
        value: value(c.value),
        explanation: fix(c.explanation),
      })),
    }
  return { status: 'unresolvable', reason: fix(r.reason) }
}

function resolveEnglish(expr: string, context: ResolveContext): Resolution {
  const zone = context.timeZone || 'UTC'
  const original = expr.trim()
  if (!isValidZone(zone)) return { status: 'unresolvable', reason: `unknown time zone '${zone}'` }
  const text = normalise(original)
  if (!text) return { status: 'unresolvable', reason: 'empty expression' }
  const ref = reference(context, zone)

  // A full ISO timestamp is an instant already.
  const iso = /^(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})(?::(\d{2}))?(z|[+-]\d{2}:?\d{2})?$/.exec(
    text,
  )
  if (iso) {
    const [, y, mo, d, h, mi, , off] = iso
    const c = { y: Number(y), m: Number(mo), d: Number(d) }
    if (!isRealDay(c.y, c.m, c.d) || Number(h) > 23 || Number(mi) > 59)
      return { status: 'unresolvable', reason: `'${original}' is not a valid date and time` }
    const at = off
      ? Date.parse(
          `${y}-${mo}-${d}T${h}:${mi}:00${off === 'z' ? 'Z' : off.length === 5 ? `${off.slice(0, 3)}:${off.slice(3)}` : off}`,
        )
      : zonedInstant(c, Number(h), Number(mi), zone)
    const span: Span = {
      ...day(
        c,
        'iso-timestamp',
        off ? 'ISO timestamp with offset' : `ISO timestamp, read in ${zoneLabel(zone)}`,
        false,
      ),
      precision: 'minute',
      instant: { at, earliest: at, latest: at },
    }
    const value = toValue(span, zone, original, ref)
    return { status: 'resolved', value, explanation: describe(original, span, value, zone, ref) }
  }

  const offset = resolveOffset(original, stripPrepositions(text), context, zone, ref)
  if (offset) return offset

  const { clock, rest: withoutClock } = extractClock(text)
  let rest = stripPrepositions(withoutClock.replace(/\s+/g, ' ').trim())
  let third: 'early' | 'mid' | 'late' | undefined
  const small = /^(?:the\s+)?(?:early|small|wee)\s+hours\s+(?:of\s+)?/.exec(rest)
  if (small) {
    third = 'early'
    rest = stripPrepositions(rest.slice(small[0].length))
  }
  const t = /^(?:the\s+)?(early|mid|late)(?:-|\s+)/.exec(rest)
  if (t) {
    third = t[1] as 'early' | 'mid' | 'late'
    rest = stripPrepositions(rest.slice(t[0].length))
  }
  let part: string | undefined
  // "the night of Friday, Oct. 23": the part of the day comes first.
  const partOf = /^(?:the\s+)?(morning|afternoon|evening|night)\s+of\s+/.exec(rest)
  if (partOf) rest = `${stripPrepositions(rest.slice(partOf[0].length))} ${partOf[1]}`
  const p = /(?:^|\s)(?:in the\s+|on the\s+)?(morning|afternoon|evening|night|overnight)$/.exec(
    rest,
  )
  if (p && !/^tonight$/.test(rest)) {
    part = p[1]
    rest = stripPrepositions(rest.slice(0, p.index).trim()).replace(/(?:^|\s)the$/, '')
  }
  if (rest === 'tonight') part = 'night'

  const found = dayPart(rest, ref, part, context.tense)
  if (found === undefined) {
    if (!ref && !rest && clock) return { status: 'unresolvable', reason: NO_PUBLICATION }
    if (clock && rest === '' && ref) return clockOnly(original, clock, ref, zone)
    return {
      status: 'unresolvable',
      reason: `'${original}' is not a date or time expression we can read`,
    }
  }
  if ('error' in found) return { status: 'unresolvable', reason: found.error }

  const finish = (span: Span): Span[] => {
    let s = span
    // "mid afternoon", "early Saturday morning": the third of the part, not of the day.
    if (part && !clock) s = applyPart(s, part)
    if (third) s = applyThird(s, third)
    if (clock) {
      const r = applyClock(s, clock, zone, ref)
      return Array.isArray(r) ? r : [r]
    }
    return [s]
  }

  const spans = 'ambiguous' in found ? found.ambiguous.flatMap(finish) : finish(found)
  const candidates = spans.map((span) => {
    const value = toValue(span, zone, original, ref)
    return { value, explanation: describe(original, span, value, zone, ref) }
  })
  if (candidates.length === 1 && !('ambiguous' in found)) {
    return { status: 'resolved', ...candidates[0]! }
  }
  if (candidates.length === 0)
    return { status: 'unresolvable', reason: `'${original}' names no day` }
  const why = 'ambiguous' in found ? found.why : 'the time could fall on any of these days'
  return {
    status: 'ambiguous',
    candidates,
    explanation: `'${original}' is ambiguous: ${why}${ref ? ` (${ref.label})` : ''}`,
  }
}

/** A clock time with no day: the most recent such time on or before publication. */
function clockOnly(original: string, clock: Clock, ref: Reference, zone: string): Resolution {
  let c = ref.day
  let why = 'no day stated: the day of publication'
  if (ref.wall && clock.h * 60 + clock.min > ref.wall.h * 60 + ref.wall.min) {
    c = addDays(ref.day, -1)
    why = 'no day stated: after the publication time, so the day before'
  }
  const span = applyClock(
    { ...day(c, 'clock-only', why), approximate: true },
    clock,
    zone,
    ref,
  ) as Span
  const value = toValue(span, zone, original, ref)
  return { status: 'resolved', value, explanation: describe(original, span, value, zone, ref) }
}
