/**
 * Passage anchors (DESIGN.md "Anchors"): making a W3C Web Annotation style selector — a text
 * position plus the exact quote with up to 32 characters of prefix and suffix — and finding
 * that passage again in a different text. Re-anchoring follows the Hypothesis client's
 * `matchQuote`: the position is tried first, then verbatim occurrences of the quote ranked by
 * how well their surroundings agree with the stored context, then an approximate search
 * (approx-string-match) scored by quote, context and position; whatever scores below the
 * threshold becomes an orphan that the analyst must place by hand, because an annotation is
 * never moved silently. All offsets are UTF-16 code units, as in the stored document text.
 */
import approxSearch from 'approx-string-match'
import type { AnnotationRecord } from './types'

/** The anchor stored on an annotation: a position and the quote with its context. */
export interface AnchorSelector {
  /** Offset of the quote's first code unit in the text the selector was made on. */
  start: number
  /** Offset just past the quote's last code unit. */
  end: number
  /** The quoted passage, `text.slice(start, end)`. */
  exact: string
  /** Up to `context` code units immediately before the quote (empty at the text's start). */
  prefix: string
  /** Up to `context` code units immediately after the quote (empty at the text's end). */
  suffix: string
}

/** Where an anchor landed in a new text, and how sure we are of it. */
export type AnchorResult =
  /** The old position still holds the quote. */
  | { status: 'exact'; start: number; end: number }
  /** The quote was found verbatim somewhere else. */
  | { status: 'moved'; start: number; end: number; method: 'quote' }
  /** Only an approximate match was found; `quote` is the text now at that place. */
  | { status: 'fuzzy'; start: number; end: number; score: number; quote: string }
  /** Not found well enough; `best` is the best rejected candidate, if there was one. */
  | { status: 'orphan'; reason: string; best?: { start: number; end: number; score: number } }

/** Tuning for {@link reanchor}; the defaults are the ones the golden fixtures pin down. */
export interface ReanchorOptions {
  /** Minimum score (0..1) for a candidate to be accepted. Default {@link DEFAULT_THRESHOLD}. */
  threshold?: number
  /** Cap on the edit distance allowed in the approximate search. Default 64. */
  maxErrors?: number
  /**
   * Where the passage is expected in the new text; defaults to the selector's `start`.
   * Searches start around it and equally good candidates go to the nearest. Only a match at
   * the selector's own `start` is ever 'exact'.
   */
  expectedStart?: number
}

/** Code units of context kept on each side of a quote (DESIGN.md: "about 32 characters"). */
export const DEFAULT_CONTEXT = 32

/**
 * Minimum score for a candidate. With the weights below it accepts a verbatim quote when at
 * least one side of its context is intact (score ≥ 0.76 even at the far end of the text),
 * and rejects it when neither side agrees (≤ 0.57) — so a quote whose sentence was deleted
 * is not pulled onto the same words in another sentence. An approximate quote needs most of
 * both sides, or a nearly identical quote and one intact side.
 */
export const DEFAULT_THRESHOLD = 0.75

// Hypothesis's weights: the quote dominates, context breaks ties between similar quotes, and
// position only orders otherwise equal candidates.
const QUOTE_WEIGHT = 50
const PREFIX_WEIGHT = 20
const SUFFIX_WEIGHT = 20
const POSITION_WEIGHT = 2
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT

/**
 * Edit similarity of a context side at or below this counts as no agreement at all. Measured
 * on English prose: unrelated 32-character strings score 0.25 (median) and 0.47 (99th
 * percentile) with approx-string-match, so without this rescaling unrelated context would
 * still earn a quarter of its weight and decoys would creep towards the threshold.
 */
