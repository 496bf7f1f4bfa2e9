import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CasefileDB } from '../../db/schema'
import { seedRealisticCase, type SeededCase } from '../../db/test-fixtures'
import { loadCaseSnapshot, type CaseSnapshot } from '../snapshot'
import { exportStixBundle, StixExportError } from './export'
import { bundleProblems, schemaErrors, SCHEMA_FILE_COUNT } from './test-schemas'
import type { StixObject } from './types'
import { casefileUuidV5, CASEFILE_EXTENSION_ID, referenceUuidV5, stixId, TLP_IDS } from './vocab'

let db: CasefileDB
let seeded: SeededCase
let snapshot: CaseSnapshot
beforeEach(async () => {
  db = new CasefileDB(`stix-export-${Math.random()}`)
  await db.open()
  seeded = await seedRealisticCase(db)
  snapshot = await loadCaseSnapshot(db, seeded.caseRecord.id)
})
afterEach(async () => {
  db.close()
  await db.delete()
})

const NOW = new Date('2026-03-01T12:00:00Z')
const ext = (o: StixObject) => o.extensions?.[CASEFILE_EXTENSION_ID] as Record<string, unknown>
const byName = (objects: StixObject[], type: string, name: string) =>
  objects.find((o) => o.type === type && o.name === name)

