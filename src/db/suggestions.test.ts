import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { historyState, redo, undo } from './history'
import { replaceDocumentText } from './reanchor'
import type { CasefileDB } from './schema'
import { sha256Hex, storeWithDocument } from './test-fixtures'
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
        { start: 0, end: 4, exact: 'Iran' },
        { start: 13, end: 17, exact: 'Iran' },
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
    await acceptSuggestions(db, {
      docId,
      kind: 'location',
      spans: [{ start: 29, end: 34, exact: 'Qatar' }],
    })
    const again = await acceptSuggestions(db, {
      docId,
      kind: 'location',
      spans: [{ start: 29, end: 34, exact: 'Qatar' }],
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

  describe('after Replace text', () => {
    // The same length, other words at the offsets where the suggestions were found.
    const NEXT = 'Oman struck. Oman denied it. Yemen closed its airspace.'
    const iran = [
      { start: 0, end: 4, exact: 'Iran' },
      { start: 13, end: 17, exact: 'Iran' },
    ]

    async function replace(text: string) {
      await replaceDocumentText(db, docId, { text, textHash: await sha256Hex(text) })
    }

    it('refuses suggestions found in the old text, tagging nothing', async () => {
      const oldHash = await sha256Hex(TEXT)
      await replace(NEXT)
      const annotationsBefore = await db.annotations.count()
      const accept = acceptSuggestions(db, {
        docId,
        textHash: oldHash,
        kind: 'actor',
        spans: iran,
        newEntity: { name: 'Iran', kind: 'state' },
      })
      await expect(accept).rejects.toMatchObject({ code: 'STALE_ANCHOR' })
      await expect(accept).rejects.toThrow(/has changed since “Iran” was found/)
      expect(await db.annotations.count()).toBe(annotationsBefore)
      expect(await db.entities.count()).toBe(0)
      expect(historyState(caseId).undo).toBe('Replace the text of “A”')
    })

    it('refuses an old suggestion even when only the hash tells (same words, other text)', async () => {
      const oldHash = await sha256Hex(TEXT)
      await replace(`${TEXT} More text.`)
      await expect(
        acceptSuggestions(db, { docId, textHash: oldHash, kind: 'actor', spans: iran }),
      ).rejects.toMatchObject({ code: 'STALE_ANCHOR' })
      expect(await db.annotations.count()).toBe(0)
    })

    it('follows undo: the new text’s suggestions are refused, the old ones hold again', async () => {
      const oldHash = await sha256Hex(TEXT)
      const newHash = await sha256Hex(NEXT)
      await replace(NEXT)
      await undo(db, caseId)
      const oman = [{ start: 0, end: 4, exact: 'Oman' }]
      await expect(
        acceptSuggestions(db, { docId, textHash: newHash, kind: 'actor', spans: oman }),
      ).rejects.toMatchObject({ code: 'STALE_ANCHOR' })
      const made = await acceptSuggestions(db, {
        docId,
        textHash: oldHash,
        kind: 'actor',
        spans: iran,
      })
      expect(made.map((a) => [a.exact, a.textHash])).toEqual([
        ['Iran', oldHash],
        ['Iran', oldHash],
      ])
      await redo(db, caseId).catch(() => undefined)
    })

    it('checks inside the write: a replacement landing after the first read is caught', async () => {
      const realGet = db.documents.get.bind(db.documents)
      let first = true
      db.documents.get = (async (key: string) => {
        const meta = await realGet(key)
        if (first) {
          first = false
          // Replace text commits between the accept's first read and its write.
          await replace(NEXT)
        }
        return meta
      }) as typeof db.documents.get
      await expect(
        acceptSuggestions(db, { docId, kind: 'actor', spans: iran }),
      ).rejects.toMatchObject({ code: 'STALE_ANCHOR' })
      expect(await db.annotations.count()).toBe(0)
      expect((await db.documents.get(docId))?.textHash).toBe(await sha256Hex(NEXT))
    })
  })
})
