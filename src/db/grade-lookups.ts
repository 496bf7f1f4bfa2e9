/**
 * What the actor graph reads to grade its ties by source, and no more: for each evidence
 * passage its document, for each of those documents its source, for each source its grade.
 * A case of 100,000 documents is not read whole for this: which documents each of the case's
 * sources published comes from the `sourceId` index alone (keys, no records), and the
 * passages the events and relations cite are read one by one when they are few, and by ranges
 * of ids, a few thousand at a time, when they are many (`MANY_PASSAGES`).
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import type { EventRecord, RelationRecord, Reliability } from '../domain/types'
import { changeFeed, type ChangeBatch } from './change-feed'
import { getDb } from './db'
import type { CasefileDB } from './schema'

/**
 * From this many cited passages on, their tags are read by ranges of ids rather than one by
 * one (see `readGradeLookups`).
 */
export const MANY_PASSAGES = 1000

/**
 * How many cited passages' tags a request reads when they are many: small enough that each
 * request's records die young (the scavenger's work, not a full collection's), large enough
 * that the requests stay few (25 for 50,000 passages).
 */
export const PASSAGES_A_READ = 2000

/** The grade lookups of `domain/graph-model.ts`'s `GraphInput`. */
export interface GradeLookups {
  /** The evidence passages in a document with a source, by id: the document each is in. */
  evidence: Map<string, { docId: string }>
  /** The documents the passages are in that have a source, by id. */
  documents: Map<string, { sourceId?: string }>
  /** The case's sources by id. */
  sources: Map<string, { reliability: Reliability }>
}

/**
 * Reads the grade lookups of a case for the passages `annotationIds` (see the module
 * comment). Only the passages in a document with a source are kept, and only those
 * documents: the others grade nothing. Which documents each of the case's sources published
 * comes from the `sourceId` index alone (keys, no records). Few passages are then read one by
 * one (a request each); many (a big case's events cite tens of thousands) in order of id,
 * `PASSAGES_A_READ` at a time, each request reading the tags whose ids lie between a chunk's
 * first and last. Nothing is held from one request to the next, so each request's records can
 * die young; one request for the case's tags made 50,000 records at once, with their quoted
 * text, which outlived the young generation for a full garbage collection to sweep (26 MB more
 * in the old generation at 100,000 documents). A tag of another case whose id falls in a range
 * is read too, and passed over.
 * Read in one explicit read transaction: under a live query Dexie's query cache would
 * otherwise keep every record a request returned for as long as the query is watched. What is
 * kept is one `{ docId }` per document and one `{ sourceId }` per source, shared by the
 * entries that point at them.
 */
export async function readGradeLookups(
  db: CasefileDB,
  caseId: string,
  annotationIds: readonly string[],
): Promise<GradeLookups> {
  return db.transaction('r', db.sources, db.documents, db.annotations, async () => {
    const sources = await db.sources.where('caseId').equals(caseId).toArray()
    const published = await Promise.all(
      sources.map((s) => db.documents.where('sourceId').equals(s.id).primaryKeys()),
    )
    const sourceOf = new Map<string, { sourceId: string }>()
    sources.forEach((s, i) => {
      const from = { sourceId: s.id }
      for (const docId of published[i]!) sourceOf.set(docId, from)
    })
    const wanted = new Set(annotationIds)
    const inDoc = new Map<string, { docId: string }>()
    const evidence = new Map<string, { docId: string }>()
    // A cited passage in one of this case's documents with a source (so never another case's).
    const cite = (id: string, docId: string) => {
      if (!wanted.has(id) || !sourceOf.has(docId)) return
      let at = inDoc.get(docId)
      if (!at) inDoc.set(docId, (at = { docId }))
      evidence.set(id, at)
    }
    if (wanted.size > MANY_PASSAGES) {
      // In id order, `PASSAGES_A_READ` cited ids at a time: one request for the tags whose id
      // lies between a chunk's first and last (the cited ones and any others in between).
      const ids = [...wanted].sort()
      for (let i = 0; i < ids.length; i += PASSAGES_A_READ) {
        const last = ids[Math.min(i + PASSAGES_A_READ, ids.length) - 1]!
        const tags = await db.annotations.where(':id').between(ids[i]!, last, true, true).toArray()
        for (const a of tags) cite(a.id, a.docId)
      }
    } else {
      for (const a of await db.annotations.bulkGet([...wanted])) if (a) cite(a.id, a.docId)
    }
    const documents = new Map<string, { sourceId?: string }>()
    for (const docId of inDoc.keys()) documents.set(docId, sourceOf.get(docId)!)
    return {
      evidence,
      documents,
      sources: new Map(sources.map((s) => [s.id, { reliability: s.reliability }])),
    }
  })
}

