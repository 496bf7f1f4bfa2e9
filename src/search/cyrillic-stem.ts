/**
 * A light stemmer for Russian and Ukrainian search terms: it strips one inflectional ending
 * (case endings of nouns and adjectives, the commonest verb endings) off a folded word, so
 * that the stem, matched as a prefix, finds the word's other forms ("Москва" → "москв",
 * which finds "Москве", "Москвы", "Москвой"). It runs on the query only, never on the
 * index, so it cannot lose a document: at worst a stem also matches a longer, related word
 * ("москвич"), which the snippet shows. Why not a Snowball stemmer from npm: the maintained
 * ones (`@orama/stemmers`, `snowball-stemmers`) would be a second new dependency where this
 * change may add one (the Arabic-script font), the classic Snowball set has no Ukrainian,
 * and a full stemmer's extra rules (derivational suffixes) only widen a prefix match that is
 * already wide. Words are expected folded (see `foldText`: lower case, й → и, ё → е, ї → і).
 */

// Endings, folded, longest first within the list; each is stripped only when the stem
// left has at least `MIN_STEM` letters. Russian and Ukrainian together: a term is
// stemmed the same whichever of the two it is in.
const ENDINGS = [
  // Adjectives and participles (full endings).
  'ыми',
  'ими',
  'ого',
  'его',
  'ому',
  'ему',
  'ои',
  'еи',
  'ии',
  'ыи',
  'іи',
  'ая',
  'яя',
  'ое',
  'ее',
  'ую',
  'юю',
  'ые',
  'ие',
  'ых',
  'их',
  'ім',
  'им',
  'ым',
  'оі',
  'ою',
  'ею',
  'ої',
  // Nouns.
  'ами',
  'ями',
  'ові',
  'еві',
  'ах',
  'ях',
  'ам',
  'ям',
  'ом',
  'ем',
  'ов',
  'ев',
  'ів',
  'ью',
  // Verbs: infinitive, past, present.
  'ать',
  'ять',
  'ить',
  'еть',
  'ати',
  'ити',
  'ся',
  'сь',
  'ла',
  'ли',
  'ло',
  'ет',
  'ют',
  'ут',
  // Single letters last.
  'а',
  'я',
  'о',
  'е',
  'ы',
  'и',
  'і',
  'у',
  'ю',
  'ь',
  'є',
].sort((a, b) => b.length - a.length)

/** Fewest letters a stem keeps: shorter stems would match too many words. */
export const MIN_STEM = 3

const CYRILLIC_WORD = /^[\u0400-\u04ff]+$/

/** Whether a folded word is written wholly in Cyrillic letters. */
export function isCyrillicWord(word: string): boolean {
  return CYRILLIC_WORD.test(word)
}

/**
 * The stem of a folded Russian or Ukrainian word (one ending stripped), or the word itself
 * when it is not Cyrillic, is too short, or has no ending the stem could lose.
 */
export function stemCyrillic(word: string): string {
  if (!isCyrillicWord(word) || word.length <= MIN_STEM) return word
  for (const ending of ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM) {
      return word.slice(0, word.length - ending.length)
    }
  }
  return word
}
