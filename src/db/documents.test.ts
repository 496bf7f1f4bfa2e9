import { describe, expect, it, vi } from 'vitest'
import { createCase, deleteCase, renameCase } from './cases'
import {
  addDocuments,
  deleteDocument,
  evidenceOnlyIn,
  getDocument,
  loadKnownHashes,
  updateDocumentMeta,
} from './documents'
import { StoreError } from './errors'
import { CasefileDB } from './schema'
import { setSourceReliability } from './sources'
import { textDoc as doc, freshDbEachTest } from '../test/store'

const fresh = freshDbEachTest('test-docs')

describe('addDocuments', () => {
  it('stores metadata and text apart, links the publisher as a source graded F by default', async () => {
    const db = fresh()
    const c = await createCase(db, 'Case')
    const [out] = await addDocuments(db, c.id, [doc('Iran fired missiles.', { publisher: 'Wire' })])
    expect(out?.status).toBe('stored')
    const id = out?.status === 'stored' ? out.id : ''
    const full = await getDocument(db, id)
    expect(full?.text).toBe('Iran fired missiles.')
    const meta = await db.documents.get(id)
    expect(meta).not.toHaveProperty('text')
    const source = await db.sources.get(meta!.sourceId!)
    expect(source).toMatchObject({ name: 'Wire', reliability: 'F', caseId: c.id })
    const log = await db.changes.where('caseId').equals(c.id).toArray()
    const entry = log.find((e) => e.table === 'documents')
    expect(entry).toMatchObject({ op: 'create', recordId: id, action: 'Import documents (1)' })
    expect(entry?.after).toEqual({
      documents: [{ id, title: 'Iran fired missiles.', file: 'a.txt' }],
    })
  })

  it('reports duplicates by text hash, in the case and within the batch, and stores each once', async () => {
    const db = fresh()
    const c = await createCase(db, 'Case')
    await addDocuments(db, c.id, [doc('one')])
    const outs = await addDocuments(db, c.id, [doc('one'), doc('two'), doc('two')])
    expect(outs.map((o) => o.status)).toEqual(['duplicate', 'stored', 'duplicate'])
    expect(await db.documents.where('caseId').equals(c.id).count()).toBe(2)
    // the same text in another case is not a duplicate
    const other = await createCase(db, 'Other')
    const [o] = await addDocuments(db, other.id, [doc('one')])
    expect(o?.status).toBe('stored')
  })

  it('stores nothing when the disk is full and says so', async () => {
    const db = fresh()
    const c = await createCase(db, 'Case')
    vi.spyOn(db.texts, 'bulkAdd').mockRejectedValueOnce(
      Object.assign(new Error('quota'), {
        name: 'AbortError',
        inner: { name: 'QuotaExceededError' },
      }),
    )
    const err = await addDocuments(db, c.id, [doc('a', { publisher: 'P' }), doc('b')]).catch(
      (e) => e,
    )
    expect(err).toBeInstanceOf(StoreError)
    expect(err.code).toBe('QUOTA_EXCEEDED')
    expect(await db.documents.count()).toBe(0)
    expect(await db.texts.count()).toBe(0)
    expect(await db.sources.count()).toBe(0)
  })

  it('refuses to store into a case that does not exist', async () => {
    const db = fresh()
    await expect(addDocuments(db, 'nope', [doc('x')])).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('metadata and deletion', () => {
  it('edits metadata, never the text, and can clear the publication date', async () => {
    const db = fresh()
    const c = await createCase(db, 'Case')
    const [out] = await addDocuments(db, c.id, [
      doc('body', { publishedAt: 5, publishedPrecision: 'day' }),
    ])
    const id = out?.status === 'stored' ? out.id : ''
    await updateDocumentMeta(db, id, {
      title: '  New  title ',
      publisher: 'Gazette',
      author: 'A. Writer',
    })
    let meta = await db.documents.get(id)
    expect(meta).toMatchObject({ title: 'New title', author: 'A. Writer', publishedAt: 5 })
    expect((await db.sources.get(meta!.sourceId!))?.name).toBe('Gazette')
    await updateDocumentMeta(db, id, { publishedAt: null, author: null })
    meta = await db.documents.get(id)
    expect(meta?.publishedAt).toBeUndefined()
    expect(meta?.publishedPrecision).toBeUndefined()
    expect(meta?.author).toBeUndefined()
    expect((await getDocument(db, id))?.text).toBe('body')
    await expect(updateDocumentMeta(db, id, { title: '  ' })).rejects.toMatchObject({
      code: 'INVALID',
    })
  })

  it('keeps the source time zone, refuses an unknown one, and clears it for UTC', async () => {
    const db = fresh()
    const c = await createCase(db, 'Case')
    const [out] = await addDocuments(db, c.id, [doc('zoned')])
    const id = out?.status === 'stored' ? out.id : ''
    await updateDocumentMeta(db, id, { timeZone: ' Asia/Tehran ' })
    expect((await db.documents.get(id))?.timeZone).toBe('Asia/Tehran')
    await expect(updateDocumentMeta(db, id, { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({
      code: 'INVALID',
    })
    expect((await db.documents.get(id))?.timeZone).toBe('Asia/Tehran')
    await updateDocumentMeta(db, id, { timeZone: 'UTC' })
    expect((await db.documents.get(id))?.timeZone).toBeUndefined()
  })

  it('keeps a source grade history', async () => {
    const db = fresh()
    const c = await createCase(db, 'Case')
    await addDocuments(db, c.id, [doc('x', { publisher: 'Wire', reliability: 'C' })])
    const s = (await db.sources.toArray())[0]!
    await setSourceReliability(db, s.id, 'B', 'track record')
    const after = await db.sources.get(s.id)
    expect(after?.reliability).toBe('B')
    expect(after?.history.map((h) => h.grade)).toEqual(['C', 'B'])
  })

  it('deletes a document with its text and annotations', async () => {
    const db = fresh()
    const c = await createCase(db, 'Case')
    const [out] = await addDocuments(db, c.id, [doc('body')])
    const id = out?.status === 'stored' ? out.id : ''
    await db.annotations.add({
      id: 'a1',
      caseId: c.id,
      docId: id,
      start: 0,
      end: 4,
      exact: 'body',
      prefix: '',
      suffix: '',
      textHash: 'h',
      kind: 'note',
      createdAt: 0,
    })
    await deleteDocument(db, id)
    expect(await db.documents.count()).toBe(0)
    expect(await db.texts.count()).toBe(0)
    expect(await db.annotations.count()).toBe(0)
  })

  it('renames and deletes a case with everything in it, leaving other cases alone', async () => {
    const db = fresh()
    const a = await createCase(db, 'A')
    const b = await createCase(db, 'B')
    await addDocuments(db, a.id, [doc('a', { publisher: 'P' })])
    await addDocuments(db, b.id, [doc('b', { publisher: 'P' })])
    await renameCase(db, a.id, 'A2')
    expect((await db.cases.get(a.id))?.title).toBe('A2')
    await expect(renameCase(db, a.id, '')).rejects.toMatchObject({ code: 'INVALID' })
    await deleteCase(db, a.id)
    expect(await db.cases.get(a.id)).toBeUndefined()
    for (const t of ['documents', 'texts', 'sources', 'changes'] as const) {
      expect(await db.table(t).where('caseId').equals(a.id).count()).toBe(0)
      expect(await db.table(t).where('caseId').equals(b.id).count()).toBeGreaterThan(0)
    }
  })
})

describe('deleting a document', () => {
  it('takes its tags out of event evidence, and undo brings everything back', async () => {
    const db = fresh()
    const { undo } = await import('./history')
    const c = await createCase(db, 'Case')
    const [out] = await addDocuments(db, c.id, [doc('Iran fired missiles.')])
    const id = out?.status === 'stored' ? out.id : ''
    const tag = {
      id: 't1',
      caseId: c.id,
      docId: id,
      start: 0,
      end: 4,
      exact: 'Iran',
      prefix: '',
      suffix: ' fired',
      textHash: 'hash-of-Iran fired missiles.',
      kind: 'actor' as const,
      createdAt: 0,
    }
    await db.annotations.add(tag)
    await db.events.add({
      id: 'e1',
      caseId: c.id,
      title: 'Strike',
      type: 'assault',
      initiators: [],
      targets: [],
      evidence: ['t1', 'elsewhere'],
      createdAt: 0,
      updatedAt: 0,
    })
    // e1 has evidence elsewhere too; e2 and the relation rest on this document alone.
    const only = { ...tag, id: 't2', start: 5, end: 10, exact: 'fired', kind: 'event' as const }
    await db.annotations.add(only)
    await db.events.add({
      id: 'e2',
      caseId: c.id,
      title: 'Fire',
      type: 'assault',
      initiators: [],
      targets: [],
      evidence: ['t2', 't1'],
      createdAt: 0,
      updatedAt: 0,
    })
    await db.relations.add({
      id: 'r1',
      caseId: c.id,
      from: 'a',
      to: 'b',
      type: 'ally',
      directed: false,
      evidence: ['t2'],
      createdAt: 0,
    })
    expect(await evidenceOnlyIn(db, id)).toEqual({ events: 1, relations: 1 })
    await deleteDocument(db, id)
    expect(await db.documents.count()).toBe(0)
    expect(await db.texts.count()).toBe(0)
    expect(await db.annotations.count()).toBe(0)
    expect((await db.events.get('e1'))?.evidence).toEqual(['elsewhere'])
    expect((await db.events.get('e2'))?.evidence).toEqual([])
    expect(await evidenceOnlyIn(db, id)).toEqual({ events: 0, relations: 0 })
    await undo(db, c.id)
    expect((await getDocument(db, id))?.text).toBe('Iran fired missiles.')
    expect(await db.annotations.get('t1')).toEqual(tag)
    expect((await db.events.get('e1'))?.evidence).toEqual(['t1', 'elsewhere'])
    expect(await evidenceOnlyIn(db, id)).toEqual({ events: 1, relations: 1 })
  })
})

describe("addDocuments with the case's known hashes", () => {
  it('looks up only hashes the case may hold, and still finds every duplicate', async () => {
    const db = fresh()
    const c = await createCase(db, 'Case')
    await addDocuments(db, c.id, [doc('already here')])
    const known = await loadKnownHashes(db, c.id)
    expect([...known.hashes]).toEqual(['hash-of-already here'])
    const out = await addDocuments(
      db,
      c.id,
      [doc('new one'), doc('already here')],
      undefined,
      known,
    )
    expect(out.map((o) => o.status)).toEqual(['stored', 'duplicate'])
    expect(known.hashes.has('hash-of-new one')).toBe(true)
    // Later groups of the same import see the first group's documents.
    const again = await addDocuments(db, c.id, [doc('new one')], undefined, known)
    expect(again[0]?.status).toBe('duplicate')
    known.close()
  })

  it('learns what this window stores meanwhile through the change feed', async () => {
    const db = fresh()
    const c = await createCase(db, 'Case')
    const known = await loadKnownHashes(db, c.id)
    // Another writer of this window: not through `known`.
    await addDocuments(db, c.id, [doc('from elsewhere')])
    expect(known.foreign.size).toBe(1)
    const out = await addDocuments(db, c.id, [doc('from elsewhere')], undefined, known)
    expect(out[0]?.status).toBe('duplicate')
    known.close()
  })

  it('stops trusting the hashes once another tab writes to the case, and looks each up', async () => {
    const db = fresh()
    const c = await createCase(db, 'Case')
    const known = await loadKnownHashes(db, c.id)
    // Another tab: its own database object, whose writes this window's feed never sees.
    const other = new CasefileDB(db.name)
    await other.open()
    await addDocuments(other, c.id, [doc('other tab')])
    other.close()
    expect(known.foreign.size).toBe(0)
    const out = await addDocuments(db, c.id, [doc('other tab')], undefined, known)
    expect(out[0]?.status).toBe('duplicate')
    expect(known.updatedAt).toBe(false)
    known.close()
  })

  it('does not report a deleted document as a duplicate', async () => {
    const db = fresh()
    const c = await createCase(db, 'Case')
    const [first] = await addDocuments(db, c.id, [doc('gone soon')])
    const known = await loadKnownHashes(db, c.id)
    if (first?.status !== 'stored') throw new Error('not stored')
    await deleteDocument(db, first.id)
    const out = await addDocuments(db, c.id, [doc('gone soon')], undefined, known)
    expect(out[0]?.status).toBe('stored')
    known.close()
  })
})
