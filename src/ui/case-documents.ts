/**
 * The open case's documents (metadata) and sources for every pane that lists or looks them
 * up, from the shared read-through cache (services/case-documents.ts) instead of a live query
 * per pane: the case's documents are read once and then kept current by the store's change
 * feed, one diff per write, however many panes show them. Each hook answers for the case it is
 * asked about only (undefined while that case is read, never the previous case's lists), and
 * gives the same list or map again until it changes. What they give is shared: never modify it.
 */
import { useCallback, useSyncExternalStore } from 'react'
import { getDb } from '../db/db'
import type { DocumentMeta, SourceRecord } from '../domain/types'
import { caseDocumentsCache, type CaseDocumentsState } from '../services/case-documents'

const NO_DOCUMENTS: DocumentMeta[] = []
const NO_SOURCES = new Map<string, SourceRecord>()

/** `caseId`'s documents and sources as read so far; undefined until the first read ends. */
export function useCaseDocuments(caseId: string | undefined): CaseDocumentsState | undefined {
  const cache = caseDocumentsCache(getDb())
  const subscribe = useCallback(
    (listener: () => void) => (caseId ? cache.subscribe(caseId, listener) : () => {}),
    [cache, caseId],
  )
  return useSyncExternalStore(subscribe, () => (caseId ? cache.get(caseId) : undefined))
}

/** Throws a failed read into the pane's error boundary, as a failed live query did. */
function ready(state: CaseDocumentsState | undefined) {
  if (state?.status === 'failed') throw state.error
  return state?.lists
}

/**
 * The case's documents (metadata only, by id); undefined while loading, empty without a case.
 * The same array until the case's documents change.
 */
export function useDocuments(caseId: string | undefined): DocumentMeta[] | undefined {
  const lists = ready(useCaseDocuments(caseId))
  // Typed as the live query's answer was; the array is shared, and never modified by anyone.
  if (!caseId) return NO_DOCUMENTS
  return lists?.documents as DocumentMeta[] | undefined
}

/**
 * The case's sources by id; undefined while loading, empty without a case. The same map until
 * the case's sources change.
 */
export function useSources(caseId: string | undefined): Map<string, SourceRecord> | undefined {
  const lists = ready(useCaseDocuments(caseId))
  if (!caseId) return NO_SOURCES
  return lists?.sources as Map<string, SourceRecord> | undefined
}
