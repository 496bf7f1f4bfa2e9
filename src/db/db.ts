/**
 * The store's entry point: opens the one database of the installation, asks the browser to
 * keep it (persistent storage) and reports usage. Repositories receive the database as an
 * argument so that tests can give each test a fresh one.
 */
import Dexie from 'dexie'
import { maintainStore } from './purge'
import { CasefileDB, DB_NAME } from './schema'

let instance: CasefileDB | undefined

/**
 * The app's database, opened on first use. Before anything else may read it, the start-up
 * pass (purge.ts) removes text whose undo ended with the last session and half-restored cases.
 */
export function getDb(): CasefileDB {
  if (!instance) {
    // Dexie turns its debug mode on by itself on http://localhost and 127.0.0.1 (`npm run web`,
    // the e2e suite): a console task and stack per query, which the desktop app never pays.
    Dexie.debug = false
    instance = openStore()
  }
  return instance
}

/**
 * A store as the app opens it: its start-up pass (`maintainStore`) runs before anything else
 * may read it, unless the open has just created the database — a new installation has no
 * half-restored case and no text to purge, and its first window should not wait for a
 * read-write sweep of every table.
 */
export function openStore(name: string = DB_NAME): CasefileDB {
  const db = new CasefileDB(name)
  let created = false
  db.on('populate', () => void (created = true))
  db.on('ready', () => {
    if (!created) return maintainStore(db)
    // Only this open's: a later open of the same instance finds the database as it was left.
    created = false
  })
  return db
}

/**
 * Whether the installation's database exists yet, as the browser lists its databases
 * (`indexedDB.databases()`): false only when the browser says it does not — a new
 * installation, whose case list is known to be empty before the database is even created;
 * true when it exists, or when the browser cannot say. Asked before the store's open, which
 * would create it.
 */
export async function storeExists(name: string = DB_NAME): Promise<boolean> {
  try {
    const list = await globalThis.indexedDB?.databases?.()
    return list === undefined || list.some((d) => d.name === name)
  } catch {
    return true
  }
}

/** A new random id for a record. */
export function newId(): string {
  return crypto.randomUUID()
}

export interface StorageStatus {
  /** True when the browser promised not to evict the data under storage pressure. */
  persisted: boolean
  usage?: number
  quota?: number
}

/**
 * Asks for persistent storage (so the browser does not evict a case under disk pressure)
 * and returns the resulting status. Never throws: the store works without the promise.
 */
export async function requestPersistence(): Promise<StorageStatus> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined
  if (!storage) return { persisted: false }
  let persisted: boolean
  try {
    persisted = (await storage.persisted?.()) || (await storage.persist?.()) || false
  } catch {
    persisted = false
  }
  return { persisted, ...(await estimateStorage()) }
}

/** Bytes used and available to this origin, where the browser says. */
export async function estimateStorage(): Promise<{ usage?: number; quota?: number }> {
  try {
    const e = await navigator.storage?.estimate?.()
    return { usage: e?.usage, quota: e?.quota }
  } catch {
    return {}
  }
}
