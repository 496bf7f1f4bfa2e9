/**
 * How the analyst is looking at the open case, apart from what is selected: the library's
 * search query, the actor in focus and the timeline's visible window. The timeline sets its
 * window on every pan and zoom, so it lives here, in a store of its own, and only the panes
 * that follow it (the graph, the map, the briefing's chronology) select it. See
 * `./selection.ts` for why these are zustand stores.
 */
import { create } from 'zustand'

/** A time window in epoch milliseconds. */
export interface TimeWindow {
  start: number
  end: number
}

/** The view store's fields and setters. */
export interface ViewState {
  /** The library's search query ('' for none). */
  query: string
  setQuery(q: string): void
  /**
   * The actor in focus ('' for none): the timeline shows only its events, the reader
   * outlines its mentions, the graph selects its node.
   */
  actorFocusId: string
  setActorFocus(id: string): void
  /** The timeline's visible window (debounced), which the graph and the map can follow. */
  timelineWindow: TimeWindow | undefined
  setTimelineWindow(window: TimeWindow | undefined): void
}

/** The view store: select only the fields a component reads (`useView((s) => s.query)`). */
export const useView = create<ViewState>()((set) => ({
  query: '',
  setQuery: (query) => set({ query }),
  actorFocusId: '',
  setActorFocus: (actorFocusId) => set({ actorFocusId }),
  timelineWindow: undefined,
  setTimelineWindow: (timelineWindow) => set({ timelineWindow }),
}))
