// @vitest-environment jsdom
/**
 * Ctrl+K (the `search:focus` command) moves the focus into the search box within the key's own
 * event, from the documents tab and from another tab, so that what the analyst types straight
 * after it lands in the box. (Focusing a frame later lost the first typed letter to the reader.)
 */
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCase } from '../../db/cases'
import { getDb } from '../../db/db'
import { addDocuments } from '../../db/documents'
import { sha256Hex } from '../../db/test-fixtures'
import { runCommand } from '../../ui/commands'
import { resetStores } from '../../ui/stores/reset'
import { LibraryPane } from './LibraryPane'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true

let container: HTMLDivElement
let root: Root

beforeEach(async () => {
  const db = getDb()
  await db.open()
  const caseId = (await createCase(db, 'Focus')).id
  const text = 'Colonel Varga crossed the northern ridge at dawn.'
  await addDocuments(db, caseId, [
    {
      title: 'Report',
      text,
      textHash: await sha256Hex(text),
      mime: 'text/plain',
      fileName: 'report.txt',
      fileSize: text.length,
      importer: 'text',
      importerVersion: '1',
    },
  ])
  resetStores({ caseId })
  container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
  await act(async () => root.render(<LibraryPane />))
  // The box is enabled once the case's documents are read.
  for (let i = 0; i < 200 && (searchBox()?.disabled ?? true); i++) {
    await act(() => new Promise((r) => setTimeout(r, 10)))
  }
  expect(searchBox()?.disabled).toBe(false)
})

afterEach(async () => {
  await act(async () => root.unmount())
  document.body.replaceChildren()
  await getDb().delete()
})

const searchBox = () => container.querySelector<HTMLInputElement>('[data-testid="search-input"]')

describe('Ctrl+K', () => {
  it('focuses the search box at once, not a frame later', () => {
    expect(searchBox()).not.toBeNull()
    expect(document.activeElement).not.toBe(searchBox())
    act(() => runCommand('search:focus'))
    expect(document.activeElement).toBe(searchBox())
  })

  it('from the Entities tab, shows the documents tab and focuses its box at once', () => {
    const entities = [...container.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find(
      (b) => b.textContent === 'Entities',
    )!
    act(() => entities.click())
    expect(searchBox()).toBeNull()
    act(() => runCommand('search:focus'))
    expect(searchBox()).not.toBeNull()
    expect(searchBox()?.disabled).toBe(false)
    expect(document.activeElement).toBe(searchBox())
  })
})
