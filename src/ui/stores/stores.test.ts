import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCase } from '../../db/cases'
import { getDb } from '../../db/db'
import { clearHistory, latestUndoGroup, recordAction } from '../../db/history'
import { readSetting } from '../../db/settings'
import type { GraphEdge } from '../../domain/graph-model'
import { NOTICE_MS, NOTICES_KEPT, NOTICES_SHOWN, noticeStack, useNotices } from './notices'
import { resetStores } from './reset'
import { useSelection } from './selection'
import { useView } from './view'

const edge = { id: 'ev:a>b:assault', from: 'a', to: 'b' } as unknown as GraphEdge
const sel = () => useSelection.getState()
const view = () => useView.getState()

beforeEach(() => resetStores({ caseId: 'case-1' }))
afterEach(() => vi.useRealTimers())

describe('selection', () => {
  it('opens a document, at a passage to flash that is new each time it is asked for', () => {
    sel().openDocument('doc-1', { start: 3, end: 9 })
    const first = sel().focus
    expect(first).toMatchObject({ docId: 'doc-1', start: 3, end: 9 })
    sel().openDocument('doc-1', { start: 3, end: 9 })
    expect(sel().focus!.seq).toBeGreaterThan(first!.seq)
    sel().openDocument('doc-2')
    expect(sel()).toMatchObject({ docId: 'doc-2', focus: undefined })
  })

  it('shows one thing at a time in the inspector: a tag, an edge or an event', () => {
    sel().selectEdge(edge)
    sel().selectTag('tag-1')
    expect(sel()).toMatchObject({ selectedTagId: 'tag-1', selectedEdge: undefined })
    sel().selectEvent('event-1', { keepTag: true })
    expect(sel()).toMatchObject({ selectedTagId: 'tag-1', selectedEventId: 'event-1' })
    sel().selectEvent('event-2')
    expect(sel()).toMatchObject({ selectedTagId: undefined, selectedEventId: 'event-2' })
    sel().selectEdge(edge)
    expect(sel()).toMatchObject({
      selectedEdge: edge,
      selectedTagId: undefined,
      selectedEventId: undefined,
    })
    sel().selectEvent('event-3')
    expect(sel().selectedEdge).toBeUndefined()
    // Clearing a selection leaves the others as they are.
    sel().selectEdge(edge)
    sel().selectTag(undefined)
    expect(sel().selectedEdge).toBe(edge)
  })

  it('opening a case clears the selection and the view, keeps the notices, and is remembered', async () => {
    await getDb().open()
    sel().openDocument('doc-1', { start: 0, end: 2 })
    sel().selectTag('tag-1')
    sel().selectEvent('event-1', { keepTag: true })
    view().setQuery('strike')
    view().setActorFocus('actor-1')
    view().setTimelineWindow({ start: 1, end: 2 })
    useNotices.getState().notify('Saved.', 'error')

    sel().openCase('case-2')
    expect(sel()).toMatchObject({
      caseId: 'case-2',
      docId: undefined,
      focus: undefined,
      selectedTagId: undefined,
      selectedEventId: undefined,
      selectedEdge: undefined,
    })
    expect(view()).toMatchObject({ query: '', actorFocusId: '', timelineWindow: undefined })
    expect(useNotices.getState().notices.map((n) => n.text)).toEqual(['Saved.'])
    await vi.waitFor(async () => expect(await readSetting('lastCaseId', null)).toBe('case-2'))
    sel().openCase(undefined)
    await vi.waitFor(async () => expect(await readSetting('lastCaseId', 'x')).toBeNull())
  })
})

