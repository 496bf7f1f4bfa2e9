/**
 * What the timeline pane draws, worked out without a DOM: the case's events turned into
 * timeline items (a point, or a range when the event lasts longer than a day), a faint
 * background band for every uncertain date (its earliest–latest span), the lanes of the
 * chosen grouping, the filters, and a sensible first window. The pane feeds the result to
 * vis-timeline; nothing here knows about vis-timeline, React or the store.
 *
 * Item ids: an event's item has the event's id (one item per event, whatever the grouping:
 * an event of several initiators sits in its first initiator's lane, the others named in its
 * label, so it is never drawn, counted or selected twice); a band is `band:<item id>`; an aggregate of
 * many events (see `viewForWindow`) is `agg:<lane>:<n>`. `eventIdOf` maps event items and
 * bands back to the event. Item text is plain text: the pane escapes it before vis-timeline
 * (which reads strings as HTML) sees it.
 *
 * Speed: vis-timeline's cost grows with the items it holds, not the items in view (10,000
 * items cost ~600 ms to hand over even when 300 are visible). So `buildTimeline` is plain
 * data work (no date formatting: tooltips are made only for the items handed over, by
 * `tooltipFor`), and `viewForWindow` picks what the pane hands over for a window: the
 * items in it plus a window's width either side, or — when the window holds more than
 * `maxItems` — one aggregate per lane and time bucket ("214 events"), like a histogram —
 * and, grouped, the lanes that hold them (`TimelineView.lanes`): vis-timeline's cost also
 * grows with the lanes it holds. `viewForWindow` finds the items near a window by a binary
 * search over their starts (`spanIndex`, made once per model), not by reading every item on
 * every pan. `buildTimeline` is two steps, `ungroupedTimeline` (filter,
 * items, sort) and `groupTimeline` (lanes), so that a new grouping reuses the first.
 */
import { familyOf, typeLabel, type EventFamily } from './event-types'
import { formatWhen } from './time/calendar'
import type { Credibility, EntityRecord, EventRecord, Reliability, TimeValue } from './types'

/** How the timeline's lanes are chosen. */
export type TimelineGroupBy = 'none' | 'initiator' | 'type' | 'document' | 'source'

/** Which events the timeline shows; an absent or empty field does not filter. */
export interface TimelineFilter {
  /** Events with any of these actors as initiator or target. */
  actorIds?: string[]
  /** Events of any of these types. */
  types?: string[]
  /** Events graded at least this credible (1 confirmed … 6 cannot be judged); ungraded fail. */
  minCredibility?: Credibility
  /** Events with evidence from a source graded at least this reliable (A … F). */
  minReliability?: Reliability
  /** Case-insensitive words found in the title, notes, type or the actors' names. */
  text?: string
}

/** What `buildTimeline` needs besides the events. */
export interface TimelineInput {
  groupBy: TimelineGroupBy
  filter: TimelineFilter
  /** The case's actors (and locations), by id. */
  entities: Map<string, Pick<EntityRecord, 'name'>>
  /** The case's annotations (evidence), by id: which document each is in. */
  evidence: Map<string, { docId: string }>
  /** The case's documents, by id. */
  documents: Map<string, { title: string; sourceId?: string }>
  /** The case's sources, by id. */
  sources: Map<string, { name: string; reliability: Reliability }>
  /**
   * Each event's computed corroboration (domain/corroboration.ts): an event with a
   * contradicting passage is flagged (`tl-contradicted`).
   */
  corroboration?: ReadonlyMap<string, TimelineCorroboration>
}

/** What the timeline shows of an event's corroboration. */
export interface TimelineCorroboration {
  /** "3 reports · 2 independent origins · B2, C3". */
  summary: string
  contradicting: { passageIds: readonly string[] }
}

