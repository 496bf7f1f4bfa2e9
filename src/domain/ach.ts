/**
 * Analysis of Competing Hypotheses (Heuer, "Psychology of Intelligence Analysis", ch. 8), as
 * pure functions over a matrix: hypotheses are columns, evidence rows (events, claims,
 * passages) are rows, and each cell rates how the row bears on the hypothesis: CC (very
 * consistent), C, N (neutral), I (inconsistent), II (very inconsistent) or NA (not
 * applicable).
 *
 * Scoring follows Heuer and PARC's ACH tool: only inconsistency counts, because evidence
 * consistent with several hypotheses proves little, while inconsistent evidence can refute.
 * A hypothesis's weighted inconsistency is the sum, over rows, of the row's weight times 1 for
 * I and 2 for II (PARC's "weighted inconsistency score", sign flipped so that lower is
 * better); the least inconsistent hypothesis leads.
 *
 * A row's weight is relevance × source reliability × information credibility:
 * - relevance, set by the analyst: low 0.5, medium 1, high 2 (PARC's weights);
 * - reliability of the row's best source (Admiralty A–F): A 1, B 0.8, C 0.6, D 0.4, E 0.2,
 *   F (cannot be judged) 0.5;
 * - credibility of its best passage (1–6): 1 1, 2 0.8, 3 0.6, 4 0.4, 5 0.2, 6 (cannot be
 *   judged) 0.5.
 * "Best" is the strongest evidence the row rests on; a row with no graded evidence weighs
 * its relevance times 0.5 × 0.5.
 *
 * Diagnosticity of a row is the spread of its ratings (CC 2, C 1, N 0, I −1, II −2; NA left
 * out): 0 means the row rates every hypothesis alike and cannot tell them apart (Heuer's
 * "non-diagnostic" evidence). Sensitivity asks what the ranking rests on: the single cell
 * changes that would change the leader; the ranking without rows whose sources are all
 * graded D–F; and the ranking without each origin in turn. Everything is recomputed in
 * O(rows × hypotheses) or, for the cell flips, O(rows × hypotheses × ratings).
 */
import { ACH_LIMITS, achRatingSchema } from './record-schemas'
import type { AchRating, Credibility, Reliability } from './types'
import { z } from './zod'

export type { AchRating }

/** Every rating, in the order the matrix offers them. */
export const ACH_RATINGS: readonly AchRating[] = ['CC', 'C', 'N', 'I', 'II', 'NA']

/** The analyst's judgement of how much a row matters. */
export type AchRelevance = 'low' | 'medium' | 'high'

/** One evidence row as the scorer sees it. */
export interface AchRowInput {
  id: string
  relevance: AchRelevance
  /** Reliability of the sources the row rests on (its documents' publishers). */
  reliabilities: Reliability[]
  /** Credibility of the passages the row rests on. */
  credibilities: Credibility[]
  /** Independent origins (source ids) the row rests on. */
  origins: string[]
  /** Rating per hypothesis id; a missing cell is unrated (counts as N). */
  cells: Record<string, AchRating | undefined>
  /** The row's weight when it is already known (a saved version's); else worked out. */
  weight?: number
}

/** A matrix as the scorer sees it. */
export interface AchInput {
  hypotheses: { id: string }[]
  rows: AchRowInput[]
}

/** One hypothesis's score and place. */
export interface AchRank {
  hypothesisId: string
  /** Weighted inconsistency: lower is better. */
  inconsistency: number
  /** 1 = leading; hypotheses with equal scores share a rank. */
  rank: number
}

/** A single cell change that would change which hypothesis leads. */
export interface AchFlip {
  rowId: string
  hypothesisId: string
  from: AchRating
  to: AchRating
  /** The hypothesis that would lead after the change. */
  newLeader: string
}

/** What the ranking becomes without some of the evidence. */
export interface AchAlternative {
  /** What was left out, in words. */
  without: string
  ranking: AchRank[]
  /** True when the leader differs from the full matrix's. */
  leaderChanges: boolean
}

