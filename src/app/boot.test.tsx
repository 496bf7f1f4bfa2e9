// @vitest-environment jsdom
/**
 * Start-up's reads (boot.ts), begun when the module is first evaluated: they find the case to
 * open (the last open one while it exists), start loading the workbench's code when a case will
 * open, and seed the shell's case list, which `useCases` then shows on its very first render
 * instead of `undefined` — and keeps current afterwards.
 */
import { act } from 'react'
import { beforeAll, expect, it, vi } from 'vitest'
import { getDb } from '../db/db'
import { createCase } from '../db/cases'
import { writeSetting } from '../db/settings'
import { useCases } from '../db/shell-hooks'
import { mountEachTest } from '../test/react-root'

const loadWorkbench = vi.hoisted(() => vi.fn(() => Promise.resolve()))
vi.mock('./LazyWorkbench', () => ({ loadWorkbench }))

const mount = mountEachTest()
let lastOpen: string

beforeAll(async () => {
  const db = getDb()
  await db.open()
  lastOpen = (await createCase(db, 'Older')).id
  const newer = (await createCase(db, 'Newer')).id
  // Apart in time, so that the list's order (most recent first) is certain.
  await db.cases.update(lastOpen, { updatedAt: 1_000 })
  await db.cases.update(newer, { updatedAt: 2_000 })
  await writeSetting('lastCaseId', lastOpen)
})

it('finds the last open case, loads the workbench, and seeds the first render of the list', async () => {
  // Imported only now, with the store filled: importing the module starts the reads.
  const { startUp } = await import('./boot')
  const found = await startUp()
  expect(found.caseId).toBe(lastOpen)
  expect(found.cases.map((c) => c.title)).toEqual(['Newer', 'Older'])
  expect(loadWorkbench).toHaveBeenCalledTimes(1)
  // The same reads, not new ones, however often it is asked.
  expect(startUp()).toBe(startUp())

  const seen: (string[] | undefined)[] = []
  function Probe() {
    seen.push(useCases()?.map((c) => c.title))
    return null
  }
  act(() => mount.root.render(<Probe />))
  expect(seen[0]).toEqual(['Newer', 'Older'])
  // The live query keeps it current.
  await act(async () => void (await createCase(getDb(), 'Newest')))
  await vi.waitFor(() => expect(seen.at(-1)).toEqual(['Newest', 'Newer', 'Older']))
})
