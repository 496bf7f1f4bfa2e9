/**
 * The text side of case search: folding text for case- and diacritic-insensitive matching,
 * splitting it into index keys, parsing what the analyst typed into query units, finding
 * those units in a document, and cutting snippets around them. Folding keeps every UTF-16
 * code unit in place, so a match found in folded text has the same offsets in the stored
 * text: snippets and highlights are always slices of, and offsets into, the original.
 * Arabic and Persian text folds the same way: letter variants are one letter (ي/ی, ك/ک, ة/ه,
 * أ/إ/آ/ا), Persian and Arabic-Indic digits are 0–9, and tashkeel, tatweel and the zero-width
 * non-joiner are transparent like combining accents. Russian and Ukrainian terms of a query
 * are stemmed (cyrillic-stem.ts) and matched as prefixes, so "Москва" finds "Москве".
 * Pure functions, no FlexSearch, no DOM: used by the worker and by unit tests alike.
 */
import { isCyrillicWord, stemCyrillic } from './cyrillic-stem'

/** Query unit: one word (exact, or a prefix while it is being typed) or a quoted phrase. */
export type QueryUnit =
  | { kind: 'term'; word: string; prefix: boolean }
  | { kind: 'phrase'; words: string[]; prefix: boolean }

/** One occurrence of a query unit in a text, as offsets into that text. */
export interface TextMatch {
  start: number
  end: number
  /** Index of the unit in the parsed query. */
  unit: number
}

/** A passage of a document's text around matches, with highlight ranges inside it. */
export interface Snippet {
  /** Exactly `docText.slice(start, start + text.length)`. */
  text: string
  /** Offset of the snippet in the document text. */
  start: number
  /** `[from, to)` offsets relative to `text`, sorted, not overlapping. */
  highlights: [number, number][]
}

/** Longest query the parser reads; the rest is ignored. */
export const MAX_QUERY_CHARS = 500
/** Most units (terms and phrases) a query may have; later ones are ignored. */
export const MAX_QUERY_UNITS = 12
/** Target length of a snippet in characters. */
export const SNIPPET_CHARS = 160
/** Most snippets per document. */
export const MAX_SNIPPETS = 3

// Letters that may carry accents: Latin-1 and Latin Extended, Greek, Cyrillic, Arabic
// script, Latin and Greek Extended. Punctuation such as curly quotes is left alone, which
// keeps folding cheap.
const ACCENTABLE = /[\u00c0-\u024f\u0370-\u04ff\u0620-\u06ff\u1e00-\u1fff]/g
const MARK_RUNS = /\p{M}+/gu
// Combining accents, as left by decomposed (NFD) text: transparent inside a word. The
// class is built at run time because lint reads a literal class of marks as misleading.
const COMBINING_RANGES: [number, number][] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
  // Arabic script: Quranic signs, tashkeel (harakat, tanwin, shadda, sukun), the dagger alef,
  // tatweel (a stretching stroke), and the zero-width non-joiner Persian writes inside words
  // ("خامنه‌ای"): a query typed with or without any of them finds the word.
  [0x0610, 0x061a],
  [0x0640, 0x0640],
  [0x064b, 0x065f],
  [0x0670, 0x0670],
  [0x06d6, 0x06ed],
  [0x200c, 0x200c],
]
const hex = (code: number): string => `\\u${code.toString(16).padStart(4, '0')}`
const COMBINING_CLASS = `[${COMBINING_RANGES.map(([a, b]) => `${hex(a)}-${hex(b)}`).join('')}]`
const COMBINING = new RegExp(COMBINING_CLASS)
const COMBINING_RUNS = new RegExp(`${COMBINING_CLASS}+`, 'g')
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u
const QUOTES = /["\u201c\u201d\u201e\u201f\u00ab\u00bb]/
const LEADING_JUNK = /[\s,;:.!?)\]}]/
const MAX_SEPARATOR = 8
// Letters that carry a stroke rather than a combining mark, so NFD leaves them alone.
const STROKES: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  ŧ: 't',
  ŀ: 'l',
  ƚ: 'l',
  ɨ: 'i',
  ƀ: 'b',
  ς: 'σ',
  // Arabic and Persian spellings of one letter (after NFD has taken hamza and madda off
  // أ إ آ ؤ ئ): Arabic yeh and alef maksura → Persian yeh, kaf → keheh, teh marbuta and
  // heh with yeh → heh. Both directions of the ي/ی pair fold to the same letter.
  ي: 'ی',
  ى: 'ی',
  ك: 'ک',
  ة: 'ه',
  ۀ: 'ه',
  ە: 'ه',
}
// Arabic-Indic (٠–٩) and Persian (۰–۹) digits.
for (let d = 0; d < 10; d++) {
  STROKES[String.fromCharCode(0x660 + d)] = String(d)
  STROKES[String.fromCharCode(0x6f0 + d)] = String(d)
}

