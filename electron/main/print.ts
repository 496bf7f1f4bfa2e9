/**
 * Prints a briefing to PDF on the desktop. The renderer already knows how to turn a briefing
 * into its print document: loading the app at its print route (`#/print/<case>/<briefing>…`,
 * src/features/briefing/PrintRoute.tsx) replaces the whole page with the briefing's print
 * HTML, with its CSS `@page` size and margin boxes. So the main process opens a hidden,
 * sandboxed window without a preload on the app's own page and session (it must see the same
 * IndexedDB as the app window), loads that route, waits until the print document has
 * replaced the app, and hands the page to Chromium's `printToPDF` with the CSS page size.
 * The window refuses every navigation, redirect, `window.open` and `<webview>`, and is
 * destroyed however the attempt ends.
 */
import type {
  BrowserWindowConstructorOptions,
  PrintToPDFOptions,
  Session,
  WebContents,
} from 'electron'
import { PRINT_ROUTE_PATTERN, type PrintPageSize } from '../contract'
import { APP_ENTRY_URL, WINDOW_PREFERENCES, guardWebContents } from './security'

/** The part of a `BrowserWindow` the printer uses (a real one satisfies it). */
export interface PrintWindow {
  readonly webContents: WebContents
  destroy(): void
  isDestroyed(): boolean
}

/** What `printRouteToPdf` needs from Electron, passed in so that tests can fake the window. */
export interface PrintDeps {
  /** `new BrowserWindow(options)`. */
  createWindow(options: BrowserWindowConstructorOptions): PrintWindow
  /**
   * The app window's session, so the print window reads the same IndexedDB. The app window
   * uses the default session (no partition), so this is `session.defaultSession`.
   */
  session?: Session
  /** The page the app window loads: `APP_ENTRY_URL`, or the dev server's URL in development. */
  entryUrl?: string
  /** How long the page may take to load and show the print document; 15 s by default. */
  readyTimeoutMs?: number
  /** How long Chromium may take to produce the PDF; 60 s by default. */
  printTimeoutMs?: number
  /** How often the page is asked whether it is ready; 100 ms by default. */
  pollIntervalMs?: number
  /** Where refused navigations are reported; defaults to console.warn. */
  log?: (message: string) => void
}

/** What to print: a print route (see `PRINT_ROUTE_PATTERN`) and the paper it asks for. */
export interface PrintRequest {
  route: string
  pageSize: PrintPageSize
}

/** A print that did not produce a PDF; its message is meant for the user. */
export class PrintError extends Error {
  override name = 'PrintError'
}

export const DEFAULT_READY_TIMEOUT_MS = 15_000
export const DEFAULT_PRINT_TIMEOUT_MS = 60_000
const DEFAULT_POLL_INTERVAL_MS = 100

/**
 * The hidden window's options: the app's own webPreferences (sandboxed, isolated, no Node)
 * without a preload — the print page needs no `window.casefile` — on the app's session.
 * Background throttling is off because a window that is never shown counts as hidden, and
 * Chromium would otherwise slow its timers while the app boots and reads IndexedDB.
 */
export function printWindowOptions(session?: Session): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 1000,
    height: 1400,
    webPreferences: {
      ...WINDOW_PREFERENCES,
      backgroundThrottling: false,
      ...(session ? { session } : {}),
    },
  }
}

/** The options given to `printToPDF`: the page's own CSS `@page` size and margins win. */
export function pdfOptions(pageSize: PrintPageSize): PrintToPDFOptions {
  return {
    preferCSSPageSize: true,
    printBackground: true,
    // The running handling line and "Page n of m" are CSS margin boxes in the document.
    displayHeaderFooter: false,
    // Only used if the document had no `@page size`; it always has one.
    pageSize,
  }
}

/**
 * Asked of the page until it answers `ready` or `failed`. It relies on two things only:
 * the app's page has its React root (`#root`, src/index.html) until the print route
 * replaces the whole document (document.open/write/close, which runs in one task, so a poll
 * never sees half a document); and the app shows a failure — the briefing is gone, the
 * store cannot open — as `.boot.failed` with an `<h1>` inside that root. Once the root is
 * gone the print document is parsed; it is ready when its images (the figures, data: SVGs)
 * have loaded and its fonts are in. Runs in the page's main world; its answer is checked.
 */
