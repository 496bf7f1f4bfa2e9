import { describe, expect, it } from 'vitest'
import { parsePublished } from './dates'

const iso = (value: string) => {
  const d = parsePublished(value)
  return (
    d && { at: new Date(d.at).toISOString(), precision: d.precision, zoneAssumed: d.zoneAssumed }
  )
}

describe('parsePublished', () => {
  it('reads a bare date as the day, at midnight UTC', () => {
    expect(iso('2025-03-11')).toEqual({
      at: '2025-03-11T00:00:00.000Z',
      precision: 'day',
      zoneAssumed: false,
    })
  })

  it('reads ISO date-times with a zone to the minute', () => {
    expect(iso('2025-03-11T09:30:00+01:00')?.at).toBe('2025-03-11T08:30:00.000Z')
    expect(iso('2025-03-11T09:30:00.123Z')?.at).toBe('2025-03-11T09:30:00.000Z')
    expect(iso('2025-03-11 23:15-0500')?.at).toBe('2025-03-12T04:15:00.000Z')
    expect(iso('2025-03-11T09:30+05')?.at).toBe('2025-03-11T04:30:00.000Z')
    expect(iso('2025-03-11T09:30Z')).toMatchObject({ precision: 'minute', zoneAssumed: false })
  })

  it('reads a time without a zone as UTC and says so', () => {
    expect(iso('2025-03-11T09:30')).toEqual({
      at: '2025-03-11T09:30:00.000Z',
      precision: 'minute',
      zoneAssumed: true,
    })
  })

  it('reads PDF dates', () => {
    expect(iso('D:20250314133000Z')?.at).toBe('2025-03-14T13:30:00.000Z')
    expect(iso("D:20250314133000+01'00'")?.at).toBe('2025-03-14T12:30:00.000Z')
    expect(iso("D:20250314133000-05'30")?.at).toBe('2025-03-14T19:00:00.000Z')
    expect(iso("D:20250314133000Z00'00'")?.at).toBe('2025-03-14T13:30:00.000Z')
    expect(iso('D:20250314')).toMatchObject({ precision: 'day' })
    expect(iso('D:202503141330')).toMatchObject({ precision: 'minute', zoneAssumed: true })
  })

  it('reads RFC 2822 and written-out dates', () => {
    expect(iso('Tue, 11 Mar 2025 09:30:00 GMT')?.at).toBe('2025-03-11T09:30:00.000Z')
    expect(iso('11 Mar 2025 09:30 +0100')?.at).toBe('2025-03-11T08:30:00.000Z')
    expect(iso('11 March 2025')).toMatchObject({ at: '2025-03-11T00:00:00.000Z', precision: 'day' })
    expect(iso('March 11, 2025')?.at).toBe('2025-03-11T00:00:00.000Z')
    expect(iso('11th Sept 2025')?.at).toBe('2025-09-11T00:00:00.000Z')
  })

  it('gives nothing rather than a guess', () => {
    for (const value of [
      '',
      undefined,
      null,
      'yesterday',
      '2025',
      '2025-03',
      '2025-02-30',
      '2025-13-01',
      '2025-03-11T25:00Z',
      '11 Junk 2025',
      '03/11/2025',
      'D:2025',
      'x'.repeat(100),
    ]) {
      expect(parsePublished(value), String(value)).toBeUndefined()
    }
  })

  it('accepts 29 February only in leap years', () => {
    expect(iso('2024-02-29')).toBeDefined()
    expect(iso('2025-02-29')).toBeUndefined()
  })
})
