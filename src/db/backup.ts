/**
 * Whole-case backup and restore. A backup is one versioned UTF-8 JSON object: the case, then
 * one array of records per table (document texts inside their documents), the case's view
 * state and its change log — not the search index, which is rebuilt. Both directions stream:
 * `writeCaseBackup` writes the file record by record into byte chunks handed to a sink as they
 * are made (never one string of the whole file; texts read a page at a time), and `restoreBackup` reads a file of any size in chunks (`backup-scan.ts`),
 * checks each record as it arrives (a schema per record, then the checks that span records:
 * ids, offsets within texts, references between records) and writes in batches into a new case
 * that only appears — its case row is written last — once everything was read and checked; on
 * any failure every record written so far is deleted, and a restore cut short by a crash is
 * cleared on the next start (purge.ts), so nothing partial stays. Every problem with the file
 * is a typed result, never a throw. `parseBackup` + `importBackup` do the same for a file held
 * in memory, in one transaction. Restores get fresh ids, every reference remapped, and never
 * touch another case. Backups written before view state existed (format version 1) still
 * restore.
 */
import { z } from '../domain/zod'
import {
  annotationSchema,
  briefingSchema,
  caseSchema,
  changeSchema,
  documentSchema,
  entitySchema,
  eventSchema,
  LIMITS,
  relationSchema,
  sourceSchema,
  viewStateSchema,
  type ViewStateRecord,
} from '../domain/record-schemas'
import { parseAchSnapshot } from '../domain/ach'
import { eventPlaceIds } from '../domain/event-places'
import { keepStances } from '../domain/stance'
import type {
  AnnotationRecord,
  BriefingRecord,
  CaseRecord,
  ChangeRecord,
  DocumentMeta,
  EntityRecord,
  EventRecord,
  EvidenceStance,
  RelationRecord,
  SourceRecord,
} from '../domain/types'
import { BackupScanner, ScanError } from './backup-scan'
import { cleanTitle } from './cases'
import { newId } from './db'
import { guardWrite, StoreError } from './errors'
import { redactForBackup } from './purge'
import { CASE_TABLES, type CasefileDB, type TextRow } from './schema'

/** The `format` field that marks a Casefile backup. */
export const BACKUP_FORMAT = 'casefile-backup'
/** The backup format version this build writes; it reads this one and every earlier one. */
export const BACKUP_VERSION = 2
/** Format versions this build reads: 1 lacks the case's view state. */
const READABLE_VERSIONS: readonly number[] = [1, 2]
/** The largest backup this build writes (a restore reads any size, in chunks). */
export const MAX_BACKUP_BYTES = 500 * 1024 * 1024

/** How many problems an error message names; the rest are counted. */
const PROBLEMS_IN_MESSAGE = 5
/** How many problems an error keeps for a details view. */
const PROBLEMS_KEPT = 100

const backupChangeSchema = changeSchema.omit({ id: true })
const appSchema = z.strictObject({
  name: z.string().min(1).max(LIMITS.short),
  version: z.string().max(LIMITS.short).optional(),
})

/** The record arrays of a backup, in the order they are written and must be read. */
const SECTIONS = {
  sources: { schema: sourceSchema, max: 100_000 },
  documents: { schema: documentSchema, max: 100_000 },
  annotations: { schema: annotationSchema, max: 5_000_000 },
  entities: { schema: entitySchema, max: 1_000_000 },
  events: { schema: eventSchema, max: 1_000_000 },
  relations: { schema: relationSchema, max: 1_000_000 },
  briefings: { schema: briefingSchema, max: 100_000 },
  viewState: { schema: viewStateSchema, max: 1_000 },
  changes: { schema: backupChangeSchema, max: 5_000_000 },
} as const
type Section = keyof typeof SECTIONS
const SECTION_NAMES = Object.keys(SECTIONS) as Section[]

/** The members before the records, in order. */
const HEADER = ['format', 'version', 'exportedAt', 'app', 'case'] as const
const HEADER_SCHEMAS = {
  exportedAt: z.iso.datetime(),
  app: appSchema,
  case: caseSchema,
} as const
const MEMBER_ORDER: readonly string[] = [...HEADER, ...SECTION_NAMES]

// The whole file as one schema: only its type is used (records are checked one by one).
const _backupShape = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal([1, 2]),
  exportedAt: z.iso.datetime(),
  app: appSchema,
  case: caseSchema,
  sources: z.array(sourceSchema),
  documents: z.array(documentSchema),
  annotations: z.array(annotationSchema),
  entities: z.array(entitySchema),
  events: z.array(eventSchema),
  relations: z.array(relationSchema),
  briefings: z.array(briefingSchema),
  viewState: z.array(viewStateSchema).optional(),
  changes: z.array(backupChangeSchema),
})

/** The contents of a backup file, as written by `exportCase`. */
export type Backup = z.output<typeof _backupShape>

/** A change-log entry as a backup carries it: without the store's auto-increment key. */
export type BackupChange = Omit<ChangeRecord, 'id'>

declare const validated: unique symbol
/** A backup that passed every check of `parseBackup`; only such a backup can be imported. */
export type ParsedBackup = Backup & { readonly [validated]: true }

export type BackupErrorCode =
  'TOO_LARGE' | 'NOT_A_BACKUP' | 'UNSUPPORTED_VERSION' | 'INVALID_BACKUP'

/** Why a file could not be read as a backup. */
export interface BackupError {
  code: BackupErrorCode
  /** A sentence for people, naming the first few problems. */
  message: string
  /** Each problem found, by path (`annotations[3].end: …`), at most 100. */
  problems: string[]
}

export type BackupResult = { ok: true; value: ParsedBackup } | { ok: false; error: BackupError }

/** Records restored, by table. */
export interface RestoreCounts {
  sources: number
  documents: number
  annotations: number
  entities: number
  events: number
  relations: number
  briefings: number
  /** View-state rows (graph layout, timeline window, pane layout). */
  viewState: number
  /** Change-log entries carried over from the backup (the restore adds one more). */
  changes: number
}

/** A restored case. */
export interface Restored {
  caseId: string
  title: string
  counts: RestoreCounts
}

function fail(code: BackupErrorCode, message: string, problems: string[] = []): BackupResult {
  return { ok: false, error: { code, message, problems: problems.slice(0, PROBLEMS_KEPT) } }
}

