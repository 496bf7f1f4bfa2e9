/**
 * Cuts a document's paragraphs into runs of text covered by the same set of tags, so that
 * the reader can draw overlapping and nested highlights as flat spans. One sweep over the
 * sorted tag boundaries: O((paragraphs + tags) · log tags), fine for thousands of tags.
 */
import type { Paragraph } from './paragraphs'

export interface Span {
  id: string
  start: number
  end: number
}

export interface Segment {
  start: number
  end: number
  /** Ids of the tags covering this run, shortest tag first (the innermost draws on top). */
  ids: string[]
}

/** For each paragraph (by index), its segments; plain paragraphs get one segment with no ids. */
export function segmentParagraphs(paragraphs: Paragraph[], spans: Span[]): Segment[][] {
  const valid = spans.filter((s) => s.end > s.start)
  const length = new Map(valid.map((s) => [s.id, s.end - s.start]))
  const points = new Set<number>()
  for (const s of valid) {
    points.add(s.start)
    points.add(s.end)
  }
  const opens = new Map<number, string[]>()
  const closes = new Map<number, string[]>()
  for (const s of valid) {
    ;(opens.get(s.start) ?? opens.set(s.start, []).get(s.start)!).push(s.id)
    ;(closes.get(s.end) ?? closes.set(s.end, []).get(s.end)!).push(s.id)
  }
  const sorted = [...points].sort((a, b) => a - b)
  const active = new Set<string>()
  let k = 0 // next boundary to process
  const out: Segment[][] = []
  const order = (ids: Iterable<string>) =>
    [...ids].sort((a, b) => length.get(a)! - length.get(b)! || a.localeCompare(b))

  for (const p of paragraphs) {
    // Apply every boundary at or before the paragraph start.
    while (k < sorted.length && sorted[k]! <= p.start) {
      const at = sorted[k++]!
      closes.get(at)?.forEach((id) => active.delete(id))
      opens.get(at)?.forEach((id) => active.add(id))
    }
    const segs: Segment[] = []
    let from = p.start
    let ids = order(active)
    while (k < sorted.length && sorted[k]! < p.end) {
      const at = sorted[k++]!
      if (at > from) segs.push({ start: from, end: at, ids })
      closes.get(at)?.forEach((id) => active.delete(id))
      opens.get(at)?.forEach((id) => active.add(id))
      from = at
      ids = order(active)
    }
    if (p.end > from) segs.push({ start: from, end: p.end, ids })
    out.push(segs)
  }
  return out
}
