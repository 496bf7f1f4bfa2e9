/**
 * Serves the built renderer from the privileged `app://casefile/` origin instead of
 * `file://`: registers the scheme before the app is ready, and answers each request with a
 * file from inside `out/renderer` only (checked after decoding, normalising and resolving
 * symlinks), with its MIME type and the app's Content-Security-Policy header. Requests for
 * anything else get a bodiless 4xx.
 */
import { readFile, realpath } from 'node:fs/promises'
import { extname, relative, isAbsolute, sep } from 'node:path'
import type { CustomScheme, Protocol } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../csp.mjs'
import { APP_HOST, APP_SCHEME, resolveInside } from './security'

/** The Content-Security-Policy sent with every response: the app's one policy (`csp.mjs`). */
export { CONTENT_SECURITY_POLICY }

/**
 * The scheme's privileges. Not `corsEnabled`: leaving it off keeps app files unreadable
 * from any other origin. Not `bypassCSP`: the page must obey its own policy.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
}

/** MIME types of the files a Vite build emits; anything else is served as octet-stream. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.pdf': 'application/pdf',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
}

/** The MIME type for a file path, by extension. */
export function mimeTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/** Registers `app` as a privileged scheme. Must run before the app's `ready` event. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
}

function refuse(status: number): Response {
  return new Response(null, {
    status,
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  })
}

function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

/**
 * Builds the request handler for the app scheme, serving files from `rootDir` (the built
 * renderer). Only GET and HEAD on host `casefile` are answered; `/` means `/index.html`.
 * Exposed separately from `handleAppProtocol` so that it can be tested with plain `Request`s.
 */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  let realRoot: Promise<string> | undefined
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405)
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      return refuse(400)
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404)
    const pathname = url.pathname === '/' || url.pathname === '' ? '/index.html' : url.pathname
    const file = resolveInside(rootDir, pathname)
    if (!file) return refuse(404)
    try {
      // A symlink inside the folder must not lead outside it.
      realRoot ??= realpath(rootDir).catch((e: unknown) => {
        realRoot = undefined
        throw e
      })
      const real = await realpath(file)
      if (!isWithin(await realRoot, real)) return refuse(404)
      const body = await readFile(real)
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          'Content-Type': mimeTypeFor(real),
          'Content-Length': String(body.byteLength),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        },
      })
    } catch {
      return refuse(404)
    }
  }
}

/** Serves `rootDir` on the app scheme. Must run after the app's `ready` event. */
export function handleAppProtocol(protocol: Protocol, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir))
}
