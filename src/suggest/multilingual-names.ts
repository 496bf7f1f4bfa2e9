/**
 * Names in Persian, Arabic, Russian, Ukrainian, French, German and Spanish for the actors and
 * places that reporting on the Gulf, Iran and Russia names most, each tied to its English
 * canonical name, so that a suggestion found in "ایران", "إيران" or "Ирана" carries the key of
 * "Iran" and links to the same entity as the English mentions. The table is data; the
 * matching is small: a form matches as a whole word, an Arabic-script form also behind one
 * of the clitics written onto the next word (و "and", ب "in/with", ل "to/for", ف "so",
 * ك "like"), and a Cyrillic form in any case ending (Москва, Москве, Москвы, Москвой…), since
 * Russian and Ukrainian inflect names. Matching is case-sensitive as written, like the rest
 * of the gazetteer.
 */

/** What a name names, in the tagger's kinds. */
export type MultilingualKind = 'state' | 'location' | 'organisation' | 'person'

/** One actor or place with its names in several languages. */
export interface MultilingualEntry {
  kind: MultilingualKind
  /** The English canonical name: its `normaliseKey` is the suggestion key. */
  name: string
  /** Other English names the same entity is known by ("Putin"). */
  englishAliases: string[]
  /** Names in the other languages, as written in the nominative. */
  forms: string[]
}

// kind|English name|English aliases;…|forms;… — one entity a line.
const TABLE = `
state|Iran||ایران;إيران;ايران;Иран;Іран
state|Russia||روسیه;روسيا;Россия;Росія;Russie;Russland;Rusia
state|United States|U.S.;US;USA;America|آمریکا;امریکا;ایالات متحده;ایالات متحده آمریکا;الولايات المتحدة;أمريكا;امريكا;США;Соединённые Штаты;Соединенные Штаты;Сполучені Штати;États-Unis;Etats-Unis;Vereinigte Staaten;Estados Unidos;EE. UU.
state|Israel||اسرائیل;إسرائيل;اسرائيل;Израиль;Ізраїль;Israël
state|Qatar||قطر;Катар;Katar;Catar
state|Ukraine||اوکراین;أوكرانيا;اوكرانيا;Украина;Україна;Ucrania
state|Iraq||عراق;العراق;Ирак;Ірак;Irak
state|Syria||سوریه;سوريا;سورية;Сирия;Сирія;Syrie;Syrien;Siria
state|Saudi Arabia||عربستان سعودی;عربستان;السعودية;المملكة العربية السعودية;Саудовская Аравия;Саудівська Аравія;Arabie saoudite;Saudi-Arabien;Arabia Saudita
state|Turkey|Türkiye|ترکیه;تركيا;Турция;Туреччина;Turquie;Türkei;Turquía
state|China||چین;الصين;Китай
state|Lebanon||لبنان;Ливан;Liban;Libanon;Líbano
state|Yemen||یمن;اليمن;Йемен;Ємен;Jemen
state|United Kingdom|UK;Britain|بریتانیا;انگلیس;بريطانيا;المملكة المتحدة;Великобритания;Великобританія;Royaume-Uni;Großbritannien;Reino Unido
state|France||فرانسه;فرنسا;Франция;Франція;Frankreich;Francia
state|Germany||آلمان;ألمانيا;Германия;Німеччина;Allemagne;Deutschland;Alemania
location|Tehran||تهران;طهران;Тегеран;Téhéran;Teheran;Teherán
location|Moscow||مسکو;موسكو;Москва;Moscou;Moskau;Moscú
location|Doha||دوحه;الدوحة;Доха
location|Washington||واشنگتن;واشنطن;Вашингтон
location|Kyiv|Kiev|کی‌یف;کیف;كييف;Киев;Київ;Києві;Kiew
location|Baghdad||بغداد;Багдад
location|Damascus||دمشق;Дамаск;Damas;Damaskus;Damasco
location|Beirut||بیروت;بيروت;Бейрут;Beyrouth
location|Riyadh||ریاض;الرياض;Эр-Рияд;Riyad;Riad
location|Jerusalem||اورشلیم;بیت‌المقدس;القدس;Иерусалим;Єрусалим;Jérusalem;Jerusalén
location|Isfahan||اصفهان;أصفهان;Исфахан;Ісфахан
location|Fordow|Fordo|فردو;فوردو;Фордо
location|Natanz||نطنز;Натанз
location|Strait of Hormuz||تنگه هرمز;مضيق هرمز;Ормузский пролив
location|Persian Gulf||خلیج فارس;Персидский залив;golfe Persique;Persischer Golf;golfo Pérsico
organisation|Islamic Revolutionary Guard Corps|IRGC;Revolutionary Guards|سپاه پاسداران;الحرس الثوري;КСИР
organisation|United Nations|UN;U.N.|سازمان ملل;سازمان ملل متحد;الأمم المتحدة;ООН;Nations unies;Vereinte Nationen;Naciones Unidas
organisation|International Atomic Energy Agency|IAEA|آژانس بین‌المللی انرژی اتمی;الوكالة الدولية للطاقة الذرية;МАГАТЭ;МАГАТЕ;AIEA;OIEA
organisation|Kremlin||کرملین;الكرملين;Кремль
organisation|Pentagon||پنتاگون;البنتاغون;Пентагон
organisation|Hamas||حماس;ХАМАС;Хамас
organisation|Hezbollah||حزب‌الله;حزب الله;Хезболла;Хезболла
person|Vladimir Putin|Putin|پوتین;ولادیمیر پوتین;بوتين;فلاديمير بوتين;Путин;Владимир Путин;Путін;Володимир Путін;Poutine;Wladimir Putin
person|Ali Khamenei|Khamenei|خامنه‌ای;خامنه ای;علی خامنه‌ای;خامنئي;علي خامنئي;Хаменеи;Али Хаменеи;Хаменеї;Chamenei;Jamenei
person|Abbas Araghchi|Araghchi|عراقچی;عباس عراقچی;عراقجي;عباس عراقجي;عراقتشي;Аракчи;Аббас Аракчи;Арагчі;Аракчі
person|Donald Trump|Trump|ترامپ;دونالد ترامپ;ترامب;دونالد ترامب;Трамп;Дональд Трамп
person|Benjamin Netanyahu|Netanyahu|نتانیاهو;بنیامین نتانیاهو;نتنياهو;بنيامين نتنياهو;Нетаньяху;Биньямин Нетаньяху;Нетаньягу
person|Masoud Pezeshkian|Pezeshkian|پزشکیان;مسعود پزشکیان;بزشكيان;مسعود بزشكيان;Пезешкиан;Масуд Пезешкиан
person|Tamim bin Hamad Al Thani|Tamim;Emir Tamim|تمیم بن حمد آل ثانی;تميم بن حمد آل ثاني;Тамим бен Хамад Аль Тани
`