/** Everything the matrix view shows. */
export interface AchResult {
  ranking: AchRank[]
  /** The leading hypothesis's id, or undefined when the matrix is empty or tied at the top. */
  leader?: string
  weights: Record<string, number>
  /** Spread of the row's ratings, 0–4; 0 is non-diagnostic. */
  diagnosticity: Record<string, number>
  /** Row ids, most diagnostic first (then heaviest, then matrix order). */
  rowOrder: string[]
  /** Cell changes that flip the leader, the smallest changes of the heaviest rows first. */
  flips: AchFlip[]
  /** The ranking without rows resting only on sources graded D–F. */
  withoutWeakSources: AchAlternative
  /** The ranking without each origin in turn (rows resting only on it left out). */
  withoutOrigin: AchAlternative[]
}

const RATING_VALUE: Record<Exclude<AchRating, 'NA'>, number> = { CC: 2, C: 1, N: 0, I: -1, II: -2 }
const INCONSISTENCY: Record<AchRating, number> = { CC: 0, C: 0, N: 0, I: 1, II: 2, NA: 0 }
const RELEVANCE_WEIGHT: Record<AchRelevance, number> = { low: 0.5, medium: 1, high: 2 }
const RELIABILITY_WEIGHT: Record<Reliability, number> = {
  A: 1,
  B: 0.8,
  C: 0.6,
  D: 0.4,
  E: 0.2,
  F: 0.5,
}
const CREDIBILITY_WEIGHT: Record<Credibility, number> = {
  1: 1,
  2: 0.8,
  3: 0.6,
  4: 0.4,
  5: 0.2,
  6: 0.5,
}
const UNGRADED = 0.5
const WEAK: ReadonlySet<Reliability> = new Set(['D', 'E', 'F'])

/** A row's weight (see the module comment). */
export function rowWeight(
  row: Pick<AchRowInput, 'relevance' | 'reliabilities' | 'credibilities'>,
): number {
  const best = <K extends string | number>(values: K[], table: Record<K, number>) =>
    values.length ? Math.max(...values.map((v) => table[v])) : UNGRADED
  return (
    RELEVANCE_WEIGHT[row.relevance] *
    best(row.reliabilities, RELIABILITY_WEIGHT) *
    best(row.credibilities, CREDIBILITY_WEIGHT)
  )
}

/** Spread of a row's ratings (NA left out); 0 when it cannot tell the hypotheses apart. */
export function rowDiagnosticity(row: AchRowInput, hypothesisIds: readonly string[]): number {
  let min = Infinity
  let max = -Infinity
  for (const h of hypothesisIds) {
    const r = row.cells[h] ?? 'N'
    if (r === 'NA') continue
    const v = RATING_VALUE[r]
    if (v < min) min = v
    if (v > max) max = v
  }
  return max === -Infinity ? 0 : max - min
}

