import { describe, expect, it } from 'vitest'
import type { AnnotationRecord } from '../../domain/types'
import type { Suggestion } from '../../suggest/ner'
import { groupSuggestions, openSuggestions, type SuggestionState } from './suggestion-store'

const s = (
  start: number,
  text: string,
  kind: Suggestion['kind'],
  key = text.toLowerCase(),
): Suggestion => ({
  start,
  end: start + text.length,
  text,
  kind,
  key,
  confidence: 0.9,
  reason: 'test',
})

const tag = (start: number, end: number, kind: AnnotationRecord['kind']) =>
  ({ id: `${start}`, start, end, kind }) as AnnotationRecord

describe('suggestion store', () => {
  const items = [
    s(0, 'Iran', 'state'),
    s(20, 'U.S.', 'state', 'united states'),
    s(40, 'United States', 'state', 'united states'),
    s(60, 'Iran', 'state'),
    s(80, 'on Monday', 'date'),
  ]

  it('hides rejected spans and spans already tagged', () => {
    const state: SuggestionState = { status: 'done', items, rejected: new Set(['20:24']) }
    const open = openSuggestions(state, [tag(0, 4, 'actor'), tag(80, 89, 'note')])
    expect(open.map((x) => x.start)).toEqual([40, 60])
  })

  it('groups mentions of one thing under its longest form, most mentioned first', () => {
    const groups = groupSuggestions(items)
    expect(groups.map((g) => [g.name, g.items.length])).toEqual([
      ['Iran', 2],
      ['United States', 2],
      ['on Monday', 1],
    ])
    expect(groups[1]!.forms).toEqual(['U.S.', 'United States'])
  })
})
