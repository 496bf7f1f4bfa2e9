/**
 * The end-to-end harness: serves the built renderer on a free 127.0.0.1 port (one server per
 * spec file), launches Debian's Chromium through playwright-core with a fresh profile per app,
 * and guards every test. The guard records each request a browser context makes; a request
 * that would leave `http(s)://127.0.0.1:<port>/` (blob: and data: URLs aside) is aborted and
 * recorded as a violation, because the app must make no network request (CONVENTIONS.md,
 * "Security posture"). Uncaught page errors and console errors are recorded too, and so are CSP
 * violations: the page logs most as console errors, and the server's CSP violation reports
 * catch the rest (inside workers, or a caught `new Function` probe). Specs may call
 * `assertNoExternalRequests()` and `assertNoPageErrors()` at any point; importing this module
 * also registers an `afterEach` that calls both and an `afterAll` that closes every app and the
 * server, so that a spec that forgets still cannot pass while phoning home or throwing. This
 * relies on Vitest isolating spec files (`isolate: true` in vitest.e2e.config.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  chromium,
  type BrowserContext,
  type ConsoleMessage,
  type Download,
  type FileChooser,
  type Locator,
  type Page,
  type Response,
} from 'playwright-core'
import { afterAll, afterEach } from 'vitest'
import { startServer, type RunningServer } from '../scripts/serve.mjs'
import { chromiumPath, rendererDir } from './env'

/** The element the app renders once its store is open. */
export const READY_SELECTOR = '[data-testid="app-ready"]'

/** How long `waitForAppReady` waits by default. */
export const READY_TIMEOUT_MS = 30_000

/**
 * Chromium flags (DESIGN.md, "Machines here"). `--host-resolver-rules` makes every host name
 * but 127.0.0.1 unresolvable, so traffic that Playwright cannot see (browser-internal requests,
 * DNS prefetch) cannot leave the machine either; the guard still reports what the page asks for.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
]

/** Options for `launchApp`. */
export interface LaunchOptions {
  /** What to open, relative to the app's URL (e.g. `?case=demo` or `#/reader`). Default: ''. */
  path?: string
  /** Wait for `READY_SELECTOR` after loading. Default: true. */
  waitForReady?: boolean
  /**
   * A profile folder to reuse, from an app closed with `{ keepProfile: true }` (to test that
   * data survives a browser restart). Default: a fresh folder in the OS temp dir.
   */
  profileDir?: string
  /** Page and console errors that match one of these are expected: recorded, never fatal. */
  allowPageErrors?: readonly RegExp[]
  /** IANA time zone of the browser. Default: 'UTC', so that dates render the same on any host. */
  timezoneId?: string
  /** Browser locale. Default: 'en-US'. */
  locale?: string
}

/**
 * A launched app: one persistent browser context (its own Chromium) with its first page on the
 * app. `requests` also lists the harness's own CSP report posts to the server.
 */
export interface App {
  context: BrowserContext
  page: Page
  /** The app's URL, `http://127.0.0.1:<port>/`. */
  url: string
  /** The browser profile folder (deleted by `close()` unless kept). */
  profileDir: string
  /** Every URL the context requested, allowed or not, in order. */
  readonly requests: readonly string[]
  /** Throws, listing them, if requests left 127.0.0.1 since the last check; then forgets them. */
  assertNoExternalRequests(): void
  /** Throws, listing them, if page or console errors occurred since the last check. */
  assertNoPageErrors(): void
  /** Closes the browser and deletes the profile, unless `keepProfile` (then reuse it). */
  close(options?: { keepProfile?: boolean }): Promise<void>
}

/** What the guard has seen in one browser context. */
interface Guard {
  origin: string
  requests: string[]
  violations: string[]
  errors: string[]
  allowed: readonly RegExp[]
  closed: boolean
}

let server: Promise<RunningServer> | undefined
const apps: App[] = []
const guards = new WeakMap<BrowserContext, Guard>()
const keptProfiles = new Set<string>()
/** CSP violation reports: the server cannot tell which app sent one, so they are file-wide. */
const cspReports: string[] = []

/**
 * Starts the static server for the built renderer on a free port, once per spec file; later
 * calls return the same server. It is closed after the spec file's last test.
 */
export function appServer(): Promise<RunningServer> {
  server ??= startServer({ root: rendererDir(), port: 0, onCspReport: recordCspReport })
  return server
}

/**
 * Launches Chromium on a fresh profile (or `options.profileDir`), installs the network guard
 * and the error collectors, opens the app and, unless told not to, waits until it is ready.
 */
