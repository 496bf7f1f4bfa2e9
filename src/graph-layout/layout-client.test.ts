import { describe, expect, it } from 'vitest'
import { packEdges } from './edge-arrays'
import type { LayoutInput } from './layout'
import {
  isSuperseded,
  LayoutClient,
  LayoutClientError,
  type LayoutWorkerLike,
} from './layout-client'
import clientSource from './layout-client.ts?raw'
import { handleLayoutMessage } from './layout-handler'
import { warmLayout, WARM_STEPS, workerHandler } from './layout-warm'
import {
  MAX_NODES,
  parsePoints,
  parseRequest,
  parseResponse,
  WARM_MESSAGE,
} from './layout-protocol'
import protocolSource from './layout-protocol.ts?raw'

type Handle = (data: unknown) => unknown

/** A worker that runs the real handler in-process; replies arrive asynchronously. */
class FakeWorker implements LayoutWorkerLike {
  terminated = false
  posted: unknown[] = []
  private listeners = new Map<string, ((event: never) => void)[]>()

  constructor(private handle: Handle = workerHandler()) {}

  transferred: Transferable[][] = []

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    const data = structuredClone(message, { transfer })
    this.posted.push(data)
    this.transferred.push(transfer)
    setTimeout(() => {
      if (this.terminated) return
      const reply = this.handle(data)
      if (reply !== undefined) this.emit('message', { data: structuredClone(reply) })
    }, 0)
  }

  addEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }

  terminate(): void {
    this.terminated = true
  }

  emit(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event as never)
  }
}

function setup(handle?: Handle) {
  const workers: FakeWorker[] = []
  const errors: Error[] = []
  const client = new LayoutClient({
    createWorker: () => {
      const worker = new FakeWorker(handle)
      workers.push(worker)
      return worker
    },
    onError: (error) => errors.push(error),
  })
  return { client, workers, errors }
}

const triangle: LayoutInput = {
  nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
  edges: [
    { from: 'a', to: 'b' },
    { from: 'b', to: 'c', weight: 2 },
  ],
}
const pair: LayoutInput = { nodes: [{ id: 'x' }, { id: 'y' }], edges: [{ from: 'x', to: 'y' }] }
const silent: Handle = () => undefined

