/**
 * What the actor graph reads to grade its ties by source, and no more: for each evidence
 * passage its document, for each of those documents its source, for each source its grade.
 * A case of 100,000 documents is not read whole for this: which documents each of the case's
 * sources published comes from the `sourceId` index alone (keys, no records), and the
 * passages the events and relations cite are read one by one when they are few, with the
 * case's other tags in one request when they are many (`MANY_PASSAGES`).
 */
import { useMemo } from 'react'
import { useLiveQuery } from 'dexie-react-hooks'
import type { EventRecord, RelationRecord, Reliability } from '../domain/types'
import { getDb } from './db'
import type { CasefileDB } from './schema'

/**
 * From this many cited passages on, the case's tags are read in one request and the cited
 * ones picked out (see `readGradeLookups`).
 */
export const MANY_PASSAGES = 1000

/** The grade lookups of `domain/graph-model.ts`'s `GraphInput`. */
export interface GradeLookups {
  /** Evidence passages by id: the document each is in. */
  evidence: Map<string, { docId: string }>
  /** The documents the passages are in that have a source, by id. */
  documents: Map<string, { sourceId?: string }>
  /** The case's sources by id. */
  sources: Map<string, { reliability: Reliability }>
}

/**
 * Reads the grade lookups of a case for the passages `annotationIds` (see the module
 * comment). Only the documents those passages are in, and that have a source, are kept:
 * the others grade nothing. Read in one explicit read transaction: under a live query
 * (`useGradeLookups`) Dexie's query cache would otherwise keep every record a request
 * returned for as long as the query is watched — at 50,000 cited passages, 50,000 whole
 * tags with their quoted text, the largest part of what the graph held that it never
 * uses — and hand the caller a deep copy of them. What is kept is one `{ docId }` per
 * document and one `{ sourceId }` per source, shared by the entries that point at them.
 */
export async function readGradeLookups(
  db: CasefileDB,
  caseId: string,
  annotationIds: readonly string[],
): Promise<GradeLookups> {
  return db.transaction('r', db.sources, db.documents, db.annotations, async () => {
    // Few passages are read one by one; many (a big case's events cite tens of thousands)
    // with the case's tags in one request: one request per passage costs several times more.
    const wanted = new Set(annotationIds)
    const passages =
      wanted.size > MANY_PASSAGES
        ? (await db.annotations.where('caseId').equals(caseId).toArray()).filter((a) =>
            wanted.has(a.id),
          )
        : await db.annotations.bulkGet([...wanted])
    const inDoc = new Map<string, { docId: string }>()
    const evidence = new Map<string, { docId: string }>()
    for (const a of passages) {
      if (!a) continue
      let at = inDoc.get(a.docId)
      if (!at) inDoc.set(a.docId, (at = { docId: a.docId }))
      evidence.set(a.id, at)
    }
    const sources = await db.sources.where('caseId').equals(caseId).toArray()
    const published = await Promise.all(
      sources.map((s) => db.documents.where('sourceId').equals(s.id).primaryKeys()),
    )
    const documents = new Map<string, { sourceId?: string }>()
    sources.forEach((s, i) => {
      const from = { sourceId: s.id }
      for (const docId of published[i]!) if (inDoc.has(docId)) documents.set(docId, from)
    })
    return {
      evidence,
      documents,
      sources: new Map(sources.map((s) => [s.id, { reliability: s.reliability }])),
    }
  })
}

/**
 * The grade lookups of `caseId` for the evidence of `events` and `relations`, re-read when
 * any of them changes (a passage, a document's source, a source's grade, the evidence
 * lists); undefined while loading or without a case. The evidence list is worked out once
 * per change of `events` or `relations`, not on every render: at 50,000 events sorting it
 * takes longer than a frame.
 */
export function useGradeLookups(
  caseId: string | undefined,
  events: readonly Pick<EventRecord, 'evidence'>[] | undefined,
  relations: readonly Pick<RelationRecord, 'evidence'>[] | undefined,
): GradeLookups | undefined {
  const key = useMemo(() => {
    const ids = new Set<string>()
    for (const record of [...(events ?? []), ...(relations ?? [])])
      for (const id of record.evidence) ids.add(id)
    return [...ids].sort().join('\n')
  }, [events, relations])
  return useLiveQuery(
    () =>
      caseId && events && relations
        ? readGradeLookups(getDb(), caseId, key ? key.split('\n') : [])
        : undefined,
    [caseId, key, !!events && !!relations],
  )
}
