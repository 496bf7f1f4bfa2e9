import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCase } from '../db/cases'
import { CasefileDB } from '../db/schema'
import type { SourceFile } from '../platform/platform'
import { importBatch, STORE_GROUP_CHARS, type ImportProgress } from './import-batch'

let db: CasefileDB
let n = 0

function file(name: string, content: string | Uint8Array, size?: number): SourceFile {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content
  return {
    name,
    size: size ?? bytes.byteLength,
    type: '',
    read: async () =>
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  }
}

beforeEach(async () => {
  db = new CasefileDB(`test-import-${++n}`)
  await db.open()
})
afterEach(async () => {
  vi.restoreAllMocks()
  await db.delete()
})

describe('importBatch', () => {
  it('imports good files, reports bad ones and duplicates, one line per file, in order', async () => {
    const c = await createCase(db, 'Case')
    const progress: ImportProgress[] = []
    const report = await importBatch(
      db,
      c.id,
      [
        file('a.txt', 'First report\n\nIran fired missiles.'),
        file('empty.txt', ''),
        file('b.md', '# Second report\n\nQatar closed its airspace.'),
        file('again.txt', 'First report\n\nIran fired missiles.'),
        file('huge.txt', 'x', 60 * 1024 * 1024),
      ],
      // Every report, not a few a second: each file's start is seen.
      { onProgress: (p) => progress.push(p), progressEveryMs: 0 },
    )
    expect(report.files.map((f) => [f.fileName, f.status, f.error?.code])).toEqual([
      ['a.txt', 'imported', undefined],
      ['empty.txt', 'failed', 'EMPTY'],
      ['b.md', 'imported', undefined],
      ['again.txt', 'duplicate', undefined],
      ['huge.txt', 'failed', 'TOO_LARGE'],
    ])
    expect(report.files[3]?.duplicateOf?.title).toBe('First report')
    expect([report.imported, report.duplicates, report.failed]).toEqual([2, 1, 2])
    expect(report.stored.map((s) => s.title)).toEqual(['First report', 'Second report'])
    expect(await db.documents.where('caseId').equals(c.id).count()).toBe(2)
    expect(progress.at(-1)).toEqual({ done: 5, total: 5 })
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('applies overrides (publisher, grade, date) over what the extractor found', async () => {
    const c = await createCase(db, 'Case')
    const report = await importBatch(db, c.id, [file('a.txt', 'Wire copy\n\nText.')], {
      overrides: () => ({
        publisher: 'Wire',
        reliability: 'B',
        publishedAt: 5,
        publishedPrecision: 'day',
      }),
    })
    const doc = await db.documents.get(report.files[0]!.docId!)
    expect(doc).toMatchObject({ publishedAt: 5, publishedPrecision: 'day' })
    expect(await db.sources.get(doc!.sourceId!)).toMatchObject({ name: 'Wire', reliability: 'B' })
  })

  it('keeps the groups already stored when the disk fills up, and says which failed', async () => {
    const c = await createCase(db, 'Case')
    const bulkAdd = db.texts.bulkAdd.bind(db.texts)
    let calls = 0
    vi.spyOn(db.texts, 'bulkAdd').mockImplementation((...args: Parameters<typeof bulkAdd>) => {
      if (++calls === 2)
        return Promise.reject(
          Object.assign(new Error('full'), { name: 'QuotaExceededError' }),
        ) as never
      return bulkAdd(...args)
    })
    // Each file a group of its own: its text alone passes the character bound.
    const files = ['one', 'two', 'three'].map((w) =>
      file(`${w}.txt`, `Report ${w}\n\n${w.repeat(STORE_GROUP_CHARS / 3 + 1)}`),
    )
    const report = await importBatch(db, c.id, files)
    expect(report.files.map((f) => [f.status, f.error?.code])).toEqual([
      ['imported', undefined],
      ['failed', 'DISK_FULL'],
      ['imported', undefined],
    ])
    expect(report.files[1]?.error?.message).toMatch(/disk has no room/)
    expect(await db.documents.count()).toBe(2)
    expect(await db.texts.count()).toBe(2)
  })

  it('stores nothing of the file in progress when cancelled, nor of the files after it', async () => {
    const c = await createCase(db, 'Case')
    const ctl = new AbortController()
    const first = file('a.txt', 'A\n\nx')
    // A web page is extracted alone, after the files before it: the first is done by then.
    const second = file('b.html', '<title>B</title><p>y</p>')
    const read = second.read
    // The user cancels while the second file is being read.
    second.read = () => {
      ctl.abort()
      return read()
    }
    const report = await importBatch(db, c.id, [first, second, file('c.txt', 'C\n\nz')], {
      signal: ctl.signal,
    })
    expect(report.files.map((f) => [f.fileName, f.status, f.error?.code])).toEqual([
      ['a.txt', 'imported', undefined],
      ['b.html', 'failed', 'CANCELLED'],
      ['c.txt', 'failed', 'CANCELLED'],
    ])
    expect((await db.documents.toArray()).map((d) => d.title)).toEqual(['A'])
  })

  it('commits finished files as it goes: an import stopped midway keeps them', async () => {
    const c = await createCase(db, 'Case')
    const files = Array.from({ length: 200 }, (_, i) => file(`f${i}.txt`, `Doc ${i}\n\nText ${i}.`))
    // File 101 never finishes reading, as if the app were killed while on it.
    let reachedStuck: () => void = () => undefined
    const stuck = new Promise<void>((resolve) => (reachedStuck = resolve))
    files[100]!.read = () => {
      reachedStuck()
      return new Promise<ArrayBuffer>(() => undefined)
    }
    const stored: string[] = []
    void importBatch(db, c.id, files, { onStored: (d) => stored.push(d.title) })
    await stuck
    await vi.waitFor(async () => expect(await db.documents.count()).toBe(100))
    expect(stored).toHaveLength(100)
    expect(stored[99]).toBe('Doc 99')
  })

  it('keeps no text in the report; onStored hands each stored text over once', async () => {
    const c = await createCase(db, 'Case')
    const seen: { title: string; text: string }[] = []
    const report = await importBatch(db, c.id, [file('a.txt', 'A\n\nx'), file('b.txt', 'A\n\nx')], {
      onStored: ({ title, text }) => seen.push({ title, text }),
    })
    expect(report.stored).toEqual([{ id: report.files[0]!.docId, title: 'A' }])
    expect(seen).toEqual([{ title: 'A', text: 'A\n\nx' }])
  })
})
