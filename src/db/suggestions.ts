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

export interface AcceptInput {
  docId: string
  kind: AnnotationKind
  spans: { start: number; end: number }[]
  /** Link to this entity… */
  entityId?: string
  /** …or create it. */
  newEntity?: { name: string; kind: EntityKind }
  note?: string
}

/** Tags the accepted occurrences; returns the annotations made (spans already tagged are skipped). */
export async function acceptSuggestions(
  db: CasefileDB,
  input: AcceptInput,
): Promise<AnnotationRecord[]> {
  const [meta, text] = await Promise.all([db.documents.get(input.docId), db.texts.get(input.docId)])
  if (!meta || !text) throw new StoreError('NOT_FOUND', 'That document no longer exists.')
  const caseId = meta.caseId
  const existing = await db.annotations.where('docId').equals(input.docId).toArray()
  const taken = new Set(
    existing.filter((a) => a.kind === input.kind).map((a) => `${a.start}:${a.end}`),
  )
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
  const annotations: AnnotationRecord[] = []
  for (const s of input.spans) {
    if (taken.has(`${s.start}:${s.end}`)) continue
    taken.add(`${s.start}:${s.end}`)
    const a: AnnotationRecord = {
      id: newId(),
      caseId,
      docId: input.docId,
      ...createSelector(text.text, s.start, s.end),
      textHash: meta.textHash,
      kind: input.kind,
      createdAt: now,
    }
    const entityId = entity?.id ?? input.entityId
    if (entityId) a.entityId = entityId
    if (input.note) a.note = input.note
    annotations.push(a)
  }
  if (annotations.length === 0) return []
  const name = entity?.name ?? annotations[0]!.exact
  const label =
    annotations.length === 1
      ? `Accept suggestion “${name}”`
      : `Accept ${annotations.length} suggestions “${name}”`
  await recordAction(db, caseId, label, ['annotations', 'entities'], async (record) => {
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
  })
  return annotations
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
