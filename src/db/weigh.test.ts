import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportCase, importBackup, parseBackup, restoreBackup } from './backup'
import { addEvidence } from './events'
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
  it('marks a passage contradicting and second-hand, each undoable', async () => {
    const id = eventAt(MISSILE).evidence[0]!
    await setEvidenceStance(db, id, 'contradicts')
    await setSecondHand(db, id, '  state   TV ')
    expect(await db.annotations.get(id)).toMatchObject({
      stance: 'contradicts',
      secondHand: { outlet: 'state TV' },
    })
    await undo(db, caseId)
    expect((await db.annotations.get(id))?.secondHand).toBeUndefined()
    await setEvidenceStance(db, id, 'supports')
    expect(await db.annotations.get(id)).not.toHaveProperty('stance')
    await undo(db, caseId)
    await undo(db, caseId)
    expect(await db.annotations.get(id)).not.toHaveProperty('stance')
    await expect(setSecondHand(db, id, '   ')).rejects.toMatchObject({ code: 'INVALID' })
  })

  it('adds a passage as contradicting evidence in one undoable step', async () => {
    const passage = eventAt(MEETING).evidence[0]!
    await addEvidence(db, eventAt(STRIKES).id, [passage], 'contradicts')
    expect((await db.events.get(eventAt(STRIKES).id))?.evidence).toContain(passage)
    expect((await db.annotations.get(passage))?.stance).toBe('contradicts')
    await undo(db, caseId)
    expect((await db.events.get(eventAt(STRIKES).id))?.evidence).not.toContain(passage)
    expect(await db.annotations.get(passage)).not.toHaveProperty('stance')
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
    await setEvidenceStance(db, passage, 'contradicts')
    await setSecondHand(db, passage, 'Reuters')
    await markNotSame(db, caseId, eventAt(MISSILE).id, eventAt(STRIKES).id)
    const exact = (await db.annotations.get(passage))!.exact
    return exact
  }

  async function check(restoredCaseId: string, exact: string) {
    const tag = (await db.annotations.where({ caseId: restoredCaseId }).toArray()).find(
      (a) => a.exact === exact && a.kind === 'event',
    )
    expect(tag).toMatchObject({ stance: 'contradicts', secondHand: { outlet: 'Reuters' } })
    const events = await db.events.where({ caseId: restoredCaseId }).toArray()
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
