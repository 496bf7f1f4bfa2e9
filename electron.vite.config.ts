/**
 * Build configuration for the three Electron targets: the main process, the sandboxed
 * preload (bundled as CommonJS, because a sandboxed preload cannot be an ES module) and the
 * React renderer in `src/`, which is also served as a plain web app (`npm run web`).
 */
import { copyFile, cp, mkdir, readFile } from 'node:fs/promises'
import { dirname, join, normalize, resolve, sep } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'

/** pdf.js's data folders the importer asks for (src/import/pdfjs.ts), and where they go. */
const PDFJS_DATA = ['cmaps', 'standard_fonts']
const PDFJS_DIST = resolve(__dirname, 'node_modules/pdfjs-dist')

/**
 * Serves pdf.js's CMaps and standard fonts from the app's own origin as `pdfjs/<folder>/…`:
 * copied into the renderer build, and served from node_modules by the dev server. Without
 * them pdf.js loses the text of CJK PDFs and of PDFs with non-embedded standard fonts.
 */
function pdfjsData(): Plugin {
  return {
    name: 'casefile-pdfjs-data',
    async writeBundle(options) {
      const out = options.dir ?? resolve(__dirname, 'out/renderer')
      for (const folder of PDFJS_DATA) {
        await cp(join(PDFJS_DIST, folder), join(out, 'pdfjs', folder), { recursive: true })
      }
    },
    configureServer(server) {
      server.middlewares.use('/pdfjs/', (req, res, next) => {
        const path = normalize(join(PDFJS_DIST, decodeURIComponent((req.url ?? '').split('?')[0]!)))
        const folder = PDFJS_DATA.find((f) => path.startsWith(join(PDFJS_DIST, f) + sep))
        if (!folder) return next()
        readFile(path).then(
          (data) => res.end(data),
          () => next(),
        )
      })
    },
  }
}

const NODE_MODULES = resolve(__dirname, 'node_modules')

/**
 * The OCR engine's files (src/import/ocr/ocr-assets.ts): where each is served, inside the
 * renderer's `ocr/` folder, and where it comes from in node_modules. tesseract.js's worker
 * script; tesseract.js-core's LSTM-only builds (the engine picks the one the CPU supports:
 * relaxed SIMD, SIMD or plain; each embeds its WebAssembly); and the `@tesseract.js-data`
 * language files (the 4.0.0 "fast" data). Russian has no such package and is not shipped.
 */
export const OCR_LANGUAGE_CODES = ['eng', 'fas', 'ara', 'ukr']
const OCR_FILES: Record<string, string> = {
  'worker.min.js': 'tesseract.js/dist/worker.min.js',
  ...Object.fromEntries(
    ['', 'simd-', 'relaxedsimd-'].map((v) => [
      `core/tesseract-core-${v}lstm.wasm.js`,
      `tesseract.js-core/tesseract-core-${v}lstm.wasm.js`,
    ]),
  ),
  ...Object.fromEntries(
    OCR_LANGUAGE_CODES.map((code) => [
      `lang/${code}.traineddata.gz`,
      `@tesseract.js-data/${code}/4.0.0/${code}.traineddata.gz`,
    ]),
  ),
}

/**
 * Serves the OCR engine's files from the app's own origin as `ocr/…` (see `OCR_FILES`):
 * copied from node_modules into the renderer build, so that nothing large is checked in, and
 * served from node_modules by the dev server.
 */
function ocrAssets(): Plugin {
  return {
    name: 'casefile-ocr-assets',
    async writeBundle(options) {
      const out = options.dir ?? resolve(__dirname, 'out/renderer')
      for (const [to, from] of Object.entries(OCR_FILES)) {
        await mkdir(dirname(join(out, 'ocr', to)), { recursive: true })
        await copyFile(join(NODE_MODULES, from), join(out, 'ocr', to))
      }
    },
    configureServer(server) {
      server.middlewares.use('/ocr/', (req, res, next) => {
        const from =
          OCR_FILES[decodeURIComponent((req.url ?? '').split('?')[0]!).replace(/^\//, '')]
        if (!from) return next()
        readFile(join(NODE_MODULES, from)).then(
          (data) => res.end(data),
          () => next(),
        )
      })
    },
  }
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src'),
    base: './',
    publicDir: resolve(__dirname, 'resources/public'),
    plugins: [react(), pdfjsData(), ocrAssets()],
    worker: { format: 'es' },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      target: 'chrome130',
      // electron-vite leaves the renderer unminified by default; start-up reads every byte.
      // `CASEFILE_UNMINIFIED=1` keeps names and module regions for a CPU profile
      // (`BENCH_PROFILE=cold-start npm run bench -- --only start`).
      minify: process.env.CASEFILE_UNMINIFIED !== '1',
      sourcemap: false,
      // Chromium preloads modules itself: no polyfill in the entry.
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 2500,
      rollupOptions: { input: { index: resolve(__dirname, 'src/index.html') } },
    },
  },
})
