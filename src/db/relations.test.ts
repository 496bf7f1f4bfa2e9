import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TimeValue } from '../domain/types'
import { createCase } from './cases'
import { addDocuments } from './documents'
import { historyState, redo, undo } from './history'
import {
  MAX_RELATION_TYPE,
  addRelationEvidence,
  createRelation,
  deleteRelation,
  updateRelation,
  type RelationInput,
} from './relations'
import type { CasefileDB } from './schema'
import { createEntity, deleteAnnotation, deleteEntity, tagPassage } from './tags'
import { sha256Hex, storeWithDocument } from './test-fixtures'

const TEXT =
  'Iran and Russia signed a partnership treaty in Moscow. The IRGC answers to the Supreme Leader.'

let db: CasefileDB
let caseId: string
let ids: { iran: string; russia: string; irgc: string; moscow: string }
let tags: { treaty: string; irgc: string }
let other: { caseId: string; actor: string; tag: string }
let base: RelationInput

const when: TimeValue = {
  start: Date.UTC(2025, 0, 17),
  precision: 'day',
  approximate: false,
}

/** Everything in the store that a refused write must leave alone. */
async function snapshot() {
  return {
    relations: await db.relations.toArray(),
    changes: await db.changes.count(),
    history: historyState(caseId),
  }
}

beforeEach(async () => {
  const store = await storeWithDocument('test-relations', TEXT)
  ;({ db, caseId } = store)
  const iran = await createEntity(db, caseId, { name: 'Iran', kind: 'state' })
  const russia = await createEntity(db, caseId, { name: 'Russia', kind: 'state' })
  const irgc = await createEntity(db, caseId, { name: 'IRGC', kind: 'organisation' })
  const moscow = await createEntity(db, caseId, { name: 'Moscow', kind: 'location' })
  ids = { iran: iran.id, russia: russia.id, irgc: irgc.id, moscow: moscow.id }
  const span = (quote: string) => ({
    start: TEXT.indexOf(quote),
    end: TEXT.indexOf(quote) + quote.length,
  })
  const treaty = await tagPassage(db, {
    docId: store.docId,
    ...span('Iran and Russia signed a partnership treaty'),
    kind: 'event',
  })
  const irgcTag = await tagPassage(db, {
    docId: store.docId,
    ...span('The IRGC answers to the Supreme Leader.'),
    kind: 'claim',
  })
  tags = { treaty: treaty.annotation.id, irgc: irgcTag.annotation.id }

  // A second case in the same store, whose records must never be reachable from the first.
  const otherCaseId = (await createCase(db, 'Other')).id
  const otherText = 'Hezbollah fired rockets.'
  const [out] = await addDocuments(db, otherCaseId, [
    {
      title: 'B',
      text: otherText,
      textHash: await sha256Hex(otherText),
      mime: 'text/plain',
      fileName: 'b.txt',
      fileSize: otherText.length,
      importer: 'text',
      importerVersion: '1',
    },
  ])
  if (out?.status !== 'stored') throw new Error('the other document was not stored')
  const hezbollah = await createEntity(db, otherCaseId, { name: 'Hezbollah', kind: 'group' })
  const otherTag = await tagPassage(db, { docId: out.id, start: 0, end: 9, kind: 'actor' })
  other = { caseId: otherCaseId, actor: hezbollah.id, tag: otherTag.annotation.id }

  base = {
    from: ids.iran,
    to: ids.russia,
    type: 'ally',
    directed: false,
    evidence: [tags.treaty],
    when,
  }
})
afterEach(async () => {
  await db.delete()
})

