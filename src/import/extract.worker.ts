/**
 * The import worker: runs `runOffMainJob` (off-main.ts) for one file at a time, so that a
 * Word document's unpacking and parsing, and decoding and scanning any text file, never hold
 * the window's main thread. Cancel ends the whole worker (worker-client.ts), which stops a
 * parser wherever it is. Failures come back as `{ code, message }`; nothing is thrown.
 */
import type { ImportError } from './extract-types'
import { ImportFailure } from './extract-types'
import { runOffMainJob, type OffMainJob, type OffMainResult } from './off-main'

/** A job as posted to the worker. */
export interface WorkerRequest {
  id: number
  job: OffMainJob
}

/** The worker's answer to one request. */
export type WorkerReply =
  { id: number; ok: true; result: OffMainResult } | { id: number; ok: false; error: ImportError }

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null
  postMessage(message: WorkerReply): void
}

scope.onmessage = (event) => {
  const { id, job } = event.data
  runOffMainJob(job).then(
    (result) => scope.postMessage({ id, ok: true, result }),
    (error: unknown) => {
      const failure =
        error instanceof ImportFailure
          ? error.toImportError()
          : {
              code: 'PARSE_FAILED' as const,
              message: `Casefile could not read this file (${error instanceof Error ? error.message : String(error)}). It may be damaged; try saving or exporting it again.`,
            }
      scope.postMessage({ id, ok: false, error: failure })
    },
  )
}
