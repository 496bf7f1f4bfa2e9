/**
 * Suggestions for the open document: names of people, organisations, states and places,
 * and date expressions, found offline. Grouped by what they name; each group can be
 * accepted (every occurrence tagged and linked to one actor or location, new or existing),
 * rejected for now, or put on the case's never-suggest list. Nothing is tagged without a
 * click, and every acceptance is one undoable action.
 */
import { useEffect, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { useAnnotations, useCases, useDocument, useEntities } from '../../db/hooks'
import { neverSuggest } from '../../db/suggestions'
import { acceptGroup, findEntity, TARGET } from './accept'
import {
  groupSuggestions,
  openSuggestions,
  rejectSpans,
  runSuggestions,
  suggestionsAreFor,
  useSuggestionState,
  type SuggestionGroup,
} from './suggestion-store'
import { plural } from '../../ui/plural'

export function SuggestionsPanel() {
  const { caseId, docId, openDocument } = useSelection(
    useShallow((s) => ({ caseId: s.caseId, docId: s.docId, openDocument: s.openDocument })),
  )
  const notify = useNotices((s) => s.notify)
  const doc = useDocument(docId)
  const cases = useCases()
  const tags = useAnnotations(docId)
  const entities = useEntities(caseId)
  const state = useSuggestionState()
  const never = useMemo(
    () => cases?.find((c) => c.id === caseId)?.neverSuggest ?? [],
    [cases, caseId],
  )
  const neverKey = never.join('\u0000')

  useEffect(() => {
    if (doc) void runSuggestions(doc, neverKey ? neverKey.split('\u0000') : [])
  }, [doc, neverKey])

  if (!doc) return <p className="empty-pane">Open a document to see suggestions for it.</p>
  if (!suggestionsAreFor(state, doc) || state.status === 'running') {
    return <p className="empty-pane">Looking for names and dates…</p>
  }
  if (state.status === 'error') {
    return <p className="form-error">Suggestions failed: {state.error}</p>
  }
  const groups = groupSuggestions(openSuggestions(state, tags ?? []))

  const accept = (group: SuggestionGroup) =>
    acceptGroup(doc.id, state.textHash, group, entities ?? []).catch((e) =>
      notify(errorMessage(e), 'error'),
    )

  return (
    <div className="suggestions" data-testid="suggestions">
      <div className="suggestions-head">
        <span>
          {groups.length === 0
            ? 'No open suggestions in this document.'
            : `${plural(
                groups.reduce((n, g) => n + g.items.length, 0),
                'suggestion',
              )} in ${plural(groups.length, 'group')}`}
        </span>
        {groups.length > 0 && (
          <span className="suggestions-bulk">
            <button
              type="button"
              onClick={async () => {
                for (const g of groups.filter((x) => x.kind !== 'date')) await accept(g)
              }}
            >
              Accept all names
            </button>
            <button type="button" onClick={() => rejectSpans(groups.flatMap((g) => g.items))}>
              Reject all
            </button>
          </span>
        )}
      </div>
      <ul>
        {groups.map((g) => {
          const existing = TARGET[g.kind]!.entity ? findEntity(g, entities ?? []) : undefined
          return (
            <li key={`${g.kind}:${g.key}`} data-testid="suggestion-group" data-name={g.name}>
              <button
                type="button"
                className="suggestion-name"
                title={`${g.items[0]!.reason}. Show in the document`}
                onClick={() =>
                  openDocument(doc.id, { start: g.items[0]!.start, end: g.items[0]!.end })
                }
              >
                {g.name}
              </button>{' '}
              <span className="muted">
                {TARGET[g.kind]!.label} ×{g.items.length}
                {g.forms.length > 1 ? ` (${g.forms.join(', ')})` : ''}
                {existing ? ` → ${existing.name}` : ''}
              </span>
              <span className="suggestion-actions">
                <button type="button" onClick={() => void accept(g)}>
                  Accept
                </button>
                <button type="button" onClick={() => rejectSpans(g.items)}>
                  Reject
                </button>
                <button
                  type="button"
                  title="Never suggest these words in this case"
                  onClick={() =>
                    caseId &&
                    Promise.all(g.forms.map((f) => neverSuggest(getDb(), caseId, f))).catch((e) =>
                      notify(errorMessage(e), 'error'),
                    )
                  }
                >
                  Never
                </button>
              </span>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
