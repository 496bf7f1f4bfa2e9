/**
 * Casefile's one date finder: finds the date and time expressions of a text — a passage, a
 * paragraph or a whole document — for the event form's pre-fill, the suggestions and batch
 * use alike, and says for each the tense of the words around it, which the resolver
 * (`resolve.ts`) needs for a month or weekday without a year. Absolute expressions ("on June
 * 22", "Aug. 7, 1998", "in 2019", "the third quarter of 1984", "at about 10:35 a.m.") and
 * relative ones ("yesterday afternoon", "over the weekend", "earlier this month", "a year
 * ago", "the past two weeks", "now") are found; durations ("for three hours", "within
 * hours") are not dates and are left alone.
 *
 * A span keeps the words the resolver needs — the governing preposition ("since June" is not
 * "in June"; "over the weekend" is a range), hedges ("about", "shortly after") and the part of
 * the day. Rules are regular expressions over the original text, so offsets are exact by
 * construction; month and weekday names must be capitalised, which keeps the modal "may" and
 * the verb "march" out, and a bare "May" or "March" needs a governing word. Sentences come
 * from `splitSentences`, which does not cut at "Aug." or "U.S.".
 */
import {
  DATE_LANGUAGE_NAMES,
  dateLanguagesIn,
  findIntlDates,
  intlTense,
  type DateLanguage,
} from './intl'
import { resolveExpression, type ResolveContext, type Resolution } from './resolve'
import { splitSentences } from './sentences'
import { tenseAround, type Tense } from './tense'

/** One date or time expression found in a text. */
export interface FoundDate {
  /** [start, end) into the text searched. */
  start: number
  end: number
  /** The words found, as the resolver takes them. */
  text: string
  confidence: number
  /** Which rule found it, in words. */
  reason: string
  /** The tense of the words around it in its sentence. */
  tense: Tense
  /**
   * Where the expression starts without the governing preposition or hedge kept for the
   * resolver ("Monday" in "on Monday"), as TimeML marks it.
   */
  timexStart: number
  /** The language of the table that found it, when not English (see `intl.ts`). */
  lang?: DateLanguage
}

const WD = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'
const MONTH_FULL =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December)'
// A bare month name is a date, except "May" and "March", which need a governing word.
const MONTH_BARE = '(?:January|February|April|June|July|August|September|October|November|December)'
// Abbreviated months only count next to a day or a year ("Oct. 2", "Sept 2024").
const MONTH_ABBR = '(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?'
const MON = `(?:${MONTH_FULL}|${MONTH_ABBR})`
const DAY = '(?:3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?(?!\\d)'
const YEAR = '(?:1[89]\\d{2}|20\\d{2})(?!\\d)'
const PART = '(?:morning|afternoon|evening|night|overnight)'
const SEASON = '(?:spring|summer|autumn|fall|winter)'
const AMPM = '(?:am|pm|a\\.m\\.?|p\\.m\\.?)'
const TIME =
  `(?:(?:[01]?\\d|2[0-3]):[0-5]\\d(?:\\s?${AMPM})?|(?:1[0-2]|0?[1-9])(?:[.:][0-5]\\d)?\\s?${AMPM}` +
  `|noon|midday|midnight|(?:1[0-2]|0?[1-9]) (?:o'clock )?in the (?:morning|afternoon|evening))` +
  `(?:\\s(?:GMT|UTC|EDT|EST|local time))?`
const NUM =
  '(?:a few|a couple of|several|many|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|\\d+)'
const UNIT = '(?:minutes?|hours?|days?|weeks?|months?|years?|decades?)'
const ORD = '(?:first|second|third|fourth|last|final|1st|2nd|3rd|4th)'
const HOLIDAY =
  "Thanksgiving(?: Day)?|Christmas(?: Day| Eve)?|New Year['’]s(?: Day| Eve)?|Independence Day" +
  "|Halloween|Valentine['’]s Day|Memorial Day|Labor Day|Election Day|Easter(?: Sunday| Monday| week)?" +
  '|Good Friday'
const PERIOD_OF = `(?: of (?:${YEAR}|the (?:year|fiscal year)|this year|last year|next year))`

// Letters and digits on either side of a match would make it part of a longer word.
const B = '(?<![\\p{L}\\p{N}])'
const E = '(?![\\p{L}\\p{N}])'

const DAY_MONTH = `${DAY}(?: of)? ${MON}(?:,? ${YEAR})?`
const MONTH_DAY = `${MON} ${DAY}(?:,? ${YEAR})?`
const MONTH_YEAR = `${MON},? ${YEAR}`
const WEEKDAY = `${WD}(?:,? (?:${DAY_MONTH}|${MONTH_DAY}))?(?: ${PART})?`
const ISO = `${YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])`

