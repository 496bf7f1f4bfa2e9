/**
 * Dates in the languages analysts read besides English: Russian, Ukrainian, French, German,
 * Spanish, Arabic and Persian. Each language has a table of rules; a rule is a regular
 * expression over the ORIGINAL text (so offsets are exact) and a reading that turns what it
 * matched into either an English expression for the English resolver ("в понедельник" →
 * "on Monday"), or a Gregorian day or range converted from another calendar (Solar Hijri
 * "۲ تیر ۱۴۰۴" → 2025-06-23; Hijri Umm al-Qura "5 رمضان 1446" → 2025-03-05). Translating into
 * the English resolver's words, rather than using chrono-node's locales, keeps ONE set of news
 * rules for every language (a weekday in a report is the most recent one; chrono's locales take
 * the nearest, which is wrong for news) and the same explanations, in English, with the
 * original words quoted.
 *
 * Rule tables run only where they can apply: Cyrillic rules when the text has Cyrillic,
 * Arabic-script rules when it has Arabic script, and the French, German and Spanish tables
 * when the text has at least three distinct function words of that language — so English
 * text is never read as French "mars". Persian (U+06F0–9) and Arabic-Indic (U+0660–9) digits
 * are read as 0–9 everywhere. The Persian and Arab weekend (Thursday–Friday or
 * Friday–Saturday) differs from the English resolver's Saturday–Sunday, so "آخر هفته" and
 * "نهاية الأسبوع" are not read rather than read wrong. Calendars come from
 * `@internationalized/date` (PersianCalendar, IslamicUmalquraCalendar).
 */
import {
  CalendarDate,
  GregorianCalendar,
  IslamicUmalquraCalendar,
  PersianCalendar,
  toCalendar,
} from '@internationalized/date'
import { addDays, civilOfUtc, isValidZone, wallTime, type Civil } from './calendar'
import type { Tense } from './tense'

/** Languages with date rules of their own (ISO 639-1). */
export type DateLanguage = 'ru' | 'uk' | 'fr' | 'de' | 'es' | 'ar' | 'fa'

/** Language names, for explanations and the README. */
export const DATE_LANGUAGE_NAMES: Record<DateLanguage, string> = {
  ru: 'Russian',
  uk: 'Ukrainian',
  fr: 'French',
  de: 'German',
  es: 'Spanish',
  ar: 'Arabic',
  fa: 'Persian',
}

/** What a rule made of the words it matched. */
export type IntlReading =
  | { english: string }
  /** A Gregorian day (or first…last day, inclusive) converted from another calendar. */
  | { days: [Civil, Civil]; note: string; rule: string; relative?: boolean }
  | { error: string }

/** The publication day and the tense, which a calendar date without a year needs. */
export interface IntlContext {
  /** The publication day in the source's zone. */
  published?: Civil
  tense?: Tense
}

interface Rule {
  lang: DateLanguage
  find: RegExp
  whole: RegExp
  read: (m: RegExpExecArray, ctx: IntlContext) => IntlReading | undefined
  /** Digits only ("12.03.2025"): read by this table only when the language is known. */
  numeric: boolean
}

/** A span found by `findIntlDates`: [start, end) into the text. */
export interface IntlSpan {
  start: number
  end: number
  lang: DateLanguage
  confidence: number
}

/* ----------------------------------------------------------------------------------------- */
/* Building blocks                                                                            */

/** A decimal digit in any of the three digit sets. */
const D = '[0-9\u0660-\u0669\u06F0-\u06F9]'
const DAY = `${D}{1,2}`
const YEAR = `${D}{4}`
const B = '(?<![\\p{L}\\p{N}\\p{M}])'
const E = '(?![\\p{L}\\p{N}\\p{M}])'
/** Persian words are written with a space, a zero-width non-joiner or nothing between parts. */
const ZW = '(?:\\u200c|[^\\S\\n])?'

/** Persian and Arabic-Indic digits as ASCII. */
export function asciiDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (c) => {
    const code = c.charCodeAt(0)
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660)
  })
}

