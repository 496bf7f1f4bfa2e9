/**
 * The features and tag set of the trained name tagger, shared by training
 * (`ner-train.ts`) and tagging (`ner-model.ts`) so that both see exactly the same thing.
 * Tags are BILOU over CoNLL's four types (17 tags with O). A token's static features are
 * its word, lower case, shape, prefixes and suffixes, the words and shapes two either side,
 * word and shape bigrams, whether it starts its sentence or sits in an all-capitals
 * headline, gazetteer hits (states, demonyms, known places and organisations, titles and
 * organisation heads) and two document-wide clues: whether the word is also seen in lower
 * case, and capitalised away from a sentence start, elsewhere in the same document; and
 * whether a capitalised word is one the training news nearly always wrote in lower case
 * ("Also", "Good", "Editing": a common word, capitalised by position only). The
 * history features are the two previous tags and the type this word last received in the
 * document. Feature names are short strings, the keys of the weights file.
 */
import { NAMED, ORG_HEADS, STATES, TITLE_WORDS } from './gazetteer'
import type { TextToken } from './ner-tokenise'

/** CoNLL's entity types, in the order the tag set uses. */
export const TYPES = ['PER', 'LOC', 'ORG', 'MISC'] as const

/** One CoNLL entity type. */
export type NameType = (typeof TYPES)[number]

/** The tag set: O, then B-, I-, L-, U- of each type. */
export const TAGS: readonly string[] = [
  'O',
  ...TYPES.flatMap((t) => [`B-${t}`, `I-${t}`, `L-${t}`, `U-${t}`]),
]

const TAG_INDEX = new Map(TAGS.map((t, i) => [t, i]))

/** A tag's index. */
export function tagIndex(tag: string): number {
  const i = TAG_INDEX.get(tag)
  if (i === undefined) throw new Error(`Unknown tag ${tag}`)
  return i
}

/** Whether tag `next` may follow tag `prev` (-1: sentence start) under BILOU. */
export function allowed(prev: number, next: number, last: boolean): boolean {
  const p = prev < 0 ? 'O' : TAGS[prev]!
  const n = TAGS[next]!
  const open = p[0] === 'B' || p[0] === 'I'
  if (open)
    return (n[0] === 'I' || n[0] === 'L') && n.slice(2) === p.slice(2) && !(last && n[0] === 'I')
  if (n[0] === 'I' || n[0] === 'L') return false
  return !(last && n[0] === 'B')
}

/**
 * One step of greedy decoding: the best tag allowed after `prev`. When `prev` left a name
 * open but this token's best tag of all says the name is over (O, or a new name), the name
 * is closed at the previous token instead (B → U, I → L) — otherwise one doubtful B would
 * drag "Ministry said in January" into a name. Returns the tag and the previous tag as it
 * now stands.
 */
export function decodeStep(
  scores: ArrayLike<number>,
  prev: number,
  last: boolean,
): { tag: number; prev: number } {
  let p = prev
  const pick = (): number => {
    let best = -1
    for (let t = 0; t < TAGS.length; t++) {
      if (allowed(p, t, last) && (best < 0 || scores[t]! > scores[best]!)) best = t
    }
    return best
  }
  let best = pick()
  const open = p >= 0 && (TAGS[p]![0] === 'B' || TAGS[p]![0] === 'I')
  if (open) {
    let free = 0
    for (let t = 1; t < TAGS.length; t++) if (scores[t]! > scores[free]!) free = t
    const f = TAGS[free]!
    if (f === 'O' || f[0] === 'B' || f[0] === 'U') {
      p = tagIndex(`${TAGS[p]![0] === 'B' ? 'U' : 'L'}-${TAGS[p]!.slice(2)}`)
      best = pick()
    }
  }
  return { tag: best, prev: p }
}

// Multi-word gazetteer entries by first word: [words, label].
const GAZ = new Map<string, [string[], string][]>()
function addGaz(form: string, label: string): void {
  const words = form.split(/\s+/)
  const list = GAZ.get(words[0]!) ?? []
  list.push([words, label])
  GAZ.set(words[0]!, list)
}
for (const s of STATES) {
  for (const f of [s.name, ...s.aliases]) addGaz(f, 'st')
  for (const f of s.demonyms) addGaz(f, 'dm')
}
for (const [form, entry] of NAMED) addGaz(form, entry.kind === 'location' ? 'lc' : 'og')
for (const list of GAZ.values()) list.sort((a, b) => b[0].length - a[0].length)

/** What the features need of a document beyond its tokens. */
export interface DocumentClues {
  /** Lower-cased words seen in lower case. */
  lower: Set<string>
  /** Lower-cased words seen capitalised away from a sentence start. */
  midCaps: Set<string>
  /** Words that the training news wrote in lower case nearly always (from the weights file). */
  common: ReadonlySet<string>
}

/** Collects the document-wide clues of a tokenised document. */
export function documentClues(
  sentences: TextToken[][],
  common: ReadonlySet<string> = new Set(),
): DocumentClues {
  const lower = new Set<string>()
  const midCaps = new Set<string>()
  for (const s of sentences) {
    if (isHeadline(s)) continue
    s.forEach((t, i) => {
      if (/^\p{Ll}/u.test(t.text)) lower.add(t.text)
      else if (i > 0 && /^\p{Lu}/u.test(t.text) && /\p{Ll}/u.test(t.text)) {
        midCaps.add(t.text.toLowerCase())
      }
    })
  }
  return { lower, midCaps, common }
}

/** A sentence written in capitals (headlines, datelines). */
export function isHeadline(sentence: TextToken[]): boolean {
  let upper = 0
  let letters = 0
  for (const t of sentence) {
    for (const c of t.text) {
      if (/\p{Lu}/u.test(c)) upper++
      if (/\p{L}/u.test(c)) letters++
    }
  }
  return letters >= 4 && upper / letters > 0.8
}

