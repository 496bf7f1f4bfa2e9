/**
 * Live queries for the UI: React hooks that re-render when the records they read change.
 * Features read the store only through these hooks and write through the repositories.
 */
import { useLiveQuery } from 'dexie-react-hooks'
import type { CaseRecord, DocumentMeta, SourceRecord } from '../domain/types'
import { getDb } from './db'
import { getDocument } from './documents'
import { listCases } from './cases'

/** All cases, most recent first; undefined while loading. */
export function useCases(): CaseRecord[] | undefined {
  return useLiveQuery(() => listCases(getDb()), [])
}

/** The case's documents (metadata only); undefined while loading. */
export function useDocuments(caseId: string | undefined): DocumentMeta[] | undefined {
  return useLiveQuery(
    () => (caseId ? getDb().documents.where('caseId').equals(caseId).toArray() : []),
    [caseId],
  )
}

/** The case's sources by id; undefined while loading. */
export function useSources(caseId: string | undefined): Map<string, SourceRecord> | undefined {
  return useLiveQuery(async () => {
    const rows = caseId ? await getDb().sources.where('caseId').equals(caseId).toArray() : []
    return new Map(rows.map((s) => [s.id, s]))
  }, [caseId])
}

/**
 * One document with its text. Returns null when it does not exist, undefined while loading.
 */
export function useDocument(docId: string | undefined) {
  return useLiveQuery(
    async () => (docId ? ((await getDocument(getDb(), docId)) ?? null) : null),
    [docId],
  )
}