describe('createRelation', () => {
  it('stores a relation as one undoable action named after its actors', async () => {
    const r = await createRelation(db, caseId, {
      ...base,
      type: '  ally  ',
      evidence: [tags.treaty, tags.treaty],
    })
    expect(r).toMatchObject({ caseId, from: ids.iran, to: ids.russia, type: 'ally' })
    expect(r.evidence).toEqual([tags.treaty])
    expect(await db.relations.get(r.id)).toEqual(r)
    expect(historyState(caseId).undo).toBe('Create relation “Iran ally of Russia”')
    const logged = await db.changes.filter((c) => c.recordId === r.id).toArray()
    expect(logged).toMatchObject([
      { op: 'create', table: 'relations', action: 'Create relation “Iran ally of Russia”' },
    ])

    await undo(db, caseId)
    expect(await db.relations.get(r.id)).toBeUndefined()
    expect(historyState(caseId).redo).toBe('Create relation “Iran ally of Russia”')
    await redo(db, caseId)
    expect(await db.relations.get(r.id)).toEqual(r)
  })

  it('keeps a custom type as typed, spaces collapsed, and names it in the label', async () => {
    const r = await createRelation(db, caseId, {
      ...base,
      from: ids.irgc,
      to: ids.iran,
      type: ' answers   to ',
      directed: true,
      evidence: [],
    })
    expect(r.type).toBe('answers to')
    expect(r.when).toEqual(when)
    expect(historyState(caseId).undo).toBe('Create relation “IRGC answers to Iran”')
  })

  it('leaves out `when` when there is no date', async () => {
    const { when: _when, ...timeless } = base
    const r = await createRelation(db, caseId, timeless)
    expect('when' in (await db.relations.get(r.id))!).toBe(false)
  })

  it('accepts a type of exactly the maximum length', async () => {
    const type = 'x'.repeat(MAX_RELATION_TYPE)
    await expect(createRelation(db, caseId, { ...base, type })).resolves.toMatchObject({ type })
  })
})

