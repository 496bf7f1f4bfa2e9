/**
 * Offline named-entity suggestions for a document's text: people, organisations, places,
 * states, other named things (vessels, treaties) and date expressions, each with exact
 * offsets into the text, a confidence, a reason the analyst can read, and a key shared by
 * every mention of the same thing. Suggestions are offered, never applied. Names come
 * from two sources merged in `mergeNames`: a trained tagger (`ner-model.ts`, an averaged
 * perceptron trained on CoNLL-2003 news by `npm run train:ner`), and rules. compromise
 * tokenises and tags the text (and its people/places/organisations selections are used as
 * evidence); on top of that sit rules for what a general-purpose tagger gets wrong in
 * reporting: titles before names, organisation and facility heads, possessives, datelines,
 * transcript speaker labels, acronyms defined in brackets, sentence-initial capitals and
 * title-case headlines, invented or unknown countries recognised by their demonyms, and one
 * kind per name per document. Demonyms ("Iranian", "American") are recognised but not
 * suggested as mentions of their state: analysts tag the actor the adjective modifies
 * ("Iranian Foreign Minister Abbas Araghchi" is a person), and suggesting every adjective
 * would double the noise. Names of a state, including short forms such as "U.S.", are.
 */
import nlp from 'compromise'
import { findDateSpans } from './date-rules'
import { NameTagger, type NerWeights } from './ner-model'
import { findMultilingualNames, multilingualKey } from './multilingual-names'
import weightsJson from './model/ner-weights.json?raw'
import {
  FUNCTION_CAPS,
  INSTRUMENT_HEADS,
  MEDIA_HEADS,
  NAMED,
  NUMBERED_PLACE_HEADS,
  ORG_HEADS,
  PLACE_HEADS,
  PLACE_OF_NOUNS,
  PLACE_PREPOSITIONS,
  PORTFOLIO_WORDS,
  REGION_ADJECTIVES,
  ROLE_NOUNS,
  SPEECH_VERBS,
  STATE_OF_NOUNS,
  STATE_ROLE_NOUNS,
  STATES,
  TITLE_WORDS,
  VESSEL_NOUNS,
  VESSEL_PREFIXES,
} from './gazetteer'

/** What a suggested mention names. */
export type SuggestionKind = 'person' | 'organisation' | 'location' | 'state' | 'date' | 'other'

/** One suggested mention: `text === documentText.slice(start, end)`. */
export interface Suggestion {
  start: number
  end: number
  text: string
  kind: SuggestionKind
  /** 0–1: how sure the rules are; for sorting and thresholds, not a probability. */
  confidence: number
  /** Why this was suggested, in words the analyst can check. */
  reason: string
  /** Normalised name shared by every mention of the same thing ("united states"). */
  key: string
}

/** Options of `suggestEntities`. */
export interface SuggestOptions {
  /** Forms never to suggest (the analyst rejected them), compared case-insensitively. */
  never?: string[]
}

type NameKind = Exclude<SuggestionKind, 'date'>

interface Token {
  /** Position in its sentence. */
  index: number
  start: number
  /** End of the name part: a possessive "’s" is left out. */
  end: number
  text: string
  tags: Set<string>
  pre: string
  post: string
  clauseStart: boolean
  possessive: boolean
  cap: boolean
  allCaps: boolean
  titleLine: boolean
  /** Inside one of compromise's people / places / organisations selections. */
  selected: NameKind | null
}

interface Span {
  start: number
  end: number
  kind: SuggestionKind
  confidence: number
  reason: string
  key?: string
}

interface Candidate extends Span {
  kind: NameKind
}

interface FormInfo {
  kind: NameKind
  confidence: number
  reason: string
  key: string
}

/** One sentence's tokens in order. */
type Sentence = Token[]

interface Context {
  text: string
  sentences: Sentence[]
  /** Lower-cased words seen capitalised away from the start of a clause. */
  midCaps: Set<string>
  /** Lower-cased words seen in lower case. */
  lowerWords: Set<string>
  /** Demonyms found in this text, by surface form ("Velmoran"). */
  demonyms: Set<string>
  /** Names whose demonym appears in the text ("Velmora" for "Velmoran"). */
  demonymBases: Map<string, string>
  candidates: Candidate[]
  /** Forms known to name something, from rules that name a form rather than a span. */
  forms: Map<string, FormInfo>
}

const STATE_BY_FORM = new Map<string, { name: string; isName: boolean }>()
for (const state of STATES) {
  for (const form of [state.name, ...state.aliases]) {
    STATE_BY_FORM.set(form, { name: state.name, isName: true })
  }
  for (const form of state.demonyms) STATE_BY_FORM.set(form, { name: state.name, isName: false })
}

