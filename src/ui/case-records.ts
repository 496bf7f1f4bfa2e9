/**
 * The open case's events and entities for the panes that draw them all (map, timeline,
 * graph), from the shared read-through cache (services/case-records.ts) instead of a live
 * query per pane: read once without Dexie's copy of every record, then kept current by the
 * store's change feed, and shared by every pane that shows the case.
 */
import { useCallback, useSyncExternalStore } from 'react'
import { getDb } from '../db/db'
import { caseRecordsCache, type CaseRecordsState } from '../services/case-records'

/** `caseId`'s records; undefined until the first read ends. */
export function useCaseRecords(caseId: string): CaseRecordsState | undefined {
  const cache = caseRecordsCache(getDb())
  const subscribe = useCallback(
    (listener: () => void) => cache.subscribe(caseId, listener),
    [cache, caseId],
  )
  return useSyncExternalStore(subscribe, () => cache.get(caseId))
}
