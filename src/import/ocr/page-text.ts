/**
 * Turns what the OCR engine read into Casefile's normal text (normalise.ts) and keeps where
 * each word is. A page is paragraphs of lines of words: words are joined with a space,
 * lines of a paragraph with a space too (a hyphen between a letter at a line's end and a
 * lower-case letter starting the next is a typesetter's break and is removed, as the PDF
 * importer does), paragraphs with a blank line. Pages are joined like the PDF importer's
 * (a blank line between pages, `pageStarts` where each begins; an empty page starts where
 * the next text does), and a PDF's text-layer pages and OCR pages mix freely. The document's
 * OCR metadata is the mean word confidence of its OCR pages and the offsets of the words
 * below `LOW_CONFIDENCE`. Also here: the rule that decides which PDF pages need OCR.
 */
import { normaliseText } from '../normalise'

/** One word as the engine read it; `confidence` is 0–100. */
export interface OcrWord {
  text: string
  confidence: number
}

/** One page as the engine read it. */
export interface OcrPage {
  paragraphs: { lines: { words: OcrWord[] }[] }[]
}

/** A word's place in a page's text. */
export interface PlacedWord {
  start: number
  end: number
  confidence: number
}

/** One OCR page as normal text with its words' places. */
export interface PageText {
  text: string
  words: PlacedWord[]
  /** The page's first line (a scan's heading is often in one paragraph with its text). */
  firstLine?: string
}

/** Words read with less confidence than this (0–100) are marked as low-confidence. */
export const LOW_CONFIDENCE = 60

/**
 * A PDF page whose text layer has fewer visible characters than this, and that shows an
 * image, is read by OCR: a scan often carries a stray page number or a producer's stamp.
 */
export const MIN_TEXT_LAYER_CHARS = 20

/** Whether a PDF page is read by OCR (see `MIN_TEXT_LAYER_CHARS`). */
export function pageNeedsOcr(textLayer: string, hasImage: boolean): boolean {
  if (!hasImage) return false
  let visible = 0
  for (const ch of textLayer) {
    if (/\S/u.test(ch) && ++visible >= MIN_TEXT_LAYER_CHARS) return false
  }
  return true
}

function cleanWord(text: string): string {
  return normaliseText(text).replace(/\s+/gu, '')
}

function breaksWord(prev: string, next: string): boolean {
  return prev.endsWith('-') && /\p{L}/u.test(prev.slice(-2, -1)) && /^\p{Ll}/u.test(next)
}

/** One OCR page as normal text (see the module comment). */
export function pageTextFromOcr(page: OcrPage): PageText {
  let text = ''
  let firstLine: string | undefined
  const words: PlacedWord[] = []
  for (const paragraph of page.paragraphs) {
    for (const line of paragraph.lines) {
      const clean = line.words.map((w) => cleanWord(w.text)).filter(Boolean)
      if (clean.length && firstLine === undefined) firstLine = clean.join(' ')
    }
    const items = paragraph.lines.flatMap((line, l) =>
      line.words.flatMap((w, i) => {
        const clean = cleanWord(w.text)
        return clean ? [{ text: clean, confidence: w.confidence, lineStart: i === 0 && l > 0 }] : []
      }),
    )
    if (items.length === 0) continue
    if (text) text += '\n\n'
    items.forEach((item, i) => {
      const prev = words[words.length - 1]
      if (i > 0 && item.lineStart && prev && breaksWord(text.slice(prev.start), item.text)) {
        // "tech-" / "nology": the hyphen goes, the halves join.
        text = text.slice(0, -1)
        prev.end--
      } else if (i > 0) {
        text += ' '
      }
      words.push({
        start: text.length,
        end: text.length + item.text.length,
        confidence: item.confidence,
      })
      text += item.text
    })
  }
  return firstLine === undefined ? { text, words } : { text, words, firstLine }
}

/** A PDF page's text: from its text layer, or read by OCR. */
export type DocumentPage = { kind: 'text'; text: string } | { kind: 'ocr'; page: PageText }

/** A document put together from its pages, with its OCR figures. */
export interface AssembledText {
  text: string
  pageStarts: number[]
  /** 1-based numbers of the pages read by OCR. */
  ocrPages: number[]
  /** Mean word confidence of the OCR pages (0 when they hold no word). */
  confidence: number
  /** Flat [start, end) pairs of the low-confidence words. */
  lowConfidence: number[]
  /** The first line OCR read (a title when the file names none). */
  firstLine?: string
}

/** Joins pages (see the module comment). */
export function assemblePages(pages: DocumentPage[]): AssembledText {
  const parts: string[] = []
  let length = 0
  const starts: (number | undefined)[] = []
  const ocrPages: number[] = []
  const lowConfidence: number[] = []
  let sum = 0
  let count = 0
  pages.forEach((page, i) => {
    const text = page.kind === 'text' ? page.text : page.page.text
    if (page.kind === 'ocr') ocrPages.push(i + 1)
    if (!text) {
      starts.push(undefined)
      return
    }
    if (parts.length) {
      parts.push('\n\n')
      length += 2
    }
    starts.push(length)
    if (page.kind === 'ocr') {
      for (const w of page.page.words) {
        sum += w.confidence
        count++
        if (w.confidence < LOW_CONFIDENCE) lowConfidence.push(length + w.start, length + w.end)
      }
    }
    parts.push(text)
    length += text.length
  })
  const text = parts.join('')
  let next = text.length
  const pageStarts = new Array<number>(starts.length)
  for (let i = starts.length - 1; i >= 0; i--) {
    next = starts[i] ?? next
    pageStarts[i] = next
  }
  const confidence = count ? Math.round((sum / count) * 10) / 10 : 0
  const firstOcr = pages.find((p) => p.kind === 'ocr' && p.page.firstLine)
  const firstText = pages.find((p) => (p.kind === 'ocr' ? p.page.text : p.text))
  // A title from OCR only if the document's text starts with an OCR page.
  const firstLine =
    firstOcr === firstText && firstOcr?.kind === 'ocr' ? firstOcr.page.firstLine : undefined
  // Offsets hold only while the text is already in normal form (it is, but for combining
  // marks at a word's start that NFC could join across a space): never point at wrong words.
  const normal = normaliseText(text) === text
  return {
    text: normal ? text : normaliseText(text),
    pageStarts,
    ocrPages,
    confidence,
    lowConfidence: normal ? lowConfidence : [],
    ...(firstLine ? { firstLine } : {}),
  }
}
