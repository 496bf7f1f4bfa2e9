/**
 * Places the names of a figure's nodes so that no name's box overlaps another name's box or
 * any node's disc: the printed actor graph (`features/graph/export/graph-svg.ts`) used to put
 * every name under its disc whatever was there, and names ran over each other and over
 * neighbouring nodes. Each name tries, in order, the spots around its own disc — below, above,
 * right, left — then the same spots one, two, … name-heights further out and shifted sideways
 * (a nudge), then a grid of spots further out, nearest first (the figure then draws a leader
 * line), and takes the first spot that is free and inside the bounds. Names are placed in
 * the order given, so the result is deterministic; occupied space is kept in a uniform grid,
 * so each try looks only at its neighbourhood (about linear in the number of names for figures
 * whose names are not all piled on one spot). When no spot is free the name takes its first
 * spot and the result says so (`ok` false): the caller then makes the figure taller and tries
 * again rather than shrinking the text. Pure TypeScript, no DOM.
 */
import { estimateTextWidth } from './figure-kit'

/** A node's disc (a location's square counts as the disc around it). */
export interface LabelDisc {
  x: number
  y: number
  r: number
}

/** An axis-aligned box in px. */
export interface LabelBox {
  left: number
  top: number
  right: number
  bottom: number
}

/** Of a name's box height, the part above the baseline (DejaVu Sans ascent ≈ 0.93 em). */
export const LABEL_ASCENT = 0.95
/** A name's box height per px of font size (ascent plus descent, 0.24 em, rounded up). */
export const LABEL_LINE = 1.2
/** Room left between a name and a disc or another name, px. */
export const LABEL_GAP = 2
/** How many rings of nudges are tried beyond the four spots next to the disc. */
const NUDGE_RINGS = 6
/** How far, in name heights beyond the disc, a hemmed-in name may go (with a leader line). */
export const LEADER_REACH = 14
const CELL = 48

/** The box size in px of `text` at `fontSize` px, with room for its white halo. */
export function labelBoxSize(text: string, fontSize: number): { width: number; height: number } {
  return { width: estimateTextWidth(text, fontSize) + 3, height: fontSize * LABEL_LINE }
}

/** Whether two boxes overlap (touching edges do not). */
export function boxesOverlap(a: LabelBox, b: LabelBox): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
}

/** Whether `box` comes closer than `gap` to the disc (0 gap: whether they overlap). */
export function boxHitsDisc(box: LabelBox, disc: LabelDisc, gap = 0): boolean {
  const dx = Math.max(box.left - disc.x, 0, disc.x - box.right)
  const dy = Math.max(box.top - disc.y, 0, disc.y - box.bottom)
  const reach = disc.r + gap
  return dx * dx + dy * dy < reach * reach
}

class Grid<T> {
  private cells = new Map<string, T[]>()
  add(box: LabelBox, item: T): void {
    for (const key of this.keys(box)) {
      const list = this.cells.get(key)
      if (list) list.push(item)
      else this.cells.set(key, [item])
    }
  }
  near(box: LabelBox): Set<T> {
    const out = new Set<T>()
    for (const key of this.keys(box)) for (const item of this.cells.get(key) ?? []) out.add(item)
    return out
  }
  private keys(box: LabelBox): string[] {
    const keys: string[] = []
    const x0 = Math.floor(box.left / CELL)
    const x1 = Math.floor(box.right / CELL)
    const y0 = Math.floor(box.top / CELL)
    const y1 = Math.floor(box.bottom / CELL)
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) keys.push(`${x},${y}`)
    return keys
  }
}

