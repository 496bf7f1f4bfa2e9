/** Opens the built-in sample case as a new case and shows its first document. */
import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'

/** Returns [open, busy]: `open()` creates the sample case; `busy` while it imports. */
export function useOpenSampleCase(): [() => Promise<void>, boolean] {
  const { openCase, openDocument } = useSelection(
    useShallow((s) => ({ openCase: s.openCase, openDocument: s.openDocument })),
  )
  const notify = useNotices((s) => s.notify)
  const [busy, setBusy] = useState(false)
  const open = async () => {
    setBusy(true)
    try {
      // The sample's documents and analysis load only when asked for, not at start-up.
      const { openSampleCase } = await import('./sample-case')
      const { caseId, report, created } = await openSampleCase(getDb())
      openCase(caseId)
      const first = report.files.find((f) => f.docId)
      if (first?.docId) openDocument(first.docId)
      notify(
        `Sample case opened: ${report.imported} documents, ${created.tags} tags, ${created.events} events.`,
        'success',
      )
    } catch (e) {
      notify(`The sample case could not be opened: ${errorMessage(e)}`, 'error')
    } finally {
      setBusy(false)
    }
  }
  return [open, busy]
}
