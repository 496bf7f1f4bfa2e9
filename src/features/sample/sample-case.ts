/**
 * The built-in sample case (resources/sample-case/): a few short source documents written
 * by the Casefile team, and the analysis an analyst would have made of them. Opening it runs
 * the documents through the real import pipeline and applies the publisher, grade, date and
 * time zone the manifest gives; then it tags the actors, places and claims the manifest
 * lists and creates its events, through the same repositories the UI uses, so that the
 * reader, the timeline, the actor graph and the map have something to show on first open
 * (its fictional places carry made-up coordinates, pinned as the analyst would pin them).
 *
 * The manifest names passages by quote, not by offset: offsets would break whenever an
 * importer's normalisation changes, whereas a quote is found in the stored text as it is
 * now. Every quote, key and time expression is checked before the first tag is written, and
 * a manifest that does not fit its documents fails loudly (the unit test opens the real
 * one) and leaves no half-built case behind. Event times are given as the source words them
 * ("yesterday afternoon") and resolved against that document's publication date, exactly as
 * the event form does.
 */
import { z } from '../../domain/zod'
import { createCase, deleteCase } from '../../db/cases'
import { getDocument, updateDocumentMeta } from '../../db/documents'
import { createEvent } from '../../db/events'
import { clearHistory } from '../../db/history'
import type { CasefileDB } from '../../db/schema'
import { createEntity, tagPassage } from '../../db/tags'
import { EVENT_TYPES } from '../../domain/event-types'
import type { DocumentRecord, TimeValue } from '../../domain/types'
import type { SourceFile } from '../../platform/platform'
import type { ImportReport } from '../../import/import-batch'

/** A local key naming an entity inside the manifest (not stored). */
const key = z.string().regex(/^[A-Za-z][\w-]*$/, 'Expected a key such as "velmora"')
const credibility = z.literal([1, 2, 3, 4, 5, 6])
/** A passage: the `occurrence`-th (0-based) match of `quote` in the stored text of `file`. */
const passage = {
  file: z.string().min(1),
  quote: z.string().min(1),
  occurrence: z.int().nonnegative().optional(),
}

const Manifest = z.object({
  format: z.literal(1),
  title: z.string().min(1),
  description: z.string().optional(),
  documents: z.array(
    z.object({
      file: z.string(),
      publisher: z.string().optional(),
      reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']).optional(),
      publishedAt: z.string().optional(),
      url: z.string().optional(),
      author: z.string().optional(),
      language: z.string().optional(),
      /** IANA zone of the source; relative times in it are read on its wall clock. */
      timeZone: z.string().optional(),
    }),
  ),
  entities: z
    .array(
      z.object({
        id: key,
        name: z.string().min(1),
        kind: z.enum(['state', 'organisation', 'person', 'group', 'location', 'other']),
        aliases: z.array(z.string()).optional(),
        description: z.string().optional(),
        /** Where it is on the map (fictional places get made-up coordinates, pinned). */
        place: z
          .object({
            precision: z.enum(['point', 'near', 'region', 'country']),
            lat: z.number().min(-90).max(90),
            lon: z.number().min(-180).max(180),
            radiusKm: z.number().positive().optional(),
          })
          .optional(),
      }),
    )
    .optional(),
  tags: z
    .array(
      z.object({
        ...passage,
        kind: z.enum(['actor', 'location', 'event', 'claim', 'note']),
        entity: key.optional(),
        credibility: credibility.optional(),
        note: z.string().optional(),
      }),
    )
    .optional(),
  events: z
    .array(
      z.object({
        title: z.string().min(1),
        type: z.string().refine((t) => EVENT_TYPES.some((e) => e.id === t), {
          message: `Expected one of ${EVENT_TYPES.map((e) => e.id).join(', ')}`,
        }),
        initiators: z.array(key),
        targets: z.array(key),
        location: key.optional(),
        /** The time as the source words it, resolved against `file`'s publication date. */
        when: z.object({ expression: z.string().min(1), file: z.string().min(1) }).optional(),
        evidence: z.array(z.object(passage)).min(1),
        confidence: credibility.optional(),
        notes: z.string().optional(),
      }),
    )
    .optional(),
})

/** The sample case's manifest (resources/sample-case/manifest.json), as validated. */
export type SampleManifest = z.infer<typeof Manifest>

/** What opening the sample case produced. */
export interface SampleCaseResult {
  caseId: string
  report: ImportReport
  /** How many entities, tags and events were created after the import. */
  created: { entities: number; tags: number; events: number }
}

const files = import.meta.glob(
  ['../../../resources/sample-case/*.{txt,md,html}', '!../../../resources/sample-case/README.md'],
  {
    query: '?raw',
    import: 'default',
  },
) as Record<string, () => Promise<string>>

/** Creates the sample case from the bundled manifest: documents, entities, tags, events. */
export async function openSampleCase(db: CasefileDB): Promise<SampleCaseResult> {
  const raw = (await import('../../../resources/sample-case/manifest.json')).default
  return openSampleCaseFrom(db, raw)
}

