/**
 * The search worker: owns the case's full-text index off the main thread, so that building,
 * reading back and querying never block the UI. Started by `SearchClient` as a module
 * worker; all logic lives in `search-protocol.ts`, which checks every message by shape and
 * answers in arrival order.
 */
import { createSearchHandler } from './search-protocol'

// The renderer's tsconfig types `self` as a Window; this is the part of a worker scope used.
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void
  postMessage(message: unknown): void
}

const scope = self as unknown as WorkerScope
const handle = createSearchHandler()

scope.addEventListener('message', (event) => {
  void handle(event.data).then((response) => scope.postMessage(response))
})
