/**
 * The keys one pane or another answers while it has the focus (each pane handles its own), as
 * About lists them beside the app's shortcuts and the tagging keys. `pane-keys.test.ts` checks
 * the reader's two letters against the constants the reader uses.
 */

/** A key or key combination, what it does and where. */
export interface PaneKey {
  keys: string
  label: string
}

export const PANE_KEYS: readonly PaneKey[] = [
  { keys: 'S', label: 'Reader: open the menu of the suggestion under the selection' },
  { keys: 'X', label: 'Reader: add the selected passage to an existing event' },
  { keys: 'Shift+arrows', label: 'Reader: select words from the caret' },
  { keys: '← / →', label: 'Timeline (focused): the previous / next event' },
  { keys: 'Home / End', label: 'Timeline (focused): the first / last event' },
  { keys: 'Enter', label: 'Timeline: edit the selected event' },
  { keys: 'Delete', label: 'Timeline: delete the selected event (asks first)' },
  { keys: 'Ctrl+Enter', label: 'Event form: save' },
  { keys: 'Alt+↑ / Alt+↓', label: 'Briefing: move an event earlier / later in its day' },
]