const CONNECTORS = new Set([
  'of',
  'and',
  'the',
  'de',
  'du',
  'da',
  'la',
  'le',
  'von',
  'van',
  'bin',
  'bint',
  'ibn',
  'al',
  'el',
])
const FUNCTION_TAGS = [
  'Adverb',
  'Preposition',
  'Conjunction',
  'Pronoun',
  'Determiner',
  'QuestionWord',
  'Modal',
  'Auxiliary',
  'Copula',
  'Negative',
  'Expression',
]
const STATE_PATTERN =
  /^(?:(?:Federal|Democratic|Islamic|People['’]s|Socialist|United|Arab|Plurinational|Hashemite|Cooperative) )*(?:Republic|Kingdom|Federation|Principality|Sultanate|Emirate|Commonwealth|Grand Duchy) of (?:the )?(.+)$/u
const SPEAKER_STOPLIST = new Set([
  'NOTE',
  'UPDATE',
  'EDITOR',
  'EDITORS',
  'Q',
  'A',
  'QUESTION',
  'ANSWER',
  'WARNING',
  'BREAKING',
  'CORRECTION',
  'SOURCE',
  'PHOTO',
  'VIDEO',
  'END',
  'TRANSCRIPT',
  'NB',
  'PS',
])

// Reporting verbs that can come before the speaker ("…, said Kell").
const SPEECH_BEFORE = new Set(['said', 'says', 'added', 'wrote', 'asked'])

const APOSTROPHES = /[’‘`]/g

/** The normal form of a name for keys and comparisons. */
export function normaliseKey(form: string): string {
  return form
    .replace(APOSTROPHES, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /i, '')
    .replace(/'s$/i, '')
    .toLowerCase()
}

/**
 * Suggests entity and date mentions in `text`. Pure and deterministic: the same text and
 * options give the same suggestions, sorted by position, none overlapping another.
 */
export function suggestEntities(text: string, options: SuggestOptions = {}): Suggestion[] {
  if (!text.trim()) return []
  // The same text is asked for again whenever only the never-suggest list changes (a
  // "Never", its undo): the last text's suggestions are kept, and only the filter reruns.
  if (last?.text !== text) last = { text, suggestions: findEntities(text) }
  const never = new Set((options.never ?? []).map(normaliseKey))
  return last.suggestions.filter((s) => !never.has(normaliseKey(s.text))).map((s) => ({ ...s }))
}

let last: { text: string; suggestions: readonly Suggestion[] } | null = null

/** Forgets the last text's suggestions (for benchmarks, which must time the real work). */
export function clearSuggestionCache(): void {
  last = null
}

function findEntities(text: string): Suggestion[] {
  const doc = nlp(text)
  const ctx = readText(text, doc)
  findDemonyms(ctx)
  for (const sentence of ctx.sentences) {
    for (const run of capitalisedRuns(sentence)) classifyRun(ctx, run, sentence)
  }
  speakerLabels(ctx)
  datelines(ctx)
  numberedPlaces(ctx)
  theWest(ctx)
  const forms = collectForms(ctx)
  addAliases(ctx, forms)
  const mentions = scanForms(text, forms)
  const ruleNames = resolveOverlaps([...mentions, ...gazetteerMentions(ctx)])
  const names = mergeNames(modelMentions(ctx), ruleNames)
  const dates = findDateSpans(text).map((d): Span => ({
    start: d.start,
    end: d.end,
    kind: 'date',
    confidence: d.confidence,
    reason: `date: ${d.reason}`,
    key: normaliseKey(text.slice(d.start, d.end).replace(DATE_LEAD, '')),
  }))
  return resolveOverlaps([...names, ...dates])
    .map((c): Suggestion => ({
      start: c.start,
      end: c.end,
      text: text.slice(c.start, c.end),
      kind: c.kind,
      confidence: Math.round(Math.min(1, Math.max(0, c.confidence)) * 100) / 100,
      reason: c.reason,
      key: c.key ?? normaliseKey(text.slice(c.start, c.end)),
    }))
    .sort((a, b) => a.start - b.start)
}

const DATE_LEAD =
  /^(?:(?:on|in|at|over|since|until|till|by|during|from|through|throughout|before|after|for)\s)?(?:(?:about|around|approximately|roughly)\s)?/i

// ---------------------------------------------------------------------------------------
// Reading the text

interface TermJson {
  text: string
  pre: string
  post: string
  tags: string[]
  offset: { index: number; start: number; length: number }
}
interface SentenceJson {
  terms: TermJson[]
}

function readText(text: string, doc: ReturnType<typeof nlp>): Context {
  const selected = new Map<number, NameKind>()
  const mark = (view: { json: (o: object) => unknown }, kind: NameKind): void => {
    for (const match of view.json({ offset: true }) as SentenceJson[]) {
      for (const term of match.terms) selected.set(term.offset.index, kind)
    }
  }
  mark(doc.people(), 'person')
  mark(doc.places(), 'location')
  mark(doc.organizations(), 'organisation')

  const titleLines = findTitleLines(text)
  const sentences: Sentence[] = []
  // Terms are found in the text in order rather than trusted by offset: compromise counts
  // some characters (emoji, astral-plane letters) differently from JavaScript strings.
  let cursor = 0
  for (const sentence of doc.json({ offset: true }) as SentenceJson[]) {
    const tokens: Token[] = []
    let previous: TermJson | undefined
    for (const term of sentence.terms) {
      const start = term.text ? text.indexOf(term.text, cursor) : -1
      // Only spaces and punctuation lie between two terms: a match past a word is not this
      // term (compromise changed its text), so it is skipped and the cursor stays put.
      if (start < 0 || /[\p{L}\p{N}]/u.test(text.slice(cursor, start))) {
        previous = term
        continue
      }
      const rawEnd = start + term.text.length
      cursor = rawEnd
      const possessive = /^[\p{L}.]{2,}['’]s$/u.test(term.text)
      const end = possessive ? rawEnd - 2 : rawEnd
      const word = text.slice(start, end)
      tokens.push({
        index: tokens.length,
        start,
        end,
        text: word,
        tags: new Set(term.tags),
        pre: term.pre,
        post: term.post,
        clauseStart:
          previous === undefined ||
          /[“"‘'([]/.test(term.pre) ||
          /[:;\n]|[.!?]["”’']?\s*$/.test(previous.post),
        possessive,
        cap: /^\p{Lu}/u.test(word),
        allCaps: /^[\p{Lu}][\p{Lu}.'’-]+$/u.test(word) && /\p{Lu}.*\p{Lu}/u.test(word),
        titleLine: titleLines.some(([s, e]) => start >= s && start < e),
        selected: selected.get(term.offset.index) ?? null,
      })
      previous = term
    }
    if (tokens.length) sentences.push(tokens)
  }

  const midCaps = new Set<string>()
  const lowerWords = new Set<string>()
  for (const sentence of sentences) {
    for (const t of sentence) {
      if (t.cap && !t.clauseStart && !t.titleLine) midCaps.add(t.text.toLowerCase())
      else if (!t.cap) lowerWords.add(t.text.toLowerCase())
    }
  }
  return {
    text,
    sentences,
    midCaps,
    lowerWords,
    demonyms: new Set(),
    demonymBases: new Map(),
    candidates: [],
    forms: new Map(),
  }
}

const SMALL_WORDS = new Set([
  'with',
  'from',
  'into',
  'over',
  'than',
  'that',
  'this',
  'amid',
  'upon',
])

// Headlines in title case capitalise every word, so capitals there are no evidence of a
// name: "Tehran Attacks U.S. Bases While Iranian Leadership Meets with Putin". A line that
// is nothing but one name ("Press Service of the Ministry of …") is not a headline.
function findTitleLines(text: string): [number, number][] {
  const lines: [number, number][] = []
  let start = 0
  for (const line of text.split('\n')) {
    const words = line.match(/[\p{L}'’-]{4,}/gu)?.filter((w) => !SMALL_WORDS.has(w)) ?? []
    const caps = words.filter((w) => /^\p{Lu}/u.test(w)).length
    const shouting = words.filter((w) => !/\p{Ll}/u.test(w)).length
    const oneName = line
      .split(/\s+/)
      .every((w) => /^[\p{Lu}\p{N}]/u.test(w) || CONNECTORS.has(w) || w === '')
    const prose = /[.!?:]["”’)]?\s*$/.test(line)
    if (
      words.length >= 3 &&
      ((caps / words.length >= 0.8 && !oneName && !prose) || shouting / words.length >= 0.8)
    ) {
      lines.push([start, start + line.length])
    }
    start += line.length + 1
  }
  return lines
}

// "Velmoran" next to "Velmora", "Dravinian" next to "Dravina": a capitalised word whose
// demonym also appears is a state even when no gazetteer knows it.
function findDemonyms(ctx: Context): void {
  const capWords = new Set<string>()
  for (const sentence of ctx.sentences) {
    for (const t of sentence) if (t.cap && !t.allCaps) capWords.add(t.text)
  }
  for (const word of capWords) {
    const known = STATE_BY_FORM.get(word)
    if (known && !known.isName) {
      ctx.demonyms.add(word)
      continue
    }
    if (known || NAMED.has(word) || word.length < 4) continue
    const stem = /[aeoy]$/.test(word) ? word.slice(0, -1) : word
    const derived = [`${word}n`, `${word}an`, `${word}ian`, `${word}ese`, `${word}i`]
    if (stem !== word) derived.push(`${stem}ian`, `${stem}an`)
    for (const d of derived) {
      if (capWords.has(d)) {
        ctx.demonyms.add(d)
        ctx.demonymBases.set(word, d)
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Capitalised runs

function isConnector(t: Token): boolean {
  return !t.cap && CONNECTORS.has(t.text)
}

function isNumberedId(t: Token): boolean {
  return /^(?:\d+[A-Z]?|[A-Z]\d*)$/.test(t.text)
}

function isDateWord(t: Token): boolean {
  return t.tags.has('Month') || t.tags.has('WeekDay') || t.tags.has('Date')
}

function canStartRun(t: Token): boolean {
  return t.cap && !isDateWord(t) && /\p{L}/u.test(t.text)
}

// Whitespace only (or a hyphen or plural possessive between capitalised words).
function joins(a: Token, b: Token): boolean {
  if (a.possessive || b.pre !== '') return false
  if (/^[^\S\n]+$/.test(a.post)) return true
  if (a.post === '-' && b.cap) return true
  // A middle initial or an abbreviation: "Antony J. Blinken", "Dr. Jones", "St. Petersburg".
  const abbreviation = /^\p{Lu}$/u.test(a.text) || a.tags.has('Abbreviation')
  if (abbreviation && /^\.[^\S\n]+$/.test(a.post) && b.cap) return true
  return /^['’][^\S\n]+$/.test(a.post) && b.cap
}

/** Maximal sequences of capitalised words (with "of", "and", "the" inside) in a sentence. */
function capitalisedRuns(sentence: Sentence): Token[][] {
  const runs: Token[][] = []
  let i = 0
  while (i < sentence.length) {
    const first = sentence[i]!
    if (!canStartRun(first)) {
      i++
      continue
    }
    const run = [first]
    let j = i
    for (;;) {
      const a = sentence[j]!
      const b = sentence[j + 1]
      if (!b || !joins(a, b)) break
      if (canStartRun(b)) {
        run.push(b)
        j++
        continue
      }
      if (NUMBERED_PLACE_HEADS.has(a.text.toLowerCase()) && isNumberedId(b)) {
        run.push(b)
        j++
        continue
      }
      // Connectors join two capitalised parts ("Customs and Border Service", "Republic of
      // the Congo"); "on" only after a treaty's head ("Convention on Consular Relations")
      // and "for" after an organisation's ("Office for National Statistics"), because
      // "left Dravina for Corvel" is two names.
      let k = j + 1
      const middle: Token[] = []
      while (k < sentence.length) {
        const c = sentence[k]!
        const prev = sentence[k - 1]!
        const afterHead =
          (c.text === 'on' && INSTRUMENT_HEADS.has(prev.text)) ||
          (c.text === 'for' && ORG_HEADS.has(prev.text))
        if (!(isConnector(c) || afterHead) || !joins(prev, c)) break
        middle.push(c)
        k++
      }
      const after = sentence[k]
      const last = middle[middle.length - 1]
      if (!middle.length || !after || !last || !joins(last, after) || !canStartRun(after)) break
      run.push(...middle, after)
      j = k
    }
    runs.push(run)
    i = j + 1
  }
  return runs
}

function hasFunctionTag(t: Token): boolean {
  return FUNCTION_TAGS.some((tag) => t.tags.has(tag))
}

/** Whether a word at the start of a clause is a name rather than a capitalised word. */
function nameEvidence(ctx: Context, t: Token): boolean {
  if (FUNCTION_CAPS.has(t.text) || hasFunctionTag(t)) return false
  const lower = t.text.toLowerCase()
  if (STATE_BY_FORM.has(t.text) || NAMED.has(t.text) || ctx.demonymBases.has(t.text)) return true
  if (TITLE_WORDS.has(t.text)) return true
  if (
    t.tags.has('Person') ||
    t.tags.has('FirstName') ||
    t.tags.has('Place') ||
    t.tags.has('Country') ||
    t.tags.has('City')
  ) {
    return !ctx.lowerWords.has(lower)
  }
  return (
    ctx.midCaps.has(lower) &&
    !ctx.lowerWords.has(lower) &&
    !ctx.lowerWords.has(`${lower}s`) &&
    !ctx.lowerWords.has(lower.replace(/s$/, ''))
  )
}

function spanOf(run: Token[]): { start: number; end: number } {
  return { start: run[0]!.start, end: run[run.length - 1]!.end }
}

function surface(ctx: Context, run: Token[]): string {
  const { start, end } = spanOf(run)
  return ctx.text.slice(start, end)
}

function add(ctx: Context, run: Token[], kind: NameKind, confidence: number, reason: string) {
  if (!run.length) return
  ctx.candidates.push({ ...spanOf(run), kind, confidence, reason })
}

function tokenBefore(sentence: Sentence, t: Token, back = 1): Token | undefined {
  return t.index - back >= 0 ? sentence[t.index - back] : undefined
}

function tokenAfter(sentence: Sentence, t: Token, ahead = 1): Token | undefined {
  return sentence[t.index + ahead]
}

function headOf(run: Token[]): { head: Token[]; ofAt: number } {
  const ofAt = run.findIndex((t, i) => i > 0 && (t.text === 'of' || t.text === 'on'))
  return { head: ofAt > 0 ? run.slice(0, ofAt) : run, ofAt }
}

function isOrgHeaded(run: Token[]): boolean {
  const { head } = headOf(run)
  const last = head[head.length - 1]
  if (!last || run.length < 2) return false
  if (ORG_HEADS.has(last.text)) return true
  // "Consulate General (of Dravina)": the head is the first word.
  return head.length >= 2 && ORG_HEADS.has(head[0]!.text) && TITLE_WORDS.has(last.text)
}

function isPlaceHeaded(run: Token[]): boolean {
  const { head, ofAt } = headOf(run)
  const last = head[head.length - 1]!
  if (run.length < 2) return false
  if (NUMBERED_PLACE_HEADS.has(run[0]!.text.toLowerCase()) && isNumberedId(run[1]!)) return true
  if (ofAt > 0) return head.length === 1 && PLACE_HEADS.has(last.text)
  return PLACE_HEADS.has(last.text)
}

function isInstrument(run: Token[]): boolean {
  const { head } = headOf(run)
  return run.length >= 2 && INSTRUMENT_HEADS.has(head[head.length - 1]!.text)
}

/** Classifies one capitalised run and records what it names. */
function classifyRun(ctx: Context, input: Token[], sentence: Sentence, ofTitle = false): void {
  let run = input
  // Leading determiners and function words never start a name ("The Saltmere Courier").
  while (run.length && (FUNCTION_CAPS.has(run[0]!.text) || hasFunctionTag(run[0]!))) {
    run = trimConnectors(run.slice(1))
  }
  if (!run.length) return
  if (run.some((t) => t.titleLine)) {
    // In a headline every word is capitalised: keep only words with evidence of a name.
    const keep = (t: Token): boolean => isConnector(t) || nameEvidence(ctx, t)
    if (!run.every(keep)) {
      let part: Token[] = []
      for (const t of [...run, null]) {
        if (t && keep(t)) {
          part.push(t)
          continue
        }
        const trimmed = trimConnectors(part)
        if (trimmed.length) classifyRun(ctx, trimmed.map(asMidClause), sentence)
        part = []
      }
      return
    }
  }
  const whole = surface(ctx, run)
  if (STATE_BY_FORM.has(whole) || NAMED.has(whole)) return // the gazetteer pass has these
  if (ctx.demonyms.has(whole) || REGION_ADJECTIVES.has(whole)) return

  const stateMatch = STATE_PATTERN.exec(whole)
  if (stateMatch?.[1]) {
    const name = stateMatch[1]
    const key = normaliseKey(STATE_BY_FORM.get(name)?.name ?? name)
    ctx.candidates.push({
      ...spanOf(run),
      kind: 'state',
      confidence: 0.9,
      reason: 'state’s formal name',
      key,
    })
    learn(ctx, name, { kind: 'state', confidence: 0.85, reason: `named in “${whole}”`, key })
    return
  }

  // "The New York Times and the Wall Street Journal": two names, each with its own head.
  const andAt = run.findIndex((t) => t.text === 'and')
  if (andAt > 0) {
    const left = run.slice(0, andAt)
    if (left.length >= 2 && (isOrgHeaded(left) || isPlaceHeaded(left))) {
      classifyRun(ctx, left, sentence, ofTitle)
      classifyRun(ctx, trimConnectors(run.slice(andAt + 1)), sentence, ofTitle)
      return
    }
  }

  // A structural head classifies the whole run, even at the start of a sentence.
  if (isOrgHeaded(run)) {
    add(ctx, run, 'organisation', 0.85, `organisation name (“${headWord(run)}”)`)
    return
  }
  if (isPlaceHeaded(run)) {
    add(ctx, run, 'location', 0.85, `place name (“${headWord(run)}”)`)
    return
  }
  if (isInstrument(run)) {
    add(ctx, run, 'other', 0.75, `named instrument (“${headWord(run)}”)`)
    return
  }

  // Vessels: "MV Aurel Star", "the cargo ship Aurel Star".
  const before = tokenBefore(sentence, run[0]!)
  if (VESSEL_PREFIXES.has(run[0]!.text) && run.length > 1) {
    add(ctx, run.slice(1), 'other', 0.8, `vessel (“${run[0]!.text}”)`)
    return
  }
  if (before && VESSEL_NOUNS.has(before.text.toLowerCase())) {
    add(ctx, run, 'other', 0.75, `vessel (“${before.text} …”)`)
    return
  }

  // A word at the start of a clause is a name only with evidence from elsewhere.
  if (run[0]!.clauseStart && !nameEvidence(ctx, run[0]!)) {
    classifyRun(ctx, trimConnectors(run.slice(1)), sentence)
    return
  }

  // An organisation or state before a title: "NATO Secretary General Jens Stoltenberg".
  const titleAt = run.findIndex((t) => isTitle(t))
  if (titleAt > 0) {
    const prefix = run.slice(0, titleAt)
    const named = surface(ctx, prefix)
    if (NAMED.has(named) || STATE_BY_FORM.get(named)?.isName || isOrgHeaded(prefix)) {
      classifyRun(ctx, prefix, sentence)
      classifyRun(ctx, run.slice(titleAt), sentence)
      return
    }
  }

  // Leading demonyms and titles: "Iranian Foreign Minister Abbas Araghchi".
  let i = 0
  while (i < run.length && (ctx.demonyms.has(run[i]!.text) || REGION_ADJECTIVES.has(run[i]!.text)))
    i++
  const titles: Token[] = []
  for (;;) {
    const t = run[i]
    if (!t) break
    if (isTitle(t)) {
      titles.push(t)
      i++
    } else if (titles.length && t.cap && isTitle(run[i + 1] ?? t) && run[i + 2]?.cap) {
      // An unlisted word inside a title: "Acting Permanent Secretary Jesper Sorensen" (but
      // not the "John" of "Prime Minister John Major").
      titles.push(t)
      i++
      continue
    } else {
      break
    }
    // "Minister of Foreign Affairs …", "Secretary of State …": the portfolio is title.
    if (/^(Minister|Secretary|Ministry)$/.test(t.text) && run[i]?.text === 'of') {
      let k = i + 1
      while (k < run.length && PORTFOLIO_WORDS.has(run[k]!.text) && run[k]!.text !== 'of') k++
      if (k > i + 1 && run[k - 1]!.cap) i = k
    }
  }
  if (i > 0 && titles.length === 0) {
    // Demonyms alone, or before a non-title ("Russian Federation" is in the gazetteer).
    classifyRun(ctx, run.slice(i), sentence)
    return
  }
  if (titles.length) {
    const rest = run.slice(i)
    if (!rest.length) return
    if (rest[0]!.text === 'of') {
      // "Mayor of Saltmere", "Ambassador of the Republic of Velmora".
      classifyRun(ctx, trimConnectors(rest), sentence, true)
      return
    }
    const andAt = rest.findIndex((t) => t.text === 'and' || t.text === 'of')
    const name = andAt > 0 ? rest.slice(0, andAt) : rest
    const title = titles.map((t) => t.text).join(' ')
    if (name.every((t) => t.cap || isConnector(t)) && !ORG_HEADS.has(name[name.length - 1]!.text)) {
      add(ctx, name, 'person', 0.9, `name after the title “${title}”`)
    }
    if (andAt > 0) classifyRun(ctx, trimConnectors(rest.slice(andAt)), sentence)
    return
  }
  if (TITLE_WORDS.has(run[run.length - 1]!.text)) return // a role: "Port Reporter"

  // Coordinated names without a shared head: "Ana Whitlow and Teodor Brankov".
  if (andAt > 0) {
    classifyRun(ctx, run.slice(0, andAt), sentence, ofTitle)
    classifyRun(ctx, run.slice(andAt + 1), sentence, ofTitle)
    return
  }
  if (run.length === 1) classifySingle(ctx, run[0]!, sentence, ofTitle)
  else classifyMulti(ctx, run, sentence)
}

// A headline word with evidence of a name is judged as if it stood mid-sentence.
function asMidClause(t: Token): Token {
  return { ...t, clauseStart: false, titleLine: false }
}

// "Minister/Foreign Minister": a slash joins two titles into one token.
function isTitle(t: Token): boolean {
  return TITLE_WORDS.has(t.text) || t.text.split('/').some((part) => TITLE_WORDS.has(part))
}

function headWord(run: Token[]): string {
  const { head } = headOf(run)
  return head[head.length - 1]!.text
}

function trimConnectors(run: Token[]): Token[] {
  let a = 0
  let b = run.length
  while (a < b && !run[a]!.cap && !isNumberedId(run[a]!)) a++
  while (b > a && !run[b - 1]!.cap && !isNumberedId(run[b - 1]!)) b--
  return run.slice(a, b)
}

function learn(ctx: Context, form: string, info: FormInfo): void {
  const old = ctx.forms.get(form)
  if (!old || old.confidence < info.confidence) ctx.forms.set(form, info)
}

function nextWord(sentence: Sentence, t: Token): string {
  return tokenAfter(sentence, t)?.text.toLowerCase() ?? ''
}

// Apposition with a role: "its spokesman, Nils Aaberg," or "Dana Mirek, a spokeswoman".
function inApposition(sentence: Sentence, run: Token[]): boolean {
  const first = run[0]!
  const last = run[run.length - 1]!
  const before = tokenBefore(sentence, first)
  if (before && /,\s*$/.test(before.post)) {
    // "its spokesman, Nils Aaberg", "The Mayor of Saltmere, Piet Ommen".
    for (let k = 1; k <= 4; k++) {
      const t = tokenBefore(sentence, first, k)
      if (!t || (k > 1 && /[^\s]/.test(t.post))) break
      if (ROLE_NOUNS.has(t.text.toLowerCase()) || TITLE_WORDS.has(t.text)) return true
    }
  }
  if (!/^,\s*$/.test(last.post)) return false
  let next = tokenAfter(sentence, last)
  if (next && /^(a|an|the|its|their|his|her)$/i.test(next.text)) next = tokenAfter(sentence, next)
  for (let k = 0; next && k < 3; k++) {
    if (ROLE_NOUNS.has(next.text.toLowerCase())) return true
    next = tokenAfter(sentence, next)
  }
  return false
}

function personEvidence(run: Token[]): boolean {
  const first = run[0]!
  return (
    first.tags.has('FirstName') ||
    first.tags.has('Honorific') ||
    run.some((t) => t.selected === 'person' && (t.tags.has('Person') || t.tags.has('LastName')))
  )
}

function classifyMulti(ctx: Context, run: Token[], sentence: Sentence): void {
  const last = run[run.length - 1]!
  const before = tokenBefore(sentence, run[0]!)
  const speech =
    SPEECH_VERBS.has(nextWord(sentence, last)) ||
    (before !== undefined && SPEECH_BEFORE.has(before.text.toLowerCase()))
  const byline = before?.text === 'By' || before?.text === 'by'
  if (run.length <= 4 && (personEvidence(run) || inApposition(sentence, run))) {
    add(ctx, run, 'person', 0.8, 'personal name')
  } else if (run.length <= 3 && (speech || byline)) {
    add(ctx, run, 'person', 0.7, speech ? 'name with a reporting verb' : 'byline')
  } else if (run.every((t) => t.selected === 'location' || t.tags.has('Place'))) {
    add(ctx, run, 'location', 0.7, 'place name (tagger)')
  } else if (run.every((t) => t.selected === 'organisation' && t.tags.has('Organization'))) {
    add(ctx, run, 'organisation', 0.6, 'organisation name (tagger)')
  } else if (run.length <= 4 && run.every((t) => t.cap && !t.clauseStart)) {
    add(ctx, run, 'other', 0.35, 'capitalised name of unknown kind')
  }
}

function classifySingle(ctx: Context, t: Token, sentence: Sentence, ofTitle: boolean): void {
  const word = t.text
  if (word.length < 2 || TITLE_WORDS.has(word) || REGION_ADJECTIVES.has(word)) return
  const b1 = tokenBefore(sentence, t)
  const b2 = tokenBefore(sentence, t, 2)
  const next = tokenAfter(sentence, t)
  const run = [t]

  const base = ctx.demonymBases.get(word)
  if (base) {
    add(ctx, run, 'state', 0.75, `its demonym “${base}” is used`)
  }
  if (t.tags.has('Country')) add(ctx, run, 'state', 0.8, 'country (tagger)')
  else if (t.tags.has('City') || t.tags.has('Region') || t.tags.has('Place')) {
    add(ctx, run, 'location', 0.7, 'place (tagger)')
  }
  if (t.possessive && next && STATE_ROLE_NOUNS.has(next.text.toLowerCase())) {
    add(ctx, run, 'state', 0.7, `“${word}’s ${next.text}”`)
  }
  if (b1?.text === 'of' && b2 && !b2.cap) {
    if (STATE_OF_NOUNS.has(b2.text.toLowerCase())) {
      add(ctx, run, 'state', 0.7, `“${b2.text} of ${word}”`)
    } else if (PLACE_OF_NOUNS.has(b2.text.toLowerCase())) {
      add(ctx, run, 'location', 0.8, `“${b2.text} of ${word}”`)
    }
  }
  if (ofTitle) add(ctx, run, 'location', 0.6, 'place in a title (“Mayor of …”)')
  if (b1 && !t.allCaps && !b1.cap && PLACE_PREPOSITIONS.has(b1.text)) {
    add(ctx, run, 'location', 0.55, `after “${b1.text}”`)
  }
  if (b1 && !t.allCaps && b1.text === 'to' && !b1.cap) {
    add(ctx, run, 'location', 0.45, 'after “to”')
  }
  // "Kell said", "said Kell" (not "told Reuters", where the name is the one told); a
  // generic head ("The Commission said") is not a name.
  const speech =
    SPEECH_VERBS.has(next?.text.toLowerCase() ?? '') ||
    SPEECH_BEFORE.has(b1?.text.toLowerCase() ?? '')
  if (!t.allCaps && speech && !ORG_HEADS.has(word) && !PLACE_HEADS.has(word)) {
    add(ctx, run, 'person', 0.5, 'name with a reporting verb')
  }
  if (t.tags.has('Person') && t.selected === 'person' && !t.clauseStart) {
    add(ctx, run, 'person', 0.55, 'personal name (tagger)')
  }
  if (t.allCaps && t.tags.has('Organization') && t.selected === 'organisation') {
    add(ctx, run, 'organisation', 0.6, 'organisation acronym (tagger)')
  }
  // "The Courier has not confirmed": a newspaper by the last word of its name.
  if (MEDIA_HEADS.has(word) && b1?.text.toLowerCase() === 'the') {
    add(ctx, run, 'organisation', 0.55, 'newspaper')
  }
}

// ---------------------------------------------------------------------------------------
// Line-level rules: transcripts, datelines, numbered facilities, "the West"

function tokenRun(ctx: Context, start: number, end: number): Token[] {
  const out: Token[] = []
  for (const sentence of ctx.sentences) {
    for (const t of sentence) if (t.start >= start && t.end <= end) out.push(t)
  }
  return out
}

// "DAVID ASKE (presenter): …", "LISK: …" — counted only where there are at least two,
// so that a lone "NOTE:" or "UPDATE:" is not a person.
function speakerLabels(ctx: Context): void {
  const re = /^(\p{Lu}[\p{Lu}'’.-]+(?: \p{Lu}[\p{Lu}'’.-]+){0,3})(?: \([^)\n]{1,60}\))?:/gmu
  const found = [...ctx.text.matchAll(re)].filter((m) => !SPEAKER_STOPLIST.has(m[1]!))
  if (found.length < 2) return
  for (const m of found) {
    const name = m[1]!
    const start = m.index
    ctx.candidates.push({
      start,
      end: start + name.length,
      kind: 'person',
      confidence: 0.8,
      reason: 'speaker in a transcript',
    })
  }
}

// "SALTMERE, Velmora (Agency) - …": the place a report was filed from.
function datelines(ctx: Context): void {
  const re = /^(\p{Lu}[\p{Lu}'’.-]{2,}(?: \p{Lu}[\p{Lu}'’.-]{2,})*), \p{Lu}/gmu
  for (const m of ctx.text.matchAll(re)) {
    const name = m[1]!
    ctx.candidates.push({
      start: m.index,
      end: m.index + name.length,
      kind: 'location',
      confidence: 0.8,
      reason: 'dateline',
      key: normaliseKey(name),
    })
  }
}

// "berth 4B", "Terminal 4", "Gate B".
function numberedPlaces(ctx: Context): void {
  const heads = [...NUMBERED_PLACE_HEADS].join('|')
  const re = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${heads}) (?:\\d+[A-Z]?|[A-Z]\\d*)(?![\\p{L}\\p{N}])`,
    'giu',
  )
  for (const m of ctx.text.matchAll(re)) {
    const run = tokenRun(ctx, m.index, m.index + m[0].length)
    if (run.length && run[0]!.titleLine) continue
    ctx.candidates.push({
      start: m.index,
      end: m.index + m[0].length,
      kind: 'location',
      confidence: 0.75,
      reason: 'numbered facility',
    })
  }
}

function theWest(ctx: Context): void {
  for (const m of ctx.text.matchAll(/(?<=\bthe )West(?![\p{L}\p{N}]| \p{Lu})/gu)) {
    ctx.candidates.push({
      start: m.index,
      end: m.index + 4,
      kind: 'location',
      confidence: 0.6,
      reason: 'region (“the West”)',
      key: 'west',
    })
  }
}

// ---------------------------------------------------------------------------------------
// One kind per name per document, aliases, and every mention of each known name

function collectForms(ctx: Context): Map<string, FormInfo> {
  const forms = new Map(ctx.forms)
  for (const c of ctx.candidates) {
    const form = ctx.text.slice(c.start, c.end)
    const old = forms.get(form)
    // At equal confidence a rule that rests on the text's shape (a transcript's speaker)
    // outranks one that rests on compromise's guess: the merge with the tagger trusts it.
    const surer =
      old?.confidence === c.confidence &&
      WEAK_REASON.test(old.reason) &&
      !WEAK_REASON.test(c.reason)
    if (!old || old.confidence < c.confidence || surer) {
      forms.set(form, {
        kind: c.kind,
        confidence: c.confidence,
        reason: c.reason,
        key: c.key ?? old?.key ?? normaliseKey(form),
      })
    }
  }
  return forms
}

function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('')
}

function addAliases(ctx: Context, forms: Map<string, FormInfo>): void {
  // Surnames: "Kell" for "Matthias Kell", "LISK" for "Hanna Lisk" — when only one person
  // in the text has that surname.
  const bySurname = new Map<string, Set<string>>()
  for (const [form, info] of forms) {
    if (info.kind !== 'person') continue
    const words = form.split(/\s+/)
    if (words.length < 2) continue
    const surname = words[words.length - 1]!
    if (surname.length < 3 || TITLE_WORDS.has(surname)) continue
    const keys = bySurname.get(surname.toLowerCase()) ?? new Set<string>()
    keys.add(info.key)
    bySurname.set(surname.toLowerCase(), keys)
  }
  for (const [surname, keys] of bySurname) {
    if (keys.size !== 1) continue
    const key = [...keys][0]!
    const display = surname[0]!.toUpperCase() + surname.slice(1)
    for (const form of [display, surname.toUpperCase()]) {
      const old = forms.get(form)
      if (old && old.kind !== 'person' && old.confidence >= 0.8) continue
      forms.set(form, {
        kind: 'person',
        confidence: Math.max(0.8, old?.kind === 'person' ? old.confidence : 0),
        reason: `surname of “${key.replace(/\b\p{L}/gu, (c) => c.toUpperCase())}”`,
        key,
      })
    }
  }
  // Single-word person mentions take the key of the full name they are the surname of.
  for (const [form, info] of forms) {
    const keys = bySurname.get(form.toLowerCase())
    if (info.kind === 'person' && !/\s/.test(form) && keys?.size === 1) info.key = [...keys][0]!
  }

  // Acronyms: "Ostrin Maritime Lines (OML)", and "VPR" where "Velmora Public Radio" is named.
  for (const m of ctx.text.matchAll(/(?<![\p{L}\p{N}])(\p{Lu}{2,6})(?![\p{L}\p{N}])/gu)) {
    const acronym = m[1]!
    if (forms.has(acronym) || STATE_BY_FORM.has(acronym) || NAMED.has(acronym)) continue
    for (const [form, info] of forms) {
      if (info.kind !== 'organisation' && info.kind !== 'other') continue
      if (initials(form) !== acronym) continue
      forms.set(acronym, {
        kind: info.kind,
        confidence: 0.8,
        reason: `short for “${form}”`,
        key: info.key,
      })
      break
    }
  }
}

interface Mention extends Candidate {
  key: string
}

/** Every occurrence of every known form (and its all-capitals spelling). */
function scanForms(text: string, forms: Map<string, FormInfo>): Mention[] {
  const out: Mention[] = []
  for (const [form, info] of forms) {
    if (form.length < 2) continue
    const variants = form === form.toUpperCase() ? [form] : [form, form.toUpperCase()]
    for (const variant of variants) {
      if (variant !== form && variant.replace(/[^\p{L}]/gu, '').length < 3) continue
      let at = text.indexOf(variant)
      while (at >= 0) {
        const end = at + variant.length
        if (!isWordChar(text[at - 1]) && !isWordChar(text[end])) {
          out.push({ start: at, end, ...info })
        }
        at = text.indexOf(variant, at + 1)
      }
    }
  }
  return out
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c)
}

