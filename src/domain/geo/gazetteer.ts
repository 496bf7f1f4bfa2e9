/**
 * The offline gazetteer: countries (Natural Earth names and centroids) and cities (GeoNames,
 * population ≥ 15,000 or capital) from `gazetteer-data.json`, which scripts/build-gazetteer.mjs
 * extracts at build time. The data (about 1.3 MB) is loaded on demand by `loadGazetteer`; it
 * is indexed once by folded name (case, accents, punctuation and "the" ignored) with the
 * aliases (English exonyms, short forms), so a look-up is one map read. Suggestions for a
 * place's name are ranked by the countries the case's other places are in, then by kind
 * (countries before cities), then by population — and are only ever suggestions: the
 * analyst confirms one (features/entities), nothing is geocoded silently.
 */

/** The shape of gazetteer-data.json (compact rows, see scripts/build-gazetteer.mjs). */
export interface GazetteerData {
  about: string
  /** [ISO alpha-2, name, lat, lon, aliases] */
  countries: [string, string, number, number, string[]][]
  /** [GeoNames id, name, country alpha-2, lat, lon, population, capital 1|0, aliases] */
  cities: [number, string, string, number, number, number, number, string[]][]
}

/** One place the gazetteer knows. */
export interface GazetteerEntry {
  /** `country:QA` or `geonames:290030`: stable, and what a place's source records. */
  id: string
  kind: 'country' | 'city'
  name: string
  /** ISO 3166-1 alpha-2 code of the country (of the country itself for a country). */
  country: string
  /** The country's name, for showing a candidate "Doha, Qatar". */
  countryName: string
  lat: number
  lon: number
  population?: number
  capital?: boolean
}

/** An indexed gazetteer. */
export interface Gazetteer {
  /** Entries whose name or alias folds to the same as `name`, unranked. */
  lookup(name: string): GazetteerEntry[]
  /** The entry with this id, if any. */
  byId(id: string): GazetteerEntry | undefined
  /** The name of a country by its alpha-2 code, if known. */
  countryName(code: string): string | undefined
  /** How many entries it holds (countries, cities). */
  size: { countries: number; cities: number }
}

/**
 * A name folded for look-up: lower case, accents and punctuation dropped, a leading "the"
 * dropped, spaces collapsed ("The  Hague" and "hague" meet; "São Paulo" and "Sao Paulo").
 */
export function foldPlaceName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’'`.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '')
}

/** Indexes the gazetteer data (once; about 30 ms for 24,000 cities). */
export function buildGazetteer(data: GazetteerData): Gazetteer {
  const index = new Map<string, GazetteerEntry[]>()
  const ids = new Map<string, GazetteerEntry>()
  const countryNames = new Map<string, string>()
  const add = (key: string, entry: GazetteerEntry) => {
    const folded = foldPlaceName(key)
    if (!folded) return
    const list = index.get(folded)
    if (!list) index.set(folded, [entry])
    else if (!list.includes(entry)) list.push(entry)
  }
  for (const [code, name] of data.countries) countryNames.set(code, name)
  for (const [code, name, lat, lon, aliases] of data.countries) {
    const entry: GazetteerEntry = {
      id: `country:${code}`,
      kind: 'country',
      name,
      country: code,
      countryName: name,
      lat,
      lon,
    }
    ids.set(entry.id, entry)
    add(name, entry)
    for (const a of aliases) add(a, entry)
  }
  for (const [gid, name, code, lat, lon, population, capital, aliases] of data.cities) {
    const entry: GazetteerEntry = {
      id: `geonames:${gid}`,
      kind: 'city',
      name,
      country: code,
      countryName: countryNames.get(code) ?? code,
      lat,
      lon,
      population,
      capital: capital === 1,
    }
    ids.set(entry.id, entry)
    add(name, entry)
    for (const a of aliases) add(a, entry)
  }
  return {
    lookup: (name) => index.get(foldPlaceName(name)) ?? [],
    byId: (id) => ids.get(id),
    countryName: (code) => countryNames.get(code),
    size: { countries: data.countries.length, cities: data.cities.length },
  }
}

/** Options for `suggestPlaces`. */
export interface SuggestOptions {
  /**
   * The countries of the case's (or document's) other places, most frequent first: their
   * candidates rank first ("Moscow" in a Russian case is Moscow, Russia, not Moscow, Idaho).
   */
  countries?: readonly string[]
  /** At most this many candidates (default 8). */
  limit?: number
}

/**
 * Candidates for a place called `names[0]` (or one of its aliases), best first: those in
 * the case's countries (in that order), then countries before cities, then by population.
 */
export function suggestPlaces(
  gazetteer: Gazetteer,
  names: readonly string[],
  options: SuggestOptions = {},
): GazetteerEntry[] {
  const seen = new Set<string>()
  const found: GazetteerEntry[] = []
  for (const name of names) {
    for (const entry of gazetteer.lookup(name)) {
      if (seen.has(entry.id)) continue
      seen.add(entry.id)
      found.push(entry)
    }
  }
  const countries = options.countries ?? []
  const rank = (e: GazetteerEntry) => {
    const i = countries.indexOf(e.country)
    return i < 0 ? countries.length : i
  }
  found.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.kind === b.kind ? 0 : a.kind === 'country' ? -1 : 1) ||
      (b.population ?? 0) - (a.population ?? 0) ||
      a.id.localeCompare(b.id),
  )
  return found.slice(0, options.limit ?? 8)
}

/** "Doha, Qatar" or "Qatar (country)": how a candidate is shown. */
export function entryLabel(entry: GazetteerEntry): string {
  if (entry.kind === 'country') return `${entry.name} (country)`
  const people =
    entry.population !== undefined ? ` · ${entry.population.toLocaleString('en-GB')} people` : ''
  return `${entry.name}, ${entry.countryName}${entry.capital ? ' · capital' : ''}${people}`
}

let loading: Promise<Gazetteer> | undefined

/** The app's gazetteer, loaded and indexed on first use (a separate chunk). */
export function loadGazetteer(): Promise<Gazetteer> {
  // Read as text: TypeScript need not infer a type for 24,000 rows, and JSON.parse is fast.
  loading ??= import('./gazetteer-data.json?raw').then((m) =>
    buildGazetteer(JSON.parse(m.default) as GazetteerData),
  )
  return loading
}
