/**
 * The model behind the entities pane, kept apart from React so that it is tested alone: the
 * kinds of actor and location with their labels and badges, the rows of the list — searched
 * (fuzzy, by name and alias) and sorted by name, mentions or kind — and what a merge would
 * add to the kept entity's aliases.
 */
import { matchEntities } from '../../domain/entity-match'
import type { EntityKind, EntityRecord } from '../../domain/types'

/** Every kind, in the order menus list them and the kind sort uses. */
export const ENTITY_KINDS: readonly {
  kind: EntityKind
  label: string
  /** One or two letters shown in the kind's coloured badge. */
  badge: string
}[] = [
  { kind: 'person', label: 'Person', badge: 'P' },
  { kind: 'organisation', label: 'Organisation', badge: 'O' },
  { kind: 'state', label: 'State', badge: 'S' },
  { kind: 'group', label: 'Armed group', badge: 'AG' },
  { kind: 'location', label: 'Location', badge: 'L' },
  { kind: 'other', label: 'Other', badge: '?' },
]

/** The label of a kind ("Armed group"); unknown kinds read as "Other". */
export function kindLabel(kind: EntityKind): string {
  return ENTITY_KINDS.find((k) => k.kind === kind)?.label ?? 'Other'
}

/** The badge letters of a kind. */
export function kindBadge(kind: EntityKind): string {
  return ENTITY_KINDS.find((k) => k.kind === kind)?.badge ?? '?'
}

export type EntitySortKey = 'name' | 'mentions' | 'kind'

/** How the list is ordered: by a key, or by how well each entity matches the search. */
export type EntityOrder = { key: EntitySortKey; desc: boolean } | 'match'

/** One row of the entities list. */
export interface EntityRow {
  entity: EntityRecord
  mentions: number
  documents: number
  /** While searching: the alias that matched, when it is not the name. */
  matchedAlias?: string
}

const byName = (a: EntityRecord, b: EntityRecord) =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }) ||
  a.id.localeCompare(b.id)

const kindRank = (k: EntityKind) => {
  const i = ENTITY_KINDS.findIndex((x) => x.kind === k)
  return i < 0 ? ENTITY_KINDS.length : i
}

/**
 * The rows to show: every entity, or with a `query` only those whose name or an alias
 * matches it (typo-tolerant, see entity-match.ts), ordered by `order`. With `'match'` and a
 * query, the best match comes first; without a query `'match'` falls back to name order.
 * Ties always fall back to the name, so the order is stable.
 */
export function arrangeEntities(
  entities: readonly EntityRecord[],
  stats: ReadonlyMap<string, { mentions: number; documents: number }>,
  query: string,
  order: EntityOrder,
): EntityRow[] {
  const row = (entity: EntityRecord, matched?: string): EntityRow => {
    const s = stats.get(entity.id)
    const r: EntityRow = { entity, mentions: s?.mentions ?? 0, documents: s?.documents ?? 0 }
    if (matched && matched !== entity.name) r.matchedAlias = matched
    return r
  }
  const rows = query.trim()
    ? matchEntities([...entities], query, Number.POSITIVE_INFINITY).map((m) =>
        row(m.entity, m.matched),
      )
    : entities.map((e) => row(e))
  if (order === 'match')
    return query.trim() ? rows : rows.sort((a, b) => byName(a.entity, b.entity))
  const sign = order.desc ? -1 : 1
  const cmp = (a: EntityRow, b: EntityRow): number => {
    switch (order.key) {
      case 'name':
        return sign * byName(a.entity, b.entity)
      case 'mentions':
        return (
          sign * (a.mentions - b.mentions || a.documents - b.documents) ||
          byName(a.entity, b.entity)
        )
      case 'kind':
        return (
          sign * (kindRank(a.entity.kind) - kindRank(b.entity.kind)) || byName(a.entity, b.entity)
        )
    }
  }
  return rows.sort(cmp)
}

/**
 * The names `keep` gains as aliases when `other` is merged into it: the other's name and
 * aliases, minus any that `keep` already has (ignoring case), as mergeEntities does.
 */
export function aliasesGained(keep: EntityRecord, other: EntityRecord): string[] {
  const seen = new Set([keep.name, ...keep.aliases].map((a) => a.trim().toLowerCase()))
  const out: string[] = []
  for (const a of [other.name, ...other.aliases]) {
    const t = a.replace(/\s+/g, ' ').trim()
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase())
      out.push(t)
    }
  }
  return out
}

/** "1 mention", "3 mentions": a count with its noun, plural when it is not one. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`
}
