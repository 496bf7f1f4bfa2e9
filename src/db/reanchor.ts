/**
 * Replacing a document's text and re-anchoring its tags (DESIGN.md "Anchors"). When an
 * edited version of a file is imported over a document, every tag is looked for again in the
 * new text with `reanchorAll`: the old position still holds it (exact), its quote is found
 * elsewhere (moved), an approximate match scores above the threshold (fuzzy — flagged, with
 * its score and the words first tagged), or it is not found (orphan — kept with its old quote
 * and context, at the empty range 0–0 so that nothing is drawn at a stale place). Nothing
 * moves silently: the call returns a report of every tag, and fuzzy and orphaned tags stay
 * flagged on the record until the analyst accepts, re-attaches or deletes them.
 *
 * The replacement is one undoable action over the document's metadata, its text row and its
 * tags: undo puts back the old text, hash and every tag exactly. The text row is therefore
 * logged in the change log (table `texts`), old and new text in full. The document keeps its
 * id, title and the other details the analyst may have edited; the file facts (name, size,
 * type, importer, pages, warnings) come from the new file. Its `importedAt` stays the first
 * import's time; when the text was replaced, and what it was before, is in the change log.
 */
import { createSelector, reanchor, reanchorAll, type AnchorResult } from '../domain/anchoring'
import type { AnnotationKind, AnnotationRecord, DocumentMeta, OcrInfo } from '../domain/types'
import { StoreError } from './errors'
import { recordAction } from './history'
import type { CasefileDB } from './schema'

/** Where a tag landed in the new text: `AnchorResult`'s statuses. */
export type AnchorStatus = AnchorResult['status']

/** The new text and the facts of the file it came from (an `ExtractedDocument` fits). */
export interface TextReplacement {
  /** Normalised plain text, as an importer produces it. */
  text: string
  /** Lower-case hex SHA-256 of `text` (UTF-8). */
  textHash: string
  mime?: string
  fileName?: string
  fileSize?: number
  importer?: DocumentMeta['importer']
  importerVersion?: string
  /** Page starts in the new text (PDF); old ones are dropped either way. */
  pageStarts?: number[]
  /** The new import's warnings; old ones are dropped either way. */
  warnings?: string[]
  /** How OCR read the new text (Re-run OCR); dropped when the new text is not from OCR. */
  ocr?: OcrInfo
}

/** What happened to one tag. */
export interface ReanchorItem {
  annotationId: string
  kind: AnnotationKind
  entityId?: string
  /** The tagged words before the replacement. */
  quote: string
  status: AnchorStatus
  /** Fuzzy: the match score, 0..1. */
  score?: number
  /** Not for orphans: the words the tag now covers in the new text, and where. */
  newQuote?: string
  start?: number
  end?: number
  /** Orphans: why the tag could not be placed, for the analyst. */
  reason?: string
}

/** The outcome of {@link replaceDocumentText}. */
export interface ReanchorReport {
  docId: string
  /** False when the new text equals the current one: nothing was written. */
  changed: boolean
  /** One sentence for the analyst summing up what happened. */
  message: string
  counts: Record<AnchorStatus, number>
  /** One per tag of the document, in the order of the old text; orphans last. */
  items: ReanchorItem[]
}

/** Options for {@link replaceDocumentText}. */
export interface ReplaceOptions {
  /** Minimum score of a fuzzy match (0..1); the anchoring module's default otherwise. */
  threshold?: number
}

const FILE_FACTS = ['mime', 'fileName', 'fileSize', 'importer', 'importerVersion'] as const

/**
 * Replaces the text of document `docId` with `replacement.text` and re-anchors every tag made
 * on it, as one undoable action. A text identical to the current one changes nothing and
 * says so (`changed: false`). The re-anchoring runs before the write; if the document or its
 * tags change meanwhile, the write is refused with a CONFLICT error and nothing changes.
 *
 * @throws StoreError NOT_FOUND when the document is gone, INVALID when the new text is blank,
 *   its hash does not match, or another document of the case already has this text.
 */
