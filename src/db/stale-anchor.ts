/**
 * The check that keeps a tag on the words the analyst saw. Suggestions, selections and
 * "Tag all mentions" are computed on one version of a document's text; by the time they are
 * accepted, Replace text (or its undo) may have put other words at those offsets. Called
 * INSIDE the write transaction that adds the tags (which must include `documents` and
 * `texts`), it refuses with STALE_ANCHOR unless the text's hash is still the expected one and
 * every span still holds exactly its quoted words — so no later write can slip in between.
 */
import { StoreError } from './errors'
import type { CasefileDB } from './schema'

/** A span to be tagged with the words it was seen to hold. */
export interface QuotedSpan {
  start: number
  end: number
  /** The words at `start`–`end` when the span was found. */
  exact: string
}

/**
 * Throws StoreError STALE_ANCHOR when the document's text changed from the version the spans
 * were found on: its hash is not `textHash` (when given) or a span no longer quotes its
 * words. NOT_FOUND when the document is gone. Returns the current text.
 */
export async function assertAnchorsCurrent(
  db: CasefileDB,
  docId: string,
  spans: readonly QuotedSpan[],
  textHash?: string,
): Promise<string> {
  const [meta, row] = await Promise.all([db.documents.get(docId), db.texts.get(docId)])
  if (!meta || !row) throw new StoreError('NOT_FOUND', 'That document no longer exists.')
  const moved = spans.find((s) => row.text.slice(s.start, s.end) !== s.exact)
  if ((textHash !== undefined && meta.textHash !== textHash) || moved) {
    throw new StoreError(
      'STALE_ANCHOR',
      `The text of “${meta.title}” has changed since ${
        moved ? `“${clip(moved.exact)}” was found` : 'these words were found'
      } (Replace text, or its undo): nothing was tagged, so that no other words get the tag. ` +
        'Look at the document as it is now and tag the words where they are.',
    )
  }
  return row.text
}

function clip(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > 40 ? `${t.slice(0, 39)}…` : t
}
