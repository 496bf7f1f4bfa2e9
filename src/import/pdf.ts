/**
 * The PDF importer (pdf.js, loaded lazily by `pdfjs.ts`; `isEvalSupported: false` as the
 * security posture requires). A PDF holds positioned runs of text, not paragraphs, so each
 * page is rebuilt: runs on one baseline form a line (pdf.js marks line ends with `hasEOL`);
 * lines form a paragraph until the vertical step grows beyond the page's usual line spacing,
 * the font size changes (a heading), the text jumps up (a new column) or a short line ends
 * in punctuation (the last line of a paragraph). Lines of a paragraph are joined with a
 * space, or without one after a hyphen. A hyphen between a letter at a line's end and a
 * lower-case letter starting the next line ("tech-" / "nology", also across a page break) is
 * a typesetter's break and is removed, unless the document itself writes the hyphenated
 * form elsewhere and never the joined one ("well-known"): the document is its own
 * dictionary. A lone page number at the top or bottom of a page is dropped. Pages are
 * separated by a paragraph break and `pageStarts` records where each begins (a word broken
 * across pages is joined, and the next page starts where its part of the word does); a page
 * without text starts where the next text does. A text layer that is mostly private-use or
 * replacement characters (fonts without a ToUnicode map) is flagged in the warnings.
 *
 * Scans: a page with (almost) no text layer that shows an image (`pageNeedsOcr`) is read by
 * OCR when the caller passes `ocr` (ocr/ — rendered and read in the OCR worker), and so is
 * every page when `ocr.force` is set (Re-run OCR). Its text takes the page's place, and the
 * document records which pages were read so, with what confidence (`ParsedDocument.ocr`).
 */
import type { ParsedDocument } from './extract-types'
import { cancelledFailure, ImportFailure } from './extract-types'
import { parsePublished } from './dates'
import { applyLabels, applyPublished, authorName, normaliseLanguage } from './metadata'
import { cleanLabel, normaliseText } from './normalise'
import { OCR_ENGINE_NAME } from './ocr/engine'
import { assemblePages, pageNeedsOcr, type DocumentPage, type PageText } from './ocr/page-text'
import { loadPdfjs, pdfjsDataUrls } from './pdfjs'

/** A positioned run of text, as pdf.js's `getTextContent` reports it. */
export interface TextRun {
  str: string
  /** The text matrix [a, b, c, d, e, f]: e, f is the baseline origin. */
  transform: number[]
  width: number
  height: number
  hasEOL: boolean
}

/** One rebuilt line of a page. */
export interface PageLine {
  text: string
  x0: number
  x1: number
  /** Baseline; larger is higher on the page. */
  y: number
  /** Font size. */
  size: number
}

/** Groups the runs of a page into lines, in content order. */
export function linesFromRuns(runs: TextRun[]): PageLine[] {
  const lines: PageLine[] = []
  let cur: PageLine | undefined
  const end = () => {
    if (cur && cur.text.trim()) lines.push(cur)
    cur = undefined
  }
  for (const run of runs) {
    const [, , c = 0, d = 0, x = 0, y = 0] = run.transform
    const size = run.height || Math.hypot(c, d)
    if (run.str !== '') {
      if (cur && Math.abs(y - cur.y) > Math.max(size, cur.size) * 0.5) end()
      // Back to the left on the same baseline: a second column or a table cell.
      if (cur && x < cur.x1 - Math.max(size, cur.size)) end()
      if (!cur) {
        cur = { text: '', x0: x, x1: x, y, size }
      } else if (
        x - cur.x1 > size * 0.15 &&
        !/\s/.test(cur.text[cur.text.length - 1] ?? ' ') &&
        !/^\s/.test(run.str)
      ) {
        cur.text += ' '
      }
      cur.text += run.str
      cur.x1 = Math.max(cur.x1, x + run.width)
      cur.size = Math.max(cur.size, size)
    }
    if (run.hasEOL) end()
  }
  end()
  return lines
}

/**
 * Marks where a line-break hyphen was taken out, until `resolveSoftBreaks` decides whether
 * the word keeps it. A Unicode noncharacter: never part of real text.
 */
export const SOFT_BREAK = '\uFDD0'

/** Checked on the last two characters only: a `$`-anchored pattern scans the whole string. */
function endsWithBreakHyphen(text: string): boolean {
  return text[text.length - 1] === '-' && /\p{L}/u.test(text.slice(-2, -1))
}

function startsLowerCase(text: string): boolean {
  return /^\p{Ll}/u.test(text)
}

