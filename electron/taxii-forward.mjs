/**
 * The one place where Casefile performs an HTTP request to a TAXII 2.1 team server, shared by
 * the three hosts that may do it: the desktop main process (electron/main/taxii.ts), the
 * browser build's web server (scripts/serve.mjs, a same-origin endpoint, because the page's
 * CSP allows `connect-src 'self'` only) and the command line (`npm run casefile -- push`).
 * It enforces the network posture in one place: the request must go to the configured server
 * (same origin as its URL), that URL must be `https:` unless its host is the loopback
 * interface, redirects are never followed (a 3xx is handed back as it is), and the only
 * headers sent are TAXII's Accept and Content-Type and the credentials. A request that meets a
 * kept-alive connection the server had just closed is sent once more on a fresh one, where that
 * is safe. Transport failures become typed results (`UNREACHABLE`, `TLS`, `TOO_LARGE`,
 * `URL_NOT_ALLOWED`), never a throw. Plain ESM
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

/**
 * A POST at least this large whose new connection is closed without an answer was refused for
 * its size (the server answered 413 and closed; the client saw the broken pipe).
 */
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
 * Performs one TAXII request, if it goes to the configured server. Under Node (the main
 * process, the web server, the command line) it goes over Node's http/https with a keep-alive
 * agent; with `options.fetch` (tests), or where Node is absent, over that fetch.
 *
 * A server may close an idle keep-alive connection just as the next request is sent on it; the
 * request then fails with ECONNRESET, EPIPE or "socket hang up" although the server is fine.
 * Such a failure is retried ONCE on a fresh connection when that is safe: always for a GET
 * (idempotent), and for a POST only when it went out on a reused connection and no byte of an
 * answer came back (the server had closed the connection before taking the body). Any other
 * failure is reported as what it is.
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
  /** @type {Exchange} */
  const exchange = {
    url: target.url,
    method: request.method,
    headers,
    body: request.method === 'POST' ? (request.body ?? '') : undefined,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  }
  const node = options.fetch ? undefined : nodeHttp()
  /** @param {boolean} fresh */
  const send = (fresh) =>
    node
      ? sendWithNode(node, exchange, fresh)
      : sendWithFetch(options.fetch ?? globalThis.fetch, exchange)
  let attempt = await send(false)
  if (!attempt.ok && mayRetry(attempt, request.method)) attempt = await send(true)
  if (!attempt.ok) return transportFailure(attempt, target.url, request)
  return {
    ok: true,
    value: { status: attempt.status, headers: attempt.headers, body: attempt.body },
  }
}

/**
 * One request as it goes out.
 *
 * @typedef {{ url: URL, method: 'GET' | 'POST', headers: Record<string, string>,
 *   body: string | undefined, timeoutMs: number }} Exchange
 */

/**
 * How one try ended: an answer (status, the kept headers, the body), or a failure with what is
 * known of the connection. `reused`: the request went out on a kept-alive connection (undefined:
 * not known, over fetch); `answered`: bytes of an answer came back; `overLimit`: the answer passed
 * `MAX_RESPONSE_BYTES`; `timedOut`: the time ran out.
 *
 * @typedef {{ ok: true, status: number, headers: Record<string, string>, body: string }
 *   | { ok: false, error: unknown, reused: boolean | undefined, answered: boolean,
 *       overLimit: boolean, timedOut: boolean }} Attempt
 */

/**
 * Node's http and https modules where this runs under Node, read with
 * `process.getBuiltinModule` (Node ≥ 20.16) so that this file, which the renderer imports for
 * `checkServerUrl`, imports nothing from Node; undefined in a browser.
 *
 * @returns {{ http: typeof import('node:http'), https: typeof import('node:https') } | undefined}
 */
function nodeHttp() {
  const get = globalThis.process?.getBuiltinModule
  if (typeof get !== 'function') return undefined
  return { http: get('node:http'), https: get('node:https') }
}

