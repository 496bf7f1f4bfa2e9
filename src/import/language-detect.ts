/**
 * Guesses the language of an imported document's text when the file did not declare one:
 * Persian, Arabic, Russian, Ukrainian, French, German, Spanish or English. First the
 * script (Arabic, Cyrillic or Latin letters must make up most of the letters), then, within
 * that script, which language's most frequent words (and, for Arabic script and Cyrillic, its
 * own letters: Persian پ چ ژ گ ک ی, Arabic ة ي ك ى, Ukrainian і ї є ґ, Russian ы э ъ ё) the
 * text holds most. It answers only when the evidence is clear: a short text, a text of mixed
 * scripts or one where two languages score alike gives `undefined` ("unknown"), never a
 * wrong guess, and the analyst can set the language in the document's details.
 */

/** The languages this module can recognise, as BCP 47 tags. */
export const DETECTABLE_LANGUAGES = ['en', 'fr', 'de', 'es', 'ru', 'uk', 'fa', 'ar'] as const

/** A language this module can recognise. */
export type DetectableLanguage = (typeof DETECTABLE_LANGUAGES)[number]

/** Fewest words of the winning script a text needs before it is judged at all. */
export const MIN_WORDS = 6
// Share of the letters the dominant script must hold: below it the text is mixed.
const MIN_SCRIPT_SHARE = 0.6
// The winner needs this many points, and this many times the runner-up's.
const MIN_SCORE = 2
const MIN_RATIO = 1.5
// …and points for at least this share of the words: text in a language not listed (Italian
// shares "il" and "a" with French) scores low everywhere.
const MIN_DENSITY = 0.18
// Enough text to judge; a long document is not read whole.
const SAMPLE_CHARS = 20_000

type Script = 'arabic' | 'cyrillic' | 'latin'

const STOP_WORDS: Record<DetectableLanguage, string[]> = {
  en: 'the and of to in is that was for on with said were has have from by are it this which would at a an its after as be not but his their had been who will'.split(
    ' ',
  ),
  fr: 'le les et des du une est que pour dans qui au pas sur il elle sont avec ont aux été cette'.split(
    ' ',
  ),
  de: 'der die das und ist nicht mit den von zu ein eine auf des sich im dem wurde sind hat auch'.split(
    ' ',
  ),
  es: 'el los las y del que en una por con para es se al su fue lo como más pero ha sus'.split(' '),
  ru: 'и в на с не что это как он она из от был была были по к за о его для так же уже при только чтобы'.split(
    ' ',
  ),
  uk: 'і в на у не та що це як він вона з від був була були по до за про його для також вже при тільки але щоб'.split(
    ' ',
  ),
  fa: 'در به از که این را با است برای آن می شد کرد یک های ها خود شده بود نیز اند'.split(' '),
  ar: 'في من على إلى أن التي الذي عن مع هذا هذه كان قال بين بعد كما لم ذلك عند إن'.split(' '),
}

const BY_SCRIPT: Record<Script, DetectableLanguage[]> = {
  latin: ['en', 'fr', 'de', 'es'],
  cyrillic: ['ru', 'uk'],
  arabic: ['fa', 'ar'],
}

// Letters that only one language of its script uses, each worth half a stop word.
const OWN_LETTERS: Partial<Record<DetectableLanguage, RegExp>> = {
  fa: /[\u067e\u0686\u0698\u06af\u06a9\u06cc]/,
  ar: /[\u0629\u064a\u0643\u0649]/,
  uk: /[\u0456\u0457\u0454\u0491]/,
  ru: /[\u044b\u044d\u044a\u0451]/,
}

// Per script, each stop word with a bit set for every language of `BY_SCRIPT` that lists it.
const STOP_MASKS = Object.fromEntries(
  (Object.entries(BY_SCRIPT) as [Script, DetectableLanguage[]][]).map(([script, langs]) => {
    const masks = new Map<string, number>()
    langs.forEach((lang, bit) => {
      for (const w of STOP_WORDS[lang]) masks.set(w, (masks.get(w) ?? 0) | (1 << bit))
    })
    return [script, masks]
  }),
) as Record<Script, Map<string, number>>

function scriptOf(code: number): Script | undefined {
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return 'latin'
  if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) return 'latin'
  if (code >= 0x400 && code <= 0x4ff) return 'cyrillic'
  if (
    (code >= 0x620 && code <= 0x64a) ||
    (code >= 0x66e && code <= 0x6d3) ||
    (code >= 0x6fa && code <= 0x6ff) ||
    (code >= 0x750 && code <= 0x77f) ||
    (code >= 0xfb50 && code <= 0xfdff) ||
    (code >= 0xfe70 && code <= 0xfefc)
  ) {
    return 'arabic'
  }
  return undefined
}

const LETTER = /\p{L}/u

const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u
// For each UTF-16 unit below the surrogates and above ASCII: 0 not yet asked, 1 a letter or
// mark, 2 neither. A Unicode-aware regular expression over the whole text (split or exec)
// took 0.4 ms of a 2,000-character document; a table look-up per character does not.
const WORD_UNIT = new Uint8Array(0x10000)

