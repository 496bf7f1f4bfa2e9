/**
 * What the timeline pane draws, worked out without a DOM: the case's events turned into
 * timeline items (a point, or a range when the event lasts longer than a day), a faint
 * background band for every uncertain date (its earliest–latest span), the lanes of the
 * chosen grouping, the filters, and a sensible first window. The pane feeds the result to
 * vis-timeline; nothing here knows about vis-timeline, React or the store.
 *
 * Item ids: an event's item has the event's id; with grouping by initiator an event appears
 * once per initiator as `<eventId>@<actorId>`; a band is `band:<item id>`. `eventIdOf` maps
 * any of them back to the event. Item text is plain text: the pane escapes it before
 * vis-timeline (which reads strings as HTML) sees it.
 */
import { familyOf, typeLabel, type EventFamily } from './event-types'
import { formatTimeValue } from './time/calendar'
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
  /** The IANA zone dates are read in for labels (see time/resolve.ts); default 'UTC'. */
  zone?: string
}

/** One thing drawn on the timeline. `content` and `title` are plain text. */
export interface TimelineItem {
  id: string
  eventId: string
  content: string
  /** The tooltip: title, date and type. */
  title: string
  /** Milliseconds since the epoch. */
  start: number
  /** Exclusive end (ranges and bands only). */
  end?: number
  type: 'point' | 'range' | 'background'
  /** `tl-<family>` (cooperation, conflict, neutral), plus `tl-approximate`, or `tl-band`. */
  className: string
  group?: string
}

/** One lane. `content` is plain text. */
export interface TimelineGroup {
  id: string
  content: string
  order: number
}

/** The timeline of a case, ready to draw. */
export interface TimelineModel {
  /** Event items first (by start), then bands. */
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

/** The lanes an event goes in under `groupBy` (one lane, or one per initiator). */
function lanesOf(event: EventRecord, input: TimelineInput): string[] {
  switch (input.groupBy) {
    case 'none':
      return []
    case 'initiator': {
      const known = [...new Set(event.initiators)].filter((id) => input.entities.has(id))
      return known.length ? known : [NONE_GROUP]
    }
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

/**
 * Turns a case's events into timeline items and lanes (see the module comment). Events
 * without a date are left out and counted in `undated`. Items come sorted by start (then
 * id), so a caller can walk them in time order.
 */
export function buildTimeline(events: EventRecord[], input: TimelineInput): TimelineModel {
  const zone = input.zone ?? 'UTC'
  const keep = matcher(input)
  const items: TimelineItem[] = []
  const bands: TimelineItem[] = []
  const laneIds = new Set<string>()
  let undated = 0
  let shown = 0
  let min = Infinity
  let max = -Infinity
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
    const date = formatTimeValue(when, zone)
    const kind = typeLabel(event.type)
    const title = `${event.title}\n${when.approximate ? `about ${date}` : date}${kind ? ` · ${kind}` : ''}`
    const className =
      familyClass(familyOf(event.type)) + (when.approximate ? ' tl-approximate' : '')
    const band = bandOf(when, when.start, end)
    const uncertain = band.start < when.start || band.end > end
    min = Math.min(min, band.start)
    max = Math.max(max, band.end)
    const lanes = lanesOf(event, input)
    for (const lane of lanes.length ? lanes : [undefined]) {
      const id =
        input.groupBy === 'initiator'
          ? `${event.id}@${lane === NONE_GROUP ? 'none' : lane}`
          : event.id
      if (lane !== undefined) laneIds.add(lane)
      const item: TimelineItem = {
        id,
        eventId: event.id,
        content: event.title,
        title,
        start: when.start,
        type: isRange ? 'range' : 'point',
        className,
      }
      if (isRange) item.end = end
      if (lane !== undefined) item.group = lane
      items.push(item)
      if (uncertain) {
        const b: TimelineItem = {
          id: BAND_PREFIX + id,
          eventId: event.id,
          content: '',
          title: `${event.title}\nsomewhere in this span`,
          start: band.start,
          end: band.end,
          type: 'background',
          className: 'tl-band',
        }
        if (lane !== undefined) b.group = lane
        bands.push(b)
      }
    }
  }
  items.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const groups = [...laneIds]
    .map((id) => ({ id, content: groupLabel(id, input), order: 0 }))
    .sort((a, b) => {
      if ((a.id === NONE_GROUP) !== (b.id === NONE_GROUP)) return a.id === NONE_GROUP ? 1 : -1
      return a.content.localeCompare(b.content, 'en', { sensitivity: 'base' })
    })
    .map((g, order) => ({ ...g, order }))
  return {
    items: items.concat(bands),
    groups,
    ...(shown ? { extent: { start: min, end: max } } : {}),
    undated,
    shown,
  }
}

/** A first window holds at most this many items unless they all share one instant. */
export const WINDOW_MAX_ITEMS = 500

/**
 * A sensible first window for `items` (bands are ignored): all of them with 5% padding on
 * each side (at least a day wide); when there are more than `maxItems`, the densest run of
 * `maxItems` consecutive items, preferring the most recent of the runs at most twice as long
 * as the densest one (analysts mostly work on the latest events; the first render then draws
 * a few hundred items, not thousands). Undefined when there is nothing to show.
 */
export function windowForItems(
  items: Pick<TimelineItem, 'start' | 'end' | 'type'>[],
  maxItems = WINDOW_MAX_ITEMS,
): { start: number; end: number } | undefined {
  const events = items.filter((i) => i.type !== 'background')
  if (!events.length) return undefined
  const starts = events.map((i) => i.start).sort((a, b) => a - b)
  const endAt = (i: (typeof events)[number]) => i.end ?? i.start
  let from: number
  let to: number
  if (starts.length <= maxItems) {
    from = starts[0]!
    to = Math.max(...events.map(endAt))
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
  const span = Math.max(to - from, DAY * 0.9)
  const pad = span * 0.05
  const middle = (from + to) / 2
  const half = span / 2 + pad
  return { start: Math.round(middle - half), end: Math.round(middle + half) }
}

/** How many of `starts` (sorted ascending) lie in [start, end]: binary search, O(log n). */
export function countInWindow(starts: number[], start: number, end: number): number {
  const lowerBound = (x: number, strict: boolean) => {
    let lo = 0
    let hi = starts.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (strict ? starts[mid]! <= x : starts[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  return Math.max(0, lowerBound(end, true) - lowerBound(start, false))
}
