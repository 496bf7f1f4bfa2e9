/**
 * The desktop's team server connection (main process) against the real TAXII server
 * (medallion): settings kept in userData without the secret, the secret kept only
 * OS-encrypted (and only in memory where the OS has no key store), requests only to the
 * configured server with the kept credentials, and the transport failures (TLS, unreachable,
 * refused URL) typed. Electron's `safeStorage` cannot run outside Electron, so a stand-in
 * with the same async API encrypts here (it is the OS's job, not medallion's).
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { createServer } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTaxii, type RunningTaxii } from '../../src/test/taxii-server'
import { CONFIG_FILE, SECRET_FILE, TeamServerError, createTeamServerMain } from './taxii'

const PASSWORD = 'pw-Zq7!taxii-secret'
let taxii: RunningTaxii
let dir: string

/** A key store that really transforms the bytes (XOR), so plain text never reaches a file. */
function keyStore(backend = 'gnome_libsecret') {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a))
  return {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (s: string) => xor(Buffer.from(s, 'utf8')),
    decryptStringAsync: async (b: Buffer) => ({ result: xor(b).toString('utf8') }),
    getSelectedStorageBackend: () => backend,
  }
}

beforeAll(async () => {
  taxii = await startTaxii({ user: `analyst:${PASSWORD}` })
})
afterAll(async () => {
  await taxii?.stop()
})
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casefile-taxii-main-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function everyFileText(): Promise<string> {
  const names = await readdir(dir)
  const texts = await Promise.all(names.map((n) => readFile(join(dir, n), 'latin1')))
  return texts.join('\n')
}

async function refusal(promise: Promise<unknown>): Promise<TeamServerError> {
  try {
    await promise
  } catch (e) {
    if (e instanceof TeamServerError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

describe('the desktop team server connection', () => {
  it('keeps the password OS-encrypted, never in plain text, and uses it after a restart', async () => {
    const first = createTeamServerMain({ dir, secrets: keyStore(), platform: 'linux' })
    const status = await first.configure({
      serverUrl: taxii.discovery,
      user: 'analyst',
      authKind: 'password',
      secret: PASSWORD,
    })
    expect(status).toMatchObject({ hasSecret: true, secretKept: 'os', user: 'analyst' })
    expect(JSON.stringify(status)).not.toContain(PASSWORD)
    expect((await readdir(dir)).sort()).toEqual([CONFIG_FILE, SECRET_FILE].sort())
    expect(await everyFileText()).not.toContain(PASSWORD)
    expect(JSON.parse(await readFile(join(dir, CONFIG_FILE), 'utf8'))).toEqual({
      serverUrl: taxii.discovery,
      user: 'analyst',
      authKind: 'password',
    })

    const restarted = createTeamServerMain({ dir, secrets: keyStore(), platform: 'linux' })
    expect(await restarted.status()).toMatchObject({ hasSecret: true, secretKept: 'os' })
    const answer = await restarted.request({ method: 'GET', url: taxii.discovery })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body).api_roots).toEqual([taxii.apiRoot])
  })

  it('keeps the secret in memory only where the OS has no key store (basic_text)', async () => {
    const weak = createTeamServerMain({ dir, secrets: keyStore('basic_text'), platform: 'linux' })
    const status = await weak.configure({
      serverUrl: taxii.discovery,
      user: 'analyst',
      authKind: 'password',
      secret: PASSWORD,
    })
    expect(status.secretKept).toBe('memory')
    expect(await readdir(dir)).toEqual([CONFIG_FILE])
    expect((await weak.request({ method: 'GET', url: taxii.discovery })).status).toBe(200)
    const restarted = createTeamServerMain({
      dir,
      secrets: keyStore('basic_text'),
      platform: 'linux',
    })
    expect((await restarted.status()).hasSecret).toBe(false)
    expect((await restarted.request({ method: 'GET', url: taxii.discovery })).status).toBe(401)
  })

  it('forgets the secret when the server or user changes, or when asked', async () => {
    const main = createTeamServerMain({ dir, secrets: keyStore(), platform: 'linux' })
    const base = { serverUrl: taxii.discovery, user: 'analyst', authKind: 'password' as const }
    await main.configure({ ...base, secret: PASSWORD })
    expect((await main.configure(base)).hasSecret).toBe(true)
    expect((await main.configure({ ...base, user: 'someone-else' })).hasSecret).toBe(false)
    expect(await readdir(dir)).toEqual([CONFIG_FILE])
    await main.configure({ ...base, secret: PASSWORD })
    expect((await main.configure({ ...base, secret: null })).hasSecret).toBe(false)
  })

  it('sends a wrong password as it is and passes the 401 on', async () => {
    const main = createTeamServerMain({ dir, secrets: keyStore(), platform: 'linux' })
    await main.configure({
      serverUrl: taxii.discovery,
      user: 'analyst',
      authKind: 'password',
      secret: 'not-it',
    })
    expect((await main.request({ method: 'GET', url: taxii.discovery })).status).toBe(401)
  })

  it('contacts nothing before it is configured, and only the configured server after', async () => {
    const main = createTeamServerMain({ dir, secrets: keyStore(), platform: 'linux' })
    expect((await refusal(main.request({ method: 'GET', url: taxii.discovery }))).code).toBe(
      'NOT_CONFIGURED',
    )
    const plain = await refusal(
      main.configure({ serverUrl: 'http://taxii.example.org/', user: 'a', authKind: 'password' }),
    )
    expect(plain.code).toBe('URL_NOT_ALLOWED')
    expect(plain.message).toContain('https://taxii.example.org/')
    await main.configure({ serverUrl: taxii.discovery, user: 'analyst', authKind: 'password' })
    const other = await refusal(main.request({ method: 'GET', url: 'https://example.org/taxii2/' }))
    expect(other.code).toBe('URL_NOT_ALLOWED')
    expect(other.message).toContain('only the configured team server')
  })

  it('reports an untrusted certificate as TLS and a closed port as UNREACHABLE', async () => {
    const certDir = await mkdtemp(join(tmpdir(), 'casefile-tls-'))
    const server = await (async () => {
      execFileSync(
        'openssl',
        [
          ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
          ...['-subj', '/CN=127.0.0.1', '-keyout', join(certDir, 'key.pem')],
          ...['-out', join(certDir, 'cert.pem')],
        ],
        { stdio: 'ignore' },
      )
      const s = createServer(
        {
          key: await readFile(join(certDir, 'key.pem')),
          cert: await readFile(join(certDir, 'cert.pem')),
        },
        (_req, res) => res.end('{}'),
      )
      await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
      return s
    })()
    try {
      const port = (server.address() as { port: number }).port
      const main = createTeamServerMain({ dir, secrets: keyStore(), platform: 'linux' })
      const url = `https://127.0.0.1:${port}/taxii2/`
      await main.configure({ serverUrl: url, user: '', authKind: 'token', secret: 'tok' })
      const tls = await refusal(main.request({ method: 'GET', url }))
      expect(tls.code).toBe('TLS')
      expect(tls.message).toMatch(/SELF_SIGNED|certificate/i)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await rm(certDir, { recursive: true, force: true })
    }
    const gone = await startTaxii()
    await gone.stop()
    const main = createTeamServerMain({ dir, secrets: keyStore(), platform: 'linux' })
    await main.configure({ serverUrl: gone.discovery, user: 'casefile', authKind: 'password' })
    expect((await refusal(main.request({ method: 'GET', url: gone.discovery }))).code).toBe(
      'UNREACHABLE',
    )
  })
})
