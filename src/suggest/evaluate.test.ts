import { describe, expect, it } from 'vitest'
import { combine, evaluate, formatTable, score, type GoldMention } from './evaluate'

const gold: GoldMention[] = [
  { start: 0, end: 4, text: 'Iran', kind: 'state' },
  { start: 10, end: 19, text: 'on Monday', kind: 'date' },
  { start: 25, end: 39, text: 'Vladimir Putin', kind: 'person' },
]

describe('evaluate', () => {
  it('counts exact, kind-matched spans as strict hits', () => {
    const e = evaluate(gold, [
      { start: 0, end: 4, kind: 'state' },
      { start: 13, end: 19, kind: 'date' }, // "Monday": overlaps, not exact
      { start: 25, end: 39, kind: 'organisation' }, // right span, wrong kind
      { start: 50, end: 55, kind: 'location' }, // not in the gold
    ])
    expect(e.strict.all).toMatchObject({ tp: 1, fp: 3, fn: 2 })
    expect(e.strict.state).toMatchObject({ tp: 1, fp: 0, fn: 0, precision: 1, recall: 1 })
    expect(e.strict.person).toMatchObject({ tp: 0, fp: 0, fn: 1, recall: 0 })
    expect(e.strict.organisation).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0 })
    expect(e.lenient.all).toMatchObject({ tp: 2, fp: 2, fn: 1 })
    expect(e.lenient.date).toMatchObject({ tp: 1, fp: 0, fn: 0 })
  })

  it('matches each mention at most once when lenient', () => {
    const e = evaluate(gold, [
      { start: 10, end: 12, kind: 'date' },
      { start: 10, end: 19, kind: 'date' },
      { start: 13, end: 19, kind: 'date' },
    ])
    expect(e.lenient.date).toMatchObject({ tp: 1, fp: 2, fn: 0 })
  })

  it('scores empty sets as vacuously perfect precision', () => {
    expect(score(0, 0, 3)).toMatchObject({ precision: 1, recall: 0, f1: 0 })
    expect(score(0, 0, 0)).toMatchObject({ precision: 1, recall: 1, f1: 1 })
    expect(score(3, 1, 1).f1).toBeCloseTo(0.75)
  })

  it('adds counts across documents before scoring (micro-average)', () => {
    const a = evaluate(gold, gold)
    const b = evaluate(gold, [])
    const both = combine([a, b])
    expect(both.strict.all).toMatchObject({ tp: 3, fp: 0, fn: 3, precision: 1, recall: 0.5 })
  })

  it('formats a table with only the kinds that occur', () => {
    const table = formatTable([{ name: 'doc', evaluation: evaluate(gold, gold) }])
    expect(table.split('\n')).toHaveLength(2 + 4)
    expect(table).toContain('| doc | person | 1 | 1 | 100.0 | 100.0 | 100.0 |')
    expect(table).not.toContain('| doc | other |')
  })
})
