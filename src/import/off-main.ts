/**
 * The part of extraction that runs in the import worker (extract.worker.ts, driven by
 * worker-client.ts): decoding text formats, and the plain-text, Markdown, HTML and Word
 * importers — for HTML the linear pre-pass (html-scan.ts), parsing with linkedom, Readability
 * and the text walk (html.ts), so that no page is ever parsed on the window's main thread; for
 * Word mammoth and the ZIP-bomb count. PDFs are read in pdf.js's own worker. Every importer
 * here hands back a parsed document of plain text and metadata, never markup. The same code
 * runs in-thread where there is no Worker (the unit tests, in Node).
 */
import type { ImporterName } from '../domain/types'
import { decodeText } from './decode'
import { ImportFailure, type ImportError, type ParsedDocument } from './extract-types'
import { sha256Hex } from './normalise'
import { loadOnce } from './load-once'

/** Work for the import worker: the bytes of one file and the importer chosen for it. */
export interface OffMainJob {
  importer: Exclude<ImporterName, 'pdf' | 'image'>
  bytes: Uint8Array
}

/**
 * What the worker hands back: the parsed document, the decoder's warnings and the SHA-256 of
 * the document's text, hashed here so that the window's main thread does not encode and hash
 * a text of megabytes (a 5 MB page's 2 MB of text held it for 100+ ms).
 */
export interface OffMainResult {
  doc: ParsedDocument
  warnings: string[]
  /** Lower-case hex SHA-256 of the UTF-8 bytes of `doc.text`. */
  textHash: string
}

/** A job as posted to the worker. */
export interface WorkerRequest {
  id: number
  job: OffMainJob
}

/** The worker's answer to one request. */
export type WorkerReply =
  { id: number; ok: true; result: OffMainResult } | { id: number; ok: false; error: ImportError }

// Each importer's module, loaded once (not through an import() per file: see load-once.ts).
const docxModule = loadOnce(() => import('./docx'))
const htmlModule = loadOnce(() => import('./html'))
const markdownModule = loadOnce(() => import('./markdown'))
const textModule = loadOnce(() => import('./text'))

/** Runs one job (see the module comment). Throws `ImportFailure` for a bad file. */
export async function runOffMainJob(job: OffMainJob, signal?: AbortSignal): Promise<OffMainResult> {
  const { importer, bytes } = job
  if (importer === 'docx') {
    const doc = await (await docxModule()).extractDocx(bytes, { signal })
    return { doc, warnings: [], textHash: await sha256Hex(doc.text) }
  }
  const decoded = decodeText(bytes, { html: importer === 'html' })
  if (decoded.text.trim() === '') {
    throw new ImportFailure(
      'EMPTY',
      'This file contains only blank space: there is no text to import.',
    )
  }
  const doc =
    importer === 'html'
      ? await (await htmlModule()).extractHtml(decoded.text, { signal })
      : importer === 'markdown'
        ? (await markdownModule()).extractMarkdown(decoded.text)
        : (await textModule()).extractPlainText(decoded.text)
  return { doc, warnings: decoded.warnings, textHash: await sha256Hex(doc.text) }
}

/**
 * The worker's side of the protocol: runs one request and answers it. Never rejects: a
 * failure comes back as `{ code, message }` (a bug in a parser as PARSE_FAILED).
 */
export async function answerRequest(request: WorkerRequest): Promise<WorkerReply> {
  const { id, job } = request
  try {
    return { id, ok: true, result: await runOffMainJob(job) }
  } catch (error) {
    const failure =
      error instanceof ImportFailure
        ? error.toImportError()
        : {
            code: 'PARSE_FAILED' as const,
            message: `Casefile could not read this file (${error instanceof Error ? error.message : String(error)}). It may be damaged; try saving or exporting it again.`,
          }
    return { id, ok: false, error: failure }
  }
}
