/**
 * Estimative language for a briefing's key judgements, after ICD 203 (Analytic Standards):
 * the seven likelihood terms with their probability ranges, the three confidence levels, and
 * the rule that turns a structured `Judgement` into the two sentences a reader sees.
 *
 * ICD 203 asks that likelihood and confidence are never combined in one sentence ("we have
 * high confidence it is likely" blurs how probable a thing is with how good the evidence
 * is), so a judgement is always written as two sentences. The likelihood the analyst picked
 * from the scale is authoritative: the text is checked for estimative words that disagree
 * with it (`judgementTextIssues`), and a disagreement is reported, not silently "fixed".
 * Pure functions, no DOM: the composer, the HTML and the Markdown export all use them.
 */
import type { Judgement, Likelihood } from '../domain/types'

/** A judgement's confidence level. */
export type Confidence = Judgement['confidence']

/** One step of the ICD 203 likelihood scale. */
export interface LikelihoodStep {
  term: Likelihood
  /** The range as printed, e.g. "55–80%" (ICD 203 writes the low ones as "01–05%"). */
  range: string
  /** Lower and upper bound in percent. */
  min: number
  max: number
  /** 1 (almost no chance) … 7 (almost certain). */
  order: number
  /** How a sentence leads into the term ("it is likely", "there is a roughly even chance"). */
  lead: string
}

/** The ICD 203 likelihood scale, least to most likely. */
export const LIKELIHOOD_SCALE: readonly LikelihoodStep[] = [
  {
    term: 'almost no chance',
    range: '01–05%',
    min: 1,
    max: 5,
    order: 1,
    lead: 'there is almost no chance',
  },
  {
    term: 'very unlikely',
    range: '05–20%',
    min: 5,
    max: 20,
    order: 2,
    lead: 'it is very unlikely',
  },
  { term: 'unlikely', range: '20–45%', min: 20, max: 45, order: 3, lead: 'it is unlikely' },
  {
    term: 'roughly even chance',
    range: '45–55%',
    min: 45,
    max: 55,
    order: 4,
    lead: 'there is a roughly even chance',
  },
  { term: 'likely', range: '55–80%', min: 55, max: 80, order: 5, lead: 'it is likely' },
  { term: 'very likely', range: '80–95%', min: 80, max: 95, order: 6, lead: 'it is very likely' },
  {
    term: 'almost certain',
    range: '95–99%',
    min: 95,
    max: 99,
    order: 7,
    lead: 'it is almost certain',
  },
]

/** The scale step of `term`. */
export function likelihoodStep(term: Likelihood): LikelihoodStep {
  // The scale is complete over the Likelihood union, so the fallback is never taken.
  return LIKELIHOOD_SCALE.find((s) => s.term === term) ?? LIKELIHOOD_SCALE[4]!
}

/** The three confidence levels, with the meaning a briefing's reader is given. */
export const CONFIDENCE_LEVELS: readonly { level: Confidence; meaning: string }[] = [
  {
    level: 'low',
    meaning:
      'The information is scant, questionable or fragmented, or its sources are of doubtful reliability.',
  },
  {
    level: 'moderate',
    meaning: 'The information is credibly sourced and plausible but not corroborated enough.',
  },
  {
    level: 'high',
    meaning: 'The judgement rests on good information from several sources; it is not a certainty.',
  },
]

/**
 * Word patterns that express each term, longest first so that "very likely" is not also read
 * as "likely" (matches are masked out as they are found). ICD 203's alternative words count
 * as the same step ("probably" is "likely"); "remote" only as "remote chance/possibility",
 * because "a remote area" is not a probability.
 */
const TERM_PATTERNS: readonly { term: Likelihood; re: RegExp }[] = [
  { term: 'almost no chance', re: /\balmost no chance\b/gi },
  { term: 'almost no chance', re: /\bremote (?:chance|possibility)\b/gi },
  { term: 'roughly even chance', re: /\broughly even (?:chance|odds)\b/gi },
  { term: 'almost certain', re: /\b(?:almost|nearly) certain(?:ly)?\b/gi },
  { term: 'very unlikely', re: /\bvery unlikely\b/gi },
  { term: 'very unlikely', re: /\bhighly improbabl[ey]\b/gi },
  { term: 'very likely', re: /\bvery likely\b/gi },
  { term: 'very likely', re: /\bhighly probabl[ey]\b/gi },
  { term: 'unlikely', re: /\bunlikely\b/gi },
  { term: 'unlikely', re: /\bimprobabl[ey]\b/gi },
  { term: 'likely', re: /\blikely\b/gi },
  { term: 'likely', re: /\bprobabl[ey]\b/gi },
]

