import { describe, expect, it } from 'vitest'
import {
  annotationSchema,
  briefingSchema,
  caseSchema,
  changeSchema,
  documentMetaSchema,
  documentSchema,
  entitySchema,
  eventSchema,
  LIMITS,
  relationSchema,
  snapshotProblem,
  sourceSchema,
  timeValueSchema,
  type SchemaMatches,
} from './record-schemas'
import type {
  AnnotationRecord,
  BriefingRecord,
  ChangeRecord,
  DocumentRecord,
  EventRecord,
  TimeValue,
} from './types'

const T = Date.UTC(2025, 5, 24)
const HASH = 'a'.repeat(64)

const doc: DocumentRecord = {
  id: 'd1',
  caseId: 'c1',
  title: 'Report',
  textHash: HASH,
  mime: 'text/plain',
  fileName: 'report.txt',
  fileSize: 12,
  importer: 'text',
  importerVersion: '1.0.0',
  importedAt: T,
  text: 'Iran fired.',
}
const annotation: AnnotationRecord = {
  id: 'a1',
  caseId: 'c1',
  docId: 'd1',
  start: 0,
  end: 4,
  exact: 'Iran',
  prefix: '',
  suffix: ' fired.',
  textHash: HASH,
  kind: 'actor',
  credibility: 2,
  createdAt: T,
}
const when: TimeValue = {
  start: T,
  end: T + 3_600_000,
  precision: 'hour',
  approximate: true,
  earliest: T,
  latest: T + 7_200_000,
  resolvedFrom: { text: 'on Monday', reference: T, rule: 'weekday' },
}
const event: EventRecord = {
  id: 'e1',
  caseId: 'c1',
  title: 'Strike',
  type: 'assault/strike',
  initiators: ['x'],
  targets: [],
  when,
  evidence: ['a1'],
  confidence: 1,
  createdAt: T,
  updatedAt: T,
}
const briefing: BriefingRecord = {
  id: 'b1',
  caseId: 'c1',
  title: 'Brief',
  handling: 'OFFICIAL',
  bluf: 'Short.',
  judgements: [
    { id: 'j1', text: 'It will recur.', likelihood: 'unlikely', confidence: 'low', eventIds: [] },
  ],
  sections: [{ id: 's1', heading: 'H', body: 'B' }],
  eventIds: ['e1'],
  createdAt: T,
  updatedAt: T,
}
const change: ChangeRecord = {
  caseId: 'c1',
  at: T,
  action: 'Create event',
  op: 'create',
  table: 'events',
  recordId: 'e1',
  after: event,
}

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues.map((i) => i.message).join('\n') ?? ''