/** Mentions of states and of places and organisations the gazetteer knows. */
function gazetteerMentions(ctx: Context): Mention[] {
  const out: Mention[] = []
  const { text } = ctx
  const scan = (form: string, make: () => Omit<Mention, 'start' | 'end'>): void => {
    let at = text.indexOf(form)
    while (at >= 0) {
      const end = at + form.length
      if (!isWordChar(text[at - 1]) && !isWordChar(text[end]) && text[end] !== '-') {
        out.push({ start: at, end, ...make() })
      } else if (text[end] === '-' && STATE_BY_FORM.get(form)?.isName) {
        // "U.S.-led": the state is named even inside a compound.
        out.push({ start: at, end, ...make() })
      }
      at = text.indexOf(form, at + 1)
    }
  }
  // Headlines and datelines in capitals: "IRAN", "MOSCOW" (not "US", which is a word).
  const variants = (form: string): string[] =>
    form.length >= 4 && /\p{Ll}/u.test(form) ? [form, form.toUpperCase()] : [form]
  for (const [name, entry] of STATE_BY_FORM) {
    if (!entry.isName) continue
    for (const form of variants(name)) {
      scan(form, () => ({
        kind: 'state',
        confidence: 0.95,
        reason: name === entry.name ? 'state (gazetteer)' : `state (gazetteer: ${entry.name})`,
        key: normaliseKey(entry.name),
      }))
    }
  }
  for (const [name, entry] of NAMED) {
    for (const form of variants(name)) {
      scan(form, () => ({
        kind: entry.kind,
        confidence: 0.95,
        reason: `${entry.kind === 'location' ? 'place' : 'organisation'} (gazetteer: ${entry.note})`,
        key: normaliseKey(entry.name),
      }))
    }
  }
  // Names in other languages carry the key of their English name: one entity across languages.
  for (const { start, end, entry } of findMultilingualNames(text)) {
    out.push({
      start,
      end,
      kind: entry.kind,
      confidence: 0.9,
      reason: `${entry.kind === 'location' ? 'place' : entry.kind} (gazetteer: ${entry.name})`,
      key: multilingualKey(entry),
    })
  }
  return out
}

