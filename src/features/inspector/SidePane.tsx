/**
 * The right-hand pane, as tabs: the inspector of the selected tag, the suggestions for the
 * open document, and its tags whose anchors need attention after a text replacement (fuzzy
 * or orphaned), with their count. Selecting a tag, an event or a graph edge brings the
 * inspector forward.
 */
import { useState } from 'react'
import { useAppState } from '../../app/app-state'
import { SuggestionsPanel } from '../suggestions/SuggestionsPanel'
import { InspectorPane } from './InspectorPane'
import { OrphansPanel, useFlaggedTags } from '../reanchor/OrphansPanel'

type Tab = 'inspector' | 'suggestions' | 'anchors'

export function SidePane() {
  const { selectedTagId, selectedEventId, selectedEdge, docId } = useAppState()
  const flagged = useFlaggedTags(docId)?.length ?? 0
  const [tab, setTab] = useState<Tab>('inspector')
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
        {(['inspector', 'suggestions', 'anchors'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'tab active' : 'tab'}
            onClick={() => setTab(t)}
          >
            {t === 'inspector'
              ? 'Inspector'
              : t === 'suggestions'
                ? 'Suggestions'
                : `Anchors${flagged ? ` (${flagged})` : ''}`}
          </button>
        ))}
      </div>
      <div className="tab-body">
        {tab === 'inspector' ? (
          <InspectorPane />
        ) : tab === 'suggestions' ? (
          <SuggestionsPanel />
        ) : docId ? (
          <OrphansPanel docId={docId} />
        ) : (
          <p className="empty-pane">Open a document to see its tags that need attention.</p>
        )}
      </div>
    </aside>
  )
}