const CONTEXT_NOISE_FLOOR = 0.5
/** Context agreements closer than this cannot tell two occurrences apart. */
const TIE_EPSILON = 0.05
/** Code units an approximate match may be widened by to reach a word boundary. */
const WORD_STRETCH = 24
/** Quotes of at most this many code points are never matched approximately. */
const SHORT_QUOTE = 3
/** A verbatim quote at least this long identifies its passage without context. */
const LONG_QUOTE = 48
/** Fraction of the quote's length that may differ in an approximate match. */
const ERROR_RATE = 1 / 4
const DEFAULT_MAX_ERRORS = 64
/** Code units searched on each side of the expected position before the whole text. */
const WINDOW = 4096
/** Verbatim occurrences fully scored when a quote occurs very often. */
const SHORTLIST = 8
/**
 * Approximate-search rounds (each masks the rejected matches) in the window and in the whole
 * text. The whole text gets one: a second pass costs as much again (tens of milliseconds on
 * 1 MB) for what is nearly always an orphan.
 */
const WINDOW_ROUNDS = 3
const TEXT_ROUNDS = 1
/** Approximate matches scored per round, nearest first; the rest wait for the next round. */
const MAX_MATCHES_PER_ROUND = 200
/** Stands in for masked-out text: a noncharacter, so it never equals a quote character. */
const MASK = '\uffff'

/**
 * Makes the selector for `text.slice(start, end)`.
 *
 * @param context - code units of prefix and suffix to keep; fewer at the text's edges, and
 *   one fewer where the cut would split a surrogate pair.
 * @throws RangeError when the offsets are not integers, `start < 0`, `start >= end`,
 *   `end > text.length`, either offset splits a surrogate pair, or `context` is negative.
 */
export function createSelector(
  text: string,
  start: number,
  end: number,
  context = DEFAULT_CONTEXT,
): AnchorSelector {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new RangeError(`Selector offsets must be integers (got ${start}, ${end})`)
  }
  if (start < 0) throw new RangeError(`Selector start ${start} is negative`)
  if (start >= end) throw new RangeError(`Selector start ${start} is not before end ${end}`)
  if (end > text.length) {
    throw new RangeError(`Selector end ${end} is beyond the text (length ${text.length})`)
  }
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw new RangeError(`Selector ${start}–${end} splits a surrogate pair`)
  }
  if (!Number.isInteger(context) || context < 0) {
    throw new RangeError(`Context length must be a non-negative integer (got ${context})`)
  }
  let from = Math.max(0, start - context)
  if (splitsSurrogatePair(text, from)) from += 1
  let to = Math.min(text.length, end + context)
  if (splitsSurrogatePair(text, to)) to -= 1
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(from, start),
    suffix: text.slice(end, to),
  }
}

/**
 * Finds the passage a selector describes in `text`, which may differ from the text it was
 * made on. In order:
 *
 * 1. **exact** — the old position still holds the quote and its context agrees (a quote of
 *    at least 48 code units needs no context), unless another occurrence's context agrees
 *    clearly better.
 * 2. **moved** — the quote occurs verbatim elsewhere. If the old position does not hold it,
 *    an occurrence with both sides of its context intact is taken first (the nearest, if
 *    several). Otherwise occurrences are ranked by context agreement; only agreements
 *    within 0.05 of the best count as a tie, and ties go to the occurrence nearest the
 *    expected position (`expectedStart`, by default the old one; the old position itself
 *    wins any tie it is part of). The winner must still reach the threshold: an occurrence
 *    whose context contradicts the stored one is never chosen, however near, and neither
 *    are equally poor ones — except a quote of at least 48 code units that occurs exactly
 *    once, since such a string practically never recurs by chance (a whole sentence moved
 *    to another paragraph).
 * 3. **fuzzy** — approximate search allowing `min(maxErrors, length / 4)` edits, first within
 *    4096 code units of the expected position, then in the whole text, skipping verbatim
 *    occurrences already rejected. Candidates are scored like Hypothesis's `matchQuote`:
 *    (50·quote + 20·prefix + 20·suffix + 2·position) / 92, where quote similarity is
 *    1 − edits / length, context agreement is edit similarity rescaled so that unrelated
 *    text scores 0, and position is 1 − distance / text length. A match is first widened to
 *    whole words where the quote began or ended at a word boundary, and must stay within
 *    the edit budget. The best window candidate reaching the threshold wins without looking
 *    further: near the expected place with agreeing context is the most plausible place,
 *    and it saves searching a large text. Quotes of at most 3 code points never match
 *    approximately.
 * 4. **orphan** — with the best rejected candidate, if any, so the analyst can confirm it.
 */
