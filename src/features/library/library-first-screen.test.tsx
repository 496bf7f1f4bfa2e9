// @vitest-environment jsdom
/**
 * While the case's whole document list is being read (seconds at 100,000 documents), the
 * library shows its first screen — the newest documents, read by index — with the case's
 * count, sorting held back, and a line saying the rest is being read; when the whole list
 * arrives it begins with the same rows and sorting works. The whole-list read is held here by
 * a store middleware until the test lets it go.
 */
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Dexie, { type DBCoreQueryRequest, type DBCoreQueryResponse } from 'dexie'
import { createCase } from '../../db/cases'
import { getDb } from '../../db/db'
import { resetStores } from '../../ui/stores/reset'
import type { DocumentMeta } from '../../domain/types'
import { LibraryPane } from './LibraryPane'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true

const DAY = 86_400_000
let container: HTMLDivElement
let root: Root
/** Lets the held whole-list reads go on. */
let release: () => void = () => undefined
let held: Promise<void>

beforeEach(async () => {
  held = new Promise<void>((resolve) => (release = resolve))
  const db = getDb()
  db.use({
    stack: 'dbcore',
    name: 'hold-whole-list',
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name)
          if (name !== 'documents') return table
          return {
            ...table,
            async query(req: DBCoreQueryRequest): Promise<DBCoreQueryResponse> {
              // The whole list: read a page at a time by case and id (case-documents.ts).
              if (req.query.index.name === '[caseId+id]') {
                const res = await table.query(req)
                // Held within the read's transaction, which stays open meanwhile.
                await Dexie.waitFor(held)
                return res
              }
              return table.query(req)
            },
          }
        },
      }
    },
  })
  await db.open()
})

afterEach(async () => {
  release()
  await act(async () => root.unmount())
  document.body.replaceChildren()
  await getDb().delete()
})

const rowTitles = () =>
  [...container.querySelectorAll('[data-testid="doc-row"] .doc-title')].map((e) => e.textContent)
const reading = () => container.querySelector('[data-testid="doc-list-reading"]')
const header = (label: string) =>
  [...container.querySelectorAll<HTMLButtonElement>('.doc-list-head button')].find((b) =>
    b.textContent?.startsWith(label),
  )!

async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !ok(); i++) await act(() => new Promise((r) => setTimeout(r, 10)))
  if (!ok()) throw new Error(`never: ${what}`)
}

describe('the library while the whole list is read', () => {
  it('shows the newest documents first, then the whole list starting with the same rows', async () => {
    const db = getDb()
    const caseId = (await createCase(db, 'Year of reporting')).id
    const docs: DocumentMeta[] = Array.from({ length: 120 }, (_, i) => ({
      id: `doc-${String((i * 53) % 120).padStart(3, '0')}`,
      caseId,
      title: `Report ${String(i).padStart(3, '0')}`,
      publishedAt: (i % 60) * DAY,
      publishedPrecision: 'day',
      textHash: `h${i}`,
      mime: 'text/plain',
      fileName: `${i}.txt`,
      fileSize: 1,
      importer: 'text',
      importerVersion: '1',
      importedAt: i,
    }))
    await db.documents.bulkAdd(docs)
    resetStores({ caseId })
    container = document.createElement('div')
    document.body.append(container)
    root = createRoot(container)
    await act(async () => root.render(<LibraryPane />))

    await until(() => reading() !== null, 'the first screen')
    expect(container.querySelector('[data-testid="library-count"]')?.textContent).toBe(
      'Newest documents · reading the list…',
    )
    const first = rowTitles()
    // Newest first (day 59 holds reports 59 and 119), ties by title, newest first.
    expect(first.slice(0, 4)).toEqual(['Report 119', 'Report 059', 'Report 118', 'Report 058'])
    expect(reading()?.textContent).toBe('Reading the rest of the list…')
    expect(header('Title').disabled).toBe(true)

    await act(async () => release())
    await until(() => reading() === null, 'the whole list')
    expect(container.querySelector('[data-testid="library-count"]')?.textContent).toBe(
      '120 documents',
    )
    expect(rowTitles().slice(0, first.length)).toEqual(first)
    expect(header('Title').disabled).toBe(false)
    await act(async () => header('Title').click())
    expect(rowTitles()[0]).toBe('Report 000')
  })
})
