/**
 * Possible duplicates across documents: two events proposed as possibly the same happening,
 * each proposal with its reasons. Two events are proposed when all of these hold:
 *
 * - their types are of the same family (`event-types.ts`: cooperation, conflict, neutral);
 * - they share at least one initiator, or one target, in the same direction (A→B and A→C
 *   share the initiator A; A→B and B→A share nothing in the same direction);
 * - their time windows overlap or lie within one day of each other (undated events are never
 *   proposed: there is nothing to compare);
 * - their places are compatible: a place in common, one inside the other (when the caller
 *   knows nesting), or no place on one of them.
 *
 * Pairs the analyst said are not the same are never proposed again. Candidates come from an
 * index by actor and direction, each list sorted by the window's start and swept within a
 * day, so 10,000 events take milliseconds rather than 50 million pair checks. `mergeEvents`
 * previews what merging two events makes (evidence, actors and places as unions; time as the
 * union or the narrower of the two, as the analyst chooses). Pure.
 */
import { eventPlaceIds } from './event-places'
import { familyOf, type EventFamily } from './event-types'
import type { EventRecord, EvidenceStance, TimePrecision, TimeValue } from './types'

const DAY = 86_400_000
const SPAN: Record<TimePrecision, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: DAY,
  month: 31 * DAY,
  year: 366 * DAY,
}

/** The earliest and latest instants a time value allows (end exclusive). */
export function timeWindow(when: TimeValue): { start: number; end: number } {
  const start = Math.min(when.start, when.earliest ?? when.start)
  const end = Math.max(
    when.end !== undefined && when.end > when.start ? when.end : when.start + SPAN[when.precision],
    when.latest ?? -Infinity,
  )
  return { start, end }
}

/** Why two events may be the same. */
export interface DuplicateReasons {
  family: EventFamily
  /** Actor ids that initiate both. */
  sharedInitiators: string[]
  /** Actor ids that are targets of both. */
  sharedTargets: string[]
  time: 'overlap' | 'within a day'
  place:
    | { kind: 'same'; ids: string[] }
    | { kind: 'inside'; inner: string; outer: string }
    | { kind: 'unknown' }
}

/** A proposed pair (ids in sorted order) with its reasons. */
export interface DuplicatePair {
  a: string
  b: string
  reasons: DuplicateReasons
}

/** The key a pair is remembered by ("not the same"): its two ids sorted, joined. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`
}

/** Options of `proposeDuplicates`. */
export interface ProposeOptions {
  /** Pair keys (`pairKey`) the analyst said are not the same. */
  notSame?: ReadonlySet<string>
  /** True when place `inner` lies inside place `outer` (if the case knows nesting). */
  inside?: (inner: string, outer: string) => boolean
}

interface Prepared {
  e: EventRecord
  start: number
  end: number
}

/** The pairs of `events` that may be the same event, ordered by the first event's start. */
export function proposeDuplicates(
  events: readonly EventRecord[],
  options: ProposeOptions = {},
): DuplicatePair[] {
  const byKey = new Map<string, Prepared[]>()
  for (const e of events) {
    if (!e.when || !Number.isFinite(e.when.start)) continue
    const p: Prepared = { e, ...timeWindow(e.when) }
    for (const a of new Set(e.initiators)) push(byKey, `i:${a}`, p)
    for (const t of new Set(e.targets)) push(byKey, `t:${t}`, p)
  }
  const seen = new Set<string>()
  const out: { pair: DuplicatePair; start: number }[] = []
  for (const list of byKey.values()) {
    list.sort((x, y) => x.start - y.start)
    for (let i = 0; i < list.length; i++) {
      const x = list[i]!
      for (let j = i + 1; j < list.length && list[j]!.start <= x.end + DAY; j++) {
        const y = list[j]!
        if (x.e.id === y.e.id) continue
        const key = pairKey(x.e.id, y.e.id)
        if (seen.has(key)) continue
        seen.add(key)
        if (options.notSame?.has(key)) continue
        const reasons = compare(x, y, options)
        if (!reasons) continue
        const [a, b] = x.e.id < y.e.id ? [x.e.id, y.e.id] : [y.e.id, x.e.id]
        out.push({ pair: { a, b, reasons }, start: x.start })
      }
    }
  }
  return out.sort((p, q) => p.start - q.start).map((p) => p.pair)
}

function push(map: Map<string, Prepared[]>, key: string, p: Prepared): void {
  const list = map.get(key)
  if (list) list.push(p)
  else map.set(key, [p])
}

