/**
 * The per-file extraction stage of the import pipeline (CONVENTIONS.md habit 8): size cap
 * (before reading) → read → empty check → sniff the real type and reconcile it with the
 * extension (sniff.ts) → decode text formats (decode.ts) → parse with the format's importer
 * → normalise (normalise.ts) → SHA-256 of the text. Decoding and parsing run off the main
 * thread (off-main.ts in the import worker — web pages and Word documents always; PDFs in
 * pdf.js's worker), so no file can hold the window. An abort signal stops any stage
 * and the file is reported CANCELLED. It produces an `ExtractedDocument` or a
 * typed `ImportError`, never throws, and stores nothing: the store step (import-batch.ts)
 * dedupes by hash and writes in one transaction. The format modules and their libraries are
 * loaded on first use so that none of them weighs on the app's first paint.
 *
 * Scans (ocr/): images (PNG, JPEG, WebP) and the pages of a PDF without a usable text layer
 * are read by OCR in the OCR worker, in the languages `ocr.languages` chooses for the file
 * (asked once a file needs OCR; guessed from its name by default), with progress per page.
 * `ocr: false` turns it off.
 */
import { formatBytes } from '../domain/format'
import type { ImporterName, OcrInfo } from '../domain/types'
import type { SourceFile } from '../platform/platform'
import {
  cancelledFailure,
  ImportFailure,
  throwIfCancelled,
  type ImportError,
  type ParsedDocument,
} from './extract-types'
import { IMPORTER_VERSIONS } from './importer-versions'
import { detectLanguage } from './language-detect'
import { guessOcrLanguages, validOcrLanguages } from './ocr/languages'
import type { OcrProgress } from './ocr/run'
import { cleanLabel, fileExtension, fileStem, firstLineTitle, sha256Hex } from './normalise'
import { chooseImporter, describeImportable, MIME_BY_IMPORTER, sniffContent } from './sniff'
import { loadOnce } from './load-once'

// Loaded once, not through an import() per file (see load-once.ts).
const workerClientModule = loadOnce(() => import('./worker-client'))
const pdfModule = loadOnce(() => import('./pdf'))
const imageModule = loadOnce(() => import('./ocr/image'))

export type { ImportError, ImportErrorCode } from './extract-types'

/** A document extracted from one file, ready for the store step. */
export interface ExtractedDocument {
  title: string
  author?: string
  publisher?: string
  url?: string
  /** Publication time in ms since the epoch; day precision is midnight UTC of the day. */
  publishedAt?: number
  publishedPrecision?: 'day' | 'minute'
  /** BCP 47 language tag. */
  language?: string
  /** Normalised plain text: paragraphs separated by one blank line. */
  text: string
  /** Lower-case hex SHA-256 of the UTF-8 bytes of `text`. */
  textHash: string
  /** MIME type of what the file really is (not what its name says). */
  mime: string
  fileName: string
  fileSize: number
  importer: ImporterName
  importerVersion: string
  /** Offset in `text` where each page starts (PDF only). */
  pageStarts?: number[]
  /** What the analyst should check about this import; empty when nothing. */
  warnings: string[]
  /** Present when (part of) the text was read by OCR. */
  ocr?: OcrInfo
}

/** How scans are read by OCR during an import. */
export interface OcrOptions {
  /**
   * The OCR languages (tesseract codes) for a file that needs OCR, asked only then; by
   * default guessed from the file name (ocr/languages.ts).
   */
  languages?: (fileName: string) => string[] | Promise<string[]>
  /** Told before each page is read. */
  onProgress?: (progress: OcrProgress) => void
  /** Read every page of a PDF by OCR, text layer or not (Re-run OCR). */
  force?: boolean
  /** Time limits (tests); the defaults are in ocr/run.ts. */
  startTimeoutMs?: number
  pageTimeoutMs?: number
}

