#!/usr/bin/env node
/**
 * Runs before `npm start` (`electron-vite preview`) and explains, instead of failing somewhere
 * inside Electron's downloader, the two things that stop the desktop app on a first run:
 * a Node.js older than Electron needs (Electron 45 and its downloader declare Node 22.12 or
 * later; the browser build and the tests need only Node 20.19), and an Electron binary that is
 * not there and cannot be downloaded (npm install leaves it to the first start). The version
 * check reads nothing but `process.versions` and Electron's package.json, so on a Node that is
 * too old it prints one message and exits 1 at once, without touching the network. With a
 * new enough Node and the binary missing, it runs Electron's own installer (which honours
 * `ELECTRON_MIRROR` and the download cache); if that fails, it says what is needed (one
 * download, from where, and how to point a mirror or the cache at a copy) and exits 2.
 * Exit 0 means: start Electron. `CASEFILE_START_NODE_VERSION` stands in for the running Node
 * version (for the tests of this script).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The Node version Electron 45 needs when its package.json cannot be read. */
export const FALLBACK_REQUIRED_NODE = '22.12.0'

/** Exit codes: start, Node too old, Electron binary unavailable. */
export const EXIT = Object.freeze({ OK: 0, NODE_TOO_OLD: 1, NO_ELECTRON: 2 })

/**
 * `major.minor.patch` of a version string such as `v20.19.1` or `>= 22.12.0`; undefined when
 * there is none.
 *
 * @param {string} text
 * @returns {[number, number, number] | undefined}
 */
export function parseVersion(text) {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text)
  if (!match) return undefined
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)]
}

/**
 * True when version `a` is at least `b` (both `major.minor.patch` strings).
 *
 * @param {string} a
 * @param {string} b
 */
export function atLeast(a, b) {
  const x = parseVersion(a)
  const y = parseVersion(b)
  if (!x || !y) return false
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i]
  return true
}

/**
 * The verdict on the running Node: ok, or the message to print and the exit code.
 *
 * @param {string} nodeVersion e.g. `20.20.2`
 * @param {string} required e.g. `22.12.0`
 * @returns {{ ok: true } | { ok: false, code: number, message: string }}
 */
export function checkNode(nodeVersion, required) {
  if (atLeast(nodeVersion, required)) return { ok: true }
  const version = nodeVersion.replace(/^v/, '')
  return {
    ok: false,
    code: EXIT.NODE_TOO_OLD,
    message: [
      `Casefile's desktop app needs Node.js ${required} or later (Electron requires it); ` +
        `this is Node.js ${version}.`,
      `  Install Node.js 22 or 24 (LTS) and run npm start again, or run the same app in a ` +
        'browser with this Node:',
      '    npm run web        (then open http://127.0.0.1:5178/)',
      '  Nothing was downloaded or started.',
    ].join('\n'),
  }
}

/**
 * The executable's path inside `node_modules/electron/dist` for a platform.
 *
 * @param {string} platform `process.platform`
 */
export function electronExecutable(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron'
  if (platform === 'win32') return 'electron.exe'
  return 'electron'
}

/**
 * Whether Electron's binary is installed, as its own installer decides (`dist/version` is this
 * version, `path.txt` names the executable and the executable exists), or overridden by
 * `ELECTRON_OVERRIDE_DIST_PATH`.
 *
 * @param {{ electronDir: string, version: string, platform: string,
 *   env: Record<string, string | undefined>, exists?: (path: string) => boolean,
 *   read?: (path: string) => string }} options
 */
export function electronInstalled({
  electronDir,
  version,
  platform,
  env,
  exists = existsSync,
  read = (path) => readFileSync(path, 'utf8'),
}) {
  const executable = electronExecutable(platform)
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    return exists(join(env.ELECTRON_OVERRIDE_DIST_PATH, executable))
  }
  try {
    if (
      read(join(electronDir, 'dist', 'version'))
        .trim()
        .replace(/^v/, '') !== version
    )
      return false
    if (read(join(electronDir, 'path.txt')).trim() !== executable) return false
  } catch {
    return false
  }
  return exists(join(electronDir, 'dist', executable))
}

