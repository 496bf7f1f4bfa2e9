/**
 * The window's side of copy detection. `CopiesClient.find(docs)` asks the copies worker for
 * the copy groups of a case's documents. Only the latest request counts, and the worker is
 * never handed a queue: while one request runs, a newer one waits in its place and an older
 * waiting one is answered `undefined` (superseded) — during an import the document list
 * changes with every batch, and each answer at 100,000 documents takes the worker a second
 * or so. Where there is no `Worker` (unit tests under jsdom), or once the worker has failed,
 * the same `CopyFinder` runs in this thread over the store (correct, not off the main thread).
 */
import { getDb } from '../../db/db'
import { CopyFinder, type CopyDoc } from './copy-finder'
import { isCopiesResponse, type CopiesRequest } from './copies-protocol'

/** The part of a `Worker` the client uses (a fake in tests). */
export interface CopiesWorkerLike {
  postMessage(message: CopiesRequest): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  addEventListener(type: 'error' | 'messageerror', listener: (event: unknown) => void): void
  terminate(): void
}

/** Options of `CopiesClient`. */
export interface CopiesClientOptions {
  /** Starts the worker; the real copies worker where `Worker` exists, else none. */
  createWorker?: (() => CopiesWorkerLike) | null
  /** The finder used in this thread when there is no worker (reads the app's store). */
  local?: () => CopyFinder
}

function realWorker(): CopiesWorkerLike {
  return new Worker(new URL('./copies.worker.ts', import.meta.url), {
    type: 'module',
    name: 'copies',
  })
}

function storeFinder(): CopyFinder {
  return new CopyFinder(async (ids) => (await getDb().texts.bulkGet(ids)).map((row) => row?.text))
}

interface Waiting {
  docs: CopyDoc[]
  resolve: (groups: Map<string, string> | undefined) => void
  reject: (e: Error) => void
}

/** See the module comment. */
export class CopiesClient {
  private createWorker: (() => CopiesWorkerLike) | null
  private readonly makeLocal: () => CopyFinder
  private worker: CopiesWorkerLike | undefined
  private local: CopyFinder | undefined
  private running: (Waiting & { seq: number }) | undefined
  private waiting: Waiting | undefined
  private seq = 0

  constructor(options: CopiesClientOptions = {}) {
    this.createWorker =
      options.createWorker !== undefined
        ? options.createWorker
        : typeof Worker === 'function'
          ? realWorker
          : null
    this.makeLocal = options.local ?? storeFinder
  }

  /**
   * The copy groups of `docs` (document id → its original's id), or undefined when a newer
   * request replaced this one before it was sent.
   */
  find(docs: readonly CopyDoc[]): Promise<Map<string, string> | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting?.resolve(undefined)
      this.waiting = { docs: [...docs], resolve, reject }
      this.next()
    })
  }

  /** Stops the worker; pending requests are answered undefined. */
  dispose(): void {
    this.worker?.terminate()
    this.worker = undefined
    this.running?.resolve(undefined)
    this.waiting?.resolve(undefined)
    this.running = this.waiting = undefined
  }

  private next(): void {
    if (this.running || !this.waiting) return
    const job = { ...this.waiting, seq: ++this.seq }
    this.waiting = undefined
    this.running = job
    const worker = this.startWorker()
    if (worker) worker.postMessage({ seq: job.seq, docs: job.docs })
    else this.runLocally(job)
  }

  private runLocally(job: Waiting & { seq: number }): void {
    this.local ??= this.makeLocal()
    this.local.find(job.docs).then(
      (pairs) => this.settle(job.seq, () => job.resolve(new Map(pairs))),
      (e: unknown) =>
        this.settle(job.seq, () => job.reject(e instanceof Error ? e : new Error(String(e)))),
    )
  }

  private settle(seq: number, answer: () => void): void {
    if (this.running?.seq !== seq) return
    this.running = undefined
    answer()
    this.next()
  }

  private startWorker(): CopiesWorkerLike | undefined {
    if (this.worker || !this.createWorker) return this.worker
    let worker: CopiesWorkerLike
    try {
      worker = this.createWorker()
    } catch {
      return undefined
    }
    worker.addEventListener('message', ({ data }) => {
      if (!isCopiesResponse(data)) return this.fail(worker)
      const job = this.running
      if (!job || job.seq !== data.seq) return
      if (data.ok) this.settle(data.seq, () => job.resolve(new Map(data.pairs)))
      else this.settle(data.seq, () => job.reject(new Error(data.error)))
    })
    worker.addEventListener('error', () => this.fail(worker))
    worker.addEventListener('messageerror', () => this.fail(worker))
    this.worker = worker
    return worker
  }

  /**
   * A worker that fails is dropped for good; its request, and later ones, run here (said on
   * the console: the answers stay right, but the texts are then read on the main thread).
   */
  private fail(worker: CopiesWorkerLike): void {
    if (this.worker !== worker) return
    console.error('The copies worker failed: near-identical copies are now found in the window.')
    worker.terminate()
    this.worker = undefined
    this.createWorker = null
    if (this.running) this.runLocally(this.running)
  }
}

let shared: CopiesClient | undefined

/** The window's one copies client. */
export function copiesClient(): CopiesClient {
  shared ??= new CopiesClient()
  return shared
}
