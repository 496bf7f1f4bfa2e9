/**
 * Start-up's reads, begun while the entry module is evaluated: the renderer entry imports this
 * module before React, so the store's open and the reads that choose what the first window
 * shows — the case list, the last open case — are under way while the browser still evaluates
 * React and renders "Opening Casefile…", instead of starting after React's first commit. On a
 * new installation (the browser lists no Casefile database) the case list is known to be empty
 * before the database exists, so start-up answers at once and the database is created (its
 * schema, the store's start-up pass) behind the welcome screen. When a case will open, the
 * workbench's code starts downloading as soon as that is known. Nothing here renders;
 * `App.tsx` waits for `startUp()`.
 */
import type { CaseRecord } from '../domain/types'
import { getDb, requestPersistence, storeExists } from '../db/db'
import { readSetting } from '../db/settings'
import { caseToOpen, listCases } from '../db/cases'
import { seedCases } from '../db/shell-hooks'
import { loadWorkbench } from './LazyWorkbench'

/** What start-up found: the case to open (if any) and every case, most recent first. */
export interface StartUp {
  caseId: string | undefined
  cases: CaseRecord[]
  /**
   * Settles when the store is open: already, unless start-up found a new installation, whose
   * database is still being created; a rejection says the store could not be opened.
   */
  storeOpen: Promise<void>
}

async function begin(): Promise<StartUp> {
  // Asked before the open, which would create the database.
  const exists = storeExists()
  const db = getDb()
  const storeOpen = db.open().then(() => void requestPersistence())
  // Whoever awaits it hears a failure; meanwhile it is not an unhandled rejection.
  storeOpen.catch(() => undefined)
  if (!(await exists)) {
    // A new installation: no case yet, so the welcome screen need not wait for the database
    // to be created; what the analyst does next (a new case, the sample) waits for the open.
    seedCases([])
    return { caseId: undefined, cases: [], storeOpen }
  }
  await storeOpen
  const [caseId, cases] = await Promise.all([
    readSetting<string | null>('lastCaseId', null).then((id) => caseToOpen(db, id)),
    listCases(db),
  ])
  // A case will open: its panes' code downloads while React renders the shell.
  if (caseId) void loadWorkbench().catch(() => undefined)
  // The shell's case list shows these at once; its live query keeps them current.
  seedCases(cases)
  return { caseId, cases, storeOpen }
}

let started: Promise<StartUp> | undefined

/** Start-up's reads (begun once, when this module is first evaluated). */
export function startUp(): Promise<StartUp> {
  if (!started) {
    started = begin()
    // A failure is shown by the app, which awaits this; it is not an unhandled rejection meanwhile.
    started.catch(() => undefined)
  }
  return started
}

startUp()
