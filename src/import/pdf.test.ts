import { describe, expect, it } from 'vitest'
import {
  extractPdf,
  garbledShare,
  joinPages,
  linesFromRuns,
  paragraphsFromLines,
  type TextRun,
} from './pdf'
import { pdfjsDataUrls } from './pdfjs'
import { makeCjkPdf } from '../test/cjk-pdf'
import { fixtureBytes } from './test-support'

/** A run of `str` at (x, y) in a font of `size`, about 0.5 em per character wide. */
const run = (str: string, x: number, y: number, size = 11, hasEOL = false): TextRun => ({
  str,
  transform: [size, 0, 0, size, x, y],
  width: str.length * size * 0.5,
  height: size,
  hasEOL,
})
const eol = (y: number): TextRun => ({
  str: '',
  transform: [11, 0, 0, 11, 0, y],
  width: 0,
  height: 0,
  hasEOL: true,
})

/** Lines of body text 14pt apart, starting at y. */
const block = (lines: string[], y: number, size = 11, step = 14) =>
  lines.flatMap((l, i) => [run(l, 50, y - i * step, size), eol(y - i * step)])

const page = (runs: TextRun[]) => paragraphsFromLines(linesFromRuns(runs))

describe('linesFromRuns', () => {
  it('joins runs on one baseline, with a space where there is a gap', () => {
    const lines = linesFromRuns([
      run('Hello', 50, 700),
      run('world', 90, 700),
      run('!', 117.5, 700),
    ])
    expect(lines.map((l) => l.text)).toEqual(['Hello world!'])
  })

  it('starts a new line when the baseline moves or pdf.js marks the end of a line', () => {
    const lines = linesFromRuns([run('a', 50, 700, 11, true), run('b', 60, 700), run('c', 50, 686)])
    expect(lines.map((l) => l.text)).toEqual(['a', 'b', 'c'])
  })

  it('starts a new line when text goes back left on the same baseline (columns)', () => {
    const lines = linesFromRuns([run('right column', 300, 700), run('left', 50, 700)])
    expect(lines.map((l) => l.text)).toEqual(['right column', 'left'])
  })
})

describe('paragraphsFromLines', () => {
  it('splits paragraphs on a larger vertical gap and joins wrapped lines with spaces', () => {
    const long = 'x'.repeat(80)
    const text = page([
      ...block([`${long} one`, `${long} two`, 'end of first.'], 700),
      ...block([`${long} three`, 'end of second.'], 650),
    ])
    expect(text).toBe(`${long} one ${long} two end of first.\n\n${long} three end of second.`)
  })

  it('splits where the font size changes (a heading)', () => {
    const text = page([run('Heading', 50, 720, 16), eol(720), ...block(['Body text goes on'], 700)])
    expect(text).toBe('Heading\n\nBody text goes on')
  })

  it('ends a paragraph at a short line that ends in punctuation', () => {
    const full = 'y'.repeat(80)
    expect(page(block([full, 'short end.', full, full], 700))).toBe(
      `${full} short end.\n\n${full} ${full}`,
    )
  })

  it('joins a word broken by a line-end hyphen and drops the hyphen', () => {
    expect(joinPages([page(block(['new tech-', 'nology here'], 700))]).text).toBe(
      'new technology here',
    )
  })

  it('keeps the hyphen when the document writes the word hyphenated, and before capitals', () => {
    const text = joinPages([
      page(block(['a well-', 'known fact'], 700)),
      page(block(['is well-known; see Baden-', 'Baden and 2019-', 'later'], 700)),
    ]).text
    expect(text).toBe('a well-known fact\n\nis well-known; see Baden-Baden and 2019-later')
  })

  it('drops a lone page number at the foot or head of the page', () => {
    expect(page([...block(['Body text.'], 700), run('Page 3', 280, 40), eol(40)])).toBe(
      'Body text.',
    )
    expect(page([run('- 4 -', 280, 800), eol(800), ...block(['Body text.'], 700)])).toBe(
      'Body text.',
    )
    expect(page(block(['2025'], 700))).toBe('2025')
  })
})

describe('joinPages', () => {
  it('joins a word broken across pages and starts the page where its part of the word does', () => {
    const { text, pageStarts } = joinPages(['Page one ends in tech-', '', 'nology. Page three.'])
    expect(text).toBe('Page one ends in technology. Page three.')
    expect(pageStarts).toEqual([0, 21, 21])
    expect(text.slice(pageStarts[2])).toBe('nology. Page three.')
  })

  it('separates pages by a paragraph break and records where each starts', () => {
    expect(joinPages(['one', 'two'])).toEqual({ text: 'one\n\ntwo', pageStarts: [0, 5] })
  })

  it('places an empty page at the start of the next text, or at the end', () => {
    expect(joinPages(['', 'a', '', 'b', ''])).toEqual({
      text: 'a\n\nb',
      pageStarts: [0, 0, 3, 3, 4],
    })
  })
})

describe('extractPdf', () => {
  it('reads the text layer and the document info of the fixture', async () => {
    const doc = await extractPdf(fixtureBytes('good/crane-findings.pdf'))
    expect(doc).toMatchObject({
      title: 'Preliminary findings on the Varnholm crane collapse',
      author: 'Maritime Safety Division',
      language: 'en-GB',
      publishedAt: Date.UTC(2025, 2, 14, 13, 30),
      publishedPrecision: 'minute',
      warnings: [],
    })
    expect(doc.pageStarts).toHaveLength(2)
  })

  it('maps pdf.js failures to typed errors', async () => {
    await expect(extractPdf(fixtureBytes('bad/encrypted.pdf'))).rejects.toMatchObject({
      code: 'ENCRYPTED',
    })
    await expect(extractPdf(fixtureBytes('bad/truncated.pdf'))).rejects.toMatchObject({
      code: 'PARSE_FAILED',
    })
    await expect(extractPdf(fixtureBytes('bad/scanned.pdf'))).rejects.toMatchObject({
      code: 'NO_TEXT',
    })
  })
})

describe('garbledShare', () => {
  it('measures private-use and replacement characters among the visible ones', () => {
    expect(garbledShare('plain text')).toBe(0)
    expect(garbledShare('\uE001\uE002\uE003 a')).toBe(0.75)
    expect(garbledShare('\uFFFD\uFFFD ok')).toBe(0.5)
  })
})

describe('CJK PDFs', () => {
  it('reads text set in a CJK font with a predefined CMap (the CMap files are passed)', async () => {
    const doc = await extractPdf(await makeCjkPdf('日本語の報告書'))
    expect(doc.text).toBe('日本語の報告書')
  })

  it('passes pdf.js the CMap and standard-font locations', () => {
    const urls = pdfjsDataUrls()
    expect(urls.cMapPacked).toBe(true)
    expect(urls.cMapUrl).toMatch(/pdfjs-dist\/cmaps\/$/)
    expect(urls.standardFontDataUrl).toMatch(/pdfjs-dist\/standard_fonts\/$/)
  })
})

describe('cancelling a PDF', () => {
  it('stops with CANCELLED', async () => {
    const controller = new AbortController()
    const running = extractPdf(fixtureBytes('good/crane-findings.pdf'), {
      signal: controller.signal,
    })
    controller.abort()
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' })
  })
})
