/**
 * "Tag all mentions": finds every other place in a case's documents where an actor or
 * location is named — by its name or any alias — so that the analyst can accept each one as
 * a suggestion. Matching is whole-word and ignores case, diacritics, typographic apostrophes
 * and runs of whitespace, yet every span it returns is an exact [start, end) range of the
 * original text, ready to anchor. Longer forms win over the shorter forms inside them
 * ("Islamic Republic of Iran" before "Iran"), and spans that are already tagged are skipped.
 * Pure: no React, no store; fast enough for megabytes of text.
 */
import type { AnnotationRecord, EntityRecord } from '../../domain/types'

/** One place where an entity is named and not yet tagged. */
export interface FoundMention {
  docId: string
  /** Offsets into the document's text, end exclusive (UTF-16, like every anchor). */
  start: number
  end: number
  /** The text as it appears in the document (`text.slice(start, end)`). */
  text: string
}

/**
 * Short all-capital forms ("US", "UN", "IRGC") match only in capitals: "us" and "un" are
 * ordinary words in English and French, and an acronym is written in capitals anyway.
 */
const ACRONYM = /^[\p{Lu}\p{N}]{2,5}$/u

/** Characters that make up words; a match must not continue into one on either side. */
const WORD = /[\p{L}\p{N}\p{M}_]/u

/** Scripts written without spaces between words: no word boundary can be required there. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u

const MARKS = /\p{M}/gu
const SPACE = /\s/u
const APOSTROPHES = /[’‘ʼ`]/g

/** A text folded for matching, with the original range behind each folded character. */
interface Folded {
  text: string
  /** Original start offset of the character that folded unit `i` came from. */
  from: Int32Array
  /** Original end offset (exclusive) of that character, trailing combining marks included. */
  to: Int32Array
}

/** Folds one character (a code point): no diacritics, lower case unless `keepCase`. */
function foldChar(ch: string, keepCase: boolean): string {
  const code = ch.charCodeAt(0)
  if (code < 0x80)
    return keepCase || code < 0x41 || code > 0x5a ? ch : String.fromCharCode(code + 32)
  let f = ch.normalize('NFKD').replace(MARKS, '')
  if (!keepCase) f = f.toLowerCase().normalize('NFKD').replace(MARKS, '')
  return f.replace(APOSTROPHES, "'")
}

// What each character beyond ASCII folds to, by code point (normalising is the slow part, and
// a text repeats few distinct characters); one map per case mode, emptied if it grows large.
const FOLDED = [new Map<number, string>(), new Map<number, string>()] as const
const FOLDED_MAX = 65_536

/** `foldChar` of the code point `cp` (beyond ASCII), remembered. */
function foldCodePoint(cp: number, keepCase: boolean): string {
  const cache = FOLDED[keepCase ? 1 : 0]
  let f = cache.get(cp)
  if (f === undefined) {
    if (cache.size >= FOLDED_MAX) cache.clear()
    f = foldChar(String.fromCodePoint(cp), keepCase)
    cache.set(cp, f)
  }
  return f
}

/** True for a UTF-16 unit that `\s` matches (every whitespace character is one unit). */
function isSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d)
  return SPACE.test(String.fromCharCode(code))
}

/**
 * Folds `text` for matching, remembering where each folded unit came from. Whitespace runs
 * become one space; combining marks vanish into the character they modify. One pass over the
 * UTF-16 units into typed arrays: ASCII, almost all of most texts, is folded by arithmetic.
 */