/** Keeps the longest of overlapping mentions, then the most confident. */
function resolveOverlaps<T extends Span>(items: T[]): T[] {
  const ordered = [...items].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) || b.confidence - a.confidence || a.start - b.start,
  )
  const kept: T[] = []
  for (const item of ordered) {
    if (item.end <= item.start) continue
    if (kept.every((k) => item.end <= k.start || item.start >= k.end)) kept.push(item)
  }
  return kept.sort((a, b) => a.start - b.start)
}

// ---------------------------------------------------------------------------------------
// The trained tagger, and how its names and the rules' names are merged

let tagger: NameTagger | null = null

/** The trained tagger, built from the shipped weights on first use. */
function trainedTagger(): NameTagger {
  tagger ??= new NameTagger(JSON.parse(weightsJson) as NerWeights)
  return tagger
}

const TYPE_KIND = { PER: 'person', LOC: 'location', ORG: 'organisation' } as const
const TYPE_WORD = { PER: 'person', LOC: 'place', ORG: 'organisation' } as const

/**
 * The trained tagger's people, places and organisations (its MISC names are dropped), in
 * Casefile's kinds: a place the gazetteer knows as a state is a state, and a form the
 * gazetteer knows keeps the gazetteer's kind. What the rules know is not a name is left
 * out: demonyms, generic words alone ("The Ministry", "Foreign Affairs"), a name that
 * starts or ends in lower case or has a lower-case word inside other than a connector
 * ("of", "de", "bin"), and a lone word that compromise reads as a verb, adverb or
 * function word ("Editing by …", "Good morning").
 */
