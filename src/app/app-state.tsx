/**
 * Global UI state: which case and document are open, the search query, and user-facing
 * notices. Kept in one small context so panes stay decoupled; the open case is remembered
 * across restarts through the settings table.
 */
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react'
import { writeSetting } from '../db/settings'
import type { GraphEdge } from '../domain/graph-model'

export type NoticeKind = 'info' | 'success' | 'error'

export interface Notice {
  id: number
  kind: NoticeKind
  text: string
}

export interface AppState {
  caseId: string | undefined
  openCase(caseId: string | undefined): void
  docId: string | undefined
  openDocument(docId: string | undefined, focus?: { start: number; end: number }): void
  /** The passage the reader should scroll to and flash, if any. */
  focus: { docId: string; start: number; end: number; seq: number } | undefined
  query: string
  setQuery(q: string): void
  /** The tag shown in the inspector, if any. */
  selectedTagId: string | undefined
  selectTag(id: string | undefined): void
  /**
   * The event selected on the timeline (and shown in the inspector when no tag is).
   * Selecting an event clears the selected tag unless `keepTag` (a tag selected in the
   * reader selects its event on the timeline but stays in the inspector).
   */
  selectedEventId: string | undefined
  selectEvent(id: string | undefined, options?: { keepTag?: boolean }): void
  /**
   * The actor in focus ('' for none): the timeline shows only its events, the reader
   * outlines its mentions, the graph selects its node.
   */
  actorFocusId: string
  setActorFocus(id: string): void
  /** The timeline's visible window (debounced), which the graph can follow. */
  timelineWindow: { start: number; end: number } | undefined
  setTimelineWindow(window: { start: number; end: number } | undefined): void
  /** The graph edge shown in the inspector, if any (its events and relations). */
  selectedEdge: GraphEdge | undefined
  selectEdge(edge: GraphEdge | undefined): void
  notices: Notice[]
  notify(text: string, kind?: NoticeKind): void
  dismiss(id: number): void
}

const Ctx = createContext<AppState | null>(null)

/** Provides the app state; `initialCaseId` comes from the saved settings. */
export function AppStateProvider({
  initialCaseId,
  children,
}: {
  initialCaseId: string | undefined
  children: ReactNode
}) {
  const [caseId, setCaseId] = useState(initialCaseId)
  const [docId, setDocId] = useState<string | undefined>()
  const [focus, setFocus] = useState<AppState['focus']>()
  const [query, setQuery] = useState('')
  const [selectedTagId, selectTag] = useState<string | undefined>()
  const [selectedEventId, setSelectedEventId] = useState<string | undefined>()
  const [actorFocusId, setActorFocus] = useState('')
  const [timelineWindow, setTimelineWindow] = useState<AppState['timelineWindow']>()
  const [selectedEdge, setSelectedEdge] = useState<GraphEdge>()
  const [notices, setNotices] = useState<Notice[]>([])
  const seq = useRef(0)

  const notify = useCallback((text: string, kind: NoticeKind = 'info') => {
    const id = ++seq.current
    setNotices((n) => [...n.slice(-4), { id, kind, text }])
    if (kind !== 'error') setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), 6000)
  }, [])
  const dismiss = useCallback((id: number) => setNotices((n) => n.filter((x) => x.id !== id)), [])

  const openCase = useCallback((id: string | undefined) => {
    setCaseId(id)
    setDocId(undefined)
    setFocus(undefined)
    setQuery('')
    selectTag(undefined)
    setSelectedEventId(undefined)
    setActorFocus('')
    setTimelineWindow(undefined)
    setSelectedEdge(undefined)
    void writeSetting('lastCaseId', id ?? null)
  }, [])

  const openDocument = useCallback(
    (id: string | undefined, at?: { start: number; end: number }) => {
      setDocId(id)
      setFocus(id && at ? { docId: id, ...at, seq: ++seq.current } : undefined)
    },
    [],
  )

  const selectEvent = useCallback((id: string | undefined, options?: { keepTag?: boolean }) => {
    setSelectedEventId(id)
    if (!options?.keepTag) selectTag(undefined)
    if (id) setSelectedEdge(undefined)
  }, [])
  // A tag or an edge in the inspector: one thing at a time.
  const selectTagOnly = useCallback((id: string | undefined) => {
    selectTag(id)
    if (id) setSelectedEdge(undefined)
  }, [])
  const selectEdge = useCallback((edge: GraphEdge | undefined) => {
    setSelectedEdge(edge)
    if (edge) {
      selectTag(undefined)
      setSelectedEventId(undefined)
    }
  }, [])

  const value = useMemo<AppState>(
    () => ({
      caseId,
      openCase,
      docId,
      openDocument,
      focus,
      query,
      setQuery,
      selectedTagId,
      selectTag: selectTagOnly,
      selectedEventId,
      selectEvent,
      actorFocusId,
      setActorFocus,
      timelineWindow,
      setTimelineWindow,
      selectedEdge,
      selectEdge,
      notices,
      notify,
      dismiss,
    }),
    [
      caseId,
      openCase,
      docId,
      openDocument,
      focus,
      query,
      selectedTagId,
      selectedEventId,
      selectEvent,
      actorFocusId,
      timelineWindow,
      selectedEdge,
      selectEdge,
      selectTagOnly,
      notices,
      notify,
      dismiss,
    ],
  )
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>
}

/** The app state; throws when used outside the provider (a programming error). */
export function useAppState(): AppState {
  const v = useContext(Ctx)
  if (!v) throw new Error('useAppState outside AppStateProvider')
  return v
}
