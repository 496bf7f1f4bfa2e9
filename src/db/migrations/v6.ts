/**
 * Schema version 6 (the map's first draw at 10,000 events, issue 17): the table `mapPoints`,
 * the map's compact, column-wise copy of each case's events in at most 32 rows per case, keyed
 * by case and bucket (see db/map-points.ts, whose middleware keeps it true on every write to
 * events). The upgrade builds it from the events already stored; no record of the analyst's
 * is touched. Versions are append-only: never edit this file once shipped.
 */
import type Dexie from 'dexie'
import type { Transaction } from 'dexie'
import { rebuildMapPoints } from '../map-points'

export const V6_STORES = {
  mapPoints: '[caseId+n], caseId',
} as const

/** Builds the map's copy of every case's events. */
export async function upgradeToV6(tx: Transaction): Promise<void> {
  await rebuildMapPoints(tx)
}

/** Declares version 6 on `db`. */
export function v6(db: Dexie): void {
  db.version(6).stores(V6_STORES).upgrade(upgradeToV6)
}
