/**
 * The store's change feed: after each committed read-write transaction, every subscriber is
 * told which records it changed (table, key, `put` or `delete`, and the case when known).
 * A Dexie DBCore middleware notes each successful write against its transaction and
 * publishes the transaction's changes from IndexedDB's `complete` event; a transaction that
 * aborts (an error, a thrown StoreError, a full disk) publishes nothing. Data derived from
 * the store — the search index today, suggestions and corroboration later — subscribes here
 * instead of being kept in step by UI code. Upgrades (versionchange transactions) publish
 * nothing. The feed is per database object and per window: another tab's writes are not seen.
 */
import Dexie from 'dexie'
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie'

/** What happened to a record: written (created or replaced) or deleted. */
export type ChangeOp = 'put' | 'delete'

/** One record changed by a committed transaction. */
export interface StoreChange {
  table: string
  /** The record's primary key (a string in every case table; a number in `changes`). */
  key: string | number
  op: ChangeOp
  /** The case the record belongs to, when the write or a read before the delete said. */
  caseId?: string
}

/** Everything one committed transaction changed, in the order it was written. */
export interface ChangeBatch {
  readonly changes: readonly StoreChange[]
  /** Names of the tables written. */
  readonly tables: ReadonlySet<string>
  /** Cases any change belongs to (a deleted case included). */
  readonly caseIds: ReadonlySet<string>
  /** Documents whose metadata or text changed, with the last op on them. */
  readonly documents: ReadonlyMap<string, ChangeOp>
  /** Cases created, edited or deleted themselves (the `cases` table). */
  readonly cases: ReadonlyMap<string, ChangeOp>
  /** Annotations (tags) written or deleted. */
  readonly annotations: ReadonlyMap<string, ChangeOp>
  /** The last op per key of any table. */
  ops(table: string): ReadonlyMap<string | number, ChangeOp>
}

/** Called with each committed transaction's changes. */
export type ChangeListener = (batch: ChangeBatch) => void

/** Subscription to a database's committed changes. */
export interface ChangeFeed {
  /** Calls `listener` after each committed transaction that wrote something; returns the unsubscribe. */
  subscribe(listener: ChangeListener): () => void
}

/** Tables whose deleted records are read first (small records) to learn their case. */
const READ_BEFORE_DELETE = new Set([
  'documents',
  'annotations',
  'entities',
  'events',
  'relations',
  'briefings',
  'sources',
])

/** Tables keyed by the case id itself. */
const KEYED_BY_CASE = new Set(['cases', 'searchIndexes'])

function caseOf(table: string, key: unknown, value: unknown): string | undefined {
  if (KEYED_BY_CASE.has(table) && typeof key === 'string') return key
  const caseId = (value as { caseId?: unknown } | null | undefined)?.caseId
  return typeof caseId === 'string' ? caseId : undefined
}

function isKey(key: unknown): key is string | number {
  return typeof key === 'string' || typeof key === 'number'
}

function change(table: string, key: string | number, op: ChangeOp, caseId?: string): StoreChange {
  return caseId ? { table, key, op, caseId } : { table, key, op }
}

class Batch implements ChangeBatch {
  readonly tables = new Set<string>()
  readonly caseIds = new Set<string>()
  readonly documents = new Map<string, ChangeOp>()
  readonly cases = new Map<string, ChangeOp>()
  readonly annotations = new Map<string, ChangeOp>()
  private readonly byTable = new Map<string, Map<string | number, ChangeOp>>()

  constructor(readonly changes: StoreChange[]) {
    for (const c of changes) {
      this.tables.add(c.table)
      if (c.caseId) this.caseIds.add(c.caseId)
      let ops = this.byTable.get(c.table)
      if (!ops) this.byTable.set(c.table, (ops = new Map()))
      ops.set(c.key, c.op)
    }
    for (const [key, op] of this.ops('cases')) this.cases.set(String(key), op)
    for (const [key, op] of this.ops('annotations')) this.annotations.set(String(key), op)
    // A document is its metadata row and its text row: the metadata row's last op decides,
    // else the text row's (Replace text writes only the text).
    for (const table of ['texts', 'documents']) {
      for (const [key, op] of this.ops(table)) this.documents.set(String(key), op)
    }
  }

  ops(table: string): ReadonlyMap<string | number, ChangeOp> {
    return this.byTable.get(table) ?? new Map<string | number, ChangeOp>()
  }
}

