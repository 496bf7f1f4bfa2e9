/**
 * Scores name finders on CoNLL-2003 documents the way conlleval does: a name is right only
 * when its exact span and its type (PER, LOC, ORG) match a gold name; MISC is not scored,
 * but a name predicted on a MISC span is a false positive. Counts add up over names
 * (micro-average). Also sorts the mistakes into classes (missed, spurious, wrong type,
 * wrong boundary) with examples, and maps Casefile's suggestion kinds back to CoNLL types
 * (person → PER; location, state → LOC; organisation → ORG). Used by `npm run eval:ner`.
 */
import nlp from 'compromise'
import type { ConllDocument, ConllSpan } from './conll'
import type { SuggestionKind } from './ner'

/** The scored types. */
export const SCORED = ['PER', 'LOC', 'ORG'] as const

/** A scored type. */
export type ScoredType = (typeof SCORED)[number]

/** A name a finder predicted. */
export interface PredictedName {
  start: number
  end: number
  type: ScoredType
}

/** Counts and ratios for one type or all. */
export interface NameScore {
  tp: number
  fp: number
  fn: number
  precision: number
  recall: number
  f1: number
}

/** One scored run. */
export interface NameEvaluation {
  scores: Record<ScoredType | 'micro', NameScore>
  /** Mistakes by class ("missed ORG", "ORG as LOC", "spurious PER on MISC"…), most first. */
  errors: { name: string; count: number; examples: string[] }[]
}

/** The CoNLL type of a Casefile suggestion kind, or null for kinds not scored. */
export function kindToType(kind: SuggestionKind): ScoredType | null {
  if (kind === 'person') return 'PER'
  if (kind === 'location' || kind === 'state') return 'LOC'
  if (kind === 'organisation') return 'ORG'
  return null
}

function ratio(tp: number, fp: number, fn: number): NameScore {
  const precision = tp + fp ? tp / (tp + fp) : 0
  const recall = tp + fn ? tp / (tp + fn) : 0
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0
  return { tp, fp, fn, precision, recall, f1 }
}

function context(text: string, start: number, end: number): string {
  const a = Math.max(text.lastIndexOf('\n', start - 1) + 1, start - 40)
  let b = text.indexOf('\n', end)
  if (b < 0) b = text.length
  b = Math.min(b, end + 40)
  return `${text.slice(a, start)}[${text.slice(start, end)}]${text.slice(end, b)}`
}

/** Scores `find` on `docs`. */
export function evaluateNames(
  docs: readonly ConllDocument[],
  find: (text: string) => PredictedName[],
  examplesPerClass = 4,
): NameEvaluation {
  const counts = Object.fromEntries(
    [...SCORED, 'micro'].map((k) => [k, { tp: 0, fp: 0, fn: 0 }]),
  ) as Record<ScoredType | 'micro', { tp: number; fp: number; fn: number }>
  const errors = new Map<string, { count: number; examples: string[] }>()
  const note = (name: string, text: string, start: number, end: number, extra = ''): void => {
    const e = errors.get(name) ?? { count: 0, examples: [] }
    e.count++
    if (e.examples.length < examplesPerClass) e.examples.push(context(text, start, end) + extra)
    errors.set(name, e)
  }
  for (const doc of docs) {
    const predicted = find(doc.text)
    const key = (s: { start: number; end: number }): string => `${s.start}:${s.end}`
    const gold = new Map<string, ConllSpan>(doc.spans.map((s) => [key(s), s]))
    const matched = new Set<string>()
    for (const p of predicted) {
      const g = gold.get(key(p))
      if (g && g.type === p.type) {
        counts[p.type].tp++
        counts.micro.tp++
        matched.add(key(p))
        continue
      }
      counts[p.type].fp++
      counts.micro.fp++
      if (g) {
        note(
          g.type === 'MISC' ? `${p.type} on a MISC name` : `${g.type} as ${p.type}`,
          doc.text,
          p.start,
          p.end,
        )
        continue
      }
      const overlap = doc.spans.find((s) => s.start < p.end && p.start < s.end)
      if (overlap)
        note(
          `${p.type}: wrong boundary (gold ${overlap.type})`,
          doc.text,
          p.start,
          p.end,
          ` — gold “${doc.text.slice(overlap.start, overlap.end)}”`,
        )
      else note(`spurious ${p.type}`, doc.text, p.start, p.end)
    }
    for (const g of doc.spans) {
      if (g.type === 'MISC' || matched.has(key(g))) continue
      counts[g.type].fn++
      counts.micro.fn++
      const exact = predicted.find((p) => p.start === g.start && p.end === g.end)
      if (!exact) {
        const overlap = predicted.some((p) => p.start < g.end && g.start < p.end)
        if (!overlap) note(`missed ${g.type}`, doc.text, g.start, g.end)
      }
    }
  }
  const scores = Object.fromEntries(
    Object.entries(counts).map(([k, c]) => [k, ratio(c.tp, c.fp, c.fn)]),
  ) as Record<ScoredType | 'micro', NameScore>
  return {
    scores,
    errors: [...errors]
      .map(([name, e]) => ({ name, ...e }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
  }
}

interface TermJson {
  offset: { start: number; length: number }
}

/** compromise alone: its people, places and organisations, as the baseline. */
export function compromiseNames(text: string): PredictedName[] {
  const doc = nlp(text)
  const out: PredictedName[] = []
  const take = (view: { json: (o: object) => unknown }, type: ScoredType): void => {
    for (const match of view.json({ offset: true }) as { offset: TermJson['offset'] }[]) {
      const start = match.offset.start
      let end = start + match.offset.length
      // compromise includes trailing punctuation and possessives in a match's offset.
      while (end > start && /[\s.,;:!?'’")\]]/.test(text[end - 1]!)) end--
      if (/['’]s$/.test(text.slice(start, end))) end -= 2
      if (end > start) out.push({ start, end, type })
    }
  }
  take(doc.people(), 'PER')
  take(doc.places(), 'LOC')
  take(doc.organizations(), 'ORG')
  return out
}

/** A Markdown table of per-type and micro P/R/F1 for several finders. */
export function formatNameTable(rows: { name: string; evaluation: NameEvaluation }[]): string {
  const pct = (x: number): string => (x * 100).toFixed(1)
  const lines = [
    '| finder | type | gold | predicted | P | R | F1 |',
    '|---|---|---:|---:|---:|---:|---:|',
  ]
  for (const { name, evaluation } of rows) {
    for (const type of [...SCORED, 'micro'] as const) {
      const s = evaluation.scores[type]
      lines.push(
        `| ${name} | ${type} | ${s.tp + s.fn} | ${s.tp + s.fp} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} |`,
      )
    }
  }
  return lines.join('\n')
}