/** @type {{ 'http:': import('node:http').Agent, 'https:': import('node:https').Agent } | undefined} */
let keepAliveAgents

/**
 * One try over Node's http/https: on the shared keep-alive agent, or on a connection of its own
 * that is closed after the answer (`fresh`).
 *
 * @param {{ http: typeof import('node:http'), https: typeof import('node:https') }} node
 * @param {Exchange} exchange
 * @param {boolean} fresh
 * @returns {Promise<Attempt>}
 */
function sendWithNode(node, exchange, fresh) {
  keepAliveAgents ??= {
    'http:': new node.http.Agent({ keepAlive: true }),
    'https:': new node.https.Agent({ keepAlive: true }),
  }
  const https = exchange.url.protocol === 'https:'
  const payload = exchange.body === undefined ? undefined : new TextEncoder().encode(exchange.body)
  /** @type {Record<string, string>} */
  const headers = { ...exchange.headers }
  if (payload) headers['Content-Length'] = String(payload.byteLength)
  const signal = AbortSignal.timeout(exchange.timeoutMs)
  return new Promise((resolve) => {
    let settled = false
    let answered = false
    let overLimit = false
    /** @param {Attempt} attempt */
    const settle = (attempt) => {
      if (settled) return
      settled = true
      resolve(attempt)
    }
    const options = {
      method: exchange.method,
      headers,
      signal,
      agent: fresh ? false : keepAliveAgents?.[https ? 'https:' : 'http:'],
    }
    const req = https
      ? node.https.request(exchange.url, options)
      : node.http.request(exchange.url, options)
    /** @param {unknown} error */
    const fail = (error) =>
      settle({
        ok: false,
        error,
        reused: req.reusedSocket,
        answered,
        overLimit,
        timedOut: signal.aborted,
      })
    req.on('error', (error) => {
      // Once an answer has begun, its own stream says how it ended (a 413 often arrives while
      // the body is still being written, and writing then fails with EPIPE).
      if (!answered) fail(error)
    })
    req.on('response', (res) => {
      answered = true
      /** @type {Uint8Array[]} */
      const chunks = []
      let size = 0
      res.on('data', (/** @type {Uint8Array} */ chunk) => {
        size += chunk.byteLength
        if (size > MAX_RESPONSE_BYTES) {
          overLimit = true
          res.destroy()
          return
        }
        chunks.push(chunk)
      })
      const answer = () => {
        /** @type {Record<string, string>} */
        const kept = {}
        for (const name of FORWARDED_HEADERS) {
          const value = res.headers[name]
          if (value !== undefined) kept[name] = Array.isArray(value) ? value.join(', ') : value
        }
        const bytes = new Uint8Array(size)
        let at = 0
        for (const chunk of chunks) {
          bytes.set(chunk, at)
          at += chunk.byteLength
        }
        settle({ ok: true, status: res.statusCode ?? 0, headers: kept, body: decode(bytes) })
      }
      res.on('end', answer)
      res.on('error', () => {})
      res.on('close', () => {
        if (res.complete) return
        // A 413 is the answer even when the server closed before its body was all read.
        if (res.statusCode === 413 && !overLimit) answer()
        else fail(Object.assign(new Error('the answer was cut short'), { code: 'ECONNRESET' }))
      })
    })
    req.end(payload)
  })
}

/**
 * One try over fetch (injected in tests; the global one where Node's http is absent). Whether
 * the connection was reused is not known here, so a POST is never sent twice.
 *
 * @param {typeof fetch} doFetch
 * @param {Exchange} exchange
 * @returns {Promise<Attempt>}
 */
