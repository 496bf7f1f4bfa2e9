/**
 * The 100,000-document section of `npm run bench -- --only scale100k` (issue 17), in the
 * benchmark page: scripts/bench.mjs calls these phases one by one (as `window.scale.*`) and
 * samples the page's JS heap over CDP around the import, the backup and the restore.
 * - `prepareImport` + `runImport`: 100,000 generated .txt files (Blobs, as chosen files are:
 *   their bytes in the browser's blob store, not the JS heap) through `importBatch`, the
 *   import path of the Import button, into a fresh database that is then deleted.
 * - `generate`: the case the other rows run on, written into the app's own database through
 *   the store in bulk: documents with `addDocuments` (1,000 a transaction, as importBatch
 *   groups them), then actors, evidence passages and events with Dexie `bulkAdd` in chunks
 *   (as the graph and map sections seed theirs). Seeded: the same case every run; the
 *   database is deleted first, so nothing is cached between runs.
 * - `library`, `timeline`, `graph`: the library's list (its first screen read by index, then the
 *   shared `useDocuments`/`useSources` lists, in `DocumentList`, as LibraryPane shows them),
 *   `TimelinePane` and `GraphPane` over that case, measured as the 10,000-event timeline and
 *   500-actor graph rows are.
 * - `workbenchMount` + `workbenchImport`: the real Workbench (every pane of the open case, as
 *   the shell mounts it) on that case, settled; then 20 documents imported into it through
 *   `importBatch`, timed until the library lists them, with the main thread's long tasks and
 *   the whole-list reads of the case's documents (a DBCore middleware counts them) meanwhile.
 * - `backup` + `restore`: `writeCaseBackup` into Blob parts (what the Back up command does),
 *   then `restoreBackup` from that Blob's stream (what Restore does with a chosen file), and a
 *   check that the restored case has the same counts and the same texts (an order-free
 *   checksum over title + text of every document).
 */
import Dexie, { type DBCore, type Middleware } from 'dexie'
import { createElement, Fragment, useState } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { flushSync } from 'react-dom'
import appCss from '../../src/app/app.css?inline'
import { resetStores } from '../../src/ui/stores/reset'
import { useView } from '../../src/ui/stores/view'
import { restoreBackup, writeCaseBackup } from '../../src/db/backup'
import { createCase } from '../../src/db/cases'
import { getDb } from '../../src/db/db'
import { addDocuments, deleteDocument, type NewDocument } from '../../src/db/documents'
import { useCaseDocuments, useDocuments, useSources } from '../../src/ui/case-documents'
import { caseDocumentsCache } from '../../src/services/case-documents'
import { CasefileDB } from '../../src/db/schema'
import { EVENT_TYPES } from '../../src/domain/event-types'
import type {
  AnnotationRecord,
  Credibility,
  EntityRecord,
  EventRecord,
  Reliability,
} from '../../src/domain/types'
import { Workbench } from '../../src/app/Workbench'
import { GraphPane } from '../../src/features/graph/GraphPane'
import { DocumentList } from '../../src/features/library/DocumentList'
import { useFirstScreen } from '../../src/features/library/first-documents'
import {
  TimelinePane,
  type TimelinePaneHandle,
  type TimelinePaneProps,
} from '../../src/features/timeline/TimelinePane'
import { importBatch } from '../../src/import/import-batch'
import { sha256Hex } from '../../src/import/normalise'
import type { SourceFile } from '../../src/platform/platform'
import { makeNewsCorpus, seededRandom } from '../../src/search/synthetic-corpus'
import { plural } from '../../src/ui/plural'
import {
  afterFrame,
  median,
  now,
  pause,
  percentile,
  progress,
  round,
  type BenchRow as Row,
} from './bench-helpers.mjs'

const list = (xs: number[]): string => xs.map((x) => round(x, 0)).join(', ')
const n = (x: number): string => x.toLocaleString('en')
const DAY = 86_400_000
const MB = 1_048_576

/** Frames until `ready()` holds (at most `limit`); the time after the frame it first held. */
async function frameWhen(ready: () => boolean, what: string, limit = 3000): Promise<number> {
  for (let i = 0; i < limit; i++) {
    const t = await afterFrame()
    if (ready()) return t
  }
  throw new Error(`scale: never ${what}`)
}

/** A box of `width` × `height` px in the page. */
function box(width: number, height: number): HTMLDivElement {
  const el = document.createElement('div')
  el.style.cssText = `position:relative;width:${width}px;height:${height}px;display:flex;flex-direction:column`
  document.body.append(el)
  return el
}

