/**
 * The languages Casefile's OCR can read, and the guess of which to use for a file. Each is
 * a tesseract.js language whose trained data ships with the app (the `@tesseract.js-data`
 * npm packages, copied into the build by electron.vite.config.ts). Russian has no such
 * package, and the app downloads nothing, so it is not offered: a Cyrillic name without
 * Ukrainian letters is read with the Ukrainian model, which shares the alphabet but for a
 * few letters. The guess looks at the file name only — words such as "farsi" or "arabic",
 * language codes as separate tokens, or the script the name is written in — and falls back
 * to the case's languages, then to English.
 */

/** A language the OCR can read. */
export interface OcrLanguage {
  /** Tesseract's code, also the trained-data file name (`<code>.traineddata.gz`). */
  code: string
  /** The BCP 47 tag of the language. */
  tag: string
  /** Its name, for the import's language choice. */
  label: string
}

/** Every language the OCR can read, in the order the import offers them. */
export const OCR_LANGUAGES: readonly OcrLanguage[] = Object.freeze([
  { code: 'eng', tag: 'en', label: 'English' },
  { code: 'fas', tag: 'fa', label: 'Persian' },
  { code: 'ara', tag: 'ar', label: 'Arabic' },
  { code: 'ukr', tag: 'uk', label: 'Ukrainian' },
])

/** The default when nothing suggests another language. */
export const DEFAULT_OCR_LANGUAGE = 'eng'

const TOKENS: Record<string, string> = {
  en: 'eng',
  eng: 'eng',
  english: 'eng',
  fa: 'fas',
  fas: 'fas',
  per: 'fas',
  farsi: 'fas',
  persian: 'fas',
  parsi: 'fas',
  ar: 'ara',
  ara: 'ara',
  arabic: 'ara',
  uk: 'ukr',
  ua: 'ukr',
  ukr: 'ukr',
  ukrainian: 'ukr',
  // No Russian data ships; the Ukrainian model reads Cyrillic best of those that do.
  ru: 'ukr',
  rus: 'ukr',
  russian: 'ukr',
}

/** The OCR language for a BCP 47 tag ("fa-IR" → "fas"), if one is shipped. */
export function ocrLanguageForTag(tag: string | undefined): string | undefined {
  const primary = (tag ?? '').toLowerCase().split('-')[0] ?? ''
  return OCR_LANGUAGES.find((l) => l.tag === primary)?.code
}

/**
 * The OCR languages to offer first for `fileName` (see the module comment): from the name,
 * else the first of `caseLanguages` (BCP 47 tags) that the OCR reads, else English.
 */
export function guessOcrLanguages(fileName: string, caseLanguages: string[] = []): string[] {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  const stem = base.replace(/\.[^.]*$/, '')
  for (const token of stem.toLowerCase().split(/[^\p{L}]+/u)) {
    const code = TOKENS[token]
    if (code) return [code]
  }
  if (/[پچژگ]/u.test(stem)) return ['fas']
  if (/[\u0600-\u06ff]/u.test(stem)) return /[ی]/u.test(stem) ? ['fas'] : ['ara']
  if (/[\u0400-\u04ff]/u.test(stem)) return ['ukr']
  for (const tag of caseLanguages) {
    const code = ocrLanguageForTag(tag)
    if (code) return [code]
  }
  return [DEFAULT_OCR_LANGUAGE]
}

/** Only the codes the OCR reads, once each, in the given order; English when none is left. */
export function validOcrLanguages(codes: readonly string[]): string[] {
  const known = new Set(OCR_LANGUAGES.map((l) => l.code))
  const kept = [...new Set(codes)].filter((c) => known.has(c))
  return kept.length ? kept : [DEFAULT_OCR_LANGUAGE]
}

/** "English", "Persian + Arabic". */
export function ocrLanguageNames(codes: readonly string[]): string {
  return codes.map((c) => OCR_LANGUAGES.find((l) => l.code === c)?.label ?? c).join(' + ')
}
