/**
 * Tests of the check `npm start` runs first (`start-check.mjs`): version comparison, the
 * messages, the exit codes, that a Node too old never reaches Electron's installer (so never
 * the network), and the script run as `npm start` runs it.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import {
  EXIT,
  atLeast,
  checkNode,
  electronCacheDir,
  electronInstalled,
  noElectronMessage,
  parseVersion,
  runCheck,
} from './start-check.mjs'

const SCRIPT = fileURLToPath(new URL('./start-check.mjs', import.meta.url))

describe('versions', () => {
  it('parses plain, v-prefixed and range versions', () => {
    expect(parseVersion('v20.19.1')).toEqual([20, 19, 1])
    expect(parseVersion('>= 22.12.0')).toEqual([22, 12, 0])
    expect(parseVersion('24.1')).toEqual([24, 1, 0])
    expect(parseVersion('latest')).toBeUndefined()
  })

  it('compares major, minor and patch in that order', () => {
    expect(atLeast('22.12.0', '22.12.0')).toBe(true)
    expect(atLeast('22.12.1', '22.12.0')).toBe(true)
    expect(atLeast('23.0.0', '22.12.0')).toBe(true)
    expect(atLeast('24.11.1', '22.12.0')).toBe(true)
    expect(atLeast('22.11.9', '22.12.0')).toBe(false)
    expect(atLeast('20.20.2', '22.12.0')).toBe(false)
    expect(atLeast('22.9.0', '22.12.0')).toBe(false)
    expect(atLeast('nonsense', '22.12.0')).toBe(false)
  })
})

describe('checkNode', () => {
  it('passes Node 22.12 and later', () => {
    expect(checkNode('22.12.0', '22.12.0')).toEqual({ ok: true })
    expect(checkNode('v24.0.0', '22.12.0')).toEqual({ ok: true })
  })

  it('names the running version, the one needed and npm run web, and exits 1', () => {
    const verdict = checkNode('v20.20.2', '22.12.0')
    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.code).toBe(EXIT.NODE_TOO_OLD)
    expect(verdict.code).toBe(1)
    expect(verdict.message).toContain('needs Node.js 22.12.0 or later')
    expect(verdict.message).toContain('this is Node.js 20.20.2.')
    expect(verdict.message).toContain('npm run web')
  })
})

describe('runCheck', () => {
  const base = {
    required: '22.12.0',
    platform: 'linux',
    arch: 'x64',
    cacheDir: '/home/a/.cache/electron',
  }

  it('on a Node too old: one message, exit 1, and Electron is not even looked at', () => {
    const print = vi.fn()
    const installed = vi.fn(() => false)
    const install = vi.fn(() => true)
    const code = runCheck({
      ...base,
      nodeVersion: '20.19.0',
      print,
      electron: { version: '45.5.0', installed, install },
    })
    expect(code).toBe(1)
    expect(print).toHaveBeenCalledTimes(1)
    expect(print.mock.calls[0]![0]).toMatch(/needs Node\.js 22\.12\.0 .*this is Node\.js 20\.19\.0/)
    expect(installed).not.toHaveBeenCalled()
    expect(install).not.toHaveBeenCalled()
  })

  it('with Electron installed: exit 0, silently', () => {
    const print = vi.fn()
    const install = vi.fn(() => true)
    const code = runCheck({
      ...base,
      nodeVersion: '22.12.0',
      print,
      electron: { version: '45.5.0', installed: () => true, install },
    })
    expect(code).toBe(EXIT.OK)
    expect(print).not.toHaveBeenCalled()
    expect(install).not.toHaveBeenCalled()
  })

  it('with Electron missing: downloads it once, then starts', () => {
    let present = false
    const install = vi.fn(() => (present = true))
    const code = runCheck({
      ...base,
      nodeVersion: '24.0.0',
      print: () => {},
      electron: { version: '45.5.0', installed: () => present, install },
    })
    expect(code).toBe(0)
    expect(install).toHaveBeenCalledTimes(1)
  })

  it('with Electron missing and no download: explains what to fetch and how, exit 2', () => {
    const print = vi.fn()
    const code = runCheck({
      ...base,
      nodeVersion: '22.12.0',
      print,
      electron: { version: '45.5.0', installed: () => false, install: () => false },
    })
    expect(code).toBe(EXIT.NO_ELECTRON)
    expect(code).toBe(2)
    const said = print.mock.calls.map((c) => c[0]).join('\n')
    expect(said).toContain('electron-v45.5.0-linux-x64.zip')
    expect(said).toContain('/releases/download/v45.5.0/electron-v45.5.0-linux-x64.zip')
    expect(said).toContain('ELECTRON_MIRROR=')
    expect(said).toContain('/home/a/.cache/electron')
    expect(said).toContain('electron_config_cache=')
    expect(said).toContain('npm run web')
  })

  it('the message names the platform and architecture asked for', () => {
    const text = noElectronMessage({
      version: '45.5.0',
      platform: 'win32',
      arch: 'arm64',
      cacheDir: 'C:\\Users\\a\\AppData\\Local\\electron\\Cache',
    })
    expect(text).toContain('electron-v45.5.0-win32-arm64.zip')
  })
})

describe('electronInstalled', () => {
  const files = (map: Record<string, string>) => ({
    exists: (p: string) => p in map,
    read: (p: string) => {
      if (!(p in map)) throw new Error('ENOENT')
      return map[p]!
    },
  })

  it('wants this version, path.txt naming the executable, and the executable', () => {
    const all = {
      '/e/dist/version': 'v45.5.0\n',
      '/e/path.txt': 'electron',
      '/e/dist/electron': '',
    }
    const args = { electronDir: '/e', version: '45.5.0', platform: 'linux', env: {} }
    expect(electronInstalled({ ...args, ...files(all) })).toBe(true)
    expect(electronInstalled({ ...args, version: '46.0.0', ...files(all) })).toBe(false)
    const { '/e/dist/electron': _gone, ...noBinary } = all
    expect(electronInstalled({ ...args, ...files(noBinary) })).toBe(false)
    expect(electronInstalled({ ...args, ...files({}) })).toBe(false)
  })

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const env = { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }
    const args = { electronDir: '/e', version: '45.5.0', platform: 'linux', env }
    expect(electronInstalled({ ...args, ...files({ '/opt/electron/electron': '' }) })).toBe(true)
    expect(electronInstalled({ ...args, ...files({}) })).toBe(false)
  })
})

describe('electronCacheDir', () => {
  it("is Electron's default per platform, or electron_config_cache", () => {
    expect(electronCacheDir('linux', {}, '/home/a')).toBe('/home/a/.cache/electron')
    expect(electronCacheDir('linux', { XDG_CACHE_HOME: '/c' }, '/home/a')).toBe('/c/electron')
    expect(electronCacheDir('darwin', {}, '/Users/a')).toBe('/Users/a/Library/Caches/electron')
    expect(electronCacheDir('linux', { electron_config_cache: '/x' }, '/home/a')).toBe('/x')
  })
})

describe('the script', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [SCRIPT], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    })

  it('exits 1 with the explanation on stderr when Node is too old', () => {
    const result = run({ CASEFILE_START_NODE_VERSION: '20.19.0' })
    expect(result.status).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('needs Node.js 22.12.0 or later')
    expect(result.stderr).toContain('this is Node.js 20.19.0.')
    expect(result.stderr).toContain('npm run web')
  })

  it('exits 0 when Node is new enough and Electron is there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casefile-start-'))
    try {
      writeFileSync(join(dir, process.platform === 'win32' ? 'electron.exe' : 'electron'), '')
      const result = run({
        CASEFILE_START_NODE_VERSION: '22.12.0',
        ELECTRON_OVERRIDE_DIST_PATH: dir,
      })
      expect(result.stderr).toBe('')
      expect(result.status).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