/** A file problem that ends reading at once (not JSON, not a backup, a version we cannot read). */
class BackupFailure extends Error {
  constructor(readonly error: BackupError) {
    super(error.message)
  }
}

/** A JSON snapshot of `value` as the file will hold it (drops undefined, Dates to strings). */
function asJson(value: unknown): unknown {
  let json: string | undefined
  try {
    json = JSON.stringify(value)
  } catch (e) {
    throw new StoreError(
      'INVALID',
      'A change-log entry holds data that cannot be written to a file.',
      e,
    )
  }
  return json === undefined ? undefined : (JSON.parse(json) as unknown)
}

/** Drops the stances of passages a record no longer cites (see `pruneDangling`). */
function keepCitedStances(r: EventRecord | RelationRecord): void {
  const kept = keepStances(r.stances, r.evidence)
  if (kept) r.stances = kept
  else delete r.stances
}

function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined) {
  if (value !== undefined) target[key] = value
}

/**
 * Drops references to records that are no longer in the case — deletions do not always
 * cascade (deleting a document leaves its annotation ids in events' evidence) — so that every
 * file we write passes our own referential checks. A list member or optional reference is
 * dropped; a record whose required reference is gone (an annotation without its document, a
 * relation without an end) is dropped with it, since it means nothing on its own.
 */
function pruneDangling(
  b: Omit<Backup, 'format' | 'version' | 'exportedAt' | 'app' | 'documents' | 'changes'> & {
    documents: { id: string; sourceId?: string }[]
  },
): void {
  const sources = new Set(b.sources.map((s) => s.id))
  const docs = new Set(b.documents.map((d) => d.id))
  const entities = new Set(b.entities.map((e) => e.id))
  const events = new Set(b.events.map((e) => e.id))
  for (const d of b.documents) if (d.sourceId && !sources.has(d.sourceId)) delete d.sourceId
  b.annotations = b.annotations.filter((a) => docs.has(a.docId))
  for (const a of b.annotations) {
    if (a.entityId && !entities.has(a.entityId)) delete a.entityId
    if (a.eventId && !events.has(a.eventId)) delete a.eventId
  }
  const annotations = new Set(b.annotations.map((a) => a.id))
  for (const e of b.events) {
    e.initiators = e.initiators.filter((id) => entities.has(id))
    e.targets = e.targets.filter((id) => entities.has(id))
    if (e.locationId && !entities.has(e.locationId)) delete e.locationId
    if (e.locationIds) e.locationIds = e.locationIds.filter((id) => entities.has(id))
    e.evidence = e.evidence.filter((id) => annotations.has(id))
    keepCitedStances(e)
  }
  b.relations = b.relations.filter((r) => entities.has(r.from) && entities.has(r.to))
  for (const r of b.relations) {
    r.evidence = r.evidence.filter((id) => annotations.has(id))
    keepCitedStances(r)
  }
  if (b.case.ach) {
    const ach = b.case.ach
    b.case = {
      ...b.case,
      ach: {
        ...ach,
        rows: ach.rows.filter((r) => (r.kind === 'event' ? events : annotations).has(r.refId)),
      },
    }
  }
  if (b.case.notSameEvents) {
    const { notSameEvents, ...rest } = b.case
    const kept = notSameEvents.filter(([x, y]) => events.has(x) && events.has(y))
    b.case = kept.length ? { ...rest, notSameEvents: kept } : rest
  }
  for (const br of b.briefings) {
    br.eventIds = br.eventIds.filter((id) => events.has(id))
    br.judgements = br.judgements.map((j) => ({
      ...j,
      eventIds: j.eventIds.filter((id) => events.has(id)),
    }))
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out ? `.${String(part)}` : String(part)
  }
  return out || '(file)'
}

function describeSize(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  return mb >= 10 ? `${Math.round(mb)} MB` : `${Math.ceil(mb * 10) / 10} MB`
}

type Kind = 'source' | 'entity' | 'event' | 'annotation'
const KIND_OF: Partial<Record<Section, Kind>> = {
  sources: 'source',
  entities: 'entity',
  events: 'event',
  annotations: 'annotation',
}
const WHAT: Record<Kind, string> = {
  source: 'a source',
  entity: 'an entity',
  event: 'an event',
  annotation: 'an annotation',
}

/** The header members of a backup once checked. */
interface Header {
  version: number
  exportedAt: string
  app: Backup['app']
  case: CaseRecord
}

/**
 * Checks a backup member by member and record by record as it is read, with the same rules
 * whether the file is read in chunks or held whole: the schema of every record, then ids used
 * twice, records of another case, annotations outside their document's text, and references
 * to records not in the backup (checked at the end, since records refer both ways). Fatal
 * problems (not a backup, an unknown version) throw BackupFailure; the others are collected.
 */
class BackupChecker {
  readonly problems: string[] = []
  total = 0
  private next = 0
  private readonly header: Partial<Header> = {}
  private readonly ids = new Set<string>()
  private readonly byKind: Record<Kind, Set<string>> = {
    source: new Set(),
    entity: new Set(),
    event: new Set(),
    annotation: new Set(),
  }
  private readonly textLength = new Map<string, number>()
  private readonly deferred: { path: string; id: string; kind: Kind }[] = []
  private readonly viewKeys = new Set<string>()
  private readonly seen = new Set<string>()
  /** The record array being read, if it arrived in order. */
  private current: string | undefined

  /** True while no problem was found: records may be kept. */
  get ok(): boolean {
    return this.total === 0
  }

  get caseId(): string | undefined {
    return this.header.case?.id
  }

  private problem(message: string): void {
    this.total++
    if (this.problems.length < PROBLEMS_KEPT) this.problems.push(message)
  }

  private issues(prefix: PropertyKey[], error: z.ZodError): void {
    for (const i of error.issues)
      this.problem(`${formatPath([...prefix, ...i.path])}: ${i.message}`)
  }

