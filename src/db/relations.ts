/**
 * Relation repository: standing actor–actor ties ("Iran ally of Russia", "IRGC member of
 * Iran") that are not one dated event, on the evidence of tagged passages. Create, edit, add
 * evidence, delete — each one undoable action, as for events (`events.ts`). Both ends must
 * be actors of the case (a location is where things happen, not a party to a tie), and
 * references are checked inside the transaction, so a relation never points at something
 * that is not there. Dates are checked against the same schema a backup is validated with,
 * so that every relation stored can be exported and restored.
 */
import { relationTypeLabel } from '../domain/graph-model'
import { keepStances, withEvidenceAdded, withStances } from '../domain/stance'
import type { AnnotationRecord, EvidenceStance, RelationRecord, TimeValue } from '../domain/types'
import { newId } from './db'
import { StoreError } from './errors'
import { recordAction } from './history'
import type { CasefileDB } from './schema'

/** What the relation form produces. */
export interface RelationInput {
  /** The actor the tie starts from (for undirected ties, simply the first named). */
  from: string
  to: string
  /** A standard type id (`RELATION_TYPES` in domain/graph-model.ts) or the analyst's own. */
  type: string
  directed: boolean
  /** Annotation ids. */
  evidence: string[]
  when?: TimeValue
}

/** The longest relation type kept, in UTF-16 code units (it is drawn on an edge). */
export const MAX_RELATION_TYPE = 100

function cleanType(type: string): string {
  const t = type.replace(/\s+/g, ' ').trim()
  if (!t) throw new StoreError('INVALID', 'A relation needs a type.')
  if (t.length > MAX_RELATION_TYPE) {
    throw new StoreError('INVALID', `Keep the type under ${MAX_RELATION_TYPE} characters.`)
  }
  return t
}

/**
 * Checks what can be checked without the store; rejects with INVALID. The date's schema (and
 * zod) is loaded only when a relation has a date, so that this module, which the inspector
 * imports, does not bring them into the workbench's first load.
 */
async function checkInput(input: RelationInput): Promise<void> {
  if (input.from === input.to) {
    throw new StoreError('INVALID', 'A relation ties two different actors.')
  }
  const when = input.when
  if (when) {
    if (when.end !== undefined && when.end < when.start) {
      throw new StoreError('INVALID', 'The relation ends before it starts.')
    }
    // The rest (finite whole milliseconds, earliest ≤ latest, no stray keys) as a backup
    // checks it: a relation that could not be restored must not be stored.
    const { timeValueSchema } = await import('../domain/record-schemas')
    if (!timeValueSchema.safeParse(when).success) {
      throw new StoreError('INVALID', 'The date of this relation is not valid.')
    }
  }
}

async function checkReferences(
  db: CasefileDB,
  caseId: string,
  input: RelationInput,
): Promise<void> {
  const [from, to] = await db.entities.bulkGet([input.from, input.to])
  if (!from || !to || from.caseId !== caseId || to.caseId !== caseId) {
    throw new StoreError('NOT_FOUND', 'An actor of this relation is no longer in the case.')
  }
  if (from.kind === 'location' || to.kind === 'location') {
    throw new StoreError('INVALID', 'A location cannot be party to a relation: choose actors.')
  }
  const tags = await db.annotations.bulkGet(input.evidence)
  if (tags.some((a) => !a || a.caseId !== caseId)) {
    throw new StoreError('NOT_FOUND', 'A passage given as evidence is no longer in the case.')
  }
}

async function build(
  base: Pick<RelationRecord, 'id' | 'caseId' | 'createdAt' | 'stances'>,
  input: RelationInput,
): Promise<RelationRecord> {
  await checkInput(input)
  // Only the three base fields are copied: spreading a stored record here would carry over
  // a `when` the form has just cleared.
  const r: RelationRecord = {
    id: base.id,
    caseId: base.caseId,
    createdAt: base.createdAt,
    from: input.from,
    to: input.to,
    type: cleanType(input.type),
    directed: input.directed,
    evidence: [...new Set(input.evidence)],
  }
  if (input.when) r.when = input.when
  // The stances chosen for passages still cited are kept (the form does not show them).
  return withStances(r, keepStances(base.stances, r.evidence))
}

