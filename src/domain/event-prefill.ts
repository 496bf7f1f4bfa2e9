/**
 * What a new event's form proposes from its passage: the actors who act and are acted on and
 * the places, each a guess that says where it came from. The analyst's selection is read
 * first — tags inside it, split by the verb when it has one (before the verb act, after it
 * are acted on) — then the sentence around it fills what the selection left empty: its first
 * actor before the selection as the one who acts, the first after it as the one acted on,
 * its places when the selection names none of its own and no actor either. A quotation inside the sentence is someone's words, not the reporter's
 * account: its tags are never taken unless the analyst selected them.
 */

/** A tag as the pre-fill sees it. */
export interface PrefillTag {
  start: number
  end: number
  kind: string
  entityId?: string
}

/** One proposed actor or place, and whether the selection or only its sentence named it. */
export interface Guess {
  id: string
  from: 'selection' | 'sentence'
}

/** The proposals for a new event. */
export interface EventPrefill {
  initiators: Guess[]
  targets: Guess[]
  places: Guess[]
}

type Span = { start: number; end: number }

const QUOTE_PAIRS: [string, string][] = [
  ['“', '”'],
  ['"', '"'],
  ['«', '»'],
]

/** The quotations inside [start, end) of `text` ("…" and “…” and «…»), as spans. */
export function quotationSpans(text: string, start: number, end: number): Span[] {
  const spans: Span[] = []
  for (const [open, close] of QUOTE_PAIRS) {
    let i = text.indexOf(open, start)
    while (i >= 0 && i < end) {
      const j = text.indexOf(close, i + 1)
      // An unclosed quotation runs to the end of the sentence: still someone's words.
      const stop = j < 0 || j >= end ? end : j + 1
      spans.push({ start: i, end: stop })
      i = text.indexOf(open, stop)
    }
  }
  return spans
}

const inside = (t: Span, s: Span) => t.start >= s.start && t.end <= s.end

/**
 * The pre-fill of a new event from the passage `selection` inside `sentence` of `text`;
 * `verbAt` is where the verb of the selection starts, if it has one.
 */
export function prefillEvent(
  text: string,
  selection: Span,
  sentence: Span,
  tags: PrefillTag[],
  verbAt?: number,
): EventPrefill {
  const quotes = quotationSpans(text, sentence.start, sentence.end)
  const linked = tags
    .filter((t) => t.entityId && inside(t, sentence))
    .sort((a, b) => a.start - b.start)
  const selected = linked.filter((t) => inside(t, selection))
  const around = linked.filter(
    (t) => !inside(t, selection) && !quotes.some((q) => t.start < q.end && t.end > q.start),
  )
  const actorsIn = selected.filter((t) => t.kind === 'actor')
  const verbInside = verbAt !== undefined && verbAt >= selection.start && verbAt < selection.end

  let initiators: PrefillTag[]
  let targets: PrefillTag[]
  if (verbInside) {
    initiators = actorsIn.filter((t) => t.end <= verbAt)
    targets = actorsIn.filter((t) => t.start >= verbAt)
  } else {
    initiators = actorsIn.slice(0, 1)
    targets = actorsIn.slice(1)
  }
  const guesses = (list: PrefillTag[], from: Guess['from']): Guess[] =>
    list.map((t) => ({ id: t.entityId!, from }))
  const who = guesses(initiators, 'selection')
  const whom = guesses(targets, 'selection')
  if (who.length === 0) {
    const subject = around.find((t) => t.kind === 'actor' && t.end <= selection.start)
    if (subject) who.push({ id: subject.entityId!, from: 'sentence' })
  }
  if (whom.length === 0) {
    const object = around.find(
      (t) =>
        t.kind === 'actor' && t.start >= selection.end && !who.some((g) => g.id === t.entityId),
    )
    if (object) whom.push({ id: object.entityId!, from: 'sentence' })
  }
  // A place elsewhere in the sentence is often another event's (the meeting in Moscow in the
  // sentence of the missile strike): it is guessed only when the selection names nothing.
  const placesIn = selected.filter((t) => t.kind === 'location')
  const places = placesIn.length
    ? guesses(placesIn, 'selection')
    : selected.length
      ? []
      : guesses(
          around.filter((t) => t.kind === 'location'),
          'sentence',
        )
  const unique = (list: Guess[], not: Guess[] = []) =>
    list.filter(
      (g, i) => list.findIndex((x) => x.id === g.id) === i && !not.some((x) => x.id === g.id),
    )
  const initiatorsOut = unique(who)
  return {
    initiators: initiatorsOut,
    targets: unique(whom, initiatorsOut),
    places: unique(places),
  }
}
