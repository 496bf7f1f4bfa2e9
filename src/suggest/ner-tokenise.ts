/**
 * The tokeniser and sentence splitter in front of the trained name tagger (`ner-model.ts`).
 * Real documents are not tokenised the way the training news was (CoNLL-2003: one token per
 * word, punctuation, possessive "'s" and "n't" apart, abbreviations such as "U.S." and
 * "Corp." whole, hyphenated words such as "Bre-X" whole), so this cuts plain text into such
 * tokens and keeps each token's exact character offsets: `text.slice(t.start, t.end) ===
 * t.text` always holds. Sentences end at a line break, and after ".", "!" or "?" standing
 * as a token of their own (with any closing quote or bracket after it); a period that
 * belongs to an abbreviation or an initial does not end a sentence.
 */

/** One token with its offsets in the text. */
export interface TextToken {
  start: number
  end: number
  text: string
}

// Abbreviations that keep their period (compared in lower case, without the period).
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'mt',
  'ft',
  'jr',
  'sr',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'cmdr',
  'adm',
  'maj',
  'rep',
  'sen',
  'gov',
  'rev',
  'hon',
  'pres',
  'corp',
  'inc',
  'ltd',
  'co',
  'bros',
  'plc',
  'vs',
  'etc',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'ave',
  'blvd',
  'approx',
  'dept',
  'est',
  'fig',
  'gmt',
])

const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', '{', '«', '<'])
const CLOSERS = new Set([',', ';', ':', '!', '?', '"', '”', '’', "'", ')', ']', '}', '»', '>'])
const TERMINALS = new Set(['.', '!', '?', '...', '…'])
const CLOSING_AFTER_END = new Set(['"', '”', '’', "'", ')', ']', '»'])

function keepsPeriod(word: string): boolean {
  // "U.S.", "J.", "a.m.", "U.S.A." — letters each followed by a period.
  if (/^(?:\p{L}\.)+$/u.test(word)) return true
  // "Corp.", "Mr." — a known abbreviation.
  return ABBREVIATIONS.has(word.slice(0, -1).toLowerCase())
}

/** Splits one whitespace-free chunk into tokens, offsets relative to `offset`. */
function splitChunk(chunk: string, offset: number, out: TextToken[]): void {
  let a = 0
  let b = chunk.length
  const head: TextToken[] = []
  const tail: TextToken[] = []
  const push = (list: TextToken[], s: number, e: number): void => {
    list.push({ start: offset + s, end: offset + e, text: chunk.slice(s, e) })
  }
  while (a < b && OPENERS.has(chunk[a]!)) {
    // An apostrophe before a letter is part of the word ("'s" on its own, "'90s").
    if ((chunk[a] === "'" || chunk[a] === '’') && a + 1 < b && /[\p{L}\p{N}]/u.test(chunk[a + 1]!))
      break
    push(head, a, a + 1)
    a++
  }
  for (;;) {
    if (a >= b) break
    const last = chunk[b - 1]!
    if (CLOSERS.has(last)) {
      // A possessive plural keeps nothing apart: "players'" → "players" + "'".
      push(tail, b - 1, b)
      b--
      continue
    }
    if (last === '.' || last === '…') {
      const word = chunk.slice(a, b)
      if (word.endsWith('...')) {
        if (word.length > 3) {
          push(tail, b - 3, b)
          b -= 3
          continue
        }
        break
      }
      if (last === '.' && word.length > 1 && !word.endsWith('..') && keepsPeriod(word)) break
      if (word.length === 1) break
      push(tail, b - 1, b)
      b--
      continue
    }
    break
  }
  if (a < b) {
    const word = chunk.slice(a, b)
    const clitic = /^(.+?)(['’][sS]|n['’]t|['’](?:re|ve|ll|d|m))$/u.exec(word)
    if (clitic && /\p{L}/u.test(clitic[1]!)) {
      const cut = a + clitic[1]!.length
      push(head, a, cut)
      push(head, cut, b)
    } else {
      push(head, a, b)
    }
  }
  out.push(...head, ...tail.reverse())
}

/** Cuts `text` into sentences of tokens with exact offsets. */
export function tokenise(text: string): TextToken[][] {
  const sentences: TextToken[][] = []
  let lineStart = 0
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart)
    if (lineEnd < 0) lineEnd = text.length
    const tokens: TextToken[] = []
    const chunks = /\S+/g
    const line = text.slice(lineStart, lineEnd)
    for (const m of line.matchAll(chunks)) splitChunk(m[0], lineStart + m.index, tokens)
    let current: TextToken[] = []
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!
      current.push(t)
      if (!TERMINALS.has(t.text)) continue
      while (i + 1 < tokens.length && CLOSING_AFTER_END.has(tokens[i + 1]!.text)) {
        current.push(tokens[++i]!)
      }
      const next = tokens[i + 1]
      // "… said on Monday. the …" is rare; a lower-case word after a period is more often
      // an abbreviation the list does not know than a new sentence.
      if (next && /^\p{Ll}/u.test(next.text)) continue
      sentences.push(current)
      current = []
    }
    if (current.length) sentences.push(current)
    lineStart = lineEnd + 1
  }
  return sentences
}