function parse(table: string): MultilingualEntry[] {
  return table
    .trim()
    .split('\n')
    .map((line) => {
      const [kind = '', name = '', aliases = '', forms = ''] = line.split('|')
      const list = (s: string): string[] => [...new Set(s.split(';').filter(Boolean))]
      return {
        kind: kind as MultilingualKind,
        name,
        englishAliases: list(aliases),
        forms: list(forms),
      }
    })
}

/** Every entity of the multilingual table. */
export const MULTILINGUAL: readonly MultilingualEntry[] = parse(TABLE)

const WORD = '[\\p{L}\\p{N}\\p{M}]'
const ARABIC_LETTER = /[\u0620-\u064a\u066e-\u06d3]/
// One-letter clitics Arabic writes onto the next word; Persian writes none, but a form
// behind one is still that name ("وإيران": "and Iran").
const CLITICS = '[وبلفك]'
const CYRILLIC = /^[\u0400-\u04ff-]+$/
// Case endings of Russian and Ukrainian nouns (names inflect like nouns).
const CASE_ENDINGS = [
  'а',
  'я',
  'у',
  'ю',
  'е',
  'ы',
  'и',
  'і',
  'ї',
  'о',
  'ь',
  'й',
  'ой',
  'ей',
  'ою',
  'ею',
  'ом',
  'ем',
  'ам',
  'ям',
  'ах',
  'ях',
  'ами',
  'ями',
  'ов',
  'ев',
  'ів',
  'ым',
  'им',
  'ім',
  'ых',
  'их',
  'ого',
  'его',
  'ому',
  'ему',
  'ую',
  'ая',
  'ое',
  'ые',
  'ий',
  'ый',
  'ої',
  'ій',
  'ові',
  'еві',
]
// Longest first, so that the regex tries "ией" before "и". The "и"/"і" forms keep the
// "и" of "-ия" nouns ("Россия" → "Росс" + "ия", "ии", "ией").
const ENDING_ALTERNATIVES = [
  ...new Set(['', 'и', 'і', ...CASE_ENDINGS, ...CASE_ENDINGS.flatMap((e) => [`и${e}`, `і${e}`])]),
]
  .sort((a, b) => b.length - a.length)
  .join('|')