const CALENDAR_REASON = 'calendar date or weekday'
const RELATIVE_DAY_REASON = 'day relative to the report'
const TIME_REASON = 'time of day'
const OFFSET_REASON = 'offset from another event ("hours before")'
const YEAR_REASON = 'year'

/**
 * The confidence of "now", "currently" and "the future": real time expressions for the
 * timeline's purposes (TimeML marks them), but no particular time to suggest to an analyst.
 */
export const PRESENT_CONFIDENCE = 0.6

/** A rule's pattern, with each space accepting any run of spaces on one line. */
function pattern(source: string, flags: string): RegExp {
  return new RegExp(source.replace(/ /g, '[^\\S\\n]+'), flags)
}

interface Rule {
  re: RegExp
  confidence: number
  reason: string
}

const rules: Rule[] = [
  {
    re: pattern(
      `${B}(?:the ${PART} of |the week of )?(?:${WEEKDAY}|${DAY_MONTH}|${MONTH_DAY}|${MONTH_YEAR}|${ISO})${E}`,
      'gu',
    ),
    confidence: 0.95,
    reason: CALENDAR_REASON,
  },
  {
    // A bare month or year is a date when something temporal governs it: "since June",
    // "in 2019", "mid-March", "the summer of 1998".
    re: pattern(
      `${B}(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Tt]hrough|[Dd]uring|[Bb]efore|[Aa]fter|` +
        `[Ee]arly|[Ll]ate|[Ll]ast|[Nn]ext|[Tt]his|[Tt]hat) |[Mm]id-)(?:the ${SEASON} of )?` +
        `(?:${MONTH_FULL}|${YEAR})${E}`,
      'gu',
    ),
    confidence: 0.85,
    reason: 'month or year after a temporal word',
  },
  {
    re: pattern(`${B}${MONTH_BARE}${E}(?!['’]s)`, 'gu'),
    confidence: 0.75,
    reason: 'month',
  },
  {
    // A year alone: not an amount ("2000 people", "$1999"), not part of a number or a code.
    re: pattern(
      `(?<![\\p{L}\\p{N}$£€#.,/-])${YEAR}(?![\\p{L}\\p{N}%/-]|[.,]\\d| (?:people|persons|men|women|troops|soldiers|years|pounds|tons|tonnes|feet|meters|metres|miles|dollars|units|cases|votes|hours|km)\\b)`,
      'gu',
    ),
    confidence: 0.7,
    reason: YEAR_REASON,
  },
  {
    re: pattern(
      `${B}(?:(?:(?:earlier|later|early|late) )?(?:yesterday|today|tomorrow)(?: ${PART})?|tonight|the day after tomorrow)${E}`,
      'giu',
    ),
    confidence: 0.9,
    reason: RELATIVE_DAY_REASON,
  },
  {
    re: pattern(
      `${B}(?:(?:earlier|later) (?:today|tonight|this (?:week|month|year|morning|afternoon|evening|${SEASON}))` +
        `|(?:(?:early|late|earlier|later) )?(?:this|last|next|past|coming) (?:week|weekend|month|year|` +
        `${PART}|${SEASON}|${WD}|quarter|decade|century)` +
        `|(?:(?:early|late) )?(?:the )?${SEASON} (?:of )?${YEAR}` +
        `|(?:early |late |mid-?)?the (?:early |late )?${SEASON}` +
        `|(?:early|late|mid-?) ${SEASON})${E}`,
      'giu',
    ),
    confidence: 0.85,
    reason: 'period relative to the report',
  },
  {
    // Quarters, halves and fiscal years: "the third quarter of 1984", "the fourth quarter",
    // "the first half", "third-quarter", "fiscal 1999", "Q3 1998".
    re: pattern(
      `${B}(?:(?:the )?${ORD}(?: |-)(?:quarter|half)${PERIOD_OF}?` +
        `|(?:the )?(?:(?:current|last|previous|next|this|coming) )?fiscal(?: year)?(?: ${YEAR})?` +
        `|FY ?(?:${YEAR}|\\d\\d)|Q[1-4](?: ${YEAR})?|[12]H(?: ${YEAR})?)${E}`,
      'giu',
    ),
    confidence: 0.85,
    reason: 'quarter, half or fiscal year',
  },
  {
    re: pattern(
      `${B}(?:the (?:same|previous|following|next) (?:day|week|month|year|${PART}|weekend|${WD})` +
        `|the day (?:before|after)(?: yesterday)?|the night before|that (?:day|week|${PART})` +
        `|the weekend|the (?:coming|past|next|last|previous|following) ` +
        `(?:${NUM} )?(?:days|weeks|months|years|decades)` +
        `|the (?:days|weeks|months|years) ahead|recent (?:days|weeks|months|years))${E}`,
      'giu',
    ),
    confidence: 0.8,
    reason: 'period relative to another event',
  },
  {
    re: pattern(
      `${B}(?:(?:${NUM}) )?(?:(?:and a half|or so|or two|or more) )?${UNIT} (?:ago|earlier|later|before|after|previously|beforehand|afterwards)${E}`,
      'giu',
    ),
    confidence: 0.75,
    reason: OFFSET_REASON,
  },
  {
    // Holidays of fixed or computed date: "Thanksgiving", "Christmas Eve", "Easter week".
    re: pattern(
      `${B}(?:(?:last|this|next|this past|this coming) )?(?:${HOLIDAY})(?:,? ${YEAR})?${E}`,
      'gu',
    ),
    confidence: 0.85,
    reason: 'holiday',
  },
  {
    re: pattern(`${B}(?:the )?(?:early |late |mid-)?(?:(?:19|20)\\d0s|['’]\\d0s)${E}`, 'gu'),
    confidence: 0.8,
    reason: 'decade',
  },
  {
    // The present: "now", "currently", "at present", "these days"; the future as such.
    re: pattern(
      `${B}(?:now|currently|at present|nowadays|these days|(?:in )?the (?:near |distant )?future)${E}`,
      'giu',
    ),
    confidence: PRESENT_CONFIDENCE,
    reason: 'the present or the future',
  },
  {
    re: pattern(`${B}(?:early|late|mid-?|mid) (?:morning|afternoon|evening)${E}`, 'giu'),
    confidence: 0.75,
    reason: 'part of the day',
  },
  {
    re: pattern(`${B}${TIME}(?![\\p{L}\\p{N}]|\\.\\p{N})`, 'giu'),
    confidence: 0.85,
    reason: TIME_REASON,
  },
]

