import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SearchIndexRow } from '../db/schema'
import {
  BUILD_BATCH,
  SearchClient,
  SearchClientError,
  type SearchStatus,
  type SearchStorage,
  type SearchWorkerLike,
} from './search-client'
import { SEARCH_INDEX_FORMAT, SEARCH_PAGE, type SearchDoc } from './search-core'
import { createSearchHandler } from './search-protocol'

const docs: SearchDoc[] = [
  { id: 'a', title: 'Missile strike', text: 'Iran fired missiles at the base.' },
  { id: 'b', title: 'Talks', text: 'Envoys met in Moscow for talks.' },
]

/** A worker that runs the real handler in-process; replies arrive asynchronously. */
class FakeWorker implements SearchWorkerLike {
  terminated = false
  held: unknown[] | null = null
  private handle = createSearchHandler()
  private listeners = new Map<string, ((event: never) => void)[]>()

  postMessage(message: unknown): void {
    const data = structuredClone(message)
    void this.handle(data).then((reply) => {
      if (this.held) this.held.push(reply)
      else queueMicrotask(() => this.emit('message', { data: structuredClone(reply) }))
    })
  }

  addEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }

  terminate(): void {
    this.terminated = true
  }

  emit(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event as never)
  }
}

class MemoryStorage implements SearchStorage {
  rows = new Map<string, SearchIndexRow>()
  saves: SearchIndexRow[] = []
  async load(caseId: string): Promise<SearchIndexRow | undefined> {
    const row = this.rows.get(caseId)
    return row && structuredClone(row)
  }
  async save(row: SearchIndexRow): Promise<void> {
    this.saves.push(row)
    this.rows.set(row.caseId, structuredClone(row))
  }
}

function setup(
  options: { persistDelayMs?: number; minPersistIntervalMs?: number; catchUpDelayMs?: number } = {},
) {
  const workers: FakeWorker[] = []
  const errors: Error[] = []
  const client = new SearchClient({
    createWorker: () => {
      const worker = new FakeWorker()
      workers.push(worker)
      return worker
    },
    onError: (error) => errors.push(error),
    now: () => 1000,
    ...options,
  })
  const statuses: SearchStatus[] = []
  client.subscribe((s) => statuses.push(s))
  const storage = new MemoryStorage()
  const loadDocs = vi.fn(async () => docs)
  return { client, workers, errors, statuses, storage, loadDocs }
}

const ids = (hits: { docId: string }[]): string[] => hits.map((h) => h.docId).sort()

afterEach(() => {
  vi.useRealTimers()
})

