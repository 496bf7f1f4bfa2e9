import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { exportCase, restoreBackup } from '../db/backup'
import { createCase, deleteCase } from '../db/cases'
import { addDocuments, deleteDocument, type NewDocument } from '../db/documents'
import { clearHistory, redo, undo } from '../db/history'
import { replaceDocumentText } from '../db/reanchor'
import { CasefileDB } from '../db/schema'
import { sha256Hex } from '../db/test-fixtures'
import { SearchClient } from './search-client'
import { SearchIndexService } from './search-index-service'
import { InProcessSearchWorker as FakeWorker } from '../test/search-worker'

let db: CasefileDB
let n = 0
let service: SearchIndexService
let workers: FakeWorker[]
let clients: SearchClient[]
let errors: Error[]

/** Messages of type 'add' the workers received and never answered (`holdAdds`). */
let heldAdds: unknown[]

function start(options: { failFirst?: number; catchUpDelayMs?: number; holdAdds?: boolean } = {}) {
  let failures = options.failFirst ?? 0
  service = new SearchIndexService(db, {
    createClient: () => {
      const client = new SearchClient({
        catchUpDelayMs: options.catchUpDelayMs ?? 0,
        createWorker: () => {
          const worker = new FakeWorker()
          workers.push(worker)
          if (failures > 0) {
            failures--
            // This worker dies as soon as it is asked anything.
            worker.postMessage = () => queueMicrotask(() => worker.crash())
          } else if (options.holdAdds) {
            // This worker takes adds and never answers them.
            const post = worker.postMessage.bind(worker)
            worker.postMessage = (message) => {
              if ((message as { type?: string }).type === 'add') heldAdds.push(message)
              else post(message)
            }
          }
          return worker
        },
        onError: (e) => errors.push(e),
        persistDelayMs: 60_000,
      })
      clients.push(client)
      return client
    },
    onError: (e) => errors.push(e),
  })
}

beforeEach(() => {
  db = new CasefileDB(`test-search-service-${++n}`)
  workers = []
  clients = []
  errors = []
  heldAdds = []
  clearHistory()
})

afterEach(async () => {
  await service.stop()
  db.close()
  await db.delete()
})

async function doc(title: string, text: string): Promise<NewDocument> {
  return {
    title,
    text,
    textHash: await sha256Hex(text),
    mime: 'text/plain',
    importer: 'text',
    importerVersion: '1',
    fileName: `${title}.txt`,
    fileSize: text.length,
  }
}

async function importDoc(caseId: string, title: string, text: string): Promise<string> {
  const [outcome] = await addDocuments(db, caseId, [await doc(title, text)])
  if (outcome?.status !== 'stored') throw new Error('not stored')
  return outcome.id
}

async function hits(caseId: string, q: string): Promise<string[]> {
  await service.idle()
  const client = await service.client(caseId)
  // A reopened index answers before it has caught up with changes made while it was closed.
  await client.caughtUp
  await service.idle()
  return (await client.query(q)).map((h) => h.docId).sort()
}

async function savedText(caseId: string): Promise<string> {
  await service.idle()
  await (await service.client(caseId)).flush()
  return JSON.stringify((await db.searchIndexes.get(caseId))?.parts ?? {})
}

