/**
 * A time index over a list of dated things (the map's events), built once, so that a
 * time-window change finds what overlaps the window by binary search instead of testing every
 * item: the items sorted by start, with the running maximum of how far each reaches (its end,
 * or its start for an instant). Items that start after the window cannot overlap it, nor can
 * those before the first whose running reach gets to the window's start; only the items
 * between are tested. The overlap rule is `overlapsWindow`'s (graph-model.ts), which the
 * timeline and the graph use: the window's ends are inclusive, a span's end is exclusive.
 */
import { overlapsWindow } from '../graph-model'
import type { TimeValue } from '../types'

/** The index (see the module comment). */
export interface TimeIndex {
  /** Positions in the indexed list of the dated items, by start. */
  order: Int32Array
  /** Their starts, in that order. */
  starts: Float64Array
  /** The largest reach (end, or start for an instant) of the items up to each position. */
  reach: Float64Array
  /** The items' times, by position in the indexed list (undefined: undated). */
  whens: readonly (TimeValue | undefined)[]
}

/**
 * Indexes `whens` (one per item; undefined for an undated item, which no window shows). The
 * items are put in order by start (ties in list order) without a comparator: their starts are
 * sorted as a typed array (a native numeric sort), and each item then takes the next free
 * position of its start — linear after the sort, where a comparator over 10,000 records' times
 * was the costliest step of the map's model on its first draw.
 */
export function buildTimeIndex(whens: readonly (TimeValue | undefined)[]): TimeIndex {
  const n = whens.length
  const datedAt = new Int32Array(n)
  const keys = new Float64Array(n)
  let count = 0
  for (let i = 0; i < n; i++) {
    const w = whens[i]
    if (w && Number.isFinite(w.start)) {
      datedAt[count] = i
      keys[count++] = w.start
    }
  }
  const starts = keys.slice(0, count).sort()
  // The first position of each start (Map keys: -0 is 0, as the comparison was).
  const free = new Map<number, number>()
  for (let k = count - 1; k >= 0; k--) free.set(starts[k]!, k)
  const order = new Int32Array(count)
  for (let j = 0; j < count; j++) {
    const k = free.get(keys[j]!)!
    order[k] = datedAt[j]!
    free.set(keys[j]!, k + 1)
  }
  const reach = new Float64Array(count)
  let most = -Infinity
  for (let k = 0; k < count; k++) {
    const w = whens[order[k]!]!
    most = Math.max(most, w.start, w.end ?? w.start)
    reach[k] = most
  }
  return { order, starts, reach, whens }
}

/** The first position in the sorted `list` whose value passes `ok` (which turns true once). */
function firstWhere(list: Float64Array, ok: (v: number) => boolean): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (ok(list[mid]!)) hi = mid
    else lo = mid + 1
  }
  return lo
}

/**
 * The stretch `[lo, hi)` of the sorted order that can overlap `window` — the only items
 * `indexesInWindow` tests: nothing before `lo` reaches the window's start, nothing from `hi`
 * on starts before its end.
 */
export function candidateRange(
  index: TimeIndex,
  window: { start: number; end: number },
): [number, number] {
  const lo = firstWhere(index.reach, (r) => r >= window.start)
  const hi = firstWhere(index.starts, (s) => s > window.end)
  return [lo, Math.max(lo, hi)]
}

/**
 * The positions (in the indexed list, ascending) of the items that overlap `window`, as
 * `overlapsWindow` decides; undated items never do.
 */
export function indexesInWindow(
  index: TimeIndex,
  window: { start: number; end: number },
): Int32Array {
  const [lo, hi] = candidateRange(index, window)
  const found = new Int32Array(hi - lo)
  let n = 0
  for (let k = lo; k < hi; k++) {
    const i = index.order[k]!
    if (overlapsWindow(index.whens[i]!, window)) found[n++] = i
  }
  return found.subarray(0, n).sort()
}