/** A 32-bit FNV-1a hash of `s`. */
function fnv(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** An order-free checksum of (title, text) pairs: the sum, mod 2^52, of their hashes. */
class TextChecksum {
  private sum = 0
  count = 0
  add(title: string, text: string): void {
    this.sum = (this.sum + fnv(title) * 2 ** 20 + fnv(text)) % 2 ** 52
    this.count++
  }
  get value(): string {
    return this.sum.toString(16).padStart(13, '0')
  }
}

/** The news-like documents of batch `b` (`size` of them), each starting with its number. */
function batchOfTexts(b: number, size: number, chars: number) {
  return makeNewsCorpus(size, 1_000 + b, chars).map((d, k) => ({
    title: `Report ${b * size + k}: ${d.title}`,
    text: `Report ${b * size + k}: ${d.title}\n\n${d.text}\n`,
  }))
}

const BATCH = 1_000
const PUBLISHERS = 50

// ---------------------------------------------------------------------------------------
// Import through importBatch.

let importFiles: { name: string; blob: Blob }[] = []

async function prepareImport(
  docs: number,
  chars: number,
): Promise<{ count: number; bytes: number; ms: number }> {
  const t = now()
  importFiles = []
  let bytes = 0
  for (let b = 0; b * BATCH < docs; b++) {
    for (const [k, d] of batchOfTexts(b, Math.min(BATCH, docs - b * BATCH), chars).entries()) {
      const blob = new Blob([d.text], { type: 'text/plain' })
      importFiles.push({ name: `report-${b * BATCH + k}.txt`, blob })
      bytes += blob.size
    }
    if ((b + 1) % 20 === 0) progress(`scale: ${n(importFiles.length)} files generated`)
  }
  return { count: importFiles.length, bytes, ms: now() - t }
}

async function runImport(): Promise<{ imported: number; ms: number; progressReports: number }> {
  const db = new CasefileDB(`bench-scale-import-${Date.now()}`)
  await db.open()
  const { id: caseId } = await createCase(db, 'Scale import')
  const sources: SourceFile[] = importFiles.map(({ name, blob }) => ({
    name,
    size: blob.size,
    type: 'text/plain',
    read: () => blob.arrayBuffer(),
    // As web.ts's fromBrowserFile hands a chosen File over: its Blob too (group-read.ts).
    blob,
  }))
  let reports = 0
  const t = now()
  const report = await importBatch(db, caseId, sources, {
    onProgress: (p) => {
      reports++
      if (p.done % 10_000 === 0) progress(`scale: import ${n(p.done)}/${n(p.total)}`)
    },
  })
  const ms = now() - t
  importFiles = []
  await db.delete()
  return { imported: report.imported, ms, progressReports: reports }
}

// ---------------------------------------------------------------------------------------
// The case, through the store in bulk.

interface ScaleCase {
  caseId: string
  documents: number
  bytes: number
  events: number
  actors: number
  annotations: number
  checksum: string
  ms: number
}

let scaleCase: ScaleCase | undefined

async function generate(docs: number, events: number, actors: number, chars: number) {
  const t = now()
  const db = getDb()
  db.close()
  await db.delete()
  await db.open()
  const { id: caseId } = await createCase(db, 'Scale case')
  const grades: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F']
  const checksum = new TextChecksum()
  // Evidence: every (docs / events)-th document holds one passage an event cites.
  const every = Math.max(1, Math.floor(docs / events))
  const passages: { docId: string; text: string; textHash: string }[] = []
  let bytes = 0
  const encoder = new TextEncoder()
  const from = Date.UTC(2023, 0, 1)
  for (let b = 0; b * BATCH < docs; b++) {
    const texts = batchOfTexts(b, Math.min(BATCH, docs - b * BATCH), chars)
    const hashes = await Promise.all(texts.map((d) => sha256Hex(d.text)))
    const batch: NewDocument[] = texts.map((d, k) => {
      const i = b * BATCH + k
      const size = encoder.encode(d.text).length
      bytes += size
      return {
        title: d.title,
        text: d.text,
        textHash: hashes[k]!,
        mime: 'text/plain',
        fileName: `report-${i}.txt`,
        fileSize: size,
        importer: 'text',
        importerVersion: '1',
        publishedAt: from + Math.floor((i / docs) * 3 * 365) * DAY,
        publishedPrecision: 'day',
        publisher: `Outlet ${i % PUBLISHERS}`,
        reliability: grades[i % grades.length]!,
      }
    })
    const outcomes = await addDocuments(db, caseId, batch)
    outcomes.forEach((o, k) => {
      if (o.status !== 'stored') throw new Error(`document ${b * BATCH + k} was not stored`)
      const d = texts[k]!
      checksum.add(d.title, d.text)
      if ((b * BATCH + k) % every === 0 && passages.length < events)
        passages.push({ docId: o.id, text: d.text, textHash: hashes[k]! })
    })
    if ((b + 1) % 10 === 0) progress(`scale: ${n((b + 1) * BATCH)} documents stored`)
  }
  // mulberry32: the earlier LCG (seed × 1,103,515,245 in a double) lost precision and cycled,
  // so its 50,000 events fell on ~2,400 ties and only 1,372 of the 2,000 actors initiated any.
  const random = seededRandom(17)
  const kinds = ['state', 'organisation', 'person', 'group'] as const
  const at = Date.now()
  const entities: EntityRecord[] = Array.from({ length: actors }, (_, i) => ({
    id: `actor-${i}`,
    caseId,
    kind: kinds[i % kinds.length]!,
    name: `Actor ${i}`,
    aliases: [],
    createdAt: at,
  }))
  await db.entities.bulkAdd(entities)
  const annotations: AnnotationRecord[] = []
  const eventRows: EventRecord[] = []
  for (let i = 0; i < events; i++) {
    const passage = passages[i % passages.length]!
    // The passage: the text's second paragraph's first 60 characters (the first is the title).
    const startAt = passage.text.indexOf('\n\n') + 2
    const end = Math.min(passage.text.length, startAt + 60)
    const annotationId = `ann-${i}`
    annotations.push({
      id: annotationId,
      caseId,
      docId: passage.docId,
      start: startAt,
      end,
      exact: passage.text.slice(startAt, end),
      prefix: passage.text.slice(Math.max(0, startAt - 32), startAt),
      suffix: passage.text.slice(end, end + 32),
      textHash: passage.textHash,
      kind: 'event',
      eventId: `event-${i}`,
      createdAt: at,
    })
    // Clusters of 25 actors, most ties inside a cluster; recent months the busiest.
    const a = Math.floor(random() * actors)
    const cluster = Math.floor(a / 25) * 25
    const bActor =
      random() < 0.85
        ? Math.min(actors - 1, cluster + Math.floor(random() * 25))
        : Math.floor(random() * actors)
    const day = Math.floor(Math.sqrt(random()) * 3 * 365)
    const start = from + day * DAY
    const approximate = random() < 0.2
    const endDay = start + (random() < 0.1 ? 2 + Math.floor(random() * 5) : 1) * DAY
    eventRows.push({
      id: `event-${i}`,
      caseId,
      title: `Event ${i}: ${EVENT_TYPES[i % EVENT_TYPES.length]!.label.toLowerCase()}`,
      type: EVENT_TYPES[i % EVENT_TYPES.length]!.id,
      initiators: [`actor-${a}`],
      targets: [`actor-${bActor === a ? (a + 1) % actors : bActor}`],
      when: {
        start,
        end: endDay,
        precision: 'day',
        approximate,
        ...(approximate ? { earliest: start - 3 * DAY, latest: endDay + 3 * DAY } : {}),
      },
      evidence: [annotationId],
      confidence: ((i % 6) + 1) as Credibility,
      createdAt: at,
      updatedAt: at,
    })
  }
  for (let i = 0; i < events; i += 10_000) {
    await db.transaction('rw', db.annotations, db.events, async () => {
      await db.annotations.bulkAdd(annotations.slice(i, i + 10_000))
      await db.events.bulkAdd(eventRows.slice(i, i + 10_000))
    })
  }
  scaleCase = {
    caseId,
    documents: checksum.count,
    bytes,
    events,
    actors,
    annotations: annotations.length,
    checksum: checksum.value,
    ms: now() - t,
  }
  progress(`scale: case generated in ${round(scaleCase.ms / 1000)} s`)
  return scaleCase
}

function theCase(): ScaleCase {
  if (!scaleCase) throw new Error('scale: generate the case first')
  return scaleCase
}

// ---------------------------------------------------------------------------------------
// The library's list.

/**
 * The documents tab's list as LibraryPane shows it: the first screen read by index while the
 * whole list (the shared document list) is read, then the whole list, in DocumentList.
 */
function LibraryList({ caseId }: { caseId: string }) {
  const firstScreen = useFirstScreen(caseId, useCaseDocuments(caseId) === undefined)
  const documents = useDocuments(caseId)
  const sources = useSources(caseId)
  const [selected, setSelected] = useState<string>()
  const shown =
    documents && sources
      ? { documents, sources, reading: false, caption: plural(documents.length, 'document') }
      : firstScreen && firstScreen.rows.length > 0
        ? {
            documents: firstScreen.rows,
            sources: firstScreen.sources,
            reading: true,
            caption: 'Newest documents · reading the list…',
          }
        : undefined
  if (!shown) return null
  return createElement(
    Fragment,
    null,
    createElement('div', { className: 'pane-caption' }, shown.caption),
    createElement(DocumentList, {
      documents: shown.documents,
      sources: shown.sources,
      selectedId: selected,
      onOpen: setSelected,
      reading: shown.reading,
    }),
  )
}

/**
 * The app's stylesheet in the page until the returned function is called: the panes are
 * measured as the app shows them. (Before, the timeline and the graph were mounted without
 * it, and the graph's list of its actors for the keyboard — 1 px and clipped in the app, see
 * `.sr-only` — was laid out as 2,000 visible buttons, a 42,000 px column: ~110 ms of layout
 * in its first picture that the app does not do.)
 */
function appStyle(): () => void {
  const style = document.createElement('style')
  style.textContent = appCss
  document.head.append(style)
  return () => style.remove()
}

/** Mounts `render` into a new box with the app's stylesheet; returns how to take it down. */
function mountStyled(
  width: number,
  height: number,
): { el: HTMLDivElement; root: Root; done(): void } {
  const unstyle = appStyle()
  const el = box(width, height)
  const root = createRoot(el)
  return {
    el,
    root,
    done() {
      root.unmount()
      el.remove()
      unstyle()
    },
  }
}

async function library(): Promise<Row[]> {
  const { caseId, documents } = theCase()
  const rowsDrawn = (el: HTMLElement) => () => el.querySelector('[data-testid="doc-row"]') !== null
  const wholeDrawn = (el: HTMLElement) => () =>
    rowsDrawn(el)() && el.querySelector('[data-testid="doc-list-reading"]') === null
  // First render, cold each time (the shared list let go of the case, as when the case is
  // opened): mount → the frame after the first rows are drawn (store read included); then the
  // frame after the whole list is (sortable, scrollable to its end).
  const firsts: number[] = []
  const wholes: number[] = []
  const cache = caseDocumentsCache(getDb())
  for (let r = 0; r < 3; r++) {
    // Watching another case lets the kept list of this one go (services/case-documents.ts).
    cache.subscribe('bench-no-such-case', () => undefined)()
    const m = mountStyled(420, 800)
    const t = now()
    flushSync(() => m.root.render(createElement(LibraryList, { caseId })))
    firsts.push((await frameWhen(rowsDrawn(m.el), 'drew the library')) - t)
    wholes.push((await frameWhen(wholeDrawn(m.el), 'drew the whole library')) - t)
    m.done()
    await pause(400)
    progress(
      `scale: library first render ${r + 1}/3: ${round(firsts[r]!)} ms (whole list ${round(wholes[r]!)} ms)`,
    )
  }
  const m = mountStyled(420, 800)
  flushSync(() => m.root.render(createElement(LibraryList, { caseId })))
  await frameWhen(rowsDrawn(m.el), 'drew the library')
  const viewport = m.el.querySelector<HTMLDivElement>('.doc-list-viewport')!
  const drawnRows = m.el.querySelectorAll('[data-testid="doc-row"]').length
  // Scrolling: 60 jumps from the top to the end, one a frame; intervals between frames.
  const scroll: number[] = []
  let last = await afterFrame()
  for (let s = 1; s <= 60; s++) {
    viewport.scrollTop = Math.round(((viewport.scrollHeight - viewport.clientHeight) * s) / 60)
    const t = await afterFrame()
    scroll.push(t - last)
    last = t
  }
  const lastTitle = () =>
    m.el.querySelector('[data-testid="doc-row"] .doc-title')?.textContent ?? ''
  // Sorting: Title ↔ Date headers → the frame after the first row shown changed.
  const sorts: number[] = []
  viewport.scrollTop = 0
  await afterFrame()
  const headers = [...m.el.querySelectorAll<HTMLButtonElement>('.doc-list-head button')]
  const byTitle = headers.find((h) => h.textContent?.startsWith('Title'))!
  const byDate = headers.find((h) => h.textContent?.startsWith('Date'))!
  for (let r = 0; r < 6; r++) {
    const before = lastTitle()
    const t = now()
    flushSync(() => (r % 2 ? byDate : byTitle).click())
    sorts.push((await frameWhen(() => lastTitle() !== before, 'sorted the library')) - t)
  }
  m.done()
  return [
    {
      name: `scale: library first render, ${n(documents)} documents`,
      value: round(median(firsts)),
      unit: 'ms',
      method:
        'the documents list as LibraryPane shows it (its first screen read by index, the whole list read behind it; DocumentList) mounted on a case the shared list does not hold → frame after its first rows; median of 3 cold mounts',
      detail: `runs ${list(firsts)} ms; ${drawnRows} rows in the DOM (windowed)`,
    },
    {
      name: `scale: library whole list read, ${n(documents)} documents`,
      value: round(median(wholes)),
      unit: 'ms',
      method:
        'the same mounts → frame after the whole list is drawn (sortable, scrollable to its end; the first screen shows meanwhile); median of 3',
      detail: `runs ${list(wholes)} ms`,
    },
    {
      name: `scale: library scroll, p95 frame interval`,
      value: round(percentile(scroll, 95)),
      unit: 'ms',
      method:
        '60 scrollTop jumps from the top to the end of the list, one a frame; p95 of the intervals',
      detail: `intervals median ${round(median(scroll))} ms, max ${round(Math.max(...scroll))} ms`,
    },
    {
      name: `scale: library sort change`,
      value: round(median(sorts)),
      unit: 'ms',
      method:
        'click the Title ↔ Date column header → frame after the first row changed; median of 6',
      detail: `runs ${list(sorts)} ms`,
    },
  ]
}

// ---------------------------------------------------------------------------------------
// The timeline, over the case's events as TimelineHost hands them to the pane.

/** The pane with its group-by owned by a parent, as in the app. */
function ControlledTimeline(props: Omit<TimelinePaneProps, 'groupBy' | 'onGroupByChange'>) {
  const [groupBy, setGroupBy] = useState<TimelinePaneProps['groupBy']>('none')
  return createElement(TimelinePane, { ...props, groupBy, onGroupByChange: setGroupBy })
}

/**
 * A pan or zoom step's time, `from` → `to`; also left as a User Timing measure
 * (`timeline-step <k>`, after the step, outside its time) so that a trace of the run
 * (scripts/bench/profile-timeline.mjs) can say what the main thread did in each slow step.
 */
function stepDone(from: number, to: number, k: number): number {
  performance.measure(`timeline-step ${k}`, { start: from, end: to })
  return to - from
}

/** Pans (±10% of the window) and zooms (±20%) `rounds` times; each to the frame after it. */
async function panAndZoom(handle: TimelinePaneHandle, rounds: number): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < rounds; i++) {
    const w = handle.getWindow()!
    const shift = (i % 4 < 2 ? 1 : -1) * (w.end - w.start) * 0.1
    let t = now()
    handle.setWindow({ start: w.start + shift, end: w.end + shift })
    out.push(stepDone(t, await afterFrame(), out.length))
    const v = handle.getWindow()!
    const delta = ((v.end - v.start) * (i % 2 ? 0.2 : -0.2)) / 2
    t = now()
    handle.setWindow({ start: v.start - delta, end: v.end + delta })
    out.push(stepDone(t, await afterFrame(), out.length))
  }
  return out
}

