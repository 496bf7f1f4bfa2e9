import { describe, expect, it } from 'vitest'
import { createIndex } from './search-core'
import { createSearchHandler, parseRequest, parseResponse } from './search-protocol'

const doc = { id: 'd1', title: 'Missile strike', text: 'Iran fired missiles at the base.' }

describe('parseRequest', () => {
  it('accepts each well-formed request', () => {
    const good = [
      { id: 1, type: 'load', parts: { meta: '{}' } },
      { id: 2, type: 'build', docs: [doc] },
      { id: 3, type: 'add', docs: [] },
      { id: 4, type: 'remove', ids: ['d1'] },
      { id: 5, type: 'query', q: 'iran', limit: 50 },
      { id: 6, type: 'serialise' },
      { id: 7, type: 'provide', docs: [doc], ids: ['d1', 'd2'] },
    ]
    for (const message of good) expect(parseRequest(message).ok).toBe(true)
  })

  it('rejects anything else, keeping the id when there is one', () => {
    const bad: [unknown, number | null][] = [
      [null, null],
      ['query', null],
      [{ type: 'query', q: 'x', limit: 5 }, null],
      [{ id: -1, type: 'serialise' }, null],
      [{ id: 1.5, type: 'serialise' }, null],
      [{ id: 7, type: 'drop' }, 7],
      [{ id: 7, type: 'build', docs: 'nope' }, 7],
      [{ id: 7, type: 'build', docs: [{ ...doc, id: 3 }] }, 7],
      [{ id: 7, type: 'add', docs: [{ id: 'x', title: 'no text' }] }, 7],
      [{ id: 7, type: 'remove', ids: [''] }, 7],
      [{ id: 7, type: 'query', q: 42, limit: 5 }, 7],
      [{ id: 7, type: 'query', q: 'x'.repeat(5000), limit: 5 }, 7],
      [{ id: 7, type: 'query', q: 'x', limit: 0 }, 7],
      [{ id: 7, type: 'query', q: 'x', limit: Number.NaN }, 7],
      [{ id: 7, type: 'load', parts: { meta: 1 } }, 7],
      [{ id: 7, type: 'load', parts: ['a'] }, 7],
      [{ id: 7, type: 'provide', docs: [doc] }, 7],
      [{ id: 7, type: 'provide', docs: 'nope', ids: [] }, 7],
    ]
    for (const [message, id] of bad) {
      const parsed = parseRequest(message)
      expect(parsed.ok, JSON.stringify(message)?.slice(0, 80)).toBe(false)
      if (!parsed.ok) expect(parsed.id).toBe(id)
    }
  })
})

describe('parseResponse', () => {
  it('accepts replies and nothing else', () => {
    expect(parseResponse({ id: 1, ok: true, value: { hits: [] } })).toEqual({
      id: 1,
      ok: true,
      value: { hits: [] },
    })
    expect(
      parseResponse({ id: null, ok: false, error: { code: 'BAD_REQUEST', message: 'm' } }),
    ).toMatchObject({ id: null, ok: false })
    expect(parseResponse({ id: 1, ok: false, error: { code: 'OOPS', message: 'm' } })).toBeNull()
    expect(parseResponse({ id: '1', ok: true, value: 1 })).toBeNull()
    expect(parseResponse({ id: 1, ok: true })).toBeNull()
    expect(parseResponse('reply')).toBeNull()
  })
})

describe('createSearchHandler', () => {
  it('answers in order, needs an open index, and reports bad input as errors', async () => {
    const handle = createSearchHandler()
    expect(await handle({ id: 1, type: 'query', q: 'iran', limit: 5 })).toMatchObject({
      id: 1,
      ok: false,
      error: { code: 'NOT_OPEN' },
    })
    const replies = await Promise.all([
      handle({ id: 2, type: 'build', docs: [doc] }),
      handle({ id: 3, type: 'add', docs: [{ id: 'd2', title: 'Talks', text: 'Iran talks.' }] }),
      handle({ id: 4, type: 'query', q: 'iran ', limit: 5 }),
      handle({ id: 5, type: 'remove', ids: ['d1', 'unknown'] }),
      handle({ id: 6, type: 'query', q: 'iran ', limit: 5 }),
      handle({ id: 7, type: 'nonsense' }),
    ])
    expect(replies.map((r) => r.id)).toEqual([2, 3, 4, 5, 6, 7])
    expect(replies[1]).toMatchObject({ ok: true, value: { docCount: 2 } })
    const hits = (r: (typeof replies)[number]): string[] =>
      r.ok ? (r.value as { hits: { docId: string }[] }).hits.map((h) => h.docId) : []
    expect(hits(replies[2]!).sort()).toEqual(['d1', 'd2'])
    expect(replies[3]).toMatchObject({ ok: true, value: { docCount: 1, removed: 1 } })
    expect(hits(replies[4]!)).toEqual(['d2'])
    expect(replies[5]).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  it('serialises and loads back, and calls a damaged index BAD_INDEX', async () => {
    const handle = createSearchHandler()
    await handle({ id: 1, type: 'build', docs: [doc] })
    const saved = await handle({ id: 2, type: 'serialise' })
    expect(saved.ok).toBe(true)
    const { parts, docIds } = (saved as { value: { parts: object; docIds: string[] } }).value
    expect(docIds).toEqual(['d1'])
    const other = createSearchHandler()
    expect(await other({ id: 1, type: 'load', parts })).toMatchObject({ ok: true })
    // The saved index holds no text: the query asks for it, and answers once it is given.
    const asked = await other({ id: 2, type: 'query', q: 'missile', limit: 5 })
    expect(asked).toMatchObject({ ok: true, value: { need: ['d1'] } })
    const given = await other({ id: 5, type: 'provide', docs: [doc], ids: ['d1'] })
    expect(given).toMatchObject({ ok: true, value: { removed: 0 } })
    const found = await other({ id: 6, type: 'query', q: 'missile', limit: 5 })
    expect(found).toMatchObject({ ok: true, value: { hits: [{ docId: 'd1' }] } })
    expect(await other({ id: 3, type: 'load', parts: { meta: 'garbage' } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INDEX' },
    })
    // A failed load leaves no stale index behind.
    expect(await other({ id: 4, type: 'query', q: 'missile', limit: 5 })).toMatchObject({
      error: { code: 'NOT_OPEN' },
    })
  })

  it('loads an empty index', async () => {
    const parts = await createIndex().serialise()
    const handle = createSearchHandler()
    expect(await handle({ id: 1, type: 'load', parts })).toMatchObject({
      ok: true,
      value: { docCount: 0 },
    })
  })
})
