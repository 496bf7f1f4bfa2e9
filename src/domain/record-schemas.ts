/**
 * Runtime schemas for every record of the domain model (`types.ts`): the shape any untrusted
 * input — above all a backup file — must have before it may become a record. Objects are
 * strict: an unknown key is rejected, not stripped, because every record we write has exactly
 * these keys, so an extra one means the file came from another format version or was edited,
 * and quietly dropping data the analyst believes is in their backup would be worse than saying
 * so. Limits bound what a crafted file can make us store; they sit well above anything the app
 * produces. Checks that need more than one record (offsets within a document's text,
 * references between records) belong to the backup validator. A compile-time check at the end
 * keeps each schema and its domain type identical, so they cannot drift apart.
 */
import { z } from './zod'
import { isValidZone } from './time/calendar'
import { LIMITS } from './limits'
import { PANE_SIZE_MAX, TIME_MS_MAX } from './view-state-check'
import type {
  AnnotationRecord,
  BriefingRecord,
  CaseRecord,
  ChangeRecord,
  DocumentMeta,
  DocumentRecord,
  EntityRecord,
  EventRecord,
  Judgement,
  PlaceValue,
  RelationRecord,
  ReliabilityGrade,
  SourceRecord,
  TimeValue,
} from './types'

export { LIMITS }

/** A record id: random UUIDs in practice, any short non-empty string accepted. */
export const idSchema = z.string().min(1).max(LIMITS.id)

/** Milliseconds since the epoch, within the range a JavaScript Date can represent. */
export const timestampSchema = z.int().min(-8.64e15).max(8.64e15)

/** An IANA time zone name this runtime knows ("Asia/Tehran", "UTC"). */
export const zoneSchema = z
  .string()
  .max(LIMITS.short)
  .refine(isValidZone, { message: 'Expected an IANA time zone such as Europe/London' })

const offsetSchema = z.int().nonnegative()
const ids = (max: number = LIMITS.list) => z.array(idSchema).max(max)

/** A record's stance per cited passage (domain/stance.ts): at most one entry a passage. */
const stancesSchema = z
  .record(idSchema, z.enum(['supports', 'contradicts']))
  .refine((r) => Object.keys(r).length <= LIMITS.list, {
    message: `At most ${LIMITS.list} stances`,
  })

export const reliabilitySchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F'])
export const credibilitySchema = z.literal([1, 2, 3, 4, 5, 6])
export const importerSchema = z.enum(['text', 'markdown', 'html', 'pdf', 'docx', 'image'])
export const annotationKindSchema = z.enum(['actor', 'location', 'event', 'claim', 'note'])
export const entityKindSchema = z.enum([
  'person',
  'organisation',
  'state',
  'group',
  'location',
  'other',
])
export const timePrecisionSchema = z.enum(['minute', 'hour', 'day', 'month', 'year'])
export const likelihoodSchema = z.enum([
  'almost no chance',
  'very unlikely',
  'unlikely',
  'roughly even chance',
  'likely',
  'very likely',
  'almost certain',
])
export const tableNameSchema = z.enum([
  'cases',
  'sources',
  'documents',
  'texts',
  'annotations',
  'entities',
  'events',
  'relations',
  'briefings',
])

/** Limits of a matrix of competing hypotheses: PARC's tool shows a few dozen columns. */
export const ACH_LIMITS = { hypotheses: 50, rows: 5_000, versions: 100 } as const

export const achRatingSchema = z.enum(['CC', 'C', 'N', 'I', 'II', 'NA'])

