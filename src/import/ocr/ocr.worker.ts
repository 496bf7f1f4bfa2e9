/**
 * The OCR worker: runs one OCR job (ocr-job.ts) off the main thread — pdf.js renders the
 * pages on an OffscreenCanvas here, and tesseract.js's own worker, started from here, reads
 * them. It reports progress page by page and answers once with the pages' texts or a typed
 * error. The client (ocr-client.ts) ends the worker after each job, and on cancel or when it
 * falls silent for too long.
 */
import { ImportFailure, type ImportError } from '../extract-types'
import { ocrFailed } from './engine'
import { OCR_REPLY, runOcrJob, type OcrJob } from './ocr-job'
import type { PageText } from './page-text'
import type { OcrProgress } from './run'

/** A job as posted to the worker. */
export interface OcrWorkerRequest {
  job: OcrJob
}

/** The worker's messages: progress, then one result. */
export type OcrWorkerReply = { from: typeof OCR_REPLY } & (
  | { type: 'progress'; progress: OcrProgress }
  | { type: 'done'; pages: PageText[] }
  | { type: 'failed'; error: ImportError }
)

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<OcrWorkerRequest>) => void) | null
  postMessage(message: OcrWorkerReply): void
}

scope.onmessage = (event) => {
  // pdf.js's parser, if it runs in this scope, listens here too: not a job, not ours.
  if (!event.data || !('job' in event.data)) return
  runOcrJob(event.data.job, {
    onProgress: (progress) => scope.postMessage({ from: OCR_REPLY, type: 'progress', progress }),
  }).then(
    (pages) => scope.postMessage({ from: OCR_REPLY, type: 'done', pages }),
    (error: unknown) => {
      const failure =
        error instanceof ImportFailure
          ? error
          : ocrFailed(error instanceof Error ? error.message : String(error))
      scope.postMessage({ from: OCR_REPLY, type: 'failed', error: failure.toImportError() })
    },
  )
}
