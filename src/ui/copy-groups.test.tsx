// @vitest-environment jsdom
import { act, useLayoutEffect } from 'react'
import { describe, expect, it } from 'vitest'
import { createCase } from '../db/cases'
import { getDb } from '../db/db'
import { addDocuments, deleteDocument } from '../db/documents'
import { mountEachTest } from '../test/react-root'
import { textDoc } from '../test/store'
import { useCopyGroups } from './copy-groups'

const mount = mountEachTest()

let seen: Map<string, string> | undefined
function Groups({ caseId }: { caseId: string | undefined }) {
  const groups = useCopyGroups(caseId)
  useLayoutEffect(() => {
    seen = groups
  })
  return null
}

/** Resolves once `check` holds, looking after each turn of the event loop. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 0))
}

const story = Array.from(
  { length: 60 },
  (_, i) => `Paragraph ${i}: customs sealed terminal ${i} and held the ship at berth ${i}.`,
).join(' ')

describe('useCopyGroups', () => {
  it('finds a reprint among the case’s documents and follows a deletion', async () => {
    const db = getDb()
    const { id: caseId } = await createCase(db, 'Copies')
    const added = await addDocuments(db, caseId, [
      textDoc(story, { publishedAt: Date.UTC(2025, 5, 1) }),
      textDoc(`Reprinted with a new headline. ${story}`, { publishedAt: Date.UTC(2025, 5, 2) }),
      textDoc('A short note about something else entirely.'),
    ])
    const [original, reprint] = added.map((d) => (d.status === 'stored' ? d.id : ''))
    seen = undefined
    act(() => mount.root.render(<Groups caseId={caseId} />))
    await until(() => seen !== undefined && seen.size > 0)
    expect(seen).toEqual(
      new Map([
        [original, original],
        [reprint, original],
      ]),
    )
    await deleteDocument(db, reprint!)
    await until(() => seen !== undefined && seen.size === 0)
    expect(seen).toEqual(new Map())
  })

  it('says nothing of another case while the open one’s groups are worked out', async () => {
    const db = getDb()
    const { id: first } = await createCase(db, 'First')
    await addDocuments(db, first, [textDoc(story), textDoc(`Headline. ${story}`)])
    const { id: second } = await createCase(db, 'Second')
    act(() => mount.root.render(<Groups caseId={first} />))
    await until(() => seen !== undefined && seen.size === 2)
    act(() => mount.root.render(<Groups caseId={second} />))
    expect(seen).toBeUndefined()
    await until(() => seen !== undefined)
    expect(seen).toEqual(new Map())
  })
})