  /** Whether the member `key` may come now (in order, once); reports it if not. */
  private arrive(key: string): boolean {
    if (this.next === 0 && key !== 'format')
      throw new BackupFailure(notABackup('it holds JSON of another kind'))
    if (this.next === 1 && key !== 'version') throw new BackupFailure(unknownVersion(undefined))
    const at = MEMBER_ORDER.indexOf(key)
    if (at < 0) {
      this.problem(`(file): Unrecognized key: "${key}"`)
      return false
    }
    if (this.seen.has(key) || at < this.next) {
      this.problem(`${key}: out of order or given twice`)
      return false
    }
    for (const skipped of MEMBER_ORDER.slice(this.next, at)) this.missing(skipped)
    this.seen.add(key)
    this.next = at + 1
    this.current = key
    return true
  }

  /** A record array without records. */
  emptySection(key: string): void {
    if (this.arrive(key)) this.current = undefined
  }

  private missing(key: string): void {
    if (key === 'viewState') return
    if (key === 'format') throw new BackupFailure(notABackup('it holds JSON of another kind'))
    if (key === 'version') throw new BackupFailure(unknownVersion(undefined))
    this.problem(
      `${key}: Invalid input: expected ${key in SECTIONS ? 'array' : 'a value'}, received undefined`,
    )
  }

  /** A header member, or a record array given as something else than an array. */
  member(key: string, value: unknown): void {
    if (!this.arrive(key)) return
    if (key === 'format') {
      if (value !== BACKUP_FORMAT)
        throw new BackupFailure(notABackup('it holds JSON of another kind'))
    } else if (key === 'version') {
      if (typeof value !== 'number' || !READABLE_VERSIONS.includes(value))
        throw new BackupFailure(unknownVersion(value))
      this.header.version = value
    } else if (key in HEADER_SCHEMAS) {
      const parsed = HEADER_SCHEMAS[key as keyof typeof HEADER_SCHEMAS].safeParse(value)
      if (parsed.success) Object.assign(this.header, { [key]: parsed.data })
      else this.issues([key], parsed.error)
    } else {
      const parsed = z.array(z.unknown()).safeParse(value)
      if (!parsed.success) this.issues([key], parsed.error)
      else parsed.data.forEach((r, i) => this.record(key as Section, i, r, false))
    }
  }

  /** Called when a record array begins (the scanner splits it). */
  section(key: string): boolean {
    return key in SECTIONS
  }

  /** One record: its schema and the checks that need only what came before; undefined if bad. */
  record<S extends Section>(
    section: S,
    index: number,
    value: unknown,
    first = index === 0,
  ): z.output<(typeof SECTIONS)[S]['schema']> | undefined {
    if (first && !this.arrive(section)) this.current = undefined
    if (this.current !== section) return undefined
    const { schema, max } = SECTIONS[section]
    if (index >= max) {
      if (index === max) this.problem(`${section}: Too big: expected array to have <=${max} items`)
      return undefined
    }
    const path = `${section}[${index}]`
    const raw = value as { id?: unknown; text?: unknown } | null
    const kind = KIND_OF[section]
    if (section !== 'changes' && section !== 'viewState' && raw && typeof raw.id === 'string') {
      if (this.ids.has(raw.id) || raw.id === this.caseId)
        this.problem(`${path}.id: “${raw.id}” is used by another record`)
      this.ids.add(raw.id)
      if (kind) this.byKind[kind].add(raw.id)
      if (section === 'documents' && typeof raw.text === 'string')
        this.textLength.set(raw.id, raw.text.length)
    }
    const parsed = schema.safeParse(value)
    if (!parsed.success) {
      this.issues([section, index], parsed.error)
      return undefined
    }
    const r = parsed.data as Record<string, unknown>
    const caseId = this.caseId
    if (caseId !== undefined && r.caseId !== caseId)
      this.problem(`${path}.caseId: not the backup’s case`)
    const before = this.total
    this.crossChecks(section, path, parsed.data as never)
    return this.total === before ? (parsed.data as never) : undefined
  }

  private ref(path: string, id: string | undefined, kind: Kind): void {
    if (id !== undefined) this.deferred.push({ path, id, kind })
  }

  private refs(path: string, list: string[], kind: Kind): void {
    list.forEach((id, i) => this.ref(`${path}[${i}]`, id, kind))
  }

  /** A stance is given only for a passage the record cites. */
  private stancesCited(path: string, r: Pick<EventRecord, 'evidence' | 'stances'>): void {
    for (const id of Object.keys(r.stances ?? {}))
      if (!r.evidence.includes(id))
        this.problem(`${path}.stances: “${id}” is not in the record’s evidence`)
  }

  private crossChecks(section: Section, path: string, r: never): void {
    switch (section) {
      case 'documents': {
        const d = r as Backup['documents'][number]
        this.ref(`${path}.sourceId`, d.sourceId, 'source')
        d.pageStarts?.forEach((p, j) => {
          if (p > d.text.length)
            this.problem(`${path}.pageStarts[${j}]: ${p} is past the end of the text`)
        })
        break
      }
      case 'annotations': {
        const a = r as AnnotationRecord
        const length = this.textLength.get(a.docId)
        if (length === undefined)
          this.problem(`${path}.docId: refers to a document “${a.docId}” that is not in the backup`)
        else if (a.end > length)
          this.problem(
            `${path}.end: ${a.end} is past the end of its document’s text (${length} characters)`,
          )
        this.ref(`${path}.entityId`, a.entityId, 'entity')
        this.ref(`${path}.eventId`, a.eventId, 'event')
        break
      }
      case 'events': {
        const e = r as EventRecord
        this.refs(`${path}.initiators`, e.initiators, 'entity')
        this.refs(`${path}.targets`, e.targets, 'entity')
        this.ref(`${path}.locationId`, e.locationId, 'entity')
        if (e.locationIds) this.refs(`${path}.locationIds`, e.locationIds, 'entity')
        this.refs(`${path}.evidence`, e.evidence, 'annotation')
        this.stancesCited(path, e)
        break
      }
      case 'relations': {
        const x = r as RelationRecord
        this.ref(`${path}.from`, x.from, 'entity')
        this.ref(`${path}.to`, x.to, 'entity')
        this.refs(`${path}.evidence`, x.evidence, 'annotation')
        this.stancesCited(path, x)
        break
      }
      case 'briefings': {
        const b = r as BriefingRecord
        this.refs(`${path}.eventIds`, b.eventIds, 'event')
        b.judgements.forEach((j, k) =>
          this.refs(`${path}.judgements[${k}].eventIds`, j.eventIds, 'event'),
        )
        break
      }
      case 'viewState': {
        const v = r as ViewStateRecord
        if (this.viewKeys.has(v.key)) this.problem(`${path}.key: “${v.key}” is given twice`)
        this.viewKeys.add(v.key)
        break
      }
      default:
        break
    }
  }

