/**
 * What the map says when it has nothing (or only some things) to draw: one message over the
 * map and one in the "Without a place" list, both true at once and each saying what to do.
 * The case may have no events, events none of which has a place with a position, or events
 * all left out by the timeline's window or the actor in focus; the list never says "every
 * event shown has a place" when no event is shown.
 */
import type { MapModel } from '../../domain/geo/map-model'
import { plural } from '../../ui/plural'

/** The map's empty-state words: `overlay` over the map (none when markers are drawn). */
export interface MapEmptyState {
  overlay?: string
  /** Shown in the "Without a place" list when it lists no event. */
  listEmpty: string
}

/**
 * The words for a case of `caseEvents` events, `casePlaces` of whose places have a position,
 * of which the filter kept `model`.
 */
export function mapEmptyState(
  caseEvents: number,
  casePlaces: number,
  model: Pick<MapModel, 'places' | 'unplaced' | 'shown' | 'hidden'>,
): MapEmptyState {
  if (caseEvents === 0) {
    return {
      overlay:
        'This case has no events yet. Press E on a passage in the reader to make one, give it a place (Where), and it appears here.',
      listEmpty: 'No events yet.',
    }
  }
  if (model.shown === 0) {
    return {
      overlay: `None of the case’s ${plural(caseEvents, 'event')} is in the timeline’s window or the actor in focus. Widen the window, clear the focus, or untick Follow timeline.`,
      listEmpty: 'No event is shown.',
    }
  }
  const listEmpty = 'Every event shown has a place.'
  if (model.places.length > 0) return { listEmpty }
  const shown = model.hidden
    ? `${plural(model.shown, 'event')} shown`
    : `case’s ${plural(model.shown, 'event')}`
  const elsewhere =
    casePlaces > 0
      ? ' Events outside the timeline’s window or focus do: untick Follow timeline to see them.'
      : ''
  return {
    overlay: `None of the ${shown} has a place with a position yet.${elsewhere} Give an event a place (Where), then find the place in the gazetteer or pin it in the Entities tab.`,
    listEmpty,
  }
}
