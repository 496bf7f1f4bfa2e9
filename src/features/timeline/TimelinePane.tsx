/**
 * The timeline pane: the case's dated events on a vis-timeline, with a toolbar to group them
 * into lanes (initiator, type, document, source) and filter them (actor, type, credibility,
 * text), zoom to fit, and say how many events have no date. The model comes from
 * domain/timeline-model.ts; this module only draws it.
 *
 * Performance (see the `timeline` section of scripts/bench.mjs): the vis Timeline is made once
 * and its DataSets are updated in place; the first window is the densest recent part of the
 * data (`windowForItems`), not everything; vis-timeline is handed only the items of the
 * window and a window's width either side (`viewForWindow`), made again when a pan or zoom
 * ends far enough away (`viewIsStale`); and when the window holds more than VIEW_MAX_ITEMS
 * events they are summed per lane and time bucket ("214 events", double-click zooms in), so
 * vis-timeline lays out at most a few thousand items. Tooltips are written only for the items
 * handed over. Grouped, vis-timeline gets only the lanes that hold one of those items (it lays
 * out and measures every lane it holds, one forced layout each, in view or not: 1,372 lanes
 * cost seconds), patched lane by lane as the window moves; the toolbar says how many lanes
 * are drawn of all the grouping makes. A new grouping starts from the filtered, sorted items
 * (`ungroupedTimeline`), not from the events.
 *
 * Safety: vis-timeline reads item, tooltip and lane strings as HTML. Its XSS filter stays on
 * and, on top of it, every string we hand it is escaped, so titles show as typed text; an
 * item's label is handed over as an element holding a text node (`labelOf`), never as HTML.
 */
import 'vis-timeline/styles/vis-timeline-graph2d.min.css'
import {
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type Ref,
} from 'react'
import { DataSet } from 'vis-data'
import type { DataGroup, DataItem, Timeline } from 'vis-timeline'
import { EVENT_TYPES, typeLabel } from '../../domain/event-types'
import {
  eventIdOf,
  groupTimeline,
  isAggregateId,
  isBandId,
  isEventItemId,
  type TimelineCorroboration,
  viewForWindow,
  viewIsStale,
  windowForItems,
  WINDOW_MAX_ITEMS,
  type TimelineFilter,
  type TimelineGroup,
  type TimelineGroupBy,
  type TimelineItem,
  type TimelineModel,
  type TimelineView,
  ungroupedTimeline,
} from '../../domain/timeline-model'
import type { Credibility, EntityRecord, EventRecord, Reliability } from '../../domain/types'
import { Dialog } from '../../ui/Dialog'
import { createTimeline } from './create-timeline'
import { eventsChange } from './events-change'
import { fitWindow } from './fit-window'
import { escapeText, itemKey, toVisItem } from './vis-items'
import './timeline.css'

/** A visible time window, in ms since the epoch. */
export interface TimeWindow {
  start: number
  end: number
}

/** What a parent can ask of the pane (through `ref`). */
export interface TimelinePaneHandle {
  /** The visible window. */
  getWindow(): TimeWindow | undefined
  /** Shows `window` at once (no animation). */
  setWindow(window: TimeWindow): void
  /** Zooms to fit every item shown. */
  fit(): void
  /** How many lanes the grouping makes, over all events shown (0 when not grouped). */
  laneCount(): number
  /**
   * How many of them are drawn: the lanes with an event in the window or within a window's
   * width of it (`TimelineView.lanes`; 0 when not grouped).
   */
  lanesDrawn(): number
  /** Moves keyboard focus to the timeline. */
  focus(): void
}

