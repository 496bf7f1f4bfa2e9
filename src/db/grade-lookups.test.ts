import Dexie, { liveQuery } from 'dexie'
import { describe, expect, it } from 'vitest'
import { createCase } from './cases'
import { addDocuments } from './documents'
import {
  MANY_PASSAGES,
  PASSAGES_A_READ,
  readGradeLookups,
  touchesGrades,
  watchGradeLookups,
  type GradeLookups,
} from './grade-lookups'
import type { ChangeBatch, StoreChange } from './change-feed'
import { passageTag } from '../test/annotations'
import { textDoc as doc, freshDbEachTest } from '../test/store'

const fresh = freshDbEachTest('test-grades')

/** A case with one document (graded C) and more passages in it than `MANY_PASSAGES`. */
async function manyPassages(db: ReturnType<typeof fresh>) {
  const { id: caseId } = await createCase(db, 'Case')
  const [stored] = await addDocuments(db, caseId, [doc('d', { publisher: 'P', reliability: 'C' })])
  const docId = stored?.status === 'stored' ? stored.id : ''
  const ids = Array.from({ length: MANY_PASSAGES + 1 }, (_, i) => `p${i}`)
  await db.annotations.bulkAdd(ids.map((id) => passageTag(id, caseId, docId)))
  return { caseId, docId, ids }
}

