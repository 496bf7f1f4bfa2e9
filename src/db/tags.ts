/**
 * Tagging and entity repository: turns a selected passage into an anchored annotation
 * (optionally linked to a new or existing actor/location), edits and deletes tags, and
 * manages entities — create, edit, merge and delete with everything that refers to them
 * following along. Every function here is one undoable action (see history.ts).
 */
import { createSelector } from '../domain/anchoring'
import type {
  AnnotationKind,
  AnnotationRecord,
  Credibility,
  EntityKind,
  EntityRecord,
  EventRecord,
} from '../domain/types'
import { newId } from './db'
import { getCaseTexts } from './documents'
import { StoreError } from './errors'
import { dropEvidence } from './evidence'
import { recordAction, type Recorder } from './history'
import type { CasefileDB } from './schema'
import { eventPlaceIds, normaliseEventPlaces } from '../domain/event-places'
import { assertSpansQuote, assertTextUnchanged, staleAnchorError } from './stale-anchor'

const KIND_LABEL: Record<AnnotationKind, string> = {
  actor: 'actor',
  location: 'location',
  event: 'event',
  claim: 'claim',
  note: 'note',
}

export interface EntityInput {
  name: string
  kind: EntityKind
  aliases?: string[]
  description?: string
}

export interface TagInput {
  docId: string
  start: number
  end: number
  kind: AnnotationKind
  /** Link to this existing entity… */
  entityId?: string
  /** …or create this one and link to it. */
  newEntity?: EntityInput
  note?: string
  credibility?: Credibility
  /**
   * The words the analyst selected and the hash of the text they saw: tagging is refused
   * (STALE_ANCHOR) when the text changed since. Without them, the text read as the call
   * begins is the one checked in the write transaction.
   */
  exact?: string
  textHash?: string
}

function cleanName(name: string): string {
  const n = name.replace(/\s+/g, ' ').trim()
  if (!n) throw new StoreError('INVALID', 'An actor or location needs a name.')
  if (n.length > 300) throw new StoreError('INVALID', 'Keep names under 300 characters.')
  return n
}

function cleanAliases(aliases: string[] | undefined, name: string): string[] {
  const seen = new Set([name.toLowerCase()])
  const out: string[] = []
  for (const a of aliases ?? []) {
    const t = a.replace(/\s+/g, ' ').trim()
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase())
      out.push(t)
    }
  }
  return out
}

function buildEntity(caseId: string, input: EntityInput): EntityRecord {
  const name = cleanName(input.name)
  const entity: EntityRecord = {
    id: newId(),
    caseId,
    kind: input.kind,
    name,
    aliases: cleanAliases(input.aliases, name),
    createdAt: Date.now(),
  }
  if (input.description?.trim()) entity.description = input.description.trim()
  return entity
}

/**
 * Tags a passage of a document. The anchor (offsets, exact quote, 32 characters of context
 * and the text's hash) is computed from the stored text before the write begins, and checked
 * again inside the write transaction (`assertAnchorsCurrent`): if the text changed between,
 * or is not the version the caller saw, nothing is tagged (StoreError STALE_ANCHOR).
 */
export async function tagPassage(
  db: CasefileDB,
  input: TagInput,
): Promise<{ annotation: AnnotationRecord; entity?: EntityRecord }> {
  // The metadata first, then the text (or the copy kept from the last tag, if its hash is
  // that one): a text read after its hash can only be newer, which the check in the write
  // transaction then refuses.
  const meta = await db.documents.get(input.docId)
  if (!meta) throw new StoreError('NOT_FOUND', 'That document no longer exists.')
  const text = await textOf(db, input.docId, meta.textHash)
  if (text === undefined) throw new StoreError('NOT_FOUND', 'That document no longer exists.')
  let selector
  try {
    selector = createSelector(text, input.start, input.end)
  } catch (e) {
    throw new StoreError('INVALID', `That selection cannot be tagged: ${(e as Error).message}`)
  }
  if (!selector.exact.trim()) throw new StoreError('INVALID', 'Select some words to tag.')
  const span = { start: input.start, end: input.end, exact: input.exact ?? selector.exact }
  const expectedHash = input.textHash ?? meta.textHash
  if (expectedHash !== meta.textHash) throw staleAnchorError(meta.title)
  assertSpansQuote(text, [span], meta.title)
  const caseId = meta.caseId
  const entity = input.newEntity ? buildEntity(caseId, input.newEntity) : undefined
  const annotation: AnnotationRecord = {
    id: newId(),
    caseId,
    docId: input.docId,
    ...selector,
    textHash: meta.textHash,
    kind: input.kind,
    createdAt: Date.now(),
  }
  const entityId = entity?.id ?? input.entityId
  if (entityId) annotation.entityId = entityId
  if (input.note?.trim()) annotation.note = input.note.trim()
  if (input.credibility) annotation.credibility = input.credibility
  const label = `Tag “${clip(selector.exact)}” as ${KIND_LABEL[input.kind]}`
  const tables = ['annotations', 'entities', 'documents', 'texts'] as const
  await recordAction(db, caseId, label, [...tables], async (record) => {
    // The words were checked against the text of this hash above; the hash unchanged inside
    // the write means the text is unchanged (no second read of the text here).
    await assertTextUnchanged(db, input.docId, meta.textHash)
    if (input.entityId && !entity) {
      const linked = await db.entities.get(input.entityId)
      if (!linked || linked.caseId !== caseId) {
        throw new StoreError('NOT_FOUND', 'That actor or location no longer exists.')
      }
    }
    if (entity) {
      await db.entities.add(entity)
      record({ op: 'create', table: 'entities', recordId: entity.id, after: entity })
    }
    await db.annotations.add(annotation)
    record({ op: 'create', table: 'annotations', recordId: annotation.id, after: annotation })
  })
  return entity ? { annotation, entity } : { annotation }
}

