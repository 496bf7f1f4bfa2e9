/**
 * The main process's security rules, kept as small functions so that they can be unit-tested
 * without Electron: the app's one origin, the window's webPreferences, which URLs may leave
 * the app, which frames may call IPC, which paths the app protocol may serve, and the guards
 * installed on the window (navigation, new windows, `<webview>`, permissions). Electron is
 * imported for types only; the callers pass in the live objects.
 */
import { isAbsolute, relative, resolve, sep, win32 } from 'node:path'
import type { Session, WebContents, WebPreferences } from 'electron'
import { normaliseExternalUrl } from '../contract'

export { isAllowedExternalUrl, normaliseExternalUrl } from '../contract'

/**
 * The privileged scheme the packaged UI is served from. IndexedDB data belongs to the
 * origin, so this origin must never change once users have data (CONVENTIONS.md).
 */
export const APP_SCHEME = 'app'
/** The host of the app origin. */
export const APP_HOST = 'casefile'
/** The app's origin as Chromium spells it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** The page the packaged window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** Every window's webPreferences, set explicitly rather than trusting Electron's defaults. */
export const WINDOW_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} satisfies WebPreferences)

/** The webPreferences for a window whose preload script is at `preload`. */
export function windowPreferences(preload: string): WebPreferences {
  return { ...WINDOW_PREFERENCES, preload }
}

/**
 * True when `frameUrl` belongs to the app's own page: `app://casefile/…`, or in development
 * the origin of `devServerUrl` (the electron-vite dev server). Anything unparsable is
 * untrusted. The scheme and host are compared rather than `URL.origin`, because Node gives
 * custom schemes an opaque origin ("null").
 */
export function isTrustedSender(frameUrl: string | undefined, devServerUrl?: string): boolean {
  if (!frameUrl) return false
  let url: URL
  try {
    url = new URL(frameUrl)
  } catch {
    return false
  }
  if (url.username !== '' || url.password !== '') return false
  if (url.protocol === `${APP_SCHEME}:`) return url.host === APP_HOST
  if (!devServerUrl) return false
  try {
    const dev = new URL(devServerUrl)
    return (dev.protocol === 'http:' || dev.protocol === 'https:') && url.origin === dev.origin
  } catch {
    return false
  }
}

/**
 * Resolves `requestPath` (a URL path, still percent-encoded, such as `/assets/index.js`)
 * to a file strictly inside `root`, or returns null. The path is decoded first and then
 * normalised, so `..`, `%2e%2e`, `%2f` and absolute paths cannot climb out; backslashes and
 * NUL bytes are refused outright because they mean different things on different systems.
 */
export function resolveInside(root: string, requestPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(requestPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const rel = decoded.replace(/^\/+/, '')
  // A drive-letter or UNC path is absolute on Windows even after the leading slashes go.
  if (rel === '' || isAbsolute(rel) || win32.isAbsolute(rel)) return null
  const base = resolve(root)
  const full = resolve(base, rel)
  const inside = relative(base, full)
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return null
  }
  return full
}

/** What the window guards need from the outside world. */
export interface GuardOptions {
  /** Opens an allowed URL in the system browser (`shell.openExternal`). */
  openExternal: (url: string) => Promise<void>
  /** The dev server's URL in development; undefined in a packaged app. */
  devServerUrl?: string
  /** Where refusals are reported; defaults to console.warn. */
  log?: (message: string) => void
}

/**
 * Installs the window's guards on `contents`: every navigation and redirect away from the
 * app's own page is cancelled, `window.open` never creates a window (allowed http(s) links
 * open in the system browser instead), and `<webview>` is never attached.
 */
export function guardWebContents(contents: WebContents, options: GuardOptions): void {
  const log = options.log ?? ((m: string) => console.warn(m))
  const stayOnApp = (event: { preventDefault(): void; url: string }) => {
    if (isTrustedSender(event.url, options.devServerUrl)) return
    event.preventDefault()
    log(`Blocked navigation to ${event.url}`)
  }
  contents.on('will-navigate', stayOnApp)
  contents.on('will-frame-navigate', stayOnApp)
  contents.on('will-redirect', stayOnApp)
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    log('Blocked a <webview>')
  })
  contents.setWindowOpenHandler(({ url }) => {
    const external = normaliseExternalUrl(url)
    if (external) {
      options.openExternal(external).catch((e: unknown) => log(`Could not open ${external}: ${e}`))
    } else {
      log(`Blocked window.open of ${url}`)
    }
    return { action: 'deny' }
  })
}

/**
 * Whether a permission may be granted. Everything is denied except persistent storage for
 * the app's own page: all of an analyst's cases live in IndexedDB, and without it Chromium
 * may evict them under disk pressure.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
  devServerUrl?: string,
): boolean {
  return permission === 'persistent-storage' && isTrustedSender(requestingUrl, devServerUrl)
}

/** Installs permission request and check handlers on `session` that apply `isPermissionAllowed`. */
export function guardSession(session: Session, devServerUrl?: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, devServerUrl))
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, devServerUrl),
  )
}
