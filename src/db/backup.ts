/**
 * Whole-case backup and restore. `exportCase` writes one case — records, document texts and
 * change log, not the search index, which is rebuilt — as one versioned UTF-8 JSON file.
 * `parseBackup` treats a file as untrusted: size cap, strict UTF-8, JSON, a schema for every
 * record, then the checks that span records (offsets within texts, references between
 * records); every failure is a typed result, never a throw. `importBackup` restores a parsed
 * backup as a new case with fresh ids, all references remapped, in one transaction that
 * stores everything or nothing and never touches another case.
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
} from '../domain/record-schemas'
import { eventPlaceIds } from '../domain/event-places'
import type {
  AnnotationRecord,
  BriefingRecord,
  CaseRecord,
  ChangeRecord,
  DocumentMeta,
  EntityRecord,
  EventRecord,
  RelationRecord,
  SourceRecord,
} from '../domain/types'
import { cleanTitle } from './cases'
import { newId } from './db'
import { guardWrite, StoreError } from './errors'
import type { CasefileDB, TextRow } from './schema'

/** The `format` field that marks a Casefile backup. */
export const BACKUP_FORMAT = 'casefile-backup'
/** The backup format version this build writes and reads. */
export const BACKUP_VERSION = 1
/** Files larger than this are refused before they are read as text. */
export const MAX_BACKUP_BYTES = 500 * 1024 * 1024

/** How many problems an error message names; the rest are counted. */
const PROBLEMS_IN_MESSAGE = 5
/** How many problems an error keeps for a details view. */
const PROBLEMS_KEPT = 100

const backupChangeSchema = changeSchema.omit({ id: true })

const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.iso.datetime(),
  app: z.strictObject({
    name: z.string().min(1).max(LIMITS.short),
    version: z.string().max(LIMITS.short).optional(),
  }),
  case: caseSchema,
  sources: z.array(sourceSchema).max(100_000),
  documents: z.array(documentSchema).max(100_000),
  annotations: z.array(annotationSchema).max(5_000_000),
  entities: z.array(entitySchema).max(1_000_000),
  events: z.array(eventSchema).max(1_000_000),
  relations: z.array(relationSchema).max(1_000_000),
  briefings: z.array(briefingSchema).max(100_000),
  changes: z.array(backupChangeSchema).max(5_000_000),
})

/** The contents of a backup file, as written by `exportCase`. */
export type Backup = z.output<typeof backupSchema>

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

/** Records restored by `importBackup`, by table. */
export interface RestoreCounts {
  sources: number
  documents: number
  annotations: number
  entities: number
  events: number
  relations: number
  briefings: number
  /** Change-log entries carried over from the backup (the restore adds one more). */
  changes: number
}

function fail(code: BackupErrorCode, message: string, problems: string[] = []): BackupResult {
  return { ok: false, error: { code, message, problems: problems.slice(0, PROBLEMS_KEPT) } }
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
function pruneDangling(b: Omit<Backup, 'format' | 'version' | 'exportedAt' | 'app'>): void {
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
  }
  b.relations = b.relations.filter((r) => entities.has(r.from) && entities.has(r.to))
  for (const r of b.relations) r.evidence = r.evidence.filter((id) => annotations.has(id))
  for (const br of b.briefings) {
    br.eventIds = br.eventIds.filter((id) => events.has(id))
    br.judgements = br.judgements.map((j) => ({
      ...j,
      eventIds: j.eventIds.filter((id) => events.has(id)),
    }))
  }
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
    db.changes,
  ]
}

/**
 * Writes one case as a backup file (UTF-8 JSON). References to records that no longer exist
 * are left out (see `pruneDangling`); the result is checked with the same rules as
 * `parseBackup`, so a file this writes can always be restored. Throws StoreError NOT_FOUND
 * when the case does not exist and INVALID when the store holds something a backup cannot
 * represent (for instance a document whose text is missing).
 */
