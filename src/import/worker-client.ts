/**
 * Runs the import's off-main-thread jobs (off-main.ts) in one long-lived Web Worker
 * (extract.worker.ts), one job at a time (jobs asked for meanwhile wait their turn), with the
 * file's bytes transferred, not copied.
 * Cancel terminates the worker — the only way to stop a parser in the middle of a
 * synchronous step — and the next job starts a new one; so does a web page that outlasts its
 * time budget (TOO_COMPLEX), and a worker that crashed (out of memory, say), whose job is
 * reported as PARSE_FAILED. Every web page and Word document goes to the worker, whatever its
 * size: their parsers never run on the main thread. Small plain-text and Markdown files, and
 * every job where there is no `Worker` (the unit tests, in Node), run in-thread.
 */
import { cancelledFailure, ImportFailure } from './extract-types'
import { HTML_TIME_BUDGET_MS, htmlTimeoutFailure } from './html-scan'
import {
  runOffMainJob,
  type OffMainJob,
  type OffMainResult,
  type WorkerReply,
  type WorkerRequest,
} from './off-main'

let worker: Worker | undefined
let nextId = 1
/** The last job handed to the worker, settled or not: the next one waits for it. */
let queue: Promise<unknown> = Promise.resolve()
/** Jobs handed to the worker and not yet settled. */
let queued = 0

function createWorker(): Worker {
  return new Worker(new URL('./extract.worker.ts', import.meta.url), {
    type: 'module',
    name: 'casefile-import',
  })
}

/** Ends the import worker (if any); the next job starts a fresh one. */
export function stopImportWorker(): void {
  worker?.terminate()
  worker = undefined
}

/**
 * Plain-text and Markdown files up to this size are decoded in-thread: that work is linear
 * and takes a few milliseconds at most, less than a round trip to the worker, and it cannot
 * be hostile at this size. Web pages and Word documents always go to the worker.
 */
export const IN_THREAD_MAX_BYTES = 256 * 1024

/** Options of `runOffMain`. */
export interface OffMainOptions {
  /** Cancel: ends the worker and rejects with CANCELLED. */
  signal?: AbortSignal
  /**
   * Ends the worker and rejects with TOO_COMPLEX when the job has not answered by then;
   * `HTML_TIME_BUDGET_MS` for web pages by default, none for other files.
   */
  timeoutMs?: number
}

/** Runs `job` in the import worker; rejects with `ImportFailure` (CANCELLED on abort). */
export function runOffMain(job: OffMainJob, options: OffMainOptions = {}): Promise<OffMainResult> {
  const { signal } = options
  const timeoutMs = options.timeoutMs ?? (job.importer === 'html' ? HTML_TIME_BUDGET_MS : undefined)
  if (signal?.aborted) return Promise.reject(cancelledFailure())
  const small =
    (job.importer === 'text' || job.importer === 'markdown') &&
    job.bytes.length <= IN_THREAD_MAX_BYTES
  if (typeof Worker === 'undefined' || small) return runOffMainJob(job, signal)
  // One job at a time in the worker: ending it (Cancel, a page over its time budget) must not
  // take another file's job with it, and a job's time budget starts when the worker takes it.
  // An idle worker takes the job at once (in the same task: Cancel right after still finds it).
  const result =
    queued === 0 ? post(job, signal, timeoutMs) : queue.then(() => post(job, signal, timeoutMs))
  queued++
  queue = result.catch(() => undefined).then(() => void queued--)
  return result
}

function post(
  job: OffMainJob,
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): Promise<OffMainResult> {
  if (signal?.aborted) return Promise.reject(cancelledFailure())
  const current = (worker ??= createWorker())
  const id = nextId++
  return new Promise<OffMainResult>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const done = () => {
      clearTimeout(timer)
      current.removeEventListener('message', onMessage)
      current.removeEventListener('error', onError)
      signal?.removeEventListener('abort', onAbort)
    }
    // The worker is ended (not asked to stop): a synchronous parser cannot be interrupted.
    const giveUp = (failure: ImportFailure) => {
      done()
      if (worker === current) stopImportWorker()
      reject(failure)
    }
    const onMessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data
      if (reply.id !== id) return
      done()
      if (reply.ok) resolve(reply.result)
      else reject(new ImportFailure(reply.error.code, reply.error.message))
    }
    const onError = (event: ErrorEvent) =>
      giveUp(
        new ImportFailure(
          'PARSE_FAILED',
          `Casefile could not read this file: its reader stopped (${event.message || 'it ran out of memory or crashed'}). It may be damaged or hostile.`,
        ),
      )
    const onAbort = () => giveUp(cancelledFailure())
    current.addEventListener('message', onMessage)
    current.addEventListener('error', onError)
    signal?.addEventListener('abort', onAbort, { once: true })
    if (timeoutMs !== undefined) timer = setTimeout(() => giveUp(htmlTimeoutFailure()), timeoutMs)
    const request: WorkerRequest = { id, job }
    current.postMessage(request, [job.bytes.buffer])
  })
}
