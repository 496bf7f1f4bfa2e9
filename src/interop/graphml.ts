/**
 * GraphML of the actor graph, for tools that read GraphML rather than GEXF (yEd, Cytoscape,
 * NetworkX, igraph): the same nodes and edges as the GEXF export (`actor-graph.ts`), each
 * property a declared `<key>` — nodes: label, kind, events, aliases, description, colour and
 * the saved x/y (GraphML has no layout of its own; Gephi's import reads `x`/`y` keys); edges:
 * label, kind, type, family, count (also `weight`), best grades, the first start and the last
 * end, and every dated interval as "start/end" pairs. The graph's default is directed; ties
 * that are not (alliances, places) say `directed="false"`.
 */
import { NODE_COLOURS } from '../figures/figure-kit'
import { actorGraph, type ActorGraphOptions } from './actor-graph'
import { isoTime } from './common'
import type { CaseSnapshot } from './snapshot'
import { xmlAttr, xmlText } from './xml'

/** The GraphML namespace. */
export const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns'

type KeyType = 'string' | 'int' | 'double'

/** The declared keys: id, domain, name and type. */
export const GRAPHML_KEYS: readonly [string, 'node' | 'edge', string, KeyType][] = [
  ['label', 'node', 'label', 'string'],
  ['kind', 'node', 'kind', 'string'],
  ['events', 'node', 'events', 'int'],
  ['aliases', 'node', 'aliases', 'string'],
  ['description', 'node', 'description', 'string'],
  ['color', 'node', 'color', 'string'],
  ['x', 'node', 'x', 'double'],
  ['y', 'node', 'y', 'double'],
  ['e_label', 'edge', 'label', 'string'],
  ['e_kind', 'edge', 'kind', 'string'],
  ['e_type', 'edge', 'type', 'string'],
  ['e_family', 'edge', 'family', 'string'],
  ['e_count', 'edge', 'count', 'int'],
  ['weight', 'edge', 'weight', 'double'],
  ['e_credibility', 'edge', 'best credibility', 'int'],
  ['e_reliability', 'edge', 'best reliability', 'string'],
  ['e_start', 'edge', 'start', 'string'],
  ['e_end', 'edge', 'end', 'string'],
  ['e_intervals', 'edge', 'intervals', 'string'],
  ['e_events', 'edge', 'event ids', 'string'],
]

function data(values: [string, string | number | undefined][], indent: string): string[] {
  return values
    .filter((v): v is [string, string | number] => v[1] !== undefined && v[1] !== '')
    .map(([k, v]) => `${indent}<data key="${k}">${xmlText(String(v))}</data>`)
}

/** The snapshot's actor graph as a GraphML document (see the module comment). */
export function toGraphml(snapshot: CaseSnapshot, options: ActorGraphOptions = {}): string {
  const { model, intervals, positions } = actorGraph(snapshot, options)
  const entities = new Map(snapshot.entities.map((e) => [e.id, e]))
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<graphml xmlns="${GRAPHML_NS}">`,
    ...GRAPHML_KEYS.map(
      ([id, domain, name, type]) =>
        `  <key id="${id}" for="${domain}" attr.name="${name}" attr.type="${type}"/>`,
    ),
    `  <graph id="${xmlAttr(`case:${snapshot.case.id}`)}" edgedefault="directed">`,
    `    <desc>${xmlText(`Actor graph of the case “${snapshot.case.title}”`)}</desc>`,
  ]
  for (const node of model.nodes) {
    const entity = entities.get(node.id)
    const p = positions.get(node.id)
    out.push(`    <node id="${xmlAttr(node.id)}">`)
    out.push(
      ...data(
        [
          ['label', node.label],
          ['kind', node.kind],
          ['events', node.eventCount],
          ['aliases', entity?.aliases.join('; ')],
          ['description', entity?.description],
          ['color', NODE_COLOURS[node.kind]],
          ['x', p?.x],
          ['y', p?.y],
        ],
        '      ',
      ),
    )
    out.push('    </node>')
  }
  for (const edge of model.edges) {
    const spans = intervals.get(edge.id) ?? []
    const directed = edge.directed ? '' : ' directed="false"'
    out.push(
      `    <edge id="${xmlAttr(edge.id)}" source="${xmlAttr(edge.from)}" target="${xmlAttr(edge.to)}"${directed}>`,
    )
    out.push(
      ...data(
        [
          ['e_label', edge.label],
          ['e_kind', edge.kind],
          ['e_type', edge.type],
          ['e_family', edge.family],
          ['e_count', edge.count],
          ['weight', edge.count],
          ['e_credibility', edge.bestCredibility],
          ['e_reliability', edge.bestReliability],
          ['e_start', edge.span ? isoTime(edge.span.start) : undefined],
          ['e_end', edge.span ? isoTime(Math.max(edge.span.start, edge.span.end)) : undefined],
          ['e_intervals', spans.map((s) => `${isoTime(s.start)}/${isoTime(s.end)}`).join(' ')],
          ['e_events', edge.eventIds.join(' ')],
        ],
        '      ',
      ),
    )
    out.push('    </edge>')
  }
  out.push('  </graph>', '</graphml>', '')
  return out.join('\n')
}