function rank(ids: readonly string[], scores: readonly number[]): AchRank[] {
  const order = ids
    .map((id, i) => ({ id, s: scores[i]!, i }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
  const out: AchRank[] = []
  for (let k = 0; k < order.length; k++) {
    const prev = out[k - 1]
    const same = prev !== undefined && Math.abs(prev.inconsistency - order[k]!.s) < 1e-9
    out.push({
      hypothesisId: order[k]!.id,
      inconsistency: round(order[k]!.s),
      rank: same ? prev.rank : k + 1,
    })
  }
  return out
}

const round = (x: number) => Math.round(x * 1000) / 1000

function leaderOf(ranking: AchRank[]): string | undefined {
  const [first, second] = ranking
  if (!first) return undefined
  if (second && second.rank === first.rank) return undefined
  return first.hypothesisId
}

function scores(ids: readonly string[], rows: AchRowInput[], weights: Record<string, number>) {
  const s = ids.map(() => 0)
  for (const row of rows) {
    const w = weights[row.id]!
    for (let h = 0; h < ids.length; h++) s[h]! += w * INCONSISTENCY[row.cells[ids[h]!] ?? 'N']
  }
  return s
}

function alternative(
  without: string,
  ids: readonly string[],
  rows: AchRowInput[],
  weights: Record<string, number>,
  leader: string | undefined,
): AchAlternative {
  const ranking = rank(ids, scores(ids, rows, weights))
  return { without, ranking, leaderChanges: leaderOf(ranking) !== leader }
}

/** Scores a matrix: ranking, diagnosticity, and what the ranking is sensitive to. */
export function analyseAch(input: AchInput): AchResult {
  const ids = input.hypotheses.map((h) => h.id)
  const weights: Record<string, number> = {}
  const diagnosticity: Record<string, number> = {}
  for (const row of input.rows) {
    weights[row.id] = row.weight ?? rowWeight(row)
    diagnosticity[row.id] = rowDiagnosticity(row, ids)
  }
  const base = scores(ids, input.rows, weights)
  const ranking = rank(ids, base)
  const leader = leaderOf(ranking)

  const index = new Map(input.rows.map((r, i) => [r.id, i]))
  const rowOrder = input.rows
    .map((r) => r.id)
    .sort(
      (a, b) =>
        diagnosticity[b]! - diagnosticity[a]! ||
        weights[b]! - weights[a]! ||
        index.get(a)! - index.get(b)!,
    )

  const flips = leader === undefined ? [] : findFlips(ids, input.rows, weights, base, leader)

  const strong = input.rows.filter(
    (r) => r.reliabilities.length === 0 || r.reliabilities.some((g) => !WEAK.has(g)),
  )
  const withoutWeakSources = alternative(
    'evidence from sources graded D–F',
    ids,
    strong,
    weights,
    leader,
  )

  const origins = [...new Set(input.rows.flatMap((r) => r.origins))].sort()
  const withoutOrigin = origins.map((origin) =>
    alternative(
      origin,
      ids,
      input.rows.filter((r) => r.origins.length === 0 || r.origins.some((o) => o !== origin)),
      weights,
      leader,
    ),
  )

  return {
    ranking,
    ...(leader !== undefined ? { leader } : {}),
    weights,
    diagnosticity,
    rowOrder,
    flips,
    withoutWeakSources,
    withoutOrigin,
  }
}

/**
 * Every single-cell change that leaves a different hypothesis strictly in the lead. A change
 * to cell (row, h) moves only h's score, by weight × Δinconsistency, so each candidate costs
 * O(hypotheses) against the scores already summed.
 */
function findFlips(
  ids: readonly string[],
  rows: AchRowInput[],
  weights: Record<string, number>,
  base: number[],
  leader: string,
): AchFlip[] {
  const flips: (AchFlip & { cost: number })[] = []
  const leaderIndex = ids.indexOf(leader)
  for (const row of rows) {
    const w = weights[row.id]!
    for (let h = 0; h < ids.length; h++) {
      const from = row.cells[ids[h]!] ?? 'N'
      for (const to of ACH_RATINGS) {
        if (to === from) continue
        const delta = w * (INCONSISTENCY[to] - INCONSISTENCY[from])
        if (delta === 0) continue
        const next = base.slice()
        next[h]! += delta
        const newLeader = strictLeader(ids, next)
        if (newLeader === undefined || newLeader === leaderIndex) continue
        flips.push({
          rowId: row.id,
          hypothesisId: ids[h]!,
          from,
          to,
          newLeader: ids[newLeader]!,
          cost: Math.abs(
            RATING_VALUE[to === 'NA' ? 'N' : to] - RATING_VALUE[from === 'NA' ? 'N' : from],
          ),
        })
      }
    }
  }
  flips.sort((a, b) => a.cost - b.cost || weights[b.rowId]! - weights[a.rowId]!)
  // One flip per cell: its smallest change.
  const seen = new Set<string>()
  const out: AchFlip[] = []
  for (const { cost: _cost, ...f } of flips) {
    const key = `${f.rowId}|${f.hypothesisId}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(f)
  }
  return out
}

function strictLeader(ids: readonly string[], s: number[]): number | undefined {
  let best = 0
  let tie = false
  for (let h = 1; h < ids.length; h++) {
    if (s[h]! < s[best]! - 1e-9) {
      best = h
      tie = false
    } else if (Math.abs(s[h]! - s[best]!) < 1e-9) tie = true
  }
  return tie ? undefined : best
}

/** A saved state of a matrix, for "what changed since the last version". */
export interface AchSnapshot {
  hypotheses: { id: string; text: string }[]
  rows: {
    id: string
    label: string
    relevance: AchRelevance
    cells: Record<string, AchRating | undefined>
    /** The row's weight when the version was saved (versions saved before it was kept lack it). */
    weight?: number
  }[]
  leader?: string
}

const snapshotSchema = z.object({
  hypotheses: z
    .array(z.object({ id: z.string().max(200), text: z.string().max(2_000) }))
    .max(ACH_LIMITS.hypotheses),
  rows: z
    .array(
      z.object({
        id: z.string().max(200),
        label: z.string().max(2_000),
        relevance: z.enum(['low', 'medium', 'high']),
        cells: z.record(z.string().max(200), achRatingSchema.optional()),
        weight: z.number().finite().min(0).max(100).optional(),
      }),
    )
    .max(ACH_LIMITS.rows),
  leader: z.string().max(200).optional(),
})

/**
 * A saved version's snapshot (the JSON a version keeps), checked; undefined when it is not
 * one (a version's text comes from a restored backup, so it is read as untrusted).
 */
export function parseAchSnapshot(json: string): AchSnapshot | undefined {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return undefined
  }
  const parsed = snapshotSchema.safeParse(value)
  if (!parsed.success) return undefined
  const { leader, ...rest } = parsed.data
  return {
    ...rest,
    rows: rest.rows.map(({ weight, ...r }) => (weight === undefined ? r : { ...r, weight })),
    ...(leader !== undefined ? { leader } : {}),
  }
}

/** What changed between two versions of a matrix, in words the briefing can use. */
export interface AchDiff {
  hypothesesAdded: string[]
  hypothesesRemoved: string[]
  rowsAdded: string[]
  rowsRemoved: string[]
  cellsChanged: { row: string; hypothesis: string; from: AchRating; to: AchRating }[]
  relevanceChanged: { row: string; from: AchRelevance; to: AchRelevance }[]
  leaderBefore?: string
  leaderAfter?: string
}

/** Compares two versions of a matrix, naming hypotheses and rows by their text. */
export function diffAch(before: AchSnapshot, after: AchSnapshot): AchDiff {
  const hText = new Map([...before.hypotheses, ...after.hypotheses].map((h) => [h.id, h.text]))
  const beforeH = new Set(before.hypotheses.map((h) => h.id))
  const afterH = new Set(after.hypotheses.map((h) => h.id))
  const beforeRows = new Map(before.rows.map((r) => [r.id, r]))
  const afterRows = new Map(after.rows.map((r) => [r.id, r]))
  const diff: AchDiff = {
    hypothesesAdded: after.hypotheses.filter((h) => !beforeH.has(h.id)).map((h) => h.text),
    hypothesesRemoved: before.hypotheses.filter((h) => !afterH.has(h.id)).map((h) => h.text),
    rowsAdded: after.rows.filter((r) => !beforeRows.has(r.id)).map((r) => r.label),
    rowsRemoved: before.rows.filter((r) => !afterRows.has(r.id)).map((r) => r.label),
    cellsChanged: [],
    relevanceChanged: [],
    ...(before.leader ? { leaderBefore: hText.get(before.leader) ?? before.leader } : {}),
    ...(after.leader ? { leaderAfter: hText.get(after.leader) ?? after.leader } : {}),
  }
  for (const row of after.rows) {
    const old = beforeRows.get(row.id)
    if (!old) continue
    if (old.relevance !== row.relevance)
      diff.relevanceChanged.push({ row: row.label, from: old.relevance, to: row.relevance })
    for (const h of after.hypotheses) {
      if (!beforeH.has(h.id)) continue
      const from = old.cells[h.id] ?? 'N'
      const to = row.cells[h.id] ?? 'N'
      if (from !== to) diff.cellsChanged.push({ row: row.label, hypothesis: h.text, from, to })
    }
  }
  return diff
}