export async function launchApp(options: LaunchOptions = {}): Promise<App> {
  const { url, origin } = await appServer()
  const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'casefile-e2e-')))
  keptProfiles.delete(profileDir)

  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath(),
      headless: true,
      args: [...CHROMIUM_ARGS],
      acceptDownloads: true,
      viewport: { width: 1440, height: 900 },
      locale: options.locale ?? 'en-US',
      timezoneId: options.timezoneId ?? 'UTC',
    })
  } catch (error) {
    await removeProfile(profileDir)
    throw error
  }

  const guard: Guard = {
    origin,
    requests: [],
    violations: [],
    errors: [],
    allowed: options.allowPageErrors ?? [],
    closed: false,
  }
  const app: App = {
    context,
    page: undefined as unknown as Page,
    url,
    profileDir,
    requests: guard.requests,
    assertNoExternalRequests: () => assertGuards([guard], 'requests'),
    // Includes the file-wide CSP reports, which may come from another open app.
    assertNoPageErrors: () => assertGuards([guard], 'errors'),
    close: async ({ keepProfile = false } = {}) => {
      if (guard.closed) return
      guard.closed = true
      await context.close()
      if (keepProfile) keptProfiles.add(profileDir)
      else await removeProfile(profileDir)
    },
  }
  apps.push(app)

  try {
    await installGuard(context, guard)
    app.page = context.pages()[0] ?? (await context.newPage())
    await app.page.goto(new URL(options.path ?? '', url).href, { waitUntil: 'domcontentloaded' })
    if (options.waitForReady ?? true) await waitForAppReady(app.page)
  } catch (error) {
    await app.close()
    throw error
  }
  return app
}

/**
 * Waits until the app has rendered `READY_SELECTOR`. On timeout the error lists the page errors
 * and blocked requests seen so far, which usually say why (a CSP violation, a missing chunk).
 */
export async function waitForAppReady(page: Page, timeout = READY_TIMEOUT_MS): Promise<void> {
  try {
    await page.locator(READY_SELECTOR).first().waitFor({ state: 'attached', timeout })
  } catch (error) {
    const guard = guards.get(page.context())
    const seen = [...(guard ? [...guard.errors, ...guard.violations] : []), ...cspReports]
    const detail = seen.length > 0 ? `; seen so far:\n  - ${seen.join('\n  - ')}` : ''
    throw new Error(`the app at ${page.url()} did not render ${READY_SELECTOR}${detail}`, {
      cause: error,
    })
  }
}

/** Reloads the page and waits until the app is ready again; returns the navigation response. */
export async function reloadApp(page: Page): Promise<Response | null> {
  const response = await page.reload({ waitUntil: 'domcontentloaded' })
  await waitForAppReady(page)
  return response
}

/** Something that opens a chooser or starts a download: a locator to click, or a function. */
export type Trigger = Locator | (() => Promise<unknown>)

/**
 * Creates a case through the UI, as an analyst does: "New case" (or "Create a case" on the
 * welcome screen), the title typed, Create.
 */
export async function createCase(page: Page, title: string): Promise<void> {
  await page
    .getByRole('button', { name: /^(New case|Create a case)$/ })
    .first()
    .click()
  const dialog = page.getByTestId('case-dialog')
  await dialog.getByLabel('Title').click()
  await page.keyboard.type(title)
  await dialog.getByRole('button', { name: 'Create' }).click()
}

/**
 * Feeds files to the app through its file chooser: runs `trigger` (e.g. clicks "Import"), waits
 * for the chooser it opens and sets `files` (paths, or `{ name, mimeType, buffer }` payloads).
 */
export async function chooseFiles(
  page: Page,
  trigger: Trigger,
  files: Parameters<FileChooser['setFiles']>[0],
): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), pull(trigger)])
  await chooser.setFiles(files)
}

/**
 * Runs `trigger` and returns the download it starts. `await download.path()` gives a local
 * file that stays until the app is closed (e.g. an exported PDF to read with `pdftotext`).
 */
export async function captureDownload(page: Page, trigger: Trigger): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), pull(trigger)])
  return download
}

/**
 * Throws if any app launched by this spec file made a request that left 127.0.0.1 since the
 * last check, listing the URLs; forgets them either way, so one failure is reported once.
 */
export function assertNoExternalRequests(): void {
  assertGuards(allGuards(), 'requests')
}

/**
 * Throws if any app launched by this spec file had an uncaught page error or a console error
 * (CSP violations are console errors) since the last check, listing them; then forgets them.
 */
export function assertNoPageErrors(): void {
  assertGuards(allGuards(), 'errors')
}

/** Closes every app this spec file launched and stops its server. */
export async function closeAll(): Promise<void> {
  const results = await Promise.allSettled(apps.map((app) => app.close()))
  await Promise.allSettled([...keptProfiles].map(removeProfile))
  keptProfiles.clear()
  const running = server
  server = undefined
  if (running) await (await running).close()
  const failed = results.find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
}

