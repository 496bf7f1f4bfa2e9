import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCase } from '../../db/cases'
import { clearHistory, undo } from '../../db/history'
import { CasefileDB } from '../../db/schema'
import { seedRealisticCase } from '../../db/test-fixtures'
import { bundleProblems } from './test-schemas'
import { essence } from './test-essence'
import { loadCaseSnapshot, type CaseSnapshot } from '../snapshot'
import { exportStixBundle } from './export'
import { applyStixImport, planStixImport, StixImportError, timeFromRange } from './import'
import type { StixBundle, StixObject } from './types'

const examples = import.meta.glob('../../../../shared/schemas/stix2.1-examples/**/*.json', {
  eager: true,
  import: 'default',
})

let db: CasefileDB
beforeEach(async () => {
  db = new CasefileDB(`stix-import-${Math.random()}`)
  await db.open()
  clearHistory()
})
afterEach(async () => {
  db.close()
  await db.delete()
})

const NOW = new Date('2026-03-01T12:00:00Z')

describe('STIX import', () => {
  it('round-trips a Casefile bundle into a fresh case without loss of what STIX holds', async () => {
    const seeded = await seedRealisticCase(db)
    const original = await loadCaseSnapshot(db, seeded.caseRecord.id)
    const bundle = exportStixBundle(original, { now: NOW })

    const fresh = await createCase(db, 'Imported')
    const plan = await planStixImport(db, fresh.id, JSON.parse(JSON.stringify(bundle)))
    expect(plan.entities.every((e) => !e.match)).toBe(true)
    const report = await applyStixImport(db, fresh.id, plan, {})
    expect(report).toMatchObject({
      documents: 4, // and the notes document with the key judgements
      entities: seeded.entities.length,
      events: seeded.events.length,
      relations: seeded.relations.length,
      passages: seeded.annotations.length + 2, // + the two key judgements, in the notes document
    })
    const imported = await loadCaseSnapshot(db, fresh.id)
    const notesDoc = imported.documents.find((d) => d.title.startsWith('Notes from STIX'))!
    expect(notesDoc.text).toContain(
      'Assessment (very likely, moderate confidence): The strike was calibrated to avoid US casualties.',
    )
    const withoutNotes: CaseSnapshot = {
      ...imported,
      documents: imported.documents.filter((d) => d !== notesDoc),
      annotations: imported.annotations.filter((a) => a.docId !== notesDoc.id),
    }
    expect(essence(withoutNotes)).toEqual(essence(original))

    // And exported again, the same events, actors, quotes, grades and times.
    const again = exportStixBundle(withoutNotes, { now: NOW })
    const pick = (b: StixBundle, type: string, keys: string[]) =>
      b.objects
        .filter((o) => o.type === type)
        .map((o) => keys.map((k) => JSON.stringify(o[k])).join('|'))
        .sort()
    for (const [type, keys] of [
      ['incident', ['name', 'labels', 'first_seen', 'last_seen', 'confidence']],
      ['identity', ['name', 'identity_class', 'x_opencti_reliability']],
      ['threat-actor', ['name', 'aliases', 'threat_actor_types']],
      ['location', ['name', 'country']],
      ['note', ['content', 'confidence']],
    ] as const)
      expect(pick(again, type, [...keys])).toEqual(
        pick(bundle, type, [...keys]).filter(
          (x) => type !== 'note' || (!x.startsWith('"Iran coord') && !x.startsWith('"The strike')),
        ),
      )
  })

  it('exports an empty case as a valid bundle', async () => {
    const empty = await createCase(db, 'Empty')
    const bundle = exportStixBundle(await loadCaseSnapshot(db, empty.id), { now: NOW })
    expect(bundleProblems(bundle)).toEqual([])
    expect(bundle.objects.map((o) => o.type)).toEqual([
      'identity',
      'extension-definition',
      'grouping',
    ])
  })

  it('offers matches with the case’s entities; merged ones are not created twice, kept-apart ones are', async () => {
    const seeded = await seedRealisticCase(db)
    const bundle = exportStixBundle(await loadCaseSnapshot(db, seeded.caseRecord.id), { now: NOW })
    // Import into a case that already has Iran (by an alias) and Putin (by name).
    const target = await seedRealisticCase(db, 'Target')
    const plan = await planStixImport(db, target.caseRecord.id, bundle)
    const iran = plan.entities.find((e) => e.name === 'Iran')!
    expect(iran.match).toMatchObject({ name: 'Iran', kind: 'state' })
    const putin = plan.entities.find((e) => e.name === 'Vladimir Putin')!
    expect(putin.match?.name).toBe('Vladimir Putin')
    const before = await db.entities.where({ caseId: target.caseRecord.id }).count()
    const report = await applyStixImport(db, target.caseRecord.id, plan, { keepApart: [putin.key] })
    expect(report.merged.map((m) => m.name)).toContain('Iran')
    expect(report.merged.map((m) => m.name)).not.toContain('Vladimir Putin')
    const after = await db.entities.where({ caseId: target.caseRecord.id }).toArray()
    expect(after.length).toBe(before + 1)
    expect(after.filter((e) => e.name === 'Vladimir Putin').length).toBe(2)
    expect(after.filter((e) => e.name === 'Iran').length).toBe(1)
    // The same texts were already there: passages go to the existing documents.
    expect(report.duplicateDocuments).toBe(3)
  })

  it('is one undoable action: undo takes every record back out', async () => {
    const seeded = await seedRealisticCase(db)
    const bundle = exportStixBundle(await loadCaseSnapshot(db, seeded.caseRecord.id), { now: NOW })
    const fresh = await createCase(db, 'Imported')
    await applyStixImport(db, fresh.id, await planStixImport(db, fresh.id, bundle))
    expect(await db.events.where({ caseId: fresh.id }).count()).toBe(seeded.events.length)
    const undone = await undo(db, fresh.id)
    expect(undone?.label).toMatch(/^Import STIX bundle/)
    for (const t of [
      db.events,
      db.entities,
      db.documents,
      db.texts,
      db.annotations,
      db.relations,
      db.sources,
    ])
      expect(await t.where({ caseId: fresh.id }).count()).toBe(0)
  })

  it('writes nothing when a record fails: all or none', async () => {
    const fresh = await createCase(db, 'Imported')
    const plan = await planStixImport(db, fresh.id, {
      type: 'bundle',
      id: 'bundle--00000000-0000-4000-8000-000000000000',
      objects: [
        { type: 'identity', id: 'identity--1', name: 'Alice', identity_class: 'individual' },
        { type: 'incident', id: 'incident--1', name: 'Something' },
      ],
    })
    plan.events[0]!.type = 'x'.repeat(10_000) // longer than a type may be
    const logged = await db.changes.where({ caseId: fresh.id }).count()
    await expect(applyStixImport(db, fresh.id, plan)).rejects.toThrow(/cannot be stored/)
    // The entity's bulk write and its change-log entries were already queued when the event
    // failed its check: the transaction's abort takes them back.
    expect(await db.entities.where({ caseId: fresh.id }).count()).toBe(0)
    expect(await db.changes.where({ caseId: fresh.id }).count()).toBe(logged)
  })

  for (const [path, bundle] of Object.entries(examples)) {
    it(`imports the OASIS example ${path.split('/').pop()} without error`, async () => {
      const fresh = await createCase(db, 'Example')
      const plan = await planStixImport(db, fresh.id, bundle)
      const report = await applyStixImport(db, fresh.id, plan)
      const objects = (bundle as { objects?: StixObject[] }).objects ?? [bundle as StixObject]
      // Everything is either taken or skipped with a reason.
      for (const s of report.skipped) expect(s.reason.length).toBeGreaterThan(0)
      const entityTypes = ['identity', 'threat-actor', 'intrusion-set', 'location']
      const entities = objects.filter((o) => entityTypes.includes(o.type)).length
      expect(report.entities + report.sources).toBeGreaterThanOrEqual(entities > 0 ? 1 : 0)
      if (objects.some((o) => o.type === 'report')) expect(report.documents).toBeGreaterThan(0)
      const skippedTypes = new Set(report.skipped.map((s) => s.type))
      for (const o of objects)
        if (['indicator', 'malware', 'campaign', 'attack-pattern', 'tool'].includes(o.type))
          expect(skippedTypes).toContain(o.type)
    })
  }

  it('reads the APT1 report: its text, actors and their relations', async () => {
    const apt1 = Object.entries(examples).find(([p]) => p.endsWith('apt1.json'))![1]
    const fresh = await createCase(db, 'APT1')
    await applyStixImport(db, fresh.id, await planStixImport(db, fresh.id, apt1))
    const snap = await loadCaseSnapshot(db, fresh.id)
    const report = snap.documents.find((d) => d.title.startsWith('APT1'))!
    expect(report.text).toMatch(/^Since 2004, Mandiant/)
    expect(report.publishedAt).toBe(Date.UTC(2013, 1, 19))
    const names = snap.entities.map((e) => e.name)
    expect(names).toEqual(
      expect.arrayContaining(['APT1', 'Unit 61398', 'Ugly Gorilla', 'Wang Dong']),
    )
    expect(snap.entities.find((e) => e.name === 'APT1')!.kind).toBe('group')
    expect(snap.relations.length).toBeGreaterThan(0)
  })

  it("treats OpenCTI's unknown times as unknown, and a range as a range", () => {
    expect(timeFromRange('1970-01-01T00:00:00.000Z', '5138-11-16T09:46:40.000Z')).toBeUndefined()
    expect(timeFromRange('2025-06-23T00:00:00.000Z', '5138-11-16T09:46:40.000Z')).toEqual({
      start: Date.UTC(2025, 5, 23),
      precision: 'day',
      approximate: false,
    })
    expect(timeFromRange('2025-06-21T00:00:00.000Z', '2025-06-23T00:00:00.000Z')).toMatchObject({
      start: Date.UTC(2025, 5, 21),
      end: Date.UTC(2025, 5, 23),
      earliest: Date.UTC(2025, 5, 21),
      latest: Date.UTC(2025, 5, 23),
      approximate: true,
    })
  })

  it('reads a lenient OpenCTI-style bundle and says what it skipped and why', async () => {
    const fresh = await createCase(db, 'OpenCTI')
    const plan = await planStixImport(db, fresh.id, {
      type: 'bundle',
      id: 'bundle--1',
      objects: [
        {
          type: 'incident',
          id: 'incident--a',
          name: 'Raid',
          first_seen: '1970-01-01T00:00:00Z',
          last_seen: '5138-11-16T09:46:40Z',
          labels: ['Assault / strike'],
          confidence: 75,
        },
        {
          type: 'location',
          id: 'location--c',
          name: 'Iran',
          country: 'IR',
          x_opencti_location_type: 'Country',
        },
        {
          type: 'relationship',
          id: 'relationship--r',
          relationship_type: 'targets',
          source_ref: 'incident--a',
          target_ref: 'location--c',
        },
        {
          type: 'relationship',
          id: 'relationship--x',
          relationship_type: 'uses',
          source_ref: 'incident--a',
          target_ref: 'malware--m',
        },
        { type: 'malware', id: 'malware--m', name: 'Thing', is_family: false },
        { type: 'note', id: 'note--n', content: 'Seen twice.', object_refs: ['incident--a'] },
        { nothing: true },
      ],
    })
    const report = await applyStixImport(db, fresh.id, plan)
    expect(report.events).toBe(1)
    const [event] = await db.events.where({ caseId: fresh.id }).toArray()
    expect(event!.when).toBeUndefined()
    expect(event!.type).toBe('assault')
    expect(event!.confidence).toBe(2)
    expect(event!.evidence.length).toBe(1)
    const [iran] = await db.entities.where({ caseId: fresh.id }).toArray()
    expect(iran).toMatchObject({ name: 'Iran', kind: 'state' })
    expect(event!.targets).toEqual([iran!.id])
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'malware--m', reason: 'Casefile has no malware records' }),
        expect.objectContaining({ id: 'relationship--x' }),
        expect.objectContaining({ reason: '1 entries without a type and id' }),
      ]),
    )
  })

  it('refuses what is no bundle, and writes nothing', async () => {
    const fresh = await createCase(db, 'Nothing')
    await expect(planStixImport(db, fresh.id, '{not json')).rejects.toBeInstanceOf(StixImportError)
    await expect(planStixImport(db, fresh.id, { hello: 1 })).rejects.toThrow(/not a STIX bundle/)
    await expect(planStixImport(db, fresh.id, { type: 'bundle', objects: [] })).rejects.toThrow(
      /no STIX objects/,
    )
  })
})