export function reanchor(
  text: string,
  selector: AnchorSelector,
  options: ReanchorOptions = {},
): AnchorResult {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS
  if (selector.exact.length === 0) return { status: 'orphan', reason: 'The anchor has no quote' }
  const m = new Matcher(text, selector, options.expectedStart)

  const verbatim = m.verbatim(threshold)
  if (verbatim.result) return verbatim.result

  const quoteLength = [...selector.exact].length
  const budget = Math.min(maxErrors, Math.floor(selector.exact.length * ERROR_RATE))
  let fuzzy: { accepted?: Candidate; best?: Candidate } = {}
  if (quoteLength > SHORT_QUOTE && budget > 0) {
    fuzzy = m.fuzzy(budget, threshold, verbatim.occurrences)
    if (fuzzy.accepted) {
      const { start, end, score } = fuzzy.accepted
      return { status: 'fuzzy', start, end, score, quote: text.slice(start, end) }
    }
  }

  const best = [verbatim.best, fuzzy.best].reduce<Candidate | undefined>(
    (a, c) => (c && (!a || c.score > a.score) ? c : a),
    undefined,
  )
  return {
    status: 'orphan',
    reason: orphanReason({
      occurrences: verbatim.occurrences.length,
      quoteLength,
      best,
      threshold,
      budget,
    }),
    ...(best ? { best: { start: best.start, end: best.end, score: best.score } } : {}),
  }
}

/** One annotation as {@link reanchorAll} needs it. */
export type AnchoredAnnotation = Pick<
  AnnotationRecord,
  'id' | 'start' | 'end' | 'exact' | 'prefix' | 'suffix' | 'textHash'
>

/** What {@link reanchorAll} found: a result per annotation id and how many of each status. */
export interface ReanchorReport {
  results: Map<string, AnchorResult>
  counts: Record<AnchorResult['status'], number>
}

/**
 * Re-anchors every annotation made on the text whose hash is `oldTextHash` into `newText`.
 * An annotation whose `textHash` is different was made on some other text, so its offsets
 * mean nothing here: it becomes an orphan instead of being matched by quote alone.
 *
 * Annotations are processed in document order, and each one is expected where its old
 * offset lands after the shift of the last annotation placed before it: edits shift whole
 * stretches of text together, so the searches stay in their small windows even after a
 * large insertion or deletion further up.
 */
export function reanchorAll(
  oldTextHash: string,
  newText: string,
  annotations: readonly AnchoredAnnotation[],
  options: Omit<ReanchorOptions, 'expectedStart'> = {},
): ReanchorReport {
  const placed = new Map<AnchoredAnnotation, AnchorResult>()
  let shift = 0
  for (const a of [...annotations].sort((x, y) => x.start - y.start)) {
    if (a.textHash !== oldTextHash) {
      const [made, old] = [a.textHash.slice(0, 12), oldTextHash.slice(0, 12)]
      placed.set(a, {
        status: 'orphan',
        reason: `Made on a different text (${made}…), not ${old}…`,
      })
      continue
    }
    const result = reanchor(newText, a, { ...options, expectedStart: a.start + shift })
    if (result.status !== 'orphan') shift = result.start - a.start
    placed.set(a, result)
  }
  // Results in the caller's order, not document order.
  const results = new Map(annotations.map((a): [string, AnchorResult] => [a.id, placed.get(a)!]))
  const counts = { exact: 0, moved: 0, fuzzy: 0, orphan: 0 }
  for (const r of results.values()) counts[r.status] += 1
  return { results, counts }
}

