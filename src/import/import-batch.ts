/**
 * Imports a batch of files into a case: extracts each file (see extract.ts), stores the
 * results in chunks, one transaction per chunk, and returns a report with one line per
 * file. A file that fails gets a typed error and stores nothing; the others still import.
 * Progress is reported after every file so the UI can show counts.
 */
import type { DocumentRecord, Reliability } from '../domain/types'
import { addDocuments, type NewDocument, type StoreOutcome } from '../db/documents'
import type { CasefileDB } from '../db/schema'
import { StoreError } from '../db/errors'
import type { SourceFile } from '../platform/platform'
import { extractDocument, type ExtractedDocument, type ImportError } from './extract'

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
  /** Ids of the documents stored, with their text, for the search index. */
  stored: Pick<DocumentRecord, 'id' | 'title' | 'text'>[]
}

export interface ImportProgress {
  done: number
  total: number
  current?: string
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

/** Most documents stored in one transaction (see importBatch). */
export const STORE_CHUNK_DOCS = 1000
/** Most characters of text held before they are stored. */
export const STORE_CHUNK_CHARS = 16_000_000

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void
  signal?: AbortSignal
  maxBytes?: number
  overrides?: (file: SourceFile) => ImportOverrides | undefined
  /** At most how many extracted documents to store per transaction. */
  chunkSize?: number
  /** At most how many characters of text to hold before storing them. */
  chunkChars?: number
}

function toNewDocument(doc: ExtractedDocument, extra: ImportOverrides | undefined): NewDocument {
  const out: NewDocument = { ...doc }
  if (extra)
    Object.assign(out, Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)))
  if (!out.warnings?.length) delete out.warnings
  return out
}

/** Imports `files` into `caseId` and reports each file's result. Never throws for bad files. */
export async function importBatch(
  db: CasefileDB,
  caseId: string,
  files: SourceFile[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  // Few, large transactions: each costs a commit, and a typical import fits in one. The
  // character cap bounds memory on imports of many large files.
  const {
    onProgress,
    signal,
    chunkSize = STORE_CHUNK_DOCS,
    chunkChars = STORE_CHUNK_CHARS,
  } = options
  let pendingChars = 0
  const report: ImportReport = { files: [], imported: 0, duplicates: 0, failed: 0, stored: [] }
  let pending: { index: number; doc: NewDocument }[] = []

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return
    const batch = pending
    pending = []
    pendingChars = 0
    let outcomes: StoreOutcome[]
    try {
      outcomes = await addDocuments(
        db,
        caseId,
        batch.map((p) => p.doc),
      )
    } catch (e) {
      const err = e instanceof StoreError ? e : new StoreError('STORE_FAILED', String(e))
      for (const p of batch) {
        const line = report.files[p.index]!
        line.status = 'failed'
        line.error = {
          code: err.code === 'QUOTA_EXCEEDED' ? 'DISK_FULL' : 'STORE_FAILED',
          message: err.message,
        }
      }
      return
    }
    outcomes.forEach((o, i) => {
      const { index, doc } = batch[i]!
      const line = report.files[index]!
      if (o.status === 'stored') {
        line.status = 'imported'
        line.docId = o.id
        report.stored.push({ id: o.id, title: doc.title, text: doc.text })
      } else {
        line.status = 'duplicate'
        line.duplicateOf = o.of
      }
    })
  }

  for (const [index, file] of files.entries()) {
    if (signal?.aborted) {
      // The report still has a line for every file: these were never read.
      for (const rest of files.slice(index)) {
        report.files.push({
          fileName: rest.name,
          status: 'failed',
          error: { code: 'CANCELLED', message: 'Not imported: the import was cancelled.' },
          warnings: [],
        })
      }
      break
    }
    onProgress?.({ done: index, total: files.length, current: file.name })
    const outcome = await extractDocument(file, { maxBytes: options.maxBytes })
    if (outcome.ok) {
      const doc = toNewDocument(outcome.doc, options.overrides?.(file))
      report.files.push({
        fileName: file.name,
        status: 'imported',
        title: doc.title,
        warnings: doc.warnings ?? [],
      })
      pending.push({ index, doc })
      pendingChars += doc.text.length
      if (pending.length >= chunkSize || pendingChars >= chunkChars) await flush()
    } else {
      report.files.push({
        fileName: file.name,
        status: 'failed',
        error: outcome.error,
        warnings: [],
      })
    }
  }
  await flush()
  onProgress?.({ done: files.length, total: files.length })
  for (const f of report.files)
    report[
      f.status === 'imported' ? 'imported' : f.status === 'duplicate' ? 'duplicates' : 'failed'
    ]++
  return report
}
