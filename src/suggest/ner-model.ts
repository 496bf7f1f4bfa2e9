/**
 * The trained name tagger: an averaged perceptron over the features of `ner-features.ts`,
 * decoded greedily left to right with its own previous tags as history and BILOU's rules
 * (an open name must go on or end; a name cannot end or go on out of nothing) as hard
 * constraints. It finds people, places, organisations and other names (CoNLL-2003's PER,
 * LOC, ORG, MISC) in plain text and returns them as character spans. The weights come from
 * `npm run train:ner` (scripts/train-ner.mjs) as `model/ner-weights.json`: for each feature
 * name, pairs of tag index and weight in fixed point. Loaded once, then pure and
 * deterministic.
 */
import {
  TAGS,
  TYPES,
  allowed,
  decodeStep,
  documentClues,
  historyFeatures,
  sentenceFeatures,
  shape,
  type NameType,
} from './ner-features'
import { tokenise, type TextToken } from './ner-tokenise'

/** The weights file as `npm run train:ner` writes it. */
export interface NerWeights {
  /** The tag set the weights were trained with; must equal `TAGS`. */
  tags: string[]
  /** Weights are integers: divide by this. */
  scale: number
  /** Words the training news nearly always wrote in lower case (see `commonWords`). */
  commonWords: string[]
  /** Hyper-parameters and figures of the training run, for the record. */
  meta?: Record<string, unknown>
  /** Feature name → [tag, weight, tag, weight, …]. */
  features: Record<string, number[]>
}

/** A name the tagger found: `text.slice(start, end)` is the name. */
export interface NameSpan {
  start: number
  end: number
  type: NameType
  /** Mean probability-like score (softmax of the perceptron's scores) of its tokens’ tags. */
  confidence: number
}

/** The trained tagger over loaded weights. */
export class NameTagger {
  private readonly weights: Map<string, number[]>
  private readonly scale: number
  private readonly common: ReadonlySet<string>

  constructor(weights: NerWeights) {
    if (weights.tags.join() !== TAGS.join()) throw new Error('The NER weights use another tag set.')
    this.weights = new Map(Object.entries(weights.features))
    this.scale = weights.scale
    this.common = new Set(weights.commonWords)
  }

  /** Finds the names in `text`, in text order. */
  tag(text: string): NameSpan[] {
    return this.tagSentences(tokenise(text))
  }

  /** Finds the names in already tokenised sentences of one document. */
  tagSentences(sentences: TextToken[][]): NameSpan[] {
    const clues = documentClues(sentences, this.common)
    const lastType = new Map<string, string>()
    const spans: NameSpan[] = []
    const scores = new Float64Array(TAGS.length)
    for (const sentence of sentences) {
      const feats = sentenceFeatures(sentence, clues)
      let p1 = -1
      let p2 = -1
      let open: { start: number; type: NameType; conf: number[] } | null = null
      let prevEnd = 0
      sentence.forEach((token, i) => {
        scores.fill(0)
        this.add(scores, feats[i]!)
        const key = token.text.toLowerCase()
        this.add(scores, historyFeatures(p1, p2, shape(token.text), lastType.get(key)))
        const last = i === sentence.length - 1
        const step = decodeStep(scores, p1, last)
        if (step.prev !== p1 && open) {
          // The name was closed at the previous token.
          const conf = open.conf.reduce((a, b) => a + b, 0) / open.conf.length
          spans.push({ start: open.start, end: prevEnd, type: open.type, confidence: conf })
          open = null
        }
        p1 = step.prev
        const best = step.tag
        const prob = softmaxAt(scores, best, p1, last)
        const tag = TAGS[best]!
        if (tag !== 'O') lastType.set(key, tag.slice(2))
        if (tag[0] === 'B' || tag[0] === 'U') {
          open = { start: token.start, type: tag.slice(2) as NameType, conf: [prob] }
        } else if (open) {
          open.conf.push(prob)
        }
        if ((tag[0] === 'L' || tag[0] === 'U') && open) {
          const conf = open.conf.reduce((a, b) => a + b, 0) / open.conf.length
          spans.push({ start: open.start, end: token.end, type: open.type, confidence: conf })
          open = null
        }
        prevEnd = token.end
        p2 = p1
        p1 = best
      })
    }
    return spans
  }

  private add(scores: Float64Array, features: string[]): void {
    for (const f of features) {
      const w = this.weights.get(f)
      if (!w) continue
      for (let k = 0; k < w.length; k += 2) scores[w[k]!]! += w[k + 1]! / this.scale
    }
  }
}

function softmaxAt(scores: Float64Array, best: number, prev: number, last: boolean): number {
  let sum = 0
  const top = scores[best]!
  for (let t = 0; t < scores.length; t++) {
    if (allowed(prev, t, last)) sum += Math.exp(scores[t]! - top)
  }
  return 1 / sum
}

/** The types the tagger knows, for callers that list them. */
export const NAME_TYPES: readonly NameType[] = TYPES
