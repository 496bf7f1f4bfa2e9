// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import type { AchSnapshot } from '../domain/ach'
import { MAX_FIGURE_ROWS, achToSvg, scoreSnapshot } from './ach-svg'

/**
 * Weights as saved: r1 2, r2 0.64, r3 0.12. Inconsistency: h1 0.12 (r3 I), h2 2 (r1 I),
 * h3 4 (r1 II). r2 rates every hypothesis C: non-diagnostic.
 */
const snapshot: AchSnapshot = {
  hypotheses: [
    { id: 'h1', text: 'Retaliation for the US strikes' },
    { id: 'h2', text: 'A show of force <before> talks & more' },
    { id: 'h3', text: 'An accident' },
  ],
  rows: [
    {
      id: 'r1',
      label: 'Missile strike',
      relevance: 'high',
      weight: 2,
      cells: { h1: 'C', h2: 'I', h3: 'II' },
    },
    {
      id: 'r2',
      label: 'Meeting in Moscow',
      relevance: 'medium',
      weight: 0.64,
      cells: { h1: 'C', h2: 'C', h3: 'C' },
    },
    {
      id: 'r3',
      label: '“Strikes on nuclear sites”',
      relevance: 'low',
      weight: 0.12,
      cells: { h1: 'I', h2: 'C', h3: 'N' },
    },
  ],
  leader: 'h1',
}

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
  return doc
}

const texts = (doc: Document, selector: string) =>
  [...doc.querySelectorAll(selector)].map((t) => t.textContent ?? '')

describe('the ACH matrix figure', () => {
  it('draws hypotheses × evidence with ratings, weights, scores and the leader', () => {
    const svg = achToSvg(snapshot, { title: 'Competing hypotheses', subtitle: 'Version of today' })
    const doc = parse(svg)
    expect(doc.querySelector('title')?.textContent).toBe('Competing hypotheses')
    const heads = [...doc.querySelectorAll('g.hypothesis')].map((g) =>
      [...g.querySelectorAll('text')].map((t) => t.textContent).join(' '),
    )
    expect(heads[0]).toBe('Retaliation for the US strikes ★ leads')
    // Wrapped over two lines, escaped in the markup, read back as written.
    expect(heads[1]).toBe('A show of force <before> talks & more')
    expect(heads[2]).toBe('An accident')
    expect(texts(doc, 'text.score')).toEqual(['0.12 · #1', '2.00 · #2', '4.00 · #3'])
    expect(texts(doc, 'text.leader')).toEqual([
      'Leading: Retaliation for the US strikes (the least inconsistent).',
    ])
    expect(doc.querySelectorAll('rect.leader-column')).toHaveLength(1)
    const rows = [...doc.querySelectorAll('g.row')]
    expect(rows).toHaveLength(3)
    const row1 = [...rows[0]!.querySelectorAll('text')].map((t) => t.textContent)
    expect(row1).toEqual(['Missile strike', '2.00', 'C', 'I', 'II'])
  })

  it('marks the row that rates every hypothesis alike as non-diagnostic', () => {
    const doc = parse(achToSvg(snapshot, { title: 'M' }))
    const marked = [...doc.querySelectorAll('g.row.non-diagnostic')]
    expect(marked).toHaveLength(1)
    expect(marked[0]!.textContent).toContain('Meeting in Moscow')
    expect(texts(doc, 'g.row.non-diagnostic text.tag')).toEqual(['(non-diagnostic)'])
  })

  it('escapes the case’s text and gives the same string for the same input', () => {
    const svg = achToSvg(snapshot, { title: 'A <b>&</b> title' })
    expect(svg).not.toContain('<before>')
    expect(svg).not.toContain('<b>')
    expect(svg).toContain('&lt;before&gt;')
    expect(achToSvg(snapshot, { title: 'A <b>&</b> title' })).toBe(svg)
  })

  it('scores a version saved without weights as ungraded evidence', () => {
    const old: AchSnapshot = {
      ...snapshot,
      rows: snapshot.rows.map(({ weight: _w, ...r }) => r),
    }
    const result = scoreSnapshot(old)
    // high 2 × 0.5 × 0.5 = 0.5; low 0.5 × 0.25 = 0.125.
    expect(result.weights).toEqual({ r1: 0.5, r2: 0.25, r3: 0.125 })
    expect(result.leader).toBe('h1')
  })

  it('shows at most the most diagnostic rows of a long matrix and says how many it leaves out', () => {
    const rows = Array.from({ length: MAX_FIGURE_ROWS + 5 }, (_, i) => ({
      id: `r${i}`,
      label: `Row ${i}`,
      relevance: 'medium' as const,
      weight: 1,
      // The last five rate everything alike: those are left out.
      cells:
        i >= MAX_FIGURE_ROWS
          ? { h1: 'C' as const, h2: 'C' as const }
          : { h1: 'C' as const, h2: 'I' as const },
    }))
    const doc = parse(
      achToSvg({ hypotheses: snapshot.hypotheses.slice(0, 2), rows }, { title: 'Long' }),
    )
    expect(doc.querySelectorAll('g.row')).toHaveLength(MAX_FIGURE_ROWS)
    expect(doc.querySelectorAll('g.row.non-diagnostic')).toHaveLength(0)
    expect(doc.documentElement.textContent).toContain(
      '5 less diagnostic rows not shown; the scores count every row.',
    )
    expect(texts(doc, 'text.score')).toEqual([`0.00 · #1`, `${MAX_FIGURE_ROWS}.00 · #2`])
  })
})
