import { describe, expect, it } from 'vitest'
import {
  buildGazetteer,
  entryLabel,
  foldPlaceName,
  suggestPlaces,
  type GazetteerData,
} from './gazetteer'

import raw from './gazetteer-data.json?raw'

const data = JSON.parse(raw) as GazetteerData
const gazetteer = buildGazetteer(data)

describe('the shipped gazetteer', () => {
  it('holds the countries of Natural Earth and the cities of GeoNames, and credits them', () => {
    expect(gazetteer.size.countries).toBeGreaterThan(200)
    expect(gazetteer.size.cities).toBeGreaterThan(20_000)
    expect(data.about).toMatch(/GeoNames.*CC BY 4\.0.*Natural Earth/)
    // A country's ISO code comes from the capital inside its outline.
    expect(gazetteer.byId('country:QA')).toMatchObject({ name: 'Qatar', kind: 'country' })
    const qatar = gazetteer.byId('country:QA')!
    expect(qatar.lat).toBeCloseTo(25.3, 0)
    expect(qatar.lon).toBeCloseTo(51.2, 0)
  })

  it('finds names whatever their case, accents and a leading "the"', () => {
    expect(foldPlaceName('  The  Hague ')).toBe('hague')
    expect(foldPlaceName('São Paulo')).toBe('sao paulo')
    expect(gazetteer.lookup('sao paulo').map((e) => e.country)).toContain('BR')
    expect(gazetteer.lookup('DOHA').map((e) => e.id)).toContain('geonames:290030')
  })

  it('knows English exonyms and short forms', () => {
    expect(gazetteer.lookup('Kiev').map((e) => e.name)).toContain('Kyiv')
    expect(gazetteer.lookup('Teheran').map((e) => e.name)).toContain('Tehran')
    expect(gazetteer.lookup('USA').map((e) => e.id)).toEqual(['country:US'])
    expect(gazetteer.lookup('Russia').map((e) => e.id)).toEqual(['country:RU'])
  })
})

describe('suggestPlaces', () => {
  it('ranks by the case’s countries, then countries before cities, then population', () => {
    const plain = suggestPlaces(gazetteer, ['Moscow'])
    expect(plain.map((e) => e.country)).toEqual(['RU', 'US'])
    // In a case whose places are in the United States, Moscow, Idaho comes first.
    const american = suggestPlaces(gazetteer, ['Moscow'], { countries: ['US'] })
    expect(american[0]).toMatchObject({ country: 'US', name: 'Moscow' })
    expect(entryLabel(american[0]!)).toMatch(/^Moscow, United States of America · [\d,]+ people$/)
    expect(entryLabel(gazetteer.byId('country:QA')!)).toBe('Qatar (country)')
    expect(entryLabel(plain[0]!)).toMatch(/^Moscow, Russia · capital · 10,381,222 people$/)
  })

  it('looks up aliases too, without repeats, and returns nothing for an unknown place', () => {
    const found = suggestPlaces(gazetteer, ['Tehran', 'Teheran'])
    expect(found.map((e) => e.id)).toEqual(['geonames:112931'])
    expect(suggestPlaces(gazetteer, ['Al Udeid Air Base'])).toEqual([])
  })
})