describe('readGradeLookups', () => {
  it.each([
    ['few passages, read one by one', 0],
    ['many passages, found by the tags’ document index', MANY_PASSAGES],
  ])(
    'reads each cited passage’s document with a source, those documents, and grades (%s)',
    async (_, padding) => {
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
      const [d1, d2, d3, d4] = stored.map((o) => (o.status === 'stored' ? o.id : ''))
      const e1 = elsewhere?.status === 'stored' ? elsewhere.id : ''
      await db.annotations.bulkAdd([
        passageTag('p1', caseId, d1!),
        passageTag('p2', caseId, d2!),
        passageTag('p3', caseId, d3!),
        passageTag('p1b', caseId, d1!),
        passageTag('uncited', caseId, d4!),
        passageTag('theirs', otherCase, e1),
      ])
      // Ids no tag has: with `padding` of them the many-passage read is taken.
      const gone = Array.from({ length: padding + 1 }, (_, i) => `gone${i}`)
      const cited = ['p1', 'p2', 'p3', 'p1b', 'theirs', ...gone]
      const got = await readGradeLookups(db, caseId, cited)
      // The passage in the unsourced document grades nothing and is left out, as are the
      // uncited one and the other case's.
      expect(new Map(got.evidence)).toEqual(
        new Map([
          ['p1', { docId: d1 }],
          ['p1b', { docId: d1 }],
          ['p3', { docId: d3 }],
        ]),
      )
      // One shared entry per document.
      expect(got.evidence.get('p1')).toBe(got.evidence.get('p1b'))
      // Only the cited documents with a source (not the one no passage cites); the other
      // case's Reuters is its own source.
      expect(new Set(got.documents.keys())).toEqual(new Set([d1, d3]))
      const grade = (docId: string) => got.sources.get(got.documents.get(docId)!.sourceId!)
      expect(grade(d1!)).toEqual({ reliability: 'B' })
      expect(grade(d3!)).toEqual({ reliability: 'E' })
      expect(got.documents.has(e1)).toBe(false)
      expect([...got.sources.values()].map((s) => s.reliability).sort()).toEqual(['A', 'B', 'E'])
    },
  )

  it('reads passages over several requests, those at a request’s edges too, none of another case', async () => {
    const db = fresh()
    const { id: caseId } = await createCase(db, 'Case')
    const { id: otherCase } = await createCase(db, 'Other')
    const [mine] = await addDocuments(db, caseId, [doc('d', { publisher: 'P', reliability: 'C' })])
    const [theirs] = await addDocuments(db, otherCase, [
      doc('e', { publisher: 'P', reliability: 'A' }),
    ])
    const docId = mine?.status === 'stored' ? mine.id : ''
    const otherDoc = theirs?.status === 'stored' ? theirs.id : ''
    // Ids in order p00000, p00001, …; every third is the other case's, between this case's.
    const total = 2 * PASSAGES_A_READ + 7
    const id = (i: number) => `p${String(i).padStart(5, '0')}`
    const tags = Array.from({ length: total }, (_, i) =>
      i % 3 === 2 ? passageTag(id(i), otherCase, otherDoc) : passageTag(id(i), caseId, docId),
    )
    await db.annotations.bulkAdd(tags)
    // Every id cited, the other case's too: only this case's are this case's evidence.
    const got = await readGradeLookups(db, caseId, tags.map((t) => t.id).reverse())
    const expected = tags.filter((t) => t.caseId === caseId).map((t) => t.id)
    expect(expected.length).toBeGreaterThan(PASSAGES_A_READ)
    expect([...got.evidence.keys()].sort()).toEqual(expected)
    expect(got.evidence.get(id(0))).toEqual({ docId })
    expect(got.evidence.get(id(total - 1))).toEqual({ docId })
    expect([...got.documents.keys()]).toEqual([docId])
  })

  it('reads many cited passages by ranges of ids, and still only the cited ones', async () => {
    const db = fresh()
    const { caseId, docId, ids } = await manyPassages(db)
    // Its id falls inside a range read (between p5 and p6): read, and passed over.
    await db.annotations.add(passageTag('p5-uncited', caseId, docId))
    const got = await readGradeLookups(db, caseId, [...ids, 'gone'])
    expect(got.evidence.size).toBe(ids.length)
    expect(got.evidence.has('p5-uncited')).toBe(false)
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

/** Resolves once `check` holds, looking every few ms (fails after a few seconds). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 600) throw new Error(`never came: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** The grade of passage `id` in `l`. */
function gradeOf(l: GradeLookups | undefined, id: string) {
  const docId = l?.evidence.get(id)?.docId
  const sourceId = docId ? l?.documents.get(docId)?.sourceId : undefined
  return sourceId ? l?.sources.get(sourceId)?.reliability : undefined
}

/** A case with one document from a source graded `grade`, and the passage `p-<title>` in it. */
async function gradedCase(db: ReturnType<typeof fresh>, title: string, grade: 'B' | 'C') {
  const { id: caseId } = await createCase(db, title)
  const [stored] = await addDocuments(db, caseId, [
    doc(`${title} report`, { publisher: `${title} wire`, reliability: grade }),
  ])
  const docId = stored?.status === 'stored' ? stored.id : ''
  await db.annotations.add(passageTag(`p-${title}`, caseId, docId))
  const source = await db.sources.where('caseId').equals(caseId).first()
  return { caseId, docId, sourceId: source!.id, passage: `p-${title}` }
}

describe('watchGradeLookups', () => {
  it('reads the lookups, then again after a change to the case’s sources, not another case’s', async () => {
    const db = fresh()
    const mine = await gradedCase(db, 'Mine', 'C')
    const other = await gradedCase(db, 'Other', 'B')
    const seen: GradeLookups[] = []
    const errors: unknown[] = []
    const stop = watchGradeLookups(
      db,
      mine.caseId,
      [mine.passage],
      (l) => seen.push(l),
      (e) => errors.push(e),
    )
    try {
      await until(() => seen.length === 1, 'the first read')
      expect(gradeOf(seen[0], mine.passage)).toBe('C')
      // Another case's source regraded: not read again. Then this case's: read again.
      await db.sources.update(other.sourceId, { reliability: 'A' })
      await db.sources.update(mine.sourceId, { reliability: 'A' })
      await until(() => gradeOf(seen.at(-1), mine.passage) === 'A', 'the regrade')
      expect(seen).toHaveLength(2)
      // A passage of this case deleted: read again (and it grades nothing any more).
      await db.annotations.delete(mine.passage)
      await until(() => seen.length === 3, 'the read after the delete')
      expect(seen[2]!.evidence.has(mine.passage)).toBe(false)
      expect(errors).toEqual([])
    } finally {
      stop()
    }
    // Stopped: a change reads nothing more.
    await db.sources.update(mine.sourceId, { reliability: 'B' })
    await db.sources.update(mine.sourceId, { reliability: 'C' })
    expect(seen).toHaveLength(3)
  })

  it('says when a read fails', async () => {
    const db = fresh()
    const { caseId } = await gradedCase(db, 'Broken', 'B')
    db.close()
    const errors: unknown[] = []
    const stop = watchGradeLookups(
      db,
      caseId,
      ['x'],
      () => {},
      (e) => errors.push(e),
    )
    await until(() => errors.length === 1, 'the error')
    stop()
  })
})

describe('touchesGrades', () => {
  const batch = (tables: string[], caseIds: string[], unknownCase = false): ChangeBatch =>
    ({
      tables: new Set(tables),
      caseIds: new Set(caseIds),
      changes: [
        ...caseIds.map((caseId): StoreChange => ({
          table: tables[0]!,
          key: 'k',
          op: 'put',
          caseId,
        })),
        ...(unknownCase ? [{ table: tables[0]!, key: 'k', op: 'delete' } as StoreChange] : []),
      ],
    }) as unknown as ChangeBatch

  it('is a change to the sources, documents or tags of the case, or of a case not known', () => {
    expect(touchesGrades(batch(['sources'], ['a']), 'a')).toBe(true)
    expect(touchesGrades(batch(['documents'], ['a']), 'a')).toBe(true)
    expect(touchesGrades(batch(['annotations'], ['a']), 'a')).toBe(true)
    expect(touchesGrades(batch(['sources'], ['b']), 'a')).toBe(false)
    expect(touchesGrades(batch(['events'], ['a']), 'a')).toBe(false)
    expect(touchesGrades(batch(['annotations'], ['b'], true), 'a')).toBe(true)
  })
})
