/**
 * Live queries for the UI: React hooks that re-render when the records they read change.
 * Features read the store only through these hooks and write through the repositories.
 * The case's document list and sources are not live queries: every pane shares one read of
 * them, kept current by the change feed (`useDocuments`/`useSources` in `ui/case-documents.ts`).
 * The shell's two (the case list, the undo/redo labels) live in `shell-hooks.ts`, out of the
 * way of this module's imports, and are re-exported here.
 */
import { useLiveQuery } from 'dexie-react-hooks'
import type {
  AnnotationRecord,
  BriefingRecord,
  CaseRecord,
  ChangeRecord,
  DocumentMeta,
  DocumentRecord,
  EntityRecord,
  EventRecord,
  RelationRecord,
} from '../domain/types'
import { getDb } from './db'
import { getDocument } from './documents'

export { useCases, useHistoryState } from './shell-hooks'

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

/** The case's change log, newest first, at most `limit` entries; undefined while loading. */
export function useChangeLog(
  caseId: string | undefined,
  limit: number,
): ChangeRecord[] | undefined {
  return useLiveQuery(
    () =>
      caseId ? getDb().changes.where('caseId').equals(caseId).reverse().limit(limit).toArray() : [],
    [caseId, limit],
  )
}

/** One tag; null when it does not exist, undefined while loading. */
export function useAnnotation(id: string | undefined): AnnotationRecord | null | undefined {
  return useLiveQuery(async () => (id ? ((await getDb().annotations.get(id)) ?? null) : null), [id])
}

/** One document's metadata (no text); undefined while loading or missing. */
export function useDocumentMeta(id: string | undefined): DocumentMeta | undefined {
  return useLiveQuery(async () => (id ? await getDb().documents.get(id) : undefined), [id])
}

// Entities pane (src/features/entities). The import sits here so that this block could be
// appended without touching the lines above; ES imports are hoisted wherever they appear.
import { entityDependents } from './tags'

/** How often an actor or location is tagged: its mentions and the documents they are in. */
export interface EntityStats {
  mentions: number
  documents: number
}

/**
 * Tallies, per linked entity, the tags (mentions) and the distinct documents they are in.
 * Tags without an entity are ignored. Pure, for `useEntityStats` and its tests.
 */
export function tallyEntityStats(
  annotations: Iterable<Pick<AnnotationRecord, 'entityId' | 'docId'>>,
): Map<string, EntityStats> {
  const docs = new Map<string, Set<string>>()
  const mentions = new Map<string, number>()
  for (const a of annotations) {
    if (!a.entityId) continue
    mentions.set(a.entityId, (mentions.get(a.entityId) ?? 0) + 1)
    let set = docs.get(a.entityId)
    if (!set) docs.set(a.entityId, (set = new Set()))
    set.add(a.docId)
  }
  const out = new Map<string, EntityStats>()
  for (const [id, n] of mentions) out.set(id, { mentions: n, documents: docs.get(id)!.size })
  return out
}

/**
 * Per-entity counts of mentions and documents for the case, by entity id (entities without
 * mentions are absent); undefined while loading.
 */
export function useEntityStats(caseId: string | undefined): Map<string, EntityStats> | undefined {
  return useLiveQuery(
    async () =>
      tallyEntityStats(
        caseId ? await getDb().annotations.where('caseId').equals(caseId).toArray() : [],
      ),
    [caseId],
  )
}

/** The tags linked to an entity, by document then position; undefined while loading. */
export function useEntityMentions(entityId: string | undefined): AnnotationRecord[] | undefined {
  return useLiveQuery(async () => {
    if (!entityId) return []
    const rows = await getDb().annotations.where('entityId').equals(entityId).toArray()
    return rows.sort((a, b) => a.docId.localeCompare(b.docId) || a.start - b.start)
  }, [entityId])
}

/**
 * What refers to an entity — mentions, events it takes part in, relations — kept current
 * while a confirmation shows it; undefined while loading or without an id.
 */
export function useEntityDependents(
  entityId: string | undefined,
): { mentions: number; events: number; relations: number } | undefined {
  return useLiveQuery(
    async () => (entityId ? await entityDependents(getDb(), entityId) : undefined),
    [entityId],
  )
}

