import { describe, expect, it } from 'vitest'
import { analyseAch } from './ach'
import { achInputFromCase, type AchCaseRecords } from './ach-evidence'
import type { AchMatrix } from './types'

type Passage = AchCaseRecords['passages'] extends Map<string, infer P> ? P : never

const passage = (id: string, docId: string, extra: Partial<Passage> = {}): Passage => ({
  id,
  docId,
  exact: `passage ${id}`,
  ...extra,
})

function records(passages: Passage[], copies?: Map<string, string>): AchCaseRecords {
  return {
    events: new Map([
      ['e-bbc', { title: 'Strike reported by the BBC', evidence: ['p-bbc', 'p-against'] }],
    ]),
    passages: new Map(passages.map((p) => [p.id, p])),
    documents: new Map([
      ['d-reuters', { sourceId: 's-reuters', title: 'Reuters wire' }],
      ['d-bbc', { sourceId: 's-bbc', title: 'BBC report' }],
      ['d-aj', { sourceId: 's-aj', title: 'Al Jazeera report' }],
      ['d-tass', { sourceId: 's-tass', title: 'TASS report' }],
    ]),
    sources: new Map([
      ['s-reuters', { name: 'Reuters', reliability: 'B' as const }],
      ['s-bbc', { name: 'BBC', reliability: 'C' as const }],
      ['s-aj', { name: 'Al Jazeera', reliability: 'B' as const }],
      ['s-tass', { name: 'TASS', reliability: 'D' as const }],
    ]),
    ...(copies ? { copies } : {}),
  }
}

/**
 * Two hypotheses. The BBC's event row: h1 C, h2 I, weight 1 × C 0.6 × 0.5 = 0.3. The
 * Al Jazeera passage quoting Reuters: h1 II, h2 C, weight 1 × B 0.8 × 0.5 = 0.4. So h1 scores
 * 0.8 and h2 0.3: h2 leads, and only on the second-hand passage.
 */
const matrix: AchMatrix = {
  hypotheses: [
    { id: 'h1', text: 'Retaliation' },
    { id: 'h2', text: 'A signal' },
  ],
  rows: [
    { kind: 'event', refId: 'e-bbc', relevance: 'medium', cells: { h1: 'C', h2: 'I' } },
    { kind: 'annotation', refId: 'p-sh', relevance: 'medium', cells: { h1: 'II', h2: 'C' } },
  ],
  versions: [],
}

const casePassages = [
  passage('p-bbc', 'd-bbc'),
  passage('p-against', 'd-tass', { stance: 'contradicts' }),
  passage('p-sh', 'd-aj', { secondHand: { outlet: 'Reuters' } }),
]

describe('ACH rows from the case', () => {
  it('takes a second-hand passage’s origin from the outlet it cites, as corroboration does', () => {
    const { input, originLabels, labels } = achInputFromCase(matrix, records(casePassages))
    const row = input.rows.find((r) => r.id === 'p-sh')!
    expect(row.origins).toEqual(['src:s-reuters'])
    // Its grade is still the reporting document's source (Al Jazeera, B).
    expect(row.reliabilities).toEqual(['B'])
    expect(originLabels.get('src:s-reuters')).toBe('Reuters')
    expect(labels.get('p-sh')).toBe('“passage p-sh”')

    const result = analyseAch(input)
    expect(result.leader).toBe('h2')
    // The ranking without each origin: Reuters (cited second-hand) and the BBC; never
    // Al Jazeera, which only relayed Reuters' word.
    expect(result.withoutOrigin.map((a) => a.without)).toEqual(['src:s-bbc', 'src:s-reuters'])
    const withoutReuters = result.withoutOrigin.find((a) => a.without === 'src:s-reuters')!
    expect(withoutReuters.leaderChanges).toBe(true)
    expect(withoutReuters.ranking[0]?.hypothesisId).toBe('h1')
    expect(result.withoutOrigin.find((a) => a.without === 'src:s-bbc')?.leaderChanges).toBe(false)
  })

  it('leaves a contradicting passage out of what an event row rests on', () => {
    const { input } = achInputFromCase(matrix, records(casePassages))
    const row = input.rows.find((r) => r.id === 'e-bbc')!
    expect(row.origins).toEqual(['src:s-bbc'])
    expect(row.reliabilities).toEqual(['C'])
  })

  it('reads the event’s own stance for each passage', () => {
    const base = records(casePassages)
    const events = new Map(base.events)
    events.set('e-bbc', {
      ...events.get('e-bbc')!,
      stances: { 'p-bbc': 'contradicts', 'p-against': 'supports' },
    })
    const row = achInputFromCase(matrix, { ...base, events }).input.rows.find(
      (r) => r.id === 'e-bbc',
    )!
    expect(row.origins).toEqual(['src:s-tass'])
  })

  it('gives near-identical copies their original’s origin and leaves orphans out', () => {
    const copies = new Map([
      ['d-reuters', 'd-reuters'],
      ['d-bbc', 'd-reuters'],
    ])
    const { input } = achInputFromCase(matrix, records(casePassages, copies))
    expect(input.rows.find((r) => r.id === 'e-bbc')?.origins).toEqual(['src:s-reuters'])

    const orphaned = casePassages.map((p) =>
      p.id === 'p-bbc' ? { ...p, anchor: { status: 'orphan' as const } } : p,
    )
    expect(
      achInputFromCase(matrix, records(orphaned)).input.rows.find((r) => r.id === 'e-bbc')?.origins,
    ).toEqual([])
  })

  it('leaves out rows whose event or passage is gone', () => {
    const gone = casePassages.filter((p) => p.id !== 'p-sh')
    const { rows, input } = achInputFromCase(matrix, records(gone))
    expect(rows.map((r) => r.refId)).toEqual(['e-bbc'])
    expect(input.rows.map((r) => r.id)).toEqual(['e-bbc'])
  })
})