interface TermMatch {
  term: Likelihood
  index: number
  length: number
}

function findTerms(text: string): TermMatch[] {
  let masked = text
  const found: TermMatch[] = []
  for (const { term, re } of TERM_PATTERNS) {
    for (const m of masked.matchAll(re)) {
      found.push({ term, index: m.index, length: m[0].length })
      masked =
        masked.slice(0, m.index) + ' '.repeat(m[0].length) + masked.slice(m.index + m[0].length)
    }
  }
  return found.sort((a, b) => a.index - b.index)
}

/** The likelihood terms (or their ICD 203 alternatives) that `text` uses, in reading order. */
export function estimativeTerms(text: string): Likelihood[] {
  return findTerms(text).map((m) => m.term)
}

const CONFIDENCE_WORDS = /\b(?:(?:low|moderate|high)[- ]confidence|confiden(?:ce|t))\b/i

/**
 * What is wrong with a judgement's wording, in words for the analyst (empty when nothing):
 * no text, an estimative word that disagrees with the chosen likelihood, or confidence
 * language inside the likelihood sentence.
 */
export function judgementTextIssues(j: Judgement): string[] {
  const issues: string[] = []
  const text = j.text.trim()
  if (!text) issues.push('has no text')
  const others = [...new Set(estimativeTerms(text))].filter((t) => t !== j.likelihood)
  if (others.length > 0)
    issues.push(
      `is marked "${j.likelihood}" but its text says ${others.map((t) => `"${t}"`).join(', ')}`,
    )
  if (CONFIDENCE_WORDS.test(text))
    issues.push('states confidence in its own text (ICD 203 keeps likelihood and confidence apart)')
  return issues
}

/**
 * Sentence openers that are never names, so they may be lower-cased after "… that". Any
 * other first word is kept as written: judgements usually start with an actor ("Iran",
 * "the IRGC"), and a name must not become "iran".
 */
const OPENERS = new Set(
  (
    'a an the this these that those it its there some most many much any no none such both ' +
    'either neither each every all few several other another one our their his her he she ' +
    'they we further additional'
  ).split(' '),
)

function lowerFirstWord(text: string): string {
  const word = /^[A-Za-z]+\b/.exec(text)?.[0]
  if (!word || !OPENERS.has(word.toLowerCase())) return text
  // An all-capitals word is an acronym ("IT", "NO"), except the article "A".
  if (word.length > 1 && word === word.toUpperCase()) return text
  return text.charAt(0).toLowerCase() + text.slice(1)
}

function endSentence(text: string): string {
  return /[.!?]["'”’)]?$/.test(text) ? text : `${text}.`
}

/**
 * The judgement as two separate sentences (ICD 203: likelihood and confidence are not
 * combined in one sentence).
 *
 * Likelihood sentence — the rule:
 * 1. Whitespace is collapsed and the text trimmed.
 * 2. If the text already uses the chosen term (or its ICD 203 alternative, "probably" for
 *    "likely") and no other term, it is kept as written and the range is added after the
 *    first use: "Iran will likely (55–80%) retaliate." — unless it already gives a "%".
 * 3. Otherwise it is led by "We assess <lead> (<range>) that …": "We assess it is likely
 *    (55–80%) that Iran will retaliate." A leading "We assess (that)" or "We judge (that)"
 *    in the text is dropped so it is not said twice, and the first word is lower-cased only
 *    when it is a common opener (the, this, it …), never a name. A text that uses a
 *    different term still gets the lead (the chosen likelihood is authoritative);
 *    `judgementTextIssues` reports the contradiction.
 * 4. The sentence ends with a full stop unless it already ends with . ! or ?.
 *
 * Confidence sentence: "We have <level> confidence in this judgement."
 */
export function judgementSentences(j: Judgement): { likelihood: string; confidence: string } {
  const step = likelihoodStep(j.likelihood)
  const confidence = `We have ${j.confidence} confidence in this judgement.`
  const text = j.text.replace(/\s+/g, ' ').trim()
  const found = findTerms(text)
  if (found.length > 0 && found.every((m) => m.term === j.likelihood)) {
    if (text.includes('%')) return { likelihood: endSentence(text), confidence }
    const first = found[0]!
    const at = first.index + first.length
    return {
      likelihood: endSentence(`${text.slice(0, at)} (${step.range})${text.slice(at)}`),
      confidence,
    }
  }
  const lead = `We assess ${step.lead} (${step.range})`
  const rest = text.replace(/^we (?:assess|judge)(?: that)?\s+/i, '')
  if (!rest) return { likelihood: `${lead}.`, confidence }
  return { likelihood: endSentence(`${lead} that ${lowerFirstWord(rest)}`), confidence }
}
