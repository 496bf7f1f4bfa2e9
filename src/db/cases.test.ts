import { describe, expect, it } from 'vitest'
import { freshDbEachTest } from '../test/store'
import { caseContents, createCase, deleteCase, DERIVED_CASE_TABLES } from './cases'
import { CASE_TABLES } from './schema'

const db = freshDbEachTest('cases')

describe('caseContents', () => {
  it('counts one of everything a case holds, as the deletion removes it', async () => {
    const d = db()
    const { id: caseId } = await createCase(d, 'One of each')
    await d.cases.update(caseId, {
      ach: { hypotheses: [{ id: 'h1', text: 'An accident' }], rows: [], versions: [] },
    })
    const other = await createCase(d, 'Another')
    const derived: readonly string[] = DERIVED_CASE_TABLES
    const counted = CASE_TABLES.filter((t) => !derived.includes(t))
    for (const t of counted) {
      // One row of this case (the change log already has the creation's), one of another.
      if (t !== 'changes') await d.table(t).add({ id: `${t}-1`, caseId })
      await d
        .table(t)
        .add(t === 'changes' ? { caseId: other.id } : { id: `${t}-2`, caseId: other.id })
    }
    const n = await caseContents(d, caseId)
    const expected = Object.fromEntries(counted.map((t) => [t, 1]))
    expect(n).toEqual({ ...expected, hypotheses: 1 })
    // Every table the deletion clears is counted or derived from one that is.
    expect([...Object.keys(n), ...DERIVED_CASE_TABLES].sort()).toEqual(
      [...CASE_TABLES, 'hypotheses'].sort(),
    )
    // And the deletion removes what was counted.
    await deleteCase(d, caseId)
    for (const t of counted) expect(await d.table(t).where('caseId').equals(caseId).count()).toBe(0)
  })
})
