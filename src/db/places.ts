/**
 * Places of location (and state) entities: setting, changing or clearing where one is — from
 * a gazetteer candidate the analyst confirmed, or a pin typed or clicked on the map. One
 * undoable action each (history.ts), logged like every other entity edit; the value is
 * checked against the record schema before anything is written, so a bad coordinate never
 * reaches the store.
 */
import { placeSchema } from '../domain/record-schemas'
import type { EntityRecord, PlaceValue } from '../domain/types'
import { StoreError } from './errors'
import { recordAction } from './history'
import type { CasefileDB } from './schema'

/**
 * Sets the place of entity `id` (undefined clears it). Rejects with StoreError NOT_FOUND when
 * the entity is gone and INVALID when `place` is not a valid place.
 */
export async function setEntityPlace(
  db: CasefileDB,
  id: string,
  place: PlaceValue | undefined,
): Promise<void> {
  if (place) {
    const parsed = placeSchema.safeParse(place)
    if (!parsed.success)
      throw new StoreError('INVALID', `That place is not valid: ${parsed.error.issues[0]?.message}`)
  }
  const current = await db.entities.get(id)
  if (!current) throw new StoreError('NOT_FOUND', 'That place no longer exists.')
  const label = place
    ? place.source.kind === 'pinned'
      ? `Pin ${current.name}`
      : `Geocode ${current.name}`
    : `Clear the position of ${current.name}`
  await recordAction(db, current.caseId, label, ['entities'], async (record) => {
    const before = await db.entities.get(id)
    if (!before) throw new StoreError('NOT_FOUND', 'That place no longer exists.')
    const { place: _old, ...rest } = before
    const after: EntityRecord = place ? { ...rest, place } : rest
    await db.entities.put(after)
    record({ op: 'update', table: 'entities', recordId: id, before, after })
  })
}
