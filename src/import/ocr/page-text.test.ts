import { describe, expect, it } from 'vitest'
import { normaliseText } from '../normalise'
import {
  assemblePages,
  LOW_CONFIDENCE,
  MIN_TEXT_LAYER_CHARS,
  pageNeedsOcr,
  pageTextFromOcr,
  type OcrPage,
} from './page-text'

/** A page of paragraphs of lines of "word:confidence" tokens. */
function page(...paragraphs: string[][]): OcrPage {
  return {
    paragraphs: paragraphs.map((lines) => ({
      lines: lines.map((line) => ({
        words: line.split(' ').map((token) => {
          const [text, conf] = token.split(':')
          return { text: text!, confidence: Number(conf ?? 95) }
        }),
      })),
    })),
  }
}

describe('pageNeedsOcr: which PDF pages are read by OCR', () => {
  it(`reads a page with an image and fewer than ${MIN_TEXT_LAYER_CHARS} visible characters`, () => {
    expect(pageNeedsOcr('', true)).toBe(true)
    expect(pageNeedsOcr('  Page 3  \n', true)).toBe(true)
    expect(pageNeedsOcr('x'.repeat(MIN_TEXT_LAYER_CHARS - 1), true)).toBe(true)
  })

  it('keeps a usable text layer, and never reads a page without an image', () => {
    expect(pageNeedsOcr('x'.repeat(MIN_TEXT_LAYER_CHARS), true)).toBe(false)
    expect(pageNeedsOcr('The harbour closed on Monday.', true)).toBe(false)
    expect(pageNeedsOcr('', false)).toBe(false)
    // Spaces do not count as text.
    expect(pageNeedsOcr(`${'a '.repeat(MIN_TEXT_LAYER_CHARS - 1)}`, true)).toBe(true)
  })
})

describe('pageTextFromOcr', () => {
  it('joins words and lines with spaces, paragraphs with a blank line, in normal form', () => {
    const out = pageTextFromOcr(page(['The harbour', 'closed.'], ['Ships  waited:40']))
    expect(out.text).toBe('The harbour closed.\n\nShips waited')
    expect(normaliseText(out.text)).toBe(out.text)
    expect(out.words.map((w) => out.text.slice(w.start, w.end))).toEqual([
      'The',
      'harbour',
      'closed.',
      'Ships',
      'waited',
    ])
    expect(out.words.at(-1)?.confidence).toBe(40)
    expect(out.firstLine).toBe('The harbour')
  })

  it('removes a line-break hyphen before a lower-case letter, and keeps the others', () => {
    const out = pageTextFromOcr(page(['a tech-', 'nology of', 'Anglo-', 'Saxon']))
    expect(out.text).toBe('a technology of Anglo- Saxon')
    expect(out.words.map((w) => out.text.slice(w.start, w.end))).toEqual([
      'a',
      'tech',
      'nology',
      'of',
      'Anglo-',
      'Saxon',
    ])
  })

  it('gives an empty text for a blank page and drops empty words', () => {
    expect(pageTextFromOcr(page())).toEqual({ text: '', words: [] })
    expect(
      pageTextFromOcr({ paragraphs: [{ lines: [{ words: [{ text: ' ', confidence: 0 }] }] }] }),
    ).toEqual({ text: '', words: [] })
  })
})

describe('assemblePages', () => {
  it('mixes text-layer and OCR pages, keeps the page mapping and the OCR figures', () => {
    const ocr = pageTextFromOcr(page([`Scanned words:${LOW_CONFIDENCE - 10} here:90`]))
    const out = assemblePages([
      { kind: 'text', text: 'Typed page.' },
      { kind: 'ocr', page: ocr },
      { kind: 'ocr', page: pageTextFromOcr(page()) },
      { kind: 'text', text: 'Last page.' },
    ])
    expect(out.text).toBe('Typed page.\n\nScanned words here\n\nLast page.')
    expect(out.pageStarts).toEqual([0, 13, 33, 33])
    expect(out.text.slice(out.pageStarts[1]!, out.pageStarts[1]! + 7)).toBe('Scanned')
    expect(out.ocrPages).toEqual([2, 3])
    // Mean of the OCR words only: (95 + 50 + 90) / 3.
    expect(out.confidence).toBeCloseTo(78.3, 1)
    const [start, end] = out.lowConfidence
    expect(out.lowConfidence).toHaveLength(2)
    expect(out.text.slice(start, end)).toBe('words')
    // The document starts with a typed page: its first OCR line is no title.
    expect(out.firstLine).toBeUndefined()
    expect(assemblePages([{ kind: 'ocr', page: ocr }]).firstLine).toBe('Scanned words here')
  })

  it('reports no confidence for pages without words', () => {
    const out = assemblePages([{ kind: 'ocr', page: pageTextFromOcr(page()) }])
    expect(out).toMatchObject({ text: '', confidence: 0, lowConfidence: [], ocrPages: [1] })
  })
})
