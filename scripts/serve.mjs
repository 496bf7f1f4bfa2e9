#!/usr/bin/env node
/**
 * A tiny, dependency-free static server for the built renderer (`out/renderer`), bound to
 * 127.0.0.1 only. It is how Casefile runs as a plain web app (`npm run web`) and what the
 * end-to-end tests drive, so it sends the same Content-Security-Policy header as the desktop
 * app's `app://` handler (both import `electron/csp.mjs`): a test that passes here has proved
 * the app works under the real CSP.
 * Files are served only from inside the root, with the containment checked after
 * percent-decoding and again after resolving symlinks; nothing is cached. Importable
 * (`startServer`) for the e2e harness, which can also ask for CSP violation reports (the only
 * way to see violations inside workers); the command line part runs only when invoked directly:
 * `node scripts/serve.mjs [--port N] [--root DIR]` (port also from `PORT`, default 5178;
 * `--port 0` picks a free one). The first line printed is always the URL.
 * It also plays the desktop main process's part for the team server (issue 14): the page may
 * connect only to its own origin, so `POST /__casefile/taxii` relays one TAXII request to the
 * team server the page has configured, through the same forwarder as the desktop app
 * (`electron/taxii-forward.mjs`: https, or http on loopback; only that server's origin; no
 * redirects). It answers only the app's own page (same Origin, the `X-Casefile-Taxii` header a
 * cross-site form cannot send), keeps nothing and logs nothing of what it relays.
 */
import { createReadStream, realpathSync } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CONTENT_SECURITY_POLICY } from '../electron/csp.mjs'
import { forwardTaxiiRequest } from '../electron/taxii-forward.mjs'

/** The host the server binds to: loopback only, never a public interface. */
export const HOST = '127.0.0.1'

/** The port used when neither `--port` nor `PORT` is given. */
export const DEFAULT_PORT = 5178

/**
 * The Content-Security-Policy sent with every response: the desktop app's, from the one source
 * both import (`electron/csp.mjs`).
 */
export const CSP = CONTENT_SECURITY_POLICY

/** Where the browser posts CSP violation reports when `startServer` gets `onCspReport`. */
export const CSP_REPORT_PATH = '/__casefile/csp-report'

/** Where the page posts a request for the team server (see `relayTaxii`). */
export const TAXII_RELAY_PATH = '/__casefile/taxii'

/** The largest relay request read: one TAXII envelope (16 MiB of text) and its wrapping. */
export const MAX_RELAY_BYTES = 40 * 1024 * 1024

/**
 * Content types by lower-case file extension; anything else is `application/octet-stream`.
 *
 * @type {Readonly<Record<string, string>>}
 */
export const MIME_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
})

/** Headers sent with every response, errors included. */
const BASE_HEADERS = {
  'Content-Security-Policy': CSP,
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
}

/** The default root: `out/renderer` next to this script's folder. */
const DEFAULT_ROOT = fileURLToPath(new URL('../out/renderer/', import.meta.url))

/**
 * Starts serving `root` on 127.0.0.1.
 *
 * @param {{ root?: string, port?: number, onCspReport?: (report: unknown) => void,
 *   taxiiFetch?: typeof fetch }} [options]
 *   `root` defaults to `out/renderer`; `port` defaults to 5178, and 0 picks a free port. With
 *   `onCspReport`, the policy also names `CSP_REPORT_PATH` as its `report-uri` (enforcement is
 *   unchanged) and each parsed report posted there is passed to the callback. `taxiiFetch`
 *   overrides the team server relay's fetch (tests).
 * @returns {Promise<{ url: string, origin: string, port: number, root: string,
 *   close: () => Promise<void> }>} the address (`url` ends with `/`) and a `close` that stops
 *   the server and drops open connections.
 */
