import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportCase, importBackup, parseBackup } from './backup'
import { createCase } from './cases'
import { clearHistory, undo } from './history'
import { CasefileDB } from './schema'
import { lastPull, recordTeamServerPull } from './team-server'

let db: CasefileDB
let n = 0
beforeEach(async () => {
  db = new CasefileDB(`test-team-server-${++n}`)
  await db.open()
})
afterEach(async () => {
  clearHistory()
  await db.delete()
})

const TEAM = 'http://127.0.0.1:9000/casefile/collections/17990016-888a-470d-9267-3b21ef173322/'
const FEED = 'https://taxii.example.org/root/collections/feed/'

describe('where the last pull ended', () => {
  it('is kept per collection, replaced by the next pull, and undoable', async () => {
    const c = await createCase(db, 'Pulls')
    await recordTeamServerPull(db, c.id, {
      collectionUrl: TEAM,
      addedLast: '2026-01-02T03:04:05.123456Z',
      title: 'casefile-team',
    })
    await recordTeamServerPull(db, c.id, {
      collectionUrl: FEED,
      addedLast: '2026-01-01T00:00:00Z',
      title: 'feed',
    })
    await recordTeamServerPull(db, c.id, {
      collectionUrl: TEAM,
      addedLast: '2026-01-03T00:00:00.000001Z',
      title: 'casefile-team',
    })
    let record = await db.cases.get(c.id)
    expect(lastPull(record, TEAM)).toBe('2026-01-03T00:00:00.000001Z')
    expect(lastPull(record, FEED)).toBe('2026-01-01T00:00:00Z')
    expect(record?.teamServerPulls).toHaveLength(2)
    await undo(db, c.id)
    record = await db.cases.get(c.id)
    expect(lastPull(record, TEAM)).toBe('2026-01-02T03:04:05.123456Z')
  })

  it('survives a backup round trip', async () => {
    const c = await createCase(db, 'Round trip')
    await recordTeamServerPull(db, c.id, {
      collectionUrl: TEAM,
      addedLast: '2026-01-02T03:04:05.123456Z',
      title: 'casefile-team',
    })
    const parsed = parseBackup(await exportCase(db, c.id))
    if (!parsed.ok) throw new Error(parsed.error.message)
    const restored = await importBackup(db, parsed.value)
    const record = await db.cases.get(restored.caseId)
    expect(record?.teamServerPulls).toEqual([
      { collectionUrl: TEAM, addedLast: '2026-01-02T03:04:05.123456Z', at: expect.any(Number) },
    ])
  })

  it('refuses a collection URL with credentials in it', async () => {
    const c = await createCase(db, 'Strict')
    await expect(
      recordTeamServerPull(db, c.id, {
        collectionUrl: 'https://user:pw@taxii.example.org/c/',
        addedLast: '2026-01-02T03:04:05Z',
        title: 't',
      }),
    ).rejects.toThrow()
  })
})
