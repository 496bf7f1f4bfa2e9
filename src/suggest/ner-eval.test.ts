import { describe, expect, it } from 'vitest'
import type { ConllDocument } from './conll'
import { evaluateNames, formatNameTable, kindToType, type PredictedName } from './ner-eval'

const text = 'Kell met Aske of Ostrin Lines in Saltmere at the Nordic Games.'
const at = (form: string): { start: number; end: number } => {
  const start = text.indexOf(form)
  return { start, end: start + form.length }
}
const doc: ConllDocument = {
  text,
  spans: [
    { ...at('Kell'), type: 'PER' },
    { ...at('Aske'), type: 'PER' },
    { ...at('Ostrin Lines'), type: 'ORG' },
    { ...at('Saltmere'), type: 'LOC' },
    { ...at('Nordic Games'), type: 'MISC' },
  ],
}

describe('evaluateNames', () => {
  const predicted: PredictedName[] = [
    { ...at('Kell'), type: 'PER' }, // right
    { ...at('Aske'), type: 'LOC' }, // wrong type
    { ...at('Ostrin'), type: 'ORG' }, // wrong boundary
    { ...at('Nordic Games'), type: 'ORG' }, // on a MISC name
    // Saltmere: missed
  ]
  const result = evaluateNames([doc], () => predicted)

  it('counts exact span and type only, MISC unscored but a false positive when predicted', () => {
    expect(result.scores.micro).toMatchObject({ tp: 1, fp: 3, fn: 3 })
    expect(result.scores.PER).toMatchObject({ tp: 1, fp: 0, fn: 1 })
    expect(result.scores.LOC).toMatchObject({ tp: 0, fp: 1, fn: 1 })
    expect(result.scores.ORG).toMatchObject({ tp: 0, fp: 2, fn: 1 })
    expect(result.scores.micro.precision).toBeCloseTo(0.25)
    expect(result.scores.micro.recall).toBeCloseTo(0.25)
  })

  it('sorts mistakes into classes with examples', () => {
    const names = result.errors.map((e) => e.name).sort()
    expect(names).toEqual([
      'ORG on a MISC name',
      'ORG: wrong boundary (gold ORG)',
      'PER as LOC',
      'missed LOC',
    ])
    expect(result.errors.find((e) => e.name === 'PER as LOC')?.examples[0]).toContain('[Aske]')
  })

  it('prints a table row per type and finder', () => {
    const table = formatNameTable([{ name: 'test', evaluation: result }])
    expect(table).toContain('| test | micro | 4 | 4 | 25.0 | 25.0 | 25.0 |')
  })

  it('maps Casefile kinds to CoNLL types', () => {
    expect(
      ['person', 'location', 'state', 'organisation', 'other', 'date'].map((k) =>
        kindToType(k as never),
      ),
    ).toEqual(['PER', 'LOC', 'LOC', 'ORG', null, null])
  })
})
