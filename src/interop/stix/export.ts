/**
 * Casefile case → STIX 2.1 bundle. A pure function of a `CaseSnapshot`: the whole case (a
 * `grouping`, each briefing a `report`) or one briefing's selection (its `report` with its
 * events, their evidence, actors, documents and sources). The mapping follows what OpenCTI and
 * MISP import well (docs/stix-mapping.md has the table): sources → `identity` with
 * `x_opencti_reliability`, documents → `report`, people and organisations → `identity`,
 * groups → `threat-actor`, states → country `location` (+ a nation-state `threat-actor` where
 * the state acts), places → `location`, events → `incident` with `attributed-to` / `targets` /
 * `related-to` relationships, relations → `relationship`, passages → `note` (the exact quote),
 * key judgements → `note` (`assessment`), handling → the spec's TLP markings. What STIX cannot
 * hold goes in one property extension on each object. Ids are UUIDv5 of Casefile ids, so an
 * export repeated gives the same objects; only `modified` (the export time) moves.
 */
import type {
  AnnotationRecord,
  BriefingRecord,
  DocumentRecord,
  EntityRecord,
  EventRecord,
  RelationRecord,
  SourceRecord,
  TimeValue,
} from '../../domain/types'
import { eventPlaceIds } from '../../domain/event-places'
import type { CaseSnapshot } from '../snapshot'
import type { StixBundle, StixExportOptions, StixObject, TlpLevel } from './types'
import {
  CASEFILE_EXTENSION_DEFINITION,
  CASEFILE_EXTENSION_ID,
  CASEFILE_IDENTITY,
  CASEFILE_IDENTITY_ID,
  confidenceOf,
  countryCode,
  JUDGEMENT_CONFIDENCE,
  LIKELIHOOD_PERCENT,
  RELIABILITY_LABELS,
  stixId,
  stixTime,
  strictestTlp,
  TLP_IDS,
  tlpFromHandling,
  tlpMarking,
} from './vocab'

export type { StixBundle, StixExportOptions, StixObject } from './types'

/** Thrown when the export cannot be made (e.g. the briefing is not in the case). */
export class StixExportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StixExportError'
  }
}

/** Drops undefined values, empty strings and empty arrays (STIX lists need ≥ 1 item). */
function clean<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {}
  for (const k in o) {
    const v = o[k]
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue
    out[k] = v
  }
  return out as T
}

/**
 * A TimeValue as JSON with ISO timestamps (the extension's `when`); `time` turns ms into a
 * timestamp (`stixTime`, or an export's remembering copy of it).
 */
export function timeToJson(
  t: TimeValue,
  time: (ms: number) => string = stixTime,
): Record<string, unknown> {
  return clean({
    start: time(t.start),
    end: t.end === undefined ? undefined : time(t.end),
    precision: t.precision,
    approximate: t.approximate,
    earliest: t.earliest === undefined ? undefined : time(t.earliest),
    latest: t.latest === undefined ? undefined : time(t.latest),
    resolved_from: t.resolvedFrom
      ? clean({
          text: t.resolvedFrom.text,
          reference:
            t.resolvedFrom.reference === undefined ? undefined : time(t.resolvedFrom.reference),
          rule: t.resolvedFrom.rule,
        })
      : undefined,
    zone: t.zone,
  })
}

/** The records an export covers. */
interface Selection {
  sources: SourceRecord[]
  documents: DocumentRecord[]
  annotations: AnnotationRecord[]
  entities: EntityRecord[]
  events: EventRecord[]
  relations: RelationRecord[]
  briefings: BriefingRecord[]
}

function select(snapshot: CaseSnapshot, briefingId: string | undefined): Selection {
  if (briefingId === undefined) return snapshot
  const briefing = snapshot.briefings.find((b) => b.id === briefingId)
  if (!briefing) throw new StixExportError('That briefing is not in this case.')
  const eventIds = new Set([
    ...briefing.eventIds,
    ...briefing.judgements.flatMap((j) => j.eventIds),
  ])
  const events = snapshot.events.filter((e) => eventIds.has(e.id))
  const evidence = new Set(events.flatMap((e) => e.evidence))
  const annotations = snapshot.annotations.filter((a) => evidence.has(a.id))
  const entityIds = new Set(
    events.flatMap((e) => [...e.initiators, ...e.targets, ...eventPlaceIds(e)]),
  )
  const docIds = new Set(annotations.map((a) => a.docId))
  const documents = snapshot.documents.filter((d) => docIds.has(d.id))
  const sourceIds = new Set(documents.map((d) => d.sourceId))
  return {
    sources: snapshot.sources.filter((s) => sourceIds.has(s.id)),
    documents,
    annotations,
    entities: snapshot.entities.filter((e) => entityIds.has(e.id)),
    events,
    relations: [],
    briefings: [briefing],
  }
}

