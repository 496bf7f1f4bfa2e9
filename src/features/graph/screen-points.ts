/**
 * Where the actor graph's nodes (and edge middles) are drawn on screen, for the hidden list
 * that gives the keyboard and tests the same targets as the canvas. They are measured again
 * after every drawing; most drawings (a filter, the time window) move nothing, and handing
 * the list 2,000 new point objects re-rendered every entry. `keepUnchanged` keeps the
 * measurement of last time where nothing moved, so that React skips what did not change.
 */

/** Where a node or an edge's middle is drawn, in client pixels (`r`: a node's radius). */
export interface ScreenPoint {
  x: number
  y: number
  r?: number
}

function samePoint(a: ScreenPoint, b: ScreenPoint): boolean {
  return a.x === b.x && a.y === b.y && a.r === b.r
}

/**
 * `next`, with each point equal to `previous`'s for the same key replaced by that object;
 * `previous` itself when both hold the same keys and points (nothing to render again).
 */
export function keepUnchanged(
  previous: ReadonlyMap<string, ScreenPoint>,
  next: Map<string, ScreenPoint>,
): ReadonlyMap<string, ScreenPoint> {
  let same = previous.size === next.size
  for (const [key, point] of next) {
    const was = previous.get(key)
    if (was && samePoint(was, point)) next.set(key, was)
    else same = false
  }
  return same ? previous : next
}
