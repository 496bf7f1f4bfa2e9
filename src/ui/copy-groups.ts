/**
 * `useCopyGroups`: the open case's near-identical copies (document id → its original's id),
 * found by the copies worker (`services/copies/`) from the texts it reads itself. The
 * document list is the case's shared one (`case-documents.ts`: read once, kept current by the
 * change feed, so a new or deleted document is taken into account); the texts, and shingling
 * them (~20 s of CPU at 100,000 documents), never touch this thread.
 */
import { useEffect, useMemo, useState } from 'react'
import type { DocumentMeta } from '../domain/types'
import { useDocuments } from './case-documents'
import { copiesClient } from '../services/copies/copies-client'
import { errorMessage } from './errors'
import { useNotices } from './stores/notices'

/** The case's copy groups; undefined while they are worked out for the first time. */
export function useCopyGroups(caseId: string | undefined): Map<string, string> | undefined {
  // Undefined while this case's list is read (never the previous case's list).
  const docs = useCopyInput(useDocuments(caseId))
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

/** What copy detection needs of each document (no text: the worker reads the texts itself). */
type CopyInput = Pick<DocumentMeta, 'id' | 'textHash' | 'publishedAt' | 'importedAt'>

/** The copies worker's input from the case's documents, made again only when they change. */
function useCopyInput(documents: readonly DocumentMeta[] | undefined): CopyInput[] | undefined {
  return useMemo(
    () =>
      documents?.map((d) => ({
        id: d.id,
        textHash: d.textHash,
        publishedAt: d.publishedAt,
        importedAt: d.importedAt,
      })),
    [documents],
  )
}
