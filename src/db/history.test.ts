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

describe('flushing change-log entries early', () => {
  it('writes the entries recorded so far inside the action, each once, with one time and group', async () => {
    const { db, caseId } = await freshCase()
    const rows = [0, 1, 2].map((i) => ({ id: `text-f${i}`, caseId, text: `flushed ${i}` }))
    let seenInside = -1
    await recordAction(db, caseId, 'Write three', ['texts'], async (record, flush) => {
      await db.texts.bulkAdd(rows.slice(0, 2))
      for (const r of rows.slice(0, 2))
        record({ op: 'create', table: 'texts', recordId: r.id, after: r })
      await flush()
      seenInside = await db.changes
        .where({ caseId })
        .filter((c) => c.table === 'texts')
        .count()
      await db.texts.add(rows[2]!)
      record({ op: 'create', table: 'texts', recordId: rows[2]!.id, after: rows[2] })
    })
    expect(seenInside).toBe(2)
    const logged = await db.changes
      .where({ caseId })
      .filter((c) => c.table === 'texts')
      .toArray()
    expect(logged.map((c) => c.recordId)).toEqual(rows.map((r) => r.id))
    expect(new Set(logged.map((c) => c.group)).size).toBe(1)
    expect(new Set(logged.map((c) => c.at)).size).toBe(1)
    await undo(db, caseId)
    expect(await db.texts.where({ caseId }).count()).toBe(0)
  })

  it('leaves no change-log entry behind when the action fails after a flush', async () => {
    const { db, caseId } = await freshCase()
    const before = await db.changes.count()
    const row = { id: 'text-doomed', caseId, text: 'doomed' }
    await expect(
      recordAction(db, caseId, 'Doomed', ['texts'], async (record, flush) => {
        await db.texts.add(row)
        record({ op: 'create', table: 'texts', recordId: row.id, after: row })
        void flush()
        throw new Error('refused later')
      }),
    ).rejects.toThrow(/refused later/)
    expect(await db.changes.count()).toBe(before)
    expect(await db.texts.get(row.id)).toBeUndefined()
    expect(historyState(caseId).undo).toBeUndefined()
  })
})