/**
 * The text last read for tagging, per database: consecutive tags on one long document read
 * its text once. Keyed by document and text hash — a text is only ever written together with
 * a new hash, so an entry whose hash is the document's current one holds its current text.
 */
const lastText = new WeakMap<CasefileDB, { docId: string; textHash: string; text: string }>()

async function textOf(
  db: CasefileDB,
  docId: string,
  textHash: string,
): Promise<string | undefined> {
  const kept = lastText.get(db)
  if (kept && kept.docId === docId && kept.textHash === textHash) return kept.text
  const row = await db.texts.get(docId)
  if (!row) return undefined
  // Read after the hash: keep it under that hash only if the hash is still the one read.
  const now = await db.documents.get(docId)
  if (now?.textHash === textHash) lastText.set(db, { docId, textHash, text: row.text })
  return row.text
}

function clip(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > 40 ? `${t.slice(0, 39)}…` : t
}

export interface AnnotationPatch {
  kind?: AnnotationKind
  entityId?: string | null
  note?: string | null
  credibility?: Credibility | null
}

/** Edits a tag: its kind, linked entity, note or credibility grade. */
export async function updateAnnotation(
  db: CasefileDB,
  id: string,
  patch: AnnotationPatch,
  label = 'Edit tag',
): Promise<void> {
  const current = await db.annotations.get(id)
  if (!current) throw new StoreError('NOT_FOUND', 'That tag no longer exists.')
  await recordAction(db, current.caseId, label, ['annotations', 'entities'], async (record) => {
    const before = await db.annotations.get(id)
    if (!before) throw new StoreError('NOT_FOUND', 'That tag no longer exists.')
    const after: AnnotationRecord = { ...before }
    if (patch.kind) after.kind = patch.kind
    if (patch.entityId === null) delete after.entityId
    else if (patch.entityId) {
      const e = await db.entities.get(patch.entityId)
      if (!e || e.caseId !== before.caseId)
        throw new StoreError('NOT_FOUND', 'That actor no longer exists.')
      after.entityId = patch.entityId
    }
    if (patch.note === null || patch.note?.trim() === '') delete after.note
    else if (patch.note) after.note = patch.note.trim()
    if (patch.credibility === null) delete after.credibility
    else if (patch.credibility) after.credibility = patch.credibility
    await db.annotations.put(after)
    record({ op: 'update', table: 'annotations', recordId: id, before, after })
  })
}

/** Deletes a tag and removes it from the evidence of any event or relation. */
export async function deleteAnnotation(db: CasefileDB, id: string): Promise<void> {
  const current = await db.annotations.get(id)
  if (!current) return
  const label = `Delete tag “${clip(current.exact)}”`
  await recordAction(
    db,
    current.caseId,
    label,
    ['annotations', 'events', 'relations'],
    async (record) => {
      const before = await db.annotations.get(id)
      if (!before) return
      await db.annotations.delete(id)
      record({ op: 'delete', table: 'annotations', recordId: id, before })
      await dropEvidence(db, before.caseId, [id], record)
    },
  )
}

/** Creates an actor or location without a mention. */
export async function createEntity(
  db: CasefileDB,
  caseId: string,
  input: EntityInput,
): Promise<EntityRecord> {
  const entity = buildEntity(caseId, input)
  await recordAction(db, caseId, `Add ${entity.name}`, ['entities'], async (record) => {
    await db.entities.add(entity)
    record({ op: 'create', table: 'entities', recordId: entity.id, after: entity })
  })
  return entity
}

