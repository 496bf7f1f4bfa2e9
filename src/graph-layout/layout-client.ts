/**
 * The main-thread side of the graph layout. `LayoutClient` starts the layout worker on
 * first use, sends each request with a correlation id, checks every reply by shape (and
 * that it places exactly the nodes asked about), and settles the caller's promise.
 *
 * Only the latest request counts: the graph panel asks again whenever the graph changes,
 * and an older picture arriving late would overwrite a newer one. So a new `layout()` call
 * supersedes the pending one, whose promise rejects with a `LayoutClientError` of code
 * `SUPERSEDED` and name `AbortError` (`isSuperseded` tells it apart). The layout runs
 * synchronously in the worker and cannot be interrupted, so the worker busy with the
 * superseded request is terminated and the new request goes to a fresh one: waiting for a
 * stale 2,000-actor layout would cost more than starting a worker. A worker that fails is
 * dropped the same way. This module imports only types from the layout, so graphology is
 * loaded by the worker, not with the UI.
 */
import { edgeBuffers, isEdgeArrays } from './edge-arrays'
import type { LayoutInput, Positions } from './layout'
import { parseResponse, placesExactly, WARM_MESSAGE, type LayoutErrorCode } from './layout-protocol'

/** The part of a `Worker` the client uses (a fake in tests). */
export interface LayoutWorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  addEventListener(type: 'error' | 'messageerror', listener: (event: unknown) => void): void
  terminate(): void
}

/** Options of `LayoutClient`. */
export interface LayoutClientOptions {
  /** Starts the worker; the real layout worker by default. */
  createWorker?: () => LayoutWorkerLike
  /** Told about messages that answer no request. */
  onError?: (error: Error) => void
}

/** A layout, and how long the worker took to compute it (ms). */
export interface LayoutResult {
  positions: Positions
  ms: number
}

/** Why a layout request failed. */
export type LayoutClientErrorCode =
  LayoutErrorCode | 'SUPERSEDED' | 'WORKER_FAILED' | 'BAD_RESPONSE' | 'CLOSED'

/**
 * A failure reported by the worker, of the worker itself, or of a reply's content; or the
 * notice that a newer request superseded this one (code `SUPERSEDED`, name `AbortError`,
 * like an aborted `fetch`, so that callers which already ignore aborts ignore it too).
 */
export class LayoutClientError extends Error {
  constructor(
    readonly code: LayoutClientErrorCode,
    message: string,
  ) {
    super(message)
    this.name = code === 'SUPERSEDED' ? 'AbortError' : 'LayoutClientError'
  }
}

/** Whether an error only says that a newer layout request took this one's place. */
export function isSuperseded(error: unknown): boolean {
  return error instanceof LayoutClientError && error.code === 'SUPERSEDED'
}

interface Pending {
  id: number
  nodeIds: string[]
  resolve: (value: LayoutResult) => void
  reject: (error: Error) => void
}

function defaultWorker(): LayoutWorkerLike {
  return new Worker(new URL('./layout.worker.ts', import.meta.url), {
    type: 'module',
    name: 'casefile-layout',
  })
}

/** The UI's handle on the layout worker; one per graph panel. */
export class LayoutClient {
  private worker: LayoutWorkerLike | null = null
  private pending: Pending | null = null
  private nextId = 1
  private disposed = false
  /** Whether the worker was asked for a layout or a warm-up yet (see `warm`). */
  private asked = false
  private readonly createWorker: () => LayoutWorkerLike
  private readonly onError: (error: Error) => void

  constructor(options: LayoutClientOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker
    this.onError = options.onError ?? ((error) => console.error(error))
  }

  /**
   * Positions for every node of `input`, computed in the worker. Supersedes the request
   * still pending, if any (see the module comment); rejects with a `LayoutClientError`.
   */
  layout(input: LayoutInput): Promise<LayoutResult> {
    if (this.disposed) {
      return Promise.reject(new LayoutClientError('CLOSED', 'The layout client was disposed.'))
    }
    if (this.pending) {
      const stale = this.pending
      this.pending = null
      // The worker is busy with the stale layout and cannot be interrupted.
      this.dropWorker()
      stale.reject(new LayoutClientError('SUPERSEDED', 'A newer layout was requested.'))
    }
    const worker = this.ensureWorker()
    this.asked = true
    const id = this.nextId++
    return new Promise<LayoutResult>((resolve, reject) => {
      try {
        // Ties as typed arrays are transferred, not copied (they are the caller's no more).
        const transfer = isEdgeArrays(input.edges) ? edgeBuffers(input.edges) : []
        worker.postMessage({ id, input }, transfer)
      } catch (error) {
        // The input could not be copied to the worker (a DataCloneError).
        const message = error instanceof Error ? error.message : String(error)
        reject(new LayoutClientError('BAD_REQUEST', `The layout input cannot be sent: ${message}`))
        return
      }
      this.pending = { id, nodeIds: input.nodes.map((node) => node.id), resolve, reject }
    })
  }

  /**
   * Starts the worker now (if it is not running) and nothing more: its code loads while the
   * caller reads what it will lay out. The graph panel starts it as it opens a case, before
   * it knows whether the case was laid out before (a saved layout read behind the case's
   * records came as late as 580 ms, and the worker's code was then still loading when the
   * layout was asked for: the main thread waited ~400 ms for it).
   */
  start(): void {
    if (this.disposed) return
    this.ensureWorker()
  }

  /**
   * For a fresh layout: starts the worker (if it is not running) and asks it to warm its code
   * up meanwhile (a warm-up is answered by nothing; see layout-warm.ts) — once, and only
   * before anything else was asked of it.
   */
  warm(): void {
    if (this.disposed || this.asked) return
    this.asked = true
    this.ensureWorker().postMessage(WARM_MESSAGE)
  }

  /** Stops the worker for good; the pending request, and any later one, rejects. */
  dispose(): void {
    this.disposed = true
    this.dropWorker()
    const pending = this.pending
    this.pending = null
    pending?.reject(new LayoutClientError('CLOSED', 'The layout client was disposed.'))
  }

  private dropWorker(): void {
    this.worker?.terminate()
    this.worker = null
    // A new worker is a cold one.
    this.asked = false
  }

  private ensureWorker(): LayoutWorkerLike {
    if (this.worker) return this.worker
    const worker = this.createWorker()
    // A terminated worker may still have a reply in flight: only the current one counts.
    worker.addEventListener('message', (event) => {
      if (this.worker === worker) this.receive(event.data)
    })
    const fail = (): void => {
      if (this.worker !== worker) return
      // The worker is gone or garbled a message: the pending request will not be answered.
      this.dropWorker()
      const pending = this.pending
      this.pending = null
      pending?.reject(new LayoutClientError('WORKER_FAILED', 'The layout worker stopped.'))
    }
    worker.addEventListener('error', fail)
    worker.addEventListener('messageerror', fail)
    this.worker = worker
    return worker
  }

  private receive(data: unknown): void {
    const pending = this.pending
    const response = parseResponse(data)
    if (!response || response.id === null) {
      this.onError(new Error('The layout worker sent a message that is not a reply.'))
      return
    }
    if (!pending || response.id !== pending.id) return
    this.pending = null
    if (!response.ok) {
      pending.reject(new LayoutClientError(response.error.code, response.error.message))
      return
    }
    if (!placesExactly(response.positions, pending.nodeIds)) {
      pending.reject(
        new LayoutClientError('BAD_RESPONSE', 'The layout does not place exactly the nodes sent.'),
      )
      return
    }
    pending.resolve({ positions: response.positions, ms: response.ms })
  }
}