export async function startServer({
  root = DEFAULT_ROOT,
  port = DEFAULT_PORT,
  onCspReport,
  taxiiFetch,
} = {}) {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`invalid port: ${port}`)
  }
  // Resolve symlinks once so that the per-request containment check compares like with like.
  const realRoot = await realpath(resolve(root))
  if (!(await stat(realRoot)).isDirectory()) throw new Error(`not a directory: ${realRoot}`)

  const headers = onCspReport
    ? { ...BASE_HEADERS, 'Content-Security-Policy': `${CSP}; report-uri ${CSP_REPORT_PATH}` }
    : BASE_HEADERS
  /** @type {{ origin: string }} */
  const self = { origin: '' }
  const server = createServer((req, res) => {
    const work =
      onCspReport && req.method === 'POST' && req.url === CSP_REPORT_PATH
        ? receiveReport(req, res, onCspReport)
        : req.url === TAXII_RELAY_PATH
          ? relayTaxii(req, res, self.origin, taxiiFetch)
          : handle(realRoot, headers, req, res)
    work.catch((error) => {
      if (!res.headersSent) send(res, headers, 500, 'Internal Server Error')
      else res.destroy(error)
    })
  })
  await new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen)
    server.listen(port, HOST, () => {
      server.off('error', rejectListen)
      resolveListen(undefined)
    })
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  const origin = `http://${HOST}:${address.port}`
  self.origin = origin
  return {
    url: `${origin}/`,
    origin,
    port: address.port,
    root: realRoot,
    close: () =>
      new Promise((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose(undefined)))
        // Keep-alive connections would otherwise hold close() open until they time out.
        server.closeAllConnections()
      }),
  }
}

/**
 * Answers one request: GET or HEAD of a regular file under `root`; `/` and directories map to
 * their `index.html`.
 *
 * @param {string} root real path of the served folder
 * @param {Record<string, string>} headers sent with every response
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
async function handle(root, headers, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, { ...headers, Allow: 'GET, HEAD' }, 405, 'Method Not Allowed')
    return
  }
  const file = await resolveFile(root, req.url ?? '/')
  if (file === 'bad-request') return send(res, headers, 400, 'Bad Request')
  if (file === undefined) return send(res, headers, 404, 'Not Found')
  if ('redirect' in file) {
    return send(res, { ...headers, Location: file.redirect }, 301, 'Moved Permanently')
  }

  res.writeHead(200, {
    ...headers,
    'Content-Type': MIME_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': file.size,
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  const stream = createReadStream(file.path)
  stream.on('error', (error) => res.destroy(error))
  stream.pipe(res)
}

/**
 * Maps a request target to a regular file inside `root`.
 *
 * @param {string} root real path of the served folder
 * @param {string} target the request target, e.g. `/assets/index-abc.js?x=1`
 * @returns {Promise<{ path: string, size: number } | { redirect: string } | 'bad-request' |
 *   undefined>} the file; a redirect for a directory named without its trailing slash (so that
 *   its relative links resolve); `'bad-request'` for a target that does not decode; or
 *   undefined when there is no such file inside the root (escapes are answered like missing
 *   files, so they reveal nothing).
 */
