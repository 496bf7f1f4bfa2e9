/**
 * The plain-text importer. The decoded text is only normalised: line breaks inside a
 * paragraph are kept as the author wrote them, because a text file cannot tell a wrapped
 * line from a deliberate one (lists, addresses, datelines) and guessing would change what
 * the analyst quotes. The title is the first non-empty line.
 */
import type { ParsedDocument } from './extract-types'
import { firstLineTitle, normaliseText } from './normalise'

/** Extracts a plain-text document from its decoded text. */
export function extractPlainText(source: string): ParsedDocument {
  const text = normaliseText(source)
  return { title: firstLineTitle(text), text, warnings: [] }
}
