/**
 * Writes behind weighing the evidence (issue 15), each one undoable action with its change-log
 * entries: a passage's stance as evidence of one event or relation (supports | contradicts;
 * domain/stance.ts) and the outlet it is second-hand from; an event's credibility set from a corroboration suggestion; two events
 * merged into one (evidence, actors and places united, time as the analyst chose; briefings
 * that cited the merged-away event cite the kept one); and "not the same", a pair of events
 * never to be proposed as duplicates again, kept on the case record (so it is in backups and
 * goes with the case).
 */
import { mergeEvents, type MergeTime } from '../domain/duplicates'
import { linkStance, setStances, withStances } from '../domain/stance'
import type {
  AnnotationRecord,
  BriefingRecord,
  CaseRecord,
  Credibility,
  EvidenceStance,
  EventRecord,
  RelationRecord,
} from '../domain/types'
import { StoreError } from './errors'
import { recordAction } from './history'
import type { CasefileDB } from './schema'

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s)

/** The event or relation a passage is evidence of. */
export interface CitingRecord {
  table: 'events' | 'relations'
  id: string
}

/**
 * Sets whether a passage supports or contradicts one event or relation citing it (undoable);
 * what it does for other records citing it is theirs.
 */
export async function setEvidenceStance(
  db: CasefileDB,
  citing: CitingRecord,
  annotationId: string,
  stance: EvidenceStance,
): Promise<void> {
  const current = await db.annotations.get(annotationId)
  if (!current) throw new StoreError('NOT_FOUND', 'That passage no longer exists.')
  const table = db.table<EventRecord | RelationRecord, string>(citing.table)
  const gone = citing.table === 'events' ? 'That event' : 'That relation'
  const label =
    stance === 'contradicts'
      ? `Mark “${clip(current.exact)}” as contradicting`
      : `Mark “${clip(current.exact)}” as supporting`
  await recordAction(db, current.caseId, label, [citing.table, 'annotations'], async (record) => {
    const [before, passage] = await Promise.all([
      table.get(citing.id),
      db.annotations.get(annotationId),
    ])
    if (!before) throw new StoreError('NOT_FOUND', `${gone} no longer exists.`)
    if (!passage) throw new StoreError('NOT_FOUND', 'That passage no longer exists.')
    if (!before.evidence.includes(annotationId)) {
      throw new StoreError('NOT_FOUND', 'That passage is no longer evidence of it.')
    }
    if (linkStance(before.stances, annotationId, passage) === stance) return
    const stances = setStances(
      before.stances,
      [annotationId],
      stance,
      new Map([[passage.id, passage]]),
    )
    const after = withStances({ ...before }, stances)
    await table.put(after)
    record({ op: 'update', table: citing.table, recordId: citing.id, before, after })
  })
}

/**
 * Marks a passage second-hand from `outlet` ("Reuters", "state TV"), or first-hand again
 * with `null` (undoable).
 */
export async function setSecondHand(
  db: CasefileDB,
  annotationId: string,
  outlet: string | null,
): Promise<void> {
  const name = outlet?.replace(/\s+/g, ' ').trim() ?? null
  if (name !== null && !name) throw new StoreError('INVALID', 'Name the outlet the passage cites.')
  if (name && name.length > 200) throw new StoreError('INVALID', 'Keep the outlet’s name short.')
  const current = await db.annotations.get(annotationId)
  if (!current) throw new StoreError('NOT_FOUND', 'That passage no longer exists.')
  const label = name
    ? `Mark “${clip(current.exact)}” second-hand from ${name}`
    : `Mark “${clip(current.exact)}” first-hand`
  await recordAction(db, current.caseId, label, ['annotations'], async (record) => {
    const before = await db.annotations.get(annotationId)
    if (!before) throw new StoreError('NOT_FOUND', 'That passage no longer exists.')
    if ((before.secondHand?.outlet ?? null) === name) return
    const after: AnnotationRecord = { ...before }
    if (name) after.secondHand = { outlet: name }
    else delete after.secondHand
    await db.annotations.put(after)
    record({ op: 'update', table: 'annotations', recordId: annotationId, before, after })
  })
}

