import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportCase, importBackup, parseBackup, restoreBackup } from './backup'
import { addEvidence, updateEvent } from './events'
import { clearHistory, undo } from './history'
import { CasefileDB } from './schema'
import { seedRealisticCase, type SeededCase } from './test-fixtures'
import {
  markNotSame,
  mergeEventPair,
  setEventCredibility,
  setEvidenceStance,
  setSecondHand,
} from './weigh'

let db: CasefileDB
let seeded: SeededCase
let caseId: string
let n = 0

beforeEach(async () => {
  clearHistory()
  db = new CasefileDB(`test-weigh-${++n}`)
  await db.open()
  seeded = await seedRealisticCase(db)
  caseId = seeded.caseRecord.id
})
afterEach(async () => {
  await db.delete()
})

const [STRIKES, MEETING, MISSILE] = [0, 1, 2]
const eventAt = (i: number) => seeded.events[i]!

describe('stance and second-hand', () => {
  it('marks a passage contradicting one event and second-hand, each undoable', async () => {
    const event = eventAt(MISSILE)
    const id = event.evidence[0]!
    await setEvidenceStance(db, { table: 'events', id: event.id }, id, 'contradicts')
    await setSecondHand(db, id, '  state   TV ')
    expect((await db.events.get(event.id))?.stances).toEqual({ [id]: 'contradicts' })
    // The stance is the event's, not the passage's.
    expect(await db.annotations.get(id)).not.toHaveProperty('stance')
    expect((await db.annotations.get(id))?.secondHand).toEqual({ outlet: 'state TV' })
    await undo(db, caseId)
    expect((await db.annotations.get(id))?.secondHand).toBeUndefined()
    await setEvidenceStance(db, { table: 'events', id: event.id }, id, 'supports')
    expect(await db.events.get(event.id)).not.toHaveProperty('stances')
    await undo(db, caseId)
    expect((await db.events.get(event.id))?.stances).toEqual({ [id]: 'contradicts' })
    await undo(db, caseId)
    expect(await db.events.get(event.id)).toEqual(event)
    await expect(setSecondHand(db, id, '   ')).rejects.toMatchObject({ code: 'INVALID' })
  })

  it('lets one passage support one event and contradict another', async () => {
    const passage = eventAt(MEETING).evidence[0]!
    await addEvidence(db, eventAt(STRIKES).id, [passage], 'contradicts')
    const strikes = await db.events.get(eventAt(STRIKES).id)
    expect(strikes?.evidence).toContain(passage)
    expect(strikes?.stances).toEqual({ [passage]: 'contradicts' })
    // The meeting it was tagged for still has it as support.
    expect(await db.events.get(eventAt(MEETING).id)).toEqual(eventAt(MEETING))
    await undo(db, caseId)
    expect(await db.events.get(eventAt(STRIKES).id)).toEqual(eventAt(STRIKES))
  })

  it('refuses a stance for a passage the event does not cite', async () => {
    const passage = eventAt(MEETING).evidence[0]!
    await expect(
      setEvidenceStance(db, { table: 'events', id: eventAt(STRIKES).id }, passage, 'contradicts'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('reads a stance set on the passage by an older case, and can override it per event', async () => {
    const event = eventAt(MISSILE)
    const id = event.evidence[0]!
    await db.annotations.update(id, { stance: 'contradicts' })
    await setEvidenceStance(db, { table: 'events', id: event.id }, id, 'supports')
    expect((await db.events.get(event.id))?.stances).toEqual({ [id]: 'supports' })
    await setEvidenceStance(db, { table: 'events', id: event.id }, id, 'contradicts')
    expect(await db.events.get(event.id)).not.toHaveProperty('stances')
  })

  it('keeps the stances of passages still cited when the event is edited, and drops the rest', async () => {
    const event = eventAt(STRIKES)
    const first = event.evidence[0]!
    const second = eventAt(MEETING).evidence[0]!
    await setEvidenceStance(db, { table: 'events', id: event.id }, first, 'contradicts')
    await addEvidence(db, event.id, [second], 'contradicts')
    expect((await db.events.get(event.id))?.stances).toEqual({
      [first]: 'contradicts',
      [second]: 'contradicts',
    })
    const current = (await db.events.get(event.id))!
    await updateEvent(db, event.id, {
      title: current.title,
      type: current.type,
      initiators: current.initiators,
      targets: current.targets,
      evidence: [second],
      ...(current.when ? { when: current.when } : {}),
    })
    expect((await db.events.get(event.id))?.stances).toEqual({ [second]: 'contradicts' })
  })

  it('sets an event’s credibility from a suggestion, undoably', async () => {
    await setEventCredibility(db, eventAt(STRIKES).id, 1)
    expect((await db.events.get(eventAt(STRIKES).id))?.confidence).toBe(1)
    await undo(db, caseId)
    expect((await db.events.get(eventAt(STRIKES).id))?.confidence).toBe(2)
  })
})

describe('merge and not-the-same', () => {
  it('merges two events, points briefings at the kept one, and undoes it all', async () => {
    const keep = eventAt(MISSILE)
    const drop = eventAt(STRIKES)
    const briefing = seeded.briefings[0]!
    await db.briefings.put({ ...briefing, eventIds: [drop.id, keep.id] })
    const merged = await mergeEventPair(db, keep.id, drop.id, 'union')
    expect(merged.evidence).toEqual([...new Set([...keep.evidence, ...drop.evidence])])
    expect(merged.initiators).toEqual([...new Set([...keep.initiators, ...drop.initiators])])
    expect(merged.when!.start).toBe(drop.when!.start)
    expect(await db.events.get(drop.id)).toBeUndefined()
    expect((await db.briefings.get(briefing.id))?.eventIds).toEqual([keep.id])
    await undo(db, caseId)
    expect(await db.events.get(drop.id)).toEqual(drop)
    expect(await db.events.get(keep.id)).toEqual(keep)
    expect((await db.briefings.get(briefing.id))?.eventIds).toEqual([drop.id, keep.id])
  })

  it('remembers "not the same" on the case, once, undoably', async () => {
    const [a, b] = [eventAt(MISSILE).id, eventAt(STRIKES).id]
    await markNotSame(db, caseId, a, b)
    await markNotSame(db, caseId, b, a)
    expect((await db.cases.get(caseId))?.notSameEvents).toEqual([[a, b].sort()])
    // The second call changed nothing, so one undo takes the pair off.
    await undo(db, caseId)
    expect((await db.cases.get(caseId))?.notSameEvents).toBeUndefined()
  })
})

describe('backup round trip', () => {
  async function weighed() {
    const passage = eventAt(MISSILE).evidence[0]!
    await setEvidenceStance(
      db,
      { table: 'events', id: eventAt(MISSILE).id },
      passage,
      'contradicts',
    )
    await setSecondHand(db, passage, 'Reuters')
    await markNotSame(db, caseId, eventAt(MISSILE).id, eventAt(STRIKES).id)
    const exact = (await db.annotations.get(passage))!.exact
    return exact
  }

  async function check(restoredCaseId: string, exact: string) {
    const tag = (await db.annotations.where({ caseId: restoredCaseId }).toArray()).find(
      (a) => a.exact === exact && a.kind === 'event',
    )
    expect(tag).toMatchObject({ secondHand: { outlet: 'Reuters' } })
    const events = await db.events.where({ caseId: restoredCaseId }).toArray()
    const missile = events.find((e) => e.title === eventAt(MISSILE).title)!
    expect(missile.stances).toEqual({ [tag!.id]: 'contradicts' })
    const idOf = (title: string) => events.find((e) => e.title === title)!.id
    const pair = [idOf(eventAt(MISSILE).title), idOf(eventAt(STRIKES).title)].sort()
    expect((await db.cases.get(restoredCaseId))?.notSameEvents).toEqual([pair])
  }

  it('keeps stance, second-hand and "not the same" (remapped) through export and import', async () => {
    const exact = await weighed()
    const parsed = parseBackup(await exportCase(db, caseId))
    if (!parsed.ok) throw new Error(parsed.error.message)
    const restored = await importBackup(db, parsed.value)
    await check(restored.caseId, exact)
  })

  it('keeps them through a streamed restore too, and drops pairs of deleted events', async () => {
    const exact = await weighed()
    const bytes = await exportCase(db, caseId)
    const result = await restoreBackup(db, new Blob([new Uint8Array(bytes)]).stream())
    if (!result.ok) throw new Error(result.error.message)
    await check(result.value.caseId, exact)
    await db.events.delete(eventAt(STRIKES).id)
    const parsed = parseBackup(await exportCase(db, caseId))
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.value.case.notSameEvents).toBeUndefined()
  })
})
