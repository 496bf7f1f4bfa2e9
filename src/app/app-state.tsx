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
  /** The actor the timeline is filtered to ('' for none). */
  timelineActorId: string
  setTimelineActorId(id: string): void
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
  const [timelineActorId, setTimelineActorId] = useState('')
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
    setTimelineActorId('')
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
      selectTag,
      selectedEventId,
      selectEvent,
      timelineActorId,
      setTimelineActorId,
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
      timelineActorId,
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
