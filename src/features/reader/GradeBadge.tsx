/** The Admiralty grade as a compact badge with its meaning on hover. */
import type { Credibility, Reliability } from '../../domain/types'
import { CREDIBILITY_LABELS, RELIABILITY_LABELS, admiraltyCode } from '../../domain/format'

export function GradeBadge({
  reliability,
  credibility,
}: {
  reliability: Reliability | undefined
  credibility?: Credibility
}) {
  const r = reliability ?? 'F'
  const title =
    `Source: ${r} — ${RELIABILITY_LABELS[r]}` +
    (credibility ? `; information: ${credibility} — ${CREDIBILITY_LABELS[credibility]}` : '')
  return (
    <span className={`grade grade-${r}`} title={title} aria-label={title}>
      {admiraltyCode(r, credibility)}
    </span>
  )
}
