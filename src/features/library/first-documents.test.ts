import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CasefileDB } from '../../db/schema'
import type { DocumentMeta, SourceRecord } from '../../domain/types'
import { sortDocuments } from './document-order'
import { readFirstScreen } from './first-documents'
import { SCREEN_READ } from '../../db/document-page'

let db: CasefileDB
let n = 0
beforeEach(() => {
  db = new CasefileDB(`test-first-documents-${++n}`)
})
afterEach(async () => {
  db.close()
  await db.delete()
})

const DAY = 86_400_000

function doc(
  i: number,
  caseId: string,
  publishedAt: number | undefined,
  title: string,
): DocumentMeta {
  return {
    id: `d${String((i * 7919) % 100_003).padStart(6, '0')}`,
    caseId,
    title,
    sourceId: `s${i % 3}`,
    ...(publishedAt === undefined ? {} : { publishedAt, publishedPrecision: 'day' as const }),
    textHash: `h${i}`,
    mime: 'text/plain',
    fileName: `${i}.txt`,
    fileSize: 1,
    importer: 'text',
    importerVersion: '1',
    importedAt: i,
  }
}

async function fill(docs: DocumentMeta[]): Promise<Map<string, SourceRecord>> {
  const sources: SourceRecord[] = [0, 1, 2].map((k) => ({
    id: `s${k}`,
    caseId: 'case-a',
    name: `Source ${k}`,
    reliability: 'ABC'[k] as SourceRecord['reliability'],
    history: [],
    createdAt: 1,
  }))
  await db.sources.bulkAdd(sources)
  await db.documents.bulkAdd(docs)
  return new Map(sources.map((s) => [s.id, s]))
}

/** The whole list as the library shows it by default (newest first), as rows' ids. */
function wholeList(docs: DocumentMeta[], sources: Map<string, SourceRecord>, caseId: string) {
  const ours = docs.filter((d) => d.caseId === caseId).sort((a, b) => (a.id < b.id ? -1 : 1))
  return sortDocuments(ours, sources, { key: 'date', desc: true }).map((d) => d.id)
}

describe('the library’s first screen, read by index', () => {
  it('is the first rows of the whole list, ties of its last date put in order by title', async () => {
    const docs: DocumentMeta[] = []
    // 300 documents over 10 days (30 a day: the screen's last date has ties beyond it), titles
    // in no order, 20 undated, and another case's newer documents that must not show.
    for (let i = 0; i < 300; i++)
      docs.push(doc(i, 'case-a', (i % 10) * DAY, `Title ${(i * 37) % 101}`))
    for (let i = 300; i < 320; i++) docs.push(doc(i, 'case-a', undefined, `Undated ${i}`))
    for (let i = 320; i < 340; i++) docs.push(doc(i, 'case-b', 99 * DAY, `Other ${i}`))
    const sources = await fill(docs)
    const screen = await readFirstScreen(db, 'case-a', 40)
    const whole = wholeList(docs, sources, 'case-a')
    // 40 asked: whole days of 30 (the last day's ties in title order, as the whole list has).
    expect(screen.rows.length).toBeGreaterThanOrEqual(40)
    expect(screen.rows.length % 30).toBe(0)
    expect(screen.rows.map((d) => d.id)).toEqual(whole.slice(0, screen.rows.length))
    expect([...screen.sources.keys()].sort()).toEqual(['s0', 's1', 's2'])
  })

  it('in a case with few dated documents, shows them all: the undated ones come after', async () => {
    const docs = [
      doc(1, 'case-a', 5 * DAY, 'B'),
      doc(2, 'case-a', undefined, 'A'),
      doc(3, 'case-a', 5 * DAY, 'A'),
      doc(4, 'case-a', 2 * DAY, 'C'),
    ]
    const sources = await fill(docs)
    const screen = await readFirstScreen(db, 'case-a', 40)
    expect(screen.rows.map((d) => d.id)).toEqual(wholeList(docs, sources, 'case-a').slice(0, 3))
  })

  it('reads few rows of a large case whatever the spread of its dates', async () => {
    const docs: DocumentMeta[] = []
    // 3,000 documents: most of them long ago, a burst of 50 in the last hour, one a year on.
    for (let i = 0; i < 2949; i++) docs.push(doc(i, 'case-a', (i % 900) * DAY, `Old ${i}`))
    for (let i = 2949; i < 2999; i++)
      docs.push(doc(i, 'case-a', 1000 * DAY + i * 1000, `Burst ${i}`))
    docs.push(doc(2999, 'case-a', 1400 * DAY, 'A year on'))
    const sources = await fill(docs)
    const screen = await readFirstScreen(db, 'case-a', 40)
    // At least the 40 asked, fewer than one step may read.
    expect(screen.rows.length).toBeGreaterThanOrEqual(40)
    expect(screen.rows.length).toBeLessThan(SCREEN_READ)
    const n = screen.rows.length
    expect(screen.rows.map((d) => d.id)).toEqual(wholeList(docs, sources, 'case-a').slice(0, n))
  })

  it('shows nothing early when the newest instant alone holds more than it may read', async () => {
    const docs: DocumentMeta[] = []
    for (let i = 0; i <= SCREEN_READ; i++) docs.push(doc(i, 'case-a', 5 * DAY, `Same day ${i}`))
    await fill(docs)
    const screen = await readFirstScreen(db, 'case-a', 40)
    expect(screen.rows).toEqual([])
  })

  it('when the last date holds too many ties to read, shows only the newer documents', async () => {
    const docs = [doc(0, 'case-a', 9 * DAY, 'Newest')]
    for (let i = 1; i <= SCREEN_READ + 1; i++) docs.push(doc(i, 'case-a', DAY, `Tie ${i}`))
    const sources = await fill(docs)
    const screen = await readFirstScreen(db, 'case-a', 40)
    expect(screen.rows.map((d) => d.id)).toEqual(wholeList(docs, sources, 'case-a').slice(0, 1))
  })
})
