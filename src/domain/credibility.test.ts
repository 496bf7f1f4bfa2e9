import { describe, expect, it } from 'vitest'
import { citedCredibility, eventCredibility, gradeOrigin } from './credibility'

describe('the credibility rule', () => {
  it('an event’s own grade wins; else the best grade of its passages; else none', () => {
    expect(eventCredibility({ confidence: 4 }, [{ credibility: 1 }])).toEqual({
      grade: 4,
      from: 'event',
    })
    expect(eventCredibility({}, [{ credibility: 3 }, {}, { credibility: 2 }])).toEqual({
      grade: 2,
      from: 'evidence',
    })
    expect(eventCredibility({}, [{}, {}])).toEqual({ grade: undefined, from: 'none' })
    expect(eventCredibility({}, [])).toEqual({ grade: undefined, from: 'none' })
  })

  it('a cited passage carries its own grade, else the event’s credibility', () => {
    const passages = [{ credibility: 3 as const }, {}]
    expect(citedCredibility(passages[0]!, { confidence: 2 }, passages)).toEqual({
      grade: 3,
      from: 'passage',
    })
    expect(citedCredibility(passages[1]!, { confidence: 2 }, passages)).toEqual({
      grade: 2,
      from: 'event',
    })
    // The event not graded: its best passage's grade, for every passage without one.
    expect(citedCredibility(passages[1]!, {}, passages)).toEqual({ grade: 3, from: 'evidence' })
    expect(citedCredibility({}, {}, [{}])).toEqual({ grade: undefined, from: 'none' })
  })

  it('says where each grade comes from', () => {
    expect(gradeOrigin({ grade: 2, from: 'event' })).toBe('set on the event')
    expect(gradeOrigin({ grade: 2, from: 'passage' })).toBe('set on the passage')
    expect(gradeOrigin({ grade: 2, from: 'evidence' })).toBe(
      'from its best-graded evidence passage',
    )
    expect(gradeOrigin({ grade: undefined, from: 'none' })).toBe('not graded')
  })
})
