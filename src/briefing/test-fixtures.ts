/**
 * A small, deterministic case for the briefing tests: DESIGN.md's worked example (US strikes
 * over the weekend, a meeting in Moscow on Monday, Iran's missile strike on Al Udeid), with
 * the awkward cases the composer must handle — an orphaned tag, a deleted passage, a fuzzy
 * anchor, a document with no recorded source, an undated event, an event with no evidence,
 * and a chronology that names a deleted event. Fixed ids, so tests can name every record.
 */
import type {
  AnnotationRecord,
  BriefingRecord,
  DocumentMeta,
  EntityRecord,
  EventRecord,
  SourceRecord,
} from '../domain/types'
import type { BriefingInput } from './compose'

const caseId = 'case-1'
const T0 = Date.UTC(2025, 5, 24, 12)

const entity = (id: string, name: string, kind: EntityRecord['kind']): EntityRecord => ({
  id,
  caseId,
  kind,
  name,
  aliases: [],
  createdAt: T0,
})

const doc = (id: string, fields: Partial<DocumentMeta> & { title: string }): DocumentMeta => ({
  id,
  caseId,
  textHash: '0'.repeat(64),
  mime: 'text/plain',
  fileName: `${id}.txt`,
  fileSize: 1000,
  importer: 'text',
  importerVersion: '1',
  importedAt: T0,
  ...fields,
})

const ann = (
  id: string,
  docId: string,
  exact: string,
  fields: Partial<AnnotationRecord> = {},
): AnnotationRecord => ({
  id,
  caseId,
  docId,
  start: 0,
  end: exact.length,
  exact,
  prefix: '',
  suffix: '',
  textHash: '0'.repeat(64),
  kind: 'event',
  createdAt: T0,
  ...fields,
})

const event = (
  id: string,
  fields: Partial<EventRecord> & { title: string; type: string },
): EventRecord => ({
  id,
  caseId,
  initiators: [],
  targets: [],
  evidence: [],
  createdAt: T0,
  updatedAt: T0,
  ...fields,
})

/** Local midnight in Tehran (UTC+3:30) of a June 2025 day. */
const tehranMidnight = (d: number) => Date.UTC(2025, 5, d) - 3.5 * 3_600_000

