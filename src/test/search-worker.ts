/**
 * The search worker for tests: the real search handler (`search-protocol.ts`, what
 * `search.worker.ts` runs) in-process behind the part of a `Worker` the search client uses
 * (`SearchWorkerLike`), for Node and jsdom, which have no module workers. Imported by tests only.
 */
import type { SearchWorkerLike } from '../search/search-client'
import { createSearchHandler } from '../search/search-protocol'

/** A worker that runs the real handler in-process; replies arrive asynchronously. */
export class InProcessSearchWorker implements SearchWorkerLike {
  terminated = false
  private handle = createSearchHandler()
  private listeners = new Map<string, ((event: never) => void)[]>()

  postMessage(message: unknown): void {
    const data = structuredClone(message)
    void this.handle(data).then((reply) => {
      if (!this.terminated) queueMicrotask(() => this.emit('message', { data: reply }))
    })
  }

  addEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }

  terminate(): void {
    this.terminated = true
  }

  /** The worker crashes: what a real worker's `error` event does to the client. */
  crash(): void {
    this.emit('error', new Error('out of memory'))
  }

  /** Hands `event` to the listeners of `type`. */
  emit(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event as never)
  }
}
