/**
 * Start-up's reads, begun while the entry module is evaluated: the renderer entry imports this
 * module before React, so the store's open (which creates the database on a new profile) and
 * the reads that choose what the first window shows — the case list, the last open case —
 * are under way while the browser still evaluates React and renders "Opening Casefile…",
 * instead of starting after React's first commit. When a case will open, the workbench's code
 * starts downloading as soon as that is known. Nothing here renders; `App.tsx` waits for
 * `startUp()`.
 */
import type { CaseRecord } from '../domain/types'
import { getDb, requestPersistence } from '../db/db'
import { readSetting } from '../db/settings'
import { caseToOpen, listCases } from '../db/cases'
import { seedCases } from '../db/shell-hooks'
import { loadWorkbench } from './LazyWorkbench'

/** What start-up found: the case to open (if any) and every case, most recent first. */
export interface StartUp {
  caseId: string | undefined
  cases: CaseRecord[]
}

async function begin(): Promise<StartUp> {
  const db = getDb()
  await db.open()
  void requestPersistence()
  const [caseId, cases] = await Promise.all([
    readSetting<string | null>('lastCaseId', null).then((id) => caseToOpen(db, id)),
    listCases(db),
  ])
  // A case will open: its panes' code downloads while React renders the shell.
  if (caseId) void loadWorkbench().catch(() => undefined)
  // The shell's case list shows these at once; its live query keeps them current.
  seedCases(cases)
  return { caseId, cases }
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
