/**
 * `useCopyGroups`: the open case's near-identical copies (document id → its original's id),
 * found by the copies worker (`services/copies/`) from the texts it reads itself. The
 * document list is a live query (so a new or deleted document is taken into account); the
 * texts, and shingling them (~20 s of CPU at 100,000 documents), never touch this thread.
 */
import { useEffect, useState } from 'react'
import { useCopyDocs } from '../db/hooks'
import { copiesClient } from '../services/copies/copies-client'
import { errorMessage } from './errors'
import { useNotices } from './stores/notices'

/** The case's copy groups; undefined while they are worked out for the first time. */
export function useCopyGroups(caseId: string | undefined): Map<string, string> | undefined {
  const read = useCopyDocs(caseId)
  // The previous case's list while this one's is read: not worked on.
  const docs = read && read.caseId === caseId ? read.docs : undefined
  const [found, setFound] = useState<{ caseId: string | undefined; groups: Map<string, string> }>()
  useEffect(() => {
    if (!docs) return
    let live = true
    copiesClient()
      .find(docs)
      .then(
        (groups) => {
          if (live && groups) setFound({ caseId, groups })
        },
        (e: unknown) => {
          if (!live) return
          // Corroboration still works without them: each document is then its own origin.
          setFound({ caseId, groups: new Map() })
          useNotices
            .getState()
            .notify(
              `Near-identical copies could not be found (${errorMessage(e)}): each document counts as its own origin until the case is reopened.`,
              'error',
            )
        },
      )
    return () => {
      live = false
    }
  }, [docs, caseId])
  return found && found.caseId === caseId ? found.groups : undefined
}