export const READY_CHECK = `(() => {
  const root = document.getElementById('root')
  if (root) {
    const failed = root.querySelector('.boot.failed')
    if (!failed) return { state: 'waiting' }
    const text = (failed.querySelector('h1') || failed).textContent || ''
    return { state: 'failed', message: text.trim().slice(0, 300) }
  }
  if (!document.body || document.body.childElementCount === 0) return { state: 'waiting' }
  if (document.readyState === 'loading') return { state: 'waiting' }
  if (!Array.from(document.images).every((image) => image.complete)) return { state: 'waiting' }
  if (document.fonts && document.fonts.status !== 'loaded') return { state: 'waiting' }
  return { state: 'ready' }
})()`

type Readiness = { state: 'waiting' } | { state: 'ready' } | { state: 'failed'; message: string }

/** The page's answer to `READY_CHECK`, distrusted: anything unexpected counts as waiting. */
export function parseReadiness(answer: unknown): Readiness {
  if (typeof answer !== 'object' || answer === null) return { state: 'waiting' }
  const { state, message } = answer as { state?: unknown; message?: unknown }
  if (state === 'ready') return { state: 'ready' }
  if (state === 'failed') {
    const text = typeof message === 'string' ? message.slice(0, 300) : ''
    return { state: 'failed', message: text || 'The briefing could not be opened.' }
  }
  return { state: 'waiting' }
}

/**
 * Installs the print window's guards: the app window's (security.ts: no `<webview>`, every
 * `window.open` denied) and, stricter than the app window, every navigation and redirect
 * cancelled, even within the app's origin — the window loads one page and prints it. Links
 * are never handed to the system browser from a window nobody sees.
 */
export function guardPrintContents(contents: WebContents, log: (message: string) => void): void {
  guardWebContents(contents, {
    openExternal: async (url) => {
      throw new PrintError(`The print window does not open links (${url}).`)
    },
    log,
  })
  const refuse = (event: { preventDefault(): void; url: string }) => {
    event.preventDefault()
    log(`Blocked navigation of the print window to ${event.url}`)
  }
  contents.on('will-navigate', refuse)
  contents.on('will-frame-navigate', refuse)
  contents.on('will-redirect', refuse)
}

/** The URL the print window loads: the app's page with `route` as its hash. */
export function printUrl(entryUrl: string, route: string): string {
  return `${entryUrl.split('#')[0]}${route}`
}

/**
 * Renders `route` in a hidden window and returns the PDF's bytes. Rejects with a
 * `PrintError` when the route is not a print route, the page does not show the print
 * document within the ready timeout, the app reports a failure (a deleted briefing), or
 * Chromium does not produce the PDF in time. The window is always destroyed.
 */
export async function printRouteToPdf(deps: PrintDeps, request: PrintRequest): Promise<Uint8Array> {
  const { route, pageSize } = request
  if (!PRINT_ROUTE_PATTERN.test(route) || (pageSize !== 'A4' && pageSize !== 'Letter')) {
    throw new PrintError('Not a briefing print route.')
  }
  const log = deps.log ?? ((m: string) => console.warn(m))
  const readyTimeout = deps.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS
  const interval = deps.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS
  const notReady = `The briefing was not ready to print after ${Math.round(readyTimeout / 1000)} s.`

  const win = deps.createWindow(printWindowOptions(deps.session))
  try {
    const contents = win.webContents
    guardPrintContents(contents, log)
    const deadline = Date.now() + readyTimeout

    await beforeDeadline(
      contents.loadURL(printUrl(deps.entryUrl ?? APP_ENTRY_URL, route)),
      deadline,
      notReady,
    )
    for (;;) {
      const answer = parseReadiness(
        await beforeDeadline(contents.executeJavaScript(READY_CHECK), deadline, notReady),
      )
      if (answer.state === 'ready') break
      if (answer.state === 'failed') throw new PrintError(answer.message)
      if (Date.now() + interval >= deadline) throw new PrintError(notReady)
      await sleep(interval)
    }

    const pdf = await beforeDeadline(
      contents.printToPDF(pdfOptions(pageSize)),
      Date.now() + (deps.printTimeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS),
      'Producing the PDF took too long.',
    )
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
  } finally {
    if (!win.isDestroyed()) win.destroy()
  }
}

/**
 * `promise`, or a `PrintError(message)` once `deadline` (ms since epoch) passes. A promise
 * that loses the race is left to settle on its own (its rejection is swallowed): the window
 * it belongs to is destroyed straight after.
 */
function beforeDeadline<T>(promise: Promise<T>, deadline: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PrintError(message)), Math.max(0, deadline - Date.now()))
  })
  promise.catch(() => undefined)
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
