// @vitest-environment jsdom
/**
 * Start-up's reads (boot.ts), begun when the module is first evaluated: they find the case to
 * open (the last open one while it exists), start loading the workbench's code when a case will
 * open, and seed the shell's case list, which `useCases` then shows on its very first render
 * instead of `undefined` — and keeps current afterwards. On a new installation (no database
 * yet) they answer "no case" without waiting for the database to be created, and say when the
 * store is open, or that it could not be opened.
 */
import { act } from 'react'
import Dexie from 'dexie'
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

it('answers a new installation at once, while its database is still being created', async () => {
  await getDb().delete()
  loadWorkbench.mockClear()
  // A fresh start: new modules (a new store instance), the database's open held back.
  vi.resetModules()
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  const open = Dexie.prototype.open
  const spy = vi.spyOn(Dexie.prototype, 'open').mockImplementation(function (this: Dexie) {
    return held.then(() => open.call(this)) as ReturnType<Dexie['open']>
  })
  try {
    const { startUp } = await import('./boot')
    const found = await startUp()
    expect(found.caseId).toBeUndefined()
    expect(found.cases).toEqual([])
    expect(loadWorkbench).not.toHaveBeenCalled()
    let opened = false
    void found.storeOpen.then(() => (opened = true))
    await Promise.resolve()
    expect(opened).toBe(false)
    release()
    await found.storeOpen
    // The store the app uses is the one now created, with its tables.
    const db = (await import('../db/db')).getDb()
    expect(db.isOpen()).toBe(true)
    expect(await db.cases.count()).toBe(0)
  } finally {
    spy.mockRestore()
  }
})

it("says when a new installation's store cannot be opened, after answering", async () => {
  await (await import('../db/db')).getDb().delete()
  vi.resetModules()
  const spy = vi
    .spyOn(Dexie.prototype, 'open')
    .mockImplementation(() => Promise.reject(new Error('blocked by the browser')) as never)
  try {
    const { startUp } = await import('./boot')
    const found = await startUp()
    expect(found.cases).toEqual([])
    await expect(found.storeOpen).rejects.toThrow('blocked by the browser')
  } finally {
    spy.mockRestore()
  }
})
