import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addEvidence, createEvent, deleteEvent, updateEvent, type EventInput } from './events'
import { undo } from './history'
import type { CasefileDB } from './schema'
import { storeWithDocument } from './test-fixtures'
import { createEntity, tagPassage } from './tags'

const TEXT = 'Iran fired missiles at the Al Udeid Air Base in Qatar on Monday.'
let db: CasefileDB
let caseId: string
let base: EventInput

beforeEach(async () => {
  const store = await storeWithDocument('test-events', TEXT)
  ;({ db, caseId } = store)
  const { docId } = store
  const iran = await createEntity(db, caseId, { name: 'Iran', kind: 'state' })
  const us = await createEntity(db, caseId, { name: 'United States', kind: 'state' })
  const base_ = await createEntity(db, caseId, { name: 'Al Udeid Air Base', kind: 'location' })
  const { annotation } = await tagPassage(db, { docId, start: 0, end: 21, kind: 'event' })
  base = {
    title: 'Missile strike on Al Udeid',
    type: 'assault/strike',
    initiators: [iran.id],
    targets: [us.id],
    locationIds: [base_.id],
    when: {
      start: Date.UTC(2025, 5, 23),
      end: Date.UTC(2025, 5, 24),
      precision: 'day',
      approximate: false,
    },
    evidence: [annotation.id],
  }
})
afterEach(async () => {
  await db.delete()
})

describe('events', () => {
  it('creates, edits, adds evidence and deletes, each undoable', async () => {
    const e = await createEvent(db, caseId, base)
    expect(await db.events.get(e.id)).toMatchObject({
      title: base.title,
      initiators: base.initiators,
    })
    const edited = await updateEvent(db, e.id, {
      ...base,
      title: '  Strike  on the base ',
      confidence: 2,
    })
    expect(edited).toMatchObject({ title: 'Strike on the base', confidence: 2 })
    await addEvidence(db, e.id, base.evidence) // already there: no change, no undo step
    await undo(db, caseId)
    expect((await db.events.get(e.id))?.title).toBe(base.title)
    await deleteEvent(db, e.id)
    expect(await db.events.get(e.id)).toBeUndefined()
    await undo(db, caseId)
    expect(await db.events.get(e.id)).toBeDefined()
  })

  it('an edit that leaves a field empty clears it (date, place, grade, notes)', async () => {
    const e = await createEvent(db, caseId, { ...base, confidence: 2, notes: 'Check' })
    const {
      when: _w,
      locationIds: _l,
      confidence: _c,
      notes: _n,
      ...bare
    } = {
      ...base,
      confidence: 2,
      notes: 'Check',
    }
    const edited = await updateEvent(db, e.id, bare)
    const stored = await db.events.get(e.id)
    for (const r of [edited, stored!]) {
      expect(r.when).toBeUndefined()
      expect(r.locationIds).toBeUndefined()
      expect(r.locationId).toBeUndefined()
      expect(r.confidence).toBeUndefined()
      expect(r.notes).toBeUndefined()
      expect([r.id, r.caseId, r.createdAt]).toEqual([e.id, e.caseId, e.createdAt])
    }
    await undo(db, caseId)
    expect(await db.events.get(e.id)).toMatchObject({ confidence: 2, notes: 'Check' })
  })

  it('refuses missing references, an empty title, and an end before the start; stores nothing', async () => {
    await expect(createEvent(db, caseId, { ...base, initiators: ['gone'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(
      createEvent(db, caseId, { ...base, locationIds: [base.initiators[0]!] }),
    ).resolves.toBeDefined() // a state may be named as where something happened
    await expect(createEvent(db, caseId, { ...base, evidence: ['gone'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(createEvent(db, caseId, { ...base, title: ' ' })).rejects.toMatchObject({
      code: 'INVALID',
    })
    await expect(
      createEvent(db, caseId, { ...base, when: { ...base.when!, end: base.when!.start - 1 } }),
    ).rejects.toMatchObject({ code: 'INVALID' })
    // A location cannot act.
    await expect(
      createEvent(db, caseId, { ...base, initiators: [base.locationIds![0]!] }),
    ).rejects.toMatchObject({ code: 'INVALID' })
    await expect(
      createEvent(db, caseId, { ...base, locationIds: [...base.locationIds!, 'gone'] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await db.events.count()).toBe(1)
  })

  it('keeps several places, and an edit of an old one-place record writes the new shape', async () => {
    const second = await createEntity(db, caseId, { name: 'Doha', kind: 'location' })
    const e = await createEvent(db, caseId, {
      ...base,
      locationIds: [base.locationIds![0]!, second.id],
    })
    expect((await db.events.get(e.id))?.locationIds).toEqual([base.locationIds![0], second.id])
    // A record as older versions wrote it: one place under `locationId`.
    const { locationIds: _ids, ...old } = (await db.events.get(e.id))!
    await db.events.put({ ...old, locationId: second.id })
    const edited = await updateEvent(db, e.id, { ...base, locationIds: [second.id] })
    expect(edited.locationIds).toEqual([second.id])
    expect(edited.locationId).toBeUndefined()
  })
})