interface Candidate {
  start: number
  end: number
  /** Edits between the quote and `text[start, end)`. */
  errors: number
  /** The weighted score, 0..1. */
  score: number
  /** Mean agreement of prefix and suffix, 0..1. */
  context: number
}

/** The search for one selector in one text; keeps the pieces the steps share. */
class Matcher {
  private readonly quote: string
  /** The quote's old offset: only a verbatim match here is 'exact'. */
  private readonly origin: number
  /** Where the quote is expected now: windows are centred and ties broken here. */
  private readonly hint: number
  /** Whether the quote began / ended at a word boundary in the text it was made on. */
  private readonly wordStart: boolean
  private readonly wordEnd: boolean

  constructor(
    private readonly text: string,
    private readonly sel: AnchorSelector,
    expectedStart: number | undefined,
  ) {
    this.quote = sel.exact
    // A stored offset that is not a valid integer (corrupt data) is no evidence of position.
    this.origin = Number.isInteger(sel.start) && sel.start >= 0 ? sel.start : -1
    this.hint =
      expectedStart !== undefined && Number.isInteger(expectedStart) && expectedStart >= 0
        ? expectedStart
        : Math.max(0, this.origin)
    this.wordStart = isWordCharAt(sel.exact, 0) && !isWordCharBefore(sel.prefix, sel.prefix.length)
    this.wordEnd = isWordCharBefore(sel.exact, sel.exact.length) && !isWordCharAt(sel.suffix, 0)
  }

  /**
   * Steps 1 and 2: the old position and verbatim occurrences. Returns the result if one is
   * accepted, else every occurrence (for the fuzzy step to skip) and the best rejected one.
   */
  verbatim(threshold: number): {
    result?: AnchorResult
    occurrences: number[]
    best?: Candidate
  } {
    const { text, quote, origin } = this
    const len = quote.length
    const holds =
      origin >= 0 &&
      origin + len <= text.length &&
      text.startsWith(quote, origin) &&
      this.keepsWords(origin, origin + len)
    // Fast paths for the common cases (unchanged passage, text inserted or deleted
    // elsewhere): an occurrence with both sides of context intact cannot be beaten, and
    // among several such the nearest wins anyway. When the old place holds the quote but its
    // context changed a little, the ranking below decides, so that an intact copy elsewhere
    // (a duplicated paragraph) does not outweigh position plus nearly the same context.
    if (holds && this.intact(origin)) {
      return { result: this.located(origin), occurrences: [origin] }
    }
    if (!holds) {
      // Nearby first, so that a miss there costs little; then anywhere (a large insertion
      // or deletion further up), one fast scan before ranking every occurrence of the quote.
      let intact = this.nearestIntact(this.hint - WINDOW, this.hint + WINDOW)
      if (intact < 0) intact = this.nearestIntact(0, text.length)
      if (intact >= 0) return { result: this.located(intact), occurrences: [intact] }
    }

    // "van" inside "caravan" is not the passage "van" was: an occurrence must not split a
    // word where the quote did not.
    const keepsWords = (s: number) => this.keepsWords(s, s + len)
    // The window first. An accepted occurrence there whose context is within a tie of
    // perfect cannot be beaten from farther away (a tie goes to the nearer one), so the whole
    // text is scanned only when the context around the quote changed.
    const nearby = findAll(text, quote, this.hint - WINDOW, this.hint + WINDOW + len)
    const local = this.choose(nearby.filter(keepsWords), holds, threshold, false)
    if (local.accepted && local.accepted.context >= 1 - TIE_EPSILON) {
      return { result: this.located(local.accepted.start), occurrences: [local.accepted.start] }
    }
    const occurrences = findAll(text, quote, 0, text.length).filter(keepsWords)
    const global = this.choose(occurrences, holds, threshold, occurrences.length === 1)
    if (global.accepted) return { result: this.located(global.accepted.start), occurrences }
    return { occurrences, best: global.best }
  }

