import { afterEach, describe, expect, it } from 'vitest'
import { createCase } from './cases'
import {
  approximateBytes,
  clearHistory,
  historyBytes,
  historyState,
  historySteps,
  recordAction,
  undo,
  UNDO_LIMITS,
} from './history'
import { CasefileDB } from './schema'

let db: CasefileDB | undefined
let n = 0
afterEach(async () => {
  clearHistory()
  await db?.delete()
  db = undefined
})

async function freshCase() {
  clearHistory()
  db = new CasefileDB(`test-history-${++n}`)
  await db.open()
  return { db, caseId: (await createCase(db, 'Case')).id }
}

/** One undoable step that writes a text of `chars` characters, as "Replace text" does. */
function writeText(d: CasefileDB, caseId: string, i: number, chars: number) {
  const row = { id: `text-${i}`, caseId, text: String(i % 10).repeat(chars) }
  return recordAction(d, caseId, `Write text ${i}`, ['texts'], async (record) => {
    await d.texts.put(row)
    record({ op: 'create', table: 'texts', recordId: row.id, after: row })
  })
}

describe('the undo stack', () => {
  it('counts strings as UTF-16 bytes', () => {
    expect(approximateBytes('x'.repeat(1000))).toBe(2000)
    expect(approximateBytes({ text: 'ab' })).toBeGreaterThanOrEqual(4)
  })

  it(`is capped by bytes (${UNDO_LIMITS.bytes / 2 ** 20} MiB), not only by count`, async () => {
    const { db, caseId } = await freshCase()
    // Each step holds a 1 M-character text: 2 MiB, like one text replacement.
    const chars = 2 ** 20
    const steps = 40
    for (let i = 0; i < steps; i++) await writeText(db, caseId, i, chars)
    expect(historyBytes()).toBeLessThanOrEqual(UNDO_LIMITS.bytes)
    expect(historyBytes()).toBeGreaterThan(UNDO_LIMITS.bytes - 2 * 2 * chars)
    const kept = historySteps()
    expect(kept).toBeLessThan(steps)
    expect(kept).toBeGreaterThanOrEqual(Math.floor(UNDO_LIMITS.bytes / (2 * chars)) - 1)
    // The newest steps are the ones kept, and they still undo.
    expect(historyState(caseId).undo).toBe(`Write text ${steps - 1}`)
    await undo(db, caseId)
    expect(await db.texts.get(`text-${steps - 1}`)).toBeUndefined()
  })

  it('keeps the newest step even when it alone is over the budget', async () => {
    const { db, caseId } = await freshCase()
    await writeText(db, caseId, 0, 10)
    await writeText(db, caseId, 1, UNDO_LIMITS.bytes / 2 + 1)
    expect(historySteps()).toBe(1)
    expect(historyState(caseId).undo).toBe('Write text 1')
  })

  it(`is still capped by count (${UNDO_LIMITS.steps} steps)`, async () => {
    const { db, caseId } = await freshCase()
    for (let i = 0; i < UNDO_LIMITS.steps + 5; i++) await writeText(db, caseId, i, 1)
    expect(historySteps()).toBe(UNDO_LIMITS.steps)
  })
})
