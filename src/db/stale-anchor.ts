/**
 * The check that keeps a tag on the words the analyst saw. Suggestions, selections and
 * "Tag all mentions" are computed on one version of a document's text; by the time they are
 * accepted, Replace text (or its undo) may have put other words at those offsets. Called
 * INSIDE the write transaction that adds the tags (which must include `documents` and
 * `texts`), it refuses with STALE_ANCHOR unless the text's hash is still the expected one and
 * every span still holds exactly its quoted words — so no later write can slip in between.
 * `assertTextUnchanged` checks the hash alone (no text read) for spans already checked against
 * the text of that hash before the write began.
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
    throw staleAnchorError(meta.title, moved)
  }
  return row.text
}

function clip(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > 40 ? `${t.slice(0, 39)}…` : t
}

/**
 * Throws StoreError STALE_ANCHOR when the document's text is no longer the version whose hash
 * is `textHash`, NOT_FOUND when the document is gone. Reads the document's metadata only,
 * not its text: called INSIDE the write transaction (which must include `documents`), it
 * holds the same guarantee as `assertAnchorsCurrent` for spans that were checked against the
 * text of that hash — a text is written only together with its hash (import, Replace text
 * and their undo), so an unchanged hash is an unchanged text — without reading megabytes of
 * text while the write holds its tables.
 */
export async function assertTextUnchanged(
  db: CasefileDB,
  docId: string,
  textHash: string,
): Promise<void> {
  const meta = await db.documents.get(docId)
  if (!meta) throw new StoreError('NOT_FOUND', 'That document no longer exists.')
  if (meta.textHash !== textHash) throw staleAnchorError(meta.title)
}

/**
 * Throws StoreError STALE_ANCHOR unless every span of `spans` quotes its words in `text` (the
 * text of the document titled `title`, read before the write).
 */
export function assertSpansQuote(text: string, spans: readonly QuotedSpan[], title: string): void {
  const moved = spans.find((s) => text.slice(s.start, s.end) !== s.exact)
  if (moved) throw staleAnchorError(title, moved)
}

/** The STALE_ANCHOR error for the document titled `title` (and the span that moved, if known). */
export function staleAnchorError(title: string, moved?: QuotedSpan): StoreError {
  return new StoreError(
    'STALE_ANCHOR',
    `The text of “${title}” has changed since ${
      moved ? `“${clip(moved.exact)}” was found` : 'these words were found'
    } (Replace text, or its undo): nothing was tagged, so that no other words get the tag. ` +
      'Look at the document as it is now and tag the words where they are.',
  )
}