/**
 * Marks the start or end of a measured span of the timeline rows (`performance.mark`),
 * starts or ends a CPU profile of it (`console.profile`: recorded only when a profiler is
 * attached, as scripts/bench/profile-timeline.mjs attaches one; a no-op otherwise) and lets
 * the runner note the renderer's CPU time at the edge (`window.benchSpan`, when the runner
 * set it, as profile-timeline.mjs does). Called outside the timed part of each span.
 */
async function span(name: string, edge: 'start' | 'end'): Promise<void> {
  if (edge === 'start') await window.benchSpan?.(`${name}:${edge}`)
  performance.mark(`${name}:${edge}`)
  if (edge === 'start') console.profile(name)
  else console.profileEnd(name)
  if (edge === 'end') await window.benchSpan?.(`${name}:${edge}`)
}

/** `rows()` with the app's stylesheet in the page (see `appStyle`). */
async function withAppStyle(rows: () => Promise<Row[]>): Promise<Row[]> {
  const unstyle = appStyle()
  try {
    return await rows()
  } finally {
    unstyle()
  }
}

const timeline = () => withAppStyle(timelineRows)

async function timelineRows(): Promise<Row[]> {
  const { caseId, events } = theCase()
  const db = getDb()
  // What TimelineHost reads before the pane can draw, and the maps it makes of them: the events
  // and actors (one plain read through services/case-records.ts, as here), the documents and
  // sources (live queries) and the events' evidence passages (every annotation of this case is
  // one). The analyst waits for these reads when the case opens; the pane's figure starts after.
  const t0 = now()
  // When each read was in (they run together): which table the analyst waits for.
  const readDone: Record<string, number> = {}
  const read = <T,>(table: string, rows: Promise<T[]>) =>
    rows.then((r) => ((readDone[table] = now() - t0), r))
  const [eventList, entityList, documentList, sourceList, evidence] = await Promise.all([
    read('events', db.events.where('caseId').equals(caseId).toArray()),
    read('entities', db.entities.where('caseId').equals(caseId).toArray()),
    read('documents', db.documents.where('caseId').equals(caseId).toArray()),
    read('sources', db.sources.where('caseId').equals(caseId).toArray()),
    read('annotations', db.annotations.where('caseId').equals(caseId).toArray()),
  ])
  const readIn = now() - t0
  const props: Omit<TimelinePaneProps, 'ref' | 'groupBy' | 'onGroupByChange'> = {
    events: eventList,
    entities: new Map(entityList.map((e) => [e.id, { name: e.name, kind: e.kind }])),
    documents: new Map(
      documentList.map((d) => [
        d.id,
        { title: d.title, ...(d.sourceId ? { sourceId: d.sourceId } : {}) },
      ]),
    ),
    sources: new Map(sourceList.map((s) => [s.id, { name: s.name, reliability: s.reliability }])),
    annotations: new Map(evidence.map((a) => [a.id, { docId: a.docId }])),
    selectedEventId: undefined,
    onSelectEvent: () => {},
    onOpenEvent: () => {},
    onDeleteEvent: () => {},
    caseId,
    onWindowChange: () => {},
    actorId: '',
    onActorChange: () => {},
  }
  const readMs = now() - t0
  const drawn = (el: HTMLElement) => () =>
    el.querySelector('.vis-item.vis-point, .vis-item.vis-range') !== null
  const firsts: number[] = []
  for (let r = 0; r < 3; r++) {
    const el = box(1200, 600)
    const root = createRoot(el)
    await span('timeline-first-render', 'start')
    const t = now()
    flushSync(() => root.render(createElement(ControlledTimeline, props)))
    firsts.push((await frameWhen(drawn(el), 'drew the timeline')) - t)
    await span('timeline-first-render', 'end')
    root.unmount()
    el.remove()
    await pause(400)
    progress(`scale: timeline first render ${r + 1}/3: ${round(firsts[r]!)} ms`)
  }
  const el = box(1200, 600)
  const root = createRoot(el)
  let handle: TimelinePaneHandle | null = null
  flushSync(() =>
    root.render(
      createElement(ControlledTimeline, {
        ...props,
        ref: (h: TimelinePaneHandle | null) => void (handle = h),
      }),
    ),
  )
  await frameWhen(drawn(el), 'drew the timeline')
  const h = handle as unknown as TimelinePaneHandle
  const first = h.getWindow()!
  await panAndZoom(h, 3)
  await span('timeline-pan-zoom', 'start')
  const panZoom = await panAndZoom(h, 20)
  await span('timeline-pan-zoom', 'end')
  progress(`scale: timeline pan/zoom p95 ${round(percentile(panZoom, 95))} ms`)
  const select = el.querySelector<HTMLSelectElement>('[data-testid="timeline-group-by"]')!
  const groupings: number[] = []
  let lanes = 0
  let lanesDrawn = 0
  for (let r = 0; r < 3; r++) {
    h.setWindow(first)
    await afterFrame()
    await span('timeline-group-by', 'start')
    const t = now()
    flushSync(() => {
      select.value = 'initiator'
      select.dispatchEvent(new Event('change', { bubbles: true }))
    })
    groupings.push(
      (await frameWhen(() => el.querySelectorAll('.vis-label').length > 0, 'showed lanes')) - t,
    )
    await span('timeline-group-by', 'end')
    lanes = h.laneCount()
    lanesDrawn = h.lanesDrawn()
    flushSync(() => {
      select.value = 'none'
      select.dispatchEvent(new Event('change', { bubbles: true }))
    })
    await afterFrame()
    await pause(400)
    progress(`scale: timeline group by initiator ${r + 1}/3: ${round(groupings[r]!)} ms`)
  }
  root.unmount()
  el.remove()
  return [
    {
      name: `scale: timeline first render, ${n(events)} events`,
      value: round(median(firsts)),
      unit: 'ms',
      method: `TimelinePane mounted with the case's ${n(events)} events (and its ${n(documentList.length)} documents' titles) → frame after vis-timeline drew; median of 3`,
      detail: `runs ${list(firsts)} ms; reading the case and making the pane's maps (not in the figure) ${round(readMs, 0)} ms: the five tables read together in ${round(readIn, 0)} ms (each in by ${Object.entries(
        readDone,
      )
        .sort((a, b) => a[1] - b[1])
        .map(([table, ms]) => `${table} ${round(ms, 0)}`)
        .join(', ')} ms), the maps ${round(readMs - readIn, 0)} ms`,
    },
    {
      name: 'scale: timeline pan/zoom redraw p95',
      value: round(percentile(panZoom, 95)),
      unit: 'ms',
      method:
        'setWindow (no animation) ±10% pans and ±20% zooms in the first window → frame after; p95 of 40',
      detail: `median ${round(median(panZoom))} ms; runs ${panZoom.map((x) => round(x, 0)).join(', ')} ms; first window ${round((first.end - first.start) / DAY, 0)} days`,
    },
    {
      name: 'scale: timeline group by initiator',
      value: round(median(groupings)),
      unit: 'ms',
      method: `Group by select → Initiator (the model regrouped over all ${n(events)} events) → frame after the lanes are drawn, in the first window; median of 3`,
      detail: `runs ${list(groupings)} ms; ${n(lanes)} lanes in the grouping, ${n(lanesDrawn)} drawn (those with events in the window or within its width either side; the toolbar says "${n(lanesDrawn)} of ${n(lanes)} lanes")`,
    },
  ]
}

