/**
 * What a new event's form proposes from its passage: the actors who act and are acted on and
 * the places, each a guess that says where it came from. The analyst's selection is read
 * first — tags inside it, split by the verb when it has one (before the verb act, after it
 * are acted on) — then the passage's own clause fills what the selection left empty: its first
 * actor before the selection as the one who acts, the first after it as the one acted on, its
 * places when the selection names none of its own and no actor either. A sentence often holds
 * two events ("…, firing missiles at bases in Qatar just hours after its top diplomat met with
 * Vladimir Putin in Moscow"): a clause is bounded by punctuation (a comma before a list's next
 * name aside) and by a subordinating word (after, while, which …), and another clause's actors
 * and places are not this event's. Only the one who acts may come from before the clause — a
 * participle's subject is the main clause's ("Iran launched …, firing missiles") — and then
 * from a main clause, never a subordinate one. A quotation inside the sentence is someone's
 * words, not the reporter's account: its tags are never taken unless the analyst selected them.
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

/** A clause of a sentence; `subordinate` when it opens with a subordinating word. */
export interface Clause extends Span {
  subordinate: boolean
}

// Words that open a subordinate clause. Not "as" ("as well as", "such as") nor "that" (a
// determiner as often as a conjunction): a missed boundary only widens the clause.
const SUBORDINATORS =
  'after|before|while|when|whereas|because|since|although|though|until|unless|where|which|who|whom|whose'
const BREAK = new RegExp(`[,;:()—–]|\\s-\\s|\\b(?:${SUBORDINATORS})\\b`, 'giu')

/**
 * The clauses of `sentence` in `text`, in order: split after punctuation and before a
 * subordinating word. A comma between two tagged names of one kind (past an optional "and"/
 * "or") is a list's, not a boundary: "Fordow, Natanz, and Isfahan"; "in Moscow, Iran fired" is
 * a boundary. `names` are the sentence's tagged names.
 */
export function clausesOf(
  text: string,
  sentence: Span,
  names: Pick<PrefillTag, 'start' | 'end' | 'kind'>[] = [],
): Clause[] {
  const kindEndingAt = new Map(names.map((t) => [t.end, t.kind]))
  const kindStartingAt = new Map(names.map((t) => [t.start, t.kind]))
  const cuts: { at: number; subordinate: boolean }[] = []
  const part = text.slice(sentence.start, sentence.end)
  for (const m of part.matchAll(BREAK)) {
    const at = sentence.start + m.index
    if (/^\p{L}/u.test(m[0])) {
      cuts.push({ at, subordinate: true })
      continue
    }
    const after = at + m[0].length
    if (m[0] === ',') {
      const next = /^\s*(?:(?:and|or)\s+)?/iu.exec(text.slice(after, sentence.end))![0].length
      const kind = kindStartingAt.get(after + next)
      if (kind && kindEndingAt.get(at) === kind) continue
    }
    cuts.push({ at: after, subordinate: false })
  }
  const clauses: Clause[] = []
  let from = sentence.start
  let subordinate = false
  for (const cut of cuts) {
    if (cut.at > from) clauses.push({ start: from, end: cut.at, subordinate })
    if (cut.at >= from) {
      from = cut.at
      subordinate = cut.subordinate
    }
  }
  if (sentence.end > from) clauses.push({ start: from, end: sentence.end, subordinate })
  return clauses
}

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
  // The passage's own clause: from the boundary before the selection to the one after it
  // (boundaries inside the selection do not count: the analyst chose those words together).
  const clauses = clausesOf(text, sentence, linked)
  const own: Span = {
    start: clauses.findLast((c) => c.start <= selection.start)?.start ?? sentence.start,
    end: clauses.find((c) => c.end >= selection.end)?.end ?? sentence.end,
  }
  const inOwn = around.filter((t) => inside(t, own))
  const mainClause = (t: PrefillTag) =>
    !clauses.some((c) => c.subordinate && t.start >= c.start && t.start < c.end)
  if (who.length === 0) {
    const before = (t: PrefillTag) => t.kind === 'actor' && t.end <= selection.start
    const subject =
      inOwn.find(before) ?? around.find((t) => before(t) && t.start < own.start && mainClause(t))
    if (subject) who.push({ id: subject.entityId!, from: 'sentence' })
  }
  if (whom.length === 0) {
    const object = inOwn.find(
      (t) =>
        t.kind === 'actor' && t.start >= selection.end && !who.some((g) => g.id === t.entityId),
    )
    if (object) whom.push({ id: object.entityId!, from: 'sentence' })
  }
  // A place in another clause is another event's (the meeting in Moscow in the sentence of the
  // missile strike); one in the passage's clause is guessed only when the selection names
  // nothing.
  const placesIn = selected.filter((t) => t.kind === 'location')
  const places = placesIn.length
    ? guesses(placesIn, 'selection')
    : selected.length
      ? []
      : guesses(
          inOwn.filter((t) => t.kind === 'location'),
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
