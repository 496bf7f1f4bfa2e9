import { describe, expect, it } from 'vitest'
import { composeBriefing, type BriefingInput } from './compose'
import { sampleInput } from './test-fixtures'
import { renderBriefingHtml } from './print-html'
import { renderBriefingMarkdown } from './markdown'
import type { AnnotationRecord, SourceRecord } from '../domain/types'

const compose = (edit?: (input: BriefingInput) => void) => {
  const input = sampleInput()
  edit?.(input)
  return composeBriefing(input)
}

describe('composeBriefing', () => {
  it('fills the title block, reading the date in the given zone', () => {
    const doc = compose()
    expect(doc).toMatchObject({
      briefingId: 'brief-1',
      title: 'Iran retaliates against US base in Qatar',
      handling: 'OFFICIAL — SENSITIVE',
      // 22:30 UTC on the 24th is 02:00 on the 25th in Tehran.
      dateLine: '25 June 2025',
      author: 'Duty analyst',
    })
    expect(compose((i) => delete i.timeZone).dateLine).toBe('24 June 2025')
    expect(compose((i) => delete i.briefing.date).dateLine).toBeUndefined()
    expect(compose((i) => (i.briefing.title = '  ')).title).toBe('Untitled briefing')
  })

  it('lists the chronology in date order, undated events last', () => {
    const doc = compose()
    expect(doc.chronology.map((e) => e.eventId)).toEqual([
      'ev-nuclear',
      'ev-meeting',
      'ev-missile',
      'ev-ceasefire',
      'ev-undated',
    ])
    expect(doc.chronology.map((e) => e.when)).toEqual([
      '21–22 June 2025',
      '23 June 2025',
      '23 June 2025, 19:30 (Asia/Tehran, UTC+3:30)',
      'on or about 24 June 2025',
      'Date unknown',
    ])
    expect(doc.chronology.map((e) => e.dateUnknown)).toEqual([false, false, false, false, true])
    expect(doc.chronology[2]).toMatchObject({
      title: 'Iran fires missiles at Al Udeid',
      typeLabel: 'Assault / strike',
      initiators: ['Iran'],
      targets: ['United States'],
      location: 'Al Udeid Air Base',
      detail: 'Iran → United States · Assault / strike · Al Udeid Air Base',
      text: '23 June 2025, 19:30 (Asia/Tehran, UTC+3:30): Iran fires missiles at Al Udeid (Iran → United States · Assault / strike · Al Udeid Air Base).',
    })
    expect(doc.chronology[3]!.text).toBe(
      'On or about 24 June 2025: Ceasefire announced (United States · Agree / cooperate).',
    )
  })

  it('keeps the briefing order for events at the same time', () => {
    const doc = compose((i) => {
      const missile = i.events.find((e) => e.id === 'ev-missile')!
      const nuclear = i.events.find((e) => e.id === 'ev-nuclear')!
      missile.when = { ...nuclear.when! }
    })
    // ev-missile comes before ev-nuclear in briefing.eventIds.
    expect(doc.chronology.slice(0, 2).map((e) => e.eventId)).toEqual(['ev-missile', 'ev-nuclear'])
  })

  it('numbers footnotes in order of first use and reuses a passage’s number', () => {
    const doc = compose()
    expect(doc.judgements.map((j) => j.notes)).toEqual([[1, 2, 3], [3], []])
    expect(doc.chronology.map((e) => e.notes)).toEqual([[3], [1, 2], [3], [], [4]])
    expect(doc.footnotes.map((f) => [f.n, f.annotationId, f.grade])).toEqual([
      [1, 'ann-meeting', 'B2'], // no credibility of its own: the event's confidence
      [2, 'ann-wire', 'D3'],
      [3, 'ann-strike', 'B2'],
      [4, 'ann-fuzzy', 'F4'], // no recorded source: reliability cannot be judged
    ])
    expect(doc.footnotes[2]).toEqual({
      n: 3,
      annotationId: 'ann-strike',
      documentId: 'doc-gazette',
      quote: 'Iran fired missiles at the Al Udeid air base on Monday',
      documentTitle: 'Iran fires missiles at US base in Qatar',
      publisher: 'Harbour Gazette',
      published: 'Tue 24 Jun 2025',
      grade: 'B2',
      reliability: 'B',
      credibility: 2,
      url: 'https://gazette.example/iran-qatar',
    })
    expect(doc.footnotes[1]!.published).toBe('Mon 23 Jun 2025 18:30 UTC+3:30')
    expect(doc.footnotes[3]).not.toHaveProperty('publisher')
    expect(doc.footnotes[3]!.published).toBe('Date unknown')
  })

  it('gives a passage a second note when two events grade it differently', () => {
    const doc = compose((i) => {
      i.events.find((e) => e.id === 'ev-ceasefire')!.evidence = ['ann-meeting']
      i.events.find((e) => e.id === 'ev-ceasefire')!.confidence = 4
    })
    const ceasefire = doc.chronology.find((e) => e.eventId === 'ev-ceasefire')!
    expect(ceasefire.notes).toEqual([4])
    expect(doc.footnotes[0]).toMatchObject({ annotationId: 'ann-meeting', grade: 'B2' })
    expect(doc.footnotes[3]).toMatchObject({ annotationId: 'ann-meeting', grade: 'B4' })
  })

  it('writes each judgement as two sentences with its range', () => {
    const [j1, j2, j3] = compose().judgements
    expect(j1).toMatchObject({
      n: 1,
      likelihood: 'roughly even chance',
      range: '45–55%',
      confidence: 'low',
      sentences: {
        likelihood:
          'We assess there is a roughly even chance (45–55%) that Iran coordinated the timing of its retaliation with Russia.',
        confidence: 'We have low confidence in this judgement.',
      },
    })
    expect(j2!.sentences.likelihood).toBe(
      'The strike was very likely (80–95%) calibrated to avoid US casualties.',
    )
    expect(j3!.sentences.confidence).toBe('We have high confidence in this judgement.')
  })

  it('leaves orphaned and deleted evidence out and lists it as problems', () => {
    const doc = compose()
    const cited = doc.footnotes.map((f) => f.annotationId)
    expect(cited).not.toContain('ann-orphan')
    expect(cited).not.toContain('ann-deleted')
    const brief = doc.problems.map((p) => [p.kind, p.severity, p.eventId ?? p.judgementId ?? null])
    expect(brief).toEqual([
      ['orphan', 'error', 'ev-missile'],
      ['missing-passage', 'error', 'ev-missile'],
      ['missing-event', 'error', 'ev-deleted'],
      ['missing-entity', 'warning', 'ev-ceasefire'],
      ['no-evidence', 'warning', 'ev-ceasefire'],
      ['undated', 'warning', 'ev-undated'],
      ['fuzzy', 'warning', 'ev-undated'],
      ['no-evidence', 'warning', 'j3'],
    ])
    const orphan = doc.problems[0]!
    expect(orphan.annotationId).toBe('ann-orphan')
    expect(orphan.message).toContain('a sentence that was edited away')
    expect(orphan.message).toContain('orphaned')
    expect(doc.problems[1]!.annotationId).toBe('ann-deleted')
  })

  it('reports a passage whose document was deleted, and a judgement citing a deleted event', () => {
    const doc = compose((i) => {
      ;(i.documents as Map<string, unknown>).delete('doc-wire')
      i.briefing.judgements[2]!.eventIds = ['ev-gone']
    })
    expect(doc.footnotes.map((f) => f.annotationId)).not.toContain('ann-wire')
    expect(doc.problems).toContainEqual(
      expect.objectContaining({
        kind: 'missing-passage',
        annotationId: 'ann-wire',
        message: expect.stringContaining('document that was deleted'),
      }),
    )
    expect(doc.problems).toContainEqual(
      expect.objectContaining({ kind: 'missing-event', eventId: 'ev-gone', judgementId: 'j3' }),
    )
    // The judgement did cite something, so it is not also "no evidence".
    expect(doc.problems.filter((p) => p.judgementId === 'j3').map((p) => p.kind)).toEqual([
      'missing-event',
    ])
  })

  it('reports estimative wording that contradicts the chosen likelihood, and no handling line', () => {
    const doc = compose((i) => {
      i.briefing.judgements[0]!.text = 'Iran almost certainly coordinated with Russia.'
      i.briefing.handling = ' '
    })
    expect(doc.problems).toContainEqual(
      expect.objectContaining({
        kind: 'estimative-language',
        judgementId: 'j1',
        message:
          'Key judgement 1 is marked "roughly even chance" but its text says "almost certain".',
      }),
    )
    expect(doc.problems).toContainEqual(expect.objectContaining({ kind: 'no-handling' }))
  })

  it('builds the appendix of sources used, by name, unattributed last', () => {
    const doc = compose()
    expect(doc.sources).toEqual([
      {
        id: 'src-gazette',
        name: 'Harbour Gazette',
        reliability: 'B',
        reliabilityLabel: 'Usually reliable',
        documents: [
          {
            id: 'doc-gazette',
            title: 'Iran fires missiles at US base in Qatar',
            published: 'Tue 24 Jun 2025',
            url: 'https://gazette.example/iran-qatar',
            notes: [1, 3],
          },
        ],
      },
      {
        id: 'src-wire',
        name: 'State wire',
        reliability: 'D',
        reliabilityLabel: 'Not usually reliable',
        documents: [
          {
            id: 'doc-wire',
            title: 'Foreign minister meets President Putin',
            published: 'Mon 23 Jun 2025 18:30 UTC+3:30',
            notes: [2],
          },
        ],
      },
      {
        name: 'Source not recorded',
        reliability: 'F',
        reliabilityLabel: 'Reliability cannot be judged',
        documents: [
          { id: 'doc-blog', title: 'Unsourced blog post', published: 'Date unknown', notes: [4] },
        ],
      },
    ])
    // The event not in the briefing cites ann-wire; it does not add anything.
    expect(doc.chronology.map((e) => e.eventId)).not.toContain('ev-elsewhere')
  })

  it('splits sections into paragraphs and keeps their lines', () => {
    expect(compose().sections).toEqual([
      {
        id: 's1',
        heading: 'Outlook',
        paragraphs: ['Watch for:\nnaval moves;\nproxy attacks.', 'Review in a week.'],
      },
    ])
  })

  it('accepts plain objects as lookups without reaching the prototype', () => {
    const input = sampleInput()
    const plain = <T>(m: unknown) => Object.fromEntries(m as Map<string, T>)
    const doc = composeBriefing({
      ...input,
      annotations: plain(input.annotations),
      documents: plain(input.documents),
      sources: plain(input.sources),
      entities: plain(input.entities),
    })
    expect(doc.footnotes).toHaveLength(4)
    const odd = composeBriefing({
      ...input,
      annotations: {},
      events: [{ ...input.events[0]!, evidence: ['constructor', 'toString'] }],
      briefing: { ...input.briefing, eventIds: ['ev-missile'], judgements: [] },
    })
    expect(odd.footnotes).toEqual([])
    expect(odd.problems.map((p) => p.kind)).toEqual(['missing-passage', 'missing-passage'])
  })

  it('is pure: the same input gives the same document', () => {
    expect(compose()).toEqual(compose())
  })
})

