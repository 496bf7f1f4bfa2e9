import { describe, expect, it } from 'vitest'
import { combine, evaluate, formatTable, type Evaluation } from './evaluate'
import { GOLD_DOCUMENTS, TEHRAN_REPORT, goldDocument } from './fixtures'
import { suggestEntities, type Suggestion, type SuggestionKind } from './ner'

const tehran = goldDocument(TEHRAN_REPORT).text

function found(suggestions: Suggestion[], text: string, kind: SuggestionKind): Suggestion[] {
  return suggestions.filter((s) => s.text === text && s.kind === kind)
}

function expectValid(text: string, suggestions: Suggestion[]): void {
  let last = -1
  for (const s of suggestions) {
    expect(text.slice(s.start, s.end), `${s.kind} at ${s.start}`).toBe(s.text)
    expect(s.end).toBeGreaterThan(s.start)
    expect(s.start, 'sorted and not overlapping').toBeGreaterThanOrEqual(last)
    expect(s.confidence).toBeGreaterThanOrEqual(0)
    expect(s.confidence).toBeLessThanOrEqual(1)
    expect(s.reason).not.toBe('')
    expect(s.key).not.toBe('')
    last = s.end
  }
}

describe('suggestEntities on the Tehran report', () => {
  const suggestions = suggestEntities(tehran)

  it.each([
    ['Iran', 'state'],
    ['Qatar', 'state'],
    ['Israel', 'state'],
    ['Russia', 'state'],
    ['Ukraine', 'state'],
    ['U.S.', 'state'],
    ['United States', 'state'],
    ['Al Udeid Air Base', 'location'],
    ['Moscow', 'location'],
    ['Tehran', 'location'],
    ['Doha', 'location'],
    ['Fordow', 'location'],
    ['Natanz', 'location'],
    ['Isfahan', 'location'],
    ['Middle East', 'location'],
    ['Vladimir Putin', 'person'],
    ['Putin', 'person'],
    ['Abbas Araghchi', 'person'],
    ['Ali Khamenei', 'person'],
    ['Trump', 'person'],
    ['Pentagon', 'organisation'],
    ['White House', 'organisation'],
    ['Kremlin', 'organisation'],
    ['on Monday', 'date'],
    ['over the weekend', 'date'],
    ['hours before', 'date'],
  ] as const)('suggests %s as %s', (text, kind) => {
    expect(found(suggestions, text, kind).length).toBeGreaterThan(0)
  })

  it('gives every form of the United States one key, and no other key', () => {
    const us = suggestions.filter((s) => s.key === 'united states')
    expect(new Set(us.map((s) => s.text))).toEqual(new Set(['U.S.', 'United States']))
    expect(us.length).toBe(found(suggestions, 'U.S.', 'state').length + 2)
  })

  it('groups "Putin" with "Vladimir Putin"', () => {
    const keys = new Set(suggestions.filter((s) => /Putin/.test(s.text)).map((s) => s.key))
    expect(keys).toEqual(new Set(['vladimir putin']))
  })

  it('leaves titles out of names', () => {
    expect(suggestions.some((s) => /President|Minister|Ayatollah|Supreme/.test(s.text))).toBe(false)
  })

  it('strips possessives, curly or straight', () => {
    const possessive = tehran.indexOf('Tehran’s')
    expect(suggestions).toContainEqual(
      expect.objectContaining({ start: possessive, end: possessive + 6, text: 'Tehran' }),
    )
    expect(suggestions.some((s) => /['’]s$/.test(s.text))).toBe(false)
    const straight = suggestEntities("Iran's foreign minister met Russia's president.")
    expect(straight.map((s) => s.text)).toEqual(['Iran', 'Russia'])
  })

  it('does not suggest demonyms as the state (documented choice)', () => {
    expect(
      suggestions.some((s) => /^(American|Iranian|Russian|Israeli|Western)$/.test(s.text)),
    ).toBe(false)
  })

  it('does not take the title-case headline’s capitals for names', () => {
    const headline = tehran.slice(0, tehran.indexOf('\n'))
    const inHeadline = suggestions.filter((s) => s.end <= headline.length).map((s) => s.text)
    expect(inHeadline).toEqual(['Tehran', 'U.S.', 'Putin', 'Moscow'])
  })

  it('keeps offsets exact', () => {
    expectValid(tehran, suggestions)
  })
})

describe('suggestEntities rules', () => {
  const texts = (text: string): string[] => suggestEntities(text).map((s) => `${s.kind}:${s.text}`)

  it('strips titles and honorifics from people', () => {
    expect(texts('Interior Minister Matthias Kell met H.E. Mr Jonas Vell in Ostrin.')).toEqual([
      'person:Matthias Kell',
      'person:Jonas Vell',
      'location:Ostrin',
    ])
  })

  it.each([
    ['Secretary of State Antony J. Blinken spoke today.', 'Antony J. Blinken'],
    ['He met Foreign Minister Prince Faisal bin Farhan Al Saud.', 'Faisal bin Farhan Al Saud'],
    ['Deputy Prime Minister/Foreign Minister Ishaq Dar spoke.', 'Ishaq Dar'],
    ['She met Acting Permanent Secretary Jesper Moller Sorensen.', 'Jesper Moller Sorensen'],
    ['He served under Prime Minister John Major for years.', 'John Major'],
  ])('finds the person in %j', (text, name) => {
    expect(texts(text)).toContain(`person:${name}`)
  })

  it('reads general news without inventing people', () => {
    const found = texts(
      'The European Commission said that NATO Secretary General Jens Stoltenberg told Reuters ' +
        'that Mr. Smith of St. Petersburg State University had left. The New York Times and ' +
        'the Wall Street Journal agreed.',
    )
    expect(found).toEqual([
      'organisation:European Commission',
      'organisation:NATO',
      'person:Jens Stoltenberg',
      'organisation:Reuters',
      'person:Smith',
      'organisation:St. Petersburg State University',
      'organisation:New York Times',
      'organisation:Wall Street Journal',
    ])
  })

  it('keeps organisation and facility heads', () => {
    expect(
      texts(
        'Officers of the Velmoran Customs and Border Service sealed Terminal 4 near Quay Road, ' +
          'and the Saltmere Port Authority said so.',
      ),
    ).toEqual([
      'organisation:Velmoran Customs and Border Service',
      'location:Terminal 4',
      'location:Quay Road',
      'organisation:Saltmere Port Authority',
    ])
  })

  it('does not take a sentence’s first word for a name', () => {
    expect(
      texts('Privately, officials disagreed. Customs officers left. Police said nothing.'),
    ).toEqual([])
  })

  it('knows an unknown country by its demonym and formal name', () => {
    const text =
      'Dravina protested. The Dravinian envoy left the Federal Republic of Dravina for talks in Corvel.'
    const suggestions = suggestEntities(text)
    expect(suggestions.map((s) => `${s.kind}:${s.text}:${s.key}`)).toEqual([
      'state:Dravina:dravina',
      'state:Federal Republic of Dravina:dravina',
      'location:Corvel:corvel',
    ])
  })

  it('links an acronym to the name it abbreviates', () => {
    const suggestions = suggestEntities(
      'The terminal is run by Ostrin Maritime Lines (OML). Later, OML denied it.',
    )
    const oml = suggestions.filter((s) => s.text === 'OML')
    expect(oml).toHaveLength(2)
    expect(oml.every((s) => s.kind === 'organisation' && s.key === 'ostrin maritime lines')).toBe(
      true,
    )
  })

  it('finds transcript speakers and links them to the full name', () => {
    const text =
      'HANNA LISK (minister): Good morning.\n\nASKE: Hello.\n\nLISK: Thanks, Hanna Lisk here.'
    const lisk = suggestEntities(text).filter((s) => /lisk/i.test(s.text))
    expect(lisk.map((s) => s.text)).toEqual(['HANNA LISK', 'LISK', 'Hanna Lisk'])
    expect(new Set(lisk.map((s) => s.key))).toEqual(new Set(['hanna lisk']))
  })

  it('suggests dates without resolving them', () => {
    const suggestions = suggestEntities('Iran fired on Monday, hours after talks on June 22.')
    expect(suggestions.filter((s) => s.kind === 'date').map((s) => s.text)).toEqual([
      'on Monday',
      'hours after',
      'on June 22',
    ])
  })

  it('returns nothing for empty or blank text', () => {
    expect(suggestEntities('')).toEqual([])
    expect(suggestEntities(' \n\t ')).toEqual([])
  })

  it.each([
    ['emoji before names', '🚀🚀 President Vladimir Putin met Iran’s envoy in Moscow on Monday.'],
    ['CRLF and tabs', 'Tehran\r\nsaid\ton Monday that President  Vladimir   Putin\r\nmet Iran.'],
    ['all capitals', 'IRAN SAID THE U.S. STRUCK FORDOW ON MONDAY'],
    ['non-Latin scripts', 'Москва и Тегеран. Moscow and Tehran met in 東京 on Friday.'],
    ['punctuation only', '... — “” () !!'],
    ['combining marks', 'Cafe\u0301 owners in Zu\u0308rich met Jose\u0301 Marti\u0301 on Tuesday.'],
  ])('keeps offsets exact with %s', (_name, text) => {
    expectValid(text, suggestEntities(text))
  })
})

describe('never', () => {
  it('suppresses a rejected form, case-insensitively, and nothing else', () => {
    const all = suggestEntities(tehran)
    const without = suggestEntities(tehran, { never: ['moscow', 'THE WHITE HOUSE'] })
    expect(without.some((s) => s.text === 'Moscow' || s.text === 'White House')).toBe(false)
    expect(without).toEqual(all.filter((s) => s.text !== 'Moscow' && s.text !== 'White House'))
  })

  it('suppresses the exact form only, not other forms of the same thing', () => {
    const without = suggestEntities(tehran, { never: ['U.S.'] })
    expect(without.some((s) => s.text === 'U.S.')).toBe(false)
    expect(without.some((s) => s.text === 'United States')).toBe(true)
  })
})

describe('accuracy on the gold set (fixtures/*.gold.json)', () => {
  const rows = GOLD_DOCUMENTS.map((doc) => ({
    name: doc.name,
    suggestions: suggestEntities(doc.text),
    doc,
  }))
  const evaluations: { name: string; evaluation: Evaluation }[] = rows.map((r) => ({
    name: r.name,
    evaluation: evaluate(r.doc.gold, r.suggestions),
  }))
  const overall = combine(evaluations.map((e) => e.evaluation))

  it('has gold for the Tehran report and at least three sample-case documents', () => {
    expect(GOLD_DOCUMENTS.map((d) => d.name)).toContain(TEHRAN_REPORT)
    expect(GOLD_DOCUMENTS.length).toBeGreaterThanOrEqual(4)
  })

  it('has gold mentions that select their own text', () => {
    for (const doc of GOLD_DOCUMENTS) {
      for (const g of doc.gold) expect(doc.text.slice(g.start, g.end), doc.name).toBe(g.text)
    }
  })

  it('keeps offsets exact on every gold document', () => {
    for (const r of rows) expectValid(r.doc.text, r.suggestions)
  })

  // Floors sit just under the scores measured when they were set (see the report printed
  // below), so that a change that costs accuracy fails here. These documents were also
  // used to develop the rules: the floors guard against regressions, they do not promise
  // this accuracy on unseen text.
  it('stays above the overall floors', () => {
    console.log(formatTable([...evaluations, { name: 'all documents', evaluation: overall }]))
    // Measured: strict and lenient precision 100.0 %, recall 99.7 % (285 of 286).
    expect(overall.strict.all.precision).toBeGreaterThanOrEqual(0.98)
    expect(overall.strict.all.recall).toBeGreaterThanOrEqual(0.98)
    expect(overall.lenient.all.precision).toBeGreaterThanOrEqual(0.98)
    expect(overall.lenient.all.recall).toBeGreaterThanOrEqual(0.98)
  })

  it.each(['person', 'organisation', 'location', 'state', 'date'] as const)(
    'stays above the floor for %s',
    (kind) => {
      expect(overall.strict[kind].f1).toBeGreaterThanOrEqual(0.95)
    },
  )

  it('stays above the floor on each document', () => {
    for (const { name, evaluation } of evaluations) {
      expect(evaluation.strict.all.f1, name).toBeGreaterThanOrEqual(0.96)
    }
  })
})
