/**
 * The suggestion worker: runs the named-entity pass off the main thread, so that a long
 * document never blocks the reader. Started by `SuggestClient` as a module worker; all
 * logic lives in `suggest-handler.ts`, which checks every message by shape and answers in
 * arrival order.
 */
import { createSuggestHandler } from './suggest-handler'

// The renderer's tsconfig types `self` as a Window; this is the part of a worker scope used.
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void
  postMessage(message: unknown): void
}

const scope = self as unknown as WorkerScope
const handle = createSuggestHandler()

scope.addEventListener('message', (event) => {
  void handle(event.data).then((response) => scope.postMessage(response))
})