function compare(x: Prepared, y: Prepared, options: ProposeOptions): DuplicateReasons | undefined {
  const family = familyOf(x.e.type)
  if (family !== familyOf(y.e.type)) return undefined
  const sharedInitiators = x.e.initiators.filter((a) => y.e.initiators.includes(a))
  const sharedTargets = x.e.targets.filter((a) => y.e.targets.includes(a))
  if (!sharedInitiators.length && !sharedTargets.length) return undefined
  if (!(x.start <= y.end + DAY && y.start <= x.end + DAY)) return undefined
  const time = x.start < y.end && y.start < x.end ? 'overlap' : 'within a day'
  const px = eventPlaceIds(x.e)
  const py = eventPlaceIds(y.e)
  let place: DuplicateReasons['place']
  const same = px.filter((p) => py.includes(p))
  if (!px.length || !py.length) place = { kind: 'unknown' }
  else if (same.length) place = { kind: 'same', ids: same }
  else {
    const inside = options.inside
    const nest = inside
      ? (px
          .flatMap((a) => py.map((b) => [a, b] as const))
          .find(([a, b]) => inside(a, b) || inside(b, a)) ?? undefined)
      : undefined
    if (!nest) return undefined
    const [a, b] = nest
    place = inside!(a, b)
      ? { kind: 'inside', inner: a, outer: b }
      : { kind: 'inside', inner: b, outer: a }
  }
  return { family, sharedInitiators, sharedTargets, time, place }
}

/** How a merge keeps the time: the union of both windows, or the narrower of the two. */
export type MergeTime = 'union' | 'narrower'

const COARSE: TimePrecision[] = ['minute', 'hour', 'day', 'month', 'year']

/** The time a merge keeps (see `MergeTime`); undefined when neither event is dated. */
export function mergedTime(
  a: TimeValue | undefined,
  b: TimeValue | undefined,
  choice: MergeTime,
): TimeValue | undefined {
  if (!a || !b) return a ?? b
  const wa = timeWindow(a)
  const wb = timeWindow(b)
  if (choice === 'narrower') return wb.end - wb.start < wa.end - wa.start ? b : a
  const precision = COARSE[Math.max(COARSE.indexOf(a.precision), COARSE.indexOf(b.precision))]!
  const start = Math.min(a.start, b.start)
  const endA = a.end ?? a.start + SPAN[a.precision]
  const endB = b.end ?? b.start + SPAN[b.precision]
  const out: TimeValue = {
    start,
    end: Math.max(endA, endB),
    precision,
    approximate: a.approximate || b.approximate,
  }
  if (wa.start < start || wb.start < start) out.earliest = Math.min(wa.start, wb.start)
  if (Math.max(wa.end, wb.end) > out.end!) out.latest = Math.max(wa.end, wb.end)
  if (a.zone && a.zone === b.zone) out.zone = a.zone
  return out
}

/** What merging `drop` into `keep` makes: `keep`'s id and title, the union of the rest. */
export function mergeEvents(keep: EventRecord, drop: EventRecord, time: MergeTime): EventRecord {
  const union = (x: readonly string[], y: readonly string[]) => [...new Set([...x, ...y])]
  const places = union(eventPlaceIds(keep), eventPlaceIds(drop))
  const { locationId: _old, locationIds: _ids, when: _when, ...rest } = keep
  const out: EventRecord = {
    ...rest,
    initiators: union(keep.initiators, drop.initiators),
    targets: union(keep.targets, drop.targets),
    evidence: union(keep.evidence, drop.evidence),
  }
  // A passage both cite keeps `keep`'s stance; one only `drop` cites brings its own.
  const { stances: _stances, ...kept } = out
  const stances: Record<string, EvidenceStance> = {}
  const cites = new Set(keep.evidence)
  for (const [id, s] of Object.entries(drop.stances ?? {})) if (!cites.has(id)) stances[id] = s
  Object.assign(stances, keep.stances)
  const merged: EventRecord = Object.keys(stances).length ? { ...kept, stances } : kept
  if (places.length) merged.locationIds = places
  const when = mergedTime(keep.when, drop.when, time)
  if (when) merged.when = when
  if (!merged.confidence && drop.confidence) merged.confidence = drop.confidence
  const notes = [keep.notes, drop.notes].filter(Boolean)
  if (notes.length) merged.notes = [...new Set(notes)].join('\n\n')
  return merged
}