describe('LayoutClient', () => {
  it('starts no worker until the first request, then reuses it', async () => {
    const { client, workers } = setup()
    expect(workers).toHaveLength(0)
    await client.layout(triangle)
    await client.layout(pair)
    expect(workers).toHaveLength(1)
  })

  it('resolves with the positions of the nodes sent and the time taken', async () => {
    const { client } = setup()
    const { positions, ms } = await client.layout(triangle)
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'c'])
    for (const p of Object.values(positions)) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true)
    }
    expect(ms).toBeGreaterThanOrEqual(0)
  })

  it('transfers ties given as typed arrays instead of copying them', async () => {
    const { client, workers } = setup()
    const edges = packEdges(
      ['a', 'b', 'c'],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ],
      () => 1,
    )
    const result = await client.layout({ nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], edges })
    expect(Object.keys(result.positions).sort()).toEqual(['a', 'b', 'c'])
    expect(workers[0]!.transferred[0]).toHaveLength(3)
    // Handed over: the caller's arrays are detached.
    expect(edges.from.length).toBe(0)
  })

  it('starts the worker ahead of the first request when warmed, and asks it to warm up', async () => {
    const { client, workers, errors } = setup()
    client.warm()
    expect(workers).toHaveLength(1)
    client.warm()
    expect(workers).toHaveLength(1)
    // One warm-up, for the worker it started; answered by nothing.
    expect(workers[0]!.posted).toEqual([WARM_MESSAGE])
    const { positions } = await client.layout(pair)
    expect(Object.keys(positions).sort()).toEqual(['x', 'y'])
    expect(errors).toEqual([])
    client.dispose()
    client.warm()
    expect(workers).toHaveLength(1)
  })

  it('starts the worker without a warm-up, and warms it up when asked before any layout', async () => {
    const { client, workers } = setup()
    client.start()
    client.start()
    expect(workers).toHaveLength(1)
    expect(workers[0]!.posted).toEqual([])
    client.warm()
    client.warm()
    expect(workers).toHaveLength(1)
    expect(workers[0]!.posted).toEqual([WARM_MESSAGE])
    client.dispose()
    client.start()
    expect(workers).toHaveLength(1)
  })

  it('asks a worker it did not start for a fresh layout for no warm-up', async () => {
    const { client, workers } = setup()
    await client.layout(pair)
    client.warm()
    expect(workers).toHaveLength(1)
    expect(workers[0]!.posted).toHaveLength(1)
    expect(workers[0]!.posted[0]).toMatchObject({ input: { nodes: pair.nodes } })
  })

  it('supersedes a pending request: only the latest resolves', async () => {
    const { client, workers } = setup()
    const first = client.layout(triangle)
    const second = client.layout(pair)
    await expect(first).rejects.toBeInstanceOf(LayoutClientError)
    await expect(first).rejects.toMatchObject({ code: 'SUPERSEDED', name: 'AbortError' })
    expect(await first.catch(isSuperseded)).toBe(true)
    expect(Object.keys((await second).positions).sort()).toEqual(['x', 'y'])
    // The busy worker was stopped and the newer request went to a fresh one.
    expect(workers).toHaveLength(2)
    expect(workers[0]!.terminated).toBe(true)
    expect(workers[1]!.terminated).toBe(false)
  })

  it('ignores a late reply from a superseded worker', async () => {
    const { client, workers, errors } = setup(silent)
    const first = client.layout(triangle)
    first.catch(() => undefined)
    const second = client.layout(pair)
    workers[0]!.emit('message', { data: { id: 1, ok: true, positions: {}, ms: 1 } })
    workers[1]!.emit('message', {
      data: { id: 2, ok: true, positions: { x: { x: 1, y: 2 }, y: { x: 3, y: 4 } }, ms: 5 },
    })
    expect(await second).toEqual({ positions: { x: { x: 1, y: 2 }, y: { x: 3, y: 4 } }, ms: 5 })
    expect(errors).toHaveLength(0)
  })

  it('rejects when the worker fails, then starts a new one', async () => {
    const { client, workers } = setup(silent)
    const pending = client.layout(triangle)
    workers[0]!.emit('error', new Event('error'))
    await expect(pending).rejects.toMatchObject({ code: 'WORKER_FAILED' })
    expect(await pending.catch(isSuperseded)).toBe(false)
    expect(workers[0]!.terminated).toBe(true)
    void client.layout(pair).catch(() => undefined)
    expect(workers).toHaveLength(2)
  })

  it('rejects with the code the worker reports', async () => {
    const { client } = setup()
    const bad = { ...triangle, iterations: -1 }
    await expect(client.layout(bad)).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  })

  it('rejects a reply that does not place exactly the nodes sent', async () => {
    const { client } = setup((data) => ({
      id: (data as { id: number }).id,
      ok: true,
      positions: { a: { x: 0, y: 0 }, b: { x: 1, y: 1 } },
      ms: 1,
    }))
    await expect(client.layout(triangle)).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
  })

  it('rejects input that cannot be sent to a worker', async () => {
    const { client } = setup()
    const input = { ...triangle, seed: (() => 1) as unknown as number }
    await expect(client.layout(input)).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  })

  it('reports messages that answer nothing and ignores unknown ids', async () => {
    const { client, workers, errors } = setup()
    await client.layout(triangle)
    workers[0]!.emit('message', { data: { hello: 'world' } })
    workers[0]!.emit('message', { data: { id: 999, ok: true, positions: {}, ms: 1 } })
    expect(errors).toHaveLength(1)
  })

  it('rejects the pending request on dispose, and every later one', async () => {
    const { client, workers } = setup(silent)
    const pending = client.layout(triangle)
    client.dispose()
    await expect(pending).rejects.toMatchObject({ code: 'CLOSED' })
    expect(workers[0]!.terminated).toBe(true)
    await expect(client.layout(pair)).rejects.toMatchObject({ code: 'CLOSED' })
    expect(workers).toHaveLength(1)
  })
})

describe('the worker warm-up', () => {
  it('is a real layout of a large-case shape', () => {
    const reply = warmLayout()
    expect(reply.ok).toBe(true)
    if (!reply.ok) return
    expect(Object.keys(reply.positions)).toHaveLength(1000)
    expect(Object.values(reply.positions).every((p) => Number.isFinite(p.x + p.y))).toBe(true)
  })

  it('runs its steps one task at a time, answers nothing, and ends when a request comes', () => {
    const queue: (() => void)[] = []
    let warmed = 0
    const handle = workerHandler(
      (step) => queue.push(step),
      () => warmed++,
    )
    expect(handle(WARM_MESSAGE)).toBeUndefined()
    expect(queue).toHaveLength(1)
    queue.shift()!()
    queue.shift()!()
    expect(warmed).toBe(2)
    // A request: answered, and the warm-up's next step does nothing.
    expect(handle({ id: 2, input: pair })).toMatchObject({ id: 2, ok: true })
    while (queue.length) queue.shift()!()
    expect(warmed).toBe(2)
    // Left alone, a warm-up runs all its steps.
    expect(handle(WARM_MESSAGE)).toBeUndefined()
    while (queue.length) queue.shift()!()
    expect(warmed).toBe(2 + WARM_STEPS)
    expect(handle('hello')).toMatchObject({ id: null, ok: false })
  })
})

