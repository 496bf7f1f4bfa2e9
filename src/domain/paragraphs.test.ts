import { describe, expect, it } from 'vitest'
import { splitParagraphs } from './paragraphs'

describe('splitParagraphs', () => {
  it('keeps offsets into the original text', () => {
    const text = 'First para.\n\nSecond\nline two.\n\n\nThird.'
    const ps = splitParagraphs(text)
    expect(ps.map((p) => p.text)).toEqual(['First para.', 'Second\nline two.', 'Third.'])
    for (const p of ps) expect(text.slice(p.start, p.end)).toBe(p.text)
  })

  it('handles empty text and text without breaks', () => {
    expect(splitParagraphs('')).toEqual([])
    expect(splitParagraphs('one')).toEqual([{ start: 0, end: 3, text: 'one' }])
  })
})
