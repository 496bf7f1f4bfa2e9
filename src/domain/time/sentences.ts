/**
 * Splits a paragraph (or a whole document) into sentences for the date finder, without
 * cutting at the full stops of abbreviations: month names ("Aug. 2", "Sept. 30"), titles
 * ("Mr.", "Gen.", "Sen."), initials and dotted acronyms ("U.S.", "U.N."), "No. 3", "a.m."
 * before a day or a lower-case word. A line break always ends a sentence (Casefile keeps a
 * document's paragraphs and headings as lines). Offsets are into the text given; the
 * splitter only reads, so spans found in a sentence map back by adding its start.
 */

/** One sentence: [start, end) into the text, trimmed of surrounding white space. */
export interface SentenceSpan {
  start: number
  end: number
}

// Words whose full stop is part of the word, not the end of a sentence.
const ABBREVIATIONS = new Set(
  (
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'mr mrs ms dr gen sen rep gov lt col capt sgt maj adm cmdr prof rev st jr sr mt ft gens ' +
    'no nos vs v etc approx dept corp inc ltd co bros est fig ca cf al pp vol ed eds'
  ).split(' '),
)
// After these the next word decides: a capitalised sentence opener ends the sentence.
const WEAK = new Set(['etc', 'inc', 'ltd', 'co', 'corp', 'bros', 'jr', 'sr'])
const DAY_OR_MONTH =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b/i

/** Whether the full stop at `i` ends a sentence. */
function stopEnds(text: string, i: number): boolean {
  let j = i + 1
  while (j < text.length && /["'’”)\]]/.test(text[j]!)) j++
  if (j < text.length && !/\s/.test(text[j]!)) return false
  while (j < text.length && /[^\S\n]/.test(text[j]!)) j++
  if (j >= text.length || text[j] === '\n') return true
  const next = text.slice(j, j + 12)
  // A lower-case word or a number carries on the sentence ("Aug. 2", "the U.S. embassy").
  if (!/^["'‘“(]?\p{Lu}/u.test(next)) return false
  const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, i - 12), i))?.[1] ?? ''
  const lower = word.toLowerCase()
  // Dotted acronyms and initials: "U.S.", "J." — the stop belongs to them.
  if (/^(?:\p{L}\.)+\p{L}?$/u.test(word) || /^\p{Lu}$/u.test(word)) {
    // "a.m. Tuesday" goes on; "10 a.m. The" ends.
    if (/^(?:a\.m|p\.m)$/i.test(word)) return !DAY_OR_MONTH.test(next)
    return false
  }
  if (ABBREVIATIONS.has(lower)) return WEAK.has(lower)
  return true
}

/** Splits `text` into sentences; see the module header. */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = []
  let start = 0
  const push = (end: number) => {
    let a = start
    let b = end
    while (a < b && /\s/.test(text[a]!)) a++
    while (b > a && /\s/.test(text[b - 1]!)) b--
    if (b > a) out.push({ start: a, end: b })
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\n') {
      push(i)
      start = i + 1
    } else if (c === '!' || c === '?' || (c === '.' && stopEnds(text, i))) {
      if (c !== '.' && i + 1 < text.length && !/[\s"'’”)\]]/.test(text[i + 1]!)) continue
      let j = i + 1
      while (j < text.length && /["'’”)\]]/.test(text[j]!)) j++
      push(j)
      start = j
      i = j - 1
    }
  }
  push(text.length)
  return out
}
