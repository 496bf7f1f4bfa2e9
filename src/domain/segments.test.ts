import { describe, expect, it } from 'vitest'
import { splitParagraphs } from './paragraphs'
import { segmentParagraphs } from './segments'

const TEXT = 'Iran fired missiles at Qatar.\n\nPutin met Araghchi in Moscow.'

describe('segmentParagraphs', () => {
  it('leaves untagged paragraphs whole', () => {
    const ps = splitParagraphs(TEXT)
    expect(segmentParagraphs(ps, [])).toEqual([
      [{ start: 0, end: 29, ids: [] }],
      [{ start: 31, end: 60, ids: [] }],
    ])
  })

  it('splits at every boundary of nested and overlapping tags, innermost first', () => {
    const ps = splitParagraphs(TEXT)
    const segs = segmentParagraphs(ps, [
      { id: 'sentence', start: 0, end: 29 },
      { id: 'iran', start: 0, end: 4 },
      { id: 'fired', start: 5, end: 19 },
      { id: 'overlap', start: 11, end: 28 },
    ])
    expect(segs[0]!.map((s) => [TEXT.slice(s.start, s.end), s.ids])).toEqual([
      ['Iran', ['iran', 'sentence']],
      [' ', ['sentence']],
      ['fired ', ['fired', 'sentence']],
      ['missiles', ['fired', 'overlap', 'sentence']],
      [' at Qatar', ['overlap', 'sentence']],
      ['.', ['sentence']],
    ])
  })

  it('carries a tag across a paragraph break and covers every character exactly once', () => {
    const ps = splitParagraphs(TEXT)
    const segs = segmentParagraphs(ps, [{ id: 'span', start: 23, end: 36 }])
    expect(segs[0]!.at(-1)).toEqual({ start: 23, end: 29, ids: ['span'] })
    expect(segs[1]![0]).toEqual({ start: 31, end: 36, ids: ['span'] })
    for (const [i, p] of ps.entries()) {
      expect(segs[i]!.map((s) => TEXT.slice(s.start, s.end)).join('')).toBe(p.text)
    }
  })

  it('ignores empty spans', () => {
    const ps = splitParagraphs(TEXT)
    expect(segmentParagraphs(ps, [{ id: 'x', start: 3, end: 3 }])[0]).toHaveLength(1)
  })
})