export async function replaceDocumentText(
  db: CasefileDB,
  docId: string,
  replacement: TextReplacement,
  options: ReplaceOptions = {},
): Promise<ReanchorReport> {
  const [meta, row] = await Promise.all([db.documents.get(docId), db.texts.get(docId)])
  if (!meta || !row) throw new StoreError('NOT_FOUND', 'That document no longer exists.')
  const annotations = await db.annotations.where('docId').equals(docId).toArray()
  const newText = replacement.text
  if (newText === row.text) {
    return {
      docId,
      changed: false,
      message:
        `The new file has exactly the text “${meta.title}” already has: nothing was changed ` +
        `and its ${plural(annotations.length, 'tag')} stay where they are.`,
      counts: { exact: 0, moved: 0, fuzzy: 0, orphan: 0 },
      items: [],
    }
  }
  if (!newText.trim()) throw new StoreError('INVALID', 'The new text is empty.')
  if (replacement.textHash === meta.textHash) {
    throw new StoreError('INVALID', 'The new text has the old text’s hash but differs from it.')
  }
  const twin = await db.documents
    .where('[caseId+textHash]')
    .equals([meta.caseId, replacement.textHash])
    .first()
  if (twin) {
    throw new StoreError(
      'INVALID',
      `This case already has that text, as “${twin.title}”. Delete one of the two documents ` +
        'or choose another file.',
    )
  }

  const plan = planReanchor(meta.textHash, replacement.textHash, newText, annotations, options)
  const afterMeta = replacedMeta(meta, replacement)
  const afterRow = { ...row, text: newText }
  const label = `Replace the text of “${clip(meta.title)}”`
  await recordAction(
    db,
    meta.caseId,
    label,
    ['documents', 'texts', 'annotations'],
    async (record) => {
      // The plan was made outside the transaction: it holds only if nothing changed since.
      const [nowMeta, nowTags] = await Promise.all([
        db.documents.get(docId),
        db.annotations.where('docId').equals(docId).toArray(),
      ])
      if (JSON.stringify(nowMeta) !== JSON.stringify(meta) || !sameTags(nowTags, annotations)) {
        throw new StoreError(
          'CONFLICT',
          `“${meta.title}” or its tags changed while its tags were being re-anchored. Try again.`,
        )
      }
      await db.documents.put(afterMeta)
      record({ op: 'update', table: 'documents', recordId: docId, before: meta, after: afterMeta })
      await db.texts.put(afterRow)
      record({ op: 'update', table: 'texts', recordId: docId, before: row, after: afterRow })
      for (const { before, after } of plan.updates) {
        await db.annotations.put(after)
        record({ op: 'update', table: 'annotations', recordId: after.id, before, after })
      }
    },
  )
  return {
    docId,
    changed: true,
    message: summary(meta.title, plan.counts),
    counts: plan.counts,
    items: plan.items,
  }
}

/**
 * Re-attaches a tag to `text.slice(start, end)` of its document's current text — the way out
 * for an orphaned tag, or for a fuzzy one placed on the wrong words — and clears its anchor
 * status. One undoable action.
 *
 * @throws StoreError NOT_FOUND when the tag or its document is gone, INVALID when the range
 *   is not a selection of words in the text.
 */
export async function reattachAnnotation(
  db: CasefileDB,
  annotationId: string,
  start: number,
  end: number,
): Promise<AnnotationRecord> {
  const current = await db.annotations.get(annotationId)
  if (!current) throw new StoreError('NOT_FOUND', 'That tag no longer exists.')
  const [meta, row] = await Promise.all([
    db.documents.get(current.docId),
    db.texts.get(current.docId),
  ])
  if (!meta || !row) throw new StoreError('NOT_FOUND', 'That document no longer exists.')
  let selector
  try {
    selector = createSelector(row.text, start, end)
  } catch (e) {
    throw new StoreError('INVALID', `The tag cannot be attached there: ${(e as Error).message}`)
  }
  if (!selector.exact.trim()) throw new StoreError('INVALID', 'Select some words to attach to.')
  const label = `Re-attach tag “${clip(current.exact)}” to “${clip(selector.exact)}”`
  return recordAction(db, meta.caseId, label, ['annotations'], async (record) => {
    const before = await db.annotations.get(annotationId)
    if (!before) throw new StoreError('NOT_FOUND', 'That tag no longer exists.')
    const after: AnnotationRecord = { ...before, ...selector, textHash: meta.textHash }
    delete after.anchor
    await db.annotations.put(after)
    record({ op: 'update', table: 'annotations', recordId: annotationId, before, after })
    return after
  })
}

/**
 * Accepts a fuzzy tag where it was placed: clears its status (and the words first tagged).
 * One undoable action. An orphan has no place to accept: re-attach or delete it.
 *
 * @throws StoreError NOT_FOUND when the tag is gone, INVALID when it is an orphan.
 */
export async function acceptAnchor(db: CasefileDB, annotationId: string): Promise<void> {
  const current = await db.annotations.get(annotationId)
  if (!current) throw new StoreError('NOT_FOUND', 'That tag no longer exists.')
  if (!current.anchor) return
  if (current.anchor.status === 'orphan') {
    throw new StoreError(
      'INVALID',
      'An orphaned tag has no place in the text to accept: re-attach it to a selection or delete it.',
    )
  }
  const label = `Accept tag “${clip(current.exact)}” where it was placed`
  await recordAction(db, current.caseId, label, ['annotations'], async (record) => {
    const before = await db.annotations.get(annotationId)
    if (!before?.anchor) return
    const after: AnnotationRecord = { ...before }
    delete after.anchor
    await db.annotations.put(after)
    record({ op: 'update', table: 'annotations', recordId: annotationId, before, after })
  })
}

interface Plan {
  updates: { before: AnnotationRecord; after: AnnotationRecord }[]
  counts: Record<AnchorStatus, number>
  items: ReanchorItem[]
}

/**
 * Places every tag in the new text and works out its new record. Tags already orphaned by an
 * earlier replacement have no position left, so each is searched for in the whole text on its
 * own (a copy of the old text may bring it back); the rest go through `reanchorAll`, which
 * follows the shifts of the text from one tag to the next.
 */