export const achMatrixSchema = z.strictObject({
  hypotheses: z
    .array(z.strictObject({ id: idSchema, text: z.string().min(1).max(LIMITS.name) }))
    .max(ACH_LIMITS.hypotheses),
  rows: z
    .array(
      z.strictObject({
        kind: z.enum(['event', 'annotation']),
        refId: idSchema,
        relevance: z.enum(['low', 'medium', 'high']),
        cells: z.record(idSchema, achRatingSchema),
      }),
    )
    .max(ACH_LIMITS.rows),
  versions: z
    .array(
      z.strictObject({
        id: idSchema,
        at: timestampSchema,
        label: z.string().max(LIMITS.name),
        snapshot: z.string().max(LIMITS.long),
      }),
    )
    .max(ACH_LIMITS.versions),
})

export const caseSchema = z.strictObject({
  id: idSchema,
  title: z.string().max(LIMITS.caseTitle).regex(/\S/, 'A case needs a title'),
  description: z.string().max(LIMITS.long).optional(),
  neverSuggest: z.array(z.string().max(LIMITS.name)).max(10_000).optional(),
  ach: achMatrixSchema.optional(),
  notSameEvents: z
    .array(z.tuple([idSchema, idSchema]))
    .max(LIMITS.list)
    .optional(),
  teamServerPulls: z
    .array(
      z.strictObject({
        collectionUrl: z
          .string()
          .max(2048)
          .regex(/^https?:\/\/[^/@\s]+\/\S*$/, 'a collection URL without credentials'),
        addedLast: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/, 'a TAXII timestamp'),
        at: timestampSchema,
      }),
    )
    .max(100)
    .optional(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
})

export const reliabilityGradeSchema = z.strictObject({
  grade: reliabilitySchema,
  at: timestampSchema,
  note: z.string().max(LIMITS.long).optional(),
})

export const sourceSchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  name: z.string().max(LIMITS.name),
  reliability: reliabilitySchema,
  history: z.array(reliabilityGradeSchema).max(LIMITS.list),
  createdAt: timestampSchema,
})

export const documentMetaSchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  sourceId: idSchema.optional(),
  title: z.string().max(LIMITS.name),
  author: z.string().max(LIMITS.name).optional(),
  url: z.string().max(LIMITS.url).optional(),
  publishedAt: timestampSchema.optional(),
  publishedPrecision: z.enum(['day', 'minute']).optional(),
  timeZone: zoneSchema.optional(),
  language: z.string().max(LIMITS.short).optional(),
  textHash: z.string().regex(/^[0-9a-f]{64}$/, 'Expected a lower-case hex SHA-256'),
  mime: z.string().max(LIMITS.short),
  fileName: z.string().max(LIMITS.name),
  fileSize: z.int().nonnegative(),
  importer: importerSchema,
  importerVersion: z.string().max(LIMITS.short),
  importedAt: timestampSchema,
  pageStarts: z.array(offsetSchema).max(LIMITS.list).optional(),
  warnings: z.array(z.string().max(LIMITS.name)).max(LIMITS.smallList).optional(),
  ocr: z
    .strictObject({
      engine: z.string().max(LIMITS.short),
      languages: z.array(z.string().max(LIMITS.short)).max(LIMITS.smallList),
      pages: z.array(z.int().positive()).max(LIMITS.list),
      confidence: z.number().min(0).max(100),
      lowConfidence: z.array(offsetSchema).max(LIMITS.list * 2),
    })
    .optional(),
})

/** A document with its text, as a backup carries it (the store keeps the text apart). */
export const documentSchema = documentMetaSchema.extend({
  text: z.string().max(LIMITS.text),
})

