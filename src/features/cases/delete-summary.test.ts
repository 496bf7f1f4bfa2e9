import { describe, expect, it } from 'vitest'
import type { CaseContents } from '../../db/cases'
import { deleteSummary } from './delete-summary'

const NONE: CaseContents = {
  sources: 0,
  documents: 0,
  annotations: 0,
  entities: 0,
  events: 0,
  relations: 0,
  briefings: 0,
  changes: 0,
  hypotheses: 0,
}

describe('deleteSummary', () => {
  it('names every kind the case holds, in words that agree with the counts', () => {
    const one = Object.fromEntries(Object.keys(NONE).map((k) => [k, 1])) as CaseContents
    expect(deleteSummary(one)).toBe(
      '1 document, 1 tagged passage, 1 entity, 1 event, 1 relation, 1 hypothesis, 1 briefing, 1 publisher and its history of 1 change',
    )
    expect(deleteSummary({ ...NONE, documents: 3, hypotheses: 2, changes: 9 })).toBe(
      '3 documents, 2 hypotheses and its history of 9 changes',
    )
  })

  it('says nothing for a case that holds nothing yet', () => {
    expect(deleteSummary({ ...NONE, changes: 1 })).toBe('')
  })
})
