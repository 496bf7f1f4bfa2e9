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
  text: '1.0.0',
  markdown: '1.0.0',
  html: '1.0.0',
  pdf: '1.0.0',
  docx: '1.0.0',
}
