import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  addAchRows,
  addHypothesis,
  citeAchVersion,
  rateAch,
  removeHypothesis,
  saveAchVersion,
  setAchRelevance,
} from './ach'
import { exportCase, parseBackup, restoreBackup } from './backup'
import { diffAch, parseAchSnapshot, type AchSnapshot } from '../domain/ach'
import { addJudgement, createBriefing } from './briefings'
import { StoreError } from './errors'
import { undo } from './history'
import { CasefileDB } from './schema'
import { seedRealisticCase, type SeededCase } from './test-fixtures'

let db: CasefileDB
let seeded: SeededCase
let caseId: string
let n = 0
beforeEach(async () => {
  db = new CasefileDB(`test-ach-${++n}`)
  await db.open()
  seeded = await seedRealisticCase(db)
  caseId = seeded.caseRecord.id
})
afterEach(async () => {
  db.close()
  await db.delete()
})

async function matrix() {
  return (await db.cases.get(caseId))?.ach
}

describe('the matrix of competing hypotheses', () => {
  it('adds hypotheses and evidence, rates cells and relevance, each step undoable', async () => {
    const h1 = await addHypothesis(db, caseId, '  Retaliation  for the strikes ')
    const h2 = await addHypothesis(db, caseId, 'A signal, not an attack')
    const event = seeded.events[0]!
    const tag = seeded.annotations[0]!
    await addAchRows(db, caseId, [
      { kind: 'event', refId: event.id },
      { kind: 'annotation', refId: tag.id },
    ])
    await rateAch(db, caseId, event.id, h1, 'CC')
    await rateAch(db, caseId, event.id, h2, 'I')
    await setAchRelevance(db, caseId, event.id, 'high')
    const m = await matrix()
    expect(m?.hypotheses.map((h) => h.text)).toEqual([
      'Retaliation for the strikes',
      'A signal, not an attack',
    ])
    expect(m?.rows).toEqual([
      { kind: 'event', refId: event.id, relevance: 'high', cells: { [h1]: 'CC', [h2]: 'I' } },
      { kind: 'annotation', refId: tag.id, relevance: 'medium', cells: {} },
    ])
    await undo(db, caseId)
    expect((await matrix())?.rows[0]?.relevance).toBe('medium')
    await undo(db, caseId)
    expect((await matrix())?.rows[0]?.cells).toEqual({ [h1]: 'CC' })
  })

  it('removing a hypothesis removes its ratings', async () => {
    const h1 = await addHypothesis(db, caseId, 'One')
    const h2 = await addHypothesis(db, caseId, 'Two')
    const event = seeded.events[0]!
    await addAchRows(db, caseId, [{ kind: 'event', refId: event.id }])
    await rateAch(db, caseId, event.id, h1, 'C')
    await rateAch(db, caseId, event.id, h2, 'II')
    await removeHypothesis(db, caseId, h2)
    const m = await matrix()
    expect(m?.hypotheses.map((h) => h.id)).toEqual([h1])
    expect(m?.rows[0]?.cells).toEqual({ [h1]: 'C' })
  })

  it('refuses evidence from another case, an unknown cell and an empty hypothesis', async () => {
    const other = await seedRealisticCase(db, 'Other')
    await expect(
      addAchRows(db, caseId, [{ kind: 'event', refId: other.events[0]!.id }]),
    ).rejects.toBeInstanceOf(StoreError)
    await expect(rateAch(db, caseId, 'nope', 'nope', 'C')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(addHypothesis(db, caseId, '   ')).rejects.toMatchObject({ code: 'INVALID' })
    expect(await matrix()).toBeUndefined()
  })

  it('survives a backup round trip, rows pointed at the restored events and passages', async () => {
    const h1 = await addHypothesis(db, caseId, 'Retaliation')
    const event = seeded.events[0]!
    const tag = seeded.annotations[0]!
    await addAchRows(db, caseId, [
      { kind: 'event', refId: event.id },
      { kind: 'annotation', refId: tag.id },
    ])
    await rateAch(db, caseId, event.id, h1, 'C')
    await saveAchVersion(db, caseId, 'Before the briefing', '{"hypotheses":[],"rows":[]}')
    const bytes = await exportCase(db, caseId)
    expect(parseBackup(bytes).ok).toBe(true)
    const restored = await restoreBackup(db, new Blob([bytes as BlobPart]).stream())
    if (!restored.ok) throw new Error(restored.error.message)
    const copy = (await db.cases.get(restored.value.caseId))?.ach
    expect(copy?.hypotheses).toEqual([{ id: h1, text: 'Retaliation' }])
    expect(copy?.versions.map((v) => v.label)).toEqual(['Before the briefing'])
    const [eventRow, tagRow] = copy!.rows
    const restoredEvent = await db.events.get(eventRow!.refId)
    const restoredTag = await db.annotations.get(tagRow!.refId)
    expect(restoredEvent?.caseId).toBe(restored.value.caseId)
    expect(restoredEvent?.title).toBe(event.title)
    expect(restoredTag?.exact).toBe(tag.exact)
    expect(eventRow?.cells).toEqual({ [h1]: 'C' })
  })

  it('points saved versions at the restored evidence, so nothing reads as changed after a restore', async () => {
    const h1 = await addHypothesis(db, caseId, 'Retaliation')
    const [e1, e2] = seeded.events
    await addAchRows(db, caseId, [
      { kind: 'event', refId: e1!.id },
      { kind: 'event', refId: e2!.id },
    ])
    await rateAch(db, caseId, e1!.id, h1, 'C')
    const snapshot = (m: Awaited<ReturnType<typeof matrix>>): AchSnapshot => ({
      hypotheses: m!.hypotheses,
      rows: m!.rows.map((r) => ({
        id: r.refId,
        label: r.refId,
        relevance: r.relevance,
        cells: r.cells,
      })),
    })
    await saveAchVersion(db, caseId, 'v1', JSON.stringify(snapshot(await matrix())))
    const bytes = await exportCase(db, caseId)
    const restored = await restoreBackup(db, new Blob([bytes as BlobPart]).stream())
    if (!restored.ok) throw new Error(restored.error.message)
    const copy = (await db.cases.get(restored.value.caseId))?.ach
    const saved = parseAchSnapshot(copy!.versions[0]!.snapshot)!
    expect(saved.rows.map((r) => r.id)).toEqual(copy!.rows.map((r) => r.refId))
    expect(saved.rows.map((r) => r.id)).not.toContain(e1!.id)
    // The restored matrix against its own saved version: no row added or removed.
    const diff = diffAch(saved, snapshot(copy))
    expect(diff.rowsAdded).toEqual([])
    expect(diff.rowsRemoved).toEqual([])
  })

  it('leaves out rows whose evidence was deleted when backing up', async () => {
    const event = seeded.events[0]!
    await addAchRows(db, caseId, [{ kind: 'event', refId: event.id }])
    await db.events.delete(event.id)
    const parsed = parseBackup(await exportCase(db, caseId))
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.value.case.ach?.rows).toEqual([])
  })

  it('lets a key judgement cite a saved version, undoably, and keeps it through a backup', async () => {
    const h1 = await addHypothesis(db, caseId, 'Retaliation')
    const event = seeded.events[0]!
    await addAchRows(db, caseId, [{ kind: 'event', refId: event.id }])
    await rateAch(db, caseId, event.id, h1, 'C')
    await saveAchVersion(db, caseId, 'Before the briefing', '{"hypotheses":[],"rows":[]}')
    const version = (await matrix())!.versions[0]!
    const briefing = await createBriefing(db, caseId)
    const j = await addJudgement(db, briefing.id, {
      text: 'Iran retaliated.',
      likelihood: 'likely',
      confidence: 'moderate',
      eventIds: [],
    })
    const judgement = async (briefingId = briefing.id) =>
      (await db.briefings.get(briefingId))?.judgements.find((x) => x.id === j.id)

    await citeAchVersion(db, briefing.id, j.id, version.id)
    expect((await judgement())?.achVersion).toEqual({ id: version.id, at: version.at })
    await expect(citeAchVersion(db, briefing.id, j.id, 'no-such-version')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })

    const bytes = await exportCase(db, caseId)
    const restored = await restoreBackup(db, new Blob([bytes as BlobPart]).stream())
    if (!restored.ok) throw new Error(restored.error.message)
    // The seeded case has briefings of its own: find the restored copy of this judgement.
    const copies = await db.briefings.where('caseId').equals(restored.value.caseId).toArray()
    const copied = copies.flatMap((b) => b.judgements).find((x) => x.text === 'Iran retaliated.')
    const copyMatrix = (await db.cases.get(restored.value.caseId))?.ach
    expect(copied?.achVersion).toEqual({ id: version.id, at: version.at })
    // The cited version is in the restored case's matrix, so the restored briefing prints it.
    expect(copyMatrix?.versions.map((v) => v.id)).toContain(copied?.achVersion?.id)

    await citeAchVersion(db, briefing.id, j.id, null)
    expect((await judgement())?.achVersion).toBeUndefined()
    expect(Object.keys((await judgement())!)).not.toContain('achVersion')
    await undo(db, caseId)
    expect((await judgement())?.achVersion).toEqual({ id: version.id, at: version.at })
    await undo(db, caseId)
    expect((await judgement())?.achVersion).toBeUndefined()
  })
})