  /**
   * Step 2's rule over some verbatim occurrences: rank by context agreement, break ties by
   * proximity (the old place winning any tie it is in), and accept the winner if it reaches
   * the threshold or is a long quote that is `unique` or at the old place. Failing that, the
   * old place is accepted if it may be on its own.
   */
  private choose(
    occurrences: number[],
    holds: boolean,
    threshold: number,
    unique: boolean,
  ): { accepted?: Candidate; best?: Candidate } {
    const { origin } = this
    const shortlist = this.shortlist(occurrences)
    if (holds && !shortlist.includes(origin)) shortlist.push(origin)
    if (shortlist.length === 0) return {}
    const scored = shortlist.map((s) => this.score(s, s + this.quote.length, 0))
    const top = Math.max(...scored.map((c) => c.context))
    let best = scored
      .filter((c) => c.context >= top - TIE_EPSILON)
      .reduce((a, c) => (this.distance(c) < this.distance(a) ? c : a))
    const atOldPlace = holds ? scored.find((c) => c.start === origin) : undefined
    if (atOldPlace && atOldPlace.context >= top - TIE_EPSILON) best = atOldPlace
    const selfEvident = (c: Candidate) =>
      this.quote.length >= LONG_QUOTE && (unique || c.start === origin)
    for (const c of atOldPlace && atOldPlace !== best ? [best, atOldPlace] : [best]) {
      if (c.score >= threshold || selfEvident(c)) return { accepted: c, best }
    }
    return { best }
  }

  /**
   * Step 3: approximate search, in the window around the hint and then in the whole text.
   * Returns the best candidate of the first round that has one within the error budget and
   * reaching the threshold, if any, and the best-scoring candidate seen (for the orphan
   * report).
   */
  fuzzy(
    budget: number,
    threshold: number,
    verbatim: number[],
  ): { accepted?: Candidate; best?: Candidate } {
    const { text, quote, hint } = this
    const masked: [number, number][] = verbatim.map((s) => [s, s + quote.length])
    const lo = Math.max(0, hint - WINDOW)
    const hi = Math.min(text.length, hint + quote.length + WINDOW)
    const found = this.search(lo, hi, budget, threshold, masked, WINDOW_ROUNDS, {})
    if (found.accepted || (lo === 0 && hi === text.length)) return found
    return this.search(0, text.length, budget, threshold, masked, TEXT_ROUNDS, found)
  }

  /**
   * Approximate matches of the quote within `text[lo, hi)`, over up to `rounds` rounds: the
   * library reports only the matches with the fewest edits, so each round masks what it
   * rejected to let the next-best matches (e.g. the reworded passage behind a closer decoy)
   * surface. `masked` grows with every rejected match.
   */
  private search(
    lo: number,
    hi: number,
    budget: number,
    threshold: number,
    masked: [number, number][],
    rounds: number,
    found: { accepted?: Candidate; best?: Candidate },
  ): { accepted?: Candidate; best?: Candidate } {
    let best = found.best
    let accepted: Candidate | undefined
    for (let round = 0; round < rounds && !accepted; round++) {
      const region = maskRegion(this.text, lo, hi, masked)
      const matches = approxSearch(region, this.quote, budget)
      if (matches.length === 0) break
      const near = (m: { start: number }) => Math.abs(m.start + lo - this.hint)
      matches.sort((a, b) => near(a) - near(b))
      for (const match of matches.slice(0, MAX_MATCHES_PER_ROUND)) {
        const c = this.candidate(match.start + lo, match.end + lo, match.errors)
        if (!best || c.score > best.score) best = c
        if (c.errors <= budget && c.score >= threshold && (!accepted || c.score > accepted.score)) {
          accepted = c
        }
        masked.push([c.start, c.end])
      }
    }
    return { accepted, best }
  }

