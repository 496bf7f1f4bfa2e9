/**
 * What the actor relationship panel draws, worked out without a DOM: a case's actors as
 * nodes and "who did what to whom" as edges. Events are aggregated into one directed edge
 * per (initiator, target, event type) — a graph with an edge per event turns into a hairball
 * after a few dozen events, and the analyst's question is "how often, how sure, since when",
 * which the aggregate answers. Relations (standing ties such as "ally of") are one edge each.
 * The filters, the best grades and the time window are applied here, so the panel only feeds
 * the result to a drawing library; nothing here knows about that library, React or the store.
 *
 * Edge ids are stable across rebuilds (the drawing keeps its layout when a filter changes):
 * `ev:<from>><to>:<type>` for events, `rel:<relationId>` for relations and
 * `at:<actor>><location>` for "where" edges. Entity ids never contain `>` or `:`, so the
 * ids cannot collide even when a custom type does. Labels are plain text for the panel to
 * escape. The output order is deterministic: nodes by label, edges by id.
 */
import { familyOf, typeLabel, type EventFamily } from './event-types'
import { formatDay } from './format'
import type {
  Credibility,
  EntityKind,
  EntityRecord,
  EventRecord,
  RelationRecord,
  Reliability,
  TimeValue,
} from './types'

/** One standard relation type: its id (stored in `RelationRecord.type`), wording and family. */
export interface RelationType {
  id: string
  /** Reads between the two names: "Iran *ally of* Russia". */
  label: string
  family: EventFamily
  /** Whether a new relation of this type points from one actor to the other. */
  directed: boolean
}

/**
 * The standard relation types. A case may use its own; those count as neutral and directed
 * (see `relationFamily`, `relationDirectedByDefault`).
 */
export const RELATION_TYPES: readonly RelationType[] = [
  { id: 'ally', label: 'ally of', family: 'cooperation', directed: false },
  { id: 'rival', label: 'rival of', family: 'conflict', directed: false },
  { id: 'member', label: 'member of', family: 'neutral', directed: true },
  { id: 'leader', label: 'leader of', family: 'neutral', directed: true },
  { id: 'supports', label: 'supports', family: 'cooperation', directed: true },
  { id: 'negotiates', label: 'negotiates with', family: 'cooperation', directed: false },
]

function relationType(type: string): RelationType | undefined {
  return RELATION_TYPES.find((t) => t.id === type)
}

/** The wording of a relation type id (custom types show as typed). */
export function relationTypeLabel(type: string): string {
  return relationType(type)?.label ?? type
}

/** The family of a relation type id (custom types are neutral). */
export function relationFamily(type: string): EventFamily {
  return relationType(type)?.family ?? 'neutral'
}

/**
 * Whether a new relation of this type should start out directed. Custom types are directed:
 * the analyst typed them between a "from" and a "to", so keeping that order loses nothing,
 * and the form lets them untick it.
 */
export function relationDirectedByDefault(type: string): boolean {
  return relationType(type)?.directed ?? true
}

/**
 * Which events and relations the graph shows; an absent or empty field does not filter.
 *
 * - `types` holds event type ids and relation type ids alike: a relation passes when its type
 *   is in the list, so choosing only event types hides every relation (and vice versa).
 * - `family` applies to events and relations.
 * - `minCredibility` applies to events only (ungraded events fail, as on the timeline):
 *   relations carry no credibility grade.
 * - `minReliability` applies to events (they need evidence from a source graded at least this
 *   well) and to relations whose evidence comes from at least one graded source; a relation
 *   without a graded source stays. Relations are standing judgements often recorded without
 *   a passage, and hiding all of them whenever a grade filter is on would empty the graph's
 *   structure.
 * - `window` keeps events whose date overlaps it (see `overlapsWindow`); undated events are
 *   left out, since nothing says they belong in the window. Relations without a date are
 *   timeless ties and always stay; dated ones must overlap.
 */
export interface GraphFilter {
  types?: string[]
  family?: EventFamily | EventFamily[]
  /** 1 confirmed … 6 cannot be judged: events graded this credible or better. */
  minCredibility?: Credibility
  /** A completely reliable … F cannot be judged: evidence from a source this good or better. */
  minReliability?: Reliability
  /** Leave out nodes that have no edge once the filters are applied. */
  hideIsolated?: boolean
  /** Draw locations as nodes, each tied to the actors of the events that happened there. */
  includeLocations?: boolean
  /** Milliseconds since the epoch, both ends inclusive. */
  window?: { start: number; end: number }
}

