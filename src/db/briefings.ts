/**
 * Briefing repository: the briefings of a case — title, handling line, BLUF, key judgements,
 * free-text sections and the events of the chronology — saved as the analyst types. Every
 * write is one undoable action (`recordAction`), validated against the schema a backup is
 * checked with (so every briefing stored can be exported and restored) and refused whole,
 * storing nothing, when invalid. Event ids a write adds must be events of the briefing's case;
 * ids already held are kept even if their event has since been deleted (the composer flags
 * them), so that a deleted event never stops the analyst from typing.
 *
 * Typing: each keystroke's update is stored at once, so a crash loses nothing, but undo should
 * not step back one keystroke at a time. Updates given the same `coalesceKey` for the same
 * briefing, each within `COALESCE_WINDOW_MS` of the previous one, with nothing else done in
 * between, make ONE undo step. history.ts has no merge operation, so this module does it with
 * the public API: the first update of a run records its step as usual and keeps the `after`
 * snapshot it recorded; each later update of the run writes and logs its change (under the
 * step's change-log group, so the history pane shows one row) without recording a new step,
 * and then rewrites that kept snapshot in place to the new state. Undo reads the step's
 * `after` when it runs (to check nothing changed since) and restores its `before`, the state
 * before the first keystroke; redo restores the latest state. This relies on the recorder
 * keeping the snapshot object it was given rather than a copy (history.ts spreads the entry,
 * which keeps the reference); the coalescing tests fail if that ever changes. A run ends as
 * soon as the undo stacks change in any other way (`subscribeHistory`), or when the stored
 * briefing is no longer what the run last wrote.
 */
import { briefingSchema } from '../domain/record-schemas'
import type { BriefingRecord, Judgement } from '../domain/types'
import { logChanges } from './change-log'
import { newId } from './db'
import { StoreError } from './errors'
import { recordAction, subscribeHistory } from './history'
import type { CasefileDB } from './schema'

/** A free-text section of a briefing. */
export type BriefingSection = BriefingRecord['sections'][number]

/** The fields of a briefing the analyst edits. */
export type BriefingInput = Omit<BriefingRecord, 'id' | 'caseId' | 'createdAt' | 'updatedAt'>

/** How an edit joins the undo history. */
export interface SaveOptions {
  /**
   * What is being typed into ('bluf', 'title', `judgement:${id}:text`, …). Consecutive
   * updates of one briefing with the same key, each within `COALESCE_WINDOW_MS` of the
   * previous one, are undone as one step. Without a key every update is its own step.
   */
  coalesceKey?: string
}

/** How long a pause in typing (in ms) still continues the same undo step. */
export const COALESCE_WINDOW_MS = 1500

const DEFAULT_TITLE = 'Untitled briefing'

/** The optional fields, which a patch clears by giving them as undefined. */
const CLEARABLE = new Set<keyof BriefingInput>(['author', 'date'])

/** Bookkeeping a patch cannot change (a caller may pass a whole record as a patch). */
const FIXED = new Set<string>(['id', 'caseId', 'createdAt', 'updatedAt'])

const notFound = () => new StoreError('NOT_FOUND', 'That briefing no longer exists.')

function cleanTitle(title: unknown): unknown {
  if (typeof title !== 'string') return title // left for the schema to name
  const t = title.replace(/\s+/g, ' ').trim()
  if (!t) throw new StoreError('INVALID', 'A briefing needs a title.')
  return t
}

const unique = (ids: unknown): unknown => (Array.isArray(ids) ? [...new Set(ids)] : ids)

/** Names a schema path for people, e.g. "Key judgement 2 (judgements[1].likelihood)". */
function fieldName(path: readonly PropertyKey[]): string {
  const raw = path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
    .join('')
  const [head, index] = path
  const n = typeof index === 'number' ? index + 1 : undefined
  const words: Record<string, string> = {
    title: 'The title',
    handling: 'The handling line',
    author: 'The author',
    date: 'The date',
    bluf: 'The BLUF',
    eventIds: 'The chosen events',
    judgements: n ? `Key judgement ${n}` : 'The key judgements',
    sections: n ? `Section ${n}` : 'The sections',
  }
  const word = typeof head === 'string' ? words[head] : undefined
  return word ? `${word} (${raw})` : raw || 'The briefing'
}

/**
 * `base` with `patch` applied, tidied and validated: the title trimmed (and required), an
 * empty author dropped, event ids de-duplicated in their order. Throws INVALID naming the
 * field. In a patch, undefined clears `author` or `date` and leaves other fields alone; id,
 * case and timestamps are ignored.
 */