function fold(text: string, keepCase = false): Folded {
  let units = new Uint16Array(text.length + 16)
  let from = new Int32Array(units.length)
  let to = new Int32Array(units.length)
  let n = 0
  let surrogates = false
  const push = (unit: number, start: number, end: number) => {
    if (n === units.length) {
      // A character folded to more than one unit (a ligature, "ß"): make room.
      const grown = units.length * 2
      units = copyInto(new Uint16Array(grown), units)
      from = copyInto(new Int32Array(grown), from)
      to = copyInto(new Int32Array(grown), to)
    }
    units[n] = unit
    from[n] = start
    to[n] = end
    n++
  }
  let i = 0
  while (i < text.length) {
    const code = text.charCodeAt(i)
    if (isSpace(code)) {
      let j = i + 1
      let breaks = 0
      for (; j < text.length && isSpace(text.charCodeAt(j)); j++) {
        if (text.charCodeAt(j) === 0x0a) breaks++
      }
      // A paragraph break is no space between two words of a name: nothing matches across it.
      push(breaks + (code === 0x0a ? 1 : 0) >= 2 ? 0x0a : 0x20, i, j)
      i = j
      continue
    }
    if (code < 0x80) {
      push(keepCase || code < 0x41 || code > 0x5a ? code : code + 32, i, i + 1)
      i++
      continue
    }
    const cp = text.codePointAt(i)!
    const next = i + (cp > 0xffff ? 2 : 1)
    const f = foldCodePoint(cp, keepCase)
    if (f) {
      for (let k = 0; k < f.length; k++) {
        const unit = f.charCodeAt(k)
        if (unit >= 0xd800 && unit <= 0xdfff) surrogates = true
        push(unit, i, next)
      }
    } else if (n) {
      // A lone combining mark (or anything that folds to nothing) belongs to the character
      // before it, so that a match ending there takes the mark along.
      for (let k = n - 1; k >= 0 && to[k] === i; k--) to[k] = next
    }
    i = next
  }
  return {
    text: unitsToString(units, n, surrogates),
    from: from.subarray(0, n),
    to: to.subarray(0, n),
  }
}

/** `into` with `from` copied to its start. */
function copyInto<T extends Uint16Array | Int32Array>(into: T, from: T): T {
  into.set(from)
  return into
}

const UTF16 = new TextDecoder('utf-16le')

/**
 * The first `n` UTF-16 units of `units` as a string. Decoded at once when `surrogates` is
 * false; else a piece at a time, so that a lone surrogate stays as it is (a decoder would
 * replace it, and the folded text must keep one unit for each unit folded).
 */
function unitsToString(units: Uint16Array, n: number, surrogates: boolean): string {
  if (!surrogates) return UTF16.decode(units.subarray(0, n))
  const parts: string[] = []
  for (let at = 0; at < n; at += 8192) {
    parts.push(String.fromCharCode(...units.subarray(at, Math.min(n, at + 8192))))
  }
  return parts.join('')
}

/** The code point ending just before `offset`, or '' at the start. */
function charBefore(text: string, offset: number): string {
  if (offset <= 0) return ''
  const low = text.charCodeAt(offset - 1)
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) return text.slice(offset - 2, offset)
  return text[offset - 1]!
}

/** The code point starting at `offset`, or '' at the end. */
function charAt(text: string, offset: number): string {
  if (offset >= text.length) return ''
  return String.fromCodePoint(text.codePointAt(offset)!)
}

/**
 * What a character (a code point, or '') is to a word boundary: 0 not part of a word, 1 part
 * of one, 2 part of one in a script written without spaces (no boundary needed). ASCII, the
 * characters around most matches, is told apart without the Unicode classes.
 */
function wordKind(ch: string): 0 | 1 | 2 {
  if (!ch) return 0
  const c = ch.charCodeAt(0)
  if (c < 0x80) {
    const word =
      (c >= 0x30 && c <= 0x39) || c === 0x5f || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)
    return word ? 1 : 0
  }
  return !WORD.test(ch) ? 0 : UNSPACED.test(ch) ? 2 : 1
}