/** Renames an entity, changes its kind, aliases or description. */
export async function updateEntity(
  db: CasefileDB,
  id: string,
  patch: Partial<EntityInput>,
): Promise<void> {
  const current = await db.entities.get(id)
  if (!current) throw new StoreError('NOT_FOUND', 'That actor or location no longer exists.')
  const label =
    patch.name && patch.name !== current.name ? `Rename ${current.name}` : `Edit ${current.name}`
  await recordAction(db, current.caseId, label, ['entities'], async (record) => {
    const before = (await db.entities.get(id))!
    const name = patch.name !== undefined ? cleanName(patch.name) : before.name
    const after: EntityRecord = {
      ...before,
      name,
      kind: patch.kind ?? before.kind,
      aliases: cleanAliases(patch.aliases ?? before.aliases, name),
    }
    if (patch.description !== undefined) {
      if (patch.description.trim()) after.description = patch.description.trim()
      else delete after.description
    }
    await db.entities.put(after)
    record({ op: 'update', table: 'entities', recordId: id, before, after })
  })
}

/** What refers to an entity, for the confirmation before deleting it. */
export async function entityDependents(
  db: CasefileDB,
  id: string,
): Promise<{ mentions: number; events: number; relations: number }> {
  const entity = await db.entities.get(id)
  if (!entity) return { mentions: 0, events: 0, relations: 0 }
  const [mentions, events, relations] = await Promise.all([
    db.annotations.where('entityId').equals(id).count(),
    db.events
      .where('caseId')
      .equals(entity.caseId)
      .filter(
        (e) => e.initiators.includes(id) || e.targets.includes(id) || eventPlaceIds(e).includes(id),
      )
      .count(),
    db.relations.where('from').equals(id).or('to').equals(id).count(),
  ])
  return { mentions, events, relations }
}

/**
 * Merges `otherId` into `keepId`: mentions, event roles and relations move to the kept
 * entity, the other's name and aliases become aliases, and the other is deleted.
 */
export async function mergeEntities(
  db: CasefileDB,
  keepId: string,
  otherId: string,
): Promise<void> {
  if (keepId === otherId) throw new StoreError('INVALID', 'Choose two different entities to merge.')
  const [keep, other] = await Promise.all([db.entities.get(keepId), db.entities.get(otherId)])
  if (!keep || !other || keep.caseId !== other.caseId) {
    throw new StoreError('NOT_FOUND', 'One of those entities no longer exists.')
  }
  const label = `Merge ${other.name} into ${keep.name}`
  const tables = ['entities', 'annotations', 'events', 'relations'] as const
  await recordAction(db, keep.caseId, label, [...tables], async (record) => {
    // Read again inside the transaction: an edit made since the first read must not be lost.
    const [keepNow, otherNow] = await Promise.all([
      db.entities.get(keepId),
      db.entities.get(otherId),
    ])
    if (!keepNow || !otherNow)
      throw new StoreError('NOT_FOUND', 'One of those entities no longer exists.')
    await mergeInto(db, keepNow, otherNow, record)
  })
}

async function mergeInto(
  db: CasefileDB,
  keep: EntityRecord,
  other: EntityRecord,
  record: Recorder,
): Promise<void> {
  const afterKeep: EntityRecord = {
    ...keep,
    aliases: cleanAliases([...keep.aliases, other.name, ...other.aliases], keep.name),
  }
  await db.entities.put(afterKeep)
  record({ op: 'update', table: 'entities', recordId: keep.id, before: keep, after: afterKeep })
  await db.entities.delete(other.id)
  record({ op: 'delete', table: 'entities', recordId: other.id, before: other })
  for (const before of await db.annotations.where('entityId').equals(other.id).toArray()) {
    const after = { ...before, entityId: keep.id }
    await db.annotations.put(after)
    record({ op: 'update', table: 'annotations', recordId: before.id, before, after })
  }
  const swap = (ids: string[]) => [...new Set(ids.map((x) => (x === other.id ? keep.id : x)))]
  for (const before of await db.events.where('caseId').equals(keep.caseId).toArray()) {
    if (
      !before.initiators.includes(other.id) &&
      !before.targets.includes(other.id) &&
      !eventPlaceIds(before).includes(other.id)
    )
      continue
    const after: EventRecord = normaliseEventPlaces({
      ...before,
      initiators: swap(before.initiators),
      targets: swap(before.targets),
    })
    if (eventPlaceIds(before).includes(other.id)) after.locationIds = swap(eventPlaceIds(before))
    await db.events.put(after)
    record({ op: 'update', table: 'events', recordId: before.id, before, after })
  }
  for (const before of await db.relations
    .where('from')
    .equals(other.id)
    .or('to')
    .equals(other.id)
    .toArray()) {
    const after = {
      ...before,
      from: before.from === other.id ? keep.id : before.from,
      to: before.to === other.id ? keep.id : before.to,
    }
    if (after.from === after.to) {
      await db.relations.delete(before.id)
      record({ op: 'delete', table: 'relations', recordId: before.id, before })
    } else {
      await db.relations.put(after)
      record({ op: 'update', table: 'relations', recordId: before.id, before, after })
    }
  }
}