export const annotationSchema = z
  .strictObject({
    id: idSchema,
    caseId: idSchema,
    docId: idSchema,
    start: offsetSchema,
    end: offsetSchema,
    exact: z.string().max(LIMITS.long),
    prefix: z.string().max(LIMITS.context),
    suffix: z.string().max(LIMITS.context),
    textHash: z.string().regex(/^[0-9a-f]{64}$/, 'Expected a lower-case hex SHA-256'),
    kind: annotationKindSchema,
    entityId: idSchema.optional(),
    eventId: idSchema.optional(),
    note: z.string().max(LIMITS.long).optional(),
    credibility: credibilitySchema.optional(),
    stance: z.enum(['supports', 'contradicts']).optional(),
    secondHand: z.strictObject({ outlet: z.string().min(1).max(LIMITS.name) }).optional(),
    createdAt: timestampSchema,
    anchor: z
      .strictObject({
        status: z.enum(['fuzzy', 'orphan']),
        score: z.number().min(0).max(1).optional(),
        quote: z.string().max(LIMITS.long).optional(),
        note: z.string().max(LIMITS.name).optional(),
      })
      .optional(),
  })
  .refine((a) => a.start <= a.end, { message: 'start is after end', path: ['end'] })

export const placeSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('gazetteer'),
    id: z.string().min(1).max(LIMITS.short),
    name: z.string().max(LIMITS.name),
  }),
  z.strictObject({ kind: z.literal('pinned'), note: z.string().max(LIMITS.name).optional() }),
])

/** A place's position: coordinates in range, present unless the precision is `unknown`. */
export const placeSchema = z
  .strictObject({
    precision: z.enum(['point', 'near', 'region', 'country', 'unknown']),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    radiusKm: z.number().positive().max(20_000).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    source: placeSourceSchema,
    at: timestampSchema,
  })
  .refine((p) => p.precision === 'unknown' || (p.lat !== undefined && p.lon !== undefined), {
    message: 'A place needs its latitude and longitude unless its precision is unknown',
    path: ['lat'],
  })
  .refine((p) => p.precision !== 'near' || p.radiusKm !== undefined, {
    message: 'A place near a point needs its radius',
    path: ['radiusKm'],
  })

export const entitySchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  kind: entityKindSchema,
  name: z.string().max(LIMITS.name),
  aliases: z.array(z.string().max(LIMITS.name)).max(LIMITS.smallList),
  description: z.string().max(LIMITS.long).optional(),
  place: placeSchema.optional(),
  createdAt: timestampSchema,
})

export const resolvedFromSchema = z.strictObject({
  text: z.string().max(LIMITS.name),
  reference: timestampSchema.optional(),
  rule: z.string().max(LIMITS.name),
})

export const timeValueSchema = z
  .strictObject({
    start: timestampSchema,
    end: timestampSchema.optional(),
    precision: timePrecisionSchema,
    approximate: z.boolean(),
    earliest: timestampSchema.optional(),
    latest: timestampSchema.optional(),
    resolvedFrom: resolvedFromSchema.optional(),
    zone: zoneSchema.optional(),
  })
  .refine((t) => t.end === undefined || t.end >= t.start, {
    message: 'end is before start',
    path: ['end'],
  })
  .refine((t) => t.earliest === undefined || t.latest === undefined || t.earliest <= t.latest, {
    message: 'earliest is after latest',
    path: ['latest'],
  })

export const eventSchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  title: z.string().max(LIMITS.name),
  type: z.string().max(LIMITS.short),
  initiators: ids(LIMITS.smallList),
  targets: ids(LIMITS.smallList),
  locationIds: ids(LIMITS.smallList).optional(),
  locationId: idSchema.optional(),
  when: timeValueSchema.optional(),
  evidence: ids(),
  stances: stancesSchema.optional(),
  confidence: credibilitySchema.optional(),
  notes: z.string().max(LIMITS.long).optional(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
})

export const relationSchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  from: idSchema,
  to: idSchema,
  type: z.string().max(LIMITS.short),
  directed: z.boolean(),
  evidence: ids(),
  stances: stancesSchema.optional(),
  when: timeValueSchema.optional(),
  createdAt: timestampSchema,
})

export const judgementSchema = z.strictObject({
  id: idSchema,
  text: z.string().max(LIMITS.long),
  likelihood: likelihoodSchema,
  confidence: z.enum(['low', 'moderate', 'high']),
  eventIds: ids(),
  achVersion: z.strictObject({ id: idSchema, at: timestampSchema }).optional(),
})

