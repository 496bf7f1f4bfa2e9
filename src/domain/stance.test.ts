import { describe, expect, it } from 'vitest'
import {
  keepStances,
  linkStance,
  sameStances,
  setStances,
  withEvidenceAdded,
  withStances,
} from './stance'

describe('stance per link', () => {
  it("reads the record's choice first, then the passage's own stance, then supports", () => {
    expect(linkStance({ a: 'contradicts' }, 'a', undefined)).toBe('contradicts')
    expect(linkStance({ a: 'supports' }, 'a', { stance: 'contradicts' })).toBe('supports')
    expect(linkStance(undefined, 'a', { stance: 'contradicts' })).toBe('contradicts')
    expect(linkStance({ b: 'contradicts' }, 'a', {})).toBe('supports')
  })

  it("keeps an entry only where it differs from the passage's own stance", () => {
    const own = new Map([
      ['a', {}],
      ['b', { stance: 'contradicts' as const }],
    ])
    expect(setStances(undefined, ['a'], 'contradicts', own)).toEqual({ a: 'contradicts' })
    expect(setStances({ a: 'contradicts' }, ['a'], 'supports', own)).toBeUndefined()
    // A passage marked contradicting before stance was per link can support this record.
    expect(setStances(undefined, ['b'], 'supports', own)).toEqual({ b: 'supports' })
    expect(setStances({ b: 'supports' }, ['b'], 'contradicts', own)).toBeUndefined()
  })

  it('drops the entries of passages the record no longer cites', () => {
    expect(keepStances({ a: 'contradicts', b: 'supports' }, ['b', 'c'])).toEqual({
      b: 'supports',
    })
    expect(keepStances({ a: 'contradicts' }, ['b'])).toBeUndefined()
    expect(keepStances(undefined, ['a'])).toBeUndefined()
  })

  it('leaves no empty field on the record', () => {
    expect(withStances({ id: 'e', stances: { a: 'contradicts' as const } }, undefined)).toEqual({
      id: 'e',
    })
    expect(withStances({ id: 'e' }, { a: 'contradicts' })).toEqual({
      id: 'e',
      stances: { a: 'contradicts' },
    })
  })

  it('compares two records’ stances entry by entry', () => {
    expect(sameStances(undefined, {})).toBe(true)
    expect(sameStances({ a: 'contradicts' }, { a: 'contradicts' })).toBe(true)
    expect(sameStances({ a: 'contradicts' }, { a: 'supports' })).toBe(false)
    expect(sameStances({ a: 'contradicts' }, undefined)).toBe(false)
  })

  it('adds passages to a record’s evidence with their stance, or says nothing changed', () => {
    const record = { id: 'e', evidence: ['a'] }
    expect(withEvidenceAdded(record, [{ id: 'a' }])).toBeUndefined()
    expect(withEvidenceAdded(record, [{ id: 'b' }])).toEqual({ id: 'e', evidence: ['a', 'b'] })
    expect(withEvidenceAdded(record, [{ id: 'a' }], 'contradicts')).toEqual({
      id: 'e',
      evidence: ['a'],
      stances: { a: 'contradicts' },
    })
    // A passage already contradicting on its own needs no entry to contradict here.
    expect(withEvidenceAdded(record, [{ id: 'b', stance: 'contradicts' }], 'contradicts')).toEqual({
      id: 'e',
      evidence: ['a', 'b'],
    })
  })
})