function applyPatch(base: BriefingRecord, patch: Partial<BriefingInput>): BriefingRecord {
  const draft: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(patch)) {
    if (FIXED.has(key)) continue
    if (value !== undefined) draft[key] = value
    else if (CLEARABLE.has(key as keyof BriefingInput)) delete draft[key]
  }
  draft.title = cleanTitle(draft.title)
  if (typeof draft.author === 'string' && !draft.author.trim()) delete draft.author
  draft.eventIds = unique(draft.eventIds)
  if (Array.isArray(draft.judgements)) {
    draft.judgements = draft.judgements.map((j: unknown) =>
      j && typeof j === 'object' && 'eventIds' in j ? { ...j, eventIds: unique(j.eventIds) } : j,
    )
  }
  const parsed = briefingSchema.safeParse(draft)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new StoreError('INVALID', `${fieldName(issue.path)} is not valid: ${issue.message}.`)
  }
  const b = parsed.data
  for (const [list, what] of [
    [b.judgements, 'key judgement'],
    [b.sections, 'section'],
  ] as const) {
    if (new Set(list.map((x) => x.id)).size !== list.length) {
      throw new StoreError('INVALID', `Two ${what}s of this briefing have the same id.`)
    }
  }
  return b
}

function eventIdsOf(b: Pick<BriefingRecord, 'eventIds' | 'judgements'>): Set<string> {
  return new Set([...b.eventIds, ...b.judgements.flatMap((j) => j.eventIds)])
}

/** Checks that the event ids `next` adds to `before` are events of the case; NOT_FOUND. */
async function checkEvents(
  db: CasefileDB,
  caseId: string,
  before: Set<string>,
  next: BriefingRecord,
): Promise<void> {
  const added = [...eventIdsOf(next)].filter((id) => !before.has(id))
  if (added.length === 0) return
  const events = await db.events.bulkGet(added)
  if (events.some((e) => !e || e.caseId !== caseId)) {
    throw new StoreError('NOT_FOUND', 'An event this briefing cites is no longer in the case.')
  }
}

/** True when two states of a briefing differ only in `updatedAt`. */
function sameContent(a: BriefingRecord, b: BriefingRecord): boolean {
  return JSON.stringify({ ...a, updatedAt: 0 }) === JSON.stringify({ ...b, updatedAt: 0 })
}

/** An undo step being extended by typing (see the module comment). */
interface Run {
  /** Briefing id and coalesce key. */
  key: string
  label: string
  /** The `after` snapshot recorded in the undo step; rewritten in place as the run goes on. */
  step: BriefingRecord
  /** The change-log group of the step, looked up on the first merge. */
  group?: string
  /** When the run last wrote. */
  at: number
}

let run: Run | undefined
let watching = false

/** Ends the run whenever the undo stacks change (another action, an undo, a redo, a clear). */
function watchHistory(): void {
  if (watching) return
  watching = true
  subscribeHistory(() => {
    run = undefined
  })
}

let queue: Promise<unknown> = Promise.resolve()

/**
 * Runs briefing writes one at a time, in the order asked: keystrokes may be saved without
 * waiting for the previous save, and a run must see its own writes in order.
 */
function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn)
  queue = next.catch(() => undefined)
  return next
}

/** The change-log group of the latest logged change to briefing `id`. */
async function lastGroup(db: CasefileDB, caseId: string, id: string): Promise<string | undefined> {
  const last = await db.changes
    .where('caseId')
    .equals(caseId)
    .reverse()
    .filter((c) => c.table === 'briefings' && c.recordId === id)
    .first()
  return last?.group
}

/**
 * Applies `edit` (a patch computed from the stored briefing) as one undoable action labelled
 * `label(current)`, or as part of the current typing run (see the module comment). An edit
 * that changes nothing writes nothing and adds no undo step.
 */