describe('small stores', () => {
  it('a timeline pan notifies only the view store’s subscribers', () => {
    const selection = vi.fn()
    const notices = vi.fn()
    const views = vi.fn()
    const offs = [
      useSelection.subscribe(selection),
      useNotices.subscribe(notices),
      useView.subscribe(views),
    ]
    for (let i = 0; i < 5; i++) view().setTimelineWindow({ start: i, end: i + 10 })
    offs.forEach((off) => off())
    expect(views).toHaveBeenCalledTimes(5)
    expect(selection).not.toHaveBeenCalled()
    expect(notices).not.toHaveBeenCalled()
    expect(view().timelineWindow).toEqual({ start: 4, end: 14 })
  })

  it('actions keep their identity, so selecting one never re-renders', () => {
    const before = [sel().openDocument, view().setTimelineWindow, useNotices.getState().notify]
    sel().openDocument('doc-1')
    view().setTimelineWindow({ start: 0, end: 1 })
    useNotices.getState().notify('x')
    expect([sel().openDocument, view().setTimelineWindow, useNotices.getState().notify]).toEqual(
      before,
    )
  })

  it('resetStores starts afresh with the case given', () => {
    sel().openDocument('doc-1')
    view().setQuery('q')
    useNotices.getState().notify('n')
    resetStores({ caseId: 'case-9' })
    expect(sel()).toMatchObject({ caseId: 'case-9', docId: undefined })
    expect(view().query).toBe('')
    expect(useNotices.getState().notices).toEqual([])
    resetStores()
    expect(sel().caseId).toBeUndefined()
  })
})

describe('notices', () => {
  it('keeps the last twenty; errors stay longer than the rest; dismiss removes one', () => {
    vi.useFakeTimers()
    const { notify, dismiss } = useNotices.getState()
    notify('Failed to save.', 'error')
    for (let i = 1; i <= NOTICES_KEPT; i++) notify(`Saved ${i}.`, i === 1 ? 'success' : 'info')
    const texts = () => useNotices.getState().notices.map((n) => n.text)
    expect(texts()).toHaveLength(NOTICES_KEPT)
    expect(texts()[0]).toBe('Saved 1.')
    expect(texts().at(-1)).toBe(`Saved ${NOTICES_KEPT}.`)
    notify('Could not read the file.', 'error')
    vi.advanceTimersByTime(NOTICE_MS)
    expect(texts()).toEqual(['Could not read the file.'])
    expect(useNotices.getState().notices[0]!.kind).toBe('error')
    dismiss(useNotices.getState().notices[0]!.id)
    expect(texts()).toEqual([])
  })

  it('marks the notice of an undoable action with that action, and only that one', async () => {
    const { notify } = useNotices.getState()
    notify('Nothing recorded yet.', 'info', { undo: true })
    const db = getDb()
    const caseId = (await createCase(db, 'Notices')).id
    const row = { id: 'text-notice', caseId, text: 'Iran' }
    await recordAction(db, caseId, 'Delete Iran', ['texts'], async (record) => {
      await db.texts.put(row)
      record({ op: 'create', table: 'texts', recordId: row.id, after: row })
    })
    notify('Deleted Iran.', 'info', { undo: true })
    notify('Saved.')
    expect(useNotices.getState().notices.map((n) => [n.text, n.undo])).toEqual([
      ['Nothing recorded yet.', undefined],
      ['Deleted Iran.', latestUndoGroup()],
      ['Saved.', undefined],
    ])
    expect(latestUndoGroup()).toMatch(/\S/)
    clearHistory()
  })

  it('shows the newest three, newest first, and folds the older ones newest first', () => {
    const list = [1, 2, 3, 4, 5].map((id) => ({ id, kind: 'info' as const, text: `n${id}` }))
    const { shown, folded } = noticeStack(list)
    expect(NOTICES_SHOWN).toBe(3)
    expect(shown.map((n) => n.text)).toEqual(['n5', 'n4', 'n3'])
    expect(folded.map((n) => n.text)).toEqual(['n2', 'n1'])
    expect(noticeStack(list.slice(0, 2))).toEqual({ shown: [list[1], list[0]], folded: [] })
  })
})