/** The spots tried for a `w` × `h` name of `disc`, best first (see the module comment). */
function candidates(disc: LabelDisc, w: number, h: number): LabelBox[] {
  const out: LabelBox[] = []
  const at = (left: number, top: number) =>
    out.push({ left, top, right: left + w, bottom: top + h })
  const g = LABEL_GAP
  for (let ring = 0; ring <= NUDGE_RINGS; ring++) {
    const d = ring * (h + g)
    const shifts = ring === 0 ? [0] : [0, -w / 2 - g, w / 2 + g]
    for (const s of shifts) {
      at(disc.x - w / 2 + s, disc.y + disc.r + g + d) // below
      at(disc.x - w / 2 + s, disc.y - disc.r - g - h - d) // above
    }
    const side = ring * (w / 2 + g)
    const lifts = ring === 0 ? [0] : [0, -(h + g), h + g]
    for (const s of lifts) {
      at(disc.x + disc.r + g + side, disc.y - h / 2 + s) // right
      at(disc.x - disc.r - g - w - side, disc.y - h / 2 + s) // left
    }
  }
  return out
}

/**
 * Spots further out, for a name whose disc is hemmed in: a grid of half-name steps around the
 * disc up to `LEADER_REACH` name heights away, nearest first (ties in a fixed order). The
 * figure draws a thin leader line from the disc to a name placed this far.
 */
function farSpots(disc: LabelDisc, w: number, h: number): LabelBox[] {
  const stepX = (w + LABEL_GAP) / 2
  const stepY = (h + LABEL_GAP) / 2
  const reach = LEADER_REACH * h + disc.r
  const nx = Math.ceil(reach / stepX)
  const ny = Math.ceil(reach / stepY)
  const spots: { box: LabelBox; distance: number; order: number }[] = []
  for (let i = -nx; i <= nx; i++) {
    for (let j = -ny; j <= ny; j++) {
      const cx = disc.x + i * stepX
      const cy = disc.y + j * stepY
      const box = { left: cx - w / 2, top: cy - h / 2, right: cx + w / 2, bottom: cy + h / 2 }
      const dx = Math.max(box.left - disc.x, 0, disc.x - box.right)
      const dy = Math.max(box.top - disc.y, 0, disc.y - box.bottom)
      const distance = Math.hypot(dx, dy)
      if (distance <= reach) spots.push({ box, distance, order: spots.length })
    }
  }
  spots.sort((a, b) => a.distance - b.distance || a.order - b.order)
  return spots.map((s) => s.box)
}

function inside(box: LabelBox, bounds: LabelBox): boolean {
  return (
    box.left >= bounds.left &&
    box.right <= bounds.right &&
    box.top >= bounds.top &&
    box.bottom <= bounds.bottom
  )
}

/**
 * Boxes for names of the given sizes, one per disc (`sizes[i]` names `discs[i]`), inside
 * `bounds`, overlapping no other name and no disc (see the module comment). `ok` is false when
 * some name found no free spot; `unplaced` counts them.
 */
export function placeLabels(
  discs: LabelDisc[],
  sizes: { width: number; height: number }[],
  bounds: LabelBox,
): { boxes: LabelBox[]; ok: boolean; unplaced: number } {
  const discGrid = new Grid<LabelDisc>()
  for (const d of discs) {
    discGrid.add({ left: d.x - d.r, top: d.y - d.r, right: d.x + d.r, bottom: d.y + d.r }, d)
  }
  const labelGrid = new Grid<LabelBox>()
  const boxes: LabelBox[] = []
  let unplaced = 0
  discs.forEach((disc, i) => {
    const { width, height } = sizes[i] ?? { width: 0, height: 0 }
    const tries = candidates(disc, width, height)
    const isFree = (box: LabelBox) => {
      if (!inside(box, bounds)) return false
      const padded = {
        left: box.left - LABEL_GAP,
        top: box.top - LABEL_GAP,
        right: box.right + LABEL_GAP,
        bottom: box.bottom + LABEL_GAP,
      }
      for (const d of discGrid.near(padded)) if (boxHitsDisc(box, d, LABEL_GAP)) return false
      for (const other of labelGrid.near(padded)) if (boxesOverlap(padded, other)) return false
      return true
    }
    const free = tries.find(isFree) ?? farSpots(disc, width, height).find(isFree)
    if (!free) unplaced++
    const box = free ?? (tries[0] as LabelBox)
    boxes.push(box)
    labelGrid.add(box, box)
  })
  return { boxes, ok: unplaced === 0, unplaced }
}
