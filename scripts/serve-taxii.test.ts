/**
 * The browser build's team server relay (`POST /__casefile/taxii` in scripts/serve.mjs)
 * against the real TAXII server (medallion): it relays the app page's request to the
 * configured server and answers its status, headers and body; it refuses requests that are not
 * the page's own (another Origin, no `X-Casefile-Taxii` header, a cross-site fetch) and any
 * host but the configured server, as the desktop main process does.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTaxii, type RunningTaxii } from '../src/test/taxii-server'
import { TAXII_RELAY_PATH, startServer, type RunningServer } from './serve.mjs'

let taxii: RunningTaxii
let web: RunningServer
let root: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'casefile-serve-taxii-'))
  await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>')
  taxii = await startTaxii({ user: 'analyst:relay-secret' })
  web = await startServer({ root, port: 0 })
})
afterAll(async () => {
  await web?.close()
  await taxii?.stop()
  await rm(root, { recursive: true, force: true })
})

function relay(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(web.origin + TAXII_RELAY_PATH, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: web.origin,
      'Sec-Fetch-Site': 'same-origin',
      'X-Casefile-Taxii': '1',
      ...headers,
    },
    body: JSON.stringify(body),
  })
}

describe('the team server relay', () => {
  it('relays a TAXII request to the configured server with the page credentials', async () => {
    const res = await relay({
      serverUrl: taxii.discovery,
      authorization: taxii.auth,
      request: { method: 'GET', url: `${taxii.team}objects/` },
    })
    expect(res.status).toBe(200)
    const answer = await res.json()
    expect(answer.ok).toBe(true)
    expect(answer.value.status).toBe(200)
    expect(answer.value.body).toBe('{}')
    const denied = await relay({
      serverUrl: taxii.discovery,
      authorization: 'Basic ' + btoa('analyst:wrong'),
      request: { method: 'GET', url: taxii.discovery },
    })
    expect((await denied.json()).value.status).toBe(401)
  })

  it('refuses what is not the page own request', async () => {
    const body = {
      serverUrl: taxii.discovery,
      request: { method: 'GET', url: taxii.discovery },
    }
    expect((await relay(body, { Origin: 'http://evil.example' })).status).toBe(403)
    expect((await relay(body, { 'X-Casefile-Taxii': '' })).status).toBe(403)
    expect((await relay(body, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403)
    expect((await relay(body, { 'Content-Type': 'text/plain' })).status).toBe(403)
    const get = await fetch(web.origin + TAXII_RELAY_PATH)
    expect(get.status).toBe(405)
  })

  it('contacts only the configured server, over https unless it is on this machine', async () => {
    const other = await relay({
      serverUrl: taxii.discovery,
      request: { method: 'GET', url: 'https://example.org/taxii2/' },
    })
    expect(await other.json()).toMatchObject({ ok: false, error: { code: 'URL_NOT_ALLOWED' } })
    const plain = await relay({
      serverUrl: 'http://taxii.example.org/taxii2/',
      request: { method: 'GET', url: 'http://taxii.example.org/taxii2/' },
    })
    expect(await plain.json()).toMatchObject({ ok: false, error: { code: 'URL_NOT_ALLOWED' } })
  })
})
