/**
 * Remembers the document open in the reader per case (view state `reader:document`) and
 * reopens it when the case opens again — after a reload or a restart, or on switching back to
 * the case — so the analyst comes back to what they were reading rather than to an empty
 * reader. A document deleted since is not reopened (`readOpenDocument` checks it is still the
 * case's), and neither is the saved one when the analyst opened another before it was read.
 * Closing the reader (a deleted document) forgets it.
 */
import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { getDb } from '../../db/db'
import { clearViewState, readOpenDocument, writeViewState } from '../../db/view-state'
import { errorMessage } from '../../ui/errors'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'

/** Reopens the open case's last document, then saves each document the reader opens. */
export function useRememberedDocument(): void {
  const { caseId, docId } = useSelection(useShallow((s) => ({ caseId: s.caseId, docId: s.docId })))
  const notify = useNotices((s) => s.notify)
  // The case whose saved document has been looked up: nothing is saved for a case before
  // that, or its opening (no document yet) would forget the one to reopen.
  const [lookedUp, setLookedUp] = useState<string>()

  useEffect(() => {
    if (!caseId) return
    let live = true
    readOpenDocument(getDb(), caseId)
      .catch(() => undefined)
      .then((saved) => {
        if (!live) return
        const now = useSelection.getState()
        if (saved && now.caseId === caseId && now.docId === undefined) now.openDocument(saved)
        setLookedUp(caseId)
      })
    return () => {
      live = false
    }
  }, [caseId])

  useEffect(() => {
    if (!caseId || lookedUp !== caseId) return
    const db = getDb()
    const saving = docId
      ? writeViewState(db, caseId, 'reader:document', { docId })
      : clearViewState(db, caseId, 'reader:document')
    saving.catch((e: unknown) => {
      // A case deleted meanwhile has nothing left to remember.
      if (useSelection.getState().caseId !== caseId) return
      notify(`The open document was not remembered: ${errorMessage(e)}`, 'error')
    })
  }, [caseId, docId, lookedUp, notify])
}