/**
 * The relation in words for an action label, e.g. "Iran ally of Russia". Names are read
 * outside the transaction (the label is fixed before it opens); an end that has gone shows
 * as "?", and the write then fails its reference check anyway.
 */
async function describe(
  db: CasefileDB,
  r: Pick<RelationRecord, 'from' | 'to' | 'type'>,
): Promise<string> {
  const [from, to] = await db.entities.bulkGet([r.from, r.to])
  return `${from?.name ?? '?'} ${relationTypeLabel(r.type)} ${to?.name ?? '?'}`
}

/** Creates a relation between two actors of the case. */
export async function createRelation(
  db: CasefileDB,
  caseId: string,
  input: RelationInput,
): Promise<RelationRecord> {
  const relation = await build({ id: newId(), caseId, createdAt: Date.now() }, input)
  await recordAction(
    db,
    caseId,
    `Create relation “${await describe(db, relation)}”`,
    ['relations', 'entities', 'annotations'],
    async (record) => {
      await checkReferences(db, caseId, input)
      await db.relations.add(relation)
      record({ op: 'create', table: 'relations', recordId: relation.id, after: relation })
    },
  )
  return relation
}

/** Replaces a relation's fields with the form's; its id, case and creation time stay. */
export async function updateRelation(
  db: CasefileDB,
  id: string,
  input: RelationInput,
): Promise<RelationRecord> {
  const current = await db.relations.get(id)
  if (!current) throw new StoreError('NOT_FOUND', 'That relation no longer exists.')
  const draft = await build(current, input)
  return recordAction(
    db,
    current.caseId,
    `Edit relation “${await describe(db, current)}”`,
    ['relations', 'entities', 'annotations'],
    async (record) => {
      const before = await db.relations.get(id)
      if (!before) throw new StoreError('NOT_FOUND', 'That relation no longer exists.')
      await checkReferences(db, before.caseId, input)
      const after: RelationRecord = { ...draft, createdAt: before.createdAt }
      await db.relations.put(after)
      record({ op: 'update', table: 'relations', recordId: id, before, after })
      return after
    },
  )
}

/**
 * Adds passages (from any document of the case) to a relation's evidence; with `stance`, the
 * passages are marked as supporting or contradicting this relation in the same action.
 */
export async function addRelationEvidence(
  db: CasefileDB,
  id: string,
  annotationIds: string[],
  stance?: EvidenceStance,
): Promise<void> {
  const current = await db.relations.get(id)
  if (!current) throw new StoreError('NOT_FOUND', 'That relation no longer exists.')
  await recordAction(
    db,
    current.caseId,
    `Add evidence to relation “${await describe(db, current)}”`,
    ['relations', 'annotations'],
    async (record) => {
      const before = await db.relations.get(id)
      if (!before) throw new StoreError('NOT_FOUND', 'That relation no longer exists.')
      const tags = await db.annotations.bulkGet(annotationIds)
      if (tags.some((a) => !a || a.caseId !== before.caseId)) {
        throw new StoreError('NOT_FOUND', 'A passage given as evidence is no longer in the case.')
      }
      const after = withEvidenceAdded(before, tags as AnnotationRecord[], stance)
      if (!after) return
      await db.relations.put(after)
      record({ op: 'update', table: 'relations', recordId: id, before, after })
    },
  )
}

/** Deletes a relation; its evidence passages stay tagged. Nothing happens if it is gone. */
export async function deleteRelation(db: CasefileDB, id: string): Promise<void> {
  const current = await db.relations.get(id)
  if (!current) return
  await recordAction(
    db,
    current.caseId,
    `Delete relation “${await describe(db, current)}”`,
    ['relations'],
    async (record) => {
      const before = await db.relations.get(id)
      if (!before) return
      await db.relations.delete(id)
      record({ op: 'delete', table: 'relations', recordId: id, before })
    },
  )
}
