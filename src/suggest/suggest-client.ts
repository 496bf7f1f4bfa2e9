/**
 * The main-thread side of entity suggestions. `SuggestClient` starts the suggestion worker
 * on first use (so neither the worker nor compromise costs anything until the analyst asks
 * for suggestions), sends each request with a correlation id, checks every reply by shape
 * and checks that each suggestion's text is what its offsets select in the text sent, then
 * settles the caller's promise. A worker that fails is dropped, its pending requests are
 * rejected, and the next request starts a new one. `suggest()` is the one-line API over a
 * shared client. This module imports the recogniser's types only.
 */
import type { Suggestion } from './ner'
import { parseResponse, type SuggestErrorCode } from './suggest-protocol'

/** The part of a `Worker` the client uses (a fake in tests). */
export interface SuggestWorkerLike {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  addEventListener(type: 'error' | 'messageerror', listener: (event: unknown) => void): void
  terminate(): void
}

/** Options of `SuggestClient`. */
export interface SuggestClientOptions {
  /** Starts the worker; the real suggestion worker by default. */
  createWorker?: () => SuggestWorkerLike
  /** Told about messages that answer no request. */
  onError?: (error: Error) => void
}

/** A failure reported by the worker, of the worker itself, or of a reply's content. */
export class SuggestClientError extends Error {
  constructor(
    readonly code: SuggestErrorCode | 'WORKER_FAILED' | 'BAD_RESPONSE' | 'CLOSED',
    message: string,
  ) {
    super(message)
    this.name = 'SuggestClientError'
  }
}

interface Pending {
  text: string
  resolve: (value: Suggestion[]) => void
  reject: (error: Error) => void
}

function defaultWorker(): SuggestWorkerLike {
  return new Worker(new URL('./suggest.worker.ts', import.meta.url), {
    type: 'module',
    name: 'casefile-suggest',
  })
}

/** The UI's handle on the suggestion worker. */
export class SuggestClient {
  private worker: SuggestWorkerLike | null = null
  private pending = new Map<number, Pending>()
  private nextId = 1
  private readonly createWorker: () => SuggestWorkerLike
  private readonly onError: (error: Error) => void

  constructor(options: SuggestClientOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker
    this.onError = options.onError ?? ((error) => console.error(error))
  }

  /**
   * Entity and date suggestions for `text`, sorted by position, leaving out any whose text
   * is one of the `never` forms (compared case-insensitively).
   */
  suggest(text: string, never: readonly string[] = []): Promise<Suggestion[]> {
    const worker = this.ensureWorker()
    const id = this.nextId++
    return new Promise<Suggestion[]>((resolve, reject) => {
      this.pending.set(id, { text, resolve, reject })
      worker.postMessage({ id, type: 'suggest', text, never: [...never] })
    })
  }

  /** Stops the worker; requests still pending are rejected. */
  close(): void {
    this.worker?.terminate()
    this.worker = null
    this.failPending(new SuggestClientError('CLOSED', 'Suggestions were closed.'))
  }

  private ensureWorker(): SuggestWorkerLike {
    if (this.worker) return this.worker
    const worker = this.createWorker()
    worker.addEventListener('message', (event) => this.receive(event.data))
    const fail = (): void => {
      // The worker is gone or garbled a message: nothing pending will be answered.
      if (this.worker === worker) this.worker = null
      worker.terminate()
      this.failPending(new SuggestClientError('WORKER_FAILED', 'The suggestion worker stopped.'))
    }
    worker.addEventListener('error', fail)
    worker.addEventListener('messageerror', fail)
    this.worker = worker
    return worker
  }

  private receive(data: unknown): void {
    const response = parseResponse(data)
    if (!response || response.id === null) {
      this.onError(new Error('The suggestion worker sent a message that is not a reply.'))
      return
    }
    const pending = this.pending.get(response.id)
    if (!pending) return
    this.pending.delete(response.id)
    if (!response.ok) {
      pending.reject(new SuggestClientError(response.error.code, response.error.message))
      return
    }
    const { suggestions } = response.value
    // Annotations are anchored by these offsets: a suggestion that does not select its own
    // text in the document would anchor the analyst's tag to the wrong words.
    const misplaced = suggestions.find((s) => pending.text.slice(s.start, s.end) !== s.text)
    if (misplaced) {
      pending.reject(
        new SuggestClientError(
          'BAD_RESPONSE',
          `A suggestion does not match the text at ${misplaced.start}–${misplaced.end}.`,
        ),
      )
      return
    }
    pending.resolve(suggestions)
  }

  private failPending(error: Error): void {
    const pending = [...this.pending.values()]
    this.pending.clear()
    for (const p of pending) p.reject(error)
  }
}

let shared: SuggestClient | null = null

/**
 * Entity and date suggestions for a document's text, computed in the shared suggestion
 * worker (started on first use). `never` lists forms the analyst has rejected.
 */
export function suggest(text: string, never: readonly string[] = []): Promise<Suggestion[]> {
  shared ??= new SuggestClient()
  return shared.suggest(text, never)
}
