import { describe, expect, it } from 'vitest'
import { familyOf, sentenceAround, typeLabel } from './event-types'

describe('event types', () => {
  it('know their family and label; custom types are neutral and shown as typed', () => {
    expect(familyOf('assault')).toBe('conflict')
    expect(familyOf('consult')).toBe('cooperation')
    expect(familyOf('cyber operation')).toBe('neutral')
    expect(typeLabel('assault')).toBe('Assault / strike')
    expect(typeLabel('cyber operation')).toBe('cyber operation')
  })

  it('finds the sentence around a passage', () => {
    const text = 'First one. Iran fired missiles at Qatar on Monday. Third!\n\nNext paragraph.'
    const at = text.indexOf('missiles')
    const s = sentenceAround(text, at, at + 8)
    expect(text.slice(s.start, s.end)).toBe('Iran fired missiles at Qatar on Monday.')
    const p = text.indexOf('Next')
    const s2 = sentenceAround(text, p, p + 4)
    expect(text.slice(s2.start, s2.end)).toBe('Next paragraph.')
    const report = 'Before. Iran struck U.S. military targets on Monday, Mr. Smith said. After it.'
    const m = report.indexOf('Monday')
    const s3 = sentenceAround(report, m, m + 6)
    expect(report.slice(s3.start, s3.end)).toBe(
      'Iran struck U.S. military targets on Monday, Mr. Smith said.',
    )
  })
})