/** Props of the timeline pane. Maps are by record id. */
export interface TimelinePaneProps {
  /** The case's events (all of them: undated ones are counted, not drawn). */
  events: readonly EventRecord[]
  /** The case's actors and locations. */
  entities: Map<string, Pick<EntityRecord, 'name'> & Partial<Pick<EntityRecord, 'kind'>>>
  /** The case's annotations: which document each is in (for the document and source lanes). */
  annotations: Map<string, { docId: string }>
  documents: Map<string, { title: string; sourceId?: string }>
  sources: Map<string, { name: string; reliability: Reliability }>
  /** Each event's computed corroboration: its tooltip line and the contradiction flag. */
  corroboration?: ReadonlyMap<string, TimelineCorroboration>
  /** The event shown elsewhere (reader, inspector); the pane selects it and scrolls to it. */
  selectedEventId: string | undefined
  /** The analyst selected an event on the timeline (undefined: cleared the selection). */
  onSelectEvent(eventId: string | undefined): void
  /** Enter (or a double click) on an event. */
  onOpenEvent(eventId: string): void
  /** Delete on an event: the parent asks before deleting. */
  onDeleteEvent(eventId: string): void
  /** The open case; a new case starts from its own window. */
  caseId: string
  /**
   * The window remembered for this case, if any (else a sensible one is chosen, and follows
   * the data until the analyst pans or zooms). Read when the pane mounts.
   */
  initialWindow?: TimeWindow
  /** The visible window changed (debounced): persist it per case, let the graph follow. */
  onWindowChange(window: TimeWindow): void
  /** The actor whose events alone are shown ('' for all); the parent owns it. */
  actorId: string
  onActorChange(actorId: string): void
  /** How events are put in lanes; the parent owns it (and may persist it). */
  groupBy: TimelineGroupBy
  onGroupByChange(groupBy: TimelineGroupBy): void
  ref?: Ref<TimelinePaneHandle>
}

const WINDOW_DEBOUNCE_MS = 300
/** Above this many changed items a sync replaces the DataSets instead of patching them. */
const PATCH_MAX = 2000

/** The actors' order in the Actor list: one collator, not one made per comparison. */
const NAME_ORDER = new Intl.Collator(undefined)

const CREDIBILITY: { value: Credibility; label: string }[] = [
  { value: 1, label: 'Credibility 1 (confirmed)' },
  { value: 2, label: 'Credibility 2 or better' },
  { value: 3, label: 'Credibility 3 or better' },
  { value: 4, label: 'Credibility 4 or better' },
  { value: 5, label: 'Credibility 5 or better' },
  { value: 6, label: 'Any graded' },
]

/** Source reliability (Admiralty A–F) at least this good, on some evidence of the event. */
const RELIABILITY: { value: Reliability; label: string }[] = [
  { value: 'A', label: 'Source A' },
  { value: 'B', label: 'Source B or better' },
  { value: 'C', label: 'Source C or better' },
  { value: 'D', label: 'Source D or better' },
  { value: 'E', label: 'Source E or better' },
]

const GROUP_BY: { value: TimelineGroupBy; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'initiator', label: 'Initiator' },
  { value: 'type', label: 'Event type' },
  { value: 'document', label: 'Document' },
  { value: 'source', label: 'Source' },
]

interface VisState {
  timeline: Timeline
  /** The element vis-timeline draws in (its centre panel's width is the room items get). */
  container: HTMLElement
  items: DataSet<DataItem>
  groups: DataSet<DataGroup>
  /** What the DataSets hold, by item id. */
  keys: Map<string, string>
  /** What the groups DataSet holds: each lane's label and order, by lane id. */
  laneKeys: Map<string, string>
  grouped: boolean
  /** How many lanes are drawn, for the toolbar (see `LaneCount`). */
  lanesDrawn: Counter
  /** The model and the part of it handed over. */
  model: TimelineModel | undefined
  view: TimelineView | undefined
  events: Map<string, EventRecord>
  /** Each event's corroboration, for the tooltips. */
  corroboration?: ReadonlyMap<string, TimelineCorroboration> | undefined
  /**
   * False until the analyst pans or zooms (or a remembered window is shown): until then
   * the window follows the data (`windowForItems`) as events are added.
   */
  placed: boolean
  /**
   * True while the window is one fitted to the labels (`labelledFit`) that the analyst has not
   * moved since: when the panel's width changes (lanes come or go, the pane is resized) it is
   * fitted again, so that no label is pushed past the edge.
   */
  fitted: boolean
  /**
   * The case's events last drawn, and the same by id (the pane's `eventsById` of them: the
   * next list is compared with it, see `eventsChange`, where a set of 50,000 ids made at
   * every first render cost 20–30 ms).
   */
  drawnEvents: readonly EventRecord[] | undefined
  drawnById: ReadonlyMap<string, EventRecord>
}

