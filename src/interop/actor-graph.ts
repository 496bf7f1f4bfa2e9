/**
 * The actor graph of a snapshot, for the GEXF and GraphML exporters: the very model the graph
 * panel draws (`domain/graph-model.ts`, unfiltered, so every event and relation is an edge),
 * plus what a graph file adds — each edge's dated intervals (one per event or relation, for
 * a tool's timeline) and the node positions the analyst last saw (`graph:layout` view state).
 */
import { buildGraph, type GraphModel } from '../domain/graph-model'
import type { TimeValue } from '../domain/types'
import type { CaseSnapshot } from './snapshot'

/** One dated interval of an edge, in ms since the epoch (`end` ≥ `start`). */
export interface Interval {
  start: number
  end: number
}

/** The graph to write: the panel's model, intervals per edge and saved positions. */
export interface ActorGraph {
  model: GraphModel
  /** By edge id: the intervals of its events (or relation), oldest first; absent if undated. */
  intervals: Map<string, Interval[]>
  /** Saved positions by node id (the panel's coordinates: y grows downwards). */
  positions: Map<string, { x: number; y: number }>
}

/** What the graph files may also show. */
export interface ActorGraphOptions {
  /** Draw places as nodes tied to the actors of the events there (off: actors only). */
  includeLocations?: boolean
}

function interval(when: TimeValue | undefined): Interval | undefined {
  if (!when || !Number.isFinite(when.start)) return undefined
  const end = when.end !== undefined && when.end > when.start ? when.end : when.start
  return { start: when.start, end }
}

/** Builds the actor graph of `snapshot` (see the module comment). */
export function actorGraph(snapshot: CaseSnapshot, options: ActorGraphOptions = {}): ActorGraph {
  const model = buildGraph({
    events: snapshot.events,
    relations: snapshot.relations,
    entities: new Map(snapshot.entities.map((e) => [e.id, e])),
    evidence: new Map(snapshot.annotations.map((a) => [a.id, a])),
    documents: new Map(snapshot.documents.map((d) => [d.id, d])),
    sources: new Map(snapshot.sources.map((s) => [s.id, s])),
    filter: { includeLocations: options.includeLocations === true },
  })
  const events = new Map(snapshot.events.map((e) => [e.id, e]))
  const relations = new Map(snapshot.relations.map((r) => [r.id, r]))
  const intervals = new Map<string, Interval[]>()
  for (const edge of model.edges) {
    const whens = [
      ...edge.eventIds.map((id) => events.get(id)?.when),
      ...edge.relationIds.map((id) => relations.get(id)?.when),
    ]
    const list = whens.flatMap((w) => {
      const i = interval(w)
      return i ? [i] : []
    })
    if (list.length) intervals.set(edge.id, list)
  }
  const positions = new Map<string, { x: number; y: number }>()
  const layout = snapshot.viewState.find((v) => v.key === 'graph:layout')
  if (layout?.key === 'graph:layout') {
    for (const [id, p] of Object.entries(layout.value.positions)) positions.set(id, p)
  }
  return { model, intervals, positions }
}
