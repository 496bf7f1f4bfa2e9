import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCase } from './cases'
import { addDocuments } from './documents'
import { clearHistory, historyState, redo, undo } from './history'
import { replaceDocumentText } from './reanchor'
import { CasefileDB } from './schema'
import { setSourceReliability } from './sources'
import { sha256Hex } from './test-fixtures'
import {
  createEntity,
  deleteAnnotation,
  deleteEntity,
  entityDependents,
  mergeEntities,
  tagPassage,
  updateAnnotation,
  updateEntity,
} from './tags'

const TEXT =
  'Iran launched a direct strike on U.S. military targets on Monday, firing missiles at ' +
  'American bases in Qatar just hours after its top diplomat met Vladimir Putin in Moscow.'

let db: CasefileDB
let n = 0
let caseId: string
let docId: string
let otherDocId: string

beforeEach(async () => {
  clearHistory()
  db = new CasefileDB(`test-tags-${++n}`)
  await db.open()
  caseId = (await createCase(db, 'Case')).id
  const base = {
    mime: 'text/plain',
    fileName: 'a.txt',
    importer: 'text' as const,
    importerVersion: '1',
  }
  const outs = await addDocuments(db, caseId, [
    { ...base, title: 'A', text: TEXT, textHash: 'h1', fileSize: TEXT.length, publisher: 'Wire' },
    { ...base, title: 'B', text: 'Qatar closed its airspace.', textHash: 'h2', fileSize: 26 },
  ])
  ;[docId, otherDocId] = outs.map((o) => (o.status === 'stored' ? o.id : '')) as [string, string]
})
afterEach(async () => {
  await db.delete()
})

const span = (word: string, text = TEXT) => {
  const start = text.indexOf(word)
  return { start, end: start + word.length }
}

