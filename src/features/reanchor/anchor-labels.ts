/**
 * Words for anchor statuses, shared by the re-anchoring report and the anchors panel:
 * "Exact", "Moved", "Fuzzy 0.87", "Orphan". A fuzzy score is shown with two decimals, cut
 * rather than rounded, so that a score just under the threshold never reads as reaching it.
 */
import type { AnchorStatus } from '../../db/reanchor'
import type { AnnotationRecord } from '../../domain/types'

const NAMES: Record<AnchorStatus, string> = {
  exact: 'Exact',
  moved: 'Moved',
  fuzzy: 'Fuzzy',
  orphan: 'Orphan',
}

/** A score of 0..1 as two decimals, cut: 0.8883 → "0.88". */
export function formatScore(score: number): string {
  // The epsilon keeps binary fractions honest: 0.29 * 100 is 28.999999999999996.
  return (Math.floor(Math.max(0, Math.min(1, score)) * 100 + 1e-9) / 100).toFixed(2)
}

/** "Exact", "Moved", "Orphan", or "Fuzzy 0.88" when a score is known. */
export function statusLabel(status: AnchorStatus, score?: number): string {
  return status === 'fuzzy' && score !== undefined
    ? `${NAMES.fuzzy} ${formatScore(score)}`
    : NAMES[status]
}

/** The label of a stored tag's anchor: its flag, or "Exact" when it has none. */
export function tagAnchorLabel(tag: Pick<AnnotationRecord, 'anchor'>): string {
  return tag.anchor ? statusLabel(tag.anchor.status, tag.anchor.score) : NAMES.exact
}
