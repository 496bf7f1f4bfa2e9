/**
 * Tests of `scripts/serve.mjs`, the static server the e2e suite and `npm run web` rely on:
 * the headers (the desktop CSP, no caching), content types, and above all that no request
 * target, however encoded, reads a file outside the served folder. No browser is needed: raw
 * HTTP requests send targets exactly as written, which `fetch` would normalise away.
 */
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../electron/csp.mjs'
import { CSP, CSP_REPORT_PATH, startServer, type RunningServer } from '../scripts/serve.mjs'

const SECRET = 'not-for-the-browser'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Sends one request with `target` written verbatim on the request line. */
function raw(server: RunningServer, target: string, method = 'GET', body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: target,
        method,
        headers: { Connection: 'close' },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('serve.mjs', () => {
  let base: string
  let server: RunningServer

  beforeAll(async () => {
    // base/secret.txt sits next to the served folder base/root: escapes aim for it.
    base = await mkdtemp(join(tmpdir(), 'casefile-serve-'))
    const root = join(base, 'root')
    await mkdir(join(root, 'assets'), { recursive: true })
    await mkdir(join(root, 'docs'))
    await writeFile(join(base, 'secret.txt'), SECRET)
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Casefile</title>')
    await writeFile(join(root, 'docs', 'index.html'), '<title>docs</title>')
    for (const name of [
      'a.js',
      'a.mjs',
      'a.css',
      'a.json',
      'a.wasm',
      'a.svg',
      'a.png',
      'a.woff2',
    ]) {
      await writeFile(join(root, 'assets', name), 'x')
    }
    await writeFile(join(root, 'assets', 'a.js.map'), '{}')
    await writeFile(join(root, 'assets', 'a.unknown'), 'x')
    await symlink(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'))
    server = await startServer({ root, port: 0 })
  })

  afterAll(async () => {
    await server?.close()
    if (base) await rm(base, { recursive: true, force: true })
  })

  it('serves index.html for / on 127.0.0.1 with the desktop CSP and no caching', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const reply = await raw(server, '/')
    expect(reply.status).toBe(200)
    expect(reply.body).toContain('<title>Casefile</title>')
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(reply.headers['content-security-policy']).toBe(CSP)
    expect(reply.headers['cache-control']).toBe('no-store')
    expect(reply.headers['x-content-type-options']).toBe('nosniff')
    // The desktop app's policy, from its one source (its content: electron/csp.test.ts).
    expect(CSP).toBe(CONTENT_SECURITY_POLICY)
  })

  it.each([
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.js.map', 'application/json; charset=utf-8'],
    ['a.wasm', 'application/wasm'],
    ['a.svg', 'image/svg+xml'],
    ['a.png', 'image/png'],
    ['a.woff2', 'font/woff2'],
    ['a.unknown', 'application/octet-stream'],
  ])('serves %s as %s', async (name, type) => {
    const reply = await raw(server, `/assets/${name}?v=1`)
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe(type)
  })

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '//secret.txt',
    '/assets/link.txt',
    `/${join(tmpdir(), 'secret.txt')}`,
  ])('does not escape the root for %s', async (target) => {
    const reply = await raw(server, target)
    expect([400, 404]).toContain(reply.status)
    expect(reply.body).not.toContain(SECRET)
    expect(reply.headers['content-security-policy']).toBe(CSP)
  })

  it('rejects targets that do not decode, and NUL bytes', async () => {
    expect((await raw(server, '/%E0%A4%A')).status).toBe(400)
    expect((await raw(server, '/index.html%00.png')).status).toBe(400)
  })

  it('answers 404 for a missing file, 405 for POST, and redirects a bare directory', async () => {
    expect((await raw(server, '/nope.js')).status).toBe(404)
    const post = await raw(server, '/', 'POST', 'x')
    expect(post.status).toBe(405)
    expect(post.headers.allow).toBe('GET, HEAD')
    const dir = await raw(server, '/docs?x=1')
    expect(dir.status).toBe(301)
    expect(dir.headers.location).toBe('/docs/?x=1')
    expect((await raw(server, '/docs/')).body).toContain('<title>docs</title>')
    // `//docs` must not become `Location: //docs/`, which a browser reads as another host.
    expect((await raw(server, '//docs')).headers.location).toBe('/docs/')
  })

  it('takes absolute-form targets by their path, and refuses other forms', async () => {
    const reply = await raw(server, 'http://example.invalid/assets/a.css')
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('text/css; charset=utf-8')
    expect((await raw(server, '*', 'GET')).status).toBe(400)
  })

  it('answers HEAD with headers only', async () => {
    const reply = await raw(server, '/', 'HEAD')
    expect(reply.status).toBe(200)
    expect(reply.body).toBe('')
    expect(Number(reply.headers['content-length'])).toBeGreaterThan(0)
  })

  it('with onCspReport, adds a report-uri and hands on the reports', async () => {
    const reports: unknown[] = []
    const reporting = await startServer({
      root: join(base, 'root'),
      port: 0,
      onCspReport: (report) => reports.push(report),
    })
    try {
      const page = await raw(reporting, '/')
      expect(page.headers['content-security-policy']).toBe(`${CSP}; report-uri ${CSP_REPORT_PATH}`)
      const report = { 'csp-report': { 'blocked-uri': 'eval' } }
      const post = await raw(reporting, CSP_REPORT_PATH, 'POST', JSON.stringify(report))
      expect(post.status).toBe(204)
      expect(reports).toEqual([report])
      expect((await raw(reporting, CSP_REPORT_PATH, 'POST', '{bad')).status).toBe(400)
      // Without onCspReport there is no such endpoint.
      expect((await raw(server, CSP_REPORT_PATH, 'POST', '{}')).status).toBe(405)
    } finally {
      await reporting.close()
    }
  })

  it('prints the URL as its first line when run with --port 0', async () => {
    const script = fileURLToPath(new URL('../scripts/serve.mjs', import.meta.url))
    const child = spawn(process.execPath, [script, '--port', '0', '--root', join(base, 'root')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    try {
      const lines = createInterface({ input: child.stdout })
      const first = await new Promise<string>((resolve) => lines.once('line', resolve))
      const match = /^Casefile running at (http:\/\/127\.0\.0\.1:(\d+)\/)$/.exec(first)
      expect(match).not.toBeNull()
      const response = await fetch(match?.[1] ?? '')
      expect(response.status).toBe(200)
    } finally {
      child.kill('SIGTERM')
    }
  })
})
