#!/usr/bin/env node
/**
 * `npm run electronegativity`: Doyensec's Electronegativity over the desktop shell
 * (`electron/`) and the renderer (`src/`), offline, failing on every finding that is not in
 * `ACCEPTED` below with the reason it is accepted. Offline means: the check that looks up
 * Electron's published security fixes (`AvailableSecurityFixesGlobalCheck`) is excluded, the
 * Electron version is given (`45.5.0`, from package.json's lock) rather than looked up, and the
 * tool's start-up download of translations is answered with a refusal before it leaves the
 * process (its `got` import is replaced), so the scan makes no request at all. Tests and test
 * fixtures are left out of the scan (a test's fake `openExternal` is not the app's). Prints one
 * line per finding, accepted or not, and exits 1 when any finding is not accepted, or when an
 * accepted one no longer occurs (so that the list cannot go stale).
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import Module, { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Checks left out: the one that needs the network. */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck']

/**
 * Findings accepted, by check id and file (relative to the repository; `N/A` for global
 * checks), each with why. Every one was read by hand (2026-12-06, Electronegativity 1.10.3).
 *
 * @type {readonly { id: string, file: string, why: string }[]}
 */
export const ACCEPTED = Object.freeze([
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    why:
      'The CSP is sent as a response header by the app:// protocol handler (electron/csp.mjs, ' +
      'electron/main/protocol.ts), which the tool cannot see: it looks for <meta> tags and ' +
      'webRequest hooks. e2e/csp.spec.ts checks that Chromium enforces exactly that policy.',
  },
  ...['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK'].map((id) => ({
    id,
    file: 'electron/main/index.ts',
    why:
      'Both BrowserWindows take their webPreferences from windowPreferences() in ' +
      'electron/main/security.ts (contextIsolation: true, sandbox: true, nodeIntegration: ' +
      'false, webSecurity: true, set explicitly and unit-tested); the tool reads only literal ' +
      'options at the constructor.',
  })),
  {
    id: 'AUXCLICK_JS_CHECK',
    file: 'electron/main/index.ts',
    why:
      'A middle-click cannot open a window: guardWebContents (electron/main/security.ts) ' +
      'denies every window.open through setWindowOpenHandler and sends allowed http(s) links ' +
      'to the system browser; navigation away from the app is prevented.',
  },
  ...[
    'electron/main/index.ts',
    'electron/main/ipc.ts',
    'electron/main/security.ts',
    'src/platform/desktop.ts',
    'src/features/reader/ReaderPane.tsx',
  ].map((file) => ({
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file,
    why:
      'Every URL reaches shell.openExternal only through normaliseExternalUrl ' +
      '(electron/contract.ts): parsed with new URL(), http: and https: only, checked again in ' +
      'the main process (ipc.ts) whatever the renderer sent.',
  })),
  {
    id: 'ELECTRON_VERSION_JSON_CHECK',
    file: 'package.json',
    why:
      'Informational: names the Electron version (45.5.0, a supported major). Upgrades are ' +
      'checked by hand against the release notes, offline.',
  },
])

/**
 * Splits findings into accepted and not, and names accepted entries that were not found.
 *
 * @param {{ id: string, file: string }[]} findings
 * @param {readonly { id: string, file: string }[]} accepted
 */
export function judge(findings, accepted = ACCEPTED) {
  const key = (f) => `${f.id} ${f.file}`
  const acceptedKeys = new Set(accepted.map(key))
  const foundKeys = new Set(findings.map(key))
  return {
    accepted: findings.filter((f) => acceptedKeys.has(key(f))),
    rejected: findings.filter((f) => !acceptedKeys.has(key(f))),
    stale: accepted.filter((a) => !foundKeys.has(key(a))),
  }
}

/** Copies electron/, src/ and package.json, without tests and fixtures, into a scratch folder. */
async function scanTree() {
  const dir = await mkdtemp(join(tmpdir(), 'casefile-electronegativity-'))
  const skip = /(\.test\.tsx?$|[\\/]fixtures([\\/]|$)|[\\/]anchoring-fixtures([\\/]|$))/
  for (const part of ['electron', 'src']) {
    await cp(join(ROOT, part), join(dir, part), {
      recursive: true,
      filter: (source) => !skip.test(source.slice(ROOT.length)),
    })
  }
  await cp(join(ROOT, 'package.json'), join(dir, 'package.json'))
  return dir
}

/**
 * Runs Electronegativity on `dir` without the network; its findings, files relative to `dir`.
 *
 * @param {string} dir
 * @param {string} electronVersion
 * @returns {Promise<{ errors: unknown[], findings: { id: string, file: string, line: number,
 *   severity: string, confidence: string, description: string }[] }>}
 */
export async function scan(dir, electronVersion) {
  // Electronegativity fetches translations with `got` when it starts: refuse before a socket.
  const load = Module._load
  Module._load = function (request, ...rest) {
    if (request === 'got') return () => Promise.reject(new Error('offline: no request made'))
    return load.call(this, request, ...rest)
  }
  const require = createRequire(import.meta.url)
  const run = require('@doyensec/electronegativity/dist/runner.js')
  const log = console.log
  console.log = () => {} // its "could not retrieve translations" notice
  try {
    const result = await run({
      input: dir,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()),
      severitySet: 'informational',
      confidenceSet: 'tentative',
      isRelative: true,
      isVerbose: true,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    })
    return {
      errors: result.errors,
      findings: result.issues.map((i) => ({
        id: i.id,
        file: i.file,
        line: i.location?.line ?? 0,
        severity: i.severity?.name ?? '?',
        confidence: i.confidence?.name ?? '?',
        description: i.description,
      })),
    }
  } finally {
    console.log = log
    Module._load = load
  }
}

async function main() {
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8'))
  const electronVersion = lock.packages?.['node_modules/electron']?.version ?? '45.5.0'
  const dir = await scanTree()
  let outcome
  try {
    outcome = await scan(dir, electronVersion)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  const { accepted, rejected, stale } = judge(outcome.findings)
  const line = (f) =>
    `${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id} ${f.file}:${f.line}`
  console.log(`Electronegativity (Electron ${electronVersion}, offline) over electron/ and src/`)
  for (const f of accepted) console.log(`  accepted  ${line(f)}`)
  for (const f of rejected) console.log(`  FINDING   ${line(f)}\n            ${f.description}`)
  for (const a of stale) console.log(`  STALE     ${a.id} ${a.file}: accepted but no longer found`)
  if (outcome.errors?.length) {
    for (const e of outcome.errors) console.log(`  could not parse ${e.file ?? e}`)
  }
  console.log(
    `${accepted.length} accepted, ${rejected.length} not accepted, ${stale.length} stale ` +
      `acceptances, ${outcome.errors?.length ?? 0} parse errors`,
  )
  const failed = rejected.length > 0 || stale.length > 0 || (outcome.errors?.length ?? 0) > 0
  process.exit(failed ? 1 : 0)
}

/** True when this file is the script Node was started with (not an import). */
function invokedDirectly() {
  const entry = process.argv[1]
  return entry !== undefined && fileURLToPath(import.meta.url) === entry
}

if (invokedDirectly()) await main()
