/**
 * Reads pages by OCR one at a time, under time limits, and never hangs. Each page is
 * rendered (a PDF page) or taken as it is (an image), read, and its image dropped before the
 * next one is rendered, so memory holds one page image whatever the page count. The engine
 * must start within `startTimeoutMs` and each page be read within `pageTimeoutMs`, or the
 * run stops with OCR_TIMEOUT (an engine that cannot compile its WebAssembly — a CSP without
 * `'wasm-unsafe-eval'` — never answers at all); an engine that fails gives OCR_FAILED, and a
 * cancel gives CANCELLED. Whatever happens the engine is ended. The same code runs in the
 * OCR worker (ocr.worker.ts) and in-thread in Node (the unit tests).
 */
import { cancelledFailure, ImportFailure } from '../extract-types'
import type { OcrEngine } from './engine'
import { pageTextFromOcr, type PageText } from './page-text'

/** How long the engine may take to start: its WebAssembly and language data load first. */
export const OCR_START_TIMEOUT_MS = 90_000
/** How long one page may take (the bench measures a few seconds per A4 page). */
export const OCR_PAGE_TIMEOUT_MS = 90_000

/** Progress of a run: `page` of `pages` is being read (1-based). */
export interface OcrProgress {
  page: number
  pages: number
}

/** What `runOcr` needs. */
export interface OcrRun {
  /** How many pages to read; `render(i)` gives the image of the i-th (0-based). */
  count: number
  render(index: number): Promise<Uint8Array>
  start(): Promise<OcrEngine>
  signal?: AbortSignal
  onProgress?(progress: OcrProgress): void
  startTimeoutMs?: number
  pageTimeoutMs?: number
}

/** OCR_TIMEOUT, saying what took too long and what to do. */
export function ocrTimeout(what: 'start' | 'page', page?: number, limitMs?: number): ImportFailure {
  const seconds = Math.round((limitMs ?? 0) / 1000)
  return new ImportFailure(
    'OCR_TIMEOUT',
    what === 'start'
      ? `The OCR engine did not start within ${seconds} s. Close other programs and try again; if it never starts, the app may be blocking WebAssembly.`
      : `OCR of page ${page} took longer than ${seconds} s and was stopped. The page may be very large or noisy: scan it again at 300 dpi, or split the file, and import it again.`,
  )
}

/** Settles like `promise`, or rejects with `failure()` after `ms` or on abort. */
export function withLimit<T>(
  promise: Promise<T>,
  ms: number,
  failure: () => ImportFailure,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = (error: unknown) => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      reject(error)
    }
    const onAbort = () => stop(cancelledFailure())
    const timer = setTimeout(() => stop(failure()), ms)
    signal?.addEventListener('abort', onAbort, { once: true })
    promise.then((value) => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      resolve(value)
    }, stop)
  })
}

/** Reads every page (see the module comment); the pages' texts in order. */
export async function runOcr(run: OcrRun): Promise<PageText[]> {
  const { signal } = run
  if (signal?.aborted) throw cancelledFailure()
  const startLimit = run.startTimeoutMs ?? OCR_START_TIMEOUT_MS
  const pageLimit = run.pageTimeoutMs ?? OCR_PAGE_TIMEOUT_MS
  const starting = run.start()
  let engine: OcrEngine | undefined
  try {
    engine = await withLimit(starting, startLimit, () => ocrTimeout('start', 0, startLimit), signal)
    const pages: PageText[] = []
    for (let i = 0; i < run.count; i++) {
      if (signal?.aborted) throw cancelledFailure()
      run.onProgress?.({ page: i + 1, pages: run.count })
      const current = engine
      // The page image is held by nothing here once the engine has it.
      const read = (async () => pageTextFromOcr(await current.recognize(await run.render(i))))()
      pages.push(
        await withLimit(read, pageLimit, () => ocrTimeout('page', i + 1, pageLimit), signal),
      )
    }
    return pages
  } finally {
    if (engine) await engine.terminate()
    // An engine that starts after its time limit is ended as soon as it does.
    else
      void starting.then(
        (late) => late.terminate(),
        () => undefined,
      )
  }
}