const foldCache = new Map<string, string>()
// Word-character class of each UTF-16 code unit, filled on first sight: 1 word, 2 not.
// Code units rather than code points: a letter outside the BMP counts as a separator,
// the same way for documents and queries.
const charClass = new Uint8Array(0x10000)

function isWordCode(code: number): boolean {
  let c = charClass[code]!
  if (c === 0) {
    c = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2
    charClass[code] = c
  }
  return c === 1
}

/** Whether the code unit at `i` is part of a word (a letter, digit or mark). */
export function isWordCharAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && isWordCode(text.charCodeAt(i))
}

/**
 * Folds one UTF-16 code unit to its lower-case base letter ("É" → "e", "Ł" → "l"). Always
 * returns exactly one code unit: a letter whose folding would change the length ("ß",
 * "İ") folds to its plain lower case or stays as it is, and a combining mark stays a mark.
 */
export function foldChar(ch: string): string {
  let folded = foldCache.get(ch)
  if (folded !== undefined) return folded
  const base = ch.normalize('NFD').replace(MARK_RUNS, '').toLowerCase()
  folded = STROKES[base] ?? base
  if (folded.length !== 1) {
    const lower = ch.toLowerCase()
    folded = lower.length === 1 ? (STROKES[lower] ?? lower) : ch
  }
  foldCache.set(ch, folded)
  return folded
}

/**
 * Folds a text for matching: lower case, diacritics removed from Latin, Greek and Cyrillic
 * letters. The result has the same length as the input and each code unit stays at its
 * offset. Documents and queries go through this same function, so they always agree.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase()
  if (lower.length !== text.length) {
    // A rare length-changing lower-casing ("İ"): fold unit by unit instead.
    let out = ''
    for (let i = 0; i < text.length; i++) out += foldChar(text.charAt(i))
    return out
  }
  ACCENTABLE.lastIndex = 0
  return ACCENTABLE.test(lower) ? lower.replace(ACCENTABLE, foldChar) : lower
}

/** The words of a text as folded index keys, in reading order, duplicates kept. */
export function textWords(text: string): string[] {
  let folded = foldText(text)
  if (COMBINING.test(folded)) folded = folded.replace(COMBINING_RUNS, '')
  const words: string[] = []
  let start = -1
  for (let i = 0; i < folded.length; i++) {
    if (isWordCode(folded.charCodeAt(i))) {
      if (start < 0) start = i
    } else if (start >= 0) {
      words.push(folded.slice(start, i))
      start = -1
    }
  }
  if (start >= 0) words.push(folded.slice(start))
  return words
}

/**
 * Parses what the analyst typed. Words outside quotes are terms, except that words joined
 * by punctuation without a space ("al-Assad", "Iran's", "U.S.") form a phrase; words inside
 * a pair of quotes ("…", “…”) form a phrase, and a quote left open runs to the end. When the
 * query ends in the middle of a word (the analyst is still typing it), the last unit
 * matches that word as a prefix. A Russian or Ukrainian word of more than three letters
 * (a term, or a phrase's last word) is stemmed and also matched as a prefix. Duplicates are
 * dropped; case and diacritics are folded.
 */
export function parseQuery(query: string): QueryUnit[] {
  const q = query.slice(0, MAX_QUERY_CHARS)
  const units: QueryUnit[] = []
  const seen = new Set<string>()
  const push = (words: string[], prefix: boolean): void => {
    if (!words.length || units.length >= MAX_QUERY_UNITS) return
    // A Russian or Ukrainian word (a term, or a phrase's last word) is looked for by its
    // stem, as a prefix: its other forms are other endings on the same stem.
    const last = words[words.length - 1]!
    if (isCyrillicWord(last) && last.length > 3) {
      words = [...words.slice(0, -1), stemCyrillic(last)]
      prefix = true
    }
    const key = `${words.join(' ')}|${prefix}`
    if (seen.has(key)) return
    seen.add(key)
    units.push(
      words.length === 1
        ? { kind: 'term', word: words[0]!, prefix }
        : { kind: 'phrase', words, prefix },
    )
  }
  const flush = (segment: string, quoted: boolean, atEnd: boolean): void => {
    const prefix = atEnd && isWordCharAt(segment, segment.length - 1)
    const groups = quoted ? [segment] : segment.split(/\s+/)
    const last = groups.length - 1
    groups.forEach((group, i) => push(textWords(group), prefix && i === last))
  }
  let inQuote = false
  let segment = ''
  for (const ch of q) {
    if (QUOTES.test(ch)) {
      flush(segment, inQuote, false)
      segment = ''
      inQuote = !inQuote
    } else segment += ch
  }
  flush(segment, inQuote, true)
  return units
}

