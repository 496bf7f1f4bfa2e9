/**
 * The one rule for information credibility (Admiralty 1–6) of events and their evidence, so
 * that the inspector, the event form and the briefing always show the same grade:
 *
 * - a passage's credibility is the grade set on the passage (its tag), if any;
 * - an event's credibility is the grade set on the event; where none is set, it defaults
 *   from its evidence: the best grade among its graded passages;
 * - where an event cites a passage, the citation carries the passage's own grade, else the
 *   event's credibility (the grade the analyst gave the account as a whole).
 *
 * Every figure says where it came from, so a grade is never shown without its reason.
 */
import type { Credibility } from './types'

/** A grade and where it came from. */
export interface Graded {
  grade: Credibility | undefined
  /** 'passage': set on the passage; 'event': set on the event; 'evidence': the best of the event's passages. */
  from: 'passage' | 'event' | 'evidence' | 'none'
}

/** An event's credibility: its own grade, else the best grade of its evidence passages. */
export function eventCredibility(
  event: { confidence?: Credibility | undefined },
  passages: readonly { credibility?: Credibility | undefined }[],
): Graded {
  if (event.confidence) return { grade: event.confidence, from: 'event' }
  const graded = passages.map((p) => p.credibility).filter((g): g is Credibility => !!g)
  if (graded.length === 0) return { grade: undefined, from: 'none' }
  return { grade: Math.min(...graded) as Credibility, from: 'evidence' }
}

/**
 * The credibility printed beside a passage where `event` cites it: the passage's own grade,
 * else the event's credibility (`eventCredibility`, over all of the event's passages).
 */
export function citedCredibility(
  passage: { credibility?: Credibility | undefined },
  event: { confidence?: Credibility | undefined },
  passages: readonly { credibility?: Credibility | undefined }[],
): Graded {
  if (passage.credibility) return { grade: passage.credibility, from: 'passage' }
  const own = eventCredibility(event, passages)
  return own.grade ? own : { grade: undefined, from: 'none' }
}

/** Where a grade came from, in words ("set on the event"). */
export function gradeOrigin(g: Graded): string {
  switch (g.from) {
    case 'passage':
      return 'set on the passage'
    case 'event':
      return 'set on the event'
    case 'evidence':
      return 'from its best-graded evidence passage'
    default:
      return 'not graded'
  }
}