/** The case's events on a timeline (see the module comment). */
export function TimelinePane(props: TimelinePaneProps) {
  const { events, entities, annotations, documents, sources, caseId, ref, corroboration } = props
  const { groupBy, actorId } = props
  const [type, setType] = useState('')
  const [minCredibility, setMinCredibility] = useState<Credibility | undefined>()
  const [minReliability, setMinReliability] = useState<Reliability | undefined>()
  const [text, setText] = useState('')
  // The "Dates…" dialog: the days typed so far, and what was wrong with them.
  const [dates, setDates] = useState<{ from: string; to: string; error?: string }>()

  const filter = useMemo<TimelineFilter>(
    () => ({
      ...(actorId ? { actorIds: [actorId] } : {}),
      ...(type ? { types: [type] } : {}),
      ...(minCredibility ? { minCredibility } : {}),
      ...(minReliability ? { minReliability } : {}),
      ...(text.trim() ? { text } : {}),
    }),
    [actorId, type, minCredibility, minReliability, text],
  )
  // In two steps, so that a new grouping neither filters nor sorts the events again.
  const ungrouped = useMemo(
    () =>
      ungroupedTimeline(events, {
        filter,
        entities,
        evidence: annotations,
        documents,
        sources,
        ...(corroboration ? { corroboration } : {}),
      }),
    [events, filter, entities, annotations, documents, sources, corroboration],
  )
  const model: TimelineModel = useMemo(
    () =>
      groupTimeline(ungrouped, {
        groupBy,
        filter,
        entities,
        evidence: annotations,
        documents,
        sources,
      }),
    [ungrouped, groupBy, filter, entities, annotations, documents, sources],
  )
  // A plain loop: `new Map(events.map(…))` makes a pair array per event (50,000 at scale).
  const eventsById = useMemo(() => {
    const byId = new Map<string, EventRecord>()
    for (const e of events) byId.set(e.id, e)
    return byId
  }, [events])
  // Event items in time order (the model sorts them), for the arrow keys.
  const ordered = useMemo(() => model.items.filter((i) => i.type !== 'background'), [model])

  // The number of lanes drawn changes as the analyst pans; only its own label re-renders.
  const [counter] = useState(makeCounter)
  const containerRef = useRef<HTMLDivElement>(null)
  const bodyRef = useRef<HTMLDivElement>(null)
  const vis = useRef<VisState | null>(null)
  // The latest props, for vis-timeline's listeners (registered once).
  const latest = useRef(props)
  useLayoutEffect(() => {
    latest.current = props
  })
  /** The case whose window is on screen (a new case gets its own). */
  const windowCase = useRef<string | undefined>(undefined)

  // The Timeline is made once and destroyed with the pane.
  useEffect(() => {
    const container = containerRef.current!
    const items = new DataSet<DataItem>()
    const groups = new DataSet<DataGroup>()
    const timeline = createTimeline(container, items)
    const state: VisState = {
      timeline,
      container,
      items,
      groups,
      keys: new Map(),
      laneKeys: new Map(),
      grouped: false,
      lanesDrawn: counter,
      model: undefined,
      view: undefined,
      events: new Map(),
      placed: latest.current.initialWindow !== undefined,
      fitted: false,
      drawnEvents: undefined,
      drawnById: new Map(),
    }
    vis.current = state

    // A fitted window is fitted again when the panel's width changes (see VisState.fitted).
    let panelWidth = 0
    let refit = 0
    const resized = new ResizeObserver(() => {
      const width = container.querySelector<HTMLElement>('.vis-panel.vis-center')?.clientWidth ?? 0
      if (width === panelWidth) return
      panelWidth = width
      cancelAnimationFrame(refit)
      refit = requestAnimationFrame(() => {
        if (state.fitted) fitAll(state)
      })
    })
    const centre = container.querySelector('.vis-panel.vis-center')
    if (centre) resized.observe(centre)

    let debounce: ReturnType<typeof setTimeout> | undefined
    // While a drag or wheel zoom goes on, make the view again only once the window leaves
    // what was handed over (vis-timeline reports 'rangechanged' 200 ms after the last move).
    timeline.on('rangechange', (p: { start: Date; end: Date }) => {
      const view = state.view
      if (!view) return
      const start = p.start.valueOf()
      const end = p.end.valueOf()
      if (start < view.from || end > view.to || (end - start) / view.width < 0.5) refresh(state)
    })
    timeline.on('rangechanged', (p: { start: Date; end: Date; byUser?: boolean }) => {
      if (p.byUser) {
        state.placed = true
        state.fitted = false
      }
      const window = { start: p.start.valueOf(), end: p.end.valueOf() }
      if (state.view && viewIsStale(state.view, window)) refresh(state)
      clearTimeout(debounce)
      // The window as it is when the save fires, not as it was reported: a window shown
      // directly in between (Dates…, which saves at once) must not be overwritten by an older
      // report still waiting here.
      debounce = setTimeout(() => {
        const w = timeline.getWindow()
        latest.current.onWindowChange({ start: w.start.valueOf(), end: w.end.valueOf() })
      }, WINDOW_DEBOUNCE_MS)
    })
    timeline.on('select', (p: { items: (string | number)[] }) => {
      const id = p.items.find((i) => state.keys.has(String(i)) && isEventItemId(i))
      latest.current.onSelectEvent(id === undefined ? undefined : eventIdOf(id))
    })
    timeline.on('doubleClick', (p: { item?: string | number | null }) => {
      if (p.item == null || !state.keys.has(String(p.item))) return
      if (isAggregateId(p.item)) {
        // An aggregate: zoom to its bucket, where its events are drawn one by one.
        const agg = state.view?.items.find((i) => i.id === String(p.item))
        if (agg) showWindow(state, { start: agg.start, end: agg.end ?? agg.start })
      } else if (!isBandId(p.item)) {
        latest.current.onOpenEvent(eventIdOf(p.item))
      }
    })
    return () => {
      clearTimeout(debounce)
      cancelAnimationFrame(refit)
      resized.disconnect()
      timeline.destroy()
      vis.current = null
    }
    // `counter` is made once (useState), so this runs once.
  }, [counter])

  // The model into the DataSets: patched in place when little changed, replaced otherwise.
  useEffect(() => {
    const state = vis.current
    if (!state) return
    state.model = model
    state.events = eventsById
    state.corroboration = corroboration
    // A deletion (or the undo or redo around one) keeps the window the analyst is looking at:
    // it no longer follows the data, and a later resize does not fit it again either. Only
    // added events are followed (a new case filling up); edits keep the window too.
    let edited = false
    if (state.drawnEvents !== events) {
      const change = eventsChange(state.drawnById, events)
      state.drawnEvents = events
      state.drawnById = eventsById
      edited = change === 'same'
      if (change === 'removed' && windowCase.current === caseId) {
        state.placed = true
        state.fitted = false
      }
    }
    // Otherwise (a filter or a grouping changed) a window not yet placed follows as before.
    const follow = !state.placed && !edited
    // The window first, so that the items are laid out once, for the right view.
    if (ordered.length && (windowCase.current !== caseId || follow)) {
      // A first window for a case: the remembered one, or the densest recent part; and it
      // keeps following the data until the analyst moves it.
      const first = windowCase.current !== caseId
      windowCase.current = caseId
      const remembered = first ? latest.current.initialWindow : undefined
      // Fitted to the labels; while the panel has no width yet (not laid out), the densest
      // part for now, fitted once it has one (the resize observer fits a `fitted` window).
      const wantsFit = !remembered && ordered.length <= WINDOW_MAX_ITEMS
      const fit = wantsFit ? labelledFit(state, model) : undefined
      state.fitted = wantsFit
      const window = remembered || fit || windowForItems(ordered)
      if (window) state.timeline.setWindow(window.start, window.end, { animation: false })
    }
    refresh(state)
  }, [model, ordered, eventsById, caseId, corroboration, events])

  // A selection made elsewhere: select the event's items and bring the first into view.
  const { selectedEventId } = props
  const revealed = useRef<string | undefined>(undefined)
  useEffect(() => {
    const state = vis.current
    if (!state) return
    const ids = selectedEventId ? ordered.filter((i) => i.eventId === selectedEventId) : []
    // Brought into view when it becomes the selection, not again on every filter keystroke.
    if (ids[0] && revealed.current !== selectedEventId) {
      revealed.current = selectedEventId
      reveal(state, ids[0])
    }
    if (!selectedEventId) revealed.current = undefined
    const current = state.timeline.getSelection().map(String)
    const wanted = ids.map((i) => i.id).filter((id) => state.keys.has(id))
    if (current.join('\n') !== wanted.join('\n')) state.timeline.setSelection(wanted)
  }, [selectedEventId, ordered])

  useImperativeHandle(
    ref,
    () => ({
      getWindow() {
        const w = vis.current?.timeline.getWindow()
        return w ? { start: w.start.valueOf(), end: w.end.valueOf() } : undefined
      },
      setWindow(window) {
        if (vis.current) showWindow(vis.current, window)
      },
      fit() {
        if (vis.current) fitAll(vis.current)
      },
      laneCount() {
        return vis.current?.grouped ? (vis.current.model?.groups.length ?? 0) : 0
      },
      lanesDrawn() {
        return vis.current?.grouped ? vis.current.groups.length : 0
      },
      focus() {
        bodyRef.current?.focus()
      },
    }),
    [],
  )

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const state = vis.current
    if (!state || e.target !== e.currentTarget) return
    const list = ordered
    const selectedId = state.timeline.getSelection().map(String)[0]
    const at = selectedId === undefined ? -1 : list.findIndex((i) => i.id === selectedId)
    const eventId = at >= 0 ? list[at]!.eventId : latest.current.selectedEventId
    let next: TimelineItem | undefined
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowLeft': {
        const forward = e.key === 'ArrowRight'
        if (at >= 0) next = list[forward ? at + 1 : at - 1]
        else {
          // Nothing selected: the first item in view from the side the arrow points from.
          const w = state.timeline.getWindow()
          next = forward
            ? list.find((i) => i.start >= w.start.valueOf())
            : list.findLast((i) => i.start <= w.end.valueOf())
        }
        if (!next) return
        break
      }
      case 'Home':
        next = list[0]
        break
      case 'End':
        next = list[list.length - 1]
        break
      case 'Enter':
        if (eventId) latest.current.onOpenEvent(eventId)
        e.preventDefault()
        return
      case 'Delete':
      case 'Backspace':
        if (eventId) latest.current.onDeleteEvent(eventId)
        e.preventDefault()
        return
      default:
        return
    }
    e.preventDefault()
    if (!next) return
    reveal(state, next)
    state.timeline.setSelection([next.id])
    latest.current.onSelectEvent(next.eventId)
  }

  const actors = useMemo(() => {
    const ids = new Set<string>()
    for (const ev of events) {
      for (const id of ev.initiators) ids.add(id)
      for (const id of ev.targets) ids.add(id)
    }
    // The actor filtered to (from the Entities pane) is offered even without events.
    if (actorId) ids.add(actorId)
    return [...ids]
      .filter((id) => entities.has(id))
      .map((id) => ({ id, name: entities.get(id)!.name }))
      .sort((a, b) => NAME_ORDER.compare(a.name, b.name))
  }, [events, entities, actorId])
  const types = useMemo(() => {
    const used = new Set<string>()
    for (const ev of events) if (ev.type) used.add(ev.type)
    const known = EVENT_TYPES.filter((t) => used.has(t.id)).map((t) => t.id)
    const custom = [...used].filter((t) => !known.includes(t)).sort()
    return [...known, ...custom]
  }, [events])

  const filtered = Object.keys(filter).length > 0
  const dated = events.some((ev) => ev.when)
  const empty = model.shown === 0

  return (
    <section className="timeline-pane" aria-label="Timeline" data-testid="timeline-pane">
      <div className="timeline-toolbar" role="toolbar" aria-label="Timeline view">
        <label>
          Group by{' '}
          <select
            value={groupBy}
            onChange={(e) => props.onGroupByChange(e.target.value as TimelineGroupBy)}
            data-testid="timeline-group-by"
          >
            {GROUP_BY.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <select
            aria-label="Actor"
            value={actorId}
            onChange={(e) => props.onActorChange(e.target.value)}
            data-testid="timeline-actor"
          >
            <option value="">All actors</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <select aria-label="Event type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">All types</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {typeLabel(t)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <select
            aria-label="Credibility"
            value={minCredibility ?? ''}
            onChange={(e) =>
              setMinCredibility(
                e.target.value ? (Number(e.target.value) as Credibility) : undefined,
              )
            }
          >
            <option value="">Any credibility</option>
            {CREDIBILITY.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <select
            aria-label="Source grade"
            value={minReliability ?? ''}
            onChange={(e) => setMinReliability((e.target.value || undefined) as Reliability)}
            data-testid="timeline-reliability"
          >
            <option value="">Any source</option>
            {RELIABILITY.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <input
          type="search"
          placeholder="Filter events…"
          aria-label="Filter events by text"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="button" onClick={() => vis.current && fitAll(vis.current)} disabled={empty}>
          Zoom to fit
        </button>
        <button
          type="button"
          onClick={() => {
            const w = vis.current?.timeline.getWindow()
            if (w) setDates({ from: isoDay(w.start.valueOf()), to: isoDay(w.end.valueOf() - 1) })
          }}
          title="Show exactly the days you choose"
          data-testid="timeline-dates"
        >
          Dates…
        </button>
        <span className="timeline-counts" aria-live="polite">
          <span data-testid="timeline-shown">
            {model.shown.toLocaleString('en')} event{model.shown === 1 ? '' : 's'}
          </span>
          {model.groups.length > 0 && <LaneCount counter={counter} total={model.groups.length} />}
          {model.undated > 0 && (
            <span className="timeline-undated" data-testid="timeline-undated">
              {' '}
              · {model.undated.toLocaleString('en')} event{model.undated === 1 ? '' : 's'} without a
              date
            </span>
          )}
        </span>
      </div>
      <div
        className={`timeline-body${empty ? ' is-empty' : ''}`}
        tabIndex={0}
        role="application"
        aria-roledescription="timeline"
        aria-label="Events in time: Left and Right move between events, Enter opens, Delete deletes"
        onKeyDown={onKeyDown}
        ref={bodyRef}
        data-testid="timeline"
      >
        {/* vis-timeline makes its container position: relative; the absolute box around it
            gives that container a definite height to fill. */}
        <div className="timeline-canvas">
          <div ref={containerRef} className="timeline-vis" />
        </div>
        {empty && (
          <div className="timeline-empty" data-testid="timeline-empty">
            {filtered && dated ? (
              <p>No dated events match the filters.</p>
            ) : (
              <p>
                No dated events yet. Create events from passages: select words in a document and
                press E, then give the event a date.
              </p>
            )}
          </div>
        )}
      </div>
      {dates && (
        <Dialog
          title="Show these days"
          open
          onClose={() => setDates(undefined)}
          testId="timeline-dates-dialog"
          actions={
            <>
              <button type="button" onClick={() => setDates(undefined)}>
                Cancel
              </button>
              <button type="submit" form="timeline-dates-form" className="primary">
                Show
              </button>
            </>
          }
        >
          <form
            id="timeline-dates-form"
            className="form-grid"
            onSubmit={(e) => {
              e.preventDefault()
              const start = Date.parse(`${dates.from}T00:00Z`)
              const end = Date.parse(`${dates.to}T00:00Z`) + 86_400_000 - 1
              if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
                setDates({ ...dates, error: 'Give a first day on or before the last day.' })
                return
              }
              if (vis.current) {
                showWindow(vis.current, { start, end })
                latest.current.onWindowChange({ start, end })
              }
              setDates(undefined)
            }}
          >
            <label className="field">
              <span>From (UTC day)</span>
              <input
                type="date"
                value={dates.from}
                onChange={(e) => setDates({ ...dates, from: e.target.value })}
                required
              />
            </label>
            <label className="field">
              <span>To (UTC day, included)</span>
              <input
                type="date"
                value={dates.to}
                onChange={(e) => setDates({ ...dates, to: e.target.value })}
                required
              />
            </label>
            {dates.error && (
              <p className="form-error" role="alert">
                {dates.error}
              </p>
            )}
          </form>
        </Dialog>
      )}
    </section>
  )
}

/** The UTC calendar day of `ms` as YYYY-MM-DD (for a date input). */
function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/**
 * Brings `item` into view: moves (without zooming) when it is outside the window, and zooms
 * in around it when the window is so wide that events are aggregated.
 */
function reveal(state: VisState, item: TimelineItem) {
  const w = state.timeline.getWindow()
  const start = w.start.valueOf()
  const end = w.end.valueOf()
  const itemEnd = item.end ?? item.start
  if (state.view?.aggregated) {
    const around = windowForItems([item])!
    state.timeline.setWindow(around.start, around.end, { animation: false })
  } else if (item.start < start || itemEnd > end) {
    state.timeline.moveTo((item.start + itemEnd) / 2, { animation: false })
  }
  // Without animation vis-timeline reports 'rangechanged' only 200 ms later: refresh now.
  if (state.view && viewIsStale(state.view, windowOf(state))) refresh(state)
}

/**
 * The widest an item's label is drawn, px (CSS `max-width` of `.vis-item-content`, through
 * `--tl-label-max`); in a narrow panel at most `LABEL_MAX_SHARE` of the room, so that the
 * fitted window can always show it whole.
 */
const LABEL_MAX_PX = 260
const LABEL_MAX_SHARE = 0.7
/** Padding and border around an item's text, and a point's dot before it, px. */
const LABEL_EXTRA_PX = 14
const DOT_PX = 12

let measurer: CanvasRenderingContext2D | null | undefined

/** How many px the label `text` takes on screen, drawn in `font`; capped at `cap` as the CSS is. */
function labelWidth(text: string, font: string, point: boolean, cap: number): number {
  measurer ??= document.createElement('canvas').getContext('2d')
  let width = text.length * 7
  if (measurer) {
    measurer.font = font
    width = measurer.measureText(text).width
  }
  return Math.min(width + LABEL_EXTRA_PX, cap) + (point ? DOT_PX : 0)
}

/**
 * The window that shows every event of `model` with its whole label and a margin on both
 * sides (`fitWindow`), for the panel as it is now; undefined before it has a width.
 */
function labelledFit(state: VisState, model: TimelineModel): TimeWindow | undefined {
  const panel = state.container.querySelector<HTMLElement>('.vis-panel.vis-center')
  const width = panel?.clientWidth ?? 0
  if (width < 50) return undefined
  const margin = 24
  const cap = Math.floor(Math.min(LABEL_MAX_PX, LABEL_MAX_SHARE * (width - 2 * margin)))
  if (state.container.style.getPropertyValue('--tl-label-max') !== `${cap}px`) {
    state.container.style.setProperty('--tl-label-max', `${cap}px`)
    // Every item is handed over again, so that vis-timeline measures it at its new width.
    state.keys = new Map()
  }
  const sample = state.container.querySelector('.vis-item-content')
  const family = getComputedStyle(sample ?? state.container).fontFamily || 'sans-serif'
  const font = `12px ${family}`
  return fitWindow(
    model.items.map((item) => ({
      start: item.start,
      ...(item.end !== undefined ? { end: item.end } : {}),
      label:
        item.type === 'background' ? 0 : labelWidth(item.content, font, item.type === 'point', cap),
    })),
    { width, margin, maxLabelShare: 1 },
  )
}

/**
 * Zooms to show every event of the model, labels whole, with a margin on both sides
 * (vis-timeline's own `fit` would fit only the items it was handed, which are the window's,
 * and by their times alone).
 */
function fitAll(state: VisState) {
  const model = state.model
  const extent = model?.extent
  if (!model || !extent) return
  let window = labelledFit(state, model)
  const labelled = !!window
  if (!window) {
    const pad = Math.max((extent.end - extent.start) * 0.03, 3_600_000)
    window = { start: extent.start - pad, end: extent.end + pad }
  }
  state.placed = true
  state.fitted = labelled
  state.timeline.setWindow(window.start, window.end, { animation: false })
  refresh(state)
}

/**
 * Shows `window` at once and hands over what it needs. The analyst asked for it, so the
 * window no longer follows the data.
 */
function showWindow(state: VisState, window: TimeWindow) {
  state.placed = true
  state.fitted = false
  state.timeline.setWindow(window.start, window.end, { animation: false })
  if (state.view && viewIsStale(state.view, windowOf(state))) refresh(state)
}

function windowOf(state: VisState): { start: number; end: number } {
  const w = state.timeline.getWindow()
  return { start: w.start.valueOf(), end: w.end.valueOf() }
}

/** Makes the view for the current window again and hands it to vis-timeline. */
function refresh(state: VisState) {
  if (!state.model) return
  state.view = viewForWindow(state.model, windowOf(state), {
    wasAggregated: state.view?.aggregated ?? false,
  })
  syncView(state, state.model, state.view)
}

/** Puts `view` into the DataSets (see VisState), switching lanes on or off as needed. */
function syncView(state: VisState, model: TimelineModel, view: TimelineView) {
  const next = new Map<string, TimelineItem>()
  for (const item of view.items) next.set(item.id, item)
  const keys = new Map<string, string>()
  for (const [id, item] of next) keys.set(id, itemKey(item, state.events, state.corroboration))
  const removed: string[] = []
  for (const id of state.keys.keys()) if (!next.has(id)) removed.push(id)
  const changed: TimelineItem[] = []
  for (const [id, item] of next) if (state.keys.get(id) !== keys.get(id)) changed.push(item)

  // Only the lanes with items in the view (see TimelineView.lanes): vis-timeline lays out,
  // measures and stacks every lane it holds, in view or not, one forced layout each.
  const wantGroups = model.groups.length > 0
  const laneKeys = new Map<string, string>()
  for (const g of view.lanes) laneKeys.set(g.id, `${g.order}\u0000${g.content}`)
  // `order` is what `groupOrder: 'order'` sorts by (DataGroup's type does not name it). The
  // lane's name is cut to the label column's width (timeline.css); its title, which
  // vis-timeline sets as the label's `title` property (text, not HTML), has it whole.
  const groupRow = (g: TimelineGroup): DataGroup =>
    ({ id: g.id, content: escapeText(g.content), title: g.content, order: g.order }) as DataGroup
  const replace = removed.length + changed.length > PATCH_MAX || wantGroups !== state.grouped
  if (replace) {
    // One setData: vis-timeline lays the new items out once instead of per patch.
    state.items = new DataSet<DataItem>(
      view.items.map((i) => toVisItem(i, state.events, state.corroboration)),
    )
    state.groups = new DataSet<DataGroup>(view.lanes.map(groupRow))
    state.timeline.setData({
      items: state.items,
      ...(wantGroups ? { groups: state.groups } : {}),
    })
    if (!wantGroups) state.timeline.setGroups(undefined)
  } else {
    // Lanes first, then items: an item handed over before its lane is not drawn in it.
    const addedLanes = view.lanes.filter((g) => state.laneKeys.get(g.id) !== laneKeys.get(g.id))
    if (addedLanes.length) state.groups.update(addedLanes.map(groupRow))
    if (removed.length) state.items.remove(removed)
    if (changed.length)
      state.items.update(changed.map((i) => toVisItem(i, state.events, state.corroboration)))
    const staleLanes = [...state.laneKeys.keys()].filter((id) => !laneKeys.has(id))
    if (staleLanes.length) state.groups.remove(staleLanes)
  }
  state.grouped = wantGroups
  state.keys = keys
  state.laneKeys = laneKeys
  state.lanesDrawn.set(view.lanes.length)
}

/** A number the pane's toolbar shows, set from outside React (vis-timeline's listeners). */
interface Counter {
  get(): number
  set(value: number): void
  subscribe(listener: () => void): () => void
}

function makeCounter(): Counter {
  let value = 0
  const listeners = new Set<() => void>()
  return {
    get: () => value,
    set(next) {
      if (next === value) return
      value = next
      for (const l of listeners) l()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/**
 * How many lanes are drawn, of all the grouping makes ("12 of 1,372 lanes"): lanes with no
 * event in or near the window are left out, and the analyst is told so.
 */
function LaneCount({ counter, total }: { counter: Counter; total: number }) {
  const drawn = useSyncExternalStore(counter.subscribe, counter.get)
  const all = drawn >= total
  return (
    <span
      data-testid="timeline-lanes"
      title={
        all
          ? undefined
          : 'Lanes with no event in this window or within its width either side are hidden: pan or zoom to bring them in.'
      }
    >
      {' '}
      · {all ? '' : `${drawn.toLocaleString('en')} of `}
      {total.toLocaleString('en')} lane{total === 1 ? '' : 's'}
    </span>
  )
}
