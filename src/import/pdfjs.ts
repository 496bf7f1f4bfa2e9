/**
 * Loads pdf.js on first use, so that it (about 1.8 MB with its worker) is not part of the
 * app's first paint. In the app (Electron's renderer or Chromium) the parser runs in pdf.js's
 * own Web Worker, served from our origin as a Vite asset (`?url`), which the CSP's
 * `worker-src 'self'` allows. Unit tests run in Node, which has no Web Worker and for which
 * pdf.js ships (and asks for) its legacy build; there pdf.js runs a "fake worker" in-thread,
 * importing its worker module itself. `MODE` is a build-time constant, so the production
 * bundle holds only the first branch (checked: no legacy chunk is emitted).
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