describe('SearchClient', () => {
  it('builds a large case a batch of documents at a time, never reading every text at once', async () => {
    const { client, storage } = setup()
    const many: SearchDoc[] = Array.from({ length: BUILD_BATCH * 2 + 1 }, (_, i) => ({
      id: `d${i}`,
      title: `Report ${i}`,
      text: i === BUILD_BATCH + 7 ? 'The zanzibar envoy spoke.' : 'Nothing of note.',
    }))
    const byId = new Map(many.map((d) => [d.id, d]))
    const loadDocs = vi.fn(async (wanted?: readonly string[]) =>
      wanted ? wanted.flatMap((id) => byId.get(id) ?? []) : many,
    )
    await client.open('case-1', storage, loadDocs, () =>
      Promise.resolve(new Map(many.map((d) => [d.id, '']))),
    )
    expect(loadDocs.mock.calls.map(([wanted]) => wanted?.length)).toEqual([
      BUILD_BATCH,
      BUILD_BATCH,
      1,
    ])
    expect(ids(await client.query('zanzibar'))).toEqual([`d${BUILD_BATCH + 7}`])
    await client.flush()
    expect(storage.saves[0]!.docIds).toHaveLength(many.length)
  })

  it('builds when nothing is persisted, then saves the index', async () => {
    const { client, statuses, storage, loadDocs } = setup()
    await client.open('case-1', storage, loadDocs, ['a', 'b'])
    expect(client.status).toBe('ready')
    expect(statuses).toEqual(['loading', 'building', 'ready'])
    expect(loadDocs).toHaveBeenCalledTimes(1)
    expect(ids(await client.query('iran'))).toEqual(['a'])
    await client.flush()
    expect(storage.saves).toHaveLength(1)
    expect(storage.saves[0]).toMatchObject({
      caseId: 'case-1',
      format: SEARCH_INDEX_FORMAT,
      docIds: ['a', 'b'],
      updatedAt: 1000,
    })
  })

  it('reads a persisted index whose format and documents match, without loading documents', async () => {
    const first = setup()
    await first.client.open('case-1', first.storage, first.loadDocs, ['a', 'b'])
    await first.client.flush()
    const second = setup()
    second.storage.rows = first.storage.rows
    await second.client.open('case-1', second.storage, second.loadDocs, ['b', 'a'])
    expect(second.loadDocs).not.toHaveBeenCalled()
    expect(second.statuses).toEqual(['loading', 'ready'])
    expect(ids(await second.client.query('talks'))).toEqual(['b'])
  })

  it('rebuilds when the format or the parts do not match', async () => {
    const base = setup()
    await base.client.open('case-1', base.storage, base.loadDocs, ['a', 'b'])
    await base.client.flush()
    const row = base.storage.rows.get('case-1')!
    const variants: SearchIndexRow[] = [
      { ...row, format: SEARCH_INDEX_FORMAT + 1 },
      // The format before (texts and FlexSearch or single-list parts): rebuilt, never misread.
      { ...row, format: SEARCH_INDEX_FORMAT - 1 },
      { ...row, parts: { ...row.parts, meta: 'not json' } },
    ]
    for (const stored of variants) {
      const t = setup()
      t.storage.rows.set('case-1', stored)
      await t.client.open('case-1', t.storage, t.loadDocs, ['a', 'b'])
      expect(t.loadDocs).toHaveBeenCalledTimes(1)
      expect(t.loadDocs).toHaveBeenCalledWith()
      expect(t.statuses).toEqual(['loading', 'building', 'ready'])
      await t.client.flush()
      expect(t.storage.saves).toHaveLength(1)
    }
  })

  it('rebuilds an index saved in format 5 (before exact keys for short words), saying it upgrades', async () => {
    const base = setup()
    await base.client.open('case-1', base.storage, base.loadDocs, ['a', 'b'])
    await base.client.flush()
    const row = base.storage.rows.get('case-1')!
    // As the version before saved it: the same parts, labelled format 5.
    const meta = { ...(JSON.parse(row.parts.meta as string) as object), format: 5 }
    const t = setup()
    t.storage.rows.set('case-1', {
      ...row,
      format: 5,
      parts: { ...row.parts, meta: JSON.stringify(meta) },
    })
    const upgrading: boolean[] = []
    t.client.subscribe(() => upgrading.push(t.client.upgrading))
    await t.client.open('case-1', t.storage, t.loadDocs, ['a', 'b'])
    expect(t.loadDocs).toHaveBeenCalledWith()
    expect(t.statuses).toEqual(['loading', 'building', 'ready'])
    // Upgrading while it built, no longer once ready.
    expect(upgrading).toEqual([false, true, false])
    expect(ids(await t.client.query('at '))).toEqual(['a'])
    await t.client.flush()
    expect(t.storage.saves.map((r) => r.format)).toEqual([SEARCH_INDEX_FORMAT])
    expect(SEARCH_INDEX_FORMAT).toBe(6)
    // A fresh build (nothing saved) is not an upgrade.
    const fresh = setup()
    const seen: boolean[] = []
    fresh.client.subscribe(() => seen.push(fresh.client.upgrading))
    await fresh.client.open('case-1', fresh.storage, fresh.loadDocs, ['a', 'b'])
    expect(seen).toEqual([false, false, false])
  })

  it('brings a saved index up to date by signature, re-indexing only what changed', async () => {
    const signed = docs.map((d) => ({ ...d, sig: `v1-${d.id}` }))
    const base = setup()
    await base.client.open(
      'case-1',
      base.storage,
      async () => signed,
      new Map([
        ['a', 'v1-a'],
        ['b', 'v1-b'],
      ]),
    )
    await base.client.flush()
    // Since the save: a's text was replaced (new signature), b was deleted, c was imported.
    const now: SearchDoc[] = [
      { id: 'a', title: 'Missile strike', text: 'Iran denied the strike.', sig: 'v2-a' },
      { id: 'c', title: 'Sanctions', text: 'New sanctions on oil.', sig: 'v1-c' },
    ]
    const t = setup()
    t.storage.rows = base.storage.rows
    const loadDocs = vi.fn(async (wanted?: readonly string[]) =>
      now.filter((d) => wanted?.includes(d.id)),
    )
    await t.client.open('case-1', t.storage, loadDocs, new Map(now.map((d) => [d.id, d.sig!])))
    expect(t.statuses).toEqual(['loading', 'ready'])
    expect(loadDocs).toHaveBeenCalledTimes(1)
    expect([...(loadDocs.mock.calls[0]![0] ?? [])].sort()).toEqual(['a', 'c'])
    expect(await t.client.query('fired')).toEqual([])
    expect(ids(await t.client.query('denied'))).toEqual(['a'])
    expect(ids(await t.client.query('sanctions'))).toEqual(['c'])
    expect(await t.client.query('talks')).toEqual([])
    // A removal was among the changes: the saved index loses b's text at once.
    await t.client.flush()
    const saved = t.storage.rows.get('case-1')!
    expect(saved.docIds.sort()).toEqual(['a', 'c'])
    expect(JSON.stringify(saved.parts)).not.toContain('Envoys met in Moscow')
  })

  it('answers from a saved index before reading signatures, reading only the texts a query reaches', async () => {
    // 200 documents; one of them ("zebra") is changed and one deleted after the save.
    const many: SearchDoc[] = Array.from({ length: 200 }, (_, i) => ({
      id: `d${i}`,
      title: `Report ${i}`,
      text: i === 7 ? 'A zebra crossed the border.' : `Troops moved near town ${i}.`,
      sig: `v1-${i}`,
    }))
    const base = setup()
    await base.client.open(
      'case-1',
      base.storage,
      async () => many,
      many.map((d) => d.id),
    )
    await base.client.flush()
    const store = new Map(many.map((d) => [d.id, d]))
    store.set('d7', { ...many[7]!, text: 'A giraffe crossed the border.', sig: 'v2-7' })
    store.delete('d9')
    const textReads: string[] = []
    const loadDocs = vi.fn(async (wanted?: readonly string[]) => {
      const list = wanted ? wanted.flatMap((id) => store.get(id) ?? []) : [...store.values()]
      textReads.push(...list.map((d) => d.id))
      return list
    })
    let signaturesRead = 0
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const signatures = async (): Promise<Map<string, string>> => {
      await gate
      signaturesRead++
      return new Map([...store.values()].map((d) => [d.id, d.sig!]))
    }
    const t = setup()
    t.storage.rows = base.storage.rows
    await t.client.open('case-1', t.storage, loadDocs, signatures)
    // Ready from the saved form alone: no signature read, no text read.
    expect(t.client.status).toBe('ready')
    expect(signaturesRead).toBe(0)
    expect(textReads).toEqual([])
    // A query reads only the texts it reaches, as the store holds them now.
    expect(ids(await t.client.query('town 12 '))).toEqual(['d12'])
    expect(textReads).toContain('d12')
    expect(textReads.length).toBeLessThan(many.length)
    // Before catching up, the saved keys still lead to d7, but its text is checked as it is.
    expect(await t.client.query('zebra')).toEqual([])
    // A deleted document the query reaches is dropped, not shown.
    expect(ids(await t.client.query('town 9 '))).toEqual([])
    release()
    await t.client.caughtUp
    expect(signaturesRead).toBe(1)
    expect(ids(await t.client.query('giraffe'))).toEqual(['d7'])
  })

  it('starts reading signatures only once the first query after opening has been answered', async () => {
    const base = setup()
    await base.client.open('case-1', base.storage, base.loadDocs, ['a', 'b'])
    await base.client.flush()
    const t = setup({ catchUpDelayMs: 60_000 })
    t.storage.rows = base.storage.rows
    const events: string[] = []
    const signatures = async (): Promise<Map<string, string>> => {
      events.push('signatures')
      return new Map([
        ['a', ''],
        ['b', ''],
      ])
    }
    await t.client.open('case-1', t.storage, t.loadDocs, signatures)
    await new Promise<void>((resolve) => queueMicrotask(resolve))
    expect(events).toEqual([])
    // Not read yet: the saved index answers first.
    expect(ids(await t.client.query('talks'))).toEqual(['b'])
    await t.client.caughtUp
    expect(events).toEqual(['signatures'])
  })

  it('saves added documents in batches, and a removal at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const { client, storage, loadDocs } = setup({
      persistDelayMs: 500,
      minPersistIntervalMs: 10_000,
    })
    await client.open('case-1', storage, loadDocs, ['a', 'b'])
    await client.flush()
    expect(storage.saves).toHaveLength(1)
    // Twenty single-document changes three seconds apart: one save for the lot, not twenty.
    for (let i = 0; i < 20; i++) {
      await client.add([{ id: `n${i}`, title: `Note ${i}`, text: `Sanctions note number ${i}.` }])
      await vi.advanceTimersByTimeAsync(3000)
    }
    await client.flush()
    expect(storage.saves.length).toBeLessThanOrEqual(1 + Math.ceil((20 * 3000) / 10_000))
    expect(storage.saves.at(-1)!.docIds).toHaveLength(22)
    const before = storage.saves.length
    await client.remove(['a'])
    await client.flush()
    expect(storage.saves).toHaveLength(before + 1)
    expect(storage.saves.at(-1)!.docIds).not.toContain('a')
    expect(JSON.stringify(storage.saves.at(-1)!.parts)).not.toContain('Iran fired missiles')
    expect(ids(await client.query('sanctions '))).toHaveLength(20)
    expect(await client.query('missile')).toEqual([])
  })

  it('reads from the store the texts of the first page only, and of the next page when asked', async () => {
    const { client, storage } = setup()
    const many: SearchDoc[] = Array.from({ length: 500 }, (_, i) => ({
      id: `d${i}`,
      title: `Report ${i}`,
      text: `${'Filler words here. '.repeat(i % 5)}The convoy reached town ${i}.`,
    }))
    const byId = new Map(many.map((d) => [d.id, d]))
    const read: string[][] = []
    const loadDocs = vi.fn(async (wanted?: readonly string[]) => {
      if (wanted) read.push([...wanted])
      return wanted ? wanted.flatMap((id) => byId.get(id) ?? []) : many
    })
    await client.open('case-1', storage, loadDocs, [...byId.keys()])
    await client.flush()
    await client.close()
    // Reopened from the saved index, which holds no text: a query reads what it checks.
    await client.open('case-1', storage, loadDocs, [...byId.keys()])
    const first = await client.page('convoy ', SEARCH_PAGE)
    expect(first.hits).toHaveLength(SEARCH_PAGE)
    expect(first.more).toBe(true)
    const firstRead = read.flat()
    // 500 documents match; one bulk read of the first pool's texts answered the first page.
    expect(read).toHaveLength(1)
    expect(firstRead.length).toBeLessThanOrEqual(100)
    read.length = 0
    const next = await client.page('convoy ', 2 * SEARCH_PAGE)
    expect(next.hits.slice(0, SEARCH_PAGE)).toEqual(first.hits)
    expect(next.hits).toHaveLength(2 * SEARCH_PAGE)
    for (const id of read.flat()) expect(firstRead).not.toContain(id)
    for (const hit of next.hits.slice(SEARCH_PAGE)) {
      const text = byId.get(hit.docId)!.text
      const [snippet] = hit.snippets
      expect(text.slice(snippet!.start, snippet!.start + snippet!.text.length)).toBe(snippet!.text)
      const [a, b] = snippet!.highlights[0]!
      expect(snippet!.text.slice(a, b)).toBe('convoy')
    }
  })

  it('discards a case without saving what is pending', async () => {
    const { client, workers, storage, loadDocs } = setup({ persistDelayMs: 60_000 })
    await client.open('case-1', storage, loadDocs, ['a', 'b'])
    await client.flush()
    const saves = storage.saves.length
    await client.add([{ id: 'c', title: 'Late', text: 'A late addition.' }])
    await client.discard()
    expect(storage.saves).toHaveLength(saves)
    expect(workers[0]!.terminated).toBe(true)
    expect(client.status).toBe('closed')
  })

  it('discarded while a save is being serialised, neither saves nor reports the save it cut short', async () => {
    const { client, workers, errors, storage, loadDocs } = setup({ persistDelayMs: 60_000 })
    await client.open('case-1', storage, loadDocs, ['a', 'b'])
    await client.flush()
    const saves = storage.saves.length
    await client.add([{ id: 'c', title: 'Late', text: 'A late addition.' }])
    const worker = workers[0]!
    worker.held = []
    const flushing = client.flush()
    // The worker has the serialise request and has not answered it.
    await vi.waitFor(() => expect(worker.held).toHaveLength(1))
    await client.discard()
    await flushing
    expect(storage.saves).toHaveLength(saves)
    expect(errors).toEqual([])
  })

  it('matches replies to requests by id, whatever order they come back in', async () => {
    const { client, workers, storage, loadDocs } = setup()
    await client.open('case-1', storage, loadDocs, ['a', 'b'])
    await client.flush()
    const worker = workers[0]!
    worker.held = []
    const queries = [client.query('iran'), client.query('talks'), client.query('moscow')]
    await vi.waitFor(() => expect(worker.held).toHaveLength(3))
    const held = worker.held
    worker.held = null
    for (const reply of held.reverse()) worker.emit('message', { data: reply })
    const [iran, talks, moscow] = await Promise.all(queries)
    expect(ids(iran!)).toEqual(['a'])
    expect(ids(talks!)).toEqual(['b'])
    expect(ids(moscow!)).toEqual(['b'])
  })

  it('lets queries wait for the index and lets a later open win', async () => {
    const { client, storage, loadDocs } = setup()
    const early = client.query('missile')
    const other: SearchDoc[] = [{ id: 'x', title: 'Other case', text: 'Nothing about missiles.' }]
    void client.open('case-1', storage, loadDocs, ['a', 'b'])
    const opening = client.open('case-2', storage, async () => other, ['x'])
    await expect(early).rejects.toThrow(SearchClientError)
    const pending = client.query('missiles ')
    await opening
    expect(ids(await pending)).toEqual(['x'])
    await client.flush()
    expect(storage.rows.has('case-2')).toBe(true)
  })

  it('fails pending requests when the worker dies, and reports stray messages', async () => {
    const { client, workers, errors, storage, loadDocs } = setup()
    await client.open('case-1', storage, loadDocs, ['a', 'b'])
    await client.flush()
    const worker = workers[0]!
    worker.emit('message', { data: { nonsense: true } })
    expect(errors[0]?.message).toMatch(/not a reply/)
    worker.held = []
    const query = client.query('iran')
    await vi.waitFor(() => expect(worker.held).toHaveLength(1))
    worker.emit('error', new Error('crashed'))
    await expect(query).rejects.toMatchObject({ code: 'WORKER_FAILED' })
    expect(client.status).toBe('failed')
    expect(worker.terminated).toBe(true)
    await expect(client.query('iran')).rejects.toMatchObject({ code: 'WORKER_FAILED' })
    await client.open('case-1', storage, loadDocs, ['a', 'b'])
    expect(workers).toHaveLength(2)
    expect(ids(await client.query('iran'))).toEqual(['a'])
  })

  it('reports a failed save without breaking search', async () => {
    const { client, errors, storage, loadDocs } = setup()
    storage.save = async () => {
      throw new Error('QuotaExceededError')
    }
    await client.open('case-1', storage, loadDocs, ['a', 'b'])
    await client.flush()
    expect(errors.map((e) => e.message)).toEqual(['QuotaExceededError'])
    expect(ids(await client.query('iran'))).toEqual(['a'])
  })

  it('saves pending changes and stops the worker on close', async () => {
    const { client, workers, storage, loadDocs } = setup({ persistDelayMs: 60_000 })
    await client.open('case-1', storage, loadDocs, ['a', 'b'])
    await client.add([{ id: 'c', title: 'Late', text: 'A late addition.' }])
    await client.close()
    expect(storage.rows.get('case-1')!.docIds.sort()).toEqual(['a', 'b', 'c'])
    expect(workers[0]!.terminated).toBe(true)
    expect(client.status).toBe('closed')
    await expect(client.query('late')).rejects.toMatchObject({ code: 'CLOSED' })
  })
})

