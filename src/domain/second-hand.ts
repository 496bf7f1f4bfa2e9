/**
 * Finds where a sentence reports what another outlet said ("according to Reuters", "state TV
 * said", "the BBC reported", "told the Associated Press"), so that the inspector can offer to
 * mark a passage second-hand with that outlet as its origin. It only offers: nothing is marked
 * without the analyst. An outlet is a known news organisation, a phrase that names one
 * ("state TV", "the semi-official Tasnim news agency", "Kayhan newspaper"), or — after
 * "according to" and before "reported" — a capitalised name. People, officials, witnesses and
 * plans are not outlets ("according to witnesses", "Trump said" are not offered). Pure.
 */

/** One place a sentence cites an outlet. */
export interface SecondHandCue {
  /** The outlet as the analyst should see it ("Reuters", "state TV"). */
  outlet: string
  /** The phrase that cites it ("according to Reuters"), as written. */
  phrase: string
  /** Offsets of `phrase` in the sentence. */
  start: number
  end: number
}

/** News organisations named without a word that says so ("Reuters", not "Reuters news"). */
const KNOWN_OUTLETS = [
  'Reuters',
  'Associated Press',
  'AP',
  'AFP',
  'Agence France-Presse',
  'BBC',
  'CNN',
  'Al Jazeera',
  'Al Arabiya',
  'IRNA',
  'ISNA',
  'Tasnim',
  'Fars',
  'Mehr',
  'Press TV',
  'TASS',
  'RIA Novosti',
  'Interfax',
  'Xinhua',
  'Anadolu',
  'Bloomberg',
  'Axios',
  'Yonhap',
  'Kyodo',
  'KCNA',
  'SANA',
  'WAFA',
  'dpa',
  'The New York Times',
  'New York Times',
  'The Washington Post',
  'Washington Post',
  'The Wall Street Journal',
  'Wall Street Journal',
  'The Guardian',
  'Financial Times',
  'The Times',
  'Haaretz',
  'Kayhan',
]

/** Words that make the name before them an outlet ("Kayhan newspaper", "Channel 12 TV"). */
const MEDIA_WORD =
  '(?:news\\s+agency|agency|newspaper|daily|TV|television|radio|broadcaster|media|news\\s+outlet|news\\s+site|website|channel)'
/** A capitalised name of one to five words (with "of", "al-" and digits inside). */
const NAME =
  "(?:[\\p{Lu}][\\p{L}\\p{M}'’.-]*|\\d+)(?:\\s+(?:of\\s+|al-|the\\s+)?(?:[\\p{Lu}][\\p{L}\\p{M}'’.-]*|\\d+)){0,4}"
const KNOWN = KNOWN_OUTLETS.map((o) =>
  o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'),
)
  .sort((a, b) => b.length - a.length)
  .join('|')
/** "state TV", "the semi-official Tasnim news agency", "Reuters", "Kayhan newspaper". */
const OUTLET = `(?:(?:the\\s+)?(?:(?:semi-)?official\\s+|state(?:-run|-owned)?\\s+|pro-government\\s+|local\\s+)?(?:${NAME}\\s+)?${MEDIA_WORD}\\b(?:\\s+${NAME})?|(?:the\\s+)?(?:${KNOWN})\\b)`
const SAID =
  '(?:said|says|reported|reports|quoted|cited|announced|wrote|broadcast|aired|added|claimed)'

interface Rule {
  re: RegExp
  /** The capture group that holds the outlet. */
  group: number
}

const RULES: Rule[] = [
  // according to Reuters / according to state TV / according to The Hindu
  { re: new RegExp(`\\b[Aa]ccording\\s+to\\s+(${OUTLET}|${NAME})`, 'gu'), group: 1 },
  // as reported by / cited by / quoted by / reported by / told / in an interview with
  {
    re: new RegExp(
      `\\b(?:(?:[Aa]s\\s+)?reported\\s+by|cited\\s+by|quoted\\s+by|carried\\s+by|told|[Ii]n\\s+an\\s+interview\\s+with|[Ss]peaking\\s+to)\\s+(${OUTLET})`,
      'gu',
    ),
    group: 1,
  },
  // state TV said / Reuters reported / the BBC quoted
  { re: new RegExp(`(${OUTLET})(?:,[^,]{1,60},)?\\s+${SAID}\\b`, 'gu'), group: 1 },
  // Al-Monitor reported (any capitalised name before "reported")
  { re: new RegExp(`(${NAME})\\s+reported\\b`, 'gu'), group: 1 },
]

/** Names after "according to" or before "reported" that are not outlets. */
const NOT_OUTLETS =
  /^(?:the\s+)?(?:I|He|She|They|We|It|You|Officials?|Witnesses|Sources?|Residents|Police|Analysts?|Diplomats?|Experts?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Plan|Schedule|Law|Reports?|Data|Figures|Estimates)$/i
/** Words that start a sentence rather than a name ("Officials reported", "It reported"). */
const LEADING_NOISE = /^(?:The|A|An|This|That|These|Those|But|And|Meanwhile|Earlier|Later)\s+/

function clean(outlet: string): string {
  let o = outlet.replace(/\s+/g, ' ').trim()
  o = o.replace(/^the\s+/, '')
  while (
    LEADING_NOISE.test(o) &&
    !/^The\s+(?:New York|Washington|Wall|Guardian|Times|Hindu)/.test(o)
  )
    o = o.replace(LEADING_NOISE, '')
  return o.replace(/[.,;:]+$/, '')
}

/**
 * The outlets `sentence` cites, in order, each once. Empty when it cites none: the caller
 * offers "second-hand from …" only for these.
 */
export function findSecondHand(sentence: string): SecondHandCue[] {
  const found: SecondHandCue[] = []
  for (const { re, group } of RULES) {
    re.lastIndex = 0
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      const raw = m[group]
      if (!raw) continue
      const outlet = clean(raw)
      if (!outlet || NOT_OUTLETS.test(outlet)) continue
      // A bare capitalised word before "reported" at the very start of a sentence is often a
      // person or body; only names that look like outlets pass there.
      if (!/\p{Lu}|\b(?:TV|media|agency|radio|newspaper)\b/u.test(outlet)) continue
      const start = m.index
      const end = m.index + m[0].length
      if (found.some((f) => f.start < end && start < f.end)) continue
      if (found.some((f) => outletKey(f.outlet) === outletKey(outlet))) continue
      found.push({ outlet, phrase: m[0], start, end })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

/** Short and long names of the same outlet ("AP" and "Associated Press"). */
const SAME_OUTLET: Record<string, string> = {
  ap: 'associated press',
  afp: 'agence france-presse',
  bbc: 'bbc',
}

/**
 * The key two outlet or source names are compared by: lower case, spaces collapsed, a
 * leading "the" and trailing "news agency" dropped, short names mapped to long ones. "The
 * Associated Press", "Associated Press" and "AP" have one key.
 */
export function outletKey(name: string): string {
  let k = name.toLowerCase().replace(/\s+/g, ' ').trim()
  k = k.replace(/^the /, '').replace(/ (?:news agency|agency)$/, '')
  return SAME_OUTLET[k] ?? k
}
