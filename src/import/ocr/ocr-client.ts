/**
 * Runs an OCR job in its own Web Worker (ocr.worker.ts), with the bytes transferred, and
 * turns its messages into progress and a result. One worker per job, ended when the job
 * ends: the engine's memory (its WebAssembly heap and language data) goes with it. Cancel
 * ends the worker at once (CANCELLED). A worker that falls silent — no progress for longer
 * than the engine's start limit plus a page's limit — is ended too (OCR_TIMEOUT), so that a
 * stuck engine or renderer cannot hang the import; a crashed worker is OCR_FAILED. Where
 * there is no `Worker` (the unit tests, in Node) the job runs in-thread.
 */
import { cancelledFailure, ImportFailure } from '../extract-types'
import { ocrFailed } from './engine'
import { OCR_REPLY, runOcrJob, type OcrJob, type OcrJobHooks } from './ocr-job'
import type { OcrWorkerReply, OcrWorkerRequest } from './ocr.worker'
import type { PageText } from './page-text'
import { OCR_PAGE_TIMEOUT_MS, OCR_START_TIMEOUT_MS, type OcrProgress } from './run'

/** Extra time the watchdog allows beyond the job's own limits. */
const WATCHDOG_MARGIN_MS = 15_000

/** Runs `job` off the main thread (see the module comment). */
export function runOcrOffMain(
  job: OcrJob,
  hooks: { signal?: AbortSignal; onProgress?(p: OcrProgress): void } & Pick<
    OcrJobHooks,
    'startEngine'
  > = {},
): Promise<PageText[]> {
  const { signal } = hooks
  if (signal?.aborted) return Promise.reject(cancelledFailure())
  if (typeof Worker === 'undefined') return runOcrJob(job, hooks)
  const worker = new Worker(new URL('./ocr.worker.ts', import.meta.url), {
    type: 'module',
    name: 'casefile-ocr',
  })
  const silence =
    (job.startTimeoutMs ?? OCR_START_TIMEOUT_MS) +
    (job.pageTimeoutMs ?? OCR_PAGE_TIMEOUT_MS) +
    WATCHDOG_MARGIN_MS
  return new Promise<PageText[]>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const end = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      worker.terminate()
    }
    const watch = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        end()
        reject(
          new ImportFailure(
            'OCR_TIMEOUT',
            `The OCR stopped answering for ${Math.round(silence / 1000)} s and was ended. Try again; if it stops again, split the file or scan it again at 300 dpi.`,
          ),
        )
      }, silence)
    }
    const onAbort = () => {
      end()
      reject(cancelledFailure())
    }
    worker.onmessage = (event: MessageEvent<OcrWorkerReply>) => {
      const reply = event.data
      if (reply?.from !== OCR_REPLY) return
      if (reply.type === 'progress') {
        watch()
        hooks.onProgress?.(reply.progress)
        return
      }
      end()
      if (reply.type === 'done') resolve(reply.pages)
      else reject(new ImportFailure(reply.error.code, reply.error.message))
    }
    worker.onerror = (event) => {
      end()
      reject(ocrFailed(`its worker stopped: ${event.message || 'it crashed or ran out of memory'}`))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    watch()
    const request: OcrWorkerRequest = { job }
    worker.postMessage(request, [job.bytes.buffer])
  })
}
