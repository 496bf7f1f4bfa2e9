/**
 * The Content-Security-Policy that is actually sent and enforced, checked against its one
 * source (`electron/csp.mjs`) rather than against a copy: the web server's header on the built
 * renderer's page and scripts, the desktop app's `app://` handler's header on the same files,
 * and the policy Chromium reports as enforced when the page breaks it on purpose.
 */
import { readdir } from 'node:fs/promises'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../electron/csp.mjs'
import { createAppProtocolHandler } from '../electron/main/protocol'
import { CSP_REPORT_PATH, startServer, type RunningServer } from '../scripts/serve.mjs'
import { rendererDir } from './env'
import { assertNoExternalRequests, assertNoPageErrors, launchApp, type App } from './harness'

/** The CSP header of a GET of `path` from `server`. */
function headerOf(server: RunningServer, path: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path }, (res) => {
      res.resume()
      res.on('end', () => {
        const value = res.headers['content-security-policy']
        resolve(Array.isArray(value) ? value.join(', ') : value)
      })
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the Content-Security-Policy', () => {
  let server: RunningServer
  let paths: string[]
  let app: App

  beforeAll(async () => {
    // `npm run web`'s server as it runs (no report-uri), on the built renderer.
    server = await startServer({ root: rendererDir(), port: 0 })
    const assets = (await readdir(`${rendererDir()}/assets`)).filter((f) => /\.(js|css)$/.test(f))
    paths = ['/', '/index.html', ...assets.slice(0, 4).map((f) => `/assets/${f}`), '/missing']
    // The probe below breaks the policy on purpose: its report and console error are expected.
    app = await launchApp({
      allowPageErrors: [
        /script-src-elem blocked inline/,
        /inline script violates the following Content/,
        // The `new Function` probe: eval stays blocked under 'wasm-unsafe-eval'.
        /script-src blocked eval in/,
        /Evaluating a string as JavaScript violates/,
      ],
    })
  })

  afterAll(async () => {
    await app?.close()
    await server?.close()
  })

  it('is what the web server sends with the page, its scripts and its errors', async () => {
    expect(paths.length).toBeGreaterThan(3)
    for (const path of paths) expect(await headerOf(server, path)).toBe(CONTENT_SECURITY_POLICY)
  })

  it("is what the desktop app's app:// handler sends for the same files", async () => {
    const serve = createAppProtocolHandler(rendererDir())
    for (const path of paths.filter((p) => p !== '/missing')) {
      const reply = await serve(new Request(`app://casefile${path}`))
      expect(reply.status).toBe(200)
      expect(reply.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(reply.headers.get('content-security-policy')).toBe(await headerOf(server, path))
    }
  })

  it('is the policy Chromium enforces on the running app', async () => {
    const { page } = app
    // The violation's report reaches the harness's server after the page sees it: wait for
    // its answer, so that it is checked (as expected) while this app is open.
    const reported = app.context.waitForEvent('requestfinished', (r) =>
      r.url().endsWith(CSP_REPORT_PATH),
    )
    const seen = await page.evaluate(
      () =>
        new Promise<{ policy: string; directive: string; blocked: boolean }>((resolve) => {
          const w = window as unknown as { __probe?: number }
          document.addEventListener(
            'securitypolicyviolation',
            (e) =>
              resolve({
                policy: e.originalPolicy,
                directive: e.effectiveDirective,
                blocked: w.__probe === undefined,
              }),
            { once: true },
          )
          const script = document.createElement('script')
          script.textContent = 'window.__probe = 1'
          document.body.append(script)
        }),
    )
    expect(seen.directive).toBe('script-src-elem')
    expect(seen.blocked).toBe(true)
    // The e2e harness's server names a report-uri after the policy; what it enforces is the same.
    expect(seen.policy.replace(/; report-uri \S+$/, '')).toBe(CONTENT_SECURITY_POLICY)
    await reported
    // 'wasm-unsafe-eval' lets WebAssembly compile (the OCR engine), but eval stays blocked;
    // its report is awaited like the one above.
    const evalReported = app.context.waitForEvent('requestfinished', (r) =>
      r.url().endsWith(CSP_REPORT_PATH),
    )
    const probes = await page.evaluate(async () => {
      // In a later task: DevTools lets code it evaluates itself use eval, not the page.
      const fn = await new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            new Function('return 1')()
            resolve('allowed')
          } catch (e) {
            resolve(e instanceof Error ? e.name : String(e))
          }
        }, 0),
      )
      // The smallest valid module: "\0asm" and version 1.
      const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])
      const wasm = await WebAssembly.compile(bytes).then(
        () => 'compiled',
        (e: unknown) => (e instanceof Error ? e.name : String(e)),
      )
      return { fn, wasm }
    })
    expect(probes).toEqual({ fn: 'EvalError', wasm: 'compiled' })
    expect((await evalReported).postData()).toContain('"blocked-uri":"eval"')
    assertNoPageErrors()
    assertNoExternalRequests()
  })
})