function planReanchor(
  oldHash: string,
  newHash: string,
  newText: string,
  annotations: AnnotationRecord[],
  options: ReplaceOptions,
): Plan {
  const threshold = options.threshold !== undefined ? { threshold: options.threshold } : {}
  const orphans = annotations.filter((a) => a.anchor?.status === 'orphan')
  const placed = annotations.filter((a) => a.anchor?.status !== 'orphan')
  const results = reanchorAll(oldHash, newText, placed, threshold).results
  for (const a of orphans) {
    const r = reanchor(newText, a, threshold)
    // An orphan has no old position, so being found where it is cannot count as "exact".
    results.set(a.id, r.status === 'exact' ? { ...r, status: 'moved', method: 'quote' } : r)
  }

  const plan: Plan = { updates: [], counts: { exact: 0, moved: 0, fuzzy: 0, orphan: 0 }, items: [] }
  const inOrder = [
    ...[...placed].sort((x, y) => x.start - y.start || x.end - y.end),
    ...[...orphans].sort((x, y) => x.createdAt - y.createdAt),
  ]
  for (const before of inOrder) {
    const { after, item } = applyResult(before, results.get(before.id)!, newText, newHash)
    plan.counts[item.status] += 1
    plan.items.push(item)
    if (JSON.stringify(after) !== JSON.stringify(before)) plan.updates.push({ before, after })
  }
  return plan
}

/** The tag's record after the replacement, and its line of the report. */
function applyResult(
  before: AnnotationRecord,
  result: AnchorResult,
  newText: string,
  newHash: string,
): { after: AnnotationRecord; item: ReanchorItem } {
  const item: ReanchorItem = {
    annotationId: before.id,
    kind: before.kind,
    quote: before.exact,
    status: result.status,
  }
  if (before.entityId) item.entityId = before.entityId
  if (result.status === 'orphan') return orphaned(before, item, result.reason)
  let selector
  try {
    selector = createSelector(newText, result.start, result.end)
  } catch {
    // Cannot happen for a range the matcher returned; never store a broken anchor if it does.
    return orphaned(before, item, 'No valid place was found in the new text.')
  }
  const after: AnnotationRecord = { ...before, ...selector, textHash: newHash }
  if (result.status === 'fuzzy') {
    // Fuzzy twice is no better than the weaker of the two; the words first tagged stay.
    const previous = before.anchor?.status === 'fuzzy' ? before.anchor.score : undefined
    const score = previous !== undefined ? Math.min(previous, result.score) : result.score
    after.anchor = { status: 'fuzzy', score, quote: before.anchor?.quote ?? before.exact }
    item.score = result.score
  } else if (before.anchor?.status === 'orphan') {
    delete after.anchor
  }
  // A fuzzy tag found again verbatim is still where a fuzzy match put it: it stays flagged.
  Object.assign(item, { newQuote: selector.exact, start: selector.start, end: selector.end })
  return { after, item }
}

/** An orphan keeps its old quote, context and hash, at the empty range 0–0. */
function orphaned(
  before: AnnotationRecord,
  item: ReanchorItem,
  reason: string,
): { after: AnnotationRecord; item: ReanchorItem } {
  const anchor: NonNullable<AnnotationRecord['anchor']> = { status: 'orphan', note: reason }
  // The words first tagged, if a fuzzy match had put the tag on others.
  if (before.anchor?.quote) anchor.quote = before.anchor.quote
  return {
    after: { ...before, start: 0, end: 0, anchor },
    item: { ...item, status: 'orphan', reason },
  }
}

function replacedMeta(before: DocumentMeta, r: TextReplacement): DocumentMeta {
  const after: DocumentMeta = { ...before, textHash: r.textHash }
  for (const key of FILE_FACTS) {
    if (r[key] !== undefined) (after as unknown as Record<string, unknown>)[key] = r[key]
  }
  delete after.pageStarts
  delete after.warnings
  delete after.ocr
  if (r.pageStarts?.length) after.pageStarts = [...r.pageStarts]
  if (r.warnings?.length) after.warnings = [...r.warnings]
  if (r.ocr) after.ocr = structuredClone(r.ocr)
  return after
}

function sameTags(a: AnnotationRecord[], b: AnnotationRecord[]): boolean {
  if (a.length !== b.length) return false
  const byId = new Map(b.map((x) => [x.id, JSON.stringify(x)]))
  return a.every((x) => byId.get(x.id) === JSON.stringify(x))
}

function summary(title: string, c: Record<AnchorStatus, number>): string {
  const total = c.exact + c.moved + c.fuzzy + c.orphan
  if (total === 0) return `The text of “${title}” was replaced. It had no tags to re-anchor.`
  const check = c.fuzzy + c.orphan
  return (
    `The text of “${title}” was replaced and its ${plural(total, 'tag')} re-anchored: ` +
    `${c.exact} exact, ${c.moved} moved, ${c.fuzzy} fuzzy, ${c.orphan} orphaned.` +
    (check > 0 ? ` ${plural(check, 'tag')} to check.` : '')
  )
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

function clip(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > 40 ? `${t.slice(0, 39)}…` : t
}
