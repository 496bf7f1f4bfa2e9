import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { exportCase, restoreBackup } from '../db/backup'
import { createCase } from '../db/cases'
import { addDocuments, deleteDocument, updateDocumentMeta } from '../db/documents'
import { redo, undo } from '../db/history'
import type { CasefileDB } from '../db/schema'
import { setSourceReliability } from '../db/sources'
import { storeWithDocument } from '../db/test-fixtures'
import { textDoc } from '../test/store'
import { READ_PAGE } from '../db/document-page'
import { applyToList, CaseDocumentsCache, type CaseDocuments } from './case-documents'

const TEXT = 'Iran fired missiles at the Al Udeid Air Base in Qatar on Monday.'
let db: CasefileDB
let caseId: string
let docId: string
let cache: CaseDocumentsCache

/** Subscribes and resolves with the lists once `ready` holds for them. */
function listsWhen(
  id: string,
  ready: (l: CaseDocuments) => boolean,
): { lists: Promise<CaseDocuments>; stop: () => void } {
  let stop = (): void => undefined
  const lists = new Promise<CaseDocuments>((resolve, reject) => {
    const check = (): void => {
      const state = cache.get(id)
      if (state?.status === 'failed') reject(state.error)
      else if (state && ready(state.lists)) resolve(state.lists)
    }
    stop = cache.subscribe(id, check)
    if (cache.get(id)) check()
  })
  return { lists, stop: () => stop() }
}

const titles = (l: CaseDocuments) => l.documents.map((d) => d.title)
const ids = (l: CaseDocuments) => l.documents.map((d) => d.id)

async function add(target: string, ...texts: string[]): Promise<string[]> {
  const out = await addDocuments(
    db,
    target,
    texts.map((t) => textDoc(t)),
  )
  return out.map((o) => (o.status === 'stored' ? o.id : ''))
}

beforeEach(async () => {
  ;({ db, caseId, docId } = await storeWithDocument('test-case-documents', TEXT))
  cache = new CaseDocumentsCache(db)
})
afterEach(async () => {
  cache.dispose()
  await db.delete()
})

