import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BriefingRecord, Judgement } from '../domain/types'
import {
  COALESCE_WINDOW_MS,
  addJudgement,
  addSection,
  briefingsCitingEvent,
  createBriefing,
  deleteBriefing,
  listBriefings,
  moveJudgement,
  moveSection,
  removeJudgement,
  removeSection,
  setBriefingEvents,
  updateBriefing,
  updateJudgement,
  updateSection,
  type BriefingInput,
} from './briefings'
import { createCase } from './cases'
import { createEvent, deleteEvent } from './events'
import { clearHistory, historyState, redo, undo } from './history'
import type { CasefileDB } from './schema'
import { at, storeWithDocument } from './test-fixtures'

let db: CasefileDB
let caseId: string
let events: { strike: string; meeting: string; other: string }

const event = (title: string) => ({
  title,
  type: 'assault/strike',
  initiators: [],
  targets: [],
  evidence: [],
})

const judgement: Omit<Judgement, 'id'> = {
  text: 'Iran will strike again within the week.',
  likelihood: 'unlikely',
  confidence: 'moderate',
  eventIds: [],
}

/** Everything in the store that a refused write must leave alone. */
async function snapshot() {
  return {
    briefings: await db.briefings.toArray(),
    changes: await db.changes.count(),
    history: historyState(caseId),
  }
}

const stored = async (id: string) => (await db.briefings.get(id))!

/** Sets the clock (only `Date`: fake-indexeddb keeps its real timers). */
const clock = (ms: number) => vi.setSystemTime(ms)

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  clock(at(0))
  ;({ db, caseId } = await storeWithDocument('test-briefings', 'Iran fired missiles.'))
  const strike = await createEvent(db, caseId, event('Missile strike on Al Udeid'))
  const meeting = await createEvent(db, caseId, event('Araghchi meets Putin'))
  const otherCase = await createCase(db, 'Other')
  const other = await createEvent(db, otherCase.id, event('Rockets from Lebanon'))
  events = { strike: strike.id, meeting: meeting.id, other: other.id }
  clearHistory()
})
afterEach(async () => {
  vi.useRealTimers()
  await db.delete()
})