function modelMentions(ctx: Context): Mention[] {
  const { text } = ctx
  const tokenAt = new Map<number, Token>()
  for (const sentence of ctx.sentences) for (const t of sentence) tokenAt.set(t.start, t)
  const out: Mention[] = []
  for (const span of trainedTagger().tag(text)) {
    if (span.type === 'MISC') continue
    const form = text.slice(span.start, span.end)
    if (notAName(ctx, form, tokenAt.get(span.start))) continue
    let kind: NameKind = TYPE_KIND[span.type]
    let key = normaliseKey(form)
    const state = STATE_BY_FORM.get(form)
    const named = NAMED.get(form)
    if (state?.isName && span.type === 'LOC') {
      kind = 'state'
      key = normaliseKey(state.name)
    } else if (named && span.type !== 'PER') {
      kind = named.kind
      key = normaliseKey(named.name)
    }
    out.push({
      start: span.start,
      end: span.end,
      kind,
      confidence: 0.5 + 0.45 * span.confidence,
      reason: `${TYPE_WORD[span.type]} name (trained tagger, ${Math.round(span.confidence * 100)} %)`,
      key,
    })
  }
  return out
}

const GENERIC_WORDS = new Set(['The', 'the', 'of', 'and', 'for', 'on'])

function notAName(ctx: Context, form: string, first: Token | undefined): boolean {
  if (ctx.demonyms.has(form) || STATE_BY_FORM.get(form)?.isName === false) return true
  if (REGION_ADJECTIVES.has(form)) return true
  const words = form.split(/\s+/)
  if (!/^[\p{Lu}\p{N}]/u.test(form) || /^\p{Ll}/u.test(words[words.length - 1]!)) return true
  // "the Ministry in Ostrin": a lower-case word inside a name is a connector or a mistake.
  if (words.some((w) => /^\p{Ll}/u.test(w) && !CONNECTORS.has(w))) return true
  const generic = (w: string): boolean =>
    GENERIC_WORDS.has(w) ||
    TITLE_WORDS.has(w) ||
    ORG_HEADS.has(w) ||
    PLACE_HEADS.has(w) ||
    PORTFOLIO_WORDS.has(w)
  if (words.every(generic)) return true
  if (words.length === 1 && first && first.end === first.start + form.length) {
    const t = first.tags
    if (!t.has('ProperNoun') && (hasFunctionTag(first) || t.has('Verb') || t.has('Adjective')))
      return true
  }
  return false
}

