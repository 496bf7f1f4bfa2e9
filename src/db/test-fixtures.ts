/**
 * Test data builders for store tests: a realistic case (the worked example of DESIGN.md —
 * strikes, a meeting in Moscow, a missile strike on an air base — in English, Arabic,
 * Russian and emoji-laden text) written straight into the tables, plus helpers that count and
 * dump what the store holds. Used only by tests; nothing in the app imports it.
 */
import type {
  AnnotationKind,
  AnnotationRecord,
  BriefingRecord,
  CaseRecord,
  ChangeRecord,
  DocumentRecord,
  EntityKind,
  EntityRecord,
  EventRecord,
  RelationRecord,
  SourceRecord,
} from '../domain/types'
import type { CasefileDB } from './schema'

/** Lower-case hex SHA-256 of `text` as UTF-8, as importers compute it. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** A fixed clock: 2025-06-24T09:30:00Z, a Tuesday, plus `minutes`. */
export function at(minutes = 0): number {
  return Date.UTC(2025, 5, 24, 9, 30) + minutes * 60_000
}

/** An annotation on `doc` anchored on the `occurrence`-th match of `quote` (32-char context). */
export function anchor(
  doc: DocumentRecord,
  quote: string,
  fields: { kind: AnnotationKind; occurrence?: number } & Partial<AnnotationRecord>,
): AnnotationRecord {
  let start = -1
  for (let i = 0; i <= (fields.occurrence ?? 0); i++) start = doc.text.indexOf(quote, start + 1)
  if (start < 0) throw new Error(`“${quote}” is not in “${doc.title}”`)
  const end = start + quote.length
  const { occurrence: _occurrence, ...rest } = fields
  return {
    id: crypto.randomUUID(),
    caseId: doc.caseId,
    docId: doc.id,
    start,
    end,
    exact: quote,
    prefix: doc.text.slice(Math.max(0, start - 32), start),
    suffix: doc.text.slice(end, end + 32),
    textHash: doc.textHash,
    createdAt: at(30),
    ...rest,
  }
}

/** Everything `seedRealisticCase` wrote, by table. */
export interface SeededCase {
  caseRecord: CaseRecord
  sources: SourceRecord[]
  documents: DocumentRecord[]
  annotations: AnnotationRecord[]
  entities: EntityRecord[]
  events: EventRecord[]
  relations: RelationRecord[]
  briefings: BriefingRecord[]
  changes: ChangeRecord[]
}

const TEXTS = {
  gazette:
    'Iran fired missiles at Al Udeid Air Base in Qatar on Monday, hours after its foreign ' +
    'minister, Abbas Araghchi, met President Vladimir Putin in Moscow.\n\n' +
    'The strikes followed US attacks on three nuclear sites — Fordow, Natanz and Isfahan — ' +
    'over the weekend. “We will respond,” an official said. 🚀🇮🇷\n\n' +
    'Qatar said its air defences intercepted most of the missiles; no casualties were reported.',
  arabic:
    'أطلقت إيران صواريخ على قاعدة العديد الجوية في قطر يوم الاثنين.\n\n' +
    'وقال مسؤول قطري إن الدفاعات الجوية اعترضت معظم الصواريخ.\n\n' +
    'Araghchi (عراقجي) met Putin (Путин) in Москва on Monday.',
  wire:
    'TEHRAN — Iranian state media said the IRGC targeted the base "in response to the ' +
    'aggression". Café owners in Doha heard explosions. The composed é and the decomposed ' +
    'e\u0301 differ; 👩🏽‍💻 analysts note CJK coverage: 伊朗 向 美军基地 发射 导弹.\n\n' +
    'Russia’s foreign ministry called for restraint.',
}

/**
 * Writes a realistic case into the store and returns every record written: 2 sources with
 * grade history, 3 documents with non-Latin and astral-plane text, annotations of every kind,
 * entities with aliases, events with full and partial TimeValues, relations, a briefing with
 * judgements and sections, and change-log entries with snapshots (one for a deleted record).
 */
