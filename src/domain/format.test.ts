import { describe, expect, it } from 'vitest'
import {
  admiraltyCode,
  formatBytes,
  formatPublished,
  formatShortDate,
  parsePublishedInput,
  publishedToInput,
} from './format'

describe('format', () => {
  it('shows a day-precision date without a time, on the stored calendar day', () => {
    const at = Date.UTC(2025, 5, 24)
    expect(formatPublished(at, 'day')).toBe('Tue 24 Jun 2025')
    expect(formatShortDate(at, 'day')).toBe('2025-06-24')
    expect(formatPublished(undefined, 'day')).toBe('Date unknown')
    expect(formatShortDate(undefined)).toBe('—')
  })

  it('shows a minute-precision time in the given zone with its name', () => {
    const at = Date.UTC(2025, 5, 24, 7, 5)
    expect(formatPublished(at, 'minute', 'UTC')).toBe('Tue 24 Jun 2025 07:05 UTC')
    expect(formatPublished(at, 'minute', 'Asia/Tehran')).toBe('Tue 24 Jun 2025 10:35 UTC+3:30')
    expect(formatPublished(Date.UTC(2025, 11, 31, 23, 30), 'minute', 'Europe/Berlin')).toBe(
      'Thu 1 Jan 2026 00:30 UTC+1',
    )
  })

  it('formats sizes', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(3500)).toBe('3.4 KB')
    expect(formatBytes(50 * 1024 * 1024)).toBe('50.0 MB')
    expect(formatBytes(undefined)).toBe('unknown')
  })

  it('writes the Admiralty pair', () => {
    expect(admiraltyCode('B', 2)).toBe('B2')
    expect(admiraltyCode(undefined)).toBe('F')
  })

  it('parses form dates, rejects impossible ones, and round-trips', () => {
    expect(parsePublishedInput('2025-06-24', '')).toEqual({
      at: Date.UTC(2025, 5, 24),
      precision: 'day',
    })
    expect(parsePublishedInput('2025-02-30', '')).toBeUndefined()
    expect(parsePublishedInput('', '')).toBeUndefined()
    const withTime = parsePublishedInput('2025-06-24', '09:30')!
    expect(withTime.precision).toBe('minute')
    expect(publishedToInput(withTime.at, 'minute')).toEqual({ date: '2025-06-24', time: '09:30' })
    expect(publishedToInput(Date.UTC(2025, 0, 1), 'day')).toEqual({ date: '2025-01-01', time: '' })
  })
})