/**
 * Deletes an entity. Its mentions stay as tags without a link; it leaves the events it took
 * part in; relations with it are deleted.
 */
export async function deleteEntity(db: CasefileDB, id: string): Promise<void> {
  const entity = await db.entities.get(id)
  if (!entity) return
  const tables = ['entities', 'annotations', 'events', 'relations'] as const
  await recordAction(db, entity.caseId, `Delete ${entity.name}`, [...tables], async (record) => {
    const before = await db.entities.get(id)
    if (!before) return
    await db.entities.delete(id)
    record({ op: 'delete', table: 'entities', recordId: id, before })
    for (const before of await db.annotations.where('entityId').equals(id).toArray()) {
      const after = { ...before }
      delete after.entityId
      await db.annotations.put(after)
      record({ op: 'update', table: 'annotations', recordId: before.id, before, after })
    }
    for (const before of await db.events.where('caseId').equals(entity.caseId).toArray()) {
      if (
        !before.initiators.includes(id) &&
        !before.targets.includes(id) &&
        !eventPlaceIds(before).includes(id)
      )
        continue
      const after: EventRecord = normaliseEventPlaces({
        ...before,
        initiators: before.initiators.filter((x) => x !== id),
        targets: before.targets.filter((x) => x !== id),
      })
      const places = eventPlaceIds(after).filter((x) => x !== id)
      if (places.length) after.locationIds = places
      else delete after.locationIds
      await db.events.put(after)
      record({ op: 'update', table: 'events', recordId: before.id, before, after })
    }
    for (const before of await db.relations
      .where('from')
      .equals(id)
      .or('to')
      .equals(id)
      .toArray()) {
      await db.relations.delete(before.id)
      record({ op: 'delete', table: 'relations', recordId: before.id, before })
    }
  })
}

/**
 * Adds and removes aliases of an entity against its stored aliases, not a copy the UI holds,
 * so that quick successive edits (add one, then another before the list re-renders) never
 * drop each other. Aliases equal to the name or to another alias (ignoring case) are not
 * added twice; removal ignores case. One undoable action; nothing is written if nothing
 * changes.
 */
export async function editEntityAliases(
  db: CasefileDB,
  id: string,
  change: { add?: string[]; remove?: string[] },
): Promise<void> {
  const current = await db.entities.get(id)
  if (!current) throw new StoreError('NOT_FOUND', 'That actor or location no longer exists.')
  const added = (change.add ?? []).map((a) => a.replace(/\s+/g, ' ').trim()).filter(Boolean)
  const removed = new Set((change.remove ?? []).map((a) => a.trim().toLowerCase()))
  const label =
    added.length === 1 && !removed.size
      ? `Add alias “${clip(added[0]!)}” to ${current.name}`
      : removed.size === 1 && !added.length
        ? `Remove alias “${clip(change.remove![0]!.trim())}” from ${current.name}`
        : `Edit aliases of ${current.name}`
  await recordAction(db, current.caseId, label, ['entities'], async (record) => {
    const before = await db.entities.get(id)
    if (!before) throw new StoreError('NOT_FOUND', 'That actor or location no longer exists.')
    const kept = before.aliases.filter((a) => !removed.has(a.toLowerCase()))
    const aliases = cleanAliases([...kept, ...added], before.name)
    if (
      aliases.length === before.aliases.length &&
      aliases.every((a, i) => a === before.aliases[i])
    )
      return
    const after: EntityRecord = { ...before, aliases }
    await db.entities.put(after)
    record({ op: 'update', table: 'entities', recordId: id, before, after })
  })
}

/** The case's documents (with text and title) and tags, for finding untagged mentions. */
export async function loadCaseForMentions(
  db: CasefileDB,
  caseId: string,
): Promise<{
  docs: { id: string; title: string; text: string }[]
  annotations: AnnotationRecord[]
}> {
  const [docs, annotations] = await Promise.all([
    getCaseTexts(db, caseId),
    db.annotations.where('caseId').equals(caseId).toArray(),
  ])
  return { docs, annotations }
}
