/**
 * Undoable actions. A user action runs through `recordAction`: its writes and their
 * change-log entries (one group id) commit in one transaction, and the action goes on the
 * session's undo stack. Undo applies the entries' `before` states in reverse, redo their
 * `after` states, each as a new logged action — but only when every record is still as the
 * action left it, so an undo never overwrites a later change silently. The stacks live for
 * the session and span documents (undo works after switching documents). They are capped by
 * count (200 steps) and by size (64 MiB of recorded states, counted as UTF-16 string bytes
 * plus a little per value: one "Replace text" of a 1 MB document holds two copies of it), the
 * oldest steps going first; a step that wrote a text takes, when it goes, the log's copies of
 * text that nothing can undo any more with it (purge.ts: deleted means gone).
 */
import type { TableName } from '../domain/types'
import { logChanges, type ChangeInput } from './change-log'
import { newId } from './db'
import { guardWrite, StoreError } from './errors'
import { markPurgePending, purgeDeletedText } from './purge'
import type { CasefileDB } from './schema'

/** One undoable user action as it was written. */
export interface RecordedAction {
  group: string
  caseId: string
  label: string
  entries: ChangeInput[]
}

/** What the undo and redo buttons should say, if anything. */
export interface HistoryState {
  undo?: string
  redo?: string
}

/** Collects the change entries of an action while it writes. */
export type Recorder = (entry: Omit<ChangeInput, 'caseId' | 'action'>) => void

/**
 * Writes the entries recorded so far to the change log now, in the action's transaction,
 * without waiting for them to be stored: a bulk write can then queue its change log behind its
 * records, so the database stores both while the action goes on (`recordAction` writes the
 * rest, and waits for all of it, before the transaction commits).
 */
export type Flush = () => Promise<void>

/** How many steps the undo and redo stacks hold together at most, and how many bytes. */
export const UNDO_LIMITS = { steps: 200, bytes: 64 * 1024 * 1024 } as const

/** Roughly how many bytes `value` holds in memory: strings as UTF-16, 8 per other value. */
export function approximateBytes(value: unknown): number {
  let bytes = 0
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v === 'string') bytes += 2 * v.length
    else if (v && typeof v === 'object') {
      bytes += 8
      if (Array.isArray(v)) stack.push(...(v as unknown[]))
      else
        for (const [k, child] of Object.entries(v)) {
          bytes += 2 * k.length
          stack.push(child)
        }
    } else bytes += 8
  }
  return bytes
}

const sizes = new WeakMap<RecordedAction, number>()
function sizeOf(action: RecordedAction): number {
  let size = sizes.get(action)
  if (size === undefined) {
    size = action.entries.reduce(
      (n, e) => n + approximateBytes(e.before) + approximateBytes(e.after),
      0,
    )
    sizes.set(action, size)
  }
  return size
}

let undoStack: RecordedAction[] = []
let redoStack: RecordedAction[] = []
const listeners = new Set<() => void>()

function notify(): void {
  listeners.forEach((fn) => fn())
}

/** Subscribes to changes of the undo/redo stacks. */
export function subscribeHistory(fn: () => void): () => void {
  listeners.add(fn)
  return () => {
    listeners.delete(fn)
  }
}

/** The labels of the next undo and redo for `caseId`. */
export function historyState(caseId: string | undefined): HistoryState {
  const u = undoStack.findLast((a) => a.caseId === caseId)
  const r = redoStack.findLast((a) => a.caseId === caseId)
  return { undo: u?.label, redo: r?.label }
}

/**
 * The group of the session's most recent undoable action (what Ctrl+Z would take back next
 * in its case), or undefined. A notice of an action keeps it, so that its Undo button shows
 * only while that action is still the next to undo.
 */
export function latestUndoGroup(): string | undefined {
  return undoStack.at(-1)?.group
}

/** Whether the action `group` is still the next undo of its case. */
export function isNextUndo(group: string): boolean {
  const action = undoStack.findLast((a) => a.group === group)
  return action !== undefined && undoStack.findLast((a) => a.caseId === action.caseId) === action
}