// The preposition (and hedge) directly before an expression belongs to it: the resolver
// needs "since", "until" and "over" to tell a point from a range.
const LEADING =
  /(?:^|[^\p{L}\p{N}])((?:(?:early|late)\s)?(?:on|in|at|over|since|until|till|by|during|from|through|throughout|before|after|for)\s(?:(?:about|around|approximately|roughly)\s)?)$/iu
const HEDGE_ONLY =
  /(?:^|[^\p{L}\p{N}])((?:about|around|approximately|roughly|(?:shortly|just|soon|right|sometime|some time) (?:after|before))\s)$/iu
const DURATION_BEFORE =
  /(?:^|[^\p{L}\p{N}])(?:for|lasted|lasting|spent|took)\s(?:(?:almost|about|nearly|around|over|more than|less than|some|just|only)\s)*$/iu
// Words that already carry their own relation to time and take no preposition.
const SELF_GOVERNED =
  /^(?:in|since|until|till|by|from|through|during|before|after|for|at|on|now|currently|these|nowadays)\s?/iu
// "now" that is not about time: "now that", "and now" at a turn in the story stays a date.
const NOT_NOW = /^now\s+that\b/iu

/** Finds date and time expressions in `text`; spans are sorted and do not overlap. */
export function findDates(text: string): FoundDate[] {
  const found: Span[] = []
  for (const rule of rules) {
    rule.re.lastIndex = 0
    for (const m of text.matchAll(rule.re)) {
      const start = m.index
      // "for almost three hours before marching": a duration, then a sequence.
      if (
        rule.reason === OFFSET_REASON &&
        DURATION_BEFORE.test(text.slice(Math.max(0, start - 40), start))
      )
        continue
      if (NOT_NOW.test(text.slice(start, start + 12))) continue
      found.push({
        start,
        end: start + m[0].length,
        confidence: rule.confidence,
        reason: rule.reason,
      })
    }
  }
  const languages = dateLanguagesIn(text)
  if (languages.length > 0)
    for (const span of findIntlDates(text, languages))
      found.push({ ...span, reason: `date in ${DATE_LANGUAGE_NAMES[span.lang]}` })
  const spans = resolveOverlaps(found).map((span) =>
    span.lang ? span : withPreposition(text, span),
  )
  const merged = mergeAdjacent(text, resolveOverlaps(spans))
  const sentences = splitSentences(text)
  let s = 0
  return merged.map((span) => {
    while (s < sentences.length - 1 && sentences[s]!.end <= span.start) s++
    const sentence = sentences[s]
    const tense = !(sentence && sentence.start <= span.start)
      ? 'unknown'
      : span.lang
        ? intlTense(text.slice(sentence.start, sentence.end), span.lang)
        : tenseAround(
            text.slice(sentence.start, sentence.end),
            span.start - sentence.start,
            span.end - sentence.start,
          )
    const timexStart = span.timexStart ?? span.start
    const words = text.slice(span.start, span.end)
    // "set for Tuesday", "as soon as Friday": a date so governed is one to come.
    const scheduled =
      /^for\s/i.test(words) ||
      /\bas\s+(?:soon|early)\s+as\s+$/i.test(text.slice(Math.max(0, span.start - 20), span.start))
    return { ...span, text: words, tense: scheduled ? 'future' : tense, timexStart }
  })
}

