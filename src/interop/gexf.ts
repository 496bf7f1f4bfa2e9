/**
 * GEXF 1.3 of the actor graph, for Gephi: actors as nodes (kind, aliases, how many events
 * involve them; coloured by kind, sized by events, placed where the analyst left them in the
 * graph panel), events aggregated per (initiator, target, type) and relations as edges (kind,
 * type, family, count as the weight, best grades; coloured by family). The graph is dynamic:
 * each edge carries one `spell` per dated event or relation, so Gephi's timeline plays the
 * case. The file validates against the official RELAX NG schema (`gexf.rng`; the XSD refuses
 * `viz:*`, see ../shared/schemas/README.md). Parallel edges between two actors (a strike and a
 * meeting) are told apart by the GEXF `kind` attribute, which Gephi keeps as separate edges.
 */
import { EDGE_COLOURS, NODE_COLOURS } from '../figures/figure-kit'
import { typeLabel } from '../domain/event-types'
import { actorGraph, type ActorGraphOptions } from './actor-graph'
import { isoTime } from './common'
import type { CaseSnapshot } from './snapshot'
import { xmlAttr, xmlText, xmlToken } from './xml'

/** What a GEXF export is of and when it was made. */
export interface GexfOptions extends ActorGraphOptions {
  /** When the file is written (ms since the epoch), for `lastmodifieddate`. */
  now?: number
}

const NODE_ATTRIBUTES = [
  ['kind', 'kind', 'string'],
  ['events', 'events', 'integer'],
  ['aliases', 'aliases', 'string'],
  ['description', 'description', 'string'],
] as const

const EDGE_ATTRIBUTES = [
  ['kind', 'edge kind', 'string'],
  ['type', 'type', 'string'],
  ['type_label', 'type label', 'string'],
  ['family', 'family', 'string'],
  ['count', 'count', 'integer'],
  ['best_credibility', 'best credibility', 'integer'],
  ['best_reliability', 'best reliability', 'string'],
  ['event_ids', 'event ids', 'string'],
  ['relation_ids', 'relation ids', 'string'],
] as const

function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16)
  return `r="${(n >> 16) & 255}" g="${(n >> 8) & 255}" b="${n & 255}"`
}

function num(n: number): string {
  return String(Math.round(n * 100) / 100)
}

function attvalues(values: [string, string | number | undefined][], indent: string): string[] {
  const set = values.filter(
    (v): v is [string, string | number] => v[1] !== undefined && v[1] !== '',
  )
  if (!set.length) return []
  return [
    `${indent}<attvalues>`,
    ...set.map(([k, v]) => `${indent}  <attvalue for="${k}" value="${xmlAttr(String(v))}"/>`),
    `${indent}</attvalues>`,
  ]
}

/** The snapshot's actor graph as a GEXF 1.3 document (see the module comment). */
export function toGexf(snapshot: CaseSnapshot, options: GexfOptions = {}): string {
  const { model, intervals, positions } = actorGraph(snapshot, options)
  const entities = new Map(snapshot.entities.map((e) => [e.id, e]))
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
    `  <meta lastmodifieddate="${isoTime(options.now ?? Date.now()).slice(0, 10)}">`,
    '    <creator>Casefile</creator>',
    `    <description>${xmlText(`Actor graph of the case “${snapshot.case.title}”`)}</description>`,
    '  </meta>',
    '  <graph defaultedgetype="directed" mode="dynamic" timeformat="dateTime">',
    '    <attributes class="node">',
    ...NODE_ATTRIBUTES.map(
      ([id, title, type]) => `      <attribute id="${id}" title="${title}" type="${type}"/>`,
    ),
    '    </attributes>',
    '    <attributes class="edge">',
    ...EDGE_ATTRIBUTES.map(
      ([id, title, type]) => `      <attribute id="${id}" title="${title}" type="${type}"/>`,
    ),
    '    </attributes>',
    `    <nodes count="${model.nodes.length}">`,
  ]
  for (const node of model.nodes) {
    const entity = entities.get(node.id)
    const label = xmlToken(node.label) || node.id
    out.push(`      <node id="${xmlAttr(node.id)}" label="${xmlAttr(label)}">`)
    out.push(
      ...attvalues(
        [
          ['kind', node.kind],
          ['events', node.eventCount],
          ['aliases', entity?.aliases.join('; ')],
          ['description', entity?.description],
        ],
        '        ',
      ),
    )
    out.push(`        <viz:color ${rgb(NODE_COLOURS[node.kind])}/>`)
    out.push(`        <viz:size value="${num(10 + 4 * Math.sqrt(node.eventCount))}"/>`)
    const p = positions.get(node.id)
    // Gephi's y axis points up, the panel's down: flip it so the picture is the same way up.
    if (p) out.push(`        <viz:position x="${num(p.x)}" y="${num(-p.y)}" z="0"/>`)
    out.push('      </node>')
  }
  out.push('    </nodes>', `    <edges count="${model.edges.length}">`)
  for (const edge of model.edges) {
    const spells = intervals.get(edge.id) ?? []
    const attrs = [
      `id="${xmlAttr(edge.id)}"`,
      `source="${xmlAttr(edge.from)}"`,
      `target="${xmlAttr(edge.to)}"`,
      `type="${edge.directed ? 'directed' : 'undirected'}"`,
      `label="${xmlAttr(xmlToken(edge.label) || edge.type)}"`,
      `weight="${edge.count}"`,
      `kind="${xmlAttr(xmlToken(edge.type) || 'other')}"`,
    ]
    out.push(`      <edge ${attrs.join(' ')}>`)
    out.push(
      ...attvalues(
        [
          ['kind', edge.kind],
          ['type', edge.type],
          ['type_label', edge.kind === 'relation' ? edge.label : typeLabel(edge.type)],
          ['family', edge.family],
          ['count', edge.count],
          ['best_credibility', edge.bestCredibility],
          ['best_reliability', edge.bestReliability],
          ['event_ids', edge.eventIds.join(' ')],
          ['relation_ids', edge.relationIds.join(' ')],
        ],
        '        ',
      ),
    )
    if (spells.length) {
      out.push('        <spells>')
      for (const s of spells)
        out.push(`          <spell start="${isoTime(s.start)}" end="${isoTime(s.end)}"/>`)
      out.push('        </spells>')
    }
    out.push(`        <viz:color ${rgb(EDGE_COLOURS[edge.family])}/>`)
    out.push(`        <viz:thickness value="${num(1 + Math.log2(edge.count))}"/>`)
    out.push('      </edge>')
  }
  out.push('    </edges>', '  </graph>', '</gexf>', '')
  return out.join('\n')
}