describe('refused input stores nothing', () => {
  const refusals: [string, (b: RelationInput) => RelationInput, string][] = [
    ['the same actor at both ends', (b) => ({ ...b, to: b.from }), 'INVALID'],
    ['an empty type', (b) => ({ ...b, type: ' \n ' }), 'INVALID'],
    ['a type that is too long', (b) => ({ ...b, type: 'x'.repeat(101) }), 'INVALID'],
    ['a location as an end', (b) => ({ ...b, to: ids.moscow }), 'INVALID'],
    ['a location as the start', (b) => ({ ...b, from: ids.moscow }), 'INVALID'],
    ['an actor that is gone', (b) => ({ ...b, from: 'gone' }), 'NOT_FOUND'],
    ['evidence that is gone', (b) => ({ ...b, evidence: [tags.treaty, 'gone'] }), 'NOT_FOUND'],
    ['an actor of another case', (b) => ({ ...b, to: other.actor }), 'NOT_FOUND'],
    ['evidence from another case', (b) => ({ ...b, evidence: [other.tag] }), 'NOT_FOUND'],
    [
      'an end before the start',
      (b) => ({ ...b, when: { ...when, end: when.start - 1 } }),
      'INVALID',
    ],
    [
      'earliest after latest',
      (b) => ({ ...b, when: { ...when, earliest: when.start + 1, latest: when.start } }),
      'INVALID',
    ],
    ['a start that is not a time', (b) => ({ ...b, when: { ...when, start: NaN } }), 'INVALID'],
  ]

  for (const [what, change, code] of refusals) {
    it(`refuses ${what} on create`, async () => {
      const before = await snapshot()
      await expect(createRelation(db, caseId, change(base))).rejects.toMatchObject({ code })
      expect(await snapshot()).toEqual(before)
    })
  }

  it('refuses every one of them on update, leaving the relation as it was', async () => {
    const r = await createRelation(db, caseId, base)
    const before = await snapshot()
    for (const [what, change, code] of refusals) {
      await expect(updateRelation(db, r.id, change(base)), what).rejects.toMatchObject({ code })
    }
    expect(await snapshot()).toEqual(before)
  })

  it('refuses to relate actors in a case they do not belong to', async () => {
    const before = await snapshot()
    const otherHistory = historyState(other.caseId)
    await expect(createRelation(db, other.caseId, { ...base, evidence: [] })).rejects.toMatchObject(
      { code: 'NOT_FOUND' },
    )
    expect(await snapshot()).toEqual(before)
    expect(historyState(other.caseId)).toEqual(otherHistory)
  })

  it('reports a relation that no longer exists', async () => {
    await expect(updateRelation(db, 'gone', base)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(addRelationEvidence(db, 'gone', [tags.irgc])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(deleteRelation(db, 'gone')).resolves.toBeUndefined()
  })
})

describe('updateRelation', () => {
  it('replaces the fields, keeps id, case and creation time; undo and redo', async () => {
    const r = await createRelation(db, caseId, base)
    const { when: _when, ...input } = base
    const after = await updateRelation(db, r.id, {
      ...input,
      from: ids.russia,
      to: ids.irgc,
      type: 'supports',
      directed: true,
      evidence: [tags.irgc],
    })
    expect(after).toEqual({
      id: r.id,
      caseId,
      createdAt: r.createdAt,
      from: ids.russia,
      to: ids.irgc,
      type: 'supports',
      directed: true,
      evidence: [tags.irgc],
    })
    // The date was cleared, not carried over from the stored record.
    expect(await db.relations.get(r.id)).toEqual(after)
    expect(historyState(caseId).undo).toBe('Edit relation “Iran ally of Russia”')

    await undo(db, caseId)
    expect(await db.relations.get(r.id)).toEqual(r)
    await redo(db, caseId)
    expect(await db.relations.get(r.id)).toEqual(after)
  })
})

describe('addRelationEvidence', () => {
  it('adds passages once each, as one undoable action', async () => {
    const r = await createRelation(db, caseId, base)
    await addRelationEvidence(db, r.id, [tags.irgc, tags.treaty, tags.irgc])
    expect((await db.relations.get(r.id))?.evidence).toEqual([tags.treaty, tags.irgc])
    expect(historyState(caseId).undo).toBe('Add evidence to relation “Iran ally of Russia”')
    await undo(db, caseId)
    expect((await db.relations.get(r.id))?.evidence).toEqual([tags.treaty])
    await redo(db, caseId)
    expect((await db.relations.get(r.id))?.evidence).toEqual([tags.treaty, tags.irgc])
  })

  it('writes nothing and adds no undo step when every passage is already there', async () => {
    const r = await createRelation(db, caseId, base)
    const before = await snapshot()
    await addRelationEvidence(db, r.id, [tags.treaty])
    await addRelationEvidence(db, r.id, [])
    expect(await snapshot()).toEqual(before)
  })

  it('refuses passages of another case or that are gone, adding none of the batch', async () => {
    const r = await createRelation(db, caseId, base)
    const before = await snapshot()
    for (const bad of [other.tag, 'gone']) {
      await expect(addRelationEvidence(db, r.id, [tags.irgc, bad])).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
    }
    expect(await snapshot()).toEqual(before)
  })
})

describe('deleteRelation', () => {
  it('deletes as one undoable action; undo brings it back, redo deletes it again', async () => {
    const r = await createRelation(db, caseId, base)
    await deleteRelation(db, r.id)
    expect(await db.relations.get(r.id)).toBeUndefined()
    expect(historyState(caseId).undo).toBe('Delete relation “Iran ally of Russia”')
    // Its evidence stays tagged.
    expect(await db.annotations.get(tags.treaty)).toBeDefined()
    await undo(db, caseId)
    expect(await db.relations.get(r.id)).toEqual(r)
    await redo(db, caseId)
    expect(await db.relations.get(r.id)).toBeUndefined()
  })
})

describe('relations and the rest of the store', () => {
  it('lose a deleted tag from their evidence, and get it back on undo', async () => {
    const r = await createRelation(db, caseId, { ...base, evidence: [tags.treaty, tags.irgc] })
    await deleteAnnotation(db, tags.treaty)
    expect((await db.relations.get(r.id))?.evidence).toEqual([tags.irgc])
    await undo(db, caseId)
    expect((await db.relations.get(r.id))?.evidence).toEqual([tags.treaty, tags.irgc])
  })

  it('go with a deleted actor, and come back on undo', async () => {
    const r = await createRelation(db, caseId, base)
    await deleteEntity(db, ids.russia)
    expect(await db.relations.get(r.id)).toBeUndefined()
    await undo(db, caseId)
    expect(await db.relations.get(r.id)).toEqual(r)
  })

  it('undo steps back through its actions in order; a new action clears redo', async () => {
    const r = await createRelation(db, caseId, base)
    await updateRelation(db, r.id, { ...base, type: 'rival' })
    await undo(db, caseId)
    expect((await db.relations.get(r.id))?.type).toBe('ally')
    await addRelationEvidence(db, r.id, [tags.irgc])
    expect(historyState(caseId)).toEqual({
      undo: 'Add evidence to relation “Iran ally of Russia”',
      redo: undefined,
    })
    await undo(db, caseId)
    expect(await db.relations.get(r.id)).toEqual(r)
    await undo(db, caseId)
    expect(await db.relations.get(r.id)).toBeUndefined()
  })
})
