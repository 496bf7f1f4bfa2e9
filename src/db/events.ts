/**
 * Event repository: dated happenings between actors, on the evidence of tagged passages.
 * Create, edit, add evidence, delete — each one undoable action. References are checked
 * inside the transaction (actors, location and evidence must belong to the case), so an
 * event never points at something that is not there.
 */
import type {
  AnnotationRecord,
  Credibility,
  EventRecord,
  EvidenceStance,
  TimeValue,
} from '../domain/types'
import { keepStances, withEvidenceAdded, withStances } from '../domain/stance'
import { newId } from './db'
import { StoreError } from './errors'
import { recordAction } from './history'
import type { CasefileDB } from './schema'

/** What the event form produces. */
export interface EventInput {
  title: string
  type: string
  initiators: string[]
  targets: string[]
  /** Where: location entity ids (several places allowed). */
  locationIds?: string[]
  when?: TimeValue
  evidence: string[]
  confidence?: Credibility
  notes?: string
}

function cleanTitle(title: string): string {
  const t = title.replace(/\s+/g, ' ').trim()
  if (!t) throw new StoreError('INVALID', 'An event needs a title.')
  if (t.length > 500) throw new StoreError('INVALID', 'Keep the title under 500 characters.')
  return t
}

async function checkReferences(db: CasefileDB, caseId: string, input: EventInput): Promise<void> {
  const entityIds = [...new Set([...input.initiators, ...input.targets])]
  const entities = await db.entities.bulkGet(entityIds)
  if (entities.some((e) => !e || e.caseId !== caseId)) {
    throw new StoreError('NOT_FOUND', 'An actor of this event is no longer in the case.')
  }
  if (entities.some((e) => e!.kind === 'location')) {
    throw new StoreError('INVALID', 'A location cannot act or be acted on: choose actors.')
  }
  if (input.locationIds?.length) {
    const places = await db.entities.bulkGet(input.locationIds)
    if (places.some((l) => !l || l.caseId !== caseId))
      throw new StoreError('NOT_FOUND', 'A place of this event is no longer in the case.')
  }
  const tags = await db.annotations.bulkGet(input.evidence)
  if (tags.some((a) => !a || a.caseId !== caseId)) {
    throw new StoreError('NOT_FOUND', 'A passage given as evidence is no longer in the case.')
  }
  if (input.when && input.when.end !== undefined && input.when.end < input.when.start) {
    throw new StoreError('INVALID', 'The event ends before it starts.')
  }
}

function build(
  base: Pick<EventRecord, 'id' | 'caseId' | 'createdAt' | 'stances'>,
  input: EventInput,
): EventRecord {
  // Only the identity of `base` is kept: a field the form leaves empty is cleared, not kept.
  const e: EventRecord = {
    id: base.id,
    caseId: base.caseId,
    createdAt: base.createdAt,
    title: cleanTitle(input.title),
    type: input.type.trim() || 'other',
    initiators: [...new Set(input.initiators)],
    targets: [...new Set(input.targets)],
    evidence: [...new Set(input.evidence)],
    updatedAt: Date.now(),
  }
  // Written in the current shape only: an edited old record loses `locationId` here.
  if (input.locationIds?.length) e.locationIds = [...new Set(input.locationIds)]
  if (input.when) e.when = input.when
  if (input.confidence) e.confidence = input.confidence
  if (input.notes?.trim()) e.notes = input.notes.trim()
  // The stances chosen for passages still cited are kept (the form does not show them).
  return withStances(e, keepStances(base.stances, e.evidence))
}

/** Creates an event. */
export async function createEvent(
  db: CasefileDB,
  caseId: string,
  input: EventInput,
): Promise<EventRecord> {
  const event = build({ id: newId(), caseId, createdAt: Date.now() }, input)
  await recordAction(
    db,
    caseId,
    `Create event “${event.title}”`,
    ['events', 'entities', 'annotations'],
    async (record) => {
      await checkReferences(db, caseId, input)
      await db.events.add(event)
      record({ op: 'create', table: 'events', recordId: event.id, after: event })
    },
  )
  return event
}

/** Replaces an event's fields with the form's. */
export async function updateEvent(
  db: CasefileDB,
  id: string,
  input: EventInput,
): Promise<EventRecord> {
  const current = await db.events.get(id)
  if (!current) throw new StoreError('NOT_FOUND', 'That event no longer exists.')
  return recordAction(
    db,
    current.caseId,
    `Edit event “${current.title}”`,
    ['events', 'entities', 'annotations'],
    async (record) => {
      const before = await db.events.get(id)
      if (!before) throw new StoreError('NOT_FOUND', 'That event no longer exists.')
      await checkReferences(db, before.caseId, input)
      const after = build(before, input)
      await db.events.put(after)
      record({ op: 'update', table: 'events', recordId: id, before, after })
      return after
    },
  )
}

/**
 * Adds passages (from any document of the case) to an event's evidence; with `stance`, the
 * passages are marked as supporting or contradicting this event (domain/stance.ts) in the
 * same undoable action.
 */
export async function addEvidence(
  db: CasefileDB,
  id: string,
  annotationIds: string[],
  stance?: EvidenceStance,
): Promise<void> {
  const current = await db.events.get(id)
  if (!current) throw new StoreError('NOT_FOUND', 'That event no longer exists.')
  await recordAction(
    db,
    current.caseId,
    `Add evidence to “${current.title}”`,
    ['events', 'annotations'],
    async (record) => {
      const before = await db.events.get(id)
      if (!before) throw new StoreError('NOT_FOUND', 'That event no longer exists.')
      const tags = await db.annotations.bulkGet(annotationIds)
      if (tags.some((a) => !a || a.caseId !== before.caseId)) {
        throw new StoreError('NOT_FOUND', 'A passage given as evidence is no longer in the case.')
      }
      const added = withEvidenceAdded(before, tags as AnnotationRecord[], stance)
      if (!added) return
      const after: EventRecord = { ...added, updatedAt: Date.now() }
      await db.events.put(after)
      record({ op: 'update', table: 'events', recordId: id, before, after })
    },
  )
}

/** Deletes an event; its evidence passages stay tagged. */
export async function deleteEvent(db: CasefileDB, id: string): Promise<void> {
  const current = await db.events.get(id)
  if (!current) return
  await recordAction(
    db,
    current.caseId,
    `Delete event “${current.title}”`,
    ['events'],
    async (record) => {
      const before = await db.events.get(id)
      if (!before) return
      await db.events.delete(id)
      record({ op: 'delete', table: 'events', recordId: id, before })
    },
  )
}