/** True when `[start, end)` of `text` is not part of a longer word. */
function isWholeWord(text: string, start: number, end: number): boolean {
  // Open on a side when the match's own character there is no word character (or one of a
  // script without spaces), or the text beyond it is not a word character.
  const openLeft = wordKind(charAt(text, start)) !== 1 || wordKind(charBefore(text, start)) === 0
  const openRight = wordKind(charBefore(text, end)) !== 1 || wordKind(charAt(text, end)) === 0
  return openLeft && openRight
}

interface Form {
  pattern: string
  keepCase: boolean
}

/** The entity's name and aliases as distinct folded patterns, longest first. */
function formsOf(entity: Pick<EntityRecord, 'name' | 'aliases'>): Form[] {
  const seen = new Set<string>()
  const forms: Form[] = []
  for (const raw of [entity.name, ...entity.aliases]) {
    const trimmed = raw.trim()
    const keepCase = ACRONYM.test(trimmed)
    const pattern = fold(trimmed, keepCase).text
    const key = `${keepCase ? 'A' : 'a'}${pattern}`
    if (!pattern.trim() || seen.has(key)) continue
    seen.add(key)
    forms.push({ pattern, keepCase })
  }
  return forms.sort((a, b) => b.pattern.length - a.pattern.length)
}

/** True when any offset of `[start, end)` is marked in `taken`. */
function isTaken(taken: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (taken[i]) return true
  return false
}

/**
 * Every untagged place in `docs` where `entity` is named, in document order then by offset.
 *
 * - Matches the name and each alias as whole words, ignoring case and diacritics ("iran",
 *   "IRAN", "Irán"); short all-capital forms such as "US" match in capitals only.
 * - Longer forms are matched first and a shorter form never matches inside a longer one's
 *   span, so the results never overlap.
 * - Skips spans already tagged for this entity, and spans that overlap any existing actor or
 *   location tag (the analyst already decided what those words are).
 *
 * `existing` may hold the annotations of the whole case; those of other documents are ignored.
 */
export function findMentions(
  entity: Pick<EntityRecord, 'id' | 'name' | 'aliases'>,
  docs: readonly { id: string; text: string }[],
  existing: readonly AnnotationRecord[],
): FoundMention[] {
  const forms = formsOf(entity)
  if (!forms.length) return []
  const needsCase = forms.some((f) => f.keepCase)
  const needsFold = forms.some((f) => !f.keepCase)
  const out: FoundMention[] = []
  for (const doc of docs) {
    // Offsets already spoken for: by an actor or location tag, or by a longer form's match.
    const taken = new Uint8Array(doc.text.length)
    const sameSpan = new Set<string>()
    for (const a of existing) {
      if (a.docId !== doc.id) continue
      if (a.kind === 'actor' || a.kind === 'location') taken.fill(1, a.start, a.end)
      if (a.entityId === entity.id) sameSpan.add(`${a.start}:${a.end}`)
    }
    const folded = needsFold ? fold(doc.text) : undefined
    const cased = needsCase ? fold(doc.text, true) : undefined
    const found: FoundMention[] = []
    for (const form of forms) {
      const f = (form.keepCase ? cased : folded)!
      for (
        let at = f.text.indexOf(form.pattern);
        at >= 0;
        at = f.text.indexOf(form.pattern, at + 1)
      ) {
        const last = at + form.pattern.length - 1
        // A match must begin and end on whole characters, not inside a ligature's expansion.
        if (at > 0 && f.from[at - 1] === f.from[at]) continue
        if (last + 1 < f.text.length && f.from[last + 1] === f.from[last]) continue
        const start = f.from[at]!
        const end = f.to[last]!
        if (!isWholeWord(doc.text, start, end)) continue
        if (sameSpan.size && sameSpan.has(`${start}:${end}`)) continue
        if (isTaken(taken, start, end)) continue
        taken.fill(1, start, end)
        found.push({ docId: doc.id, start, end, text: doc.text.slice(start, end) })
      }
    }
    out.push(...found.sort((a, b) => a.start - b.start))
  }
  return out
}