export const briefingSectionSchema = z.strictObject({
  id: idSchema,
  heading: z.string().max(LIMITS.name),
  body: z.string().max(LIMITS.long),
})

export const briefingSchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  title: z.string().max(LIMITS.name),
  handling: z.string().max(LIMITS.name),
  author: z.string().max(LIMITS.name).optional(),
  date: timestampSchema.optional(),
  bluf: z.string().max(LIMITS.long),
  judgements: z.array(judgementSchema).max(LIMITS.smallList),
  sections: z.array(briefingSectionSchema).max(LIMITS.smallList),
  eventIds: ids(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
})

/**
 * Why `value` cannot be a change-log snapshot, or undefined when it can: plain JSON data
 * (null, booleans, finite numbers, strings, arrays, plain objects) of bounded depth and size.
 * Walks iteratively so that a crafted, deeply nested value cannot overflow the stack.
 */
export function snapshotProblem(value: unknown): string | undefined {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }]
  let seen = 0
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!
    if (++seen > LIMITS.snapshotValues) return `has more than ${LIMITS.snapshotValues} values`
    if (v === null || typeof v === 'boolean') continue
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return 'holds a number that is not finite'
      continue
    }
    if (typeof v === 'string') {
      if (v.length > LIMITS.text) return `holds a string longer than ${LIMITS.text} characters`
      continue
    }
    if (typeof v !== 'object') return `holds a value of type ${typeof v}`
    if (depth >= LIMITS.snapshotDepth) return `is nested deeper than ${LIMITS.snapshotDepth} levels`
    let children: unknown[]
    if (Array.isArray(v)) children = v
    else {
      const proto = Object.getPrototypeOf(v) as unknown
      if (proto !== Object.prototype && proto !== null)
        return 'holds an object that is not plain data'
      children = Object.values(v)
    }
    for (const child of children) stack.push({ v: child, depth: depth + 1 })
  }
  return undefined
}

/** A change-log snapshot: any plain JSON value within the limits of `snapshotProblem`. */
export const snapshotSchema = z.unknown().superRefine((value, ctx) => {
  const problem = snapshotProblem(value)
  if (problem) ctx.addIssue({ code: 'custom', message: `The snapshot ${problem}` })
})

export const changeSchema = z.strictObject({
  id: z.int().positive().optional(),
  caseId: idSchema,
  at: timestampSchema,
  action: z.string().max(LIMITS.name),
  group: idSchema.optional(),
  op: z.enum(['create', 'update', 'delete']),
  table: tableNameSchema,
  recordId: idSchema,
  before: snapshotSchema.optional(),
  after: snapshotSchema.optional(),
})

type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

/**
 * True when a schema's output type `A` and a domain type `B` are assignable both ways and
 * have the same keys (mutual assignability alone would let an extra optional key slip by).
 */
export type SchemaMatches<A, B> = Mutual<A, B> extends true ? Mutual<keyof A, keyof B> : false

type Assert<T extends true> = T
type Out<S extends z.ZodType> = z.output<S>

