// @vitest-environment jsdom
/**
 * Which panes a timeline pan re-renders. The timeline sets the app's timeline window on every
 * pan and zoom; only the panes that follow it may render again. The library, the reader and
 * the side pane (inspector, suggestions, anchors, duplicates) are rendered over a real case
 * with an open document and a selected tag, each inside a React Profiler that counts its
 * commits, and the window is then moved ten times.
 */
import { act, Profiler, type ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resetStores } from '../ui/stores/reset'
import { useSelection } from '../ui/stores/selection'
import { useView } from '../ui/stores/view'
import { getDb } from '../db/db'
import { clearHistory } from '../db/history'
import { createEntity, tagPassage } from '../db/tags'
import { LibraryPane } from '../features/library/LibraryPane'
import { ReaderPane } from '../features/reader/ReaderPane'
import { SidePane } from '../features/inspector/SidePane'
import { mountEachTest, polyfillDialog, settle } from '../test/react-root'
import { addWireReport } from '../test/wire-report'

// The library's search box opens the case's search index in a worker as soon as it is shown,
// and jsdom has no Worker: the search client runs the real search handler in-process instead
// (its `createWorker` option), so the index opens as in the app.
const searchClients = vi.hoisted(
  () => [] as { caughtUp: Promise<void>; discard(): Promise<void> }[],
)
vi.mock('../search/search-client', async (original) => {
  const actual = await original<typeof import('../search/search-client')>()
  const { InProcessSearchWorker } = await import('../test/search-worker')
  class SearchClient extends actual.SearchClient {
    constructor(options: ConstructorParameters<typeof actual.SearchClient>[0] = {}) {
      super({ ...options, catchUpDelayMs: 0, createWorker: () => new InProcessSearchWorker() })
      searchClients.push(this)
    }
  }
  return { ...actual, SearchClient }
})

polyfillDialog()
// jsdom lays nothing out; the reader scrolls a flashed passage into view.
Element.prototype.scrollIntoView ??= function () {}

let caseId: string
let docId: string
let tagId: string
const renders = new Map<string, number>()

/** Counts the commits of `children` under `id`. */
function Counted({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Profiler id={id} onRender={() => renders.set(id, (renders.get(id) ?? 0) + 1)}>
      {children}
    </Profiler>
  )
}

/** Follows the window as the graph and the map do (the control: it renders on each move). */
function Follower() {
  const timelineWindow = useView((s) => s.timelineWindow)
  return <output data-testid="window">{JSON.stringify(timelineWindow ?? null)}</output>
}

beforeEach(async () => {
  clearHistory()
  const db = getDb()
  await db.open()
  ;({ caseId, docId } = await addWireReport(db))
  const iran = await createEntity(db, caseId, { name: 'Iran', kind: 'state' })
  tagId = (await tagPassage(db, { docId, start: 0, end: 4, kind: 'actor', entityId: iran.id }))
    .annotation.id
  resetStores({ caseId })
  renders.clear()
})

afterEach(async () => {
  document.body.replaceChildren()
  // The index is not saved into the database that is about to go.
  await Promise.all(searchClients.splice(0).map((c) => c.discard()))
  await getDb().delete()
})

// After the hooks above: the root is made after the seeding, unmounted before the delete.
const mount = mountEachTest()

describe('a timeline pan', () => {
  it('re-renders only what follows the window: not the library, the reader or the inspector', async () => {
    await act(async () =>
      mount.root.render(
        <>
          <Counted id="follower">
            <Follower />
          </Counted>
          <Counted id="library">
            <LibraryPane />
          </Counted>
          <Counted id="reader">
            <ReaderPane />
          </Counted>
          <Counted id="side">
            <SidePane />
          </Counted>
        </>,
      ),
    )
    await act(async () => {
      useSelection.getState().openDocument(docId, { start: 0, end: 4 })
      useSelection.getState().selectTag(tagId)
    })
    const q = (s: string) => mount.container.querySelector(s)
    await settle(
      () =>
        q('[data-testid="doc-row"]') !== null &&
        (q('[data-testid="reader"]')?.textContent ?? '').includes('Iran and Russia') &&
        (q('.side-pane')?.textContent ?? '').includes('Iran'),
    )
    // Count from a quiet state: once the search index has opened and caught up with the store,
    // and a turn of the event loop passes with no commit (every live query has answered).
    await settle(() => searchClients.length > 0)
    await act(() => Promise.all(searchClients.map((c) => c.caughtUp)))
    await settle(() => {
      const quiet = renders.size === 0
      renders.clear()
      return quiet
    })

    const day = 86_400_000
    for (let i = 0; i < 10; i++) {
      await act(async () =>
        useView.getState().setTimelineWindow({ start: i * day, end: (i + 30) * day }),
      )
    }
    expect(q('[data-testid="window"]')!.textContent).toBe(
      JSON.stringify({ start: 9 * day, end: 39 * day }),
    )
    const counts = Object.fromEntries(
      ['follower', 'library', 'reader', 'side'].map((id) => [id, renders.get(id) ?? 0]),
    )
    expect(counts).toEqual({ follower: 10, library: 0, reader: 0, side: 0 })
  })
})
