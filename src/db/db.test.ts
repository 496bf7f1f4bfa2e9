/**
 * The store's entry point (db.ts): `storeExists` tells a new installation — no database of that
 * name in the browser's list — from one whose database exists, and says "exists" whenever the
 * browser cannot answer, so that start-up then waits for the store as before; `openStore` runs
 * the start-up pass on an existing database only, not on one its open has just created.
 */
import { afterEach, expect, it, vi } from 'vitest'
import { openStore, storeExists } from './db'
import * as purge from './purge'
import { CasefileDB } from './schema'

afterEach(() => vi.restoreAllMocks())

it('is false before the database is created and true once it is', async () => {
  const name = 'store-exists-check'
  expect(await storeExists(name)).toBe(false)
  const db = new CasefileDB(name)
  await db.open()
  try {
    expect(await storeExists(name)).toBe(true)
    // Another installation's database does not count.
    expect(await storeExists('store-exists-other')).toBe(false)
  } finally {
    await db.delete()
  }
  expect(await storeExists(name)).toBe(false)
})

it('says the store exists when the browser cannot list its databases', async () => {
  vi.spyOn(indexedDB, 'databases').mockRejectedValue(new Error('not allowed'))
  expect(await storeExists('store-exists-unknown')).toBe(true)
  vi.spyOn(indexedDB, 'databases').mockReturnValue(
    undefined as unknown as Promise<IDBDatabaseInfo[]>,
  )
  expect(await storeExists('store-exists-unknown')).toBe(true)
})

it('skips the start-up pass when the open has just created the database', async () => {
  const pass = vi.spyOn(purge, 'maintainStore')
  const name = 'store-pass-check'
  const fresh = openStore(name)
  await fresh.open()
  expect(pass).not.toHaveBeenCalled()
  fresh.close()
  // Opened again, as on the next start: the pass runs before the first read.
  const again = openStore(name)
  await again.cases.count()
  expect(pass).toHaveBeenCalledTimes(1)
  expect(pass).toHaveBeenCalledWith(again)
  await again.delete()
})
