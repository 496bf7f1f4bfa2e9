import { geoPath, type GeoProjection } from 'd3-geo'
import { describe, expect, it } from 'vitest'
import topology from 'world-atlas/countries-110m.json?raw'
import outlinesFile from './world-outlines.json?raw'
import {
  countryShapes,
  fitProjection,
  layoutMarkers,
  planarOutlines,
  SHAPE_CACHE_SIZE,
  worldFromOutlines,
  worldFromTopology,
} from './map-layout'
import type { MapModel } from './map-model'

const world = worldFromTopology(topology)
const GULF: [number, number][] = [
  [51.3, 25.1],
  [37.6, 55.7],
]

describe('countryShapes, cached per drawing', () => {
  it('gives back the same outlines for a projection that draws the same', () => {
    const size = { width: 800, height: 500 }
    const first = countryShapes(world, fitProjection(size, GULF))
    // A new projection object with the same fit, zoom and pan: the cached array itself.
    expect(countryShapes(world, fitProjection(size, GULF))).toBe(first)
    expect(first.map((c) => c.name)).toContain('Qatar')
    const zoomed = countryShapes(world, fitProjection(size, GULF, { zoom: 2, dx: 0, dy: 0 }))
    expect(zoomed).not.toBe(first)
    expect(zoomed.find((c) => c.name === 'Qatar')?.d).not.toBe(
      first.find((c) => c.name === 'Qatar')?.d,
    )
  })

  it('keeps only the last drawings, letting the least recently used go', () => {
    const size = { width: 640, height: 400 }
    const at = (dx: number) => fitProjection(size, GULF, { zoom: 1, dx, dy: 0 })
    const kept = countryShapes(world, at(0))
    const old = countryShapes(world, at(1))
    for (let i = 2; i <= SHAPE_CACHE_SIZE; i++) {
      countryShapes(world, at(i))
      // Using the first drawing again keeps it; the second is now the oldest.
      expect(countryShapes(world, at(0))).toBe(kept)
    }
    expect(countryShapes(world, at(0))).toBe(kept)
    const again = countryShapes(world, at(1))
    expect(again).not.toBe(old)
    expect(again).toEqual(old)
  })

  it('rounds the path data to the digits asked for', () => {
    const projection = fitProjection({ width: 800, height: 500 }, GULF)
    const fine = countryShapes(world, projection)
    const coarse = countryShapes(world, projection, { digits: 1 })
    expect(coarse).not.toBe(fine)
    const longest = (shapes: typeof fine) =>
      Math.max(...shapes.flatMap((c) => c.d.match(/\.\d+/g) ?? []).map((m) => m.length - 1))
    expect(longest(coarse)).toBe(1)
    expect(longest(fine)).toBe(3)
    expect(coarse.map((c) => c.name)).toEqual(fine.map((c) => c.name))
  })
})

describe('layoutMarkers', () => {
  it('projects each place once per projection, and lays out the same as without the cache', () => {
    const place = (id: string, lon: number, lat: number) => ({
      id,
      name: id,
      lat,
      lon,
      precision: 'point' as const,
      eventIds: [id],
      families: { conflict: 1, cooperation: 0, neutral: 0 },
    })
    const model: MapModel = {
      places: [place('doha', 51.5, 25.3), place('moscow', 37.6, 55.7)],
      unplaced: [],
      shown: 2,
      hidden: 0,
    }
    const base = fitProjection({ width: 800, height: 500 }, GULF)
    let calls = 0
    const counting = Object.assign((xy: [number, number]) => (calls++, base(xy)), base)
    const first = layoutMarkers(model, counting)
    expect(calls).toBe(2)
    expect(layoutMarkers(model, counting)).toEqual(first)
    expect(calls).toBe(2)
    const [x, y] = base([51.5, 25.3])!
    expect(first.find((m) => m.id === 'doha')).toMatchObject({ x, y, style: 'dot' })
  })
})

