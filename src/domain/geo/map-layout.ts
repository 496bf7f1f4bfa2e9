/**
 * Where things go on the map picture, shared by the map pane (React SVG) and the exported and
 * printed figure (briefing/map-svg.ts) so the two agree: a Natural Earth projection fitted to
 * the places shown (or the world when there are none), each country's outline as an SVG path,
 * and each marker's position, size, cluster and precision style — a filled dot for a point, a
 * dot with a dashed circle of its radius for "near", a hollow ring at the centroid for a region
 * or a country. The world's outlines (Natural Earth 1:110m from world-atlas, projected onto the
 * plane at build time: world-outlines.json) are loaded on demand.
 */
import {
  geoIdentity,
  geoNaturalEarth1,
  geoPath,
  geoStream,
  type GeoPermissibleObjects,
  type GeoProjection,
  type GeoStream,
} from 'd3-geo'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import { feature } from 'topojson-client'
import type { Topology } from 'topojson-specification'
import {
  clusterMarkers,
  dominantFamily,
  markerRadius,
  type MapMarker,
  type MapModel,
  type MapPlace,
} from './map-model'
import type { EventFamily } from '../event-types'

/**
 * The world's country outlines: on the sphere (decoded from TopoJSON: `worldFromTopology`), or
 * already projected onto Natural Earth's plane (the app's: `loadWorld`), or both.
 */
export interface World {
  /** The countries on the sphere; only a world decoded from TopoJSON has them. */
  features?: Feature<Geometry, { name?: string }>[]
  /** The countries on Natural Earth's plane at scale 1 (`planarOutlines`). */
  outlines?: PlanarOutline[]
}

let loading: Promise<World> | undefined

/**
 * The countries of Natural Earth 1:110m, loaded on first use already projected onto the plane
 * (world-outlines.json, built from world-atlas by scripts/build-world-outlines.mjs): a first
 * picture only scales, translates and clips them — no TopoJSON to decode and no spherical
 * maths, which run cold on the map's first draw cost more than drawing the outlines.
 */
export function loadWorld(): Promise<World> {
  loading ??= import('./world-outlines.json?raw').then((m) => worldFromOutlines(m.default))
  return loading
}

/** Decodes a world-atlas TopoJSON text into country features. */
export function worldFromTopology(
  text: string,
): World & FeatureCollection<Geometry, { name?: string }> {
  const topo = JSON.parse(text) as Topology
  const countries = topo.objects.countries
  if (!countries) throw new Error('The world outlines have no countries.')
  return feature(topo, countries) as FeatureCollection<Geometry, { name?: string }>
}

/** world-outlines.json as scripts/build-world-outlines.mjs writes it. */
interface OutlinesFile {
  names: string[]
  /** Per country its number of polygons, then per polygon its rings, per ring its points. */
  shape: number[]
  /** The points' x and y, as little-endian doubles, in base64. */
  xy: string
}

/** Decodes world-outlines.json's text into a world of projected outlines (`loadWorld`). */
export function worldFromOutlines(text: string): World {
  const file = JSON.parse(text) as OutlinesFile
  const binary = atob(file.xy)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  const view = new DataView(bytes.buffer)
  const { shape } = file
  let s = 0
  let at = 0
  const outlines: PlanarOutline[] = file.names.map((name) => {
    const polygons: [number, number][][][] = []
    for (let p = shape[s++]!; p > 0; p--) {
      const polygon: [number, number][][] = []
      for (let r = shape[s++]!; r > 0; r--) {
        const ring: [number, number][] = []
        for (let n = shape[s++]!; n > 0; n--, at += 16)
          ring.push([view.getFloat64(at, true), view.getFloat64(at + 8, true)])
        polygon.push(ring)
      }
      polygons.push(polygon)
    }
    return { name, polygons }
  })
  if (s !== shape.length || at !== bytes.length)
    throw new Error('The world outlines file is damaged (its shape and points disagree).')
  return { outlines }
}

