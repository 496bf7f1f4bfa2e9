import { describe, expect, it } from 'vitest'
import { findDates, firstDateIn, resolveFound } from './find'
import { asciiDigits, dateLanguagesIn, readIntl, type DateLanguage } from './intl'
import { resolveExpression, type ResolveContext } from './resolve'

/**
 * One table per language, ≥ 20 rows each, with publication days around month and year ends:
 * Fri 27 Jun 2025 (mid-year, and the day after the Hijri new year 1447), Wed 1 Jan 2025 (a
 * year's first day) and Mon 31 Mar 2025 (a month's last day, just after Nowruz). Expected
 * days are worked out from the calendars, not copied from the resolver's output.
 */
const FRI = '2025-06-27'
const NEW_YEAR = '2025-01-01'
const MONTH_END = '2025-03-31'

/** [expression, publication day, first day, last day (inclusive; default = first)] */
type DayRow = [string, string, string, string?]
/** [expression, publication day, start instant, end instant] for hour windows. */
type HourRow = [string, string, { start: string; end: string }]
type Row = DayRow | HourRow

const ru: Row[] = [
  ['в понедельник', FRI, '2025-06-23'],
  ['В пятницу', FRI, '2025-06-27'],
  ['в прошлую среду', FRI, '2025-06-25'],
  ['вчера', FRI, '2025-06-26'],
  ['позавчера', FRI, '2025-06-25'],
  ['на прошлой неделе', FRI, '2025-06-16', '2025-06-22'],
  ['на этой неделе', FRI, '2025-06-23', '2025-06-29'],
  ['в прошлом месяце', FRI, '2025-05-01', '2025-05-31'],
  ['в прошлом году', FRI, '2024-01-01', '2024-12-31'],
  ['три дня назад', FRI, '2025-06-24'],
  ['неделю назад', FRI, '2025-06-20'],
  ['12 марта 2025 года', FRI, '2025-03-12'],
  ['12 марта', FRI, '2025-03-12'],
  ['в марте', FRI, '2025-03-01', '2025-03-31'],
  ['в начале марта', FRI, '2025-03-01', '2025-03-10'],
  ['в 2024 году', FRI, '2024-01-01', '2024-12-31'],
  ['12.03.2025', FRI, '2025-03-12'],
  ['в выходные', FRI, '2025-06-21', '2025-06-22'],
  ['сегодня утром', FRI, { start: '2025-06-27T05:00Z', end: '2025-06-27T12:00Z' }],
  ['в понедельник', NEW_YEAR, '2024-12-30'],
  ['в прошлом месяце', NEW_YEAR, '2024-12-01', '2024-12-31'],
  ['25 декабря', NEW_YEAR, '2024-12-25'],
  ['вчера вечером', NEW_YEAR, { start: '2024-12-31T18:00Z', end: '2025-01-01T00:00Z' }],
  ['в субботу', MONTH_END, '2025-03-29'],
  ['в конце марта', MONTH_END, '2025-03-21', '2025-03-31'],
]

const uk: Row[] = [
  ['у понеділок', FRI, '2025-06-23'],
  ['в п’ятницю', FRI, '2025-06-27'],
  ['минулого понеділка', FRI, '2025-06-23'],
  ['учора', FRI, '2025-06-26'],
  ['сьогодні вранці', FRI, { start: '2025-06-27T05:00Z', end: '2025-06-27T12:00Z' }],
  ['позавчора', FRI, '2025-06-25'],
  ['минулого тижня', FRI, '2025-06-16', '2025-06-22'],
  ['на цьому тижні', FRI, '2025-06-23', '2025-06-29'],
  ['минулого місяця', FRI, '2025-05-01', '2025-05-31'],
  ['минулого року', FRI, '2024-01-01', '2024-12-31'],
  ['три дні тому', FRI, '2025-06-24'],
  ['тиждень тому', FRI, '2025-06-20'],
  ['12 березня 2025 року', FRI, '2025-03-12'],
  ['12 березня', FRI, '2025-03-12'],
  ['у березні', FRI, '2025-03-01', '2025-03-31'],
  ['на початку березня', FRI, '2025-03-01', '2025-03-10'],
  ['у 2024 році', FRI, '2024-01-01', '2024-12-31'],
  ['у вихідні', FRI, '2025-06-21', '2025-06-22'],
  ['12.03.2025', FRI, '2025-03-12'],
  ['у понеділок', NEW_YEAR, '2024-12-30'],
  ['25 грудня', NEW_YEAR, '2024-12-25'],
  ['минулого місяця', NEW_YEAR, '2024-12-01', '2024-12-31'],
  ['у суботу', MONTH_END, '2025-03-29'],
]