function save(
  db: CasefileDB,
  id: string,
  label: (b: BriefingRecord) => string,
  edit: (b: BriefingRecord) => Partial<BriefingInput>,
  options: SaveOptions = {},
): Promise<BriefingRecord> {
  watchHistory()
  return serialised(async () => {
    const current = await db.briefings.get(id)
    if (!current) throw notFound()
    const now = Date.now()
    const key = options.coalesceKey === undefined ? undefined : `${id}\u0000${options.coalesceKey}`
    const open =
      key !== undefined && run?.key === key && now >= run.at && now - run.at <= COALESCE_WINDOW_MS
        ? run
        : undefined
    const name = open?.label ?? label(current)
    let merged = false
    let recorded = false
    const after = await recordAction(
      db,
      current.caseId,
      name,
      ['briefings', 'events'],
      async (record) => {
        const before = await db.briefings.get(id)
        if (!before) throw notFound()
        const next = applyPatch(before, edit(before))
        await checkEvents(db, before.caseId, eventIdsOf(before), next)
        if (sameContent(before, next)) return before
        next.updatedAt = now
        await db.briefings.put(next)
        const entry = {
          op: 'update',
          table: 'briefings',
          recordId: id,
          before,
          after: next,
        } as const
        // Merge only while the run is still the latest step and the briefing is as it left it.
        if (open && run === open && JSON.stringify(before) === JSON.stringify(open.step)) {
          open.group ??= await lastGroup(db, before.caseId, id)
          await logChanges(db, [{ ...entry, caseId: before.caseId, action: name }], open.group)
          merged = true
        } else {
          record(entry)
          recorded = true
        }
        return next
      },
    )
    if (merged && open) {
      // The step's `after` becomes the new state. Done even if the run has just ended: it
      // is what is stored now, so an undo that is already on its way still finds it.
      const step = open.step as unknown as Record<string, unknown>
      for (const k of Object.keys(step)) delete step[k]
      Object.assign(step, after)
      if (run === open) open.at = now
    } else if (recorded) {
      run = key === undefined ? undefined : { key, label: name, step: after, at: now }
    }
    // The recorded snapshot may be rewritten later: the caller gets its own copy.
    return structuredClone(after)
  })
}

/** Creates a briefing in the case with defaults for whatever `init` does not give. */
export async function createBriefing(
  db: CasefileDB,
  caseId: string,
  init: Partial<BriefingInput> = {},
): Promise<BriefingRecord> {
  watchHistory()
  const now = Date.now()
  const briefing = applyPatch(
    {
      id: newId(),
      caseId,
      title: DEFAULT_TITLE,
      handling: '',
      date: now,
      bluf: '',
      judgements: [],
      sections: [],
      eventIds: [],
      createdAt: now,
      updatedAt: now,
    },
    init,
  )
  return serialised(() =>
    recordAction(
      db,
      caseId,
      `Create briefing “${briefing.title}”`,
      ['cases', 'briefings', 'events'],
      async (record) => {
        if (!(await db.cases.get(caseId))) {
          throw new StoreError('NOT_FOUND', 'That case no longer exists.')
        }
        await checkEvents(db, caseId, new Set(), briefing)
        await db.briefings.add(briefing)
        record({ op: 'create', table: 'briefings', recordId: briefing.id, after: briefing })
        return structuredClone(briefing)
      },
    ),
  )
}

/**
 * Changes fields of a briefing. Validated as a whole: an invalid result is refused (INVALID,
 * naming the field; NOT_FOUND for an event not in the case) and nothing is stored. Pass a
 * `coalesceKey` while the analyst types (see `SaveOptions`).
 */
export function updateBriefing(
  db: CasefileDB,
  id: string,
  patch: Partial<BriefingInput>,
  options?: SaveOptions,
): Promise<BriefingRecord> {
  return save(
    db,
    id,
    (b) => `Edit briefing “${b.title}”`,
    () => patch,
    options,
  )
}

/** Sets the events of the chronology, in the order given, duplicates removed. */
export function setBriefingEvents(
  db: CasefileDB,
  id: string,
  eventIds: string[],
): Promise<BriefingRecord> {
  return save(
    db,
    id,
    (b) => `Choose the events of “${b.title}”`,
    () => ({ eventIds }),
  )
}

/** Deletes a briefing (undoable). Nothing happens if it is already gone. */
export async function deleteBriefing(db: CasefileDB, id: string): Promise<void> {
  watchHistory()
  await serialised(async () => {
    const current = await db.briefings.get(id)
    if (!current) return
    await recordAction(
      db,
      current.caseId,
      `Delete briefing “${current.title}”`,
      ['briefings'],
      async (record) => {
        const before = await db.briefings.get(id)
        if (!before) return
        await db.briefings.delete(id)
        record({ op: 'delete', table: 'briefings', recordId: id, before })
      },
    )
  })
}

