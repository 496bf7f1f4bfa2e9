/**
 * The import worker: answers `runOffMainJob` requests (off-main.ts) one file at a time, so
 * that parsing a web page or a Word document, and decoding any text file, never holds the
 * window's main thread. Cancel and the HTML time budget end the whole worker
 * (worker-client.ts), which stops a parser wherever it is. Failures come back as
 * `{ code, message }`; nothing is thrown.
 */
import { answerRequest, type WorkerReply, type WorkerRequest } from './off-main'

export type { WorkerReply, WorkerRequest } from './off-main'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null
  postMessage(message: WorkerReply): void
}

scope.onmessage = (event) => {
  void answerRequest(event.data).then((reply) => scope.postMessage(reply))
}
