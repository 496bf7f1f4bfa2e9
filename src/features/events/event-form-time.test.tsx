// @vitest-environment jsdom
/**
 * The event form's time is read from the words in the field as they are now: Ctrl+Enter
 * pressed right after typing new words saves (or refuses) those words, never the time read
 * from the words they replaced. Found by the timeline trial's e2e test on a loaded machine: the
 * form read each keystroke's words in a later task and the save took the last reading, so an
 * event typed as "zzz blorp" was saved with the sentence's "this week".
 */
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCase } from '../../db/cases'
import { getDb } from '../../db/db'
import { addDocuments } from '../../db/documents'
import { clearHistory } from '../../db/history'
import { tagPassage } from '../../db/tags'
import type { AnnotationRecord, DocumentRecord } from '../../domain/types'
import { resetStores } from '../../ui/stores/reset'
import { mountEachTest, polyfillDialog, settle } from '../../test/react-root'
import { textDoc } from '../../test/store'
import { EventForm } from './EventForm'

polyfillDialog()

const TEXT = '"We understand the worry and we will meet the union this week," she said.'
const QUOTE = 'we will meet the union this week'
const PUBLISHED = Date.UTC(2025, 9, 20) // Mon 20 Oct 2025

let caseId: string
let doc: DocumentRecord
let passage: AnnotationRecord

beforeEach(async () => {
  clearHistory()
  const db = getDb()
  await db.open()
  caseId = (await createCase(db, 'Dockers')).id
  resetStores({ caseId })
  const [out] = await addDocuments(db, caseId, [
    textDoc(TEXT, {
      title: 'Dockers block Harbour',
      publishedAt: PUBLISHED,
      publishedPrecision: 'day',
    }),
  ])
  const docId = out!.status === 'stored' ? out!.id : ''
  doc = { ...(await db.documents.get(docId))!, text: TEXT }
  const start = TEXT.indexOf(QUOTE)
  passage = (await tagPassage(db, { docId, start, end: start + QUOTE.length, kind: 'event' }))
    .annotation
})

afterEach(async () => {
  document.body.replaceChildren()
  await getDb().delete()
})

// After the hooks above: the root is made after the seeding, unmounted before the delete.
const mount = mountEachTest()

const byTestId = <T extends HTMLElement = HTMLElement>(id: string) =>
  document.querySelector<T>(`[data-testid="${id}"]`)

/** Sets an input's value as typing does, in its own (synchronous) act: one keystroke's render. */
function typeInto(input: HTMLInputElement, value: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value)
    input.dispatchEvent(new Event('input', { bubbles: true }))
  })
}

/** Ctrl+Enter, pressed in the next task's turn: no promise of the last keystroke has run. */
function ctrlEnter() {
  act(() => {
    document.activeElement!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }),
    )
  })
}

/** The form on the passage, once it has read the sentence's "this week". */
async function openForm() {
  const onClose = vi.fn()
  await act(async () =>
    mount.root.render(
      <EventForm doc={doc} passage={passage} tags={[passage]} entities={[]} onClose={onClose} />,
    ),
  )
  const when = byTestId<HTMLInputElement>('event-when')!
  await settle(() => when.value === 'this week' && resolutionText().startsWith("'this week'"))
  typeInto(byTestId<HTMLInputElement>('event-title')!, 'Port authority to meet the union')
  when.focus()
  return { when, onClose }
}

const resolutionText = () => byTestId('event-resolution')?.textContent ?? ''
const storedEvents = () => getDb().events.where('caseId').equals(caseId).toArray()

describe('EventForm: the time saved is the time typed', () => {
  it('refuses words that name no time when Ctrl+Enter follows the typing at once', async () => {
    const { when, onClose } = await openForm()
    typeInto(when, 'zzz blorp')
    ctrlEnter()
    await settle(() => /^Not saved/.test(byTestId('event-error')?.textContent ?? ''))
    expect(byTestId('event-error')!.textContent).toBe('Not saved: one problem — When.')
    expect(when.value).toBe('zzz blorp')
    expect(onClose).not.toHaveBeenCalled()
    expect(await storedEvents()).toEqual([])
  })

  it('saves the day typed, not the week the sentence said, when Ctrl+Enter follows at once', async () => {
    const { when, onClose } = await openForm()
    typeInto(when, '15 October 2025')
    ctrlEnter()
    await settle(() => onClose.mock.calls.length > 0)
    const [saved] = await storedEvents()
    expect(saved!.when?.resolvedFrom?.text).toBe('15 October 2025')
    expect(new Date(saved!.when!.start).toISOString().slice(0, 10)).toBe('2025-10-15')
  })
})