/**
 * Exports a case, or one briefing's selection, as a STIX 2.1 bundle. Throws StixExportError
 * when `briefingId` names no briefing of the case.
 */
export function exportStixBundle(
  snapshot: CaseSnapshot,
  options: StixExportOptions = {},
): StixBundle {
  const now = (options.now ?? new Date()).getTime()
  const nowIso = stixTime(now)
  const sel = select(snapshot, options.briefingId)
  const tlp: TlpLevel | undefined = strictestTlp(
    sel.briefings.map((b) => tlpFromHandling(b.handling)),
  )
  const markingRefs = tlp ? [TLP_IDS[tlp]] : undefined
  const objects: StixObject[] = []

  const times = new Map<number, string>()
  /** `stixTime`, remembered: many records share a time (an event's appears up to 7 times). */
  const time = (ms: number): string => {
    let t = times.get(ms)
    if (t === undefined) times.set(ms, (t = stixTime(ms)))
    return t
  }
  const keep = (v: unknown) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)

  /** The common properties of an SDO/SRO, with Casefile's extension (empty values left out). */
  const base = (
    type: string,
    id: string,
    createdMs: number,
    ext: Record<string, unknown>,
    fields: Record<string, unknown>,
  ): StixObject => {
    const o: StixObject = {
      type,
      spec_version: '2.1',
      id,
      created: time(createdMs),
      modified: createdMs <= now ? nowIso : time(createdMs),
    }
    for (const k in fields) if (keep(fields[k])) o[k] = fields[k]
    if (markingRefs) o.object_marking_refs = markingRefs
    const e: Record<string, unknown> = { extension_type: 'property-extension' }
    for (const k in ext) if (keep(ext[k])) e[k] = ext[k]
    o.extensions = { [CASEFILE_EXTENSION_ID]: e }
    return o
  }

  // Which states act (initiate an event or take part in a relation): they get a threat-actor.
  const acting = new Set<string>([
    ...sel.events.flatMap((e) => e.initiators),
    ...sel.relations.flatMap((r) => [r.from, r.to]),
  ])
  const entityById = new Map(snapshot.entities.map((e) => [e.id, e]))
  const selectedEntities = new Set(sel.entities.map((e) => e.id))

  /** Each entity's STIX ids as actor, target and place, worked out once per export. */
  const refs = new Map<string, { actor?: string; target?: string; place?: string }>()
  /** The STIX object an entity stands for in `role`. */
  const entityRef = (id: string, role: 'actor' | 'target' | 'place'): string | undefined => {
    let known = refs.get(id)
    if (!known) refs.set(id, (known = {}))
    if (role in known) return known[role]
    return (known[role] = entityRefOf(id, role))
  }
  const entityRefOf = (id: string, role: 'actor' | 'target' | 'place'): string | undefined => {
    const e = entityById.get(id)
    if (!e || !selectedEntities.has(id)) return undefined
    switch (e.kind) {
      case 'person':
      case 'organisation':
      case 'other':
        return stixId('identity', e.id)
      case 'group':
        return stixId('threat-actor', e.id)
      case 'state':
        return role === 'actor' && acting.has(e.id)
          ? stixId('threat-actor', e.id)
          : stixId('location', e.id)
      case 'location':
        return stixId('location', e.id)
    }
  }

  // Sources → identity (organisation) with OpenCTI's reliability.
  for (const s of sel.sources) {
    objects.push(
      base(
        'identity',
        stixId('identity', s.id),
        s.createdAt,
        {
          casefile_id: s.id,
          casefile_kind: 'source',
          reliability: s.reliability,
          reliability_history: s.history.map((h) =>
            clean({ grade: h.grade, at: time(h.at), note: h.note }),
          ),
        },
        {
          name: s.name,
          identity_class: 'organization',
          x_opencti_reliability: RELIABILITY_LABELS[s.reliability],
        },
      ),
    )
  }

  // Entities.
  for (const e of sel.entities) {
    const ext = {
      casefile_id: e.id,
      casefile_kind: e.kind,
      aliases: e.aliases,
    }
    const common = { name: e.name, description: e.description }
    if (e.kind === 'person' || e.kind === 'organisation' || e.kind === 'other') {
      objects.push(
        base('identity', stixId('identity', e.id), e.createdAt, ext, {
          ...common,
          identity_class:
            e.kind === 'person'
              ? 'individual'
              : e.kind === 'organisation'
                ? 'organization'
                : 'unknown',
          x_opencti_aliases: e.aliases,
        }),
      )
    } else if (e.kind === 'group') {
      objects.push(
        base('threat-actor', stixId('threat-actor', e.id), e.createdAt, ext, {
          ...common,
          aliases: e.aliases,
        }),
      )
    } else {
      // A state is a country; a place is a location (a country when its name is one).
      const code = countryCode(e.name) ?? e.aliases.map(countryCode).find((c) => c)
      const where =
        e.kind === 'state'
          ? { country: code ?? e.name, x_opencti_location_type: 'Country' }
          : code
            ? { country: code, x_opencti_location_type: 'Country' }
            : { region: 'unknown', x_opencti_location_type: 'Position' }
      objects.push(
        base('location', stixId('location', e.id), e.createdAt, ext, {
          ...common,
          ...where,
          x_opencti_aliases: e.aliases,
        }),
      )
      if (e.kind === 'state' && acting.has(e.id)) {
        objects.push(
          base('threat-actor', stixId('threat-actor', e.id), e.createdAt, ext, {
            ...common,
            threat_actor_types: ['nation-state'],
            aliases: e.aliases,
          }),
          base(
            'relationship',
            stixId('relationship', `${e.id}:located-at`),
            e.createdAt,
            { casefile_id: e.id, casefile_kind: 'state-location' },
            {
              relationship_type: 'located-at',
              source_ref: stixId('threat-actor', e.id),
              target_ref: stixId('location', e.id),
            },
          ),
        )
      }
    }
  }

  /** `map`'s list at `key`, made when missing. */
  const listAt = <K, V>(map: Map<K, V[]>, key: K): V[] => {
    let list = map.get(key)
    if (!list) map.set(key, (list = []))
    return list
  }
  // Which events and relations each passage evidences.
  const eventsByPassage = new Map<string, string[]>()
  for (const ev of sel.events) for (const a of ev.evidence) listAt(eventsByPassage, a).push(ev.id)
  const relationsByPassage = new Map<string, string[]>()
  for (const r of sel.relations)
    for (const a of r.evidence) listAt(relationsByPassage, a).push(r.id)
  /** The selected events' incident ids (an event's is asked for by each of its passages). */
  const incidentIds = new Map(sel.events.map((e) => [e.id, stixId('incident', e.id)]))

  /** What each passage evidences, as STIX ids (asked for by its document and its note). */
  const evidencedIds = new Map<string, string[]>()
  const evidenced = (a: AnnotationRecord): string[] => {
    let refs = evidencedIds.get(a.id)
    if (refs) return refs
    refs = []
    if (a.entityId) {
      const ref = entityRef(a.entityId, 'actor')
      if (ref) refs.push(ref)
    }
    const listed = eventsByPassage.get(a.id) ?? []
    const events = listed.length > 1 ? [...new Set(listed)] : listed
    for (const id of events) refs.push(incidentIds.get(id)!)
    if (a.eventId && !events.includes(a.eventId)) {
      const own = incidentIds.get(a.eventId)
      if (own) refs.push(own)
    }
    for (const id of relationsByPassage.get(a.id) ?? []) refs.push(stixId('relationship', id))
    evidencedIds.set(a.id, refs)
    return refs
  }

  // Documents → report.
  const passagesByDoc = new Map<string, AnnotationRecord[]>()
  for (const a of sel.annotations) listAt(passagesByDoc, a.docId).push(a)
  const reportIds = new Map(sel.documents.map((d) => [d.id, stixId('report', d.id)]))
  const sourceById = new Map(sel.sources.map((s) => [s.id, s]))
  for (const d of sel.documents) {
    const source = d.sourceId ? sourceById.get(d.sourceId) : undefined
    const refs = [...new Set((passagesByDoc.get(d.id) ?? []).flatMap(evidenced))]
    objects.push(
      base(
        'report',
        reportIds.get(d.id)!,
        d.importedAt,
        {
          casefile_id: d.id,
          casefile_kind: 'document',
          author: d.author,
          url: d.url,
          mime: d.mime,
          file_name: d.fileName,
          file_size: d.fileSize,
          importer: d.importer,
          importer_version: d.importerVersion,
          imported_at: time(d.importedAt),
          published_unknown: d.publishedAt === undefined ? true : undefined,
          published_precision: d.publishedPrecision,
          time_zone: d.timeZone,
          text_hash: d.textHash,
          page_starts: d.pageStarts,
          warnings: d.warnings,
        },
        {
          name: d.title,
          description: options.includeText === false ? undefined : d.text,
          published: time(d.publishedAt ?? d.importedAt),
          report_types: ['casefile-source-document'],
          created_by_ref: source ? stixId('identity', source.id) : undefined,
          lang: d.language,
          external_references: [
            clean({
              source_name: source?.name ?? 'casefile',
              url: d.url,
              description: 'SHA-256 of the document text as Casefile extracted it (UTF-8)',
              hashes: { 'SHA-256': d.textHash },
            }),
          ],
          object_refs:
            refs.length > 0
              ? refs
              : [source ? stixId('identity', source.id) : CASEFILE_IDENTITY_ID],
        },
      ),
    )
  }

  // Events → incident + relationships to who did it, to whom, and where.
  for (const ev of sel.events) {
    const incident = incidentIds.get(ev.id)!
    const w = ev.when
    const firstSeen = w ? time(w.earliest ?? w.start) : undefined
    objects.push(
      base(
        'incident',
        incident,
        ev.createdAt,
        {
          casefile_id: ev.id,
          casefile_kind: 'event',
          event_type: ev.type,
          when: w ? timeToJson(w, time) : undefined,
          credibility: ev.confidence,
          initiator_ids: ev.initiators,
          target_ids: ev.targets,
          place_ids: eventPlaceIds(ev),
          evidence_ids: ev.evidence,
        },
        {
          name: ev.title,
          description: ev.notes,
          labels: ev.type ? [ev.type] : undefined,
          confidence: confidenceOf(ev.confidence),
          first_seen: firstSeen,
          last_seen: w ? time(w.latest ?? w.end ?? w.start) : undefined,
        },
      ),
    )
    const link = (
      rel: 'attributed-to' | 'targets' | 'related-to',
      role: 'initiator' | 'target' | 'place',
      entityId: string,
      order: number,
    ) => {
      const target = entityRef(
        entityId,
        role === 'initiator' ? 'actor' : role === 'target' ? 'target' : 'place',
      )
      if (!target) return
      objects.push(
        base(
          'relationship',
          stixId('relationship', `${ev.id}:${role}:${entityId}`),
          ev.createdAt,
          {
            casefile_id: ev.id,
            casefile_kind: `event-${role}`,
            entity_id: entityId,
            position: order,
          },
          {
            relationship_type: rel,
            description: rel === 'related-to' ? `${ev.type} (place)` : undefined,
            source_ref: incident,
            target_ref: target,
            start_time: firstSeen,
          },
        ),
      )
    }
    ev.initiators.forEach((id, i) => link('attributed-to', 'initiator', id, i))
    ev.targets.forEach((id, i) => link('targets', 'target', id, i))
    eventPlaceIds(ev).forEach((id, i) => link('related-to', 'place', id, i))
  }

  // Relations → relationship.
  for (const r of sel.relations) {
    const from = entityRef(r.from, 'actor')
    const to = entityRef(r.to, 'actor')
    if (!from || !to) continue
    const w = r.when
    const end = w?.end ?? w?.latest
    objects.push(
      base(
        'relationship',
        stixId('relationship', r.id),
        r.createdAt,
        {
          casefile_id: r.id,
          casefile_kind: 'relation',
          relation_type: r.type,
          directed: r.directed,
          when: w ? timeToJson(w, time) : undefined,
          evidence_ids: r.evidence,
        },
        {
          relationship_type: 'related-to',
          description: r.type,
          source_ref: from,
          target_ref: to,
          start_time: w ? time(w.earliest ?? w.start) : undefined,
          stop_time:
            w && end !== undefined && end > (w.earliest ?? w.start) ? time(end) : undefined,
        },
      ),
    )
  }

  // Passages → note (the exact quote).
  const docById = new Map(sel.documents.map((d) => [d.id, d]))
  for (const a of sel.annotations) {
    const doc = docById.get(a.docId)
    if (!doc) continue
    objects.push(
      base(
        'note',
        stixId('note', a.id),
        a.createdAt,
        {
          casefile_id: a.id,
          casefile_kind: 'passage',
          annotation_kind: a.kind,
          entity_id: a.entityId,
          event_id: a.eventId,
          note: a.note,
          credibility: a.credibility,
          text_hash: a.textHash,
          selectors: [
            { type: 'TextQuoteSelector', exact: a.exact, prefix: a.prefix, suffix: a.suffix },
            { type: 'TextPositionSelector', start: a.start, end: a.end },
          ],
          anchor: a.anchor,
        },
        {
          abstract: `${a.kind} passage in “${doc.title}”`,
          content: a.exact,
          object_refs: [reportIds.get(doc.id)!, ...evidenced(a)],
          confidence: confidenceOf(a.credibility),
          lang: doc.language,
        },
      ),
    )
  }

  // Briefings → report (internal), key judgements → note (assessment).
  for (const b of sel.briefings) {
    const reportId = stixId('report', b.id)
    for (const j of b.judgements) {
      const refs = j.eventIds
        .filter((id) => incidentIds.has(id))
        .map((id) => stixId('incident', id))
      objects.push(
        base(
          'note',
          stixId('note', `${b.id}:${j.id}`),
          b.createdAt,
          {
            casefile_id: j.id,
            casefile_kind: 'judgement',
            briefing_id: b.id,
            likelihood_term: j.likelihood,
            judgement_confidence: j.confidence,
          },
          {
            abstract: `${j.likelihood[0]!.toUpperCase()}${j.likelihood.slice(1)} (${j.confidence} confidence)`,
            content: j.text,
            note_types: ['assessment'],
            likelihood: LIKELIHOOD_PERCENT[j.likelihood],
            confidence: JUDGEMENT_CONFIDENCE[j.confidence],
            authors: b.author ? [b.author] : undefined,
            object_refs: refs.length > 0 ? refs : [reportId],
          },
        ),
      )
    }
  }
  const contentIds = objects.map((o) => o.id)
  for (const b of sel.briefings) {
    const reportId = stixId('report', b.id)
    const eventIds = new Set([...b.eventIds, ...b.judgements.flatMap((j) => j.eventIds)])
    const refs =
      options.briefingId !== undefined
        ? contentIds
        : [
            ...[...eventIds]
              .filter((id) => incidentIds.has(id))
              .map((id) => stixId('incident', id)),
            ...b.judgements.map((j) => stixId('note', `${b.id}:${j.id}`)),
          ]
    const tlpOwn = tlpFromHandling(b.handling)
    objects.push(
      clean({
        ...base(
          'report',
          reportId,
          b.createdAt,
          {
            casefile_id: b.id,
            casefile_kind: 'briefing',
            handling: b.handling,
            sections: b.sections.map((s) => ({ heading: s.heading, body: s.body })),
            event_ids: b.eventIds,
          },
          {
            name: b.title,
            description: b.bluf,
            published: stixTime(b.date ?? b.updatedAt),
            report_types: ['internal-report'],
            created_by_ref: CASEFILE_IDENTITY_ID,
            object_refs: refs.length > 0 ? refs : [CASEFILE_IDENTITY_ID],
          },
        ),
        object_marking_refs: tlpOwn ? [TLP_IDS[tlpOwn]] : markingRefs,
      }) as StixObject,
    )
  }
  if (options.briefingId === undefined) {
    const c = snapshot.case
    objects.push(
      base(
        'grouping',
        stixId('grouping', c.id),
        c.createdAt,
        { casefile_id: c.id, casefile_kind: 'case' },
        {
          name: c.title,
          description: c.description,
          context: 'suspicious-activity',
          created_by_ref: CASEFILE_IDENTITY_ID,
          object_refs: [CASEFILE_IDENTITY_ID, ...objects.map((o) => o.id)],
        },
      ),
    )
  }

  const head: StixObject[] = [CASEFILE_IDENTITY]
  if (options.extensionDefinition !== false) head.push(CASEFILE_EXTENSION_DEFINITION)
  const levels = new Set<TlpLevel>()
  for (const o of objects)
    for (const m of o.object_marking_refs ?? []) {
      const level = (Object.keys(TLP_IDS) as TlpLevel[]).find((l) => TLP_IDS[l] === m)
      if (level) levels.add(level)
    }
  for (const l of levels) head.push(tlpMarking(l))
  return {
    type: 'bundle',
    id: stixId('bundle', `${snapshot.case.id}:${options.briefingId ?? 'case'}:${nowIso}`),
    objects: [...head, ...objects],
  }
}
