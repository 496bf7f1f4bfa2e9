/**
 * The change-feed routing both case caches share (case-feed.ts), over a real store (Dexie over
 * fake-indexeddb) and a small source that follows the `texts` table (rows with a `caseId`
 * whose deletions the feed cannot place in a case) and counts what it is asked to read.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CasefileDB } from '../db/schema'
import { freshDbEachTest } from '../test/store'
import { CaseFeedCache, type CaseFeedFailed, type CaseFeedSource } from './case-feed'

const getDb = freshDbEachTest('case-feed')

type Texts = ReadonlyMap<string, string>
type Ready = { status: 'ready'; texts: Texts }

/** A source over `texts`, recording every whole read and every key read again. */
function textsSource(db: CasefileDB, keepLast: boolean) {
  const log = { all: [] as string[], keys: [] as string[][] }
  const source: CaseFeedSource<'texts', Texts, Ready> = {
    tables: ['texts'],
    keepLast,
    readAll: async (caseId) => {
      log.all.push(caseId)
      const rows = await db.texts.where('caseId').equals(caseId).toArray()
      return new Map(rows.map((r) => [r.id, r.text]))
    },
    readChanged: async (caseId, texts, keys) => {
      log.keys.push([...keys.texts])
      const rows = await db.texts.bulkGet([...keys.texts])
      let next: Map<string, string> | undefined
      keys.texts.forEach((id, i) => {
        const row = rows[i]
        const text = row && row.caseId === caseId ? row.text : undefined
        if (texts.get(id) === text) return
        next ??= new Map(texts)
        if (text === undefined) next.delete(id)
        else next.set(id, text)
      })
      return next ?? texts
    },
    holds: (texts, _table, key) => texts.has(key),
    ready: (_caseId, texts) => ({ status: 'ready', texts }),
  }
  return { source, log }
}

let db: CasefileDB
let cache: CaseFeedCache<'texts', Texts, Ready>
let log: ReturnType<typeof textsSource>['log']

function setUp(keepLast: boolean): void {
  db = getDb()
  const made = textsSource(db, keepLast)
  log = made.log
  cache = new CaseFeedCache(db, made.source)
}

afterEach(() => cache.dispose())

/**
 * Subscribes to `caseId` and resolves with its texts once `ready` holds; `calls()` counts the
 * listener's calls.
 */
function watch(caseId: string, ready: (t: Texts) => boolean = () => true) {
  let calls = 0
  let stop = (): void => undefined
  const texts = new Promise<Texts>((resolve, reject) => {
    const check = (): void => {
      const state: Ready | CaseFeedFailed | undefined = cache.get(caseId)
      if (state?.status === 'failed') reject(state.error)
      else if (state && ready(state.texts)) resolve(state.texts)
    }
    stop = cache.subscribe(caseId, () => {
      calls++
      check()
    })
    if (cache.get(caseId)) check()
  })
  return { texts, stop: () => stop(), calls: () => calls }
}

const put = (id: string, caseId: string, text: string) => db.texts.put({ id, caseId, text })
const sorted = (t: Texts) => [...t].sort(([a], [b]) => (a < b ? -1 : 1))

