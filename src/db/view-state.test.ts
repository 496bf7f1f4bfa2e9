import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCase, deleteCase } from './cases'
import { CasefileDB } from './schema'
import { addDocuments, deleteDocument } from './documents'
import { clearViewState, readOpenDocument, readViewState, writeViewState } from './view-state'
import { textDoc } from '../test/store'

// Which of the zod modules this file's code has loaded: the reads and writes must load neither,
// so that a case whose panes saved a view reopens without zod (95 KB) — restore keeps it.
const loaded = vi.hoisted(() => new Set<string>())
vi.mock('../domain/record-schemas', async (original) => {
  loaded.add('record-schemas')
  return await original()
})
vi.mock('zod', async (original) => {
  loaded.add('zod')
  return await original()
})

let db: CasefileDB
let n = 0
beforeEach(async () => {
  db = new CasefileDB(`test-view-state-${++n}`)
  await db.open()
})
afterEach(async () => {
  vi.restoreAllMocks()
  await db.delete()
})

const layout = { positions: { a: { x: 1, y: 2 } }, pinned: ['a'] }

describe('per-case view state', () => {
  it('saves and reads each key per case', async () => {
    const one = await createCase(db, 'One')
    const two = await createCase(db, 'Two')
    await writeViewState(db, one.id, 'graph:layout', layout)
    await writeViewState(db, two.id, 'timeline:window', { start: 10, end: 20 })
    await writeViewState(db, two.id, 'pane:layout', { library: 300, graph: 420 })
    expect(await readViewState(db, one.id, 'graph:layout')).toEqual(layout)
    expect(await readViewState(db, one.id, 'timeline:window')).toBeUndefined()
    expect(await readViewState(db, two.id, 'timeline:window')).toEqual({ start: 10, end: 20 })
    expect(await readViewState(db, two.id, 'pane:layout')).toEqual({ library: 300, graph: 420 })
    // Checked without the zod schemas.
    expect([...loaded]).toEqual([])
  })

  it('reads a stored value that fails its schema as absent, never as a cast', async () => {
    const c = await createCase(db, 'One')
    await db.viewState.put({
      caseId: c.id,
      key: 'graph:layout',
      value: { positions: 'x' },
    } as never)
    await db.viewState.put({
      caseId: c.id,
      key: 'timeline:window',
      value: { start: 5, end: 1 },
    } as never)
    expect(await readViewState(db, c.id, 'graph:layout')).toBeUndefined()
    expect(await readViewState(db, c.id, 'timeline:window')).toBeUndefined()
  })

  it('refuses to write a value that fails its schema, or for a case that is gone', async () => {
    const c = await createCase(db, 'One')
    await expect(
      writeViewState(db, c.id, 'graph:layout', { positions: { a: { x: NaN, y: 0 } }, pinned: [] }),
    ).rejects.toMatchObject({ name: 'StoreError', code: 'INVALID' })
    await expect(
      writeViewState(db, 'no-such-case', 'timeline:window', { start: 1, end: 2 }),
    ).rejects.toMatchObject({ name: 'StoreError', code: 'NOT_FOUND' })
    expect(await db.viewState.count()).toBe(0)
  })

  it('surfaces a full disk as QUOTA_EXCEEDED instead of swallowing it', async () => {
    const c = await createCase(db, 'One')
    vi.spyOn(db.viewState, 'put').mockRejectedValue(
      new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    )
    await expect(writeViewState(db, c.id, 'graph:layout', layout)).rejects.toMatchObject({
      name: 'StoreError',
      code: 'QUOTA_EXCEEDED',
    })
  })

  it('is deleted with its case', async () => {
    const gone = await createCase(db, 'Gone')
    const kept = await createCase(db, 'Kept')
    await writeViewState(db, gone.id, 'graph:layout', layout)
    await writeViewState(db, gone.id, 'timeline:window', { start: 1, end: 2 })
    await writeViewState(db, kept.id, 'graph:layout', layout)
    await deleteCase(db, gone.id)
    expect(await db.viewState.where('caseId').equals(gone.id).count()).toBe(0)
    expect(await readViewState(db, kept.id, 'graph:layout')).toEqual(layout)
  })

  it('remembers the open document and reopens it only while it is still the case’s', async () => {
    const one = await createCase(db, 'One')
    const two = await createCase(db, 'Two')
    await addDocuments(db, one.id, [textDoc('First text.'), textDoc('Second text.')])
    await addDocuments(db, two.id, [textDoc('Another case’s text.')])
    const [first, second] = await db.documents.where({ caseId: one.id }).sortBy('title')
    const [other] = await db.documents.where({ caseId: two.id }).toArray()
    expect(await readOpenDocument(db, one.id)).toBeUndefined()
    await writeViewState(db, one.id, 'reader:document', { docId: first!.id })
    expect(await readOpenDocument(db, one.id)).toBe(first!.id)
    // Another case's document is never opened in this one.
    await writeViewState(db, one.id, 'reader:document', { docId: other!.id })
    expect(await readOpenDocument(db, one.id)).toBeUndefined()
    // A deleted document is not reopened.
    await writeViewState(db, one.id, 'reader:document', { docId: second!.id })
    await deleteDocument(db, second!.id)
    expect(await readOpenDocument(db, one.id)).toBeUndefined()
    // Closing the reader forgets it; a bad value is refused.
    await writeViewState(db, one.id, 'reader:document', { docId: first!.id })
    await clearViewState(db, one.id, 'reader:document')
    expect(await readViewState(db, one.id, 'reader:document')).toBeUndefined()
    await expect(
      writeViewState(db, one.id, 'reader:document', { docId: '' }),
    ).rejects.toMatchObject({ code: 'INVALID' })
    expect([...loaded]).toEqual([])
  })
})
