/**
 * The forwarder against a real local HTTP server (`node:http`) that plays a server closing a
 * kept-alive connection: the first request that arrives on a reused connection finds it
 * destroyed. A GET, and a POST that got no byte of an answer, are sent once more on a fresh
 * connection and succeed; a POST whose answer had begun is not sent again; a server that
 * closes every connection is tried at most twice and reported as closing the connection
 * (try again), never as "too large"; a 413 is still too large.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { LARGE_POST_BYTES, forwardTaxiiRequest } from './taxii-forward.mjs'

/** One request as the server saw it. */
interface Seen {
  method: string
  /** It arrived on a connection that had carried a request before. */
  reused: boolean
  /** The connection it came on (1, 2, … in the order they were opened). */
  connection: number
}

/** What the server does with a request: `reused` says it came on a kept-alive connection. */
type Handler = (req: IncomingMessage, res: ServerResponse, reused: boolean) => void

interface Running {
  url: string
  seen: Seen[]
  /** Bodies the server read in full, by their length in bytes. */
  bodies: number[]
  close(): Promise<void>
}

let running: Running | undefined

afterEach(async () => {
  await running?.close()
  running = undefined
})

/** Starts a server on 127.0.0.1 that hands each request to `handle`. */
async function serve(handle: Handler): Promise<Running> {
  const served = new WeakMap<Socket, number>()
  const numbers = new WeakMap<Socket, number>()
  const seen: Seen[] = []
  const bodies: number[] = []
  let connections = 0
  const server: Server = createServer((req, res) => {
    const before = served.get(req.socket) ?? 0
    served.set(req.socket, before + 1)
    seen.push({
      method: req.method ?? '',
      reused: before > 0,
      connection: numbers.get(req.socket) ?? 0,
    })
    handle(req, res, before > 0)
  })
  server.on('connection', (socket) => numbers.set(socket, ++connections))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  running = {
    url: `http://127.0.0.1:${port}/taxii2/`,
    seen,
    bodies,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
  return running
}

/** Reads the whole body, records its length, and answers `status` with a small JSON body. */
function answer(req: IncomingMessage, res: ServerResponse, status: number, bodies: number[]) {
  let length = 0
  req.on('data', (chunk: Buffer) => (length += chunk.length))
  req.on('end', () => {
    bodies.push(length)
    const body = JSON.stringify({ received: length })
    res.writeHead(status, {
      'Content-Type': 'application/taxii+json;version=2.1',
      'Content-Length': Buffer.byteLength(body),
    })
    res.end(body)
  })
}

/** A server that destroys the first reused connection a request arrives on, and answers the rest. */
async function closesFirstReusedConnection(status = 200): Promise<Running> {
  let destroyed = false
  const server = await serve((req, res, reused) => {
    if (reused && !destroyed) {
      destroyed = true
      req.socket.destroy()
      return
    }
    answer(req, res, status, server.bodies)
  })
  return server
}

const get = (url: string) => forwardTaxiiRequest({ method: 'GET', url }, { serverUrl: url })
const post = (url: string, body: string) =>
  forwardTaxiiRequest({ method: 'POST', url: `${url}objects/`, body }, { serverUrl: url })

describe('a kept-alive connection the server has closed', () => {
  it('sends a GET once more on a fresh connection', async () => {
    const server = await closesFirstReusedConnection()
    expect(await get(server.url)).toMatchObject({ ok: true, value: { status: 200 } })
    const second = await get(server.url)
    expect(second).toMatchObject({ ok: true, value: { status: 200 } })
    expect(server.seen).toEqual([
      { method: 'GET', reused: false, connection: 1 },
      { method: 'GET', reused: true, connection: 1 },
      { method: 'GET', reused: false, connection: 2 },
    ])
  })

  it.each([
    ['a small POST', 2_000],
    ['a POST over LARGE_POST_BYTES', LARGE_POST_BYTES + 500_000],
  ])('sends %s that got no answer once more, and the server takes it once', async (_, size) => {
    const server = await closesFirstReusedConnection(202)
    await get(server.url)
    const body = JSON.stringify({ objects: [{ description: 'x'.repeat(size) }] })
    const result = await post(server.url, body)
    expect(result).toEqual({
      ok: true,
      value: {
        status: 202,
        headers: { 'content-type': 'application/taxii+json;version=2.1' },
        body: JSON.stringify({ received: Buffer.byteLength(body) }),
      },
    })
    expect(server.seen.map((s) => [s.method, s.reused, s.connection])).toEqual([
      ['GET', false, 1],
      ['POST', true, 1],
      ['POST', false, 2],
    ])
    // The GET's empty body, then the POST's body once, whole.
    expect(server.bodies).toEqual([0, Buffer.byteLength(body)])
  })

  it('does not send a POST again once its answer has begun, and says the connection closed', async () => {
    const server = await serve((req, res, reused) => {
      if (!reused) return answer(req, res, 200, server.bodies)
      req.resume()
      req.on('end', () => {
        // The head and part of the body, then the server hangs up (FIN, after the bytes).
        res.writeHead(202, { 'Content-Length': '100' })
        res.write('{"id":', () => req.socket.end())
      })
    })
    await get(server.url)
    const result = await post(server.url, '{"objects":[]}')
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'UNREACHABLE',
        message: expect.stringMatching(
          /closed the connection in the middle of its answer.*try again/,
        ),
      },
    })
    expect(server.seen.map((s) => s.method)).toEqual(['GET', 'POST'])
  })

  it('tries a GET at most twice on a server that closes every connection, and says so', async () => {
    const server = await serve((req) => req.socket.destroy())
    const result = await get(server.url)
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'UNREACHABLE',
        message: expect.stringMatching(
          /^127\.0\.0\.1:\d+ closed the connection before answering \((ECONNRESET|EPIPE)\); try again\.$/,
        ),
      },
    })
    expect(server.seen).toHaveLength(2)
  })

  it('does not send again a POST that met a closed new connection, and calls it no size problem', async () => {
    const server = await serve((req) => req.socket.destroy())
    const result = await post(server.url, '{"objects":[]}')
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'UNREACHABLE', message: expect.stringContaining('try again') },
    })
    expect(server.seen).toHaveLength(1)
  })

  it('calls a large POST that a new connection closes unanswered too large (a refusal by size)', async () => {
    const server = await serve((req) => req.socket.destroy())
    const size = LARGE_POST_BYTES + 500_000
    const result = await post(server.url, 'x'.repeat(size))
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'TOO_LARGE',
        message: expect.stringContaining(
          `closed a new connection without answering while Casefile sent ${size} bytes`,
        ),
      },
    })
    expect(server.seen).toHaveLength(1)
  })

  it('still reports a 413 as the answer', async () => {
    const server = await serve((req, res) => {
      req.resume()
      req.on('end', () => {
        res.writeHead(413, { 'Content-Type': 'application/taxii+json;version=2.1' })
        res.end('{"title":"too large"}')
      })
    })
    const result = await post(server.url, '{"objects":[]}')
    expect(result).toMatchObject({
      ok: true,
      value: { status: 413, body: '{"title":"too large"}' },
    })
  })
})