/**
 * Creates a case from `raw`, a manifest over the bundled sample documents. Throws (and
 * deletes the half-built case) when the manifest is invalid, a document fails to import, a
 * quote is not in its document or a time expression does not resolve to one time.
 */
export async function openSampleCaseFrom(db: CasefileDB, raw: unknown): Promise<SampleCaseResult> {
  const manifest = Manifest.parse(raw)
  checkReferences(manifest)
  const sources = await loadSources(manifest)
  const created = await createCase(db, manifest.title, manifest.description)
  try {
    const { importBatch } = await import('../../import/import-batch')
    const byName = new Map(manifest.documents.map((d) => [d.file, d]))
    const report = await importBatch(db, created.id, sources, {
      overrides: (f) => {
        const m = byName.get(f.name)
        if (!m) return undefined
        const at = m.publishedAt ? Date.parse(m.publishedAt) : NaN
        return {
          publisher: m.publisher,
          reliability: m.reliability,
          url: m.url,
          author: m.author,
          language: m.language,
          ...(Number.isFinite(at)
            ? { publishedAt: at, publishedPrecision: 'minute' as const }
            : {}),
        }
      },
    })
    const counts = await applyAnalysis(db, created.id, manifest, report)
    return { caseId: created.id, report, created: counts }
  } catch (e) {
    await deleteCase(db, created.id).catch(() => undefined)
    throw e
  } finally {
    // The sample is where the analyst starts, not eighty-odd steps to undo back through.
    clearHistory(created.id)
  }
}

async function loadSources(manifest: SampleManifest): Promise<SourceFile[]> {
  const sources: SourceFile[] = []
  for (const entry of manifest.documents) {
    const load = Object.entries(files).find(([path]) => path.endsWith(`/${entry.file}`))?.[1]
    if (!load) throw new Error(`The sample case is missing ${entry.file}.`)
    const bytes = new TextEncoder().encode(await load())
    sources.push({
      name: entry.file,
      size: bytes.byteLength,
      type: '',
      read: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    })
  }
  return sources
}

/** Checks what can be checked without the documents: files, keys and roles exist and fit. */
function checkReferences(manifest: SampleManifest): void {
  const fail = (what: string) => {
    throw new Error(`The sample case manifest is inconsistent: ${what}`)
  }
  const fileNames = new Set(manifest.documents.map((d) => d.file))
  const entities = new Map<string, string>()
  for (const e of manifest.entities ?? []) {
    if (entities.has(e.id)) fail(`the entity key “${e.id}” is used twice.`)
    entities.set(e.id, e.kind)
  }
  const file = (name: string, where: string) => {
    if (!fileNames.has(name)) fail(`${where} names ${name}, which is not one of its documents.`)
  }
  const entity = (k: string, where: string) => {
    const kind = entities.get(k)
    if (!kind) fail(`${where} names the entity “${k}”, which the manifest does not define.`)
    return kind
  }
  for (const t of manifest.tags ?? []) {
    const where = `the tag “${t.quote}” in ${t.file}`
    file(t.file, where)
    if (t.entity === undefined) continue
    const isPlace = entity(t.entity, where) === 'location'
    if (t.kind === 'location' && !isPlace) fail(`${where} is a location tag on an actor.`)
    if (t.kind === 'actor' && isPlace) fail(`${where} is an actor tag on a location.`)
  }
  for (const ev of manifest.events ?? []) {
    const where = `the event “${ev.title}”`
    for (const k of [...ev.initiators, ...ev.targets]) {
      if (entity(k, where) === 'location') fail(`${where} has the location “${k}” as an actor.`)
    }
    if (ev.location && entity(ev.location, where) !== 'location')
      fail(`${where} has “${ev.location}”, which is not a location, as its place.`)
    if (ev.when) file(ev.when.file, `${where} (its time)`)
    for (const p of ev.evidence) file(p.file, `${where} (its evidence)`)
  }
}

/** A tag to write: where it is in its document and what it says. */
interface PlannedTag {
  docId: string
  start: number
  end: number
  kind: NonNullable<SampleManifest['tags']>[number]['kind']
  entity?: string
  credibility?: NonNullable<SampleManifest['tags']>[number]['credibility']
  note?: string
}

const passageKey = (p: { file: string; quote: string; occurrence?: number }) =>
  `${p.file}\u0000${p.occurrence ?? 0}\u0000${p.quote}`

/** Offsets of the `occurrence`-th match of `quote` in the document's stored text. */
function locate(doc: DocumentRecord, file: string, quote: string, occurrence = 0) {
  let start = -1
  for (let i = 0; i <= occurrence; i++) {
    start = doc.text.indexOf(quote, start + 1)
    if (start < 0) {
      const which = occurrence > 0 ? ` (occurrence ${occurrence}, counting from 0)` : ''
      throw new Error(`The sample case quotes “${quote}”${which}, which is not in ${file}.`)
    }
  }
  return { start, end: start + quote.length }
}

