// @vitest-environment jsdom
import { act } from 'react'
import { describe, expect, it } from 'vitest'
import { createCase } from './cases'
import { getDb } from './db'
import { addDocuments } from './documents'
import { useGradeLookups, type GradeLookups } from './grade-lookups'
import { passageTag } from '../test/annotations'
import { mountEachTest } from '../test/react-root'
import { textDoc as doc } from '../test/store'

const mount = mountEachTest()

/** What the hook returned on each render, in order. */
let seen: (GradeLookups | undefined)[] = []

function Grades(props: { caseId?: string; cited: string[] }) {
  const events = props.cited.map((id) => ({ evidence: [id] }))
  seen.push(useGradeLookups(props.caseId, events, []))
  return null
}

/**
 * Resolves once `check` holds, looking after each turn of the event loop, each turn inside
 * `act` (the hook's state is set when a read of the store resolves; `act` renders it).
 */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 5000) throw new Error('never came')
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)))
  }
}

function gradeOf(l: GradeLookups | undefined, id: string) {
  const docId = l?.evidence.get(id)?.docId
  const sourceId = docId ? l?.documents.get(docId)?.sourceId : undefined
  return sourceId ? l?.sources.get(sourceId)?.reliability : undefined
}

/** A case with one document graded `grade` and passages `ids` in it. */
async function gradedCase(name: string, grade: 'B' | 'C', ids: string[]) {
  const db = getDb()
  const { id: caseId } = await createCase(db, name)
  const [stored] = await addDocuments(db, caseId, [
    doc(name, { publisher: name, reliability: grade }),
  ])
  const docId = stored?.status === 'stored' ? stored.id : ''
  await db.annotations.bulkAdd(ids.map((id) => passageTag(id, caseId, docId)))
  return caseId
}

describe('useGradeLookups', () => {
  it('keeps a case’s last lookups while a new evidence list is read, never another case’s', async () => {
    const caseId = await gradedCase('Wire', 'C', ['p1', 'p2'])
    const other = await gradedCase('Blog', 'B', ['q1'])
    seen = []
    act(() => mount.root.render(<Grades caseId={caseId} cited={['p1']} />))
    expect(seen.at(-1)).toBeUndefined()
    await until(() => gradeOf(seen.at(-1), 'p1') === 'C')
    const first = seen.at(-1)
    expect(gradeOf(first, 'p2')).toBeUndefined()

    // A new evidence list: the render that brings it still has the last lookups (a new event
    // does not ungrade the graph), then the new passage is graded too.
    seen = []
    act(() => mount.root.render(<Grades caseId={caseId} cited={['p1', 'p2']} />))
    expect(seen[0]).toBe(first)
    await until(() => gradeOf(seen.at(-1), 'p2') === 'C')
    expect(seen.every((l) => l !== undefined)).toBe(true)

    // Another case: nothing of the first case's is handed on, even for a moment.
    seen = []
    act(() => mount.root.render(<Grades caseId={other} cited={['q1']} />))
    expect(seen[0]).toBeUndefined()
    await until(() => gradeOf(seen.at(-1), 'q1') === 'B')
    expect(seen.every((l) => l === undefined || !l.evidence.has('p1'))).toBe(true)

    // No case: nothing.
    seen = []
    act(() => mount.root.render(<Grades cited={['q1']} />))
    expect(seen).toEqual([undefined])
  })
})
