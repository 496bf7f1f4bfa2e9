/**
 * What the delete-case dialog says will be lost: every kind of record `caseContents` counts,
 * in words ("2 documents, 1 tagged passage, … and its history of 9 changes"), the kinds the
 * case has none of left out.
 */
import type { CaseContents } from '../../db/cases'
import { listInWords, plural } from '../../ui/plural'

/** The nouns of the counted kinds, in the order the dialog lists them. */
const NOUNS: readonly [Exclude<keyof CaseContents, 'changes'>, string][] = [
  ['documents', 'document'],
  ['annotations', 'tagged passage'],
  ['entities', 'entity'],
  ['events', 'event'],
  ['relations', 'relation'],
  ['hypotheses', 'hypothesis'],
  ['briefings', 'briefing'],
  ['sources', 'publisher'],
]

/**
 * The case's contents as the dialog lists them, or '' when it holds nothing but its own
 * creation (a new, empty case).
 */
export function deleteSummary(n: CaseContents): string {
  const kinds = NOUNS.flatMap(([key, noun]) => (n[key] ? [plural(n[key], noun)] : []))
  if (!kinds.length) return ''
  if (n.changes) kinds.push(`its history of ${plural(n.changes, 'change')}`)
  return listInWords(kinds)
}
