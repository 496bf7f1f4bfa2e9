import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { changeFeed, type ChangeBatch } from './change-feed'
import { createCase, deleteCase } from './cases'
import { addDocuments, deleteDocument, type NewDocument } from './documents'
import { StoreError } from './errors'
import { clearHistory, undo } from './history'
import { CasefileDB } from './schema'
import { tagPassage } from './tags'

let db: CasefileDB
let n = 0
let batches: ChangeBatch[]
let stop: () => void

beforeEach(() => {
  db = new CasefileDB(`test-change-feed-${++n}`)
  batches = []
  stop = changeFeed(db).subscribe((b) => batches.push(b))
  clearHistory()
})

afterEach(async () => {
  stop()
  db.close()
  await db.delete()
})

const doc = (text: string): NewDocument => ({
  title: `About ${text.slice(0, 10)}`,
  text,
  textHash: `hash-${text}`,
  mime: 'text/plain',
  importer: 'text',
  importerVersion: '1',
  fileName: 'a.txt',
  fileSize: text.length,
})

async function importOne(caseId: string, text: string): Promise<string> {
  const [outcome] = await addDocuments(db, caseId, [doc(text)])
  if (outcome?.status !== 'stored') throw new Error('not stored')
  return outcome.id
}

describe('change feed', () => {
  it('publishes a write once its transaction has committed, naming documents and case', async () => {
    const c = await createCase(db, 'Feed')
    batches = []
    let seenInsideTransaction = -1
    const id = await db.transaction(
      'rw',
      [db.cases, db.documents, db.texts, db.sources, db.changes],
      async () => {
        const [outcome] = await addDocuments(db, c.id, [doc('Missiles struck the base.')])
        seenInsideTransaction = batches.length
        return outcome?.status === 'stored' ? outcome.id : ''
      },
    )
    expect(seenInsideTransaction).toBe(0)
    expect(batches).toHaveLength(1)
    const [batch] = batches
    expect(batch!.documents.get(id)).toBe('put')
    expect(batch!.caseIds).toEqual(new Set([c.id]))
    expect(batch!.tables.has('texts')).toBe(true)
    expect(batch!.changes.find((ch) => ch.table === 'texts')).toMatchObject({
      key: id,
      op: 'put',
      caseId: c.id,
    })
  })

  it('publishes nothing for a transaction that fails', async () => {
    const c = await createCase(db, 'Feed')
    batches = []
    await expect(
      db.transaction('rw', [db.cases, db.documents, db.texts, db.sources, db.changes], async () => {
        await addDocuments(db, c.id, [doc('Never kept.')])
        throw new StoreError('INVALID', 'changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    // A later write still publishes: the failed one left nothing pending behind.
    await importOne(c.id, 'Kept.')
    expect(batches).toHaveLength(1)
    expect([...batches[0]!.documents.keys()]).toHaveLength(1)
    expect(await db.documents.count()).toBe(1)
  })

  it('publishes nothing when a constraint aborts the write', async () => {
    const c = await createCase(db, 'Feed')
    batches = []
    await expect(db.cases.add({ ...c })).rejects.toThrow()
    expect(batches).toHaveLength(0)
  })

  it('says which documents and annotations a delete and its undo touched', async () => {
    const c = await createCase(db, 'Feed')
    const id = await importOne(c.id, 'Iran fired missiles at the base.')
    const { annotation } = await tagPassage(db, { docId: id, start: 0, end: 4, kind: 'actor' })
    batches = []
    await deleteDocument(db, id)
    expect(batches).toHaveLength(1)
    expect(batches[0]!.documents.get(id)).toBe('delete')
    expect(batches[0]!.annotations.get(annotation.id)).toBe('delete')
    // The deleted metadata row was read before the delete: its case is known.
    expect(batches[0]!.changes.find((ch) => ch.table === 'documents')?.caseId).toBe(c.id)
    await undo(db, c.id)
    expect(batches).toHaveLength(2)
    expect(batches[1]!.documents.get(id)).toBe('put')
    expect(batches[1]!.annotations.get(annotation.id)).toBe('put')
  })

  it('names a deleted case and every record deleted with it', async () => {
    const c = await createCase(db, 'Feed')
    const id = await importOne(c.id, 'Text of a case about to go.')
    batches = []
    await deleteCase(db, c.id)
    expect(batches).toHaveLength(1)
    expect(batches[0]!.cases.get(c.id)).toBe('delete')
    expect(batches[0]!.documents.get(id)).toBe('delete')
    expect(batches[0]!.caseIds.has(c.id)).toBe(true)
  })

  it('names the keys a clear() removed', async () => {
    const c = await createCase(db, 'Feed')
    const id = await importOne(c.id, 'Cleared.')
    batches = []
    await db.texts.clear()
    expect(batches[0]!.documents.get(id)).toBe('delete')
  })

  it('keeps calling other subscribers when one throws', async () => {
    const seen: number[] = []
    const stopBad = changeFeed(db).subscribe(() => {
      throw new Error('subscriber bug')
    })
    const stopGood = changeFeed(db).subscribe((b) => seen.push(b.changes.length))
    const original = console.error
    console.error = () => undefined
    try {
      await createCase(db, 'Still published')
    } finally {
      console.error = original
      stopBad()
      stopGood()
    }
    expect(seen).toHaveLength(1)
    expect(batches).toHaveLength(1)
  })

  it('is silent for reads', async () => {
    const c = await createCase(db, 'Feed')
    batches = []
    await db.cases.get(c.id)
    await db.transaction('r', db.documents, () => db.documents.toArray())
    expect(batches).toHaveLength(0)
  })
})
