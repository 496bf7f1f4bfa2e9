/**
 * The upper bounds on what a record may hold (lengths, sizes, list lengths), shared by the
 * record schemas (`record-schemas.ts`, zod) and the checks that must run without zod (the
 * view-state checks, `view-state-check.ts`), so that the two read the same numbers.
 */

/** Upper bounds on lengths and sizes, in UTF-16 code units for strings. */
export const LIMITS = {
  id: 128,
  caseTitle: 200,
  /** Kinds, event and relation types, mime types, languages, versions, hashes. */
  short: 200,
  /** Names, titles, aliases, file names, rules, warnings. */
  name: 2_000,
  url: 8_192,
  /** Notes, descriptions, BLUFs, section bodies, judgement text, quotes. */
  long: 1_000_000,
  /** Prefix and suffix of an anchor (about 32 characters in practice). */
  context: 2_000,
  /** The text of one document. */
  text: 50_000_000,
  /** Small lists: aliases, actors of one event, warnings, judgements, sections. */
  smallList: 1_000,
  /** Larger lists: evidence, grade history, page starts, event ids. */
  list: 100_000,
  /** Nesting depth and number of values of a change-log snapshot (`before`/`after`). */
  snapshotDepth: 32,
  snapshotValues: 100_000,
} as const
