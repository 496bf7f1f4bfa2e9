/**
 * The timeline in the main view: feeds TimelinePane the open case's events and links it to
 * the other panes. Selecting an event on the timeline selects it in the inspector and opens
 * its first evidence passage in the reader (scrolled to and flashed); selecting a tagged
 * passage that is evidence of an event selects that event on the timeline and brings it
 * into view; selecting an actor (Entities pane, inspector) filters the timeline to its
 * events. Enter edits and Delete deletes (after asking) through event-actions. The window
 * is remembered per case (view state) and the grouping across cases (settings).
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { useView } from '../../ui/stores/view'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { readSetting, writeSetting } from '../../db/settings'
import { readViewState, writeViewState } from '../../db/view-state'
import { useAnnotation, useEvidence } from '../../db/hooks'
import { useDocuments, useSources } from '../../ui/case-documents'
import type { TimelineGroupBy } from '../../domain/timeline-model'
import { useCaseCorroboration } from '../evidence/useCorroboration'
import { requestDeleteEvent, requestEditEvent } from '../events/event-actions'
import { useCaseRecords } from '../../ui/case-records'
import type { TimelinePaneHandle, TimeWindow } from './TimelinePane'

// vis-timeline is a few hundred KB: loaded after the first paint, not before it.
const TimelinePane = lazy(() => import('./TimelinePane').then((m) => ({ default: m.TimelinePane })))

const GROUP_BY_KEY = 'timeline:groupBy'

/** The timeline of the open case (see the module comment). */
export function TimelineHost() {
  const caseId = useSelection((s) => s.caseId)
  // The remembered window is read before the pane mounts, so that it opens on it; `null`
  // while reading. A new case gets a new pane (and a new vis-timeline).
  const [saved, setSaved] = useState<{ caseId: string; window: TimeWindow | undefined }>()
  useEffect(() => {
    if (!caseId) return
    let live = true
    const show = (window: TimeWindow | undefined) => {
      if (live) setSaved({ caseId, window })
    }
    readViewState(getDb(), caseId, 'timeline:window').then(show, () => show(undefined))
    return () => {
      live = false
    }
  }, [caseId])
  if (!caseId) {
    return (
      <section className="timeline-pane empty-pane" aria-label="Timeline">
        <p>Open a case to see its events on a timeline.</p>
      </section>
    )
  }
  if (saved?.caseId !== caseId) return <section className="timeline-pane" aria-busy />
  return <CaseTimeline key={caseId} caseId={caseId} initialWindow={saved.window} />
}

