/**
 * What the tables that keep a compact copy of other tables' records share (`graphTies`:
 * db/graph-ties.ts; `mapPoints`: db/map-points.ts):
 * - a DBCore middleware (`derivedCopy`) that widens every read-write transaction including a
 *   watched table to include the copy, and after each add, put and delete of a watched table
 *   hands the records written or deleted to that table's `Apply`, in the same transaction (a
 *   delete reads the records first, to know their cases). The rewrites of one transaction run
 *   one after another, so two writes in it never lose each other's entries; writes inside a
 *   schema upgrade are left alone (the upgrade that adds a copy builds it whole);
 * - rows of events packed by bucket — an event's row chosen by a hash of its id
 *   (`bucketOfId`) — and the rewrite of the rows an edit touched (`applyBucketEdit`);
 * - the page-by-page read of a whole table that a rebuild makes (`eachPage`, `addToRows`).
 */
import Dexie from 'dexie'
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
  Table,
} from 'dexie'
import type { EventRecord } from '../domain/types'

/** How a watched table's writes change the copy: records written, records deleted. */
export interface Apply {
  put(copy: DBCoreTable, trans: DBCoreTransaction, values: readonly unknown[]): PromiseLike<void>
  gone(copy: DBCoreTable, trans: DBCoreTransaction, values: readonly unknown[]): PromiseLike<void>
}

/** A record's case and id (what says which row of a copy it is in). */
export interface CaseKey {
  caseId: string
  id: string
}

function isString(x: unknown): x is string {
  return typeof x === 'string'
}

/** The records of `values` (as written or read) that have a string id and case. */
export function recordsOf<T extends CaseKey>(values: readonly unknown[]): T[] {
  const out: T[] = []
  for (const v of values) {
    const r = v as Partial<CaseKey> | undefined
    if (r && isString(r.id) && isString(r.caseId)) out.push(v as T)
  }
  return out
}

/** The case and id of each record of `values` (as `recordsOf` finds them). */
export function keysOf(values: readonly unknown[]): CaseKey[] {
  return recordsOf(values).map((r) => ({ caseId: r.caseId, id: r.id }))
}

/** The bucket of `id` among `buckets` (FNV-1a over its UTF-16 code units). */
export function bucketOfId(id: string, buckets: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193)
  return (h >>> 0) % buckets
}

/** The map key of row `n` of `caseId`. */
export function rowKey(caseId: string, n: number): string {
  return `${n}\u0000${caseId}`
}

/** What to change in the bucketed rows: events written and events gone (each with its case). */
export interface BucketEdit<E extends CaseKey> {
  put: E[]
  gone: CaseKey[]
}

/** How a copy packs its events into rows (key `[caseId, n]`). */
export interface Buckets<E extends CaseKey, Row> {
  /** The row of event `id`. */
  bucketOf(id: string): number
  /** The events of a stored row. */
  events(row: Row): E[]
  /** The row `n` of `caseId` holding `events`. */
  row(caseId: string, n: number, events: E[]): Row
}

/**
 * Applies `edit` to the rows it touches, in transaction `trans`: reads each touched row once,
 * then writes the changed rows and deletes those left empty.
 */
export function applyBucketEdit<E extends CaseKey, Row>(
  table: DBCoreTable,
  trans: DBCoreTransaction,
  edit: BucketEdit<E>,
  buckets: Buckets<E, Row>,
): PromiseLike<void> {
  const touched = new Map<string, { caseId: string; n: number }>()
  const note = (caseId: string, id: string) => {
    const n = buckets.bucketOf(id)
    touched.set(rowKey(caseId, n), { caseId, n })
  }
  for (const e of edit.put) note(e.caseId, e.id)
  for (const g of edit.gone) note(g.caseId, g.id)
  if (!touched.size) return Dexie.Promise.resolve()
  const list = [...touched.values()]
  const keys = list.map((t) => [t.caseId, t.n])
  // Dexie promises, chained and not awaited (as change-feed.ts): its middlewares below keep
  // the transaction's zone from one step to the next.
  return table.getMany({ trans, keys }).then((found: (Row | undefined)[]) => {
    const rows = new Map<string, Map<string, E>>()
    list.forEach((t, i) => {
      const row = found[i]
      rows.set(rowKey(t.caseId, t.n), new Map(row ? buckets.events(row).map((e) => [e.id, e]) : []))
    })
    for (const g of edit.gone) rows.get(rowKey(g.caseId, buckets.bucketOf(g.id)))!.delete(g.id)
    for (const e of edit.put) rows.get(rowKey(e.caseId, buckets.bucketOf(e.id)))!.set(e.id, e)
    const keep: Row[] = []
    const drop: unknown[] = []
    list.forEach(({ caseId, n }, i) => {
      const events = [...rows.get(rowKey(caseId, n))!.values()]
      if (events.length) keep.push(buckets.row(caseId, n, events))
      else if (found[i]) drop.push([caseId, n])
    })
    const writes: PromiseLike<unknown>[] = []
    if (keep.length) writes.push(table.mutate({ type: 'put', trans, values: keep }))
    if (drop.length) writes.push(table.mutate({ type: 'delete', trans, keys: drop }))
    return Dexie.Promise.all(writes).then(() => undefined)
  })
}

