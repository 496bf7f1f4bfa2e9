/**
 * The browser `Platform`, for the renderer served as a plain web app (and for the
 * end-to-end tests): files come from a hidden file input, saving is a download through a
 * Blob URL, links and briefings to print open in a new tab without an opener (the browser's
 * own print dialog saves the PDF), and there is no native menu. The team server is reached
 * through the web server's same-origin endpoint (`TEAM_SERVER_ENDPOINT`, scripts/serve.mjs):
 * the page's CSP allows `connect-src 'self'` only. Its password or token is kept in this
 * page's memory only — not in sessionStorage, which Chromium writes to the profile on disk —
 * so a reload forgets it and the settings ask again.
 */
import { version } from '../../package.json'
import {
  MAX_IMPORT_BYTES,
  PRINT_ROUTE_PATTERN,
  normaliseExternalUrl,
} from '../../electron/contract'
import { authorizationHeader, checkServerUrl } from '../../electron/taxii-forward.mjs'
import { PlatformError } from './errors'
import type { Platform, SourceFile, TeamServerAnswer, TeamServerStatus } from './platform'

/**
 * The web server's endpoint that relays one request to the team server (same origin, so the
 * CSP allows it). Keep in step with `TAXII_RELAY_PATH` in scripts/serve.mjs.
 */
export const TEAM_SERVER_ENDPOINT = '/__casefile/taxii'

/** The header that marks a relay request as the app's own (a cross-site form cannot set it). */
export const TEAM_SERVER_HEADER = 'X-Casefile-Taxii'

/** This page's team server: the address and, for this page's life only, the secret. */
interface SessionServer {
  serverUrl: string
  user: string
  authKind: 'password' | 'token'
  secret?: string
}

/** A `SourceFile` over a browser `File`. */
export function fromBrowserFile(file: File): SourceFile {
  return {
    name: file.name,
    size: file.size,
    type: file.type,
    // Flagged like the desktop's over-size files, although the browser could still read it.
    tooLarge: file.size > MAX_IMPORT_BYTES,
    read: () => file.arrayBuffer(),
    blob: file,
    stream: () => file.stream(),
  }
}

/** The `accept` attribute for a list of extensions without dots. */
export function acceptFor(extensions: readonly string[]): string {
  return extensions.map((e) => `.${e.replace(/^\./, '')}`).join(',')
}

/** How long a download's Blob URL is kept alive; the browser needs it until the save starts. */
const REVOKE_AFTER_MS = 60_000

/** The `Platform` for a plain browser. */
export function createWebPlatform(fetchImpl: typeof fetch = (...a) => fetch(...a)): Platform {
  let server: SessionServer | undefined
  const status = (): TeamServerStatus => ({
    serverUrl: server?.serverUrl ?? null,
    user: server?.user ?? '',
    authKind: server?.authKind ?? 'password',
    hasSecret: Boolean(server?.secret),
    secretKept: server?.secret ? 'session' : 'none',
  })
  return {
    shell: 'web',

    async configureTeamServer({ serverUrl, user, authKind, secret }) {
      const checked = checkServerUrl(serverUrl)
      if (!checked.ok) throw new PlatformError(checked.error.code, checked.error.message)
      const href = checked.url.href
      const sameAccount = server?.serverUrl === href && server.user === user
      const kept = secret === undefined && sameAccount ? server?.secret : (secret ?? undefined)
      server = { serverUrl: href, user, authKind, ...(kept ? { secret: kept } : {}) }
      return status()
    },

    async teamServerStatus() {
      return status()
    },

    async teamServerRequest(request): Promise<TeamServerAnswer> {
      if (!server) {
        return {
          ok: false,
          error: {
            code: 'NOT_CONFIGURED',
            message: 'No team server is configured. Open Team server settings.',
          },
        }
      }
      const authorization = authorizationHeader(
        server.authKind === 'token'
          ? { token: server.secret }
          : { user: server.user, password: server.secret ?? '' },
      )
      let response: Response
      try {
        response = await fetchImpl(TEAM_SERVER_ENDPOINT, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TEAM_SERVER_HEADER]: '1' },
          body: JSON.stringify({ serverUrl: server.serverUrl, authorization, request }),
          credentials: 'same-origin',
          cache: 'no-store',
        })
      } catch {
        return relayMissing('The page lost its connection to the Casefile web server.')
      }
      if (!response.ok) {
        return relayMissing(
          `This page's web server has no team server relay (HTTP ${response.status}): run the browser build with npm run web, whose server relays requests to the configured team server.`,
        )
      }
      try {
        return (await response.json()) as TeamServerAnswer
      } catch {
        return relayMissing('The Casefile web server answered the relay request with no JSON.')
      }
    },

    openFiles({ extensions, multiple }) {
      return new Promise<SourceFile[]>((resolve) => {
        const input = document.createElement('input')
        input.type = 'file'
        input.multiple = multiple
        input.accept = acceptFor(extensions)
        input.hidden = true
        const finish = (files: SourceFile[]) => {
          input.remove()
          resolve(files)
        }
        input.addEventListener('change', () =>
          finish([...(input.files ?? [])].map(fromBrowserFile)),
        )
        input.addEventListener('cancel', () => finish([]))
        document.body.append(input)
        input.click()
      })
    },

    async saveFile({ suggestedName, mime, data }) {
      // Blob takes only ArrayBuffer-backed views; copy one that sits on a SharedArrayBuffer.
      const type = mime || 'application/octet-stream'
      const blob =
        data instanceof Blob
          ? data
          : new Blob(
              [
                data.buffer instanceof ArrayBuffer
                  ? (data as Uint8Array<ArrayBuffer>)
                  : new Uint8Array(data),
              ],
              { type },
            )
      const url = URL.createObjectURL(blob)
      const link = document.createElement('a')
      link.href = url
      link.download = suggestedName
      link.rel = 'noopener'
      link.hidden = true
      document.body.append(link)
      link.click()
      link.remove()
      setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS)
      // The browser does not say whether the user kept the download.
      return true
    },

    async printBriefing({ route }) {
      // The same check as the desktop's: only a print route, on this same page.
      if (!PRINT_ROUTE_PATTERN.test(route)) {
        throw new PlatformError('INVALID_PAYLOAD', 'Not a briefing print route.')
      }
      // The tab loads the app at the print route, which becomes the print document; the user
      // saves it with the browser's print dialog (Ctrl+P / Cmd+P, "Save as PDF"). With
      // 'noopener' window.open always returns null, so a blocked pop-up cannot be detected.
      window.open(location.pathname + location.search + route, '_blank', 'noopener')
      return true
    },

    async appInfo() {
      return { name: 'Casefile', version, shell: 'web', runtime: navigator.userAgent }
    },

    async openExternal(url) {
      const allowed = normaliseExternalUrl(url)
      if (!allowed) {
        throw new PlatformError('URL_NOT_ALLOWED', 'Only http and https links can be opened.')
      }
      window.open(allowed, '_blank', 'noopener,noreferrer')
    },

    onMenuCommand() {
      return () => {}
    },
  }
}

function relayMissing(message: string): TeamServerAnswer {
  return { ok: false, error: { code: 'UNREACHABLE', message } }
}
