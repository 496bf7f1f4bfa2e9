/**
 * Finds date and time expressions in a text, absolute ("on June 22", "Saturday, 11
 * October", "in 2019", "at 15:00") and relative ("yesterday afternoon", "over the weekend",
 * "earlier this month", "hours before"), for the analyst to accept as date suggestions. It
 * only finds them: resolving one against the publication date is another module's job, so
 * a span keeps the words that module needs — the governing preposition ("since June" is
 * not "in June"; "over the weekend" is a range) and the part of the day. Rules are plain
 * regular expressions over the original text, so offsets are exact by construction;
 * month and weekday names must be capitalised, which keeps the modal "may" and the verb
 * "march" out. Durations ("for three hours", "within hours") are not dates and are left alone.
 */

/** One date or time expression found in a text. */
export interface DateSpan {
  start: number
  end: number
  confidence: number
  reason: string
}

const WD = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'
const MONTH_FULL =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December)'
// Abbreviated months only count next to a day or a year ("Oct 2", "Sept 2024").
const MONTH_ABBR = '(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?'
const MON = `(?:${MONTH_FULL}|${MONTH_ABBR})`
const DAY = '(?:3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?(?!\\d)'
const YEAR = '(?:1[89]\\d{2}|20\\d{2})(?!\\d)'
const PART = '(?:morning|afternoon|evening|night|overnight)'
const AMPM = '(?:am|pm|a\\.m\\.|p\\.m\\.)'
const TIME =
  `(?:(?:[01]?\\d|2[0-3]):[0-5]\\d(?:\\s?${AMPM})?|(?:1[0-2]|0?[1-9])(?:[.:][0-5]\\d)?\\s?${AMPM}` +
  `|noon|midday|midnight)(?:\\s(?:GMT|UTC|local time))?`
const NUM =
  '(?:a few|a couple of|several|many|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|\\d+)'
const UNIT = '(?:minutes?|hours?|days?|weeks?|months?|years?)'

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
      `${B}(?:the ${PART} of )?(?:${WEEKDAY}|${DAY_MONTH}|${MONTH_DAY}|${MONTH_YEAR}|${ISO})${E}`,
      'gu',
    ),
    confidence: 0.95,
    reason: CALENDAR_REASON,
  },
  {
    // A bare month or year is a date only when something temporal governs it: "since
    // June", "in 2019", "mid-March"; alone, "May" is a verb and "2019" may be a number.
    re: pattern(
      `${B}(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Tt]hrough|[Dd]uring|[Bb]efore|[Aa]fter|` +
        `[Ee]arly|[Ll]ate|[Ll]ast|[Nn]ext|[Tt]his) |[Mm]id-)(?:the (?:spring|summer|autumn|fall|winter) of )?` +
        `(?:${MONTH_FULL}|${YEAR})${E}`,
      'gu',
    ),
    confidence: 0.85,
    reason: 'month or year after a temporal word',
  },
  {
    re: pattern(`${B}(?:(?:yesterday|today|tomorrow)(?: ${PART})?|tonight)${E}`, 'giu'),
    confidence: 0.9,
    reason: RELATIVE_DAY_REASON,
  },
  {
    re: pattern(
      `${B}(?:(?:earlier|later) (?:today|tonight|this (?:week|month|year|morning|afternoon|evening))` +
        `|(?:(?:early|late|earlier|later) )?(?:this|last|next|past|coming) (?:week|weekend|month|year|` +
        `${PART}|spring|summer|autumn|fall|winter|${WD}))${E}`,
      'giu',
    ),
    confidence: 0.85,
    reason: 'period relative to the report',
  },
  {
    re: pattern(
      `${B}(?:the (?:same|previous|following|next) (?:day|week|month|year|${PART}|weekend)` +
        `|the day (?:before|after)(?: yesterday)?|the night before|that (?:day|week|${PART})` +
        `|the weekend|the (?:coming|past|next|last|previous|following) ` +
        `(?:few |two |three |several )?(?:days|weeks|months|years)` +
        `|the (?:days|weeks|months|years) ahead|recent (?:days|weeks|months))${E}`,
      'giu',
    ),
    confidence: 0.8,
    reason: 'period relative to another event',
  },
  {
    re: pattern(
      `${B}(?:(?:${NUM}) )?${UNIT} (?:ago|earlier|later|before|after|previously|beforehand|afterwards)${E}`,
      'giu',
    ),
    confidence: 0.75,
    reason: OFFSET_REASON,
  },
  {
    re: pattern(`${B}(?:the )?(?:19|20)\\d0s${E}`, 'gu'),
    confidence: 0.8,
    reason: 'decade',
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
  /(?:^|[^\p{L}\p{N}])((?:on|in|at|over|since|until|till|by|during|from|through|throughout|before|after|for)\s(?:(?:about|around|approximately|roughly)\s)?)$/iu
const HEDGE_ONLY = /(?:^|[^\p{L}\p{N}])((?:about|around|approximately|roughly)\s)$/iu
const DURATION_BEFORE =
  /(?:^|[^\p{L}\p{N}])(?:for|lasted|lasting|spent|took)\s(?:(?:almost|about|nearly|around|over|more than|less than|some|just|only)\s)*$/iu
// Words that already carry their own relation to time and take no preposition.
const SELF_GOVERNED = /^(?:in|since|until|till|by|from|through|during|before|after|for|at|on)\s/iu

/** Finds date and time expressions in `text`; spans are sorted and do not overlap. */
export function findDateSpans(text: string): DateSpan[] {
  const found: DateSpan[] = []
  for (const rule of rules) {
    rule.re.lastIndex = 0
    for (const m of text.matchAll(rule.re)) {
      const start = m.index
      // "for almost three hours before marching": a duration, then a sequence.
      if (rule.reason === OFFSET_REASON && DURATION_BEFORE.test(text.slice(0, start))) continue
      found.push({
        start,
        end: start + m[0].length,
        confidence: rule.confidence,
        reason: rule.reason,
      })
    }
  }
  const spans = resolveOverlaps(found).map((span) => withPreposition(text, span))
  return mergeAdjacent(text, resolveOverlaps(spans))
}

function withPreposition(text: string, span: DateSpan): DateSpan {
  if (SELF_GOVERNED.test(text.slice(span.start, span.end))) return span
  // "after yesterday’s call": the preposition governs the noun, not the date.
  if (/^['’]s(?![\p{L}\p{N}])/u.test(text.slice(span.end, span.end + 3))) return span
  const before = text.slice(Math.max(0, span.start - 40), span.start)
  const lead = LEADING.exec(before) ?? HEDGE_ONLY.exec(before)
  if (!lead?.[1] || lead[1].includes('\n')) return span
  return { ...span, start: span.start - lead[1].length }
}

/** Keeps the longest of overlapping spans (then the most confident). */
function resolveOverlaps(spans: DateSpan[]): DateSpan[] {
  const ordered = [...spans].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.confidence - a.confidence,
  )
  const kept: DateSpan[] = []
  for (const span of ordered) {
    if (kept.every((k) => span.end <= k.start || span.start >= k.end)) kept.push(span)
  }
  return kept.sort((a, b) => a.start - b.start)
}

// "Today, at 15:00", "at about 5am on Saturday", "16 October 2025, 08:10" and "yesterday,
// 12 October" are one time each; "on Monday, Tuesday" and "on Monday morning, hours
// before" are two, so only a time of day or a date after a relative day is joined on.
function mergeAdjacent(text: string, spans: DateSpan[]): DateSpan[] {
  const merged: DateSpan[] = []
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
        start: last.start,
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