const fr: Row[] = [
  ['lundi', FRI, '2025-06-23'],
  ['lundi dernier', FRI, '2025-06-23'],
  ['vendredi', FRI, '2025-06-27'],
  ['hier', FRI, '2025-06-26'],
  ['avant-hier', FRI, '2025-06-25'],
  ["aujourd'hui", FRI, '2025-06-27'],
  ['hier soir', FRI, { start: '2025-06-26T18:00Z', end: '2025-06-27T00:00Z' }],
  ['ce matin', FRI, { start: '2025-06-27T05:00Z', end: '2025-06-27T12:00Z' }],
  ['la semaine dernière', FRI, '2025-06-16', '2025-06-22'],
  ['le mois dernier', FRI, '2025-05-01', '2025-05-31'],
  ['l’année dernière', FRI, '2024-01-01', '2024-12-31'],
  ['il y a trois jours', FRI, '2025-06-24'],
  ['il y a une semaine', FRI, '2025-06-20'],
  ['le 12 mars 2025', FRI, '2025-03-12'],
  ['le 1er mars', FRI, '2025-03-01'],
  ['en mars', FRI, '2025-03-01', '2025-03-31'],
  ['début mars', FRI, '2025-03-01', '2025-03-10'],
  ['le week-end dernier', FRI, '2025-06-21', '2025-06-22'],
  ['12/03/2025', FRI, '2025-03-12'],
  ['lundi', NEW_YEAR, '2024-12-30'],
  ['le 25 décembre', NEW_YEAR, '2024-12-25'],
  ['samedi', MONTH_END, '2025-03-29'],
  ['fin mars', MONTH_END, '2025-03-21', '2025-03-31'],
]

const de: Row[] = [
  ['am Montag', FRI, '2025-06-23'],
  ['am vergangenen Montag', FRI, '2025-06-23'],
  ['Freitag', FRI, '2025-06-27'],
  ['gestern', FRI, '2025-06-26'],
  ['vorgestern', FRI, '2025-06-25'],
  ['heute Morgen', FRI, { start: '2025-06-27T05:00Z', end: '2025-06-27T12:00Z' }],
  ['gestern Abend', FRI, { start: '2025-06-26T18:00Z', end: '2025-06-27T00:00Z' }],
  ['am Montagabend', FRI, { start: '2025-06-23T18:00Z', end: '2025-06-24T00:00Z' }],
  ['letzte Woche', FRI, '2025-06-16', '2025-06-22'],
  ['in der vergangenen Woche', FRI, '2025-06-16', '2025-06-22'],
  ['im vergangenen Monat', FRI, '2025-05-01', '2025-05-31'],
  ['letztes Jahr', FRI, '2024-01-01', '2024-12-31'],
  ['vor drei Tagen', FRI, '2025-06-24'],
  ['vor einer Woche', FRI, '2025-06-20'],
  ['am 12. März 2025', FRI, '2025-03-12'],
  ['12. März', FRI, '2025-03-12'],
  ['im März', FRI, '2025-03-01', '2025-03-31'],
  ['Anfang März', FRI, '2025-03-01', '2025-03-10'],
  ['am Wochenende', FRI, '2025-06-21', '2025-06-22'],
  ['12.03.2025', FRI, '2025-03-12'],
  ['am Montag', NEW_YEAR, '2024-12-30'],
  ['am 25. Dezember', NEW_YEAR, '2024-12-25'],
  ['Ende März', MONTH_END, '2025-03-21', '2025-03-31'],
]