  /**
   * Scores an approximate match after widening it to whole code points and, where the quote
   * began or ended at a word boundary, to whole words: the library happily matches "the
   * motion was lost" to "the motion was wit|hdrawn" with four edits, but the passage is
   * "the motion was withdrawn", which is nine edits away and beyond the budget.
   */
  private candidate(start: number, end: number, errors: number): Candidate {
    const { text, quote } = this
    let [s, e] = snapToCodePoints(text, start, end)
    if (this.wordStart) {
      while (s > 0 && start - s < WORD_STRETCH && splitsWord(text, s)) {
        s = previousCodePoint(text, s)
      }
    }
    if (this.wordEnd) {
      while (e < text.length && e - end < WORD_STRETCH && splitsWord(text, e)) {
        e = nextCodePoint(text, e)
      }
    }
    if (s === start && e === end) return this.score(s, e, errors)
    const widened = errors + (start - s) + (e - end)
    return this.score(s, e, editDistance(quote, text.slice(s, e), widened))
  }

  /** Whether `text[start, end)` starts and ends at word boundaries wherever the quote did. */
  private keepsWords(start: number, end: number): boolean {
    return (
      !(this.wordStart && splitsWord(this.text, start)) &&
      !(this.wordEnd && splitsWord(this.text, end))
    )
  }

  /** The result for a verbatim occurrence accepted at `start`. */
  private located(start: number): AnchorResult {
    const end = start + this.quote.length
    return start === this.origin
      ? { status: 'exact', start, end }
      : { status: 'moved', start, end, method: 'quote' }
  }

  /** Whether both sides of the context around a quote at `start` equal the stored ones. */
  private intact(start: number): boolean {
    const { text, sel } = this
    const end = start + sel.exact.length
    const prefixOk = sel.prefix
      ? start >= sel.prefix.length && text.startsWith(sel.prefix, start - sel.prefix.length)
      : start === 0
    const suffixOk = sel.suffix ? text.startsWith(sel.suffix, end) : end === text.length
    return prefixOk && suffixOk
  }

  /**
   * Quote offset of the occurrence with both sides of context intact that is nearest the
   * hint, among those starting in `[from, to]`, or -1.
   */
  private nearestIntact(from: number, to: number): number {
    const { text, sel } = this
    // An empty side means the quote touched the text's edge, so only that place qualifies.
    if (!sel.prefix) return text.startsWith(sel.exact) && this.intact(0) ? 0 : -1
    if (!sel.suffix) {
      const last = text.length - sel.exact.length
      return last >= 0 && text.startsWith(sel.exact, last) && this.intact(last) ? last : -1
    }
    const needle = sel.prefix + sel.exact + sel.suffix
    const p = sel.prefix.length
    const found = findAll(text, needle, from - p, to - p + needle.length)
    if (found.length === 0) return -1
    const target = this.hint - p
    const nearest = found.reduce((a, s) => (Math.abs(s - target) < Math.abs(a - target) ? s : a))
    return nearest + p
  }

  /**
   * The occurrences worth scoring fully. Scoring is cheap but a short quote can occur
   * thousands of times in a large text, so beyond a handful keep those whose adjacent
   * characters agree longest with the stored context and those nearest the hint — the two
   * ways the right occurrence shows itself.
   */
  private shortlist(occurrences: number[]): number[] {
    if (occurrences.length <= 2 * SHORTLIST) return [...occurrences]
    const byAdjacency = [...occurrences]
      .map((s) => ({ s, n: this.adjacentAgreement(s) }))
      .sort((a, b) => b.n - a.n)
      .slice(0, SHORTLIST)
      .map((x) => x.s)
    const byDistance = [...occurrences]
      .sort((a, b) => Math.abs(a - this.hint) - Math.abs(b - this.hint))
      .slice(0, SHORTLIST)
    return [...new Set([...byAdjacency, ...byDistance])]
  }