/** The size of the picture, in px. */
export interface MapSize {
  width: number
  height: number
}

/** Zoom and pan on top of the fitted projection (1, 0, 0: as fitted). */
export interface MapView {
  zoom: number
  dx: number
  dy: number
}

/** The smallest span, in degrees, a fit zooms to (one place alone is not a street map). */
const MIN_SPAN = 12

/** A projection fitted to `points` (lon, lat) with a margin, or to the world without them. */
export function fitProjection(
  size: MapSize,
  points: readonly [number, number][],
  view: MapView = { zoom: 1, dx: 0, dy: 0 },
  margin = 24,
): GeoProjection {
  const projection = geoNaturalEarth1()
  const extent: [[number, number], [number, number]] = [
    [margin, margin],
    [Math.max(margin + 1, size.width - margin), Math.max(margin + 1, size.height - margin)],
  ]
  if (points.length === 0) {
    projection.fitExtent(extent, { type: 'Sphere' } as GeoPermissibleObjects)
  } else {
    let [minLon, minLat, maxLon, maxLat] = [180, 90, -180, -90]
    for (const [lon, lat] of points) {
      minLon = Math.min(minLon, lon)
      maxLon = Math.max(maxLon, lon)
      minLat = Math.min(minLat, lat)
      maxLat = Math.max(maxLat, lat)
    }
    const padLon = Math.max(2, (MIN_SPAN - (maxLon - minLon)) / 2, (maxLon - minLon) * 0.1)
    const padLat = Math.max(2, (MIN_SPAN - (maxLat - minLat)) / 2, (maxLat - minLat) * 0.1)
    const box = {
      type: 'MultiPoint',
      coordinates: [
        [Math.max(-180, minLon - padLon), Math.max(-85, minLat - padLat)],
        [Math.min(180, maxLon + padLon), Math.min(85, maxLat + padLat)],
        [Math.max(-180, minLon - padLon), Math.min(85, maxLat + padLat)],
        [Math.min(180, maxLon + padLon), Math.max(-85, minLat - padLat)],
      ],
    }
    projection.fitExtent(extent, box as GeoPermissibleObjects)
  }
  if (view.zoom !== 1 || view.dx !== 0 || view.dy !== 0) {
    const [tx, ty] = projection.translate()
    const cx = size.width / 2
    const cy = size.height / 2
    projection
      .scale(projection.scale() * view.zoom)
      .translate([cx + (tx - cx) * view.zoom + view.dx, cy + (ty - cy) * view.zoom + view.dy])
  }
  // No adaptive resampling: the 1:110m outlines are coarse already, and resampling is most
  // of the cost of drawing them. Outlines are cut at the picture's edge: nothing is drawn
  // (or exported) off it.
  projection.precision(0)
  projection.clipExtent([
    [0, 0],
    [size.width, size.height],
  ])
  fitted.add(projection)
  return projection
}

/** Projections made by `fitProjection`: Natural Earth, not resampled (see `planarPath`). */
const fitted = new WeakSet<GeoProjection>()

/** A country's outline on Natural Earth at scale 1 (y down), cut at the antimeridian. */
export interface PlanarOutline {
  name: string
  /** As a GeoJSON MultiPolygon's coordinates: each ring's first point repeated at its end. */
  polygons: [number, number][][][]
}

const planar = new WeakMap<World, PlanarOutline[]>()

/**
 * `world`'s outlines projected once, at scale 1 and no translation, by the projection
 * `fitProjection` makes (Natural Earth, no resampling; the antimeridian cut is part of it):
 * what d3 hands its clipping to the picture's edge. Every later picture only scales and
 * translates these points (`planarPath`) — no spherical maths per point, per picture.
 * A world that `loadWorld` gave holds them already (projected at build time by
 * scripts/build-world-outlines.mjs, the same way); one decoded from TopoJSON has them made
 * on first use.
 */