/** What `buildGraph` needs: the case's records and lookups by id. */
export interface GraphInput {
  events: EventRecord[]
  relations: RelationRecord[]
  /** The case's actors and locations, by id. */
  entities: Map<string, Pick<EntityRecord, 'name' | 'kind'>>
  /** The case's annotations (evidence), by id: which document each is in. */
  evidence: Map<string, { docId: string }>
  /** The case's documents, by id. */
  documents: Map<string, { sourceId?: string }>
  /** The case's sources, by id. */
  sources: Map<string, { reliability: Reliability }>
  filter: GraphFilter
}

/** One actor (or, with `includeLocations`, location). `label` is plain text. */
export interface GraphNode {
  id: string
  label: string
  kind: EntityKind
  /**
   * Events that pass the filters with this entity as initiator or target — or, with
   * `includeLocations`, as the place — each counted once.
   */
  eventCount: number
}

/** One line of the graph. `label` is plain text. */
export interface GraphEdge {
  id: string
  from: string
  to: string
  /** `location` edges tie an actor to where its events happened (undirected, neutral). */
  kind: 'event' | 'relation' | 'location'
  /** The event type id, the relation type id, or `at`. */
  type: string
  family: EventFamily
  directed: boolean
  /** How many events (or relations: always 1) the edge stands for. */
  count: number
  /** The events aggregated, oldest first (undated last); empty for relation edges. */
  eventIds: string[]
  /** The relation drawn; empty for event and location edges. */
  relationIds: string[]
  /** From the earliest start to the latest end over the dated records; absent if none. */
  span?: { start: number; end: number }
  /** The best (lowest) credibility among the events. */
  bestCredibility?: Credibility
  /** The best reliability among the sources of the evidence. */
  bestReliability?: Reliability
  /** The type's wording, with `×n` when the edge stands for more than one event. */
  label: string
}

/** Counts the panel needs to explain an empty or thin graph. */
export interface GraphCounts {
  /** Events that passed the filters. */
  events: number
  /** Events the filters left out (the window included). */
  hiddenEvents: number
  /** Of those, events left out only because they have no date while a window is set. */
  undatedHidden: number
  /** Events that passed but drew no edge (no target, or only themselves as target). */
  undrawnEvents: number
  /** Relations drawn. */
  relations: number
  /** Relations the filters (or a missing or hidden end) left out. */
  hiddenRelations: number
  /** Nodes left out by `hideIsolated`. */
  hiddenIsolated: number
}

/** The graph of a case, ready to draw. */
export interface GraphModel {
  /** Sorted by label (case-insensitive), then id. */
  nodes: GraphNode[]
  /** Sorted by id. */
  edges: GraphEdge[]
  counts: GraphCounts
}

/** Case-insensitive label order; one collator (localeCompare makes one per call: slow). */
const LABEL_ORDER = new Intl.Collator('en', { sensitivity: 'base' })

const RELIABILITY_ORDER: readonly Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F']

/** The end of a time value, which is its start for a point in time. */
function endOf(when: TimeValue): number {
  return when.end ?? when.start
}

/**
 * Whether `when` overlaps `window` (both window ends inclusive). The value's drawn span is
 * used — `start` to `end`, as the timeline draws it — and not its uncertainty band
 * (`earliest`–`latest`): the window usually comes from the timeline's visible range, and the
 * graph should show the events the analyst sees there, not ones that merely might fall in
 * it. An `end` past `start` is exclusive (a day is [midnight, next midnight)), so a day
 * ending where the window starts does not count.
 */
