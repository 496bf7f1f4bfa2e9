import { describe, expect, it } from 'vitest'
import {
  compileQuery,
  findMatches,
  foldText,
  isWordCharAt,
  makeSnippets,
  parseQuery,
  SNIPPET_CHARS,
  textWords,
} from './search-text'

describe('foldText', () => {
  it('lower-cases and strips Latin diacritics without moving any character', () => {
    const samples = [
      'São Paulo, Bogotá, Erdoğan',
      'Łódź, Tromsø, Đà Nẵng',
      'İstanbul and STRASSE and Straße',
      'Jose\u0301 (decomposed) and Jos\u00e9 (composed)',
      'emoji 🚀 and “quotes” — dashes',
    ]
    for (const s of samples) expect(foldText(s)).toHaveLength(s.length)
    expect(foldText('São Paulo')).toBe('sao paulo')
    expect(foldText('ŁÓDŹ')).toBe('lodz')
    expect(foldText('Tromsø')).toBe('tromso')
    expect(foldText('İstanbul')).toBe('istanbul')
    expect(foldText('Straße')).toBe('straße')
  })

  it('splits text into folded words, marks of decomposed text dropped', () => {
    expect(textWords('Iran’s “missile” strike, al-Assad; Jose\u0301 2025')).toEqual([
      'iran',
      's',
      'missile',
      'strike',
      'al',
      'assad',
      'jose',
      '2025',
    ])
  })
})

describe('parseQuery', () => {
  it('makes terms, with the word still being typed as a prefix', () => {
    expect(parseQuery('Iran missi')).toEqual([
      { kind: 'term', word: 'iran', prefix: false },
      { kind: 'term', word: 'missi', prefix: true },
    ])
    expect(parseQuery('Iran missile ')).toEqual([
      { kind: 'term', word: 'iran', prefix: false },
      { kind: 'term', word: 'missile', prefix: false },
    ])
  })

  it('makes phrases from quotes, an open quote running to the end', () => {
    expect(parseQuery('"air base" Qatar')).toEqual([
      { kind: 'phrase', words: ['air', 'base'], prefix: false },
      { kind: 'term', word: 'qatar', prefix: true },
    ])
    expect(parseQuery('strike “air ba')).toEqual([
      { kind: 'term', word: 'strike', prefix: false },
      { kind: 'phrase', words: ['air', 'ba'], prefix: true },
    ])
    expect(parseQuery('"air base"')).toEqual([
      { kind: 'phrase', words: ['air', 'base'], prefix: false },
    ])
  })

  it('treats words joined by punctuation as a phrase, folds, and drops duplicates', () => {
    expect(parseQuery('al-Assad Iran’s ')).toEqual([
      { kind: 'phrase', words: ['al', 'assad'], prefix: false },
      { kind: 'phrase', words: ['iran', 's'], prefix: false },
    ])
    expect(parseQuery('ERDOĞAN erdogan ')).toEqual([
      { kind: 'term', word: 'erdogan', prefix: false },
    ])
    expect(parseQuery('  ...  ')).toEqual([])
  })
})

describe('findMatches', () => {
  const run = (text: string, q: string): string[] =>
    findMatches(text, compileQuery(parseQuery(q))).map((m) => text.slice(m.start, m.end))

  it('matches whole words exactly and the last word as a prefix', () => {
    const text = 'Iran and Iranian officials; IRAN again.'
    expect(run(text, 'iran ')).toEqual(['Iran', 'IRAN'])
    expect(run(text, 'iran')).toEqual(['Iran', 'Iranian', 'IRAN'])
  })

  it('matches phrases across short punctuation but not across other words', () => {
    const text = 'The air base; an air-base; the air force base.'
    expect(run(text, '"air base"')).toEqual(['air base', 'air-base'])
    expect(run(text, '"air fo')).toEqual(['air force'])
  })

  it('matches through diacritics, composed or decomposed', () => {
    expect(run('Talks in São Paulo.', 'sao paulo ')).toEqual(['São', 'Paulo'])
    expect(run('Talks with Jose\u0301 Ramos.', 'jose ')).toEqual(['Jose\u0301'])
    expect(run('Talks with Jose\u0301 Ramos.', '"jose ram')).toEqual(['Jose\u0301 Ramos'])
  })
})

describe('makeSnippets', () => {
  const para = (n: number, word: string): string =>
    Array.from({ length: n }, (_, i) => (i === Math.floor(n / 2) ? word : `filler${i}`)).join(' ')

  it('cuts about 160 characters around a match on word boundaries', () => {
    const text = para(80, 'missile')
    const matches = findMatches(text, compileQuery(parseQuery('missile ')))
    const [snippet] = makeSnippets(text, matches)
    expect(snippet).toBeDefined()
    const { start, text: cut, highlights } = snippet!
    expect(text.slice(start, start + cut.length)).toBe(cut)
    expect(cut.length).toBeLessThanOrEqual(SNIPPET_CHARS)
    expect(cut.length).toBeGreaterThan(SNIPPET_CHARS - 20)
    expect(isWordCharAt(text, start - 1) && isWordCharAt(text, start)).toBe(false)
    const end = start + cut.length
    expect(isWordCharAt(text, end - 1) && isWordCharAt(text, end)).toBe(false)
    expect(highlights).toHaveLength(1)
    const [from, to] = highlights[0]!
    expect(cut.slice(from, to)).toBe('missile')
  })

  it('prefers the passage that shows every term, then others, without overlap', () => {
    const text = [para(60, 'iran'), para(60, 'strike'), 'Iran fired a strike at dawn.'].join('\n\n')
    const matches = findMatches(text, compileQuery(parseQuery('iran strike ')))
    const snippets = makeSnippets(text, matches)
    expect(snippets[0]!.text).toBe('Iran fired a strike at dawn.')
    expect(snippets).toHaveLength(3)
    const spans = snippets.map((s) => [s.start, s.start + s.text.length] as const)
    for (const [a, b] of spans) {
      for (const [c, d] of spans) if (a !== c) expect(b <= c || d <= a).toBe(true)
    }
  })

  it('never splits a surrogate pair and opens the text when nothing matched', () => {
    const text = `${'🚀'.repeat(100)} target ${'🚀'.repeat(100)}`
    const matches = findMatches(text, compileQuery(parseQuery('target ')))
    const [snippet] = makeSnippets(text, matches)
    expect(snippet!.text).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/)
    expect(makeSnippets('A short text.', [])).toEqual([
      { text: 'A short text.', start: 0, highlights: [] },
    ])
  })
})

