/**
 * STIX 2.1 bundle → records of a case, in two steps. `planStixImport` reads the bundle
 * leniently (OpenCTI's and MISP's exports fail the strict schemas; a 2.0 bundle, a TAXII
 * envelope or a bare list of objects will do), maps what Casefile can hold and writes nothing:
 * reports → documents (their text from `description`, `content` or an `x_…` text field),
 * identities, threat actors, intrusion sets and locations → entities (each matched by name and
 * alias against the case's own, for the analyst to merge or keep apart), incidents → events
 * (times with their uncertainty; OpenCTI's "unknown" 1970-01-01 and 5138-11-16 are unknown),
 * relationships → who did what to whom, where, or relations, notes → passages anchored in
 * their document's text (or, when the quote is not in it, paragraphs of one notes document,
 * with opinions and key judgements). Everything else is skipped with a reason.
 * `applyStixImport` then writes the plan in one transaction as one undoable action: all of it
 * or, on any failure, none of it. Casefile's own property extension, when present, restores
 * what STIX cannot hold (time precision, selectors, kinds, grades).
 */
import { recordAction } from '../../db/history'
import { newId } from '../../db/db'
import { StoreError } from '../../db/errors'
import type { CasefileDB } from '../../db/schema'
import { EVENT_TYPES } from '../../domain/event-types'
import { normaliseName } from '../../domain/entity-match'
import {
  annotationSchema,
  documentMetaSchema,
  entitySchema,
  eventSchema,
  LIMITS,
  relationSchema,
  timeValueSchema,
} from '../../domain/record-schemas'
import type {
  AnnotationKind,
  AnnotationRecord,
  Credibility,
  DocumentMeta,
  EntityKind,
  EntityRecord,
  EventRecord,
  ImporterName,
  RelationRecord,
  Reliability,
  SourceRecord,
  TimePrecision,
  TimeValue,
} from '../../domain/types'
import type { StixObject } from './types'
import {
  CASEFILE_EXTENSION_ID,
  countryCode,
  countryName,
  credibilityOf,
  judgementConfidenceOf,
  likelihoodOf,
  reliabilityOf,
} from './vocab'

/** Why an import could not even be planned. */
export class StixImportError extends Error {
  constructor(
    readonly code: 'PARSE_FAILED' | 'EMPTY' | 'NOT_FOUND',
    message: string,
  ) {
    super(message)
    this.name = 'StixImportError'
  }
}

/** An object the import leaves out, and why. */
export interface StixSkipped {
  id: string
  type: string
  name?: string
  reason: string
}

/** A case entity a planned one may be the same as. */
export interface StixEntityMatch {
  id: string
  name: string
  kind: EntityKind
  /** Why it matched ("same name", "alias “US”", "same Casefile entity"). */
  reason: string
}

/** An entity the bundle holds (several STIX objects may be one entity). */
export interface PlannedEntity {
  key: string
  stixIds: string[]
  kind: EntityKind
  name: string
  aliases: string[]
  description?: string
  /** The case's entity it matches, if any: merged into it unless the analyst keeps it apart. */
  match?: StixEntityMatch
}

/** A publisher (the `created_by_ref` identity of a report). */
export interface PlannedSource {
  key: string
  stixId: string
  name: string
  reliability: Reliability
  history: { grade: Reliability; at: number; note?: string }[]
}

/** A document from a report (or the notes document). */
export interface PlannedDocument {
  key: string
  stixId?: string
  meta: Omit<DocumentMeta, 'id' | 'caseId' | 'sourceId' | 'importedAt'>
  text: string
  sourceKey?: string
  /** The case's document with the same text, which the passages go to instead. */
  existingId?: string
}

/** A passage (annotation) in a planned or existing document. */
export interface PlannedPassage {
  key: string
  stixId: string
  docKey: string
  start: number
  end: number
  exact: string
  prefix: string
  suffix: string
  kind: AnnotationKind
  entityKey?: string
  eventKey?: string
  note?: string
  credibility?: Credibility
  createdAt: number
}

/** An event from an incident. */
export interface PlannedEvent {
  key: string
  stixId: string
  title: string
  type: string
  initiators: string[]
  targets: string[]
  places: string[]
  when?: TimeValue
  confidence?: Credibility
  notes?: string
  evidence: string[]
  createdAt: number
}

/** A relation from a relationship between two entities. */
export interface PlannedRelation {
  key: string
  stixId: string
  from: string
  to: string
  type: string
  directed: boolean
  when?: TimeValue
  evidence: string[]
  createdAt: number
}

/** What importing a bundle would write; nothing is written until `applyStixImport`. */
export interface StixImportPlan {
  caseId: string
  bundleId?: string
  /** Objects in the bundle, by STIX type. */
  counts: Record<string, number>
  sources: PlannedSource[]
  documents: PlannedDocument[]
  entities: PlannedEntity[]
  events: PlannedEvent[]
  relations: PlannedRelation[]
  passages: PlannedPassage[]
  skipped: StixSkipped[]
}

/** The analyst's answers to the preview: which matched entities to keep apart. */
export interface StixImportChoices {
  /** Entity keys (of `plan.entities`) with a match that must NOT be merged. */
  keepApart?: string[]
}