/**
 * Where Electron's downloader keeps downloaded zips on this platform (its default, or
 * `electron_config_cache`).
 *
 * @param {string} platform
 * @param {Record<string, string | undefined>} env
 * @param {string} home
 */
export function electronCacheDir(platform, env, home) {
  if (env.electron_config_cache) return env.electron_config_cache
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'electron')
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'electron', 'Cache')
  return join(env.XDG_CACHE_HOME ?? join(home, '.cache'), 'electron')
}

/**
 * What to say when Electron's binary is missing and its download failed.
 *
 * @param {{ version: string, platform: string, arch: string, cacheDir: string }} options
 */
export function noElectronMessage({ version, platform, arch, cacheDir }) {
  const zip = `electron-v${version}-${platform}-${arch}.zip`
  return [
    `Casefile's desktop app needs Electron ${version}, and its binary is not installed: npm ` +
      'install leaves it to the first start, and downloading it failed (offline?).',
    `  It is one download of about 100 MB, ${zip}, from`,
    `    https://github.com/electron/electron/releases/download/v${version}/${zip}`,
    '  To use a copy instead (then npm start again):',
    '    - a mirror that holds Electron releases (the folder above v' + version + '/):',
    '        ELECTRON_MIRROR=https://mirror.example/electron/ npm start',
    `    - Electron's download cache from a machine that has it: copy its ${cacheDir}`,
    '      folder here, or set electron_config_cache=/path/to/that/copy',
    `    - the zip, unzipped: ELECTRON_OVERRIDE_DIST_PATH=/path/to/unzipped/${zip.replace(/\.zip$/, '')} npm start`,
    '  Or run the same app in a browser, no download needed:',
    '    npm run web        (then open http://127.0.0.1:5178/)',
  ].join('\n')
}

/**
 * The whole check. Returns the exit code; prints only when something is wrong.
 *
 * @param {{ nodeVersion: string, required: string, electron: { installed: () => boolean,
 *   install: () => boolean, version: string }, platform: string, arch: string,
 *   cacheDir: string, print: (text: string) => void }} options
 */
export function runCheck({ nodeVersion, required, electron, platform, arch, cacheDir, print }) {
  const node = checkNode(nodeVersion, required)
  if (!node.ok) {
    print(node.message)
    return node.code
  }
  if (electron.installed()) return EXIT.OK
  print(`Electron ${electron.version} is not installed yet: downloading it once…`)
  if (electron.install() && electron.installed()) return EXIT.OK
  print(noElectronMessage({ version: electron.version, platform, arch, cacheDir }))
  return EXIT.NO_ELECTRON
}

/** Electron's package.json: its version and the Node it requires. */
function electronPackage(electronDir) {
  try {
    const pkg = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))
    const required = parseVersion(pkg.engines?.node ?? '')
    return {
      version: String(pkg.version),
      required: required ? required.join('.') : FALLBACK_REQUIRED_NODE,
    }
  } catch {
    return { version: 'unknown', required: FALLBACK_REQUIRED_NODE }
  }
}

function main() {
  const electronDir = fileURLToPath(new URL('../node_modules/electron/', import.meta.url))
  const { version, required } = electronPackage(electronDir)
  const env = process.env
  const code = runCheck({
    nodeVersion: env.CASEFILE_START_NODE_VERSION || process.versions.node,
    required,
    platform: process.platform,
    arch: process.arch,
    cacheDir: electronCacheDir(process.platform, env, homedir()),
    print: (text) => console.error(text),
    electron: {
      version,
      installed: () => electronInstalled({ electronDir, version, platform: process.platform, env }),
      install: () =>
        spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' })
          .status === 0,
    },
  })
  process.exit(code)
}

/** True when this file is the script Node was started with (not an import). */
function invokedDirectly() {
  const entry = process.argv[1]
  return entry !== undefined && fileURLToPath(import.meta.url) === entry
}

if (invokedDirectly()) main()
