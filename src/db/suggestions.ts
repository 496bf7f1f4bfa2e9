/**
 * Accepting and refusing suggestions. Accepting tags every chosen occurrence in one
 * undoable action, linked to one entity (an existing one or a new one made from the
 * suggestion); "never suggest" records a form on the case so that it is not proposed again.
 * Nothing here runs without the analyst's click.
 */
import { createSelector } from '../domain/anchoring'
import type { AnnotationKind, AnnotationRecord, EntityKind, EntityRecord } from '../domain/types'
import { newId } from './db'
import { StoreError } from './errors'
import { recordAction } from './history'
import type { CasefileDB } from './schema'
import { assertAnchorsCurrent, type QuotedSpan } from './stale-anchor'

export interface AcceptInput {
  docId: string
  /**
   * The hash of the text the suggestions were found in: accepting is refused (STALE_ANCHOR)
   * when the document's text is another version now.
   */
  textHash?: string
  kind: AnnotationKind
  /** The occurrences, each with the words it was found to hold. */
  spans: QuotedSpan[]
  /** Link to this entity… */
  entityId?: string
  /** …or create it. */
  newEntity?: { name: string; kind: EntityKind }
  note?: string
}

/**
 * Tags the accepted occurrences; returns the annotations made (spans already tagged are
 * skipped). Inside the write transaction, every span must still hold its words in the text
 * version `textHash` names, else nothing is tagged and StoreError STALE_ANCHOR is thrown.
 */
export async function acceptSuggestions(
  db: CasefileDB,
  input: AcceptInput,
): Promise<AnnotationRecord[]> {
  const meta = await db.documents.get(input.docId)
  if (!meta) throw new StoreError('NOT_FOUND', 'That document no longer exists.')
  const caseId = meta.caseId
  const now = Date.now()
  const entity: EntityRecord | undefined = input.newEntity
    ? {
        id: newId(),
        caseId,
        kind: input.newEntity.kind,
        name: input.newEntity.name.replace(/\s+/g, ' ').trim(),
        aliases: [],
        createdAt: now,
      }
    : undefined
  if (entity && !entity.name) throw new StoreError('INVALID', 'An actor or location needs a name.')
  const name = entity?.name ?? input.spans[0]?.exact ?? ''
  const label =
    input.spans.length === 1
      ? `Accept suggestion “${name}”`
      : `Accept ${input.spans.length} suggestions “${name}”`
  const tables = ['annotations', 'entities', 'documents', 'texts'] as const
  return recordAction(db, caseId, label, [...tables], async (record) => {
    // Read and checked in the transaction that writes: no Replace text can come between.
    const text = await assertAnchorsCurrent(db, input.docId, input.spans, input.textHash)
    const current = await db.documents.get(input.docId)
    const existing = await db.annotations.where('docId').equals(input.docId).toArray()
    const taken = new Set(
      existing.filter((a) => a.kind === input.kind).map((a) => `${a.start}:${a.end}`),
    )
    const annotations: AnnotationRecord[] = []
    for (const s of input.spans) {
      if (taken.has(`${s.start}:${s.end}`)) continue
      taken.add(`${s.start}:${s.end}`)
      const a: AnnotationRecord = {
        id: newId(),
        caseId,
        docId: input.docId,
        ...createSelector(text, s.start, s.end),
        textHash: current!.textHash,
        kind: input.kind,
        createdAt: now,
      }
      const entityId = entity?.id ?? input.entityId
      if (entityId) a.entityId = entityId
      if (input.note) a.note = input.note
      annotations.push(a)
    }
    if (annotations.length === 0) return []
    if (input.entityId && !entity && !(await db.entities.get(input.entityId))) {
      throw new StoreError('NOT_FOUND', 'That actor or location no longer exists.')
    }
    if (entity) {
      await db.entities.add(entity)
      record({ op: 'create', table: 'entities', recordId: entity.id, after: entity })
    }
    await db.annotations.bulkAdd(annotations)
    for (const a of annotations)
      record({ op: 'create', table: 'annotations', recordId: a.id, after: a })
    return annotations
  })
}

/** Adds a form to the case's "never suggest" list (undoable). */
export async function neverSuggest(db: CasefileDB, caseId: string, form: string): Promise<void> {
  const key = form.replace(/\s+/g, ' ').trim().toLowerCase()
  if (!key) return
  await recordAction(db, caseId, `Never suggest “${form.trim()}”`, ['cases'], async (record) => {
    const before = await db.cases.get(caseId)
    if (!before) throw new StoreError('NOT_FOUND', 'That case no longer exists.')
    if (before.neverSuggest?.includes(key)) return
    const after = { ...before, neverSuggest: [...(before.neverSuggest ?? []), key] }
    await db.cases.put(after)
    record({ op: 'update', table: 'cases', recordId: caseId, before, after })
  })
}

/** Removes a form from the case's "never suggest" list (undoable). */
export async function allowSuggest(db: CasefileDB, caseId: string, form: string): Promise<void> {
  const key = form.trim().toLowerCase()
  await recordAction(db, caseId, `Suggest “${form.trim()}” again`, ['cases'], async (record) => {
    const before = await db.cases.get(caseId)
    if (!before?.neverSuggest?.includes(key)) return
    const after = { ...before, neverSuggest: before.neverSuggest.filter((f) => f !== key) }
    await db.cases.put(after)
    record({ op: 'update', table: 'cases', recordId: caseId, before, after })
  })
}