/** A fresh copy of the sample input (tests may mutate it). */
export function sampleInput(): BriefingInput {
  const sources: SourceRecord[] = [
    {
      id: 'src-gazette',
      caseId,
      name: 'Harbour Gazette',
      reliability: 'B',
      history: [],
      createdAt: T0,
    },
    { id: 'src-wire', caseId, name: 'State wire', reliability: 'D', history: [], createdAt: T0 },
  ]
  const documents: DocumentMeta[] = [
    doc('doc-gazette', {
      title: 'Iran fires missiles at US base in Qatar',
      sourceId: 'src-gazette',
      url: 'https://gazette.example/iran-qatar',
      publishedAt: Date.UTC(2025, 5, 24),
      publishedPrecision: 'day',
    }),
    doc('doc-wire', {
      title: 'Foreign minister meets President Putin',
      sourceId: 'src-wire',
      publishedAt: Date.UTC(2025, 5, 23, 15, 0),
      publishedPrecision: 'minute',
      timeZone: 'Asia/Tehran',
    }),
    doc('doc-blog', { title: 'Unsourced blog post' }),
  ]
  const annotations: AnnotationRecord[] = [
    ann('ann-strike', 'doc-gazette', 'Iran fired   missiles at the\nAl Udeid air base on Monday', {
      credibility: 2,
    }),
    ann('ann-meeting', 'doc-gazette', 'hours after its foreign minister met the Russian president'),
    ann('ann-wire', 'doc-wire', 'The minister was received in the Kremlin', { credibility: 3 }),
    ann('ann-orphan', 'doc-wire', 'a sentence that was edited away', {
      start: 0,
      end: 0,
      anchor: { status: 'orphan', note: 'not found in the new text' },
    }),
    ann('ann-fuzzy', 'doc-blog', 'a statement was read out', {
      credibility: 4,
      anchor: { status: 'fuzzy', score: 0.82, quote: 'a statment was read out' },
    }),
  ]
  const entities: EntityRecord[] = [
    entity('ent-iran', 'Iran', 'state'),
    entity('ent-us', 'United States', 'state'),
    entity('ent-russia', 'Russia', 'state'),
    entity('ent-udeid', 'Al Udeid Air Base', 'location'),
  ]
  const events: EventRecord[] = [
    event('ev-missile', {
      title: 'Iran fires missiles at Al Udeid',
      type: 'assault',
      initiators: ['ent-iran'],
      targets: ['ent-us'],
      locationId: 'ent-udeid',
      when: {
        start: tehranMidnight(23) + 19.5 * 3_600_000,
        precision: 'minute',
        approximate: false,
        zone: 'Asia/Tehran',
      },
      evidence: ['ann-strike', 'ann-orphan', 'ann-deleted'],
    }),
    event('ev-nuclear', {
      title: 'US strikes three nuclear sites',
      type: 'assault',
      initiators: ['ent-us'],
      targets: ['ent-iran'],
      when: {
        start: Date.UTC(2025, 5, 21),
        end: Date.UTC(2025, 5, 23),
        precision: 'day',
        approximate: false,
      },
      evidence: ['ann-strike'],
    }),
    event('ev-undated', {
      title: 'Statement read out on state television',
      type: 'statement',
      initiators: ['ent-iran'],
      evidence: ['ann-fuzzy'],
    }),
    event('ev-meeting', {
      title: 'Foreign minister meets the Russian president in Moscow',
      type: 'consult',
      initiators: ['ent-iran'],
      targets: ['ent-russia'],
      when: {
        start: tehranMidnight(23),
        end: tehranMidnight(24),
        precision: 'day',
        approximate: false,
        zone: 'Asia/Tehran',
      },
      evidence: ['ann-meeting', 'ann-wire'],
      confidence: 2,
    }),
    event('ev-ceasefire', {
      title: 'Ceasefire announced',
      type: 'agree',
      initiators: ['ent-us', 'ent-gone'],
      when: {
        start: Date.UTC(2025, 5, 24),
        end: Date.UTC(2025, 5, 25),
        precision: 'day',
        approximate: true,
      },
    }),
    event('ev-elsewhere', {
      title: 'Not in this briefing',
      type: 'other',
      when: { start: Date.UTC(2025, 0, 1), precision: 'year', approximate: false },
      evidence: ['ann-wire'],
    }),
  ]
  const briefing: BriefingRecord = {
    id: 'brief-1',
    caseId,
    title: 'Iran retaliates against US base in Qatar',
    handling: 'OFFICIAL — SENSITIVE',
    author: 'Duty analyst',
    date: Date.UTC(2025, 5, 24, 22, 30),
    bluf: 'Iran struck Al Udeid hours after consulting Moscow.\n\nFurther strikes are unlikely.',
    judgements: [
      {
        id: 'j1',
        text: 'Iran coordinated the timing of its retaliation with Russia.',
        likelihood: 'roughly even chance',
        confidence: 'low',
        eventIds: ['ev-meeting', 'ev-missile'],
      },
      {
        id: 'j2',
        text: 'The strike was very likely calibrated to avoid US casualties',
        likelihood: 'very likely',
        confidence: 'moderate',
        eventIds: ['ev-missile'],
      },
      {
        id: 'j3',
        text: 'Tehran will avoid further strikes this month.',
        likelihood: 'likely',
        confidence: 'high',
        eventIds: [],
      },
    ],
    sections: [
      {
        id: 's1',
        heading: 'Outlook',
        body: 'Watch for:\nnaval moves;\nproxy attacks.\n\nReview in a week.',
      },
    ],
    eventIds: [
      'ev-missile',
      'ev-nuclear',
      'ev-undated',
      'ev-meeting',
      'ev-ceasefire',
      'ev-deleted',
    ],
    createdAt: T0,
    updatedAt: T0,
  }
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]))
  return {
    briefing,
    events,
    annotations: byId(annotations),
    documents: byId(documents),
    sources: byId(sources),
    entities: byId(entities),
    timeZone: 'Asia/Tehran',
  }
}
