/**
 * The app's Content-Security-Policy, written once. The desktop app's `app://` protocol handler
 * (`electron/main/protocol.ts`) and the web server (`scripts/serve.mjs`, which `npm run web` and
 * the e2e suite use) both import it and send it as a header, so a test that passes in the
 * browser has passed under the desktop app's policy. Plain JavaScript, so that the server runs
 * without a build; `csp.d.mts` types it for TypeScript. The policy is CONVENTIONS.md's: nothing
 * remote, no `'unsafe-eval'` (pdf.js runs with `isEvalSupported: false`), inline styles only
 * (React's style attributes), workers and images also from `blob:`. Scripts may compile
 * WebAssembly (`'wasm-unsafe-eval'`): the OCR engine (tesseract.js, served from our origin) is
 * a WebAssembly module, and without this source Chromium refuses to compile it and the OCR
 * worker never starts. It allows `WebAssembly.compile`/`instantiate` only — `eval`,
 * `new Function` and string timers stay blocked.
 */

/** The policy's directives, in the order they are sent. */
export const CSP_DIRECTIVES = Object.freeze([
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
])

/** The Content-Security-Policy header value. */
export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ')