/** What an import wrote. */
export interface StixImportReport {
  documents: number
  /** Documents whose text the case already had (their passages went to the existing one). */
  duplicateDocuments: number
  sources: number
  entities: number
  merged: { name: string; into: string }[]
  events: number
  relations: number
  passages: number
  skipped: StixSkipped[]
  /** The undo group's label. */
  action: string
}

// ---------------------------------------------------------------------------------------
// Reading the bundle

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined)
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && !!x.trim()) : []
const clip = (s: string, max: number): string => (s.length > max ? s.slice(0, max) : s)

/** Casefile's property extension of an object, if it has one. */
function extOf(o: StixObject): Record<string, unknown> {
  const e = o.extensions?.[CASEFILE_EXTENSION_ID]
  return e && typeof e === 'object' ? e : {}
}

/** OpenCTI writes these when a time is unknown; they mean "no time". */
function isUnknownTime(ms: number): boolean {
  const d = new Date(ms)
  return (
    (d.getUTCFullYear() === 1970 && d.getUTCMonth() === 0 && d.getUTCDate() === 1) ||
    d.getUTCFullYear() >= 5000
  )
}

/** A STIX timestamp → ms, or undefined when absent, unparsable or OpenCTI's "unknown". */
export function stixTimeMs(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined
  const ms = Date.parse(v)
  if (!Number.isFinite(ms) || isUnknownTime(ms)) return undefined
  return ms
}

function precisionOf(ms: number): TimePrecision {
  if (ms % 86_400_000 === 0) return 'day'
  if (ms % 3_600_000 === 0) return 'hour'
  return 'minute'
}

/** A TimeValue from a first/last pair (either may be missing or unknown). */
export function timeFromRange(first: unknown, last: unknown): TimeValue | undefined {
  const a = stixTimeMs(first)
  const b = stixTimeMs(last)
  if (a === undefined && b === undefined) return undefined
  if (a === undefined || b === undefined || a === b) {
    const t = (a ?? b)!
    return { start: t, precision: precisionOf(t), approximate: false }
  }
  const [lo, hi] = a < b ? [a, b] : [b, a]
  return {
    start: lo,
    end: hi,
    precision: precisionOf(lo),
    approximate: true,
    earliest: lo,
    latest: hi,
  }
}

/** The extension's `when` back into a TimeValue, or undefined when it does not check. */
function timeFromExt(v: unknown): TimeValue | undefined {
  if (!v || typeof v !== 'object') return undefined
  const w = v as Record<string, unknown>
  const ms = (x: unknown) => (typeof x === 'string' ? Date.parse(x) : undefined)
  const rf = w.resolved_from as Record<string, unknown> | undefined
  const t: Record<string, unknown> = {
    start: ms(w.start),
    end: ms(w.end),
    precision: w.precision,
    approximate: w.approximate,
    earliest: ms(w.earliest),
    latest: ms(w.latest),
    zone: w.zone,
    resolvedFrom:
      rf && typeof rf === 'object'
        ? { text: rf.text, rule: rf.rule, reference: ms(rf.reference) }
        : undefined,
  }
  for (const k of Object.keys(t)) if (t[k] === undefined) delete t[k]
  if (t.resolvedFrom && (t.resolvedFrom as Record<string, unknown>).reference === undefined)
    delete (t.resolvedFrom as Record<string, unknown>).reference
  const parsed = timeValueSchema.safeParse(t)
  return parsed.success ? (parsed.data as TimeValue) : undefined
}

function credibility(o: StixObject): Credibility | undefined {
  const c = extOf(o).credibility
  if (typeof c === 'number' && [1, 2, 3, 4, 5, 6].includes(c)) return c as Credibility
  return credibilityOf(o.confidence)
}

/** The objects of whatever was handed in: a bundle, a TAXII envelope, a list, or JSON text. */
function objectsOf(input: unknown): { objects: StixObject[]; bundleId?: string; bad: number } {
  let value = input
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch (e) {
      throw new StixImportError('PARSE_FAILED', `This file is not JSON (${(e as Error).message}).`)
    }
  }
  let list: unknown[] | undefined
  let bundleId: string | undefined
  if (Array.isArray(value)) list = value
  else if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>
    if (Array.isArray(v.objects)) {
      list = v.objects
      bundleId = str(v.id)
    } else if (typeof v.type === 'string' && typeof v.id === 'string') list = [v]
  }
  if (!list)
    throw new StixImportError(
      'PARSE_FAILED',
      'This is not a STIX bundle: expected {"type": "bundle", "objects": [...]}.',
    )
  const objects: StixObject[] = []
  let bad = 0
  for (const o of list) {
    if (
      o &&
      typeof o === 'object' &&
      typeof (o as StixObject).type === 'string' &&
      typeof (o as StixObject).id === 'string'
    )
      objects.push(o as StixObject)
    else bad++
  }
  if (objects.length === 0)
    throw new StixImportError('EMPTY', 'The bundle holds no STIX objects to import.')
  return { objects, bundleId, bad }
}

/** The text a report carries: its description, `content`, or an `x_…` text/content field. */
function reportText(o: StixObject): string | undefined {
  const direct = str(o.description) ?? str(o.content)
  if (direct) return direct
  for (const [k, v] of Object.entries(o))
    if (k.startsWith('x_') && /content|text|body/.test(k) && str(v)) return v as string
  return undefined
}

