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
import { eventPlaceIds } from './event-places'

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

/** What the graph reads of an event (whole records have it too). */
export type GraphEventInput = Pick<
  EventRecord,
  | 'id'
  | 'caseId'
  | 'type'
  | 'initiators'
  | 'targets'
  | 'locationIds'
  | 'locationId'
  | 'when'
  | 'evidence'
  | 'stances'
  | 'confidence'
>

/** What `buildGraph` needs: the case's records and lookups by id. */
export interface GraphInput {
  /** The events: whole records, or the graph's view of them (db/graph-ties.ts `GraphEvent`). */
  events: readonly GraphEventInput[]
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
function reliabilities(
  annotationIds: string[],
  input: Pick<GraphInput, 'evidence' | 'documents' | 'sources'>,
): Reliability[] {
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

/** Stands for "no graded source" where grades are compared by index (worse than any). */
const NO_GRADE = RELIABILITY_ORDER.length

/** The index in `RELIABILITY_ORDER` of the best of `grades`; `NO_GRADE` when there is none. */
function bestIndex(grades: Reliability[]): number {
  let best = NO_GRADE
  for (const g of grades) best = Math.min(best, RELIABILITY_ORDER.indexOf(g))
  return best
}

function bestReliability(grades: Reliability[]): Reliability | undefined {
  return RELIABILITY_ORDER[bestIndex(grades)]
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

function byTime(a: GraphEventInput, b: GraphEventInput): number {
  const sa = a.when?.start ?? Infinity
  const sb = b.when?.start ?? Infinity
  if (sa !== sb) return sa < sb ? -1 : 1
  return compareIds(a.id, b.id)
}

/** One possible aggregated edge: an (initiator, target, type) or (actor, place) pair. */
interface PreparedBucket {
  id: string
  from: string
  to: string
  kind: 'event' | 'location'
  type: string
  family: EventFamily
  /** The type's wording (without the count). */
  label: string
  /**
   * Indices into `PreparedParts.events`, oldest first (undated last), ties by id, while the
   * parts are made; then `PACKED`, the indices being in `PreparedParts.bucketEvents`.
   */
  events: number[]
}

/** A bucket's `events` once packed into `PreparedParts.bucketEvents` (see `partsFor`). */
const PACKED: number[] = Object.freeze([]) as unknown as number[]

/**
 * The `relationIds` of every edge of events, and the `eventIds` of every relation's: one
 * frozen empty list, not one made for each of a big case's 48,000 ties (and again for those
 * a filter or window keeps in part, on every change).
 */
const NO_IDS: string[] = Object.freeze([]) as unknown as string[]

/**
 * What a filter or window change reads of every event, as typed arrays (one slot per event,
 * in `PreparedParts.events` order): a change walks 50,000 events, and reading flat arrays is
 * several times faster than following each record's fields.
 */
interface EventColumns {
  /** Index into `typeIds`. */
  type: Uint16Array
  typeIds: string[]
  /** Index into `familyIds`. */
  family: Uint8Array
  familyIds: EventFamily[]
  /** The credibility grade, 0 for none. */
  confidence: Uint8Array
  /** 1 when the event has a finite start. */
  dated: Uint8Array
  /** Its start and end (`endOf`), when dated. */
  start: Float64Array
  end: Float64Array
  /** 1 when it draws an edge. */
  drawn: Uint8Array
  /** Each event's nodes (indices into `PreparedParts.nodes`): those of event i are at [at[i], at[i + 1]). */
  involvedAt: Uint32Array
  involved: Uint32Array
}

/** What `prepareGraph` works out for one setting of `includeLocations`. */
interface PreparedParts {
  /** The input's events (an edge's and a column's event indices are into these). */
  events: readonly GraphEventInput[]
  /** Sorted by id. */
  buckets: PreparedBucket[]
  /** The nodes, sorted by label (case-insensitive), then id. */
  nodes: { id: string; label: string; kind: EntityKind }[]
  columns: EventColumns
  /** Each bucket's `events`, bucket by bucket: those of bucket b are at [at[b], at[b + 1]). */
  bucketAt: Uint32Array
  bucketEvents: Uint32Array
}

/** What depends on the grade lookups (evidence, documents, sources) too, per parts. */
interface GradedParts {
  /** Per event, the index in `RELIABILITY_ORDER` of its evidence's best source grade. */
  grades: Uint8Array
  /**
   * Per bucket, the edge over all of its events, made when first needed. Every event of a
   * bucket has the same type (so the same family): a type or family filter keeps a bucket
   * whole or not at all, and a build then reuses this edge instead of making it again
   * (GraphModel is read-only).
   */
  whole: (GraphEdge | undefined)[]
}

/**
 * A case's records with the work that does not depend on the filter done once (see
 * `prepareGraph`): a filter or time-window change then only walks the events and the
 * possible edges, with nothing to sort.
 */
export interface PreparedGraph {
  readonly input: Omit<GraphInput, 'filter'>
  /**
   * By `includeLocations`, made when first asked for: what depends on the events, relations
   * and entities only, shared with a preparation of the same records under other lookups.
   */
  readonly parts: Map<boolean, PreparedParts>
  /** By `includeLocations`: the grades under this preparation's lookups. */
  readonly graded: Map<boolean, GradedParts>
  /**
   * The preparation of the same records this one was made from (see `prepareGraph`), not
   * that one's own: its whole-bucket edges are copied with this one's best source grade
   * instead of being made again (the grades' arrival would otherwise make 48,000 edges anew
   * over the first filter changes).
   */
  readonly from?: PreparedGraph
}

/**
 * Prepares a case's records for `buildPreparedGraph`: per event its family, best source grade
 * and the edges it belongs to; the possible edges sorted by id, each with its events in date
 * order; the nodes sorted by label. Make it again when the records or lookups change. Given
 * the preparation of `previous` lookups for the same event, relation and entity lists (the
 * same arrays and map), only the grades are worked out again: the grade lookups (evidence,
 * documents, sources) of a big case are read after its events, and the structure of 50,000
 * events is not worth making twice.
 */
export function prepareGraph(
  input: Omit<GraphInput, 'filter'>,
  previous?: PreparedGraph,
): PreparedGraph {
  const same =
    previous &&
    previous.input.events === input.events &&
    previous.input.relations === input.relations &&
    previous.input.entities === input.entities
  if (!same) return { input, parts: new Map(), graded: new Map() }
  return { input, parts: previous.parts, graded: new Map(), from: previous.from ?? previous }
}

function gradedFor(prepared: PreparedGraph, withLocations: boolean): GradedParts {
  const made = prepared.graded.get(withLocations)
  if (made) return made
  const parts = partsFor(prepared, withLocations)
  const grades = new Uint8Array(parts.events.length)
  const input = prepared.input
  parts.events.forEach((event, i) => {
    const evidence = event.evidence
    grades[i] =
      evidence.length === 0
        ? NO_GRADE
        : evidence.length === 1
          ? gradeOf(evidence[0]!, input)
          : bestIndex(reliabilities(evidence, input))
  })
  const graded = { grades, whole: new Array<GraphEdge | undefined>(parts.buckets.length) }
  prepared.graded.set(withLocations, graded)
  return graded
}

/** The grade index of the source behind one passage (`NO_GRADE` without one). */
function gradeOf(
  annotationId: string,
  input: Pick<GraphInput, 'evidence' | 'documents' | 'sources'>,
): number {
  const docId = input.evidence.get(annotationId)?.docId
  const sourceId = docId ? input.documents.get(docId)?.sourceId : undefined
  const source = sourceId ? input.sources.get(sourceId) : undefined
  return source ? RELIABILITY_ORDER.indexOf(source.reliability) : NO_GRADE
}

function partsFor(prepared: PreparedGraph, withLocations: boolean): PreparedParts {
  const made = prepared.parts.get(withLocations)
  if (made) return made
  const input = prepared.input
  const isNode = (id: string | undefined): id is string => {
    const e = id === undefined ? undefined : input.entities.get(id)
    return !!e && (e.kind !== 'location' || withLocations)
  }
  /** Ids without repeats and that are nodes (one id needs no Set). */
  const nodesOf = (ids: string[]): string[] =>
    ids.length === 1 ? (isNode(ids[0]) ? ids : []) : [...new Set(ids)].filter(isNode)
  const families = new Map<string, EventFamily>()
  const family = (type: string) => {
    let found = families.get(type)
    if (found === undefined) families.set(type, (found = familyOf(type)))
    return found
  }
  const nodes: PreparedParts['nodes'] = []
  for (const [id, entity] of input.entities) {
    if (isNode(id)) nodes.push({ id, label: entity.name, kind: entity.kind })
  }
  nodes.sort((a, b) => LABEL_ORDER.compare(a.label, b.label) || compareIds(a.id, b.id))
  // Event ties are keyed by numbers — (initiator, target, type) by rank in id order — not by
  // their id strings: at 50,000 events, making and hashing an id per event, and sorting
  // 48,000 ids, was most of the preparation. An id is made once per tie, and the ties come out
  // in id order from the numbers (checked; see `tiesInIdOrder`). Each entity's rank also
  // gives its node (-1: not a node), so an event's ends are looked up once.
  const ranks = new Map<string, number>()
  for (const id of [...input.entities.keys()].sort(compareIds)) ranks.set(id, ranks.size)
  const nodeOfRank = new Int32Array(ranks.size).fill(-1)
  nodes.forEach((node, i) => (nodeOfRank[ranks.get(node.id)!] = i))
  const nodeOf = (id: string): number => {
    const r = ranks.get(id)
    return r === undefined ? -1 : nodeOfRank[r]!
  }
  const typeRanks = new Map<string, number>()
  for (const type of [...new Set(input.events.map((e) => e.type))].sort(compareIds))
    typeRanks.set(type, typeRanks.size)
  const rankCount = Math.max(1, ranks.size)
  const typeCount = Math.max(1, typeRanks.size)
  const ties = new Map<number, PreparedBucket>()
  const addTie = (from: string, to: string, type: string, typeRank: number, index: number) => {
    const key = (ranks.get(from)! * rankCount + ranks.get(to)!) * typeCount + typeRank
    const b = ties.get(key)
    if (b) b.events.push(index)
    else {
      ties.set(key, {
        id: `ev:${from}>${to}:${type}`,
        from,
        to,
        kind: 'event',
        type,
        family: family(type),
        label: typeLabel(type),
        events: [index],
      })
    }
  }
  const places = new Map<string, PreparedBucket>()
  const addPlace = (from: string, to: string, index: number) => {
    const id = `at:${from}>${to}`
    const b = places.get(id)
    if (b) b.events.push(index)
    else {
      places.set(id, {
        id,
        from,
        to,
        kind: 'location',
        type: 'at',
        family: 'neutral',
        label: 'at',
        events: [index],
      })
    }
  }

  const events = input.events
  const n = events.length
  const eventFamilies: EventFamily[] = new Array<EventFamily>(n)
  const drawnEvents = new Uint8Array(n)
  // Each event's nodes (its initiators, targets and, with locations, places; each once), as
  // indices into `nodes`, event by event: those of event i are at [involvedAt[i], …[i + 1]).
  const involvedAt = new Uint32Array(n + 1)
  const involved: number[] = []
  for (let index = 0; index < n; index++) {
    const event = events[index]!
    const typeRank = typeRanks.get(event.type)!
    eventFamilies[index] = family(event.type)
    const place = withLocations ? (event.locationIds?.length ?? (event.locationId ? 1 : 0)) : 0
    if (event.initiators.length === 1 && event.targets.length === 1 && place === 0) {
      // The usual event: one initiator, one target, no place; no lists made.
      const from = event.initiators[0]!
      const to = event.targets[0]!
      const a = nodeOf(from)
      const b = nodeOf(to)
      if (a >= 0) involved.push(a)
      if (b >= 0 && from !== to) involved.push(b)
      if (a >= 0 && b >= 0 && from !== to) {
        addTie(from, to, event.type, typeRank, index)
        drawnEvents[index] = 1
      }
      involvedAt[index + 1] = involved.length
      continue
    }
    const initiators = nodesOf(event.initiators)
    const targets = nodesOf(event.targets)
    const at = withLocations ? eventPlaceIds(event).filter((id) => isNode(id)) : []
    const actors = new Set([...initiators, ...targets])
    let drawn = false
    for (const from of initiators) {
      for (const to of targets) {
        if (from === to) continue
        addTie(from, to, event.type, typeRank, index)
        drawn = true
      }
    }
    for (const place of at) {
      for (const actor of actors) {
        if (actor === place) continue
        addPlace(actor, place, index)
        drawn = true
      }
    }
    for (const id of actors) involved.push(nodeOf(id))
    for (const id of at) if (!actors.has(id)) involved.push(nodeOf(id))
    drawnEvents[index] = drawn ? 1 : 0
    involvedAt[index + 1] = involved.length
  }
  const sortedBuckets = [...places.values()]
    .sort((a, b) => compareIds(a.id, b.id))
    .concat(tiesInIdOrder(ties))
  for (const b of sortedBuckets) {
    if (b.events.length > 1) b.events.sort((i, j) => byTime(events[i]!, events[j]!))
  }
  const bucketAt = new Uint32Array(sortedBuckets.length + 1)
  sortedBuckets.forEach((b, i) => (bucketAt[i + 1] = bucketAt[i]! + b.events.length))
  const bucketEvents = new Uint32Array(bucketAt[sortedBuckets.length]!)
  sortedBuckets.forEach((b, i) => bucketEvents.set(b.events, bucketAt[i]))
  // Read from `bucketEvents` from here on: a list per bucket, held with the preparation, was
  // two objects (the array, its store) for each of 48,000 ties for every collection to walk.
  for (const b of sortedBuckets) b.events = PACKED
  const parts = {
    events,
    buckets: sortedBuckets,
    nodes,
    columns: columnsOf(events, eventFamilies, drawnEvents, involvedAt, involved),
    bucketAt,
    bucketEvents,
  }
  prepared.parts.set(withLocations, parts)
  return parts
}

/**
 * The event ties of `ties` (keyed by the ranks of their initiator, target and type, see
 * `partsFor`) sorted by id, as `compareIds` orders them: in the order of their keys, which is
 * the ids' order unless an id is a prefix of another at the same place (`e1` and `e10`: `>`
 * and `:` sort after digits), so the order is checked pair by pair and, where it fails, the
 * ties are sorted by id (the same order either way). Every "ev:" id sorts after every "at:".
 */
function tiesInIdOrder(ties: ReadonlyMap<number, PreparedBucket>): PreparedBucket[] {
  const keys = Float64Array.from(ties.keys()).sort()
  const out = Array.from(keys, (key) => ties.get(key)!)
  for (let i = 1; i < out.length; i++) {
    if (out[i - 1]!.id >= out[i]!.id) return out.sort((a, b) => compareIds(a.id, b.id))
  }
  return out
}

function columnsOf(
  events: readonly GraphEventInput[],
  families: readonly EventFamily[],
  drawn: Uint8Array,
  involvedAt: Uint32Array,
  involved: number[],
): EventColumns {
  const n = events.length
  const typeIndex = new Map<string, number>()
  const familyIndex = new Map<EventFamily, number>()
  const c: EventColumns = {
    type: new Uint16Array(n),
    typeIds: [],
    family: new Uint8Array(n),
    familyIds: [],
    confidence: new Uint8Array(n),
    dated: new Uint8Array(n),
    start: new Float64Array(n),
    end: new Float64Array(n),
    drawn,
    involvedAt,
    involved: Uint32Array.from(involved),
  }
  for (let i = 0; i < n; i++) {
    const event = events[i]!
    const family = families[i]!
    let t = typeIndex.get(event.type)
    if (t === undefined) typeIndex.set(event.type, (t = c.typeIds.push(event.type) - 1))
    let f = familyIndex.get(family)
    if (f === undefined) familyIndex.set(family, (f = c.familyIds.push(family) - 1))
    c.type[i] = t
    c.family[i] = f
    c.confidence[i] = event.confidence ?? 0
    const when = event.when
    if (when && Number.isFinite(when.start)) {
      c.dated[i] = 1
      c.start[i] = when.start
      c.end[i] = endOf(when)
    }
  }
  if (c.typeIds.length > 0xffff) throw new Error('graph-model: more than 65,535 event types')
  return c
}

/**
 * The edge of a bucket all of whose events pass, under `prepared`'s grades: made once per
 * preparation; copied from the preparation it was made from (`from`) with this one's best
 * source grade when that one has it, the rest of an edge not depending on the grades.
 */
function wholeEdge(
  prepared: PreparedGraph,
  withLocations: boolean,
  parts: PreparedParts,
  graded: GradedParts,
  b: number,
): GraphEdge {
  const made = graded.whole[b]
  if (made) return made
  const bucket = parts.buckets[b]!
  const base = prepared.from?.graded.get(withLocations)?.whole[b]
  let edge: GraphEdge
  if (base && base.bestReliability === undefined) {
    let grade = NO_GRADE
    for (let k = parts.bucketAt[b]!; k < parts.bucketAt[b + 1]!; k++)
      grade = Math.min(grade, graded.grades[parts.bucketEvents[k]!]!)
    const reliability = RELIABILITY_ORDER[grade]
    edge = reliability ? { ...base, bestReliability: reliability } : base
  } else
    edge = eventEdge(
      bucket,
      parts.bucketEvents.subarray(parts.bucketAt[b]!, parts.bucketAt[b + 1]!),
      parts,
      graded.grades,
    )
  graded.whole[b] = edge
  return edge
}

/**
 * The edge of `bucket` over `events` (those of its events that passed, in its order, as
 * indices into `parts.events`).
 */
function eventEdge(
  bucket: PreparedBucket,
  events: ArrayLike<number>,
  parts: PreparedParts,
  grades: Uint8Array,
): GraphEdge {
  const count = events.length
  const eventIds = new Array<string>(count)
  const c = parts.columns
  let start = Infinity
  let end = -Infinity
  let credibility: Credibility | undefined
  let grade = NO_GRADE
  for (let k = 0; k < count; k++) {
    const i = events[k]!
    eventIds[k] = parts.events[i]!.id
    if (c.dated[i]) {
      start = Math.min(start, c.start[i]!)
      end = Math.max(end, c.end[i]!)
    }
    const confidence = c.confidence[i]!
    if (confidence !== 0 && (credibility === undefined || confidence < credibility))
      credibility = confidence as Credibility
    grade = Math.min(grade, grades[i]!)
  }
  // Every field in the one literal, those it lacks undefined: fields added afterwards went to
  // a store of their own, one more object for each tie of the case held and for each a
  // filter or window change makes.
  return {
    id: bucket.id,
    from: bucket.from,
    to: bucket.to,
    kind: bucket.kind,
    type: bucket.type,
    family: bucket.family,
    directed: bucket.kind === 'event',
    count,
    eventIds,
    relationIds: NO_IDS,
    label: bucket.label + (count > 1 ? ` ×${count}` : ''),
    span: start !== Infinity ? { start, end } : undefined,
    bestCredibility: credibility,
    bestReliability: RELIABILITY_ORDER[grade],
  }
}

/**
 * Builds the graph of a case: nodes for its actors (and locations when asked), one edge per
 * (initiator, target, event type) over the events that pass the filter, one per relation
 * that passes (see `GraphFilter` for how each filter treats events and relations). Pairs
 * whose two ends are the same actor are skipped, as are ends that are not nodes (unknown
 * ids, or locations while `includeLocations` is off). To build the same records under many
 * filters, prepare them once (`prepareGraph`) and use `buildPreparedGraph`.
 */
export function buildGraph(input: GraphInput): GraphModel {
  return buildPreparedGraph(prepareGraph(input), input.filter)
}

/** `buildGraph` of prepared records (see `prepareGraph`) under `filter`. */
export function buildPreparedGraph(prepared: PreparedGraph, filter: GraphFilter): GraphModel {
  const f = filter
  const input = prepared.input
  const typeSet = f.types?.length ? new Set(f.types) : undefined
  const familyList = f.family === undefined ? [] : Array.isArray(f.family) ? f.family : [f.family]
  const families = familyList.length ? new Set<EventFamily>(familyList) : undefined
  const maxReliability = f.minReliability ? RELIABILITY_ORDER.indexOf(f.minReliability) : -1
  const withLocations = f.includeLocations === true
  const parts = partsFor(prepared, withLocations)
  const graded = gradedFor(prepared, withLocations)
  const grades = graded.grades
  const isNode = (id: string): boolean => {
    const e = input.entities.get(id)
    return !!e && (e.kind !== 'location' || withLocations)
  }
  const reliableEnough = (grades: Reliability[]) => bestIndex(grades) <= maxReliability

  const counts: GraphCounts = {
    events: 0,
    hiddenEvents: 0,
    undatedHidden: 0,
    undrawnEvents: 0,
    relations: 0,
    hiddenRelations: 0,
    hiddenIsolated: 0,
  }
  const eventCount = new Uint32Array(parts.nodes.length)
  const passed = new Uint8Array(parts.events.length)
  const c = parts.columns
  const typeMask = typeSet ? Uint8Array.from(c.typeIds, (t) => (typeSet.has(t) ? 1 : 0)) : null
  const familyMask = families
    ? Uint8Array.from(c.familyIds, (x) => (families.has(x) ? 1 : 0))
    : null
  const minCredibility = f.minCredibility ?? 0
  const window = f.window
  const { involvedAt, involved } = c
  for (let i = 0; i < passed.length; i++) {
    const confidence = c.confidence[i]!
    const passes =
      (!typeMask || typeMask[c.type[i]!] === 1) &&
      (!familyMask || familyMask[c.family[i]!] === 1) &&
      (minCredibility === 0 || (confidence !== 0 && confidence <= minCredibility)) &&
      (maxReliability < 0 || grades[i]! <= maxReliability)
    if (!passes) {
      counts.hiddenEvents++
      continue
    }
    if (window) {
      if (!c.dated[i]) {
        counts.hiddenEvents++
        counts.undatedHidden++
        continue
      }
      // `overlapsWindow`, on the columns.
      const start = c.start[i]!
      const end = c.end[i]!
      if (start > window.end || !(end > start ? end > window.start : start >= window.start)) {
        counts.hiddenEvents++
        continue
      }
    }
    counts.events++
    passed[i] = 1
    for (let k = involvedAt[i]!; k < involvedAt[i + 1]!; k++) eventCount[involved[k]!]!++
    if (!c.drawn[i]) counts.undrawnEvents++
  }

  const edges: GraphEdge[] = []
  const { bucketAt, bucketEvents } = parts
  for (let b = 0; b < parts.buckets.length; b++) {
    const first = bucketAt[b]!
    const last = bucketAt[b + 1]!
    let passing = 0
    for (let k = first; k < last; k++) passing += passed[bucketEvents[k]!]!
    if (passing === 0) continue
    if (passing === last - first) {
      edges.push(wholeEdge(prepared, withLocations, parts, graded, b))
      continue
    }
    const events: number[] = []
    for (let k = first; k < last; k++) if (passed[bucketEvents[k]!]) events.push(bucketEvents[k]!)
    edges.push(eventEdge(parts.buckets[b]!, events, parts, grades))
  }

  const relationEdges: GraphEdge[] = []
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
      eventIds: NO_IDS,
      relationIds: [relation.id],
      label: relationTypeLabel(relation.type),
    }
    const span = spanOf([relation.when])
    if (span) edge.span = span
    const reliability = bestReliability(grades)
    if (reliability) edge.bestReliability = reliability
    relationEdges.push(edge)
  }
  // Sorted by id: event and place edges come sorted ("at:…", "ev:…"), and every relation's
  // id ("rel:…") sorts after them.
  relationEdges.sort((a, b) => compareIds(a.id, b.id))
  edges.push(...relationEdges)

  // Only `hideIsolated` asks which nodes have an edge (twice the ties' count of set inserts).
  const linked = new Set<string>()
  if (f.hideIsolated) {
    for (const e of edges) {
      linked.add(e.from)
      linked.add(e.to)
    }
  }
  const nodes: GraphNode[] = []
  parts.nodes.forEach((node, i) => {
    if (f.hideIsolated && !linked.has(node.id)) {
      counts.hiddenIsolated++
      return
    }
    nodes.push({ ...node, eventCount: eventCount[i]! })
  })
  return { nodes, edges, counts }
}

/** What a layout of a case's whole graph needs (see `layoutGraph`). */
export interface LayoutGraph {
  /** The whole graph's nodes (by id), each with the events it takes part in. */
  nodes: { id: string; eventCount: number }[]
  /**
   * Its ties between actors (no place ties), one per initiator, target and event type and one
   * per relation, in a fixed order (by ends and type, then the relations by id), as columns:
   * tie k joins `nodes[from[k]]` to `nodes[to[k]]` and stands for `count[k]` events (a
   * relation, one). An object of two ids per tie was 48,000 objects at 2,000 actors, held for
   * as long as the graph is open, and turned back into indices for the layout's worker.
   */
  edges: LayoutTies
}

/** A `LayoutGraph`'s ties, as columns (see there). */
export interface LayoutTies {
  from: Int32Array
  to: Int32Array
  count: Uint32Array
}

/**
 * The nodes and actor ties of `buildPreparedGraph(prepared, {})` — the case's whole graph, the
 * one a layout is made for — without making its edges: ids, event counts and tie counts only.
 * At 50,000 events making the edges (their event lists, spans and grades) is most of the
 * model's cost, and the layout, the longest step of a first picture, need not wait for it.
 * Nor does it wait for the preparation the model is built from (`partsFor`: each tie's events
 * sorted by time, the nodes by name, the event columns; ~350 ms at 50,000 events): the ties
 * are counted here straight from the records, keyed by numbers (ends and type by index), so
 * the worker starts on the layout while this thread prepares the model. The order is fixed by
 * the ids, whatever the order of the records, so the same case gets the same layout.
 */
export function layoutGraph(prepared: PreparedGraph): LayoutGraph {
  const input = prepared.input
  const ids: string[] = []
  for (const [id, entity] of input.entities) if (entity.kind !== 'location') ids.push(id)
  ids.sort(compareIds)
  const n = ids.length
  const index = new Map(ids.map((id, i) => [id, i]))
  const types = [...new Set(input.events.map((e) => e.type))].sort(compareIds)
  const typeIndex = new Map(types.map((type, i) => [type, i]))
  const typeCount = Math.max(1, types.length)
  const eventCount = new Uint32Array(n)
  // Per tie (initiator, target, type), keyed (from · n + to) · types + type: its events.
  const tieEvents = new Map<number, number>()
  /** The indices of `list`'s ids that are nodes, each once. */
  const nodesOf = (list: readonly string[]): number[] => {
    if (list.length === 1) {
      const i = index.get(list[0]!)
      return i === undefined ? [] : [i]
    }
    const found: number[] = []
    for (const id of list) {
      const i = index.get(id)
      if (i !== undefined && !found.includes(i)) found.push(i)
    }
    return found
  }
  for (const event of input.events) {
    const type = typeIndex.get(event.type)!
    if (event.initiators.length === 1 && event.targets.length === 1) {
      // The usual event: one initiator, one target; no lists made.
      const from = index.get(event.initiators[0]!)
      const to = index.get(event.targets[0]!)
      if (from !== undefined) eventCount[from]!++
      if (to !== undefined && to !== from) eventCount[to]!++
      if (from === undefined || to === undefined || from === to) continue
      const key = (from * n + to) * typeCount + type
      tieEvents.set(key, (tieEvents.get(key) ?? 0) + 1)
      continue
    }
    const initiators = nodesOf(event.initiators)
    const targets = nodesOf(event.targets)
    for (const from of initiators) {
      for (const to of targets) {
        if (from === to) continue
        const key = (from * n + to) * typeCount + type
        tieEvents.set(key, (tieEvents.get(key) ?? 0) + 1)
      }
    }
    // Each actor counts the event once, as initiator, target or both.
    for (const i of initiators) eventCount[i]!++
    for (const i of targets) if (!initiators.includes(i)) eventCount[i]!++
  }
  const keys = Float64Array.from(tieEvents.keys()).sort()
  const relations = input.relations
    .filter((r) => r.from !== r.to && index.has(r.from) && index.has(r.to))
    .sort((a, b) => compareIds(`rel:${a.id}`, `rel:${b.id}`))
  const size = keys.length + relations.length
  const edges: LayoutTies = {
    from: new Int32Array(size),
    to: new Int32Array(size),
    count: new Uint32Array(size),
  }
  keys.forEach((key, k) => {
    const pair = Math.floor(key / typeCount)
    edges.from[k] = Math.floor(pair / n)
    edges.to[k] = pair % n
    edges.count[k] = tieEvents.get(key)!
  })
  relations.forEach((r, i) => {
    const k = keys.length + i
    edges.from[k] = index.get(r.from)!
    edges.to[k] = index.get(r.to)!
    edges.count[k] = 1
  })
  return { nodes: ids.map((id, i) => ({ id, eventCount: eventCount[i]! })), edges }
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

/**
 * The ties to draw when there are more than `max`: the strongest (most events), ties broken
 * by the order of `edges` (the model's, by id), so that the same model always draws the same
 * ties. Every tie still counts, lists and filters; only the drawing leaves the weakest out —
 * tens of thousands of lines on a pane of ordinary size are a solid blot, and each costs its
 * share of every frame. Linear: the counts are bucketed, nothing is sorted. Returns `edges`
 * itself when nothing is left out.
 */
export function strongestEdges(edges: readonly GraphEdge[], max: number): readonly GraphEdge[] {
  if (edges.length <= max) return edges
  if (max <= 0) return []
  // How many ties have each count; then the least count that still fits.
  const perCount = new Map<number, number>()
  for (const e of edges) perCount.set(e.count, (perCount.get(e.count) ?? 0) + 1)
  const countsDown = [...perCount.keys()].sort((a, b) => b - a)
  let taken = 0
  let threshold = countsDown[0]!
  for (const c of countsDown) {
    threshold = c
    if (taken + perCount.get(c)! >= max) break
    taken += perCount.get(c)!
  }
  // All ties above the threshold; at it, the first in order until `max`.
  let room = max - taken
  const out: GraphEdge[] = []
  for (const e of edges) {
    if (e.count > threshold) out.push(e)
    else if (e.count === threshold && room > 0) {
      out.push(e)
      room--
    }
  }
  return out
}
