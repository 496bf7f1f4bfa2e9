import { afterEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { CasefileDB } from '../schema'
import { dumpDatabase, openAtVersion } from './harness'

const NAME = 'migration-v5-documents-by-date'

afterEach(async () => {
  await Dexie.delete(NAME)
})

function meta(i: number, caseId: string, publishedAt?: number) {
  return {
    id: `doc-${String(i).padStart(4, '0')}`,
    caseId,
    title: `Report ${i}`,
    ...(publishedAt === undefined ? {} : { publishedAt }),
    textHash: `h${i}`,
    mime: 'text/plain',
    fileName: `${i}.txt`,
    fileSize: 1,
    importer: 'text',
    importerVersion: '1',
    importedAt: i,
  }
}

describe('schema v5 (documents by case and publication date)', () => {
  it('upgrades a v4 database: the index finds each case’s documents newest first, nothing else changes', async () => {
    const v4db = await openAtVersion(NAME, 4)
    const rows = Array.from({ length: 50 }, (_, i) =>
      meta(i, i % 2 ? 'case-a' : 'case-b', i % 5 ? (i % 7) * 1000 : undefined),
    )
    await v4db.table('documents').bulkAdd(rows)
    const before = await dumpDatabase(v4db)
    v4db.close()
    const db = new CasefileDB(NAME)
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(5)
    expect(db.documents.schema.idxByName['[caseId+publishedAt]']).toBeDefined()
    const newest = await db.documents
      .where('[caseId+publishedAt]')
      .between(['case-a', -Infinity], ['case-a', Infinity], true, true)
      .reverse()
      .toArray()
    const dated = rows.filter((r) => r.caseId === 'case-a' && r.publishedAt !== undefined)
    expect(newest.map((d) => d.id).sort()).toEqual(dated.map((d) => d.id).sort())
    expect(newest.map((d) => d.publishedAt)).toEqual(
      dated.map((d) => d.publishedAt!).sort((a, b) => b - a),
    )
    const after = await dumpDatabase(db)
    db.close()
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table])
  })
})