function isWordUnit(code: number): boolean {
  let known = WORD_UNIT[code]!
  if (known === 0) {
    known = LETTER_OR_MARK.test(String.fromCharCode(code)) ? 1 : 2
    WORD_UNIT[code] = known
  }
  return known === 1
}

/**
 * Calls `visit` with each word of `text` in order: each longest run of letters and marks
 * (Unicode L and M, astral ones included), as `text.split(/[^\p{L}\p{M}]+/u)` gives them.
 */
export function forEachWord(text: string, visit: (word: string) => void): void {
  const n = text.length
  let start = -1
  for (let i = 0; i <= n;) {
    let inWord = false
    let width = 1
    if (i < n) {
      const c = text.charCodeAt(i)
      if (c < 0x80) inWord = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
      else if (c >= 0xd800 && c <= 0xdfff) {
        // A surrogate pair is one code point; a lone surrogate is no letter.
        if (c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
          width = 2
          inWord = LETTER_OR_MARK.test(text.slice(i, i + 2))
        }
      } else inWord = isWordUnit(c)
    }
    if (inWord) {
      if (start < 0) start = i
    } else if (start >= 0) {
      visit(text.slice(start, i))
      start = -1
    }
    i += width
  }
}

/** The script most of the text's letters are in, or `undefined` when none holds most. */
function dominantScript(text: string): Script | undefined {
  const counts: Record<Script, number> = { arabic: 0, cyrillic: 0, latin: 0 }
  let letters = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const script = scriptOf(code)
    if (script) counts[script]++
    // An ASCII character that is not a Latin letter (space, digit, punctuation) is no letter:
    // the Unicode test is kept for the rest (it made a sixth of an import's main-thread time).
    if (script || (code >= 0x80 && LETTER.test(text.charAt(i)))) letters++
  }
  if (!letters) return undefined
  const [best, n] = (Object.entries(counts) as [Script, number][]).sort((a, b) => b[1] - a[1])[0]!
  return n / letters >= MIN_SCRIPT_SHARE ? best : undefined
}

/**
 * The language of `text` (a BCP 47 tag among `DETECTABLE_LANGUAGES`), or `undefined` when
 * the text is too short, mixes scripts, or does not tell two languages apart clearly.
 */
export function detectLanguage(text: string): DetectableLanguage | undefined {
  const sample = text.slice(0, SAMPLE_CHARS)
  const script = dominantScript(sample)
  if (!script) return undefined
  const candidates = BY_SCRIPT[script]
  const stops = STOP_MASKS[script]
  const owns = candidates.map((lang) => OWN_LETTERS[lang])
  const arabic = candidates.indexOf('ar')
  const points = candidates.map(() => 0)
  // One pass over the words (runs of letters and marks) in the script, scoring every
  // candidate at once: a pass per language, over an array of the words, was most of the
  // detector's time, and it runs on every imported document.
  let words = 0
  forEachWord(sample.toLowerCase(), (w) => {
    if (scriptOf(w.charCodeAt(0)) !== script) return
    words++
    const mask = stops.get(w) ?? 0
    for (let i = 0; i < points.length; i++) {
      if (mask & (1 << i)) points[i]! += 1
      if (owns[i]?.test(w)) points[i]! += 0.5
    }
    // The Arabic article: a word in "ال" is common in Arabic, rare in Persian.
    if (arabic >= 0 && w.length > 3 && w.startsWith('ال')) points[arabic]! += 0.5
  })
  if (words < MIN_WORDS) return undefined
  const scores = candidates.map((lang, i) => ({ lang, score: points[i]! }))
  scores.sort((a, b) => b.score - a.score)
  const [first, second] = scores
  if (!first || first.score < Math.max(MIN_SCORE, MIN_DENSITY * words)) return undefined
  if (second && first.score < second.score * MIN_RATIO) return undefined
  return first.lang
}

/** English names of the languages the detector knows, for labels and the language picker. */
export const LANGUAGE_NAMES: Record<DetectableLanguage, string> = {
  en: 'English',
  fr: 'French',
  de: 'German',
  es: 'Spanish',
  ru: 'Russian',
  uk: 'Ukrainian',
  fa: 'Persian',
  ar: 'Arabic',
}

/** A label for a document's language tag: "Persian (fa)", the tag itself, or "unknown". */
export function languageLabel(tag: string | undefined): string {
  if (!tag) return 'Language unknown'
  const primary = tag.toLowerCase().split('-')[0] as DetectableLanguage
  const name = LANGUAGE_NAMES[primary]
  return name ? `${name} (${tag})` : tag
}

/** Whether a language tag is written right to left (Persian, Arabic, Hebrew, Urdu…). */
export function isRightToLeft(language: string | undefined): boolean {
  const primary = (language ?? '').toLowerCase().split('-')[0]
  return ['fa', 'ar', 'he', 'ur', 'ps', 'ckb', 'yi', 'dv', 'sd', 'ug'].includes(primary ?? '')
}