/**
 * Resolves a found expression against the publication date, reading it in the tense of its
 * sentence. The event form, suggestions and batch use all resolve through here.
 */
export function resolveFound(found: FoundDate, context: ResolveContext): Resolution {
  return resolveExpression(found.text, {
    ...context,
    tense: found.tense,
    ...(found.lang ? { language: found.lang } : {}),
  })
}

/**
 * Resolves every expression found in one document (batch use). A document repeats its
 * expressions ("Friday", "last week"): the same words in the same tense resolve alike
 * against the same publication date, so each is resolved once per call.
 */
export function resolveAll(found: FoundDate[], context: ResolveContext): Resolution[] {
  const seen = new Map<string, Resolution>()
  return found.map((f) => {
    const key = `${f.tense}|${f.lang ?? ''}|${f.text}`
    let r = seen.get(key)
    if (!r) {
      r = resolveFound(f, context)
      seen.set(key, r)
    }
    return r
  })
}

/**
 * The first expression that starts in [start, end) of `text` (a passage or its sentence),
 * found and read in the whole paragraph around it — so a passage cut at "Aug." still gets
 * "Aug. 2" — or undefined.
 */
export function firstDateIn(text: string, start: number, end: number): FoundDate | undefined {
  const a = Math.max(0, text.lastIndexOf('\n', start - 1) + 1)
  const nl = text.indexOf('\n', end)
  const b = nl < 0 ? text.length : nl
  return findDates(text.slice(a, b))
    .map((f) => ({ ...f, start: f.start + a, end: f.end + a }))
    .find((f) => f.start >= start && f.start < end)
}

type Span = Omit<FoundDate, 'text' | 'tense' | 'timexStart'> & { timexStart?: number }

function withPreposition(text: string, span: Span): Span {
  if (SELF_GOVERNED.test(text.slice(span.start, span.end))) return span
  // "after yesterday’s call": the preposition governs the noun, not the date.
  if (/^['’]s(?![\p{L}\p{N}])/u.test(text.slice(span.end, span.end + 3))) return span
  const before = text.slice(Math.max(0, span.start - 40), span.start)
  const a = LEADING.exec(before)
  const h = HEDGE_ONLY.exec(before)
  const lead = (h?.[1]?.length ?? 0) > (a?.[1]?.length ?? 0) ? h : (a ?? h)
  if (!lead?.[1] || lead[1].includes('\n')) return span
  return { ...span, start: span.start - lead[1].length, timexStart: span.timexStart ?? span.start }
}

/** Keeps the longest of overlapping spans (then the most confident). */
function resolveOverlaps(spans: Span[]): Span[] {
  const ordered = [...spans].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.confidence - a.confidence,
  )
  const kept: Span[] = []
  for (const span of ordered) {
    if (kept.every((k) => span.end <= k.start || span.start >= k.end)) kept.push(span)
  }
  return kept.sort((a, b) => a.start - b.start)
}

// "Today, at 15:00", "at about 5am on Saturday", "16 October 2025, 08:10" and "yesterday,
// 12 October" are one time each; "on Monday, Tuesday" and "on Monday morning, hours
// before" are two, so only a time of day or a date after a relative day is joined on.
function mergeAdjacent(text: string, spans: Span[]): Span[] {
  const merged: Span[] = []
  let lastReason = ''
  for (const span of spans) {
    const last = merged[merged.length - 1]
    const joins =
      last !== undefined &&
      /^,?[^\S\n]+$/.test(text.slice(last.end, span.start)) &&
      (span.reason === TIME_REASON ||
        lastReason === TIME_REASON ||
        (span.reason === CALENDAR_REASON && lastReason === RELATIVE_DAY_REASON))
    if (last && joins) {
      merged[merged.length - 1] = {
        ...(last.lang ? { lang: last.lang } : {}),
        start: last.start,
        ...(last.timexStart !== undefined ? { timexStart: last.timexStart } : {}),
        end: span.end,
        confidence: Math.max(last.confidence, span.confidence),
        reason: last.reason === span.reason ? last.reason : `${last.reason}; ${span.reason}`,
      }
    } else {
      merged.push(span)
    }
    lastReason = span.reason
  }
  return merged
}
