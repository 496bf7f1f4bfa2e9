import { afterEach, describe, expect, it, vi } from 'vitest'
import { CopiesClient, type CopiesWorkerLike } from './copies-client'
import { CopyFinder, type CopyDoc } from './copy-finder'
import type { CopiesRequest } from './copies-protocol'

/** A worker that answers only when the test says so, and records what it was handed. */
class FakeWorker implements CopiesWorkerLike {
  posted: CopiesRequest[] = []
  terminated = false
  private listeners: Record<string, ((event: { data: unknown }) => void)[]> = {}
  postMessage(message: CopiesRequest): void {
    this.posted.push(message)
  }
  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    ;(this.listeners[type] ??= []).push(listener)
  }
  terminate(): void {
    this.terminated = true
  }
  emit(type: string, data: unknown): void {
    for (const l of this.listeners[type] ?? []) l({ data })
  }
}

const docs = (...ids: string[]): CopyDoc[] =>
  ids.map((id) => ({ id, textHash: `h-${id}`, importedAt: 1 }))
const never = () => new CopyFinder(() => Promise.reject(new Error('no local finder expected')))
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('CopiesClient', () => {
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
  afterEach(() => consoleError.mockClear())

  it('hands the worker one request at a time and only the latest of those waiting', async () => {
    const worker = new FakeWorker()
    const client = new CopiesClient({ createWorker: () => worker, local: never })
    const first = client.find(docs('a'))
    const second = client.find(docs('a', 'b'))
    const third = client.find(docs('a', 'b', 'c'))
    expect(worker.posted.map((r) => r.docs.length)).toEqual([1])
    expect(await second).toBeUndefined()
    worker.emit('message', { seq: worker.posted[0]!.seq, ok: true, pairs: [] })
    expect(await first).toEqual(new Map())
    expect(worker.posted.map((r) => r.docs.length)).toEqual([1, 3])
    worker.emit('message', { seq: worker.posted[1]!.seq, ok: true, pairs: [['c', 'a']] })
    expect(await third).toEqual(new Map([['c', 'a']]))
  })

  it('rejects with the worker’s error and goes on with the next request', async () => {
    const worker = new FakeWorker()
    const client = new CopiesClient({ createWorker: () => worker, local: never })
    const failing = client.find(docs('a'))
    worker.emit('message', { seq: worker.posted[0]!.seq, ok: false, error: 'store closed' })
    await expect(failing).rejects.toThrow('store closed')
    const next = client.find(docs('b'))
    worker.emit('message', { seq: worker.posted[1]!.seq, ok: true, pairs: [] })
    expect(await next).toEqual(new Map())
  })

  it('runs the request in this thread when the worker fails, and later ones too', async () => {
    const worker = new FakeWorker()
    let localRuns = 0
    const local = () =>
      new CopyFinder(async (ids) => {
        localRuns++
        return ids.map(() => 'a text')
      })
    const client = new CopiesClient({ createWorker: () => worker, local })
    const pending = client.find(docs('a'))
    worker.emit('error', {})
    expect(await pending).toEqual(new Map())
    expect(worker.terminated).toBe(true)
    expect(await client.find(docs('a', 'b'))).toEqual(new Map())
    expect(worker.posted).toHaveLength(1)
    expect(localRuns).toBe(2)
    expect(consoleError).toHaveBeenCalledTimes(1)
  })

  it('treats an answer of the wrong shape as a failed worker', async () => {
    const worker = new FakeWorker()
    const client = new CopiesClient({
      createWorker: () => worker,
      local: () => new CopyFinder(async (ids) => ids.map(() => undefined)),
    })
    const pending = client.find(docs('a'))
    worker.emit('message', { seq: worker.posted[0]!.seq, ok: true, pairs: [['only one']] })
    expect(await pending).toEqual(new Map())
    expect(worker.terminated).toBe(true)
    expect(consoleError).toHaveBeenCalledTimes(1)
  })

  it('without a worker, finds the copies in this thread', async () => {
    const story = Array.from({ length: 60 }, (_, i) => `w${i} seal of the harbour ${i}`).join(' ')
    const texts: Record<string, string> = { a: story, b: `Headline. ${story}` }
    const client = new CopiesClient({
      createWorker: null,
      local: () => new CopyFinder(async (ids) => ids.map((id) => texts[id])),
    })
    await flush()
    expect(await client.find(docs('a', 'b'))).toEqual(
      new Map([
        ['a', 'a'],
        ['b', 'a'],
      ]),
    )
  })
})
