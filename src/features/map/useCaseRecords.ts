/**
 * The open case's events and entities for the map, from the shared read-through cache
 * (services/case-records.ts) instead of two live queries: read once without Dexie's copy of
 * every record, then kept current by the store's change feed.
 */
import { useCallback, useSyncExternalStore } from 'react'
import { getDb } from '../../db/db'
import { caseRecordsCache, type CaseRecordsState } from '../../services/case-records'

/** `caseId`'s records; undefined until the first read ends. */
export function useCaseRecords(caseId: string): CaseRecordsState | undefined {
  const cache = caseRecordsCache(getDb())
  const subscribe = useCallback(
    (listener: () => void) => cache.subscribe(caseId, listener),
    [cache, caseId],
  )
  return useSyncExternalStore(subscribe, () => cache.get(caseId))
}
