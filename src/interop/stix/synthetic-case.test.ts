import { describe, expect, it } from 'vitest'
import { exportStixBundle } from './export'
import { syntheticCase } from './synthetic-case'
import { bundleProblems } from './test-schemas'

describe('the synthetic case of the STIX benchmarks', () => {
  it('has the size asked for, quotes that are in its texts, and exports to a valid bundle', () => {
    const snap = syntheticCase(200)
    expect(snap.events.length).toBe(200)
    expect(snap.annotations.length).toBe(400)
    const docs = new Map(snap.documents.map((d) => [d.id, d.text]))
    for (const a of snap.annotations) expect(docs.get(a.docId)!.slice(a.start, a.end)).toBe(a.exact)
    expect(
      bundleProblems(exportStixBundle(snap, { now: new Date('2026-01-02T00:00:00Z') })),
    ).toEqual([])
  })
})
