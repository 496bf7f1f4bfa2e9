import { describe, expect, it } from 'vitest'
import { MIN_STEM, stemCyrillic } from './cyrillic-stem'
import { foldText } from './search-text'

// The forms of one word: the stem of each, matched as a prefix, must find every other.
const GROUPS: string[][] = [
  ['Москва', 'Москве', 'Москвы', 'Москвой', 'Москву'],
  ['Тегеран', 'Тегерана', 'Тегеране', 'Тегераном'],
  ['Россия', 'России', 'Россией', 'Россию'],
  ['Украина', 'Украины', 'Украине', 'Украиной'],
  ['Україна', 'України', 'Україні', 'Україною'],
  ['президент', 'президента', 'президентом', 'президенту', 'президенти'],
  ['американская', 'американской', 'американских', 'американскую'],
  ['ракета', 'ракеты', 'ракетами', 'ракетой'],
  ['Катар', 'Катара', 'Катаре', 'Катаром'],
  ['Путин', 'Путина', 'Путину', 'Путиным'],
]
// Words that share a beginning but are other words: the stem must not reach them.
const APART: [string, string][] = [
  ['Москва', 'Моска'],
  ['Катар', 'Кат'],
  ['Путин', 'Пути'],
]

describe('stemCyrillic', () => {
  it.each(GROUPS)('finds every form of %s by the stem of any', (...forms) => {
    for (const a of forms) {
      const stem = stemCyrillic(foldText(a))
      for (const b of forms)
        expect(foldText(b).startsWith(stem), `${a} → ${stem} ⊄ ${b}`).toBe(true)
    }
  })

  it.each(APART)('keeps %s apart from %s', (word, other) => {
    expect(foldText(other).startsWith(stemCyrillic(foldText(word)))).toBe(false)
  })

  it('strips one ending', () => {
    expect(stemCyrillic('москва')).toBe('москв')
    expect(stemCyrillic('ракетами')).toBe('ракет')
    expect(stemCyrillic('тегеран')).toBe('тегеран')
  })

  it('leaves short, Latin and mixed words alone', () => {
    for (const w of ['сша', 'оон', 'iran', 'moscow', 'abcд', '2025'])
      expect(stemCyrillic(w)).toBe(w)
  })

  it(`never keeps fewer than ${MIN_STEM} letters`, () => {
    for (const w of ['мама', 'вода', 'ями', 'ого', 'она']) {
      expect(stemCyrillic(w).length).toBeGreaterThanOrEqual(Math.min(w.length, MIN_STEM))
    }
  })
})