/**
 * The `Apply` of the events table for a copy of its events in bucketed rows: each event
 * written is `toCopy` of it, each event deleted leaves its row.
 */
export function bucketedEvents<E extends CaseKey, Row>(
  buckets: Buckets<E, Row>,
  toCopy: (event: EventRecord) => E,
): Apply {
  return {
    put: (copy, trans, values) =>
      applyBucketEdit(
        copy,
        trans,
        { put: recordsOf<EventRecord>(values).map(toCopy), gone: [] },
        buckets,
      ),
    gone: (copy, trans, values) =>
      applyBucketEdit(copy, trans, { put: [], gone: keysOf(values) }, buckets),
  }
}

function isUpgrade(trans: DBCoreTransaction): boolean {
  return (trans as unknown as { mode?: string }).mode === 'versionchange'
}

function watchedTable(
  down: DBCoreTable,
  copy: () => DBCoreTable,
  chains: WeakMap<DBCoreTransaction, PromiseLike<unknown>>,
  apply: Apply,
): DBCoreTable {
  /** Runs `step` after the transaction's earlier rewrites (see the module comment). */
  const inTurn = <T>(trans: DBCoreTransaction, step: () => PromiseLike<T>): PromiseLike<T> => {
    const before = chains.get(trans) ?? Dexie.Promise.resolve()
    const next = before.then(step)
    chains.set(
      trans,
      next.then(
        () => undefined,
        () => undefined,
      ),
    )
    return next
  }
  return {
    ...down,
    mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      if (isUpgrade(req.trans)) return down.mutate(req)
      const { trans } = req
      if (req.type === 'add' || req.type === 'put') {
        return inTurn(trans, () =>
          down.mutate(req).then((res) => {
            const written = req.values.filter((_, i) => !res.failures[i])
            return apply.put(copy(), trans, written).then(() => res)
          }),
        ) as Promise<DBCoreMutateResponse>
      }
      const before: PromiseLike<unknown[]> =
        req.type === 'delete'
          ? down.getMany({ trans, keys: req.keys })
          : down
              .query({
                trans,
                values: true,
                query: { index: down.schema.primaryKey, range: req.range },
              })
              .then((found) => found.result)
      return inTurn(trans, () =>
        before.then((values) =>
          down.mutate(req).then((res) => {
            const gone = values.filter((_, i) => !res.failures[i])
            return apply.gone(copy(), trans, gone).then(() => res)
          }),
        ),
      ) as Promise<DBCoreMutateResponse>
    },
  }
}

/**
 * The middleware `name` that keeps table `copy` true on every write to the tables of
 * `watched`, each written through its `Apply` (see the module comment). Does nothing on a
 * database without the table `copy` (one opened at an older version).
 */
export function derivedCopy(
  name: string,
  copy: string,
  watched: Readonly<Record<string, Apply>>,
): Middleware<DBCore> {
  const tables = Object.keys(watched)
  return {
    stack: 'dbcore',
    name,
    create(down) {
      if (!down.schema.tables.some((t) => t.name === copy)) return down
      const chains = new WeakMap<DBCoreTransaction, PromiseLike<unknown>>()
      return {
        ...down,
        transaction(stores, mode, options) {
          // Every read-write transaction on a watched table writes the copy with it.
          const widened =
            mode === 'readwrite' && tables.some((t) => stores.includes(t)) && !stores.includes(copy)
              ? [...stores, copy]
              : stores
          return down.transaction(widened, mode, options)
        },
        table(tableName) {
          const table = down.table(tableName)
          const apply = Object.hasOwn(watched, tableName) ? watched[tableName] : undefined
          return apply ? watchedTable(table, () => down.table(copy), chains, apply) : table
        },
      }
    },
  }
}

/**
 * Adds `toCopy` of each of `events` to the events of its row in `rows` (by `rowKey`), making
 * the rows it lacks (a copy's rebuild).
 */
export function addToRows<E>(
  rows: Map<string, { caseId: string; n: number; events: E[] }>,
  events: readonly EventRecord[],
  bucketOf: (id: string) => number,
  toCopy: (event: EventRecord) => E,
): void {
  for (const e of events) {
    const n = bucketOf(e.id)
    const k = rowKey(e.caseId, n)
    let row = rows.get(k)
    if (!row) rows.set(k, (row = { caseId: e.caseId, n, events: [] }))
    row.events.push(toCopy(e))
  }
}

/**
 * Hands `each` every record of `table` in pages of 5,000 in id order, so that a big store is
 * never held whole (a copy's rebuild).
 */
export async function eachPage<T extends { id: string }>(
  table: Table<T, string>,
  each: (page: T[]) => void,
): Promise<void> {
  let last: string | undefined
  for (;;) {
    const page = await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last))
      .limit(5000)
      .toArray()
    if (!page.length) return
    each(page)
    last = page[page.length - 1]!.id
  }
}