/** Compile-time proof that every schema, nested objects included, matches its domain type. */
export type _SchemasMatchDomain = [
  Assert<SchemaMatches<Out<typeof caseSchema>, CaseRecord>>,
  Assert<SchemaMatches<Out<typeof reliabilityGradeSchema>, ReliabilityGrade>>,
  Assert<SchemaMatches<Out<typeof sourceSchema>, SourceRecord>>,
  Assert<SchemaMatches<Out<typeof documentMetaSchema>, DocumentMeta>>,
  Assert<SchemaMatches<Out<typeof documentSchema>, DocumentRecord>>,
  Assert<SchemaMatches<Out<typeof annotationSchema>, AnnotationRecord>>,
  Assert<SchemaMatches<Out<typeof entitySchema>, EntityRecord>>,
  Assert<SchemaMatches<Out<typeof placeSchema>, PlaceValue>>,
  Assert<SchemaMatches<Out<typeof resolvedFromSchema>, NonNullable<TimeValue['resolvedFrom']>>>,
  Assert<SchemaMatches<Out<typeof timeValueSchema>, TimeValue>>,
  Assert<SchemaMatches<Out<typeof eventSchema>, EventRecord>>,
  Assert<SchemaMatches<Out<typeof relationSchema>, RelationRecord>>,
  Assert<SchemaMatches<Out<typeof judgementSchema>, Judgement>>,
  Assert<SchemaMatches<Out<typeof briefingSectionSchema>, BriefingRecord['sections'][number]>>,
  Assert<SchemaMatches<Out<typeof briefingSchema>, BriefingRecord>>,
  Assert<SchemaMatches<Out<typeof changeSchema>, ChangeRecord>>,
]

// Per-case view state (src/db/view-state.ts): what a case's panes looked like when last left.
// Each key has its own value schema; a stored value that fails it is ignored, never trusted.
// The panes read and write through `view-state-check.ts`, the same rules without zod (a test
// holds the two to the same verdicts); these schemas check backups as they are restored.

const finite = z.number().refine(Number.isFinite, { message: 'Expected a finite number' })
const pointSchema = z.strictObject({ x: finite, y: finite })

/** The actor graph's layout: positions by actor id and the actors placed by hand. */
export const graphLayoutSchema = z.strictObject({
  positions: z.record(idSchema, pointSchema),
  pinned: ids(),
  ties: z.int().nonnegative().optional(),
})

/** The window the timeline showed, in milliseconds since the epoch. */
export const timelineWindowSchema = z
  .strictObject({
    start: z.number().min(-TIME_MS_MAX).max(TIME_MS_MAX),
    end: z.number().min(-TIME_MS_MAX).max(TIME_MS_MAX),
  })
  .refine((w) => w.start < w.end, { message: 'The window must end after it starts' })

/** Sizes of the workbench's resizable panes, in CSS pixels. */
export const paneLayoutSchema = z.strictObject({
  library: z.int().min(0).max(PANE_SIZE_MAX).optional(),
  inspector: z.int().min(0).max(PANE_SIZE_MAX).optional(),
  timeline: z.int().min(0).max(PANE_SIZE_MAX).optional(),
  graph: z.int().min(0).max(PANE_SIZE_MAX).optional(),
  map: z.int().min(0).max(PANE_SIZE_MAX).optional(),
})

/** The document open in the reader when the case was last left (reopened if it still exists). */
export const readerDocumentSchema = z.strictObject({ docId: idSchema })

/** The value schema of each view-state key. */
export const VIEW_STATE_SCHEMAS = {
  'graph:layout': graphLayoutSchema,
  'timeline:window': timelineWindowSchema,
  'pane:layout': paneLayoutSchema,
  'reader:document': readerDocumentSchema,
} as const

/** A kind of per-case view state. */
export type ViewStateKey = keyof typeof VIEW_STATE_SCHEMAS
/** The value stored under a view-state key. */
export type ViewStateValue<K extends ViewStateKey> = z.output<(typeof VIEW_STATE_SCHEMAS)[K]>

const viewStateRow = <K extends ViewStateKey>(key: K) =>
  z.strictObject({
    caseId: idSchema,
    key: z.literal(key),
    value: VIEW_STATE_SCHEMAS[key],
    updatedAt: timestampSchema,
  })

/** One row of the `viewState` table: a case, a key and that key's validated value. */
export const viewStateSchema = z.discriminatedUnion('key', [
  viewStateRow('graph:layout'),
  viewStateRow('timeline:window'),
  viewStateRow('pane:layout'),
  viewStateRow('reader:document'),
])

/** A row of the `viewState` table. */
export type ViewStateRecord = z.output<typeof viewStateSchema>
