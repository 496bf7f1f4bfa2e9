import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportCase, parseBackup } from '../db/backup'
import { CasefileDB } from '../db/schema'
import { StoreError } from '../db/errors'
import { seedRealisticCase } from '../db/test-fixtures'
import { loadCaseSnapshot, snapshotFromBackup } from './snapshot'

let db: CasefileDB
beforeEach(async () => {
  db = new CasefileDB(`snapshot-${Math.random()}`)
  await db.open()
})
afterEach(async () => {
  db.close()
  await db.delete()
})

describe('case snapshot', () => {
  it('reads a case from the store with texts joined, and the same records from its backup', async () => {
    const seeded = await seedRealisticCase(db)
    const caseId = seeded.caseRecord.id
    const fromStore = await loadCaseSnapshot(db, caseId)
    expect(fromStore.documents.length).toBeGreaterThan(0)
    for (const d of fromStore.documents) expect(d.text.length).toBeGreaterThan(0)
    expect(fromStore.events.length).toBeGreaterThan(0)

    const parsed = parseBackup(await exportCase(db, caseId))
    if (!parsed.ok) throw new Error(parsed.error.message)
    const fromFile = snapshotFromBackup(parsed.value)
    expect(fromFile.case.id).toBe(caseId)
    expect(fromFile.documents.map((d) => d.text).sort()).toEqual(
      fromStore.documents.map((d) => d.text).sort(),
    )
    expect(fromFile.events.map((e) => e.id).sort()).toEqual(
      fromStore.events.map((e) => e.id).sort(),
    )
  })

  it('says when the case does not exist', async () => {
    await expect(loadCaseSnapshot(db, 'nope')).rejects.toBeInstanceOf(StoreError)
  })
})