function CaseTimeline({
  caseId,
  initialWindow,
}: {
  caseId: string
  initialWindow: TimeWindow | undefined
}) {
  const { selectedEventId, selectEvent, openDocument, selectedTagId } = useSelection(
    useShallow((s) => ({
      selectedEventId: s.selectedEventId,
      selectEvent: s.selectEvent,
      openDocument: s.openDocument,
      selectedTagId: s.selectedTagId,
    })),
  )
  const { actorFocusId, setActorFocus, setTimelineWindow } = useView(
    useShallow((s) => ({
      actorFocusId: s.actorFocusId,
      setActorFocus: s.setActorFocus,
      setTimelineWindow: s.setTimelineWindow,
    })),
  )
  const notify = useNotices((s) => s.notify)
  // One plain read of the case's events and actors, shared with the other panes and kept
  // current by the change feed (services/case-records.ts), not two live queries that re-read
  // and copy every record of the case (50,000 events at scale) after each write.
  const records = useCaseRecords(caseId)
  const events = records?.status === 'ready' ? records.records.events : undefined
  const entityList = records?.status === 'ready' ? records.records.entities : undefined
  const readError = records?.status === 'failed' ? errorMessage(records.error) : undefined
  useEffect(() => {
    if (readError) notify(`The timeline could not read the case: ${readError}`, 'error')
  }, [readError, notify])
  const documentList = useDocuments(caseId)
  const sourceMap = useSources(caseId)
  const evidence = useEvidence(events)
  const weighed = useCaseCorroboration(caseId)
  const selectedTag = useAnnotation(selectedTagId)
  const pane = useRef<TimelinePaneHandle>(null)

  const [groupBy, setGroupBy] = useState<TimelineGroupBy>('none')
  useEffect(() => {
    void readSetting<TimelineGroupBy>(GROUP_BY_KEY, 'none').then(setGroupBy)
  }, [])

  const entities = useMemo(
    () => new Map((entityList ?? []).map((e) => [e.id, { name: e.name, kind: e.kind }])),
    [entityList],
  )
  const documents = useMemo(
    () =>
      new Map(
        (documentList ?? []).map((d) => [
          d.id,
          { title: d.title, ...(d.sourceId ? { sourceId: d.sourceId } : {}) },
        ]),
      ),
    [documentList],
  )
  const sources = useMemo(
    () =>
      new Map(
        [...(sourceMap ?? new Map()).values()].map((s) => [
          s.id,
          { name: s.name, reliability: s.reliability },
        ]),
      ),
    [sourceMap],
  )
  const annotations = useMemo(
    () => new Map([...(evidence ?? new Map()).values()].map((a) => [a.id, { docId: a.docId }])),
    [evidence],
  )

  // A tag selected in the reader that is evidence of an event selects that event here
  // (the inspector keeps showing the tag); any other tag clears the timeline's selection.
  // Only when the tag changes — and never away from an event that already cites it (a new
  // event made on the tag selects itself) — not on every write to the events.
  const handledTag = useRef<string | undefined>(undefined)
  useEffect(() => {
    // A live query answers with the previous tag until it has read the new one.
    if (!selectedTag || !events || selectedTag.id !== selectedTagId) return
    if (handledTag.current === selectedTag.id) return
    handledTag.current = selectedTag.id
    const citing = events.filter((e) => e.evidence.includes(selectedTag.id))
    if (selectedEventId && citing.some((e) => e.id === selectedEventId)) return
    selectEvent(citing[0]?.id, { keepTag: true })
  }, [selectedTag, selectedTagId, events, selectedEventId, selectEvent])
  useEffect(() => {
    if (!selectedTagId) handledTag.current = undefined
  }, [selectedTagId])

  // The actor in focus may be merged away or deleted: let go of it.
  useEffect(() => {
    if (actorFocusId && entityList && !entityList.some((e) => e.id === actorFocusId)) {
      setActorFocus('')
    }
  }, [actorFocusId, entityList, setActorFocus])

  function showEvidence(eventId: string) {
    const event = events?.find((e) => e.id === eventId)
    const first = event?.evidence
      .map((id) => evidence?.get(id))
      .find((a) => a && a.anchor?.status !== 'orphan')
    if (first) openDocument(first.docId, { start: first.start, end: first.end })
  }

  return (
    <Suspense fallback={<section className="timeline-pane" aria-busy aria-label="Timeline" />}>
      <TimelinePane
        ref={pane}
        caseId={caseId}
        events={events ?? []}
        entities={entities}
        annotations={annotations}
        documents={documents}
        sources={sources}
        {...(weighed ? { corroboration: weighed.byId } : {})}
        selectedEventId={selectedEventId}
        onSelectEvent={(id) => {
          selectEvent(id)
          if (id) showEvidence(id)
        }}
        onOpenEvent={(id) => {
          selectEvent(id)
          requestEditEvent(id)
        }}
        onDeleteEvent={requestDeleteEvent}
        initialWindow={initialWindow}
        onWindowChange={(window) => {
          setTimelineWindow(window)
          writeViewState(getDb(), caseId, 'timeline:window', window).catch((e: unknown) =>
            notify(`The timeline’s window was not saved: ${errorMessage(e)}`, 'error'),
          )
        }}
        actorId={actorFocusId}
        onActorChange={setActorFocus}
        groupBy={groupBy}
        onGroupByChange={(g) => {
          setGroupBy(g)
          void writeSetting(GROUP_BY_KEY, g)
        }}
      />
    </Suspense>
  )
}