// ---------------------------------------------------------------------------------------
// The actor graph, over the case as the app shows it.

/**
 * The graph's steps per change between `from` and `to` (User Timing `casefile:graph:*`):
 * `view` the filtered model, `sync` the diff handed to vis-network, `draw` vis-network's
 * drawing after it; each as median (p95) ms.
 */
function perChange(from: number, to: number): string {
  const by = new Map<string, number[]>()
  for (const m of performance.getEntriesByType('measure')) {
    if (!m.name.startsWith('casefile:graph:') || m.startTime < from || m.startTime > to) continue
    const name = m.name.slice('casefile:graph:'.length)
    by.set(name, [...(by.get(name) ?? []), m.duration])
  }
  return ['view', 'sync', 'draw']
    .map((k) => by.get(k) ?? [])
    .map(
      (xs, i) =>
        `${['view', 'sync', 'draw'][i]} ${round(median(xs))} (${round(percentile(xs, 95))}) ms ×${xs.length}`,
    )
    .join(', ')
}

/**
 * Mounts GraphPane on the case in `el` and waits for its first picture: the frame after its
 * actors are drawn and placed (the list the keyboard reaches them by has their places). Returns
 * when it was mounted (`t0`), the time from then to that frame, the actors placed, and the steps GraphPane timed (User
 * Timing measures `casefile:graph:*`) up to it.
 */
