import { afterEach, describe, expect, it, vi } from 'vitest'
import { ImportFailure } from '../extract-types'
import { ocrFailed, type OcrEngine } from './engine'
import { runOcr, type OcrRun } from './run'

afterEach(() => {
  vi.useRealTimers()
})

/** An engine that reads every image as the word "page" (or as `read` says). */
function fakeEngine(read?: (image: Uint8Array) => Promise<string>) {
  const state = { terminated: 0 }
  const engine: OcrEngine = {
    async recognize(image) {
      const text = read ? await read(image) : 'page'
      return { paragraphs: [{ lines: [{ words: [{ text, confidence: 90 }] }] }] }
    },
    terminate: () => {
      state.terminated++
      return Promise.resolve()
    },
  }
  return { engine, state }
}

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise
  } catch (e) {
    if (e instanceof ImportFailure) return e.toImportError()
    throw e
  }
  throw new Error('expected a failure')
}

describe('runOcr', () => {
  it('reads 100 pages one at a time: one page image alive at once, progress per page', async () => {
    const { engine, state } = fakeEngine()
    let alive = 0
    let most = 0
    const progress: string[] = []
    const run: OcrRun = {
      count: 100,
      start: () => Promise.resolve(engine),
      render: (i) => {
        // A page is rendered only once the previous one has been read.
        alive++
        most = Math.max(most, alive)
        return Promise.resolve(new Uint8Array(16).fill(i % 256))
      },
      onProgress: (p) => {
        progress.push(`${p.page}/${p.pages}`)
      },
    }
    const read = vi.spyOn(engine, 'recognize').mockImplementation(async (image) => {
      alive--
      return { paragraphs: [{ lines: [{ words: [{ text: `p${image[0]}`, confidence: 90 }] }] }] }
    })
    const pages = await runOcr(run)
    expect(pages).toHaveLength(100)
    expect(pages[41]?.text).toBe('p41')
    expect(most).toBe(1)
    expect(read).toHaveBeenCalledTimes(100)
    expect(progress.slice(0, 2)).toEqual(['1/100', '2/100'])
    expect(progress.at(-1)).toBe('100/100')
    expect(state.terminated).toBe(1)
  })

  it('stops with OCR_TIMEOUT when the engine never starts (WebAssembly blocked)', async () => {
    vi.useFakeTimers()
    const late = fakeEngine()
    let resolveStart: (e: OcrEngine) => void = () => undefined
    const run = runOcr({
      count: 1,
      start: () => new Promise<OcrEngine>((resolve) => (resolveStart = resolve)),
      render: () => Promise.resolve(new Uint8Array(1)),
      startTimeoutMs: 5_000,
    })
    const failure = failureOf(run)
    await vi.advanceTimersByTimeAsync(5_000)
    expect(await failure).toMatchObject({ code: 'OCR_TIMEOUT' })
    expect((await failure).message).toMatch(/did not start within 5 s/)
    // An engine that turns up after all is ended at once.
    resolveStart(late.engine)
    await vi.advanceTimersByTimeAsync(0)
    expect(late.state.terminated).toBe(1)
  })

  it('stops with OCR_TIMEOUT when a page takes too long, and ends the engine', async () => {
    vi.useFakeTimers()
    const { engine, state } = fakeEngine(() => new Promise<string>(() => undefined))
    const failure = failureOf(
      runOcr({
        count: 3,
        start: () => Promise.resolve(engine),
        render: () => Promise.resolve(new Uint8Array(1)),
        pageTimeoutMs: 10_000,
      }),
    )
    await vi.advanceTimersByTimeAsync(10_000)
    const error = await failure
    expect(error.code).toBe('OCR_TIMEOUT')
    expect(error.message).toMatch(/page 1 took longer than 10 s/)
    expect(state.terminated).toBe(1)
  })

  it('passes the engine failing to start or to read on as OCR_FAILED', async () => {
    expect(
      await failureOf(
        runOcr({
          count: 1,
          start: () => Promise.reject(ocrFailed('it did not start: no core')),
          render: () => Promise.resolve(new Uint8Array(1)),
        }),
      ),
    ).toMatchObject({ code: 'OCR_FAILED' })
    const { engine, state } = fakeEngine(() => Promise.reject(ocrFailed('bad image')))
    expect(
      await failureOf(
        runOcr({
          count: 2,
          start: () => Promise.resolve(engine),
          render: () => Promise.resolve(new Uint8Array(1)),
        }),
      ),
    ).toMatchObject({ code: 'OCR_FAILED', message: expect.stringContaining('bad image') })
    expect(state.terminated).toBe(1)
  })

  it('stops on cancel between and during pages (CANCELLED) and ends the engine', async () => {
    const controller = new AbortController()
    const { engine, state } = fakeEngine(() => {
      controller.abort()
      return new Promise<string>(() => undefined)
    })
    const error = await failureOf(
      runOcr({
        count: 5,
        start: () => Promise.resolve(engine),
        render: () => Promise.resolve(new Uint8Array(1)),
        signal: controller.signal,
      }),
    )
    expect(error.code).toBe('CANCELLED')
    expect(state.terminated).toBe(1)
  })
})