  /** How many characters next to a quote at `start` agree with the stored context. */
  private adjacentAgreement(start: number): number {
    const { text, sel } = this
    const end = start + sel.exact.length
    let n = 0
    const p = sel.prefix
    while (n < p.length && start - 1 - n >= 0) {
      if (text.charCodeAt(start - 1 - n) !== p.charCodeAt(p.length - 1 - n)) break
      n++
    }
    let m = 0
    const s = sel.suffix
    while (m < s.length && end + m < text.length) {
      if (text.charCodeAt(end + m) !== s.charCodeAt(m)) break
      m++
    }
    return n + m
  }

  /** Scores a candidate `text[start, end)` found with `errors` edits against the quote. */
  private score(start: number, end: number, errors: number): Candidate {
    const { text, sel } = this
    const quoteScore = Math.max(0, 1 - errors / sel.exact.length)
    const before = text.slice(Math.max(0, start - sel.prefix.length), start)
    const after = text.slice(end, end + sel.suffix.length)
    const prefixScore = contextAgreement(before, sel.prefix)
    const suffixScore = contextAgreement(after, sel.suffix)
    const positionScore = 1 - Math.min(1, Math.abs(start - this.hint) / Math.max(1, text.length))
    const raw =
      QUOTE_WEIGHT * quoteScore +
      PREFIX_WEIGHT * prefixScore +
      SUFFIX_WEIGHT * suffixScore +
      POSITION_WEIGHT * positionScore
    return {
      start,
      end,
      errors,
      score: raw / TOTAL_WEIGHT,
      context: (prefixScore + suffixScore) / 2,
    }
  }

  private distance(c: Candidate): number {
    return Math.abs(c.start - this.hint)
  }
}

/**
 * How well the text actually beside a candidate agrees with the stored context, 0..1. An
 * empty stored side means the quote touched the text's edge: being at the edge again agrees,
 * anything else is neutral (0.5) — a paragraph inserted before the first sentence should not
 * count against it, but it is no evidence for it either.
 */
function contextAgreement(actual: string, expected: string): number {
  if (expected.length === 0) return actual.length === 0 ? 1 : 0.5
  if (actual === expected) return 1
  if (actual.length === 0) return 0
  const errors = approxSearch(actual, expected, expected.length)[0]?.errors ?? expected.length
  const similarity = 1 - errors / expected.length
  return Math.max(0, (similarity - CONTEXT_NOISE_FLOOR) / (1 - CONTEXT_NOISE_FLOOR))
}

/** Letters (with their combining marks) and digits: what a word is made of, in any script. */
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u

/** Whether the code point starting at `i` is a word character. */
function isWordCharAt(text: string, i: number): boolean {
  const cp = text.codePointAt(i)
  if (cp === undefined) return false
  // ASCII without the regular expression: this runs for every occurrence of a common word.
  if (cp < 0x80) {
    return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)
  }
  return WORD_CHAR.test(String.fromCodePoint(cp))
}

/** Whether the code point ending at `i` is a word character. */
function isWordCharBefore(text: string, i: number): boolean {
  return i > 0 && isWordCharAt(text, previousCodePoint(text, i))
}

/** Whether offset `i` falls inside a word (word characters on both sides). */
function splitsWord(text: string, i: number): boolean {
  return isWordCharBefore(text, i) && isWordCharAt(text, i)
}

function previousCodePoint(text: string, i: number): number {
  return splitsSurrogatePair(text, i - 1) ? i - 2 : i - 1
}

function nextCodePoint(text: string, i: number): number {
  return splitsSurrogatePair(text, i + 1) ? i + 2 : i + 1
}

/**
 * Levenshtein distance between `a` and `b`, exact when it is at most `bound` and otherwise
 * some value above `bound`. Only the diagonal band of width `bound` is computed, so the cost
 * is O(bound · length) rather than O(length²).
 */
