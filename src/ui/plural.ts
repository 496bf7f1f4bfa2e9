/**
 * Counts in words, as the UI shows them: "1 document", "3 documents", "2 entities", "0
 * hypotheses" — never "document(s)". English plurals of the nouns the app counts: a few
 * regular rules (entity → entities, match → matches, hypothesis → hypotheses) and, for any
 * other irregular noun, the plural given by the caller.
 */

/** The plural of `noun` by the regular English rules the app's nouns follow. */
export function pluralOf(noun: string): string {
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`
  if (/is$/i.test(noun)) return `${noun.slice(0, -2)}es`
  if (/(s|x|z|ch|sh)$/i.test(noun)) return `${noun}es`
  return `${noun}s`
}

/**
 * `n` and the noun that agrees with it: `plural(1, 'document')` is "1 document",
 * `plural(3, 'entity')` "3 entities"; `many` overrides the plural ("person", "people").
 * Numbers are written with the app's digit grouping ("12,000 documents").
 */
export function plural(n: number, noun: string, many = pluralOf(noun)): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : many}`
}

/** "a", "a and b", "a, b and c": a list of counts as a sentence says it. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}