/** The shape of a word: X upper, x lower, d digit; runs of one class collapsed. */
export function shape(word: string): string {
  let out = ''
  let last = ''
  for (const c of word) {
    const k = /\p{Lu}/u.test(c) ? 'X' : /\p{Ll}/u.test(c) ? 'x' : /\p{N}/u.test(c) ? 'd' : c
    if (k !== last) out += k
    last = k
  }
  return out.length > 8 ? out.slice(0, 8) : out
}

const norm = (w: string): string => w.replace(/\p{N}/gu, '0')

function gazetteerLabels(words: string[]): string[] {
  const labels = words.map(() => '')
  for (let i = 0; i < words.length; i++) {
    const list = GAZ.get(words[i]!)
    if (!list) continue
    for (const [entry, label] of list) {
      if (entry.every((w, k) => words[i + k] === w)) {
        for (let k = 0; k < entry.length; k++) {
          labels[i + k] ||= `${label}${entry.length === 1 ? 'U' : k === 0 ? 'B' : 'I'}`
        }
        break
      }
    }
  }
  return labels
}

/** The static features of every token of one sentence. */
export function sentenceFeatures(sentence: TextToken[], clues: DocumentClues): string[][] {
  const words = sentence.map((t) => t.text)
  const lows = words.map((w) => norm(w.toLowerCase()))
  const shapes = words.map(shape)
  const gaz = gazetteerLabels(words)
  const headline = isHeadline(sentence)
  const at = (list: string[], i: number): string =>
    i < 0 ? '<s>' : i >= list.length ? '</s>' : list[i]!
  return words.map((word, i) => {
    const l = lows[i]!
    const s = shapes[i]!
    const f = [
      'b',
      `w=${norm(word)}`,
      `l=${l}`,
      `s=${s}`,
      `l-1=${at(lows, i - 1)}`,
      `l-2=${at(lows, i - 2)}`,
      `l+1=${at(lows, i + 1)}`,
      `l+2=${at(lows, i + 2)}`,
      `s-1=${at(shapes, i - 1)}`,
      `s+1=${at(shapes, i + 1)}`,
      `ss-=${at(shapes, i - 1)}|${s}`,
      `ss+=${s}|${at(shapes, i + 1)}`,
      `sss=${at(shapes, i - 1)}|${s}|${at(shapes, i + 1)}`,
      `ll-=${at(lows, i - 1)}|${l}`,
      `ll+=${l}|${at(lows, i + 1)}`,
      `w-1=${norm(at(words, i - 1))}`,
      `w+1=${norm(at(words, i + 1))}`,
    ]
    for (let k = 1; k <= 4 && k < l.length; k++) {
      f.push(`p${k}=${l.slice(0, k)}`, `x${k}=${l.slice(-k)}`)
    }
    if (i === 0) f.push('first', `first|s=${s}`)
    if (headline) f.push('hl', `hl|l=${l}`, `hl|s=${s}`)
    if (gaz[i]) f.push(`g=${gaz[i]}`)
    if (i > 0 && gaz[i - 1]) f.push(`g-1=${gaz[i - 1]}`)
    if (i + 1 < words.length && gaz[i + 1]) f.push(`g+1=${gaz[i + 1]}`)
    if (i > 0 && TITLE_WORDS.has(words[i - 1]!)) f.push('title-1')
    if (ORG_HEADS.has(word)) f.push('orghead')
    if (i + 1 < words.length && ORG_HEADS.has(words[i + 1]!)) f.push('orghead+1')
    if (/^\p{Lu}/u.test(word)) {
      const lw = word.toLowerCase()
      const d = `${clues.lower.has(lw) ? 'L' : ''}${clues.midCaps.has(lw) ? 'M' : ''}`
      f.push(`dc=${d}`, `dc|f=${d}|${i === 0 ? 1 : 0}|${headline ? 1 : 0}`)
      if (clues.common.has(lw)) f.push('cw', `cw|f=${i === 0 ? 1 : 0}|${headline ? 1 : 0}`)
    }
    return f
  })
}

/** The history features of a token: previous tags and the type this word last got. */
export function historyFeatures(
  prev1: number,
  prev2: number,
  staticShape: string,
  lastType: string | undefined,
): string[] {
  const t1 = prev1 < 0 ? '<s>' : TAGS[prev1]!
  const t2 = prev2 < 0 ? '<s>' : TAGS[prev2]!
  const f = [`t-1=${t1}`, `t-2=${t2}|${t1}`, `t-1|s=${t1}|${staticShape}`]
  if (lastType) f.push(`h=${lastType}`, `h|s=${lastType}|${staticShape}`)
  return f
}

/**
 * The words a corpus writes in lower case at least `minLower` times and at least 95 % of
 * the times they appear away from a sentence start: common words, not names. Sorted.
 */
export function commonWords(sentences: TextToken[][], minLower = 3): string[] {
  const lower = new Map<string, number>()
  const caps = new Map<string, number>()
  for (const s of sentences) {
    if (isHeadline(s)) continue
    s.forEach((t, i) => {
      if (!/\p{L}/u.test(t.text)) return
      const lw = t.text.toLowerCase()
      if (t.text === lw) lower.set(lw, (lower.get(lw) ?? 0) + 1)
      else if (i > 0) caps.set(lw, (caps.get(lw) ?? 0) + 1)
    })
  }
  const out: string[] = []
  for (const [w, n] of lower) {
    if (n >= minLower && n >= 0.95 * (n + (caps.get(w) ?? 0))) out.push(w)
  }
  return out.sort()
}