async function firstPicture(
  el: HTMLElement,
  root: Root,
  actors: number,
): Promise<{ t0: number; ms: number; placed: number; steps: string }> {
  performance.clearMeasures()
  const t0 = now()
  flushSync(() => root.render(createElement(GraphPane)))
  const placed = () =>
    el.querySelectorAll('[data-testid="graph-node"][data-x]').length >= Math.min(actors, 1)
  const ms = (await frameWhen(placed, 'placed the actors', 6000)) - t0
  const steps = performance
    .getEntriesByType('measure')
    .filter((m) => m.name.startsWith('casefile:graph:') && m.startTime + m.duration <= t0 + ms)
    .map((m) => {
      const name = m.name.slice('casefile:graph:'.length)
      const span = name === 'records' || name === 'grades' ? 'at' : 'for'
      const at = round(span === 'at' ? m.startTime + m.duration - t0 : m.duration, 0)
      // When each step began, from the mounting: what waited for what.
      const from = span === 'for' ? ` from ${round(m.startTime - t0, 0)}` : ''
      return `${name} ${span} ${at} ms${from} (${String((m as PerformanceMeasure).detail ?? '')})`
    })
    .join('; ')
  return {
    t0,
    ms,
    placed: el.querySelectorAll('[data-testid="graph-node"][data-x]').length,
    steps,
  }
}

/**
 * A graph filter or window change's time, `from` → `to`; also left as a User Timing measure
 * (`graph-change <kind> <k>`, after the change, outside its time) so that a trace of the run
 * (scripts/bench/profile-graph.mjs) can say what the main thread did in each slow change.
 */
