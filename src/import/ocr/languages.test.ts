import { describe, expect, it } from 'vitest'
import {
  guessOcrLanguages,
  ocrLanguageForTag,
  ocrLanguageNames,
  OCR_LANGUAGES,
  validOcrLanguages,
} from './languages'

describe('the OCR languages', () => {
  it('are the four whose data ships (no Russian: it has no npm data package)', () => {
    expect(OCR_LANGUAGES.map((l) => l.code)).toEqual(['eng', 'fas', 'ara', 'ukr'])
  })

  it('are guessed from words, codes and the script of the file name', () => {
    const cases: [string, string][] = [
      ['statement.png', 'eng'],
      ['farsi-statement.pdf', 'fas'],
      ['Bayaniye_persian.jpg', 'fas'],
      ['scan_ar_2025.pdf', 'ara'],
      ['communique-arabic.png', 'ara'],
      ['заява_uk.pdf', 'ukr'],
      ['report-ru.pdf', 'ukr'],
      ['بیانیه وزارت.png', 'fas'],
      ['بيان الوزارة.png', 'ara'],
      ['Заявление.pdf', 'ukr'],
      // A code glued to a word is not a code.
      ['harbour.pdf', 'eng'],
      ['C:\\scans\\fa\\page.png', 'eng'],
    ]
    for (const [name, code] of cases) expect(guessOcrLanguages(name), name).toEqual([code])
  })

  it("falls back to the case's languages, then English", () => {
    expect(guessOcrLanguages('scan.png', ['de', 'fa-IR'])).toEqual(['fas'])
    expect(guessOcrLanguages('scan.png', ['de'])).toEqual(['eng'])
    expect(ocrLanguageForTag('ar-QA')).toBe('ara')
    expect(ocrLanguageForTag(undefined)).toBeUndefined()
  })

  it('keeps only known codes, once, and names them', () => {
    expect(validOcrLanguages(['fas', 'xyz', 'fas', 'ara'])).toEqual(['fas', 'ara'])
    expect(validOcrLanguages(['rus'])).toEqual(['eng'])
    expect(ocrLanguageNames(['fas', 'ara'])).toBe('Persian + Arabic')
  })
})