describe('CaseFeedCache', () => {
  beforeEach(() => setUp(false))

  it('reads the case once for its first subscriber, and no other case’s rows', async () => {
    await put('t1', 'a', 'one')
    await put('t2', 'b', 'other')
    const first = watch('a')
    const second = watch('a')
    expect(sorted(await first.texts)).toEqual([['t1', 'one']])
    expect(await second.texts).toBe(await first.texts)
    expect(log.all).toEqual(['a'])
    first.stop()
    second.stop()
  })

  it('reads again only the keys a write touched, and skips other cases and tables', async () => {
    await put('t1', 'a', 'one')
    const w = watch('a', (t) => t.get('t2') === 'two')
    await watch('a').texts
    await put('x1', 'b', 'elsewhere')
    await db.sources.put({
      id: 's1',
      caseId: 'a',
      name: 'Wire',
      reliability: 'F',
      history: [],
      createdAt: 0,
    })
    await put('t2', 'a', 'two')
    const texts = await w.texts
    expect(sorted(texts)).toEqual([
      ['t1', 'one'],
      ['t2', 'two'],
    ])
    // Neither the other case's row nor the other table's write was read.
    expect(log.keys).toEqual([['t2']])
    expect(log.all).toEqual(['a'])
    w.stop()
  })

  it('reads a deletion of unknown case only when the case holds the key', async () => {
    await put('t1', 'a', 'one')
    await put('x1', 'b', 'elsewhere')
    const w = watch('a', (t) => !t.has('t1'))
    await watch('a').texts
    // The feed cannot tell a `texts` row's case once deleted.
    await db.texts.delete('x1')
    await db.texts.delete('t1')
    expect(sorted(await w.texts)).toEqual([])
    expect(log.keys).toEqual([['t1']])
    w.stop()
  })

  it('applies a write committed while the first read runs, after it', async () => {
    await put('t1', 'a', 'one')
    const w = watch('a', (t) => t.size === 2)
    await put('t2', 'a', 'two')
    expect(sorted(await w.texts)).toEqual([
      ['t1', 'one'],
      ['t2', 'two'],
    ])
    w.stop()
  })

  it('keeps the state, and calls nobody, when a re-read changes nothing seen', async () => {
    await put('t1', 'a', 'one')
    const w = watch('a')
    const before = await w.texts
    const state = cache.get('a')
    const calls = w.calls()
    await put('t1', 'a', 'one')
    // A later write shows; the one before it changed nothing and was not passed on.
    const later = watch('a', (t) => t.has('t2'))
    await put('t2', 'a', 'two')
    await later.texts
    expect(log.keys).toEqual([['t1'], ['t2']])
    expect(w.calls()).toBe(calls + 1)
    expect(cache.get('a')).not.toBe(state)
    expect((await later.texts).get('t1')).toBe(before.get('t1'))
    w.stop()
    later.stop()
  })

  it('says why a read failed, and reads the whole case again on the next change', async () => {
    await put('t1', 'a', 'one')
    const w = watch('a')
    await w.texts
    const original = db.texts.bulkGet.bind(db.texts)
    let fail = true
    db.texts.bulkGet = ((keys: string[]) =>
      fail ? Promise.reject(new Error('disk gone')) : original(keys)) as typeof db.texts.bulkGet
    const failed = new Promise<Error>((resolve) => {
      const stop = cache.subscribe('a', () => {
        const state = cache.get('a')
        if (state?.status === 'failed') {
          stop()
          resolve(state.error)
        }
      })
    })
    await put('t2', 'a', 'two')
    expect((await failed).message).toBe('disk gone')
    fail = false
    const again = new Promise<Texts>((resolve) => {
      const stop = cache.subscribe('a', () => {
        const state = cache.get('a')
        if (state?.status === 'ready') {
          stop()
          resolve(state.texts)
        }
      })
    })
    await put('t3', 'a', 'three')
    expect(sorted(await again).map(([id]) => id)).toEqual(['t1', 't2', 't3'])
    expect(log.all).toEqual(['a', 'a'])
    w.stop()
  })

  it('without keepLast, drops a case when its last subscriber leaves', async () => {
    await put('t1', 'a', 'one')
    const first = watch('a')
    await first.texts
    first.stop()
    expect(cache.get('a')).toBeUndefined()
    await put('t2', 'a', 'two')
    const next = watch('a')
    expect((await next.texts).size).toBe(2)
    expect(log.all).toEqual(['a', 'a'])
    next.stop()
  })
})

describe('CaseFeedCache with keepLast', () => {
  beforeEach(() => setUp(true))

  it('keeps the case watched last, current, until another case is watched', async () => {
    await put('t1', 'a', 'one')
    const first = watch('a')
    await first.texts
    first.stop()
    // Nobody watches: still kept, and still following the feed.
    await put('t2', 'a', 'two')
    const back = watch('a', (t) => t.size === 2)
    expect((await back.texts).size).toBe(2)
    expect(log.all).toEqual(['a'])
    back.stop()
    // Another case is watched: the first is let go, and read afresh when watched again.
    const other = watch('b')
    await other.texts
    expect(cache.get('a')).toBeUndefined()
    const again = watch('a')
    expect((await again.texts).size).toBe(2)
    expect(log.all).toEqual(['a', 'b', 'a'])
    // A case still watched is never let go for another.
    expect(cache.get('b')).toBeDefined()
    other.stop()
    again.stop()
  })
})