describe('record schemas', () => {
  it('accept well-formed records and return them unchanged', () => {
    expect(documentSchema.parse(doc)).toEqual(doc)
    expect(annotationSchema.parse(annotation)).toEqual(annotation)
    expect(eventSchema.parse(event)).toEqual(event)
    expect(briefingSchema.parse(briefing)).toEqual(briefing)
    expect(changeSchema.parse(change)).toEqual(change)
    expect(
      relationSchema.parse({
        id: 'r1',
        caseId: 'c1',
        from: 'x',
        to: 'y',
        type: 'ally',
        directed: false,
        evidence: [],
        createdAt: T,
      }),
    ).toMatchObject({ type: 'ally' })
  })

  it('reject keys a record does not have, rather than dropping them', () => {
    const r = entitySchema.safeParse({
      id: 'x',
      caseId: 'c1',
      kind: 'state',
      name: 'Iran',
      aliases: [],
      createdAt: T,
      colour: 'red',
    })
    expect(messages(r)).toMatch(/Unrecognized key: "colour"/)
    expect(documentMetaSchema.safeParse(doc).success).toBe(false) // the text is not metadata
  })

  it('are strict about enums and grades', () => {
    const base = { id: 's', caseId: 'c', name: 'Wire', history: [], createdAt: T }
    for (const reliability of ['A', 'F'])
      expect(sourceSchema.safeParse({ ...base, reliability }).success).toBe(true)
    for (const reliability of ['G', 'a', 1, null])
      expect(sourceSchema.safeParse({ ...base, reliability }).success).toBe(false)
    for (const credibility of [0, 7, 2.5, '2'])
      expect(annotationSchema.safeParse({ ...annotation, credibility }).success).toBe(false)
    expect(annotationSchema.safeParse({ ...annotation, kind: 'person' }).success).toBe(false)
    expect(
      changeSchema.safeParse({ ...change, op: 'upsert' }).success ||
        changeSchema.safeParse({ ...change, table: 'settings' }).success,
    ).toBe(false)
  })

  it('check offsets, times and hashes', () => {
    expect(annotationSchema.safeParse({ ...annotation, start: -1 }).success).toBe(false)
    expect(annotationSchema.safeParse({ ...annotation, end: 1.5 }).success).toBe(false)
    expect(messages(annotationSchema.safeParse({ ...annotation, start: 5, end: 4 }))).toMatch(
      /start is after end/,
    )
    expect(annotationSchema.safeParse({ ...annotation, start: 4, end: 4 }).success).toBe(true)
    expect(messages(timeValueSchema.safeParse({ ...when, end: T - 1 }))).toMatch(/before start/)
    expect(messages(timeValueSchema.safeParse({ ...when, earliest: T + 9e6 }))).toMatch(
      /earliest is after latest/,
    )
    expect(timeValueSchema.safeParse({ ...when, start: Number.NaN }).success).toBe(false)
    expect(timeValueSchema.safeParse({ ...when, start: 9e15 }).success).toBe(false)
    expect(
      timeValueSchema.safeParse({ ...when, resolvedFrom: { text: 'x', rule: 'y', by: 'me' } })
        .success,
    ).toBe(false)
    expect(documentSchema.safeParse({ ...doc, textHash: HASH.toUpperCase() }).success).toBe(false)
    expect(documentSchema.safeParse({ ...doc, pageStarts: [0, -3] }).success).toBe(false)
  })

  it('bound lengths and list sizes', () => {
    const caseRecord = { id: 'c', title: 'Case', createdAt: T, updatedAt: T }
    expect(caseSchema.safeParse(caseRecord).success).toBe(true)
    expect(caseSchema.safeParse({ ...caseRecord, title: '   ' }).success).toBe(false)
    expect(caseSchema.safeParse({ ...caseRecord, title: 'x'.repeat(201) }).success).toBe(false)
    expect(caseSchema.safeParse({ ...caseRecord, id: '' }).success).toBe(false)
    expect(caseSchema.safeParse({ ...caseRecord, id: 'i'.repeat(LIMITS.id + 1) }).success).toBe(
      false,
    )
    expect(
      eventSchema.safeParse({ ...event, initiators: Array(LIMITS.smallList + 1).fill('x') })
        .success,
    ).toBe(false)
    expect(annotationSchema.safeParse({ ...annotation, suffix: 's'.repeat(2_001) }).success).toBe(
      false,
    )
  })
})

describe('snapshotProblem', () => {
  it('accepts plain JSON data', () => {
    expect(snapshotProblem({ a: [1, 'two', null, true, { b: -0.5 }] })).toBeUndefined()
    expect(snapshotProblem(JSON.parse('{"__proto__": {"x": 1}}'))).toBeUndefined()
  })

  it('rejects what JSON cannot hold, and data too deep or too large', () => {
    expect(snapshotProblem({ at: new Date() })).toMatch(/not plain data/)
    expect(snapshotProblem(new Map())).toMatch(/not plain data/)
    expect(snapshotProblem([Infinity])).toMatch(/not finite/)
    expect(snapshotProblem({ f: () => 1 })).toMatch(/type function/)
    expect(snapshotProblem([undefined])).toMatch(/type undefined/)
    let deep: unknown = 1
    for (let i = 0; i < LIMITS.snapshotDepth + 1; i++) deep = { d: deep }
    expect(snapshotProblem(deep)).toMatch(/nested deeper/)
    expect(snapshotProblem(Array(LIMITS.snapshotValues).fill(0))).toMatch(/more than/)
  })
})

// Type-level: the drift check must notice each kind of drift, not just pass.
type Assert<T extends true> = T
export type _DriftIsCaught = [
  Assert<SchemaMatches<{ a: string; b?: number }, { a: string; b?: number }>>,
  // @ts-expect-error an extra optional key in the schema
  Assert<SchemaMatches<{ a: string; b?: number }, { a: string }>>,
  // @ts-expect-error a key missing from the schema
  Assert<SchemaMatches<{ a: string }, { a: string; b: number }>>,
  // @ts-expect-error a wider type in the schema
  Assert<SchemaMatches<{ a: string | number }, { a: string }>>,
  // @ts-expect-error a narrower type in the schema
  Assert<SchemaMatches<{ a: 'x' }, { a: string }>>,
  // @ts-expect-error an optional key the domain requires
  Assert<SchemaMatches<{ a?: string }, { a: string }>>,
]
