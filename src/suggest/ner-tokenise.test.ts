import { describe, expect, it } from 'vitest'
import { tokenise } from './ner-tokenise'

const words = (text: string): string[][] => tokenise(text).map((s) => s.map((t) => t.text))

describe('tokenise', () => {
  it('keeps every token’s offsets exact', () => {
    const text =
      '“Iran’s envoy,” said Mr. Jonas Vell (U.S.-born), “didn’t come…” — Bre-X rose 4.5%.\n\n' +
      "SOCCER - ROTOR WIN 2-1.\tAlso: the players' union met at 10 a.m. in St. Louis! 😀 Done?"
    const sentences = tokenise(text)
    for (const t of sentences.flat()) expect(text.slice(t.start, t.end)).toBe(t.text)
    const flat = sentences.flat()
    for (let i = 1; i < flat.length; i++)
      expect(flat[i]!.start).toBeGreaterThanOrEqual(flat[i - 1]!.end)
  })

  it('cuts punctuation, possessives and negations off words as the training news did', () => {
    expect(words('Iran’s envoy said (again) that he didn\'t know, "really".')).toEqual([
      [
        'Iran',
        '’s',
        'envoy',
        'said',
        '(',
        'again',
        ')',
        'that',
        'he',
        'did',
        "n't",
        'know',
        ',',
        '"',
        'really',
        '"',
        '.',
      ],
    ])
  })

  it('keeps abbreviations, initials and hyphenated names whole', () => {
    expect(words('Antony J. Blinken of the U.S. met Bre-X Corp. officials')).toEqual([
      ['Antony', 'J.', 'Blinken', 'of', 'the', 'U.S.', 'met', 'Bre-X', 'Corp.', 'officials'],
    ])
  })

  it('splits sentences at line breaks and at a final stop, not after an abbreviation', () => {
    expect(
      words('Mr. Kell arrived. He left.\nHEADLINE HERE\n"Go." She went. in lower case'),
    ).toEqual([
      ['Mr.', 'Kell', 'arrived', '.'],
      ['He', 'left', '.'],
      ['HEADLINE', 'HERE'],
      ['"', 'Go', '.', '"'],
      ['She', 'went', '.', 'in', 'lower', 'case'],
    ])
  })

  it('returns nothing for blank text', () => {
    expect(tokenise('  \n\n \t')).toEqual([])
  })
})
