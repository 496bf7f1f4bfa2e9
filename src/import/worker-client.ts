/**
 * Runs the import's off-main-thread jobs (off-main.ts) in one long-lived Web Worker
 * (extract.worker.ts), one job at a time, with the file's bytes transferred, not copied.
 * Cancel terminates the worker — the only way to stop a parser in the middle of a
 * synchronous step — and the next job starts a new one; so does a worker that crashed (out
 * of memory, say), whose job is reported as PARSE_FAILED. Small text files, and every job
 * where there is no `Worker` (the unit tests, in Node), run in-thread.
 */
import { cancelledFailure, ImportFailure } from './extract-types'
import type { WorkerReply, WorkerRequest } from './extract.worker'
import { runOffMainJob, type OffMainJob, type OffMainResult } from './off-main'

let worker: Worker | undefined
let nextId = 1

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
 * Text files (not Word documents) up to this size are decoded in-thread: that work is linear
 * and takes a few milliseconds at most, less than a round trip to the worker, and it cannot
 * be hostile at this size. Word documents always go to the worker (unpacking, the bomb count).
 */
export const IN_THREAD_MAX_BYTES = 256 * 1024

/** Runs `job` in the import worker; rejects with `ImportFailure` (CANCELLED on abort). */
export function runOffMain(job: OffMainJob, signal?: AbortSignal): Promise<OffMainResult> {
  if (signal?.aborted) return Promise.reject(cancelledFailure())
  const small = job.importer !== 'docx' && job.bytes.length <= IN_THREAD_MAX_BYTES
  if (typeof Worker === 'undefined' || small) return runOffMainJob(job, signal)
  const current = (worker ??= createWorker())
  const id = nextId++
  return new Promise<OffMainResult>((resolve, reject) => {
    const done = () => {
      current.removeEventListener('message', onMessage)
      current.removeEventListener('error', onError)
      signal?.removeEventListener('abort', onAbort)
    }
    const onMessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data
      if (reply.id !== id) return
      done()
      if (reply.ok) resolve(reply.result)
      else reject(new ImportFailure(reply.error.code, reply.error.message))
    }
    const onError = (event: ErrorEvent) => {
      done()
      if (worker === current) stopImportWorker()
      reject(
        new ImportFailure(
          'PARSE_FAILED',
          `Casefile could not read this file: its reader stopped (${event.message || 'it ran out of memory or crashed'}). It may be damaged or hostile.`,
        ),
      )
    }
    const onAbort = () => {
      done()
      if (worker === current) stopImportWorker()
      reject(cancelledFailure())
    }
    current.addEventListener('message', onMessage)
    current.addEventListener('error', onError)
    signal?.addEventListener('abort', onAbort, { once: true })
    const request: WorkerRequest = { id, job }
    current.postMessage(request, [job.bytes.buffer])
  })
}