/** Holds `storage`'s block reads until the function returned is called. */
function holdBlockReads(storage: BlockStorage): () => void {
  let letRead: () => void = () => undefined
  const gate = new Promise<void>((resolve) => (letRead = resolve))
  const loadBlocks = storage.loadBlocks.bind(storage)
  storage.loadBlocks = async (...args) => {
    await gate
    return loadBlocks(...args)
  }
  return letRead
}

/** A storage that keeps the blocks apart from the head row, as `src/db/search-storage.ts` does. */
class BlockStorage extends MemoryStorage {
  blocks = new Map<string, Uint8Array>()
  blockReads: number[][] = []
  dropped = 0
  override async save(row: SearchIndexRow): Promise<void> {
    const head: SearchIndexRow = { ...row, parts: {}, stamp: `s${this.saves.length}` }
    this.blocks.clear()
    for (const [key, part] of Object.entries(row.parts)) {
      if (key.startsWith('blk.')) this.blocks.set(key, part as Uint8Array)
      else head.parts[key] = part
    }
    await super.save(head)
  }
  async loadBlocks(_caseId: string, stamp: string | undefined, blocks: readonly number[]) {
    this.blockReads.push([...blocks])
    const current = [...this.rows.values()][0]?.stamp
    return blocks.map((n) => {
      const data = stamp === current ? this.blocks.get(`blk.${n}`) : undefined
      return data && data.slice()
    })
  }
  async drop(caseId: string): Promise<void> {
    this.dropped++
    this.rows.delete(caseId)
    this.blocks.clear()
  }
}

