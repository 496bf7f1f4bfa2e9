/**
 * The right-hand pane: the inspector of the selected tag, and the suggestions for the open
 * document, as two tabs. Selecting a tag brings the inspector forward.
 */
import { useState } from 'react'
import { useAppState } from '../../app/app-state'
import { SuggestionsPanel } from '../suggestions/SuggestionsPanel'
import { InspectorPane } from './InspectorPane'

type Tab = 'inspector' | 'suggestions'

export function SidePane() {
  const { selectedTagId } = useAppState()
  const [tab, setTab] = useState<Tab>('inspector')
  const [shownTag, setShownTag] = useState(selectedTagId)
  if (selectedTagId !== shownTag) {
    setShownTag(selectedTagId)
    if (selectedTagId) setTab('inspector')
  }
  return (
    <aside className="side-pane" aria-label="Details">
      <div className="tabs" role="tablist">
        {(['inspector', 'suggestions'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'tab active' : 'tab'}
            onClick={() => setTab(t)}
          >
            {t === 'inspector' ? 'Inspector' : 'Suggestions'}
          </button>
        ))}
      </div>
      <div className="tab-body">
        {tab === 'inspector' ? <InspectorPane /> : <SuggestionsPanel />}
      </div>
    </aside>
  )
}
