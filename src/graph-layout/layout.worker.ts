/**
 * The layout worker: runs ForceAtlas2 off the main thread, so that laying out a few
 * thousand actors (a second or two) never freezes the UI. Started by `LayoutClient` as a
 * module worker; all logic lives in `layout-handler.ts` (and its warm-up in `layout-warm.ts`). The layout is synchronous, so a
 * superseded request cannot be interrupted here: the client terminates the worker instead.
 */
import { workerHandler } from './layout-warm'

// The renderer's tsconfig types `self` as a Window; this is the part of a worker scope used.
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void
  postMessage(message: unknown): void
}

const scope = self as unknown as WorkerScope

const handle = workerHandler()

scope.addEventListener('message', (event) => {
  // A warm-up (see layout-warm.ts) is answered by nothing.
  const reply = handle(event.data)
  if (reply) scope.postMessage(reply)
})
