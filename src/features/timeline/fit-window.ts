/**
 * The time window that shows every item of the timeline with its whole label: vis-timeline
 * draws a point's label to the right of its dot and a range's from its start, in pixels that
 * do not shrink with the zoom, so a window fitted to the items' times alone leaves the
 * newest labels cut at the right edge. `fitWindow` solves for the widest zoom (pixels per
 * millisecond) at which every label ends inside the panel, with a margin on both sides.
 * Pure arithmetic on measured label widths: the pane measures them (`labelWidth`).
 */

/** One thing to fit: its start and end (ms) and the width of its label on screen (px). */
export interface FitItem {
  start: number
  /** Exclusive end of a range or band; a point has none. */
  end?: number
  /** Pixels its label takes right of `start` (0 for an unlabelled band). */
  label: number
}

/** Options of `fitWindow`. */
export interface FitOptions {
  /** Width of the panel the items are drawn in, px. */
  width: number
  /** Room left free at both edges, px (default 24). */
  margin?: number
  /** The narrowest window, ms (default a day): one event is not shown at minute scale. */
  minSpan?: number
  /**
   * A label is counted at most this share of the room between the margins (default 0.6):
   * a longer one is cut with an ellipsis on screen anyway, and would otherwise squeeze
   * every other event into a corner.
   */
  maxLabelShare?: number
}

const DAY = 86_400_000

/**
 * The window `{ start, end }` (ms) in which every item, label included, lies at least
 * `margin` px inside both edges of a panel `width` px wide, as zoomed in as that allows
 * (never narrower than `minSpan`). Undefined when there is nothing to fit.
 */
export function fitWindow(
  items: readonly FitItem[],
  options: FitOptions,
): { start: number; end: number } | undefined {
  if (!items.length) return undefined
  const margin = options.margin ?? 24
  const room = Math.max(1, options.width - 2 * margin)
  const maxLabel = room * (options.maxLabelShare ?? 0.6)
  const minSpan = options.minSpan ?? DAY
  let first = Infinity
  for (const item of items) first = Math.min(first, item.start)
  // px per ms: a window of exactly `minSpan` across the room at most.
  let k = room / minSpan
  for (const item of items) {
    const label = Math.min(Math.max(0, item.label), maxLabel)
    const from = item.start - first
    if (from > 0) k = Math.min(k, (room - label) / from)
    const to = (item.end ?? item.start) - first
    if (to > 0) k = Math.min(k, room / to)
  }
  const start = first - margin / k
  return { start: Math.round(start), end: Math.round(start + options.width / k) }
}
