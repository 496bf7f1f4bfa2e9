import { afterEach, describe, expect, it } from 'vitest'
import { exportCase } from './backup'
import { deleteCase, renameCase } from './cases'
import { deleteDocument } from './documents'
import { clearHistory, undo } from './history'
import { maintainStore, PURGE_PENDING_KEY, purgeDeletedText } from './purge'
import { replaceDocumentText } from './reanchor'
import type { CasefileDB } from './schema'
import { saveSearchIndex } from './search-storage'
import { tagPassage } from './tags'
import { sha256Hex, storeWithDocument } from './test-fixtures'

/** A word found nowhere else: every copy of the deleted text carries it. */
const MARKER = 'Zephyrquokka'
const TEXT = `On Monday the minister met the envoy. The code word was ${MARKER} and nobody said it twice.`

let db: CasefileDB | undefined
afterEach(async () => {
  clearHistory()
  await db?.delete()
  db = undefined
})

/** Every row of every table as JSON, searched case-insensitively (an index may lower-case). */
async function storeHolds(d: CasefileDB, needle: string): Promise<string[]> {
  const found: string[] = []
  for (const table of d.tables) {
    const rows = await table.toArray()
    rows.forEach((row, i) => {
      if (JSON.stringify(row).toLowerCase().includes(needle.toLowerCase()))
        found.push(`${table.name}[${i}]`)
    })
  }
  return found
}

const backupHolds = async (d: CasefileDB, caseId: string, needle: string) =>
  new TextDecoder()
    .decode(await exportCase(d, caseId))
    .toLowerCase()
    .includes(needle.toLowerCase())

/** A case with the marker document, one tag on the marker and a saved search index. */
async function markedCase() {
  const store = await storeWithDocument('purge', TEXT)
  db = store.db
  const start = TEXT.indexOf(MARKER)
  await tagPassage(store.db, {
    docId: store.docId,
    start,
    end: start + MARKER.length,
    kind: 'note',
  })
  await saveSearchIndex(store.db, {
    caseId: store.caseId,
    format: 1,
    docIds: [store.docId],
    parts: { doc: TEXT },
    updatedAt: 1,
  })
  return store
}

describe('deleted means gone', () => {
  it('a deleted document’s text stays only while its undo is possible, and never in a backup', async () => {
    const { db, caseId, docId } = await markedCase()
    await deleteDocument(db, docId)
    // Undo still possible: the session holds the text (and the log its audit copy)…
    expect(await storeHolds(db, MARKER)).not.toEqual([])
    // …but a backup made now carries none of it: a restored case has no undo.
    expect(await backupHolds(db, caseId, MARKER)).toBe(false)
    // Undo works from the session's stack.
    await undo(db, caseId)
    expect((await db.texts.get(docId))?.text).toBe(TEXT)
    await deleteDocument(db, docId)

    // A new session: nothing can undo the delete any more. The delete told the start-up pass.
    clearHistory()
    expect(await db.settings.get(PURGE_PENDING_KEY)).toEqual({
      key: PURGE_PENDING_KEY,
      value: true,
    })
    await maintainStore(db)
    expect(await db.settings.get(PURGE_PENDING_KEY)).toBeUndefined()
    expect(await storeHolds(db, MARKER)).toEqual([])
    expect(await backupHolds(db, caseId, MARKER)).toBe(false)
    // The log still says what happened, without the text.
    const log = await db.changes.where('caseId').equals(caseId).toArray()
    expect(log.filter((c) => c.table === 'texts').length).toBeGreaterThanOrEqual(3)
    expect(log.filter((c) => c.table === 'texts').every((c) => c.before === undefined)).toBe(true)
  })

  it('is purged as soon as the delete falls off the undo stack, without a restart', async () => {
    const { db, caseId, docId } = await markedCase()
    await deleteDocument(db, docId)
    for (let i = 0; i < 199; i++) await renameCase(db, caseId, `Case ${i}`)
    expect(await storeHolds(db, MARKER)).not.toEqual([])
    await renameCase(db, caseId, 'The step that pushes the delete off')
    expect(await storeHolds(db, MARKER)).toEqual([])
  })

  it('Replace text keeps no copy of the old text once its undo is gone', async () => {
    const { db, docId } = await markedCase()
    const next = TEXT.replace(MARKER, 'nothing')
    await replaceDocumentText(db, docId, { text: next, textHash: await sha256Hex(next) })
    expect((await db.texts.get(docId))?.text).toBe(next)
    clearHistory()
    await purgeDeletedText(db)
    // The tag on the marker is an orphan now and keeps its quote (and context), as the Anchors
    // tab shows it; no copy of the old text itself may remain.
    expect(await storeHolds(db, TEXT)).toEqual([])
  })

  it('a deleted case leaves nothing, view state and search index included', async () => {
    const { db, caseId } = await markedCase()
    await deleteCase(db, caseId)
    clearHistory(caseId)
    expect(await storeHolds(db, MARKER)).toEqual([])
    expect(await storeHolds(db, caseId)).toEqual([])
  })

  it('a search index that still names a deleted document is not saved', async () => {
    const { db, caseId, docId } = await markedCase()
    expect(await db.searchIndexes.get(caseId)).toBeDefined()
    await deleteDocument(db, docId)
    const row = { caseId, format: 1, docIds: [docId], parts: { doc: TEXT }, updatedAt: 2 }
    expect(await saveSearchIndex(db, row)).toBe(false)
    expect(await db.searchIndexes.get(caseId)).toBeUndefined()
    expect(await saveSearchIndex(db, { ...row, docIds: [], parts: {} })).toBe(true)
  })

  it('the start-up pass removes the records of a restore that was cut short', async () => {
    const { db, caseId } = await markedCase()
    await db.documents.add({ ...(await db.documents.toArray())[0]!, id: 'orphan', caseId: 'half' })
    await db.texts.add({ id: 'orphan', caseId: 'half', text: 'half-restored' })
    await maintainStore(db)
    expect(await db.documents.get('orphan')).toBeUndefined()
    expect(await storeHolds(db, 'half-restored')).toEqual([])
    expect(await db.documents.where('caseId').equals(caseId).count()).toBe(1)
  })
})