interface Feed extends ChangeFeed {
  publish(changes: StoreChange[]): void
}

const feeds = new WeakMap<Dexie, Feed>()

function createFeed(): Feed {
  const listeners = new Set<ChangeListener>()
  return {
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    publish(changes) {
      if (!changes.length || !listeners.size) return
      const batch = new Batch(changes)
      for (const listener of [...listeners]) {
        try {
          listener(batch)
        } catch (error) {
          // One failing subscriber must not keep the others (or the writer) from going on.
          console.error('A change-feed subscriber failed:', error)
        }
      }
    },
  }
}

/** What each open read-write transaction has written so far. */
type Pending = WeakMap<DBCoreTransaction, StoreChange[]>

function feedTable(down: DBCoreTable, pending: Pending): DBCoreTable {
  const name = down.name
  const primaryKey = down.schema.primaryKey
  const readBefore = READ_BEFORE_DELETE.has(name)

  /** The delete changes of `keys`, with the case of each where it can be read first. */
  function deletes(trans: DBCoreTransaction, keys: unknown[]): PromiseLike<StoreChange[]> {
    const listed = (values: unknown[]): StoreChange[] =>
      keys.flatMap((key, i) =>
        isKey(key) ? [change(name, key, 'delete', caseOf(name, key, values[i]))] : [],
      )
    // Dexie promises, chained and not awaited: Dexie's own middlewares below need its zone
    // (the current transaction) kept from one step to the next.
    return readBefore
      ? down.getMany({ trans, keys }).then(listed)
      : Dexie.Promise.resolve(listed([]))
  }

  function written(req: DBCoreMutateRequest, res: DBCoreMutateResponse): StoreChange[] {
    if (req.type !== 'add' && req.type !== 'put') return []
    const out: StoreChange[] = []
    const keys: unknown[] = res.results ?? req.keys ?? []
    req.values.forEach((value: unknown, i) => {
      if (res.failures[i]) return
      const key = keys[i] ?? primaryKey.extractKey?.(value)
      if (isKey(key)) out.push(change(name, key, 'put', caseOf(name, key, value)))
    })
    return out
  }

  return {
    ...down,
    mutate(req) {
      const log = pending.get(req.trans)
      if (!log) return down.mutate(req)
      if (req.type === 'add' || req.type === 'put') {
        return down.mutate(req).then((res) => {
          log.push(...written(req, res))
          return res
        })
      }
      const keysOf: PromiseLike<unknown[]> =
        req.type === 'delete'
          ? Dexie.Promise.resolve(req.keys)
          : down
              .query({
                trans: req.trans,
                values: false,
                query: { index: primaryKey, range: req.range },
              })
              .then((found) => found.result)
      return keysOf
        .then((keys) => deletes(req.trans, keys))
        .then((gone) =>
          down.mutate(req).then((res) => {
            log.push(...gone.filter((_, i) => req.type === 'deleteRange' || !res.failures[i]))
            return res
          }),
        ) as Promise<DBCoreMutateResponse>
    },
  }
}

function middleware(feed: Feed): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'casefile-change-feed',
    create(down) {
      const pending: Pending = new WeakMap()
      return {
        ...down,
        transaction(stores, mode, options) {
          const trans = down.transaction(stores, mode, options)
          if (mode !== 'readwrite') return trans
          const changes: StoreChange[] = []
          pending.set(trans, changes)
          const target = trans as unknown as EventTarget
          // IndexedDB fires `complete` only once the transaction has committed; `abort` (and
          // an error that aborts it) means nothing it wrote is kept, so nothing is said.
          target.addEventListener('complete', () => {
            pending.delete(trans)
            feed.publish(changes)
          })
          target.addEventListener('abort', () => pending.delete(trans))
          return trans
        },
        table(name) {
          return feedTable(down.table(name), pending)
        },
      }
    },
  }
}

/**
 * Adds the change feed to `db`; call before the database opens (the CasefileDB constructor
 * does). Installing twice returns the feed already installed.
 */
export function installChangeFeed(db: Dexie): ChangeFeed {
  let feed = feeds.get(db)
  if (feed) return feed
  feed = createFeed()
  feeds.set(db, feed)
  db.use(middleware(feed))
  return feed
}

/** The change feed of `db` (installed by its constructor). */
export function changeFeed(db: Dexie): ChangeFeed {
  const feed = feeds.get(db)
  if (!feed) throw new Error('This database has no change feed: install it before opening.')
  return feed
}
