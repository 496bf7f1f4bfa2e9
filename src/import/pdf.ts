/**
 * The PDF importer (pdf.js, loaded lazily by `pdfjs.ts`; `isEvalSupported: false` as the
 * security posture requires). A PDF holds positioned runs of text, not paragraphs, so each
 * page is rebuilt: runs on one baseline form a line (pdf.js marks line ends with `hasEOL`);
 * lines form a paragraph until the vertical step grows beyond the page's usual line spacing,
 * the font size changes (a heading), the text jumps up (a new column) or a short line ends
 * in punctuation (the last line of a paragraph). Lines of a paragraph are joined with a
 * space, or without one after a hyphen — the hyphen is kept, since "well-known" and
 * "inspec-tion" cannot be told apart safely. A lone page number at the top or bottom of a
 * page is dropped. Pages are separated by a paragraph break and `pageStarts` records where
 * each begins; a page without text starts where the next text does.
 */
import type { ParsedDocument } from './extract-types'
import { ImportFailure } from './extract-types'
import { applyLabels, applyPublished, authorName, normaliseLanguage } from './metadata'
import { cleanLabel, normaliseText } from './normalise'
import { loadPdfjs } from './pdfjs'

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
      } else if (x - cur.x1 > size * 0.15 && !/\s$/.test(cur.text) && !/^\s/.test(run.str)) {
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
  const texts = paragraphs.map((p) =>
    p.reduce((acc, l) => {
      const t = l.text.trim()
      if (!acc) return t
      return /\S-$/.test(acc) ? acc + t : `${acc} ${t}`
    }, ''),
  )
  const isNumber = (i: number) => paragraphs[i]!.length === 1 && PAGE_NUMBER.test(texts[i]!.trim())
  if (texts.length > 1 && isNumber(texts.length - 1)) texts.pop()
  if (texts.length > 1 && isNumber(0)) texts.shift()
  return normaliseText(texts.join('\n\n'))
}

/** Joins page texts and records where each page starts (see the module comment). */
export function joinPages(pages: string[]): { text: string; pageStarts: number[] } {
  let text = ''
  const starts: (number | undefined)[] = []
  for (const page of pages) {
    if (!page) {
      starts.push(undefined)
      continue
    }
    if (text) text += '\n\n'
    starts.push(text.length)
    text += page
  }
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

/** Extracts the text layer and document info of a PDF. */
export async function extractPdf(bytes: Uint8Array): Promise<ParsedDocument> {
  const pdfjs = await loadPdfjs()
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    enableXfa: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  })
  const pages: string[] = []
  let info: Record<string, unknown>
  try {
    const pdf = await task.promise
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n)
      const content = await page.getTextContent()
      const runs: TextRun[] = content.items.flatMap((item) => ('str' in item ? [item] : []))
      pages.push(paragraphsFromLines(linesFromRuns(runs)))
      page.cleanup()
    }
    // Damaged metadata should not cost the text.
    info = ((await pdf.getMetadata().catch(() => undefined))?.info ?? {}) as Record<string, unknown>
  } catch (error) {
    throw pdfFailure(error)
  } finally {
    await task.destroy()
  }
  const empty = pages.flatMap((p, i) => (p ? [] : [i + 1]))
  if (empty.length === pages.length) {
    throw new ImportFailure(
      'NO_TEXT',
      'This PDF has no text layer — probably a scanned document. OCR is not supported: run OCR in another program, then import the result.',
    )
  }
  const { text, pageStarts } = joinPages(pages)
  const doc: ParsedDocument = { title: pdfTitle(info.Title), text, pageStarts, warnings: [] }
  if (empty.length) {
    doc.warnings.push(
      `${listPages(empty)} no text (scanned images?); OCR is not supported, so their content is missing.`,
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
