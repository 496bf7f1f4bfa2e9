/**
 * The typed failures of Casefile's TAXII 2.1 client, each with a sentence that says what
 * happened and what the analyst can do about it. An HTTP status maps to a code here
 * (`errorForStatus`), a transport failure (no HTTP answer) keeps the code the forwarder gave it
 * (`UNREACHABLE`, `TLS`, `URL_NOT_ALLOWED`). The message never quotes credentials: it names the
 * server by host and the collection by title or id only.
 */

/** Every code a TAXII operation can fail with. */
export const TAXII_ERROR_CODES = [
  'UNREACHABLE',
  'TLS',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_ACCEPTABLE',
  'TOO_LARGE',
  'SERVER_ERROR',
  'NOT_FOUND',
  'URL_NOT_ALLOWED',
  'NOT_CONFIGURED',
] as const

/** One of `TAXII_ERROR_CODES`. */
export type TaxiiErrorCode = (typeof TAXII_ERROR_CODES)[number]

/** A failed TAXII operation; `message` is meant for the analyst as it is. */
export class TaxiiError extends Error {
  override name = 'TaxiiError'
  constructor(
    readonly code: TaxiiErrorCode,
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
  ) {
    super(message)
  }
}

/** What to do, per code: appended to the specific sentence of each failure. */
export const WHAT_TO_DO: Record<TaxiiErrorCode, string> = {
  UNREACHABLE:
    'Check the server URL in Team server settings, that the server is running and that this machine can reach it, then try again.',
  TLS: "Casefile does not send anything over a connection it cannot verify: ask the server's administrator for a valid certificate (or check this machine's clock).",
  UNAUTHORIZED:
    'Check the user name and password (or the token) in Team server settings, then try again.',
  FORBIDDEN:
    'This account may not do that in this collection (it may be read-only, or a write-only push collection): choose another collection or ask the administrator for access.',
  NOT_ACCEPTABLE:
    'The URL does not answer as a TAXII 2.1 server: check the server URL and API root in Team server settings.',
  TOO_LARGE:
    "Push a briefing's selection instead of the whole case, or ask the administrator to raise the API root's max_content_length.",
  SERVER_ERROR:
    "Try again later; if it keeps failing, send this message to the server's administrator.",
  NOT_FOUND: 'Check the API root and the collection in Team server settings.',
  URL_NOT_ALLOWED: 'Correct the server URL in Team server settings.',
  NOT_CONFIGURED: 'Open Team server settings and fill in the server URL and collection.',
}

/** Builds an error whose message is `what` followed by what to do about it. */
export function taxiiError(code: TaxiiErrorCode, what: string, status?: number): TaxiiError {
  const sentence = /[.!?]$/.test(what.trim()) ? what.trim() : `${what.trim()}.`
  return new TaxiiError(code, `${sentence} ${WHAT_TO_DO[code]}`, status)
}

/** The TAXII error resource's `title`/`description`, when a body holds one. */
function describeBody(body: string): string {
  try {
    const parsed = JSON.parse(body) as { title?: unknown; description?: unknown }
    const parts = [parsed.title, parsed.description].filter(
      (p): p is string => typeof p === 'string' && p !== '',
    )
    return parts.join(': ').slice(0, 300)
  } catch {
    return ''
  }
}

/**
 * The error for an HTTP answer that is not a success: `doing` says what was being done
 * ("listing the collections"), `host` names the server.
 */
export function errorForStatus(
  status: number,
  body: string,
  doing: string,
  host: string,
): TaxiiError {
  const detail = describeBody(body)
  const said = detail ? ` (the server said: ${detail})` : ''
  if (status === 401) {
    return taxiiError('UNAUTHORIZED', `${host} refused the credentials while ${doing} (401)`, 401)
  }
  if (status === 403) {
    return taxiiError('FORBIDDEN', `${host} forbade ${doing} (403)${said}`, 403)
  }
  if (status === 406 || status === 415) {
    return taxiiError(
      'NOT_ACCEPTABLE',
      `${host} did not accept TAXII 2.1 while ${doing} (${status})${said}`,
      status,
    )
  }
  if (status === 413) {
    return taxiiError(
      'TOO_LARGE',
      `${host} refused a request as too large while ${doing} (413)`,
      413,
    )
  }
  if (status === 404) {
    return taxiiError('NOT_FOUND', `${host} has nothing at that address while ${doing} (404)`, 404)
  }
  if (status >= 300 && status < 400) {
    return taxiiError(
      'SERVER_ERROR',
      `${host} redirected while ${doing} (${status}); Casefile does not follow redirects: put the final URL in Team server settings`,
      status,
    )
  }
  return taxiiError('SERVER_ERROR', `${host} failed while ${doing} (HTTP ${status})${said}`, status)
}

/** True when `value` is a `TaxiiError` (also across realms, by name and code). */
export function isTaxiiError(value: unknown): value is TaxiiError {
  return (
    value instanceof TaxiiError ||
    (value instanceof Error &&
      value.name === 'TaxiiError' &&
      TAXII_ERROR_CODES.includes((value as { code?: TaxiiErrorCode }).code as TaxiiErrorCode))
  )
}
