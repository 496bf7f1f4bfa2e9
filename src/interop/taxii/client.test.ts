/**
 * The TAXII client against the real OASIS reference server (medallion, ../shared/taxii),
 * started for this file: discovery, API root, collections, pushing in batches with status
 * polling, resuming a push that failed half-way, paging, incremental pulls, and each typed
 * error from a real answer (401, 403, 406, 413, 500, unreachable, refused URL; the TLS failure is tested in
 * electron/main/taxii.test.ts, where Node's https is at hand). Only what
 * medallion cannot do (a status that stays pending) uses a stand-in transport.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TaxiiClient, type StixObject, type TaxiiStatus, type TaxiiTarget } from './client'
import { createDirectTransport } from './direct-transport'
import { TaxiiError, errorForStatus } from './errors'
import { pullObjects } from './pull'
import { batchObjects, newLedger, planPush, pushObjects } from './push'
import {
  FEED_COLLECTION,
  TEAM_COLLECTION,
  startTaxii,
  type RunningTaxii,
} from '../../test/taxii-server'

let taxii: RunningTaxii

beforeAll(async () => {
  taxii = await startTaxii({ user: 'alice:s3cret', maxPageSize: 3 })
})
afterAll(async () => {
  await taxii?.stop()
})

function client(password = 's3cret', fetchImpl?: typeof fetch): TaxiiClient {
  return new TaxiiClient({
    serverUrl: taxii.discovery,
    transport: createDirectTransport(
      taxii.discovery,
      { user: 'alice', password },
      fetchImpl ? { fetch: fetchImpl } : {},
    ),
    sleep: async () => {},
  })
}

let counter = 0
function identity(name: string, modified = '2025-06-24T10:00:00.000Z'): StixObject {
  counter += 1
  const hex = counter.toString(16).padStart(12, '0')
  return {
    type: 'identity',
    spec_version: '2.1',
    id: `identity--00000000-0000-4000-8000-${hex}`,
    created: '2025-06-24T10:00:00.000Z',
    modified,
    name,
    identity_class: 'organization',
  }
}

async function errorOf(promise: Promise<unknown>): Promise<TaxiiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof TaxiiError) return error
    throw error
  }
  throw new Error('expected a TaxiiError')
}

async function teamTarget(c = client()): Promise<TaxiiTarget> {
  return c.resolveTarget('', 'casefile-team')
}

describe('discovery, API root and collections', () => {
  it('finds the default API root, its max_content_length and a collection by alias or id', async () => {
    const c = client()
    const discovery = await c.discover()
    expect(discovery.api_roots).toEqual([taxii.apiRoot])
    const byAlias = await teamTarget(c)
    expect(byAlias.apiRootUrl).toBe(taxii.apiRoot)
    expect(byAlias.maxContentLength).toBe(10485760)
    expect(byAlias.collection.id).toBe(TEAM_COLLECTION)
    expect(byAlias.collectionUrl).toBe(taxii.team)
    const byId = await c.resolveTarget('casefile', FEED_COLLECTION)
    expect(byId.collectionUrl).toBe(taxii.feed)
    expect(byId.collection.can_write).toBe(false)
  })

  it('names the collections it has when the one asked for is missing', async () => {
    const error = await errorOf(client().resolveTarget('', 'no-such-collection'))
    expect(error.code).toBe('NOT_FOUND')
    expect(error.message).toContain('casefile-team')
    expect(error.message).toContain('Team server settings')
  })
})

describe('push and pull', () => {
  it('pushes in batches within max_content_length, polls each status, and pages a pull back', async () => {
    const c = client()
    const target = await teamTarget(c)
    const objects = Array.from({ length: 7 }, (_, i) => identity(`Org ${i}`))
    const small = { ...target, maxContentLength: 700 }
    const progress: number[] = []
    const ledger = newLedger()
    const report = await pushObjects(c, small, objects, {
      ledger,
      onProgress: (p) => progress.push(p.done),
    })
    expect(report.error).toBeUndefined()
    expect(report.batches).toBeGreaterThan(2)
    expect(report.added).toBe(7)
    expect(report.complete).toBe(true)
    expect(progress.at(-1)).toBe(7)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    for (const batch of batchObjects(objects, 700)) {
      expect(new TextEncoder().encode(JSON.stringify({ objects: batch })).length).toBeLessThan(700)
    }

    // The server caps pages at 3: 7 objects come back in 3 pages, each once.
    const pulled = await pullObjects(c, target, { pageSize: 50 })
    expect(pulled.pages).toBe(3)
    expect(new Set(pulled.objects.map((o) => o.id))).toEqual(new Set(objects.map((o) => o.id)))
    expect(pulled.cursor).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)

    // Pushing the same versions again: confirmed as already there, nothing new.
    const again = await pushObjects(c, target, objects, { ledger: newLedger() })
    expect(again.alreadyThere).toBe(7)
    expect(again.added).toBe(0)

    // An incremental pull brings only what was added after the cursor.
    const newer = { ...objects[0]!, modified: '2025-06-25T10:00:00.000Z', name: 'Org 0 renamed' }
    const extra = identity('Late org')
    await pushObjects(c, target, [newer, extra], { ledger: newLedger() })
    const since = await pullObjects(c, target, { addedAfter: pulled.cursor })
    expect(since.objects.map((o) => o.id).sort()).toEqual([newer.id, extra.id].sort())
    expect(since.objects.find((o) => o.id === newer.id)?.name).toBe('Org 0 renamed')
    expect(since.cursor! > pulled.cursor!).toBe(true)
    const nothing = await pullObjects(c, target, { addedAfter: since.cursor })
    expect(nothing.objects).toEqual([])
    expect(nothing.cursor).toBe(since.cursor)
  })

  it('resumes a push that failed half-way: the retry sends only the rest', async () => {
    const posted: string[][] = []
    let failNextPost = false
    const flaky: typeof fetch = async (input, init) => {
      if (init?.method === 'POST') {
        if (failNextPost) {
          failNextPost = false
          throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })
        }
        const ids = (JSON.parse(String(init.body)) as { objects: StixObject[] }).objects.map(
          (o) => o.id,
        )
        posted.push(ids)
        if (posted.length === 2) failNextPost = true
      }
      return fetch(input, init)
    }
    const c = client('s3cret', flaky)
    const target = { ...(await teamTarget(c)), maxContentLength: 700 }
    const objects = Array.from({ length: 9 }, (_, i) => identity(`Resumed ${i}`))
    const ledger = newLedger()
    const first = await pushObjects(c, target, objects, { ledger })
    expect(first.error?.code).toBe('UNREACHABLE')
    expect(first.error?.message).toContain('try again')
    expect(first.complete).toBe(false)
    const sentFirst = posted.flat()
    expect(sentFirst.length).toBeGreaterThan(0)
    expect(sentFirst.length).toBeLessThan(9)
    expect(ledger.confirmed.size).toBe(sentFirst.length)

    posted.length = 0
    const second = await pushObjects(c, target, objects, { ledger })
    expect(second.error).toBeUndefined()
    expect(second.resumed).toBe(sentFirst.length)
    const sentSecond = posted.flat()
    expect(sentSecond.filter((id) => sentFirst.includes(id))).toEqual([])
    expect(new Set([...sentFirst, ...sentSecond])).toEqual(new Set(objects.map((o) => o.id)))
    expect(second.added).toBe(9 - sentFirst.length)
  })

  it('leaves out objects with a top-level version: medallion would break every listing after one', async () => {
    const definition: StixObject = {
      type: 'extension-definition',
      spec_version: '2.1',
      id: 'extension-definition--11111111-2222-4333-8444-555555555555',
      created: '2025-06-24T10:00:00.000Z',
      modified: '2025-06-24T10:00:00.000Z',
      name: 'Casefile',
      schema: 'https://example.invalid/casefile',
      version: '1.0.0',
      extension_types: ['property-extension'],
      created_by_ref: 'identity--00000000-0000-4000-8000-000000000001',
    }
    const plan = planPush([definition, identity('Kept')])
    expect(plan.skipped.map((s) => s.type)).toEqual(['extension-definition'])
    expect(plan.skipped[0]!.reason).toContain('HTTP 500')

    // What the skip avoids, shown on a server of its own: the push is accepted, then every
    // listing of the collection fails, reported as a server error with what to do.
    const broken = await startTaxii({ user: 'alice:s3cret' })
    try {
      const c = new TaxiiClient({
        serverUrl: broken.discovery,
        transport: createDirectTransport(broken.discovery, { user: 'alice', password: 's3cret' }),
      })
      const target = await c.resolveTarget('', 'casefile-team')
      const status = await c.postEnvelope(target.collectionUrl, [definition])
      expect(status.success_count).toBe(1)
      const error = await errorOf(c.getObjectsPage(target.collectionUrl))
      expect(error.code).toBe('SERVER_ERROR')
      expect(error.status).toBe(500)
      expect(error.message).toContain('administrator')
    } finally {
      await broken.stop()
    }
  })
})

describe('typed errors from real answers', () => {
  it('401: a wrong password', async () => {
    const error = await errorOf(teamTarget(client('wrong')))
    expect(error.code).toBe('UNAUTHORIZED')
    expect(error.status).toBe(401)
    expect(error.message).toMatch(/Check the user name and password/)
    expect(error.message).not.toContain('wrong')
  })

  it('403: a push to the read-only collection', async () => {
    const c = client()
    const feed = await c.resolveTarget('', 'casefile-feed')
    const report = await pushObjects(c, feed, [identity('Refused')], { ledger: newLedger() })
    expect(report.error?.code).toBe('FORBIDDEN')
    expect(report.error?.message).toContain('choose another collection')
  })

  it('406: a server that is not answering TAXII 2.1 (a request without the TAXII Accept)', async () => {
    const plainJson: typeof fetch = (input, init) =>
      fetch(input, {
        ...init,
        headers: { ...(init?.headers as object), Accept: 'application/json' },
      })
    const error = await errorOf(client('s3cret', plainJson).discover())
    expect(error.code).toBe('NOT_ACCEPTABLE')
    expect(error.message).toContain('TAXII 2.1')
  })

  it('413: a body the server refuses by its length; one object too big, refused before sending', async () => {
    const c = client()
    const target = await teamTarget(c)
    // medallion refuses a Content-Length outside 1 … max_content_length with 413; an empty
    // body shows it deterministically (a 10 MiB one races the server's early close).
    const transport = createDirectTransport(taxii.discovery, { user: 'alice', password: 's3cret' })
    const answer = await transport({ method: 'POST', url: `${taxii.team}objects/`, body: '' })
    if (!answer.ok) throw new Error(answer.error.message)
    expect(answer.value.status).toBe(413)
    const mapped = errorForStatus(413, answer.value.body, 'adding objects', '127.0.0.1')
    expect(mapped.code).toBe('TOO_LARGE')
    expect(mapped.message).toContain("briefing's selection")
    // Over the limit: either the 413 arrives, or the server closes the socket mid-body (EPIPE);
    // both are reported as too large.
    const padded = { ...identity('Big'), description: 'x'.repeat(10_485_760) }
    const error = await errorOf(c.postEnvelope(target.collectionUrl, [padded]))
    expect(error.code).toBe('TOO_LARGE')
    const report = await pushObjects(c, target, [padded], { ledger: newLedger() })
    expect(report.error?.code).toBe('TOO_LARGE')
    expect(report.error?.message).toContain(padded.id)
    expect(report.statusIds).toEqual([])
  })

  it('UNREACHABLE: nothing listens at the URL', async () => {
    const gone = await startTaxii()
    await gone.stop()
    const c = new TaxiiClient({
      serverUrl: gone.discovery,
      transport: createDirectTransport(gone.discovery, { user: 'casefile', password: 'casefile' }),
    })
    const error = await errorOf(c.discover())
    expect(error.code).toBe('UNREACHABLE')
    expect(error.message).toContain('that the server is running')
  })

  it('URL_NOT_ALLOWED: plain http to another machine, or a host other than the configured one, is never contacted', async () => {
    let calls = 0
    const spy: typeof fetch = async () => {
      calls += 1
      return new Response('{}')
    }
    const remote = new TaxiiClient({
      serverUrl: 'http://taxii.example.org/taxii2/',
      transport: createDirectTransport('http://taxii.example.org/taxii2/', {}, { fetch: spy }),
    })
    const error = await errorOf(remote.discover())
    expect(error.code).toBe('URL_NOT_ALLOWED')
    expect(error.message).toContain('https://taxii.example.org/taxii2/')
    const transport = createDirectTransport(taxii.discovery, {}, { fetch: spy })
    const elsewhere = await transport({ method: 'GET', url: 'https://other.example.org/taxii2/' })
    expect(elsewhere.ok).toBe(false)
    expect(calls).toBe(0)
  })
})

describe('status polling (medallion always answers complete, so a stand-in plays a slow server)', () => {
  it('polls a pending status until it is complete, then reports what it says', async () => {
    const statuses: TaxiiStatus[] = [
      {
        id: 's1',
        status: 'pending',
        total_count: 1,
        success_count: 0,
        failure_count: 0,
        pending_count: 1,
      },
      {
        id: 's1',
        status: 'pending',
        total_count: 1,
        success_count: 0,
        failure_count: 0,
        pending_count: 1,
      },
      {
        id: 's1',
        status: 'complete',
        total_count: 1,
        success_count: 1,
        failure_count: 0,
        pending_count: 0,
        successes: [{ id: 'identity--00000000-0000-4000-8000-00000000ffff' }],
      },
    ]
    const urls: string[] = []
    const waits: number[] = []
    const c = new TaxiiClient({
      serverUrl: 'http://127.0.0.1:9/taxii2/',
      sleep: async (ms) => {
        waits.push(ms)
      },
      transport: async (request) => {
        urls.push(`${request.method} ${request.url}`)
        const status = request.method === 'POST' ? 202 : 200
        return { ok: true, value: { status, headers: {}, body: JSON.stringify(statuses.shift()) } }
      },
    })
    const target: TaxiiTarget = {
      apiRootUrl: 'http://127.0.0.1:9/root/',
      maxContentLength: 1000,
      collection: { id: 'c', title: 'c', can_read: true, can_write: true },
      collectionUrl: 'http://127.0.0.1:9/root/collections/c/',
    }
    const object = { ...identity('Slow'), id: 'identity--00000000-0000-4000-8000-00000000ffff' }
    const report = await pushObjects(c, target, [object], { ledger: newLedger() })
    expect(report.added).toBe(1)
    expect(report.complete).toBe(true)
    expect(urls).toEqual([
      'POST http://127.0.0.1:9/root/collections/c/objects/',
      'GET http://127.0.0.1:9/root/status/s1/',
      'GET http://127.0.0.1:9/root/status/s1/',
    ])
    expect(waits).toEqual([50, 100])
  })
})