/**
 * Tags, entities and events of the manifest, applied to the imported documents. Everything
 * is located and resolved first (each document read once), then written.
 */
async function applyAnalysis(
  db: CasefileDB,
  caseId: string,
  manifest: SampleManifest,
  report: ImportReport,
): Promise<SampleCaseResult['created']> {
  const docIds = new Map<string, string>()
  for (const entry of manifest.documents) {
    const line = report.files.find((f) => f.fileName === entry.file)
    if (!line?.docId) {
      const why = line?.error?.message ?? line?.status ?? 'not in the import report'
      throw new Error(`The sample document ${entry.file} was not imported: ${why}`)
    }
    docIds.set(entry.file, line.docId)
  }
  await Promise.all(
    manifest.documents
      .filter((d) => d.timeZone)
      .map((d) => updateDocumentMeta(db, docIds.get(d.file)!, { timeZone: d.timeZone })),
  )
  const docs = new Map<string, DocumentRecord>()
  for (const [file, id] of docIds) {
    const doc = await getDocument(db, id)
    if (!doc) throw new Error(`The sample document ${file} vanished after its import.`)
    docs.set(file, doc)
  }

  // Plan: every quote located, every time resolved, before anything is written.
  const tags = new Map<string, PlannedTag>()
  for (const t of manifest.tags ?? []) {
    const k = passageKey(t)
    if (tags.has(k)) throw new Error(`The sample case tags “${t.quote}” in ${t.file} twice.`)
    const doc = docs.get(t.file)!
    tags.set(k, {
      docId: doc.id,
      ...locate(doc, t.file, t.quote, t.occurrence),
      kind: t.kind,
      entity: t.entity,
      credibility: t.credibility,
      note: t.note,
    })
  }
  const { resolveExpression } = await import('../../domain/time/resolve')
  const events = (manifest.events ?? []).map((ev) => {
    for (const p of ev.evidence) {
      const k = passageKey(p)
      // Evidence that is not one of the listed tags becomes an event tag of its own.
      if (!tags.has(k)) {
        const doc = docs.get(p.file)!
        tags.set(k, { docId: doc.id, ...locate(doc, p.file, p.quote, p.occurrence), kind: 'event' })
      }
    }
    let when: TimeValue | undefined
    if (ev.when) {
      const { expression, file } = ev.when
      const doc = docs.get(file)!
      const what = `The sample event “${ev.title}”: “${expression}” in ${file}`
      // The time must be worded as the source words it, so it must be in the source.
      if (!doc.text.includes(expression)) throw new Error(`${what} is not in the document.`)
      const r = resolveExpression(expression, {
        published: doc.publishedAt,
        publishedPrecision: doc.publishedPrecision,
        timeZone: doc.timeZone ?? 'UTC',
      })
      if (r.status !== 'resolved') {
        const why = r.status === 'unresolvable' ? r.reason : r.explanation
        throw new Error(`${what} does not resolve to one time: ${why}`)
      }
      when = r.value
    }
    return { ev, when }
  })

  // Write, through the repositories the UI uses.
  const entityIds = new Map<string, string>()
  // Loaded here, not with the app's first paint (the sample is opened once, if ever).
  const [{ setEntityPlace }, { pinnedPlace }] = await Promise.all([
    import('../../db/places'),
    import('../../domain/geo/place'),
  ])
  for (const e of manifest.entities ?? []) {
    const { id: local, place, ...input } = e
    const id = (await createEntity(db, caseId, input)).id
    entityIds.set(local, id)
    if (place)
      await setEntityPlace(
        db,
        id,
        pinnedPlace(place.lat, place.lon, Date.now(), place.precision, {
          ...(place.radiusKm === undefined ? {} : { radiusKm: place.radiusKm }),
        }),
      )
  }
  const tagIds = new Map<string, string>()
  for (const [k, t] of tags) {
    const { annotation } = await tagPassage(db, {
      docId: t.docId,
      start: t.start,
      end: t.end,
      kind: t.kind,
      entityId: t.entity === undefined ? undefined : entityIds.get(t.entity),
      credibility: t.credibility,
      note: t.note,
    })
    tagIds.set(k, annotation.id)
  }
  for (const { ev, when } of events) {
    await createEvent(db, caseId, {
      title: ev.title,
      type: ev.type,
      initiators: ev.initiators.map((k) => entityIds.get(k)!),
      targets: ev.targets.map((k) => entityIds.get(k)!),
      ...(ev.location === undefined ? {} : { locationIds: [entityIds.get(ev.location)!] }),
      when,
      evidence: ev.evidence.map((p) => tagIds.get(passageKey(p))!),
      confidence: ev.confidence,
      notes: ev.notes,
    })
  }
  return { entities: entityIds.size, tags: tagIds.size, events: events.length }
}
