/**
 * Where an event happened: an event takes several places (`locationIds`, e.g. the strikes
 * on Fordow and Natanz). Records written before that kept one (`locationId`); this module is
 * the one way to read either shape, and the migration that turns an old record into the new
 * one, so that every reader (inspector, timeline, graph, briefing, backup) agrees.
 */
import type { EventRecord } from './types'

/** The places of an event, old records (`locationId`) included, without repeats. */
export function eventPlaceIds(event: Pick<EventRecord, 'locationIds' | 'locationId'>): string[] {
  const ids = event.locationIds ?? (event.locationId ? [event.locationId] : [])
  return [...new Set(ids)]
}

/**
 * An event record in the current shape: `locationId` moved into `locationIds` (absent when
 * there is no place). Returns the record itself when there is nothing to migrate.
 */
export function normaliseEventPlaces<T extends Pick<EventRecord, 'locationIds' | 'locationId'>>(
  event: T,
): T {
  if (
    event.locationId === undefined &&
    (event.locationIds === undefined || event.locationIds.length)
  )
    return event
  const { locationId: _old, locationIds: _ids, ...rest } = event
  const ids = eventPlaceIds(event)
  return (ids.length ? { ...rest, locationIds: ids } : rest) as T
}