/** The bytes the session's undo and redo stacks hold (see `UNDO_LIMITS`). */
export function historyBytes(): number {
  return [...undoStack, ...redoStack].reduce((n, a) => n + sizeOf(a), 0)
}

/** How many steps the undo and redo stacks hold together. */
export function historySteps(): number {
  return undoStack.length + redoStack.length
}

/**
 * Takes the oldest steps off until both stacks together are within `UNDO_LIMITS` (the newest
 * step always stays, however large) and returns what was taken off.
 */
function trimToLimits(): RecordedAction[] {
  const dropped: RecordedAction[] = []
  let bytes = historyBytes()
  while (undoStack.length + redoStack.length > 1) {
    if (undoStack.length + redoStack.length <= UNDO_LIMITS.steps && bytes <= UNDO_LIMITS.bytes)
      break
    // Redo steps are newer than every undo step of their case, so undo steps go first.
    const action = (undoStack.length > 1 || redoStack.length === 0 ? undoStack : redoStack).shift()!
    bytes -= sizeOf(action)
    dropped.push(action)
  }
  return dropped
}

/**
 * Once steps are off the stacks, nothing can undo what they wrote: if any of them wrote a text,
 * the log's copies of text that no remaining step references are purged. Never throws (the
 * start-up pass does it again).
 */
async function forgetDropped(db: CasefileDB, dropped: RecordedAction[]): Promise<void> {
  if (!dropped.some((a) => a.entries.some((e) => e.table === 'texts'))) return
  const keep = new Set([...undoStack, ...redoStack].map((a) => a.group))
  try {
    await purgeDeletedText(db, keep)
  } catch (e) {
    console.warn('Casefile: purging deleted text failed', e)
  }
}

/** Forgets the session's undo and redo stacks (tests; case deletion). */
export function clearHistory(caseId?: string): void {
  undoStack = caseId ? undoStack.filter((a) => a.caseId !== caseId) : []
  redoStack = caseId ? redoStack.filter((a) => a.caseId !== caseId) : []
  notify()
}

const ALL_TABLES: TableName[] = [
  'cases',
  'sources',
  'documents',
  'texts',
  'annotations',
  'entities',
  'events',
  'relations',
  'briefings',
]

/**
 * Runs `write` as one undoable user action over `tables` (plus the change log) in one
 * transaction. `write` reports each record it creates, updates or deletes through `record`,
 * and may `flush` those entries to the change log early (see `Flush`).
 */
export async function recordAction<T>(
  db: CasefileDB,
  caseId: string,
  label: string,
  tables: TableName[],
  write: (record: Recorder, flush: Flush) => Promise<T>,
): Promise<T> {
  const group = newId()
  const entries: ChangeInput[] = []
  const result = await guardWrite(label.toLowerCase(), () =>
    db.transaction(
      'rw',
      [
        ...tables.map((t) => db.table(t)),
        db.changes,
        db.searchIndexes,
        db.searchSlices,
        db.settings,
      ],
      async () => {
        let logged = 0
        let at: number | undefined
        const logging: Promise<void>[] = []
        const flush: Flush = () => {
          const part = entries.slice(logged)
          logged = entries.length
          at ??= Date.now()
          const written = logChanges(db, part, group, at)
          // Awaited below; a failure aborts the transaction either way.
          written.catch(() => undefined)
          logging.push(written)
          return written
        }
        const value = await write((e) => entries.push({ ...e, caseId, action: label }), flush)
        void flush()
        await Promise.all(logging)
        await forgetStaleIndex(db, caseId, entries)
        return value
      },
    ),
  )
  if (entries.length > 0) {
    undoStack.push({ group, caseId, label, entries })
    const dropped = redoStack.filter((a) => a.caseId === caseId)
    redoStack = redoStack.filter((a) => a.caseId !== caseId)
    dropped.push(...trimToLimits())
    notify()
    await forgetDropped(db, dropped)
  }
  return result
}