export async function exportCase(
  db: CasefileDB,
  caseId: string,
  options: { appVersion?: string; now?: Date } = {},
): Promise<Uint8Array> {
  const tables = backupTables(db)
  const byCase = { caseId } as const
  const read = await guardWrite('back up the case', () =>
    db.transaction('r', tables, async () => {
      // The caseId index lists a case's log entries in key order: the order they were made.
      const [
        record,
        sources,
        metas,
        texts,
        annotations,
        entities,
        events,
        relations,
        briefings,
        changes,
      ] = await Promise.all([
        db.cases.get(caseId),
        db.sources.where(byCase).toArray(),
        db.documents.where(byCase).toArray(),
        db.texts.where(byCase).toArray(),
        db.annotations.where(byCase).toArray(),
        db.entities.where(byCase).toArray(),
        db.events.where(byCase).toArray(),
        db.relations.where(byCase).toArray(),
        db.briefings.where(byCase).toArray(),
        db.changes.where(byCase).toArray(),
      ])
      return {
        record,
        sources,
        metas,
        texts,
        annotations,
        entities,
        events,
        relations,
        briefings,
        changes,
      }
    }),
  )
  if (!read.record) throw new StoreError('NOT_FOUND', 'That case no longer exists.')
  const textById = new Map(read.texts.map((t) => [t.id, t.text]))
  const documents = read.metas.map((meta) => {
    const text = textById.get(meta.id)
    if (text === undefined)
      throw new StoreError(
        'INVALID',
        `The text of “${meta.title}” is missing from the store, so the case cannot be backed up.`,
      )
    return { ...meta, text }
  })
  const body = {
    case: read.record,
    sources: read.sources,
    documents,
    annotations: read.annotations,
    entities: read.entities,
    events: read.events,
    relations: read.relations,
    briefings: read.briefings,
    changes: read.changes.map(({ id: _key, before, after, ...rest }) => {
      const entry: BackupChange = { ...rest }
      setIf(entry, 'before', asJson(before))
      setIf(entry, 'after', asJson(after))
      return entry
    }),
  }
  pruneDangling(body)
  const app: Backup['app'] = { name: 'Casefile' }
  setIf(app, 'version', options.appVersion)
  const checked = validateBackup({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    app,
    ...body,
  })
  if (!checked.ok)
    throw new StoreError(
      'INVALID',
      `The case cannot be backed up because the store holds data a backup cannot carry: ${checked.error.problems.slice(0, PROBLEMS_IN_MESSAGE).join('; ')}.`,
    )
  let bytes: Uint8Array
  try {
    bytes = new TextEncoder().encode(JSON.stringify(checked.value))
  } catch (e) {
    // A JavaScript string cannot exceed about 512 MB: a case that large cannot be one file.
    throw new StoreError('INVALID', 'The case is too large to back up in one file.', e)
  }
  if (bytes.byteLength > MAX_BACKUP_BYTES)
    throw new StoreError(
      'INVALID',
      `The case is too large to back up in one file (${describeSize(bytes.byteLength)}; a backup can be at most ${describeSize(MAX_BACKUP_BYTES)}).`,
    )
  return bytes
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

/** True when the start of the file carries the backup's format marker. */
function looksLikeBackup(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 1024))
  return /"format"\s*:\s*"casefile-backup"/.test(head)
}

