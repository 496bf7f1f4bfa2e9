/**
 * A small verb lexicon that infers an event's type from the words of its passage: "met with"
 * is a meeting (consult), "fired missiles at" an assault, "said" a statement. It only ever
 * proposes: the event form shows the verb it went by, and an event whose words match nothing
 * starts with no type. The selection is read before the sentence around it, because the
 * analyst selected the words that say what happened.
 */

/** One inferred type, with the words it was inferred from. */
export interface VerbInference {
  /** The event type id (`event-types.ts`). */
  type: string
  /** The words that matched, as written ("met with"). */
  verb: string
  /** Where `verb` starts and ends in the text that was searched. */
  start: number
  end: number
}

/** Verb phrases by type; matched case-insensitively on word boundaries. */
const LEXICON: { type: string; phrases: string[] }[] = [
  {
    type: 'consult',
    phrases: [
      'met with',
      'meets with',
      'meeting with',
      'met',
      'meets',
      'held talks',
      'holds talks',
      'talks with',
      'hosted',
      'hosts',
      'visited',
      'visits',
      'spoke with',
      'spoke to',
      'consulted',
      'negotiated',
    ],
  },
  {
    type: 'statement',
    phrases: [
      'said',
      'says',
      'stated',
      'announced',
      'declared',
      'told',
      'wrote',
      'posted',
      'commented',
      'confirmed',
      'denied',
    ],
  },
  {
    type: 'appeal',
    phrases: ['called on', 'called for', 'calls for', 'urged', 'urges', 'appealed', 'requested'],
  },
  {
    type: 'accuse',
    phrases: [
      'accused',
      'accuses',
      'threatened',
      'threatens',
      'warned',
      'warns',
      'condemned',
      'condemns',
      'criticized',
      'criticised',
      'criticizes',
      'criticises',
      'blamed',
      'denounced',
      // An official complaint (CAMEO "complain officially"): a diplomatic protest, not a street one.
      'summoned',
      'summons',
      'lodged a protest',
      'complained',
    ],
  },
  { type: 'protest', phrases: ['protested', 'protests against', 'demonstrated', 'rallied'] },
  {
    type: 'sanction',
    phrases: ['sanctioned', 'imposed sanctions', 'expelled', 'banned', 'froze', 'blockaded'],
  },
  { type: 'mobilise', phrases: ['mobilised', 'mobilized', 'deployed', 'massed', 'sent troops'] },
  {
    type: 'assault',
    phrases: [
      'fired missiles at',
      'firing missiles at',
      'fires missiles at',
      'fired rockets at',
      'firing rockets at',
      'fired on',
      'fired at',
      'firing at',
      'launched a strike',
      'launched a direct strike',
      'launched strikes',
      'launched missiles',
      'struck',
      'strikes on',
      'attacked',
      'attacks on',
      'bombed',
      'shelled',
      'targeted',
      'hit',
      'raided',
      'invaded',
      'killed',
      'airstrikes on',
    ],
  },
  { type: 'clash', phrases: ['clashed', 'clashes with', 'fought', 'exchanged fire', 'battled'] },
  { type: 'aid', phrases: ['aided', 'sent aid', 'supplied', 'delivered aid', 'donated'] },
  {
    type: 'agree',
    phrases: [
      'agreed',
      'agrees',
      'signed',
      'reached an agreement',
      'reached a deal',
      'allied with',
      'cooperated',
    ],
  },
]

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Every phrase with its type, longest first, so "met with" wins over "met". */
const ENTRIES = LEXICON.flatMap(({ type, phrases }) => phrases.map((p) => ({ type, p })))
  .sort((a, b) => b.p.length - a.p.length)
  .map(({ type, p }) => ({
    type,
    re: new RegExp(
      `(?<![\\p{L}\\p{N}])${p.split(' ').map(escape).join('\\s+')}(?![\\p{L}\\p{N}])`,
      'giu',
    ),
  }))

/** The first verb phrase of the lexicon in `text` (the longest where two start together). */
export function findVerb(text: string): VerbInference | undefined {
  let best: VerbInference | undefined
  for (const { type, re } of ENTRIES) {
    re.lastIndex = 0
    const m = re.exec(text)
    if (!m) continue
    const start = m.index
    const end = start + m[0].length
    if (!best || start < best.start || (start === best.start && end > best.end)) {
      best = { type, verb: m[0].replace(/\s+/g, ' '), start, end }
    }
  }
  return best
}

/**
 * The event type the words of a passage suggest: the first verb of the selection, else the
 * first of its sentence (positions are offsets in `text`). Undefined when neither has one.
 */
export function inferEventType(
  text: string,
  selection: { start: number; end: number },
  sentence: { start: number; end: number },
): (VerbInference & { from: 'selection' | 'sentence' }) | undefined {
  const inSelection = findVerb(text.slice(selection.start, selection.end))
  if (inSelection) {
    return {
      ...inSelection,
      start: inSelection.start + selection.start,
      end: inSelection.end + selection.start,
      from: 'selection',
    }
  }
  const inSentence = findVerb(text.slice(sentence.start, sentence.end))
  if (!inSentence) return undefined
  return {
    ...inSentence,
    start: inSentence.start + sentence.start,
    end: inSentence.end + sentence.start,
    from: 'sentence',
  }
}
