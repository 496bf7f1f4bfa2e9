/**
 * Types for `serve.mjs`, the static server for the built renderer, so that TypeScript code
 * (the e2e harness) can import it without `allowJs`. Keep in step with `serve.mjs`.
 */

/** The host the server binds to: loopback only. */
export declare const HOST: '127.0.0.1'

/** The port used when neither `--port` nor `PORT` is given. */
export declare const DEFAULT_PORT: number

/** The Content-Security-Policy header sent with every response (the desktop app's policy). */
export declare const CSP: string

/** Where the browser posts CSP violation reports when `startServer` gets `onCspReport`. */
export declare const CSP_REPORT_PATH: string

/** Where the page posts a request for the team server (a same-origin relay). */
export declare const TAXII_RELAY_PATH: string

/** The largest relay request read. */
export declare const MAX_RELAY_BYTES: number

/** Content types by lower-case file extension, including the dot. */
export declare const MIME_TYPES: Readonly<Record<string, string>>

/** A running server. */
export interface RunningServer {
  /** `http://127.0.0.1:PORT/` */
  url: string
  /** `http://127.0.0.1:PORT` */
  origin: string
  port: number
  /** The real path of the served folder. */
  root: string
  /** Stops listening and drops open connections. */
  close(): Promise<void>
}

/** Options for `startServer`. */
export interface ServerOptions {
  /** The folder to serve. Default: `out/renderer`. */
  root?: string
  /** The port on 127.0.0.1. Default: 5178; 0 picks a free port. */
  port?: number
  /**
   * Receives each CSP violation report (the parsed JSON body). When given, the policy also
   * names `CSP_REPORT_PATH` as its `report-uri`; what it enforces is unchanged.
   */
  onCspReport?: (report: unknown) => void
  /** Overrides the fetch the team server relay uses (tests). */
  taxiiFetch?: typeof fetch
}

/** Starts serving `options.root` on 127.0.0.1. */
export declare function startServer(options?: ServerOptions): Promise<RunningServer>
