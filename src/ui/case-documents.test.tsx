// @vitest-environment jsdom
import { act, useLayoutEffect } from 'react'
import { describe, expect, it } from 'vitest'
import { createCase } from '../db/cases'
import { getDb } from '../db/db'
import { addDocuments } from '../db/documents'
import type { DocumentMeta } from '../domain/types'
import { mountEachTest } from '../test/react-root'
import { textDoc } from '../test/store'
import { useDocuments, useSources } from './case-documents'

const mount = mountEachTest()

/** Every value the two panes' hooks gave, render by render. */
let seen: { caseId: string | undefined; documents: DocumentMeta[] | undefined }[] = []
let sameInBoth = true
function Panes({ caseId }: { caseId: string | undefined }) {
  const documents = useDocuments(caseId)
  const again = useDocuments(caseId)
  const sources = useSources(caseId)
  useLayoutEffect(() => {
    seen.push({ caseId, documents })
    if (documents !== again) sameInBoth = false
  })
  return sources ? null : null
}

/** Resolves once `check` holds, looking after each turn of the event loop. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 0))
}

const last = () => seen[seen.length - 1]

describe('useDocuments', () => {
  it('never answers with the previous case’s list when the case changes', async () => {
    const db = getDb()
    const { id: first } = await createCase(db, 'First')
    await addDocuments(db, first, [textDoc('First case, first report')])
    const { id: second } = await createCase(db, 'Second')
    await addDocuments(db, second, [textDoc('Second case, a report'), textDoc('And another')])
    seen = []
    sameInBoth = true
    act(() => mount.root.render(<Panes caseId={first} />))
    await until(() => last()?.documents?.length === 1)
    act(() => mount.root.render(<Panes caseId={second} />))
    await until(() => last()?.documents?.length === 2)
    // Every render for the second case had its list or none: never the first case's.
    for (const s of seen) {
      if (!s.documents?.length) continue
      expect(s.documents.every((d) => d.caseId === s.caseId)).toBe(true)
    }
    expect(seen.some((s) => s.caseId === second && s.documents === undefined)).toBe(true)
    // Two panes of the same case are handed the same list.
    expect(sameInBoth).toBe(true)
    // No case: an empty list at once.
    act(() => mount.root.render(<Panes caseId={undefined} />))
    expect(last()).toEqual({ caseId: undefined, documents: [] })
  })

  it('shows an import into the open case', async () => {
    const db = getDb()
    const { id: caseId } = await createCase(db, 'Live')
    seen = []
    act(() => mount.root.render(<Panes caseId={caseId} />))
    await until(() => last()?.documents !== undefined)
    expect(last()?.documents).toEqual([])
    await addDocuments(db, caseId, [textDoc('Arrived later')])
    await until(() => last()?.documents?.length === 1)
    expect(last()?.documents?.[0]?.title).toBe('Arrived later')
  })
})