const WORDS = /[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*/gu

/** Marks where a page starts inside `joinPages` while soft breaks are resolved. */
const PAGE_MARK = '\uFDD1'

/**
 * Decides each line-break hyphen in `text` (see the module comment): the joined word,
 * unless the document writes the hyphenated form elsewhere and never the joined one. A
 * page mark may stand between the break and the rest of the word.
 */
export function resolveSoftBreaks(text: string): string {
  if (!text.includes(SOFT_BREAK)) return text
  const vocabulary = new Set<string>()
  for (const w of text.matchAll(WORDS)) vocabulary.add(w[0].toLowerCase())
  const around = /([\p{L}\p{M}]*)\uFDD0(\uFDD1?)([\p{L}\p{M}]*)/gu
  return text.replace(around, (_, left: string, mark: string, right: string) => {
    const keep =
      vocabulary.has(`${left}-${right}`.toLowerCase()) &&
      !vocabulary.has(`${left}${right}`.toLowerCase())
    return `${left}${keep ? '-' : ''}${mark}${right}`
  })
}

/** Share of a text's non-space characters that are private-use, U+FFFD or controls. */
export function garbledShare(text: string): number {
  let shown = 0
  let bad = 0
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) continue
    shown++
    if (
      c < 0x20 ||
      (c >= 0x7f && c < 0xa0) ||
      (c >= 0xe000 && c <= 0xf8ff) ||
      c >= 0xf0000 ||
      c === 0xfffd
    )
      bad++
  }
  return shown === 0 ? 0 : bad / shown
}

/** A page whose text layer is more than this share garbled is flagged. */
export const GARBLED_SHARE = 0.3

const PAGE_NUMBER = /^(?:page\s+)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$/i

/** Groups the lines of a page into paragraphs (see the module comment) as normalised text. */
export function paragraphsFromLines(lines: PageLine[]): string {
  if (lines.length === 0) return ''
  const steps = lines
    .slice(1)
    .map((l, i) => lines[i]!.y - l.y)
    .filter((s, i) => s > Math.max(lines[i]!.size, lines[i + 1]!.size) * 0.5)
    .sort((a, b) => a - b)
  // The usual line spacing: a low quantile, so that paragraph gaps do not count.
  const leading = steps.length ? steps[Math.floor((steps.length - 1) / 4)]! : undefined
  const left = Math.min(...lines.map((l) => l.x0))
  const right = Math.max(...lines.map((l) => l.x1))
  const paragraphs: PageLine[][] = [[lines[0]!]]
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!
    const line = lines[i]!
    const step = prev.y - line.y
    const size = Math.max(prev.size, line.size)
    const shortEnd =
      prev.x1 < right - (right - left) * 0.15 && /[.!?:;"”’)\]]$/.test(prev.text.trim())
    const breaks =
      step <= size * 0.5 ||
      step > (leading ?? size * 1.2) * 1.35 ||
      step > size * 2.5 ||
      Math.abs(prev.size - line.size) > size * 0.2 ||
      shortEnd
    if (breaks) paragraphs.push([line])
    else paragraphs[paragraphs.length - 1]!.push(line)
  }
  // Built from parts: slicing the end off a growing string would copy it at every line.
  const texts = paragraphs.map((p) => {
    const parts: string[] = []
    for (const l of p) {
      const t = l.text.trim()
      const prev = parts[parts.length - 1]
      if (prev !== undefined) {
        if (endsWithBreakHyphen(prev) && startsLowerCase(t)) {
          parts[parts.length - 1] = prev.slice(0, -1) + SOFT_BREAK
        } else if (!(prev.endsWith('-') && /\S/.test(prev.slice(-2, -1)))) {
          parts.push(' ')
        }
      }
      parts.push(t)
    }
    return parts.join('')
  })
  const isNumber = (i: number) => paragraphs[i]!.length === 1 && PAGE_NUMBER.test(texts[i]!.trim())
  if (texts.length > 1 && isNumber(texts.length - 1)) texts.pop()
  if (texts.length > 1 && isNumber(0)) texts.shift()
  return normaliseText(texts.join('\n\n'))
}

/**
 * Joins page texts and records where each page starts (see the module comment). A word
 * broken by a hyphen at the end of one page and finished at the start of the next is joined
 * (by the rule of `resolveSoftBreaks`), and that page starts where its part of the word does.
 */
export function joinPages(pages: string[]): { text: string; pageStarts: number[] } {
  const parts: string[] = []
  let last = ''
  for (const page of pages) {
    if (!page) continue
    if (endsWithBreakHyphen(last) && startsLowerCase(page)) {
      parts[parts.length - 1] = last.slice(0, -1) + SOFT_BREAK
    } else if (parts.length) {
      parts.push('\n\n')
    }
    parts.push(PAGE_MARK, page)
    last = page
  }
  const marked = resolveSoftBreaks(parts.join(''))
  let text = ''
  const found: number[] = []
  let from = 0
  for (let at = marked.indexOf(PAGE_MARK); at !== -1; at = marked.indexOf(PAGE_MARK, from)) {
    text += marked.slice(from, at)
    found.push(text.length)
    from = at + 1
  }
  text += marked.slice(from)
  let k = 0
  const starts = pages.map((page) => (page ? found[k++] : undefined))
  let next = text.length
  const pageStarts = new Array<number>(starts.length)
  for (let i = starts.length - 1; i >= 0; i--) {
    next = starts[i] ?? next
    pageStarts[i] = next
  }
  return { text, pageStarts }
}