/** The result of extracting one file. */
export type ExtractOutcome =
  { ok: true; doc: ExtractedDocument } | { ok: false; error: ImportError }

/** Files larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

/** Extensions the import dialog offers; other files are refused or sniffed (see sniff.ts). */
export const SUPPORTED_EXTENSIONS = [
  'txt',
  'md',
  'markdown',
  'html',
  'htm',
  'pdf',
  'docx',
  'png',
  'jpg',
  'jpeg',
  'webp',
]

/** What the import's file picker accepts, in words (see `describeImportable`). */
export const IMPORTABLE_KINDS = describeImportable(SUPPORTED_EXTENSIONS)

/** An Electron helper may flag a file it knows is too large to read at all. */
type MaybeTooLarge = SourceFile & { tooLarge?: boolean }

const NO_TEXT: Record<ImporterName, string> = {
  text: 'This file contains no text.',
  markdown: 'This Markdown file has no text besides its metadata.',
  html: 'This page has no readable text (only scripts, styles, forms or images).',
  pdf: 'This PDF has no text layer.',
  docx: 'This Word document has no text (perhaps only images). Save its images as PNG to import them with OCR.',
  image:
    'OCR found no text in this image: it is blank, or too faint, small or noisy to read. Scan it again at 300 dpi and import it again.',
}

function tooLarge(size: number, max: number): ImportFailure {
  return new ImportFailure(
    'TOO_LARGE',
    `This file is ${formatBytes(size)}; Casefile imports files of up to ${formatBytes(max)}. Split it, or save only the part you need, and import that.`,
  )
}

/** Reads an image, or a PDF's pages, by OCR in the OCR worker. */
async function ocrReader(
  kind: 'image' | 'pdf',
  bytes: Uint8Array,
  languages: string[],
  ocr: OcrOptions,
  signal: AbortSignal | undefined,
) {
  const [{ runOcrOffMain }, { ocrAssetPaths }, { pdfjsDataUrls }] = await Promise.all([
    import('./ocr/ocr-client'),
    import('./ocr/ocr-assets'),
    import('./pdfjs'),
  ])
  return (pages?: number[]) =>
    runOcrOffMain(
      {
        kind,
        bytes,
        pages,
        languages,
        paths: ocrAssetPaths(languages),
        pdfjsData: kind === 'pdf' ? pdfjsDataUrls() : undefined,
        startTimeoutMs: ocr.startTimeoutMs,
        pageTimeoutMs: ocr.pageTimeoutMs,
      },
      { signal, onProgress: ocr.onProgress },
    )
}

async function chooseLanguages(fileName: string, ocr: OcrOptions): Promise<string[]> {
  return validOcrLanguages(await (ocr.languages ?? ((name) => guessOcrLanguages(name)))(fileName))
}

async function parse(
  importer: ImporterName,
  bytes: Uint8Array,
  warnings: string[],
  signal: AbortSignal | undefined,
  fileName: string,
  ocr: OcrOptions | false,
): Promise<ParsedDocument & { textHash?: string }> {
  if (importer === 'image') {
    if (!ocr) throw new ImportFailure('UNSUPPORTED_TYPE', 'Images are read only with OCR.')
    const languages = await chooseLanguages(fileName, ocr)
    const read = await ocrReader('image', bytes, languages, ocr, signal)
    return (await imageModule()).imageDocument(await read(), languages)
  }
  if (importer === 'pdf') {
    if (!ocr) return (await pdfModule()).extractPdf(bytes, { signal })
    // pdf.js takes ownership of the bytes it parses; the OCR worker needs its own copy.
    const copy = bytes.slice()
    return (await pdfModule()).extractPdf(bytes, {
      signal,
      ocr: {
        force: ocr.force,
        languages: [],
        async read(pages) {
          const languages = await chooseLanguages(fileName, ocr)
          this.languages = languages
          return (await ocrReader('pdf', copy, languages, ocr, signal))(pages)
        },
      },
    })
  }
  const { runOffMain } = await workerClientModule()
  const result = await runOffMain({ importer, bytes }, { signal })
  warnings.push(...result.warnings)
  return { ...result.doc, textHash: result.textHash }
}

