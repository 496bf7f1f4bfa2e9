// @vitest-environment jsdom
/**
 * The sample case opens as a worked case: its documents imported, its entities created,
 * every manifest tag on exactly its quote, its events dated by resolving the source's own
 * wording. A manifest that no longer fits its documents fails loudly and leaves nothing
 * behind. (jsdom: the HTML importer needs a DOM.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import manifestJson from '../../../resources/sample-case/manifest.json'
import { clearHistory, historyState } from '../../db/history'
import { CasefileDB } from '../../db/schema'
import { familyOf } from '../../domain/event-types'
import { openSampleCase, openSampleCaseFrom, type SampleManifest } from './sample-case'

const manifest = manifestJson as SampleManifest
let db: CasefileDB
let n = 0

beforeEach(async () => {
  clearHistory()
  db = new CasefileDB(`test-sample-case-${++n}`)
  await db.open()
})
afterEach(async () => {
  await db.delete()
})

/** A deep copy of the real manifest to break. */
const copy = (): SampleManifest => structuredClone(manifest)

describe('the sample case', () => {
  it('opens with its documents, entities, tags and dated events', async () => {
    const { caseId, report, created } = await openSampleCase(db)
    expect(report.imported).toBe(manifest.documents.length)
    expect(report.failed).toBe(0)

    const docs = await db.documents.where('caseId').equals(caseId).toArray()
    const texts = new Map(
      (await db.texts.where('caseId').equals(caseId).toArray()).map((t) => [t.id, t.text]),
    )
    const docByFile = new Map(docs.map((d) => [d.fileName, d]))
    expect(docByFile.get('dravina-mfa-statement-ambassador-summoned.md')?.timeZone).toBe(
      'Etc/GMT-3',
    )

    const entities = await db.entities.where('caseId').equals(caseId).toArray()
    expect(entities.map((e) => e.name).sort()).toEqual(
      (manifest.entities ?? []).map((e) => e.name).sort(),
    )
    const entityByName = new Map(entities.map((e) => [e.name, e]))
    // Its places come pinned: every location and state has the manifest's position.
    for (const m of manifest.entities ?? []) {
      if (m.kind !== 'location' && m.kind !== 'state') continue
      const place = entityByName.get(m.name)?.place
      expect(place, m.name).toMatchObject({
        precision: m.place?.precision,
        lat: m.place?.lat,
        lon: m.place?.lon,
        source: { kind: 'pinned' },
      })
    }
    expect(entityByName.get('Terminal 4, Harbour Street')?.place?.radiusKm).toBe(2)
    const nameOf = new Map((manifest.entities ?? []).map((e) => [e.id, e.name]))

    const annotations = await db.annotations.where('caseId').equals(caseId).toArray()
    expect(annotations).toHaveLength(created.tags)
    for (const a of annotations) expect(texts.get(a.docId)!.slice(a.start, a.end)).toBe(a.exact)
    for (const t of manifest.tags ?? []) {
      const doc = docByFile.get(t.file)!
      const hits = annotations.filter((a) => a.docId === doc.id && a.exact === t.quote)
      expect(hits.length, `${t.file}: ${t.quote}`).toBeGreaterThan(0)
      // The occurrence-th match, counted the way the manifest counts.
      let start = -1
      for (let i = 0; i <= (t.occurrence ?? 0); i++)
        start = texts.get(doc.id)!.indexOf(t.quote, start + 1)
      const tag = hits.find((a) => a.start === start)
      expect(tag, `${t.file}: ${t.quote} #${t.occurrence ?? 0}`).toMatchObject({ kind: t.kind })
      if (t.entity) expect(tag!.entityId).toBe(entityByName.get(nameOf.get(t.entity)!)!.id)
      if (t.credibility) expect(tag!.credibility).toBe(t.credibility)
    }

    const events = await db.events.where('caseId').equals(caseId).toArray()
    expect(events).toHaveLength((manifest.events ?? []).length)
    const tagIds = new Set(annotations.map((a) => a.id))
    const byTitle = new Map(events.map((e) => [e.title, e]))
    for (const m of manifest.events ?? []) {
      const e = byTitle.get(m.title)!
      expect(e.evidence).toHaveLength(m.evidence.length)
      for (const id of e.evidence) expect(tagIds.has(id)).toBe(true)
      if (m.when) expect(Number.isFinite(e.when?.start), m.title).toBe(true)
      expect(e.when?.resolvedFrom?.text).toBe(m.when?.expression)
    }
    const families = new Set(events.map((e) => familyOf(e.type)))
    expect(families).toContain('conflict')
    expect(families).toContain('cooperation')

    // Worked out by hand from the publication dates (Velmora UTC+2, Dravina UTC+3).
    // Ministry, published Mon 13 Oct 19:40 +03:00: "Today, at 15:00".
    const summons = byTitle.get(
      "Dravina summons Velmora's ambassador and hands him a note of protest",
    )
    expect(summons?.when).toMatchObject({
      start: Date.parse('2025-10-13T15:00:00+03:00'),
      precision: 'minute',
    })
    // Courier, published Wed 15 Oct 07:30 +02:00: "yesterday afternoon" = Tue 14 Oct 12–18.
    expect(byTitle.get('Dockworkers block Harbour Street outside Terminal 4')?.when).toMatchObject({
      start: Date.parse('2025-10-14T12:00:00+02:00'),
      end: Date.parse('2025-10-14T18:00:00+02:00'),
    })
    // Courier: "on October 2" = the whole of Thu 2 Oct in Saltmere.
    const tender = byTitle.get(
      'Port Authority tells OML the Terminal 4 concession will go to open tender',
    )
    expect(tender?.when).toMatchObject({
      start: Date.parse('2025-10-02T00:00:00+02:00'),
      end: Date.parse('2025-10-03T00:00:00+02:00'),
      precision: 'day',
    })
    // Radio, published Thu 16 Oct 08:10 +02:00: "last week" = Mon 6 – Sun 12 Oct.
    expect(
      byTitle.get('Customs hold three containers at Terminal 4 for inspection')?.when,
    ).toMatchObject({
      start: Date.parse('2025-10-06T00:00:00+02:00'),
      end: Date.parse('2025-10-13T00:00:00+02:00'),
    })

    // Nothing to undo: the sample is the starting point.
    expect(historyState(caseId)).toEqual({ undo: undefined, redo: undefined })
  })

  it('fails loudly on a quote that is not in its document, and leaves no case behind', async () => {
    const broken = copy()
    broken.tags![0] = { ...broken.tags![0]!, quote: 'the Republic of Atlantis' }
    await expect(openSampleCaseFrom(db, broken)).rejects.toThrow(
      /“the Republic of Atlantis”.*not in dravina-mfa-statement-ambassador-summoned\.md/,
    )
    expect(await db.cases.count()).toBe(0)
    expect(await db.documents.count()).toBe(0)
  })

  it('fails loudly on evidence beyond the last occurrence of its quote', async () => {
    const broken = copy()
    broken.events![0]!.evidence[0] = { ...broken.events![0]!.evidence[0]!, occurrence: 5 }
    await expect(openSampleCaseFrom(db, broken)).rejects.toThrow(/occurrence 5.*not in saltmere/)
  })

  it('fails loudly on a time expression that does not resolve', async () => {
    const broken = copy()
    // In the wire report ("ready to speak … at any time"), but not a date. ("for now" was used
    // here until the date finder learnt that "now" is the present, as TimeML's PRESENT_REF.)
    broken.events![0]!.when = {
      expression: 'at any time',
      file: 'cps-wire-dravina-summons-envoy.txt',
    }
    await expect(openSampleCaseFrom(db, broken)).rejects.toThrow(
      /“at any time” in cps-wire-dravina-summons-envoy\.txt does not resolve/,
    )
    expect(await db.cases.count()).toBe(0)
  })

  it('rejects a manifest whose event names an entity it does not define', async () => {
    const broken = copy()
    broken.events![0]!.initiators = ['atlantis']
    await expect(openSampleCaseFrom(db, broken)).rejects.toThrow(/“atlantis”/)
    expect(await db.cases.count()).toBe(0)
  })
})
