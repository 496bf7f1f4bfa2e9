import { describe, expect, it } from 'vitest'
import { skippedSummary, stixFileName } from './stix-ui'

describe('STIX dialog helpers', () => {
  it('names the file after the case, without path characters', () => {
    expect(stixFileName('Harbour Street')).toBe('Harbour Street.stix.json')
    expect(stixFileName('a/b\\c: d?\u0007e')).toBe('a b c d e.stix.json')
    expect(stixFileName('  ')).toBe('case.stix.json')
  })

  it('groups skipped objects by reason, most frequent first, with a few names', () => {
    const summary = skippedSummary([
      { id: 'malware--1', type: 'malware', name: 'A', reason: 'Casefile has no malware records' },
      { id: 'malware--2', type: 'malware', name: 'B', reason: 'Casefile has no malware records' },
      { id: 'tool--1', type: 'tool', reason: 'Casefile has no tool records' },
    ])
    expect(summary).toEqual([
      { reason: 'Casefile has no malware records', count: 2, examples: ['A', 'B'] },
      { reason: 'Casefile has no tool records', count: 1, examples: ['tool--1'] },
    ])
  })
})