const es: Row[] = [
  ['el lunes', FRI, '2025-06-23'],
  ['el lunes pasado', FRI, '2025-06-23'],
  ['el pasado lunes', FRI, '2025-06-23'],
  ['el viernes', FRI, '2025-06-27'],
  ['ayer', FRI, '2025-06-26'],
  ['anteayer', FRI, '2025-06-25'],
  ['ayer por la tarde', FRI, { start: '2025-06-26T12:00Z', end: '2025-06-26T18:00Z' }],
  ['esta mañana', FRI, { start: '2025-06-27T05:00Z', end: '2025-06-27T12:00Z' }],
  ['anoche', FRI, { start: '2025-06-26T18:00Z', end: '2025-06-27T06:00Z' }],
  ['la semana pasada', FRI, '2025-06-16', '2025-06-22'],
  ['el mes pasado', FRI, '2025-05-01', '2025-05-31'],
  ['el año pasado', FRI, '2024-01-01', '2024-12-31'],
  ['hace tres días', FRI, '2025-06-24'],
  ['hace una semana', FRI, '2025-06-20'],
  ['el 12 de marzo de 2025', FRI, '2025-03-12'],
  ['el 12 de marzo', FRI, '2025-03-12'],
  ['en marzo', FRI, '2025-03-01', '2025-03-31'],
  ['a principios de marzo', FRI, '2025-03-01', '2025-03-10'],
  ['el fin de semana', FRI, '2025-06-21', '2025-06-22'],
  ['12/03/2025', FRI, '2025-03-12'],
  ['el lunes', NEW_YEAR, '2024-12-30'],
  ['el 25 de diciembre', NEW_YEAR, '2024-12-25'],
  ['a finales de marzo', MONTH_END, '2025-03-21', '2025-03-31'],
]

const ar: Row[] = [
  ['يوم الاثنين', FRI, '2025-06-23'],
  ['الاثنين الماضي', FRI, '2025-06-23'],
  ['يوم الجمعة', FRI, '2025-06-27'],
  ['أمس', FRI, '2025-06-26'],
  ['أول أمس', FRI, '2025-06-25'],
  ['مساء أمس', FRI, { start: '2025-06-26T18:00Z', end: '2025-06-27T00:00Z' }],
  ['صباح اليوم', FRI, { start: '2025-06-27T05:00Z', end: '2025-06-27T12:00Z' }],
  ['الأسبوع الماضي', FRI, '2025-06-16', '2025-06-22'],
  ['الشهر الماضي', FRI, '2025-05-01', '2025-05-31'],
  ['العام الماضي', FRI, '2024-01-01', '2024-12-31'],
  ['قبل ثلاثة أيام', FRI, '2025-06-24'],
  ['قبل يومين', FRI, '2025-06-25'],
  ['قبل أسبوع', FRI, '2025-06-20'],
  ['12 مارس 2025', FRI, '2025-03-12'],
  ['١٢ آذار ٢٠٢٥', FRI, '2025-03-12'],
  ['في مارس', FRI, '2025-03-01', '2025-03-31'],
  // Umm al-Qura: 1 Ramadan 1446 = Sat 1 Mar 2025; 1 Muharram 1447 = Thu 26 Jun 2025.
  ['5 رمضان 1446 هـ', FRI, '2025-03-05'],
  ['1 محرم 1447', FRI, '2025-06-26'],
  // No year: the Hijri year of publication is 1447, whose Ramadan is ahead, so 1446.
  ['5 رمضان', FRI, '2025-03-05'],
  ['يوم الاثنين', NEW_YEAR, '2024-12-30'],
  ['25 ديسمبر', NEW_YEAR, '2024-12-25'],
  ['12/3/2025', FRI, '2025-03-12'],
  ['السبت', MONTH_END, '2025-03-29'],
]

