/**
 * The browser `Platform`, for the renderer served as a plain web app (and for the
 * end-to-end tests): files come from a hidden file input, saving is a download through a
 * Blob URL, links and briefings to print open in a new tab without an opener (the browser's
 * own print dialog saves the PDF), and there is no native menu.
 */
import { version } from '../../package.json'
import {
  MAX_IMPORT_BYTES,
  PRINT_ROUTE_PATTERN,
  normaliseExternalUrl,
} from '../../electron/contract'
import { PlatformError } from './errors'
import type { Platform, SourceFile } from './platform'

/** A `SourceFile` over a browser `File`. */
export function fromBrowserFile(file: File): SourceFile {
  return {
    name: file.name,
    size: file.size,
    type: file.type,
    // Flagged like the desktop's over-size files, although the browser could still read it.
    tooLarge: file.size > MAX_IMPORT_BYTES,
    read: () => file.arrayBuffer(),
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
export function createWebPlatform(): Platform {
  return {
    shell: 'web',

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
      const bytes =
        data.buffer instanceof ArrayBuffer
          ? (data as Uint8Array<ArrayBuffer>)
          : new Uint8Array(data)
      const url = URL.createObjectURL(
        new Blob([bytes], { type: mime || 'application/octet-stream' }),
      )
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
