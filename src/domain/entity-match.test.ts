import { describe, expect, it } from 'vitest'
import { matchEntities, nameScore, normaliseName } from './entity-match'
import type { EntityRecord } from './types'

const e = (name: string, aliases: string[] = []): EntityRecord => ({
  id: name,
  caseId: 'c',
  kind: 'person',
  name,
  aliases,
  createdAt: 0,
})

describe('entity matching', () => {
  it('normalises names for comparison', () => {
    expect(normaliseName('U.S.')).toBe('us')
    expect(normaliseName('  Tehran’s ')).toBe('tehrans')
    expect(normaliseName('Işfahān')).toBe('isfahan')
  })

  it('scores exact, prefix, word prefix, substring and typos in that order', () => {
    expect(nameScore('vladimir putin', 'Vladimir Putin')).toBe(1)
    expect(nameScore('vlad', 'Vladimir Putin')).toBe(0.9)
    expect(nameScore('put', 'Vladimir Putin')).toBe(0.8)
    expect(nameScore('imir', 'Vladimir Putin')).toBe(0.7)
    expect(nameScore('Vladmir Putin', 'Vladimir Putin')).toBeGreaterThan(0.6)
    expect(nameScore('Qatar', 'Vladimir Putin')).toBe(0)
  })

  it('finds entities by name or alias, best first', () => {
    const all = [e('United States', ['U.S.', 'America']), e('Iran'), e('Vladimir Putin', ['Putin'])]
    expect(matchEntities(all, 'us')[0]?.entity.name).toBe('United States')
    expect(matchEntities(all, 'us')[0]?.matched).toBe('U.S.')
    expect(matchEntities(all, 'putin').map((m) => m.entity.name)).toEqual(['Vladimir Putin'])
    expect(matchEntities(all, 'zzz')).toEqual([])
  })
})