const fa: Row[] = [
  // 1 Tir 1404 = Sun 22 Jun 2025; 1 Farvardin 1404 = Fri 21 Mar 2025; 1 Dey 1403 = 21 Dec 2024.
  ['۲ تیر ۱۴۰۴', FRI, '2025-06-23'],
  ['2 تیر 1404', FRI, '2025-06-23'],
  ['۱۴۰۴/۰۴/۰۲', FRI, '2025-06-23'],
  ['تیر ۱۴۰۴', FRI, '2025-06-22', '2025-07-22'],
  ['۲ تیر', FRI, '2025-06-23'],
  ['۱ فروردین ۱۴۰۴', FRI, '2025-03-21'],
  ['۱۰ دی ۱۴۰۳', NEW_YEAR, '2024-12-30'],
  ['دیروز', FRI, '2025-06-26'],
  ['امروز صبح', FRI, { start: '2025-06-27T05:00Z', end: '2025-06-27T12:00Z' }],
  ['پریروز', FRI, '2025-06-25'],
  ['دوشنبه', FRI, '2025-06-23'],
  ['روز سه‌شنبه', FRI, '2025-06-24'],
  ['دوشنبه گذشته', FRI, '2025-06-23'],
  // The Persian week runs Saturday–Friday.
  ['هفته گذشته', FRI, '2025-06-14', '2025-06-20'],
  ['این هفته', FRI, '2025-06-21', '2025-06-27'],
  ['هفته گذشته', NEW_YEAR, '2024-12-21', '2024-12-27'],
  // Months and years are Solar Hijri: Khordad 1404 = 22 May – 21 Jun 2025.
  ['ماه گذشته', FRI, '2025-05-22', '2025-06-21'],
  ['امسال', FRI, '2025-03-21', '2026-03-20'],
  ['پارسال', FRI, '2024-03-20', '2025-03-20'],
  ['سه روز پیش', FRI, '2025-06-24'],
  ['۳ روز قبل', FRI, '2025-06-24'],
  ['۲۳ ژوئن ۲۰۲۵', FRI, '2025-06-23'],
  ['دوشنبه', NEW_YEAR, '2024-12-30'],
  ['شنبه', MONTH_END, '2025-03-29'],
  // Published 11 Farvardin 1404: 1 Farvardin is this year's; 29 Esfand is last year's.
  ['۱ فروردین', MONTH_END, '2025-03-21'],
  ['۲۹ اسفند', MONTH_END, '2025-03-19'],
]

const TABLES: Record<DateLanguage, Row[]> = { ru, uk, fr, de, es, ar, fa }

function context(pub: string, language: string, zone = 'UTC'): ResolveContext {
  return {
    published: Date.parse(`${pub}T00:00Z`),
    publishedPrecision: 'day',
    timeZone: zone,
    language,
  }
}

const midnight = (day: string) => Date.parse(`${day}T00:00Z`)
const dayAfter = (day: string) => midnight(day) + 86_400_000

describe.each(Object.entries(TABLES))('dates in %s', (lang, rows) => {
  it(`has at least 20 rows`, () => {
    expect(rows.length).toBeGreaterThanOrEqual(20)
  })
  it.each(rows)('%s (published %s)', (...row: Row) => {
    const [expr, pub, from] = row
    const to = row[3]
    const r = resolveExpression(expr, context(pub, lang))
    if (r.status !== 'resolved') throw new Error(`${expr}: ${JSON.stringify(r)}`)
    if (typeof from === 'string') {
      expect(new Date(r.value.start).toISOString().slice(0, 10)).toBe(from)
      expect(r.value.start).toBe(midnight(from))
      expect(r.value.end).toBe(dayAfter(to ?? from))
    } else {
      expect(new Date(r.value.start).toISOString()).toBe(new Date(from.start).toISOString())
      expect(new Date(r.value.end!).toISOString()).toBe(new Date(from.end).toISOString())
    }
    // The explanation is in English and quotes the original words.
    expect(r.explanation).toContain(`'${expr}'`)
    expect(r.value.resolvedFrom?.text).toBe(expr)
  })
})