describe('SearchIndexService', () => {
  it('tells listeners that an index saved in an older format is being rebuilt', async () => {
    start()
    const c = await createCase(db, 'Gulf')
    const id = await importDoc(c.id, 'Talks', 'Envoys met in Moscow for talks.')
    expect(await hits(c.id, 'moscow')).toEqual([id])
    await savedText(c.id)
    await service.stop()
    // The saved index as the version before saved it (format 5).
    const row = (await db.searchIndexes.get(c.id))!
    const meta = { ...(JSON.parse(row.parts.meta as string) as object), format: 5 }
    await db.searchIndexes.put({
      ...row,
      format: 5,
      parts: { ...row.parts, meta: JSON.stringify(meta) },
    })
    start()
    const seen: boolean[] = []
    service.subscribe(() => seen.push(service.upgrading(c.id)))
    expect(service.upgrading(c.id)).toBe(false)
    const client = await service.client(c.id)
    expect(seen).toContain(true)
    expect(service.upgrading(c.id)).toBe(false)
    expect(client.status).toBe('ready')
    expect(await hits(c.id, 'met ')).toEqual([id])
    await savedText(c.id)
    expect((await db.searchIndexes.get(c.id))?.format).toBe(6)
  })

  it('follows import, Replace text, delete, undo and redo without a call from the UI', async () => {
    start()
    const c = await createCase(db, 'Gulf')
    const kept = await importDoc(c.id, 'Talks', 'Envoys met in Moscow for talks.')
    expect(await hits(c.id, 'moscow')).toEqual([kept])

    const id = await importDoc(c.id, 'Strike', 'Iran fired missiles at the base in Qatar.')
    expect(await hits(c.id, 'missiles')).toEqual([id])

    const next = 'Iran denied firing at the zanzibarite base.'
    await replaceDocumentText(db, id, { text: next, textHash: await sha256Hex(next) })
    expect(await hits(c.id, 'zanzibarite')).toEqual([id])
    expect(await hits(c.id, 'missiles')).toEqual([])

    await undo(db, c.id)
    expect(await hits(c.id, 'missiles')).toEqual([id])
    expect(await hits(c.id, 'zanzibarite')).toEqual([])
    await redo(db, c.id)
    expect(await hits(c.id, 'zanzibarite')).toEqual([id])

    await deleteDocument(db, id)
    expect(await hits(c.id, 'zanzibarite')).toEqual([])
    expect(await savedText(c.id)).not.toContain('zanzibarite')
    expect(await hits(c.id, 'moscow')).toEqual([kept])

    await undo(db, c.id)
    expect(await hits(c.id, 'zanzibarite')).toEqual([id])
    // One client the whole time: every change went in one document at a time.
    expect(clients).toHaveLength(1)
  })

  it('re-indexes a document whose title was edited', async () => {
    start()
    const c = await createCase(db, 'Gulf')
    const id = await importDoc(c.id, 'Untitled', 'Envoys met in Moscow.')
    await hits(c.id, 'moscow')
    await db.documents.update(id, { title: 'Quixotic envoys' })
    expect(await hits(c.id, 'quixotic')).toEqual([id])
  })

  it('replaces a client whose worker crashed, and the new one has every change', async () => {
    start()
    const c = await createCase(db, 'Gulf')
    const first = await importDoc(c.id, 'Talks', 'Envoys met in Moscow for talks.')
    expect(await hits(c.id, 'moscow')).toEqual([first])
    workers[0]!.crash()
    expect(clients[0]!.status).toBe('failed')
    // Written while the index is down.
    const second = await importDoc(c.id, 'Strike', 'Missiles struck the base near Moscow.')
    expect(await hits(c.id, 'moscow')).toEqual([first, second].sort())
    expect(clients).toHaveLength(2)
    expect(clients[1]!.status).toBe('ready')
    expect(workers[0]!.terminated).toBe(true)
  })

  it('does not report the requests of a failed client it closed itself as errors', async () => {
    start()
    const c = await createCase(db, 'Gulf')
    await importDoc(c.id, 'Talks', 'Envoys met in Moscow for talks.')
    await savedText(c.id)
    await service.stop()
    // The saved index's blocks are gone: its first query fails it (see SearchClient).
    await db.searchSlices.clear()
    start({ catchUpDelayMs: 60_000, holdAdds: true })
    const first = await service.client(c.id)
    // A document imported meanwhile is on its way into the index when the client fails.
    const second = await importDoc(c.id, 'Strike', 'Missiles struck the base near Moscow.')
    await vi.waitFor(() => expect(heldAdds).toHaveLength(1))
    await expect(first.query('moscow')).rejects.toMatchObject({ code: 'BAD_INDEX' })
    expect(first.status).toBe('failed')
    // The next use replaces it; the add it never answered is rejected as closed, which is
    // not news: nothing is reported, and the new client has the document.
    const next = await service.client(c.id)
    expect(next).not.toBe(first)
    await service.idle()
    await next.caughtUp
    expect(errors).toEqual([])
    expect((await next.query('missiles')).map((h) => h.docId)).toEqual([second])
  })

  it('tries again after a client that could not open', async () => {
    start({ failFirst: 1 })
    const c = await createCase(db, 'Gulf')
    const id = await importDoc(c.id, 'Talks', 'Envoys met in Moscow for talks.')
    await expect(service.client(c.id)).rejects.toMatchObject({ code: 'WORKER_FAILED' })
    expect(await hits(c.id, 'moscow')).toEqual([id])
    expect(clients).toHaveLength(2)
  })

  it('waits before making yet another client when they keep failing', async () => {
    start({ failFirst: 3 })
    const c = await createCase(db, 'Gulf')
    await expect(service.client(c.id)).rejects.toMatchObject({ code: 'WORKER_FAILED' })
    // The first retry is at once…
    await expect(service.client(c.id)).rejects.toMatchObject({ code: 'WORKER_FAILED' })
    expect(clients).toHaveLength(2)
    // …then the UI's asking again does not start a third one in a tight loop.
    await expect(service.client(c.id)).rejects.toMatchObject({ code: 'WORKER_FAILED' })
    expect(clients).toHaveLength(2)
  })

  it('discards a deleted case’s index unsaved and leaves no saved copy', async () => {
    start()
    const c = await createCase(db, 'Gulf')
    await importDoc(c.id, 'Talks', 'Envoys met in Moscow for talks.')
    await hits(c.id, 'moscow')
    await (await service.client(c.id)).flush()
    // A change waiting to be saved when the case goes.
    await importDoc(c.id, 'Late', 'A xylophonic late addition.')
    await service.idle()
    await deleteCase(db, c.id)
    await service.idle()
    await clients[0]!.flush()
    expect(await db.searchIndexes.count()).toBe(0)
    expect(clients[0]!.status).toBe('closed')
  })

  it('drops the saved index of a case that is not open when one of its documents is deleted', async () => {
    start()
    const a = await createCase(db, 'A')
    const b = await createCase(db, 'B')
    const gone = await importDoc(a.id, 'Marked', 'The quillwort marker text.')
    expect(await savedText(a.id)).toContain('quillwort')
    await service.client(b.id) // case A is no longer open
    await deleteDocument(db, gone)
    await service.idle()
    expect(await db.searchIndexes.get(a.id)).toBeUndefined()
    expect(await hits(a.id, 'quillwort')).toEqual([])
  })

  it('picks up changes made before it opened a case from the saved index', async () => {
    start()
    const c = await createCase(db, 'Gulf')
    const id = await importDoc(c.id, 'Strike', 'Iran fired missiles.')
    await savedText(c.id)
    await service.stop()
    // Replaced while no index follows the store (the app was closed).
    const next = 'Iran fired a vorpal drone.'
    await replaceDocumentText(db, id, { text: next, textHash: await sha256Hex(next) })
    start()
    expect(await hits(c.id, 'vorpal')).toEqual([id])
    expect(await hits(c.id, 'missiles')).toEqual([])
  })

  it('reads only the texts a query checks once the signatures are known, the titles from them', async () => {
    start()
    const c = await createCase(db, 'Gulf')
    const a = await importDoc(c.id, 'Harbour log', 'The convoy reached the port at dawn.')
    const b = await importDoc(c.id, 'Quixotic convoy', 'A convoy left at night.')
    await savedText(c.id)
    await service.stop()
    // Reopened from the saved index, which holds no text: a query reads texts from the store.
    start()
    const client = await service.client(c.id)
    await client.caughtUp
    const documents = vi.spyOn(db.documents, 'bulkGet')
    const texts = vi.spyOn(db.texts, 'bulkGet')
    const found = await client.query('convoy ')
    expect(found.map((h) => h.docId).sort()).toEqual([a, b].sort())
    // The title, from the signature, is matched and ranks first.
    expect(found[0]).toMatchObject({ docId: b, titleHighlights: [[9, 15]] })
    expect(texts).toHaveBeenCalledTimes(1)
    expect(documents).not.toHaveBeenCalled()
  })

  it('a restored case has no saved index (the backup carries none) and builds one when searched', async () => {
    start()
    const c = await createCase(db, 'Gulf')
    const id = await importDoc(c.id, 'Strike', 'Iran fired missiles at the zanzibarite base.')
    expect(await hits(c.id, 'zanzibarite')).toEqual([id])
    await (await service.client(c.id)).flush()
    expect(await db.searchSlices.where('caseId').equals(c.id).count()).toBeGreaterThan(0)
    const bytes = await exportCase(db, c.id)
    expect(new TextDecoder().decode(bytes)).not.toContain('blk.')
    const restored = await restoreBackup(
      db,
      new ReadableStream({
        start(controller) {
          controller.enqueue(bytes)
          controller.close()
        },
      }),
    )
    if (!restored.ok) throw new Error(restored.error.message)
    const copy = restored.value.caseId
    expect(await db.searchIndexes.get(copy)).toBeUndefined()
    expect(await db.searchSlices.where('caseId').equals(copy).count()).toBe(0)
    const [restoredDoc] = await db.documents.where('caseId').equals(copy).primaryKeys()
    expect(await hits(copy, 'zanzibarite')).toEqual([restoredDoc])
    await (await service.client(copy)).flush()
    expect(await db.searchSlices.where('caseId').equals(copy).count()).toBeGreaterThan(0)
  })
})