export function planarOutlines(world: World): PlanarOutline[] {
  if (world.outlines) return world.outlines
  const known = planar.get(world)
  if (known) return known
  if (!world.features) throw new Error('The world has neither outlines nor features.')
  const unit = geoNaturalEarth1().scale(1).translate([0, 0]).precision(0)
  let polygons: [number, number][][][] = []
  let polygon: [number, number][][] | undefined
  let ring: [number, number][] = []
  // d3 streams a polygon's rings between polygonStart and polygonEnd; a ring on its own (not
  // in a country outline) would be a line and is not expected here.
  const recorder: GeoStream = {
    point(x, y) {
      ring.push([x, y])
    },
    lineStart() {
      ring = []
    },
    lineEnd() {
      // GeoJSON repeats a ring's first point at its end; d3 streams it without the repeat.
      if (ring.length) ring.push(ring[0]!)
      ;(polygon ?? (polygons.push((polygon = [])), polygon)).push(ring)
    },
    polygonStart() {
      polygon = []
      polygons.push(polygon)
    },
    polygonEnd() {
      polygon = undefined
    },
    sphere() {
      throw new Error('The world outlines hold no sphere.')
    },
  }
  const stream = unit.stream(recorder)
  const out: PlanarOutline[] = []
  for (const f of world.features) {
    polygons = []
    polygon = undefined
    geoStream(f, stream)
    out.push({ name: f.properties?.name ?? '', polygons: polygons.filter((p) => p.length) })
  }
  planar.set(world, out)
  return out
}

/**
 * For a projection of `fitProjection` that was only scaled, translated and clipped to a box,
 * a path drawing `planarOutlines` with the same arithmetic d3 would use (x·k + tx, ty − y·k,
 * then the same clipping to the box): the same path data, without projecting each point from
 * the sphere again. Undefined for any other projection.
 */
function planarPath(projection: GeoProjection): ReturnType<typeof geoPath> | undefined {
  if (!fitted.has(projection) || projection.precision() !== 0) return undefined
  if (projection.rotate().some((r) => r !== 0) || projection.center().some((c) => c !== 0))
    return undefined
  const plane = geoIdentity().scale(projection.scale()).translate(projection.translate())
  const clip = projection.clipExtent()
  if (clip) plane.clipExtent(clip)
  return geoPath(plane)
}

/** One country outline, drawn. */
export interface CountryShape {
  name: string
  d: string
}

/** How many drawings of one world's outlines `countryShapes` keeps (sizes, zooms, pans). */
export const SHAPE_CACHE_SIZE = 8

const shapeCache = new WeakMap<World, Map<string, CountryShape[]>>()

/** What a projection draws, as a key: two projections with the same key draw the same. */
function projectionKey(projection: GeoProjection, digits: number | undefined): string {
  return JSON.stringify([
    projection.scale(),
    projection.translate(),
    projection.rotate(),
    projection.center(),
    projection.clipExtent(),
    projection.precision(),
    digits ?? null,
  ])
}

/**
 * The outlines of `world` under `projection`, as SVG path data (empty shapes left out),
 * rounded to `digits` decimals (d3's default, 3, without it). Projecting the 177 outlines is
 * the costly part of a picture, so the last `SHAPE_CACHE_SIZE` drawings of each world are
 * kept: the same size, zoom and pan give back the same array, which a memoised layer can
 * skip redrawing.
 */
export function countryShapes(
  world: World,
  projection: GeoProjection,
  options: { digits?: number } = {},
): CountryShape[] {
  const key = projectionKey(projection, options.digits)
  let cache = shapeCache.get(world)
  if (!cache) shapeCache.set(world, (cache = new Map()))
  const known = cache.get(key)
  if (known) {
    // Most recently used last, so the oldest drawing is the one let go.
    cache.delete(key)
    cache.set(key, known)
    return known
  }
  const shapes: CountryShape[] = []
  const plain = planarPath(projection)
  if (plain) {
    if (options.digits !== undefined) plain.digits(options.digits)
    for (const c of planarOutlines(world)) {
      const d = plain({ type: 'MultiPolygon', coordinates: c.polygons })
      if (d) shapes.push({ name: c.name, d })
    }
  } else {
    if (!world.features)
      throw new Error(
        'Outlines projected in advance are drawn only by fitProjection’s projections.',
      )
    const path = geoPath(projection)
    if (options.digits !== undefined) path.digits(options.digits)
    for (const f of world.features) {
      const d = path(f)
      if (d) shapes.push({ name: f.properties?.name ?? '', d })
    }
  }
  cache.set(key, shapes)
  if (cache.size > SHAPE_CACHE_SIZE) cache.delete(cache.keys().next().value!)
  return shapes
}

