// @vitest-environment jsdom
import { act } from 'react'
import { describe, expect, it } from 'vitest'
import { createCase } from '../db/cases'
import { getDb } from '../db/db'
import { createEvent } from '../db/events'
import { caseRecordsCache } from '../services/case-records'
import { mountEachTest } from '../test/react-root'
import { usePrefetchCaseRecords } from './case-records'

const mount = mountEachTest()

let renders = 0
/** A parent that reads nothing itself, as GraphPane while it reads the saved layout. */
function Prefetching({ caseId }: { caseId: string | undefined }) {
  usePrefetchCaseRecords(caseId)
  renders++
  return null
}

/** Resolves once `check` holds, looking after each turn of the event loop. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 0))
}

describe('usePrefetchCaseRecords', () => {
  it('reads the case into the shared cache with no reader yet, and keeps it while mounted', async () => {
    const db = getDb()
    const { id: caseId } = await createCase(db, 'Prefetched')
    await createEvent(db, caseId, {
      title: 'Strike',
      type: 'assault/strike',
      initiators: [],
      targets: [],
      when: { start: Date.UTC(2025, 5, 23), precision: 'day', approximate: false },
      evidence: [],
    })
    const cache = caseRecordsCache(db)
    expect(cache.get(caseId)).toBeUndefined()
    renders = 0
    act(() => mount.root.render(<Prefetching caseId={caseId} />))
    await until(() => cache.get(caseId) !== undefined)
    const state = cache.get(caseId)
    expect(state?.status).toBe('ready')
    expect(state?.status === 'ready' && state.records.events.map((e) => e.title)).toEqual([
      'Strike',
    ])
    // The records' arrival does not render the parent again.
    expect(renders).toBe(1)
    // Leaving the case lets the cache drop its records.
    act(() => mount.root.render(<Prefetching caseId={undefined} />))
    expect(cache.get(caseId)).toBeUndefined()
  })
})
