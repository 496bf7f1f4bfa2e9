/**
 * Type-ahead over a case's actors and locations: ranks entities by how well their name or
 * an alias matches what the analyst typed (exact, prefix, word prefix, substring, then a
 * typo-tolerant similarity), so that "Putin", "putin" and "Vladmir Putin" all find the
 * same person. Pure and fast enough for thousands of entities per keystroke.
 */
import type { EntityRecord } from './types'

/** Lower-case, without diacritics, punctuation or extra spaces: "U.S." → "us". */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0
  if (!a.length) return b.length
  if (!b.length) return a.length
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
    prev = cur
  }
  return prev[b.length]!
}

/** How well `query` matches `name`, from 0 (not at all) to 1 (the same name). */
export function nameScore(query: string, name: string): number {
  const q = normaliseName(query)
  const n = normaliseName(name)
  if (!q || !n) return 0
  if (q === n) return 1
  if (n.startsWith(q)) return 0.9
  if (n.split(' ').some((w) => w.startsWith(q))) return 0.8
  if (n.includes(q)) return 0.7
  const sim = 1 - levenshtein(q, n) / Math.max(q.length, n.length)
  return sim >= 0.75 ? sim * 0.7 : 0
}

export interface EntityMatch {
  entity: EntityRecord
  score: number
  /** The name or alias that matched best. */
  matched: string
}

/** Entities matching `query`, best first (ties: shorter name, then alphabetical). */
export function matchEntities(entities: EntityRecord[], query: string, limit = 8): EntityMatch[] {
  const out: EntityMatch[] = []
  for (const entity of entities) {
    let best = { score: 0, matched: entity.name }
    for (const form of [entity.name, ...entity.aliases]) {
      const score = nameScore(query, form)
      if (score > best.score) best = { score, matched: form }
    }
    if (best.score > 0) out.push({ entity, ...best })
  }
  return out
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.entity.name.length - b.entity.name.length ||
        a.entity.name.localeCompare(b.entity.name),
    )
    .slice(0, limit)
}
