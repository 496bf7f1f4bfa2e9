/**
 * Undoable actions. A user action runs through `recordAction`: its writes and their
 * change-log entries (one group id) commit in one transaction, and the action goes on the
 * session's undo stack. Undo applies the entries' `before` states in reverse, redo their
 * `after` states, each as a new logged action — but only when every record is still as the
 * action left it, so an undo never overwrites a later change silently. The stacks live for
 * the session and span documents (undo works after switching documents).
 */
import type { TableName } from '../domain/types'
import { logChanges, type ChangeInput } from './change-log'
import { newId } from './db'
import { guardWrite, StoreError } from './errors'
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

const LIMIT = 200
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
 * transaction. `write` reports each record it creates, updates or deletes through `record`.
 */
export async function recordAction<T>(
  db: CasefileDB,
  caseId: string,
  label: string,
  tables: TableName[],
  write: (record: Recorder) => Promise<T>,
): Promise<T> {
  const group = newId()
  const entries: ChangeInput[] = []
  const result = await guardWrite(label.toLowerCase(), () =>
    db.transaction('rw', [...tables.map((t) => db.table(t)), db.changes], async () => {
      const value = await write((e) => entries.push({ ...e, caseId, action: label }))
      await logChanges(db, entries, group)
      return value
    }),
  )
  if (entries.length > 0) {
    undoStack.push({ group, caseId, label, entries })
    if (undoStack.length > LIMIT) undoStack.shift()
    redoStack = redoStack.filter((a) => a.caseId !== caseId)
    notify()
  }
  return result
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
    db.transaction('rw', [...ALL_TABLES.map((t) => db.table(t)), db.changes], async () => {
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
    }),
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
      from.splice(0, from.length, ...keep)
      notify()
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
