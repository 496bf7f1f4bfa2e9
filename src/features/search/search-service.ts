/**
 * The search index of the open case, shared by the whole UI: one SearchClient (which runs
 * the index in a worker) for the open case, opened from its persisted form or rebuilt,
 * and kept up to date as documents are imported or deleted. Loaded lazily so the worker
 * and FlexSearch stay out of start-up.
 */
import { useEffect, useState } from 'react'
import { getDb } from '../../db/db'
import { documentIds, getCaseTexts } from '../../db/documents'
import { searchStorage } from '../../db/search-storage'
import type { SearchClient } from '../../search/search-client'
import type { SearchHit } from '../../search/search-core'

let current: { caseId: string; client: Promise<SearchClient> } | undefined
const listeners = new Set<() => void>()
let generation = 0

function changed() {
  generation++
  listeners.forEach((fn) => fn())
}

/** The open case's search client, creating (and loading or building) it when needed. */
function clientFor(caseId: string): Promise<SearchClient> {
  if (current?.caseId === caseId) return current.client
  const previous = current
  const client = (async () => {
    if (previous) void previous.client.then((c) => c.close())
    const { SearchClient } = await import('../../search/search-client')
    const db = getDb()
    const c = new SearchClient()
    const docIds = await documentIds(db, caseId)
    await c.open(caseId, searchStorage(db), () => getCaseTexts(db, caseId), docIds)
    return c
  })()
  current = { caseId, client }
  client.then(changed, changed)
  return client
}

/** (Re)builds the index of a case whose documents arrived in bulk (sample, restore). */
export async function indexCase(caseId: string): Promise<void> {
  if (current?.caseId === caseId) current = undefined
  await clientFor(caseId)
}

/** Adds freshly imported documents to the case's index. */
export async function indexDocuments(
  caseId: string,
  docs: { id: string; title: string; text: string }[],
): Promise<void> {
  if (docs.length === 0) return
  const c = await clientFor(caseId)
  await c.add(docs)
  changed()
}

/** Re-reads documents from the store into the index: changed texts, or deletions undone. */
export async function reindexDocuments(caseId: string, ids: string[]): Promise<void> {
  const c = await clientFor(caseId)
  await c.remove(ids)
  const docs = (await getCaseTexts(getDb(), caseId)).filter((d) => ids.includes(d.id))
  if (docs.length) await c.add(docs)
  changed()
}

/** Removes deleted documents from the case's index. */
export async function unindexDocuments(caseId: string, ids: string[]): Promise<void> {
  const c = await clientFor(caseId)
  await c.remove(ids)
  changed()
}

export type CaseSearch =
  | { status: 'idle' | 'indexing'; hits: SearchHit[] }
  | { status: 'ready'; hits: SearchHit[] }
  | { status: 'error'; error: string; hits: SearchHit[] }

/** Searches the case as the query changes; hits arrive asynchronously from the worker. */
export function useCaseSearch(caseId: string | undefined, query: string): CaseSearch {
  const [result, setResult] = useState<{ key: string } & CaseSearch>({
    key: '',
    status: 'idle',
    hits: [],
  })
  const [gen, setGen] = useState(generation)
  useEffect(() => {
    const fn = () => setGen(generation)
    listeners.add(fn)
    return () => {
      listeners.delete(fn)
    }
  }, [])
  const q = query.trim()
  const key = `${caseId}\u0000${gen}\u0000${q}`
  useEffect(() => {
    if (!caseId) return
    if (!q) {
      void clientFor(caseId).catch(() => undefined) // warm the index while the user looks around
      return
    }
    let live = true
    clientFor(caseId)
      .then((c) => c.query(q))
      .then(
        (hits) => live && setResult({ key, status: 'ready', hits }),
        (e) =>
          live &&
          setResult({ key, status: 'error', error: `Search failed: ${String(e)}`, hits: [] }),
      )
    return () => {
      live = false
    }
  }, [caseId, q, key])
  if (result.key === key) return result
  // The answer for this query is on its way: keep showing the previous hits meanwhile.
  return { status: result.status === 'ready' ? 'ready' : 'indexing', hits: result.hits }
}
