/**
 * The fixed top level of event types, close to PLOVER/CAMEO, each with whether it is
 * cooperation or conflict (the timeline and the graph colour by it). A case may add its
 * own types; those count as neutral.
 */

export type EventFamily = 'cooperation' | 'conflict' | 'neutral'

export const EVENT_TYPES: { id: string; label: string; family: EventFamily }[] = [
  { id: 'consult', label: 'Consult / meet', family: 'cooperation' },
  { id: 'statement', label: 'Make statement', family: 'neutral' },
  { id: 'appeal', label: 'Appeal', family: 'neutral' },
  { id: 'accuse', label: 'Accuse / threaten', family: 'conflict' },
  { id: 'protest', label: 'Protest', family: 'conflict' },
  { id: 'sanction', label: 'Sanction / coerce', family: 'conflict' },
  { id: 'mobilise', label: 'Mobilise', family: 'conflict' },
  { id: 'assault', label: 'Assault / strike', family: 'conflict' },
  { id: 'clash', label: 'Armed clash', family: 'conflict' },
  { id: 'aid', label: 'Aid', family: 'cooperation' },
  { id: 'agree', label: 'Agree / cooperate', family: 'cooperation' },
  { id: 'other', label: 'Other', family: 'neutral' },
]

/** The family of a type id (custom types are neutral). */
export function familyOf(type: string): EventFamily {
  return EVENT_TYPES.find((t) => t.id === type)?.family ?? 'neutral'
}

/** The label of a type id (custom types show as typed). */
export function typeLabel(type: string): string {
  return EVENT_TYPES.find((t) => t.id === type)?.label ?? type
}

const ABBREVIATION =
  /(?:^|[\s(])(?:(?:\p{Lu}\.)*\p{Lu}|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Prof|Jr|Sr|No|vs|etc|approx)$/u

/**
 * The sentence around [start, end) in `text`: from the previous sentence end or paragraph
 * break to the next. Used to pre-fill an event from a passage.
 */
export function sentenceAround(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } {
  // "U.S.", "Mr." and initials end with a full stop but not a sentence.
  const abbreviation = (i: number) =>
    text[i] === '.' && ABBREVIATION.test(text.slice(Math.max(0, i - 12), i))
  const endsSentence = (i: number) =>
    text[i] === '\n' ||
    (/[.!?]/.test(text[i] ?? '') &&
      (i + 1 >= text.length || /\s/.test(text[i + 1]!)) &&
      !abbreviation(i))
  let a = start
  while (a > 0 && !endsSentence(a - 1)) a--
  while (a < start && /\s/.test(text[a]!)) a++
  let b = end
  while (b < text.length && !endsSentence(b - 1)) b++
  if (text[b - 1] === '\n') b--
  return { start: a, end: Math.min(text.length, b) }
}