/**
 * A saved search index holds the texts it was built from; when an action changes a text,
 * the saved copy is dropped in the same transaction so that no later start can load it. The
 * change log now holds a copy of text that must go once nothing can undo the action: the next
 * start is told to purge (purge.ts), in the same transaction, so a crash cannot lose that.
 */
async function forgetStaleIndex(db: CasefileDB, caseId: string, entries: ChangeInput[]) {
  if (entries.some((e) => e.table === 'texts')) {
    await db.searchIndexes.delete(caseId)
    await db.searchSlices.where('caseId').equals(caseId).delete()
    await markPurgePending(db)
  }
}

/** `updatedAt` is bookkeeping written by actions outside the undo stack; it never blocks one. */
function same(a: unknown, b: unknown): boolean {
  const strip = (x: unknown) =>
    x && typeof x === 'object' ? { ...(x as Record<string, unknown>), updatedAt: undefined } : x
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b))
}

async function apply(
  db: CasefileDB,
  action: RecordedAction,
  direction: 'undo' | 'redo',
): Promise<void> {
  const label = direction === 'undo' ? `Undo: ${action.label}` : action.label
  const ordered = direction === 'undo' ? [...action.entries].reverse() : action.entries
  const group = newId()
  const written: ChangeInput[] = []
  await guardWrite(direction, () =>
    db.transaction(
      'rw',
      [
        ...ALL_TABLES.map((t) => db.table(t)),
        db.changes,
        db.searchIndexes,
        db.searchSlices,
        db.settings,
      ],
      async () => {
        for (const e of ordered) {
          const table = db.table(e.table)
          const expected = direction === 'undo' ? e.after : e.before
          const target = direction === 'undo' ? e.before : e.after
          const current = await table.get(e.recordId)
          if (!same(current, expected)) {
            throw new StoreError(
              'CONFLICT',
              `Cannot ${direction} “${action.label}”: what it changed has been changed again since.`,
            )
          }
          if (target === undefined) await table.delete(e.recordId)
          else await table.put(target)
          const op = target === undefined ? 'delete' : expected === undefined ? 'create' : 'update'
          written.push({
            caseId: e.caseId,
            action: label,
            op,
            table: e.table,
            recordId: e.recordId,
            before: current,
            after: target,
          })
        }
        await logChanges(db, written, group)
        await forgetStaleIndex(db, action.caseId, written)
      },
    ),
  )
}

let queue: Promise<unknown> = Promise.resolve()

/** Runs undo and redo one at a time, so two quick presses never pick the same action. */
function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn)
  queue = run.catch(() => undefined)
  return run
}

async function step(
  db: CasefileDB,
  caseId: string,
  direction: 'undo' | 'redo',
): Promise<RecordedAction | undefined> {
  const from = direction === 'undo' ? undoStack : redoStack
  const action = from.findLast((a) => a.caseId === caseId)
  if (!action) return undefined
  try {
    await apply(db, action, direction)
  } catch (e) {
    if (e instanceof StoreError && e.code === 'CONFLICT') {
      // The action can never apply again: drop it and what lies beyond it for this case, so
      // that the stack is not stuck, and say so.
      const k = from.indexOf(action)
      const keep = from.filter((a, j) => a.caseId !== caseId || j > k)
      const dropped = from.filter((a) => !keep.includes(a))
      from.splice(0, from.length, ...keep)
      notify()
      await forgetDropped(db, dropped)
      throw new StoreError(
        'CONFLICT',
        `${e.message} It and the older steps have been taken off the ${direction} list; the data is as it is now.`,
      )
    }
    throw e
  }
  from.splice(from.indexOf(action), 1)
  ;(direction === 'undo' ? redoStack : undoStack).push(action)
  notify()
  return action
}

/** Undoes the case's most recent action; resolves to it, or undefined if there is none. */
export function undo(db: CasefileDB, caseId: string): Promise<RecordedAction | undefined> {
  return serialised(() => step(db, caseId, 'undo'))
}

/** Redoes the case's most recently undone action; resolves to it, or undefined. */
export function redo(db: CasefileDB, caseId: string): Promise<RecordedAction | undefined> {
  return serialised(() => step(db, caseId, 'redo'))
}
