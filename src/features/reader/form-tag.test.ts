import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clearHistory, historyState, latestUndoGroup } from '../../db/history'
import type { CasefileDB } from '../../db/schema'
import { tagPassage } from '../../db/tags'
import { storeWithDocument } from '../../db/test-fixtures'
import { formTagState, takeBackTag } from './form-tag'

const TEXT = 'Russia and Iran formed a de facto alliance on Monday.'
let db: CasefileDB
let caseId: string
let docId: string

beforeEach(async () => {
  ;({ db, caseId, docId } = await storeWithDocument('form-tag', TEXT))
})
afterEach(async () => {
  clearHistory()
  await db.delete()
})

/** Tags `words` of the text as a claim, as R does; the tag and the undo group of its step. */
async function claim(words: string) {
  const start = TEXT.indexOf(words)
  const { annotation } = await tagPassage(db, {
    docId,
    start,
    end: start + words.length,
    exact: words,
    kind: 'claim',
  })
  return { id: annotation.id, group: latestUndoGroup() }
}

describe('takeBackTag', () => {
  it('undoes the tag while its step is the newest: the undo list is as it was', async () => {
    const before = historyState(caseId).undo
    const made = await claim('formed a de facto alliance')
    expect(historyState(caseId).undo).not.toBe(before)
    expect(await takeBackTag(db, caseId, made)).toBe('undone')
    expect(await db.annotations.get(made.id)).toBeUndefined()
    expect(historyState(caseId).undo).toBe(before)
  })

  it('deletes the tag when a later step came after it, which stays undoable', async () => {
    const made = await claim('formed a de facto alliance')
    const later = await claim('Russia and Iran')
    expect(await takeBackTag(db, caseId, made)).toBe('deleted')
    expect(await db.annotations.get(made.id)).toBeUndefined()
    expect(await db.annotations.get(later.id)).toBeDefined()
  })

  it('deletes a tag whose step has no undo group', async () => {
    const made = await claim('on Monday')
    expect(await takeBackTag(db, caseId, { id: made.id, group: undefined })).toBe('deleted')
    expect(await db.annotations.get(made.id)).toBeUndefined()
  })
})

describe('formTagState', () => {
  const tag = { id: 'a1', group: 'g1' }

  it('gives the tag made for a form that closed unsaved, once', () => {
    const s = formTagState()
    s.made(tag)
    expect(s.closed()).toEqual(tag)
    expect(s.closed()).toBeUndefined()
  })

  it('keeps the tag of a form that saved, and a tag that was there before', () => {
    const s = formTagState()
    s.made(tag)
    s.saved()
    expect(s.closed()).toBeUndefined()
    s.made(tag)
    s.existing()
    expect(s.closed()).toBeUndefined()
  })

  it('forgets a save of the form before when a new tag is made', () => {
    const s = formTagState()
    s.made(tag)
    s.saved()
    s.closed()
    s.made({ id: 'a2', group: 'g2' })
    expect(s.closed()).toEqual({ id: 'a2', group: 'g2' })
  })
})
