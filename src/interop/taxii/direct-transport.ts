/**
 * The transport for code that may reach the network itself — the command line and the tests
 * in Node: the forwarder (`electron/taxii-forward.mjs`) called in-process with the configured
 * server and credentials. The app's renderer never uses it: its CSP allows `connect-src 'self'`
 * only, so it goes through the desktop main process or the web server's endpoint instead.
 */
import { authorizationHeader, forwardTaxiiRequest } from '../../../electron/taxii-forward.mjs'
import type { TaxiiTransport } from './client'

/** Credentials for the team server: a user and password, or a token. */
export interface TaxiiCredentials {
  user?: string
  password?: string
  token?: string
}

/** A transport that performs each request directly, only to `serverUrl`'s origin. */
export function createDirectTransport(
  serverUrl: string,
  credentials: TaxiiCredentials,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): TaxiiTransport {
  const authorization = authorizationHeader(credentials)
  return (request) => forwardTaxiiRequest(request, { serverUrl, authorization, ...options })
}
