/**
 * Where the OCR engine's files are served from. The build copies tesseract.js's worker
 * script, tesseract.js-core's WebAssembly builds and the `@tesseract.js-data` language files
 * into the renderer as `ocr/worker.min.js`, `ocr/core/` and `ocr/lang/`
 * (electron.vite.config.ts), so every one comes from the app's own origin and nothing is
 * fetched from a CDN. In the unit tests (Node) the engine reads the language data from
 * node_modules and uses the package's own worker and core.
 */
import type { OcrEnginePaths } from './engine'

/** The folder, inside the built renderer, that holds the OCR engine's files. */
export const OCR_ASSET_FOLDER = 'ocr'

/** The engine's file locations for `languages` (see the module comment). */
export function ocrAssetPaths(languages: string[]): OcrEnginePaths {
  if (import.meta.env.MODE === 'test') {
    // Node reads one folder per language package; the tests read one language at a time.
    const dir = import.meta.url.replace(/^file:\/\//, '').replace(/src\/import\/ocr\/[^/]*$/, '')
    const lang = languages[0] ?? 'eng'
    return { langPath: `${decodeURIComponent(dir)}node_modules/@tesseract.js-data/${lang}/4.0.0` }
  }
  const base = new URL(`${OCR_ASSET_FOLDER}/`, globalThis.location?.href ?? document.baseURI)
  return {
    workerPath: new URL('worker.min.js', base).href,
    corePath: new URL('core/', base).href,
    langPath: new URL('lang', base).href,
  }
}
