import Dexie, { liveQuery } from 'dexie'
import { describe, expect, it } from 'vitest'
import { createCase } from './cases'
import { addDocuments } from './documents'
import { MANY_PASSAGES, readGradeLookups } from './grade-lookups'
import type { AnnotationRecord } from '../domain/types'
import { textDoc as doc, freshDbEachTest } from '../test/store'

const fresh = freshDbEachTest('test-grades')

function passage(id: string, caseId: string, docId: string): AnnotationRecord {
  return {
    id,
    caseId,
    docId,
    start: 0,
    end: 1,
    exact: 'x',
    prefix: '',
    suffix: '',
    textHash: 'h',
    kind: 'event',
    createdAt: 0,
  }
}

/** A case with one document (graded C) and more passages in it than `MANY_PASSAGES`. */
async function manyPassages(db: ReturnType<typeof fresh>) {
  const { id: caseId } = await createCase(db, 'Case')
  const [stored] = await addDocuments(db, caseId, [doc('d', { publisher: 'P', reliability: 'C' })])
  const docId = stored?.status === 'stored' ? stored.id : ''
  const ids = Array.from({ length: MANY_PASSAGES + 1 }, (_, i) => `p${i}`)
  await db.annotations.bulkAdd(ids.map((id) => passage(id, caseId, docId)))
  return { caseId, docId, ids }
}

describe('readGradeLookups', () => {
  it('reads each cited passage’s document, the case’s documents with a source, and grades', async () => {
    const db = fresh()
    const { id: caseId } = await createCase(db, 'Case')
    const { id: otherCase } = await createCase(db, 'Other')
    const stored = await addDocuments(db, caseId, [
      doc('graded', { publisher: 'Reuters', reliability: 'B' }),
      doc('unsourced'),
      doc('also graded', { publisher: 'Blog', reliability: 'E' }),
      doc('graded, never cited', { publisher: 'Wire', reliability: 'A' }),
    ])
    const [elsewhere] = await addDocuments(db, otherCase, [
      doc('other', { publisher: 'Reuters', reliability: 'A' }),
    ])
    const [d1, d2, d3] = stored.map((o) => (o.status === 'stored' ? o.id : ''))
    await db.annotations.bulkAdd([
      passage('p1', caseId, d1!),
      passage('p2', caseId, d2!),
      passage('p3', caseId, d3!),
      passage('uncited', caseId, d1!),
    ])
    const got = await readGradeLookups(db, caseId, ['p1', 'p2', 'p3', 'gone'])
    expect([...got.evidence]).toEqual([
      ['p1', { docId: d1 }],
      ['p2', { docId: d2 }],
      ['p3', { docId: d3 }],
    ])
    // Only the cited documents with a source (not the one no passage cites); the other
    // case's Reuters is its own source.
    expect(new Set(got.documents.keys())).toEqual(new Set([d1, d3]))
    const grade = (docId: string) => got.sources.get(got.documents.get(docId)!.sourceId!)
    expect(grade(d1!)).toEqual({ reliability: 'B' })
    expect(grade(d3!)).toEqual({ reliability: 'E' })
    expect(elsewhere?.status === 'stored' && got.documents.has(elsewhere.id)).toBe(false)
  })

  it('reads many cited passages in one go, and still only the cited ones', async () => {
    const db = fresh()
    const { caseId, docId, ids } = await manyPassages(db)
    await db.annotations.add(passage('uncited', caseId, docId))
    const got = await readGradeLookups(db, caseId, [...ids, 'gone'])
    expect(got.evidence.size).toBe(ids.length)
    expect(got.evidence.has('uncited')).toBe(false)
    expect(got.evidence.get('p7')).toEqual({ docId })
  })
})

describe('readGradeLookups under a live query', () => {
  it('keeps none of the tags it read in Dexie’s query cache, and still follows a change of grade', async () => {
    const db = fresh()
    const { caseId, docId, ids } = await manyPassages(db)
    const seen: string[] = []
    const subscription = liveQuery(() => readGradeLookups(db, caseId, ids)).subscribe((got) => {
      const sourceId = got.documents.get(docId)?.sourceId
      seen.push(sourceId ? got.sources.get(sourceId)!.reliability : 'none')
    })
    try {
      await expect.poll(() => seen).toEqual(['C'])
      // Dexie's cache keeps, per table, the results of the live queries it answered: a
      // query of the case's tags left there would hold every one of them while watched.
      const held = Dexie.cache[`idb://${db.name}/annotations`]
      const results = Object.values(held?.queries.query ?? {})
        .flat()
        .filter((entry) => entry.res !== undefined)
      expect(results).toEqual([])
      const source = await db.sources.where('caseId').equals(caseId).first()
      await db.sources.update(source!.id, { reliability: 'A' })
      await expect.poll(() => seen).toEqual(['C', 'A'])
    } finally {
      subscription.unsubscribe()
    }
  })
})
