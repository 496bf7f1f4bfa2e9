/**
 * The library's first screen while the case's whole document list is still being read (see
 * db/document-page.ts): the newest documents, read by index and put in the list's default
 * order, so that a case of 100,000 documents shows its list in milliseconds instead of
 * seconds, and the whole list, when it arrives, begins with the same rows.
 */
import { useEffect, useState } from 'react'
import { getDb } from '../../db/db'
import { firstDocumentsByDate } from '../../db/document-page'
import type { CasefileDB } from '../../db/schema'
import type { DocumentMeta, SourceRecord } from '../../domain/types'
import { sortDocuments } from './document-order'

/** Rows read for the first screen: more than a tall window shows, with the list's overscan. */
export const FIRST_SCREEN = 40

/** The first rows of a case's list, in the list's default order (newest first). */
export interface FirstScreen {
  caseId: string
  rows: DocumentMeta[]
  sources: Map<string, SourceRecord>
}

/** The first rows of `caseId`'s list, newest first, as the whole list will show them. */
export async function readFirstScreen(
  db: CasefileDB,
  caseId: string,
  n = FIRST_SCREEN,
): Promise<FirstScreen> {
  const page = await firstDocumentsByDate(db, caseId, n)
  const rows = sortDocuments(page.documents, page.sources, { key: 'date', desc: true })
  return { caseId, rows, sources: page.sources }
}

/**
 * The first screen of `caseId`'s list, read while `wanted` (the whole list is not there yet);
 * undefined before it is read, once it is not wanted, and for another case.
 */
export function useFirstScreen(
  caseId: string | undefined,
  wanted: boolean,
): FirstScreen | undefined {
  const [screen, setScreen] = useState<FirstScreen>()
  useEffect(() => {
    if (!caseId || !wanted) return
    let live = true
    readFirstScreen(getDb(), caseId).then(
      (read) => {
        if (live) setScreen(read)
      },
      // The whole list is on its way: the library waits for it as it did before.
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [caseId, wanted])
  return wanted && screen?.caseId === caseId ? screen : undefined
}
