/**
 * Trains the name tagger's averaged perceptron (`ner-model.ts`) on CoNLL documents rebuilt
 * as plain text (`conll.ts`): the documents go through the same tokeniser and features as
 * a real document does, each token's gold BILOU tag comes from the gold character spans,
 * and decoding during training is the tagger's own greedy decoding with its own previous
 * tags as history, so that training sees what tagging will. Deterministic: documents are
 * visited in an order drawn from a seeded generator, features are numbered in order of
 * first appearance, and weights are averaged (Daumé's trick: w − u / c). Pure TypeScript
 * without I/O; `scripts/train-ner.mjs` reads the corpus and writes the weights.
 */
import type { ConllDocument } from './conll'
import {
  TAGS,
  commonWords,
  decodeStep,
  documentClues,
  historyFeatures,
  sentenceFeatures,
  shape,
  tagIndex,
} from './ner-features'
import type { NerWeights } from './ner-model'
import { tokenise } from './ner-tokenise'

/** Hyper-parameters of a training run. */
export interface TrainOptions {
  /** Passes over the training documents. */
  epochs: number
  /** Seed of the document order. */
  seed: number
  /** Static features seen fewer times than this in training are dropped. */
  minCount: number
  /** Averaged weights smaller than this in magnitude are dropped from the file. */
  prune: number
  /** Fixed-point scale of the weights in the file. */
  scale: number
  /** Progress lines. */
  log?: (line: string) => void
  /** Called after each epoch with the weights so far (for a dev score in the log). */
  afterEpoch?: (epoch: number, weights: NerWeights) => void
}

interface PreparedSentence {
  feats: Int32Array[]
  gold: Int32Array
  shapes: string[]
  keys: string[]
}

/** A deterministic generator of numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The gold BILOU tags of a document's tokens, from its gold character spans. */
export function goldTags(doc: ConllDocument): {
  sentences: ReturnType<typeof tokenise>
  tags: string[][]
} {
  const sentences = tokenise(doc.text)
  const tags = sentences.map((s) => s.map(() => 'O'))
  const flat: [number, number][] = []
  sentences.forEach((s, si) => s.forEach((_, ti) => flat.push([si, ti])))
  const tokens = sentences.flat()
  let k = 0
  for (const span of doc.spans) {
    while (k < tokens.length && tokens[k]!.end <= span.start) k++
    const inside: number[] = []
    for (let j = k; j < tokens.length && tokens[j]!.start < span.end; j++) inside.push(j)
    inside.forEach((j, n) => {
      const prefix = inside.length === 1 ? 'U' : n === 0 ? 'B' : n === inside.length - 1 ? 'L' : 'I'
      const [si, ti] = flat[j]!
      tags[si]![ti] = `${prefix}-${span.type}`
    })
  }
  return { sentences, tags }
}

/** Trains on `docs` and returns the weights file's content. */
export function trainNer(docs: ConllDocument[], options: TrainOptions): NerWeights {
  const log = options.log ?? (() => {})
  const T = TAGS.length
  // 1. Tokenise, tag and count static features.
  const counts = new Map<string, number>()
  const tagged = docs.map(goldTags)
  const common = commonWords(tagged.flatMap((d) => d.sentences))
  const commonSet = new Set(common)
  const raw = tagged.map(({ sentences, tags }) => {
    const clues = documentClues(sentences, commonSet)
    return sentences.map((s, si) => {
      const feats = sentenceFeatures(s, clues)
      for (const list of feats) for (const f of list) counts.set(f, (counts.get(f) ?? 0) + 1)
      return { s, feats, tags: tags[si]! }
    })
  })
  const names: string[] = []
  const ids = new Map<string, number>()
  for (const [f, n] of counts) {
    if (n >= options.minCount) {
      ids.set(f, names.length)
      names.push(f)
    }
  }
  const staticCount = names.length
  log(
    `${docs.length} documents, ${counts.size} static features, ${staticCount} kept, ${common.length} common words`,
  )
  const prepared: PreparedSentence[][] = raw.map((sentences) =>
    sentences.map(({ s, feats, tags }) => ({
      feats: feats.map((list) => Int32Array.from(list.flatMap((f) => ids.get(f) ?? []))),
      gold: Int32Array.from(tags.map(tagIndex)),
      shapes: s.map((t) => shape(t.text)),
      keys: s.map((t) => t.text.toLowerCase()),
    })),
  )

  // 2. Weights, growing as history features appear.
  let capacity = staticCount + 100_000
  let w = new Float64Array(capacity * T)
  let u = new Float64Array(capacity * T)
  const featureId = (f: string): number => {
    let id = ids.get(f)
    if (id === undefined) {
      id = names.length
      ids.set(f, id)
      names.push(f)
      if (names.length > capacity) {
        capacity *= 2
        const w2 = new Float64Array(capacity * T)
        w2.set(w)
        w = w2
        const u2 = new Float64Array(capacity * T)
        u2.set(u)
        u = u2
      }
    }
    return id
  }

  const scores = new Float64Array(T)
  const random = seededRandom(options.seed)
  let c = 1
  const order = prepared.map((_, i) => i)
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    // Fisher–Yates with the seeded generator: the same order for the same seed.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    let errors = 0
    let total = 0
    for (const d of order) {
      const lastType = new Map<string, string>()
      for (const sentence of prepared[d]!) {
        let p1 = -1
        let p2 = -1
        for (let i = 0; i < sentence.gold.length; i++) {
          const hist = historyFeatures(p1, p2, sentence.shapes[i]!, lastType.get(sentence.keys[i]!))
          const feats = [...sentence.feats[i]!, ...hist.map(featureId)]
          scores.fill(0)
          for (const f of feats) {
            const base = f * T
            for (let t = 0; t < T; t++) scores[t]! += w[base + t]!
          }
          const step = decodeStep(scores, p1, i === sentence.gold.length - 1)
          p1 = step.prev
          const best = step.tag
          const gold = sentence.gold[i]!
          if (best !== gold) {
            errors++
            for (const f of feats) {
              w[f * T + gold]! += 1
              u[f * T + gold]! += c
              w[f * T + best]! -= 1
              u[f * T + best]! -= c
            }
          }
          c++
          total++
          const tag = TAGS[best]!
          if (tag !== 'O') lastType.set(sentence.keys[i]!, tag.slice(2))
          p2 = p1
          p1 = best
        }
      }
    }
    log(
      `epoch ${epoch}: ${errors} of ${total} tokens wrong (${((100 * errors) / total).toFixed(2)} %)`,
    )
    if (options.afterEpoch)
      options.afterEpoch(epoch, exportWeights(names, w, u, c, T, 0, options.scale, common))
  }
  const weights = exportWeights(names, w, u, c, T, options.prune, options.scale, common)
  log(`${Object.keys(weights.features).length} features in the file`)
  return weights
}

function exportWeights(
  names: string[],
  w: Float64Array,
  u: Float64Array,
  c: number,
  T: number,
  prune: number,
  scale: number,
  common: string[],
): NerWeights {
  const features: Record<string, number[]> = {}
  names.forEach((name, id) => {
    const pairs: number[] = []
    for (let t = 0; t < T; t++) {
      const avg = w[id * T + t]! - u[id * T + t]! / c
      const q = Math.round(avg * scale)
      if (Math.abs(avg) >= prune && q !== 0) pairs.push(t, q)
    }
    if (pairs.length) features[name] = pairs
  })
  return { tags: [...TAGS], scale, commonWords: common, features }
}
