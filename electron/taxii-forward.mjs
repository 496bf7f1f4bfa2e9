/**
 * The one place where Casefile performs an HTTP request to a TAXII 2.1 team server, shared by
 * the three hosts that may do it: the desktop main process (electron/main/taxii.ts), the
 * browser build's web server (scripts/serve.mjs, a same-origin endpoint, because the page's
 * CSP allows `connect-src 'self'` only) and the command line (`npm run casefile -- push`).
 * It enforces the network posture in one place: the request must go to the configured server
 * (same origin as its URL), that URL must be `https:` unless its host is the loopback
 * interface, redirects are never followed (a 3xx is handed back as it is), and the only
 * headers sent are TAXII's Accept and Content-Type and the credentials. Transport failures
 * become typed results (`UNREACHABLE`, `TLS`, `URL_NOT_ALLOWED`), never a throw. Plain ESM
 * JavaScript with a `.d.mts` beside it, so that Node can run it without a build.
 */

/** TAXII 2.1's media type, sent as Accept (and Content-Type on a POST). */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1'

/** The response headers handed back to the caller (lower case); the rest are dropped. */
export const FORWARDED_HEADERS = Object.freeze([
  'content-type',
  'location',
  'www-authenticate',
  'x-taxii-date-added-first',
  'x-taxii-date-added-last',
])

/** How long one request may take before it counts as unreachable. */
export const DEFAULT_TIMEOUT_MS = 60_000

/** The largest response body read (a page of objects); a bigger one is a server error. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024

/** Error codes of a forwarded request that never got an HTTP answer. */
export const FORWARD_ERRORS = Object.freeze({
  urlNotAllowed: 'URL_NOT_ALLOWED',
  unreachable: 'UNREACHABLE',
  tls: 'TLS',
  tooLarge: 'TOO_LARGE',
})

/** A POST at least this large that loses its connection was most likely refused for its size. */
export const LARGE_POST_BYTES = 1024 * 1024

/**
 * Node's TLS failure codes (undici passes them as the `cause` of `fetch failed`), so that a
 * certificate problem is reported as one, not as an unreachable server.
 */
const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
])

/**
 * True for a host name on the loopback interface: `localhost`, 127.0.0.0/8 or `[::1]`.
 *
 * @param {string} hostname as `URL.hostname` spells it
 */
