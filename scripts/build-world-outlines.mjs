#!/usr/bin/env node
/**
 * Builds the map's country outlines already projected (`src/domain/geo/world-outlines.json`,
 * committed) from world-atlas's Natural Earth 1:110m countries (public domain): each country
 * decoded from TopoJSON and streamed once through Natural Earth at scale 1, no translation,
 * no resampling (the antimeridian cut is part of it), by `planarOutlines` in
 * src/domain/geo/map-layout.ts itself (loaded through run-ts.mjs) — what the map pane used to
 * do on its first draw (the TopoJSON decode and the spherical maths, run cold, were a good
 * part of it). Every picture
 * then only scales, translates and clips these points.
 *
 * The coordinates are kept exactly (IEEE doubles, little-endian, base64), so the paths drawn
 * from this file are the paths d3 draws from the sphere to the last digit; the ring structure
 * is a flat list of counts. world-outlines.test.ts checks the file decodes to what
 * `planarOutlines` gives for the installed world-atlas: run `node
 * scripts/build-world-outlines.mjs` after updating world-atlas or d3-geo.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { loadTs, ROOT } from './run-ts.mjs'

const require = createRequire(import.meta.url)
const OUT = join(ROOT, 'src', 'domain', 'geo', 'world-outlines.json')

async function main() {
  // The app's own decoding and projection (map-layout.ts), so the file is what the map pane
  // would make from the sphere.
  const { planarOutlines, worldFromTopology } = await loadTs('src/domain/geo/map-layout.ts')
  const text = readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')
  const names = []
  /** Per country: its polygons; per polygon: its rings; per ring: its points. */
  const shape = []
  const xy = []
  for (const { name, polygons } of planarOutlines(worldFromTopology(text))) {
    names.push(name)
    shape.push(polygons.length)
    for (const p of polygons) {
      shape.push(p.length)
      for (const r of p) {
        shape.push(r.length)
        for (const [x, y] of r) xy.push(x, y)
      }
    }
  }
  const bytes = Buffer.from(new Float64Array(xy).buffer)
  const data = {
    about:
      'Natural Earth 1:110m countries (naturalearthdata.com, public domain) via world-atlas, projected by d3-geo geoNaturalEarth1 at scale 1 (y down, no translation, no resampling, cut at the antimeridian). Built by scripts/build-world-outlines.mjs.',
    names,
    shape,
    xy: bytes.toString('base64'),
  }
  writeFileSync(OUT, JSON.stringify(data) + '\n')
  console.log(`${OUT}: ${names.length} countries, ${xy.length / 2} points`)
}

await main()