/** The case's briefings, most recently updated first. */
export async function listBriefings(db: CasefileDB, caseId: string): Promise<BriefingRecord[]> {
  const all = await db.briefings.where('caseId').equals(caseId).toArray()
  return all.sort((a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt)
}

/**
 * The case's briefings that cite `eventId` in their chronology or a key judgement — for the
 * event's delete confirmation to name them (a deleted event's id is kept and flagged by the
 * composer, not silently dropped).
 */
export async function briefingsCitingEvent(
  db: CasefileDB,
  caseId: string,
  eventId: string,
): Promise<BriefingRecord[]> {
  const all = await listBriefings(db, caseId)
  return all.filter((b) => eventIdsOf(b).has(eventId))
}

// Judgements and sections: ordered lists of items with ids, edited the same way.

interface Item {
  id: string
}

function itemIndex<T extends Item>(list: readonly T[], itemId: string, what: string): number {
  const i = list.findIndex((x) => x.id === itemId)
  if (i < 0) throw new StoreError('NOT_FOUND', `That ${what} is no longer in the briefing.`)
  return i
}

function moved<T extends Item>(list: readonly T[], itemId: string, to: number, what: string): T[] {
  if (!Number.isInteger(to)) throw new StoreError('INVALID', `Say where to move the ${what}.`)
  const from = itemIndex(list, itemId, what)
  const out = [...list]
  const [item] = out.splice(from, 1)
  out.splice(Math.max(0, Math.min(to, out.length)), 0, item!)
  return out
}

function updated<T extends Item>(
  list: readonly T[],
  itemId: string,
  patch: Partial<Omit<T, 'id'>>,
  what: string,
): T[] {
  const i = itemIndex(list, itemId, what)
  return list.map((x, k) => (k === i ? { ...x, ...patch, id: x.id } : x))
}

/** Appends a key judgement; resolves to it with its new id. */
export async function addJudgement(
  db: CasefileDB,
  id: string,
  judgement: Omit<Judgement, 'id'>,
): Promise<Judgement> {
  const added: Judgement = { ...judgement, id: newId() }
  const b = await save(
    db,
    id,
    (b) => `Add a key judgement to “${b.title}”`,
    (b) => ({ judgements: [...b.judgements, added] }),
  )
  return b.judgements.find((j) => j.id === added.id)!
}

/** Changes fields of a key judgement (NOT_FOUND if it has gone). */
export function updateJudgement(
  db: CasefileDB,
  id: string,
  judgementId: string,
  patch: Partial<Omit<Judgement, 'id'>>,
  options?: SaveOptions,
): Promise<BriefingRecord> {
  return save(
    db,
    id,
    (b) => `Edit a key judgement of “${b.title}”`,
    (b) => ({ judgements: updated(b.judgements, judgementId, patch, 'key judgement') }),
    options,
  )
}

/** Removes a key judgement; nothing happens if it has already gone. */
export function removeJudgement(
  db: CasefileDB,
  id: string,
  judgementId: string,
): Promise<BriefingRecord> {
  return save(
    db,
    id,
    (b) => `Remove a key judgement from “${b.title}”`,
    (b) => ({ judgements: b.judgements.filter((j) => j.id !== judgementId) }),
  )
}

/** Moves a key judgement to position `toIndex` (0-based, clamped to the list). */
export function moveJudgement(
  db: CasefileDB,
  id: string,
  judgementId: string,
  toIndex: number,
): Promise<BriefingRecord> {
  return save(
    db,
    id,
    (b) => `Move a key judgement in “${b.title}”`,
    (b) => ({ judgements: moved(b.judgements, judgementId, toIndex, 'key judgement') }),
  )
}

/** Appends a section; resolves to it with its new id. */
export async function addSection(
  db: CasefileDB,
  id: string,
  section: Omit<BriefingSection, 'id'>,
): Promise<BriefingSection> {
  const added: BriefingSection = { ...section, id: newId() }
  const b = await save(
    db,
    id,
    (b) => `Add a section to “${b.title}”`,
    (b) => ({ sections: [...b.sections, added] }),
  )
  return b.sections.find((s) => s.id === added.id)!
}

/** Changes the heading or body of a section (NOT_FOUND if it has gone). */
export function updateSection(
  db: CasefileDB,
  id: string,
  sectionId: string,
  patch: Partial<Omit<BriefingSection, 'id'>>,
  options?: SaveOptions,
): Promise<BriefingRecord> {
  return save(
    db,
    id,
    (b) => `Edit a section of “${b.title}”`,
    (b) => ({ sections: updated(b.sections, sectionId, patch, 'section') }),
    options,
  )
}

/** Removes a section; nothing happens if it has already gone. */
export function removeSection(
  db: CasefileDB,
  id: string,
  sectionId: string,
): Promise<BriefingRecord> {
  return save(
    db,
    id,
    (b) => `Remove a section from “${b.title}”`,
    (b) => ({ sections: b.sections.filter((s) => s.id !== sectionId) }),
  )
}

/** Moves a section to position `toIndex` (0-based, clamped to the list). */
export function moveSection(
  db: CasefileDB,
  id: string,
  sectionId: string,
  toIndex: number,
): Promise<BriefingRecord> {
  return save(
    db,
    id,
    (b) => `Move a section in “${b.title}”`,
    (b) => ({ sections: moved(b.sections, sectionId, toIndex, 'section') }),
  )
}