  /** The file ended: missing members, then every reference. Returns the checked header. */
  finish(): Header | undefined {
    for (const key of MEMBER_ORDER.slice(this.next)) this.missing(key)
    for (const { path, id, kind } of this.deferred)
      if (!this.byKind[kind].has(id))
        this.problem(`${path}: refers to ${WHAT[kind]} “${id}” that is not in the backup`)
    const h = this.header
    return h.version !== undefined && h.exportedAt && h.app && h.case ? (h as Header) : undefined
  }

  /** The error for the problems found (call when `total > 0`). */
  error(): BackupError {
    const shown = this.problems.slice(0, PROBLEMS_IN_MESSAGE).join('; ')
    const more = this.total - PROBLEMS_IN_MESSAGE
    return (
      fail(
        'INVALID_BACKUP',
        `The backup is damaged or was edited, so it cannot be restored: ${shown}` +
          (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}.` : '.'),
        this.problems,
      ) as { ok: false; error: BackupError }
    ).error
  }
}

function notABackup(why: string): BackupError {
  return { code: 'NOT_A_BACKUP', message: `This is not a Casefile backup: ${why}.`, problems: [] }
}

function unknownVersion(version: unknown): BackupError {
  return {
    code: 'UNSUPPORTED_VERSION',
    message:
      typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION
        ? `This backup was made by a newer Casefile (format version ${version}); update Casefile to restore it.`
        : `This backup has a format version this Casefile does not know (${(JSON.stringify(version) ?? 'none').slice(0, 40)}).`,
    problems: [],
  }
}

/**
 * Decodes a file's bytes as strict UTF-8, chunk by chunk, and turns what goes wrong — bytes
 * that are not UTF-8, a file cut inside a character, JSON that is broken or cut short — into
 * the error a person should see, which depends on whether the file announced itself as a
 * backup (`marked`) in its first kilobyte.
 */
class BackupTextReader {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true })
  private marked: boolean | undefined
  private readonly scanner: BackupScanner

  constructor(
    private readonly checker: BackupChecker,
    onRecord: (s: Section, i: number, v: unknown) => void,
  ) {
    this.scanner = new BackupScanner({
      split: (key) => checker.section(key),
      member: (key, value) => checker.member(key, value),
      end: (key, count) => {
        if (count === 0) checker.emptySection(key)
      },
      element: (key, index, value) => onRecord(key as Section, index, value),
    })
  }

  /** Reads the next bytes; throws BackupFailure for a file that cannot be a backup. */
  push(bytes: Uint8Array): void {
    this.marked ??= /"format"\s*:\s*"casefile-backup"/.test(
      new TextDecoder('utf-8').decode(bytes.subarray(0, 1024)),
    )
    let text: string
    try {
      text = this.decoder.decode(bytes, { stream: true })
    } catch {
      throw new BackupFailure(
        this.marked
          ? invalid('The backup is damaged: it is not valid UTF-8 text.')
          : notABackup('it is not a text file'),
      )
    }
    this.scan(() => this.scanner.push(text))
  }

  /** The file is complete. */
  end(): void {
    let rest: string
    try {
      rest = this.decoder.decode()
    } catch {
      throw new BackupFailure(
        this.marked
          ? invalid(
              'The backup is incomplete or damaged: it stops in the middle of a character. It may have been cut short while copying.',
            )
          : notABackup('it is not a text file'),
      )
    }
    this.scan(() => {
      this.scanner.push(rest)
      this.scanner.end()
    })
  }

  private scan(run: () => void): void {
    try {
      run()
    } catch (e) {
      if (!(e instanceof ScanError)) throw e
      if (e.kind === 'not-object') throw new BackupFailure(notABackup(e.message))
      if (e.kind === 'depth') {
        throw new BackupFailure(
          invalid(`The backup is damaged or was edited, so it cannot be restored: ${e.message}.`, [
            e.message,
          ]),
        )
      }
      const detail = e.kind === 'empty' ? ' (the file is empty)' : ` (${e.message})`
      throw new BackupFailure(
        this.marked
          ? invalid(
              `The backup is incomplete or damaged: it is not valid JSON${detail}. It may have been cut short while copying.`,
            )
          : notABackup(`it is not JSON${detail}`),
      )
    }
  }
}

function invalid(message: string, problems: string[] = []): BackupError {
  return { code: 'INVALID_BACKUP', message, problems }
}

/** Every table a backup reads or writes (search indexes are rebuilt, never backed up). */
function backupTables(db: CasefileDB) {
  return [
    db.cases,
    db.sources,
    db.documents,
    db.texts,
    db.annotations,
    db.entities,
    db.events,
    db.relations,
    db.briefings,
    db.viewState,
    db.changes,
  ]
}

/** Makes UTF-8 chunks of about `size` bytes from strings, never joining the whole file. */
class ChunkWriter {
  private chunks: Uint8Array<ArrayBuffer>[] = []
  bytes = 0
  private parts: string[] = []
  private length = 0
  private readonly encoder = new TextEncoder()

  constructor(private readonly size = 1 << 20) {}

  write(text: string): void {
    this.parts.push(text)
    this.length += text.length
    if (this.length >= this.size) this.flush()
  }

  flush(): void {
    if (this.parts.length === 0) return
    const chunk = this.encoder.encode(this.parts.join(''))
    this.parts = []
    this.length = 0
    this.bytes += chunk.byteLength
    if (this.bytes > MAX_BACKUP_BYTES)
      throw new StoreError(
        'INVALID',
        `The case is too large to back up in one file (over ${describeSize(MAX_BACKUP_BYTES)}).`,
      )
    this.chunks.push(chunk)
  }

  /** The chunks made since the last call (the writer keeps none). */
  take(): Uint8Array<ArrayBuffer>[] {
    const chunks = this.chunks
    this.chunks = []
    return chunks
  }
}

/** How far `writeCaseBackup` has got. */
export interface BackupProgress {
  /** Documents (with their texts) written so far. */
  documents: number
  /** The case's documents. */
  totalDocuments: number
  /** Bytes of the file handed to the sink so far. */
  bytes: number
}

/** Documents whose texts are read (in a read transaction of their own) and written at once. */
const TEXT_PAGE_DOCS = 500

/**
 * Writes one case as a backup file, handing UTF-8 chunks of about 1 MB to `sink` as they are
 * made: each record is turned into JSON on its own, so no string ever holds the whole file, and
 * document texts are read a page at a time (`TEXT_PAGE_DOCS`, each page in a read transaction
 * of its own; texts never change after import), so the case's text is never all in memory
 * either. Everything else is read in one transaction. References to records that no longer
 * exist are left out (see `pruneDangling`), and so is text that only an undo could bring back
 * (purge.ts: a restored case has no undo). Every record is checked with the same rules as a
 * restore while it is written, so a file this writes always restores. Throws StoreError
 * NOT_FOUND when the case does not exist and INVALID when the store holds something a backup
 * cannot represent (for instance a document whose text is missing, or one deleted while the
 * backup was being written). Resolves to the file's size in bytes.
 */
export async function writeCaseBackup(
  db: CasefileDB,
  caseId: string,
  sink: (chunk: Uint8Array<ArrayBuffer>) => void | Promise<void>,
  options: {
    appVersion?: string
    now?: Date
    onProgress?: (progress: BackupProgress) => void
  } = {},
): Promise<number> {
  const byCase = { caseId } as const
  const read = await guardWrite('back up the case', () =>
    db.transaction('r', backupTables(db), async () => {
      // The caseId index lists a case's log entries in key order: the order they were made.
      const [record, sources, metas, annotations, entities, events, relations] = await Promise.all([
        db.cases.get(caseId),
        db.sources.where(byCase).toArray(),
        db.documents.where(byCase).toArray(),
        db.annotations.where(byCase).toArray(),
        db.entities.where(byCase).toArray(),
        db.events.where(byCase).toArray(),
        db.relations.where(byCase).toArray(),
      ])
      const [briefings, viewState, changes] = await Promise.all([
        db.briefings.where(byCase).toArray(),
        db.viewState.where(byCase).toArray(),
        db.changes.where(byCase).toArray(),
      ])
      return {
        record,
        sources,
        metas,
        annotations,
        entities,
        events,
        relations,
        briefings,
        viewState,
        changes,
      }
    }),
  )
  if (!read.record) throw new StoreError('NOT_FOUND', 'That case no longer exists.')
  const liveDocIds = new Set(read.metas.map((m) => m.id))
  const body = {
    case: read.record,
    sources: read.sources,
    documents: read.metas,
    annotations: read.annotations,
    entities: read.entities,
    events: read.events,
    relations: read.relations,
    briefings: read.briefings,
  }
  pruneDangling(body)
  const app: Backup['app'] = { name: 'Casefile' }
  setIf(app, 'version', options.appVersion)

  const checker = new BackupChecker()
  const out = new ChunkWriter()
  const drain = async () => {
    for (const chunk of out.take()) await sink(chunk)
  }
  const member = (key: string, value: unknown, first: boolean) => {
    checker.member(key, value)
    out.write(`${first ? '{' : ','}${JSON.stringify(key)}:${JSON.stringify(value)}`)
  }
  member('format', BACKUP_FORMAT, true)
  member('version', BACKUP_VERSION, false)
  member('exportedAt', (options.now ?? new Date()).toISOString(), false)
  member('app', app, false)
  member('case', body.case, false)
  const section = <T>(key: Section, records: T[], prepare: (r: T) => unknown = (r) => r) => {
    out.write(`,${JSON.stringify(key)}:[`)
    records.forEach((r, i) => {
      const value = prepare(r)
      checker.record(key, i, value)
      out.write((i ? ',' : '') + JSON.stringify(value))
    })
    if (records.length === 0) checker.emptySection(key)
    out.write(']')
  }
  section('sources', body.sources)
  await drain()

  // Documents with their texts, a page at a time.
  const metas = body.documents
  const progress = () =>
    options.onProgress?.({
      documents: written,
      totalDocuments: metas.length,
      bytes: out.bytes,
    })
  let written = 0
  out.write(',"documents":[')
  for (let from = 0; from < metas.length; from += TEXT_PAGE_DOCS) {
    const page = metas.slice(from, from + TEXT_PAGE_DOCS)
    const texts = await guardWrite('back up the case', () =>
      db.transaction('r', db.texts, () => db.texts.bulkGet(page.map((m) => m.id))),
    )
    page.forEach((meta, k) => {
      const text = texts[k]?.text
      if (text === undefined)
        throw new StoreError(
          'INVALID',
          `The text of “${meta.title}” is missing from the store (was it deleted while the backup was written?), so the case cannot be backed up. Try again.`,
        )
      const value = { ...meta, text }
      checker.record('documents', from + k, value)
      out.write((from + k ? ',' : '') + JSON.stringify(value))
    })
    written += page.length
    await drain()
    progress()
  }
  if (metas.length === 0) checker.emptySection('documents')
  out.write(']')

  section('annotations', body.annotations)
  section('entities', body.entities)
  section('events', body.events)
  section('relations', body.relations)
  section('briefings', body.briefings)
  section('viewState', read.viewState)
  // Deleted means gone: text that only an undo of this session could bring back stays out.
  section('changes', read.changes, (c) => {
    const { id: _key, before, after, ...rest } = redactForBackup(c, liveDocIds)
    const entry: BackupChange = { ...rest }
    setIf(entry, 'before', asJson(before))
    setIf(entry, 'after', asJson(after))
    return entry
  })
  out.write('}')
  checker.finish()
  if (checker.total > 0)
    throw new StoreError(
      'INVALID',
      `The case cannot be backed up because the store holds data a backup cannot carry: ${checker.problems.slice(0, PROBLEMS_IN_MESSAGE).join('; ')}.`,
    )
  out.flush()
  await drain()
  progress()
  return out.bytes
}

/**
 * `writeCaseBackup` collected into UTF-8 chunks of about 1 MB (tests, and callers that keep the
 * file in memory anyway).
 */
export async function exportCaseChunks(
  db: CasefileDB,
  caseId: string,
  options: { appVersion?: string; now?: Date } = {},
): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = []
  await writeCaseBackup(db, caseId, (chunk) => void chunks.push(chunk), options)
  return chunks
}

/** `exportCaseChunks` as one byte array (tests, and a platform that saves one buffer). */
export async function exportCase(
  db: CasefileDB,
  caseId: string,
  options: { appVersion?: string; now?: Date } = {},
): Promise<Uint8Array> {
  return joinChunks(await exportCaseChunks(db, caseId, options))
}

/** The chunks as one byte array. */
export function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}

/**
 * A file name for a case's backup: the title as a lower-case slug (letters of any script
 * kept) and the local date, e.g. `harbour-street-2025-06-24.casefile.json`.
 */
export function suggestedBackupName(
  caseRecord: Pick<CaseRecord, 'title'>,
  now: Date = new Date(),
): string {
  const slug = Array.from(
    caseRecord.title
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, ''),
  )
    .slice(0, 60)
    .join('')
    .replace(/-+$/, '')
  const pad = (n: number) => String(n).padStart(2, '0')
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
  return `${slug || 'case'}-${date}.casefile.json`
}

/**
 * Reads a file held in memory as a backup. Never throws: the result is either the validated
 * backup or a typed error — TOO_LARGE (over `maxBytes`, when given), NOT_A_BACKUP (not UTF-8
 * text, not JSON, or JSON of another kind), UNSUPPORTED_VERSION, or INVALID_BACKUP (a damaged
 * or edited backup, with its problems by path).
 */
export function parseBackup(bytes: Uint8Array, options: { maxBytes?: number } = {}): BackupResult {
  const maxBytes = options.maxBytes ?? Infinity
  if (bytes.byteLength > maxBytes)
    return fail(
      'TOO_LARGE',
      `The file is ${describeSize(bytes.byteLength)}, more than a backup can be (${describeSize(maxBytes)}).`,
    )
  const checker = new BackupChecker()
  const records: Record<Section, unknown[]> = {
    sources: [],
    documents: [],
    annotations: [],
    entities: [],
    events: [],
    relations: [],
    briefings: [],
    viewState: [],
    changes: [],
  }
  let sawViewState = false
  try {
    const reader = new BackupTextReader(checker, (section, index, value) => {
      const r = checker.record(section, index, value)
      if (section === 'viewState') sawViewState = true
      if (r !== undefined) records[section].push(r)
    })
    reader.push(bytes)
    reader.end()
    const header = checker.finish()
    if (checker.total > 0 || !header) return { ok: false, error: checker.error() }
    const backup: Backup = {
      format: BACKUP_FORMAT,
      version: header.version as 1 | 2,
      exportedAt: header.exportedAt,
      app: header.app,
      case: header.case,
      sources: records.sources as Backup['sources'],
      documents: records.documents as Backup['documents'],
      annotations: records.annotations as Backup['annotations'],
      entities: records.entities as Backup['entities'],
      events: records.events as Backup['events'],
      relations: records.relations as Backup['relations'],
      briefings: records.briefings as Backup['briefings'],
      changes: records.changes as Backup['changes'],
    }
    if (sawViewState || header.version >= 2)
      backup.viewState = records.viewState as ViewStateRecord[]
    return { ok: true, value: backup as ParsedBackup }
  } catch (e) {
    if (e instanceof BackupFailure) return { ok: false, error: e.error }
    // Nothing above should throw; if something does (a JS engine limit), it is still a result.
    const detail = e instanceof Error ? e.message : String(e)
    return fail('INVALID_BACKUP', `The backup could not be read: ${detail}`)
  }
}

const MAX_TITLE = LIMITS.caseTitle

/** `title`, or `title (restored)`, `title (restored 2)` … whichever no case has yet. */
function unusedTitle(title: string, taken: Set<string>): string {
  if (!taken.has(title)) return title
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (restored)' : ` (restored ${n})`
    const base = title.slice(0, MAX_TITLE - suffix.length).replace(/[\uD800-\uDBFF]$/, '')
    const candidate = base.trimEnd() + suffix
    if (!taken.has(candidate)) return candidate
  }
}

/** Replaces every string in a JSON value that is a remapped id; keys are left alone. */
function remapSnapshot(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') return ids.get(value) ?? value
  if (Array.isArray(value)) return value.map((v) => remapSnapshot(v, ids))
  if (value && typeof value === 'object')
    // fromEntries defines own properties, so a "__proto__" key stays data.
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, remapSnapshot(v, ids)] as const),
    )
  return value
}

/** What one backup record becomes in the store: rows by table. */
type Rows = Partial<Record<Section | 'texts', object[]>>

/**
 * Turns a backup's records into store rows of a new case: every record gets a fresh id and
 * every reference — in annotations, events, relations, briefings and their judgements, view
 * state, and in the change log's record ids and snapshots — is remapped to match, so the
 * restored case shares nothing with the case it came from. Ids are assigned on first sight,
 * so a reference may come before its record; change-log entries come last in a backup, when
 * every record id is known.
 */
class Remapper {
  readonly ids = new Map<string, string>()
  readonly caseId: string

  constructor(oldCaseId: string) {
    this.caseId = this.to(oldCaseId)
  }

  to(old: string): string {
    let id = this.ids.get(old)
    if (id === undefined) {
      id = newId()
      this.ids.set(old, id)
    }
    return id
  }

  /**
   * The restored case record: the new id, the "not the same" pairs remapped (pairs naming an
   * event the backup does not hold are dropped) and the rows of its matrix of hypotheses
   * pointed at the restored events and passages (a row whose evidence the backup does not
   * hold is dropped). Call once every record has been mapped.
   */
  caseRecord(c: CaseRecord): CaseRecord {
    const { notSameEvents, ...rest } = c
    const out: CaseRecord = { ...rest, id: this.caseId }
    const pairs = (notSameEvents ?? []).flatMap(([x, y]) => {
      const a = this.ids.get(x)
      const b = this.ids.get(y)
      return a && b ? [(a < b ? [a, b] : [b, a]) as [string, string]] : []
    })
    if (pairs.length) out.notSameEvents = pairs
    if (c.ach) {
      const rows = c.ach.rows.flatMap((r) => {
        const refId = this.ids.get(r.refId)
        return refId ? [{ ...r, refId }] : []
      })
      const versions = c.ach.versions.map((v) => ({ ...v, snapshot: this.achSnapshot(v.snapshot) }))
      out.ach = { ...c.ach, rows, versions }
    }
    return out
  }

  /**
   * A saved ACH version's snapshot with its rows pointed at the restored events and passages
   * (a snapshot's row id is its evidence's id), so that "changed since the last version"
   * compares like with like in the restored case; rows whose evidence the backup does not hold
   * are dropped, as the matrix's own rows are. A snapshot that does not read as one is kept
   * as it is (the dialog ignores it, as it would have before the restore).
   */
  private achSnapshot(json: string): string {
    const snapshot = parseAchSnapshot(json)
    if (!snapshot) return json
    const rows = snapshot.rows.flatMap((r) => {
      const id = this.ids.get(r.id)
      return id ? [{ ...r, id }] : []
    })
    return JSON.stringify({ ...snapshot, rows })
  }

  private toAll(list: string[]): string[] {
    return list.map((id) => this.to(id))
  }

  /** A record's stances with their passage ids pointed at the restored passages. */
  private toKeys(stances: Record<string, EvidenceStance>): Record<string, EvidenceStance> {
    return Object.fromEntries(Object.entries(stances).map(([id, s]) => [this.to(id), s]))
  }

  private toMaybe(old: string | undefined): string | undefined {
    return old === undefined ? undefined : this.to(old)
  }

  rows(section: Section, record: unknown): Rows {
    const caseId = this.caseId
    switch (section) {
      case 'sources': {
        const s = record as SourceRecord
        const out: SourceRecord = {
          ...s,
          id: this.to(s.id),
          caseId,
          history: s.history.map((h) => ({ ...h })),
        }
        return { sources: [out] }
      }
      case 'documents': {
        const { text, sourceId, ...meta } = record as Backup['documents'][number]
        const doc: DocumentMeta = { ...meta, id: this.to(meta.id), caseId }
        setIf(doc, 'sourceId', this.toMaybe(sourceId))
        const row: TextRow = { id: doc.id, caseId, text }
        return { documents: [doc], texts: [row] }
      }
      case 'annotations': {
        const { entityId, eventId, ...a } = record as AnnotationRecord
        const out: AnnotationRecord = { ...a, id: this.to(a.id), caseId, docId: this.to(a.docId) }
        setIf(out, 'entityId', this.toMaybe(entityId))
        setIf(out, 'eventId', this.toMaybe(eventId))
        return { annotations: [out] }
      }
      case 'entities': {
        const e = record as EntityRecord
        return { entities: [{ ...e, id: this.to(e.id), caseId, aliases: [...e.aliases] }] }
      }
      case 'events': {
        // Old backups name one place (`locationId`): restored in the current shape (`locationIds`).
        const parsedEvent = record as EventRecord
        const { locationId: _old, locationIds: _ids, ...e } = parsedEvent
        const places = eventPlaceIds(parsedEvent)
        const out: EventRecord = {
          ...e,
          id: this.to(e.id),
          caseId,
          initiators: this.toAll(e.initiators),
          targets: this.toAll(e.targets),
          evidence: this.toAll(e.evidence),
        }
        if (e.stances) out.stances = this.toKeys(e.stances)
        if (places.length) out.locationIds = this.toAll(places)
        return { events: [out] }
      }
      case 'relations': {
        const r = record as RelationRecord
        const out: RelationRecord = {
          ...r,
          id: this.to(r.id),
          caseId,
          from: this.to(r.from),
          to: this.to(r.to),
          evidence: this.toAll(r.evidence),
        }
        if (r.stances) out.stances = this.toKeys(r.stances)
        return { relations: [out] }
      }
      case 'briefings': {
        // Judgement and section ids are keys within their briefing, not records: kept.
        const b = record as BriefingRecord
        const out: BriefingRecord = {
          ...b,
          id: this.to(b.id),
          caseId,
          eventIds: this.toAll(b.eventIds),
          judgements: b.judgements.map((j) => ({ ...j, eventIds: this.toAll(j.eventIds) })),
          sections: b.sections.map((s) => ({ ...s })),
        }
        return { briefings: [out] }
      }
      case 'viewState': {
        const v = record as ViewStateRecord
        if (v.key === 'reader:document') {
          // The open document, under its new id; one not in the backup is not reopened.
          const docId = this.ids.get(v.value.docId)
          return docId ? { viewState: [{ ...v, caseId, value: { docId } }] } : {}
        }
        if (v.key !== 'graph:layout') return { viewState: [{ ...v, caseId }] }
        // Positions are keyed by actor id: kept for the actors in the backup, remapped.
        const positions: Record<string, { x: number; y: number }> = {}
        for (const [id, at] of Object.entries(v.value.positions)) {
          const to = this.ids.get(id)
          if (to) positions[to] = { ...at }
        }
        const pinned = v.value.pinned.flatMap((id) => this.ids.get(id) ?? [])
        return { viewState: [{ ...v, caseId, value: { ...v.value, positions, pinned } }] }
      }
      case 'changes': {
        // Entries may name records deleted before the backup; they get fresh ids too, so
        // that an undo in the restored case can never reach a record of the original one.
        const { before, after, ...c } = record as BackupChange
        const out: ChangeRecord = { ...c, caseId, recordId: this.to(c.recordId) }
        setIf(out, 'before', remapSnapshot(before, this.ids))
        setIf(out, 'after', remapSnapshot(after, this.ids))
        return { changes: [out] }
      }
    }
  }
}

function emptyCounts(): RestoreCounts {
  return {
    sources: 0,
    documents: 0,
    annotations: 0,
    entities: 0,
    events: 0,
    relations: 0,
    briefings: 0,
    viewState: 0,
    changes: 0,
  }
}

/** Writes the last rows and the case row (which makes the case appear) in one transaction. */
async function commitCase(
  db: CasefileDB,
  caseRecord: CaseRecord,
  wantedTitle: string | undefined,
  rows: Map<string, object[]>,
): Promise<string> {
  return db.transaction('rw', backupTables(db), async () => {
    const taken = new Set((await db.cases.toArray()).map((c) => c.title))
    const record: CaseRecord = {
      ...caseRecord,
      title: wantedTitle ?? unusedTitle(caseRecord.title, taken),
    }
    await db.cases.add(record)
    await writeRows(db, rows)
    await db.changes.add({
      caseId: record.id,
      at: Date.now(),
      action: 'Restore case from backup',
      op: 'create',
      table: 'cases',
      recordId: record.id,
      after: record,
    })
    return record.title
  })
}

/** Adds the rows by table; call inside a transaction over the backup tables. */
async function writeRows(db: CasefileDB, rows: Map<string, object[]>): Promise<void> {
  // The tables by name as properties (as `db.texts`), which is where tests reach them.
  const tables = db as unknown as Record<string, { bulkAdd(rows: object[]): Promise<unknown> }>
  for (const [table, list] of rows) if (list.length) await tables[table]!.bulkAdd(list)
}

/**
 * Restores a parsed backup as a new case and returns its id, its title and what was restored.
 * See `Remapper` for the fresh ids. The title gains " (restored)" when a case already has it
 * (unless `title` is given). Runs in one transaction: on failure nothing is stored, and the
 * failure is a StoreError (QUOTA_EXCEEDED when the disk is full).
 */
export async function importBackup(
  db: CasefileDB,
  parsed: ParsedBackup,
  options: { title?: string } = {},
): Promise<Restored> {
  const wantedTitle = options.title === undefined ? undefined : cleanTitle(options.title)
  const map = new Remapper(parsed.case.id)
  const rows = new Map<string, object[]>()
  const counts = emptyCounts()
  for (const section of SECTION_NAMES) {
    for (const record of parsed[section] ?? []) {
      counts[section]++
      for (const [table, list] of Object.entries(map.rows(section, record)))
        rows.set(table, [...(rows.get(table) ?? []), ...list])
    }
  }
  const title = await guardWrite('restore the case', () =>
    commitCase(db, map.caseRecord(parsed.case), wantedTitle, rows),
  )
  return { caseId: map.caseId, title, counts }
}

/** How far a streaming restore has got. */
export interface RestoreProgress {
  /** Bytes of the file read so far. */
  bytesRead: number
  /** The file's size, when known. */
  totalBytes?: number
  /** Records read and checked so far. */
  records: number
}

/** The outcome of `restoreBackup`: the restored case, or why the file could not be restored. */
export type RestoreResult = { ok: true; value: Restored } | { ok: false; error: BackupError }

/** Rows are written in a transaction of their own once this many bytes (about) are waiting. */
const BATCH_BYTES = 8 * 1024 * 1024
const BATCH_RECORDS = 5_000

/**
 * Restores a backup read from `source` in chunks, as a new case (see the module comment):
 * records are checked as they arrive and written in batches into a case that appears only
 * when everything was read, checked and written; if the file turns out bad, or a write fails,
 * everything written so far is deleted. A file problem resolves to `{ ok: false }` with a
 * typed BackupError; a store failure rejects with a StoreError (QUOTA_EXCEEDED when the disk
 * is full). Reports progress after each chunk.
 */
export async function restoreBackup(
  db: CasefileDB,
  source: ReadableStream<Uint8Array>,
  options: {
    title?: string
    totalBytes?: number
    onProgress?: (progress: RestoreProgress) => void
  } = {},
): Promise<RestoreResult> {
  const wantedTitle = options.title === undefined ? undefined : cleanTitle(options.title)
  const checker = new BackupChecker()
  const counts = emptyCounts()
  let map: Remapper | undefined
  let pending = new Map<string, object[]>()
  let pendingBytes = 0
  let pendingRecords = 0
  let written = false
  const reader = new BackupTextReader(checker, (section, index, value) => {
    const record = checker.record(section, index, value)
    if (record === undefined || !checker.ok) {
      // Nothing of a bad file will be kept: stop collecting rows.
      pending.clear()
      return
    }
    map ??= new Remapper(checker.caseId!)
    counts[section]++
    for (const [table, list] of Object.entries(map.rows(section, record))) {
      let rows = pending.get(table)
      if (!rows) pending.set(table, (rows = []))
      rows.push(...list)
    }
    pendingRecords++
    const text = (value as { text?: unknown }).text
    pendingBytes += typeof text === 'string' ? text.length * 2 + 512 : 512
  })
  const flush = async () => {
    if (!checker.ok || pendingRecords === 0) return
    const rows = pending
    pending = new Map()
    pendingBytes = 0
    pendingRecords = 0
    written = true
    await guardWrite('restore the case', () =>
      db.transaction('rw', backupTables(db), () => writeRows(db, rows)),
    )
  }
  const rollback = async () => {
    if (!written || !map) return
    const caseId = map.caseId
    await db
      .transaction('rw', [db.cases, ...CASE_TABLES.map((t) => db.table(t))], async () => {
        for (const name of CASE_TABLES) await db.table(name).where('caseId').equals(caseId).delete()
      })
      .catch(() => undefined) // what a failed rollback leaves, the next start clears (purge.ts)
  }

  const stream = source.getReader()
  let bytesRead = 0
  try {
    for (;;) {
      const { done, value } = await stream.read()
      if (done) break
      bytesRead += value.byteLength
      reader.push(value)
      if (pendingBytes >= BATCH_BYTES || pendingRecords >= BATCH_RECORDS) await flush()
      options.onProgress?.({
        bytesRead,
        totalBytes: options.totalBytes,
        records: sumCounts(counts),
      })
    }
    reader.end()
    const header = checker.finish()
    if (checker.total > 0 || !header) {
      await rollback()
      return { ok: false, error: checker.error() }
    }
    map ??= new Remapper(header.case.id)
    const caseRecord = map.caseRecord(header.case)
    const rows = pending
    pending = new Map()
    const title = await guardWrite('restore the case', () =>
      commitCase(db, caseRecord, wantedTitle, rows),
    )
    return { ok: true, value: { caseId: map.caseId, title, counts } }
  } catch (e) {
    await stream.cancel().catch(() => undefined)
    await rollback()
    if (e instanceof BackupFailure) return { ok: false, error: e.error }
    if (e instanceof StoreError) throw e
    const detail = e instanceof Error ? e.message : String(e)
    return fail('INVALID_BACKUP', `The backup could not be read: ${detail}`) as RestoreResult
  }
}

function sumCounts(counts: RestoreCounts): number {
  return Object.values(counts).reduce((n, c) => n + c, 0)
}
