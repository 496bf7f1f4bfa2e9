/**
 * Loads pdf.js on first use, so that it (about 1.8 MB with its worker) is not part of the
 * app's first paint. In the app (Electron's renderer or Chromium) the parser runs in pdf.js's
 * own Web Worker, served from our origin as a Vite asset (`?url`), which the CSP's
 * `worker-src 'self'` allows. Unit tests run in Node, which has no Web Worker and for which
 * pdf.js ships (and asks for) its legacy build; there pdf.js runs a "fake worker" in-thread,
 * importing its worker module itself. `MODE` is a build-time constant, so the production
 * bundle holds only the first branch (checked: no legacy chunk is emitted).
 *
 * pdf.js also needs data files to read many real PDFs: the CMaps of CJK fonts (without them
 * their text is lost) and the standard fonts for PDFs that use the base-14 fonts without
 * embedding them. The build copies pdfjs-dist's `cmaps/` and `standard_fonts/` into the
 * renderer as `pdfjs/…` (electron.vite.config.ts), so they come from the app's own origin;
 * the tests read them from node_modules.
 */
/** The pdf.js module's API (the same for the modern and the legacy build). */
export type Pdfjs = typeof import('pdfjs-dist')

let loading: Promise<Pdfjs> | undefined

async function loadForApp(): Promise<Pdfjs> {
  const [pdfjs, worker] = await Promise.all([
    import('pdfjs-dist'),
    import('pdfjs-dist/build/pdf.worker.min.mjs?url'),
  ])
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default
  return pdfjs
}

async function loadForTests(): Promise<Pdfjs> {
  // Same API; the legacy build's declarations are a separate copy of the modern ones.
  return (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as Pdfjs
}

/** The pdf.js module, loaded once (a failed load is retried on the next call). */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= (import.meta.env.MODE === 'test' ? loadForTests() : loadForApp()).catch(
    (error: unknown) => {
      loading = undefined
      throw error
    },
  )
  return loading
}

/** Where pdf.js finds its CMaps and standard fonts (see the module comment). */
export interface PdfjsDataUrls {
  cMapUrl: string
  cMapPacked: true
  standardFontDataUrl: string
}

/** The folder, inside the built renderer, that holds pdf.js's data files. */
export const PDFJS_DATA_FOLDER = 'pdfjs'

/** The pdf.js data URLs for the document being imported (see the module comment). */
export function pdfjsDataUrls(): PdfjsDataUrls {
  if (import.meta.env.MODE === 'test') {
    // Node: pdf.js reads these with fs, from a path.
    const dir = import.meta.url.replace(/^file:\/\//, '').replace(/src\/import\/[^/]*$/, '')
    const root = `${decodeURIComponent(dir)}node_modules/pdfjs-dist/`
    return {
      cMapUrl: `${root}cmaps/`,
      cMapPacked: true,
      standardFontDataUrl: `${root}standard_fonts/`,
    }
  }
  const base = new URL(`${PDFJS_DATA_FOLDER}/`, globalThis.location?.href ?? document.baseURI)
  return {
    cMapUrl: new URL('cmaps/', base).href,
    cMapPacked: true,
    standardFontDataUrl: new URL('standard_fonts/', base).href,
  }
}
