import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { annotationSchema } from '../domain/record-schemas'
import type { AnnotationRecord } from '../domain/types'
import { exportCase, importBackup, parseBackup } from './backup'
import { createCase } from './cases'
import { addDocuments } from './documents'
import { clearHistory, historyState, redo, undo } from './history'
import { acceptAnchor, reattachAnnotation, replaceDocumentText } from './reanchor'
import { CasefileDB } from './schema'
import { tagPassage } from './tags'
import { sha256Hex } from './test-fixtures'

const V1 = [
  'Port of Valmora closed after chemical leak',
  'VALMORA, 12 March — The Port of Valmora was closed to all shipping on Tuesday after a ' +
    'tanker leaked an unidentified chemical into the inner harbour, the authority said.',
  'The tanker had arrived from Constanța on Sunday. Its operator said in a statement that ' +
    'the crew had followed all safety procedures and was cooperating with investigators.',
  'At least nine workers were treated in hospital for breathing difficulties, a ' +
    'spokesperson for Valmora General Hospital said on Tuesday evening.',
  'Environmental groups criticised the response. "The alarm was raised hours before anyone ' +
    'warned the fishing villages down the coast," said Irena Kosta.',
  'The port would remain closed until at least Thursday while divers inspected the hull.',
].join('\n\n')

// A paragraph inserted before the operator's claim, the hospital sentence reworded and the
// environmental groups' paragraph deleted.
const V2 = [
  'Port of Valmora closed after chemical leak',
  'VALMORA, 12 March — The Port of Valmora was closed to all shipping on Tuesday after a ' +
    'tanker leaked an unidentified chemical into the inner harbour, the authority said.',
  'Updated at 18:05: Police said they had opened an inquiry into the leak and had sealed ' +
    'the cargo manifest of the tanker.',
  'The tanker had arrived from Constanța on Sunday. Its operator said in a statement that ' +
    'the crew had followed all safety procedures and was cooperating with investigators.',
  'At least eleven workers were treated in hospital for breathing problems, a ' +
    'spokesperson for Valmora General Hospital said on Tuesday evening.',
  'The port would remain closed until at least Thursday while divers inspected the hull.',
].join('\n\n')

const EXACT = 'a tanker leaked an unidentified chemical into the inner harbour'
const MOVED = 'the crew had followed all safety procedures'
const FUZZY = 'At least nine workers were treated in hospital for breathing difficulties'
const ORPHAN = 'The alarm was raised hours before anyone warned the fishing villages down the coast'
const FUZZY_NOW = 'At least eleven workers were treated in hospital for breathing problems'

let db: CasefileDB
let n = 0
let caseId: string
let docId: string
let otherDocId: string
let tags: Record<'exact' | 'moved' | 'fuzzy' | 'orphan', AnnotationRecord>

async function replacement(text: string) {
  return {
    text,
    textHash: await sha256Hex(text),
    mime: 'text/plain',
    fileName: 'valmora-v2.txt',
    fileSize: new TextEncoder().encode(text).byteLength,
    importer: 'text' as const,
    importerVersion: '2',
    warnings: [],
  }
}

async function tag(quote: string, kind: AnnotationRecord['kind']) {
  const start = V1.indexOf(quote)
  return (await tagPassage(db, { docId, start, end: start + quote.length, kind })).annotation
}

/** Everything replaceDocumentText may touch, for before/after comparisons. */
async function snapshot() {
  return {
    meta: await db.documents.get(docId),
    text: await db.texts.get(docId),
    annotations: await db.annotations.where('docId').equals(docId).sortBy('id'),
  }
}