function eventType(o: StixObject): string {
  const ext = str(extOf(o).event_type)
  if (ext) return clip(ext, LIMITS.short)
  const label = strs(o.labels)[0] ?? strs(o.incident_types)[0] ?? str(o.incident_type)
  if (!label) return 'other'
  const lower = label.toLowerCase()
  const known = EVENT_TYPES.find((t) => t.id === lower || t.label.toLowerCase() === lower)
  return known ? known.id : clip(label, LIMITS.short)
}

/** The Casefile kind a STIX object maps to, or undefined for objects that are no entity. */
function entityKind(o: StixObject): EntityKind | undefined {
  const ext = extOf(o).casefile_kind
  const kinds: EntityKind[] = ['person', 'organisation', 'state', 'group', 'location', 'other']
  if (typeof ext === 'string' && (kinds as string[]).includes(ext)) return ext as EntityKind
  switch (o.type) {
    case 'identity': {
      const c = str(o.identity_class)
      if (c === 'individual') return 'person'
      if (c === 'organization') return 'organisation'
      if (c === 'group') return 'group'
      return 'other'
    }
    case 'threat-actor':
      // A nation-state actor named after a country is that state; others (APT1's "Ugly
      // Gorilla" is typed nation-state) are groups acting for one.
      return strs(o.threat_actor_types).includes('nation-state') &&
        typeof o.name === 'string' &&
        countryCode(o.name)
        ? 'state'
        : 'group'
    case 'intrusion-set':
    case 'campaign':
      return o.type === 'intrusion-set' ? 'group' : undefined
    case 'location': {
      const lt = str(o.x_opencti_location_type)?.toLowerCase()
      if (lt === 'country') return 'state'
      if (lt) return 'location'
      const country = str(o.country)
      const name = str(o.name)
      const onlyCountry =
        country &&
        !o.city &&
        !o.street_address &&
        !o.administrative_area &&
        o.latitude === undefined
      if (onlyCountry && (!name || countryCode(name) === country.toUpperCase() || name === country))
        return 'state'
      return 'location'
    }
  }
  return undefined
}

function entityName(o: StixObject): string | undefined {
  const name = str(o.name)
  if (name) return name
  if (o.type === 'location') {
    const country = str(o.country)
    return str(o.city) ?? (country ? countryName(country) : undefined) ?? str(o.region)
  }
  return undefined
}

const SUPPORTED_NOTHING: Record<string, string> = {
  'marking-definition': 'a marking; Casefile keeps handling in briefings',
  'extension-definition': 'an extension definition (its data is read from each object)',
  'language-content': 'translations are not imported',
  grouping: 'a grouping only lists objects; those it lists are imported',
  sighting: 'Casefile has no sightings',
  'observed-data': 'Casefile has no observed data',
}

/** Types read above (as entities, documents, events or their links). */
const MAPPED_TYPES = new Set([
  'identity',
  'threat-actor',
  'intrusion-set',
  'location',
  'report',
  'incident',
  'relationship',
])

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

function importerOf(v: unknown): ImporterName {
  const all: ImporterName[] = ['text', 'markdown', 'html', 'pdf', 'docx']
  return typeof v === 'string' && (all as string[]).includes(v) ? (v as ImporterName) : 'text'
}

/**
 * Reads a bundle and works out what importing it into `caseId` would write, matching its
 * entities against the case's. Writes nothing. Throws StixImportError when the input is no
 * bundle (PARSE_FAILED), holds no objects (EMPTY), or the case does not exist (NOT_FOUND).
 */