/** True when the only UTF-8 fault is an unfinished character at the very end. */
function cutMidCharacter(bytes: Uint8Array): boolean {
  try {
    // In streaming mode an unfinished last character is held back rather than an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
    return true
  } catch {
    return false
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

/**
 * Reads a file as a backup. Never throws: the result is either the validated backup or a
 * typed error — TOO_LARGE, NOT_A_BACKUP (not UTF-8 text, not JSON, or JSON of another kind),
 * UNSUPPORTED_VERSION, or INVALID_BACKUP (a damaged or edited backup, with its problems by
 * path).
 */
export function parseBackup(bytes: Uint8Array, options: { maxBytes?: number } = {}): BackupResult {
  const maxBytes = options.maxBytes ?? MAX_BACKUP_BYTES
  try {
    if (bytes.byteLength > maxBytes)
      return fail(
        'TOO_LARGE',
        `The file is ${describeSize(bytes.byteLength)}, more than a backup can be (${describeSize(maxBytes)}).`,
      )
    const marked = looksLikeBackup(bytes)
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      if (!marked)
        return fail('NOT_A_BACKUP', 'This is not a Casefile backup: it is not a text file.')
      return cutMidCharacter(bytes)
        ? fail(
            'INVALID_BACKUP',
            'The backup is incomplete or damaged: it stops in the middle of a character. It may have been cut short while copying.',
          )
        : fail('INVALID_BACKUP', 'The backup is damaged: it is not valid UTF-8 text.')
    }
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch (e) {
      const detail = e instanceof Error ? ` (${e.message})` : ''
      return marked
        ? fail(
            'INVALID_BACKUP',
            `The backup is incomplete or damaged: it is not valid JSON${detail}. It may have been cut short while copying.`,
          )
        : fail('NOT_A_BACKUP', `This is not a Casefile backup: it is not JSON${detail}.`)
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      return fail('NOT_A_BACKUP', 'This is not a Casefile backup: it holds JSON of another kind.')
    const { format, version } = data as { format?: unknown; version?: unknown }
    if (format !== BACKUP_FORMAT)
      return fail('NOT_A_BACKUP', 'This is not a Casefile backup: it holds JSON of another kind.')
    if (version !== BACKUP_VERSION)
      return fail(
        'UNSUPPORTED_VERSION',
        typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION
          ? `This backup was made by a newer Casefile (format version ${version}); update Casefile to restore it.`
          : `This backup has a format version this Casefile does not know (${(JSON.stringify(version) ?? 'none').slice(0, 40)}).`,
      )
    return validateBackup(data)
  } catch (e) {
    // Nothing above should throw; if something does (a JS engine limit), it is still a result.
    const detail = e instanceof Error ? e.message : String(e)
    return fail('INVALID_BACKUP', `The backup could not be read: ${detail}`)
  }
}

/** Schema checks, then the checks that span records. */
function validateBackup(data: unknown): BackupResult {
  const parsed = backupSchema.safeParse(data)
  const problems = parsed.success
    ? crossRecordProblems(parsed.data)
    : parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)
  if (problems.length > 0 || !parsed.success) {
    const shown = problems.slice(0, PROBLEMS_IN_MESSAGE).join('; ')
    const more = problems.length - PROBLEMS_IN_MESSAGE
    return fail(
      'INVALID_BACKUP',
      `The backup is damaged or was edited, so it cannot be restored: ${shown}` +
        (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}.` : '.'),
      problems,
    )
  }
  return { ok: true, value: parsed.data as ParsedBackup }
}

/**
 * Problems that no single record's schema can see: duplicate ids, records of another case,
 * annotations outside their document's text, and references to records not in the backup.
 */
function crossRecordProblems(b: Backup): string[] {
  const problems: string[] = []
  const seen = new Set<string>([b.case.id])
  const tables = {
    sources: b.sources,
    documents: b.documents,
    annotations: b.annotations,
    entities: b.entities,
    events: b.events,
    relations: b.relations,
    briefings: b.briefings,
  }
  for (const [table, records] of Object.entries(tables)) {
    records.forEach((r, i) => {
      if (seen.has(r.id)) problems.push(`${table}[${i}].id: “${r.id}” is used by another record`)
      seen.add(r.id)
      if (r.caseId !== b.case.id) problems.push(`${table}[${i}].caseId: not the backup’s case`)
    })
  }
  b.changes.forEach((c, i) => {
    if (c.caseId !== b.case.id) problems.push(`changes[${i}].caseId: not the backup’s case`)
  })

  const idsOf = (records: { id: string }[]) => new Set(records.map((r) => r.id))
  const sources = idsOf(b.sources)
  const entities = idsOf(b.entities)
  const events = idsOf(b.events)
  const annotations = idsOf(b.annotations)
  const textLength = new Map(b.documents.map((d) => [d.id, d.text.length]))
  const ref = (path: string, id: string | undefined, set: Set<string>, what: string) => {
    if (id !== undefined && !set.has(id))
      problems.push(`${path}: refers to ${what} “${id}” that is not in the backup`)
  }
  const refs = (path: string, list: string[], set: Set<string>, what: string) =>
    list.forEach((id, i) => ref(`${path}[${i}]`, id, set, what))

  b.documents.forEach((d, i) => {
    ref(`documents[${i}].sourceId`, d.sourceId, sources, 'a source')
    d.pageStarts?.forEach((p, j) => {
      if (p > d.text.length)
        problems.push(`documents[${i}].pageStarts[${j}]: ${p} is past the end of the text`)
    })
  })
  b.annotations.forEach((a, i) => {
    const length = textLength.get(a.docId)
    if (length === undefined)
      problems.push(
        `annotations[${i}].docId: refers to a document “${a.docId}” that is not in the backup`,
      )
    else if (a.end > length)
      problems.push(
        `annotations[${i}].end: ${a.end} is past the end of its document’s text (${length} characters)`,
      )
    ref(`annotations[${i}].entityId`, a.entityId, entities, 'an entity')
    ref(`annotations[${i}].eventId`, a.eventId, events, 'an event')
  })
  b.events.forEach((e, i) => {
    refs(`events[${i}].initiators`, e.initiators, entities, 'an entity')
    refs(`events[${i}].targets`, e.targets, entities, 'an entity')
    ref(`events[${i}].locationId`, e.locationId, entities, 'an entity')
    if (e.locationIds) refs(`events[${i}].locationIds`, e.locationIds, entities, 'an entity')
    refs(`events[${i}].evidence`, e.evidence, annotations, 'an annotation')
  })
  b.relations.forEach((r, i) => {
    ref(`relations[${i}].from`, r.from, entities, 'an entity')
    ref(`relations[${i}].to`, r.to, entities, 'an entity')
    refs(`relations[${i}].evidence`, r.evidence, annotations, 'an annotation')
  })
  b.briefings.forEach((br, i) => {
    refs(`briefings[${i}].eventIds`, br.eventIds, events, 'an event')
    br.judgements.forEach((j, k) =>
      refs(`briefings[${i}].judgements[${k}].eventIds`, j.eventIds, events, 'an event'),
    )
  })
  return problems
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

/**
 * Restores a parsed backup as a new case and returns its id, its title and what was restored.
 * Every record gets a fresh id and every reference — in annotations, events, relations,
 * briefings and their judgements, and in the change log's record ids and snapshots — is
 * remapped to match, so the restored case shares nothing with the case it came from. The
 * title gains " (restored)" when a case already has it (unless `title` is given). Runs in one
 * transaction: on failure nothing is stored, and the failure is a StoreError (QUOTA_EXCEEDED
 * when the disk is full).
 */
export async function importBackup(
  db: CasefileDB,
  parsed: ParsedBackup,
  options: { title?: string } = {},
): Promise<{ caseId: string; title: string; counts: RestoreCounts }> {
  const wantedTitle = options.title === undefined ? undefined : cleanTitle(options.title)
  const ids = new Map<string, string>()
  const fresh = (old: string): string => {
    let id = ids.get(old)
    if (id === undefined) {
      id = newId()
      ids.set(old, id)
    }
    return id
  }
  const caseId = fresh(parsed.case.id)
  const records = [
    parsed.sources,
    parsed.documents,
    parsed.annotations,
    parsed.entities,
    parsed.events,
    parsed.relations,
    parsed.briefings,
  ]
  for (const list of records) for (const r of list) fresh(r.id)
  // Validation guarantees every reference is a record of the backup, so `to` always finds it.
  const to = (old: string): string => ids.get(old)!
  const toAll = (list: string[]) => list.map(to)
  const toMaybe = (old: string | undefined) => (old === undefined ? undefined : to(old))

  const sources = parsed.sources.map((s): SourceRecord => ({
    ...s,
    id: to(s.id),
    caseId,
    history: s.history.map((h) => ({ ...h })),
  }))
  const documents: DocumentMeta[] = []
  const texts: TextRow[] = []
  for (const { text, sourceId, ...meta } of parsed.documents) {
    const doc: DocumentMeta = { ...meta, id: to(meta.id), caseId }
    setIf(doc, 'sourceId', toMaybe(sourceId))
    documents.push(doc)
    texts.push({ id: doc.id, caseId, text })
  }
  const annotations = parsed.annotations.map(({ entityId, eventId, ...a }): AnnotationRecord => {
    const out: AnnotationRecord = { ...a, id: to(a.id), caseId, docId: to(a.docId) }
    setIf(out, 'entityId', toMaybe(entityId))
    setIf(out, 'eventId', toMaybe(eventId))
    return out
  })
  const entities = parsed.entities.map((e): EntityRecord => ({
    ...e,
    id: to(e.id),
    caseId,
    aliases: [...e.aliases],
  }))
  // Old backups name one place (`locationId`): restored in the current shape (`locationIds`).
  const events = parsed.events.map((parsedEvent): EventRecord => {
    const { locationId: _old, locationIds: _ids, ...e } = parsedEvent
    const places = eventPlaceIds(parsedEvent)
    const out: EventRecord = {
      ...e,
      id: to(e.id),
      caseId,
      initiators: toAll(e.initiators),
      targets: toAll(e.targets),
      evidence: toAll(e.evidence),
    }
    if (places.length) out.locationIds = toAll(places)
    return out
  })
  const relations = parsed.relations.map((r): RelationRecord => ({
    ...r,
    id: to(r.id),
    caseId,
    from: to(r.from),
    to: to(r.to),
    evidence: toAll(r.evidence),
  }))
  // Judgement and section ids are keys within their briefing, not records: they stay as they are.
  const briefings = parsed.briefings.map((b): BriefingRecord => ({
    ...b,
    id: to(b.id),
    caseId,
    eventIds: toAll(b.eventIds),
    judgements: b.judgements.map((j) => ({ ...j, eventIds: toAll(j.eventIds) })),
    sections: b.sections.map((s) => ({ ...s })),
  }))
  // Entries may name records deleted before the backup; they get fresh ids too, so that an
  // undo in the restored case can never reach a record of the original one.
  const recordIds = parsed.changes.map((c) => fresh(c.recordId))
  const changes = parsed.changes.map(({ before, after, ...c }, i): ChangeRecord => {
    const out: ChangeRecord = { ...c, caseId, recordId: recordIds[i]! }
    setIf(out, 'before', remapSnapshot(before, ids))
    setIf(out, 'after', remapSnapshot(after, ids))
    return out
  })

  const title = await guardWrite('restore the case', () =>
    db.transaction('rw', backupTables(db), async () => {
      const taken = new Set((await db.cases.toArray()).map((c) => c.title))
      const caseRecord: CaseRecord = {
        ...parsed.case,
        id: caseId,
        title: wantedTitle ?? unusedTitle(parsed.case.title, taken),
      }
      await db.cases.add(caseRecord)
      await db.sources.bulkAdd(sources)
      await db.documents.bulkAdd(documents)
      await db.texts.bulkAdd(texts)
      await db.annotations.bulkAdd(annotations)
      await db.entities.bulkAdd(entities)
      await db.events.bulkAdd(events)
      await db.relations.bulkAdd(relations)
      await db.briefings.bulkAdd(briefings)
      await db.changes.bulkAdd([
        ...changes,
        {
          caseId,
          at: Date.now(),
          action: 'Restore case from backup',
          op: 'create',
          table: 'cases',
          recordId: caseId,
          after: caseRecord,
        },
      ])
      return caseRecord.title
    }),
  )
  return {
    caseId,
    title,
    counts: {
      sources: sources.length,
      documents: documents.length,
      annotations: annotations.length,
      entities: entities.length,
      events: events.length,
      relations: relations.length,
      briefings: briefings.length,
      changes: changes.length,
    },
  }
}
