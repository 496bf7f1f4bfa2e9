/**
 * The line under the search box that says the case's search index is still loading (or is
 * being rebuilt because an older version of Casefile saved it, or could not be opened), so that an analyst who opens a large case knows search is on its way
 * while the library, reader and timeline already work. Says nothing once the index is ready.
 */
import type { SearchStatus } from '../../search/search-client'

/** The search index's state, in words, for the search box; nothing when it is ready. */
export function SearchIndexStatus({ status }: { status: SearchStatus | 'upgrading' }) {
  if (status === 'upgrading') {
    // A saved index of an older format is rebuilt from the documents: it takes longer than
    // reading one (about two minutes at 100,000 documents), so say why.
    return (
      <p className="pane-caption" role="status" data-testid="search-index-status">
        Search index being rebuilt for this version of Casefile… The documents can be opened
        meanwhile.
      </p>
    )
  }
  if (status === 'loading' || status === 'building') {
    return (
      <p className="pane-caption" role="status" data-testid="search-index-status">
        Search index loading… The documents can be opened meanwhile.
      </p>
    )
  }
  if (status === 'failed') {
    return (
      <p className="form-error" role="status" data-testid="search-index-status">
        The search index could not be opened. Reopen the case to build it again.
      </p>
    )
  }
  return null
}