describe('STIX export', () => {
  it('reads the official schemas', () => {
    expect(SCHEMA_FILE_COUNT).toBe(57)
  })

  it('the validator rejects what the schemas forbid (so a pass means something)', () => {
    const bad = {
      type: 'location',
      spec_version: '2.1',
      id: 'location--a1b2c3d4-0000-4000-8000-000000000000',
      created: '2025-01-01T00:00:00Z',
      modified: '2025-01-01T00:00:00.000Z',
      name: 'Nowhere',
    }
    expect(schemaErrors(bad).length).toBeGreaterThan(0)
  })

  it('exports the whole realistic case as a bundle every object of which passes its schema', () => {
    const bundle = exportStixBundle(snapshot, { now: NOW })
    expect(bundleProblems(bundle)).toEqual([])
    const types = new Set(bundle.objects.map((o) => o.type))
    for (const t of [
      'grouping',
      'report',
      'identity',
      'threat-actor',
      'location',
      'incident',
      'relationship',
      'note',
      'marking-definition',
      'extension-definition',
    ])
      expect(types).toContain(t)
    for (const o of bundle.objects) {
      if (o.created) expect(o.created).toMatch(/T\d\d:\d\d:\d\d\.\d{3}Z$/)
      if (o.modified) expect(o.modified).toMatch(/T\d\d:\d\d:\d\d\.\d{3}Z$/)
    }
  })

  it('maps each kind of record as the issue lists it', () => {
    const { objects } = exportStixBundle(snapshot, { now: NOW })
    const gazette = byName(objects, 'identity', 'Harbour Gazette')!
    expect(gazette.identity_class).toBe('organization')
    expect(gazette.x_opencti_reliability).toBe('B - Usually reliable')
    expect((ext(gazette).reliability_history as unknown[]).length).toBe(2)

    const doc = seeded.documents[0]!
    const report = objects.find((o) => o.id === stixId('report', doc.id))!
    expect(report.name).toBe(doc.title)
    expect(report.published).toBe('2025-06-24T06:15:00.000Z')
    expect(report.created_by_ref).toBe(gazette.id)
    expect(report.description).toBe(doc.text)
    expect(report.external_references).toEqual([
      expect.objectContaining({ url: doc.url, hashes: { 'SHA-256': doc.textHash } }),
    ])

    expect(byName(objects, 'identity', 'Abbas Araghchi')!.identity_class).toBe('individual')
    expect(byName(objects, 'identity', 'IRGC')!.identity_class).toBe('organization')
    const iranPlace = byName(objects, 'location', 'Iran')!
    expect(iranPlace.country).toBe('IR')
    const iranActor = byName(objects, 'threat-actor', 'Iran')!
    expect(iranActor.threat_actor_types).toEqual(['nation-state'])
    // Qatar is only ever a target: a country, no threat actor.
    expect(byName(objects, 'location', 'Qatar')!.country).toBe('QA')
    expect(byName(objects, 'threat-actor', 'Qatar')).toBeUndefined()
    expect(byName(objects, 'location', 'Moscow')).toBeDefined()

    const missile = seeded.events.find((e) => e.title === 'Missile strike on Al Udeid')!
    const incident = objects.find((o) => o.id === stixId('incident', missile.id))!
    expect(incident.labels).toEqual(['assault/strike'])
    expect(incident.confidence).toBe(90)
    expect(incident.first_seen).toBe('2025-06-23T16:00:00.000Z')
    expect(ext(incident).when).toMatchObject({ precision: 'hour', approximate: true })
    const rels = objects.filter((o) => o.type === 'relationship' && o.source_ref === incident.id)
    const to = (type: string) =>
      rels.filter((r) => r.relationship_type === type).map((r) => r.target_ref)
    expect(to('attributed-to').sort()).toEqual(
      [iranActor.id, byName(objects, 'identity', 'IRGC')!.id].sort(),
    )
    expect(to('targets')).toContain(byName(objects, 'location', 'Qatar')!.id)
    expect(to('related-to')).toEqual([byName(objects, 'location', 'Al Udeid Air Base')!.id])

    const meetingRel = seeded.relations.find((r) => r.type === 'meeting')!
    const rel = objects.find((o) => o.id === stixId('relationship', meetingRel.id))!
    expect(rel.start_time).toBe('2025-06-23T00:00:00.000Z')
    expect(rel.description).toBe('meeting')

    const quote = seeded.annotations.find((a) => a.exact.startsWith('Iran fired missiles'))!
    const note = objects.find((o) => o.id === stixId('note', quote.id))!
    expect(note.content).toBe(quote.exact)
    const attack = seeded.relations.find((r) => r.type === 'attack')!
    expect(note.object_refs).toEqual([report.id, incident.id, stixId('relationship', attack.id)])
    expect(note.confidence).toBe(70)
    expect(ext(note).selectors).toContainEqual({
      type: 'TextPositionSelector',
      start: quote.start,
      end: quote.end,
    })

    const judgement = objects.find((o) => o.type === 'note' && o.note_types)!
    expect(judgement.note_types).toEqual(['assessment'])
    expect(judgement.content).toBe('Iran coordinated the timing of its retaliation with Russia.')
    expect(judgement.likelihood).toBe(50)

    const grouping = objects.find((o) => o.type === 'grouping')!
    expect(grouping.name).toBe('Harbour Street')
    // The briefing's handling ("OFFICIAL — SENSITIVE") asks for TLP:AMBER on every object.
    expect(objects.find((o) => o.id === TLP_IDS.amber)).toMatchObject({ name: 'TLP:AMBER' })
    expect(incident.object_marking_refs).toEqual([TLP_IDS.amber])
  })

  it('gives the same ids when exported twice; only modified moves', () => {
    const a = exportStixBundle(snapshot, { now: NOW })
    const b = exportStixBundle(snapshot, { now: new Date('2026-04-01T00:00:00Z') })
    expect(b.objects.map((o) => o.id)).toEqual(a.objects.map((o) => o.id))
    const strip = (o: StixObject) => ({ ...o, modified: undefined })
    expect(b.objects.map(strip)).toEqual(a.objects.map(strip))
    expect(b.objects.find((o) => o.type === 'incident')!.modified).toBe('2026-04-01T00:00:00.000Z')
  })

  it("exports a briefing's selection: its events, their evidence, actors and documents", () => {
    const briefing = seeded.briefings[0]!
    const bundle = exportStixBundle(snapshot, { now: NOW, briefingId: briefing.id })
    expect(bundleProblems(bundle)).toEqual([])
    const incidents = bundle.objects.filter((o) => o.type === 'incident')
    expect(incidents.map((o) => o.name).sort()).toEqual([
      'Araghchi meets Putin in Moscow',
      'Missile strike on Al Udeid',
      'US strikes on three nuclear sites',
    ])
    // The call for restraint is not in the briefing, and nor is the wire copy (no evidence there
    // for these events except the IRGC passage).
    expect(bundle.objects.some((o) => o.name === 'Call for restraint')).toBe(false)
    expect(bundle.objects.some((o) => o.name === 'Unidentified official')).toBe(false)
    const report = bundle.objects.find((o) => o.id === stixId('report', briefing.id))!
    expect(report.report_types).toEqual(['internal-report'])
    expect(report.description).toBe(briefing.bluf)
    expect(bundle.objects.some((o) => o.type === 'grouping')).toBe(false)
    expect(() => exportStixBundle(snapshot, { briefingId: 'nope' })).toThrow(StixExportError)
  })

  it('can leave the extension definition out for TAXII servers; the property extension stays', () => {
    const bundle = exportStixBundle(snapshot, { now: NOW, extensionDefinition: false })
    expect(bundle.objects.some((o) => o.type === 'extension-definition')).toBe(false)
    expect(bundle.objects.some((o) => 'version' in o)).toBe(false)
    expect(ext(bundle.objects.find((o) => o.type === 'incident')!)).toBeDefined()
    expect(bundleProblems(bundle)).toEqual([])
  })
})

describe('STIX ids', () => {
  it('are the uuid package’s UUIDv5 in Casefile’s namespace, for any name', () => {
    const names = ['', 'a', 'identity:casefile', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(200)]
    for (let i = 0; i < 2000; i++) names.push(`note:${crypto.randomUUID()}:${'é🚀'.repeat(i % 7)}`)
    for (const n of names) expect(casefileUuidV5(n)).toBe(referenceUuidV5(n))
  })
})