describe('CaseDocumentsCache', () => {
  it('reads the case’s documents in id order and its sources, and no other case’s', async () => {
    const other = (await createCase(db, 'Other')).id
    const mine = await add(caseId, 'Second report', 'Third report')
    await add(other, 'Not this case')
    await updateDocumentMeta(db, docId, { publisher: 'Reuters' })
    const { lists, stop } = listsWhen(caseId, () => true)
    const got = await lists
    stop()
    expect(ids(got)).toEqual([docId, ...mine].sort())
    expect([...got.sources.values()].map((s) => s.name)).toEqual(['Reuters'])
    expect(got.caseId).toBe(caseId)
  })

  it('applies an import as a diff: the other documents stay the same objects, and one read', async () => {
    const first = await listsWhen(caseId, () => true).lists
    const where = vi.spyOn(db.documents, 'where')
    const [added] = await add(caseId, 'A second report')
    const next = await listsWhen(caseId, (l) => l.documents.length === 2).lists
    // Not read again: the document already there is the very object of the first read.
    expect(next.documents.find((d) => d.id === docId)).toBe(first.documents[0])
    expect(ids(next)).toEqual([docId, added].sort())
    // The sources did not change: the same map.
    expect(next.sources).toBe(first.sources)
    // No query of the whole case's documents by the cache (addDocuments' own reads aside).
    const whole = ['caseId', '[caseId+id]']
    expect(
      where.mock.calls.filter(([index]) => whole.includes(index as unknown as string)),
    ).toEqual([])
    where.mockRestore()
  })

  it('reads a case of several pages whole, with a document written between two pages', async () => {
    const other = (await createCase(db, 'Other')).id
    const base = (await db.documents.get(docId))!
    // Ids of this case and another interleave; more than two pages of this case's.
    const rows = Array.from({ length: 2 * READ_PAGE + 7 }, (_, i) => ({
      ...base,
      id: `p${String(i).padStart(5, '0')}`,
      caseId: i % 3 ? caseId : other,
      title: `Report ${i}`,
    }))
    await db.documents.bulkAdd(rows)
    const mine = [docId, ...rows.filter((r) => r.caseId === caseId).map((r) => r.id)].sort()
    expect(mine.length).toBeGreaterThan(READ_PAGE)
    const where = db.documents.where.bind(db.documents)
    let pages = 0
    let late: Promise<string[]> | undefined
    const spy = vi.spyOn(db.documents, 'where').mockImplementation(((index: string) => {
      // After the first page is read, an import commits while the rest is read.
      if (index === '[caseId+id]' && ++pages === 2) late = add(caseId, 'Written between pages')
      return where(index)
    }) as typeof db.documents.where)
    const { lists, stop } = listsWhen(caseId, (l) => l.documents.length === mine.length + 1)
    const got = await lists
    stop()
    spy.mockRestore()
    expect(pages).toBeGreaterThanOrEqual(2)
    const [lateId] = await late!
    expect(ids(got)).toEqual([...mine, lateId!].sort())
  })

  it('follows an edit, a deletion, their undo and redo', async () => {
    const [second] = await add(caseId, 'A second report')
    const start = await listsWhen(caseId, (l) => l.documents.length === 2).lists
    const title = start.documents.find((d) => d.id === docId)?.title

    await updateDocumentMeta(db, docId, { title: 'Renamed' })
    let l = await listsWhen(caseId, (x) => titles(x).includes('Renamed')).lists
    expect(l.documents.find((d) => d.id === second)?.title).toBe('A second report')

    await deleteDocument(db, second!)
    l = await listsWhen(caseId, (x) => x.documents.length === 1).lists
    expect(ids(l)).toEqual([docId])

    await undo(db, caseId)
    l = await listsWhen(caseId, (x) => x.documents.length === 2).lists
    expect(ids(l)).toEqual([docId, second].sort())

    await redo(db, caseId)
    l = await listsWhen(caseId, (x) => x.documents.length === 1).lists
    expect(ids(l)).toEqual([docId])

    await undo(db, caseId) // the deletion
    await undo(db, caseId) // the rename
    l = await listsWhen(caseId, (x) => x.documents.length === 2 && !titles(x).includes('Renamed'))
      .lists
    expect(l.documents.find((d) => d.id === docId)?.title).toBe(title)
  })

  it('follows the sources: a new publisher, a grade, and leaves the list alone', async () => {
    const first = await listsWhen(caseId, () => true).lists
    await updateDocumentMeta(db, docId, { publisher: 'Reuters' })
    const l = await listsWhen(caseId, (x) => x.sources.size === 1).lists
    const source = [...l.sources.values()][0]!
    expect(l.documents[0]?.sourceId).toBe(source.id)
    await setSourceReliability(db, source.id, 'B')
    const graded = await listsWhen(caseId, (x) => x.sources.get(source.id)?.reliability === 'B')
      .lists
    // Grading wrote only the source: the documents are the same list.
    expect(graded.documents).toBe(l.documents)
    expect(first.sources.size).toBe(0)
  })

  it('keeps each case apart, and a restored copy of the case does not enter the original', async () => {
    const other = (await createCase(db, 'Other')).id
    const [otherDoc] = await add(other, 'Elsewhere')
    const mine = await listsWhen(caseId, () => true).lists
    const theirs = await listsWhen(other, () => true).lists
    expect(titles(theirs)).toEqual(['Elsewhere'])

    const bytes = await exportCase(db, caseId)
    const restored = await restoreBackup(db, new Blob([bytes as BlobPart]).stream())
    if (!restored.ok) throw new Error(restored.error.message)
    const copy = await listsWhen(restored.value.caseId, (l) => l.documents.length === 1).lists
    expect(titles(copy)).toEqual(titles(mine))
    expect(copy.documents[0]?.id).not.toBe(docId)

    // A deletion in the other case, then a write here: each list follows its own case only.
    await deleteDocument(db, otherDoc!)
    await listsWhen(other, (l) => l.documents.length === 0).lists
    await updateDocumentMeta(db, docId, { title: 'Here' })
    const after = await listsWhen(caseId, (l) => titles(l).includes('Here')).lists
    expect(ids(after)).toEqual(ids(mine))
  })

  it('keeps the case watched last (and current) until another case is watched', async () => {
    const a = listsWhen(caseId, () => true)
    const first = await a.lists
    a.stop()
    // Nobody watches it, and it is still followed: a pane mounting again is answered at once.
    expect(cache.get(caseId)).toBeDefined()
    await add(caseId, 'Added while nobody watched')
    const watch = listsWhen(caseId, (l) => l.documents.length === 2)
    const kept = await watch.lists
    watch.stop()
    const original = first.documents[0]!
    expect(kept.documents.find((d) => d.id === original.id)).toBe(original)
    // Watching another case lets it go; the next watcher reads it afresh.
    const other = (await createCase(db, 'Other')).id
    const b = listsWhen(other, () => true)
    await b.lists
    expect(cache.get(caseId)).toBeUndefined()
    b.stop()
    const again = await listsWhen(caseId, () => true).lists
    expect(again.documents).toHaveLength(2)
    expect(again.documents.find((d) => d.id === original.id)).not.toBe(original)
  })
})

describe('applyToList', () => {
  const rec = (id: string, v = 0) => ({ id, v })
  it('replaces, inserts in id order and removes, leaving the input alone', () => {
    const list = [rec('b'), rec('d'), rec('f')]
    const out = applyToList(
      list,
      new Map([
        ['d', rec('d', 1)],
        ['a', rec('a')],
        ['e', rec('e')],
        ['f', undefined],
        ['z', undefined],
      ]),
    )
    expect(out).toEqual([rec('a'), rec('b'), rec('d', 1), rec('e')])
    expect(out[1]).toBe(list[0])
    expect(list).toEqual([rec('b'), rec('d'), rec('f')])
  })

  it('gives the same list when nothing changed', () => {
    const list = [rec('a')]
    expect(applyToList(list, new Map())).toBe(list)
  })
})
