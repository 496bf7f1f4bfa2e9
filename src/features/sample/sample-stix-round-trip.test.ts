// @vitest-environment jsdom
/**
 * The bundled sample case (resources/sample-case, HTML documents, hence jsdom) exported to
 * STIX passes the official schemas and comes back into a fresh case with the same events,
 * actors and quotes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCase } from '../../db/cases'
import { clearHistory } from '../../db/history'
import { CasefileDB } from '../../db/schema'
import { openSampleCase } from './sample-case'
import { loadCaseSnapshot } from '../../interop/snapshot'
import { exportStixBundle } from '../../interop/stix/export'
import { applyStixImport, planStixImport } from '../../interop/stix/import'
import { essence } from '../../interop/stix/test-essence'
import { bundleProblems } from '../../interop/stix/test-schemas'

let db: CasefileDB
beforeEach(async () => {
  db = new CasefileDB(`stix-sample-${Math.random()}`)
  await db.open()
  clearHistory()
})
afterEach(async () => {
  db.close()
  await db.delete()
})

const NOW = new Date('2026-03-01T12:00:00Z')

describe('STIX and the sample case', () => {
  it('round-trips the bundled sample case: a valid bundle, the same events, actors and quotes', async () => {
    const sample = await openSampleCase(db)
    const original = await loadCaseSnapshot(db, sample.caseId)
    expect(original.events.length).toBeGreaterThan(0)
    const bundle = exportStixBundle(original, { now: NOW })
    expect(bundleProblems(bundle)).toEqual([])
    const fresh = await createCase(db, 'Sample again')
    await applyStixImport(db, fresh.id, await planStixImport(db, fresh.id, bundle))
    const imported = await loadCaseSnapshot(db, fresh.id)
    const a = essence(original)
    const b = essence(imported)
    expect(b.events).toEqual(a.events)
    expect(b.entities).toEqual(a.entities)
    expect(b.quotes).toEqual(expect.arrayContaining(a.quotes))
  })
})
