/**
 * One OCR job — an image, or the listed pages of a PDF — from bytes to page texts: the part
 * that runs in the OCR worker (ocr.worker.ts), or in-thread in Node (the unit tests). It
 * starts the engine, renders and reads page after page through `runOcr` (time limits, one
 * page image at a time) and always closes the PDF.
 */
import type { PdfjsDataUrls } from '../pdfjs'
import { startTesseract, type OcrEngine, type OcrEnginePaths } from './engine'
import type { PageText } from './page-text'
import { openPdfForOcr } from './render-pdf'
import { runOcr, type OcrProgress } from './run'

/**
 * Marks the OCR worker's own messages. pdf.js, when it runs its parser in that worker's scope
 * (its "fake worker", its fallback inside a worker), also posts to the parent on `self`.
 */
export const OCR_REPLY = 'casefile-ocr'

/** What to read, with what, and where the engine's files are. */
export interface OcrJob {
  kind: 'image' | 'pdf'
  bytes: Uint8Array
  /** PDF: the 1-based pages to read. */
  pages?: number[]
  /** Tesseract language codes. */
  languages: string[]
  paths: OcrEnginePaths
  /** PDF: pdf.js's data folders (CMaps, standard fonts). */
  pdfjsData?: PdfjsDataUrls
  startTimeoutMs?: number
  pageTimeoutMs?: number
}

/** Hooks of a run: cancel, progress, and (tests) another engine. */
export interface OcrJobHooks {
  signal?: AbortSignal
  onProgress?(progress: OcrProgress): void
  /** Starts the engine; tesseract.js by default. */
  startEngine?(languages: string[], paths: OcrEnginePaths): Promise<OcrEngine>
}

/** Runs `job` (see the module comment): one text per page read, in order. */
export async function runOcrJob(job: OcrJob, hooks: OcrJobHooks = {}): Promise<PageText[]> {
  const start = () => (hooks.startEngine ?? startTesseract)(job.languages, job.paths)
  const common = {
    start,
    signal: hooks.signal,
    onProgress: hooks.onProgress,
    startTimeoutMs: job.startTimeoutMs,
    pageTimeoutMs: job.pageTimeoutMs,
  }
  if (job.kind === 'image') {
    let bytes: Uint8Array | undefined = job.bytes
    return runOcr({
      ...common,
      count: 1,
      render: () => {
        const image = bytes!
        bytes = undefined
        return Promise.resolve(image)
      },
    })
  }
  const pdf = await openPdfForOcr(job.bytes, job.pdfjsData!)
  try {
    const pages = job.pages ?? Array.from({ length: pdf.count }, (_, i) => i + 1)
    return await runOcr({ ...common, count: pages.length, render: (i) => pdf.render(pages[i]!) })
  } finally {
    await pdf.destroy()
  }
}
