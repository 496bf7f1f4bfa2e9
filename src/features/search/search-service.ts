/**
 * The search of the open case, shared by the whole UI: one `SearchIndexService`, which
 * follows the store's change feed and keeps the open case's index (a worker) in step by
 * itself — no UI code tells it about imports, edits or deletes. This module only asks it
 * for results and re-asks when the index changed, and tells the search box whether the
 * index is still loading. The worker loads lazily, on first use.
 */
import { useEffect, useState } from 'react'
import { getDb } from '../../db/db'
import type { SearchStatus } from '../../search/search-client'
import { keepShownOrder, SEARCH_PAGE, type SearchHit } from '../../search/search-core'
import { SearchIndexService } from '../../search/search-index-service'

const service = new SearchIndexService(getDb())
let generation = 0
service.subscribe(() => generation++)

/** What the search box shows: hits with snippets, and whether (and how many) more match. */
export type CaseSearch = (
  | { status: 'idle' | 'indexing'; hits: SearchHit[] }
  | { status: 'ready'; hits: SearchHit[] }
  | { status: 'error'; error: string; hits: SearchHit[] }
) & {
  /** More documents match than are shown: `showMore` asks for the next page. */
  more?: boolean
  /** How many documents match, when every candidate was checked; else unknown. */
  total?: number
  /** Asks for the next `SEARCH_PAGE` hits (their snippets come with them). */
  showMore?: () => void
}

/**
 * Searches the case as the query changes; hits arrive asynchronously from the worker, a page
 * at a time: the first `SEARCH_PAGE` with their snippets, the next on `showMore`. Hits already
 * shown keep their place when more arrive.
 */
export function useCaseSearch(caseId: string | undefined, query: string): CaseSearch {
  const [result, setResult] = useState<{ key: string; limit: number } & CaseSearch>({
    key: '',
    limit: 0,
    status: 'idle',
    hits: [],
  })
  const [gen, setGen] = useState(generation)
  useEffect(() => service.subscribe(() => setGen(generation)), [])
  const q = query.trim()
  const key = `${caseId}\u0000${gen}\u0000${q}`
  // The pages asked for this query (a new query starts again at one).
  const [pages, setPages] = useState({ key, count: 1 })
  const limit = SEARCH_PAGE * (pages.key === key ? pages.count : 1)
  useEffect(() => {
    if (!caseId) return
    if (!q) {
      void service.client(caseId).catch(() => undefined) // warm the index while the user looks around
      return
    }
    let live = true
    service
      .client(caseId)
      .then((c) => c.page(q, limit))
      .then(
        (page) =>
          live &&
          setResult((previous) => ({
            key,
            limit,
            status: 'ready',
            hits: previous.key === key ? keepShownOrder(previous.hits, page.hits) : page.hits,
            more: page.more,
            total: page.total,
          })),
        (e) =>
          live &&
          setResult({
            key,
            limit,
            status: 'error',
            error: `Search failed: ${String(e)}`,
            hits: [],
          }),
      )
    return () => {
      live = false
    }
  }, [caseId, q, key, limit])
  const showMore = (): void => setPages((p) => ({ key, count: (p.key === key ? p.count : 1) + 1 }))
  if (result.key === key && result.limit === limit) {
    return result.status === 'ready' ? { ...result, showMore } : result
  }
  if (result.key === key) {
    // The next page is on its way: keep showing this one meanwhile.
    return { ...result, showMore: undefined }
  }
  // The answer for this query is on its way: keep showing the previous hits meanwhile.
  return { status: result.status === 'ready' ? 'ready' : 'indexing', hits: result.hits }
}

/**
 * Where the open case's index stands, for the search box: `loading` until the index answers
 * queries (the library, reader and timeline work meanwhile) — `upgrading` meanwhile when it is
 * being rebuilt because its saved form is of an older format — then the client's status
 * (`ready`), or `failed`; `closed` without a case.
 */
export function useSearchIndexStatus(caseId: string | undefined): SearchStatus | 'upgrading' {
  const [state, setState] = useState<{ caseId?: string; gen: number; status: SearchStatus }>({
    gen: -1,
    status: 'closed',
  })
  const [gen, setGen] = useState(generation)
  useEffect(() => service.subscribe(() => setGen(generation)), [])
  useEffect(() => {
    if (!caseId) return
    let live = true
    service.client(caseId).then(
      (client) => live && setState({ caseId, gen, status: client.status }),
      () => live && setState({ caseId, gen, status: 'failed' }),
    )
    return () => {
      live = false
    }
  }, [caseId, gen])
  if (!caseId) return 'closed'
  // Until this case's client answers, its index is loading (or being rebuilt).
  if (state.caseId !== caseId) return service.upgrading(caseId) ? 'upgrading' : 'loading'
  return state.status
}