function changeDone(kind: string, from: number, to: number, k: number): number {
  performance.measure(`graph-change ${kind} ${k}`, { start: from, end: to })
  return to - from
}

const graph = () => withAppStyle(graphRows)

async function graphRows(): Promise<Row[]> {
  const { caseId, actors, events } = theCase()
  const el = box(1200, 700)
  const root = createRoot(el)
  const { setTimelineWindow: setWindow } = useView.getState()
  resetStores({ caseId })
  // The case never opened before: no saved layout, and its records not read yet.
  await span('graph-first', 'start')
  const first = await firstPicture(el, root, actors)
  await span('graph-first', 'end')
  const { t0, ms: firstMs, placed: placedCount, steps } = first
  // For scripts/bench/profile-graph.mjs: the first picture among the slowest "changes".
  changeDone('first', t0, t0 + firstMs, 0)
  progress(`scale: graph first picture ${round(firstMs)} ms (${placedCount} actors placed)`)
  progress(`scale: graph steps: ${steps}`)
  const firstShown = el.querySelector('[data-testid="graph-counts"]')?.textContent ?? ''
  // SCALE_GRAPH_SCREENSHOT=file (scripts/bench.mjs): the first picture, for looking at.
  await window.benchScreenshot?.()
  // The sources' grades are read after the first picture; the filters are timed once the
  // pane has them (the state an analyst filters in), and when that was is reported.
  const grade = el.querySelector<HTMLSelectElement>('[data-testid="graph-grade"]')!
  const gradesMs = (await frameWhen(() => !grade.disabled, 'read the grades', 6000)) - t0
  progress(`scale: graph grades ready at ${round(gradesMs)} ms`)
  const family = el.querySelector<HTMLSelectElement>('[data-testid="graph-family"]')!
  const counts = () => el.querySelector('[data-testid="graph-counts"]')?.textContent ?? ''
  const filterMs: number[] = []
  await span('graph-filter', 'start')
  const filterFrom = now()
  for (let r = 0; r < 30; r++) {
    const before = counts()
    const t = now()
    flushSync(() => {
      family.value = r % 2 ? '' : 'conflict'
      family.dispatchEvent(new Event('change', { bubbles: true }))
    })
    const done = await frameWhen(() => counts() !== before, 'redrew after a filter')
    filterMs.push(changeDone('filter', t, done, r))
    // scripts/bench/profile-graph.mjs: the picture after the first change (conflict only).
    if (r === 0) await window.benchScreenshotAfterFilter?.()
  }
  await span('graph-filter', 'end')
  progress(`scale: graph filter redraw p95 ${round(percentile(filterMs, 95))} ms`)
  const windows = [
    { start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 6, 1) },
    { start: Date.UTC(2024, 3, 1), end: Date.UTC(2025, 3, 1) },
  ]
  const windowMs: number[] = []
  await span('graph-window', 'start')
  const windowFrom = now()
  for (let r = 0; r < 30; r++) {
    const before = counts()
    const t = now()
    flushSync(() => setWindow(windows[r % 2]!))
    const done = await frameWhen(() => counts() !== before, 'redrew after a window')
    windowMs.push(changeDone('window', t, done, r))
  }
  await span('graph-window', 'end')
  const shown = counts()
  const windowSteps = perChange(windowFrom, now())
  const filterSteps = perChange(filterFrom, windowFrom)
  root.unmount()
  el.remove()
  // The case opened again (the pane mounted afresh, its stores reset): the layout saved at the
  // first opening is drawn as it is, and the records are read again (nothing else shows the
  // case, so the cache let them go when the pane closed).
  resetStores({ caseId })
  const again = box(1200, 700)
  const againRoot = createRoot(again)
  const reopen = await firstPicture(again, againRoot, actors)
  progress(`scale: graph reopened ${round(reopen.ms)} ms (${reopen.placed} actors placed)`)
  againRoot.unmount()
  again.remove()
  return [
    {
      name: `scale: graph first picture, ${n(actors)} actors and ${n(events)} events`,
      value: round(firstMs),
      unit: 'ms',
      method:
        'GraphPane mounted on the case (store read, model, layout in the worker, vis-network) → frame after the actors are drawn',
      detail: `${n(placedCount)} actors placed; steps: ${steps}; shown: ${firstShown}`,
    },
    {
      name: `scale: graph first picture on reopening, ${n(actors)} actors and ${n(events)} events`,
      value: round(reopen.ms),
      unit: 'ms',
      method:
        'GraphPane mounted again on the same case after the rows above (its layout saved: no layout is made; the records read again) → frame after the actors are drawn',
      detail: `${n(reopen.placed)} actors placed; steps: ${reopen.steps}`,
    },
    {
      name: 'scale: graph filter change redraw p95',
      value: round(percentile(filterMs, 95)),
      unit: 'ms',
      method:
        'family select conflict ↔ all, once the pane has read the grades → frame after the new ties are drawn; p95 of 30',
      detail: `runs ${list(filterMs)} ms; grades ready ${round(gradesMs, 0)} ms after mounting; per change, median (p95) ${filterSteps}`,
    },
    {
      name: 'scale: graph time-window change redraw p95',
      value: round(percentile(windowMs, 95)),
      unit: 'ms',
      method:
        'timeline window Jan–Jun 2024 ↔ Apr 2024–Apr 2025 → frame after the new ties are drawn; p95 of 30',
      detail: `runs ${list(windowMs)} ms; last shown: ${shown}; per change, median (p95) ${windowSteps}`,
    },
  ]
}

// ---------------------------------------------------------------------------------------
// The whole workbench, open on the case, while a few documents are imported into it.

/** Whole-list reads of `documents` or `sources` (a case's every row, by the `caseId` index). */
interface ListReads {
  /** Queries asked of Dexie (each live query's run, each cache's read): above Dexie's cache. */
  asked: { documents: number; sources: number }
  /** Of those, the reads that reached IndexedDB (Dexie's live-query cache answers the rest). */
  store: { documents: number; sources: number }
  /** Document rows those store reads returned. */
  rows: number
}

const listReads: ListReads = {
  asked: { documents: 0, sources: 0 },
  store: { documents: 0, sources: 0 },
  rows: 0,
}

