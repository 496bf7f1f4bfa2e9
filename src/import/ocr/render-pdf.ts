/**
 * Renders a PDF's pages to greyscale images for the OCR, at `OCR_DPI` (300 dpi, what
 * Tesseract reads best), one page at a time. In the OCR worker pdf.js draws on an
 * `OffscreenCanvas` (there is no DOM there, hence the canvas factory below, and fonts are
 * drawn as paths rather than loaded as font faces); in Node its own canvas (@napi-rs/canvas)
 * is used. A page's pixels become a binary PGM image — the greyscale bytes behind a short
 * header, which Tesseract's image library reads directly, with no PNG to encode and decode —
 * and the canvas is emptied before the next page, so memory holds one page image.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist'
import { loadPdfjs, type PdfjsDataUrls } from '../pdfjs'

/** The resolution pages are rendered at. */
export const OCR_DPI = 300

/** Longest side of a rendered page in pixels: an A0 poster is scaled down to this. */
export const MAX_RENDER_SIDE = 7000

interface CanvasAndContext {
  canvas: OffscreenCanvas | null
  context: OffscreenCanvasRenderingContext2D | null
}

/** pdf.js's canvas factory interface, on `OffscreenCanvas` (see the module comment). */
class OffscreenCanvasFactory {
  create(width: number, height: number): CanvasAndContext {
    const canvas = new OffscreenCanvas(Math.max(1, width), Math.max(1, height))
    return { canvas, context: canvas.getContext('2d', { willReadFrequently: true }) }
  }

  reset(target: CanvasAndContext, width: number, height: number): void {
    if (!target.canvas) throw new Error('Canvas is not specified')
    target.canvas.width = Math.max(1, width)
    target.canvas.height = Math.max(1, height)
  }

  destroy(target: CanvasAndContext): void {
    if (target.canvas) {
      target.canvas.width = 0
      target.canvas.height = 0
    }
    target.canvas = null
    target.context = null
  }
}

/** A binary PGM (P5) image of RGBA pixels, as luminance. */
export function rgbaToPgm(rgba: Uint8ClampedArray, width: number, height: number): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`)
  const out = new Uint8Array(header.length + width * height)
  out.set(header)
  for (let i = 0, o = header.length; i < width * height; i++, o++) {
    const p = i * 4
    const alpha = rgba[p + 3]!
    // Transparent pixels are paper (white), not ink.
    const grey = (rgba[p]! * 77 + rgba[p + 1]! * 150 + rgba[p + 2]! * 29) >> 8
    out[o] = 255 - (((255 - grey) * alpha) >> 8)
  }
  return out
}

/** An open PDF whose pages can be rendered for OCR. */
export interface PdfPages {
  count: number
  /** Renders page `n` (1-based) as a PGM image. */
  render(n: number): Promise<Uint8Array>
  destroy(): Promise<void>
}

/** Opens `bytes` with pdf.js for rendering (see the module comment). */
export async function openPdfForOcr(bytes: Uint8Array, data: PdfjsDataUrls): Promise<PdfPages> {
  const pdfjs = await loadPdfjs()
  const inWorker = typeof OffscreenCanvas !== 'undefined' && typeof document === 'undefined'
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    enableXfa: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    ...data,
    ...(inWorker
      ? {
          CanvasFactory: OffscreenCanvasFactory,
          isOffscreenCanvasSupported: true,
          disableFontFace: true,
        }
      : {}),
  })
  const pdf: PDFDocumentProxy = await task.promise
  const factory = (
    inWorker ? new OffscreenCanvasFactory() : pdf.canvasFactory
  ) as OffscreenCanvasFactory
  return {
    count: pdf.numPages,
    async render(n) {
      const page = await pdf.getPage(n)
      try {
        const base = page.getViewport({ scale: 1 })
        const scale = Math.min(OCR_DPI / 72, MAX_RENDER_SIDE / Math.max(base.width, base.height, 1))
        const viewport = page.getViewport({ scale })
        const width = Math.max(1, Math.floor(viewport.width))
        const height = Math.max(1, Math.floor(viewport.height))
        const target = factory.create(width, height)
        try {
          const context = target.context!
          context.fillStyle = '#ffffff'
          context.fillRect(0, 0, width, height)
          await page.render({
            canvasContext: context as unknown as CanvasRenderingContext2D,
            canvas: null,
            viewport,
          }).promise
          return rgbaToPgm(context.getImageData(0, 0, width, height).data, width, height)
        } finally {
          factory.destroy(target)
        }
      } finally {
        page.cleanup()
      }
    },
    async destroy() {
      await task.destroy()
    },
  }
}
