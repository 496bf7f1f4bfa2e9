/**
 * Date suggestions: the spans of Casefile's one date finder (`src/domain/time/find.ts`,
 * which the event form and batch use share), in the shape the suggestion recogniser takes.
 * The finder works on whole texts with a sentence splitter that knows abbreviations, keeps
 * the governing preposition and part of the day with each span, and leaves durations alone.
 */
import { findDates, PRESENT_CONFIDENCE } from '../domain/time/find'

/** One date or time expression found in a text. */
export interface DateSpan {
  start: number
  end: number
  confidence: number
  reason: string
}

/**
 * Finds date and time expressions in `text` to suggest; spans are sorted and do not overlap.
 * "now" and "the future" are found but not suggested: they name no time to tag.
 */
export function findDateSpans(text: string): DateSpan[] {
  return findDates(text)
    .filter((f) => f.confidence > PRESENT_CONFIDENCE)
    .map(({ start, end, confidence, reason }) => ({ start, end, confidence, reason }))
}