async function resolveFile(root, target) {
  // Origin-form targets (`/path?query`) are taken as written: `new URL('//x', base)` would
  // read `x` as a host. Dot segments are left to `resolve()`; the containment check follows.
  let rawPath = target.split(/[?#]/, 1)[0] ?? ''
  const query = target.slice(rawPath.length).split('#', 1)[0] ?? ''
  let pathname
  try {
    if (!rawPath.startsWith('/')) {
      if (!/^https?:\/\//i.test(target)) return 'bad-request'
      rawPath = new URL(target).pathname
    }
    pathname = decodeURIComponent(rawPath)
  } catch {
    return 'bad-request'
  }
  if (pathname.includes('\0')) return 'bad-request'

  let candidate = resolve(root, `.${pathname}`)
  if (!isInside(root, candidate)) return undefined
  try {
    let info = await stat(candidate)
    if (info.isDirectory()) {
      // One leading slash only: `//host/` in a Location header would leave the origin.
      if (!rawPath.endsWith('/')) return { redirect: `/${rawPath.replace(/^\/+/, '')}/${query}` }
      candidate = join(candidate, 'index.html')
      info = await stat(candidate)
    }
    if (!info.isFile()) return undefined
    // A symlink inside the root must not lead outside it.
    const real = await realpath(candidate)
    if (!isInside(root, real)) return undefined
    return { path: real, size: info.size }
  } catch {
    return undefined
  }
}

/**
 * @param {string} root
 * @param {string} path an absolute, normalised path
 */
function isInside(root, path) {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)
}

/**
 * Reads one CSP violation report (at most 64 KiB of JSON) and hands it on.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {(report: unknown) => void} onCspReport
 */
async function receiveReport(req, res, onCspReport) {
  const chunks = []
  let size = 0
  for await (const chunk of req) {
    size += chunk.length
    if (size > 65536) return send(res, BASE_HEADERS, 413, 'Payload Too Large')
    chunks.push(chunk)
  }
  let report
  try {
    report = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    return send(res, BASE_HEADERS, 400, 'Bad Request')
  }
  onCspReport(report)
  res.writeHead(204, BASE_HEADERS)
  res.end()
}

/**
 * Relays one TAXII request from the app's page to the team server it configured, and answers
 * `{ ok, value: { status, headers, body } }` or `{ ok: false, error: { code, message } }` as
 * JSON (always HTTP 200 once the relay request itself is acceptable). Refused with 403 unless
 * it comes from this server's own page: the browser sends `Origin` with every POST, and a
 * cross-site page could only send the custom header after a CORS preflight, which is never
 * granted here.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} origin this server's origin
 * @param {typeof fetch | undefined} fetchImpl
 */
async function relayTaxii(req, res, origin, fetchImpl) {
  if (req.method !== 'POST') {
    return send(res, { ...BASE_HEADERS, Allow: 'POST' }, 405, 'Method Not Allowed')
  }
  const site = req.headers['sec-fetch-site']
  if (
    req.headers.origin !== origin ||
    req.headers['x-casefile-taxii'] !== '1' ||
    (site !== undefined && site !== 'same-origin') ||
    !String(req.headers['content-type'] ?? '').startsWith('application/json')
  ) {
    return send(res, BASE_HEADERS, 403, 'Forbidden')
  }
  const chunks = []
  let size = 0
  for await (const chunk of req) {
    size += chunk.length
    if (size > MAX_RELAY_BYTES) return send(res, BASE_HEADERS, 413, 'Payload Too Large')
    chunks.push(chunk)
  }
  let relay
  try {
    relay = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    return send(res, BASE_HEADERS, 400, 'Bad Request')
  }
  const request = relay?.request
  if (
    typeof relay?.serverUrl !== 'string' ||
    (relay.authorization !== undefined && typeof relay.authorization !== 'string') ||
    typeof request?.url !== 'string' ||
    (request.body !== undefined && typeof request.body !== 'string')
  ) {
    return send(res, BASE_HEADERS, 400, 'Bad Request')
  }
  const result = await forwardTaxiiRequest(
    { method: request.method, url: request.url, body: request.body },
    { serverUrl: relay.serverUrl, authorization: relay.authorization, fetch: fetchImpl },
  )
  const body = JSON.stringify(result)
  res.writeHead(200, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {Record<string, string>} headers
 * @param {number} status
 * @param {string} text
 */
function send(res, headers, status, text) {
  const body = `${status} ${text}\n`
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(res.req.method === 'HEAD' ? undefined : body)
}

/**
 * Reads the port from `--port N`, `--port=N` or `PORT`, and the root from `--root DIR`.
 *
 * @param {string[]} argv arguments after the script name
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ port: number, root: string }}
 */
function parseArgs(argv, env) {
  let port = env.PORT !== undefined && env.PORT !== '' ? env.PORT : String(DEFAULT_PORT)
  let root = DEFAULT_ROOT
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg]
    const value = () => {
      const next = inline ?? argv[++i]
      if (next === undefined) throw new Error(`${name} needs a value`)
      return next
    }
    if (name === '--port') port = value()
    else if (name === '--root') root = resolve(value())
    else if (name === '--help' || name === '-h') {
      console.log('usage: node scripts/serve.mjs [--port N] [--root DIR]   (PORT=N also works)')
      process.exit(0)
    } else throw new Error(`unknown argument: ${arg}`)
  }
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error(`invalid port: ${port}`)
  return { port: Number(port), root }
}

/** The command line: serve until SIGINT/SIGTERM. */
async function main() {
  let options
  try {
    options = parseArgs(process.argv.slice(2), process.env)
  } catch (error) {
    console.error(`serve: ${error instanceof Error ? error.message : error}`)
    process.exit(2)
  }
  try {
    await stat(join(options.root, 'index.html'))
  } catch {
    console.error(`serve: ${join(options.root, 'index.html')} is missing: run npm run build first`)
    process.exit(1)
  }
  let server
  try {
    server = await startServer(options)
  } catch (error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code
    const reason = code === 'EADDRINUSE' ? `port ${options.port} is in use` : String(error)
    console.error(`serve: ${reason}`)
    process.exit(1)
  }
  console.log(`Casefile running at ${server.url}`)
  console.log(`serving ${server.root} (Ctrl+C to stop)`)
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

/** True when this file is the script Node was started with (not an import). */
function invokedDirectly() {
  const entry = process.argv[1]
  if (entry === undefined) return false
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (invokedDirectly()) await main()
