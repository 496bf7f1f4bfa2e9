import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { historyState, undo } from './history'
import type { CasefileDB } from './schema'
import { storeWithDocument } from './test-fixtures'
import { acceptSuggestions, allowSuggest, neverSuggest } from './suggestions'

const TEXT = 'Iran struck. Iran denied it. Qatar closed its airspace.'
let db: CasefileDB
let caseId: string
let docId: string

beforeEach(async () => {
  ;({ db, caseId, docId } = await storeWithDocument('test-suggestions', TEXT))
})
afterEach(async () => {
  await db.delete()
})

describe('accepting suggestions', () => {
  it('tags every occurrence, linked to one new entity, as one undoable action', async () => {
    const made = await acceptSuggestions(db, {
      docId,
      kind: 'actor',
      spans: [
        { start: 0, end: 4 },
        { start: 13, end: 17 },
      ],
      newEntity: { name: 'Iran', kind: 'state' },
    })
    expect(made.map((a) => a.exact)).toEqual(['Iran', 'Iran'])
    const entities = await db.entities.toArray()
    expect(entities).toHaveLength(1)
    expect(new Set(made.map((a) => a.entityId))).toEqual(new Set([entities[0]!.id]))
    expect(historyState(caseId).undo).toBe('Accept 2 suggestions “Iran”')
    await undo(db, caseId)
    expect(await db.annotations.count()).toBe(0)
    expect(await db.entities.count()).toBe(0)
  })

  it('skips spans already tagged with the same kind', async () => {
    await acceptSuggestions(db, { docId, kind: 'location', spans: [{ start: 29, end: 34 }] })
    const again = await acceptSuggestions(db, {
      docId,
      kind: 'location',
      spans: [{ start: 29, end: 34 }],
    })
    expect(again).toEqual([])
    expect(await db.annotations.count()).toBe(1)
  })

  it('keeps a never-suggest list on the case, undoably', async () => {
    await neverSuggest(db, caseId, '  The  Pentagon ')
    expect((await db.cases.get(caseId))?.neverSuggest).toEqual(['the pentagon'])
    await neverSuggest(db, caseId, 'the pentagon')
    expect((await db.cases.get(caseId))?.neverSuggest).toEqual(['the pentagon'])
    await allowSuggest(db, caseId, 'The Pentagon')
    expect((await db.cases.get(caseId))?.neverSuggest).toEqual([])
    await undo(db, caseId)
    expect((await db.cases.get(caseId))?.neverSuggest).toEqual(['the pentagon'])
  })
})
