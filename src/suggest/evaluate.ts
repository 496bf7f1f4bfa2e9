/**
 * Scores entity suggestions against hand-annotated gold mentions: precision, recall and F1
 * per kind and overall, counted two ways. Strict: a suggestion is right only when its kind
 * matches and its offsets are exactly the gold mention's. Lenient: the kind matches and the
 * spans overlap (each gold mention and each suggestion is matched at most once, the largest
 * overlaps first), which forgives boundary choices such as "on Monday" against "Monday".
 * Counts add up across documents (micro-averaging), so a corpus score weights every
 * mention equally. Used by the tests that hold the recogniser to a floor, and for reports.
 */
import type { SuggestionKind } from './ner'

/** One hand-annotated mention in a gold file (`fixtures/*.gold.json`). */
export interface GoldMention {
  start: number
  end: number
  text: string
  kind: SuggestionKind
}

/** What is scored of a suggestion. */
export interface Predicted {
  start: number
  end: number
  kind: SuggestionKind
}

/** Counts and ratios for one kind (or all kinds). */
export interface Score {
  tp: number
  fp: number
  fn: number
  /** tp / (tp + fp); 1 when nothing was suggested (nothing was wrong). */
  precision: number
  /** tp / (tp + fn); 1 when there was nothing to find. */
  recall: number
  f1: number
}

/** Kinds in the order reports list them. */
export const KINDS: readonly SuggestionKind[] = [
  'person',
  'organisation',
  'location',
  'state',
  'date',
  'other',
]

export type ScoreTable = Record<SuggestionKind | 'all', Score>

/** Strict and lenient scores of one document or a whole set. */
export interface Evaluation {
  strict: ScoreTable
  lenient: ScoreTable
}

type Counts = Record<SuggestionKind | 'all', { tp: number; fp: number; fn: number }>

function emptyCounts(): Counts {
  const counts = { all: { tp: 0, fp: 0, fn: 0 } } as Counts
  for (const kind of KINDS) counts[kind] = { tp: 0, fp: 0, fn: 0 }
  return counts
}

/** Turns counts into a score. */
export function score(tp: number, fp: number, fn: number): Score {
  const precision = tp + fp ? tp / (tp + fp) : 1
  const recall = tp + fn ? tp / (tp + fn) : 1
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0
  return { tp, fp, fn, precision, recall, f1 }
}

function toTable(counts: Counts): ScoreTable {
  const table = {} as ScoreTable
  for (const key of [...KINDS, 'all'] as const) {
    const { tp, fp, fn } = counts[key]
    table[key] = score(tp, fp, fn)
  }
  return table
}

function overlap(a: Predicted, b: Predicted): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start)
}

function count(gold: GoldMention[], predicted: Predicted[], lenient: boolean): Counts {
  const counts = emptyCounts()
  const pairs: { g: number; p: number; size: number }[] = []
  gold.forEach((g, gi) =>
    predicted.forEach((p, pi) => {
      if (g.kind !== p.kind) return
      const size = overlap(g, p)
      const exact = g.start === p.start && g.end === p.end
      if (lenient ? size > 0 : exact) pairs.push({ g: gi, p: pi, size })
    }),
  )
  pairs.sort((a, b) => b.size - a.size)
  const goldUsed = new Set<number>()
  const predUsed = new Set<number>()
  for (const { g, p } of pairs) {
    if (goldUsed.has(g) || predUsed.has(p)) continue
    goldUsed.add(g)
    predUsed.add(p)
    counts[gold[g]!.kind].tp++
    counts.all.tp++
  }
  gold.forEach((g, i) => {
    if (goldUsed.has(i)) return
    counts[g.kind].fn++
    counts.all.fn++
  })
  predicted.forEach((p, i) => {
    if (predUsed.has(i)) return
    counts[p.kind].fp++
    counts.all.fp++
  })
  return counts
}

/** Scores one document's suggestions against its gold mentions. */
export function evaluate(gold: GoldMention[], predicted: Predicted[]): Evaluation {
  return {
    strict: toTable(count(gold, predicted, false)),
    lenient: toTable(count(gold, predicted, true)),
  }
}

/** Adds up the counts of several evaluations (micro-averaging) and scores the sum. */
export function combine(evaluations: Evaluation[]): Evaluation {
  const sum = (pick: (e: Evaluation) => ScoreTable): ScoreTable => {
    const counts = emptyCounts()
    for (const e of evaluations) {
      for (const key of [...KINDS, 'all'] as const) {
        const s = pick(e)[key]
        counts[key].tp += s.tp
        counts[key].fp += s.fp
        counts[key].fn += s.fn
      }
    }
    return toTable(counts)
  }
  return { strict: sum((e) => e.strict), lenient: sum((e) => e.lenient) }
}

const pct = (x: number): string => (x * 100).toFixed(1)

/**
 * A Markdown table of strict P/R/F1 and lenient F1 per kind for each named evaluation;
 * kinds with neither gold mentions nor suggestions in a document are left out.
 */
export function formatTable(rows: { name: string; evaluation: Evaluation }[]): string {
  const lines = [
    '| document | kind | gold | suggested | strict P | strict R | strict F1 | lenient P | lenient R | lenient F1 |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const { name, evaluation } of rows) {
    for (const key of [...KINDS, 'all'] as const) {
      const s = evaluation.strict[key]
      const l = evaluation.lenient[key]
      const gold = s.tp + s.fn
      const suggested = s.tp + s.fp
      if (!gold && !suggested) continue
      lines.push(
        `| ${name} | ${key} | ${gold} | ${suggested} | ${pct(s.precision)} | ${pct(s.recall)} | ` +
          `${pct(s.f1)} | ${pct(l.precision)} | ${pct(l.recall)} | ${pct(l.f1)} |`,
      )
    }
  }
  return lines.join('\n')
}
