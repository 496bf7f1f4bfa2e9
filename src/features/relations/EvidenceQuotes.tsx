/**
 * Evidence passages as the inspector shows them for relations and for the events and
 * relations behind a graph edge: each quoted, with its document, its source and the
 * Admiralty grade (the source's reliability with the passage's — or the record's —
 * credibility), one click or Enter from the passage in the reader. Orphaned passages say
 * so instead of opening the wrong words; deleted ones are counted. The caller reads the
 * passages, documents and sources once and passes them in, so a list of many records costs
 * one query of each, not one per record.
 */
import type { ReactNode } from 'react'
import { useSelection } from '../../ui/stores/selection'
import type { AnnotationRecord, Credibility, DocumentMeta, SourceRecord } from '../../domain/types'
import { GradeBadge } from '../reader/GradeBadge'

/** Props of `EvidenceQuotes`. */
export interface EvidenceQuotesProps {
  /** The record's evidence: annotation ids, in its order. */
  ids: string[]
  /** Passages by id (from `useEvidence`); undefined while loading. */
  evidence: Map<string, AnnotationRecord> | undefined
  /** The case's documents by id. */
  docs: Map<string, DocumentMeta>
  /** The case's sources by id; undefined while loading. */
  sources: Map<string, SourceRecord> | undefined
  /** The record's own credibility, shown where a passage has none (events). */
  credibility?: Credibility
  /** `data-testid` of each passage's `li`. */
  itemTestId: string
  /** Shown when the record has no evidence at all. */
  emptyText: string
  /** Controls shown under each passage (the event inspector's stance toggle). */
  actions?: (passage: AnnotationRecord) => ReactNode
}

/** The list of a record's evidence passages; see the module comment. */
export function EvidenceQuotes({
  ids,
  evidence,
  docs,
  sources,
  credibility,
  itemTestId,
  emptyText,
  actions,
}: EvidenceQuotesProps) {
  const openDocument = useSelection((s) => s.openDocument)
  const passages = ids
    .map((id) => evidence?.get(id))
    .filter((a): a is AnnotationRecord => a !== undefined)
  const missing = evidence ? ids.length - passages.length : 0
  return (
    <>
      {passages.length > 0 && (
        <ul className="plain-list evidence-list">
          {passages.map((a) => {
            const doc = docs.get(a.docId)
            const source = doc?.sourceId ? sources?.get(doc.sourceId) : undefined
            const orphan = a.anchor?.status === 'orphan'
            const show = () => {
              if (!orphan) openDocument(a.docId, { start: a.start, end: a.end })
            }
            return (
              <li key={a.id} data-testid={itemTestId}>
                <blockquote
                  className={orphan ? 'quote orphan' : 'quote'}
                  role="button"
                  tabIndex={0}
                  title={orphan ? 'No longer in the document' : 'Show in the document'}
                  onClick={show}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') show()
                  }}
                >
                  {a.exact}
                </blockquote>
                <div className="muted evidence-source">
                  <GradeBadge
                    reliability={source?.reliability}
                    credibility={a.credibility ?? credibility}
                  />{' '}
                  {doc?.title ?? 'Deleted document'}
                  {source && ` · ${source.name}`}
                </div>
                {actions?.(a)}
                {orphan && (
                  <p className="warning">
                    Orphaned: these words are no longer in the document. Re-attach the passage under
                    Anchors or remove it from the evidence.
                  </p>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {missing > 0 && (
        <p className="warning">
          {missing} evidence passage{missing === 1 ? ' was' : 's were'} deleted.
        </p>
      )}
      {ids.length === 0 && <p className="muted">{emptyText}</p>}
    </>
  )
}
