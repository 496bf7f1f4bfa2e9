/**
 * Ranked search hits with their snippets; matched words are marked from the offsets the
 * index returns (text only, never HTML). Choosing a snippet opens the document at the match.
 * The hits come a page at a time (`SEARCH_PAGE`): when more documents match, "Show more
 * results" (a button, so Tab and Enter reach it) asks for the next page and its snippets.
 */
import { useSelection } from '../../ui/stores/selection'
import type { CaseSearch } from '../search/search-service'
import { plural } from '../../ui/plural'

function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }) {
  const parts: React.ReactNode[] = []
  let at = 0
  ranges.forEach(([a, b], i) => {
    if (a > at) parts.push(text.slice(at, a))
    parts.push(<mark key={i}>{text.slice(a, b)}</mark>)
    at = b
  })
  if (at < text.length) parts.push(text.slice(at))
  return <>{parts}</>
}

export function SearchResults({
  search,
  titles,
}: {
  search: CaseSearch
  titles: Map<string, string>
}) {
  const openDocument = useSelection((s) => s.openDocument)
  if (search.status === 'indexing')
    return <p className="pane-caption">Preparing the search index…</p>
  if (search.status === 'error') return <p className="form-error">{search.error}</p>
  const hits = search.hits.filter((h) => titles.has(h.docId))
  return (
    <div className="search-results" data-testid="search-results">
      <div className="pane-caption" data-testid="search-count">
        {hits.length === 0
          ? 'No documents match.'
          : !search.more
            ? `${plural(hits.length, 'document')} ${hits.length === 1 ? 'matches' : 'match'}`
            : search.total === undefined
              ? `The best ${hits.length} shown; more documents match`
              : `The best ${hits.length} of ${search.total} matching documents`}
      </div>
      <ol>
        {hits.map((h) => (
          <li key={h.docId} data-testid="search-hit">
            <button
              type="button"
              className="hit-title"
              dir="auto"
              onClick={() => openDocument(h.docId)}
            >
              {titles.get(h.docId)}
            </button>
            {h.snippets.map((s, i) => (
              <button
                type="button"
                key={i}
                className="snippet"
                dir="auto"
                onClick={() => {
                  const first = s.highlights[0]
                  openDocument(
                    h.docId,
                    first ? { start: s.start + first[0], end: s.start + first[1] } : undefined,
                  )
                }}
              >
                <Highlighted text={s.text} ranges={s.highlights} />
              </button>
            ))}
          </li>
        ))}
      </ol>
      {search.more && (
        <button
          type="button"
          className="search-more"
          data-testid="search-more"
          aria-busy={!search.showMore}
          onClick={() => search.showMore?.()}
        >
          {search.showMore ? 'Show more results' : 'Loading more results…'}
        </button>
      )}
    </div>
  )
}