describe('other languages without a language given', () => {
  it('recognises Cyrillic and Arabic-script expressions by their script', () => {
    const ctx = { ...context(FRI, 'en'), language: undefined }
    for (const [expr, day] of [
      ['в понедельник', '2025-06-23'],
      ['۲ تیر ۱۴۰۴', '2025-06-23'],
      ['أمس', '2025-06-26'],
    ] as const) {
      const r = resolveExpression(expr, ctx)
      expect(r.status === 'resolved' && r.value.start).toBe(midnight(day))
    }
  })

  it('reads French, German and Spanish words when English cannot, but not their digits', () => {
    const ctx = { ...context(FRI, 'en'), language: undefined }
    const monday = resolveExpression('lundi dernier', ctx)
    expect(monday.status === 'resolved' && monday.value.start).toBe(midnight('2025-06-23'))
    // "3/12/2025" in an English text is the English reading, never the French one.
    const slash = resolveExpression('3/12/2025', ctx)
    expect(slash.status === 'resolved' && slash.value.start).not.toBe(midnight('2025-12-03'))
  })

  it('says why a calendar date does not exist', () => {
    const r = resolveExpression('31 اسفند 1404', context(FRI, 'fa'))
    expect(r.status).toBe('unresolvable')
    if (r.status === 'unresolvable') expect(r.reason).toMatch(/not a day of the Solar Hijri/)
  })

  it('needs a publication date for a relative expression', () => {
    const r = resolveExpression('вчера', { timeZone: 'UTC' })
    expect(r.status).toBe('unresolvable')
  })

  it('reads the day in the source zone (a Tehran source starts its day at 20:30 UTC)', () => {
    const r = resolveExpression('۲ تیر ۱۴۰۴', context(FRI, 'fa', 'Asia/Tehran'))
    expect(r.status === 'resolved' && new Date(r.value.start).toISOString()).toBe(
      '2025-06-22T20:30:00.000Z',
    )
  })

  it('reads a Persian weekday written with a space, a ZWNJ or nothing, and nothing else', () => {
    const ctx = context(FRI, 'fa')
    for (const monday of ['دوشنبه', 'دو شنبه', 'دو\u200cشنبه']) {
      const r = resolveExpression(monday, ctx)
      expect(r.status === 'resolved' && r.value.start).toBe(midnight('2025-06-23'))
    }
    expect(readIntl('دوxشنبه', { published: { y: 2025, m: 6, d: 27 } })).toBeUndefined()
  })

  it('maps Persian and Arabic-Indic digits', () => {
    expect(asciiDigits('۱۴۰۴/۰۴/۰۲ ١٢')).toBe('1404/04/02 12')
  })
})

describe('finding dates in other languages', () => {
  it('finds Russian dates with exact offsets, and reads the tense of an announcement', () => {
    const text = 'Переговоры состоятся в понедельник. Министр заявил в понедельник, что всё готово.'
    const found = findDates(text)
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['в понедельник', 'в понедельник'])
    expect(found.map((f) => f.tense)).toEqual(['future', 'past'])
    const ctx = context(FRI, 'ru')
    const [coming, past] = found.map((f) => resolveFound(f, ctx))
    expect(coming?.status === 'resolved' && coming.value.start).toBe(midnight('2025-06-30'))
    expect(past?.status === 'resolved' && past.value.start).toBe(midnight('2025-06-23'))
  })

  it('finds a Persian date inside a paragraph, as the event form does', () => {
    const text = 'وزیر خارجه روز ۲ تیر ۱۴۰۴ در مسکو با پوتین دیدار کرد.'
    const start = text.indexOf('وزیر')
    const found = firstDateIn(text, start, text.length)
    expect(found && text.slice(found.start, found.end)).toBe('۲ تیر ۱۴۰۴')
    expect(found?.lang).toBe('fa')
  })

  it('finds Arabic, French, German and Spanish expressions', () => {
    const cases: [string, string][] = [
      ['وقال مسؤول قطري إن الهجوم وقع يوم الاثنين الماضي في الدوحة.', 'يوم الاثنين الماضي'],
      ['Le ministre a déclaré lundi dernier que la frappe était une réponse.', 'lundi dernier'],
      [
        'Der Minister sagte am vergangenen Montag, dass der Angriff eine Antwort war.',
        'am vergangenen Montag',
      ],
      ['El ministro dijo el lunes pasado que el ataque fue una respuesta.', 'el lunes pasado'],
    ]
    for (const [text, words] of cases) {
      expect(findDates(text).map((f) => text.slice(f.start, f.end))).toContain(words)
    }
  })

  it('does not read English text with the French, German or Spanish tables', () => {
    expect(dateLanguagesIn('The minister said on Monday that the strike was a response.')).toEqual(
      [],
    )
    const text = 'The Mars lander touched down on 12 Mars Avenue, officials said on Monday.'
    expect(findDates(text).map((f) => f.lang)).toEqual([undefined])
  })

  it('only reads what the tables cover', () => {
    expect(readIntl('совсем не дата', {})).toBeUndefined()
  })
})
