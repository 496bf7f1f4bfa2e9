import { describe, expect, it } from 'vitest'
import type { Judgement } from '../domain/types'
import {
  CONFIDENCE_LEVELS,
  estimativeTerms,
  judgementSentences,
  judgementTextIssues,
  LIKELIHOOD_SCALE,
  likelihoodStep,
} from './likelihood'

const j = (text: string, likelihood: Judgement['likelihood'] = 'likely'): Judgement => ({
  id: 'j',
  text,
  likelihood,
  confidence: 'moderate',
  eventIds: [],
})

describe('the ICD 203 scale', () => {
  it('has the seven terms in order with contiguous ranges', () => {
    expect(LIKELIHOOD_SCALE.map((s) => s.term)).toEqual([
      'almost no chance',
      'very unlikely',
      'unlikely',
      'roughly even chance',
      'likely',
      'very likely',
      'almost certain',
    ])
    expect(LIKELIHOOD_SCALE.map((s) => s.range)).toEqual([
      '01–05%',
      '05–20%',
      '20–45%',
      '45–55%',
      '55–80%',
      '80–95%',
      '95–99%',
    ])
    LIKELIHOOD_SCALE.forEach((s, i) => {
      expect(s.order).toBe(i + 1)
      if (i > 0) expect(s.min).toBe(LIKELIHOOD_SCALE[i - 1]!.max)
    })
    expect(likelihoodStep('very likely')).toMatchObject({ min: 80, max: 95 })
    expect(CONFIDENCE_LEVELS.map((c) => c.level)).toEqual(['low', 'moderate', 'high'])
    for (const c of CONFIDENCE_LEVELS) expect(c.meaning).toMatch(/\.$/)
  })
})

describe('judgementSentences', () => {
  it.each<[string, Judgement['likelihood'], string]>([
    [
      'Iran will retaliate within a week.',
      'likely',
      'We assess it is likely (55–80%) that Iran will retaliate within a week.',
    ],
    [
      'The strike was calibrated to avoid casualties',
      'very likely',
      'We assess it is very likely (80–95%) that the strike was calibrated to avoid casualties.',
    ],
    [
      'Russia supplied the missiles.',
      'almost no chance',
      'We assess there is almost no chance (01–05%) that Russia supplied the missiles.',
    ],
    [
      'The talks resume before July.',
      'roughly even chance',
      'We assess there is a roughly even chance (45–55%) that the talks resume before July.',
    ],
    // Only common openers are lower-cased: any other capitalised word may be a name.
    [
      'Talks resume before July.',
      'roughly even chance',
      'We assess there is a roughly even chance (45–55%) that Talks resume before July.',
    ],
    [
      'Iran will likely retaliate within a week.',
      'likely',
      'Iran will likely (55–80%) retaliate within a week.',
    ],
    [
      'It is almost certain that the base was hit',
      'almost certain',
      'It is almost certain (95–99%) that the base was hit.',
    ],
    ['Iran will probably retaliate.', 'likely', 'Iran will probably (55–80%) retaliate.'],
    [
      'Iran is unlikely (20–45%) to strike again.',
      'unlikely',
      'Iran is unlikely (20–45%) to strike again.',
    ],
    [
      'We assess that the IRGC planned the strike.',
      'unlikely',
      'We assess it is unlikely (20–45%) that the IRGC planned the strike.',
    ],
    [
      'IRGC units fired first.',
      'very unlikely',
      'We assess it is very unlikely (05–20%) that IRGC units fired first.',
    ],
    [
      '  A   second   wave   follows.  ',
      'likely',
      'We assess it is likely (55–80%) that a second wave follows.',
    ],
    ['', 'likely', 'We assess it is likely (55–80%).'],
  ])('%j as %s', (text, likelihood, expected) => {
    const s = judgementSentences(j(text, likelihood))
    expect(s.likelihood).toBe(expected)
    expect(s.confidence).toBe('We have moderate confidence in this judgement.')
  })

  it('keeps likelihood and confidence in separate sentences', () => {
    for (const step of LIKELIHOOD_SCALE)
      for (const confidence of ['low', 'moderate', 'high'] as const) {
        const s = judgementSentences({ ...j('Iran acts.', step.term), confidence })
        expect(s.likelihood).not.toMatch(/confiden/)
        expect(s.confidence).toBe(`We have ${confidence} confidence in this judgement.`)
        expect(s.confidence).not.toContain(step.term)
        expect(s.likelihood).toContain(step.range)
      }
  })

  it('does not read "very likely" or "unlikely" as "likely"', () => {
    expect(estimativeTerms('It is very likely, not unlikely.')).toEqual(['very likely', 'unlikely'])
    expect(estimativeTerms('a remote area; a remote chance')).toEqual(['almost no chance'])
    // The chosen term is "likely", the text says "very likely": the lead is added, and the
    // contradiction reported.
    const contradiction = j('The strike was very likely deliberate.', 'likely')
    expect(judgementSentences(contradiction).likelihood).toBe(
      'We assess it is likely (55–80%) that the strike was very likely deliberate.',
    )
    expect(judgementTextIssues(contradiction)).toEqual([
      'is marked "likely" but its text says "very likely"',
    ])
  })

  it('reports empty text and confidence language in the judgement', () => {
    expect(judgementTextIssues(j(''))).toEqual(['has no text'])
    expect(judgementTextIssues(j('With high confidence, Iran will likely act.'))).toEqual([
      'states confidence in its own text (ICD 203 keeps likelihood and confidence apart)',
    ])
    expect(judgementTextIssues(j('Iran will likely act.'))).toEqual([])
  })
})
