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
  from: number[]
  /** Original end offset (exclusive) of that character, trailing combining marks included. */
  to: number[]
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

/**
 * Folds `text` for matching, remembering where each folded unit came from. Whitespace runs
 * become one space; combining marks vanish into the character they modify.
 */
function fold(text: string, keepCase = false): Folded {
  let out = ''
  const from: number[] = []
  const to: number[] = []
  let i = 0
  while (i < text.length) {
    const cp = text.codePointAt(i)!
    const ch = String.fromCodePoint(cp)
    const next = i + ch.length
    if (SPACE.test(ch)) {
      let j = next
      let breaks = 0
      for (; j < text.length && SPACE.test(text[j]!); j++) if (text[j] === '\n') breaks++
      // A paragraph break is no space between two words of a name: nothing matches across it.
      out += breaks + (ch === '\n' ? 1 : 0) >= 2 ? '\n' : ' '
      from.push(i)
      to.push(j)
      i = j
      continue
    }
    const f = foldChar(ch, keepCase)
    if (f) {
      for (let k = 0; k < f.length; k++) {
        from.push(i)
        to.push(next)
      }
      out += f
    } else if (to.length) {
      // A lone combining mark (or anything that folds to nothing) belongs to the character
      // before it, so that a match ending there takes the mark along.
      for (let k = to.length - 1; k >= 0 && to[k] === i; k--) to[k] = next
    }
    i = next
  }
  return { text: out, from, to }
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

/** True when `[start, end)` of `text` is not part of a longer word. */
function isWholeWord(text: string, start: number, end: number): boolean {
  const first = charAt(text, start)
  const last = charBefore(text, end)
  const before = charBefore(text, start)
  const after = charAt(text, end)
  const openLeft = !WORD.test(first) || UNSPACED.test(first) || !before || !WORD.test(before)
  const openRight = !WORD.test(last) || UNSPACED.test(last) || !after || !WORD.test(after)
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
        if (sameSpan.has(`${start}:${end}`)) continue
        if (taken.subarray(start, end).includes(1)) continue
        taken.fill(1, start, end)
        found.push({ docId: doc.id, start, end, text: doc.text.slice(start, end) })
      }
    }
    out.push(...found.sort((a, b) => a.start - b.start))
  }
  return out
}