describe('handleLayoutMessage', () => {
  it('answers a request with positions and its duration', () => {
    let clock = 100
    const reply = handleLayoutMessage({ id: 4, input: triangle }, () => (clock += 25))
    expect(reply).toMatchObject({ id: 4, ok: true, ms: 25 })
    expect(parseResponse(reply)).not.toBeNull()
  })

  it('answers bad messages with BAD_REQUEST and the id it could read', () => {
    expect(handleLayoutMessage('hello')).toMatchObject({ id: null, ok: false })
    expect(handleLayoutMessage({ id: 3, input: { nodes: 'a' } })).toMatchObject({
      id: 3,
      ok: false,
      error: { code: 'BAD_REQUEST' },
    })
  })

  it('answers FAILED, not a throw, when the layout fails', () => {
    const reply = handleLayoutMessage({ id: 5, input: triangle }, () => {
      throw new Error('clock broke')
    })
    expect(reply).toEqual({ id: 5, ok: false, error: { code: 'FAILED', message: 'clock broke' } })
  })
})

describe('layout protocol', () => {
  const request = (input: unknown) => ({ id: 1, input })

  it.each([
    ['not an object', 42],
    ['no id', { input: triangle }],
    ['a fractional id', { id: 1.5, input: triangle }],
    ['no input', { id: 1 }],
    ['nodes not a list', request({ nodes: {}, edges: [] })],
    ['a node without id', request({ nodes: [{}], edges: [] })],
    ['an empty id', request({ nodes: [{ id: '' }], edges: [] })],
    ['a negative size', request({ nodes: [{ id: 'a', size: -1 }], edges: [] })],
    ['an edge without to', request({ nodes: [], edges: [{ from: 'a' }] })],
    ['a zero weight', request({ nodes: [], edges: [{ from: 'a', to: 'b', weight: 0 }] })],
    ['a NaN weight', request({ nodes: [], edges: [{ from: 'a', to: 'b', weight: NaN }] })],
    ['pinned with a string x', request({ ...triangle, pinned: { a: { x: '1', y: 0 } } })],
    ['previous as a list', request({ ...triangle, previous: [] })],
    ['an infinite seed', request({ ...triangle, seed: Infinity })],
    ['fractional iterations', request({ ...triangle, iterations: 2.5 })],
    ['too many iterations', request({ ...triangle, iterations: 1e6 })],
    [
      'too many nodes',
      request({
        nodes: Array.from({ length: MAX_NODES + 1 }, (_, i) => ({ id: `n${i}` })),
        edges: [],
      }),
    ],
  ])('refuses a request with %s', (_name, data) => {
    expect(parseRequest(data).ok).toBe(false)
  })

  it('accepts a well-formed request and copies only its fields', () => {
    const parsed = parseRequest({
      id: 7,
      extra: true,
      input: {
        nodes: [{ id: 'a', size: 3, label: 'A' }, { id: 'b' }],
        edges: [{ from: 'a', to: 'b', weight: 2, id: 'e1' }],
        pinned: { a: { x: 1, y: 2, z: 3 } },
        seed: 4,
        iterations: 0,
        colour: 'red',
      },
    })
    expect(parsed).toEqual({
      ok: true,
      request: {
        id: 7,
        input: {
          nodes: [{ id: 'a', size: 3 }, { id: 'b' }],
          edges: [{ from: 'a', to: 'b', weight: 2 }],
          pinned: { a: { x: 1, y: 2 } },
          seed: 4,
          iterations: 0,
        },
      },
    })
  })

  it('copies points into a record without a prototype', () => {
    const points = parsePoints(JSON.parse('{"__proto__": {"x": 1, "y": 2}}'))
    expect(points && Object.getPrototypeOf(points)).toBeNull()
    expect(points && Object.keys(points)).toEqual(['__proto__'])
  })

  it('checks replies by shape', () => {
    const ok = { id: 1, ok: true, positions: { a: { x: 0, y: 1 } }, ms: 3 }
    expect(parseResponse(ok)).toEqual(ok)
    expect(parseResponse({ ...ok, ms: -1 })).toBeNull()
    expect(parseResponse({ ...ok, positions: { a: { x: NaN, y: 1 } } })).toBeNull()
    expect(
      parseResponse({ id: null, ok: false, error: { code: 'BAD_REQUEST', message: 'no' } }),
    ).toMatchObject({ ok: false })
    expect(parseResponse({ id: 1, ok: false, error: { code: 'OTHER', message: 'no' } })).toBe(null)
  })

  it('keeps graphology out of the main-thread modules', () => {
    // Only `import type` from ./layout: graphology must load in the worker, not with the UI.
    for (const source of [clientSource, protocolSource]) {
      expect(source).not.toMatch(/from 'graphology/)
      expect(source).not.toMatch(/^import (?!type)[^\n]*'\.\/(layout|layout-handler)'/m)
    }
  })
})