describe('countryShapes from the outlines projected once (planarOutlines)', () => {
  /** What d3 draws projecting every point from the sphere: the outlines before the change. */
  function fromSphere(projection: GeoProjection, digits?: number): string[] {
    const path = geoPath(projection)
    if (digits !== undefined) path.digits(digits)
    return world.features.map((f) => path(f)).filter((d): d is string => !!d)
  }
  const WORLDWIDE: [number, number][] = [
    [-170, -50],
    [175, 60],
  ]
  const cases: [string, Parameters<typeof fitProjection>][] = [
    ['the Gulf', [{ width: 1200, height: 700 }, GULF]],
    ['the whole world', [{ width: 800, height: 500 }, []]],
    ['the width of the world', [{ width: 1200, height: 700 }, WORLDWIDE]],
    ['zoomed and panned', [{ width: 640, height: 400 }, GULF, { zoom: 2.25, dx: -120, dy: 60 }]],
    ['zoomed out past the world', [{ width: 900, height: 600 }, [], { zoom: 0.5, dx: 300, dy: 0 }]],
    ['a narrow pane', [{ width: 220, height: 700 }, WORLDWIDE, { zoom: 4, dx: 0, dy: -200 }]],
  ]
  for (const [name, args] of cases) {
    it(`draws exactly what the sphere gives: ${name}`, () => {
      const projection = fitProjection(...args)
      for (const digits of [1, undefined]) {
        const drawn = countryShapes(world, projection, digits === undefined ? {} : { digits })
        expect(drawn.map((c) => c.d)).toEqual(fromSphere(projection, digits))
      }
    })
  }

  it('projects each outline once per world, and is made when the world is', () => {
    const outlines = planarOutlines(world)
    expect(planarOutlines(world)).toBe(outlines)
    expect(outlines).toHaveLength(world.features.length)
    // Fiji and Russia cross the antimeridian: cut there, they are more than one polygon.
    expect(outlines.find((o) => o.name === 'Fiji')!.polygons.length).toBeGreaterThan(1)
  })

  it('draws from the outlines projected once, not from the sphere again', () => {
    const copy = { ...world, features: [...world.features] }
    planarOutlines(copy)
    // Without its features the world can only be drawn from what was projected before.
    copy.features.length = 0
    const projection = fitProjection({ width: 1000, height: 600 }, GULF, {
      zoom: 1.5,
      dx: 7,
      dy: 0,
    })
    expect(countryShapes(copy, projection).map((c) => c.d)).toEqual(fromSphere(projection))
  })

  it('leaves a projection it did not fit to d3', () => {
    const projection = fitProjection({ width: 800, height: 500 }, GULF).rotate([30, 0])
    expect(countryShapes(world, projection).map((c) => c.d)).toEqual(fromSphere(projection))
  })

  it('leaves a projection it did not fit to d3', () => {
    const projection = fitProjection({ width: 800, height: 500 }, GULF).rotate([30, 0])
    expect(countryShapes(world, projection).map((c) => c.d)).toEqual(fromSphere(projection))
  })

  describe('the outlines projected at build time (world-outlines.json, what loadWorld reads)', () => {
    const built = worldFromOutlines(outlinesFile)

    it('are exactly what planarOutlines makes from the installed world-atlas', () => {
      // Fails when world-atlas or d3-geo changes: run node scripts/build-world-outlines.mjs.
      expect(built.outlines).toEqual(planarOutlines(worldFromTopology(topology)))
      expect(built.features).toBeUndefined()
    })

    for (const [name, args] of cases) {
      it(`draw exactly what the sphere gives: ${name}`, () => {
        const projection = fitProjection(...args)
        for (const digits of [1, undefined]) {
          const drawn = countryShapes(built, projection, digits === undefined ? {} : { digits })
          expect(drawn.map((c) => c.d)).toEqual(fromSphere(projection, digits))
        }
      })
    }

    it('refuse a projection fitProjection did not make (they have no sphere to draw from)', () => {
      const projection = fitProjection({ width: 800, height: 500 }, GULF).rotate([30, 0])
      expect(() => countryShapes(built, projection)).toThrow(/fitProjection/)
    })

    it('say so when the file is damaged', () => {
      const file = JSON.parse(outlinesFile) as { shape: number[] }
      file.shape[1] = file.shape[1]! + 1
      expect(() => worldFromOutlines(JSON.stringify(file))).toThrow(/damaged/)
    })
  })
})
