/**
 * Smoke test of the built renderer in Chromium: the app loads from 127.0.0.1 under the
 * desktop app's Content-Security-Policy, opens its store, survives a reload, throws nothing,
 * logs no console error (so no CSP violation) and makes no request that leaves 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY as CSP } from '../electron/csp.mjs'
import {
  assertNoExternalRequests,
  assertNoPageErrors,
  launchApp,
  READY_SELECTOR,
  reloadApp,
  type App,
} from './harness'

describe('smoke', () => {
  let app: App

  beforeAll(async () => {
    app = await launchApp()
  })

  afterAll(async () => {
    await app?.close()
  })

  it('loads and becomes ready', async () => {
    await expect(app.page.locator(READY_SELECTOR).count()).resolves.toBeGreaterThan(0)
    expect(await app.page.title()).toContain('Casefile')
    assertNoPageErrors()
    assertNoExternalRequests()
  })

  it('is served with the desktop CSP and is ready again after a reload', async () => {
    const response = await reloadApp(app.page)
    expect(response?.status()).toBe(200)
    // The harness's server appends a report-uri (to see violations that never reach the
    // console, in workers or from eval probes); what the policy enforces is the desktop app's.
    const policy = response?.headers()['content-security-policy'] ?? ''
    expect(policy.replace(/; report-uri \S+$/, '')).toBe(CSP)
    expect(app.requests.length).toBeGreaterThan(0)
    assertNoPageErrors()
    assertNoExternalRequests()
  })
})
