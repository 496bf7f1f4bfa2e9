/**
 * The migration test harness (CONVENTIONS: one test per migration that opens the previous
 * version with data and upgrades it). `openAtVersion` opens a database exactly as an older
 * build declared it — the migration files up to that version and no further — so a test can
 * fill it with that version's data; `dumpDatabase` reads every table of any database back in
 * key order, so the test can compare what the upgrade kept, moved and dropped. Used only by
 * tests, over fake-indexeddb.
 */
import Dexie from 'dexie'
import { v1 } from './v1'
import { v2 } from './v2'
import { v3 } from './v3'
import { v4 } from './v4'
import { v5 } from './v5'
import { v6 } from './v6'

/** Every migration, in order; entry i declares version i + 1. */
const MIGRATIONS: ((db: Dexie) => void)[] = [v1, v2, v3, v4, v5, v6]

/** Opens `name` as the build of schema `version` would (the migrations up to it only). */
export async function openAtVersion(name: string, version: number): Promise<Dexie> {
  if (version < 1 || version > MIGRATIONS.length) throw new Error(`No schema version ${version}`)
  const db = new Dexie(name)
  for (const declare of MIGRATIONS.slice(0, version)) declare(db)
  await db.open()
  return db
}

/** Every row of every table of `db`, by table name, each table in primary-key order. */
export async function dumpDatabase(db: Dexie): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const table of [...db.tables].sort((a, b) => a.name.localeCompare(b.name)))
    out[table.name] = await table.toArray()
  return out
}
