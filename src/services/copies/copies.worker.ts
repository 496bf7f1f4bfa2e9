/**
 * The copies worker: reads a case's texts from the store itself (its own connection to the
 * same IndexedDB database) and finds near-identical copies among them (`CopyFinder`), so
 * neither the texts nor their shingling ever reach the window's main thread. One request at
 * a time, in order; the client keeps only the latest.
 */
import { CasefileDB } from '../../db/schema'
import { CopyFinder } from './copy-finder'
import type { CopiesRequest, CopiesResponse } from './copies-protocol'

// The renderer's tsconfig types `self` as a Window; this is the part of a worker scope used.
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<CopiesRequest>) => void): void
  postMessage(message: CopiesResponse): void
}

const scope = self as unknown as WorkerScope
const db = new CasefileDB()
const finder = new CopyFinder(async (ids) => (await db.texts.bulkGet(ids)).map((row) => row?.text))
let queue: Promise<unknown> = Promise.resolve()

scope.addEventListener('message', ({ data }) => {
  queue = queue.then(() =>
    finder.find(data.docs).then(
      (pairs) => scope.postMessage({ seq: data.seq, ok: true, pairs }),
      (e: unknown) =>
        scope.postMessage({
          seq: data.seq,
          ok: false,
          error: e instanceof Error ? e.message : String(e),
        }),
    ),
  )
})