describe('tagging', () => {
  it('stores an anchored annotation linked to a new entity, in one undoable action', async () => {
    const { annotation, entity } = await tagPassage(db, {
      docId,
      ...span('Iran'),
      kind: 'actor',
      newEntity: { name: 'Iran', kind: 'state', aliases: ['Islamic Republic of Iran', 'iran'] },
    })
    expect(annotation).toMatchObject({ exact: 'Iran', prefix: '', kind: 'actor', textHash: 'h1' })
    expect(annotation.suffix).toBe(TEXT.slice(4, 36))
    expect(entity?.aliases).toEqual(['Islamic Republic of Iran'])
    expect(await db.annotations.get(annotation.id)).toMatchObject({ entityId: entity!.id })
    expect(historyState(caseId).undo).toBe('Tag “Iran” as actor')
    const log = await db.changes.where('caseId').equals(caseId).toArray()
    const grouped = log.filter((c) => c.group)
    expect(grouped).toHaveLength(2)
    expect(new Set(grouped.map((c) => c.group)).size).toBe(1)

    await undo(db, caseId)
    expect(await db.annotations.count()).toBe(0)
    expect(await db.entities.count()).toBe(0)
    expect(historyState(caseId)).toEqual({ undo: undefined, redo: 'Tag “Iran” as actor' })
    await redo(db, caseId)
    expect(await db.annotations.get(annotation.id)).toEqual(annotation)
    expect(await db.entities.get(entity!.id)).toEqual(entity)
  })

  it('refuses empty, out-of-range and whitespace-only selections and stores nothing', async () => {
    await expect(tagPassage(db, { docId, start: 5, end: 5, kind: 'note' })).rejects.toMatchObject({
      code: 'INVALID',
    })
    await expect(
      tagPassage(db, { docId, start: 0, end: TEXT.length + 1, kind: 'note' }),
    ).rejects.toMatchObject({ code: 'INVALID' })
    await expect(tagPassage(db, { docId, start: 4, end: 5, kind: 'note' })).rejects.toMatchObject({
      code: 'INVALID',
    })
    await expect(
      tagPassage(db, { docId, ...span('Qatar'), kind: 'actor', entityId: 'missing' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await db.annotations.count()).toBe(0)
    expect(historyState(caseId).undo).toBeUndefined()
  })

  it('undoes and redoes across documents, most recent first, and grading too', async () => {
    const qatar = await createEntity(db, caseId, { name: 'Qatar', kind: 'state' })
    await tagPassage(db, { docId, ...span('Qatar'), kind: 'location', entityId: qatar.id })
    const { annotation } = await tagPassage(db, {
      docId: otherDocId,
      ...span('Qatar', 'Qatar closed its airspace.'),
      kind: 'actor',
      entityId: qatar.id,
    })
    await updateAnnotation(db, annotation.id, { credibility: 2 }, 'Grade tag 2')
    const source = (await db.sources.toArray())[0]!
    await setSourceReliability(db, source.id, 'B')

    expect((await undo(db, caseId))?.label).toBe('Grade Wire B')
    expect((await db.sources.get(source.id))?.reliability).toBe('F')
    expect((await undo(db, caseId))?.label).toBe('Grade tag 2')
    expect((await db.annotations.get(annotation.id))?.credibility).toBeUndefined()
    expect((await undo(db, caseId))?.label).toBe('Tag “Qatar” as actor')
    expect(await db.annotations.where('docId').equals(otherDocId).count()).toBe(0)
    expect((await redo(db, caseId))?.label).toBe('Tag “Qatar” as actor')
    expect(await db.annotations.where('docId').equals(otherDocId).count()).toBe(1)
    // A new action clears what could be redone.
    await deleteAnnotation(db, annotation.id)
    expect(historyState(caseId).redo).toBeUndefined()
  })

  it('will not undo over a later change made outside the undo stack', async () => {
    const { annotation } = await tagPassage(db, { docId, ...span('Moscow'), kind: 'location' })
    await db.annotations.update(annotation.id, { note: 'changed by someone else' })
    await expect(undo(db, caseId)).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await db.annotations.get(annotation.id)).toBeDefined()
    // The refused step leaves the stack, so the next Ctrl+Z is not stuck on it.
    expect(historyState(caseId).undo).toBeUndefined()
  })

  it('is not blocked by bookkeeping written outside the undo stack (updatedAt)', async () => {
    const { neverSuggest } = await import('./suggestions')
    await neverSuggest(db, caseId, 'Monday') // snapshots the whole case record
    await db.cases.update(caseId, { updatedAt: Date.now() + 1000 }) // as an import does
    expect((await undo(db, caseId))?.label).toBe('Never suggest “Monday”')
    expect((await db.cases.get(caseId))?.neverSuggest).toBeUndefined()
  })

  it('takes two quick undos one after the other', async () => {
    await tagPassage(db, { docId, ...span('Moscow'), kind: 'location' })
    await tagPassage(db, { docId, ...span('Qatar'), kind: 'location' })
    const [a, b] = await Promise.all([undo(db, caseId), undo(db, caseId)])
    expect([a?.label, b?.label]).toEqual(['Tag “Qatar” as location', 'Tag “Moscow” as location'])
    expect(await db.annotations.count()).toBe(0)
  })
})

describe('entities', () => {
  it('merges two entities: mentions, event roles and relations follow; undo restores all', async () => {
    const us = await createEntity(db, caseId, { name: 'United States', kind: 'state' })
    const usa = await createEntity(db, caseId, {
      name: 'U.S.',
      kind: 'state',
      aliases: ['America'],
    })
    const iran = await createEntity(db, caseId, { name: 'Iran', kind: 'state' })
    const { annotation } = await tagPassage(db, {
      docId,
      ...span('U.S.'),
      kind: 'actor',
      entityId: usa.id,
    })
    await db.events.add({
      id: 'e1',
      caseId,
      title: 'Strike',
      type: 'assault',
      initiators: [iran.id],
      targets: [usa.id, us.id],
      evidence: [annotation.id],
      createdAt: 0,
      updatedAt: 0,
    })
    await db.relations.add({
      id: 'r1',
      caseId,
      from: iran.id,
      to: usa.id,
      type: 'rival of',
      directed: false,
      evidence: [],
      createdAt: 0,
    })
    await db.relations.add({
      id: 'r2',
      caseId,
      from: us.id,
      to: usa.id,
      type: 'ally of',
      directed: false,
      evidence: [],
      createdAt: 0,
    })
    expect(await entityDependents(db, usa.id)).toEqual({ mentions: 1, events: 1, relations: 2 })
    const snapshot = async () => ({
      entities: await db.entities.toArray(),
      annotations: await db.annotations.toArray(),
      events: await db.events.toArray(),
      relations: await db.relations.toArray(),
    })
    const before = await snapshot()

    await mergeEntities(db, us.id, usa.id)
    expect(await db.entities.get(usa.id)).toBeUndefined()
    expect((await db.entities.get(us.id))?.aliases).toEqual(['U.S.', 'America'])
    expect((await db.annotations.get(annotation.id))?.entityId).toBe(us.id)
    expect((await db.events.get('e1'))?.targets).toEqual([us.id])
    expect((await db.relations.get('r1'))?.to).toBe(us.id)
    expect(await db.relations.get('r2')).toBeUndefined() // it would tie the US to itself

    await undo(db, caseId)
    const restored = await snapshot()
    const byId = (xs: { id: string }[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id))
    for (const k of Object.keys(before) as (keyof typeof before)[]) {
      expect(byId(restored[k])).toEqual(byId(before[k]))
    }
    await expect(mergeEntities(db, us.id, us.id)).rejects.toMatchObject({ code: 'INVALID' })
  })

  it('renames, edits aliases and deletes an entity, unlinking its mentions', async () => {
    const e = await createEntity(db, caseId, { name: 'Putin', kind: 'person' })
    const { annotation } = await tagPassage(db, {
      docId,
      ...span('Vladimir Putin'),
      kind: 'actor',
      entityId: e.id,
    })
    await updateEntity(db, e.id, {
      name: 'Vladimir Putin',
      aliases: ['Putin', 'Vladimir Putin', ' '],
    })
    expect(await db.entities.get(e.id)).toMatchObject({
      name: 'Vladimir Putin',
      aliases: ['Putin'],
    })
    await expect(updateEntity(db, e.id, { name: '  ' })).rejects.toMatchObject({ code: 'INVALID' })
    await deleteEntity(db, e.id)
    expect(await db.entities.get(e.id)).toBeUndefined()
    const a = await db.annotations.get(annotation.id)
    expect(a).toBeDefined()
    expect(a?.entityId).toBeUndefined()
    await undo(db, caseId)
    expect((await db.annotations.get(annotation.id))?.entityId).toBe(e.id)
  })

  it('drops a deleted tag from the evidence of events', async () => {
    const { annotation } = await tagPassage(db, {
      docId,
      ...span('firing missiles'),
      kind: 'event',
    })
    await db.events.add({
      id: 'e1',
      caseId,
      title: 'Strike',
      type: 'assault',
      initiators: [],
      targets: [],
      evidence: [annotation.id, 'other'],
      createdAt: 0,
      updatedAt: 0,
    })
    await deleteAnnotation(db, annotation.id)
    expect((await db.events.get('e1'))?.evidence).toEqual(['other'])
    await undo(db, caseId)
    expect((await db.events.get('e1'))?.evidence).toEqual([annotation.id, 'other'])
  })
})

describe('tagging a text that changed', () => {
  // The same length, other words where "Iran" was.
  const next = () => TEXT.replace('Iran', 'Oman')
  const replace = async () => {
    const text = next()
    await replaceDocumentText(db, docId, { text, textHash: await sha256Hex(text) })
  }

  it('refuses words seen in the old text, with STALE_ANCHOR, tagging nothing', async () => {
    await replace()
    const tagging = tagPassage(db, {
      docId,
      ...span('Iran'),
      exact: 'Iran',
      textHash: 'h1',
      kind: 'actor',
      newEntity: { name: 'Iran', kind: 'state' },
    })
    await expect(tagging).rejects.toMatchObject({ code: 'STALE_ANCHOR' })
    expect(await db.annotations.count()).toBe(0)
    expect(await db.entities.count()).toBe(0)
  })

  it('refuses a selection whose words are not at its offsets', async () => {
    await expect(
      tagPassage(db, { docId, ...span('Iran'), exact: 'Oman', kind: 'actor' }),
    ).rejects.toMatchObject({ code: 'STALE_ANCHOR' })
    expect(await db.annotations.count()).toBe(0)
  })

  it('checks inside the write: a replacement after the first read is caught', async () => {
    const realGet = db.documents.get.bind(db.documents)
    let first = true
    db.documents.get = (async (key: string) => {
      const meta = await realGet(key)
      if (first) {
        first = false
        await replace()
      }
      return meta
    }) as typeof db.documents.get
    await expect(tagPassage(db, { docId, ...span('Iran'), kind: 'actor' })).rejects.toMatchObject({
      code: 'STALE_ANCHOR',
    })
    expect(await db.annotations.count()).toBe(0)
  })

  it('tags the current text when the caller saw it', async () => {
    await replace()
    const text = next()
    const hash = await sha256Hex(text)
    const { annotation } = await tagPassage(db, {
      docId,
      ...span('Oman', text),
      exact: 'Oman',
      textHash: hash,
      kind: 'actor',
    })
    expect(annotation).toMatchObject({ exact: 'Oman', textHash: hash })
  })

  it('reads a long text once for consecutive tags, never inside the write, and still refuses a replaced one', async () => {
    const realGet = db.texts.get.bind(db.texts)
    let reads = 0
    db.texts.get = (async (key: string) => {
      reads++
      return realGet(key)
    }) as typeof db.texts.get
    await tagPassage(db, { docId, ...span('Iran'), exact: 'Iran', textHash: 'h1', kind: 'actor' })
    expect(reads).toBe(1)
    await tagPassage(db, { docId, ...span('Qatar'), exact: 'Qatar', textHash: 'h1', kind: 'note' })
    expect(reads).toBe(1)
    // The kept copy is the text of hash h1 only: after Replace text, the old words are refused.
    await replace()
    await expect(
      tagPassage(db, { docId, ...span('Iran'), exact: 'Iran', textHash: 'h1', kind: 'actor' }),
    ).rejects.toMatchObject({ code: 'STALE_ANCHOR' })
    const text = next()
    const before = reads
    const { annotation } = await tagPassage(db, {
      docId,
      ...span('Oman', text),
      kind: 'actor',
    })
    expect(annotation).toMatchObject({ exact: 'Oman', textHash: await sha256Hex(text) })
    // The refused call read the new text (under its new hash): this one reads none.
    expect(reads).toBe(before)
    expect(await db.annotations.count()).toBe(3)
  })
})
