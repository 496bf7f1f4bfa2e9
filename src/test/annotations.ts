/**
 * Test support: annotation records made by hand, without a database, for code that draws or
 * reads tags (the reader's text, finding untagged mentions). Imported by tests only.
 */
import type { AnnotationKind, AnnotationRecord } from '../domain/types'

/** What a hand-made tag may set; the rest is a plain note in case `c`, document `d`. */
export interface TagFields {
  /** Default: `<quote>-<start>`. */
  id?: string
  /** Default: `note`. */
  kind?: AnnotationKind
  entityId?: string
  /** Which occurrence of the quote, from 0 (default). */
  occurrence?: number
  /** Default: `d`. */
  docId?: string
}

/**
 * A tag over the `occurrence`-th `quote` in `text`, with no context and no credibility: what a
 * component or a pure function needs of it. Throws when the text has no such occurrence.
 */
export function tagOver(text: string, quote: string, fields: TagFields = {}): AnnotationRecord {
  let start = -1
  for (let i = 0; i <= (fields.occurrence ?? 0); i++) start = text.indexOf(quote, start + 1)
  if (start < 0) throw new Error(`not in the text: ${quote}`)
  return {
    id: fields.id ?? `${quote}-${start}`,
    caseId: 'c',
    docId: fields.docId ?? 'd',
    start,
    end: start + quote.length,
    exact: quote,
    prefix: '',
    suffix: '',
    textHash: 'h',
    kind: fields.kind ?? 'note',
    createdAt: 0,
    ...(fields.entityId ? { entityId: fields.entityId } : {}),
  }
}

/**
 * A one-character event tag `id` in document `docId` of case `caseId`: a cited passage, for
 * code that reads tags by id and document (the graph's grades).
 */
export function passageTag(id: string, caseId: string, docId: string): AnnotationRecord {
  return {
    id,
    caseId,
    docId,
    start: 0,
    end: 1,
    exact: 'x',
    prefix: '',
    suffix: '',
    textHash: 'h',
    kind: 'event',
    createdAt: 0,
  }
}
