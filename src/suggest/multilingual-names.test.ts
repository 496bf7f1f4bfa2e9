import { describe, expect, it } from 'vitest'
import { findMultilingualNames, MULTILINGUAL, multilingualKey } from './multilingual-names'
import { normaliseKey, suggestEntities } from './ner'

// [English key, the names in other languages that must carry it]
const SAME_ENTITY: [string, string[]][] = [
  ['iran', ['ایران', 'إيران', 'Иран', 'Ирана', 'Іран']],
  ['tehran', ['تهران', 'طهران', 'Тегеран', 'Тегеране', 'Téhéran']],
  ['vladimir putin', ['پوتین', 'بوتين', 'Путин', 'Путиным', 'Владимир Путин', 'Poutine']],
  ['ali khamenei', ['خامنه‌ای', 'خامنئي', 'Хаменеи', 'علی خامنه‌ای']],
  ['qatar', ['قطر', 'Катар', 'Катаре', 'Katar']],
  ['doha', ['دوحه', 'الدوحة', 'Доха', 'Дохе']],
  ['moscow', ['مسکو', 'موسكو', 'Москва', 'Москве', 'Москвы', 'Москву', 'Москві', 'Moskau']],
  ['russia', ['روسیه', 'روسيا', 'Россия', 'России', 'Россией', 'Росії']],
  ['israel', ['اسرائیل', 'إسرائيل', 'Израиль', 'Израиля']],
  ['united states', ['آمریکا', 'الولايات المتحدة', 'США', 'Соединённых Штатов', 'Estados Unidos']],
  ['abbas araghchi', ['عراقچی', 'عراقجي', 'Аракчи', 'عباس عراقچی']],
]

describe('findMultilingualNames', () => {
  it.each(SAME_ENTITY)('gives %s to each of its names', (key, forms) => {
    for (const form of forms) {
      const text = `— ${form} —`
      const found = findMultilingualNames(text)
      expect(found.map((m) => [text.slice(m.start, m.end), multilingualKey(m.entry)])).toEqual([
        [form, key],
      ])
    }
  })

  it('leaves the Arabic clitic out of the name it is written onto', () => {
    const text = 'اتصلت قطر وإيران بموسكو'
    const found = findMultilingualNames(text).map((m) => text.slice(m.start, m.end))
    expect(found).toEqual(['قطر', 'إيران', 'موسكو'])
    // A name that starts with a clitic letter is whole: بغداد, not غداد.
    expect(findMultilingualNames('في بغداد').map((m) => m.start)).toEqual([3])
  })

  it('does not match inside longer words', () => {
    for (const text of ['مقامات ایرانی گفتند', 'Москвич приехал', 'Иранистика', 'Катаракта']) {
      expect(findMultilingualNames(text), text).toEqual([])
    }
  })

  it('prefers the full name to the surname', () => {
    const text = 'دیدار با ولادیمیر پوتین'
    const [m] = findMultilingualNames(text)
    expect(text.slice(m!.start, m!.end)).toBe('ولادیمیر پوتین')
  })

  it('keys each entry as normaliseKey keys its English name', () => {
    for (const entry of MULTILINGUAL) expect(multilingualKey(entry)).toBe(normaliseKey(entry.name))
  })
})

describe('suggestions across languages', () => {
  const keys = (text: string): Record<string, string> =>
    Object.fromEntries(suggestEntities(text).map((s) => [s.text, s.key]))

  it('gives a Persian, an Arabic and a Russian report the keys of the English one', () => {
    const en = keys(
      'Iran fired missiles at a US base in Qatar hours after Abbas Araghchi met Vladimir Putin in Moscow.',
    )
    const fa = keys(
      'ایران ساعاتی پس از دیدار عباس عراقچی با پوتین در مسکو به پایگاه آمریکا در قطر موشک شلیک کرد.',
    )
    const ar = keys(
      'أطلقت إيران صواريخ على قاعدة أمريكية في قطر بعد ساعات من لقاء عباس عراقجي ببوتين في موسكو.',
    )
    const ru = keys(
      'Иран выпустил ракеты по базе США в Катаре через несколько часов после встречи Аракчи с Путиным в Москве.',
    )
    expect(en).toMatchObject({ Iran: 'iran', Qatar: 'qatar', Moscow: 'moscow' })
    expect(en['Vladimir Putin']).toBe('vladimir putin')
    expect(fa).toMatchObject({
      ایران: 'iran',
      قطر: 'qatar',
      مسکو: 'moscow',
      پوتین: 'vladimir putin',
      'عباس عراقچی': 'abbas araghchi',
      آمریکا: 'united states',
    })
    expect(ar).toMatchObject({
      إيران: 'iran',
      قطر: 'qatar',
      موسكو: 'moscow',
      بوتين: 'vladimir putin',
      'عباس عراقجي': 'abbas araghchi',
    })
    expect(ru).toMatchObject({
      Иран: 'iran',
      Катаре: 'qatar',
      Москве: 'moscow',
      Путиным: 'vladimir putin',
      Аракчи: 'abbas araghchi',
      США: 'united states',
    })
  })

  it('suggests them with the kind of the English name', () => {
    const kinds = Object.fromEntries(
      suggestEntities('قال خامنئي إن طهران سترد على الولايات المتحدة.').map((s) => [
        s.text,
        s.kind,
      ]),
    )
    expect(kinds).toEqual({ خامنئي: 'person', طهران: 'location', 'الولايات المتحدة': 'state' })
  })
})