/** How a marker is drawn. */
export interface DrawnMarker extends MapMarker {
  r: number
  family: EventFamily
  /** 'dot' (point), 'near' (dot and dashed circle), 'area' (hollow ring), 'cluster'. */
  style: 'dot' | 'near' | 'area' | 'cluster'
  /** For 'near': the radius of the dashed circle, in px. */
  nearR?: number
}

/** The laid-out picture: outlines and markers. */
export interface MapLayout {
  projection: GeoProjection
  countries: CountryShape[]
  markers: DrawnMarker[]
}

/** Kilometres per degree of latitude. */
const KM_PER_DEGREE = 111.2

/**
 * Lays out `model` on a `size` picture: fits the projection to its places (unless `points`
 * gives the places to fit, e.g. all the case's places so a filter does not move the map),
 * projects and clusters the markers.
 */
export function layoutMap(
  world: World | undefined,
  model: MapModel,
  size: MapSize,
  options: { fitTo?: readonly [number, number][]; view?: MapView; cluster?: number } = {},
): MapLayout {
  const fit = options.fitTo ?? model.places.map((p) => [p.lon, p.lat] as [number, number])
  const projection = fitProjection(size, fit, options.view)
  const countries = world ? countryShapes(world, projection) : []
  return { projection, countries, markers: layoutMarkers(model, projection, options.cluster) }
}

/**
 * Where places fall under a projection, by place id (with the position projected, in case
 * a place moved): a time-window change lays out the same places again under the same
 * projection.
 */
const projected = new WeakMap<
  GeoProjection,
  Map<string, { lon: number; lat: number; xy: [number, number] | null }>
>()

/**
 * The markers of `model` under `projection` (projected, clustered, styled). Apart from the
 * outlines so that a time-window change, which changes only the markers, redraws only them;
 * each place's position is projected once per projection.
 */
export function layoutMarkers(
  model: MapModel,
  projection: GeoProjection,
  cluster = 18,
): DrawnMarker[] {
  let known = projected.get(projection)
  if (!known) projected.set(projection, (known = new Map()))
  const screen: { place: MapPlace; x: number; y: number }[] = []
  for (const place of model.places) {
    let at = known.get(place.id)
    if (!at || at.lon !== place.lon || at.lat !== place.lat) {
      at = { lon: place.lon, lat: place.lat, xy: projection([place.lon, place.lat]) }
      known.set(place.id, at)
    }
    if (at.xy) screen.push({ place, x: at.xy[0], y: at.xy[1] })
  }
  return clusterMarkers(screen, cluster).map((m): DrawnMarker => {
    const one = m.places.length === 1 ? m.places[0]! : undefined
    const style = !one
      ? 'cluster'
      : one.precision === 'point'
        ? 'dot'
        : one.precision === 'near'
          ? 'near'
          : 'area'
    const drawn: DrawnMarker = {
      ...m,
      r: markerRadius(m.count),
      family: dominantFamily(m.families),
      style,
    }
    if (one && style === 'near') {
      const km = one.radiusKm ?? 25
      const edge = projection([one.lon, Math.min(89.9, one.lat + km / KM_PER_DEGREE)])
      if (edge) drawn.nearR = Math.max(drawn.r + 3, Math.abs(m.y - edge[1]))
    }
    return drawn
  })
}