export async function planStixImport(
  db: CasefileDB,
  caseId: string,
  bundle: unknown,
): Promise<StixImportPlan> {
  const { objects, bundleId, bad } = objectsOf(bundle)
  const [caseRecord, caseEntities, caseDocs] = await db.transaction(
    'r',
    [db.cases, db.entities, db.documents],
    () =>
      Promise.all([
        db.cases.get(caseId),
        db.entities.where({ caseId }).toArray(),
        db.documents.where({ caseId }).toArray(),
      ]),
  )
  if (!caseRecord) throw new StixImportError('NOT_FOUND', 'That case no longer exists.')

  const now = Date.now()
  const counts: Record<string, number> = {}
  const skipped: StixSkipped[] = []
  if (bad > 0) skipped.push({ id: '', type: '', reason: `${bad} entries without a type and id` })
  const skip = (o: StixObject, reason: string) =>
    skipped.push({ id: o.id, type: o.type, name: str(o.name), reason })
  // The newest version of each id (TAXII collections can hold several).
  const byId = new Map<string, StixObject>()
  for (const o of objects) {
    counts[o.type] = (counts[o.type] ?? 0) + 1
    const seen = byId.get(o.id)
    if (!seen || String(o.modified ?? '') > String(seen.modified ?? '')) byId.set(o.id, o)
  }
  const all = [...byId.values()]
  const created = (o: StixObject) => stixTimeMs(o.created) ?? now

  // Publishers: identities that reports name as created_by_ref, or that carry a reliability.
  const publisherIds = new Set(
    all
      .filter((o) => o.type === 'report' && typeof o.created_by_ref === 'string')
      .map((o) => o.created_by_ref!),
  )
  const sources: PlannedSource[] = []
  const sourceByStix = new Map<string, PlannedSource>()
  for (const o of all) {
    if (o.type !== 'identity') continue
    const ext = extOf(o)
    const isSource =
      ext.casefile_kind === 'source' ||
      (!ext.casefile_kind &&
        o.identity_class !== 'system' &&
        (publisherIds.has(o.id) || o.x_opencti_reliability !== undefined))
    if (!isSource) continue
    const name = str(o.name)
    if (!name) continue
    const reliability =
      (typeof ext.reliability === 'string' && reliabilityOf(ext.reliability)) ||
      reliabilityOf(o.x_opencti_reliability) ||
      'F'
    const history = Array.isArray(ext.reliability_history)
      ? (ext.reliability_history as Record<string, unknown>[]).flatMap((h) => {
          const grade = reliabilityOf(h.grade)
          const at = typeof h.at === 'string' ? Date.parse(h.at) : NaN
          return grade && Number.isFinite(at)
            ? [{ grade, at, ...(str(h.note) ? { note: h.note as string } : {}) }]
            : []
        })
      : []
    const s: PlannedSource = {
      key: newId(),
      stixId: o.id,
      name: clip(name.replace(/\s+/g, ' ').trim(), LIMITS.name),
      reliability,
      history: history.length > 0 ? history : [{ grade: reliability, at: created(o) }],
    }
    sources.push(s)
    sourceByStix.set(o.id, s)
  }

  // Entities, one per Casefile id (from the extension) or per kind and name.
  const entities: PlannedEntity[] = []
  const entityByKey = new Map<string, PlannedEntity>()
  const entityByStix = new Map<string, PlannedEntity>()
  for (const o of all) {
    if (sourceByStix.has(o.id)) continue
    if (o.type === 'identity' && o.identity_class === 'system' && !extOf(o).casefile_kind) {
      skip(o, 'a system identity (the tool that produced the bundle)')
      continue
    }
    const kind = entityKind(o)
    if (!kind) continue
    const name = entityName(o)
    if (!name) {
      skip(o, 'no name')
      continue
    }
    const ext = extOf(o)
    const aliases = [...strs(ext.aliases), ...strs(o.aliases), ...strs(o.x_opencti_aliases)]
    const dedupe =
      typeof ext.casefile_id === 'string'
        ? `cf:${ext.casefile_id}`
        : `${kind}:${normaliseName(name)}`
    let e = entityByKey.get(dedupe)
    if (!e) {
      e = {
        key: newId(),
        stixIds: [],
        kind,
        name: clip(name, LIMITS.name),
        aliases: [],
        description: str(o.description) ? clip(o.description as string, LIMITS.long) : undefined,
      }
      if (typeof ext.casefile_id === 'string') {
        const same = caseEntities.find((c) => c.id === ext.casefile_id)
        if (same)
          e.match = {
            id: same.id,
            name: same.name,
            kind: same.kind,
            reason: 'same Casefile entity',
          }
      }
      entityByKey.set(dedupe, e)
      entities.push(e)
    }
    e.stixIds.push(o.id)
    for (const a of aliases)
      if (a !== e.name && !e.aliases.includes(a) && e.aliases.length < LIMITS.smallList)
        e.aliases.push(clip(a, LIMITS.name))
    entityByStix.set(o.id, e)
  }
  // Matches against the case's entities, by name and alias (same kind first).
  const caseByName = new Map<string, EntityRecord[]>()
  for (const c of caseEntities)
    for (const n of [c.name, ...c.aliases]) {
      const k = normaliseName(n)
      if (k) caseByName.set(k, [...(caseByName.get(k) ?? []), c])
    }
  for (const e of entities) {
    if (e.match) continue
    for (const n of [e.name, ...e.aliases]) {
      const found = caseByName.get(normaliseName(n)) ?? []
      const best = found.find((c) => c.kind === e.kind) ?? found[0]
      if (best) {
        e.match = {
          id: best.id,
          name: best.name,
          kind: best.kind,
          reason: n === e.name ? 'same name' : `alias “${n}”`,
        }
        break
      }
    }
  }

  // Documents from reports.
  const hashes = new Map(caseDocs.map((d) => [d.textHash, d.id]))
  const documents: PlannedDocument[] = []
  const docByStix = new Map<string, PlannedDocument>()
  const planned = new Map<string, PlannedDocument>()
  for (const o of all) {
    if (o.type !== 'report') continue
    const ext = extOf(o)
    if (ext.casefile_kind === 'briefing') {
      skip(o, 'a Casefile briefing: its key judgements come in as notes, its events as events')
      continue
    }
    const title = str(o.name) ?? 'Untitled report'
    const text = reportText(o) ?? title
    const textHash = await sha256Hex(text)
    const refs = Array.isArray(o.external_references)
      ? (o.external_references as Record<string, unknown>[])
      : []
    const url = str(ext.url) ?? refs.map((r) => str(r.url)).find((u) => u)
    const published = ext.published_unknown === true ? undefined : stixTimeMs(o.published)
    const source =
      typeof o.created_by_ref === 'string' ? sourceByStix.get(o.created_by_ref) : undefined
    const twin = planned.get(textHash)
    if (twin) {
      docByStix.set(o.id, twin)
      skip(o, `the same text as “${twin.meta.title}”`)
      continue
    }
    const precision = ext.published_precision
    const d: PlannedDocument = {
      key: newId(),
      stixId: o.id,
      text,
      meta: {
        title: clip(title, LIMITS.name),
        ...(str(ext.author) ? { author: clip(ext.author as string, LIMITS.name) } : {}),
        ...(url ? { url: clip(url, LIMITS.url) } : {}),
        ...(published !== undefined ? { publishedAt: published } : {}),
        ...(published !== undefined && (precision === 'day' || precision === 'minute')
          ? { publishedPrecision: precision }
          : published !== undefined
            ? { publishedPrecision: precisionOf(published) === 'day' ? 'day' : 'minute' }
            : {}),
        ...(str(ext.time_zone) ? { timeZone: ext.time_zone as string } : {}),
        ...(str(o.lang) ? { language: clip(o.lang as string, LIMITS.short) } : {}),
        textHash,
        mime: str(ext.mime) ? clip(ext.mime as string, LIMITS.short) : 'text/plain',
        fileName: clip(str(ext.file_name) ?? `${title}.txt`, LIMITS.name),
        fileSize: new TextEncoder().encode(text).byteLength,
        importer: importerOf(ext.importer),
        importerVersion: clip(str(ext.importer_version) ?? 'stix-2.1', LIMITS.short),
        ...(Array.isArray(ext.page_starts) &&
        ext.page_starts.every((n) => Number.isInteger(n) && n >= 0 && n <= text.length)
          ? { pageStarts: ext.page_starts as number[] }
          : {}),
        warnings: [
          ...strs(ext.warnings).slice(0, 50),
          reportText(o)
            ? 'Imported from a STIX bundle.'
            : 'Imported from a STIX bundle that carried no text: the text is the report\u2019s name.',
        ].map((w) => clip(w, LIMITS.name)),
      },
      ...(source ? { sourceKey: source.key } : {}),
      ...(hashes.has(textHash) ? { existingId: hashes.get(textHash) } : {}),
    }
    planned.set(textHash, d)
    documents.push(d)
    docByStix.set(o.id, d)
  }

  // Events from incidents.
  const events: PlannedEvent[] = []
  const eventByStix = new Map<string, PlannedEvent>()
  for (const o of all) {
    if (o.type !== 'incident') continue
    const ext = extOf(o)
    const ev: PlannedEvent = {
      key: newId(),
      stixId: o.id,
      title: clip(str(o.name) ?? 'Untitled incident', LIMITS.name),
      type: eventType(o),
      initiators: [],
      targets: [],
      places: [],
      when: timeFromExt(ext.when) ?? timeFromRange(o.first_seen, o.last_seen),
      confidence: credibility(o),
      notes: str(o.description) ? clip(o.description as string, LIMITS.long) : undefined,
      evidence: [],
      createdAt: created(o),
    }
    events.push(ev)
    eventByStix.set(o.id, ev)
  }

  // Relationships: roles in events, or relations between entities.
  const relations: PlannedRelation[] = []
  const relationByStix = new Map<string, PlannedRelation>()
  const rels = all
    .filter((o) => o.type === 'relationship')
    .sort((a, b) => Number(extOf(a).position ?? 0) - Number(extOf(b).position ?? 0))
  for (const o of rels) {
    const type = str(o.relationship_type) ?? 'related-to'
    const src = str(o.source_ref)
    const dst = str(o.target_ref)
    if (!src || !dst) {
      skip(o, 'no source_ref or target_ref')
      continue
    }
    const ext = extOf(o)
    const ev = eventByStix.get(src) ?? eventByStix.get(dst)
    if (ev) {
      const other = entityByStix.get(eventByStix.has(src) ? dst : src)
      if (!other) {
        skip(o, `links the incident to ${eventByStix.has(src) ? dst : src}, which is not imported`)
        continue
      }
      const role = str(ext.casefile_kind)
      const list =
        role === 'event-initiator' || (!role && type === 'attributed-to')
          ? ev.initiators
          : role === 'event-target' || (!role && type === 'targets')
            ? ev.targets
            : role === 'event-place' || other.kind === 'location' || type === 'located-at'
              ? ev.places
              : ev.targets
      if (!list.includes(other.key)) list.push(other.key)
      continue
    }
    const from = entityByStix.get(src)
    const to = entityByStix.get(dst)
    if (!from || !to) {
      skip(o, 'one of its ends is not imported')
      continue
    }
    if (from === to) {
      if (ext.casefile_kind !== 'state-location') skip(o, 'both ends are the same entity')
      continue
    }
    const relType =
      str(ext.relation_type) ?? (type === 'related-to' ? (str(o.description) ?? type) : type)
    const r: PlannedRelation = {
      key: newId(),
      stixId: o.id,
      from: from.key,
      to: to.key,
      type: clip(relType, LIMITS.short),
      directed: typeof ext.directed === 'boolean' ? ext.directed : type !== 'related-to',
      when: timeFromExt(ext.when) ?? timeFromRange(o.start_time, o.stop_time),
      evidence: [],
      createdAt: created(o),
    }
    relations.push(r)
    relationByStix.set(o.id, r)
  }

  // Notes: passages anchored in their document, or paragraphs of the notes document.
  const passages: PlannedPassage[] = []
  const loose: {
    o: StixObject
    heading: string
    body: string
    refs: string[]
    evidence: boolean
  }[] = []
  const eventByCasefileId = new Map<string, PlannedEvent>()
  for (const o of all)
    if (o.type === 'incident' && typeof extOf(o).casefile_id === 'string')
      eventByCasefileId.set(extOf(o).casefile_id as string, eventByStix.get(o.id)!)
  const entityByCasefileId = new Map<string, PlannedEntity>()
  for (const o of all) {
    const e = entityByStix.get(o.id)
    if (e && typeof extOf(o).casefile_id === 'string')
      entityByCasefileId.set(extOf(o).casefile_id as string, e)
  }
  const kinds: AnnotationKind[] = ['actor', 'location', 'event', 'claim', 'note']
  /** Ties a passage to what its note refers to; opinions and assessments are no evidence. */
  const link = (
    p: PlannedPassage,
    refs: string[],
    ext: Record<string, unknown>,
    evidence = true,
  ) => {
    const evs = refs.map((r) => eventByStix.get(r)).filter((e): e is PlannedEvent => !!e)
    const ents = refs.map((r) => entityByStix.get(r)).filter((e): e is PlannedEntity => !!e)
    if (!evidence) {
      if (evs.length === 1) p.eventKey = evs[0]!.key
      if (ents[0]) p.entityKey = ents[0].key
      return
    }
    for (const ev of evs) if (!ev.evidence.includes(p.key)) ev.evidence.push(p.key)
    for (const r of refs) {
      const rel = relationByStix.get(r)
      if (rel && !rel.evidence.includes(p.key)) rel.evidence.push(p.key)
    }
    const extEvent =
      typeof ext.event_id === 'string' ? eventByCasefileId.get(ext.event_id) : undefined
    const extEntity =
      typeof ext.entity_id === 'string' ? entityByCasefileId.get(ext.entity_id) : undefined
    if (ext.casefile_kind === 'passage') {
      if (extEvent) p.eventKey = extEvent.key
      if (extEntity) p.entityKey = extEntity.key
    } else {
      if (evs.length === 1 && p.kind === 'event') p.eventKey = evs[0]!.key
      if (ents[0]) p.entityKey = ents[0].key
    }
  }
  for (const o of all) {
    if (o.type === 'note' || o.type === 'opinion') {
      const ext = extOf(o)
      const refs = strs(o.object_refs)
      if (o.type === 'opinion') {
        const body = str(o.explanation) ?? ''
        loose.push({
          o,
          heading: `Opinion (${str(o.opinion) ?? 'no opinion given'})`,
          body,
          refs,
          evidence: false,
        })
        continue
      }
      const content = str(o.content)
      if (!content) {
        skip(o, 'a note without content')
        continue
      }
      const isJudgement =
        ext.casefile_kind === 'judgement' || strs(o.note_types).includes('assessment')
      if (isJudgement) {
        const likelihood = str(ext.likelihood_term) ?? likelihoodOf(o.likelihood)
        const conf = str(ext.judgement_confidence) ?? judgementConfidenceOf(o.confidence)
        const heading = `Assessment${likelihood ? ` (${likelihood}, ${conf} confidence)` : ''}`
        loose.push({ o, heading, body: content, refs, evidence: false })
        continue
      }
      const doc = refs.map((r) => docByStix.get(r)).find((d) => d)
      const sel = Array.isArray(ext.selectors) ? (ext.selectors as Record<string, unknown>[]) : []
      const quote = sel.find((s) => s.type === 'TextQuoteSelector')
      const pos = sel.find((s) => s.type === 'TextPositionSelector')
      let start = -1
      if (doc) {
        const t = doc.text
        const ps = pos?.start
        const pe = pos?.end
        if (typeof ps === 'number' && typeof pe === 'number' && t.slice(ps, pe) === content)
          start = ps
        else {
          const prefix = typeof quote?.prefix === 'string' ? quote.prefix : ''
          const at = prefix ? t.indexOf(prefix + content) : -1
          start = at >= 0 ? at + prefix.length : t.indexOf(content)
        }
      }
      if (!doc || start < 0) {
        loose.push({ o, heading: str(o.abstract) ?? 'Note', body: content, refs, evidence: true })
        continue
      }
      const kind = kinds.includes(ext.annotation_kind as AnnotationKind)
        ? (ext.annotation_kind as AnnotationKind)
        : 'note'
      const end = start + content.length
      const p: PlannedPassage = {
        key: newId(),
        stixId: o.id,
        docKey: doc.key,
        start,
        end,
        exact: content,
        prefix: doc.text.slice(Math.max(0, start - 32), start),
        suffix: doc.text.slice(end, end + 32),
        kind,
        ...(str(ext.note) ? { note: clip(ext.note as string, LIMITS.long) } : {}),
        ...(credibility(o) ? { credibility: credibility(o) } : {}),
        createdAt: created(o),
      }
      link(p, refs, ext)
      passages.push(p)
    } else if (!MAPPED_TYPES.has(o.type)) {
      skip(o, SUPPORTED_NOTHING[o.type] ?? `Casefile has no ${o.type} records`)
    }
  }
  if (loose.length > 0) {
    let text = ''
    const parts: {
      o: StixObject
      start: number
      end: number
      refs: string[]
      evidence: boolean
    }[] = []
    for (const l of loose) {
      if (text) text += '\n\n'
      text += `${l.heading}: `
      const start = text.length
      text += l.body || '(no text)'
      parts.push({ o: l.o, start, end: text.length, refs: l.refs, evidence: l.evidence })
    }
    const title = `Notes from STIX bundle${bundleId ? ` ${bundleId}` : ''}`
    const d: PlannedDocument = {
      key: newId(),
      text,
      meta: {
        title: clip(title, LIMITS.name),
        textHash: await sha256Hex(text),
        mime: 'text/plain',
        fileName: 'stix-notes.txt',
        fileSize: new TextEncoder().encode(text).byteLength,
        importer: 'text',
        importerVersion: 'stix-2.1',
        warnings: ['Notes, opinions and assessments of a STIX bundle, one paragraph each.'],
      },
    }
    const existing = hashes.get(d.meta.textHash)
    if (existing) d.existingId = existing
    documents.push(d)
    for (const part of parts) {
      const ext = extOf(part.o)
      const p: PlannedPassage = {
        key: newId(),
        stixId: part.o.id,
        docKey: d.key,
        start: part.start,
        end: part.end,
        exact: text.slice(part.start, part.end),
        prefix: text.slice(Math.max(0, part.start - 32), part.start),
        suffix: text.slice(part.end, part.end + 32),
        kind: 'note',
        ...(credibility(part.o) ? { credibility: credibility(part.o) } : {}),
        createdAt: created(part.o),
      }
      link(p, part.refs, ext, part.evidence)
      passages.push(p)
    }
  }
  return {
    caseId,
    ...(bundleId ? { bundleId } : {}),
    counts,
    sources,
    documents,
    entities,
    events,
    relations,
    passages,
    skipped,
  }
}