function editDistance(a: string, b: string, bound: number): number {
  const over = bound + 1
  if (Math.abs(a.length - b.length) > bound) return over
  let prev = new Uint32Array(b.length + 1)
  let cur = new Uint32Array(b.length + 1)
  for (let j = 0; j <= b.length; j++) prev[j] = Math.min(j, over)
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - bound)
    const hi = Math.min(b.length, i + bound)
    // Cells just outside the band are read by this row and the next: keep them "too far".
    cur[lo - 1] = lo === 1 ? Math.min(i, over) : over
    if (hi < b.length) cur[hi + 1] = over
    let rowMin = cur[lo - 1]!
    const ca = a.charCodeAt(i - 1)
    for (let j = lo; j <= hi; j++) {
      const substitute = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1)
      const value = Math.min(substitute, prev[j]! + 1, cur[j - 1]! + 1, over)
      cur[j] = value
      if (value < rowMin) rowMin = value
    }
    if (rowMin > bound) return over
    ;[prev, cur] = [cur, prev]
  }
  return prev[b.length]!
}

/** Every offset in `[from, to)` where `needle` starts and ends within `[from, to)`. */
function findAll(text: string, needle: string, from: number, to: number): number[] {
  const lo = Math.max(0, from)
  const hi = Math.min(text.length, to)
  // Search a slice (cheap in JS engines: no copy) so that a miss costs the window, not the
  // rest of the text.
  const haystack = lo === 0 && hi === text.length ? text : text.slice(lo, hi)
  const out: number[] = []
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) {
    out.push(i + lo)
  }
  return out
}

/** `text[lo, hi)` with every masked range inside it overwritten by {@link MASK}. */
function maskRegion(text: string, lo: number, hi: number, masked: [number, number][]): string {
  const ranges = masked
    .filter(([s, e]) => e > lo && s < hi)
    .map(([s, e]): [number, number] => [Math.max(s, lo), Math.min(e, hi)])
    .sort((a, b) => a[0] - b[0])
  if (ranges.length === 0) return text.slice(lo, hi)
  const parts: string[] = []
  let at = lo
  for (const [s, e] of ranges) {
    if (e <= at) continue
    const from = Math.max(s, at)
    parts.push(text.slice(at, from), MASK.repeat(e - from))
    at = e
  }
  parts.push(text.slice(at, hi))
  return parts.join('')
}

/** Widens `[start, end)` so that neither end splits a surrogate pair. */
function snapToCodePoints(text: string, start: number, end: number): [number, number] {
  return [
    splitsSurrogatePair(text, start) ? start - 1 : start,
    splitsSurrogatePair(text, end) ? end + 1 : end,
  ]
}

/** Whether offset `i` falls between the high and low halves of a surrogate pair. */
function splitsSurrogatePair(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false
  const before = text.charCodeAt(i - 1)
  const after = text.charCodeAt(i)
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff
}

/** A sentence for the analyst saying why an anchor could not be placed. */
function orphanReason(r: {
  occurrences: number
  quoteLength: number
  best: Candidate | undefined
  threshold: number
  budget: number
}): string {
  const { best, threshold } = r
  if (r.occurrences > 0) {
    const times = r.occurrences === 1 ? 'once' : `${r.occurrences} times`
    return `The quote occurs ${times}, but the context agrees with none of them well enough.`
  }
  if (r.quoteLength <= SHORT_QUOTE) {
    return 'The quote is too short to match approximately and no longer occurs verbatim.'
  }
  if (!best) return 'The quote no longer occurs, verbatim or approximately.'
  if (best.errors > r.budget) {
    const edits = `${best.errors} edits, more than the ${r.budget} allowed`
    return `The closest passage differs from the quote by ${edits}.`
  }
  return `The closest passage scores ${best.score.toFixed(2)}, below the ${threshold} required.`
}
