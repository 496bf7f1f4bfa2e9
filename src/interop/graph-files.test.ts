// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CasefileDB } from '../db/schema'
import { toGexf } from './gexf'
import { GRAPHML_NS, toGraphml } from './graphml'
import type { CaseSnapshot } from './snapshot'
import { realisticSnapshot, xmllint } from './test-support'

let snapshot: CaseSnapshot
let db: CasefileDB
beforeAll(async () => {
  ;({ snapshot, db } = await realisticSnapshot())
})
afterAll(async () => {
  db.close()
  await db.delete()
})

const GEXF_NS = 'http://gexf.net/1.3'
const VIZ_NS = 'http://gexf.net/1.3/viz'
const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml')
const actors = () => snapshot.entities.filter((e) => e.kind !== 'location')

describe('GEXF 1.3', () => {
  it('validates against the official RELAX NG schema', () => {
    const r = xmllint(toGexf(snapshot, { now: Date.UTC(2025, 5, 24) }), 'gexf')
    expect(r.stderr).toMatch(/validates/)
    expect(r.status).toBe(0)
  })

  it('the check is real: a file the schema forbids fails it', () => {
    const bad = toGexf(snapshot).replace('version="1.3"', 'version="1.2"')
    expect(xmllint(bad, 'gexf').status).not.toBe(0)
  })

  it('has every actor with its kind, count and saved position, and edges between nodes', () => {
    const doc = parse(toGexf(snapshot))
    const nodes = [...doc.getElementsByTagNameNS(GEXF_NS, 'node')]
    expect(nodes.map((n) => n.getAttribute('id')).sort()).toEqual(
      actors()
        .map((e) => e.id)
        .sort(),
    )
    const layout = snapshot.viewState.find((v) => v.key === 'graph:layout')!
    if (layout.key !== 'graph:layout') throw new Error('no layout')
    for (const node of nodes) {
      const entity = snapshot.entities.find((e) => e.id === node.getAttribute('id'))!
      expect(node.getAttribute('label')).toBe(entity.name)
      const kind = [...node.getElementsByTagNameNS(GEXF_NS, 'attvalue')].find(
        (a) => a.getAttribute('for') === 'kind',
      )
      expect(kind?.getAttribute('value')).toBe(entity.kind)
      const pos = node.getElementsByTagNameNS(VIZ_NS, 'position')[0]!
      const saved = layout.value.positions[entity.id]!
      expect(Number(pos.getAttribute('x'))).toBeCloseTo(saved.x, 1)
      expect(Number(pos.getAttribute('y'))).toBeCloseTo(-saved.y, 1)
    }
    const ids = new Set(nodes.map((n) => n.getAttribute('id')))
    const edges = [...doc.getElementsByTagNameNS(GEXF_NS, 'edge')]
    expect(edges.length).toBeGreaterThan(0)
    for (const e of edges) {
      expect(ids.has(e.getAttribute('source'))).toBe(true)
      expect(ids.has(e.getAttribute('target'))).toBe(true)
    }
    // Every dated event between two actors is one spell on its edge.
    const spells = doc.getElementsByTagNameNS(GEXF_NS, 'spell')
    const dated = snapshot.events.filter(
      (e) =>
        e.when &&
        e.initiators.some((i) => ids.has(i)) &&
        e.targets.some((t) => ids.has(t) && !e.initiators.includes(t)),
    )
    expect(spells.length).toBeGreaterThanOrEqual(dated.length)
    expect(dated.length).toBeGreaterThan(0)
  })

  it('stays valid with hostile names: markup, control characters, line breaks', () => {
    const hostile = {
      ...snapshot,
      entities: snapshot.entities.map((e, i) =>
        i === 0 ? { ...e, name: '<b>"Iran"</b> & \u0001co\n\tlost  ', aliases: ['a<b'] } : e,
      ),
    }
    const xml = toGexf(hostile)
    expect(xmllint(xml, 'gexf').status).toBe(0)
    const node = [...parse(xml).getElementsByTagNameNS(GEXF_NS, 'node')].find(
      (n) => n.getAttribute('id') === snapshot.entities[0]!.id,
    )
    if (snapshot.entities[0]!.kind !== 'location')
      expect(node?.getAttribute('label')).toBe('<b>"Iran"</b> & co lost')
  })

  it('writes a valid empty graph for an empty case', () => {
    const empty = { ...snapshot, entities: [], events: [], relations: [] }
    expect(xmllint(toGexf(empty), 'gexf').status).toBe(0)
  })
})

describe('GraphML', () => {
  it('is well-formed XML in the GraphML namespace with declared keys only', () => {
    const xml = toGraphml(snapshot)
    expect(xmllint(xml).status).toBe(0)
    const doc = parse(xml)
    expect(doc.documentElement.namespaceURI).toBe(GRAPHML_NS)
    expect(doc.documentElement.localName).toBe('graphml')
    const keys = new Set(
      [...doc.getElementsByTagNameNS(GRAPHML_NS, 'key')].map((k) => k.getAttribute('id')),
    )
    for (const d of doc.getElementsByTagNameNS(GRAPHML_NS, 'data'))
      expect(keys.has(d.getAttribute('key'))).toBe(true)
    const nodes = [...doc.getElementsByTagNameNS(GRAPHML_NS, 'node')]
    expect(nodes.map((n) => n.getAttribute('id')).sort()).toEqual(
      actors()
        .map((e) => e.id)
        .sort(),
    )
    const ids = new Set(nodes.map((n) => n.getAttribute('id')))
    const edges = [...doc.getElementsByTagNameNS(GRAPHML_NS, 'edge')]
    expect(edges.length).toBeGreaterThan(0)
    for (const e of edges) {
      expect(ids.has(e.getAttribute('source'))).toBe(true)
      expect(ids.has(e.getAttribute('target'))).toBe(true)
    }
    // Keys come before the graph, as the GraphML schema orders them.
    const children = [...doc.documentElement.children].map((c) => c.localName)
    expect(children.lastIndexOf('key')).toBeLessThan(children.indexOf('graph'))
    // Saved positions are carried as x/y.
    const xs = [...doc.getElementsByTagNameNS(GRAPHML_NS, 'data')].filter(
      (d) => d.getAttribute('key') === 'x',
    )
    expect(xs).toHaveLength(nodes.length)
  })

  it('the check is real: a truncated file is not well-formed', () => {
    expect(xmllint(toGraphml(snapshot).slice(0, -20)).status).not.toBe(0)
  })
})
