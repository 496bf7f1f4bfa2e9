/**
 * The open case's events and entities for the panes that draw them all (map, timeline,
 * graph), from the shared read-through cache (services/case-records.ts) instead of a live
 * query per pane: read once without Dexie's copy of every record, then kept current by the
 * store's change feed, and shared by every pane that shows the case. A pane that reads
 * something else first (the graph its saved layout) starts the read of the records at once
 * with `usePrefetchCaseRecords`, so that the two reads run together instead of one after the
 * other. The graph reads the events as it needs them, from the store's compact copy
 * (`useGraphRecords`, `usePrefetchGraphRecords`; see services/case-records.ts).
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react'
import { getDb } from '../db/db'
import type { GraphEvent } from '../db/graph-ties'
import {
  caseRecordsCache,
  graphRecordsCache,
  type CaseRecordsCache,
  type CaseRecordsState,
} from '../services/case-records'

/** `caseId`'s records; undefined until the first read ends. */
export function useCaseRecords(caseId: string): CaseRecordsState | undefined {
  return useCached(caseRecordsCache(getDb()), caseId)
}

/**
 * `caseId`'s events as the graph reads them (no titles or notes) and its entities; undefined
 * until the first read ends.
 */
export function useGraphRecords(caseId: string): CaseRecordsState<GraphEvent> | undefined {
  return useCached(graphRecordsCache(getDb()), caseId)
}

function useCached<E extends { id: string; caseId: string }>(
  cache: CaseRecordsCache<E>,
  caseId: string,
): CaseRecordsState<E> | undefined {
  const subscribe = useCallback(
    (listener: () => void) => cache.subscribe(caseId, listener),
    [cache, caseId],
  )
  return useSyncExternalStore(subscribe, () => cache.get(caseId))
}

/**
 * Starts reading `caseId`'s records into the shared cache (if nobody has yet) and keeps them
 * there while the calling component shows the case, without re-rendering it when they arrive:
 * a child that mounts later (`useCaseRecords`) finds them read, or being read. Nothing
 * without a case.
 */
export function usePrefetchCaseRecords(caseId: string | undefined): void {
  useEffect(() => {
    if (!caseId) return
    return caseRecordsCache(getDb()).subscribe(caseId, () => {})
  }, [caseId])
}

/** As `usePrefetchCaseRecords`, for the graph's records (`useGraphRecords`). */
export function usePrefetchGraphRecords(caseId: string | undefined): void {
  useEffect(() => {
    if (!caseId) return
    return graphRecordsCache(getDb()).subscribe(caseId, () => {})
  }, [caseId])
}