/** Sets an event's information credibility (the suggestion's "Apply"; undoable). */
export async function setEventCredibility(
  db: CasefileDB,
  eventId: string,
  credibility: Credibility,
): Promise<void> {
  const current = await db.events.get(eventId)
  if (!current) throw new StoreError('NOT_FOUND', 'That event no longer exists.')
  await recordAction(
    db,
    current.caseId,
    `Grade “${clip(current.title)}” ${credibility}`,
    ['events'],
    async (record) => {
      const before = await db.events.get(eventId)
      if (!before) throw new StoreError('NOT_FOUND', 'That event no longer exists.')
      if (before.confidence === credibility) return
      const after: EventRecord = { ...before, confidence: credibility, updatedAt: Date.now() }
      await db.events.put(after)
      record({ op: 'update', table: 'events', recordId: eventId, before, after })
    },
  )
}

function sortedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a]
}

/**
 * Merges event `dropId` into `keepId` (see `mergeEvents` in domain/duplicates.ts) as one
 * undoable action: the kept event is rewritten, the other deleted, and every briefing that
 * chose or cited the merged-away event now names the kept one. Returns the merged event.
 */
export async function mergeEventPair(
  db: CasefileDB,
  keepId: string,
  dropId: string,
  time: MergeTime,
): Promise<EventRecord> {
  if (keepId === dropId) throw new StoreError('INVALID', 'Choose two different events to merge.')
  const current = await db.events.get(keepId)
  if (!current) throw new StoreError('NOT_FOUND', 'That event no longer exists.')
  return recordAction(
    db,
    current.caseId,
    `Merge two events into “${clip(current.title)}”`,
    ['events', 'briefings', 'cases'],
    async (record) => {
      const [keep, drop] = await db.events.bulkGet([keepId, dropId])
      if (!keep || !drop || drop.caseId !== keep.caseId)
        throw new StoreError('NOT_FOUND', 'One of the two events no longer exists.')
      const after = { ...mergeEvents(keep, drop, time), updatedAt: Date.now() }
      await db.events.put(after)
      record({ op: 'update', table: 'events', recordId: keepId, before: keep, after })
      await db.events.delete(dropId)
      record({ op: 'delete', table: 'events', recordId: dropId, before: drop })
      const swap = (ids: string[]) => [...new Set(ids.map((id) => (id === dropId ? keepId : id)))]
      const briefings = await db.briefings.where('caseId').equals(keep.caseId).toArray()
      for (const b of briefings) {
        const cites =
          b.eventIds.includes(dropId) || b.judgements.some((j) => j.eventIds.includes(dropId))
        if (!cites) continue
        const next: BriefingRecord = {
          ...b,
          eventIds: swap(b.eventIds),
          judgements: b.judgements.map((j) => ({ ...j, eventIds: swap(j.eventIds) })),
        }
        await db.briefings.put(next)
        record({ op: 'update', table: 'briefings', recordId: b.id, before: b, after: next })
      }
      // Pairs with the merged-away event mean nothing any more.
      const c = await db.cases.get(keep.caseId)
      if (c?.notSameEvents?.some((p) => p.includes(dropId))) {
        const next: CaseRecord = {
          ...c,
          notSameEvents: c.notSameEvents.filter((p) => !p.includes(dropId)),
        }
        await db.cases.put(next)
        record({ op: 'update', table: 'cases', recordId: c.id, before: c, after: next })
      }
      return after
    },
  )
}

/** Remembers that two events are not the same, so they are not proposed again (undoable). */
export async function markNotSame(
  db: CasefileDB,
  caseId: string,
  a: string,
  b: string,
): Promise<void> {
  const pair = sortedPair(a, b)
  const [ea, eb] = await db.events.bulkGet(pair)
  if (!ea || !eb || ea.caseId !== caseId || eb.caseId !== caseId)
    throw new StoreError('NOT_FOUND', 'One of the two events no longer exists.')
  await recordAction(
    db,
    caseId,
    `Not the same: “${clip(ea.title)}” and “${clip(eb.title)}”`,
    ['cases'],
    async (record) => {
      const before = await db.cases.get(caseId)
      if (!before) throw new StoreError('NOT_FOUND', 'That case no longer exists.')
      if (before.notSameEvents?.some(([x, y]) => x === pair[0] && y === pair[1])) return
      const after: CaseRecord = {
        ...before,
        notSameEvents: [...(before.notSameEvents ?? []), pair],
      }
      await db.cases.put(after)
      record({ op: 'update', table: 'cases', recordId: caseId, before, after })
    },
  )
}
