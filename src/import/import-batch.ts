/**
 * Imports a batch of files into a case: extracts each file (see extract.ts), one after
 * another, commits finished files in small groups bounded in count, characters and time,
 * and returns a report with one line per file. A file that fails gets a typed error and stores nothing; the others still
 * import. Progress is reported after every file so the UI can show counts.
 */
import type { DocumentRecord, Reliability } from '../domain/types'
import { addDocuments, type NewDocument } from '../db/documents'
import type { CasefileDB } from '../db/schema'
import { StoreError } from '../db/errors'
import type { SourceFile } from '../platform/platform'
import {
  extractDocument,
  type ExtractedDocument,
  type ImportError,
  type OcrOptions,
} from './extract'
import type { OcrProgress } from './ocr/run'

/** Why a file was not imported: an extraction error, or the store refusing the write. */
export interface FileError {
  code: ImportError['code'] | 'DISK_FULL' | 'STORE_FAILED' | 'CANCELLED'
  message: string
}

export interface FileReport {
  fileName: string
  status: 'imported' | 'duplicate' | 'failed'
  docId?: string
  title?: string
  duplicateOf?: { id: string; title: string }
  error?: FileError
  warnings: string[]
}

export interface ImportReport {
  files: FileReport[]
  imported: number
  duplicates: number
  failed: number
  /** The documents stored, in order (their texts went to `onStored`, not here). */
  stored: Pick<DocumentRecord, 'id' | 'title'>[]
}

export interface ImportProgress {
  done: number
  total: number
  current?: string
  /** The current file is being read by OCR: page `page` of `pages`. */
  ocr?: OcrProgress
}

/** Metadata that overrides or completes what the extractor found (sample case, forms). */
export interface ImportOverrides {
  publisher?: string
  reliability?: Reliability
  publishedAt?: number
  publishedPrecision?: 'day' | 'minute'
  author?: string
  url?: string
  language?: string
  title?: string
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void
  /**
   * Cancels the import: the file being extracted stops (its worker is ended, pdf.js's task
   * destroyed) and nothing of it is stored; files not yet started are reported CANCELLED.
   */
  signal?: AbortSignal
  maxBytes?: number
  overrides?: (file: SourceFile) => ImportOverrides | undefined
  /**
   * Told about each document once its transaction has committed, with its text (for the
   * search index). The report itself keeps no text, so the import holds at most the file
   * being extracted and the one being stored.
   */
  onStored?: (doc: StoredDocument) => void
  /** How scans are read (languages, time limits); progress goes to `onProgress`. */
  ocr?: Omit<OcrOptions, 'onProgress'>
}

/** A document the import stored, as `onStored` reports it. */
export type StoredDocument = Pick<DocumentRecord, 'id' | 'title' | 'text'>

function toNewDocument(doc: ExtractedDocument, extra: ImportOverrides | undefined): NewDocument {
  const out: NewDocument = { ...doc }
  if (extra)
    Object.assign(out, Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)))
  if (!out.warnings?.length) delete out.warnings
  return out
}

const CANCELLED: FileError = {
  code: 'CANCELLED',
  message: 'Not imported: the import was cancelled.',
}

/**
 * How finished files are grouped into transactions. A commit costs ~15–20 ms on the
 * development machine (one per file made a 1,000-file import 40 times slower), so finished
 * files wait for a commit — but never long, and never many: the group is committed once it
 * holds `STORE_GROUP_DOCS` files or `STORE_GROUP_CHARS` characters of text, or
 * `STORE_GROUP_MS` after its first file finished, whichever comes first (a timer, so a slow
 * next file does not hold it back). An import killed midway keeps every file finished more
 * than `STORE_GROUP_MS` before; memory holds at most one group of text besides the file
 * being extracted.
 */
export const STORE_GROUP_DOCS = 200
/** See `STORE_GROUP_DOCS`. */
export const STORE_GROUP_CHARS = 4_000_000
/** See `STORE_GROUP_DOCS`. */
export const STORE_GROUP_MS = 250

