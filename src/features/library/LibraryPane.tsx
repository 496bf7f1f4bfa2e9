/**
 * The left pane: the search box and either the document list or, while a query is typed,
 * the ranked search results with highlighted snippets. Empty states say what to do next.
 */
import { lazy, Suspense, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useShallow } from 'zustand/react/shallow'
import { useSelection } from '../../ui/stores/selection'
import { useView } from '../../ui/stores/view'
import { runCommand, useCommand } from '../../ui/commands'
import { useEntities } from '../../db/hooks'
import { useCaseDocuments, useDocuments, useSources } from '../../ui/case-documents'
import { useCaseSearch, useSearchIndexStatus } from '../search/search-service'
import { SearchIndexStatus } from '../search/SearchIndexStatus'
import { DocumentList } from './DocumentList'
import { useFirstScreen } from './first-documents'
import { SearchResults } from './SearchResults'
import { HistoryPane } from '../history/HistoryPane'
import type { EntityRecord } from '../../domain/types'
import { IMPORTABLE_KINDS } from '../../import/extract'
import { plural } from '../../ui/plural'

// The Entities tab loads when first opened.
const EntitiesPane = lazy(() =>
  import('../entities/EntitiesPane').then((m) => ({ default: m.EntitiesPane })),
)
const TagAllMentionsDialog = lazy(() =>
  import('../entities/TagAllMentionsDialog').then((m) => ({ default: m.TagAllMentionsDialog })),
)

type LeftTab = 'documents' | 'entities' | 'history'
const LEFT_TABS: [LeftTab, string][] = [
  ['documents', 'Documents'],
  ['entities', 'Entities'],
  ['history', 'History'],
]

export function LibraryPane() {
  const { caseId, docId, openDocument } = useSelection(
    useShallow((s) => ({ caseId: s.caseId, docId: s.docId, openDocument: s.openDocument })),
  )
  const { query, setQuery } = useView(useShallow((s) => ({ query: s.query, setQuery: s.setQuery })))
  // The newest documents, shown while the whole list is read (seconds at 100,000 documents;
  // it is read in pages, so this short read is not queued behind it).
  const firstScreen = useFirstScreen(caseId, useCaseDocuments(caseId) === undefined)
  const documents = useDocuments(caseId)
  const sources = useSources(caseId)
  const search = useCaseSearch(caseId, query)
  const indexStatus = useSearchIndexStatus(caseId)
  const input = useRef<HTMLInputElement>(null)
  const [tab, setTab] = useState<LeftTab>('documents')
  const entityList = useEntities(caseId)
  const [tagAll, setTagAll] = useState<EntityRecord>()
  // Focus moves at once, within the key's own event: keys typed straight after Ctrl+K land in
  // the box (waiting a frame lost the first letter to the reader). From another tab, the
  // documents tab, which holds the box, is rendered first.
  useCommand('search:focus', () => {
    if (!input.current) flushSync(() => setTab('documents'))
    else setTab('documents')
    input.current?.focus()
    input.current?.select()
  })

  const titles = new Map(documents?.map((d) => [d.id, d.title]))
  return (
    <section className="library" aria-label="Case">
      <div className="tabs" role="tablist">
        {LEFT_TABS.map(([t, label]) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'tab active' : 'tab'}
            onClick={() => setTab(t)}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'history' ? (
        <HistoryPane />
      ) : tab === 'entities' ? (
        <Suspense fallback={<p className="empty-pane" aria-busy />}>
          <EntitiesPane
            onTagAllMentions={(id) => setTagAll(entityList?.find((e) => e.id === id))}
          />
          {tagAll && <TagAllMentionsDialog entity={tagAll} onClose={() => setTagAll(undefined)} />}
        </Suspense>
      ) : (
        documentsTab()
      )}
    </section>
  )

  function documentsTab() {
    return (
      <>
        <div className="search-box">
          <input
            ref={input}
            type="search"
            placeholder="Search (Ctrl+K)"
            aria-label="Search this case"
            data-testid="search-input"
            value={query}
            disabled={!caseId || !documents?.length}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setQuery('')
            }}
          />
          {documents?.length ? <SearchIndexStatus status={indexStatus} /> : null}
        </div>
        {query.trim() ? (
          <SearchResults search={search} titles={titles} />
        ) : documents && sources && documents.length > 0 ? (
          <>
            <div className="pane-caption" data-testid="library-count">
              {plural(documents.length, 'document')}
            </div>
            <DocumentList
              documents={documents}
              sources={sources}
              selectedId={docId}
              onOpen={(id) => openDocument(id)}
            />
          </>
        ) : firstScreen && firstScreen.rows.length > 0 ? (
          <>
            <div className="pane-caption" data-testid="library-count">
              Newest documents<span className="muted"> · reading the list…</span>
            </div>
            <DocumentList
              documents={firstScreen.rows}
              sources={firstScreen.sources}
              selectedId={docId}
              onOpen={(id) => openDocument(id)}
              reading
            />
          </>
        ) : caseId && documents ? (
          <div className="empty-pane" data-testid="empty-case">
            <p>This case has no documents yet.</p>
            <p data-testid="importable-kinds">
              Import news reports, statements, transcripts or scans — {IMPORTABLE_KINDS} — with the
              button below, Ctrl+O, or by dropping files anywhere on the window.
            </p>
            <button
              type="button"
              className="primary"
              onClick={() => runCommand('documents:import')}
            >
              Import documents…
            </button>
          </div>
        ) : null}
      </>
    )
  }
}
