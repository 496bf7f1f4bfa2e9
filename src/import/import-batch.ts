/**
 * Imports a batch of files into a case: extracts each file (see extract.ts), commits
 * finished files in groups bounded in count, characters and time — one transaction, one
 * change-log entry (one undo step) and one change-feed notification per group — and returns
 * a report with one line per file. A file that fails gets a typed error and stores nothing;
 * the others, before and after it in the same group, still import. Small text files are
 * extracted a few at a time (a bounded window) while the previous group is written, so the
 * window's main thread, the file reads and IndexedDB work side by side; where the platform
 * gives Blobs (a browser), runs of them are read through one composite Blob (group-read.ts);
 * progress is reported a few times a second, not per file.
 */
import type { DocumentRecord, Reliability } from '../domain/types'
import { addDocuments, loadKnownHashes, type KnownHashes, type NewDocument } from '../db/documents'
import type { CasefileDB } from '../db/schema'
import { StoreError } from '../db/errors'
import type { SourceFile } from '../platform/platform'
import {
  extractDocument,
  type ExtractedDocument,
  type ExtractOutcome,
  type ImportError,
  type OcrOptions,
} from './extract'
import { groupReader } from './group-read'
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
  /** Told how far the import is, a few times a second (see `progressEveryMs`). */
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
  /**
   * Progress is reported at most this often (`PROGRESS_EVERY_MS` by default): a report that
   * comes sooner is held and sent when the interval is up, or replaced by a newer one. OCR
   * page progress and the final report are sent at once.
   */
  progressEveryMs?: number
  /** A group is committed this long after its first file finished (`STORE_GROUP_MS`). */
  storeGroupMs?: number
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
 * than `STORE_GROUP_MS` before; memory holds at most one group of text waiting and one being
 * written, besides the files being extracted.
 */
export const STORE_GROUP_DOCS = 200
/** See `STORE_GROUP_DOCS`. */
export const STORE_GROUP_CHARS = 4_000_000
/** See `STORE_GROUP_DOCS`. */
export const STORE_GROUP_MS = 250

/**
 * How many small text files are extracted at once, and how many bytes they may weigh
 * together. Reading a file and hashing its text wait on other threads (the browser's blob
 * store, the digest); with a few files under way those waits overlap, and the main thread
 * stays busy. Only plain-text and Markdown files of at most `AHEAD_FILE_BYTES` go side by
 * side (they are decoded in-thread, see worker-client.ts); any other file — a web page, a
 * PDF, a scan that may ask for its OCR languages — waits for the files before it and is
 * extracted alone, as before.
 */
export const EXTRACT_AHEAD = 8
/** See `EXTRACT_AHEAD`. */
export const EXTRACT_AHEAD_BYTES = 8 * 1024 * 1024
/** See `EXTRACT_AHEAD` (worker-client.ts `IN_THREAD_MAX_BYTES`). */
export const AHEAD_FILE_BYTES = 256 * 1024
/** Progress is reported at most this often (the first file and the end always). */
export const PROGRESS_EVERY_MS = 200

const AHEAD_EXTENSIONS = new Set(['txt', 'md', 'markdown', 'text'])

/** Whether `file` may be extracted side by side with others (see `EXTRACT_AHEAD`). */
function goesAhead(file: SourceFile): boolean {
  const dot = file.name.lastIndexOf('.')
  const ext = dot < 0 ? '' : file.name.slice(dot + 1).toLowerCase()
  return AHEAD_EXTENSIONS.has(ext) && file.size <= AHEAD_FILE_BYTES
}

/**
 * Reports progress at most every `everyMs`: a report that comes sooner is held and sent
 * when the interval is up, unless a newer one replaces it first. `flush` sends what is held.
 */
function throttled(
  send: ((p: ImportProgress) => void) | undefined,
  everyMs: number,
): { report(p: ImportProgress, now?: boolean): void; flush(): void } {
  let last = -Infinity
  let held: ImportProgress | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const emit = () => {
    clearTimeout(timer)
    timer = undefined
    if (!held) return
    const p = held
    held = undefined
    last = performance.now()
    send?.(p)
  }
  return {
    report(p, now = false) {
      if (!send) return
      held = p
      const wait = last + everyMs - performance.now()
      if (now || wait <= 0) emit()
      else timer ??= setTimeout(emit, wait)
    },
    flush: emit,
  }
}