describe('composeBriefing: corroboration and contradictions', () => {
  const meeting = (doc: ReturnType<typeof compose>) =>
    doc.chronology.find((e) => e.eventId === 'ev-meeting')!

  it('prints each event’s corroboration, counting independent origins', () => {
    expect(meeting(compose()).corroboration).toBe('2 reports · 2 independent origins · B2, D3')
    // The wire passage quoting the Gazette second-hand is the Gazette's word: one origin.
    const quoted = compose((i) => {
      const annotations = i.annotations as Map<string, AnnotationRecord>
      annotations.set('ann-wire', {
        ...annotations.get('ann-wire')!,
        secondHand: { outlet: 'the Gazette' },
      })
      ;(i.sources as Map<string, SourceRecord>).get('src-gazette')!.name = 'Gazette'
    })
    expect(meeting(quoted).corroboration).toBe('2 reports · 1 independent origin · B2, D3')
  })

  it('lists a contradicting passage apart, flagged, never as support', () => {
    const doc = compose((i) => {
      const annotations = i.annotations as Map<string, AnnotationRecord>
      annotations.set('ann-wire', { ...annotations.get('ann-wire')!, stance: 'contradicts' })
    })
    const entry = meeting(doc)
    expect(entry.corroboration).toBe(
      '1 report · 1 independent origin · B2 · 1 contradicting passage',
    )
    expect(entry.contradictedBy).toHaveLength(1)
    expect(entry.notes).not.toContain(entry.contradictedBy[0])
    const note = doc.footnotes.find((f) => f.n === entry.contradictedBy[0])!
    expect(note).toMatchObject({ annotationId: 'ann-wire', contradicts: true })
    const html = renderBriefingHtml(doc, { pageSize: 'A4' })
    expect(html).toContain('class="contradicted"')
    expect(html).toContain('⚠ Contradicted by a passage')
    expect(renderBriefingMarkdown(doc)).toContain('**Contradicted** by')
  })

  it('lets one passage contradict one event and support another (the stance is per event)', () => {
    const doc = compose((i) => {
      const meetingEvent = i.events.find((e) => e.id === 'ev-meeting')!
      meetingEvent.stances = { 'ann-wire': 'contradicts' }
      i.events.find((e) => e.id === 'ev-ceasefire')!.evidence = ['ann-wire']
    })
    const entry = meeting(doc)
    expect(entry.corroboration).toBe(
      '1 report · 1 independent origin · B2 · 1 contradicting passage',
    )
    const against = doc.footnotes.find((f) => f.n === entry.contradictedBy[0])!
    expect(against).toMatchObject({ annotationId: 'ann-wire', contradicts: true })
    const ceasefire = doc.chronology.find((e) => e.eventId === 'ev-ceasefire')!
    expect(ceasefire.contradictedBy).toEqual([])
    expect(ceasefire.corroboration).toMatch(/^1 report · 1 independent origin/)
    const support = doc.footnotes.find((f) => f.n === ceasefire.notes[0])!
    expect(support.annotationId).toBe('ann-wire')
    expect(support.contradicts).toBeFalsy()
  })
})
