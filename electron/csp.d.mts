/**
 * Types for `csp.mjs`, the app's one Content-Security-Policy, so that TypeScript code (the main
 * process, tests) can import it without `allowJs`. Keep in step with `csp.mjs`.
 */

/** The policy's directives, in the order they are sent. */
export declare const CSP_DIRECTIVES: readonly string[]

/** The Content-Security-Policy header value. */
export declare const CONTENT_SECURITY_POLICY: string
