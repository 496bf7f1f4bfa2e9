import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  mimeTypeFor,
} from './protocol'
import { CONTENT_SECURITY_POLICY as POLICY } from '../csp.mjs'

/** The app's one policy: the handler must send exactly this (its content: csp.test.ts). */
const EXPECTED_CSP = POLICY

let base: string
let root: string
let serve: (request: Request) => Promise<Response>

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'casefile-protocol-'))
  root = join(base, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Casefile</title>')
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  await writeFile(join(root, 'assets', 'index-abc.css'), 'body{}')
  await writeFile(join(root, 'assets', 'pdf.worker.mjs'), 'self.x=1')
  await writeFile(join(root, 'icon.svg'), '<svg/>')
  await writeFile(join(base, 'secret.txt'), 'secret')
  await symlink(join(base, 'secret.txt'), join(root, 'leak.txt'))
  serve = createAppProtocolHandler(root)
})

afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

const get = (url: string, init?: RequestInit) => serve(new Request(url, init))

describe('the app protocol', () => {
  it('registers app as a standard, secure scheme with fetch and without CORS or CSP bypass', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    })
  })

  it('sends the one policy of electron/csp.mjs', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP)
    // 'wasm-unsafe-eval' (WebAssembly for the OCR) is allowed; 'unsafe-eval' never.
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'")
  })

  it('serves index.html for the root and by name, with the CSP header', async () => {
    for (const url of ['app://casefile/', 'app://casefile', 'app://casefile/index.html']) {
      const res = await get(url)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await res.text()).toContain('<title>Casefile</title>')
    }
  })

  it('serves assets with their MIME types', async () => {
    const cases: [string, string][] = [
      ['app://casefile/assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['app://casefile/assets/index-abc.css', 'text/css; charset=utf-8'],
      ['app://casefile/assets/pdf.worker.mjs', 'text/javascript; charset=utf-8'],
      ['app://casefile/icon.svg', 'image/svg+xml'],
    ]
    for (const [url, type] of cases) {
      const res = await get(url)
      expect(res.status, url).toBe(200)
      expect(res.headers.get('content-type'), url).toBe(type)
    }
  })

  it('answers HEAD without a body', async () => {
    const res = await get('app://casefile/index.html', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
  })

  it.each([
    'app://casefile/../secret.txt',
    'app://casefile/%2e%2e/secret.txt',
    'app://casefile/assets/%2e%2e/%2e%2e/secret.txt',
    'app://casefile/..%2fsecret.txt',
    'app://casefile/%2e%2e%2fsecret.txt',
    'app://casefile/..%5csecret.txt',
    'app://casefile/index.html%00.js',
    'app://casefile/%E0%A4%A',
    'app://casefile/missing.js',
    'app://casefile/assets',
    'app://casefile/leak.txt',
    'app://other/index.html',
    'app://casefile:1234/index.html',
  ])('refuses %s', async (url) => {
    const res = await get(url)
    expect(res.status).toBe(404)
    expect(await res.text()).toBe('')
    expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP)
  })

  it('refuses methods other than GET and HEAD', async () => {
    const res = await get('app://casefile/index.html', { method: 'POST', body: 'x' })
    expect(res.status).toBe(405)
  })

  it('falls back to octet-stream for unknown extensions', () => {
    expect(mimeTypeFor('/x/file.unknown')).toBe('application/octet-stream')
    expect(mimeTypeFor('/x/noext')).toBe('application/octet-stream')
    expect(mimeTypeFor('/x/A.JS')).toBe('text/javascript; charset=utf-8')
    expect(mimeTypeFor('/x/f.wasm')).toBe('application/wasm')
  })
})
