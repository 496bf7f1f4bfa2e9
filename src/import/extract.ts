/**
 * The per-file extraction stage of the import pipeline (CONVENTIONS.md habit 8): size cap
 * (before reading) → read → empty check → sniff the real type and reconcile it with the
 * extension (sniff.ts) → decode text formats (decode.ts) → parse with the format's importer
 * → normalise (normalise.ts) → SHA-256 of the text. Decoding and parsing run off the main
 * thread where they can (off-main.ts in the import worker; PDFs in pdf.js's worker); HTML's
 * DOM stages run on it after a linear pre-pass with caps. An abort signal stops any stage
 * and the file is reported CANCELLED. It produces an `ExtractedDocument` or a
 * typed `ImportError`, never throws, and stores nothing: the store step (import-batch.ts)
 * dedupes by hash and writes in one transaction. The format modules and their libraries are
 * loaded on first use so that none of them weighs on the app's first paint.
 */
import { formatBytes } from '../domain/format'
import type { ImporterName } from '../domain/types'
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
import { cleanLabel, fileExtension, fileStem, firstLineTitle, sha256Hex } from './normalise'
import { chooseImporter, MIME_BY_IMPORTER, sniffContent } from './sniff'

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
}

/** The result of extracting one file. */
export type ExtractOutcome =
  { ok: true; doc: ExtractedDocument } | { ok: false; error: ImportError }

/** Files larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

/** Extensions the import dialog offers; other files are refused or sniffed (see sniff.ts). */
export const SUPPORTED_EXTENSIONS = ['txt', 'md', 'markdown', 'html', 'htm', 'pdf', 'docx']

/** An Electron helper may flag a file it knows is too large to read at all. */
type MaybeTooLarge = SourceFile & { tooLarge?: boolean }

const NO_TEXT: Record<ImporterName, string> = {
  text: 'This file contains no text.',
  markdown: 'This Markdown file has no text besides its metadata.',
  html: 'This page has no readable text (only scripts, styles, forms or images).',
  pdf: 'This PDF has no text layer. OCR is not supported.',
  docx: 'This Word document has no text (perhaps only images). OCR is not supported.',
}

function tooLarge(size: number, max: number): ImportFailure {
  return new ImportFailure(
    'TOO_LARGE',
    `This file is ${formatBytes(size)}; Casefile imports files of up to ${formatBytes(max)}. Split it, or save only the part you need, and import that.`,
  )
}

async function parse(
  importer: ImporterName,
  bytes: Uint8Array,
  warnings: string[],
  signal: AbortSignal | undefined,
): Promise<ParsedDocument> {
  if (importer === 'pdf') return (await import('./pdf')).extractPdf(bytes, { signal })
  const { runOffMain } = await import('./worker-client')
  const result = await runOffMain({ importer, bytes }, signal)
  warnings.push(...result.warnings)
  if (result.kind === 'parsed') return result.doc
  return (await import('./html')).extractHtml(result.html, { signal })
}

async function extract(
  file: MaybeTooLarge,
  maxBytes: number,
  signal: AbortSignal | undefined,
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
  const { importer, warning } = chooseImporter(fileExtension(file.name), sniffContent(bytes))
  const warnings = warning ? [warning] : []
  throwIfCancelled(signal)
  const parsed: ParsedDocument = await parse(importer, bytes, warnings, signal)
  throwIfCancelled(signal)
  if (!parsed.text) throw new ImportFailure('NO_TEXT', NO_TEXT[importer])
  const doc: ExtractedDocument = {
    title:
      cleanLabel(parsed.title) || firstLineTitle(parsed.text) || fileStem(file.name) || 'Untitled',
    text: parsed.text,
    textHash: await sha256Hex(parsed.text),
    mime: MIME_BY_IMPORTER[importer],
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
  return doc
}

/**
 * Extracts one file's text and metadata. Never throws: every failure, including a bug in a
 * parser, comes back as `{ ok: false, error }` with a typed code and a message that says
 * what to do.
 */
export async function extractDocument(
  file: SourceFile,
  options: { maxBytes?: number; signal?: AbortSignal } = {},
): Promise<ExtractOutcome> {
  try {
    const max = options?.maxBytes
    const maxBytes = max !== undefined && Number.isFinite(max) && max > 0 ? max : MAX_IMPORT_BYTES
    return { ok: true, doc: await extract(file, maxBytes, options?.signal) }
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
