/**
 * Guesses the tense that governs a time expression from the words of its sentence, so that
 * a month or weekday without a year can be read in the right direction from the publication
 * date ("met on Monday" is the last Monday, "will meet Monday" the coming one). A light
 * heuristic, not a parser: it finds verb-group markers (modals and going-to for the future;
 * was/were/had, -ed forms and common irregular pasts for the past; is/are for the present),
 * passes over reporting verbs ("said", "told") when anything else is there — "will meet
 * Monday, officials said" is about the future — and takes the marker nearest the expression.
 */

/** The tense governing an expression; 'unknown' when the sentence gives no sign. */
export type Tense = 'past' | 'present' | 'future' | 'unknown'

const FUTURE =
  /\b(?:will|won't|shall|would|'ll|(?:is|are|am|was|were) (?:going|due|set|scheduled|expected|slated|planning|preparing|to)(?= to\b| |$)|(?:plans?|planning|intends?|promised|vowed|agreed|hopes?|wants?|expects?|scheduled|slated) to|might|upcoming|forthcoming|next|coming|scheduled|slated)\b/gi
const PERFECT_OR_PAST =
  /\b(?:was|were|had|did|didn't|has been|have been|(?:has|have) (?:\w+ed|\w+en|been|met|made|had|held|said|told|won|lost|left|sent|taken|given|begun|come|gone|done|seen|found|got|gotten|struck|fought|fled|risen|fallen|thrown))\b/gi
const IRREGULAR_PAST =
  /\b(?:said|told|met|went|came|took|made|gave|left|began|fell|rose|won|lost|held|sent|shot|struck|fought|found|got|saw|spoke|wrote|ran|flew|fled|bought|sold|brought|caught|drove|ate|grew|knew|led|meant|paid|rode|sang|sat|slept|stood|stole|swam|swore|threw|took|understood|woke|wore|became|broke|chose|hung|hid|kept|laid|lay|overthrew|forgot|froze|felt|heard|built|spent|sought|taught|thought|won|shook|sank|sprang|withdrew|undertook|arose|awoke|blew|dealt|dug|drew|forbade|forgave|hit|struck)\b/gi
const ED = /\b[a-z]{3,}ed\b/gi
const NOT_PAST =
  /^(?:need|speed|feed|seed|breed|bleed|proceed|exceed|succeed|indeed|hundred|united|embed|creed|weed|greed|freed|reed|shed|bed|red|wed|fed|led|aged|naked|wicked|sacred|kindred|scheduled|planned|expected|proposed|intended|slated)$/i
const PASSIVE = /\b(?:is|are|am|be|being|been|was|were|get|gets|got)\s+(?:\w+ly\s+)?$/i
const PRESENT =
  /\b(?:is|are|am|isn't|aren't|does|doesn't|do|don't|has|have|remains?|seems?|continues?|says|tells|says)\b/gi
const REPORTING =
  /^(?:said|says|told|tells|added|reported|stated|announced|declared|explained|noted|insisted|according|claimed|wrote|asked|confirmed)$/i

interface Marker {
  at: number
  end: number
  tense: Exclude<Tense, 'unknown'>
  reporting: boolean
  weak: boolean
}

function collect(sentence: string): Marker[] {
  const out: Marker[] = []
  const add = (re: RegExp, tense: Marker['tense'], skip?: (w: string) => boolean) => {
    re.lastIndex = 0
    for (const m of sentence.matchAll(re)) {
      const w = m[0]
      if (skip?.(w)) continue
      out.push({
        at: m.index,
        end: m.index + w.length,
        tense,
        reporting: REPORTING.test(w),
        weak: tense === 'future' && /^(?:next|coming|upcoming|forthcoming)$/i.test(w),
      })
    }
  }
  add(FUTURE, 'future')
  add(PERFECT_OR_PAST, 'past')
  add(IRREGULAR_PAST, 'past')
  // A participle after a form of "be" is a passive or an adjective ("is being hosted",
  // "are expected"): the "be" carries the tense.
  add(ED, 'past', (w) => NOT_PAST.test(w) || /^(?:was|were|had|did)$/i.test(w))
  for (let i = out.length - 1; i >= 0; i--) {
    const m = out[i]!
    if (m.tense === 'past' && !m.reporting && PASSIVE.test(sentence.slice(0, m.at)))
      out.splice(i, 1)
  }
  add(PRESENT, 'present')
  // Words inside a longer marker ("has been" holds "has") belong to the longer one.
  return out.filter(
    (m) =>
      !out.some((o) => o !== m && o.at <= m.at && o.end >= m.end && o.end - o.at > m.end - m.at),
  )
}

/**
 * The tense nearest [start, end) in `sentence` (offsets into it): the closest marker that is
 * not a reporting verb, else the closest reporting verb, else 'unknown'. "next"/"coming"
 * inside the expression itself are left to the resolver.
 */
export function tenseAround(sentence: string, start: number, end: number): Tense {
  const markers = collect(sentence).filter((m) => m.end <= start || m.at >= end)
  if (markers.length === 0) return 'unknown'
  const distance = (m: Marker) => (m.end <= start ? start - m.end : m.at - end)
  const pick = (list: Marker[]) =>
    list.reduce((best, m) => (distance(m) < distance(best) ? m : best))
  // "said Friday that …", "announced Wednesday": a reporting verb right next to the date
  // dates the report itself.
  const nearest = pick(markers)
  if (nearest.reporting && distance(nearest) <= 1) return nearest.tense
  const main = markers.filter((m) => !m.reporting && !m.weak)
  if (main.length) return pick(main).tense
  return nearest.tense
}
