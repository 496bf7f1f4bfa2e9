import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CasefileDB } from '../db/schema'
import { eventPlaceIds } from '../domain/event-places'
import type { BriefingRecord } from '../domain/types'
import { EXPORT_FORMATS, exportFileName, exportSnapshot, findFormat } from './formats'
import { BriefingNotFoundError, selectBriefing } from './select'
import type { CaseSnapshot } from './snapshot'
import { realisticSnapshot } from './test-support'

let snapshot: CaseSnapshot
let db: CasefileDB
let narrow: BriefingRecord
beforeAll(async () => {
  ;({ snapshot, db } = await realisticSnapshot())
  const event = snapshot.events.find((e) => e.evidence.length && e.initiators.length)!
  narrow = {
    ...snapshot.briefings[0]!,
    id: 'b-narrow',
    title: 'One event',
    eventIds: [event.id],
    judgements: [],
  }
  snapshot = { ...snapshot, briefings: [...snapshot.briefings, narrow] }
})
afterAll(async () => {
  db.close()
  await db.delete()
})

describe("a briefing's selection", () => {
  it('keeps only its events and what they rest on: passages, documents, sources, actors', () => {
    const cut = selectBriefing(snapshot, narrow.id)
    expect(cut.events.map((e) => e.id)).toEqual(narrow.eventIds)
    const event = cut.events[0]!
    const involved = new Set([...event.initiators, ...event.targets, ...eventPlaceIds(event)])
    expect(cut.entities.map((e) => e.id).sort()).toEqual([...involved].sort())
    for (const r of cut.relations) {
      expect(involved.has(r.from) && involved.has(r.to)).toBe(true)
    }
    const allowed = new Set([...event.evidence, ...cut.relations.flatMap((r) => r.evidence)])
    expect(cut.annotations.length).toBeGreaterThan(0)
    for (const a of cut.annotations) expect(allowed.has(a.id)).toBe(true)
    const docs = new Set(cut.annotations.map((a) => a.docId))
    expect(cut.documents.map((d) => d.id).sort()).toEqual([...docs].sort())
    expect(cut.annotations.length).toBeLessThan(snapshot.annotations.length)
    expect(cut.events.length).toBeLessThan(snapshot.events.length)
    for (const s of cut.sources) expect(cut.documents.some((d) => d.sourceId === s.id)).toBe(true)
    expect(cut.briefings).toEqual([narrow])
    expect(cut.case).toBe(snapshot.case)
  })

  it("takes the events of the briefing's judgements too", () => {
    const other = snapshot.events.find((e) => e.id !== narrow.eventIds[0])!
    const judged: BriefingRecord = {
      ...narrow,
      id: 'b-judged',
      judgements: [
        { id: 'j', text: 'x', likelihood: 'likely', confidence: 'low', eventIds: [other.id] },
      ],
    }
    const cut = selectBriefing({ ...snapshot, briefings: [judged] }, judged.id)
    expect(cut.events.map((e) => e.id).sort()).toEqual([narrow.eventIds[0], other.id].sort())
  })

  it('says when the briefing is not in the case', () => {
    expect(() => selectBriefing(snapshot, 'nope')).toThrow(BriefingNotFoundError)
  })
})

describe('the format registry', () => {
  it('lists each open format once, with an extension and a MIME type', () => {
    const ids = EXPORT_FORMATS.map((f) => f.id)
    expect(ids).toEqual(['w3c', 'csv', 'gexf', 'graphml', 'stix'])
    for (const f of EXPORT_FORMATS) {
      expect(f.extension).toMatch(/^\.[a-z.]+$/)
      expect(f.mime).toMatch(/^[a-z]+\/[a-z+.-]+$/)
      expect(findFormat(f.id)).toBe(f)
    }
    expect(findFormat('misp')).toBeUndefined()
  })

  it("writes a briefing's selection, not the whole case, when asked", () => {
    const csv = findFormat('csv')!
    const whole = exportSnapshot(csv, snapshot) as string
    const cut = exportSnapshot(csv, snapshot, { briefingId: narrow.id }) as string
    expect(whole.trim().split('\r\n')).toHaveLength(snapshot.events.length + 1)
    expect(cut.trim().split('\r\n')).toHaveLength(2)
    const w3c = JSON.parse(
      exportSnapshot(findFormat('w3c')!, snapshot, { briefingId: narrow.id }) as string,
    ) as { id: string; label: string }
    expect(w3c.id).toContain(`:briefing:${narrow.id}`)
    expect(w3c.label).toBe(`${snapshot.case.title}: One event`)
  })

  it('names files after the case and briefing, safely', () => {
    const gexf = findFormat('gexf')!
    expect(exportFileName(gexf, 'Gulf / escalation: June')).toBe('Gulf  escalation June.gexf')
    expect(exportFileName(findFormat('w3c')!, 'Case', 'Brief 1')).toBe(
      'Case - Brief 1.annotations.jsonld',
    )
    expect(exportFileName(gexf, '///')).toBe('case.gexf')
  })
})
