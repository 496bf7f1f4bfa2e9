import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { extractDocument } from './extract'
import { HTML_TIME_BUDGET_MS } from './html-scan'
import { answerRequest, type WorkerReply, type WorkerRequest } from './off-main'
import { sha256Hex } from './normalise'
import { fakeFile, fixtureFile } from './test-support'
import { IN_THREAD_MAX_BYTES, runOffMain, stopImportWorker } from './worker-client'

/**
 * A stand-in for the browser's Worker: requests are structured-cloned across (nothing is
 * shared with the caller, as between threads) and answered by the worker's own handler,
 * `answerRequest` — or not at all (`silent`), like a worker stuck in a parser.
 */
class FakeWorker extends EventTarget {
  static created: FakeWorker[] = []
  static silent = false
  requests: WorkerRequest[] = []
  terminated = false

  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    super()
    FakeWorker.created.push(this)
  }

  postMessage(message: WorkerRequest, transfer: Transferable[]): void {
    const request = structuredClone(message, { transfer })
    this.requests.push(request)
    if (FakeWorker.silent) return
    void answerRequest(request).then((reply: WorkerReply) => {
      if (!this.terminated) this.dispatchEvent(new MessageEvent('message', { data: reply }))
    })
  }

  terminate(): void {
    this.terminated = true
  }
}

/** Any use of the browser's parser on this (the main) thread fails the import. */
class ThrowingDOMParser {
  constructor() {
    throw new Error('DOMParser was used on the main thread')
  }
}

const requestsOf = () => FakeWorker.created.flatMap((w) => w.requests)

beforeEach(() => {
  FakeWorker.created = []
  FakeWorker.silent = false
  vi.stubGlobal('Worker', FakeWorker)
  vi.stubGlobal('DOMParser', ThrowingDOMParser)
})
afterEach(() => {
  stopImportWorker()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('HTML import off the main thread', () => {
  it('sends a small page to the import worker and gets its text back, with no DOMParser', async () => {
    const file = fixtureFile('good/crane-collapse.html')
    expect(file.size).toBeLessThan(IN_THREAD_MAX_BYTES)
    const outcome = await extractDocument(file, { ocr: false })
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`)
    expect(outcome.doc.importer).toBe('html')
    expect(outcome.doc.text.length).toBeGreaterThan(500)
    expect(requestsOf().map((r) => r.job.importer)).toEqual(['html'])
    expect(FakeWorker.created[0]!.url.pathname).toMatch(/extract\.worker\.ts$/)
  })

  it('sends a large hostile page there too; the main thread only gets text', async () => {
    const html = '<p>t</p><a' + ' '.repeat(400_000)
    const outcome = await extractDocument(fakeFile('unclosed.html', new TextEncoder().encode(html)))
    expect(outcome).toMatchObject({ ok: true, doc: { text: 't', title: 't' } })
    expect(requestsOf().map((r) => r.job.importer)).toEqual(['html'])
  })

  it('hashes the text in the worker: the main thread takes the worker’s hash as it is', async () => {
    const html = `<article><h1>Harbour</h1>${'<p>The harbour stays closed.</p>'.repeat(50)}</article>`
    const file = fakeFile('news.html', new TextEncoder().encode(html))
    const replies: WorkerReply[] = []
    const answer = FakeWorker.prototype.dispatchEvent
    vi.spyOn(FakeWorker.prototype, 'dispatchEvent').mockImplementation(function (
      this: FakeWorker,
      event: Event,
    ) {
      const reply = (event as MessageEvent<WorkerReply>).data
      replies.push(structuredClone(reply))
      // Marks what the worker computed: a hash made again on the main thread would differ.
      if (reply.ok) reply.result.textHash = `worker:${reply.result.textHash}`
      return answer.call(this, event)
    })
    const outcome = await extractDocument(file, { ocr: false })
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`)
    const [reply] = replies
    if (!reply?.ok) throw new Error('the worker did not answer with a document')
    expect(reply.result.textHash).toBe(await sha256Hex(outcome.doc.text))
    expect(outcome.doc.textHash).toBe(`worker:${reply.result.textHash}`)
  })

  it('reports the worker’s TOO_COMPLEX for 60,000 nested <div>s', async () => {
    const html = '<div>'.repeat(60_000) + 'x' + '</div>'.repeat(60_000)
    const outcome = await extractDocument(fakeFile('deep.html', new TextEncoder().encode(html)))
    expect(outcome).toMatchObject({ ok: false, error: { code: 'TOO_COMPLEX' } })
    expect(requestsOf()).toHaveLength(1)
  })

  it('ends a worker that outlasts the time budget and reports TOO_COMPLEX', async () => {
    vi.useFakeTimers()
    FakeWorker.silent = true
    const bytes = new TextEncoder().encode('<p>stuck</p>')
    const result = runOffMain({ importer: 'html', bytes }).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(HTML_TIME_BUDGET_MS - 1)
    expect(FakeWorker.created[0]!.terminated).toBe(false)
    await vi.advanceTimersByTimeAsync(2)
    expect(await result).toMatchObject({ code: 'TOO_COMPLEX' })
    expect(FakeWorker.created[0]!.terminated).toBe(true)
    // The next page gets a fresh worker.
    FakeWorker.silent = false
    vi.useRealTimers()
    const next = await runOffMain({
      importer: 'html',
      bytes: new TextEncoder().encode('<p>ok</p>'),
    })
    expect(next.doc.text).toBe('ok')
    expect(FakeWorker.created).toHaveLength(2)
  })

  it('ends the worker on Cancel and reports CANCELLED', async () => {
    FakeWorker.silent = true
    const controller = new AbortController()
    const bytes = new TextEncoder().encode('<p>slow</p>')
    const result = runOffMain({ importer: 'html', bytes }, { signal: controller.signal }).catch(
      (e: unknown) => e,
    )
    controller.abort()
    expect(await result).toMatchObject({ code: 'CANCELLED' })
    expect(FakeWorker.created[0]!.terminated).toBe(true)
  })

  it('still reads small plain-text files in-thread', async () => {
    const outcome = await extractDocument(fixtureFile('good/wire-report.txt'))
    expect(outcome.ok).toBe(true)
    expect(requestsOf()).toEqual([])
  })
})
