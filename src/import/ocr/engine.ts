/**
 * The OCR engine: tesseract.js 7 (Tesseract's LSTM recogniser compiled to WebAssembly),
 * wrapped so the rest of the import sees a small interface and typed failures. tesseract.js
 * runs the recogniser in a Web Worker of its own (a worker thread in Node) and would fetch
 * that worker's script, its WebAssembly core and the language data from a CDN unless told
 * otherwise: `workerPath`, `corePath` and `langPath` always point at the app's own copies
 * (ocr-assets.ts). Language data is neither cached in IndexedDB (`cacheMethod: 'none'`:
 * the origin's storage is the analyst's case data, and reading the copy served by the app
 * is quick) nor loaded as a blob worker (a blob worker cannot resolve the app's paths).
 */
import { ImportFailure } from '../extract-types'
import type { OcrPage } from './page-text'

/** Where the engine's files are: URLs in the app, local paths in Node. */
export interface OcrEnginePaths {
  /** tesseract.js's worker script (the browser only; Node uses the package's). */
  workerPath?: string
  /** The folder of tesseract.js-core's `*.wasm.js` builds (the browser only). */
  corePath?: string
  /** The folder holding `<code>.traineddata.gz` of every language asked for. */
  langPath: string
}

/** A started engine: reads one page image at a time. */
export interface OcrEngine {
  /** Reads an image (PNG, JPEG, WebP, or PGM as the PDF renderer makes). */
  recognize(image: Uint8Array): Promise<OcrPage>
  /** Ends the engine's worker; safe to call twice. */
  terminate(): Promise<void>
}

/** The engine and version recorded with OCR text. */
export const OCR_ENGINE_NAME = 'tesseract.js 7.0.0'

/** A failure of the engine as the typed OCR_FAILED error, with what to do. */
export function ocrFailed(detail: string): ImportFailure {
  return new ImportFailure(
    'OCR_FAILED',
    `The OCR engine failed (${detail}). Try again; if it fails again, the image may be damaged — save the scan again as PNG or PDF and import that.`,
  )
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

interface TesseractBlock {
  paragraphs?: { lines?: { words?: { text: string; confidence: number }[] }[] }[]
}

/** Starts tesseract.js for `languages` (tesseract codes). Rejects with OCR_FAILED. */
export async function startTesseract(
  languages: string[],
  paths: OcrEnginePaths,
): Promise<OcrEngine> {
  let tesseract: typeof import('tesseract.js')
  try {
    tesseract = await import('tesseract.js')
  } catch (error) {
    throw ocrFailed(`its code did not load: ${message(error)}`)
  }
  const { createWorker, OEM } = tesseract
  const options: Record<string, unknown> = {
    langPath: paths.langPath,
    cacheMethod: 'none',
    gzip: true,
    workerBlobURL: false,
  }
  if (paths.workerPath) options.workerPath = paths.workerPath
  if (paths.corePath) options.corePath = paths.corePath
  let worker: Awaited<ReturnType<typeof createWorker>>
  try {
    worker = await createWorker(languages, OEM.LSTM_ONLY, options)
  } catch (error) {
    throw ocrFailed(`it did not start: ${message(error)}`)
  }
  let ended = false
  return {
    async recognize(image) {
      try {
        const { data } = await worker.recognize(
          image as unknown as Blob,
          {},
          { text: false, blocks: true },
        )
        const blocks = (data.blocks ?? []) as TesseractBlock[]
        return {
          paragraphs: blocks.flatMap((b) =>
            (b.paragraphs ?? []).map((p) => ({
              lines: (p.lines ?? []).map((l) => ({
                words: (l.words ?? []).map((w) => ({ text: w.text, confidence: w.confidence })),
              })),
            })),
          ),
        }
      } catch (error) {
        throw ocrFailed(`a page could not be read: ${message(error)}`)
      }
    },
    async terminate() {
      if (ended) return
      ended = true
      await worker.terminate().catch(() => undefined)
    },
  }
}
