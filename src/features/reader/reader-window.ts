/**
 * The windowing maths of the reader: a long document is cut into blocks of whole paragraphs,
 * and only the blocks near the viewport (plus any the reader must keep, such as the block of
 * a passage another pane asked to show, or the ends of the analyst's selection) are drawn.
 * The others are stood in for by gaps of their measured height, or of an estimate from their
 * length until they have been drawn once. Pure functions, no DOM: the component
 * (ReaderText.tsx) measures and scrolls; this decides what to draw and how tall gaps are.
 */
import type { Paragraph } from '../../domain/paragraphs'

/** A run of whole paragraphs drawn (or skipped) together. */
export interface Block {
  /** Index of its first paragraph. */
  first: number
  /** Index after its last paragraph. */
  end: number
  /** Offset of its first character in the document text. */
  start: number
  /** Offset after its last character. */
  stop: number
}

/** About this many characters of text per block: a few screens of prose. */
export const BLOCK_CHARS = 4000

/**
 * Cuts `paragraphs` into blocks of whole paragraphs, each closed once it holds at least
 * `target` characters (a paragraph longer than that is a block of its own).
 */
export function makeBlocks(paragraphs: Paragraph[], target = BLOCK_CHARS): Block[] {
  const blocks: Block[] = []
  let first = 0
  let chars = 0
  for (let i = 0; i < paragraphs.length; i++) {
    chars += paragraphs[i]!.end - paragraphs[i]!.start
    if (chars >= target || i === paragraphs.length - 1) {
      blocks.push({
        first,
        end: i + 1,
        start: paragraphs[first]!.start,
        stop: paragraphs[i]!.end,
      })
      first = i + 1
      chars = 0
    }
  }
  return blocks
}

/**
 * The index of the block that holds text offset `offset`; an offset between two blocks (in
 * the blank lines between paragraphs) belongs to the block after it, and one past the end to
 * the last block. -1 when there are no blocks.
 */
export function blockAt(blocks: Block[], offset: number): number {
  let lo = 0
  let hi = blocks.length - 1
  if (hi < 0) return -1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (blocks[mid]!.stop <= offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** What the estimate of a block's height needs to know of the page. */
export interface TextMetrics {
  /** Characters that fit on one line of the text column. */
  charsPerLine: number
  /** Height of one line, px. */
  lineHeight: number
  /** Space a paragraph adds below its last line, px. */
  paragraphGap: number
}

/** Metrics for when nothing could be measured (no layout, as in jsdom). */
export const DEFAULT_METRICS: TextMetrics = { charsPerLine: 80, lineHeight: 24, paragraphGap: 16 }

/**
 * Estimates a block's height from its paragraphs' lengths: each paragraph takes its length
 * over the line's capacity in lines (at least one), plus the gap below it. Line breaks inside
 * a paragraph (pre-wrap) start a new line.
 */
export function estimateHeight(paragraphs: Paragraph[], block: Block, m: TextMetrics): number {
  const perLine = Math.max(1, m.charsPerLine)
  let lines = 0
  for (let i = block.first; i < block.end; i++) {
    const text = paragraphs[i]!.text
    let from = 0
    for (let nl = text.indexOf('\n'); ; nl = text.indexOf('\n', from)) {
      const to = nl < 0 ? text.length : nl
      lines += Math.max(1, Math.ceil((to - from) / perLine))
      if (nl < 0) break
      from = nl + 1
    }
  }
  return lines * m.lineHeight + (block.end - block.first) * m.paragraphGap
}

/** Running sums of `heights`: `tops[i]` is where block i begins, `tops[n]` the total. */
export function tops(heights: number[]): number[] {
  const out = new Array<number>(heights.length + 1)
  out[0] = 0
  for (let i = 0; i < heights.length; i++) out[i + 1] = out[i]! + heights[i]!
  return out
}

/**
 * The blocks that meet the band [from, to) (px from the top of the text), as [first, last]
 * inclusive; the band is clamped to the text. [0, -1] when there are no blocks.
 */
export function blocksIn(starts: number[], from: number, to: number): [number, number] {
  const n = starts.length - 1
  if (n <= 0) return [0, -1]
  const total = starts[n]!
  const a = Math.min(Math.max(0, from), total)
  const b = Math.max(a, Math.min(to, total))
  // The last block that begins at or before a, and the last that begins before b.
  const find = (y: number, strict: boolean) => {
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (strict ? starts[mid]! < y : starts[mid]! <= y) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  const first = find(a, false)
  return [first, Math.max(first, find(b, true))]
}

/** One item of what the reader draws: a block, or a gap standing in for blocks [from, to). */
export type PlanItem =
  { kind: 'block'; index: number } | { kind: 'gap'; from: number; to: number; height: number }

/**
 * What to draw for `count` blocks: every block in `window` ([first, last] inclusive) and every
 * index in `keep`, in order, with one gap (the sum of the skipped blocks' heights, from
 * `starts` as made by `tops`) for each run of blocks left out.
 */
export function plan(
  count: number,
  window: [number, number],
  keep: Iterable<number>,
  starts: number[],
): PlanItem[] {
  const drawn = new Set<number>()
  for (let i = Math.max(0, window[0]); i <= Math.min(count - 1, window[1]); i++) drawn.add(i)
  for (const i of keep) if (i >= 0 && i < count) drawn.add(i)
  const order = [...drawn].sort((a, b) => a - b)
  const out: PlanItem[] = []
  let next = 0
  const gap = (from: number, to: number) => {
    if (to > from) out.push({ kind: 'gap', from, to, height: starts[to]! - starts[from]! })
  }
  for (const index of order) {
    gap(next, index)
    out.push({ kind: 'block', index })
    next = index + 1
  }
  gap(next, count)
  return out
}