export function isLoopbackHost(hostname) {
  const host = hostname.toLowerCase()
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/**
 * Checks a team server URL against the network posture: absolute `https:` (or `http:` on the
 * loopback interface only), a host, and no user name or password inside the URL.
 *
 * @param {string} raw
 * @returns {{ ok: true, url: URL } | { ok: false, error: { code: string, message: string } }}
 */
export function checkServerUrl(raw) {
  let url
  try {
    url = new URL(String(raw).trim())
  } catch {
    return refuse(
      `"${String(raw).slice(0, 200)}" is not a URL. Type the server's full URL, e.g. https://taxii.example.org/taxii2/.`,
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse(`A team server URL starts with https:, not ${url.protocol}`)
  }
  if (url.hostname === '') return refuse('The team server URL has no host name.')
  if (url.username !== '' || url.password !== '') {
    return refuse(
      'Put the user name and password in their own fields, not inside the URL (user:password@host).',
    )
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return refuse(
      `Casefile sends credentials and case data only over https: to a server on another machine. Use https://${url.host}${url.pathname} (plain http: is allowed only for a server on this machine, 127.0.0.1).`,
    )
  }
  url.hash = ''
  return { ok: true, url }
}

/**
 * The Authorization header for the configured credentials: HTTP Basic for a user and
 * password (UTF-8, as RFC 7617 allows), Bearer for a token; undefined without credentials.
 *
 * @param {{ user?: string, password?: string, token?: string }} credentials
 */
export function authorizationHeader({ user, password, token }) {
  if (token) return `Bearer ${token}`
  if (user === undefined || user === '') return undefined
  const bytes = new TextEncoder().encode(`${user}:${password ?? ''}`)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return `Basic ${btoa(binary)}`
}

/**
 * Performs one TAXII request, if it goes to the configured server.
 *
 * @param {{ method: 'GET' | 'POST', url: string, body?: string }} request
 * @param {{ serverUrl: string, authorization?: string, fetch?: typeof fetch,
 *   timeoutMs?: number }} options `serverUrl` is the configured server: the request's URL must
 *   have the same origin.
 * @returns {Promise<{ ok: true, value: { status: number, headers: Record<string, string>,
 *   body: string } } | { ok: false, error: { code: string, message: string } }>}
 */
export async function forwardTaxiiRequest(request, options) {
  const server = checkServerUrl(options.serverUrl)
  if (!server.ok) return server
  if (request.method !== 'GET' && request.method !== 'POST') {
    return refuse(`Only GET and POST go to a team server, not ${String(request.method)}.`)
  }
  const target = checkServerUrl(request.url)
  if (!target.ok) return target
  if (target.url.origin !== server.url.origin) {
    return refuse(
      `Casefile contacts only the configured team server (${server.url.origin}), not ${target.url.origin}.`,
    )
  }
  /** @type {Record<string, string>} */
  const headers = { Accept: TAXII_MEDIA_TYPE }
  if (options.authorization) headers.Authorization = options.authorization
  if (request.method === 'POST') headers['Content-Type'] = TAXII_MEDIA_TYPE
  const doFetch = options.fetch ?? globalThis.fetch
  let response
  try {
    response = await doFetch(target.url.href, {
      method: request.method,
      headers,
      body: request.method === 'POST' ? (request.body ?? '') : undefined,
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    })
  } catch (error) {
    return transportFailure(error, target.url, request)
  }
  let body
  try {
    const declared = Number(response.headers.get('content-length') ?? 0)
    if (declared > MAX_RESPONSE_BYTES) throw new RangeError('too large')
    body = await response.text()
  } catch (error) {
    return transportFailure(error, target.url, request)
  }
  /** @type {Record<string, string>} */
  const kept = {}
  for (const name of FORWARDED_HEADERS) {
    const value = response.headers.get(name)
    if (value !== null) kept[name] = value
  }
  return { ok: true, value: { status: response.status, headers: kept, body } }
}

/**
 * A fetch failure as a typed result.
 *
 * @param {unknown} error
 * @param {URL} url
 * @param {{ method: string, body?: string }} request
 */
function transportFailure(error, url, request) {
  const code = causeCode(error)
  const size = request.method === 'POST' ? new TextEncoder().encode(request.body ?? '').length : 0
  if ((code === 'EPIPE' || code === 'ECONNRESET') && size >= LARGE_POST_BYTES) {
    // A server that refuses a body by its Content-Length answers 413 and closes the socket
    // while the body is still being written; the client then sees the broken pipe, not the 413.
    return {
      ok: false,
      error: {
        code: FORWARD_ERRORS.tooLarge,
        message: `${url.host} closed the connection while Casefile was sending ${size} bytes, which is how a server refuses a request that large (${code}).`,
      },
    }
  }
  if (code && TLS_CODES.has(code)) {
    return {
      ok: false,
      error: {
        code: FORWARD_ERRORS.tls,
        message: `The secure connection to ${url.host} failed (${code}).`,
      },
    }
  }
  const reason =
    error instanceof Error && error.name === 'TimeoutError'
      ? 'no answer in time'
      : (code ?? (error instanceof Error ? error.message : String(error)))
  return {
    ok: false,
    error: { code: FORWARD_ERRORS.unreachable, message: `No answer from ${url.host} (${reason}).` },
  }
}

/**
 * The error code of a failed fetch: undici puts the socket's error in `cause`.
 *
 * @param {unknown} error
 * @returns {string | undefined}
 */
function causeCode(error) {
  let current = error
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = /** @type {{ code?: unknown }} */ (current).code
    if (typeof code === 'string') return code
    current = /** @type {{ cause?: unknown }} */ (current).cause
  }
  return undefined
}

/**
 * @param {string} message
 * @returns {{ ok: false, error: { code: string, message: string } }}
 */
function refuse(message) {
  return { ok: false, error: { code: FORWARD_ERRORS.urlNotAllowed, message } }
}