beforeEach(async () => {
  clearHistory()
  db = new CasefileDB(`test-reanchor-${++n}`)
  await db.open()
  caseId = (await createCase(db, 'Valmora')).id
  const base = { mime: 'text/plain', importer: 'text' as const, importerVersion: '1' }
  const other = 'Ferries to the islands were diverted to Port Sarne.'
  const outs = await addDocuments(db, caseId, [
    {
      ...base,
      title: 'Port of Valmora closed',
      author: 'Desk',
      text: V1,
      textHash: await sha256Hex(V1),
      fileName: 'valmora.txt',
      fileSize: V1.length,
      warnings: ['Decoded as windows-1252.'],
    },
    {
      ...base,
      title: 'Ferries',
      text: other,
      textHash: await sha256Hex(other),
      fileName: 'f.txt',
      fileSize: other.length,
    },
  ])
  ;[docId, otherDocId] = outs.map((o) => (o.status === 'stored' ? o.id : '')) as [string, string]
  tags = {
    exact: await tag(EXACT, 'event'),
    moved: await tag(MOVED, 'claim'),
    fuzzy: await tag(FUZZY, 'claim'),
    orphan: await tag(ORPHAN, 'claim'),
  }
})
afterEach(async () => {
  await db.delete()
})

describe('replaceDocumentText', () => {
  it('re-anchors exact, moved, fuzzy and orphaned tags and reports each', async () => {
    const report = await replaceDocumentText(db, docId, await replacement(V2))

    expect(report.changed).toBe(true)
    expect(report.counts).toEqual({ exact: 1, moved: 1, fuzzy: 1, orphan: 1 })
    expect(report.message).toBe(
      'The text of “Port of Valmora closed” was replaced and its 4 tags re-anchored: ' +
        '1 exact, 1 moved, 1 fuzzy, 1 orphaned. 2 tags to check.',
    )
    expect(report.items.map((i) => [i.annotationId, i.status, i.quote, i.newQuote])).toEqual([
      [tags.exact.id, 'exact', EXACT, EXACT],
      [tags.moved.id, 'moved', MOVED, MOVED],
      [tags.fuzzy.id, 'fuzzy', FUZZY, FUZZY_NOW],
      [tags.orphan.id, 'orphan', ORPHAN, undefined],
    ])
    const fuzzyItem = report.items[2]!
    expect(fuzzyItem.score).toBeGreaterThan(0.75)
    expect(fuzzyItem.score).toBeLessThan(1)
    expect(report.items[3]!.reason).toMatch(/no longer occurs/)

    const newHash = await sha256Hex(V2)
    const meta = (await db.documents.get(docId))!
    expect(meta).toMatchObject({
      title: 'Port of Valmora closed',
      author: 'Desk',
      textHash: newHash,
      fileName: 'valmora-v2.txt',
      importerVersion: '2',
    })
    expect(meta.warnings).toBeUndefined()
    expect((await db.texts.get(docId))!.text).toBe(V2)

    const get = async (t: AnnotationRecord) => (await db.annotations.get(t.id))!
    const exact = await get(tags.exact)
    // Same place; the context is taken afresh from the new text (a paragraph now follows).
    const suffix = V2.slice(tags.exact.end, tags.exact.end + 32)
    expect(suffix).not.toBe(tags.exact.suffix)
    expect(exact).toEqual({ ...tags.exact, suffix, textHash: newHash })

    const moved = await get(tags.moved)
    const movedAt = V2.indexOf(MOVED)
    expect(moved).toMatchObject({ start: movedAt, end: movedAt + MOVED.length, exact: MOVED })
    expect(moved.prefix).toBe(V2.slice(movedAt - 32, movedAt))
    expect(moved.textHash).toBe(newHash)
    expect(moved.anchor).toBeUndefined()

    const fuzzy = await get(tags.fuzzy)
    const fuzzyAt = V2.indexOf(FUZZY_NOW)
    expect(fuzzy).toMatchObject({
      start: fuzzyAt,
      end: fuzzyAt + FUZZY_NOW.length,
      exact: FUZZY_NOW,
      textHash: newHash,
      anchor: { status: 'fuzzy', score: fuzzyItem.score, quote: FUZZY },
    })

    // The orphan keeps its old quote, context and hash, and points nowhere.
    const orphan = await get(tags.orphan)
    expect(orphan).toEqual({
      ...tags.orphan,
      start: 0,
      end: 0,
      anchor: { status: 'orphan', note: report.items[3]!.reason },
    })

    // Every record still passes the backup's schema.
    for (const t of [exact, moved, fuzzy, orphan]) expect(annotationSchema.parse(t)).toEqual(t)
    expect(historyState(caseId).undo).toBe('Replace the text of “Port of Valmora closed”')
  })

  it('undoes to the old text, hash and every tag exactly, and redoes', async () => {
    const before = await snapshot()
    await replaceDocumentText(db, docId, await replacement(V2))
    const after = await snapshot()
    expect(after.text!.text).toBe(V2)

    await undo(db, caseId)
    expect(await snapshot()).toEqual(before)
    await redo(db, caseId)
    expect(await snapshot()).toEqual(after)
    await undo(db, caseId)
    expect(await snapshot()).toEqual(before)
  })

  it('records the OCR of a re-run (Re-run OCR), drops it for a non-OCR text, undoably', async () => {
    const ocr = {
      engine: 'tesseract.js 7.0.0',
      languages: ['fas'],
      pages: [1],
      confidence: 81,
      lowConfidence: [0, 4],
    }
    const before = await snapshot()
    const report = await replaceDocumentText(db, docId, { ...(await replacement(V2)), ocr })
    expect(report.counts.exact + report.counts.moved).toBeGreaterThan(0)
    expect((await db.documents.get(docId))?.ocr).toEqual(ocr)
    await replaceDocumentText(db, docId, await replacement(V1 + ' More.'))
    expect((await db.documents.get(docId))?.ocr).toBeUndefined()
    await undo(db, caseId)
    expect((await db.documents.get(docId))?.ocr).toEqual(ocr)
    await undo(db, caseId)
    expect(await snapshot()).toEqual(before)
  })

  it('changes nothing when the new text is identical', async () => {
    const before = await snapshot()
    const changes = await db.changes.count()
    const undoLabel = historyState(caseId).undo
    const report = await replaceDocumentText(db, docId, await replacement(V1))
    expect(report).toMatchObject({
      changed: false,
      counts: { exact: 0, moved: 0, fuzzy: 0, orphan: 0 },
      items: [],
    })
    expect(report.message).toMatch(/exactly the text .* already has: nothing was changed/)
    expect(await snapshot()).toEqual(before)
    expect(await db.changes.count()).toBe(changes)
    expect(historyState(caseId).undo).toBe(undoLabel)
  })

  it('refuses a text another document of the case already has, or a missing document', async () => {
    const other = (await db.texts.get(otherDocId))!.text
    await expect(replaceDocumentText(db, docId, await replacement(other))).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('“Ferries”'),
    })
    await expect(
      replaceDocumentText(db, 'no-such-doc', await replacement(V2)),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(
      replaceDocumentText(db, docId, { text: '  \n', textHash: 'x' }),
    ).rejects.toMatchObject({ code: 'INVALID' })
  })

  it('finds an orphan again when its words come back, and keeps a fuzzy tag flagged', async () => {
    const first = await replaceDocumentText(db, docId, await replacement(V2))
    const fuzzyScore = first.items[2]!.score!
    const back = await replaceDocumentText(db, docId, await replacement(V1))
    const status = new Map(back.items.map((i) => [i.annotationId, i]))
    expect(status.get(tags.orphan.id)).toMatchObject({ status: 'moved', newQuote: ORPHAN })
    const orphan = (await db.annotations.get(tags.orphan.id))!
    expect(orphan).toEqual({ ...tags.orphan, textHash: await sha256Hex(V1) })

    expect(status.get(tags.fuzzy.id)).toMatchObject({ status: 'fuzzy', newQuote: FUZZY })
    const fuzzy = (await db.annotations.get(tags.fuzzy.id))!
    expect(fuzzy.exact).toBe(FUZZY)
    expect(fuzzy.anchor).toEqual({
      status: 'fuzzy',
      score: Math.min(fuzzyScore, status.get(tags.fuzzy.id)!.score!),
      quote: FUZZY,
    })
  })

  it('leaves the case exportable and restorable, with the text replacement in its log', async () => {
    await replaceDocumentText(db, docId, await replacement(V2))
    const parsed = parseBackup(await exportCase(db, caseId))
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.value.changes.some((c) => c.table === 'texts')).toBe(true)
    const restored = await importBackup(db, parsed.value)
    expect(restored.counts.annotations).toBe(4)
  })
})