// ---------------------------------------------------------------------------------------
// Writing the plan

/** The tables an import writes records into. */
type ImportTable =
  'sources' | 'entities' | 'documents' | 'texts' | 'events' | 'relations' | 'annotations'

/**
 * Writes a plan into its case in one transaction, as one undoable action ("Import STIX
 * bundle"): documents and their texts, sources, new entities (matched ones merged unless kept
 * apart), events, relations and passages. Either all of it is stored or, on any failure,
 * none. Throws StoreError (NOT_FOUND when the case is gone, INVALID when a record fails its
 * schema).
 */
export async function applyStixImport(
  db: CasefileDB,
  caseId: string,
  plan: StixImportPlan,
  choices: StixImportChoices = {},
): Promise<StixImportReport> {
  if (plan.caseId !== caseId)
    throw new StoreError('INVALID', 'This import was planned for another case.')
  const keepApart = new Set(choices.keepApart ?? [])
  const objects = Object.values(plan.counts).reduce((n, c) => n + c, 0)
  const action = `Import STIX bundle (${objects} objects)`
  return recordAction(
    db,
    caseId,
    action,
    ['cases', 'sources', 'documents', 'texts', 'annotations', 'entities', 'events', 'relations'],
    async (record, flush) => {
      if (!(await db.cases.get(caseId)))
        throw new StoreError('NOT_FOUND', 'That case no longer exists.')
      const now = Date.now()
      const fail = (what: string, issue: unknown): never => {
        throw new StoreError('INVALID', `The bundle's ${what} cannot be stored: ${String(issue)}`)
      }
      // Each table's records go to the database as soon as they are made and checked (one bulk
      // write per table, with its change-log entries queued behind it), so the database stores
      // them while the next table's records are made. All in this one transaction: a record
      // that fails its check later aborts it, and nothing is stored.
      const writes: Promise<unknown>[] = []
      const store = <T extends { id: string }>(table: ImportTable, rows: T[]) => {
        if (rows.length === 0) return
        const written = (db[table] as unknown as { bulkAdd(rows: T[]): Promise<unknown> }).bulkAdd(
          rows,
        )
        written.catch(() => undefined) // awaited below; a failure aborts the transaction
        writes.push(written)
        for (const r of rows) record({ op: 'create', table, recordId: r.id, after: r })
        writes.push(flush())
      }

      // Sources: the case's own by name, else new.
      const caseSources = await db.sources.where({ caseId }).toArray()
      const sourceId = new Map<string, string>()
      const newSources: SourceRecord[] = []
      for (const s of plan.sources) {
        const same = caseSources.find((c) => c.name.toLowerCase() === s.name.toLowerCase())
        if (same) {
          sourceId.set(s.key, same.id)
          continue
        }
        const rec: SourceRecord = {
          id: newId(),
          caseId,
          name: s.name,
          reliability: s.reliability,
          history: s.history,
          createdAt: now,
        }
        sourceId.set(s.key, rec.id)
        newSources.push(rec)
        caseSources.push(rec)
      }

      // Entities: merged into the case's where the analyst agreed and it still exists.
      const entityId = new Map<string, string>()
      const merged: StixImportReport['merged'] = []
      const newEntities: EntityRecord[] = []
      const stillThere = new Set((await db.entities.where({ caseId }).primaryKeys()) as string[])
      for (const e of plan.entities) {
        if (e.match && !keepApart.has(e.key) && stillThere.has(e.match.id)) {
          entityId.set(e.key, e.match.id)
          merged.push({ name: e.name, into: e.match.name })
          continue
        }
        const rec: EntityRecord = {
          id: newId(),
          caseId,
          kind: e.kind,
          name: e.name,
          aliases: e.aliases,
          ...(e.description ? { description: e.description } : {}),
          createdAt: now,
        }
        const ok = entitySchema.safeParse(rec)
        if (!ok.success) fail(`entity “${e.name}”`, ok.error.issues[0]?.message)
        entityId.set(e.key, rec.id)
        newEntities.push(rec)
      }

      // Documents (a text the case already has is not stored twice).
      const docId = new Map<string, string>()
      const docHash = new Map<string, string>()
      const metas: DocumentMeta[] = []
      const texts: { id: string; caseId: string; text: string }[] = []
      let duplicates = 0
      for (const d of plan.documents) {
        if (d.existingId && (await db.documents.get(d.existingId))) {
          docId.set(d.key, d.existingId)
          docHash.set(d.key, d.meta.textHash)
          duplicates++
          continue
        }
        const sid = d.sourceKey ? sourceId.get(d.sourceKey) : undefined
        const meta: DocumentMeta = {
          ...d.meta,
          id: newId(),
          caseId,
          ...(sid ? { sourceId: sid } : {}),
          importedAt: now,
        }
        const ok = documentMetaSchema.safeParse(meta)
        if (!ok.success) fail(`report “${d.meta.title}”`, ok.error.issues[0]?.message)
        docId.set(d.key, meta.id)
        docHash.set(d.key, meta.textHash)
        metas.push(meta)
        texts.push({ id: meta.id, caseId, text: d.text })
      }
      store('sources', newSources)
      store('entities', newEntities)
      store('documents', metas)
      store('texts', texts)

      // Events, relations and passages, with keys turned into ids.
      const passageId = new Map(plan.passages.map((p) => [p.key, newId()]))
      const eventId = new Map(plan.events.map((e) => [e.key, newId()]))
      const ids = (keys: string[], map: Map<string, string>) => [
        ...new Set(keys.map((k) => map.get(k)).filter((x): x is string => !!x)),
      ]
      const events: EventRecord[] = plan.events.map((e) => {
        const rec: EventRecord = {
          id: eventId.get(e.key)!,
          caseId,
          title: e.title,
          type: e.type,
          initiators: ids(e.initiators, entityId),
          targets: ids(e.targets, entityId),
          ...(e.places.length ? { locationIds: ids(e.places, entityId) } : {}),
          ...(e.when ? { when: e.when } : {}),
          evidence: ids(e.evidence, passageId),
          ...(e.confidence ? { confidence: e.confidence } : {}),
          ...(e.notes ? { notes: e.notes } : {}),
          createdAt: e.createdAt,
          updatedAt: now,
        }
        const ok = eventSchema.safeParse(rec)
        if (!ok.success) fail(`incident “${e.title}”`, ok.error.issues[0]?.message)
        return rec
      })
      store('events', events)
      const relations: RelationRecord[] = plan.relations.flatMap((r) => {
        const from = entityId.get(r.from)
        const to = entityId.get(r.to)
        if (!from || !to || from === to) return []
        const rec: RelationRecord = {
          id: newId(),
          caseId,
          from,
          to,
          type: r.type,
          directed: r.directed,
          evidence: ids(r.evidence, passageId),
          ...(r.when ? { when: r.when } : {}),
          createdAt: r.createdAt,
        }
        const ok = relationSchema.safeParse(rec)
        if (!ok.success) fail(`relationship ${r.stixId}`, ok.error.issues[0]?.message)
        return [rec]
      })
      store('relations', relations)
      const annotations: AnnotationRecord[] = plan.passages.map((p) => {
        const rec: AnnotationRecord = {
          id: passageId.get(p.key)!,
          caseId,
          docId: docId.get(p.docKey)!,
          start: p.start,
          end: p.end,
          exact: p.exact,
          prefix: p.prefix,
          suffix: p.suffix,
          textHash: docHash.get(p.docKey)!,
          kind: p.kind,
          ...(p.entityKey && entityId.get(p.entityKey)
            ? { entityId: entityId.get(p.entityKey) }
            : {}),
          ...(p.eventKey && eventId.get(p.eventKey) ? { eventId: eventId.get(p.eventKey) } : {}),
          ...(p.note ? { note: p.note } : {}),
          ...(p.credibility ? { credibility: p.credibility } : {}),
          createdAt: p.createdAt,
        }
        const ok = annotationSchema.safeParse(rec)
        if (!ok.success) fail(`note ${p.stixId}`, ok.error.issues[0]?.message)
        return rec
      })
      store('annotations', annotations)
      await Promise.all(writes)
      await db.cases.update(caseId, { updatedAt: now })
      return {
        documents: metas.length,
        duplicateDocuments: duplicates,
        sources: newSources.length,
        entities: newEntities.length,
        merged,
        events: events.length,
        relations: relations.length,
        passages: annotations.length,
        skipped: plan.skipped,
        action,
      }
    },
  )
}