/**
 * Two DBCore middlewares counting the whole-list reads of the case's documents and sources:
 * one above Dexie's live-query cache (level 0), one below it (next to IndexedDB). A whole-list
 * read is a query on the `caseId` index with no limit, or the pages of one by `[caseId+id]`
 * (counted once, at its first page; their rows all counted). Installed on `db` before it is opened
 * again (Dexie builds its middleware stack when it opens).
 */
function countListReads(db: CasefileDB): void {
  const counter = (where: 'asked' | 'store'): Middleware<DBCore> => ({
    stack: 'dbcore',
    name: `bench-list-reads-${where}`,
    level: where === 'asked' ? 50 : -1,
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name)
          if (name !== 'documents' && name !== 'sources') return table
          return {
            ...table,
            query(req) {
              // A read of every row by case: at once, or the first of its pages by case and id.
              const index = req.query.index.name
              const paged = index === '[caseId+id]'
              const whole =
                (index === 'caseId' && (req.limit === undefined || req.limit === Infinity)) || paged
              if (!whole) return table.query(req)
              const lower: unknown = req.query.range.lower
              if (!paged || (Array.isArray(lower) && lower[1] === Dexie.minKey))
                listReads[where][name]++
              return table.query(req).then((res) => {
                if (where === 'store' && name === 'documents') listReads.rows += res.result.length
                return res
              })
            },
          }
        },
      }
    },
  })
  db.use(counter('asked'))
  db.use(counter('store'))
}

/** The main thread's long tasks (over 50 ms) as they happen, from `PerformanceObserver`. */
function watchLongTasks(): { tasks: { start: number; ms: number }[]; stop(): void } {
  const tasks: { start: number; ms: number }[] = []
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, ms: e.duration })
  })
  observer.observe({ type: 'longtask', buffered: false })
  return { tasks, stop: () => observer.disconnect() }
}

/** The longest task and the total blocked time (each task's time over 50 ms) in [from, to). */
function blocking(tasks: { start: number; ms: number }[], from: number, to: number) {
  const inside = tasks.filter((t) => t.start >= from && t.start < to)
  return {
    longest: Math.max(0, ...inside.map((t) => t.ms)),
    blocked: inside.reduce((sum, t) => sum + Math.max(0, t.ms - 50), 0),
    count: inside.length,
  }
}

/** Resolves once no long task has started for `quietMs` (at most `limitMs` from now). */
async function quiet(tasks: { start: number; ms: number }[], quietMs: number, limitMs: number) {
  const from = now()
  for (;;) {
    await pause(100)
    const last = tasks.length ? tasks[tasks.length - 1]! : undefined
    const lastEnd = last ? last.start + last.ms : from
    if (now() - Math.max(lastEnd, from) >= quietMs) return now()
    if (now() - from > limitMs) return now()
  }
}

const IMPORTED = 20

let workbenchOpen:
  | { m: ReturnType<typeof mountStyled>; tasks: ReturnType<typeof watchLongTasks>; ms: number }
  | undefined

/**
 * Mounts the real Workbench (as the app's shell does, its stores set to the case) and waits
 * until the library lists the documents, the timeline and the graph have drawn, and the main
 * thread has had no long task for 3 s (the search index, copy detection and the graph's grades
 * done). The database is opened again first, with the read counters installed.
 */
async function workbenchMount(): Promise<{ ms: number; settledMs: number; documents: number }> {
  const { caseId, documents } = theCase()
  const db = getDb()
  countListReads(db)
  db.close()
  await db.open()
  resetStores({ caseId })
  const tasks = watchLongTasks()
  const m = mountStyled(1440, 860)
  m.el.className = 'app'
  const t = now()
  flushSync(() => m.root.render(createElement(Workbench, { view: 'workbench' })))
  const caption = () => m.el.querySelector('[data-testid="library-count"]')?.textContent ?? ''
  // When each pane first showed the case (ms after mounting).
  const shown: Record<string, number> = {}
  const ready: Record<string, () => boolean> = {
    library: () => caption() === plural(documents, 'document'),
    timeline: () => m.el.querySelector('.vis-item.vis-point, .vis-item.vis-range') !== null,
    graph: () => m.el.querySelector('[data-testid="graph-node"][data-x]') !== null,
  }
  const ms =
    (await frameWhen(
      () => {
        for (const [pane, is] of Object.entries(ready))
          if (shown[pane] === undefined && is()) shown[pane] = now() - t
        return Object.keys(shown).length === 3
      },
      'showed the workbench',
      60_000,
    )) - t
  const at = Object.entries(shown)
    .map(([pane, when]) => `${pane} ${round(when, 0)} ms`)
    .join(', ')
  progress(`scale: workbench shown in ${round(ms)} ms (${at}); waiting for a quiet main thread`)
  const settledMs = (await quiet(tasks.tasks, 3000, 300_000)) - t
  progress(`scale: workbench quiet ${round(settledMs)} ms after mounting`)
  workbenchOpen = { m, tasks, ms }
  return { ms, settledMs, documents }
}

/**
 * Imports `IMPORTED` new documents through importBatch (the Import button's path) into the case
 * the mounted Workbench shows, and times it until they are counted in the library's list; then
 * until the main thread is quiet again (2 s without a long task), counting the whole-list reads
 * of the case's documents and sources that happened. The documents are deleted after (so that
 * the backup phase finds the generated case), with the Workbench taken down.
 */
