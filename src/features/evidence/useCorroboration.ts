/**
 * The case's corroboration, computed on demand from live records (domain/corroboration.ts):
 * every event's and relation's reports, independent origins, grades and contradicting
 * passages, with near-identical copies found from the texts (domain/text-copies.ts). It is
 * derived, never stored: the live queries re-run after each committed write and the whole
 * computation is linear (10,000 events over 30,000 passages in tens of milliseconds, see
 * `npm run bench`), so the inspector, the timeline and the briefing always agree.
 */
import { useMemo } from 'react'
import { useCaseAnnotations, useEvents, useRelations } from '../../db/hooks'
import { useDocuments, useSources } from '../../ui/case-documents'
import { useCopyGroups } from '../../ui/copy-groups'
import {
  corroborateAll,
  OriginResolver,
  type Corroboration,
  type CorroborationContext,
} from '../../domain/corroboration'

/** The case's corroboration by event or relation id, and the resolver it was made with. */
export interface CaseCorroboration {
  byId: Map<string, Corroboration>
  resolver: OriginResolver
  copies: Map<string, string>
}

/** See the module comment; undefined while the records load. */
export function useCaseCorroboration(caseId: string | undefined): CaseCorroboration | undefined {
  const events = useEvents(caseId)
  const relations = useRelations(caseId)
  const passages = useCaseAnnotations(caseId)
  const documents = useDocuments(caseId)
  const sources = useSources(caseId)
  const copies = useCopyGroups(caseId)
  return useMemo(() => {
    if (!events || !relations || !passages || !documents || !sources || !copies) return undefined
    const ctx: CorroborationContext = {
      passages,
      documents: new Map(documents.map((d) => [d.id, d])),
      sources,
      copies,
    }
    const byId = corroborateAll([...events, ...relations], ctx)
    return { byId, resolver: new OriginResolver(ctx), copies }
  }, [events, relations, passages, documents, sources, copies])
}
