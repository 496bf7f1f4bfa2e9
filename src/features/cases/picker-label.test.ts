import { describe, expect, it } from 'vitest'
import { middleEllipsis } from './picker-label'

/** A picker `n` characters wide. */
const width = (n: number) => (label: string) => Array.from(label).length <= n

describe('middleEllipsis', () => {
  it('leaves a title that fits whole', () => {
    expect(middleEllipsis('Harbour Street dispute', width(22))).toBe('Harbour Street dispute')
  })

  it('keeps the end of a long title, so that a restored copy differs from its original', () => {
    const original = 'Harbour Street dispute (sample case)'
    const restored = `${original} (restored)`
    const a = middleEllipsis(original, width(24))
    const b = middleEllipsis(restored, width(24))
    expect(b).toBe('Harbour Str…) (restored)')
    expect(b.endsWith('(restored)')).toBe(true)
    expect(a).not.toBe(b)
    expect(Array.from(a).length).toBeLessThanOrEqual(24)
    expect(Array.from(b).length).toBeLessThanOrEqual(24)
  })

  it('keeps as much as fits, never splits a character made of two code units', () => {
    const title = 'Gulf 🚢 escalation, June 2025 — analyst working copy'
    const label = middleEllipsis(title, width(20))
    // The spaces beside the ellipsis are dropped, so a label may come out a little shorter.
    expect(Array.from(label).length).toBeLessThanOrEqual(20)
    expect(Array.from(label).length).toBeGreaterThanOrEqual(18)
    expect(label).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    expect(label.startsWith('Gulf 🚢 e')).toBe(true)
    expect(label).toBe('Gulf 🚢 es…rking copy')
    // Cut right after the ship: it is kept whole or left out, never half of it.
    for (let n = 2; n < 12; n++) {
      const cut = middleEllipsis('ab 🚢🚢🚢 cd 🚢🚢🚢 ef', width(n))
      expect(cut).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      )
    }
  })

  it('comes down to the ellipsis alone when nothing else fits', () => {
    expect(middleEllipsis('Anything', width(1))).toBe('…')
  })
})