describe('Arabic and Persian folding', () => {
  it('folds letter variants to one letter and keeps every offset', () => {
    const pairs: [string, string][] = [
      ['علي', 'علی'],
      ['كتاب', 'کتاب'],
      ['مدرسة', 'مدرسه'],
      ['أحمد', 'احمد'],
      ['إيران', 'ایران'],
      ['آب', 'اب'],
      ['مستشفى', 'مستشفی'],
      ['رئيس', 'ریيس'],
    ]
    for (const [a, b] of pairs) {
      expect(foldText(a), a).toBe(foldText(b))
      expect(foldText(a)).toHaveLength(a.length)
    }
  })

  it('maps Persian and Arabic-Indic digits to 0–9', () => {
    expect(foldText('۱۴۰۴/۰۴/۰۲')).toBe('1404/04/02')
    expect(foldText('١٤٤٦')).toBe('1446')
    expect(textWords('۲ تیر ۱۴۰۴')).toEqual(['2', 'تیر', '1404'])
  })

  it('drops tashkeel, tatweel and the zero-width non-joiner from index words', () => {
    expect(textWords('مُحَمَّدٌ')).toEqual(['محمد'])
    expect(textWords('عـــرب')).toEqual(['عرب'])
    expect(textWords('خامنه\u200cای')).toEqual(['خامنهای'])
  })
})

describe('Russian and Ukrainian terms', () => {
  it('are stemmed and matched as prefixes', () => {
    expect(parseQuery('Москва ')).toEqual([{ kind: 'term', word: 'москв', prefix: true }])
    expect(parseQuery('"в Москве"')).toEqual([
      { kind: 'phrase', words: ['в', 'москв'], prefix: true },
    ])
    // Short words (abbreviations) stay exact.
    expect(parseQuery('США ')).toEqual([{ kind: 'term', word: 'сша', prefix: false }])
  })
})

describe('matching in other scripts, as offsets into the original text', () => {
  const run = (text: string, q: string): string[] =>
    findMatches(text, compileQuery(parseQuery(q))).map((m) => text.slice(m.start, m.end))

  it('finds "Москва" in its inflected forms, and not in other words', () => {
    const text = 'Переговоры в Москве. Из Москвы в Тегеран. Москвой довольны. Моска — не то.'
    expect(run(text, 'Москва')).toEqual(['Москве', 'Москвы', 'Москвой'])
    expect(run(text, 'москве ')).toEqual(['Москве', 'Москвы', 'Москвой'])
    expect(run('Делегация Украины прибыла.', 'Украина')).toEqual(['Украины'])
  })

  it('finds an Arabic spelling by the Persian one and the other way round', () => {
    expect(run('أطلقت إيران صواريخ على قاعدة في قطر.', 'ایران ')).toEqual(['إيران'])
    expect(run('ایران به پایگاه در قطر حمله کرد.', 'إيران ')).toEqual(['ایران'])
    expect(run('قالت وزارة الخارجية', 'وزاره ')).toEqual(['وزارة'])
  })

  it('covers the tashkeel and the non-joiner inside a match', () => {
    const text = 'قالَ خامنه\u200cای إنَّ مُحَمَّدًا وصلَ.'
    expect(run(text, 'خامنهای ')).toEqual(['خامنه\u200cای'])
    expect(run(text, 'خامنه\u200cای ')).toEqual(['خامنه\u200cای'])
    expect(run(text, 'محمدا ')).toEqual(['مُحَمَّدًا'])
    expect(run(text, 'قال ')).toEqual(['قالَ'])
  })

  it('highlights the original words in a snippet of text with tashkeel and ZWNJ', () => {
    const text =
      'گزارش خبرگزاری: آیت‌الله خامنه\u200cای روز دوشنبه گفت. قالَ مُحَمَّدٌ إنَّ الوفدَ وصلَ إلى الدوحة.'
    const matches = findMatches(text, compileQuery(parseQuery('خامنهای محمد الدوحه ')))
    const [snippet] = makeSnippets(text, matches)
    const words = snippet!.highlights.map(([a, b]) => snippet!.text.slice(a, b))
    expect(words).toEqual(['خامنه\u200cای', 'مُحَمَّدٌ', 'الدوحة'])
    expect(text.slice(snippet!.start, snippet!.start + snippet!.text.length)).toBe(snippet!.text)
  })

  it('finds Persian digits by Latin ones and the other way round', () => {
    expect(run('در ۲ تیر ۱۴۰۴ حمله شد', '1404 ')).toEqual(['۱۴۰۴'])
    expect(run('On 23 June 2025', '۲۰۲۵ ')).toEqual(['2025'])
  })
})
