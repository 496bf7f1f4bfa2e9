/**
 * The live queries the application shell needs before its first paint: the case list (seeded
 * with start-up's read, see `seedCases`) and the undo/redo labels. Kept apart from `hooks.ts`, whose hooks read documents, tags and
 * texts and pull their repositories (and the anchoring code) in with them, so that the
 * start-up bundle carries only these two; `hooks.ts` re-exports them for the panes.
 */
import { useSyncExternalStore } from 'react'
import { useLiveQuery } from 'dexie-react-hooks'
import type { CaseRecord } from '../domain/types'
import { historyState, subscribeHistory, type HistoryState } from './history'
import { getDb } from './db'
import { listCases } from './cases'

/** The case list as last read: what `useCases` shows until its own query answers. */
let lastRead: CaseRecord[] | undefined

/**
 * Gives `useCases` the case list start-up has just read (src/app/boot.ts), so that the shell's
 * first render shows it instead of waiting for a second read of the same rows.
 */
export function seedCases(cases: CaseRecord[]): void {
  lastRead = cases
}

/**
 * All cases, most recent first; undefined while loading. Until its live query first answers
 * it shows the list as last read (start-up's, or another `useCases`'s), which that answer then
 * replaces.
 */
export function useCases(): CaseRecord[] | undefined {
  return useLiveQuery(
    async () => {
      const cases = await listCases(getDb())
      lastRead = cases
      return cases
    },
    [],
    lastRead,
  )
}

/** The labels of the next undo and redo for the case, updated as the stacks change. */
export function useHistoryState(caseId: string | undefined): HistoryState {
  return useSyncExternalStore(subscribeHistory, () => {
    const s = historyState(caseId)
    return `${s.undo ?? ''}\u0000${s.redo ?? ''}`
  })
    .split('\u0000')
    .reduce<HistoryState>((acc, v, i) => (v ? { ...acc, [i ? 'redo' : 'undo']: v } : acc), {})
}
