// @vitest-environment jsdom
import { act, useEffect } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useSelection } from '../../ui/stores/selection'
import { resetStores } from '../../ui/stores/reset'
import { createCase } from '../../db/cases'
import { getDb } from '../../db/db'
import { addDocuments } from '../../db/documents'
import { clearHistory } from '../../db/history'
import { replaceDocumentText } from '../../db/reanchor'
import { settle } from '../../test/react-root'
import { tagPassage } from '../../db/tags'
import { sha256Hex } from '../../db/test-fixtures'
import { OrphansPanel } from './OrphansPanel'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true

const V1 =
  'The port closed on Tuesday.\n\nAt least nine workers were treated for breathing ' +
  'difficulties, the hospital said.\n\n"The alarm was raised late," said Irena Kosta.\n\n' +
  'Divers inspected the hull.'
const V2 =
  'The port closed on Tuesday.\n\nAt least eleven workers were treated for breathing ' +
  'difficulties, the hospital said.\n\nDivers inspected the hull.'
const FUZZY = 'At least nine workers were treated for breathing difficulties'
const ORPHAN = 'The alarm was raised late'

let container: HTMLDivElement
let root: Root
let docId: string

/** Opens the document in the app state, as clicking it in the library would. */
function Open({ id }: { id: string }) {
  const openDocument = useSelection((s) => s.openDocument)
  useEffect(() => openDocument(id), [id, openDocument])
  return null
}

const items = () => [...container.querySelectorAll<HTMLElement>('[data-testid="flagged-tag"]')]
const button = (item: HTMLElement, name: string) =>
  [...item.querySelectorAll('button')].find((b) => b.textContent === name)!

beforeEach(async () => {
  clearHistory()
  const db = getDb()
  await db.open()
  const caseId = (await createCase(db, 'Port')).id
  resetStores({ caseId })
  const [out] = await addDocuments(db, caseId, [
    {
      title: 'Port',
      text: V1,
      textHash: await sha256Hex(V1),
      mime: 'text/plain',
      fileName: 'port.txt',
      fileSize: V1.length,
      importer: 'text',
      importerVersion: '1',
    },
  ])
  docId = out!.status === 'stored' ? out!.id : ''
  for (const quote of [FUZZY, ORPHAN]) {
    const start = V1.indexOf(quote)
    await tagPassage(db, { docId, start, end: start + quote.length, kind: 'claim' })
  }
  await replaceDocumentText(db, docId, { text: V2, textHash: await sha256Hex(V2) })

  container = document.createElement('div')
  document.body.append(container)
  // A stand-in for the reader: one paragraph element per paragraph, as ReaderText renders.
  const reader = document.createElement('div')
  reader.dataset.testid = 'reader-text'
  let at = 0
  for (const p of V2.split('\n\n')) {
    const el = document.createElement('p')
    el.dataset.start = String(at)
    el.textContent = p
    reader.append(el)
    at += p.length + 2
  }
  document.body.append(reader)
  root = createRoot(container)
  await act(async () =>
    root.render(
      <>
        <Open id={docId} />
        <OrphansPanel docId={docId} />
      </>,
    ),
  )
  await settle(() => items().length === 2)
})

afterEach(async () => {
  await act(async () => root.unmount())
  document.body.replaceChildren()
  await getDb().delete()
})

describe('OrphansPanel', () => {
  it('lists the fuzzy tag with both quotes and the orphan with its quote', () => {
    const [fuzzy, orphan] = items() as [HTMLElement, HTMLElement]
    expect(fuzzy.dataset.status).toBe('fuzzy')
    expect(fuzzy.querySelector('[data-testid="flagged-status"]')!.textContent).toMatch(
      /^Fuzzy 0\.\d\d$/,
    )
    expect(fuzzy.querySelector('[data-testid="flagged-quote"]')!.textContent).toBe(FUZZY)
    expect(fuzzy.querySelector('[data-testid="flagged-now"]')!.textContent).toBe(
      'At least eleven workers were treated for breathing difficulties',
    )
    expect(orphan.dataset.status).toBe('orphan')
    expect(orphan.querySelector('[data-testid="flagged-quote"]')!.textContent).toBe(ORPHAN)
    expect(button(orphan, 'Accept')).toBeUndefined()
    expect(button(orphan, 'Show')).toBeUndefined()
  })

  it('accepts a fuzzy tag, clearing its flag', async () => {
    const id = (await getDb().annotations.toArray()).find((a) => a.anchor?.status === 'fuzzy')!.id
    await act(async () => button(items()[0]!, 'Accept').click())
    await settle(() => items().length === 1)
    expect((await getDb().annotations.get(id))!.anchor).toBeUndefined()
  })

  it('re-attaches the orphan to the words selected in the reader', async () => {
    const words = 'Divers inspected the hull'
    const p = document.querySelector<HTMLElement>('[data-testid="reader-text"] p:last-child')!
    const range = document.createRange()
    range.setStart(p.firstChild!, 0)
    range.setEnd(p.firstChild!, words.length)
    window.getSelection()!.removeAllRanges()
    window.getSelection()!.addRange(range)
    await act(async () => button(items()[1]!, 'Re-attach to selection').click())
    await settle(() => items().length === 1)
    const tag = (await getDb().annotations.toArray()).find((a) => a.exact === words)!
    expect(tag).toMatchObject({ start: V2.indexOf(words), end: V2.indexOf(words) + words.length })
    expect(tag.anchor).toBeUndefined()
  })

  it('deletes a flagged tag', async () => {
    await act(async () => button(items()[1]!, 'Delete').click())
    await settle(() => items().length === 1)
    expect(await getDb().annotations.count()).toBe(1)
  })
})
