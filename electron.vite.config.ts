/**
 * Build configuration for the three Electron targets: the main process, the sandboxed
 * preload (bundled as CommonJS, because a sandboxed preload cannot be an ES module) and the
 * React renderer in `src/`, which is also served as a plain web app (`npm run web`).
 */
import { cp, readFile } from 'node:fs/promises'
import { join, normalize, resolve, sep } from 'node:path'
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
    plugins: [react(), pdfjsData()],
    worker: { format: 'es' },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      target: 'chrome130',
      // electron-vite leaves the renderer unminified by default; start-up reads every byte.
      minify: true,
      sourcemap: false,
      chunkSizeWarningLimit: 2500,
      rollupOptions: { input: { index: resolve(__dirname, 'src/index.html') } },
    },
  },
})
