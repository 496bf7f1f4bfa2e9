/**
 * How a push cuts and sends its envelopes, with a stand-in transport (the real server's side is
 * in client.test.ts): envelopes as large as the server allows, each object serialised once and
 * sent as measured, POSTs pipelined (at most `concurrency` in flight), and a failure in the
 * middle of a pipeline settling what was already in flight into the ledger.
 */
import { describe, expect, it } from 'vitest'
import { TaxiiClient, type StixObject, type TaxiiTarget } from './client'
import {
  MAX_BATCH_BYTES,
  batchObjects,
  newLedger,
  pushObjects,
  serialiseBatches,
  utf8Length,
  versionKey,
} from './push'

function identity(i: number, extra: Record<string, unknown> = {}): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: `identity--00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    created: '2025-06-24T10:00:00.000Z',
    modified: '2025-06-24T10:00:00.000Z',
    name: `Org ${i}`,
    ...extra,
  }
}

const target = (maxContentLength: number): TaxiiTarget => ({
  apiRootUrl: 'http://127.0.0.1:9/root/',
  maxContentLength,
  collection: { id: 'c', title: 'c', can_read: true, can_write: true },
  collectionUrl: 'http://127.0.0.1:9/root/collections/c/',
})

/**
 * A TAXII server stand-in: each POST waits until `release()` lets the oldest one answer (or,
 * with `hold: false`, answers at once).
 */
function heldServer({ hold = true } = {}) {
  const waiting: (() => void)[] = []
  const bodies: string[] = []
  let inFlight = 0
  let maxInFlight = 0
  let failPost: number | undefined
  const client = new TaxiiClient({
    serverUrl: 'http://127.0.0.1:9/taxii2/',
    sleep: async () => {},
    transport: async (request) => {
      if (request.method !== 'POST') throw new Error(`unexpected ${request.method}`)
      const n = bodies.push(request.body ?? '')
      inFlight += 1
      maxInFlight = Math.max(maxInFlight, inFlight)
      if (hold) await new Promise<void>((resolve) => waiting.push(resolve))
      inFlight -= 1
      if (n === failPost) {
        return { ok: false, error: { code: 'UNREACHABLE', message: 'connection reset' } }
      }
      const objects = (JSON.parse(request.body ?? '{}') as { objects: StixObject[] }).objects
      const status = {
        id: `status-${n}`,
        status: 'complete',
        total_count: objects.length,
        success_count: objects.length,
        failure_count: 0,
        pending_count: 0,
        successes: objects.map((o) => ({ id: o.id, version: o.modified })),
      }
      return { ok: true, value: { status: 202, headers: {}, body: JSON.stringify(status) } }
    },
  })
  return {
    client,
    bodies,
    get inFlight() {
      return inFlight
    },
    get maxInFlight() {
      return maxInFlight
    },
    get waiting() {
      return waiting.length
    },
    failOn(n: number) {
      failPost = n
    },
    /** Answers the oldest waiting POST (there must be one). */
    release(): void {
      const next = waiting.shift()
      if (!next) throw new Error('no POST is waiting')
      next()
    },
  }
}

/** Resolves once `condition` holds, checking after each turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 0))
}

/** Answers the server's POSTs one by one until the push is done. */
async function drive(server: ReturnType<typeof heldServer>, push: Promise<unknown>) {
  let done = false
  void push.finally(() => (done = true))
  for (;;) {
    await until(() => done || server.waiting > 0)
    if (done) return
    server.release()
  }
}

describe('serialiseBatches', () => {
  it('fills envelopes up to the byte limit, however many objects that is', () => {
    const objects = Array.from({ length: 1500 }, (_, i) => identity(i))
    const one = serialiseBatches(objects, 10 * 1024 * 1024)
    expect(one).toHaveLength(1)
    expect(one[0]!.objects).toHaveLength(1500)

    const limit = 20_000
    const cut = serialiseBatches(objects, limit)
    expect(cut.flatMap((b) => b.objects)).toEqual(objects)
    for (const [i, batch] of cut.entries()) {
      expect(batch.body).toBe(JSON.stringify({ objects: batch.objects }))
      expect(batch.bytes).toBe(new TextEncoder().encode(batch.body).length)
      expect(batch.bytes).toBeLessThanOrEqual(limit)
      // Greedy: the next object would not have fitted.
      const following = cut[i + 1]?.objects[0]
      if (following)
        expect(batch.bytes + 1 + utf8Length(JSON.stringify(following))).toBeGreaterThan(limit)
    }
    expect(batchObjects(objects, limit)).toEqual(cut.map((b) => b.objects))
  })

  it('never makes an envelope larger than the transports carry, whatever the server allows', () => {
    const mb = 'x'.repeat(1024 * 1024)
    const objects = Array.from({ length: 20 }, (_, i) => identity(i, { description: mb }))
    const batches = serialiseBatches(objects, 100 * 1024 * 1024)
    expect(batches.length).toBe(2)
    for (const b of batches) expect(b.bytes).toBeLessThanOrEqual(MAX_BATCH_BYTES)
  })

  it('counts UTF-8 bytes as the encoder does (accents, emoji, a lone surrogate)', () => {
    for (const text of ['plain', 'Tehrān — تهران', 'flag 🇮🇷 and 🙂', 'lone \ud800 end', '\udc00']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length)
      expect(utf8Length(JSON.stringify({ text }))).toBe(
        new TextEncoder().encode(JSON.stringify({ text })).length,
      )
    }
  })
})

describe('pushObjects', () => {
  it('serialises each object once and sends that text', async () => {
    let calls = 0
    const objects = Array.from({ length: 30 }, (_, i) => {
      const o = identity(i)
      // JSON.stringify calls toJSON once per serialisation of the object.
      Object.defineProperty(o, 'toJSON', {
        enumerable: false,
        value: () => {
          calls += 1
          const { ...plain } = o
          return plain
        },
      })
      return o
    })
    const server = heldServer({ hold: false })
    const push = pushObjects(server.client, target(2000), objects, { ledger: newLedger() })
    const report = await push
    expect(report.added).toBe(30)
    expect(calls).toBe(30)
    const sent = server.bodies.flatMap((b) => (JSON.parse(b) as { objects: StixObject[] }).objects)
    expect(sent.map((o) => o.id)).toEqual(objects.map((o) => o.id))
  })

  it('keeps two POSTs in flight, reports progress per batch, and confirms everything', async () => {
    const objects = Array.from({ length: 40 }, (_, i) => identity(i))
    const server = heldServer()
    const progress: number[] = []
    const ledger = newLedger()
    const push = pushObjects(server.client, target(1500), objects, {
      ledger,
      onProgress: (p) => progress.push(p.done),
    })
    // The second request goes out before the first has come back.
    await until(() => server.waiting === 2)
    await drive(server, push)
    const report = await push
    expect(server.maxInFlight).toBe(2)
    expect(report.batches).toBe(server.bodies.length)
    expect(report.batches).toBeGreaterThan(2)
    expect(report.added).toBe(40)
    expect(report.complete).toBe(true)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    expect(progress.at(-1)).toBe(40)
    expect(progress).toHaveLength(report.batches + 1)
    expect(ledger.confirmed).toEqual(new Set(objects.map(versionKey)))
  })

  it('sends one at a time with concurrency 1', async () => {
    const objects = Array.from({ length: 40 }, (_, i) => identity(i))
    const server = heldServer()
    const push = pushObjects(server.client, target(1500), objects, {
      ledger: newLedger(),
      concurrency: 1,
    })
    await drive(server, push)
    expect((await push).added).toBe(40)
    expect(server.maxInFlight).toBe(1)
  })

  it('stops at a failed POST, books what was in flight, and resumes with only the rest', async () => {
    const objects = Array.from({ length: 40 }, (_, i) => identity(i))
    const server = heldServer()
    server.failOn(2)
    const ledger = newLedger()
    const push = pushObjects(server.client, target(1500), objects, { ledger })
    await until(() => server.waiting === 2)
    server.release() // POST 1 succeeds; its worker sends POST 3
    await until(() => server.waiting === 2)
    server.release() // POST 2 fails
    await until(() => server.waiting === 1)
    server.release() // POST 3, in flight when 2 failed, succeeds
    const first = await push
    expect(first.error?.code).toBe('UNREACHABLE')
    expect(first.complete).toBe(false)
    // POST 1 and POST 3 (sent while 2 was in flight) succeeded; nothing after the failure.
    const bodies = server.bodies.map((b) => (JSON.parse(b) as { objects: StixObject[] }).objects)
    expect(bodies).toHaveLength(3)
    const confirmed = [...bodies[0]!, ...bodies[2]!].map(versionKey)
    expect(ledger.confirmed).toEqual(new Set(confirmed))
    expect(first.added).toBe(confirmed.length)

    const again = heldServer()
    const retry = pushObjects(again.client, target(1500), objects, { ledger })
    await drive(again, retry)
    const second = await retry
    expect(second.error).toBeUndefined()
    expect(second.resumed).toBe(confirmed.length)
    const resent = again.bodies.flatMap((b) =>
      (JSON.parse(b) as { objects: StixObject[] }).objects.map(versionKey),
    )
    expect(resent.filter((k) => confirmed.includes(k))).toEqual([])
    expect(ledger.confirmed).toEqual(new Set(objects.map(versionKey)))
  })
})
