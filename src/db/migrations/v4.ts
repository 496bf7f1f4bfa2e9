/**
 * Schema version 4 (the graph's first picture at 50,000 events, issue 17): the table
 * `graphTies`, the graph's compact copy of each case's events in at most 64 rows per case,
 * keyed by case and bucket (see db/graph-ties.ts, whose middleware keeps it true on every
 * write to events). The upgrade builds it from the events already stored; no record of the
 * analyst's is touched. Versions are append-only: never edit this file once shipped.
 */
import type Dexie from 'dexie'
import type { Transaction } from 'dexie'
import { rebuildGraphTies } from '../graph-ties'

export const V4_STORES = {
  graphTies: '[caseId+n], caseId',
} as const

/** Builds the graph's copy of every case's events. */
export async function upgradeToV4(tx: Transaction): Promise<void> {
  await rebuildGraphTies(tx)
}

/** Declares version 4 on `db`. */
export function v4(db: Dexie): void {
  db.version(4).stores(V4_STORES).upgrade(upgradeToV4)
}
