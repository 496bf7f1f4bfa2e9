/**
 * Types for `taxii-forward.mjs`, the one module that performs HTTP requests to the configured
 * TAXII team server (main process, the browser build's web server, the command line), so that
 * TypeScript code can import it without `allowJs`. Keep in step with `taxii-forward.mjs`.
 */

/** TAXII 2.1's media type. */
export declare const TAXII_MEDIA_TYPE: 'application/taxii+json;version=2.1'

/** The response headers handed back (lower case). */
export declare const FORWARDED_HEADERS: readonly string[]

/** How long one request may take. */
export declare const DEFAULT_TIMEOUT_MS: number

/** The largest response body read. */
export declare const MAX_RESPONSE_BYTES: number

/** Codes of a request that got no HTTP answer. */
export declare const FORWARD_ERRORS: {
  readonly urlNotAllowed: 'URL_NOT_ALLOWED'
  readonly unreachable: 'UNREACHABLE'
  readonly tls: 'TLS'
  readonly tooLarge: 'TOO_LARGE'
}

/** A POST at least this large whose new connection closes unanswered is TOO_LARGE. */
export declare const LARGE_POST_BYTES: number

/** A failure without an HTTP answer. */
export interface ForwardFailure {
  ok: false
  error: { code: string; message: string }
}

/** One request to the team server. */
export interface ForwardRequest {
  method: 'GET' | 'POST'
  url: string
  body?: string
}

/** The server's answer. */
export interface ForwardResponse {
  status: number
  /** Only `FORWARDED_HEADERS`, lower-case names. */
  headers: Record<string, string>
  body: string
}

/** True for localhost, 127.0.0.0/8 or [::1]. */
export declare function isLoopbackHost(hostname: string): boolean

/** Checks a team server URL: https:, or http: on the loopback interface only. */
export declare function checkServerUrl(raw: string): { ok: true; url: URL } | ForwardFailure

/** Basic (user and password) or Bearer (token) Authorization header value. */
export declare function authorizationHeader(credentials: {
  user?: string
  password?: string
  token?: string
}): string | undefined

/**
 * Performs one request to the configured server (same origin as `serverUrl`); a GET, or a POST
 * that met a reused connection the server had closed before answering, is retried once on a
 * fresh connection.
 */
export declare function forwardTaxiiRequest(
  request: ForwardRequest,
  options: {
    serverUrl: string
    authorization?: string
    fetch?: typeof fetch
    timeoutMs?: number
  },
): Promise<{ ok: true; value: ForwardResponse } | ForwardFailure>
