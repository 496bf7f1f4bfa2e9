/**
 * Splits a document's stored text into paragraphs with their offsets, so that the reader
 * can render paragraphs while every position still refers to the one stored text.
 */

export interface Paragraph {
  /** Offset of the paragraph's first character in the document text. */
  start: number
  end: number
  text: string
}

/** Paragraphs are separated by one or more blank lines; offsets index the original text. */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = []
  const sep = /\n[ \t]*\n\s*/g
  let start = 0
  for (let m = sep.exec(text); m; m = sep.exec(text)) {
    if (m.index > start) out.push({ start, end: m.index, text: text.slice(start, m.index) })
    start = m.index + m[0].length
  }
  if (start < text.length) out.push({ start, end: text.length, text: text.slice(start) })
  return out
}
