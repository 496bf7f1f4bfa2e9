import { describe, expect, it } from 'vitest'
import { eventPlaceIds, normaliseEventPlaces } from './event-places'
import { eventSchema } from './record-schemas'
import type { EventRecord } from './types'

const base: EventRecord = {
  id: 'e1',
  caseId: 'c1',
  title: 'Strikes',
  type: 'assault',
  initiators: [],
  targets: [],
  evidence: [],
  createdAt: 1,
  updatedAt: 1,
}

describe('the places of an event', () => {
  it('reads several places, and the one place of an old record', () => {
    expect(eventPlaceIds({ locationIds: ['fordow', 'natanz', 'fordow'] })).toEqual([
      'fordow',
      'natanz',
    ])
    expect(eventPlaceIds({ locationId: 'moscow' })).toEqual(['moscow'])
    expect(eventPlaceIds({})).toEqual([])
  })

  it('migrates an old record to the current shape, and leaves a current one as it is', () => {
    const old = { ...base, locationId: 'moscow' }
    expect(normaliseEventPlaces(old)).toEqual({ ...base, locationIds: ['moscow'] })
    const current = { ...base, locationIds: ['fordow', 'natanz'] }
    expect(normaliseEventPlaces(current)).toBe(current)
    expect(normaliseEventPlaces(base)).toBe(base)
    expect(normaliseEventPlaces({ ...base, locationIds: [] })).toEqual(base)
  })

  it('the record schema accepts both shapes (old backups keep loading)', () => {
    expect(eventSchema.safeParse({ ...base, locationId: 'moscow' }).success).toBe(true)
    expect(eventSchema.safeParse({ ...base, locationIds: ['fordow', 'natanz'] }).success).toBe(true)
    expect(eventSchema.safeParse({ ...base, locationIds: 'fordow' }).success).toBe(false)
  })
})