async function extract(
  file: MaybeTooLarge,
  maxBytes: number,
  signal: AbortSignal | undefined,
  ocr: OcrOptions | false,
): Promise<ExtractedDocument> {
  if (file.tooLarge === true || file.size > maxBytes) throw tooLarge(file.size, maxBytes)
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await file.read())
  } catch (error) {
    if (signal?.aborted) throw cancelledFailure()
    const detail = error instanceof Error ? error.message : String(error)
    throw new ImportFailure(
      'READ_FAILED',
      `The file could not be read (${detail}). Check that it still exists and that you may open it, then try again.`,
    )
  }
  // The size given up front may be stale or wrong; the bytes read are what count.
  if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes)
  if (bytes.length === 0) {
    throw new ImportFailure('EMPTY', 'This file is empty (0 bytes): there is nothing to import.')
  }
  // pdf.js takes ownership of the bytes it parses, so their length is noted now.
  const fileSize = bytes.length
  const sniffed = sniffContent(bytes)
  const { importer, warning } = chooseImporter(fileExtension(file.name), sniffed)
  const warnings = warning ? [warning] : []
  throwIfCancelled(signal)
  const parsed = await parse(importer, bytes, warnings, signal, file.name, ocr)
  throwIfCancelled(signal)
  if (!parsed.text) throw new ImportFailure('NO_TEXT', NO_TEXT[importer])
  const doc: ExtractedDocument = {
    title:
      cleanLabel(parsed.title) || firstLineTitle(parsed.text) || fileStem(file.name) || 'Untitled',
    text: parsed.text,
    // Hashed by the import worker where it parsed the text; here only for PDFs and scans.
    textHash: parsed.textHash ?? (await sha256Hex(parsed.text)),
    mime: (importer === 'image' && sniffed.mime) || MIME_BY_IMPORTER[importer],
    fileName: file.name,
    fileSize,
    importer,
    importerVersion: IMPORTER_VERSIONS[importer],
    warnings: [...warnings, ...parsed.warnings],
  }
  for (const key of ['author', 'publisher', 'url', 'language'] as const) {
    if (parsed[key]) doc[key] = parsed[key]
  }
  // A declared language (HTML lang, PDF or Word metadata) wins; else the text's own, if clear.
  doc.language ??= detectLanguage(parsed.text)
  if (!doc.language) delete doc.language
  if (parsed.publishedAt !== undefined) {
    doc.publishedAt = parsed.publishedAt
    doc.publishedPrecision = parsed.publishedPrecision
  }
  if (parsed.pageStarts) doc.pageStarts = parsed.pageStarts
  if (parsed.ocr) doc.ocr = parsed.ocr
  return doc
}

/**
 * Extracts one file's text and metadata. Never throws: every failure, including a bug in a
 * parser, comes back as `{ ok: false, error }` with a typed code and a message that says
 * what to do.
 */
export async function extractDocument(
  file: SourceFile,
  options: { maxBytes?: number; signal?: AbortSignal; ocr?: OcrOptions | false } = {},
): Promise<ExtractOutcome> {
  try {
    const max = options?.maxBytes
    const maxBytes = max !== undefined && Number.isFinite(max) && max > 0 ? max : MAX_IMPORT_BYTES
    return { ok: true, doc: await extract(file, maxBytes, options?.signal, options?.ocr ?? {}) }
  } catch (error) {
    if (error instanceof ImportFailure) return { ok: false, error: error.toImportError() }
    const detail = error instanceof Error ? error.message : String(error)
    return {
      ok: false,
      error: {
        code: 'PARSE_FAILED',
        message: `Casefile could not read this file (${detail}). It may be damaged; try saving or exporting it again.`,
      },
    }
  }
}
