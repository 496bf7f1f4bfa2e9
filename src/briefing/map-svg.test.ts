import { describe, expect, it } from 'vitest'
import { buildMapModel, prepareMap } from '../domain/geo/map-model'
import { layoutMap, worldFromTopology } from '../domain/geo/map-layout'
import type { EntityRecord, EventRecord } from '../domain/types'
import { MAP_CREDIT, mapToSvg } from './map-svg'

import topology from 'world-atlas/countries-110m.json?raw'

const world = worldFromTopology(topology)

const loc = (id: string, name: string, lat: number, lon: number, precision = 'point') =>
  ({
    id,
    caseId: 'c',
    kind: 'location',
    name,
    aliases: [],
    createdAt: 0,
    place: { precision, lat, lon, radiusKm: 20, source: { kind: 'pinned' }, at: 0 },
  }) as EntityRecord
const ev = (id: string, type: string, place: string) =>
  ({
    id,
    caseId: 'c',
    title: id,
    type,
    initiators: [],
    targets: [],
    locationIds: [place],
    evidence: [],
    createdAt: 0,
    updatedAt: 0,
  }) as EventRecord

const entities = new Map([
  ['udeid', loc('udeid', 'Al Udeid <Air> Base', 25.117, 51.315)],
  ['moscow', loc('moscow', 'Moscow', 55.75, 37.62, 'near')],
  ['iran', loc('iran', 'Iran', 32.5, 54.4, 'country')],
])
const model = buildMapModel(
  prepareMap(
    [ev('a', 'assault', 'udeid'), ev('b', 'consult', 'moscow'), ev('c', 'assault', 'iran')],
    entities,
  ),
)

describe('layoutMap', () => {
  it('fits the places inside the picture and styles each precision apart', () => {
    const layout = layoutMap(world, model, { width: 800, height: 500 })
    expect(layout.markers).toHaveLength(3)
    for (const m of layout.markers) {
      expect(m.x).toBeGreaterThan(0)
      expect(m.x).toBeLessThan(800)
      expect(m.y).toBeGreaterThan(0)
      expect(m.y).toBeLessThan(500)
    }
    const style = Object.fromEntries(layout.markers.map((m) => [m.places[0]!.name, m.style]))
    expect(style).toEqual({ 'Al Udeid <Air> Base': 'dot', Moscow: 'near', Iran: 'area' })
    expect(layout.markers.find((m) => m.style === 'near')?.nearR).toBeGreaterThan(0)
    expect(layout.countries.map((c) => c.name)).toContain('Qatar')
    // Projected back, a marker is where its place is.
    const udeid = layout.markers.find((m) => m.style === 'dot')!
    const [lon, lat] = layout.projection.invert!([udeid.x, udeid.y])!
    expect(lon).toBeCloseTo(51.315, 3)
    expect(lat).toBeCloseTo(25.117, 3)
  })

  it('clusters places that would overlap on a small picture', () => {
    const tiny = layoutMap(world, model, { width: 60, height: 40 }, { cluster: 40 })
    expect(tiny.markers.some((m) => m.style === 'cluster')).toBe(true)
  })
})

describe('mapToSvg', () => {
  it('draws outlines, the markers coloured by family, a legend and the credit, text escaped', () => {
    const svg = mapToSvg(world, model, { width: 1000, height: 660, title: 'Map & more' })
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg).toContain('<title>Map &amp; more</title>')
    expect(svg).toContain('Al Udeid &lt;Air&gt; Base (1)')
    expect(svg).toContain('Moscow (1)')
    expect(svg).toContain('stroke-dasharray="4 3"')
    expect(svg).toContain('fill="#b91c1c"')
    expect(svg).toContain('fill="#15803d"')
    expect(svg).toContain(MAP_CREDIT)
    expect(svg).not.toContain('NaN')
    // The same input gives the same picture.
    expect(mapToSvg(world, model, { width: 1000, height: 660, title: 'Map & more' })).toBe(svg)
  })
})