/**
 * Imports `files` into `caseId` and reports each file's result. Never throws for bad files.
 *
 * One file at a time: each is read and extracted alone, and joins a small group of finished
 * files that is committed in one transaction (see `STORE_GROUP_DOCS`) while the next file is
 * extracted. So memory holds one file's bytes and text plus one bounded group, and an import
 * stopped midway — cancelled, or the app killed — keeps the files committed before it. A
 * file whose extraction was cancelled, or that finished extracting after Cancel, stores
 * nothing.
 */
export async function importBatch(
  db: CasefileDB,
  caseId: string,
  files: SourceFile[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const { onProgress, signal } = options
  const report: ImportReport = { files: [], imported: 0, duplicates: 0, failed: 0, stored: [] }
  // Transactions run one after another, each while the next files are extracted.
  let storing: Promise<void> = Promise.resolve()
  let group: { line: FileReport; doc: NewDocument }[] = []
  let groupChars = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const store = async (batch: { line: FileReport; doc: NewDocument }[]): Promise<void> => {
    try {
      const outcomes = await addDocuments(
        db,
        caseId,
        batch.map((b) => b.doc),
      )
      outcomes.forEach((outcome, i) => {
        const { line, doc } = batch[i]!
        if (outcome.status === 'stored') {
          line.status = 'imported'
          line.docId = outcome.id
          report.stored.push({ id: outcome.id, title: doc.title })
          options.onStored?.({ id: outcome.id, title: doc.title, text: doc.text })
        } else {
          line.status = 'duplicate'
          line.duplicateOf = outcome.of
        }
      })
    } catch (e) {
      const err = e instanceof StoreError ? e : new StoreError('STORE_FAILED', String(e))
      for (const { line } of batch) {
        line.status = 'failed'
        line.error = {
          code: err.code === 'QUOTA_EXCEEDED' ? 'DISK_FULL' : 'STORE_FAILED',
          message: err.message,
        }
      }
    }
  }
  const commit = () => {
    clearTimeout(timer)
    timer = undefined
    if (group.length === 0) return
    const batch = group
    group = []
    groupChars = 0
    storing = storing.then(() => store(batch))
  }

  for (const [index, file] of files.entries()) {
    if (signal?.aborted) {
      // The report still has a line for every file: these were never read.
      for (const rest of files.slice(index)) {
        report.files.push({ fileName: rest.name, status: 'failed', error: CANCELLED, warnings: [] })
      }
      break
    }
    onProgress?.({ done: index, total: files.length, current: file.name })
    const outcome = await extractDocument(file, {
      maxBytes: options.maxBytes,
      signal,
      ocr: {
        ...options.ocr,
        onProgress: (ocr) =>
          onProgress?.({ done: index, total: files.length, current: file.name, ocr }),
      },
    })
    if (!outcome.ok) {
      report.files.push({
        fileName: file.name,
        status: 'failed',
        error: outcome.error,
        warnings: [],
      })
      continue
    }
    if (signal?.aborted) {
      // Finished extracting after Cancel: nothing of it is stored.
      report.files.push({ fileName: file.name, status: 'failed', error: CANCELLED, warnings: [] })
      continue
    }
    const doc = toNewDocument(outcome.doc, options.overrides?.(file))
    const line: FileReport = {
      fileName: file.name,
      status: 'failed',
      title: doc.title,
      warnings: doc.warnings ?? [],
    }
    report.files.push(line)
    group.push({ line, doc })
    groupChars += doc.text.length
    if (group.length >= STORE_GROUP_DOCS || groupChars >= STORE_GROUP_CHARS) {
      // Wait for the previous transaction first: at most one group waits in memory.
      await storing
      commit()
    } else {
      timer ??= setTimeout(commit, STORE_GROUP_MS)
    }
  }
  commit()
  await storing
  onProgress?.({ done: files.length, total: files.length })
  for (const f of report.files)
    report[
      f.status === 'imported' ? 'imported' : f.status === 'duplicate' ? 'duplicates' : 'failed'
    ]++
  return report
}
