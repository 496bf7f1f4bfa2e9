/**
 * Messages between the window and the copies worker: a request names the documents (no
 * texts: the worker reads them from the store itself) and carries a sequence number; the
 * answer carries the same number and the copy pairs, or an error's message.
 */
import type { CopyDoc } from './copy-finder'

/** A request for the copy groups of `docs`. */
export interface CopiesRequest {
  seq: number
  docs: CopyDoc[]
}

/** The answer to request `seq`. */
export type CopiesResponse =
  { seq: number; ok: true; pairs: [string, string][] } | { seq: number; ok: false; error: string }

/** True when `data` has the shape of a `CopiesResponse`. */
export function isCopiesResponse(data: unknown): data is CopiesResponse {
  if (typeof data !== 'object' || data === null) return false
  const d = data as Record<string, unknown>
  if (typeof d.seq !== 'number') return false
  if (d.ok === true)
    return (
      Array.isArray(d.pairs) &&
      d.pairs.every(
        (p: unknown) =>
          Array.isArray(p) && p.length === 2 && p.every((x: unknown) => typeof x === 'string'),
      )
    )
  return d.ok === false && typeof d.error === 'string'
}