async function sendWithFetch(doFetch, exchange) {
  const signal = AbortSignal.timeout(exchange.timeoutMs)
  /** @param {unknown} error @param {boolean} answered @returns {Attempt} */
  const failed = (error, answered) => ({
    ok: false,
    error,
    reused: undefined,
    answered,
    overLimit: error instanceof RangeError,
    timedOut: signal.aborted,
  })
  let response
  try {
    response = await doFetch(exchange.url.href, {
      method: exchange.method,
      headers: exchange.headers,
      body: exchange.body,
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
      signal,
    })
  } catch (error) {
    return failed(error, false)
  }
  let body
  try {
    const declared = Number(response.headers.get('content-length') ?? 0)
    if (declared > MAX_RESPONSE_BYTES) throw new RangeError('too large')
    body = await response.text()
  } catch (error) {
    return failed(error, true)
  }
  /** @type {Record<string, string>} */
  const kept = {}
  for (const name of FORWARDED_HEADERS) {
    const value = response.headers.get(name)
    if (value !== null) kept[name] = value
  }
  return { ok: true, status: response.status, headers: kept, body }
}

/** @param {Uint8Array} bytes as `Response.text()` decodes them (UTF-8, BOM dropped) */
function decode(bytes) {
  return new TextDecoder().decode(bytes)
}

/**
 * Error codes (and Node's message for a connection that ended without an answer) that mean
 * the server closed the connection.
 */
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET'])

/** @param {unknown} error */
function closedConnection(error) {
  const code = causeCode(error)
  if (code && CLOSED_CODES.has(code)) return true
  return error instanceof Error && /socket hang up|other side closed/i.test(error.message)
}

/**
 * Whether a failed try may be sent again on a fresh connection: only when the server closed the
 * connection, and then a GET always, a POST only when it went out on a reused connection and no
 * answer had begun (so the server cannot have taken it).
 *
 * @param {Extract<Attempt, { ok: false }>} attempt
 * @param {string} method
 */
function mayRetry(attempt, method) {
  if (attempt.timedOut || attempt.overLimit || !closedConnection(attempt.error)) return false
  if (method === 'GET') return true
  return attempt.reused === true && !attempt.answered
}

/**
 * A failed try as a typed result.
 *
 * @param {Extract<Attempt, { ok: false }>} attempt
 * @param {URL} url
 * @param {{ method: string, body?: string }} request
 */
function transportFailure(attempt, url, request) {
  const { error } = attempt
  const code = causeCode(error) ?? (closedConnection(error) ? 'ECONNRESET' : undefined)
  if (attempt.overLimit) {
    return {
      ok: false,
      error: {
        code: FORWARD_ERRORS.tooLarge,
        message: `${url.host} answered with more than ${MAX_RESPONSE_BYTES} bytes, more than Casefile reads in one answer.`,
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
  if (attempt.timedOut) {
    return {
      ok: false,
      error: { code: FORWARD_ERRORS.unreachable, message: `No answer from ${url.host} in time.` },
    }
  }
  if (closedConnection(error)) {
    const size = request.method === 'POST' ? new TextEncoder().encode(request.body ?? '').length : 0
    if (size >= LARGE_POST_BYTES && attempt.reused === false && !attempt.answered) {
      // A server that refuses a body by its Content-Length answers 413 and closes the socket
      // while the body is still being written; the client then often sees the broken pipe, not
      // the 413 (medallion does this to a 10 MiB envelope). On a new connection, which the
      // server cannot have closed for being idle, that is what happened.
      return {
        ok: false,
        error: {
          code: FORWARD_ERRORS.tooLarge,
          message: `${url.host} closed a new connection without answering while Casefile sent ${size} bytes, which is how a server refuses a request that large (${code}).`,
        },
      }
    }
    return {
      ok: false,
      error: {
        code: FORWARD_ERRORS.unreachable,
        message: attempt.answered
          ? `${url.host} closed the connection in the middle of its answer (${code}); try again.`
          : `${url.host} closed the connection before answering (${code}); try again.`,
      },
    }
  }
  const reason = code ?? (error instanceof Error ? error.message : String(error))
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
