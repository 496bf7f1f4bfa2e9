/**
 * The version of each importer, stored with every document it produces so that a document
 * can be traced to the code that made its text. One table for all formats because they
 * share the decoder and the normaliser: a change there bumps every importer it touches.
 *
 * Bump rules (semver, judged by what the importer outputs for the same file):
 * - MAJOR: the text of any file that imported before can change. The text hash changes
 *   with it, so re-importing that file is no longer reported as a duplicate, and anchors
 *   made on the old text may need re-anchoring. `expected.json` pins each fixture's hash
 *   so such changes cannot slip through unnoticed.
 * - MINOR: the text is unchanged for every file that imported before, but metadata or
 *   warnings can differ, or files that used to fail now import.
 * - PATCH: nothing that any file produces changes (refactoring, messages of errors).
 */
import type { ImporterName } from '../domain/types'

/** Current version of each importer. */
export const IMPORTER_VERSIONS: Readonly<Record<ImporterName, string>> = {
  // 1.1: UTF-16 without a byte-order mark is read (was refused as binary).
  text: '1.1.0',
  // 2.0: inline patterns made linear; nested brackets inside link text read differently.
  markdown: '2.0.0',
  // 1.1: UTF-16 without a BOM read; over-complex pages refused as TOO_COMPLEX.
  html: '1.1.0',
  // 2.0: line-end hyphens of broken words removed; garbled text layers flagged.
  // 2.1: pages without a usable text layer are read by OCR (used to be left empty).
  pdf: '2.1.0',
  // 2.0: comments kept, marked in the text and listed at the end; bombs counted by what
  // really unpacks.
  docx: '2.0.0',
  // 1.0: PNG, JPEG and WebP images read by OCR (tesseract.js).
  image: '1.0.0',
}