/** One thing drawn on the timeline. `content` is plain text. */
export interface TimelineItem {
  id: string
  /** The event drawn ('' for an aggregate). */
  eventId: string
  content: string
  /** Milliseconds since the epoch. */
  start: number
  /** Exclusive end (ranges, bands and aggregates only). */
  end?: number
  type: 'point' | 'range' | 'background'
  /**
   * `tl-<family>` (cooperation, conflict, neutral), plus `tl-approximate`, plus
   * `tl-contradicted` when a passage contradicts the event; `tl-band` for an
   * uncertainty band; `tl-aggregate` for an aggregate.
   */
  className: string
  group?: string
  /** Aggregates only: how many events it stands for. */
  count?: number
}

/** One lane. `content` is plain text. */
export interface TimelineGroup {
  id: string
  content: string
  order: number
}

/** The timeline of a case, ready to draw. */
export interface TimelineModel {
  /** Event items first, then bands; each part by start (then id). */
  items: TimelineItem[]
  groups: TimelineGroup[]
  /** From the first start to the last end over all items, bands included; absent if none. */
  extent?: { start: number; end: number }
  /** Events that passed the filters but have no date, so are not drawn. */
  undated: number
  /** Events drawn (each once, however many lanes it appears in). */
  shown: number
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** A value longer than this is drawn as a range (a day plus a DST hour is still a point). */
const POINT_MAX_SPAN = DAY + HOUR
const BAND_PREFIX = 'band:'
const AGGREGATE_PREFIX = 'agg:'
/** The lane of events that have no initiator / evidence / source. */
const NONE_GROUP = '\u0000none'

/** The event id behind a timeline item id (an event item, a per-initiator copy or a band). */
export function eventIdOf(itemId: string | number): string {
  let id = String(itemId)
  if (id.startsWith(BAND_PREFIX)) id = id.slice(BAND_PREFIX.length)
  const at = id.indexOf('@')
  return at < 0 ? id : id.slice(0, at)
}

/** True when `itemId` names an uncertainty band rather than an event. */
export function isBandId(itemId: string | number): boolean {
  return String(itemId).startsWith(BAND_PREFIX)
}

/** True when `itemId` names an aggregate of many events rather than one. */
export function isAggregateId(itemId: string | number): boolean {
  return String(itemId).startsWith(AGGREGATE_PREFIX)
}

/** True when `itemId` names one event's item (not a band, not an aggregate). */
export function isEventItemId(itemId: string | number): boolean {
  return !isBandId(itemId) && !isAggregateId(itemId)
}

/**
 * The tooltip of an event's item: its title, its date in words (read in the zone it was
 * resolved in) and its type, then its corroboration when given ("2 reports · 2 independent
 * origins · B2"), and a warning when a passage contradicts it. Plain text.
 */
export function tooltipFor(event: EventRecord, corroboration?: TimelineCorroboration): string {
  const extra = corroboration
    ? `\n${corroboration.summary}${corroboration.contradicting.passageIds.length ? '\n⚠ Contradicted: see the inspector' : ''}`
    : ''
  if (!event.when) return event.title + extra
  const date = formatWhen(event.when)
  const kind = typeLabel(event.type)
  return `${event.title}\n${event.when.approximate ? `about ${date}` : date}${kind ? ` · ${kind}` : ''}${extra}`
}

const RELIABILITY_ORDER: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F']

function evidenceDocs(event: EventRecord, input: TimelineInput): string[] {
  const docs: string[] = []
  for (const annotationId of event.evidence) {
    const docId = input.evidence.get(annotationId)?.docId
    if (docId && !docs.includes(docId)) docs.push(docId)
  }
  return docs
}

function evidenceSources(event: EventRecord, input: TimelineInput): string[] {
  const out: string[] = []
  for (const docId of evidenceDocs(event, input)) {
    const sourceId = input.documents.get(docId)?.sourceId
    if (sourceId && input.sources.has(sourceId) && !out.includes(sourceId)) out.push(sourceId)
  }
  return out
}

/** A predicate for the filter; text is matched against title, notes, type and actor names. */
function matcher(input: TimelineInput): (event: EventRecord) => boolean {
  const { actorIds, types, minCredibility, minReliability, text } = input.filter
  const actors = actorIds?.length ? new Set(actorIds) : undefined
  const typeSet = types?.length ? new Set(types) : undefined
  const words = (text ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  const maxReliability = minReliability ? RELIABILITY_ORDER.indexOf(minReliability) : -1
  return (event) => {
    if (typeSet && !typeSet.has(event.type)) return false
    if (
      actors &&
      !event.initiators.some((a) => actors.has(a)) &&
      !event.targets.some((a) => actors.has(a))
    )
      return false
    if (minCredibility !== undefined && !(event.confidence && event.confidence <= minCredibility))
      return false
    if (maxReliability >= 0) {
      const grades = evidenceSources(event, input).map((s) =>
        RELIABILITY_ORDER.indexOf(input.sources.get(s)!.reliability),
      )
      if (!grades.some((g) => g <= maxReliability)) return false
    }
    if (words.length) {
      const names = [...event.initiators, ...event.targets].map(
        (id) => input.entities.get(id)?.name ?? '',
      )
      const haystack = [event.title, event.notes ?? '', event.type, typeLabel(event.type), ...names]
        .join('\n')
        .toLowerCase()
      if (!words.every((w) => haystack.includes(w))) return false
    }
    return true
  }
}

/** The case's actors among `event`'s initiators, once each, in the order the analyst gave. */
function knownInitiators(event: EventRecord, input: TimelineInput): string[] {
  const ids = event.initiators
  // Most events have one initiator: no Set for them (this runs twice an event, 50,000 times).
  if (ids.length === 1) return input.entities.has(ids[0]!) ? ids : []
  return [...new Set(ids)].filter((id) => input.entities.has(id))
}

/**
 * The lane an event goes in under `groupBy` (none when not grouped). By initiator, an event
 * of several goes in its first initiator's lane: one lane each would draw it twice, and a
 * lane of "several initiators" would hide it from every actor's own lane.
 */
function lanesOf(event: EventRecord, input: TimelineInput): string[] {
  switch (input.groupBy) {
    case 'none':
      return []
    case 'initiator':
      return [knownInitiators(event, input)[0] ?? NONE_GROUP]
    case 'type':
      return [event.type || NONE_GROUP]
    case 'document':
      // The first evidence's document: an event is drawn once, with its primary source text.
      return [evidenceDocs(event, input)[0] ?? NONE_GROUP]
    case 'source':
      return [evidenceSources(event, input)[0] ?? NONE_GROUP]
  }
}

const NONE_LABELS: Record<TimelineGroupBy, string> = {
  none: '',
  initiator: 'No initiator',
  type: 'No type',
  document: 'No evidence',
  source: 'No graded source',
}

function groupLabel(id: string, input: TimelineInput): string {
  if (id === NONE_GROUP) return NONE_LABELS[input.groupBy]
  switch (input.groupBy) {
    case 'initiator':
      return input.entities.get(id)?.name ?? id
    case 'type':
      return typeLabel(id)
    case 'document':
      return input.documents.get(id)?.title ?? id
    case 'source': {
      const s = input.sources.get(id)
      return s ? `${s.name} (${s.reliability})` : id
    }
    default:
      return id
  }
}

function familyClass(family: EventFamily): string {
  return `tl-${family}`
}

/** The span an uncertain date could lie in, when it is wider than the item drawn. */
function bandOf(when: TimeValue, start: number, end: number): { start: number; end: number } {
  const from = Math.min(when.earliest ?? start, start)
  const to = Math.max(when.latest ?? end, end)
  return { start: from, end: to }
}

/** Case-insensitive lane order; one collator (localeCompare with options makes one a call). */
const LANE_ORDER = new Intl.Collator('en', { sensitivity: 'base' })

/**
 * A case's events as timeline items before they are put in lanes: filtered, dated, in time
 * order. Regrouping starts from it (`groupTimeline`), so that changing the grouping neither
 * filters nor sorts the events again.
 */
export interface UngroupedTimeline {
  /** Event items by start (then id), then bands by start (then id); none has a `group`. */
  items: TimelineItem[]
  /** The event each of `items` draws, index for index. */
  events: EventRecord[]
  extent?: { start: number; end: number }
  undated: number
  shown: number
}

/**
 * Turns a case's events into timeline items and lanes (see the module comment). Events
 * without a date are left out and counted in `undated`. Items come sorted by start (then
 * id), so a caller can walk them in time order. The same as `groupTimeline` over
 * `ungroupedTimeline`.
 */
export function buildTimeline(events: readonly EventRecord[], input: TimelineInput): TimelineModel {
  return groupTimeline(ungroupedTimeline(events, input), input)
}

/** The first half of `buildTimeline`: the items of the events that pass the filter, no lanes. */
export function ungroupedTimeline(
  events: readonly EventRecord[],
  input: Omit<TimelineInput, 'groupBy'>,
): UngroupedTimeline {
  const keep = matcher({ ...input, groupBy: 'none' })
  // Parallel arrays, sorted through a permutation at the end: no wrapper object per event,
  // and a comparator that reads typed arrays (this runs over 50,000 events at first render).
  const drawn: TimelineItem[] = []
  const drawnEvents: EventRecord[] = []
  const bands: TimelineItem[] = []
  const bandEvents: EventRecord[] = []
  // The store hands events over in id order: then a tie on start is ordered by position alone.
  let idOrder = true
  let undated = 0
  let shown = 0
  let min = Infinity
  let max = -Infinity
  const classes = new Map<string, string>()
  for (const event of events) {
    if (!keep(event)) continue
    const when = event.when
    if (!when || !Number.isFinite(when.start)) {
      undated++
      continue
    }
    shown++
    const hasEnd = when.end !== undefined && when.end > when.start
    const isRange = hasEnd && when.end! - when.start > POINT_MAX_SPAN
    const end = hasEnd ? when.end! : when.start
    const contradicted = !!input.corroboration?.get(event.id)?.contradicting.passageIds.length
    const classKey = `${event.type}\u0000${when.approximate ? 1 : 0}${contradicted ? 1 : 0}`
    let className = classes.get(classKey)
    if (className === undefined) {
      className =
        familyClass(familyOf(event.type)) +
        (when.approximate ? ' tl-approximate' : '') +
        (contradicted ? ' tl-contradicted' : '')
      classes.set(classKey, className)
    }
    const band = bandOf(when, when.start, end)
    const uncertain = band.start < when.start || band.end > end
    if (band.start < min) min = band.start
    if (band.end > max) max = band.end
    const item: TimelineItem = {
      id: event.id,
      eventId: event.id,
      content: event.title,
      // A point that stands for a day (or an hour) sits in its middle, not at its start.
      start: isRange ? when.start : Math.round((when.start + end) / 2),
      type: isRange ? 'range' : 'point',
      className,
    }
    if (isRange) item.end = end
    const previous = drawn[drawn.length - 1]
    if (previous && !(previous.id < item.id)) idOrder = false
    drawn.push(item)
    drawnEvents.push(event)
    if (uncertain) {
      bands.push({
        id: BAND_PREFIX + event.id,
        eventId: event.id,
        content: '',
        start: band.start,
        end: band.end,
        type: 'background',
        className: 'tl-band',
      })
      bandEvents.push(event)
    }
  }
  const order = startOrder(drawn, idOrder)
  const orderBands = startOrder(bands, idOrder)
  const items = new Array<TimelineItem>(drawn.length + bands.length)
  const itemEvents = new Array<EventRecord>(items.length)
  for (let k = 0; k < order.length; k++) {
    items[k] = drawn[order[k]!]!
    itemEvents[k] = drawnEvents[order[k]!]!
  }
  for (let k = 0; k < orderBands.length; k++) {
    items[drawn.length + k] = bands[orderBands[k]!]!
    itemEvents[drawn.length + k] = bandEvents[orderBands[k]!]!
  }
  return {
    items,
    events: itemEvents,
    ...(shown ? { extent: { start: min, end: max } } : {}),
    undated,
    shown,
  }
}

/**
 * The order of `items` by start, then id: a permutation of their indices. `idOrder` says the
 * items are in id order already, so that a tie on start is settled by index (no string
 * comparison).
 */
function startOrder(items: readonly TimelineItem[], idOrder: boolean): Uint32Array {
  const n = items.length
  const starts = new Float64Array(n)
  const order = new Uint32Array(n)
  let sorted = true
  for (let i = 0; i < n; i++) {
    starts[i] = items[i]!.start
    order[i] = i
    if (i > 0 && starts[i]! < starts[i - 1]!) sorted = false
  }
  if (sorted && idOrder) return order
  if (idOrder) return order.sort((a, b) => starts[a]! - starts[b]! || a - b)
  return order.sort((a, b) => {
    const x = items[a]!.id
    const y = items[b]!.id
    return starts[a]! - starts[b]! || (x < y ? -1 : x > y ? 1 : 0)
  })
}

/**
 * The second half of `buildTimeline`: `base`'s items put in the lanes of `input.groupBy` (an
 * event and its band in one lane; by initiator, the other initiators named in its label), and
 * the lanes in order (by label, "No initiator" and the like last). Not grouped: `base`'s
 * items as they are.
 */
export function groupTimeline(base: UngroupedTimeline, input: TimelineInput): TimelineModel {
  const { extent, undated, shown } = base
  const common = { ...(extent ? { extent } : {}), undated, shown }
  if (input.groupBy === 'none') return { items: base.items, groups: [], ...common }
  const laneIds = new Set<string>()
  const items = base.items.map((item, i) => {
    const event = base.events[i]!
    const lane = lanesOf(event, input)[0] ?? NONE_GROUP
    laneIds.add(lane)
    if (input.groupBy !== 'initiator' || item.type === 'background') return { ...item, group: lane }
    // The other initiators are named in the label of the one item (see lanesOf).
    const others = knownInitiators(event, input)
      .slice(1)
      .map((a) => input.entities.get(a)!.name)
    const content = others.length ? `${event.title} (with ${others.join(', ')})` : event.title
    return { ...item, content, group: lane }
  })
  const groups = [...laneIds]
    .map((id) => ({ id, content: groupLabel(id, input), order: 0 }))
    .sort((a, b) => {
      if ((a.id === NONE_GROUP) !== (b.id === NONE_GROUP)) return a.id === NONE_GROUP ? 1 : -1
      return LANE_ORDER.compare(a.content, b.content)
    })
    .map((g, order) => ({ ...g, order }))
  return { items, groups, ...common }
}

/** A first window holds at most this many items unless they all share one instant. */
export const WINDOW_MAX_ITEMS = 250

/**
 * A sensible first window for `items` (bands are ignored): all of them (at least a day
 * wide) with 5% padding on the left and 20% on the right, for the labels of points; when there are more than `maxItems`, the densest run of
 * `maxItems` consecutive items, preferring the most recent of the runs at most twice as long
 * as the densest one (analysts mostly work on the latest events; the first render then draws
 * a few hundred items, not thousands). Undefined when there is nothing to show.
 */
export function windowForItems(
  items: Pick<TimelineItem, 'start' | 'end' | 'type'>[],
  maxItems = WINDOW_MAX_ITEMS,
): { start: number; end: number } | undefined {
  // Typed and sorted without a comparator: this runs over every event at first render.
  let count = 0
  for (const item of items) if (item.type !== 'background') count++
  if (!count) return undefined
  const starts = new Float64Array(count)
  let last = -Infinity
  let sorted = true
  count = 0
  for (const item of items) {
    if (item.type === 'background') continue
    if (count > 0 && item.start < starts[count - 1]!) sorted = false
    starts[count++] = item.start
    last = Math.max(last, item.end ?? item.start)
  }
  if (!sorted) starts.sort()
  let from: number
  let to: number
  if (starts.length <= maxItems) {
    from = starts[0]!
    to = last
  } else {
    const k = Math.max(1, maxItems)
    let best = Infinity
    for (let i = 0; i + k - 1 < starts.length; i++) {
      best = Math.min(best, starts[i + k - 1]! - starts[i]!)
    }
    let pick = 0
    for (let i = 0; i + k - 1 < starts.length; i++) {
      if (starts[i + k - 1]! - starts[i]! <= best * 2) pick = i
    }
    from = starts[pick]!
    to = starts[pick + k - 1]!
  }
  if (to - from < DAY * 0.9) {
    // Widen a short run around its middle to about a day.
    const grow = (DAY * 0.9 - (to - from)) / 2
    from -= grow
    to += grow
  }
  const span = to - from
  // 5% on the left, 20% on the right: a point's label runs to the right of its dot.
  return { start: Math.round(from - span * 0.05), end: Math.round(to + span * 0.2) }
}

/** What the pane hands to vis-timeline for one window (see `viewForWindow`). */
export interface TimelineView {
  /** Event items and bands, or aggregates (and lone events) when `aggregated`. */
  items: TimelineItem[]
  /** The span the items cover: the window plus its width on either side. */
  from: number
  to: number
  /** The width of the window the view was made for. */
  width: number
  /** True when many events are shown as per-bucket aggregates. */
  aggregated: boolean
  /** Event items (not bands) that overlap the window itself. */
  inWindow: number
  /**
   * The lanes to draw: those of the model's lanes (`TimelineModel.groups`, in their order)
   * that hold at least one of `items`, i.e. every lane with an event in the window or within
   * a window's width of it. Empty when the model is not grouped. A lane with no event near
   * the window is left out: vis-timeline lays out every lane it is given, drawn or not.
   */
  lanes: TimelineGroup[]
}

/** Options of `viewForWindow`. */
export interface ViewOptions {
  /** Above this many event items in the window, aggregate (default 1,000). */
  maxItems?: number
  /** Buckets per window width when aggregating (default 60). */
  buckets?: number
  /**
   * Whether the current view is aggregated: leaving aggregation then needs the window to
   * hold fewer than 80% of `maxItems`, so that a pan along the threshold does not flip it.
   */
  wasAggregated?: boolean
}

/** Default of `ViewOptions.maxItems`: the issue's "beyond ~1,000 visible items". */
export const VIEW_MAX_ITEMS = 1000

const overlaps = (item: TimelineItem, from: number, to: number) =>
  item.start <= to && (item.end ?? item.start) >= from

/**
 * The part of `model` to hand to vis-timeline for `window`: every item (and band) that
 * overlaps the window or a window's width either side of it, so that a pan of up to a
 * window's width needs nothing new. When more than `maxItems` event items overlap the
 * window itself (or more than three times that the whole span), events are summed per
 * lane into buckets of 1/`buckets` of the window's
 * width, aligned to the epoch so that a pan keeps them in place; a bucket of one event
 * shows the event itself, and bands are left out (they would cover everything).
 */
export function viewForWindow(
  model: TimelineModel,
  window: { start: number; end: number },
  options: ViewOptions = {},
): TimelineView {
  const maxItems = options.maxItems ?? VIEW_MAX_ITEMS
  const width = Math.max(1, window.end - window.start)
  const from = window.start - width
  const to = window.end + width
  let inWindow = 0
  let nearEvents = 0
  const near: TimelineItem[] = []
  const index = spanIndex(model)
  for (const part of index.parts) {
    // Only the items whose start lies between `from` less the longest item and `to`.
    const items = model.items
    for (let k = firstAtOrAfter(part, from - part.longest); k < part.end; k++) {
      const item = items[k]!
      if (item.start > to) break
      if (!overlaps(item, from, to)) continue
      near.push(item)
      if (item.type === 'background') continue
      nearEvents++
      if (overlaps(item, window.start, window.end)) inWindow++
    }
  }
  // Too many in the window — or beside it (a burst just off screen would be handed over
  // whole): aggregate. Leaving aggregation takes 20% fewer, so a pan does not flip it.
  const slack = options.wasAggregated ? 0.8 : 1
  const aggregated = inWindow > maxItems * slack || nearEvents > 3 * maxItems * slack
  if (!aggregated) {
    return { items: near, from, to, width, aggregated, inWindow, lanes: lanesHolding(model, near) }
  }

  const bucket = width / (options.buckets ?? 60)
  const buckets = new Map<string, TimelineItem[]>()
  for (const item of near) {
    if (item.type === 'background') continue
    const key = `${item.group ?? ''}:${Math.floor(item.start / bucket)}`
    const list = buckets.get(key)
    if (list) list.push(item)
    else buckets.set(key, [item])
  }
  const items: TimelineItem[] = []
  for (const [key, list] of buckets) {
    if (list.length === 1) {
      items.push(list[0]!)
      continue
    }
    const index = Number(key.slice(key.lastIndexOf(':') + 1))
    const agg: TimelineItem = {
      id: AGGREGATE_PREFIX + key,
      eventId: '',
      content: `${list.length.toLocaleString('en')} events`,
      start: Math.round(index * bucket),
      end: Math.round((index + 1) * bucket),
      type: 'range',
      className: 'tl-aggregate',
      count: list.length,
    }
    if (list[0]!.group !== undefined) agg.group = list[0]!.group
    items.push(agg)
  }
  items.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { items, from, to, width, aggregated, inWindow, lanes: lanesHolding(model, items) }
}

/**
 * A run of `TimelineModel.items`, [start, end), in order of start, with each item's start
 * (`starts`) and the longest item's length: the items that overlap a span all start in it or
 * at most `longest` before it.
 */
interface SpanPart {
  start: number
  end: number
  starts: Float64Array
  longest: number
}

/** How a model's items are searched by time (see `spanIndex`). */
interface SpanIndex {
  parts: SpanPart[]
}

const spanIndexes = new WeakMap<TimelineModel, SpanIndex>()

/**
 * The model's items as runs sorted by start (the event items, then the bands, as the model
 * orders them; any other order is split where a start goes back), made once per model, so
 * that `viewForWindow` reads only the items near a window, not all of them, on every pan.
 */
function spanIndex(model: TimelineModel): SpanIndex {
  const known = spanIndexes.get(model)
  if (known) return known
  const items = model.items
  const parts: SpanPart[] = []
  let begin = 0
  let longest = 0
  const close = (end: number) => {
    if (end <= begin) return
    const starts = new Float64Array(end - begin)
    for (let k = begin; k < end; k++) starts[k - begin] = items[k]!.start
    parts.push({ start: begin, end, starts, longest })
  }
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!
    if (k > begin && item.start < items[k - 1]!.start) {
      close(k)
      begin = k
      longest = 0
    }
    longest = Math.max(longest, (item.end ?? item.start) - item.start)
  }
  close(items.length)
  const index = { parts }
  spanIndexes.set(model, index)
  return index
}

/** The index in `model.items` of `part`'s first item that starts at or after `at`. */
function firstAtOrAfter(part: SpanPart, at: number): number {
  let lo = 0
  let hi = part.starts.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (part.starts[mid]! < at) lo = mid + 1
    else hi = mid
  }
  return part.start + lo
}

/** The lanes of `model` that hold one of `items`, in the model's lane order. */
function lanesHolding(model: TimelineModel, items: readonly TimelineItem[]): TimelineGroup[] {
  if (!model.groups.length) return []
  const used = new Set<string>()
  for (const item of items) if (item.group !== undefined) used.add(item.group)
  return model.groups.filter((g) => used.has(g.id))
}

/**
 * True when `window` has moved or zoomed far enough from the one `view` was made for that
 * the view must be made again: its centre has left the middle third of the covered span,
 * or its width changed by more than a quarter (aggregate buckets follow the width).
 */
export function viewIsStale(view: TimelineView, window: { start: number; end: number }): boolean {
  const width = window.end - window.start
  const ratio = width / view.width
  if (ratio > 1.25 || ratio < 0.8) return true
  const centre = (window.start + window.end) / 2
  const viewCentre = (view.from + view.to) / 2
  return Math.abs(centre - viewCentre) > view.width / 2
}
