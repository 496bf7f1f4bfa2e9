import { describe, expect, it } from 'vitest'
import { analyseAch, diffAch, rowDiagnosticity, rowWeight, type AchInput } from './ach'

const H = [{ id: 'h1' }, { id: 'h2' }, { id: 'h3' }]

/**
 * A worked matrix. Weights: r1 high × A × 1 = 2; r2 medium × B × 2 = 0.64; r3 low × D × 3 =
 * 0.5 × 0.4 × 0.6 = 0.12. Inconsistency: h1 = 0.12 (r3 I); h2 = 2 (r1 I); h3 = 4 (r1 II).
 */
const matrix: AchInput = {
  hypotheses: H,
  rows: [
    {
      id: 'r1',
      relevance: 'high',
      reliabilities: ['A'],
      credibilities: [1],
      origins: ['reuters'],
      cells: { h1: 'C', h2: 'I', h3: 'II' },
    },
    {
      id: 'r2',
      relevance: 'medium',
      reliabilities: ['B'],
      credibilities: [2],
      origins: ['reuters', 'tass'],
      cells: { h1: 'C', h2: 'C', h3: 'C' },
    },
    {
      id: 'r3',
      relevance: 'low',
      reliabilities: ['D'],
      credibilities: [3],
      origins: ['tass'],
      cells: { h1: 'I', h2: 'C', h3: 'N' },
    },
  ],
}

describe('ACH scoring', () => {
  it('weighs a row by relevance, its best source grade and its best passage', () => {
    expect(rowWeight({ relevance: 'high', reliabilities: ['A'], credibilities: [1] })).toBe(2)
    expect(
      rowWeight({ relevance: 'medium', reliabilities: ['E', 'B'], credibilities: [5, 2] }),
    ).toBeCloseTo(0.64)
    expect(rowWeight({ relevance: 'low', reliabilities: [], credibilities: [] })).toBeCloseTo(0.125)
  })

  it('ranks by weighted inconsistency only: the least inconsistent hypothesis leads', () => {
    const r = analyseAch(matrix)
    expect(r.ranking.map((x) => [x.hypothesisId, x.inconsistency, x.rank])).toEqual([
      ['h1', 0.12, 1],
      ['h2', 2, 2],
      ['h3', 4, 3],
    ])
    expect(r.leader).toBe('h1')
  })

  it('marks a row that rates every hypothesis alike as non-diagnostic and sorts by diagnosticity', () => {
    const r = analyseAch(matrix)
    expect(r.diagnosticity).toEqual({ r1: 3, r2: 0, r3: 2 })
    expect(r.rowOrder).toEqual(['r1', 'r3', 'r2'])
    // NA is left out: a row rated C, C and NA cannot tell the hypotheses apart either.
    expect(
      rowDiagnosticity({ ...matrix.rows[1]!, cells: { h1: 'C', h2: 'C', h3: 'NA' } }, [
        'h1',
        'h2',
        'h3',
      ]),
    ).toBe(0)
  })

  it('names the single cell changes that would change the leader, smallest first', () => {
    const r = analyseAch(matrix)
    expect(r.flips[0]).toEqual({
      rowId: 'r1',
      hypothesisId: 'h2',
      from: 'I',
      to: 'N',
      newLeader: 'h2',
    })
    expect(r.flips).toContainEqual({
      rowId: 'r1',
      hypothesisId: 'h1',
      from: 'C',
      to: 'I',
      newLeader: 'h2',
    })
    // r2 weighs 0.64: even II on h1 (+1.28) leaves h1 ahead of h2's 2.
    expect(r.flips.some((f) => f.rowId === 'r2' && f.hypothesisId === 'h1')).toBe(false)
    // Applying the first flip does change the leader.
    const flipped = analyseAch({
      ...matrix,
      rows: matrix.rows.map((row) =>
        row.id === 'r1' ? { ...row, cells: { ...row.cells, h2: 'N' } } : row,
      ),
    })
    expect(flipped.leader).toBe('h2')
  })

  it('ranks again without evidence from sources graded D–F, and without each origin', () => {
    const r = analyseAch(matrix)
    expect(r.withoutWeakSources.ranking.map((x) => x.hypothesisId)).toEqual(['h1', 'h2', 'h3'])
    expect(r.withoutWeakSources.ranking[0]!.inconsistency).toBe(0)
    expect(r.withoutWeakSources.leaderChanges).toBe(false)
    const byOrigin = Object.fromEntries(r.withoutOrigin.map((a) => [a.without, a]))
    // Without Reuters only r2 (also carried by TASS) and r3 remain: h2 and h3 tie at 0 ahead.
    expect(byOrigin.reuters!.ranking.map((x) => [x.hypothesisId, x.rank])).toEqual([
      ['h2', 1],
      ['h3', 1],
      ['h1', 3],
    ])
    expect(byOrigin.reuters!.leaderChanges).toBe(true)
    expect(byOrigin.tass!.leaderChanges).toBe(false)
  })

  it('has no leader and no flips for an empty or tied matrix', () => {
    expect(analyseAch({ hypotheses: [], rows: [] }).leader).toBeUndefined()
    const tied = analyseAch({ hypotheses: H, rows: [] })
    expect(tied.leader).toBeUndefined()
    expect(tied.flips).toEqual([])
  })
})

describe('ACH versions', () => {
  it('lists what changed since the last version, leader included', () => {
    const before = {
      hypotheses: [
        { id: 'h1', text: 'Retaliation' },
        { id: 'h2', text: 'Accident' },
      ],
      rows: [
        {
          id: 'r1',
          label: 'Missile strike',
          relevance: 'high' as const,
          cells: { h1: 'C' as const, h2: 'I' as const },
        },
      ],
      leader: 'h1',
    }
    const after = {
      hypotheses: [...before.hypotheses, { id: 'h3', text: 'Signal' }],
      rows: [
        {
          ...before.rows[0]!,
          relevance: 'medium' as const,
          cells: { h1: 'I' as const, h2: 'I' as const, h3: 'C' as const },
        },
        { id: 'r2', label: 'Statement', relevance: 'low' as const, cells: {} },
      ],
      leader: 'h3',
    }
    expect(diffAch(before, after)).toEqual({
      hypothesesAdded: ['Signal'],
      hypothesesRemoved: [],
      rowsAdded: ['Statement'],
      rowsRemoved: [],
      cellsChanged: [{ row: 'Missile strike', hypothesis: 'Retaliation', from: 'C', to: 'I' }],
      relevanceChanged: [{ row: 'Missile strike', from: 'high', to: 'medium' }],
      leaderBefore: 'Retaliation',
      leaderAfter: 'Signal',
    })
  })
})
