/**
 * The right-hand pane, as tabs: the inspector of the selected tag, the suggestions for the
 * open document, its tags whose anchors need attention after a text replacement (fuzzy
 * or orphaned), with their count, and the case's possible duplicate events (Ctrl+Shift+D). Selecting a tag, an event or a graph edge brings the
 * inspector forward.
 */
import { lazy, Suspense, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useSelection } from '../../ui/stores/selection'
import { SuggestionsPanel } from '../suggestions/SuggestionsPanel'
import { InspectorPane } from './InspectorPane'
import { useCommand } from '../../ui/commands'
import { OrphansPanel, useFlaggedTags } from '../reanchor/OrphansPanel'

// The duplicate-events panel loads when its tab is first opened.
const DuplicatesPanel = lazy(() =>
  import('../evidence/DuplicatesPanel').then((m) => ({ default: m.DuplicatesPanel })),
)

type Tab = 'inspector' | 'suggestions' | 'anchors' | 'duplicates'

export function SidePane() {
  const { selectedTagId, selectedEventId, selectedEdge, docId } = useSelection(
    useShallow((s) => ({
      selectedTagId: s.selectedTagId,
      selectedEventId: s.selectedEventId,
      selectedEdge: s.selectedEdge,
      docId: s.docId,
    })),
  )
  const flagged = useFlaggedTags(docId)?.length ?? 0
  const [tab, setTab] = useState<Tab>('inspector')
  useCommand('evidence:duplicates', () => setTab('duplicates'))
  // A new selection (tag, event or graph edge) brings the inspector forward.
  const selection = `${selectedTagId ?? ''}|${selectedEventId ?? ''}|${selectedEdge?.id ?? ''}`
  const [shown, setShown] = useState(selection)
  if (selection !== shown) {
    setShown(selection)
    if (selectedTagId || selectedEventId || selectedEdge) setTab('inspector')
  }
  return (
    <aside className="side-pane" aria-label="Details">
      <div className="tabs" role="tablist">
        {(['inspector', 'suggestions', 'anchors', 'duplicates'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            data-testid={`side-tab-${t}`}
            className={tab === t ? 'tab active' : 'tab'}
            onClick={() => setTab(t)}
          >
            {t === 'inspector'
              ? 'Inspector'
              : t === 'suggestions'
                ? 'Suggestions'
                : t === 'duplicates'
                  ? 'Duplicates'
                  : `Anchors${flagged ? ` (${flagged})` : ''}`}
          </button>
        ))}
      </div>
      <div className="tab-body">
        {tab === 'inspector' ? (
          <InspectorPane />
        ) : tab === 'suggestions' ? (
          <SuggestionsPanel />
        ) : tab === 'duplicates' ? (
          <Suspense fallback={<p className="empty-pane" aria-busy />}>
            <DuplicatesPanel />
          </Suspense>
        ) : docId ? (
          <OrphansPanel docId={docId} />
        ) : (
          <p className="empty-pane">Open a document to see its tags that need attention.</p>
        )}
      </div>
    </aside>
  )
}
