/**
 * Schema version 2: per-case view state (graph layout, timeline window, pane layout) gets its
 * own table, `viewState`, keyed by case and key, instead of free-form settings that were not
 * validated, not backed up and left behind when their case was deleted. The upgrade moves
 * each case's `graph:layout:<caseId>` and `timeline:window:<caseId>` settings into it —
 * validated, and only for cases that still exist — and deletes those settings; a value that
 * does not pass its schema is dropped (the pane falls back to its default, as it did before
 * for a value it could not use), and the first start after it purges the text of deleted
 * documents from the change log (src/db/purge.ts). Versions are append-only: never edit this file once shipped
 * (the one later edit, for issue 17, changed only how the schemas are loaded, not the upgrade).
 */
import Dexie, { type Transaction } from 'dexie'
import type { ViewStateKey } from '../../domain/record-schemas'

export const V2_STORES = {
  viewState: '[caseId+key], caseId',
} as const

/** Version-1 setting keys that held per-case view state, and the view-state key each becomes. */
const MOVED: { prefix: string; key: ViewStateKey }[] = [
  { prefix: 'graph:layout:', key: 'graph:layout' },
  { prefix: 'timeline:window:', key: 'timeline:window' },
]

/** Moves the per-case settings of `tx`'s database into `viewState`. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  // The schemas (and zod) are not in the start-up bundle, which every start would parse for an
  // upgrade that runs once: loaded here, with the upgrade transaction kept alive meanwhile.
  const { VIEW_STATE_SCHEMAS } = await Dexie.waitFor(import('../../domain/record-schemas'))
  const settings = tx.table<{ key: string; value: unknown }, string>('settings')
  const caseIds = new Set(
    await tx.table<{ id: string }, string>('cases').toCollection().primaryKeys(),
  )
  const rows: { caseId: string; key: ViewStateKey; value: unknown; updatedAt: number }[] = []
  const moved: string[] = []
  const now = Date.now()
  for (const { prefix, key } of MOVED) {
    const found = await settings.where('key').startsWith(prefix).toArray()
    for (const setting of found) {
      moved.push(setting.key)
      const caseId = setting.key.slice(prefix.length)
      const parsed = VIEW_STATE_SCHEMAS[key].safeParse(setting.value)
      if (caseIds.has(caseId) && parsed.success)
        rows.push({ caseId, key, value: parsed.data, updatedAt: now })
    }
  }
  await tx.table('viewState').bulkPut(rows)
  await settings.bulkDelete(moved)
  // A version-1 change log may hold the text of deleted documents: the first start purges it
  // (src/db/purge.ts; the key is PURGE_PENDING_KEY, written out so this file never changes).
  await settings.put({ key: 'store:purgePending', value: true })
}

/** Declares version 2 on `db`. */
export function v2(db: Dexie): void {
  db.version(2).stores(V2_STORES).upgrade(upgradeToV2)
}