describe('createBriefing', () => {
  it('creates a briefing with defaults, as one undoable action', async () => {
    const b = await createBriefing(db, caseId)
    expect(b).toEqual({
      id: b.id,
      caseId,
      title: 'Untitled briefing',
      handling: '',
      date: at(0),
      bluf: '',
      judgements: [],
      sections: [],
      eventIds: [],
      createdAt: at(0),
      updatedAt: at(0),
    })
    expect(await stored(b.id)).toEqual(b)
    expect(historyState(caseId).undo).toBe('Create briefing “Untitled briefing”')
    await undo(db, caseId)
    expect(await db.briefings.get(b.id)).toBeUndefined()
    await redo(db, caseId)
    expect(await stored(b.id)).toEqual(b)
  })

  it('takes initial fields, tidied like an update', async () => {
    const b = await createBriefing(db, caseId, {
      title: '  Iran   retaliates ',
      handling: 'OFFICIAL',
      eventIds: [events.meeting, events.strike, events.meeting],
      date: undefined,
    })
    expect(b).toMatchObject({
      title: 'Iran retaliates',
      handling: 'OFFICIAL',
      eventIds: [events.meeting, events.strike],
    })
    expect('date' in b).toBe(false)
  })

  it('refuses invalid initial fields and unknown cases, storing nothing', async () => {
    const before = await snapshot()
    await expect(createBriefing(db, caseId, { title: ' ' })).rejects.toMatchObject({
      code: 'INVALID',
    })
    await expect(createBriefing(db, caseId, { eventIds: [events.other] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(createBriefing(db, 'no-such-case')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await snapshot()).toEqual(before)
  })
})

describe('updateBriefing', () => {
  let b: BriefingRecord
  beforeEach(async () => {
    b = await createBriefing(db, caseId)
    clock(at(1))
  })

  it('changes fields, trims the title, clears author and date, and undoes', async () => {
    const withAuthor = await updateBriefing(db, b.id, { author: 'Duty analyst' })
    expect(withAuthor.author).toBe('Duty analyst')
    const edited = await updateBriefing(db, b.id, {
      title: '  Iran \n retaliates ',
      handling: 'OFFICIAL — SENSITIVE',
      bluf: 'Iran struck back.',
      author: '  ',
      date: undefined,
    })
    expect(edited).toMatchObject({
      title: 'Iran retaliates',
      handling: 'OFFICIAL — SENSITIVE',
      bluf: 'Iran struck back.',
      updatedAt: at(1),
      createdAt: at(0),
    })
    expect('author' in edited || 'date' in edited).toBe(false)
    expect(await stored(b.id)).toEqual(edited)
    expect(historyState(caseId).undo).toBe('Edit briefing “Untitled briefing”')

    await undo(db, caseId)
    expect(await stored(b.id)).toEqual(withAuthor)
    await redo(db, caseId)
    expect(await stored(b.id)).toEqual(edited)
  })

  it('ignores id, case and timestamps in a patch (a whole record may be passed)', async () => {
    const patch = { ...b, id: 'other', caseId: 'other', createdAt: 1, bluf: 'New.' }
    const edited = await updateBriefing(db, b.id, patch)
    expect(edited).toEqual({ ...b, bluf: 'New.', updatedAt: at(1) })
    expect(await db.briefings.count()).toBe(1)
  })

  it('writes nothing and adds no undo step for an update that changes nothing', async () => {
    const before = await snapshot()
    await updateBriefing(db, b.id, { title: ' Untitled   briefing', bluf: '' })
    expect(await snapshot()).toEqual(before)
  })

  const refusals: [string, () => Partial<BriefingInput>, string, RegExp][] = [
    [
      'a likelihood that is not a standard term',
      () => ({ judgements: [{ ...judgement, id: 'j', likelihood: 'probable' as never }] }),
      'INVALID',
      /Key judgement 1 \(judgements\[0\]\.likelihood\)/,
    ],
    ['a title that is too long', () => ({ title: 'x'.repeat(2001) }), 'INVALID', /title/],
    ['an empty title', () => ({ title: ' \n ' }), 'INVALID', /title/],
    ['a date that is not a time', () => ({ date: 1.5 }), 'INVALID', /date/],
    [
      'two judgements with one id',
      () => ({
        judgements: [
          { ...judgement, id: 'j' },
          { ...judgement, id: 'j' },
        ],
      }),
      'INVALID',
      /key judgement/,
    ],
    ['an unknown event', () => ({ eventIds: [events.strike, 'gone'] }), 'NOT_FOUND', /event/],
    ['an event of another case', () => ({ eventIds: [events.other] }), 'NOT_FOUND', /event/],
    [
      'a judgement citing an event of another case',
      () => ({ judgements: [{ ...judgement, id: 'j', eventIds: [events.other] }] }),
      'NOT_FOUND',
      /event/,
    ],
  ]

  for (const [what, patch, code, message] of refusals) {
    it(`refuses ${what}, storing nothing and adding no undo step`, async () => {
      const before = await snapshot()
      const refused = updateBriefing(db, b.id, patch(), { coalesceKey: 'bluf' })
      await expect(refused).rejects.toMatchObject({ code })
      await expect(refused).rejects.toThrow(message)
      expect(await snapshot()).toEqual(before)
      // The last step is still the creation.
      await undo(db, caseId)
      expect(await db.briefings.get(b.id)).toBeUndefined()
    })
  }

  it('reports a briefing that no longer exists', async () => {
    await expect(updateBriefing(db, 'gone', { bluf: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('keeps an event id whose event was deleted, so typing still saves', async () => {
    await setBriefingEvents(db, b.id, [events.strike, events.meeting])
    const j = await addJudgement(db, b.id, { ...judgement, eventIds: [events.meeting] })
    expect((await briefingsCitingEvent(db, caseId, events.meeting)).map((x) => x.id)).toEqual([
      b.id,
    ])
    await removeJudgement(db, b.id, j.id)
    await deleteEvent(db, events.strike)
    const edited = await updateBriefing(db, b.id, { bluf: 'Still typing.' })
    expect(edited.eventIds).toEqual([events.strike, events.meeting])
    expect(await briefingsCitingEvent(db, caseId, events.strike)).toEqual([edited])
    // …but a dangling id cannot be added anew.
    await expect(
      updateBriefing(db, b.id, { judgements: [{ ...judgement, id: 'j', eventIds: ['gone'] }] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('setBriefingEvents', () => {
  it('keeps the order given, removes duplicates, and undoes', async () => {
    const b = await createBriefing(db, caseId)
    const set = await setBriefingEvents(db, b.id, [events.meeting, events.strike, events.meeting])
    expect(set.eventIds).toEqual([events.meeting, events.strike])
    expect(historyState(caseId).undo).toBe('Choose the events of “Untitled briefing”')
    await undo(db, caseId)
    expect((await stored(b.id)).eventIds).toEqual([])
  })
})

describe('key judgements', () => {
  it('are added, edited, moved and removed, each one undoable step', async () => {
    const b = await createBriefing(db, caseId)
    const j1 = await addJudgement(db, b.id, judgement)
    const j2 = await addJudgement(db, b.id, {
      ...judgement,
      text: 'Russia knew in advance.',
      eventIds: [events.meeting, events.meeting],
    })
    expect(j1).toEqual({ ...judgement, id: j1.id })
    expect(j2.eventIds).toEqual([events.meeting])
    const ids = async () => (await stored(b.id)).judgements.map((j) => j.id)
    expect(await ids()).toEqual([j1.id, j2.id])

    const edited = await updateJudgement(db, b.id, j1.id, { likelihood: 'likely' })
    expect(edited.judgements[0]).toEqual({ ...j1, likelihood: 'likely' })
    await moveJudgement(db, b.id, j2.id, 0)
    expect(await ids()).toEqual([j2.id, j1.id])
    await removeJudgement(db, b.id, j2.id)
    expect(await ids()).toEqual([j1.id])

    await undo(db, caseId) // remove
    expect(await ids()).toEqual([j2.id, j1.id])
    await undo(db, caseId) // move
    expect(await ids()).toEqual([j1.id, j2.id])
    await undo(db, caseId) // edit
    expect((await stored(b.id)).judgements[0]).toEqual(j1)
    await undo(db, caseId) // second add
    expect(await ids()).toEqual([j1.id])
    await redo(db, caseId)
    await redo(db, caseId)
    await redo(db, caseId)
    await redo(db, caseId)
    expect(await ids()).toEqual([j1.id])
    expect((await stored(b.id)).judgements[0]!.likelihood).toBe('likely')
  })

  it('refuse bad edits and missing judgements; a move is clamped; removing twice is harmless', async () => {
    const b = await createBriefing(db, caseId)
    const j1 = await addJudgement(db, b.id, judgement)
    const j2 = await addJudgement(db, b.id, judgement)
    const before = await snapshot()
    await expect(
      updateJudgement(db, b.id, j1.id, { likelihood: 'probable' as never }),
    ).rejects.toMatchObject({ code: 'INVALID' })
    await expect(
      updateJudgement(db, b.id, j1.id, { eventIds: [events.other] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(updateJudgement(db, b.id, 'gone', { text: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(moveJudgement(db, b.id, j1.id, NaN)).rejects.toMatchObject({ code: 'INVALID' })
    await expect(
      addJudgement(db, b.id, { ...judgement, confidence: 'total' as never }),
    ).rejects.toMatchObject({ code: 'INVALID' })
    await moveJudgement(db, b.id, j1.id, 0) // already there: no step
    await removeJudgement(db, b.id, 'gone')
    expect(await snapshot()).toEqual(before)

    const moved = await moveJudgement(db, b.id, j1.id, 99)
    expect(moved.judgements.map((j) => j.id)).toEqual([j2.id, j1.id])
  })
})

describe('sections', () => {
  it('are added, edited, moved and removed, each one undoable step', async () => {
    const b = await createBriefing(db, caseId)
    const s1 = await addSection(db, b.id, { heading: 'Chronology', body: '' })
    const s2 = await addSection(db, b.id, { heading: 'Sources', body: 'Gazette (B2).' })
    const ids = async () => (await stored(b.id)).sections.map((s) => s.id)
    expect(await ids()).toEqual([s1.id, s2.id])

    await updateSection(db, b.id, s1.id, { body: 'Monday: strike.' })
    expect((await stored(b.id)).sections[0]).toEqual({ ...s1, body: 'Monday: strike.' })
    await moveSection(db, b.id, s1.id, 1)
    expect(await ids()).toEqual([s2.id, s1.id])
    await removeSection(db, b.id, s2.id)
    expect(await ids()).toEqual([s1.id])
    await expect(
      updateSection(db, b.id, s1.id, { heading: 'x'.repeat(2001) }),
    ).rejects.toMatchObject({ code: 'INVALID' })
    await expect(updateSection(db, b.id, s2.id, { body: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })

    await undo(db, caseId) // remove
    expect(await ids()).toEqual([s2.id, s1.id])
    await undo(db, caseId) // move
    expect(await ids()).toEqual([s1.id, s2.id])
    await undo(db, caseId) // edit
    expect((await stored(b.id)).sections[0]).toEqual(s1)
    await redo(db, caseId)
    expect((await stored(b.id)).sections[0]!.body).toBe('Monday: strike.')
  })
})

describe('typing: coalesced undo steps', () => {
  const TEXT = 'Iran struck Al Udeid.'
  let b: BriefingRecord

  beforeEach(async () => {
    b = await createBriefing(db, caseId, { bluf: 'Draft.' })
    clock(at(5))
  })

  /** Types `text` into the BLUF one keystroke every `gap` ms, checking each is stored. */
  async function typeBluf(text: string, gap = 100, key = 'bluf', start = 1) {
    for (let n = start; n <= text.length; n++) {
      clock(Date.now() + gap)
      await updateBriefing(db, b.id, { bluf: text.slice(0, n) }, { coalesceKey: key })
      expect((await stored(b.id)).bluf).toBe(text.slice(0, n)) // nothing waits to be saved
    }
  }

  it('makes 20 quick updates with one key one undo step, restoring the text before the first', async () => {
    const text = TEXT.slice(0, 20)
    await typeBluf(text)
    expect(historyState(caseId).undo).toBe('Edit briefing “Untitled briefing”')
    // Every keystroke is in the change log, as one action (one row of the history pane).
    const logged = await db.changes
      .filter((c) => c.recordId === b.id && c.action === 'Edit briefing “Untitled briefing”')
      .toArray()
    expect(logged).toHaveLength(20)
    expect(new Set(logged.map((c) => c.group)).size).toBe(1)

    await undo(db, caseId)
    expect((await stored(b.id)).bluf).toBe('Draft.')
    expect(historyState(caseId)).toEqual({
      undo: 'Create briefing “Untitled briefing”',
      redo: 'Edit briefing “Untitled briefing”',
    })
    await redo(db, caseId)
    expect((await stored(b.id)).bluf).toBe(text)
  })

  it('counts the window from the previous keystroke, not the first', async () => {
    await typeBluf(TEXT, COALESCE_WINDOW_MS - 1) // 21 keystrokes over half a minute
    await undo(db, caseId)
    expect((await stored(b.id)).bluf).toBe('Draft.')
  })

  it('starts a new step after a pause longer than the window', async () => {
    await typeBluf('Iran')
    clock(Date.now() + COALESCE_WINDOW_MS)
    await typeBluf('Iran struck', 100, 'bluf', 5)
    await undo(db, caseId)
    expect((await stored(b.id)).bluf).toBe('Iran')
    await undo(db, caseId)
    expect((await stored(b.id)).bluf).toBe('Draft.')
  })

  it('starts a new step for another key, another briefing, or no key', async () => {
    await typeBluf('Iran')
    await updateBriefing(db, b.id, { title: 'T' }, { coalesceKey: 'title' })
    await updateBriefing(db, b.id, { title: 'Te' }, { coalesceKey: 'title' })
    const other = await createBriefing(db, caseId, { title: 'Other' })
    await updateBriefing(db, other.id, { bluf: 'O' }, { coalesceKey: 'bluf' })
    await updateBriefing(db, b.id, { bluf: 'Iran!' })
    await updateBriefing(db, b.id, { bluf: 'Iran!!' })

    await undo(db, caseId)
    expect((await stored(b.id)).bluf).toBe('Iran!')
    await undo(db, caseId)
    expect((await stored(b.id)).bluf).toBe('Iran')
    await undo(db, caseId) // the other briefing's BLUF
    expect((await stored(other.id)).bluf).toBe('')
    await undo(db, caseId) // its creation
    await undo(db, caseId) // both title keystrokes
    expect(await stored(b.id)).toMatchObject({ title: 'Untitled briefing', bluf: 'Iran' })
    await undo(db, caseId)
    expect((await stored(b.id)).bluf).toBe('Draft.')
  })

  it('starts a new step after anything else is done, undone or redone', async () => {
    await typeBluf('Ir')
    await addJudgement(db, b.id, judgement)
    await typeBluf('Iran', 100, 'bluf', 3)
    await undo(db, caseId) // "an"
    expect((await stored(b.id)).bluf).toBe('Ir')
    await typeBluf('Iraq', 100, 'bluf', 3) // typing straight after an undo
    await undo(db, caseId)
    expect((await stored(b.id)).bluf).toBe('Ir')
    await undo(db, caseId) // the judgement
    expect((await stored(b.id)).judgements).toEqual([])
    await undo(db, caseId)
    expect((await stored(b.id)).bluf).toBe('Draft.')
  })

  it('merges keystrokes into a judgement text under its own key', async () => {
    const j = await addJudgement(db, b.id, { ...judgement, text: '' })
    const key = `judgement:${j.id}:text`
    for (const text of ['I', 'Ir', 'Ira', 'Iran']) {
      clock(Date.now() + 200)
      await updateJudgement(db, b.id, j.id, { text }, { coalesceKey: key })
    }
    await undo(db, caseId)
    expect((await stored(b.id)).judgements[0]!.text).toBe('')
    await undo(db, caseId)
    expect((await stored(b.id)).judgements).toEqual([])
  })

  it('saves keystrokes sent without waiting, in order, as one step', async () => {
    const saves = ['I', 'Ir', 'Ira', 'Iran'].map((bluf) =>
      updateBriefing(db, b.id, { bluf }, { coalesceKey: 'bluf' }),
    )
    const results = await Promise.all(saves)
    expect(results.map((r) => r.bluf)).toEqual(['I', 'Ir', 'Ira', 'Iran'])
    expect((await stored(b.id)).bluf).toBe('Iran')
    await undo(db, caseId)
    expect((await stored(b.id)).bluf).toBe('Draft.')
  })

  it('a refused keystroke stores nothing and does not break the run', async () => {
    await typeBluf('Ir')
    await expect(
      updateBriefing(db, b.id, { bluf: 'Ira', date: NaN }, { coalesceKey: 'bluf' }),
    ).rejects.toMatchObject({ code: 'INVALID' })
    await typeBluf('Iran', 100, 'bluf', 3)
    await undo(db, caseId)
    expect((await stored(b.id)).bluf).toBe('Draft.')
  })

  it('does not hand out the snapshot the undo step holds', async () => {
    const first = await updateBriefing(db, b.id, { bluf: 'I' }, { coalesceKey: 'bluf' })
    await updateBriefing(db, b.id, { bluf: 'Ir' }, { coalesceKey: 'bluf' })
    expect(first.bluf).toBe('I')
  })
})

describe('deleteBriefing and listBriefings', () => {
  it('deletes as an undoable action; lists the case’s briefings, latest change first', async () => {
    const a = await createBriefing(db, caseId, { title: 'A' })
    clock(at(1))
    const b = await createBriefing(db, caseId, { title: 'B' })
    clock(at(2))
    await updateBriefing(db, a.id, { bluf: 'Newer.' })
    const otherCase = await createCase(db, 'Other')
    await createBriefing(db, otherCase.id, { title: 'Elsewhere' })
    expect((await listBriefings(db, caseId)).map((x) => x.title)).toEqual(['A', 'B'])

    await deleteBriefing(db, a.id)
    expect(await db.briefings.get(a.id)).toBeUndefined()
    expect(historyState(caseId).undo).toBe('Delete briefing “A”')
    await deleteBriefing(db, a.id) // already gone: nothing happens
    expect((await listBriefings(db, caseId)).map((x) => x.id)).toEqual([b.id])

    await undo(db, caseId)
    expect((await stored(a.id)).bluf).toBe('Newer.')
    expect((await listBriefings(db, caseId)).map((x) => x.title)).toEqual(['A', 'B'])
  })
})