export async function seedRealisticCase(
  db: CasefileDB,
  title = 'Harbour Street',
): Promise<SeededCase> {
  const caseId = crypto.randomUUID()
  const id = () => crypto.randomUUID()
  const caseRecord: CaseRecord = {
    id: caseId,
    title,
    description: 'Strikes and counter-strikes, June 2025. Working copy — do not circulate.',
    createdAt: at(0),
    updatedAt: at(120),
  }
  const sources: SourceRecord[] = [
    {
      id: id(),
      caseId,
      name: 'Harbour Gazette',
      reliability: 'B',
      history: [
        { grade: 'F', at: at(1) },
        { grade: 'B', at: at(40), note: 'Corroborated twice by independent reporting.' },
      ],
      createdAt: at(1),
    },
    {
      id: id(),
      caseId,
      name: 'State wire (وكالة)',
      reliability: 'D',
      history: [
        { grade: 'C', at: at(2) },
        { grade: 'D', at: at(41), note: 'Repeats official claims without sourcing.' },
      ],
      createdAt: at(2),
    },
  ]
  const [gazette, wire] = sources as [SourceRecord, SourceRecord]
  const doc = async (
    text: string,
    fields: Partial<DocumentRecord> & Pick<DocumentRecord, 'title' | 'importer'>,
  ): Promise<DocumentRecord> => ({
    id: id(),
    caseId,
    textHash: await sha256Hex(text),
    mime: 'text/plain',
    fileName: `${fields.title}.txt`,
    fileSize: new TextEncoder().encode(text).byteLength,
    importerVersion: '1.2.0',
    importedAt: at(5),
    text,
    ...fields,
  })
  const documents: DocumentRecord[] = [
    await doc(TEXTS.gazette, {
      title: 'Iran strikes US base in Qatar',
      importer: 'html',
      mime: 'text/html',
      sourceId: gazette.id,
      author: 'Nadia Okafor',
      url: 'https://gazette.example/world/2025/06/24/iran-qatar',
      publishedAt: Date.UTC(2025, 5, 24, 6, 15),
      publishedPrecision: 'minute',
      language: 'en',
      warnings: ['Decoded as windows-1252 (declared by the page).'],
    }),
    await doc(TEXTS.arabic, {
      title: 'إيران تطلق صواريخ على قاعدة العديد',
      importer: 'pdf',
      mime: 'application/pdf',
      sourceId: wire.id,
      publishedAt: Date.UTC(2025, 5, 24),
      publishedPrecision: 'day',
      language: 'ar',
      pageStarts: [0, TEXTS.arabic.indexOf('وقال'), TEXTS.arabic.indexOf('Araghchi')],
    }),
    await doc(TEXTS.wire, { title: 'Wire copy, unattributed', importer: 'markdown' }),
  ]
  const [gDoc, aDoc, wDoc] = documents as [DocumentRecord, DocumentRecord, DocumentRecord]

  const entity = (kind: EntityKind, name: string, aliases: string[] = []): EntityRecord => ({
    id: id(),
    caseId,
    kind,
    name,
    aliases,
    createdAt: at(10),
  })
  const iran = entity('state', 'Iran', ['Islamic Republic of Iran', 'إيران', '伊朗'])
  const us = entity('state', 'United States', ['US', 'USA', 'Washington'])
  const russia = entity('state', 'Russia', ['Russian Federation', 'Россия'])
  const qatar = entity('state', 'Qatar', ['قطر'])
  const araghchi = entity('person', 'Abbas Araghchi', ['Araghchi', 'عراقجي'])
  const putin = entity('person', 'Vladimir Putin', ['Путин'])
  const irgc = entity('organisation', 'IRGC', ['Islamic Revolutionary Guard Corps'])
  const udeid = entity('location', 'Al Udeid Air Base', ['قاعدة العديد'])
  const moscow = entity('location', 'Moscow', ['Москва'])
  const unnamed = { ...entity('other', 'Unidentified official'), description: 'Quoted, unnamed.' }
  const entities = [iran, us, russia, qatar, araghchi, putin, irgc, udeid, moscow, unnamed]

  const strikesId = id()
  const meetingId = id()
  const missileId = id()
  const anns = {
    iran: anchor(gDoc, 'Iran', { kind: 'actor', entityId: iran.id, credibility: 2 }),
    udeid: anchor(gDoc, 'Al Udeid Air Base', { kind: 'location', entityId: udeid.id }),
    missile: anchor(gDoc, 'Iran fired missiles at Al Udeid Air Base in Qatar on Monday', {
      kind: 'event',
      eventId: missileId,
      credibility: 2,
    }),
    meeting: anchor(gDoc, 'met President Vladimir Putin in Moscow', {
      kind: 'event',
      eventId: meetingId,
    }),
    strikes: anchor(gDoc, 'US attacks on three nuclear sites', {
      kind: 'event',
      eventId: strikesId,
    }),
    claim: anchor(gDoc, '“We will respond,”', {
      kind: 'claim',
      entityId: unnamed.id,
      credibility: 4,
      note: 'Unattributed; treat as rhetoric.',
    }),
    emoji: anchor(gDoc, '🚀🇮🇷', { kind: 'note', note: 'Emoji in the original HTML title.' }),
    tail: anchor(gDoc, 'no casualties were reported.', { kind: 'claim', credibility: 3 }),
    arIran: anchor(aDoc, 'إيران', { kind: 'actor', entityId: iran.id }),
    arQatar: anchor(aDoc, 'قطر', { kind: 'location', entityId: qatar.id, occurrence: 0 }),
    arMeeting: anchor(aDoc, 'Araghchi (عراقجي) met Putin (Путин) in Москва on Monday.', {
      kind: 'event',
      eventId: meetingId,
      credibility: 3,
    }),
    wIrgc: anchor(wDoc, 'IRGC', { kind: 'actor', entityId: irgc.id }),
    wCjk: anchor(wDoc, '伊朗 向 美军基地 发射 导弹', {
      kind: 'note',
      note: 'Chinese summary line.',
    }),
    wCombining: anchor(wDoc, 'e\u0301', { kind: 'note' }),
    wRussia: anchor(wDoc, 'Russia’s foreign ministry', { kind: 'actor', entityId: russia.id }),
  }
  const annotations = Object.values(anns)

  const events: EventRecord[] = [
    {
      id: strikesId,
      caseId,
      title: 'US strikes on three nuclear sites',
      type: 'assault/strike',
      initiators: [us.id],
      targets: [iran.id],
      when: {
        start: Date.UTC(2025, 5, 21),
        end: Date.UTC(2025, 5, 22, 23, 59),
        precision: 'day',
        approximate: true,
        earliest: Date.UTC(2025, 5, 21),
        latest: Date.UTC(2025, 5, 23),
        resolvedFrom: {
          text: 'over the weekend',
          reference: Date.UTC(2025, 5, 24, 6, 15),
          rule: 'weekend before the publication date',
        },
      },
      evidence: [anns.strikes.id],
      confidence: 2,
      notes: 'Fordow, Natanz, Isfahan.',
      createdAt: at(50),
      updatedAt: at(55),
    },
    {
      id: meetingId,
      caseId,
      title: 'Araghchi meets Putin in Moscow',
      type: 'consult/meet',
      initiators: [araghchi.id],
      targets: [putin.id],
      locationIds: [moscow.id],
      when: {
        start: Date.UTC(2025, 5, 23),
        precision: 'day',
        approximate: false,
        resolvedFrom: { text: 'on Monday', reference: Date.UTC(2025, 5, 24), rule: 'weekday' },
      },
      evidence: [anns.meeting.id, anns.arMeeting.id],
      createdAt: at(51),
      updatedAt: at(51),
    },
    {
      id: missileId,
      caseId,
      title: 'Missile strike on Al Udeid',
      type: 'assault/strike',
      initiators: [iran.id, irgc.id],
      targets: [us.id, qatar.id],
      locationIds: [udeid.id],
      when: {
        start: Date.UTC(2025, 5, 23, 16),
        precision: 'hour',
        approximate: true,
        resolvedFrom: { text: 'hours after', rule: 'relative to the Moscow meeting' },
      },
      evidence: [anns.missile.id, anns.arIran.id, anns.wIrgc.id],
      confidence: 1,
      createdAt: at(52),
      updatedAt: at(60),
    },
    {
      id: id(),
      caseId,
      title: 'Call for restraint',
      type: 'appeal',
      initiators: [russia.id],
      targets: [],
      evidence: [],
      createdAt: at(53),
      updatedAt: at(53),
    },
  ]
  const relations: RelationRecord[] = [
    {
      id: id(),
      caseId,
      from: iran.id,
      to: us.id,
      type: 'attack',
      directed: true,
      evidence: [anns.missile.id],
      createdAt: at(70),
    },
    {
      id: id(),
      caseId,
      from: iran.id,
      to: russia.id,
      type: 'meeting',
      directed: false,
      evidence: [anns.meeting.id, anns.arMeeting.id],
      when: { start: Date.UTC(2025, 5, 23), precision: 'day', approximate: false },
      createdAt: at(71),
    },
  ]
  const briefings: BriefingRecord[] = [
    {
      id: id(),
      caseId,
      title: 'Iran retaliates against US base in Qatar',
      handling: 'OFFICIAL — SENSITIVE',
      author: 'Duty analyst',
      date: Date.UTC(2025, 5, 24, 12),
      bluf: 'Iran struck Al Udeid hours after consulting Moscow; further strikes are unlikely.',
      judgements: [
        {
          id: 'j1',
          text: 'Iran coordinated the timing of its retaliation with Russia.',
          likelihood: 'roughly even chance',
          confidence: 'low',
          eventIds: [meetingId, missileId],
        },
        {
          id: 'j2',
          text: 'The strike was calibrated to avoid US casualties.',
          likelihood: 'very likely',
          confidence: 'moderate',
          eventIds: [missileId],
        },
      ],
      sections: [
        { id: 's1', heading: 'Chronology', body: 'Weekend: US strikes.\nMonday: meeting; strike.' },
        { id: 's2', heading: 'Sources', body: 'Gazette (B2), state wire (D3).' },
      ],
      eventIds: [strikesId, meetingId, missileId],
      createdAt: at(90),
      updatedAt: at(100),
    },
  ]
  const deletedAnnotation = { ...anns.iran, id: id(), start: 0, end: 4, note: 'duplicate' }
  const changes: ChangeRecord[] = [
    {
      caseId,
      at: at(0),
      action: 'Create case',
      op: 'create',
      table: 'cases',
      recordId: caseId,
      after: caseRecord,
    },
    {
      caseId,
      at: at(1),
      action: 'Add source',
      op: 'create',
      table: 'sources',
      recordId: gazette.id,
      after: { ...gazette, reliability: 'F', history: [gazette.history[0]] },
    },
    {
      caseId,
      at: at(40),
      action: 'Grade source B',
      op: 'update',
      table: 'sources',
      recordId: gazette.id,
      before: { ...gazette, reliability: 'F', history: [gazette.history[0]] },
      after: gazette,
    },
    {
      caseId,
      at: at(45),
      action: 'Delete annotation',
      op: 'delete',
      table: 'annotations',
      recordId: deletedAnnotation.id,
      before: deletedAnnotation,
    },
    {
      caseId,
      at: at(52),
      action: 'Create event',
      op: 'create',
      table: 'events',
      recordId: missileId,
      after: events[2],
    },
  ]

  await db.transaction('rw', db.tables, async () => {
    await db.cases.add(caseRecord)
    await db.sources.bulkAdd(sources)
    await db.documents.bulkAdd(documents.map(({ text: _text, ...meta }) => meta))
    await db.texts.bulkAdd(documents.map((d) => ({ id: d.id, caseId, text: d.text })))
    await db.annotations.bulkAdd(annotations)
    await db.entities.bulkAdd(entities)
    await db.events.bulkAdd(events)
    await db.relations.bulkAdd(relations)
    await db.briefings.bulkAdd(briefings)
    await db.changes.bulkAdd(changes)
  })
  return {
    caseRecord,
    sources,
    documents,
    annotations,
    entities,
    events,
    relations,
    briefings,
    changes,
  }
}