/** The case's events that cite the tag `annotationId` as evidence; undefined while loading. */
export function useEventsCiting(
  caseId: string | undefined,
  annotationId: string | undefined,
): EventRecord[] | undefined {
  return useLiveQuery(
    () =>
      caseId && annotationId
        ? getDb()
            .events.where('caseId')
            .equals(caseId)
            .filter((e) => e.evidence.includes(annotationId))
            .toArray()
        : [],
    [caseId, annotationId],
  )
}

/** The case's events; undefined while loading. */
export function useEvents(caseId: string | undefined): EventRecord[] | undefined {
  return useLiveQuery(
    () => (caseId ? getDb().events.where('caseId').equals(caseId).toArray() : []),
    [caseId],
  )
}

/**
 * One event; null when it does not exist, undefined while loading or without an id. Like
 * every live query, it answers with the previous id's result until the new one is read.
 */
export function useEvent(id: string | undefined): EventRecord | null | undefined {
  return useLiveQuery(async () => (id ? ((await getDb().events.get(id)) ?? null) : undefined), [id])
}

/** The case's relations; undefined while loading. */
export function useRelations(caseId: string | undefined): RelationRecord[] | undefined {
  return useLiveQuery(
    () => (caseId ? getDb().relations.where('caseId').equals(caseId).toArray() : []),
    [caseId],
  )
}

/**
 * The evidence passages of `events` (and `relations`), by annotation id; undefined while
 * loading. Re-read when a passage changes (re-anchored, deleted) as well as when the
 * evidence lists do.
 */
export function useEvidence(
  events: readonly Pick<EventRecord, 'evidence'>[] | undefined,
  relations: readonly Pick<RelationRecord, 'evidence'>[] = [],
): Map<string, AnnotationRecord> | undefined {
  const ids = [...new Set([...(events ?? []), ...relations].flatMap((e) => e.evidence))].sort()
  const key = ids.join('\n')
  return useLiveQuery(async () => {
    const rows = await getDb().annotations.bulkGet(key ? key.split('\n') : [])
    return new Map(rows.filter((a) => a !== undefined).map((a) => [a.id, a]))
  }, [key])
}

/**
 * What the event form needs to edit `event`: its first evidence passage still in its
 * document (else the first at all), that document and the document's tags. The passage and
 * document are undefined when the event has no evidence left. Undefined while loading or
 * without an event.
 */
export function useEventSource(event: EventRecord | null | undefined):
  | {
      doc: DocumentRecord | undefined
      passage: AnnotationRecord | undefined
      tags: AnnotationRecord[]
    }
  | undefined {
  return useLiveQuery(async () => {
    if (!event) return undefined
    const db = getDb()
    const passages = (await db.annotations.bulkGet(event.evidence)).filter((a) => a !== undefined)
    const passage = passages.find((a) => a.anchor?.status !== 'orphan') ?? passages[0]
    if (!passage) return { doc: undefined, passage: undefined, tags: [] }
    const doc = await getDocument(db, passage.docId)
    const tags = await db.annotations.where('docId').equals(passage.docId).toArray()
    return { doc, passage, tags }
  }, [event])
}

/** The case's briefings, most recently edited first; undefined while loading. */
export function useBriefings(caseId: string | undefined): BriefingRecord[] | undefined {
  return useLiveQuery(async () => {
    if (!caseId) return []
    const rows = await getDb().briefings.where('caseId').equals(caseId).toArray()
    return rows.sort((a, b) => b.updatedAt - a.updatedAt)
  }, [caseId])
}

/**
 * Every annotation of the case, by id, for composing a briefing (its evidence may come from
 * any document); undefined while loading.
 */
export function useCaseAnnotations(
  caseId: string | undefined,
): Map<string, AnnotationRecord> | undefined {
  return useLiveQuery(async () => {
    const rows = caseId ? await getDb().annotations.where('caseId').equals(caseId).toArray() : []
    return new Map(rows.map((a) => [a.id, a]))
  }, [caseId])
}

/** The case record, live; undefined while loading (null when there is none). */
export function useCase(caseId: string | undefined): CaseRecord | null | undefined {
  return useLiveQuery(
    async () => (caseId ? ((await getDb().cases.get(caseId)) ?? null) : null),
    [caseId],
  )
}
