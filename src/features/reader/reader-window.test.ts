import { describe, expect, it } from 'vitest'
import { splitParagraphs } from '../../domain/paragraphs'
import {
  blockAt,
  blocksIn,
  estimateHeight,
  makeBlocks,
  plan,
  tops,
  type TextMetrics,
} from './reader-window'

/** `n` paragraphs of `size` letters each, separated by blank lines. */
function text(n: number, size: number): string {
  return Array.from({ length: n }, (_, i) => String.fromCharCode(97 + (i % 26)).repeat(size)).join(
    '\n\n',
  )
}

describe('makeBlocks', () => {
  it('groups whole paragraphs until each block holds the target number of characters', () => {
    const paragraphs = splitParagraphs(text(10, 300))
    const blocks = makeBlocks(paragraphs, 1000)
    expect(blocks.map((b) => [b.first, b.end])).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ])
    expect(blocks[0]!.start).toBe(0)
    expect(blocks[0]!.stop).toBe(paragraphs[3]!.end)
    expect(blocks[2]!.stop).toBe(paragraphs[9]!.end)
  })

  it('covers every paragraph once, in order, and gives a long paragraph a block of its own', () => {
    const paragraphs = splitParagraphs(
      ['a'.repeat(50), 'b'.repeat(5000), 'c'.repeat(50)].join('\n\n'),
    )
    const blocks = makeBlocks(paragraphs, 1000)
    expect(blocks.map((b) => [b.first, b.end])).toEqual([
      [0, 2],
      [2, 3],
    ])
    expect(makeBlocks([], 1000)).toEqual([])
  })
})

describe('blockAt', () => {
  const paragraphs = splitParagraphs(text(10, 300))
  const blocks = makeBlocks(paragraphs, 1000)

  it('finds the block holding an offset, including its first and last characters', () => {
    expect(blockAt(blocks, 0)).toBe(0)
    expect(blockAt(blocks, blocks[0]!.stop - 1)).toBe(0)
    expect(blockAt(blocks, blocks[1]!.start)).toBe(1)
    expect(blockAt(blocks, blocks[2]!.stop - 1)).toBe(2)
  })

  it('gives the blank lines between blocks to the block after them, and the end to the last', () => {
    expect(blockAt(blocks, blocks[0]!.stop)).toBe(1)
    expect(blockAt(blocks, blocks[0]!.stop + 1)).toBe(1)
    expect(blockAt(blocks, 1e9)).toBe(2)
    expect(blockAt([], 5)).toBe(-1)
  })
})

describe('estimateHeight', () => {
  const m: TextMetrics = { charsPerLine: 100, lineHeight: 20, paragraphGap: 10 }

  it('counts wrapped lines per paragraph and a gap below each', () => {
    // 250 characters → 3 lines; 100 → 1 line; 1 → 1 line.
    const paragraphs = splitParagraphs(['x'.repeat(250), 'y'.repeat(100), 'z'].join('\n\n'))
    const [block] = makeBlocks(paragraphs, 1e6)
    expect(estimateHeight(paragraphs, block!, m)).toBe((3 + 1 + 1) * 20 + 3 * 10)
  })

  it('starts a new line at each line break inside a paragraph', () => {
    const paragraphs = splitParagraphs('one\ntwo\nthree')
    const [block] = makeBlocks(paragraphs, 1e6)
    expect(estimateHeight(paragraphs, block!, m)).toBe(3 * 20 + 10)
  })
})

describe('tops and blocksIn', () => {
  const starts = tops([100, 200, 300, 400])

  it('sums heights into where each block begins, and the total', () => {
    expect(starts).toEqual([0, 100, 300, 600, 1000])
  })

  it('finds the blocks that meet a band, edges included', () => {
    expect(blocksIn(starts, 0, 50)).toEqual([0, 0])
    expect(blocksIn(starts, 50, 150)).toEqual([0, 1])
    expect(blocksIn(starts, 100, 300)).toEqual([1, 1])
    expect(blocksIn(starts, 299, 601)).toEqual([1, 3])
  })

  it('clamps a band above or below the text to its first or last block', () => {
    expect(blocksIn(starts, -500, -100)).toEqual([0, 0])
    expect(blocksIn(starts, 5000, 6000)).toEqual([3, 3])
    expect(blocksIn(tops([]), 0, 100)).toEqual([0, -1])
  })
})

describe('plan', () => {
  const starts = tops([10, 20, 30, 40, 50, 60])

  it('draws the window and stands a gap of their total height in for the rest', () => {
    expect(plan(6, [2, 3], [], starts)).toEqual([
      { kind: 'gap', from: 0, to: 2, height: 30 },
      { kind: 'block', index: 2 },
      { kind: 'block', index: 3 },
      { kind: 'gap', from: 4, to: 6, height: 110 },
    ])
  })

  it('also draws the blocks it must keep, in order, with gaps between', () => {
    expect(plan(6, [0, 0], [5, 3, 3], starts)).toEqual([
      { kind: 'block', index: 0 },
      { kind: 'gap', from: 1, to: 3, height: 50 },
      { kind: 'block', index: 3 },
      { kind: 'gap', from: 4, to: 5, height: 50 },
      { kind: 'block', index: 5 },
    ])
  })

  it('keeps the total height of the text whatever is drawn', () => {
    for (const [window, keep] of [
      [[0, 5], []],
      [[1, 1], [4]],
      [[5, 5], [0]],
    ] as [[number, number], number[]][]) {
      const total = plan(6, window, keep, starts).reduce(
        (sum, item) =>
          sum + (item.kind === 'gap' ? item.height : starts[item.index + 1]! - starts[item.index]!),
        0,
      )
      expect(total).toBe(210)
    }
  })

  it('ignores indexes outside the text', () => {
    expect(plan(2, [-3, 9], [7, -1], tops([5, 5]))).toEqual([
      { kind: 'block', index: 0 },
      { kind: 'block', index: 1 },
    ])
  })
})