/** The number of rows in every table of the store, by table name. */
export async function countTables(db: CasefileDB): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of db.tables) counts[table.name] = await table.count()
  return counts
}

/** Every row of every table that belongs to `caseId` (the case itself included). */
export async function dumpCase(db: CasefileDB, caseId: string): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = { cases: [await db.cases.get(caseId)] }
  for (const table of db.tables) {
    if (table.name === 'cases' || table.name === 'settings') continue
    dump[table.name] = await table.where('caseId').equals(caseId).toArray()
  }
  return dump
}

let storeCount = 0

/**
 * A fresh store (its own database name) holding one case with one plain-text document, for
 * repository tests. Also clears the session's undo stacks.
 */
export async function storeWithDocument(
  prefix: string,
  text: string,
): Promise<{ db: CasefileDB; caseId: string; docId: string }> {
  const [{ clearHistory }, { CasefileDB }, { createCase }, { addDocuments }] = await Promise.all([
    import('./history'),
    import('./schema'),
    import('./cases'),
    import('./documents'),
  ])
  clearHistory()
  const db = new CasefileDB(`${prefix}-${++storeCount}`)
  await db.open()
  const caseId = (await createCase(db, 'Case')).id
  const [out] = await addDocuments(db, caseId, [
    {
      title: 'A',
      text,
      textHash: await sha256Hex(text),
      mime: 'text/plain',
      fileName: 'a.txt',
      fileSize: text.length,
      importer: 'text',
      importerVersion: '1',
    },
  ])
  if (out?.status !== 'stored') throw new Error('the test document was not stored')
  return { db, caseId, docId: out.id }
}