/** One file being extracted, in the window of `importBatch`. */
interface Underway {
  file: SourceFile
  index: number
  ahead: boolean
  outcome: Promise<ExtractOutcome>
}

/**
 * Imports `files` into `caseId` and reports each file's result. Never throws for bad files.
 *
 * Files are extracted in order, small text files a few at a time (see `EXTRACT_AHEAD`), and
 * each finished file joins a group committed in one transaction (see `STORE_GROUP_DOCS`)
 * while the next files are extracted. So memory holds the window of files being extracted
 * plus two bounded groups, and an import stopped midway — cancelled, or the app killed —
 * keeps the groups committed before it. A file whose extraction was cancelled, or that
 * finished extracting after Cancel, stores nothing; nor do the files not yet started.
 */
export async function importBatch(
  db: CasefileDB,
  caseId: string,
  files: SourceFile[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const { signal } = options
  const progress = throttled(options.onProgress, options.progressEveryMs ?? PROGRESS_EVERY_MS)
  const report: ImportReport = { files: [], imported: 0, duplicates: 0, failed: 0, stored: [] }
  // Transactions run one after another, each while the next files are extracted.
  let storing: Promise<void> = Promise.resolve()
  let group: { line: FileReport; doc: NewDocument }[] = []
  let groupChars = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  // Each group looks up only the hashes that may be duplicates (see KnownHashes); read
  // once, when the first group is stored, and only for an import of more than one group.
  let known: Promise<KnownHashes | undefined> | undefined
  const store = async (batch: { line: FileReport; doc: NewDocument }[]): Promise<void> => {
    try {
      known ??=
        files.length > STORE_GROUP_DOCS
          ? loadKnownHashes(db, caseId).catch(() => undefined)
          : Promise.resolve(undefined)
      const outcomes = await addDocuments(
        db,
        caseId,
        batch.map((b) => b.doc),
        undefined,
        await known,
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

  // Two files asking for their OCR languages at once would ask over each other: one at a time.
  let asking: Promise<unknown> = Promise.resolve()
  const chooseLanguages = options.ocr?.languages
  const ocr: Omit<OcrOptions, 'onProgress'> = chooseLanguages
    ? {
        ...options.ocr,
        languages: (fileName) => {
          const answer = asking.then(() => chooseLanguages(fileName))
          asking = answer.catch(() => undefined)
          return answer
        },
      }
    : { ...options.ocr }

  // Small text files are read many at a time where the platform gives Blobs (group-read.ts).
  const reader = groupReader(files, goesAhead)
  // The window of files under way, oldest first, and the bytes they weigh.
  const underway: Underway[] = []
  let underwayBytes = 0
  let next = 0
  const startMore = () => {
    while (next < files.length && !signal?.aborted) {
      const file = files[next]!
      const ahead = goesAhead(file)
      if (underway.length > 0) {
        if (!ahead || underway.some((u) => !u.ahead)) break
        if (underway.length >= EXTRACT_AHEAD) break
        if (underwayBytes + file.size > EXTRACT_AHEAD_BYTES) break
      }
      const index = next++
      underwayBytes += file.size
      underway.push({
        file,
        index,
        ahead,
        outcome: extractDocument(reader.take(index), {
          maxBytes: options.maxBytes,
          signal,
          ocr: {
            ...ocr,
            onProgress: (page) =>
              progress.report(
                { done: index, total: files.length, current: file.name, ocr: page },
                true,
              ),
          },
        }),
      })
    }
  }

  for (;;) {
    startMore()
    const current = underway[0]
    if (!current) break
    const { file, index } = current
    progress.report({ done: index, total: files.length, current: file.name })
    const outcome = await current.outcome
    underway.shift()
    underwayBytes -= file.size
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
      // Wait for the previous transaction first: at most one group waits in memory. The
      // files under way go on being extracted meanwhile.
      await storing
      commit()
    } else {
      timer ??= setTimeout(commit, options.storeGroupMs ?? STORE_GROUP_MS)
    }
  }
  // The report still has a line for every file: these were never read (Cancel).
  for (const rest of files.slice(next)) {
    report.files.push({ fileName: rest.name, status: 'failed', error: CANCELLED, warnings: [] })
  }
  commit()
  await storing
  ;(await known)?.close()
  progress.report({ done: files.length, total: files.length }, true)
  for (const f of report.files)
    report[
      f.status === 'imported' ? 'imported' : f.status === 'duplicate' ? 'duplicates' : 'failed'
    ]++
  return report
}
