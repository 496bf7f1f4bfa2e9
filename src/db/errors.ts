/**
 * Store errors the UI can explain. IndexedDB reports a full disk as `QuotaExceededError`,
 * and inside a transaction often as an `AbortError` whose `inner` error is the quota one
 * (Dexie wraps it), so both shapes are recognised.
 */

export type StoreErrorCode =
  | 'QUOTA_EXCEEDED'
  | 'NOT_FOUND'
  | 'INVALID'
  | 'CONFLICT'
  | 'STORE_FAILED'
  /** The document's text is no longer the one an anchor was made on (see `stale-anchor.ts`). */
  | 'STALE_ANCHOR'

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message)
    this.name = 'StoreError'
  }
}

function nameOf(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'name' in e
    ? String((e as { name: unknown }).name)
    : undefined
}

/** True when `e` (or the error it wraps) says the storage quota is exhausted. */
export function isQuotaError(e: unknown): boolean {
  let cur: unknown = e
  for (let depth = 0; cur && depth < 5; depth++) {
    if (nameOf(cur) === 'QuotaExceededError') return true
    const next =
      (cur as { inner?: unknown }).inner ?? (cur as { cause?: unknown }).cause ?? undefined
    cur = next
  }
  return false
}

export const QUOTA_MESSAGE =
  'The disk has no room left for Casefile’s data, so nothing was saved. Free some disk space ' +
  '(or delete a case you no longer need) and try again.'

/** Turns any error thrown by a store write into a StoreError with a message for people. */
export function toStoreError(e: unknown, what: string): StoreError {
  if (e instanceof StoreError) return e
  if (isQuotaError(e)) return new StoreError('QUOTA_EXCEEDED', QUOTA_MESSAGE, e)
  const detail = e instanceof Error ? e.message : String(e)
  return new StoreError('STORE_FAILED', `Could not ${what}: ${detail}`, e)
}

/** Runs a store write and rethrows its failure as a StoreError. */
export async function guardWrite<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (e) {
    throw toStoreError(e, what)
  }
}
