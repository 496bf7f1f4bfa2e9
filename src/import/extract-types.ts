/**
 * The shapes every importer shares: the typed import errors the pipeline reports, the
 * exception an importer throws to report one, and what an importer hands back to
 * `extract.ts` (the document before its file facts and hash are added). Kept apart from
 * `extract.ts` so that the format modules can use them without importing the pipeline.
 */

import type { OcrInfo } from '../domain/types'

/** Why a file could not be imported. Stable codes: the UI and the import report use them. */
export type ImportErrorCode =
  | 'TOO_LARGE'
  | 'EMPTY'
  | 'UNSUPPORTED_TYPE'
  | 'INVALID_ENCODING'
  | 'PARSE_FAILED'
  | 'ENCRYPTED'
  | 'NO_TEXT'
  | 'READ_FAILED'
  | 'TOO_COMPLEX'
  | 'CANCELLED'
  /** OCR: the engine did not start, or a page took longer than its time limit. */
  | 'OCR_TIMEOUT'
  /** OCR: the engine failed to start or to read a page. */
  | 'OCR_FAILED'

/** A failed import: a code for the program and a sentence for the analyst. */
export interface ImportError {
  code: ImportErrorCode
  /** Human wording that says what happened and what to do about it. */
  message: string
}

/** Thrown inside the pipeline to stop with a typed error; `extractDocument` catches it. */
export class ImportFailure extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ImportFailure'
  }

  /** The plain error object reported to callers. */
  toImportError(): ImportError {
    return { code: this.code, message: this.message }
  }
}

/** The failure of a file whose import was cancelled before it was stored. */
export function cancelledFailure(): ImportFailure {
  return new ImportFailure('CANCELLED', 'Not imported: the import was cancelled.')
}

/** Throws `cancelledFailure()` when `signal` has been aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledFailure()
}

/** What a format module extracted from one file: normalised text and page metadata. */
export interface ParsedDocument {
  /** Empty when the format found no title; the pipeline then falls back to the file name. */
  title: string
  author?: string
  publisher?: string
  url?: string
  publishedAt?: number
  publishedPrecision?: 'day' | 'minute'
  language?: string
  /** Normalised text (see normalise.ts). */
  text: string
  pageStarts?: number[]
  warnings: string[]
  /** Present when (part of) the text was read by OCR. */
  ocr?: OcrInfo
}
