import { describe, expect, it, vi } from 'vitest'
import type { Suggestion } from './ner'
import { SuggestClient, SuggestClientError, type SuggestWorkerLike } from './suggest-client'
import clientSource from './suggest-client.ts?raw'
import { createSuggestHandler, type LoadRecogniser } from './suggest-handler'
import { isSuggestion, MAX_TEXT_LENGTH, parseRequest, parseResponse } from './suggest-protocol'
import protocolSource from './suggest-protocol.ts?raw'

/** A worker that runs the real handler in-process; replies arrive asynchronously. */
class FakeWorker implements SuggestWorkerLike {
  terminated = false
  posted: unknown[] = []
  private listeners = new Map<string, ((event: never) => void)[]>()

  constructor(private handle = createSuggestHandler()) {}

  postMessage(message: unknown): void {
    const data = structuredClone(message)
    this.posted.push(data)
    void this.handle(data).then((reply) => {
      setTimeout(() => this.emit('message', { data: structuredClone(reply) }), 0)
    })
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

function setup(handle?: (data: unknown) => Promise<unknown>) {
  const workers: FakeWorker[] = []
  const errors: Error[] = []
  const client = new SuggestClient({
    createWorker: () => {
      const worker = new FakeWorker(handle as never)
      workers.push(worker)
      return worker
    },
    onError: (error) => errors.push(error),
  })
  return { client, workers, errors }
}

const suggestion = (over: Partial<Suggestion> = {}): Suggestion => ({
  start: 0,
  end: 4,
  text: 'Iran',
  kind: 'state',
  confidence: 0.9,
  reason: 'state (gazetteer)',
  key: 'iran',
  ...over,
})

describe('SuggestClient', () => {
  it('starts no worker until the first request', async () => {
    const { client, workers } = setup()
    expect(workers).toHaveLength(0)
    await client.suggest('Iran and Qatar.')
    expect(workers).toHaveLength(1)
    await client.suggest('Moscow.')
    expect(workers).toHaveLength(1)
  })

  it('answers each caller with its own text’s suggestions (correlation ids)', async () => {
    const { client } = setup()
    const [a, b, c] = await Promise.all([
      client.suggest('Iran fired on Monday.'),
      client.suggest('President Vladimir Putin met officials in Moscow.'),
      client.suggest('Qatar closed its airspace.', ['qatar']),
    ])
    expect(a.map((s) => s.text)).toEqual(['Iran', 'on Monday'])
    expect(b.map((s) => s.text)).toEqual(['Vladimir Putin', 'Moscow'])
    expect(c).toEqual([])
  })

  it('rejects when the worker reports a bad request', async () => {
    const { client } = setup()
    const tooLong = 'x'.repeat(MAX_TEXT_LENGTH + 1)
    await expect(client.suggest(tooLong)).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  })

  it('rejects a reply whose suggestions do not select their text', async () => {
    const { client } = setup(async (data) => ({
      id: (data as { id: number }).id,
      ok: true,
      value: { suggestions: [suggestion({ text: 'Iraq' })] },
    }))
    await expect(client.suggest('Iran is here')).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
  })

  it('reports messages that answer nothing and ignores unknown ids', async () => {
    const { client, workers, errors } = setup()
    await client.suggest('Iran.')
    workers[0]!.emit('message', { data: { hello: 'world' } })
    workers[0]!.emit('message', { data: { id: 999, ok: true, value: { suggestions: [] } } })
    expect(errors).toHaveLength(1)
  })

  it('rejects pending requests when the worker fails, then starts a new one', async () => {
    const never = (): Promise<never> => new Promise(() => undefined)
    const { client, workers } = setup(never)
    const pending = client.suggest('Iran.')
    workers[0]!.emit('error', new Event('error'))
    await expect(pending).rejects.toBeInstanceOf(SuggestClientError)
    await expect(pending).rejects.toMatchObject({ code: 'WORKER_FAILED' })
    expect(workers[0]!.terminated).toBe(true)
    void client.suggest('Qatar.')
    expect(workers).toHaveLength(2)
  })

  it('rejects pending requests on close', async () => {
    const { client, workers } = setup(() => new Promise(() => undefined))
    const pending = client.suggest('Iran.')
    client.close()
    await expect(pending).rejects.toMatchObject({ code: 'CLOSED' })
    expect(workers[0]!.terminated).toBe(true)
  })
})

describe('createSuggestHandler', () => {
  it('loads the recogniser on the first request only', async () => {
    const load = vi.fn<LoadRecogniser>(async () => () => [suggestion()])
    const handle = createSuggestHandler(load)
    expect(load).not.toHaveBeenCalled()
    await handle({ id: 1, type: 'suggest', text: 'Iran', never: [] })
    await handle({ id: 2, type: 'suggest', text: 'Iran', never: [] })
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('retries a failed load on the next request', async () => {
    let calls = 0
    const handle = createSuggestHandler(async () => {
      if (++calls === 1) throw new Error('chunk failed to load')
      return () => []
    })
    expect(await handle({ id: 1, type: 'suggest', text: 'x', never: [] })).toMatchObject({
      id: 1,
      ok: false,
      error: { code: 'FAILED', message: 'chunk failed to load' },
    })
    expect(await handle({ id: 2, type: 'suggest', text: 'x', never: [] })).toMatchObject({
      id: 2,
      ok: true,
    })
  })

  it('answers bad messages with BAD_REQUEST and the id it could read', async () => {
    const handle = createSuggestHandler(async () => () => [])
    expect(await handle('hello')).toMatchObject({ id: null, ok: false })
    expect(await handle({ id: 3, type: 'parse', text: 'x', never: [] })).toMatchObject({
      id: 3,
      ok: false,
      error: { code: 'BAD_REQUEST' },
    })
  })
})

describe('suggest protocol', () => {
  it.each([
    ['not an object', 42],
    ['no id', { type: 'suggest', text: 'x', never: [] }],
    ['a negative id', { id: -1, type: 'suggest', text: 'x', never: [] }],
    ['text not a string', { id: 1, type: 'suggest', text: 5, never: [] }],
    ['never not a list', { id: 1, type: 'suggest', text: 'x', never: 'Iran' }],
    ['never with a number', { id: 1, type: 'suggest', text: 'x', never: [1] }],
    ['never with a huge form', { id: 1, type: 'suggest', text: 'x', never: ['x'.repeat(501)] }],
  ])('refuses a request with %s', (_name, data) => {
    expect(parseRequest(data).ok).toBe(false)
  })

  it('accepts a well-formed request and copies only its fields', () => {
    expect(
      parseRequest({ id: 7, type: 'suggest', text: 'Iran', never: ['iran'], extra: true }),
    ).toEqual({ ok: true, request: { id: 7, type: 'suggest', text: 'Iran', never: ['iran'] } })
  })

  it.each([
    ['end before start', { start: 4, end: 0 }],
    ['text of the wrong length', { text: 'Ira' }],
    ['an unknown kind', { kind: 'planet' }],
    ['confidence above 1', { confidence: 1.5 }],
    ['a fractional offset', { start: 0.5 }],
  ])('refuses a suggestion with %s', (_name, over) => {
    expect(isSuggestion({ ...suggestion(), ...over })).toBe(false)
    expect(
      parseResponse({ id: 1, ok: true, value: { suggestions: [{ ...suggestion(), ...over }] } }),
    ).toBeNull()
  })

  it('accepts well-formed replies', () => {
    expect(parseResponse({ id: 1, ok: true, value: { suggestions: [suggestion()] } })).toEqual({
      id: 1,
      ok: true,
      value: { suggestions: [suggestion()] },
    })
    expect(
      parseResponse({ id: null, ok: false, error: { code: 'BAD_REQUEST', message: 'no' } }),
    ).toMatchObject({ ok: false })
    expect(parseResponse({ id: 1, ok: false, error: { code: 'WHATEVER', message: 'no' } })).toBe(
      null,
    )
  })

  it('keeps the recogniser out of the main-thread modules', () => {
    // Only `import type` from ./ner: compromise must load in the worker, not at first paint.
    for (const source of [clientSource, protocolSource]) {
      expect(source).not.toMatch(/from 'compromise'|import\('\.\/ner'\)/)
      expect(source).not.toMatch(/^import (?!type)[^\n]*'\.\/(ner|suggest-handler)'/m)
    }
  })
})