describe('SearchClient over a saved index whose postings are in blocks', () => {
  it('answers once the head row is read, reading the blocks a query needs, then the rest; saves again once whole', async () => {
    const first = setup()
    const storage = new BlockStorage()
    await first.client.open('case-1', storage, first.loadDocs, ['a', 'b'])
    await first.client.close()
    expect(storage.blocks.size).toBeGreaterThan(0)
    expect(Object.keys(storage.rows.get('case-1')!.parts).some((k) => k.startsWith('blk.'))).toBe(
      false,
    )

    const { client, loadDocs } = setup({ catchUpDelayMs: 60_000 })
    await client.open('case-1', storage, loadDocs, () =>
      Promise.resolve(
        new Map([
          ['a', ''],
          ['b', ''],
        ]),
      ),
    )
    // Ready with no block read: the head row is enough to take queries.
    expect(storage.blockReads).toEqual([])
    expect(ids(await client.query('iran'))).toEqual(['a'])
    expect(storage.blockReads.length).toBeGreaterThan(0)
    await client.caughtUp
    // A change is saved whole once every block is in (serialising needs them all).
    await client.add([{ id: 'c', title: 'Zanzibar', text: 'A zanzibar envoy.' }])
    await client.flush()
    expect(storage.saves.at(-1)!.docIds.sort()).toEqual(['a', 'b', 'c'])
    expect(ids(await client.query('zanzibar'))).toEqual(['c'])
    await client.close()
  })

  it('neither saves nor reports a save of an index whose saved blocks could not all be read', async () => {
    const first = setup()
    const storage = new BlockStorage()
    await first.client.open('case-1', storage, first.loadDocs, ['a', 'b'])
    await first.client.close()
    storage.blocks.clear()
    // The blocks' read waits until the test lets it go.
    const letRead = holdBlockReads(storage)
    const { client, errors, loadDocs } = setup({ catchUpDelayMs: 0, persistDelayMs: 60_000 })
    await client.open('case-1', storage, loadDocs, ['a', 'b'])
    // A change waiting to be saved when the blocks turn out to be gone.
    await client.add([{ id: 'c', title: 'Late', text: 'A late addition.' }])
    const saves = storage.saves.length
    letRead()
    await client.flush()
    expect(client.status).toBe('failed')
    expect(storage.saves).toHaveLength(saves)
    expect(errors).toEqual([])
  })

  it('closed before its saved blocks are all read, neither saves nor reports the save', async () => {
    const first = setup()
    const storage = new BlockStorage()
    await first.client.open('case-1', storage, first.loadDocs, ['a', 'b'])
    await first.client.close()
    // The blocks' read ends only after the close has begun.
    const letRead = holdBlockReads(storage)
    const { client, errors, loadDocs } = setup({ catchUpDelayMs: 0, persistDelayMs: 60_000 })
    await client.open('case-1', storage, loadDocs, ['a', 'b'])
    await client.add([{ id: 'c', title: 'Late', text: 'A late addition.' }])
    const saves = storage.saves.length
    const closing = client.close()
    letRead()
    await closing
    expect(storage.saves).toHaveLength(saves)
    expect(errors).toEqual([])
  })

  it('drops a saved index whose blocks are gone and fails, so that the next open rebuilds it', async () => {
    const first = setup()
    const storage = new BlockStorage()
    await first.client.open('case-1', storage, first.loadDocs, ['a', 'b'])
    await first.client.close()
    storage.blocks.clear()

    const { client, loadDocs } = setup({ catchUpDelayMs: 60_000 })
    await client.open('case-1', storage, loadDocs, ['a', 'b'])
    await expect(client.query('iran')).rejects.toMatchObject({ code: 'BAD_INDEX' })
    expect(client.status).toBe('failed')
    expect(storage.dropped).toBeGreaterThan(0)
    expect(storage.rows.size).toBe(0)
    // Opened again, nothing is saved: the index is built from the documents.
    await client.open('case-1', storage, loadDocs, ['a', 'b'])
    expect(loadDocs).toHaveBeenCalledWith()
    expect(ids(await client.query('iran'))).toEqual(['a'])
  })
})