describe('reattachAnnotation and acceptAnchor', () => {
  beforeEach(async () => {
    await replaceDocumentText(db, docId, await replacement(V2))
  })

  it('re-attaches an orphan to a selection, clearing its status, undoably', async () => {
    const orphaned = (await db.annotations.get(tags.orphan.id))!
    const words = 'divers inspected the hull'
    const start = V2.indexOf(words)
    const after = await reattachAnnotation(db, tags.orphan.id, start, start + words.length)
    expect(after).toMatchObject({ start, end: start + words.length, exact: words })
    expect(after.anchor).toBeUndefined()
    expect(after.textHash).toBe(await sha256Hex(V2))
    expect(await db.annotations.get(tags.orphan.id)).toEqual(after)
    expect(historyState(caseId).undo).toMatch(/^Re-attach tag “The alarm was raised/)

    // The text replacement cannot be undone past the re-attachment…
    await undo(db, caseId)
    expect(await db.annotations.get(tags.orphan.id)).toEqual(orphaned)
  })

  it('refuses a blank or impossible range', async () => {
    const gap = V2.indexOf('\n\n')
    await expect(reattachAnnotation(db, tags.orphan.id, gap, gap + 2)).rejects.toMatchObject({
      code: 'INVALID',
    })
    await expect(reattachAnnotation(db, tags.orphan.id, 5, 5)).rejects.toMatchObject({
      code: 'INVALID',
    })
    await expect(reattachAnnotation(db, 'gone', 0, 4)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('accepts a fuzzy tag where it was placed, and refuses to accept an orphan', async () => {
    const fuzzy = (await db.annotations.get(tags.fuzzy.id))!
    await acceptAnchor(db, tags.fuzzy.id)
    const accepted = (await db.annotations.get(tags.fuzzy.id))!
    const { anchor: _anchor, ...rest } = fuzzy
    expect(accepted).toEqual(rest)
    await undo(db, caseId)
    expect(await db.annotations.get(tags.fuzzy.id)).toEqual(fuzzy)

    await expect(acceptAnchor(db, tags.orphan.id)).rejects.toMatchObject({ code: 'INVALID' })
  })

  it('undoes a re-attachment and then the replacement, in order', async () => {
    const start = V2.indexOf('divers')
    await reattachAnnotation(db, tags.orphan.id, start, start + 6)
    await undo(db, caseId)
    await undo(db, caseId)
    expect((await db.texts.get(docId))!.text).toBe(V1)
    expect(await db.annotations.get(tags.orphan.id)).toEqual(tags.orphan)
  })

  it('refuses, changing nothing, to undo the replacement over a tag changed since', async () => {
    const changed = { ...(await db.annotations.get(tags.moved.id))!, note: 'edited elsewhere' }
    await db.annotations.put(changed) // as another window would, outside this session's stack
    await expect(undo(db, caseId)).rejects.toMatchObject({ code: 'CONFLICT' })
    expect((await db.texts.get(docId))!.text).toBe(V2)
    expect((await db.documents.get(docId))!.textHash).toBe(await sha256Hex(V2))
  })
})
