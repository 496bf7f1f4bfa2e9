/**
 * Live queries for the UI: React hooks that re-render when the records they read change.
 * Features read the store only through these hooks and write through the repositories.
 */
import { useSyncExternalStore } from 'react'
import { useLiveQuery } from 'dexie-react-hooks'
import type {
  AnnotationRecord,
  CaseRecord,
  DocumentMeta,
  EntityRecord,
  SourceRecord,
} from '../domain/types'
import { historyState, subscribeHistory, type HistoryState } from './history'
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

/** The tags made on one document; undefined while loading. */
export function useAnnotations(docId: string | undefined): AnnotationRecord[] | undefined {
  return useLiveQuery(
    () => (docId ? getDb().annotations.where('docId').equals(docId).toArray() : []),
    [docId],
  )
}

/** The case's actors and locations; undefined while loading. */
export function useEntities(caseId: string | undefined): EntityRecord[] | undefined {
  return useLiveQuery(
    () => (caseId ? getDb().entities.where('caseId').equals(caseId).toArray() : []),
    [caseId],
  )
}

/** The labels of the next undo and redo for the case, updated as the stacks change. */
export function useHistoryState(caseId: string | undefined): HistoryState {
  return useSyncExternalStore(subscribeHistory, () => {
    const s = historyState(caseId)
    return `${s.undo ?? ''}\u0000${s.redo ?? ''}`
  })
    .split('\u0000')
    .reduce<HistoryState>((acc, v, i) => (v ? { ...acc, [i ? 'redo' : 'undo']: v } : acc), {})
}

/** One tag; null when it does not exist, undefined while loading. */
export function useAnnotation(id: string | undefined): AnnotationRecord | null | undefined {
  return useLiveQuery(async () => (id ? ((await getDb().annotations.get(id)) ?? null) : null), [id])
}

/** One document's metadata (no text); undefined while loading or missing. */
export function useDocumentMeta(id: string | undefined): DocumentMeta | undefined {
  return useLiveQuery(async () => (id ? await getDb().documents.get(id) : undefined), [id])
}
