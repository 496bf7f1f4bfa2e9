/**
 * What the analyst has open and selected: the case, the document (and the passage the reader
 * should flash), the tag, event or graph edge shown in the inspector. Opening a case starts
 * afresh: the selection and the view (`./view.ts`) are cleared and the case is remembered
 * across restarts through the settings table.
 *
 * The app's state is a few small stores (this one, `./view.ts`, `./notices.ts`) instead of one
 * React context: a context re-renders every consumer on any change, so each timeline pan (which
 * sets the window) re-rendered some forty panes. Each component now selects the fields it reads
 * and re-renders only when they change. They are zustand stores rather than hand-written
 * `useSyncExternalStore` ones (as `features/map/map-bus.ts` is): zustand 5 is that same hook
 * (`useSyncExternalStore`, so no tearing under concurrent rendering) plus what we would
 * otherwise write again for each store — a selector per call with a stable snapshot,
 * `useShallow` for a component that picks several fields, `getState`/`setState` outside React
 * (one store's action resets another; tests set and reset state) and `getInitialState` for
 * resets — in about a kilobyte, with no provider to mount.
 */
import { create } from 'zustand'
import { writeSetting } from '../../db/settings'
import type { GraphEdge } from '../../domain/graph-model'
import { useView } from './view'

/** A passage the reader should scroll to and flash; `seq` makes a repeat request new. */
export interface Focus {
  docId: string
  start: number
  end: number
  seq: number
}

/** The selection store's fields and actions. */
export interface SelectionState {
  caseId: string | undefined
  /** Opens a case (or none), clearing the selection and the view; remembered in settings. */
  openCase(caseId: string | undefined): void
  docId: string | undefined
  /** Opens a document in the reader, optionally at a passage to scroll to and flash. */
  openDocument(docId: string | undefined, focus?: { start: number; end: number }): void
  /** The passage the reader should scroll to and flash, if any. */
  focus: Focus | undefined
  /** The tag shown in the inspector, if any. */
  selectedTagId: string | undefined
  /** Shows a tag in the inspector (a tag or an edge there: one thing at a time). */
  selectTag(id: string | undefined): void
  /**
   * The event selected on the timeline (and shown in the inspector when no tag is).
   * Selecting an event clears the selected tag unless `keepTag` (a tag selected in the
   * reader selects its event on the timeline but stays in the inspector).
   */
  selectedEventId: string | undefined
  selectEvent(id: string | undefined, options?: { keepTag?: boolean }): void
  /** The graph edge shown in the inspector, if any (its events and relations). */
  selectedEdge: GraphEdge | undefined
  selectEdge(edge: GraphEdge | undefined): void
}

const nothingSelected = {
  docId: undefined,
  focus: undefined,
  selectedTagId: undefined,
  selectedEventId: undefined,
  selectedEdge: undefined,
} satisfies Partial<SelectionState>

let seq = 0

/** The selection store: select only the fields a component reads (`useSelection((s) => s.docId)`). */
export const useSelection = create<SelectionState>()((set) => ({
  caseId: undefined,
  ...nothingSelected,
  openCase: (caseId) => {
    set({ caseId, ...nothingSelected })
    useView.setState(useView.getInitialState())
    void writeSetting('lastCaseId', caseId ?? null)
  },
  openDocument: (docId, at) =>
    set({ docId, focus: docId && at ? { docId, ...at, seq: ++seq } : undefined }),
  selectTag: (selectedTagId) =>
    set(selectedTagId ? { selectedTagId, selectedEdge: undefined } : { selectedTagId }),
  selectEvent: (selectedEventId, options) =>
    set({
      selectedEventId,
      ...(options?.keepTag ? {} : { selectedTagId: undefined }),
      ...(selectedEventId ? { selectedEdge: undefined } : {}),
    }),
  selectEdge: (selectedEdge) =>
    set(
      selectedEdge
        ? { selectedEdge, selectedTagId: undefined, selectedEventId: undefined }
        : { selectedEdge },
    ),
}))
