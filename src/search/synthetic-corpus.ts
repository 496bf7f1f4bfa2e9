/**
 * A deterministic generator of news-like documents for search tests and benchmarks: titles,
 * paragraphs of sentences drawn from a Zipf-distributed vocabulary (function words, news
 * words, names with diacritics, and a long tail of made-up words that share prefixes the
 * way real words do), curly quotes and possessives. The same seed gives the same corpus.
 */
import type { SearchDoc } from './search-core'

const FUNCTION_WORDS = `the of and to a in that is was for on said with he it as at by from his
have has an be are were not but they had this which who been its after their also will would
more one about than there over new two when up into out some could can other all only last
first year we what against before three while since people during under where them between
just most both most such through then because our still because however any may many
`
  .split(/\s+/)
  .filter(Boolean)

const NEWS_WORDS = `government minister president military attack forces officials country
security police report reported statement week capital region border talks nuclear missile
missiles strike strikes base air defence defense ministry foreign spokesman agency news troops
killed wounded civilians city province election vote parliament opposition protest protesters
economy sanctions oil gas prices trade deal agreement ceasefire negotiations envoy embassy
diplomat diplomats summit meeting leaders support warned threatened accused denied confirmed
announced launched fired targeted intercepted drone drones rocket rockets militants group
armed conflict war peace humanitarian aid refugees united nations council resolution court
judge trial charges arrested investigation intelligence sources according official told
reporters monday tuesday wednesday thursday friday saturday sunday weekend morning night hours
days months earlier later statement interview television broadcast commander general army navy
control territory offensive operation operations reconstruction infrastructure energy power
supply water food shortages crisis emergency response international community pressure allies
alliance coalition partners relations tensions escalation retaliation response threat threats
weapons enrichment facility facilities inspectors program programme uranium centrifuges
`
  .split(/\s+/)
  .filter(Boolean)

const NAMES = `Iran Qatar Russia Moscow Washington Tehran Doha Israel Ukraine Kyiv Kharkiv
Erdoğan Zelenskyy Putin Araghchi Macron Müller Łódź Kraków São Paulo Bogotá Córdoba Málaga
Ñuñoa Reykjavík Tromsø Göteborg Zürich Genève Besançon Curaçao Nuuk Hà Nội Đà Nẵng
Pentagon Kremlin NATO IAEA Fordow Natanz Isfahan Al Udeid Hormuz Baghdad Damascus Beirut
Ankara Istanbul Brussels Berlin Paris London Beijing Riyadh Cairo Amman Sanaa Houthis
`
  .split(/\s+/)
  .filter(Boolean)

const SYLLABLES = `ka ri to na me lo sa vi ne du ra te po li mi ga ba re so fa de ko ru pe
la ti zo ma ni bo se ta nu fi ge mo pa vo ha ju ce li ar en or al es in on an ter der con pro
tra str ple ver ment tion ing ers ous ive ble ance ence ship ward`
  .split(/\s+/)
  .filter(Boolean)

/** A small seeded pseudo-random generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function buildVocabulary(random: () => number, tail: number): string[] {
  const made = new Set<string>()
  while (made.size < tail) {
    const n = 2 + Math.floor(random() * 3)
    let w = ''
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)]
    made.add(w)
  }
  return [...FUNCTION_WORDS, ...NEWS_WORDS, ...made]
}

/**
 * Makes `count` news-like documents of about `chars` characters each, with ids `doc-0`…
 * The vocabulary's long tail grows with the corpus, as a real one does.
 */
export function makeNewsCorpus(count: number, seed = 1, chars = 2000): SearchDoc[] {
  return [...newsDocuments(count, seed, chars)]
}

/**
 * The documents of `makeNewsCorpus(count, seed, chars)`, the same ones, one at a time: a
 * corpus of 100,000 (200 MB of text) need never be held at once.
 */
export function* newsDocuments(count: number, seed = 1, chars = 2000): Generator<SearchDoc> {
  const random = seededRandom(seed)
  const vocabulary = buildVocabulary(random, Math.min(60_000, 2000 + count * 5))
  // Zipf weights over the vocabulary's rank order.
  const cumulative: number[] = []
  let total = 0
  vocabulary.forEach((_, r) => {
    total += 1 / Math.pow(r + 1, 1.05)
    cumulative.push(total)
  })
  const pick = (): string => {
    const x = random() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return vocabulary[lo]!
  }
  const name = (): string => NAMES[Math.floor(random() * NAMES.length)]!
  const capital = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1)
  const sentence = (): string => {
    const n = 8 + Math.floor(random() * 16)
    const words: string[] = []
    for (let i = 0; i < n; i++) {
      const r = random()
      let w = r < 0.08 ? name() : pick()
      if (r > 0.97) w += '’s'
      words.push(w)
      if (i > 2 && i < n - 2 && random() < 0.06) words[words.length - 1] += ','
    }
    let s = capital(words.join(' '))
    if (random() < 0.12) s = `“${s},” ${pick()} said`
    return `${s}.`
  }
  for (let d = 0; d < count; d++) {
    const titleWords: string[] = []
    const tn = 5 + Math.floor(random() * 6)
    for (let i = 0; i < tn; i++) titleWords.push(random() < 0.3 ? name() : pick())
    const paragraphs: string[] = []
    let length = 0
    const target = chars * (0.7 + random() * 0.6)
    while (length < target) {
      const sentences: string[] = []
      const sn = 2 + Math.floor(random() * 3)
      for (let i = 0; i < sn; i++) sentences.push(sentence())
      const p = sentences.join(' ')
      paragraphs.push(p)
      length += p.length + 2
    }
    yield {
      id: `doc-${d}`,
      title: capital(titleWords.join(' ')),
      text: paragraphs.join('\n\n'),
    }
  }
}