// Rules that rest on compromise's guesses, or on one weak cue, rather than on a list or on
// the shape of the text: where the trained tagger found a name, it knows better.
const WEAK_REASON =
  /\(tagger\)|^personal name$|^capitalised name of unknown kind$|reporting verb|^byline$|^after “|^newspaper$/

/**
 * The rules that rest on lists and on the text's shape come first (gazetteer, titles,
 * organisation and place heads, transcript speakers, datelines, a demonym's state, names
 * known from elsewhere in the text): they encode what the analyst's documents need and the
 * tagger's training news never showed it. Then the tagger's names where none of those
 * spoke, and the rules' weaker guesses only where the tagger found nothing. Where a weak
 * rule and the tagger name the same span with kinds that agree, the rule's finer kind stays.
 */
function mergeNames(model: Mention[], rules: Mention[]): Mention[] {
  const free = (m: Mention, kept: Mention[]): boolean =>
    kept.every((k) => m.end <= k.start || m.start >= k.end)
  const kept = rules.filter((r) => !WEAK_REASON.test(r.reason))
  // A person right after "in", "at", "near"… is the tagger's mistake far more often than
  // the rule's: there the rule's place stands ("Teodor Brankov in Ostrin").
  const placeCue = rules.filter(
    (r) =>
      r.kind === 'location' &&
      r.reason.startsWith('after “') &&
      model.some((m) => m.start === r.start && m.end === r.end && m.kind === 'person'),
  )
  kept.push(...placeCue)
  for (const m of model) if (free(m, kept)) kept.push(m)
  for (const r of rules) if (WEAK_REASON.test(r.reason) && free(r, kept)) kept.push(r)
  return kept.sort((a, b) => a.start - b.start)
}
