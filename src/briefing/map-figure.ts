/**
 * The briefing's map figure: the included events at their places (map-svg.ts), with the
 * world's outlines loaded on demand. A module of its own so that the briefing's first paint
 * (the print route is part of the app's entry) does not carry d3-geo or the outlines: the
 * composer imports this only when an included event has a place on the map.
 */
import { buildMapModel, prepareMap } from '../domain/geo/map-model'
import { loadWorld } from '../domain/geo/map-layout'
import type { EntityRecord, EventRecord } from '../domain/types'
import { mapToSvg } from './map-svg'

/** The map of `events` as an SVG document `width` px wide (3 : 2), for the briefing. */
export async function briefingMapSvg(
  events: readonly EventRecord[],
  entities: ReadonlyMap<string, EntityRecord>,
  width: number,
): Promise<string> {
  const world = await loadWorld()
  const model = buildMapModel(prepareMap(events, entities))
  return mapToSvg(world, model, {
    width,
    height: Math.round((width * 2) / 3),
    title: 'Map of the events in this briefing',
  })
}
