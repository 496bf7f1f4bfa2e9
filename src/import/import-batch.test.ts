import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCase } from '../db/cases'
import { CasefileDB } from '../db/schema'
import type { SourceFile } from '../platform/platform'
import { changeFeed } from '../db/change-feed'
import { addDocuments } from '../db/documents'
import {
  AHEAD_FILE_BYTES,
  EXTRACT_AHEAD,
  importBatch,
  STORE_GROUP_CHARS,
  STORE_GROUP_DOCS,
  type ImportProgress,
} from './import-batch'
import { READ_GROUP_FILES } from './group-read'
import { sha256Hex } from './normalise'

let db: CasefileDB
let n = 0

/** One turn of the event loop (a macrotask), not a wait for time. */
const hop = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

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

describe('importBatch in groups', () => {
  const texts = (count: number, from = 0) =>
    Array.from({ length: count }, (_, i) => file(`f${from + i}.txt`, `Doc ${from + i}\n\nText.`))

  it('stores the good files of a group around a bad one, and nothing of the bad one', async () => {
    const c = await createCase(db, 'Case')
    const files = texts(5)
    files[2] = file('broken.txt', new Uint8Array([0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x00, 0x00]))
    const feed: number[] = []
    const stop = changeFeed(db).subscribe((b) => feed.push(b.ops('documents').size))
    const report = await importBatch(db, c.id, files, { storeGroupMs: 60_000 })
    stop()
    expect(report.files[2]?.error?.code).toBe('INVALID_ENCODING')
    expect(report.files.map((f) => f.status)).toEqual([
      'imported',
      'imported',
      'failed',
      'imported',
      'imported',
    ])
    // The four good files went in one transaction, the bad one in none.
    expect(feed).toEqual([4])
    const titles = (await db.documents.toArray()).map((d) => d.title).sort()
    expect(titles).toEqual(['Doc 0', 'Doc 1', 'Doc 3', 'Doc 4'])
    expect(await db.texts.count()).toBe(4)
  })

  it('tells the change feed once per group, and logs one undo step per group', async () => {
    const c = await createCase(db, 'Case')
    const documentsPerNotice: number[] = []
    const stop = changeFeed(db).subscribe((b) => {
      if (b.tables.has('documents')) documentsPerNotice.push(b.ops('documents').size)
    })
    const count = 2 * STORE_GROUP_DOCS + 50
    // Groups close by their count here, not by time (a slow test machine would split them).
    const report = await importBatch(db, c.id, texts(count), { storeGroupMs: 60_000 })
    stop()
    expect(report.imported).toBe(count)
    expect(documentsPerNotice).toEqual([STORE_GROUP_DOCS, STORE_GROUP_DOCS, 50])
    const steps = await db.changes.where('caseId').equals(c.id).toArray()
    expect(steps.filter((s) => s.table === 'documents').map((s) => s.action)).toEqual(
      documentsPerNotice.map((n) => `Import documents (${n})`),
    )
  })

  it('keeps the groups committed before Cancel, and says which files were cancelled', async () => {
    const c = await createCase(db, 'Case')
    const ctl = new AbortController()
    const files = texts(STORE_GROUP_DOCS + 100)
    // The analyst cancels once the first group has been committed…
    const stop = changeFeed(db).subscribe((b) => {
      if (b.tables.has('documents')) ctl.abort()
    })
    // …and before file 250 is read.
    const later = files[250]!
    const read = later.read
    later.read = async () => {
      if (!ctl.signal.aborted)
        await new Promise((resolve) => ctl.signal.addEventListener('abort', resolve))
      return read()
    }
    const report = await importBatch(db, c.id, files, {
      signal: ctl.signal,
      storeGroupMs: 60_000,
    })
    stop()
    const stored = await db.documents.count()
    expect(stored).toBeGreaterThanOrEqual(STORE_GROUP_DOCS)
    expect(stored).toBeLessThanOrEqual(250)
    expect(report.files.slice(250).every((f) => f.error?.code === 'CANCELLED')).toBe(true)
    expect(report.imported).toBe(stored)
    expect(report.files).toHaveLength(files.length)
    expect(report.files.slice(0, STORE_GROUP_DOCS).every((f) => f.status === 'imported')).toBe(true)
    const cancelled = report.files.filter((f) => f.error?.code === 'CANCELLED')
    expect(cancelled.length).toBe(files.length - stored)
    expect(report.failed).toBe(cancelled.length)
  })

  it('reads the next small files while one is still being read, a bounded few at a time', async () => {
    const c = await createCase(db, 'Case')
    const files = texts(3 * EXTRACT_AHEAD)
    let reading = 0
    let most = 0
    for (const f of files) {
      const read = f.read
      f.read = async () => {
        most = Math.max(most, ++reading)
        // Two hops of the event loop: time for the import to start more reads meanwhile.
        await hop()
        await hop()
        reading--
        return read()
      }
    }
    const report = await importBatch(db, c.id, files)
    expect(report.imported).toBe(files.length)
    expect(most).toBeGreaterThan(1)
    expect(most).toBeLessThanOrEqual(EXTRACT_AHEAD)
    // The report keeps the files' order.
    expect(report.files.map((f) => f.fileName)).toEqual(files.map((f) => f.name))
  })

  it('costs two writes per document and a few requests per group, never a read per document', async () => {
    const c = await createCase(db, 'Case')
    const requests = new Map<string, number>()
    // The transactions the import's requests ran in, and their mode.
    const transactions = new Map<IDBTransaction, IDBTransactionMode>()
    for (const method of ['add', 'put', 'get', 'getAll', 'openCursor', 'openKeyCursor', 'count']) {
      const proto = IDBObjectStore.prototype as unknown as Record<
        string,
        (...a: unknown[]) => unknown
      >
      const original = proto[method]!
      vi.spyOn(proto, method as never).mockImplementation(function (
        this: IDBObjectStore,
        ...args: unknown[]
      ) {
        const key = `${this.name}.${method}`
        requests.set(key, (requests.get(key) ?? 0) + 1)
        transactions.set(this.transaction, this.transaction.mode)
        return original.apply(this, args)
      } as never)
    }
    for (const method of ['get', 'getAll', 'getAllKeys', 'openCursor', 'openKeyCursor', 'count']) {
      const proto = IDBIndex.prototype as unknown as Record<string, (...a: unknown[]) => unknown>
      const original = proto[method]!
      vi.spyOn(proto, method as never).mockImplementation(function (
        this: IDBIndex,
        ...args: unknown[]
      ) {
        const key = `${this.objectStore.name}[${this.name}].${method}`
        requests.set(key, (requests.get(key) ?? 0) + 1)
        return original.apply(this, args)
      } as never)
    }
    const count = 3 * STORE_GROUP_DOCS
    const report = await importBatch(db, c.id, texts(count), { storeGroupMs: 60_000 })
    expect(report.imported).toBe(count)
    const groups = count / STORE_GROUP_DOCS
    // One read-write transaction per group (besides the one read of the case's hashes).
    expect([...transactions.values()].filter((m) => m === 'readwrite')).toHaveLength(groups)
    expect(transactions.size).toBeLessThanOrEqual(groups + 1)
    // Per document: its metadata and its text, added; nothing else scales with the documents.
    expect(requests.get('documents.add')).toBe(count)
    expect(requests.get('texts.add')).toBe(count)
    const perGroup = [...requests].filter(([k]) => k !== 'documents.add' && k !== 'texts.add')
    for (const [key, n] of perGroup) expect([key, n <= 2 * groups + 1]).toEqual([key, true])
  })

  it('reads small files with Blobs in groups, and still refuses a bad one alone', async () => {
    const c = await createCase(db, 'Case')
    const files = texts(3 * READ_GROUP_FILES).map((f, i) => {
      const bytes =
        i === 70
          ? new Uint8Array([0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x00, 0x00])
          : new TextEncoder().encode(`Doc ${i}\n\nText.`)
      const blob = new Blob([bytes])
      const read = vi.fn(() => blob.arrayBuffer())
      return { ...f, name: i === 70 ? 'broken.txt' : f.name, size: blob.size, blob, read }
    })
    const whole = vi.spyOn(Blob.prototype, 'arrayBuffer')
    const report = await importBatch(db, c.id, files)
    // Three composite reads, no file read alone.
    expect(whole).toHaveBeenCalledTimes(3)
    expect(files.every((f) => f.read.mock.calls.length === 0)).toBe(true)
    expect(report.files[70]).toMatchObject({
      status: 'failed',
      error: { code: 'INVALID_ENCODING' },
    })
    expect(report.imported).toBe(files.length - 1)
    const stored = await db.texts.toArray()
    expect(stored.map((t) => t.text).sort()).toEqual(
      files
        .map((_, i) => i)
        .filter((i) => i !== 70)
        .map((i) => `Doc ${i}\n\nText.`)
        .sort(),
    )
  })

  it('extracts a web page, or a large text file, alone: never beside another file', async () => {
    const c = await createCase(db, 'Case')
    const large = `Large\n\n${'word '.repeat(AHEAD_FILE_BYTES / 4)}`
    const files = [
      ...texts(3),
      file('page.html', '<title>Page</title><p>Body text.</p>'),
      ...texts(3, 3),
      file('large.txt', large),
      ...texts(3, 6),
    ]
    const alone = new Set(['page.html', 'large.txt'])
    let reading = 0
    const beside: string[] = []
    for (const f of files) {
      const read = f.read
      f.read = async () => {
        reading++
        // Another read going on beside a lone file's, or started during it, is beside it.
        if (reading > 1 && alone.has(f.name)) beside.push(f.name)
        if (reading > 1 && [...alone].some((name) => inAlone === name)) beside.push(f.name)
        if (alone.has(f.name)) inAlone = f.name
        await hop()
        await hop()
        if (alone.has(f.name)) inAlone = undefined
        reading--
        return read()
      }
    }
    let inAlone: string | undefined
    const report = await importBatch(db, c.id, files)
    expect(report.imported).toBe(files.length)
    expect(beside).toEqual([])
  })

  it('reports progress a few times a second, not once per file; the end always', async () => {
    const c = await createCase(db, 'Case')
    const progress: ImportProgress[] = []
    const count = 300
    await importBatch(db, c.id, texts(count), {
      progressEveryMs: 60_000,
      onProgress: (p) => progress.push(p),
    })
    // The first report, then nothing within the minute but the end.
    expect(progress).toEqual([
      { done: 0, total: count, current: 'f0.txt' },
      { done: count, total: count },
    ])
  })

  it('still finds duplicates that another writer added to the case during the import', async () => {
    const c = await createCase(db, 'Case')
    const count = STORE_GROUP_DOCS + 10
    const files = texts(count)
    // Before the last file is read, someone else stores a document with its text.
    const last = files[count - 1]!
    const read = last.read
    last.read = async () => {
      const text = new TextDecoder().decode(await read())
      await addDocuments(db, c.id, [
        {
          title: 'Stored elsewhere',
          text,
          textHash: await sha256Hex(text),
          mime: 'text/plain',
          fileName: 'elsewhere.txt',
          fileSize: text.length,
          importer: 'text',
          importerVersion: '1',
        },
      ])
      return read()
    }
    const report = await importBatch(db, c.id, files)
    expect(report.files.at(-1)).toMatchObject({
      status: 'duplicate',
      duplicateOf: { title: 'Stored elsewhere' },
    })
    expect(await db.documents.count()).toBe(count)
  })
})