afterEach(() => {
  // Both run before either throws, so that a test sees all of its problems at once.
  const problems: unknown[] = []
  for (const check of [assertNoExternalRequests, assertNoPageErrors]) {
    try {
      check()
    } catch (error) {
      problems.push(error)
    }
  }
  if (problems.length === 1) throw problems[0]
  if (problems.length > 1) throw new AggregateError(problems, problems.map(String).join('\n'))
})

afterAll(async () => {
  await closeAll()
  // Whatever happened after the last test (e.g. while closing) is still reported.
  assertNoExternalRequests()
  assertNoPageErrors()
})

/** Records requests, errors and console errors of `context`; aborts requests that leave. */
async function installGuard(context: BrowserContext, guard: Guard): Promise<void> {
  guards.set(context, guard)
  const { port } = new URL(guard.origin)
  const isLocal = (url: string): boolean => {
    if (url.startsWith('blob:') || url.startsWith('data:')) return true
    try {
      const parsed = new URL(url)
      return /^(https?|wss?):$/.test(parsed.protocol) && parsed.host === `127.0.0.1:${port}`
    } catch {
      return false
    }
  }

  context.on('request', (request) => {
    const url = request.url()
    guard.requests.push(url)
    if (!isLocal(url)) {
      guard.violations.push(`${request.method()} ${url} (${request.resourceType()})`)
    }
  })
  // Registered first, so a spec's own `route()` (which runs before it) can still mock local
  // requests; anything external that falls through to here is stopped.
  await context.route('**/*', (route) =>
    isLocal(route.request().url()) ? route.fallback() : route.abort('blockedbyclient'),
  )
  await context.routeWebSocket(
    () => true,
    (socket) => {
      if (isLocal(socket.url())) {
        socket.connectToServer()
        return
      }
      guard.violations.push(`WebSocket ${socket.url()}`)
      return socket.close({ code: 1008, reason: 'blocked by the e2e network guard' })
    },
  )

  const record = (message: string): void => recordError(guard, message)
  const onConsole = (message: ConsoleMessage): void => {
    if (message.type() !== 'error' && message.type() !== 'assert') return
    const { url, lineNumber } = message.location()
    // The guard's own abort of an external request: already listed as a violation.
    if (message.text().includes('net::ERR_BLOCKED_BY_CLIENT') && !isLocal(url)) return
    record(`console.${message.type()}: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`)
  }
  context.on('console', onConsole)
  context.on('weberror', (webError) => {
    const error = webError.error()
    record(`uncaught ${error.stack ?? `${error.name}: ${error.message}`}`)
  })
  const watchPage = (page: Page): void => {
    page.on('crash', () => record(`page crashed: ${page.url()}`))
  }
  context.pages().forEach(watchPage)
  context.on('page', watchPage)
}

function recordError(guard: Guard, message: string): void {
  if (!guard.allowed.some((pattern) => pattern.test(message))) guard.errors.push(message)
}

/**
 * Records a CSP violation report, unless an open app expects it (`allowPageErrors`). A report
 * does not say which browser context sent it, so it is kept file-wide and every assertion of
 * page errors, per app or not, reports and clears it.
 */
function recordCspReport(body: unknown): void {
  const report = (body as { 'csp-report'?: Record<string, unknown> } | null)?.['csp-report']
  if (!report) return
  const where = report['source-file']
    ? ` (${String(report['source-file'])}:${String(report['line-number'] ?? 0)})`
    : ''
  const message =
    `CSP report: ${String(report['effective-directive'] ?? report['violated-directive'])} ` +
    `blocked ${String(report['blocked-uri'] || 'inline')} in ` +
    `${String(report['document-uri'])}${where}`
  const expected = allGuards().some(
    (guard) => !guard.closed && guard.allowed.some((pattern) => pattern.test(message)),
  )
  if (!expected) cspReports.push(message)
}

function allGuards(): Guard[] {
  return apps.flatMap((app) => guards.get(app.context) ?? [])
}

/** Throws if the guards hold requests or errors of the given kind; clears them first. */
function assertGuards(list: Guard[], kind: 'requests' | 'errors'): void {
  const drained = list.flatMap((guard) => {
    const items = kind === 'requests' ? guard.violations : guard.errors
    return items.splice(0, items.length)
  })
  if (kind === 'errors') drained.push(...cspReports.splice(0, cspReports.length))
  if (drained.length === 0) return
  const counts = new Map<string, number>()
  for (const item of drained) counts.set(item, (counts.get(item) ?? 0) + 1)
  const found = [...counts].map(([item, count]) => (count > 1 ? `${item} (×${count})` : item))
  const head =
    kind === 'requests'
      ? `${drained.length} request(s) tried to leave 127.0.0.1 and were blocked:`
      : `${drained.length} page error(s) or console error(s):`
  throw new Error(`${head}\n  - ${found.join('\n  - ')}`)
}

function pull(trigger: Trigger): Promise<unknown> {
  return typeof trigger === 'function' ? trigger() : trigger.click()
}

async function removeProfile(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
}