function listPages(pages: number[]): string {
  return pages.length === 1 ? `Page ${pages[0]} has` : `Pages ${pages.join(', ')} have`
}

/** A PDF's Title entry unless it is a file name or a placeholder. */
function pdfTitle(value: unknown): string {
  const title = cleanLabel(typeof value === 'string' ? value : '').replace(/^Microsoft Word - /, '')
  if (/\.(?:docx?|pdf|txt|rtf|odt|pages|indd|qxp)$/i.test(title) || /^untitled\b/i.test(title))
    return ''
  return title
}

function pdfFailure(error: unknown): ImportFailure {
  const name = (error as { name?: unknown } | null)?.name
  if (name === 'PasswordException') {
    return new ImportFailure(
      'ENCRYPTED',
      'This PDF is protected by a password. Open it with the password in a PDF reader, save an unprotected copy (for example with “Print to PDF”) and import that.',
    )
  }
  if (name === 'InvalidPDFException') {
    return new ImportFailure(
      'PARSE_FAILED',
      'This PDF is damaged or incomplete (perhaps a download that did not finish) and cannot be read. Download or export it again.',
    )
  }
  const detail = error instanceof Error ? error.message : String(error)
  return new ImportFailure(
    'PARSE_FAILED',
    `This PDF could not be read (${detail}). It may be damaged: try downloading or exporting it again.`,
  )
}

/** How `extractPdf` has pages read by OCR. */
export interface PdfOcr {
  /** Reads the given 1-based pages by OCR; one text per page, in order. */
  read(pages: number[]): Promise<PageText[]>
  /** The languages it reads with (recorded on the document). */
  languages: string[]
  /** Read every page by OCR, text layer or not (Re-run OCR). */
  force?: boolean
}

/** Options of `extractPdf`. */
export interface PdfOptions {
  /** Stops the extraction (between pages, and by destroying pdf.js's task) as CANCELLED. */
  signal?: AbortSignal
  /** Reads scanned pages by OCR; without it they stay empty (and are reported). */
  ocr?: PdfOcr
}

/** A mean OCR confidence below this gets a warning to check the text. */
export const LOW_MEAN_CONFIDENCE = 50

/** The warning for text read with low mean confidence. */
export function lowConfidenceWarning(confidence: number): string {
  return `OCR read this text with low confidence (${Math.round(confidence)} %): the scan may be rotated, blurred, faint or noisy, or in another language. Check it against the original; Re-run OCR with another language may help.`
}

/** Extracts the text layer and document info of a PDF. */
export async function extractPdf(
  bytes: Uint8Array,
  options: PdfOptions = {},
): Promise<ParsedDocument> {
  const { signal } = options
  if (signal?.aborted) throw cancelledFailure()
  const pdfjs = await loadPdfjs()
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    enableXfa: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    ...pdfjsDataUrls(),
  })
  // Cancel stops pdf.js at once, whatever page it is on; the loop below then sees the signal.
  const stop = () => void task.destroy()
  signal?.addEventListener('abort', stop, { once: true })
  const pages: string[] = []
  const garbled: number[] = []
  const scanned: number[] = []
  const imageOps = new Set(
    [
      'paintImageXObject',
      'paintInlineImageXObject',
      'paintImageMaskXObject',
      'paintImageXObjectRepeat',
      'paintInlineImageXObjectGroup',
      'paintImageMaskXObjectGroup',
      'paintImageMaskXObjectRepeat',
    ].map((name) => (pdfjs.OPS as Record<string, number>)[name]),
  )
  let info: Record<string, unknown>
  try {
    const pdf = await task.promise
    for (let n = 1; n <= pdf.numPages; n++) {
      if (signal?.aborted) throw cancelledFailure()
      const page = await pdf.getPage(n)
      const content = await page.getTextContent()
      const runs: TextRun[] = content.items.flatMap((item) => ('str' in item ? [item] : []))
      const layer = runs.map((r) => r.str).join('')
      if (garbledShare(layer) > GARBLED_SHARE) garbled.push(n)
      pages.push(paragraphsFromLines(linesFromRuns(runs)))
      if (options.ocr?.force) {
        scanned.push(n)
      } else if (options.ocr && pageNeedsOcr(layer, true)) {
        // Few characters: read by OCR only if the page shows an image.
        const ops = await page.getOperatorList()
        if (
          pageNeedsOcr(
            layer,
            ops.fnArray.some((fn) => imageOps.has(fn)),
          )
        )
          scanned.push(n)
      }
      page.cleanup()
    }
    // Damaged metadata should not cost the text.
    info = ((await pdf.getMetadata().catch(() => undefined))?.info ?? {}) as Record<string, unknown>
  } catch (error) {
    if (signal?.aborted) throw cancelledFailure()
    throw error instanceof ImportFailure ? error : pdfFailure(error)
  } finally {
    signal?.removeEventListener('abort', stop)
    await task.destroy()
  }
  if (options.ocr && scanned.length) {
    return withOcr(pages, scanned, garbled, info, await options.ocr.read(scanned), options.ocr)
  }
  const empty = pages.flatMap((p, i) => (p ? [] : [i + 1]))
  if (empty.length === pages.length) {
    throw new ImportFailure(
      'NO_TEXT',
      'This PDF has no text layer: its pages are blank, or scanned images that were not read by OCR. If it is a scan, import it again to read it with OCR.',
    )
  }
  const { text, pageStarts } = joinPages(pages)
  const doc: ParsedDocument = { title: pdfTitle(info.Title), text, pageStarts, warnings: [] }
  if (garbled.length) {
    doc.warnings.push(
      `${listPages(garbled)} a garbled text layer: its fonts do not say which letters their glyphs are, so the text is mostly unreadable symbols. Re-run OCR on this document to read its pages as images.`,
    )
  }
  if (empty.length) {
    doc.warnings.push(
      `${listPages(empty)} no text (blank, or a scan that was not read by OCR), so their content is missing.`,
    )
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
  applyLabels(doc, {
    author: authorName(str(info.Author)),
    language: normaliseLanguage(str(info.Language)),
  })
  applyPublished(doc, [str(info.CreationDate)])
  return doc
}

