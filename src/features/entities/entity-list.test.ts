import { describe, expect, it } from 'vitest'
import { tallyEntityStats } from '../../db/hooks'
import type { EntityKind, EntityRecord } from '../../domain/types'
import { aliasesGained, arrangeEntities, kindLabel, plural } from './entity-list'

const entity = (id: string, kind: EntityKind, name: string, aliases: string[] = []) =>
  ({ id, caseId: 'c', kind, name, aliases, createdAt: 0 }) satisfies EntityRecord

const iran = entity('iran', 'state', 'Iran', ['Islamic Republic of Iran'])
const putin = entity('putin', 'person', 'Vladimir Putin', ['Putin'])
const irgc = entity('irgc', 'group', 'IRGC', ['Islamic Revolutionary Guard Corps'])
const doha = entity('doha', 'location', 'Doha')
const araghchi = entity('araghchi', 'person', 'abbas Araghchi')
const all = [iran, putin, irgc, doha, araghchi]

const stats = tallyEntityStats([
  { entityId: 'iran', docId: 'd1' },
  { entityId: 'iran', docId: 'd1' },
  { entityId: 'iran', docId: 'd2' },
  { entityId: 'putin', docId: 'd1' },
  { entityId: 'doha', docId: 'd2' },
  { entityId: 'doha', docId: 'd3' },
  { docId: 'd3' },
])

const ids = (rows: { entity: EntityRecord }[]) => rows.map((r) => r.entity.id)

describe('tallyEntityStats', () => {
  it('counts mentions and distinct documents per linked entity', () => {
    expect(Object.fromEntries(stats)).toEqual({
      iran: { mentions: 3, documents: 2 },
      putin: { mentions: 1, documents: 1 },
      doha: { mentions: 2, documents: 2 },
    })
  })

  it('is empty without linked tags', () => {
    expect(tallyEntityStats([{ docId: 'd' }]).size).toBe(0)
  })
})

describe('arrangeEntities', () => {
  it('sorts by name, ignoring case, ascending or descending', () => {
    const asc = arrangeEntities(all, stats, '', { key: 'name', desc: false })
    expect(ids(asc)).toEqual(['araghchi', 'doha', 'iran', 'irgc', 'putin'])
    expect(ids(arrangeEntities(all, stats, '', { key: 'name', desc: true }))).toEqual(
      ids(asc).reverse(),
    )
  })

  it('sorts by mentions, then documents, with name order for ties', () => {
    const rows = arrangeEntities(all, stats, '', { key: 'mentions', desc: true })
    expect(ids(rows)).toEqual(['iran', 'doha', 'putin', 'araghchi', 'irgc'])
    expect(rows[0]).toMatchObject({ mentions: 3, documents: 2 })
    expect(rows[4]).toMatchObject({ mentions: 0, documents: 0 })
  })

  it('sorts by kind in menu order, then by name', () => {
    const rows = arrangeEntities(all, stats, '', { key: 'kind', desc: false })
    expect(ids(rows)).toEqual(['araghchi', 'putin', 'iran', 'irgc', 'doha'])
  })

  it('searches names and aliases fuzzily, best match first', () => {
    const rows = arrangeEntities(all, stats, 'islamic', 'match')
    expect(ids(rows)).toEqual(['iran', 'irgc'])
    expect(rows[0]!.matchedAlias).toBe('Islamic Republic of Iran')
    // A typo still finds him; a name match reports no alias.
    const typo = arrangeEntities(all, stats, 'Vladmir Putin', 'match')
    expect(ids(typo)).toEqual(['putin'])
    expect(typo[0]!.matchedAlias).toBeUndefined()
  })

  it('sorts search results by the chosen key when asked', () => {
    const rows = arrangeEntities(all, stats, 'islamic', { key: 'name', desc: true })
    expect(ids(rows)).toEqual(['irgc', 'iran'])
  })

  it('falls back to name order for "match" without a query', () => {
    expect(ids(arrangeEntities(all, stats, '  ', 'match'))).toEqual(
      ids(arrangeEntities(all, stats, '', { key: 'name', desc: false })),
    )
  })
})

describe('aliasesGained', () => {
  it('lists the other name and aliases the kept entity lacks, ignoring case', () => {
    const other = entity('x', 'state', 'Islamic  Republic', ['iran', 'Persia', 'persia'])
    expect(aliasesGained(iran, other)).toEqual(['Islamic Republic', 'Persia'])
  })
})

describe('labels', () => {
  it('names kinds and counts', () => {
    expect(kindLabel('group')).toBe('Armed group')
    expect(plural(1, 'mention')).toBe('1 mention')
    expect(plural(0, 'document')).toBe('0 documents')
  })
})