async function workbenchImport(): Promise<Row[]> {
  const open = workbenchOpen
  if (!open) throw new Error('scale: mount the workbench first')
  const { caseId, documents } = theCase()
  const { m, tasks } = open
  const files: SourceFile[] = batchOfTexts(9_999, IMPORTED, 2000).map((d, k) => {
    const blob = new Blob([d.text], { type: 'text/plain' })
    return {
      name: `added-${k}.txt`,
      size: blob.size,
      type: 'text/plain',
      read: () => blob.arrayBuffer(),
      blob,
    }
  })
  const caption = () => m.el.querySelector('[data-testid="library-count"]')?.textContent ?? ''
  const before = structuredClone(listReads)
  const t = now()
  const importing = importBatch(getDb(), caseId, files)
  const listedAt = await frameWhen(
    () => caption() === plural(documents + IMPORTED, 'document'),
    'listed the imported documents',
    60_000,
  )
  const report = await importing
  const importMs = now() - t
  const listMs = listedAt - t
  const quietAt = await quiet(tasks.tasks, 2000, 120_000)
  const after = structuredClone(listReads)
  const toList = blocking(tasks.tasks, t, listedAt)
  const toQuiet = blocking(tasks.tasks, t, quietAt - 2000)
  tasks.stop()
  m.done()
  workbenchOpen = undefined
  resetStores({})
  const db = getDb()
  const added = await db.documents
    .where('caseId')
    .equals(caseId)
    .filter((d) => d.fileName.startsWith('added-'))
    .primaryKeys()
  for (const id of added) await deleteDocument(db, id)
  if (report.imported !== IMPORTED) throw new Error(`scale: imported ${report.imported}`)
  const d = (k: 'asked' | 'store', t: 'documents' | 'sources') => after[k][t] - before[k][t]
  const reads = `documents ${d('asked', 'documents')} asked of Dexie, ${d('store', 'documents')} from IndexedDB (${n(after.rows - before.rows)} rows); sources ${d('asked', 'sources')} asked, ${d('store', 'sources')} from IndexedDB`
  const size = `${n(documents)} documents`
  return [
    {
      name: `scale: workbench, ${IMPORTED} documents imported → in the library list, ${size}`,
      value: round(listMs),
      unit: 'ms',
      method: `the real Workbench mounted on the case (library, reader, timeline, graph, inspector) and settled; importBatch of ${IMPORTED} .txt files into the case → frame after the library's caption counts them`,
      detail: `importBatch itself ${round(importMs)} ms; workbench shown ${round(open.ms)} ms after mounting`,
    },
    {
      name: `scale: workbench, longest main-thread task during that import, ${size}`,
      value: round(toList.longest),
      unit: 'ms',
      method:
        'PerformanceObserver longtask entries from the import’s start to the frame the library listed the documents',
      detail: `total blocked time (each task over 50 ms) ${round(toList.blocked)} ms in ${toList.count} long tasks; until quiet again (2 s without a long task, ${round(quietAt - 2000 - t)} ms after the import began): longest ${round(toQuiet.longest)} ms, blocked ${round(toQuiet.blocked)} ms in ${toQuiet.count} long tasks`,
    },
    {
      name: `scale: workbench, whole document-list reads for that import, ${size}`,
      value: d('store', 'documents'),
      unit: 'reads',
      method:
        'queries of every document of the case (the caseId index, no limit) that reached IndexedDB from the import’s start until quiet again (a DBCore middleware below Dexie’s cache counts them)',
      detail: reads,
    },
  ]
}

// ---------------------------------------------------------------------------------------
// Backup and restore.

let backupFile: Blob | undefined

async function backup(): Promise<{ ms: number; bytes: number; reports: number }> {
  const { caseId } = theCase()
  const parts: Blob[] = []
  let reports = 0
  const t = now()
  const bytes = await writeCaseBackup(
    getDb(),
    caseId,
    (chunk) => void parts.push(new Blob([chunk])),
    {
      onProgress: (p) => {
        if (++reports % 40 === 0)
          progress(`scale: backup ${n(p.documents)}/${n(p.totalDocuments)} documents`)
      },
    },
  )
  backupFile = new Blob(parts, { type: 'application/json' })
  return { ms: now() - t, bytes, reports }
}

async function restore(): Promise<{
  ms: number
  reports: number
  counts: Record<string, number>
  expected: Record<string, number>
  checksum: string
  expectedChecksum: string
  verifyMs: number
}> {
  const file = backupFile
  if (!file) throw new Error('scale: back up first')
  const original = theCase()
  const db = getDb()
  let reports = 0
  let shown = 0
  const t = now()
  const result = await restoreBackup(db, file.stream(), {
    totalBytes: file.size,
    onProgress: ({ bytesRead }) => {
      reports++
      if (bytesRead - shown > 20 * MB) {
        shown = bytesRead
        progress(`scale: restore ${round(bytesRead / MB, 0)}/${round(file.size / MB, 0)} MB`)
      }
    },
  })
  const ms = now() - t
  backupFile = undefined
  if (!result.ok) throw new Error(`scale: restore failed: ${result.error.message}`)
  // Verify: counts in the store, and the texts' checksum page by page.
  const tv = now()
  const restoredId = result.value.caseId
  const count = (caseId: string) =>
    Promise.all(
      (['documents', 'texts', 'annotations', 'entities', 'events'] as const).map((t) =>
        db.table(t).where('caseId').equals(caseId).count(),
      ),
    )
  const names = ['documents', 'texts', 'annotations', 'entities', 'events']
  const [got, want] = await Promise.all([count(restoredId), count(original.caseId)])
  const checksum = new TextChecksum()
  const metas = await db.documents.where('caseId').equals(restoredId).toArray()
  for (let i = 0; i < metas.length; i += 2_000) {
    const page = metas.slice(i, i + 2_000)
    const texts = await db.texts.bulkGet(page.map((m) => m.id))
    page.forEach((m, k) => checksum.add(m.title, texts[k]?.text ?? ''))
  }
  return {
    ms,
    reports,
    counts: Object.fromEntries(names.map((k, i) => [k, got[i]!])),
    expected: Object.fromEntries(names.map((k, i) => [k, want[i]!])),
    checksum: checksum.value,
    expectedChecksum: original.checksum,
    verifyMs: now() - tv,
  }
}

async function cleanup(): Promise<void> {
  scaleCase = undefined
  backupFile = undefined
  importFiles = []
  const db = getDb()
  db.close()
  await db.delete()
}

declare global {
  interface Window {
    /** The scale100k section's phases (scripts/bench.mjs calls them in order). */
    scale: typeof scaleBench
    /** Set by scripts/bench.mjs with SCALE_GRAPH_SCREENSHOT: screenshots the page. */
    benchScreenshot?: () => Promise<void>
    /** Set by scripts/bench/profile-graph.mjs: screenshots the page after a filter change. */
    benchScreenshotAfterFilter?: () => Promise<void>
  }
}

/** The phases scripts/bench.mjs calls, in order. */
export const scaleBench = {
  prepareImport,
  runImport,
  generate,
  library,
  timeline,
  graph,
  workbenchMount,
  workbenchImport,
  backup,
  restore,
  cleanup,
}