/** The document of a PDF some of whose pages were read by OCR. */
function withOcr(
  layers: string[],
  scanned: number[],
  garbled: number[],
  info: Record<string, unknown>,
  read: PageText[],
  ocr: PdfOcr,
): ParsedDocument {
  const byPage = new Map(scanned.map((n, i) => [n, read[i]!]))
  const pages: DocumentPage[] = layers.map((layer, i) => {
    const page = byPage.get(i + 1)
    return page ? { kind: 'ocr', page } : { kind: 'text', text: resolveSoftBreaks(layer) }
  })
  const assembled = assemblePages(pages)
  if (!assembled.text) {
    throw new ImportFailure(
      'NO_TEXT',
      'OCR found no text in this PDF: its pages are blank, or too faint or noisy to read. Scan it again at 300 dpi in black and white or greyscale and import it again.',
    )
  }
  const doc: ParsedDocument = {
    title: pdfTitle(info.Title) || (assembled.firstLine ?? ''),
    text: assembled.text,
    pageStarts: assembled.pageStarts,
    warnings: [],
    ocr: {
      engine: OCR_ENGINE_NAME,
      languages: [...ocr.languages],
      pages: assembled.ocrPages,
      confidence: assembled.confidence,
      lowConfidence: assembled.lowConfidence,
    },
  }
  const stillGarbled = garbled.filter((n) => !byPage.has(n))
  if (stillGarbled.length) {
    doc.warnings.push(
      `${listPages(stillGarbled)} a garbled text layer: its fonts do not say which letters their glyphs are, so the text is mostly unreadable symbols.`,
    )
  }
  const blank = pages.flatMap((p, i) => ((p.kind === 'ocr' ? p.page.text : p.text) ? [] : [i + 1]))
  if (blank.length) doc.warnings.push(`${listPages(blank)} no text, even read by OCR (blank?).`)
  if (assembled.confidence < LOW_MEAN_CONFIDENCE)
    doc.warnings.push(lowConfidenceWarning(assembled.confidence))
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
  applyLabels(doc, {
    author: authorName(str(info.Author)),
    language: normaliseLanguage(str(info.Language)),
  })
  // A scan's CreationDate is when it was scanned, not when it was published: taken as the
  // publication date, it would silently anchor every "yesterday" of the text to the scan day.
  const created = parsePublished(str(info.CreationDate))
  doc.warnings.push(scanDateWarning(created?.at))
  return doc
}

/**
 * The warning of a PDF read by OCR: no publication date was found, and its file date (the
 * CreationDate, when it has one: a scan's is the day it was scanned) was not taken as one.
 */
export function scanDateWarning(createdAt: number | undefined): string {
  const fileDate =
    createdAt === undefined
      ? ''
      : ` The file's own date (${new Date(createdAt).toISOString().slice(0, 10)}) is when it was scanned or saved, not when it was published, so it is not used.`
  return `No publication date found.${fileDate} If the text gives it, set it with Edit details, so that relative dates ("yesterday") resolve.`
}