/** The tables whose changes can change a case's grade lookups. */
const GRADE_TABLES = ['sources', 'documents', 'annotations']

/** Whether `batch` may change the grade lookups of `caseId`. */
export function touchesGrades(batch: ChangeBatch, caseId: string): boolean {
  if (!GRADE_TABLES.some((t) => batch.tables.has(t))) return false
  // A change whose case is not known (a delete of a record not read first) may be this case's.
  return batch.caseIds.has(caseId) || batch.changes.some((c) => c.caseId === undefined)
}

/**
 * Reads the grade lookups of `caseId` for the passages `annotationIds` and hands them to
 * `onLookups`, then again after each committed change that may alter them (`touchesGrades`),
 * one read at a time (changes during a read ask for one more after it). A failed read goes to
 * `onError`. Returns what stops it: nothing is handed on after that.
 */
export function watchGradeLookups(
  db: CasefileDB,
  caseId: string,
  annotationIds: readonly string[],
  onLookups: (lookups: GradeLookups) => void,
  onError: (error: unknown) => void,
): () => void {
  let live = true
  let reading = false
  let again = false
  const readNow = () => {
    if (reading) {
      again = true
      return
    }
    reading = true
    again = false
    readGradeLookups(db, caseId, annotationIds)
      .then(
        (lookups) => {
          if (live) onLookups(lookups)
        },
        (e: unknown) => {
          if (live) onError(e)
        },
      )
      .finally(() => {
        reading = false
        if (live && again) readNow()
      })
  }
  readNow()
  const stop = changeFeed(db).subscribe((batch) => {
    if (touchesGrades(batch, caseId)) readNow()
  })
  return () => {
    live = false
    stop()
  }
}

/**
 * The grade lookups of `caseId` for the evidence of `events` and `relations`, re-read when
 * any of them changes (a passage, a document's source, a source's grade: the store's change
 * feed; the evidence lists: `events`, `relations`); undefined while first loading or without
 * a case (the last lookups stay while they are read again). The evidence list is worked out
 * once per change of `events` or `relations`, not on every render: at 50,000 events sorting
 * it takes longer than a frame.
 *
 * Not a Dexie live query: a live query notes every key its reads return, to know which writes
 * concern it, and keeps them while watched — for a big case's 50,000 cited passages and
 * 100,000 documents, 150,000 range-tree nodes held for the graph's life, and walked by every
 * full garbage collection. The change feed says which tables and cases a write touched.
 */
export function useGradeLookups(
  caseId: string | undefined,
  events: readonly Pick<EventRecord, 'evidence'>[] | undefined,
  relations: readonly Pick<RelationRecord, 'evidence'>[] | undefined,
  /** Told when a read fails (the lookups then stay as they were: undefined at first). */
  onError?: (error: unknown) => void,
): GradeLookups | undefined {
  const key = useMemo(() => {
    const ids = new Set<string>()
    for (const record of [...(events ?? []), ...(relations ?? [])])
      for (const id of record.evidence) ids.add(id)
    return [...ids].sort().join('\n')
  }, [events, relations])
  const ready = !!caseId && !!events && !!relations
  const failed = useRef(onError)
  useEffect(() => {
    failed.current = onError
  })
  const [read, setRead] = useState<{ caseId: string; lookups: GradeLookups }>()
  // Nothing made from `key` on each render: a string of 50,000 ids, compared as a new string
  // with the last one, was copied whole (~0.5 MB) by every render of the graph.
  useEffect(() => {
    if (!ready) return
    return watchGradeLookups(
      getDb(),
      caseId,
      key ? key.split('\n') : [],
      (lookups) => setRead({ caseId, lookups }),
      (e) => failed.current?.(e),
    )
  }, [ready, caseId, key])
  // The lookups of another case are never handed on; those of the same case with an older
  // evidence list are, while the new ones are read (a new event does not ungrade the graph).
  return read && ready && read.caseId === caseId ? read.lookups : undefined
}
