import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pinnedPlace } from '../domain/geo/place'
import type { PlaceValue } from '../domain/types'
import { exportCase, importBackup, parseBackup, type Backup } from './backup'
import { historyState, redo, undo } from './history'
import { setEntityPlace } from './places'
import { CasefileDB } from './schema'
import { seedRealisticCase, type SeededCase } from './test-fixtures'

let db: CasefileDB
let n = 0
let seeded: SeededCase
let udeid: string

const PIN: PlaceValue = pinnedPlace(25.11733, 51.31494, Date.UTC(2025, 5, 24), 'point', {
  country: 'QA',
})

beforeEach(async () => {
  db = new CasefileDB(`test-places-${++n}`)
  await db.open()
  seeded = await seedRealisticCase(db)
  udeid = seeded.entities.find((e) => e.name === 'Al Udeid Air Base')!.id
})
afterEach(async () => {
  await db.delete()
})

describe('setEntityPlace', () => {
  it('pins a place in one undoable, logged action', async () => {
    await setEntityPlace(db, udeid, PIN)
    expect((await db.entities.get(udeid))?.place).toEqual(PIN)
    const log = (await db.changes.toArray()).filter((c) => c.recordId === udeid)
    expect(log.at(-1)).toMatchObject({ action: 'Pin Al Udeid Air Base', op: 'update' })
    expect(historyState(seeded.caseRecord.id).undo).toBe('Pin Al Udeid Air Base')

    await undo(db, seeded.caseRecord.id)
    expect((await db.entities.get(udeid))?.place).toBeUndefined()
    await redo(db, seeded.caseRecord.id)
    expect((await db.entities.get(udeid))?.place).toEqual(PIN)

    await setEntityPlace(db, udeid, undefined)
    expect(await db.entities.get(udeid)).not.toHaveProperty('place')
  })

  it('refuses a place out of range or missing its coordinates, writing nothing', async () => {
    await expect(setEntityPlace(db, udeid, { ...PIN, lat: 125 })).rejects.toMatchObject({
      code: 'INVALID',
    })
    const { lat: _lat, ...noLat } = PIN
    await expect(setEntityPlace(db, udeid, noLat)).rejects.toMatchObject({ code: 'INVALID' })
    await expect(setEntityPlace(db, udeid, { ...PIN, precision: 'near' })).rejects.toMatchObject({
      code: 'INVALID',
    })
    expect((await db.entities.get(udeid))?.place).toBeUndefined()
    await expect(setEntityPlace(db, 'gone', PIN)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('backup round trip', () => {
  it('keeps a pinned place and a geocoded one', async () => {
    const moscow = seeded.entities.find((e) => e.name === 'Moscow')!.id
    const geocoded: PlaceValue = {
      precision: 'near',
      lat: 55.75222,
      lon: 37.61556,
      radiusKm: 30,
      country: 'RU',
      source: { kind: 'gazetteer', id: 'geonames:524901', name: 'Moscow' },
      at: Date.UTC(2025, 5, 24),
    }
    await setEntityPlace(db, udeid, PIN)
    await setEntityPlace(db, moscow, geocoded)
    const bytes = await exportCase(db, seeded.caseRecord.id)
    const parsed = parseBackup(bytes)
    if (!parsed.ok) throw new Error(parsed.error.message)
    const result = await importBackup(db, parsed.value)
    const restored = await db.entities.where({ caseId: result.caseId }).toArray()
    expect(restored.find((e) => e.name === 'Al Udeid Air Base')?.place).toEqual(PIN)
    expect(restored.find((e) => e.name === 'Moscow')?.place).toEqual(geocoded)
  })

  it('refuses a backup whose place is out of range', async () => {
    await setEntityPlace(db, udeid, PIN)
    const file = JSON.parse(
      new TextDecoder().decode(await exportCase(db, seeded.caseRecord.id)),
    ) as Backup
    const entity = file.entities.find((e) => e.id === udeid)!
    entity.place = { ...entity.place!, lon: 181 }
    const parsed = parseBackup(new TextEncoder().encode(JSON.stringify(file)))
    expect(parsed.ok).toBe(false)
  })
})