export function overlapsWindow(when: TimeValue, window: { start: number; end: number }): boolean {
  const end = endOf(when)
  if (when.start > window.end) return false
  return end > when.start ? end > window.start : when.start >= window.start
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The grades of the distinct graded sources behind `annotationIds`. */
function reliabilities(annotationIds: string[], input: GraphInput): Reliability[] {
  const seen = new Set<string>()
  const out: Reliability[] = []
  for (const annotationId of annotationIds) {
    const docId = input.evidence.get(annotationId)?.docId
    const sourceId = docId ? input.documents.get(docId)?.sourceId : undefined
    const source = sourceId ? input.sources.get(sourceId) : undefined
    if (!sourceId || !source || seen.has(sourceId)) continue
    seen.add(sourceId)
    out.push(source.reliability)
  }
  return out
}

function bestReliability(grades: Reliability[]): Reliability | undefined {
  let best: number | undefined
  for (const g of grades) {
    const i = RELIABILITY_ORDER.indexOf(g)
    if (best === undefined || i < best) best = i
  }
  return best === undefined ? undefined : RELIABILITY_ORDER[best]
}

function spanOf(whens: (TimeValue | undefined)[]): { start: number; end: number } | undefined {
  let start = Infinity
  let end = -Infinity
  for (const w of whens) {
    if (!w || !Number.isFinite(w.start)) continue
    start = Math.min(start, w.start)
    end = Math.max(end, endOf(w))
  }
  return start === Infinity ? undefined : { start, end }
}

/** Accumulates the events of one aggregated edge. */
interface Bucket {
  id: string
  from: string
  to: string
  kind: 'event' | 'location'
  type: string
  events: EventRecord[]
}

function byTime(a: EventRecord, b: EventRecord): number {
  const sa = a.when?.start ?? Infinity
  const sb = b.when?.start ?? Infinity
  if (sa !== sb) return sa < sb ? -1 : 1
  return compareIds(a.id, b.id)
}

function eventEdge(bucket: Bucket, input: GraphInput): GraphEdge {
  const events = [...bucket.events].sort(byTime)
  const isEvent = bucket.kind === 'event'
  const count = events.length
  const edge: GraphEdge = {
    id: bucket.id,
    from: bucket.from,
    to: bucket.to,
    kind: bucket.kind,
    type: bucket.type,
    family: isEvent ? familyOf(bucket.type) : 'neutral',
    directed: isEvent,
    count,
    eventIds: events.map((e) => e.id),
    relationIds: [],
    label: (isEvent ? typeLabel(bucket.type) : 'at') + (count > 1 ? ` ×${count}` : ''),
  }
  const span = spanOf(events.map((e) => e.when))
  if (span) edge.span = span
  const credibility = events
    .map((e) => e.confidence)
    .filter((c): c is Credibility => c !== undefined)
  if (credibility.length) edge.bestCredibility = Math.min(...credibility) as Credibility
  const reliability = bestReliability(events.flatMap((e) => reliabilities(e.evidence, input)))
  if (reliability) edge.bestReliability = reliability
  return edge
}

/**
 * Builds the graph of a case: nodes for its actors (and locations when asked), one edge per
 * (initiator, target, event type) over the events that pass the filter, one per relation
 * that passes (see `GraphFilter` for how each filter treats events and relations). Pairs
 * whose two ends are the same actor are skipped, as are ends that are not nodes (unknown
 * ids, or locations while `includeLocations` is off).
 */
export function buildGraph(input: GraphInput): GraphModel {
  const f = input.filter
  const typeSet = f.types?.length ? new Set(f.types) : undefined
  const familyList = f.family === undefined ? [] : Array.isArray(f.family) ? f.family : [f.family]
  const families = familyList.length ? new Set<EventFamily>(familyList) : undefined
  const maxReliability = f.minReliability ? RELIABILITY_ORDER.indexOf(f.minReliability) : -1
  const withLocations = f.includeLocations === true
  const isNode = (id: string | undefined): id is string => {
    const e = id === undefined ? undefined : input.entities.get(id)
    return !!e && (e.kind !== 'location' || withLocations)
  }
  const reliableEnough = (grades: Reliability[]) =>
    grades.some((g) => RELIABILITY_ORDER.indexOf(g) <= maxReliability)

  const counts: GraphCounts = {
    events: 0,
    hiddenEvents: 0,
    undatedHidden: 0,
    undrawnEvents: 0,
    relations: 0,
    hiddenRelations: 0,
    hiddenIsolated: 0,
  }
  const eventCount = new Map<string, number>()
  const buckets = new Map<string, Bucket>()
  const addTo = (bucket: Omit<Bucket, 'events'>, event: EventRecord) => {
    const b = buckets.get(bucket.id)
    if (b) b.events.push(event)
    else buckets.set(bucket.id, { ...bucket, events: [event] })
  }

  for (const event of input.events) {
    const passes =
      (!typeSet || typeSet.has(event.type)) &&
      (!families || families.has(familyOf(event.type))) &&
      (f.minCredibility === undefined ||
        (event.confidence !== undefined && event.confidence <= f.minCredibility)) &&
      (maxReliability < 0 || reliableEnough(reliabilities(event.evidence, input)))
    if (!passes) {
      counts.hiddenEvents++
      continue
    }
    if (f.window) {
      if (!event.when || !Number.isFinite(event.when.start)) {
        counts.hiddenEvents++
        counts.undatedHidden++
        continue
      }
      if (!overlapsWindow(event.when, f.window)) {
        counts.hiddenEvents++
        continue
      }
    }
    counts.events++
    const initiators = [...new Set(event.initiators)].filter(isNode)
    const targets = [...new Set(event.targets)].filter(isNode)
    const place = withLocations && isNode(event.locationId) ? event.locationId : undefined
    const involved = new Set([...initiators, ...targets])
    if (place) involved.add(place)
    for (const id of involved) eventCount.set(id, (eventCount.get(id) ?? 0) + 1)
    let drawn = false
    for (const from of initiators) {
      for (const to of targets) {
        if (from === to) continue
        addTo(
          { id: `ev:${from}>${to}:${event.type}`, from, to, kind: 'event', type: event.type },
          event,
        )
        drawn = true
      }
    }
    if (place) {
      for (const actor of new Set([...initiators, ...targets])) {
        if (actor === place) continue
        addTo(
          { id: `at:${actor}>${place}`, from: actor, to: place, kind: 'location', type: 'at' },
          event,
        )
        drawn = true
      }
    }
    if (!drawn) counts.undrawnEvents++
  }

  const edges = [...buckets.values()].map((b) => eventEdge(b, input))

  for (const relation of input.relations) {
    const family = relationFamily(relation.type)
    const grades = reliabilities(relation.evidence, input)
    const passes =
      (!typeSet || typeSet.has(relation.type)) &&
      (!families || families.has(family)) &&
      (maxReliability < 0 || !grades.length || reliableEnough(grades)) &&
      (!f.window || !relation.when || overlapsWindow(relation.when, f.window)) &&
      relation.from !== relation.to &&
      isNode(relation.from) &&
      isNode(relation.to)
    if (!passes) {
      counts.hiddenRelations++
      continue
    }
    counts.relations++
    const edge: GraphEdge = {
      id: `rel:${relation.id}`,
      from: relation.from,
      to: relation.to,
      kind: 'relation',
      type: relation.type,
      family,
      directed: relation.directed,
      count: 1,
      eventIds: [],
      relationIds: [relation.id],
      label: relationTypeLabel(relation.type),
    }
    const span = spanOf([relation.when])
    if (span) edge.span = span
    const reliability = bestReliability(grades)
    if (reliability) edge.bestReliability = reliability
    edges.push(edge)
  }
  edges.sort((a, b) => compareIds(a.id, b.id))

  const linked = new Set(edges.flatMap((e) => [e.from, e.to]))
  const nodes: GraphNode[] = []
  for (const [id, entity] of input.entities) {
    if (!isNode(id)) continue
    if (f.hideIsolated && !linked.has(id)) {
      counts.hiddenIsolated++
      continue
    }
    nodes.push({ id, label: entity.name, kind: entity.kind, eventCount: eventCount.get(id) ?? 0 })
  }
  nodes.sort((a, b) => LABEL_ORDER.compare(a.label, b.label) || compareIds(a.id, b.id))
  return { nodes, edges, counts }
}

/** The last calendar day a span covers: an exclusive midnight end belongs to the day before. */
function lastDay(span: { start: number; end: number }): number {
  return span.end > span.start ? span.end - 1 : span.start
}

/**
 * A plain-text tooltip for an edge, one fact a line: the two ends, the type with its count,
 * the dates (UTC days) and the best grades, e.g. "Iran → United States", "Assault / strike ×2",
 * "Sat 21 Jun 2025 – Mon 23 Jun 2025", "Best source: B", "Best credibility: 2".
 */
export function edgeSummary(
  edge: GraphEdge,
  entities: Map<string, Pick<EntityRecord, 'name'>>,
): string {
  const name = (id: string) => entities.get(id)?.name ?? id
  const lines = [`${name(edge.from)} ${edge.directed ? '→' : '↔'} ${name(edge.to)}`, edge.label]
  if (edge.span) {
    const first = formatDay(edge.span.start)
    const last = formatDay(lastDay(edge.span))
    lines.push(first === last ? first : `${first} – ${last}`)
  }
  // Two lines, not one Admiralty code: the best source and the best credibility may belong
  // to different events, and "B2" would claim they go together.
  if (edge.bestReliability) lines.push(`Best source: ${edge.bestReliability}`)
  if (edge.bestCredibility) lines.push(`Best credibility: ${edge.bestCredibility}`)
  return lines.join('\n')
}
