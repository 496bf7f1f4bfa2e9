/**
 * The part of extraction that never needs the DOM, and so runs in the import worker
 * (extract.worker.ts, driven by worker-client.ts): decoding text formats, the plain-text,
 * Markdown and Word importers (mammoth and the ZIP-bomb count), and for HTML the decoding
 * and the linear pre-pass that bounds a page's size and nesting (html-scan.ts) — the DOM
 * stages of HTML then run on the main thread, and PDFs in pdf.js's own worker. The same
 * function runs in-thread where there is no Worker (the unit tests, in Node).
 */
import type { ImporterName } from '../domain/types'
import { decodeText } from './decode'
import { ImportFailure, type ParsedDocument } from './extract-types'
import { checkHtmlComplexity } from './html-scan'

/** Work for the import worker: the bytes of one file and the importer chosen for it. */
export interface OffMainJob {
  importer: Exclude<ImporterName, 'pdf'>
  bytes: Uint8Array
}

/** What the worker hands back: a parsed document, or for HTML the checked page text. */
export type OffMainResult =
  | { kind: 'parsed'; doc: ParsedDocument; warnings: string[] }
  | { kind: 'html'; html: string; warnings: string[] }

/** Runs one job (see the module comment). Throws `ImportFailure` for a bad file. */
export async function runOffMainJob(job: OffMainJob, signal?: AbortSignal): Promise<OffMainResult> {
  const { importer, bytes } = job
  if (importer === 'docx') {
    const doc = await (await import('./docx')).extractDocx(bytes, { signal })
    return { kind: 'parsed', doc, warnings: [] }
  }
  const decoded = decodeText(bytes, { html: importer === 'html' })
  if (decoded.text.trim() === '') {
    throw new ImportFailure(
      'EMPTY',
      'This file contains only blank space: there is no text to import.',
    )
  }
  if (importer === 'html') {
    checkHtmlComplexity(decoded.text)
    return { kind: 'html', html: decoded.text, warnings: decoded.warnings }
  }
  const doc =
    importer === 'markdown'
      ? (await import('./markdown')).extractMarkdown(decoded.text)
      : (await import('./text')).extractPlainText(decoded.text)
  return { kind: 'parsed', doc, warnings: decoded.warnings }
}