const STEM_ENDS = /(?:ия|ія|ий|ый|ая|ое|ые|а|я|о|е|ы|и|і|ь|й)$/

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The pattern of one Cyrillic word in any case: its stem, then any ending or none. */
function inflected(word: string): string {
  if (word.length < 4 || /^\p{Lu}+$/u.test(word)) return escape(word) // США, ООН: no cases
  const stem = word.replace(STEM_ENDS, '')
  return `${escape(stem)}(?:${ENDING_ALTERNATIVES})`
}

/**
 * The pattern of a form as it may appear in a text: two groups, the clitic before it (empty
 * when there is none) and the name itself.
 */
function formPattern(form: string): string {
  if (CYRILLIC.test(form.replace(/\s+/g, ''))) {
    const body = form
      .split(/\s+/)
      .map((w) => w.split('-').map(inflected).join('-'))
      .join('\\s+')
    return `()(${body})`
  }
  const body = escape(form)
    .replace(/\s+/g, '\\s+')
    .replace(/\u200c/g, '[\\u200c\\s]?')
  return ARABIC_LETTER.test(form.charAt(0)) ? `(${CLITICS}?)(${body})` : `()(${body})`
}

/** One name found in a text by the multilingual table. */
export interface MultilingualMention {
  start: number
  end: number
  entry: MultilingualEntry
}

let matcher: { re: RegExp; entries: MultilingualEntry[] } | null = null

function buildMatcher(): { re: RegExp; entries: MultilingualEntry[] } {
  const entries: MultilingualEntry[] = []
  const alternatives: string[] = []
  const pairs = MULTILINGUAL.flatMap((entry) => entry.forms.map((form) => ({ entry, form })))
  // Longer forms first, so that "ولادیمیر پوتین" wins over "پوتین" at the same start.
  pairs.sort((a, b) => b.form.length - a.form.length)
  for (const { entry, form } of pairs) {
    entries.push(entry)
    alternatives.push(formPattern(form))
  }
  const re = new RegExp(`(?<!${WORD})(?:${alternatives.join('|')})(?!${WORD})`, 'gu')
  return { re, entries }
}

/**
 * The names of the multilingual table in `text`, as offsets into it, not overlapping. A
 * match behind an Arabic clitic starts after the clitic, so the tag covers the name only.
 */
export function findMultilingualNames(text: string): MultilingualMention[] {
  matcher ??= buildMatcher()
  const { re, entries } = matcher
  const out: MultilingualMention[] = []
  re.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) {
    // Groups come in pairs (clitic, name), one pair per form: find the pair that matched.
    let k = 1
    while (m[k + 1] === undefined) k += 2
    const entry = entries[(k - 1) / 2]!
    out.push({ start: m.index + m[k]!.length, end: m.index + m[0].length, entry })
  }
  return out
}

/**
 * The suggestion key of an entry: its English name in lower case, which is what
 * `normaliseKey` (ner.ts) makes of these names (a test holds the two equal); kept apart so
 * that the reader's bundle can link suggestions without loading the tagger.
 */
export function multilingualKey(entry: MultilingualEntry): string {
  return entry.name.toLowerCase()
}

let namesByKey: Map<string, MultilingualEntry> | null = null

/**
 * The entry whose suggestion key is `key`, if any: its English name and aliases are what a
 * suggestion in another language may be linked to among the case's entities.
 */
export function multilingualEntry(key: string): MultilingualEntry | undefined {
  namesByKey ??= new Map(MULTILINGUAL.map((e) => [multilingualKey(e), e]))
  return namesByKey.get(key)
}