/** Lower case, one space, Arabic tatweel and harakat dropped: how readings compare words. */
function fold(s: string): string {
  return asciiDigits(s)
    .toLowerCase()
    .replace(/\u0640|\p{Mn}/gu, '')
    .replace(/[\s\u200c]+/g, ' ')
    .replace(/[’ʼ`]/g, "'")
    .trim()
}

type Table = readonly (readonly [string, string])[]

/** The alternation of a table's patterns. */
const alt = (table: Table) => `(?:${table.map(([p]) => p).join('|')})`

/** The English word of the first table entry whose pattern matches all of `word`. */
function pick(table: Table, word: string | undefined): string | undefined {
  if (word === undefined) return undefined
  const w = fold(word)
  for (const [p, english] of table) if (new RegExp(`^(?:${p})$`, 'iu').test(w)) return english
  return undefined
}

const num = (s: string) => Number(asciiDigits(s))

/**
 * Builds a rule; each space in `source` accepts any run of spaces on one line, and " ?" any
 * run or none.
 */
function rule(lang: DateLanguage, source: string, read: Rule['read'], flags = 'iu'): Rule {
  const body = source.replace(/ \?/g, '[^\\S\\n]*').replace(/ /g, '[^\\S\\n]+')
  return {
    lang,
    find: new RegExp(`${B}(?:${body})${E}`, `g${flags}`),
    whole: new RegExp(`^(?:${body})$`, flags),
    read,
    numeric: false,
  }
}

/** A rule over digits only (see `readIntl`). */
function numericRule(lang: DateLanguage, source: string, read: Rule['read']): Rule {
  return { ...rule(lang, source, read), numeric: true }
}

/** "Monday" + modifier + part of the day as the English resolver reads it. */
function weekdayEnglish(
  wd: string,
  which: 'last' | 'next' | 'this' | undefined,
  part?: string,
): string {
  const day = which ? `${which} ${wd}` : `on ${wd}`
  return part ? `${which ? day : wd} ${part}` : day
}

function relativeDayEnglish(day: string, part: string | undefined): string {
  if (!part) return day
  if (day === 'today') return part === 'night' ? 'tonight' : `this ${part}`
  return `${day} ${part}`
}

/** A count word or digits as the English resolver's count. */
function countEnglish(table: Table, word: string | undefined, fallback = 'a'): string {
  if (word === undefined || word === '') return fallback
  if (/^\d+$/.test(asciiDigits(word))) return asciiDigits(word)
  return pick(table, word) ?? fallback
}

function agoEnglish(count: string, unit: string): string {
  const plural = count === 'a' || count === 'one' || count === '1' ? unit : `${unit}s`
  return `${count} ${plural} ago`
}

/** A numeric day-month-year as an ISO date the English resolver reads without a doubt. */
function isoDay(y: number, m: number, d: number): IntlReading {
  if (m < 1 || m > 12 || d < 1 || d > 31) return { error: 'not a valid date' }
  return { english: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` }
}

function dayMonthYear(month: string | undefined, day: string, year: string | undefined): string {
  return year ? `${month} ${num(day)}, ${num(year)}` : `on ${month} ${num(day)}`
}

function thirdEnglish(which: string): string {
  return which === 'early' ? 'early' : which === 'mid' ? 'mid' : 'late'
}

/* ----------------------------------------------------------------------------------------- */
/* Russian                                                                                    */

const RU_WD: Table = [
  ['понедельник\\p{L}*', 'Monday'],
  ['вторник\\p{L}*', 'Tuesday'],
  ['сред[аеуы]', 'Wednesday'],
  ['четверг\\p{L}*', 'Thursday'],
  ['пятниц[аеуы]', 'Friday'],
  ['суббот[аеуы]', 'Saturday'],
  ['воскресень[еяю]', 'Sunday'],
]
const RU_MONTH_GEN: Table = [
  ['января', 'January'],
  ['февраля', 'February'],
  ['марта', 'March'],
  ['апреля', 'April'],
  ['мая', 'May'],
  ['июня', 'June'],
  ['июля', 'July'],
  ['августа', 'August'],
  ['сентября', 'September'],
  ['октября', 'October'],
  ['ноября', 'November'],
  ['декабря', 'December'],
]
const RU_MONTH_LOC: Table = [
  ['январе', 'January'],
  ['феврале', 'February'],
  ['марте', 'March'],
  ['апреле', 'April'],
  ['мае', 'May'],
  ['июне', 'June'],
  ['июле', 'July'],
  ['августе', 'August'],
  ['сентябре', 'September'],
  ['октябре', 'October'],
  ['ноябре', 'November'],
  ['декабре', 'December'],
]
const RU_PART: Table = [
  ['утром', 'morning'],
  ['дн[её]м', 'afternoon'],
  ['вечером', 'evening'],
  ['ночью', 'night'],
]
const RU_WHICH: Table = [
  ['прошл\\p{L}*|минувш\\p{L}*', 'last'],
  ['следующ\\p{L}*|ближайш\\p{L}*|будущ\\p{L}*', 'next'],
  ['эт\\p{L}*', 'this'],
]
const RU_COUNT: Table = [
  ['один|одну|одна|одного', 'one'],
  ['два|две|двух', 'two'],
  ['три|трех|трёх', 'three'],
  ['четыре', 'four'],
  ['пять', 'five'],
  ['шесть', 'six'],
  ['семь', 'seven'],
  ['восемь', 'eight'],
  ['девять', 'nine'],
  ['десять', 'ten'],
  ['несколько|пару|пара', 'a few'],
]
const RU_UNIT: Table = [
  ['день|дня|дней', 'day'],
  ['неделю|недели|недель', 'week'],
  ['месяц|месяца|месяцев', 'month'],
  ['год|года|лет', 'year'],
]
const RU_DAYS: Table = [
  ['позавчера', 'the day before yesterday'],
  ['послезавтра', 'the day after tomorrow'],
  ['вчера', 'yesterday'],
  ['сегодня', 'today'],
  ['завтра', 'tomorrow'],
]
const RU_YEAR_WORD = '(?: (?:года|году|г\\.?))?'

const ru: Rule[] = [
  rule('ru', `(?:в|во) (?:(${alt(RU_WHICH)}) )?(${alt(RU_WD)})(?: (${alt(RU_PART)}))?`, (m) => {
    const wd = pick(RU_WD, m[2])!
    return { english: weekdayEnglish(wd, pick(RU_WHICH, m[1]) as never, pick(RU_PART, m[3])) }
  }),
  rule('ru', `(${alt(RU_PART)}) в (${alt(RU_WD)})`, (m) => ({
    english: weekdayEnglish(pick(RU_WD, m[2])!, undefined, pick(RU_PART, m[1])),
  })),
  rule('ru', `(${alt(RU_DAYS)})(?: (${alt(RU_PART)}))?`, (m) => ({
    english: relativeDayEnglish(pick(RU_DAYS, m[1])!, pick(RU_PART, m[2])),
  })),
  rule('ru', `(?:минувшей|прошлой|этой) ночью`, () => ({ english: 'last night' })),
  rule('ru', `(?:на )?(${alt(RU_WHICH)}) неделе`, (m) => ({
    english: `${pick(RU_WHICH, m[1])} week`,
  })),
  rule('ru', `в (${alt(RU_WHICH)}) (месяце|году)`, (m) => ({
    english: `${pick(RU_WHICH, m[1])} ${/месяц/i.test(m[2]!) ? 'month' : 'year'}`,
  })),
  rule('ru', `(?:в|на) (?:(${alt(RU_WHICH)}) )?выходн(?:ые|ых)`, (m) => {
    const which = pick(RU_WHICH, m[1])
    return { english: which ? `${which} weekend` : 'over the weekend' }
  }),
  rule('ru', `(?:(${D}+|${alt(RU_COUNT)}) )?(${alt(RU_UNIT)}) (?:назад|тому назад)`, (m) => ({
    english: agoEnglish(countEnglish(RU_COUNT, m[1]), pick(RU_UNIT, m[2])!),
  })),
  rule('ru', `(${DAY}) (${alt(RU_MONTH_GEN)})(?: (${YEAR})${RU_YEAR_WORD})?`, (m) => ({
    english: dayMonthYear(pick(RU_MONTH_GEN, m[2]), m[1]!, m[3]),
  })),
  rule('ru', `в (${alt(RU_MONTH_LOC)})(?: (${YEAR})${RU_YEAR_WORD})?`, (m) => ({
    english: `in ${pick(RU_MONTH_LOC, m[1])}${m[2] ? ` ${num(m[2])}` : ''}`,
  })),
  rule(
    'ru',
    `(?:в )?(начале|середине|конце) (${alt(RU_MONTH_GEN)})(?: (${YEAR})${RU_YEAR_WORD})?`,
    (m) => {
      const t = /нача/i.test(m[1]!) ? 'early' : /серед/i.test(m[1]!) ? 'mid' : 'late'
      return {
        english: `${thirdEnglish(t)} ${pick(RU_MONTH_GEN, m[2])}${m[3] ? ` ${num(m[3])}` : ''}`,
      }
    },
  ),
  rule('ru', `в (${YEAR}) (?:году|г\\.?)`, (m) => ({ english: `in ${num(m[1]!)}` })),
  numericRule('ru', `(${DAY})\\.(${D}{1,2})\\.(${YEAR})`, (m) =>
    isoDay(num(m[3]!), num(m[2]!), num(m[1]!)),
  ),
]

/* ----------------------------------------------------------------------------------------- */
/* Ukrainian                                                                                  */

const UK_WD: Table = [
  ['понеділ\\p{L}*', 'Monday'],
  ['вівтор\\p{L}*', 'Tuesday'],
  ['серед[аиу]', 'Wednesday'],
  ['четвер\\p{L}*', 'Thursday'],
  ["п['’ʼ]?ятниц[яюіи]", 'Friday'],
  ['субот[аиу]', 'Saturday'],
  ['неділ[яюі]', 'Sunday'],
]
const UK_MONTH_GEN: Table = [
  ['січня', 'January'],
  ['лютого', 'February'],
  ['березня', 'March'],
  ['квітня', 'April'],
  ['травня', 'May'],
  ['червня', 'June'],
  ['липня', 'July'],
  ['серпня', 'August'],
  ['вересня', 'September'],
  ['жовтня', 'October'],
  ['листопада', 'November'],
  ['грудня', 'December'],
]
const UK_MONTH_LOC: Table = [
  ['січні', 'January'],
  ['лютому', 'February'],
  ['березні', 'March'],
  ['квітні', 'April'],
  ['травні', 'May'],
  ['червні', 'June'],
  ['липні', 'July'],
  ['серпні', 'August'],
  ['вересні', 'September'],
  ['жовтні', 'October'],
  ['листопаді', 'November'],
  ['грудні', 'December'],
]
const UK_PART: Table = [
  ['вранці|зранку|уранці', 'morning'],
  ['вдень|удень', 'afternoon'],
  ['ввечері|увечері|увечорі', 'evening'],
  ['вночі|уночі', 'night'],
]
const UK_WHICH: Table = [
  ['минул\\p{L}*', 'last'],
  ['наступн\\p{L}*', 'next'],
  ['ц\\p{L}*', 'this'],
]
const UK_COUNT: Table = [
  ['один|одну|одна', 'one'],
  ['два|дві', 'two'],
  ['три', 'three'],
  ['чотири', 'four'],
  ["п['’ʼ]?ять", 'five'],
  ['шість', 'six'],
  ['сім', 'seven'],
  ['вісім', 'eight'],
  ["дев['’ʼ]?ять", 'nine'],
  ['десять', 'ten'],
  ['кілька|декілька|пару', 'a few'],
]
const UK_UNIT: Table = [
  ['день|дні|днів|дня', 'day'],
  ['тиждень|тижні|тижнів|тижня', 'week'],
  ['місяць|місяці|місяців|місяця', 'month'],
  ['рік|роки|років|року', 'year'],
]
const UK_DAYS: Table = [
  ['позавчора', 'the day before yesterday'],
  ['післязавтра', 'the day after tomorrow'],
  ['вчора|учора', 'yesterday'],
  ['сьогодні', 'today'],
  ['завтра', 'tomorrow'],
]
const UK_WD_GEN: Table = [
  ['понеділка', 'Monday'],
  ['вівторка', 'Tuesday'],
  ['середи', 'Wednesday'],
  ['четверга', 'Thursday'],
  ["п['’ʼ]?ятниці", 'Friday'],
  ['суботи', 'Saturday'],
  ['неділі', 'Sunday'],
]
const UK_YEAR_WORD = '(?: (?:року|році|р\\.?))?'

const uk: Rule[] = [
  rule('uk', `(?:у|в) (?:(${alt(UK_WHICH)}) )?(${alt(UK_WD)})(?: (${alt(UK_PART)}))?`, (m) => ({
    english: weekdayEnglish(pick(UK_WD, m[2])!, pick(UK_WHICH, m[1]) as never, pick(UK_PART, m[3])),
  })),
  rule('uk', `(минулого|наступного) (${alt(UK_WD_GEN)})`, (m) => ({
    english: weekdayEnglish(pick(UK_WD_GEN, m[2])!, pick(UK_WHICH, m[1]) as never),
  })),
  rule('uk', `(${alt(UK_DAYS)})(?: (${alt(UK_PART)}))?`, (m) => ({
    english: relativeDayEnglish(pick(UK_DAYS, m[1])!, pick(UK_PART, m[2])),
  })),
  rule('uk', `минулої ночі`, () => ({ english: 'last night' })),
  rule('uk', `(минулого|цього|наступного) (тижня|місяця|року)`, (m) => ({
    english: `${pick(UK_WHICH, m[1])} ${pick(UK_UNIT, m[2])}`,
  })),
  rule('uk', `(?:на|у|в) (минулому|цьому|наступному) (тижні|місяці|році)`, (m) => ({
    english: `${pick(UK_WHICH, m[1])} ${/тиж/i.test(m[2]!) ? 'week' : /міс/i.test(m[2]!) ? 'month' : 'year'}`,
  })),
  rule('uk', `(?:у|в|на) (?:(${alt(UK_WHICH)}) )?вихідн(?:і|их)`, (m) => {
    const which = pick(UK_WHICH, m[1])
    return { english: which ? `${which} weekend` : 'over the weekend' }
  }),
  rule('uk', `(?:(${D}+|${alt(UK_COUNT)}) )?(${alt(UK_UNIT)}) тому`, (m) => ({
    english: agoEnglish(countEnglish(UK_COUNT, m[1]), pick(UK_UNIT, m[2])!),
  })),
  rule('uk', `(${DAY}) (${alt(UK_MONTH_GEN)})(?: (${YEAR})${UK_YEAR_WORD})?`, (m) => ({
    english: dayMonthYear(pick(UK_MONTH_GEN, m[2]), m[1]!, m[3]),
  })),
  rule('uk', `(?:у|в) (${alt(UK_MONTH_LOC)})(?: (${YEAR})${UK_YEAR_WORD})?`, (m) => ({
    english: `in ${pick(UK_MONTH_LOC, m[1])}${m[2] ? ` ${num(m[2])}` : ''}`,
  })),
  rule(
    'uk',
    `(на початку|в середині|у середині|наприкінці|в кінці|у кінці) (${alt(UK_MONTH_GEN)})(?: (${YEAR})${UK_YEAR_WORD})?`,
    (m) => {
      const t = /поч/i.test(m[1]!) ? 'early' : /серед/i.test(m[1]!) ? 'mid' : 'late'
      return { english: `${t} ${pick(UK_MONTH_GEN, m[2])}${m[3] ? ` ${num(m[3])}` : ''}` }
    },
  ),
  rule('uk', `(?:у|в) (${YEAR}) (?:році|р\\.?)`, (m) => ({ english: `in ${num(m[1]!)}` })),
  numericRule('uk', `(${DAY})\\.(${D}{1,2})\\.(${YEAR})`, (m) =>
    isoDay(num(m[3]!), num(m[2]!), num(m[1]!)),
  ),
]

/* ----------------------------------------------------------------------------------------- */
/* French                                                                                     */

const FR_WD: Table = [
  ['lundi', 'Monday'],
  ['mardi', 'Tuesday'],
  ['mercredi', 'Wednesday'],
  ['jeudi', 'Thursday'],
  ['vendredi', 'Friday'],
  ['samedi', 'Saturday'],
  ['dimanche', 'Sunday'],
]
const FR_MONTH: Table = [
  ['janvier', 'January'],
  ['février|fevrier', 'February'],
  ['mars', 'March'],
  ['avril', 'April'],
  ['mai', 'May'],
  ['juin', 'June'],
  ['juillet', 'July'],
  ['août|aout', 'August'],
  ['septembre', 'September'],
  ['octobre', 'October'],
  ['novembre', 'November'],
  ['décembre|decembre', 'December'],
]
const FR_PART: Table = [
  ['matin', 'morning'],
  ['après-midi|apres-midi|midi', 'afternoon'],
  ['soir|soirée', 'evening'],
  ['nuit', 'night'],
]
const FR_WHICH: Table = [
  ['dernier|dernière|passé|passée', 'last'],
  ['prochain|prochaine', 'next'],
]
const FR_COUNT: Table = [
  ['un|une', 'a'],
  ['deux', 'two'],
  ['trois', 'three'],
  ['quatre', 'four'],
  ['cinq', 'five'],
  ['six', 'six'],
  ['sept', 'seven'],
  ['huit', 'eight'],
  ['neuf', 'nine'],
  ['dix', 'ten'],
  ['quelques', 'a few'],
]
const FR_UNIT: Table = [
  ['jours?', 'day'],
  ['semaines?', 'week'],
  ['mois', 'month'],
  ['ans|an|années?', 'year'],
]
const FR_DAYS: Table = [
  ['avant-hier', 'the day before yesterday'],
  ['après-demain|apres-demain', 'the day after tomorrow'],
  ['hier', 'yesterday'],
  ["aujourd'hui", 'today'],
  ['demain', 'tomorrow'],
]
const APOS = "['’]"

const fr: Rule[] = [
  rule(
    'fr',
    `(?:(?:ce|le) )?(${alt(FR_WD)})(?: (${alt(FR_WHICH)}))?(?: (${alt(FR_PART)}))?`,
    (m) => ({
      english: weekdayEnglish(
        pick(FR_WD, m[1])!,
        pick(FR_WHICH, m[2]) as never,
        pick(FR_PART, m[3]),
      ),
    }),
  ),
  rule(
    'fr',
    `(avant-hier|après-demain|apres-demain|hier|aujourd${APOS}hui|demain)(?: (${alt(FR_PART)}))?`,
    (m) => ({
      english: relativeDayEnglish(pick(FR_DAYS, m[1])!, pick(FR_PART, m[2])),
    }),
  ),
  rule('fr', `ce (matin|soir|midi|après-midi)`, (m) => ({
    english: relativeDayEnglish('today', pick(FR_PART, m[1])),
  })),
  rule('fr', `(?:la nuit dernière|cette nuit)`, () => ({ english: 'last night' })),
  rule('fr', `la semaine (${alt(FR_WHICH)})|cette (semaine)`, (m) => ({
    english: m[1] ? `${pick(FR_WHICH, m[1])} week` : 'this week',
  })),
  rule('fr', `le mois (${alt(FR_WHICH)})|ce (mois)(?:-ci)?`, (m) => ({
    english: m[1] ? `${pick(FR_WHICH, m[1])} month` : 'this month',
  })),
  rule('fr', `l${APOS}(?:année|an) (${alt(FR_WHICH)})|cette (année)`, (m) => ({
    english: m[1] ? `${pick(FR_WHICH, m[1])} year` : 'this year',
  })),
  rule('fr', `(?:le|ce) week-end(?: (${alt(FR_WHICH)}))?`, (m) => ({
    english: m[1] ? `${pick(FR_WHICH, m[1])} weekend` : 'over the weekend',
  })),
  rule('fr', `il y a (?:(${D}+|${alt(FR_COUNT)}) )?(${alt(FR_UNIT)})`, (m) => ({
    english: agoEnglish(countEnglish(FR_COUNT, m[1]), pick(FR_UNIT, m[2])!),
  })),
  rule('fr', `(?:le )?(${DAY}|1er) (${alt(FR_MONTH)})(?: (${YEAR}))?`, (m) => ({
    english: dayMonthYear(pick(FR_MONTH, m[2]), m[1]!.replace(/er$/i, ''), m[3]),
  })),
  rule('fr', `en (${alt(FR_MONTH)})(?: (${YEAR}))?`, (m) => ({
    english: `in ${pick(FR_MONTH, m[1])}${m[2] ? ` ${num(m[2])}` : ''}`,
  })),
  rule('fr', `(début|mi-|fin) ?(?:de |d${APOS})?(${alt(FR_MONTH)})(?: (${YEAR}))?`, (m) => {
    const t = /déb|deb/i.test(m[1]!) ? 'early' : /mi/i.test(m[1]!) ? 'mid' : 'late'
    return { english: `${t} ${pick(FR_MONTH, m[2])}${m[3] ? ` ${num(m[3])}` : ''}` }
  }),
  rule('fr', `en (${YEAR})`, (m) => ({ english: `in ${num(m[1]!)}` })),
  numericRule('fr', `(${DAY})[/.](${D}{1,2})[/.](${YEAR})`, (m) =>
    isoDay(num(m[3]!), num(m[2]!), num(m[1]!)),
  ),
]

/* ----------------------------------------------------------------------------------------- */
/* German                                                                                     */

const DE_WD: Table = [
  ['montag', 'Monday'],
  ['dienstag', 'Tuesday'],
  ['mittwoch', 'Wednesday'],
  ['donnerstag', 'Thursday'],
  ['freitag', 'Friday'],
  ['samstag|sonnabend', 'Saturday'],
  ['sonntag', 'Sunday'],
]
const DE_MONTH: Table = [
  ['januar|jänner', 'January'],
  ['februar', 'February'],
  ['märz|maerz', 'March'],
  ['april', 'April'],
  ['mai', 'May'],
  ['juni', 'June'],
  ['juli', 'July'],
  ['august', 'August'],
  ['september', 'September'],
  ['oktober', 'October'],
  ['november', 'November'],
  ['dezember', 'December'],
]
const DE_PART: Table = [
  ['morgen|früh|vormittag', 'morning'],
  ['mittag|nachmittag', 'afternoon'],
  ['abend', 'evening'],
  ['nacht', 'night'],
]
const DE_WHICH: Table = [
  ['letzte[nmsr]?|vergangene[nmsr]?|vorige[nmsr]?', 'last'],
  ['nächste[nmsr]?|kommende[nmsr]?', 'next'],
  ['diese[nmsr]?', 'this'],
]
const DE_COUNT: Table = [
  ['einem|einer|ein|eine', 'a'],
  ['zwei', 'two'],
  ['drei', 'three'],
  ['vier', 'four'],
  ['fünf', 'five'],
  ['sechs', 'six'],
  ['sieben', 'seven'],
  ['acht', 'eight'],
  ['neun', 'nine'],
  ['zehn', 'ten'],
  ['wenigen|einigen|ein paar', 'a few'],
]
const DE_UNIT: Table = [
  ['tag|tagen', 'day'],
  ['woche|wochen', 'week'],
  ['monat|monaten', 'month'],
  ['jahr|jahren', 'year'],
]
const DE_DAYS: Table = [
  ['vorgestern', 'the day before yesterday'],
  ['übermorgen', 'the day after tomorrow'],
  ['gestern', 'yesterday'],
  ['heute', 'today'],
]

const de: Rule[] = [
  rule('de', `(?:am )?(?:(${alt(DE_WHICH)}) )?(${alt(DE_WD)}) ?(${alt(DE_PART)})?`, (m) => ({
    english: weekdayEnglish(pick(DE_WD, m[2])!, pick(DE_WHICH, m[1]) as never, pick(DE_PART, m[3])),
  })),
  rule('de', `(${alt(DE_DAYS)})(?: (${alt(DE_PART)}))?`, (m) => ({
    english: relativeDayEnglish(pick(DE_DAYS, m[1])!, pick(DE_PART, m[2])),
  })),
  // Only a lower-case "morgen" is tomorrow; "Morgen" is the morning.
  rule('de', `morgen`, () => ({ english: 'tomorrow' }), 'u'),
  rule('de', `(?:in der )?(${alt(DE_WHICH)}) (woche|monat|jahr)`, (m) => ({
    english: `${pick(DE_WHICH, m[1])} ${pick(DE_UNIT, m[2])}`,
  })),
  rule('de', `(?:im|in diesem) (?:(${alt(DE_WHICH)}) )?(monat|jahr)`, (m) => ({
    english: `${pick(DE_WHICH, m[1]) ?? 'this'} ${pick(DE_UNIT, m[2])}`,
  })),
  rule('de', `(?:am|über das) (?:(${alt(DE_WHICH)}) )?wochenende`, (m) => {
    const which = pick(DE_WHICH, m[1])
    return { english: which ? `${which} weekend` : 'over the weekend' }
  }),
  rule('de', `vor (?:(${D}+|${alt(DE_COUNT)}) )?(${alt(DE_UNIT)})`, (m) => ({
    english: agoEnglish(countEnglish(DE_COUNT, m[1]), pick(DE_UNIT, m[2])!),
  })),
  rule('de', `(?:am )?(${DAY})\\. ?(${alt(DE_MONTH)})(?: (${YEAR}))?`, (m) => ({
    english: dayMonthYear(pick(DE_MONTH, m[2]), m[1]!, m[3]),
  })),
  rule('de', `im (${alt(DE_MONTH)})(?: (${YEAR}))?`, (m) => ({
    english: `in ${pick(DE_MONTH, m[1])}${m[2] ? ` ${num(m[2])}` : ''}`,
  })),
  rule('de', `(anfang|mitte|ende) (${alt(DE_MONTH)})(?: (${YEAR}))?`, (m) => {
    const t = /anf/i.test(m[1]!) ? 'early' : /mit/i.test(m[1]!) ? 'mid' : 'late'
    return { english: `${t} ${pick(DE_MONTH, m[2])}${m[3] ? ` ${num(m[3])}` : ''}` }
  }),
  rule('de', `im jahre? (${YEAR})`, (m) => ({ english: `in ${num(m[1]!)}` })),
  numericRule('de', `(${DAY})\\.(${D}{1,2})\\.(${YEAR})`, (m) =>
    isoDay(num(m[3]!), num(m[2]!), num(m[1]!)),
  ),
]

/* ----------------------------------------------------------------------------------------- */
/* Spanish                                                                                    */

const ES_WD: Table = [
  ['lunes', 'Monday'],
  ['martes', 'Tuesday'],
  ['miércoles|miercoles', 'Wednesday'],
  ['jueves', 'Thursday'],
  ['viernes', 'Friday'],
  ['sábado|sabado', 'Saturday'],
  ['domingo', 'Sunday'],
]
const ES_MONTH: Table = [
  ['enero', 'January'],
  ['febrero', 'February'],
  ['marzo', 'March'],
  ['abril', 'April'],
  ['mayo', 'May'],
  ['junio', 'June'],
  ['julio', 'July'],
  ['agosto', 'August'],
  ['septiembre|setiembre', 'September'],
  ['octubre', 'October'],
  ['noviembre', 'November'],
  ['diciembre', 'December'],
]
const ES_PART: Table = [
  ['mañana', 'morning'],
  ['tarde', 'afternoon'],
  ['noche', 'evening'],
]
const ES_WHICH: Table = [
  ['pasado|pasada', 'last'],
  ['próximo|próxima|proximo|proxima|que viene', 'next'],
  ['este|esta', 'this'],
]
const ES_COUNT: Table = [
  ['un|una|uno', 'a'],
  ['dos', 'two'],
  ['tres', 'three'],
  ['cuatro', 'four'],
  ['cinco', 'five'],
  ['seis', 'six'],
  ['siete', 'seven'],
  ['ocho', 'eight'],
  ['nueve', 'nine'],
  ['diez', 'ten'],
  ['unos|unas|varios|varias|algunos|algunas|pocos|pocas', 'a few'],
]
const ES_UNIT: Table = [
  ['días?|dias?', 'day'],
  ['semanas?', 'week'],
  ['mes|meses', 'month'],
  ['años?|anos?', 'year'],
]
const ES_WHEN = '(?:pasado|pasada|próximo|próxima|proximo|proxima)'

const es: Rule[] = [
  rule(
    'es',
    `(?:(?:el|este) )?(?:(${ES_WHEN}) )?(${alt(ES_WD)})(?: (${ES_WHEN}|que viene))?(?: (?:por la|en la|a la) (${alt(ES_PART)}))?`,
    (m) => ({
      english: weekdayEnglish(
        pick(ES_WD, m[2])!,
        (pick(ES_WHICH, m[1]) ?? pick(ES_WHICH, m[3])) as never,
        pick(ES_PART, m[4]),
      ),
    }),
  ),
  rule('es', `(anteayer|antier|antes de ayer)`, () => ({ english: 'the day before yesterday' })),
  rule('es', `pasado mañana`, () => ({ english: 'the day after tomorrow' })),
  rule('es', `(ayer|hoy)(?: (?:por la|en la|a la) (${alt(ES_PART)}))?`, (m) => ({
    english: relativeDayEnglish(/ayer/i.test(m[1]!) ? 'yesterday' : 'today', pick(ES_PART, m[2])),
  })),
  rule('es', `anoche`, () => ({ english: 'last night' })),
  rule('es', `esta (mañana|tarde|noche)`, (m) => ({
    english: relativeDayEnglish('today', pick(ES_PART, m[1])),
  })),
  // "mañana" is tomorrow, except as "la mañana" (the morning).
  rule('es', `(?<!(?:la|esta|de la|por la|en la) )mañana`, () => ({ english: 'tomorrow' })),
  rule('es', `la (?:(${ES_WHEN}) )?semana(?: (${ES_WHEN}|que viene))?|esta (semana)`, (m) => {
    const which = pick(ES_WHICH, m[1]) ?? pick(ES_WHICH, m[2]) ?? (m[3] ? 'this' : undefined)
    return which ? { english: `${which} week` } : undefined
  }),
  rule('es', `(?:el|este) (?:(${ES_WHEN}) )?(mes|año)(?: (${ES_WHEN}|que viene))?`, (m) => {
    const which =
      pick(ES_WHICH, m[1]) ?? pick(ES_WHICH, m[3]) ?? (/^este/i.test(m[0]) ? 'this' : undefined)
    return which ? { english: `${which} ${pick(ES_UNIT, m[2])}` } : undefined
  }),
  rule('es', `(?:el|este) fin de semana(?: (${ES_WHEN}|que viene))?`, (m) => {
    const which = pick(ES_WHICH, m[1])
    return { english: which ? `${which} weekend` : 'over the weekend' }
  }),
  rule('es', `hace (?:(${D}+|${alt(ES_COUNT)}) )?(${alt(ES_UNIT)})`, (m) => ({
    english: agoEnglish(countEnglish(ES_COUNT, m[1]), pick(ES_UNIT, m[2])!),
  })),
  rule('es', `(?:el )?(${DAY}) de (${alt(ES_MONTH)})(?: del? (${YEAR}))?`, (m) => ({
    english: dayMonthYear(pick(ES_MONTH, m[2]), m[1]!, m[3]),
  })),
  rule('es', `en (${alt(ES_MONTH)})(?: de (${YEAR}))?`, (m) => ({
    english: `in ${pick(ES_MONTH, m[1])}${m[2] ? ` ${num(m[2])}` : ''}`,
  })),
  rule(
    'es',
    `a (principios|mediados|finales|fines) de (${alt(ES_MONTH)})(?: de (${YEAR}))?`,
    (m) => {
      const t = /princ/i.test(m[1]!) ? 'early' : /med/i.test(m[1]!) ? 'mid' : 'late'
      return { english: `${t} ${pick(ES_MONTH, m[2])}${m[3] ? ` ${num(m[3])}` : ''}` }
    },
  ),
  rule('es', `en (?:el año )?(${YEAR})`, (m) => ({ english: `in ${num(m[1]!)}` })),
  numericRule('es', `(${DAY})[/.](${D}{1,2})[/.](${YEAR})`, (m) =>
    isoDay(num(m[3]!), num(m[2]!), num(m[1]!)),
  ),
]

/* ----------------------------------------------------------------------------------------- */
/* Arabic                                                                                     */

const AR_WD: Table = [
  ['الأحد|الاحد', 'Sunday'],
  ['الاثنين|الإثنين|الأثنين', 'Monday'],
  ['الثلاثاء', 'Tuesday'],
  ['الأربعاء|الاربعاء', 'Wednesday'],
  ['الخميس', 'Thursday'],
  ['الجمعة|الجمعه', 'Friday'],
  ['السبت', 'Saturday'],
]
const AR_MONTH: Table = [
  ['يناير|كانون الثاني', 'January'],
  ['فبراير|شباط', 'February'],
  ['مارس|آذار|اذار', 'March'],
  ['أبريل|ابريل|إبريل|نيسان', 'April'],
  ['مايو|أيار|ايار', 'May'],
  ['يونيو|يونيه|حزيران', 'June'],
  ['يوليو|يوليه|تموز', 'July'],
  ['أغسطس|اغسطس|آب', 'August'],
  ['سبتمبر|أيلول|ايلول', 'September'],
  ['أكتوبر|اكتوبر|تشرين الأول|تشرين الاول', 'October'],
  ['نوفمبر|تشرين الثاني', 'November'],
  ['ديسمبر|كانون الأول|كانون الاول', 'December'],
]
const HIJRI_MONTH: Table = [
  ['محرم', '1'],
  ['صفر', '2'],
  ['ربيع الأول|ربيع الاول', '3'],
  ['ربيع الآخر|ربيع الاخر|ربيع الثاني', '4'],
  ['جمادى الأولى|جمادى الاولى|جمادى الأول', '5'],
  ['جمادى الآخرة|جمادى الاخرة|جمادى الثانية', '6'],
  ['رجب', '7'],
  ['شعبان', '8'],
  ['رمضان', '9'],
  ['شوال', '10'],
  ['ذو القعدة|ذي القعدة', '11'],
  ['ذو الحجة|ذي الحجة', '12'],
]
const HIJRI_NAMES = [
  'Muharram',
  'Safar',
  'Rabi al-Awwal',
  'Rabi al-Thani',
  'Jumada al-Ula',
  'Jumada al-Akhira',
  'Rajab',
  "Sha'ban",
  'Ramadan',
  'Shawwal',
  "Dhu al-Qa'da",
  'Dhu al-Hijja',
]
const AR_PART: Table = [
  ['صباح|فجر|صباحا|صباحاً', 'morning'],
  ['ظهر|عصر|ظهرا|ظهراً|عصرا|عصراً', 'afternoon'],
  ['مساء|مساءً|مساءا', 'evening'],
  ['ليلة|ليل|ليلا|ليلاً', 'night'],
]
const AR_WHICH: Table = [
  ['الماضي|الماضية|المنصرم|المنصرمة|الفائت|الفائتة|السابق|السابقة', 'last'],
  ['المقبل|المقبلة|القادم|القادمة', 'next'],
  ['الحالي|الحالية|الجاري|الجارية', 'this'],
]
const AR_COUNT: Table = [
  ['ثلاثة|ثلاث', 'three'],
  ['أربعة|أربع|اربعة|اربع', 'four'],
  ['خمسة|خمس', 'five'],
  ['ستة|ست', 'six'],
  ['سبعة|سبع', 'seven'],
  ['ثمانية|ثماني', 'eight'],
  ['تسعة|تسع', 'nine'],
  ['عشرة|عشر', 'ten'],
  ['بضعة|بضع|عدة', 'a few'],
]
const AR_UNIT_ONE: Table = [
  ['يوم', 'day'],
  ['أسبوع|اسبوع', 'week'],
  ['شهر', 'month'],
  ['عام|سنة', 'year'],
]
const AR_UNIT_TWO: Table = [
  ['يومين', 'day'],
  ['أسبوعين|اسبوعين', 'week'],
  ['شهرين', 'month'],
  ['عامين|سنتين', 'year'],
]
const AR_UNIT_MANY: Table = [
  ['أيام|ايام', 'day'],
  ['أسابيع|اسابيع', 'week'],
  ['أشهر|اشهر|شهور', 'month'],
  ['أعوام|اعوام|سنوات|سنين', 'year'],
]
const AR_DAYS: Table = [
  ['أول من أمس|أول أمس|اول امس|اول من امس', 'the day before yesterday'],
  ['بعد غد', 'the day after tomorrow'],
  ['أمس|الأمس|امس|البارحة', 'yesterday'],
  ['اليوم', 'today'],
  ['غدا|غداً|غدًا', 'tomorrow'],
]
const AR_YEAR_SUFFIX = '(?: ?(?:م|ميلادي|ميلادية))?'
const HIJRI_SUFFIX = ' ?(?:هـ|ه|هجري|هجرية|للهجرة)'

const ar: Rule[] = [
  rule(
    'ar',
    `(?:(يوم|${alt(AR_PART)}) )?(?:يوم )?(${alt(AR_WD)})(?: (${alt(AR_WHICH)}))?`,
    (m) => ({
      english: weekdayEnglish(
        pick(AR_WD, m[2])!,
        pick(AR_WHICH, m[3]) as never,
        pick(AR_PART, m[1]),
      ),
    }),
  ),
  rule('ar', `(?:(${alt(AR_PART)}) )?(${alt(AR_DAYS)})(?: (${alt(AR_PART)}))?`, (m) => ({
    english: relativeDayEnglish(pick(AR_DAYS, m[2])!, pick(AR_PART, m[1] ?? m[3])),
  })),
  rule('ar', `الليلة الماضية`, () => ({ english: 'last night' })),
  rule('ar', `(?:هذا|هذه) (الأسبوع|الاسبوع|الشهر|العام|السنة)`, (m) => ({
    english: `this ${/سبوع/.test(m[1]!) ? 'week' : /شهر/.test(m[1]!) ? 'month' : 'year'}`,
  })),
  rule('ar', `(الأسبوع|الاسبوع|الشهر|العام|السنة) (${alt(AR_WHICH)})`, (m) => ({
    english: `${pick(AR_WHICH, m[2])} ${/سبوع/.test(m[1]!) ? 'week' : /شهر/.test(m[1]!) ? 'month' : 'year'}`,
  })),
  rule('ar', `(?:قبل|منذ) (${alt(AR_UNIT_TWO)})`, (m) => ({
    english: agoEnglish('two', pick(AR_UNIT_TWO, m[1])!),
  })),
  rule('ar', `(?:قبل|منذ) (${alt(AR_UNIT_ONE)})`, (m) => ({
    english: agoEnglish('a', pick(AR_UNIT_ONE, m[1])!),
  })),
  rule(
    'ar',
    `(?:قبل|منذ) (?:(${D}+|${alt(AR_COUNT)}) )?(${alt(AR_UNIT_MANY)}|${alt(AR_UNIT_ONE)})`,
    (m) => ({
      english: agoEnglish(
        countEnglish(AR_COUNT, m[1], 'a few'),
        pick(AR_UNIT_MANY, m[2]) ?? pick(AR_UNIT_ONE, m[2])!,
      ),
    }),
  ),
  rule(
    'ar',
    `(${DAY}) (?:من )?(?:شهر )?(${alt(HIJRI_MONTH)})(?: (?:سنة |عام )?(${YEAR}))?(${HIJRI_SUFFIX})?`,
    (m, ctx) =>
      hijriDay(num(m[1]!), num(pick(HIJRI_MONTH, m[2])!), m[3] ? num(m[3]) : undefined, ctx),
  ),
  rule(
    'ar',
    `(?:في )?(?:شهر )?(${alt(HIJRI_MONTH)}) (?:سنة |عام )?(${YEAR})(?:${HIJRI_SUFFIX})?`,
    (m) => hijriMonth(num(pick(HIJRI_MONTH, m[1])!), num(m[2]!)),
  ),
  rule(
    'ar',
    `(${DAY}) (?:من )?(?:شهر )?(${alt(AR_MONTH)})(?: ?[/(] ?${alt(AR_MONTH)}\\)?)?(?: (?:سنة |عام )?(${YEAR})${AR_YEAR_SUFFIX})?`,
    (m) => ({ english: dayMonthYear(pick(AR_MONTH, m[2]), m[1]!, m[3]) }),
  ),
  rule('ar', `(?:في|خلال) (?:شهر )?(${alt(AR_MONTH)})(?: (?:سنة |عام )?(${YEAR}))?`, (m) => ({
    english: `in ${pick(AR_MONTH, m[1])}${m[2] ? ` ${num(m[2])}` : ''}`,
  })),
  rule(
    'ar',
    `(مطلع|أوائل|اوائل|بداية|منتصف|أواسط|اواسط|أواخر|اواخر|نهاية) (?:شهر )?(${alt(AR_MONTH)})(?: (${YEAR}))?`,
    (m) => {
      const t = /مطلع|وائل|بداية/.test(m[1]!) ? 'early' : /منتصف|واسط/.test(m[1]!) ? 'mid' : 'late'
      return { english: `${t} ${pick(AR_MONTH, m[2])}${m[3] ? ` ${num(m[3])}` : ''}` }
    },
  ),
  rule('ar', `(?:في )?(?:عام|سنة) (${YEAR})${AR_YEAR_SUFFIX}`, (m) =>
    num(m[1]!) < 1700 ? hijriYear(num(m[1]!)) : { english: `in ${num(m[1]!)}` },
  ),
  numericRule('ar', `(${DAY})[/-](${D}{1,2})[/-](${YEAR})`, (m) =>
    isoDay(num(m[3]!), num(m[2]!), num(m[1]!)),
  ),
]

/* ----------------------------------------------------------------------------------------- */
/* Persian                                                                                    */

const FA_WD: Table = [
  [`یک${ZW}شنبه`, 'Sunday'],
  [`دو${ZW}شنبه`, 'Monday'],
  [`سه${ZW}شنبه`, 'Tuesday'],
  [`چهار${ZW}شنبه`, 'Wednesday'],
  [`پنج${ZW}شنبه`, 'Thursday'],
  ['جمعه', 'Friday'],
  ['شنبه', 'Saturday'],
]
const SOLAR_MONTH: Table = [
  ['فروردین', '1'],
  ['اردیبهشت', '2'],
  ['خرداد', '3'],
  ['تیر', '4'],
  ['مرداد|امرداد', '5'],
  ['شهریور', '6'],
  ['مهر', '7'],
  ['آبان', '8'],
  ['آذر', '9'],
  ['دی', '10'],
  ['بهمن', '11'],
  ['اسفند', '12'],
]
const SOLAR_NAMES = [
  'Farvardin',
  'Ordibehesht',
  'Khordad',
  'Tir',
  'Mordad',
  'Shahrivar',
  'Mehr',
  'Aban',
  'Azar',
  'Dey',
  'Bahman',
  'Esfand',
]
const FA_GREG_MONTH: Table = [
  ['ژانویه', 'January'],
  ['فوریه', 'February'],
  ['مارس', 'March'],
  ['آوریل', 'April'],
  ['مه|می', 'May'],
  ['ژوئن', 'June'],
  ['ژوئیه|جولای', 'July'],
  ['اوت|آگوست', 'August'],
  ['سپتامبر', 'September'],
  ['اکتبر', 'October'],
  ['نوامبر', 'November'],
  ['دسامبر', 'December'],
]
const FA_PART: Table = [
  ['صبح|بامداد', 'morning'],
  ['ظهر|بعدازظهر|بعد از ظهر|عصر', 'afternoon'],
  ['شب', 'evening'],
]
const FA_WHICH: Table = [
  ['گذشته|پیش|قبل|اخیر', 'last'],
  ['آینده|بعد|دیگر', 'next'],
  ['جاری', 'this'],
]
const FA_COUNT: Table = [
  ['یک', 'one'],
  ['دو', 'two'],
  ['سه', 'three'],
  ['چهار', 'four'],
  ['پنج', 'five'],
  ['شش', 'six'],
  ['هفت', 'seven'],
  ['هشت', 'eight'],
  ['نه', 'nine'],
  ['ده', 'ten'],
  ['چند', 'a few'],
]
const FA_UNIT: Table = [
  ['روز', 'day'],
  ['هفته', 'week'],
  ['ماه', 'month'],
  ['سال', 'year'],
]
const FA_DAYS: Table = [
  ['پریروز', 'the day before yesterday'],
  [`پس${ZW}فردا`, 'the day after tomorrow'],
  ['دیروز', 'yesterday'],
  ['امروز', 'today'],
  ['فردا', 'tomorrow'],
]
const SOLAR_SUFFIX = `(?: ?(?:هجری شمسی|خورشیدی|شمسی|ه${ZW}ش))?`

const fa: Rule[] = [
  rule(
    'fa',
    `(?:(روز|صبح|بامداد|ظهر|عصر) )?(${alt(FA_WD)})(?: (?:هفته )?(${alt(FA_WHICH)}))?(?: (${alt(FA_PART)}))?`,
    (m) => {
      const part = m[1] && m[1] !== 'روز' ? pick(FA_PART, m[1]) : pick(FA_PART, m[4])
      return {
        english: weekdayEnglish(pick(FA_WD, m[2])!, pick(FA_WHICH, m[3]) as never, part),
      }
    },
  ),
  rule('fa', `(?:(صبح|ظهر|عصر) )?(${alt(FA_DAYS)})(?: (صبح|ظهر|عصر|شب))?`, (m) => {
    const day = pick(FA_DAYS, m[2])!
    const part = pick(FA_PART, m[1] ?? m[3])
    return { english: relativeDayEnglish(day, day === 'today' && m[3] === 'شب' ? 'night' : part) }
  }),
  rule('fa', `دیشب`, () => ({ english: 'last night' })),
  rule('fa', `امشب`, () => ({ english: 'tonight' })),
  // Persian periods follow the Solar Hijri calendar and the Saturday–Friday week.
  rule('fa', `پارسال`, (_m, ctx) => solarPeriod('year', -1, ctx)),
  rule('fa', `امسال`, (_m, ctx) => solarPeriod('year', 0, ctx)),
  rule('fa', `(?:این|همین) (هفته|ماه|سال)`, (m, ctx) =>
    solarPeriod(pick(FA_UNIT, m[1]) as SolarUnit, 0, ctx),
  ),
  rule('fa', `(هفته|ماه|سال) (${alt(FA_WHICH)})`, (m, ctx) => {
    const which = pick(FA_WHICH, m[2])
    return solarPeriod(
      pick(FA_UNIT, m[1]) as SolarUnit,
      which === 'last' ? -1 : which === 'next' ? 1 : 0,
      ctx,
    )
  }),
  rule('fa', `(${D}+|${alt(FA_COUNT)}) (${alt(FA_UNIT)}) (?:پیش|قبل)`, (m) => ({
    english: agoEnglish(countEnglish(FA_COUNT, m[1]), pick(FA_UNIT, m[2])!),
  })),
  rule(
    'fa',
    `(${DAY}) (${alt(SOLAR_MONTH)})(?:${ZW}ماه)?(?: (?:سال |ماه )?(${YEAR}))?${SOLAR_SUFFIX}`,
    (m, ctx) =>
      solarDay(num(m[1]!), num(pick(SOLAR_MONTH, m[2])!), m[3] ? num(m[3]) : undefined, ctx),
  ),
  rule('fa', `(${alt(SOLAR_MONTH)})(?:${ZW}ماه)? (?:سال )?(${YEAR})${SOLAR_SUFFIX}`, (m) =>
    solarMonth(num(pick(SOLAR_MONTH, m[1])!), num(m[2]!)),
  ),
  rule('fa', `(${DAY}) (${alt(FA_GREG_MONTH)})(?: (${YEAR}))?(?: ?(?:میلادی))?`, (m) => ({
    english: dayMonthYear(pick(FA_GREG_MONTH, m[2]), m[1]!, m[3]),
  })),
  numericRule('fa', `(${YEAR})[/-](${D}{1,2})[/-](${D}{1,2})`, (m) => {
    const y = num(m[1]!)
    return y < 1700 ? solarDay(num(m[3]!), num(m[2]!), y, {}) : isoDay(y, num(m[2]!), num(m[3]!))
  }),
  rule('fa', `سال (${YEAR})${SOLAR_SUFFIX}`, (m) =>
    num(m[1]!) < 1700 ? solarYear(num(m[1]!)) : { english: `in ${num(m[1]!)}` },
  ),
]

/* ----------------------------------------------------------------------------------------- */
/* Other calendars                                                                            */

const gregorian = new GregorianCalendar()
const persian = new PersianCalendar()
const ummAlQura = new IslamicUmalquraCalendar()

type Calendar = PersianCalendar | IslamicUmalquraCalendar

function toCivil(date: CalendarDate): Civil {
  const g = toCalendar(date, gregorian)
  return { y: g.year, m: g.month, d: g.day }
}

/** The day, if it exists in the calendar (a 31st of a 30-day month does not). */
function inCalendar(cal: Calendar, y: number, m: number, d: number): CalendarDate | undefined {
  if (m < 1 || m > 12 || d < 1) return undefined
  const date = new CalendarDate(cal, y, m, 1)
  if (d > cal.getDaysInMonth(date)) return undefined
  return new CalendarDate(cal, y, m, d)
}

function compareCivil(a: Civil, b: Civil): number {
  return a.y - b.y || a.m - b.m || a.d - b.d
}

/**
 * A day and month with no year, in a calendar whose years do not follow the Gregorian one:
 * the most recent such day on or before publication (up to a week ahead allowed, as for
 * English day-and-month), or the coming one in a future-tense sentence.
 */
function yearFor(cal: Calendar, m: number, d: number, ctx: IntlContext): number | undefined {
  if (!ctx.published) return undefined
  const pub = toCalendar(
    new CalendarDate(gregorian, ctx.published.y, ctx.published.m, ctx.published.d),
    cal,
  )
  const future = ctx.tense === 'future'
  for (const y of future ? [pub.year, pub.year + 1] : [pub.year, pub.year - 1]) {
    const date = inCalendar(cal, y, m, d)
    if (!date) continue
    const civil = toCivil(date)
    const ahead = compareCivil(civil, ctx.published) > 0
    if (
      future
        ? compareCivil(civil, addDays(ctx.published, -7)) >= 0
        : !ahead || compareCivil(civil, addDays(ctx.published, 7)) <= 0
    )
      return y
  }
  return undefined
}

function calendarDay(
  cal: Calendar,
  d: number,
  m: number,
  y: number | undefined,
  ctx: IntlContext,
  name: string,
  months: string[],
  rule: string,
): IntlReading {
  const year = y ?? yearFor(cal, m, d, ctx)
  if (year === undefined) return { error: 'no publication date — enter one' }
  const date = inCalendar(cal, year, m, d)
  if (!date) return { error: `${d} ${months[m - 1]} ${year} is not a day of the ${name} calendar` }
  const civil = toCivil(date)
  const note = `${name} ${d} ${months[m - 1]} ${year}${y === undefined ? ', year of publication' : ''}`
  return { days: [civil, civil], note, rule, relative: y === undefined }
}

function calendarMonth(
  cal: Calendar,
  m: number,
  y: number,
  name: string,
  months: string[],
  rule: string,
): IntlReading {
  const first = inCalendar(cal, y, m, 1)
  if (!first) return { error: `${months[m - 1]} ${y} is not a month of the ${name} calendar` }
  const last = new CalendarDate(cal, y, m, cal.getDaysInMonth(first))
  return { days: [toCivil(first), toCivil(last)], note: `${name} ${months[m - 1]} ${y}`, rule }
}

function calendarYear(cal: Calendar, y: number, name: string, rule: string): IntlReading {
  const first = new CalendarDate(cal, y, 1, 1)
  const lastMonth = new CalendarDate(cal, y, 12, 1)
  const last = new CalendarDate(cal, y, 12, cal.getDaysInMonth(lastMonth))
  return { days: [toCivil(first), toCivil(last)], note: `${name} year ${y}`, rule }
}

const SOLAR = 'Solar Hijri'
const HIJRI = 'Hijri (Umm al-Qura)'

function solarDay(d: number, m: number, y: number | undefined, ctx: IntlContext): IntlReading {
  return calendarDay(persian, d, m, y, ctx, SOLAR, SOLAR_NAMES, 'solar-hijri-day')
}
function solarMonth(m: number, y: number): IntlReading {
  return calendarMonth(persian, m, y, SOLAR, SOLAR_NAMES, 'solar-hijri-month')
}
function solarYear(y: number): IntlReading {
  return calendarYear(persian, y, SOLAR, 'solar-hijri-year')
}
type SolarUnit = 'week' | 'month' | 'year'

/**
 * This, the last or the next Persian week (Saturday–Friday), Solar Hijri month or year,
 * counted from the publication day.
 */
function solarPeriod(unit: SolarUnit, offset: number, ctx: IntlContext): IntlReading {
  const pub = ctx.published
  if (!pub) return { error: 'no publication date — enter one' }
  const which = offset < 0 ? 'the previous' : offset > 0 ? 'the next' : 'the current'
  if (unit === 'week') {
    // weekday: 0 Sunday … 6 Saturday; the Persian week starts on Saturday.
    const wd = new Date(Date.UTC(pub.y, pub.m - 1, pub.d)).getUTCDay()
    const saturday = addDays(pub, -((wd + 1) % 7) + 7 * offset)
    return {
      days: [saturday, addDays(saturday, 6)],
      note: `${which} Saturday–Friday week`,
      rule: `persian-week${offset ? (offset < 0 ? '-last' : '-next') : ''}`,
      relative: true,
    }
  }
  const today = toCalendar(new CalendarDate(gregorian, pub.y, pub.m, pub.d), persian)
  if (unit === 'month') {
    const first = today.set({ day: 1 }).add({ months: offset })
    const r = calendarMonth(
      persian,
      first.month,
      first.year,
      SOLAR,
      SOLAR_NAMES,
      'solar-hijri-month',
    )
    return 'days' in r
      ? {
          ...r,
          note: `${which} Solar Hijri month, ${r.note.slice(SOLAR.length + 1)}`,
          relative: true,
        }
      : r
  }
  const r = calendarYear(persian, today.year + offset, SOLAR, 'solar-hijri-year')
  return 'days' in r
    ? { ...r, note: `${which} Solar Hijri year, ${today.year + offset}`, relative: true }
    : r
}

function hijriDay(d: number, m: number, y: number | undefined, ctx: IntlContext): IntlReading {
  return calendarDay(ummAlQura, d, m, y, ctx, HIJRI, HIJRI_NAMES, 'hijri-day')
}
function hijriMonth(m: number, y: number): IntlReading {
  return calendarMonth(ummAlQura, m, y, HIJRI, HIJRI_NAMES, 'hijri-month')
}
function hijriYear(y: number): IntlReading {
  return calendarYear(ummAlQura, y, HIJRI, 'hijri-year')
}

/* ----------------------------------------------------------------------------------------- */
/* Which tables run                                                                           */

const RULES: Record<DateLanguage, Rule[]> = { ru, uk, fr, de, es, ar, fa }

const FUNCTION_WORDS: Record<'fr' | 'de' | 'es' | 'en', string[]> = {
  fr: [
    'le',
    'la',
    'les',
    'des',
    'du',
    'est',
    'et',
    'dans',
    'une',
    'pour',
    'qui',
    'que',
    'sur',
    'au',
    'avec',
    'ont',
    'été',
    'il',
    'ne',
    'pas',
    'selon',
    'aux',
    'cette',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'ist',
    'nicht',
    'mit',
    'dem',
    'den',
    'eine',
    'auf',
    'für',
    'wurde',
    'sich',
    'von',
    'hat',
    'nach',
    'bei',
    'zu',
    'dass',
  ],
  es: [
    'el',
    'la',
    'los',
    'las',
    'del',
    'que',
    'por',
    'una',
    'con',
    'para',
    'fue',
    'según',
    'al',
    'se',
    'y',
    'su',
    'como',
    'dijo',
  ],
  en: [
    'the',
    'and',
    'of',
    'to',
    'is',
    'was',
    'that',
    'for',
    'with',
    'said',
    'on',
    'it',
    'by',
    'from',
    'a',
    'in',
  ],
}

const wordRes = Object.fromEntries(
  Object.entries(FUNCTION_WORDS).map(([lang, words]) => [
    lang,
    words.map((w) => new RegExp(`${B}${w}${E}`, 'iu')),
  ]),
) as Record<keyof typeof FUNCTION_WORDS, RegExp[]>

function distinctWords(text: string, lang: keyof typeof FUNCTION_WORDS): number {
  let n = 0
  for (const re of wordRes[lang]) if (re.test(text)) n++
  return n
}

/** The languages whose tables can apply to `text` (see the module comment). */
export function dateLanguagesIn(text: string): DateLanguage[] {
  const langs: DateLanguage[] = []
  if (/[\u0400-\u04FF]/.test(text)) langs.push('ru', 'uk')
  if (/[\u0600-\u06FF]/.test(text)) langs.push('ar', 'fa')
  if (/[A-Za-zÀ-ÿ]/.test(text)) {
    // A sample is enough to tell a language by its function words.
    const sample = text.length > 20_000 ? text.slice(0, 20_000) : text
    const en = distinctWords(sample, 'en')
    for (const lang of ['fr', 'de', 'es'] as const) {
      const n = distinctWords(sample, lang)
      if (n >= 3 && n >= en) langs.push(lang)
    }
  }
  return langs
}

/** Date expressions of the non-English tables in `text`; may overlap (the finder resolves). */
export function findIntlDates(text: string, languages = dateLanguagesIn(text)): IntlSpan[] {
  const spans: IntlSpan[] = []
  for (const lang of languages) {
    for (const r of RULES[lang]) {
      r.find.lastIndex = 0
      for (const m of text.matchAll(r.find)) {
        spans.push({ start: m.index, end: m.index + m[0].length, lang, confidence: 0.85 })
      }
    }
  }
  return spans
}

/**
 * Reads an expression with the first table whose rule matches it whole, or undefined.
 * `language` is the language the expression was found in (the finder knows it) or the
 * document's; without it the tables of the expression's script are tried, and for Latin
 * script French, German and Spanish, except their all-digit rules: "3/12/2025" is not read
 * as 3 December unless the text is known to be French or Spanish.
 */
export function readIntl(
  expr: string,
  ctx: IntlContext,
  language?: string,
): { lang: DateLanguage; reading: IntlReading } | undefined {
  const text = expr.trim().replace(/[\s,;:!?]+$/u, '')
  const known = language !== undefined && language in RULES ? (language as DateLanguage) : undefined
  const langs: DateLanguage[] = known ? [known] : []
  for (const lang of dateLanguagesIn(text).concat(['fr', 'de', 'es']))
    if (!langs.includes(lang)) langs.push(lang)
  for (const lang of langs) {
    for (const r of RULES[lang]) {
      if (r.numeric && lang !== known && !/[\u0600-\u06FF\u0400-\u04FF]/.test(text)) continue
      const m = r.whole.exec(text) ?? r.whole.exec(text.replace(/\.$/, ''))
      if (!m) continue
      const reading = r.read(m, ctx)
      if (reading) return { lang, reading }
    }
  }
  return undefined
}

/* ----------------------------------------------------------------------------------------- */
/* Tense                                                                                      */

const FUTURE_WORDS: Record<DateLanguage, RegExp> = {
  ru: /(?<![\p{L}])(?:будет|будут|буду|состоится|состоятся|планиру\p{L}*|намерен\p{L}*|собира\p{L}*|предстоящ\p{L}*)(?![\p{L}])/iu,
  uk: /(?<![\p{L}])(?:буде|будуть|відбудеться|відбудуться|планує|планують|має намір)(?![\p{L}])/iu,
  fr: /(?<![\p{L}])(?:aura lieu|se tiendra|prévu|prévue|va|vont|devrait|devraient|sera|seront)(?![\p{L}])/iu,
  de: /(?<![\p{L}])(?:wird|werden|soll|sollen|geplant)(?![\p{L}])/iu,
  es: /(?<![\p{L}])(?:será|serán|va a|van a|tendrá lugar|se celebrará|prevé|prevista|previsto)(?![\p{L}])/iu,
  ar: /(?<![\p{L}])(?:سوف|سيعقد|ستعقد|سيتم|من المقرر|من المتوقع)(?![\p{L}])/u,
  fa: /(?<![\p{L}])(?:خواهد|خواهند|قرار است)(?![\p{L}])/u,
}

/**
 * The tense of a sentence in another language, as far as news needs it: 'future' when it
 * announces something, otherwise 'past' — a report tells what happened.
 */
export function intlTense(sentence: string, lang: DateLanguage): Tense {
  return FUTURE_WORDS[lang].test(sentence) ? 'future' : 'past'
}

/** The publication day in the source's zone (see resolve.ts, conventions 1 and 2). */
export function publicationDay(
  published: number | undefined,
  precision: 'day' | 'minute' | undefined,
  zone: string,
): Civil | undefined {
  if (published === undefined || !Number.isFinite(published)) return undefined
  if (precision === 'day') return civilOfUtc(published)
  const w = wallTime(published, isValidZone(zone) ? zone : 'UTC')
  return { y: w.y, m: w.m, d: w.d }
}
