import { describe, expect, it } from 'vitest'
import type { MapModel } from '../../domain/geo/map-model'
import type { EventRecord } from '../../domain/types'
import { mapEmptyState } from './map-empty'

const place = { id: 'p', name: 'Doha', lat: 25.3, lon: 51.5, precision: 'point' } as const
const model = (m: Partial<MapModel>): MapModel => ({
  places: [],
  unplaced: [],
  shown: 0,
  hidden: 0,
  ...m,
})
const events = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${i}` }) as EventRecord)

describe('mapEmptyState', () => {
  it('says a case without events has none, and never that every event has a place', () => {
    const state = mapEmptyState(0, 0, model({}))
    expect(state.overlay).toMatch(/^This case has no events yet\. Press E on a passage/)
    expect(state.listEmpty).toBe('No events yet.')
  })

  it('says none of the events has a place, with what to do', () => {
    const state = mapEmptyState(2, 0, model({ shown: 2, unplaced: events(2) }))
    expect(state.overlay).toMatch(
      /^None of the case’s 2 events has a place with a position yet\. Give an event a place/,
    )
  })

  it('says when the window or focus leaves every event out', () => {
    const state = mapEmptyState(3, 1, model({ hidden: 3 }))
    expect(state.overlay).toMatch(/^None of the case’s 3 events is in the timeline’s window/)
    expect(state.listEmpty).toBe('No event is shown.')
  })

  it('says the events elsewhere have places when those shown have none', () => {
    const state = mapEmptyState(3, 1, model({ shown: 1, hidden: 2, unplaced: events(1) }))
    expect(state.overlay).toMatch(
      /^None of the 1 event shown has a place with a position yet\. Events outside the timeline’s window or focus do/,
    )
  })

  it('has no overlay while markers are drawn', () => {
    const state = mapEmptyState(
      1,
      1,
      model({
        shown: 1,
        places: [
          { ...place, eventIds: ['e0'], families: { conflict: 1, cooperation: 0, neutral: 0 } },
        ],
      }),
    )
    expect(state).toEqual({ listEmpty: 'Every event shown has a place.' })
  })
})
