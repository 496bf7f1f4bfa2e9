/**
 * Weighing-the-evidence benchmark (issue 15), for `npm run bench`'s page (bench-page.mts):
 * corroboration of 10,000 events citing 30,000 passages from 2,000 documents of 100 sources
 * (a tenth of the passages second-hand, a twentieth contradicting, a tenth of the documents
 * near-identical copies), and duplicate proposals over the same 10,000 events (200 actors,
 * 60 places, two years, every event dated) through the index by actor and day. Data are
 * made by a seeded generator, so every run measures the same case. Each figure is the median
 * of 5 warm runs (the first run is in the detail).
 *
 * `.mts` for the reason graph-layout-bench.mts gives: `tsconfig.node.json` takes
 * `scripts/**\/*.ts` into the Node project, which may not import `src/`.
 */
import { analyseAch, type AchInput, type AchRating } from '../../src/domain/ach'
import { corroborateAll, type CorroborationContext } from '../../src/domain/corroboration'
import { proposeDuplicates } from '../../src/domain/duplicates'
import type { AnnotationRecord, EventRecord, Reliability } from '../../src/domain/types'

/** One measured figure (the shape of bench-page's rows). */
export interface EvidenceBenchRow {
  name: string
  value: number
  unit: string
  method: string
  detail?: string
}

const DAY = 86_400_000
const T0 = Date.UTC(2024, 0, 1)

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0
    return s / 2 ** 32
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const TYPES = ['assault', 'clash', 'consult', 'statement', 'protest', 'agree', 'aid', 'sanction']

/** A synthetic case of `events` events with three passages each. */
export function makeEvidenceCase(events = 10_000): {
  events: EventRecord[]
  ctx: CorroborationContext
} {
  const r = rng(15)
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
  const grades: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F']
  const sources = new Map(
    Array.from({ length: 100 }, (_, i) => [
      `s${i}`,
      { name: `Outlet ${i}`, reliability: pick(grades) },
    ]),
  )
  const documents = new Map(
    Array.from({ length: 2_000 }, (_, i) => [
      `d${i}`,
      { sourceId: `s${i % 100}`, title: `Report ${i}` },
    ]),
  )
  const copies = new Map<string, string>()
  for (let i = 0; i < 200; i++) {
    copies.set(`d${i * 10}`, `d${i * 10}`)
    copies.set(`d${i * 10 + 1}`, `d${i * 10}`)
  }
  const passages = new Map<string, AnnotationRecord>()
  const list: EventRecord[] = []
  for (let e = 0; e < events; e++) {
    const evidence: string[] = []
    for (let k = 0; k < 3; k++) {
      const id = `a${e}-${k}`
      const x = r()
      const a: AnnotationRecord = {
        id,
        caseId: 'c',
        docId: `d${Math.floor(r() * 2_000)}`,
        start: 0,
        end: 10,
        exact: 'a passage',
        prefix: '',
        suffix: '',
        textHash: '0'.repeat(64),
        kind: 'event',
        createdAt: 0,
      }
      if (x < 0.1)
        a.secondHand = { outlet: x < 0.05 ? `Outlet ${Math.floor(r() * 100)}` : 'state TV' }
      else if (x < 0.15) a.stance = 'contradicts'
      if (r() < 0.5) a.credibility = (1 + Math.floor(r() * 6)) as AnnotationRecord['credibility']
      passages.set(id, a)
      evidence.push(id)
    }
    const day = Math.floor(r() * 730)
    const initiators = [`p${Math.floor(r() * 200)}`]
    const targets = [`p${Math.floor(r() * 200)}`]
    list.push({
      id: `e${e}`,
      caseId: 'c',
      title: `Event ${e}`,
      type: pick(TYPES),
      initiators,
      targets,
      ...(r() < 0.8 ? { locationIds: [`l${Math.floor(r() * 60)}`] } : {}),
      when: { start: T0 + day * DAY, precision: 'day', approximate: false },
      evidence,
      createdAt: 0,
      updatedAt: 0,
    })
  }
  return { events: list, ctx: { passages, documents, sources, copies } }
}

function timed<T>(run: () => T, runs = 5): { first: number; median: number; result: T } {
  let t = performance.now()
  let result = run()
  const first = performance.now() - t
  const warm: number[] = []
  for (let i = 0; i < runs; i++) {
    t = performance.now()
    result = run()
    warm.push(performance.now() - t)
  }
  return { first, median: median(warm), result }
}

/**
 * An ACH matrix of 20 hypotheses × 500 evidence rows with seeded ratings, grades and origins
 * (40 sources), for the recompute row.
 */
function makeAchMatrix(): AchInput {
  const random = rng(15)
  const ratings: AchRating[] = ['CC', 'C', 'N', 'N', 'I', 'II', 'NA']
  const grades = ['A', 'B', 'C', 'D', 'E', 'F'] as const
  const relevance = ['low', 'medium', 'high'] as const
  const hypotheses = Array.from({ length: 20 }, (_, i) => ({ id: `h${i}` }))
  const rows = Array.from({ length: 500 }, (_, r) => ({
    id: `r${r}`,
    relevance: relevance[Math.floor(random() * 3)]!,
    reliabilities: [grades[Math.floor(random() * 6)]!],
    credibilities: [(1 + Math.floor(random() * 6)) as 1 | 2 | 3 | 4 | 5 | 6],
    origins: [`s${Math.floor(random() * 40)}`],
    cells: Object.fromEntries(
      hypotheses.map((h) => [h.id, ratings[Math.floor(random() * ratings.length)]!]),
    ),
  }))
  return { hypotheses, rows }
}

/** Runs the benchmark and returns its three rows. */
export async function benchEvidence(): Promise<EvidenceBenchRow[]> {
  const matrix = makeAchMatrix()
  const a = timed(() => analyseAch(matrix))
  const { events, ctx } = makeEvidenceCase()
  // What the timeline reads of every event: its summary line and whether it is contradicted.
  let read = 0
  const c = timed(() => {
    const all = corroborateAll(events, ctx)
    for (const x of all.values()) read += x.summary.length + x.contradicting.passageIds.length
    return all
  })
  const origins = [...c.result.values()].reduce((n, x) => n + x.origins.length, 0)
  const d = timed(() => proposeDuplicates(events))
  return [
    {
      name: 'evidence: corroboration, 10,000 events / 30,000 passages',
      value: Math.round(c.median * 10) / 10,
      unit: 'ms',
      method:
        'corroborateAll over every event (origins by source, second-hand outlet, copy) and every summary line and contradiction flag read, as the timeline reads them; median of 5 warm runs',
      detail: `first run ${c.first.toFixed(1)} ms; ${origins.toLocaleString('en')} independent origins in all (${read > 0 ? 'summaries read' : ''})`,
    },
    {
      name: 'evidence: duplicate proposals, 10,000 events',
      value: Math.round(d.median * 10) / 10,
      unit: 'ms',
      method:
        'proposeDuplicates (index by actor and direction, swept within a day), median of 5 warm runs',
      detail: `first run ${d.first.toFixed(1)} ms; ${d.result.length.toLocaleString('en')} pairs proposed (200 actors, 2 years)`,
    },
    {
      name: 'evidence: ACH recompute, 20 hypotheses × 500 rows',
      value: Math.round(a.median * 10) / 10,
      unit: 'ms',
      method:
        'analyseAch: weights, weighted inconsistency, diagnosticity, every single-cell flip, the ranking without D–F sources and without each of 40 origins; median of 5 warm runs',
      detail: `first run ${a.first.toFixed(1)} ms; ${a.result.flips.length} cells would change the leader`,
    },
  ]
}