function unitWords(unit: QueryUnit): string[] {
  return unit.kind === 'term' ? [unit.word] : unit.words
}

/**
 * The pattern of a unit for text with combining accents, which may follow any letter.
 * Keys hold only letters, digits and marks, so nothing needs escaping.
 */
function markedPattern(unit: QueryUnit): RegExp {
  const accents = `${COMBINING_CLASS}*`
  const word = (w: string): string => Array.from(w, (c) => c + accents).join('')
  const body = unitWords(unit).map(word).join(`[^\\p{L}\\p{N}\\p{M}]{1,${MAX_SEPARATOR}}`)
  const after = unit.prefix ? '[\\p{L}\\p{N}\\p{M}]*' : '(?![\\p{L}\\p{N}\\p{M}])'
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])${body}${after}`, 'gu')
}

/** A parsed query ready to run over many documents. */
export interface CompiledQuery {
  units: QueryUnit[]
  /** Unit indexes, phrases first. */
  order: number[]
  /** Patterns for texts with combining accents, made on first need. */
  marked?: RegExp[]
}

/** Prepares the units of a query for matching. */
export function compileQuery(units: QueryUnit[]): CompiledQuery {
  const order = units.map((_, i) => i)
  order.sort((a, b) => Number(units[b]!.kind === 'phrase') - Number(units[a]!.kind === 'phrase'))
  return { units, order }
}

/** End of the unit's match starting at `at` (where its first word was found), or -1. */
function matchFrom(folded: string, at: number, words: string[], prefix: boolean): number {
  let pos = at
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!
    if (k > 0) {
      const from = pos
      while (pos < folded.length && pos - from <= MAX_SEPARATOR) {
        if (isWordCode(folded.charCodeAt(pos))) break
        pos++
      }
      if (pos === from || pos - from > MAX_SEPARATOR || !folded.startsWith(word, pos)) return -1
    }
    pos += word.length
    if (k === words.length - 1 && prefix) {
      while (pos < folded.length && isWordCode(folded.charCodeAt(pos))) pos++
    } else if (pos < folded.length && isWordCode(folded.charCodeAt(pos))) return -1
  }
  return pos
}

/** A text with its folded form, ready for matching. */
export interface PreparedText {
  text: string
  folded: string
  /** Whether the text holds combining accents (decomposed text), which needs the slow path. */
  combining: boolean
}

/** Folds a text once for matching any number of units. */
export function prepareText(text: string): PreparedText {
  const folded = foldText(text)
  return { text, folded, combining: COMBINING.test(folded) }
}

/**
 * Appends the occurrences of one unit in a prepared text to `out` (at most `cap`), as
 * offsets into the original text; returns how many were found.
 */
export function findUnit(
  prepared: PreparedText,
  query: CompiledQuery,
  unit: number,
  out: TextMatch[],
  cap = 200,
): number {
  const { folded } = prepared
  let n = 0
  if (prepared.combining) {
    query.marked ??= query.units.map(markedPattern)
    const re = query.marked[unit]!
    re.lastIndex = 0
    let m: RegExpExecArray | null
    for (; n < cap && (m = re.exec(folded)) !== null; n++) {
      out.push({ start: m.index, end: m.index + m[0].length, unit })
    }
    return n
  }
  const u = query.units[unit]!
  const words = unitWords(u)
  const first = words[0]!
  for (let from = 0; n < cap;) {
    const at = folded.indexOf(first, from)
    if (at < 0) break
    from = at + 1
    if (at > 0 && isWordCode(folded.charCodeAt(at - 1))) continue
    const end = matchFrom(folded, at, words, u.prefix)
    if (end < 0) continue
    out.push({ start: at, end, unit })
    from = end
    n++
  }
  return n
}

/** Orders matches by start, the longer first where two start together. */
export function sortMatches(matches: TextMatch[]): TextMatch[] {
  return matches.sort((a, b) => a.start - b.start || b.end - a.end)
}

/**
 * Finds every occurrence of every unit in a text (at most `cap` per unit), sorted by start.
 * Offsets are into the given (unfolded) text.
 */
export function findMatches(text: string, query: CompiledQuery, cap = 200): TextMatch[] {
  const prepared = prepareText(text)
  const matches: TextMatch[] = []
  query.units.forEach((_, unit) => findUnit(prepared, query, unit, matches, cap))
  return sortMatches(matches)
}

function paragraphStart(text: string, at: number): number {
  const i = text.lastIndexOf('\n\n', at)
  return i < 0 ? 0 : i + 2
}

function paragraphEnd(text: string, at: number): number {
  const i = text.indexOf('\n\n', at)
  return i < 0 ? text.length : i
}

function isSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0
}

/**
 * Cuts a window of about `SNIPPET_CHARS` around `[a, b)` that stays inside `[lo, hi)`, then
 * moves its edges inward to word boundaries (never past `a` or `b`) and trims white space.
 */
function cutWindow(text: string, a: number, b: number, lo: number, hi: number): [number, number] {
  const pad = Math.max(0, SNIPPET_CHARS - (b - a))
  let start = Math.max(lo, a - Math.floor(pad / 2))
  let end = Math.min(hi, start + Math.max(SNIPPET_CHARS, b - a))
  start = Math.max(lo, Math.min(start, end - Math.max(SNIPPET_CHARS, b - a)))
  if (start < a && isWordCharAt(text, start - 1)) {
    while (start < a && isWordCharAt(text, start)) start++
  }
  while (start < a && LEADING_JUNK.test(text.charAt(start))) start++
  if (end > b && isWordCharAt(text, end)) {
    while (end > b && isWordCharAt(text, end - 1)) end--
  }
  while (end > b && isSpace(text, end - 1)) end--
  // Never split a surrogate pair at either edge.
  if (start < a && /[\udc00-\udfff]/.test(text.charAt(start))) start++
  if (end > b && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end--
  return [start, end]
}

/** Turns matches inside `[start, end)` into sorted, merged highlight ranges relative to `start`. */
function highlightsIn(matches: TextMatch[], start: number, end: number): [number, number][] {
  const out: [number, number][] = []
  for (const m of matches) {
    if (m.start < start || m.end > end) continue
    const last = out[out.length - 1]
    if (last && m.start - start < last[1]) last[1] = Math.max(last[1], m.end - start)
    else out.push([m.start - start, m.end - start])
  }
  return out
}

/**
 * Picks up to `MAX_SNIPPETS` passages of `text` around `matches` (sorted by start): the best
 * first, where a passage is better when it shows more distinct query units, then more
 * matches. Passages do not overlap and do not cross a blank line. With no matches, returns
 * the opening of the text without highlights.
 */
export function makeSnippets(text: string, matches: TextMatch[]): Snippet[] {
  if (!text) return []
  if (!matches.length) {
    const [s, e] = cutWindow(text, 0, 0, 0, paragraphEnd(text, 0))
    return e > s ? [{ text: text.slice(s, e), start: s, highlights: [] }] : []
  }
  const used: [number, number][] = []
  let remaining = matches
  const snippets: Snippet[] = []
  while (remaining.length && snippets.length < MAX_SNIPPETS) {
    let best = { i: 0, j: 0, quality: -1 }
    for (let i = 0; i < remaining.length; i++) {
      const first = remaining[i]!
      const units = new Set<number>()
      const blank = text.indexOf('\n\n', first.end)
      let j = i
      while (j < remaining.length) {
        const m = remaining[j]!
        if (m.end - first.start > SNIPPET_CHARS) break
        if (used.some(([s]) => s >= first.start && s < m.end)) break
        if (j > i && blank >= 0 && blank < m.start) break
        units.add(m.unit)
        j++
      }
      const quality = units.size * 1000 + (j - i)
      if (quality > best.quality) best = { i, j: Math.max(j, i + 1), quality }
    }
    const cluster = remaining.slice(best.i, best.j)
    const a = cluster[0]!.start
    const b = Math.max(...cluster.map((m) => m.end))
    let lo = paragraphStart(text, a)
    let hi = paragraphEnd(text, b)
    for (const [s, e] of used) {
      if (e <= a) lo = Math.max(lo, e)
      if (s >= b) hi = Math.min(hi, s)
    }
    const [start, end] = cutWindow(text, a, b, lo, hi)
    used.push([start, end])
    snippets.push({
      text: text.slice(start, end),
      start,
      highlights: highlightsIn(matches, start, end),
    })
    remaining = remaining.filter((m) => m.end <= start || m.start >= end)
  }
  return snippets
}

/** Highlight ranges for matches in a short text (a title): all of them, merged. */
export function highlightAll(matches: TextMatch[], length: number): [number, number][] {
  return highlightsIn(matches, 0, length)
}
