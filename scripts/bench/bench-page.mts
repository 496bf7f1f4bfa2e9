/**
 * The in-browser half of `npm run bench` (scripts/bench.mjs drives it): runs the import,
 * store, search and tagging benchmarks against the app's real modules — `importBatch`,
 * `addDocuments`, `CasefileDB` over Chromium's IndexedDB, `SearchClient` with the real search
 * worker, `searchStorage`, the seeded news corpus, `benchSearch`, `tagPassage`, and
 * `SuggestClient` with the real suggestion worker, and the timeline pane (`TimelinePane` over
 * vis-timeline, rendered with React into this page) — and returns measured rows. Each
 * row carries its method in one line; targets and the pass/miss verdict live in the runner.
 * Progress goes to the console as `[bench] …` lines, which the runner prints.
 *
 * The file is `.mts` on purpose: `tsconfig.node.json` takes `scripts/**\/*.ts` into the Node
 * project, which may not import `src/`. Check its types with
 * `npx tsc -p scripts/bench/tsconfig.json --noEmit`.
 */
import '../../src/domain/zod'
import { createElement, createRef, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { flushSync } from 'react-dom'
import { DataSet } from 'vis-data'
import { Timeline, type DataGroup, type DataItem, type TimelineOptions } from 'vis-timeline'
import { createCase } from '../../src/db/cases'
import { exportStixBundle } from '../../src/interop/stix/export'
import { applyStixImport, planStixImport } from '../../src/interop/stix/import'
import { syntheticCase } from '../../src/interop/stix/synthetic-case'
import { TaxiiClient } from '../../src/interop/taxii/client'
import { newLedger, PUSH_CONCURRENCY, pushObjects } from '../../src/interop/taxii/push'
import { createWebPlatform } from '../../src/platform/web'
import { getDb } from '../../src/db/db'
import { resetStores } from '../../src/ui/stores/reset'
import { plural } from '../../src/ui/plural'
import { useView } from '../../src/ui/stores/view'
import { useSelection } from '../../src/ui/stores/selection'
import { GraphPane } from '../../src/features/graph/GraphPane'
import { MapPane } from '../../src/features/map/MapPane'
import { loadGazetteer, suggestPlaces } from '../../src/domain/geo/gazetteer'
import { fitProjection, layoutMarkers } from '../../src/domain/geo/map-layout'
import { buildMapModel, prepareMap } from '../../src/domain/geo/map-model'
import { benchGraphLayout } from './graph-layout-bench.mjs'
import { benchEvidence } from './evidence-bench.mjs'
import { scaleBench } from './scale-bench.mjs'
import {
  afterFrame,
  median,
  now,
  pause,
  percentile,
  progress,
  round,
  type BenchRow,
} from './bench-helpers.mjs'
import { composeBriefing } from '../../src/briefing/compose'
import { renderBriefingHtml } from '../../src/briefing/print-html'
import { timelineToSvg } from '../../src/briefing/timeline-svg'
import { buildGraph } from '../../src/domain/graph-model'
import { graphToSvg } from '../../src/features/graph/export/graph-svg'
import { computeLayout } from '../../src/graph-layout/layout'
import { logChanges } from '../../src/db/change-log'
import { addDocuments, type NewDocument } from '../../src/db/documents'
import { V1_STORES } from '../../src/db/migrations/v1'
import { CasefileDB } from '../../src/db/schema'
import {
  searchDocuments,
  searchSignatures,
  searchStorage,
  searchTexts,
} from '../../src/db/search-storage'
import { tagPassage, type TagInput } from '../../src/db/tags'
import { EVENT_TYPES } from '../../src/domain/event-types'
import { buildTimeline, WINDOW_MAX_ITEMS, windowForItems } from '../../src/domain/timeline-model'
import type {
  AnnotationKind,
  AnnotationRecord,
  BriefingRecord,
  Credibility,
  DocumentMeta,
  EntityKind,
  EventRecord,
  Reliability,
} from '../../src/domain/types'
import {
  TimelinePane,
  type TimelinePaneHandle,
  type TimelinePaneProps,
} from '../../src/features/timeline/TimelinePane'
import { decodeText } from '../../src/import/decode'
import { extractDocument } from '../../src/import/extract'
import { importBatch, type StoredDocument } from '../../src/import/import-batch'

/**
 * Documents per transaction in the store benchmarks (the chunk importBatch used before it
 * committed each file on its own; kept so the store rows stay comparable across runs).
 */
const STORE_CHUNK_DOCS = 1000
import { normaliseText, sha256Hex } from '../../src/import/normalise'
import type { SourceFile } from '../../src/platform/platform'
import { benchQueries, benchSearch } from '../../src/search/bench-search'
import { SearchClient, type SearchWorkerLike } from '../../src/search/search-client'
import { SEARCH_PAGE, type SearchDoc } from '../../src/search/search-core'
import { makeNewsCorpus, newsDocuments, seededRandom } from '../../src/search/synthetic-corpus'
import { benchArticle, benchNer } from '../../src/suggest/bench-ner'
import { SuggestClient } from '../../src/suggest/suggest-client'

export type { BenchRow }

/** A long document for the reader benchmark. */
export interface LongDocument {
  name: string
  title: string
  /** A string found only in the document's last paragraph. */
  marker: string
  text: string
  bytes: number
}

/** A generated text file, kept in memory. */
interface NewsFile {
  name: string
  bytes: Uint8Array<ArrayBuffer>
}

declare global {
  /** Chromium's console.profile/profileEnd (not in TypeScript's DOM lib): a profiler attached to the page records between them. */
  interface Console {
    profile(label?: string): void
    profileEnd(label?: string): void
  }
  interface Window {
    runBench(name: string): Promise<BenchRow[]>
    runTaxiiPush(
      discovery: string,
      user: string,
      password: string,
      events?: number,
      server?: string,
    ): Promise<BenchRow[]>
    htmlBench: {
      prepare(): { hostile: number; large: number; elements: number }
      run(): Promise<BenchRow[]>
    }
    importMemory: {
      prepare(totalMB: number, count: number): Promise<ImportMemoryFiles>
      run(): Promise<{ imported: number; ms: number; indexBatches: number }>
    }
    makeLongDocuments(count: number, maxBytes: number): LongDocument[]
    makeBriefingHtml(): BriefingBench
    /**
     * Set by the runner (scripts/bench.mjs): notes the browser's CPU time at a span's edge
     * (`<span>:start`, `<span>:end`).
     */
    benchSpan?(edge: string): Promise<void>
    showMap(options: { window?: { start: number; end: number }; selectEventId?: string }): Promise<{
      markers: number
    }>
    runSearchScale(count: number): Promise<BenchRow[]>
    graphDrag: {
      target(): { x: number; y: number }
      nodesAt(): Record<string, { x: number; y: number }>
      startFrames(): void
      stopFrames(): number[]
      unmount(): void
    }
  }
}

/** A composed benchmark briefing and what making it took (ms). */
interface BriefingBench {
  html: string
  events: number
  citations: number
  composeMs: number
  figuresMs: number
  renderMs: number
}

const kb = (bytes: number): string => `${round(bytes / 1024, 1)} KB`

let dbCounter = 0

/**
 * A pause between timed runs. Chromium's IndexedDB (LevelDB, one per origin) flushes, compacts
 * and sweeps deleted databases in the background; without the pause that work lands in
 * whichever run comes next, and a run's time varied up to 5× (with it, within about 20%).
 */
const SETTLE_MS = 400
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, SETTLE_MS))

/** A new, empty Casefile database (a fresh name, so nothing cached) with one case. */
async function freshStore(label: string): Promise<{ db: CasefileDB; caseId: string }> {
  const db = new CasefileDB(`bench-${label}-${dbCounter++}`)
  await db.open()
  const record = await createCase(db, `Bench ${label}`)
  return { db, caseId: record.id }
}

async function dropStore(db: CasefileDB): Promise<void> {
  await db.delete()
}

/**
 * `count` distinct news-like text files of 3–5 KB (3,072–5,120 bytes of UTF-8): a title line,
 * a blank line and paragraphs from the seeded corpus generator.
 */
function newsFiles(count: number, seed: number): NewsFile[] {
  const encoder = new TextEncoder()
  const files: NewsFile[] = []
  for (let attempt = 0; files.length < count; attempt++) {
    if (attempt > 3) throw new Error(`could not generate ${count} files of 3–5 KB`)
    for (const doc of makeNewsCorpus(Math.ceil(count * 2.5), seed + attempt * 1000, 4000)) {
      const bytes = encoder.encode(`${doc.title}\n\n${doc.text}\n`)
      if (bytes.length < 3072 || bytes.length > 5120) continue
      files.push({ name: `news-${seed}-${files.length}.txt`, bytes })
      if (files.length === count) break
    }
  }
  return files
}

/** An in-memory `SourceFile`, as the platform hands one to the importer (read = a copy). */
function sourceFile(file: NewsFile): SourceFile {
  return {
    name: file.name,
    size: file.bytes.length,
    type: 'text/plain',
    read: async () => file.bytes.buffer.slice(0),
  }
}

function sizeSummary(files: NewsFile[]): string {
  const sizes = files.map((f) => f.bytes.length)
  const total = sizes.reduce((a, b) => a + b, 0)
  return `${kb(Math.min(...sizes))}–${kb(Math.max(...sizes))}, mean ${kb(total / sizes.length)}`
}

/** What importBatch hands to addDocuments for an extracted document (its `toNewDocument`). */
function toNewDocument(doc: NewDocument): NewDocument {
  const out: NewDocument = { ...doc }
  if (!out.warnings?.length) delete out.warnings
  return out
}

async function extractAll(files: NewsFile[]): Promise<NewDocument[]> {
  const docs: NewDocument[] = []
  for (const file of files) {
    const outcome = await extractDocument(sourceFile(file))
    if (!outcome.ok) throw new Error(`${file.name}: ${outcome.error.code}`)
    docs.push(toNewDocument(outcome.doc))
  }
  return docs
}

/** Stores `docs` with `addDocuments`, in chunks as `importBatch` does. */
async function storeInChunks(
  db: CasefileDB,
  caseId: string,
  docs: NewDocument[],
  chunk = STORE_CHUNK_DOCS,
) {
  for (let i = 0; i < docs.length; i += chunk) {
    const outcomes = await addDocuments(db, caseId, docs.slice(i, i + chunk))
    if (outcomes.some((o) => o.status !== 'stored')) throw new Error('unexpected duplicate')
  }
}

// ---------------------------------------------------------------------------------------
// 1. Import end to end

async function benchImport(): Promise<BenchRow[]> {
  const count = 1000
  const runs = 3
  progress(`import: generating ${count} news files`)
  const files = newsFiles(count, 11)
  const warmup = newsFiles(50, 99)
  {
    // Loads the text importer's chunk and warms the JIT, as an earlier import would have.
    const { db, caseId } = await freshStore('import-warmup')
    await importBatch(db, caseId, warmup.map(sourceFile))
    await dropStore(db)
  }
  const times: number[] = []
  for (let r = 0; r < runs; r++) {
    const { db, caseId } = await freshStore('import')
    const sources = files.map(sourceFile)
    const t = now()
    const report = await importBatch(db, caseId, sources)
    times.push(now() - t)
    if (report.imported !== count) throw new Error(`imported ${report.imported} of ${count}`)
    await dropStore(db)
    await settle()
    progress(`import: run ${r + 1}/${runs}: ${round(times[r]!)} ms`)
  }
  const ms = median(times)

  // Where the time goes: the same files through each stage alone.
  let t = now()
  const docs = await extractAll(files)
  const extractMs = now() - t
  t = now()
  for (const doc of docs) await sha256Hex(doc.text)
  const hashMs = now() - t
  t = now()
  for (const file of files) normaliseText(decodeText(file.bytes).text)
  const parseMs = now() - t
  const { db, caseId } = await freshStore('import-store')
  await settle()
  t = now()
  await storeInChunks(db, caseId, docs)
  const storeMs = now() - t
  await dropStore(db)
  t = now()
  for (let i = 0; i < count; i++) await import('../../src/import/text')
  const dynImportMs = now() - t
  const blobs = files.map((f) => new File([f.bytes], f.name, { type: 'text/plain' }))
  t = now()
  for (const blob of blobs) await blob.arrayBuffer()
  const readMs = now() - t

  const perDoc = (x: number): number => round(x / count, 3)
  return [
    {
      name: 'import: 1,000 docs end to end (importBatch)',
      value: round((count / ms) * 1000, 0),
      unit: 'docs/s',
      method: `importBatch of ${count} generated .txt files (3–5 KB) into a fresh case; median of ${runs} runs`,
      detail: `files ${sizeSummary(files)}, distinct, in-memory SourceFiles, one transaction per file (importBatch's way since the import hardening); runs ${times.map((x) => round(x, 0)).join(', ')} ms after a 50-file warm-up`,
    },
    {
      name: 'import: extraction incl. SHA-256',
      value: perDoc(extractMs),
      unit: 'ms/doc',
      method: `extractDocument() on the same files, one after another as importBatch does`,
      detail: `${round(extractMs, 0)} ms for ${count}`,
    },
    {
      name: 'import: of which SHA-256',
      value: perDoc(hashMs),
      unit: 'ms/doc',
      method: 'sha256Hex() (crypto.subtle.digest) of each text, awaited one by one',
      detail: `${round(hashMs, 0)} ms for ${count}`,
    },
    {
      name: 'import: of which decode + normalise',
      value: perDoc(parseMs),
      unit: 'ms/doc',
      method: 'decodeText() + normaliseText() of each file',
      detail: `${round(parseMs, 0)} ms for ${count}`,
    },
    {
      name: 'import: of which import() of the text importer',
      value: perDoc(dynImportMs),
      unit: 'ms/doc',
      method:
        "await import('./text') per file, as extract.ts parse() did before the importers' modules were loaded once (load-once.ts; module already loaded)",
      detail: `${round(dynImportMs, 0)} ms for ${count}`,
    },
    {
      name: 'import: store step (addDocuments)',
      value: perDoc(storeMs),
      unit: 'ms/doc',
      method: `addDocuments() of the extracted docs in chunks of ${STORE_CHUNK_DOCS} as importBatch stores them, fresh case`,
      detail: `${round(storeMs, 0)} ms for ${count}`,
    },
    {
      name: 'import: File.arrayBuffer() (not in the figure)',
      value: perDoc(readMs),
      unit: 'ms/doc',
      method: "reading Blob-backed Files, what the web platform's read() adds per file",
      detail: `${round(readMs, 0)} ms for ${count}`,
    },
  ]
}

// ---------------------------------------------------------------------------------------
// 2. The store step against raw IndexedDB

type StoreSpec = Record<string, string>

/** Opens a fresh raw IndexedDB database with the given stores (Dexie's schema syntax). */
function openRaw(name: string, stores: StoreSpec): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1)
    request.onupgradeneeded = () => {
      const db = request.result
      for (const [store, spec] of Object.entries(stores)) {
        const [primary, ...indexes] = spec.split(',').map((s) => s.trim())
        const autoIncrement = primary!.startsWith('++')
        const os = db.createObjectStore(store, {
          keyPath: autoIncrement ? primary!.slice(2) : primary!,
          autoIncrement,
        })
        for (const index of indexes) {
          const keyPath = index.startsWith('[') ? index.slice(1, -1).split('+') : index
          os.createIndex(index, keyPath)
        }
      }
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('open failed'))
  })
}

/** Resolves with an IndexedDB request's result. */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('request failed'))
  })
}

/**
 * addDocuments' work done with the plain IndexedDB API, as a floor for what it has to cost:
 * per transaction of `chunk` docs, the case check and one index lookup per hash (issued
 * together), then every put — metadata, text, one change-log entry per document, the case's
 * `updatedAt` — issued together, into the v1 stores with their indexes.
 */
async function rawAddDocuments(db: IDBDatabase, docs: NewDocument[], chunk: number) {
  const caseId = 'case-raw'
  {
    const tx = db.transaction('cases', 'readwrite')
    tx.objectStore('cases').put({ id: caseId, title: 'Raw', createdAt: 0, updatedAt: 0 })
    await new Promise((resolve) => (tx.oncomplete = resolve))
  }
  for (let i = 0; i < docs.length; i += chunk) {
    const slice = docs.slice(i, i + chunk)
    const tx = db.transaction(['cases', 'documents', 'texts', 'changes'], 'readwrite')
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'))
    })
    const cases = tx.objectStore('cases')
    const byHash = tx.objectStore('documents').index('[caseId+textHash]')
    const [found, ...dups] = await Promise.all([
      done(cases.get(caseId)),
      ...slice.map((d) => done(byHash.getKey([caseId, d.textHash]))),
    ])
    if (!found || dups.some((k) => k !== undefined)) throw new Error('unexpected state')
    const at = Date.now()
    for (const doc of slice) {
      const { text, publisher: _p, reliability: _r, ...rest } = doc
      const meta = { ...rest, id: crypto.randomUUID(), caseId, importedAt: at }
      tx.objectStore('documents').put(meta)
      tx.objectStore('texts').put({ id: meta.id, caseId, text })
      tx.objectStore('changes').add({
        caseId,
        action: 'Import documents',
        op: 'create',
        table: 'documents',
        recordId: meta.id,
        after: meta,
        at,
      })
    }
    cases.put({ ...(found as object), updatedAt: at })
    await committed
  }
}

function deleteRaw(db: IDBDatabase): Promise<void> {
  db.close()
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(db.name)
    request.onsuccess = () => resolve()
    request.onerror = () => resolve()
  })
}

/**
 * Writes the records addDocuments would write for `docs` (document metadata and text rows)
 * with the plain IndexedDB API: `put` per record, `chunk` records per transaction.
 */
function rawWrite(db: IDBDatabase, caseId: string, docs: NewDocument[], chunk: number) {
  const transaction = (slice: NewDocument[]): Promise<void> =>
    new Promise((resolve, reject) => {
      const tx = db.transaction(['documents', 'texts'], 'readwrite')
      const metas = tx.objectStore('documents')
      const texts = tx.objectStore('texts')
      const importedAt = Date.now()
      for (const doc of slice) {
        const { text, publisher: _p, reliability: _r, ...rest } = doc
        const id = crypto.randomUUID()
        metas.put({ ...rest, id, caseId, importedAt })
        texts.put({ id, caseId, text })
      }
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error ?? new Error('transaction failed'))
      tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'))
    })
  return (async () => {
    for (let i = 0; i < docs.length; i += chunk) await transaction(docs.slice(i, i + chunk))
  })()
}

/** How a replay of addDocuments writes (see `replayAddDocuments`). */
interface StoreVariant {
  /** Documents per transaction (importBatch's chunkSize). */
  chunk: number
  /** Issue the writes of a chunk together instead of awaiting each bulkAdd in turn. */
  pipelined: boolean
  /** Find duplicates with one `anyOf` cursor, or with one index `get` per hash, in parallel. */
  dedupe: 'anyOf' | 'get'
  /** Change-log entries: one per document (metadata as `after`), one per batch, or none. */
  changeLog: 'perDoc' | 'perBatch' | false
}

/** What addDocuments does today, called as importBatch calls it. */
const AS_IS: StoreVariant = {
  chunk: STORE_CHUNK_DOCS,
  pipelined: true,
  dedupe: 'anyOf',
  changeLog: 'perBatch',
}
/** What it did before: chunks of 100, writes awaited in turn, an entry per document. */
const BEFORE: StoreVariant = { chunk: 100, pipelined: false, dedupe: 'anyOf', changeLog: 'perDoc' }

/**
 * addDocuments' transaction, replayed step by step with the same Dexie calls (case check,
 * duplicate query, bulkAdd of metadata, texts and change log, case update), optionally
 * changed as `variant` says, with each step's time added to `spent`. The as-is replay is
 * timed beside the real function to show that it is faithful.
 */
async function replayAddDocuments(
  docs: NewDocument[],
  variant: StoreVariant,
  spent: Record<string, number> = {},
): Promise<number> {
  const { db, caseId } = await freshStore('store-replay')
  const step = (name: string, since: number): number => {
    const t = now()
    spent[name] = (spent[name] ?? 0) + (t - since)
    return t
  }
  const start = now()
  for (let i = 0; i < docs.length; i += variant.chunk) {
    const slice = docs.slice(i, i + variant.chunk)
    let t = now()
    let callbackEnd = 0
    await db.transaction(
      'rw',
      [db.cases, db.documents, db.texts, db.sources, db.changes],
      async () => {
        t = step('open transaction', t)
        if (!(await db.cases.get(caseId))) throw new Error('no case')
        t = step('cases.get', t)
        const hashes = [...new Set(slice.map((d) => d.textHash))]
        const index = db.documents.where('[caseId+textHash]')
        const existing =
          variant.dedupe === 'anyOf'
            ? await index.anyOf(hashes.map((h) => [caseId, h])).toArray()
            : (await Promise.all(hashes.map((h) => index.equals([caseId, h]).first()))).filter(
                (d) => d !== undefined,
              )
        if (existing.length) throw new Error('unexpected duplicate')
        t = step('duplicate check', t)
        const at = Date.now()
        const metas = slice.map((doc) => {
          const { text: _t, publisher: _p, reliability: _r, ...rest } = doc
          return { ...rest, id: crypto.randomUUID(), caseId, importedAt: at }
        })
        const texts = slice.map((doc, k) => ({ id: metas[k]!.id, caseId, text: doc.text }))
        const entry = (m: (typeof metas)[number]) => ({
          caseId,
          action: 'Import documents',
          op: 'create' as const,
          table: 'documents' as const,
          recordId: m.id,
        })
        const changes =
          variant.changeLog === 'perDoc'
            ? metas.map((m) => ({ ...entry(m), after: m }))
            : variant.changeLog === 'perBatch' && metas.length
              ? [{ ...entry(metas[0]!), after: { documents: metas.map((m) => ({ id: m.id })) } }]
              : []
        t = step('build records', t)
        if (variant.pipelined) {
          await Promise.all([
            db.documents.bulkAdd(metas),
            db.texts.bulkAdd(texts),
            logChanges(db, changes),
            db.cases.update(caseId, { updatedAt: at }),
          ])
          t = step('writes, pipelined', t)
        } else {
          await db.documents.bulkAdd(metas)
          t = step('documents.bulkAdd', t)
          await db.texts.bulkAdd(texts)
          t = step('texts.bulkAdd', t)
          await logChanges(db, changes)
          t = step('change log', t)
          await db.cases.update(caseId, { updatedAt: at })
          t = step('cases.update', t)
        }
        callbackEnd = t
      },
    )
    step('commit', callbackEnd)
  }
  const ms = now() - start
  await dropStore(db)
  return ms
}

async function benchStore(): Promise<BenchRow[]> {
  const count = 1000
  const runs = 5
  progress(`store: extracting ${count} news files`)
  const docs = await extractAll(newsFiles(count, 23))
  const bytes = docs.reduce((sum, d) => sum + d.fileSize, 0)
  const plain = { documents: 'id', texts: 'id' }
  const indexed = { documents: V1_STORES.documents, texts: V1_STORES.texts }
  const variants: Record<string, StoreVariant> = {
    'as is (replay)': AS_IS,
    'before: 10 tx of 100, awaited, entry per doc': BEFORE,
    'as is, duplicate check by parallel get': { ...AS_IS, dedupe: 'get' },
    'as is, no change log': { ...AS_IS, changeLog: false },
    'as is, writes awaited in turn': { ...AS_IS, pipelined: false },
  }
  const fullStores = {
    cases: V1_STORES.cases,
    documents: V1_STORES.documents,
    texts: V1_STORES.texts,
    changes: V1_STORES.changes,
  }
  const timed: Record<string, number[]> = {}
  const time = async (key: string, run: () => Promise<number>): Promise<number> => {
    const ms = await run()
    ;(timed[key] ??= []).push(ms)
    await settle()
    return ms
  }
  const profile: Record<string, number> = {}
  // Interleaved, so that drift (disk, compaction, GC) spreads over every variant alike.
  for (let r = 0; r < runs; r++) {
    const store = await time('store', async () => {
      const { db, caseId } = await freshStore('store')
      const t = now()
      await storeInChunks(db, caseId, docs)
      const ms = now() - t
      await dropStore(db)
      return ms
    })
    const rawVariants: [string, StoreSpec, number][] = [
      ['raw', plain, count],
      ['raw, schema indexes', indexed, count],
      ['raw, schema indexes, 10 tx', indexed, 100],
    ]
    for (const [key, stores, chunk] of rawVariants) {
      await time(key, async () => {
        const db = await openRaw(`bench-raw-${dbCounter++}`, stores)
        const t = now()
        await rawWrite(db, 'case-raw', docs, chunk)
        const ms = now() - t
        await deleteRaw(db)
        return ms
      })
    }
    for (const [key, chunk] of [
      ['raw, the same work, 10 tx', 100],
      ['raw, the same work, 1 tx', count],
    ] as const) {
      await time(key, async () => {
        const db = await openRaw(`bench-raw-${dbCounter++}`, fullStores)
        const t = now()
        await rawAddDocuments(db, docs, chunk)
        const ms = now() - t
        await deleteRaw(db)
        return ms
      })
    }
    for (const [key, variant] of Object.entries(variants)) {
      await time(key, () => replayAddDocuments(docs, variant, variant === AS_IS ? profile : {}))
    }
    progress(
      `store: run ${r + 1}/${runs}: addDocuments ${round(store)} ms, raw ${round(timed.raw![r]!)} ms`,
    )
  }
  for (const [key, list] of Object.entries(timed))
    progress(`store: ${key}: ${list.map((x) => round(x, 0)).join(', ')}`)
  const med = (key: string): number => median(timed[key]!)
  const list = (key: string): string => timed[key]!.map((x) => round(x, 0)).join(', ')
  const rate = (ms: number): number => round((count / ms) * 1000, 0)
  const raw = med('raw')
  const steps = Object.entries(profile)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name} ${round(ms / runs, 0)}`)
    .join(', ')
  const ratio = (key: string): string => `${key} ${round(med(key) / raw, 2)}×`
  return [
    {
      name: `store: addDocuments (${STORE_CHUNK_DOCS} per tx, as importBatch)`,
      value: rate(med('store')),
      unit: 'docs/s',
      method: `addDocuments() of ${count} pre-extracted docs in chunks of ${STORE_CHUNK_DOCS}, fresh case; median of ${runs}`,
      detail: `${kb(bytes)} of text; runs ${list('store')} ms`,
    },
    {
      name: 'store: raw IndexedDB put (1 tx)',
      value: rate(raw),
      unit: 'docs/s',
      method: `plain indexedDB, fresh DB, one tx, put() per metadata and text record; median of ${runs}`,
      detail: `stores documents + texts, keyPath id, no indexes; runs ${list('raw')} ms`,
    },
    {
      name: 'store: ratio addDocuments / raw',
      value: round(med('store') / raw, 2),
      unit: 'x',
      method: 'median addDocuments time / median raw time, same records (above 1: slower)',
    },
    {
      name: 'store: raw with the schema indexes',
      value: round(med('raw, schema indexes') / raw, 2),
      unit: 'x raw',
      method: 'raw put into stores with the v1 indexes of documents and texts, one tx',
      detail: `one tx ${round(med('raw, schema indexes'), 0)} ms; 10 tx of 100 ${round(med('raw, schema indexes, 10 tx'), 0)} ms (${round(med('raw, schema indexes, 10 tx') / raw, 2)}× raw)`,
    },
    {
      name: 'store: the same work in raw IndexedDB',
      value: round(med('raw, the same work, 10 tx') / raw, 2),
      unit: 'x raw',
      method: "addDocuments' reads and writes done with plain indexedDB, 10 tx of 100",
      detail: `case check, an index lookup per hash, metadata + text + change entry per doc, case update, v1 indexes, requests issued together: 10 tx ${round(med('raw, the same work, 10 tx'), 0)} ms; 1 tx ${round(med('raw, the same work, 1 tx'), 0)} ms (${round(med('raw, the same work, 1 tx') / raw, 2)}× raw)`,
    },
    {
      name: 'store: addDocuments steps (replayed)',
      value: round(med('as is (replay)'), 0),
      unit: 'ms',
      method: "addDocuments' transaction replayed with the same Dexie calls, each step timed",
      detail: `mean ms per 1,000 docs: ${steps}`,
    },
    {
      name: 'store: before this design (10 tx of 100, entry per doc)',
      value: round(med('before: 10 tx of 100, awaited, entry per doc') / raw, 2),
      unit: 'x raw',
      method: 'the replay changed as named, ratio to raw (details: every variant)',
      detail: `medians of ${runs}: ${Object.keys(variants).map(ratio).join('; ')}`,
    },
  ]
}

// ---------------------------------------------------------------------------------------
// 3. Search over 10,000 documents

/**
 * The real search worker's handler (`search-timed.worker.mts`), wrapped to timestamp what goes
 * in and comes out. Besides the marks (`type:post`, `type:posted`, `type:answered`) it sums,
 * per request type, the round trips (`rt:type`), the worker's own time (`worker:type`) and the
 * worker's query costs (`cost:postings`, `cost:rank`, `cost:snippets`).
 */
function timedWorker(marks: Map<string, number>): SearchWorkerLike {
  const worker = new Worker(new URL('./search-timed.worker.mts', import.meta.url), {
    type: 'module',
    name: 'casefile-search',
  })
  const types = new Map<number, string>()
  const add = (key: string, ms: number): void => {
    marks.set(key, (marks.get(key) ?? 0) + ms)
  }
  return {
    postMessage(message: unknown, transfer?: Transferable[]) {
      const { id, type } = message as { id: number; type: string }
      types.set(id, type)
      marks.set(`${type}:post`, now())
      worker.postMessage(message, transfer ?? [])
      marks.set(`${type}:posted`, now())
    },
    addEventListener(type: string, listener: (event: { data: unknown }) => void) {
      if (type !== 'message') {
        worker.addEventListener(type, listener as unknown as EventListener)
        return
      }
      worker.addEventListener('message', (event: MessageEvent<unknown>) => {
        const data = event.data as {
          id?: number
          workerMs?: number
          cost?: {
            postingsMs: number
            rankMs: number
            snippetsMs: number
            candidates: number
            checked: number
            passed: number
          }
        } | null
        const id = data?.id
        const type = id === undefined ? undefined : types.get(id)
        if (type) {
          const at = now()
          marks.set(`${type}:answered`, at)
          add(`rt:${type}`, at - (marks.get(`${type}:post`) ?? at))
          add(`worker:${type}`, data?.workerMs ?? 0)
          add(`n:${type}`, 1)
          if (data?.cost) {
            add('cost:postings', data.cost.postingsMs)
            add('cost:rank', data.cost.rankMs)
            add('cost:snippets', data.cost.snippetsMs)
            add('cost:candidates', data.cost.candidates)
            add('cost:checked', data.cost.checked)
            add('cost:passed', data.cost.passed)
          }
        }
        listener(event)
      })
    },
    terminate: () => worker.terminate(),
  }
}

function partsSize(parts: Record<string, string | Uint8Array>): number {
  return Object.values(parts).reduce((sum, p) => sum + p.length, 0)
}

/** A saved search index's size: its head row's parts and its blocks (`searchSlices`). */
async function savedIndexSize(db: CasefileDB, caseId: string): Promise<number> {
  const row = await db.searchIndexes.get(caseId)
  if (!row) throw new Error('the index was not saved')
  let blocks = 0
  await db.searchSlices
    .where('caseId')
    .equals(caseId)
    .each((slice) => (blocks += slice.data.length))
  return partsSize(row.parts) + blocks
}

/**
 * The search storage with the reads timed: `load:start`/`load:end` for the head row, and the
 * saved blocks read (count and milliseconds, summed) in `blocks:count` and `blocks:ms`.
 */
function timedSearchStorage(
  storage: ReturnType<typeof searchStorage>,
  marks: Map<string, number>,
): ReturnType<typeof searchStorage> {
  return {
    ...storage,
    load: async (id) => {
      marks.set('load:start', now())
      const loaded = await storage.load(id)
      marks.set('load:end', now())
      return loaded
    },
    loadBlocks: async (id, stamp, blocks) => {
      const t0 = now()
      const data = await storage.loadBlocks(id, stamp, blocks)
      marks.set('blocks:count', (marks.get('blocks:count') ?? 0) + blocks.length)
      marks.set('blocks:ms', (marks.get('blocks:ms') ?? 0) + now() - t0)
      return data
    },
  }
}

async function benchSearchCase(): Promise<BenchRow[]> {
  const count = 10_000
  progress(`search: generating ${count.toLocaleString('en')} documents`)
  let t = now()
  const corpus = makeNewsCorpus(count, 5, 2000)
  const chars = corpus.reduce((sum, d) => sum + d.title.length + d.text.length, 0)
  progress(`search: ${round(chars / 2 ** 20, 1)} M characters in ${round(now() - t, 0)} ms`)

  // In-thread figures from the app's own benchmark function.
  progress('search: benchSearch (build, serialise, read back, ~200 queries)')
  const measured = new Map((await benchSearch(corpus)).map((r) => [r.name, r.value]))
  const get = (name: string): number => {
    const value = measured.get(name)
    if (value === undefined) throw new Error(`benchSearch gave no "${name}"`)
    return value
  }

  // The real path: the documents in a case, the index built in the worker and persisted.
  progress('search: importing the corpus into a case (importBatch)')
  const encoder = new TextEncoder()
  const files: NewsFile[] = corpus.map((d, i) => ({
    name: `corpus-${i}.txt`,
    bytes: encoder.encode(`${d.title}\n\n${d.text}\n`),
  }))
  const { db, caseId } = await freshStore('search')
  t = now()
  const report = await importBatch(db, caseId, files.map(sourceFile))
  const importMs = now() - t
  if (report.imported !== count) throw new Error(`imported ${report.imported} of ${count}`)
  files.length = 0
  const storage = searchStorage(db)

  progress('search: building the index in the worker and saving it')
  const buildMarks = new Map<string, number>()
  const builder = new SearchClient({ createWorker: () => timedWorker(buildMarks) })
  t = now()
  // As the app opens a case: documents with their signatures (text hash and title).
  await builder.open(
    caseId,
    storage,
    (ids) => searchDocuments(db, caseId, ids),
    await searchSignatures(db, caseId),
  )
  const buildMs = now() - t
  t = now()
  await builder.flush()
  const saveMs = now() - t
  const savedChars = await savedIndexSize(db, caseId)

  // Query latency as the UI sees it: through the worker, hits cloned back.
  const queries = benchQueries(corpus as SearchDoc[], 50, 7)
  for (const { q } of queries.slice(0, 20)) await builder.query(q)
  const viaWorker: number[] = []
  for (const { q } of queries) {
    const q0 = now()
    await builder.query(q)
    viaWorker.push(now() - q0)
  }
  await builder.close()

  // Opening the case again: the persisted row, read by a new SearchClient and worker.
  const opens: number[] = []
  const catchUps: number[] = []
  const openRuns = 5
  let breakdown = ''
  for (let r = 0; r < openRuns; r++) {
    await settle()
    const marks = new Map<string, number>()
    let rebuilt = false
    const timedStorage = timedSearchStorage(storage, marks)
    const t0 = now()
    const client = new SearchClient({ createWorker: () => timedWorker(marks) })
    let textsRead = 0
    // As SearchIndexService opens it: the signatures (what the saved index is compared with)
    // are read once it answers, and a query reads from the store the texts it reaches.
    await client.open(
      caseId,
      timedStorage,
      async (ids) => {
        if (!ids) rebuilt = true
        textsRead += ids?.length ?? 0
        return searchDocuments(db, caseId, ids)
      },
      () => searchSignatures(db, caseId),
    )
    const hits = await client.query(queries[0]!.q)
    const t1 = now()
    const firstBlocks = marks.get('blocks:count') ?? 0
    const firstBlocksMs = marks.get('blocks:ms') ?? 0
    await client.caughtUp
    const t2 = now()
    await client.close()
    if (rebuilt) throw new Error('opening rebuilt the index instead of reading the saved one')
    if (!hits.length) throw new Error('the first query found nothing')
    opens.push(t1 - t0)
    catchUps.push(t2 - t0)
    const m = (key: string): number => marks.get(key) ?? NaN
    breakdown =
      `IDB read of the row ${round(m('load:end') - m('load:start'), 0)}, ` +
      `postMessage clone ${round(m('load:posted') - m('load:post'), 0)}, worker start+read back ${round(m('load:answered') - m('load:posted'), 0)}, ` +
      `first query ${round(t1 - m('query:post'), 0)} (${textsRead} texts and ${firstBlocks} blocks read from the store, blocks ${round(firstBlocksMs, 0)} ms); caught up by signature and all ${m('blocks:count')} blocks read at ${round(t2 - t0, 0)}`
    progress(`search: open ${r + 1}/${openRuns}: ${round(t1 - t0, 0)} ms (${breakdown})`)
  }
  await dropStore(db)

  const p95 = (kind: string): number => get(`search: query p95 (${kind})`)
  const mChars = (n: number): string => `${round(n / 2 ** 20, 1)} M chars`
  return [
    {
      name: 'search: query p95',
      value: get('search: query p95 (all)'),
      unit: 'ms',
      method: `benchSearch(): ~200 queries over ${count.toLocaleString('en')} docs, ranked hits + snippets`,
      detail: `${mChars(chars)} of generated news; terms, 2–4 char prefixes, two terms, phrases; p95 term ${p95('term')}, prefix ${p95('prefix')}, two-term ${p95('two-term')}, phrase ${p95('phrase')}; p50 ${get('search: query p50 (all)')} ms; in-thread`,
    },
    {
      name: 'search: query p95 via SearchClient',
      value: round(percentile(viaWorker, 95), 2),
      unit: 'ms',
      method: 'the same queries through SearchClient.query() and the worker (limit 50)',
      detail: `after 20 warm-up queries; p50 ${round(percentile(viaWorker, 50), 2)} ms`,
    },
    {
      name: 'search: index build',
      value: get('search: build index'),
      unit: 'ms',
      method: 'benchSearch(): createIndex() and add() of every doc, in-thread',
      detail: `serialise ${get('search: serialise')} ms to ${get('search: serialised size')} MB (no texts: the store holds them)`,
    },
    {
      name: 'search: index build in the worker',
      value: round(buildMs, 0),
      unit: 'ms',
      method: 'SearchClient.open() of the case without a saved index (searchDocuments + build)',
      detail: `documents read and indexed 2,000 at a time; then serialise + save ${round(saveMs, 0)} ms, row ${mChars(savedChars)} (chars + bytes)`,
    },
    {
      name: 'search: index ready after opening',
      value: round(median(opens), 0),
      unit: 'ms',
      method: `new SearchClient + worker reading the saved row, until a query answers (its texts read from the store); median of ${openRuns}`,
      detail: `runs ${opens.map((x) => round(x, 0)).join(', ')} ms; last run, ms: ${breakdown}`,
    },
    {
      name: 'search: caught up after opening',
      value: round(median(catchUps), 0),
      unit: 'ms',
      method:
        'the same opens, until every document signature was read and compared and every saved block of postings read (after ready; search answers meanwhile)',
      detail: `runs ${catchUps.map((x) => round(x, 0)).join(', ')} ms`,
    },
    {
      name: 'search: import 10,000 docs (importBatch)',
      value: round((count / importMs) * 1000, 0),
      unit: 'docs/s',
      method: 'seeding that case: the corpus as ~2 KB .txt files through importBatch',
      detail: `${round(importMs / 1000, 1)} s`,
    },
  ]
}

// ---------------------------------------------------------------------------------------
// 3b. Search at scale (issue 17): a case of 100,000 documents (asked for by name:
// `--only search100k`, `--size N` for another count). The documents are written straight into
// Dexie (metadata + text rows, one transaction per 2,000, no change log and no import
// pipeline: the import's own speed is another row), the index is built and saved once as the
// app does it (SearchClient + the real worker), then the case is opened again and timed.

const SCALE_WRITE_BATCH = 2000

async function writeScaleCase(
  db: CasefileDB,
  caseId: string,
  count: number,
): Promise<{ chars: number; sample: SearchDoc[] }> {
  let chars = 0
  const sample: SearchDoc[] = []
  let batch: SearchDoc[] = []
  const at = Date.now()
  const flush = async (): Promise<void> => {
    const hashes = await Promise.all(batch.map((d) => sha256Hex(d.text)))
    const metas: DocumentMeta[] = batch.map((d, k) => ({
      id: `${caseId}-${d.id}`,
      caseId,
      title: d.title,
      textHash: hashes[k]!,
      mime: 'text/plain',
      fileName: `${d.id}.txt`,
      fileSize: d.text.length,
      importer: 'text',
      importerVersion: 'bench',
      importedAt: at,
    }))
    const texts = batch.map((d, k) => ({ id: metas[k]!.id, caseId, text: d.text }))
    await db.transaction('rw', db.documents, db.texts, async () => {
      await Promise.all([db.documents.bulkAdd(metas), db.texts.bulkAdd(texts)])
    })
    batch = []
  }
  let i = 0
  for (const doc of newsDocuments(count, 17, 2000)) {
    chars += doc.title.length + doc.text.length
    // Every 20th document: what the fixed query list is drawn from.
    if (i++ % 20 === 0) sample.push(doc)
    batch.push(doc)
    if (batch.length === SCALE_WRITE_BATCH) await flush()
  }
  if (batch.length) await flush()
  return { chars, sample }
}

/** Per kind of query: p50 and p95 of the times, and the mean texts read. */
function queryKinds(list: { kind: string; ms: number; texts: number }[]): string {
  const kinds = [...new Set(list.map((x) => x.kind))]
  return kinds
    .map((kind) => {
      const of = list.filter((x) => x.kind === kind)
      const ms = of.map((x) => x.ms)
      const texts = of.reduce((a, x) => a + x.texts, 0) / of.length
      return `${kind} ${round(percentile(ms, 50), 0)}/${round(percentile(ms, 95), 0)} (${round(texts, 0)} texts)`
    })
    .join(', ')
}

async function benchSearchScale(count: number): Promise<BenchRow[]> {
  const size = count.toLocaleString('en')
  const { db, caseId } = await freshStore('search-scale')
  progress(`search ${size}: writing the documents into Dexie`)
  let t = now()
  const { chars, sample } = await writeScaleCase(db, caseId, count)
  const writeMs = now() - t
  progress(
    `search ${size}: ${round(chars / 2 ** 20, 0)} M chars written in ${round(writeMs / 1000, 1)} s`,
  )
  const storage = searchStorage(db)
  const loadDocs = (ids?: readonly string[]) => searchDocuments(db, caseId, ids)

  progress(`search ${size}: building the index in the worker (batches of 2,000) and saving it`)
  const builder = new SearchClient({ createWorker: () => timedWorker(new Map()) })
  t = now()
  await builder.open(caseId, storage, loadDocs, () => searchSignatures(db, caseId))
  const buildMs = now() - t
  t = now()
  await builder.flush()
  const saveMs = now() - t
  await builder.close()
  const savedBytes = await savedIndexSize(db, caseId)
  progress(
    `search ${size}: built in ${round(buildMs / 1000, 1)} s, saved in ${round(saveMs / 1000, 1)} s (${round(savedBytes / 2 ** 20, 0)} MB)`,
  )

  const queries = benchQueries(sample, 50, 7)
  const opens: number[] = []
  const firsts: number[] = []
  const wholes: number[] = []
  // Texts read from the store for queries (the measured loop only, on the last open).
  const textReads = { ms: 0, count: 0, calls: 0 }
  let viaClient: number[] = []
  let hitsTotal = 0
  let breakdown = ''
  // Per measured query: its time, hits and the texts it read (the slowest are printed).
  const perQuery: {
    q: string
    kind: string
    ms: number
    hits: number
    texts: number
    reads: number
    readMs: number
    /** Candidates from the lists, of them checked against their text, and passed. */
    candidates: number
    checked: number
    passed: number
    /** Worker ms by step: postings, checking + ranking, snippets. */
    stages: [number, number, number]
  }[] = []
  let split = ''
  // First pages by query, "Show more" times, queries whose first page equals the first 20 of
  // 50 hits asked at once, and first pages that knew the exact count.
  const firstPages = new Map<string, string>()
  const nextPages: number[] = []
  let sameTop = 0
  let exact = 0
  // The first pages' share of the worker's and the store's time (see `timedWorker`).
  const costKeys = [
    'cost:postings',
    'cost:rank',
    'cost:snippets',
    'cost:candidates',
    'cost:checked',
    'cost:passed',
    'worker:query',
    'rt:query',
    'n:query',
    'worker:provide',
    'rt:provide',
    'n:provide',
  ]
  const firstCost = new Map<string, number>()
  const firstReads = { ms: 0, count: 0, calls: 0 }
  const openRuns = 3
  for (let r = 0; r < openRuns; r++) {
    await settle()
    const marks = new Map<string, number>()
    let rebuilt = false
    const t0 = now()
    const client = new SearchClient({ createWorker: () => timedWorker(marks) })
    // As SearchIndexService opens it: once the signatures are read (catching up), a query's
    // candidates are read with `searchTexts` (their texts only, titles from the signatures);
    // until then with `searchDocuments` (metadata and text).
    let sigs: Map<string, string> | undefined
    await client.open(
      caseId,
      timedSearchStorage(storage, marks),
      async (ids) => {
        if (!ids) rebuilt = true
        const r0 = now()
        const docs = await (ids && sigs ? searchTexts(db, caseId, ids, sigs) : loadDocs(ids))
        textReads.ms += now() - r0
        textReads.count += ids?.length ?? 0
        textReads.calls++
        return docs
      },
      async () => {
        const read = await searchSignatures(db, caseId)
        sigs = new Map(read)
        return read
      },
    )
    const t1 = now()
    const hits = await client.query(queries[0]!.q)
    const t2 = now()
    if (rebuilt) throw new Error('opening rebuilt the index instead of reading the saved one')
    if (!hits.length) throw new Error('the first query found nothing')
    opens.push(t1 - t0)
    firsts.push(t2 - t0)
    const m = (key: string): number => marks.get(key) ?? NaN
    const firstBlocks = marks.get('blocks:count') ?? 0
    const firstBlocksMs = marks.get('blocks:ms') ?? 0
    await client.caughtUp
    const t3 = now()
    wholes.push(t3 - t0)
    breakdown =
      `IDB read of the head row ${round(m('load:end') - m('load:start'), 0)}, ` +
      `postMessage ${round(m('load:posted') - m('load:post'), 0)}, worker start + read back ${round(m('load:answered') - m('load:posted'), 0)}, ` +
      `first query ${round(t2 - t1, 0)} (${firstBlocks} blocks read for it in ${round(firstBlocksMs, 0)}); ` +
      `caught up, all ${m('blocks:count')} blocks read, at ${round(t3 - t0, 0)}`
    progress(
      `search ${size}: open ${r + 1}/${openRuns}: ready ${round(t1 - t0, 0)} ms, first answer ${round(t2 - t0, 0)} ms (${breakdown})`,
    )
    if (r === openRuns - 1) {
      // Query latency on the last opened client, as the UI sees it: through the worker, the
      // texts of the candidates a query reaches read from the store, hits with snippets
      // (every saved block read by now: `caughtUp` above).
      for (const { q } of queries.slice(0, 20)) await client.page(q, SEARCH_PAGE)
      viaClient = []
      textReads.ms = 0
      textReads.count = 0
      textReads.calls = 0
      for (const key of [...marks.keys()]) if (/^(rt|worker|n|cost):/.test(key)) marks.delete(key)
      for (const { q, kind } of queries) {
        const before = { ...textReads }
        const costs = costKeys.map((k) => marks.get(k) ?? 0)
        const q0 = now()
        const page = await client.page(q, SEARCH_PAGE)
        const ms = now() - q0
        costKeys.forEach((k, i) =>
          firstCost.set(k, (firstCost.get(k) ?? 0) + (marks.get(k) ?? 0) - costs[i]!),
        )
        firstReads.ms += textReads.ms - before.ms
        firstReads.count += textReads.count - before.count
        firstReads.calls += textReads.calls - before.calls
        const hits = page.hits.length
        hitsTotal += hits
        viaClient.push(ms)
        firstPages.set(q, page.hits.map((h) => h.docId).join())
        // The first page's own figures, taken before "Show more results" adds to the counts.
        const spent = (k: string): number => (marks.get(k) ?? 0) - costs[costKeys.indexOf(k)]!
        perQuery.push({
          q,
          kind,
          ms,
          hits,
          texts: textReads.count - before.count,
          reads: textReads.calls - before.calls,
          readMs: textReads.ms - before.ms,
          candidates: spent('cost:candidates'),
          checked: spent('cost:checked'),
          passed: spent('cost:passed'),
          stages: [spent('cost:postings'), spent('cost:rank'), spent('cost:snippets')],
        })
        if (page.more) {
          // "Show more results", as the analyst asks for it next.
          const m0 = now()
          await client.page(q, 2 * SEARCH_PAGE)
          nextPages.push(now() - m0)
        }
        if (page.total !== undefined) exact++
      }
      // The same queries asked for 50 hits at once (as before pages): is the first page the
      // same 20 documents, in the same order, as the first 20 of those?
      for (const { q } of queries) {
        const top = (await client.page(q, 50)).hits.slice(0, SEARCH_PAGE)
        if (top.map((h) => h.docId).join() === firstPages.get(q)) sameTop++
      }
      const sum = (key: string): number => round(firstCost.get(key) ?? 0, 0)
      split =
        `first pages only: ${sum('cost:candidates')} candidates from the lists, ${sum('cost:checked')} checked against their text, ${sum('cost:passed')} passed; store reads ${round(firstReads.ms, 0)} (${firstReads.count} texts in ${firstReads.calls} reads); worker: postings ${sum('cost:postings')}, checking + ranking ${sum('cost:rank')}, snippets ${sum('cost:snippets')} ` +
        `(query requests ${sum('worker:query')} in the worker, ${sum('rt:query')} round trip, ${sum('n:query')} of them; provide ${sum('worker:provide')} in the worker, ${sum('rt:provide')} round trip, ${sum('n:provide')})`
    }
    await client.close()
  }
  await dropStore(db)
  return [
    {
      name: `search ${size}: index ready after opening`,
      value: round(median(opens), 0),
      unit: 'ms',
      method: `new SearchClient + worker reading the saved index of ${size} docs (its head row: keys and documents; the postings' blocks are read when a query needs them, the rest in the background) until it answers queries; median of ${openRuns}`,
      detail: `runs ${opens.map((x) => round(x, 0)).join(', ')} ms; first query answered at ${firsts.map((x) => round(x, 0)).join(', ')} ms; every block read and caught up at ${wholes.map((x) => round(x, 0)).join(', ')} ms; last run, ms: ${breakdown}`,
    },
    {
      name: `search ${size}: query p95 with snippets`,
      value: round(percentile(viaClient, 95), 1),
      unit: 'ms',
      method: `${queries.length} fixed queries (terms, 2–4 char prefixes, two terms, phrases; drawn from every 20th doc) through SearchClient.page(q, ${SEARCH_PAGE}): the first page the search box shows, ${SEARCH_PAGE} ranked hits with their snippets, texts read from the store (\`searchTexts\`, as the app does once the signatures are read); after every saved block was read`,
      detail: `after 20 warm-up queries; p50 ${round(percentile(viaClient, 50), 1)} ms; mean hits ${round(hitsTotal / queries.length, 1)}; "Show more results" (the next ${SEARCH_PAGE}, asked right after) p50 ${round(percentile(nextPages, 50), 1)} ms, p95 ${round(percentile(nextPages, 95), 1)} ms over ${nextPages.length} queries with more; exact count known on ${exact} first pages; first page = the first ${SEARCH_PAGE} of 50 asked at once for ${sameTop} of ${queries.length} queries; of the ${round(
        viaClient.reduce((a, b) => a + b, 0),
        0,
      )} ms of all ${queries.length} first pages, ${round(firstReads.ms, 0)} ms reading ${firstReads.count} texts from the store in ${firstReads.calls} reads`,
    },
    {
      name: `search ${size}: where the first pages' time went`,
      value: round(
        viaClient.reduce((a, b) => a + b, 0),
        0,
      ),
      unit: 'ms',
      method: `the same ${queries.length} first pages: the store's text reads (main thread), the worker's time by step (its clock), the messages`,
      detail: `${split}; by kind, p50/p95 ms and mean texts read: ${queryKinds(perQuery)}; slowest: ${[
        ...perQuery,
      ]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 10)
        .map(
          (x) =>
            `${JSON.stringify(x.q)} (${x.kind}) ${round(x.ms, 0)} ms, ${x.hits} hits, ${x.candidates} candidates of which ${x.checked} checked and ${x.passed} passed, ${x.texts} texts in ${x.reads} reads ${round(x.readMs, 0)} ms, worker postings/check/snippets ${x.stages.map((v) => round(v, 1)).join('/')} ms`,
        )
        .join('; ')}`,
    },
    {
      name: `search ${size}: index build in the worker`,
      value: round(buildMs / 1000, 1),
      unit: 's',
      method: `SearchClient.open() without a saved index: documents read and indexed 2,000 at a time`,
      detail: `then serialise + save ${round(saveMs / 1000, 1)} s, saved ${round(savedBytes / 2 ** 20, 0)} MB`,
    },
    {
      name: `search ${size}: writing the case`,
      value: round(writeMs / 1000, 1),
      unit: 's',
      method: `${size} generated docs (${round(chars / 2 ** 20, 0)} M chars, seeded synthetic-corpus) bulkAdded straight into Dexie, 2,000 per transaction`,
    },
  ]
}

window.runSearchScale = benchSearchScale

// ---------------------------------------------------------------------------------------
// 4. Tagging: committing a tag on a 1 MB document, and the suggestions' NER pass in its worker

const MB = 1_048_576

/** A pause between tags: an analyst takes far longer to choose the next passage. */
const TAG_PAUSE_MS = 50

/**
 * `count` distinct passages of `text`, spread evenly over it: from the first word after each
 * evenly spaced offset, one to three whole words (letters, apostrophes and hyphens).
 */
function wordSpans(text: string, count: number): { start: number; end: number }[] {
  const word = /[A-Za-z][A-Za-z'-]*(?: [A-Za-z][A-Za-z'-]*){0,2}/g
  const spans: { start: number; end: number }[] = []
  for (let i = 0; i < count; i++) {
    word.lastIndex = text.indexOf(' ', Math.floor((i / count) * text.length)) + 1
    const m = word.exec(text)
    if (!m) throw new Error(`no word after offset ${word.lastIndex}`)
    spans.push({ start: m.index, end: m.index + m[0].length })
  }
  return spans
}

const ENTITY_KINDS: [AnnotationKind, EntityKind][] = [
  ['actor', 'person'],
  ['location', 'location'],
]
const PLAIN_KINDS: AnnotationKind[] = ['event', 'claim', 'note']

async function benchTagCommit(): Promise<BenchRow[]> {
  const runs = 100
  const warmup = 5
  const long = makeLongDocuments(1, MB)[0]!
  const bytes = new TextEncoder().encode(long.text)
  const outcome = await extractDocument(sourceFile({ name: long.name, bytes }))
  if (!outcome.ok) throw new Error(`${long.name}: ${outcome.error.code}`)
  const { db, caseId } = await freshStore('tagging')
  const [stored] = await addDocuments(db, caseId, [toNewDocument(outcome.doc)])
  if (stored?.status !== 'stored') throw new Error('the 1 MB document was not stored')
  const docId = stored.id
  const text = (await db.texts.get(docId))!.text
  // Half the tags create an actor or location, half are plain; warm-ups alternate the same way.
  const inputs: TagInput[] = wordSpans(text, warmup + runs).map((span, i) => {
    if (i % 2 === 0) {
      const [kind, entityKind] = ENTITY_KINDS[(i >> 1) % ENTITY_KINDS.length]!
      const name = text.slice(span.start, span.end)
      return { docId, ...span, kind, newEntity: { name, kind: entityKind } }
    }
    return { docId, ...span, kind: PLAIN_KINDS[(i >> 1) % PLAIN_KINDS.length]! }
  })
  await settle()
  progress(`tagging: ${runs} tags on a ${kb(bytes.length)} document (${warmup} warm-ups first)`)
  const all: number[] = []
  const withEntity: number[] = []
  const plain: number[] = []
  for (const [i, input] of inputs.entries()) {
    const t = now()
    await tagPassage(db, input)
    const ms = now() - t
    if (i >= warmup) {
      all.push(ms)
      ;(input.newEntity ? withEntity : plain).push(ms)
    }
    await pause(TAG_PAUSE_MS)
  }
  const [tags, entities] = await Promise.all([
    db.annotations.where('docId').equals(docId).count(),
    db.entities.where('caseId').equals(caseId).count(),
  ])
  await dropStore(db)
  const expectedEntities = inputs.filter((x) => x.newEntity).length
  if (tags !== inputs.length || entities !== expectedEntities) {
    throw new Error(
      `stored ${tags} tags and ${entities} entities, expected ${inputs.length} and ${expectedEntities}`,
    )
  }
  const p = (list: number[], q: number): number => round(percentile(list, q), 2)
  progress(`tagging: commit p50 ${p(all, 50)} ms, p95 ${p(all, 95)} ms, max ${p(all, 100)} ms`)
  return [
    {
      name: 'tagging: tag commit p95',
      value: p(all, 95),
      unit: 'ms',
      method: `await tagPassage() on a stored 1 MB document, ${runs} distinct spans (half with a new entity), one at a time; p95`,
      detail: `${text.length.toLocaleString('en')} characters of text; ${warmup} untimed warm-up tags first, a ${TAG_PAUSE_MS} ms pause after each tag; p50 ${p(all, 50)}, max ${p(all, 100)} ms; with a new entity p50 ${p(withEntity, 50)} / p95 ${p(withEntity, 95)} ms, plain p50 ${p(plain, 50)} / p95 ${p(plain, 95)} ms`,
    },
    {
      name: 'tagging: tag commit p50',
      value: p(all, 50),
      unit: 'ms',
      method: 'the same tags, median',
    },
  ]
}

/**
 * Watches the main thread from now until the returned function is called: the longest gap
 * between ticks of a 5 ms interval, and between requestAnimationFrame callbacks (the time
 * from the last tick to the stop counts too).
 */
function watchMainThread(): () => { tick: number; frame: number } {
  let lastTick = now()
  let lastFrame = lastTick
  let tick = 0
  let frame = 0
  let watching = true
  const timer = setInterval(() => {
    const t = now()
    tick = Math.max(tick, t - lastTick)
    lastTick = t
  }, 5)
  const onFrame = (): void => {
    if (!watching) return
    const t = now()
    frame = Math.max(frame, t - lastFrame)
    lastFrame = t
    requestAnimationFrame(onFrame)
  }
  requestAnimationFrame(onFrame)
  return () => {
    watching = false
    clearInterval(timer)
    const t = now()
    return { tick: Math.max(tick, t - lastTick), frame: Math.max(frame, t - lastFrame) }
  }
}

async function benchSuggest(): Promise<BenchRow[]> {
  const runs = 10
  const text = benchArticle()
  const size = new TextEncoder().encode(text).length
  const client = new SuggestClient()
  const measure = async (): Promise<{ ms: number; found: number; tick: number; frame: number }> => {
    const stop = watchMainThread()
    const t = now()
    const found = (await client.suggest(text)).length
    const ms = now() - t
    return { ms, found, ...stop() }
  }
  await pause(100)
  const cold = await measure()
  progress(`tagging: NER cold request ${round(cold.ms)} ms, ${cold.found} suggestions`)
  const warm: Awaited<ReturnType<typeof measure>>[] = []
  for (let i = 0; i < runs; i++) {
    await pause(50)
    warm.push(await measure())
  }
  client.close()
  const times = warm.map((w) => w.ms)
  const every = [cold, ...warm]
  const blocked = Math.max(...every.map((w) => w.tick))
  const frames = every.map((w) => w.frame)
  progress(
    `tagging: NER warm ${times.map((x) => round(x, 0)).join(', ')} ms; longest main-thread gap ${round(blocked)} ms`,
  )
  // Context: the same pass in this thread (it blocks it; nothing is being measured then).
  const inThread = new Map(benchNer({ text, runs }).map((r) => [r.name, r.value]))
  const ner = (name: string): number => {
    const value = inThread.get(name)
    if (value === undefined) throw new Error(`benchNer gave no "${name}"`)
    return value
  }
  const list = (xs: number[]): string => xs.map((x) => round(x, 0)).join(', ')
  return [
    {
      name: 'tagging: NER round trip, warm',
      value: round(median(times), 1),
      unit: 'ms',
      method: `SuggestClient.suggest() of a ${kb(size)} article through the suggestion worker; median of ${runs} after the cold one`,
      detail: `benchArticle() (suggest/fixtures), ${cold.found} suggestions; runs ${list(times)} ms; p95 ${round(percentile(times, 95))} ms`,
    },
    {
      name: 'tagging: NER first request (cold)',
      value: round(cold.ms, 1),
      unit: 'ms',
      method: 'the first suggest() of a new SuggestClient: worker start, chunk load, lexicon, NER',
    },
    {
      name: 'tagging: main thread blocked during NER',
      value: round(blocked, 1),
      unit: 'ms',
      method: `longest gap between ticks of a 5 ms setInterval on the main thread while each request ran (cold + ${runs} warm)`,
      detail: `per run ${list(every.map((w) => w.tick))} ms; longest requestAnimationFrame interval ${round(Math.max(...frames))} ms (per run ${list(frames)})`,
    },
    {
      name: 'tagging: NER in the main thread (context)',
      value: round(ner(`ner: median of ${runs} runs`), 1),
      unit: 'ms',
      method: `benchNer(): suggestEntities() on the same article in this thread; median of ${runs} after 3 warm-ups`,
      detail: `first (cold) run ${ner('ner: first run (cold)')} ms; slowest ${ner('ner: slowest run')} ms`,
    },
  ]
}

async function benchTaggingInPage(): Promise<BenchRow[]> {
  return [...(await benchTagCommit()), ...(await benchSuggest())]
}

// ---------------------------------------------------------------------------------------
// 5. The timeline pane

const TIMELINE_EVENTS = 10_000
const TIMELINE_ACTORS = 50

/** Frames until `ready()` holds (at most `limit`); the time after the frame it first held. */
async function frameWhen(ready: () => boolean, what = 'drew', limit = 600): Promise<number> {
  for (let i = 0; i < limit; i++) {
    const t = await afterFrame()
    if (ready()) return t
  }
  const classes = [...document.querySelectorAll('.vis-item')].slice(0, 5).map((e) => e.className)
  throw new Error(
    `the timeline never ${what} ${document.querySelectorAll('.vis-item').length} ${classes.join('|')}`,
  )
}

/**
 * A seeded case of `count` events over three years, denser towards the end (as a case that
 * is being worked on): 50 actors as initiators (one or two each), the twelve top-level types,
 * one day each (a point) or a few days (a range, 10%), 20% approximate with a wider
 * earliest–latest span (a band), evidence in 200 documents from 10 graded sources.
 */
function timelineCase(count: number) {
  // mulberry32 (an LCG in doubles, used before, lost precision and cycled).
  const random = seededRandom(7)
  const DAY = 86_400_000
  const from = Date.UTC(2023, 0, 1)
  const span = 3 * 365 * DAY
  const entities = new Map(
    Array.from({ length: TIMELINE_ACTORS }, (_, i) => [`actor-${i}`, { name: `Actor ${i}` }]),
  )
  const grades: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F']
  const sources = new Map(
    Array.from({ length: 10 }, (_, i) => [
      `source-${i}`,
      { name: `Source ${i}`, reliability: grades[i % grades.length]! },
    ]),
  )
  const documents = new Map(
    Array.from({ length: 200 }, (_, i) => [
      `doc-${i}`,
      { title: `Report ${i}`, sourceId: `source-${i % 10}` },
    ]),
  )
  const annotations = new Map<string, { docId: string }>()
  const events: EventRecord[] = []
  for (let i = 0; i < count; i++) {
    // sqrt skews towards the end of the span: the recent months are the busiest.
    const day = Math.floor(Math.sqrt(random()) * (span / DAY))
    const start = from + day * DAY
    const long = random() < 0.1
    const end = start + (long ? 2 + Math.floor(random() * 5) : 1) * DAY
    const approximate = random() < 0.2
    const annotationId = `ann-${i}`
    annotations.set(annotationId, { docId: `doc-${Math.floor(random() * 200)}` })
    const initiator = `actor-${Math.floor(random() * TIMELINE_ACTORS)}`
    events.push({
      id: `event-${i}`,
      caseId: 'bench',
      title: `Event ${i}: ${EVENT_TYPES[i % EVENT_TYPES.length]!.label.toLowerCase()}`,
      type: EVENT_TYPES[i % EVENT_TYPES.length]!.id,
      initiators: [initiator],
      targets: [`actor-${(i * 7) % TIMELINE_ACTORS}`],
      when: {
        start,
        end,
        precision: 'day',
        approximate,
        ...(approximate ? { earliest: start - 3 * DAY, latest: end + 3 * DAY } : {}),
      },
      evidence: [annotationId],
      confidence: ((i % 6) + 1) as Credibility,
      createdAt: 0,
      updatedAt: 0,
    })
  }
  return { events, entities, annotations, documents, sources }
}

/** A 1,200 × 600 box for a timeline, in the page. */
function timelineBox(): HTMLDivElement {
  const box = document.createElement('div')
  box.style.cssText =
    'position:relative;width:1200px;height:600px;display:flex;flex-direction:column'
  document.body.append(box)
  return box
}

/** Pans (±10% of the window) and zooms (±20%) `rounds` times; each to the frame after it. */
async function panAndZoom(
  getWindow: () => { start: number; end: number },
  setWindow: (start: number, end: number) => void,
  rounds: number,
): Promise<{ pans: number[]; zooms: number[] }> {
  const pans: number[] = []
  const zooms: number[] = []
  for (let i = 0; i < rounds; i++) {
    const w = getWindow()
    const width = w.end - w.start
    const shift = (i % 4 < 2 ? 1 : -1) * width * 0.1
    let t = now()
    setWindow(w.start + shift, w.end + shift)
    pans.push((await afterFrame()) - t)
    const v = getWindow()
    const grow = i % 2 ? 0.2 : -0.2
    const delta = ((v.end - v.start) * grow) / 2
    t = now()
    setWindow(v.start - delta, v.end + delta)
    zooms.push((await afterFrame()) - t)
  }
  return { pans, zooms }
}

/** The pane with its group-by owned by a parent, as in the app. */
function ControlledTimeline(props: Omit<TimelinePaneProps, 'groupBy' | 'onGroupByChange'>) {
  const [groupBy, setGroupBy] = useState<TimelinePaneProps['groupBy']>('none')
  return createElement(TimelinePane, { ...props, groupBy, onGroupByChange: setGroupBy })
}

async function benchTimeline(): Promise<BenchRow[]> {
  const data = timelineCase(TIMELINE_EVENTS)
  const props: Omit<TimelinePaneProps, 'ref' | 'groupBy' | 'onGroupByChange'> = {
    ...data,
    selectedEventId: undefined,
    onSelectEvent: () => {},
    onOpenEvent: () => {},
    onDeleteEvent: () => {},
    caseId: 'bench',
    onWindowChange: () => {},
    actorId: '',
    onActorChange: () => {},
  }
  // Drawn: an event (a point or range, not only an uncertainty band) is in the DOM.
  const drawn = (box: HTMLElement) => () =>
    box.querySelector('.vis-item.vis-point, .vis-item.vis-range') !== null
  const list = (xs: number[]) => xs.map((x) => round(x, 0)).join(', ')

  // The model alone, for the breakdown.
  const tb = now()
  buildTimeline(data.events, { groupBy: 'none', filter: {}, ...data, evidence: data.annotations })
  const buildMs = now() - tb

  // First render of the pane: mount → the frame after vis-timeline drew its first items.
  const firsts: number[] = []
  let aggregatedAtStart = false
  let visibleAtStart = 0
  for (let r = 0; r < 5; r++) {
    const box = timelineBox()
    const root = createRoot(box)
    const t = now()
    flushSync(() => root.render(createElement(ControlledTimeline, props)))
    firsts.push((await frameWhen(drawn(box))) - t)
    aggregatedAtStart = box.querySelector('.tl-aggregate') !== null
    visibleAtStart = box.querySelectorAll('.vis-item:not(.vis-background)').length
    root.unmount()
    box.remove()
    await settle()
    progress(`timeline: first render ${r + 1}/5: ${round(firsts[r]!)} ms`)
  }

  // Pan and zoom the mounted pane through its handle (setWindow, no animation).
  const box = timelineBox()
  const root = createRoot(box)
  const handle = createRef<TimelinePaneHandle>()
  flushSync(() => root.render(createElement(ControlledTimeline, { ...props, ref: handle })))
  await frameWhen(drawn(box))
  const first = handle.current!.getWindow()!
  const windowDays = round((first.end - first.start) / 86_400_000, 0)
  const get = () => handle.current!.getWindow()!
  const set = (start: number, end: number) => handle.current!.setWindow({ start, end })
  await panAndZoom(get, set, 3) // warm-up
  const initial = await panAndZoom(get, set, 20)
  const panZoom = [...initial.pans, ...initial.zooms]
  // The same at full range (Zoom to fit): clustering on.
  handle.current!.fit()
  await afterFrame()
  const full = await panAndZoom(get, set, 10)
  const fullPanZoom = [...full.pans, ...full.zooms]
  const aggregatedFull = box.querySelector('.tl-aggregate') !== null
  progress(`timeline: pan/zoom p95 ${round(percentile(panZoom, 95))} ms (first window)`)

  // Group by initiator (50 lanes): the select's change → the frame after the lanes are drawn.
  const select = box.querySelector<HTMLSelectElement>('[data-testid="timeline-group-by"]')!
  const groupings: number[] = []
  let lanes = 0
  let lanesTotal = 0
  for (let r = 0; r < 3; r++) {
    handle.current!.setWindow(first)
    await afterFrame()
    const t = now()
    flushSync(() => {
      select.value = 'initiator'
      select.dispatchEvent(new Event('change', { bubbles: true }))
    })
    groupings.push(
      (await frameWhen(
        // vis-timeline attaches only the lanes in view: the first ones drawn mean it is done.
        () => box.querySelectorAll('.vis-label').length > 0,
        'showed lanes',
      )) - t,
    )
    lanes = box.querySelectorAll('.vis-label').length
    lanesTotal = handle.current!.laneCount()
    flushSync(() => {
      select.value = 'none'
      select.dispatchEvent(new Event('change', { bubbles: true }))
    })
    await afterFrame()
    await settle()
    progress(`timeline: group by initiator ${r + 1}/3: ${round(groupings[r]!)} ms`)
  }
  root.unmount()
  box.remove()

  // What each choice does: vis-timeline alone with buildTimeline's items, without the pane.
  const model = buildTimeline(data.events, {
    groupBy: 'none',
    filter: {},
    ...data,
    evidence: data.annotations,
  })
  const grouped = buildTimeline(data.events, {
    groupBy: 'initiator',
    filter: {},
    ...data,
    evidence: data.annotations,
  })
  const window = windowForItems(model.items)!
  const toVis = (items: typeof model.items): DataItem[] =>
    items.map((i) => ({ ...i, content: i.content }) as DataItem)
  const cluster: TimelineOptions['cluster'] = {
    maxItems: 1,
    clusterCriteria: (a, b) => a.type !== 'background' && b.type !== 'background',
  }
  async function variant(
    label: string,
    options: TimelineOptions,
    withWindow: boolean,
    groupedView = false,
  ): Promise<{ first: number; panP95: number }> {
    const box = timelineBox()
    const m = groupedView ? grouped : model
    const t = now()
    const items = new DataSet<DataItem>(toVis(m.items))
    const opts: TimelineOptions = {
      height: '100%',
      showCurrentTime: false,
      stack: true,
      ...options,
      ...(withWindow ? { start: window.start, end: window.end } : {}),
    }
    const timeline = groupedView
      ? new Timeline(box, items, new DataSet<DataGroup>(m.groups), opts)
      : new Timeline(box, items, opts)
    const firstMs = (await frameWhen(drawn(box))) - t
    const w = () => {
      const x = timeline.getWindow()
      return { start: x.start.valueOf(), end: x.end.valueOf() }
    }
    const s = (start: number, end: number) => timeline.setWindow(start, end, { animation: false })
    const { pans } = await panAndZoom(w, s, 5)
    timeline.destroy()
    box.remove()
    await settle()
    const result = { first: firstMs, panP95: percentile(pans, 95) }
    progress(
      `timeline: ${label}: first ${round(result.first)} ms, pan p95 ${round(result.panP95)} ms`,
    )
    return result
  }
  const stackedFull = await variant('stacked, full range', {}, false)
  const clusteredFullRaw = await variant('clustered, full range', { cluster }, false)
  const stackedWindow = await variant('stacked, first window', {}, true)
  const groupedFull = await variant('50 lanes, full range', {}, false, true)
  const groupedWindowClustered = await variant(
    '50 lanes, first window, clustered',
    { cluster },
    true,
    true,
  )

  const variants = (name: string, v: { first: number; panP95: number }) =>
    `${name} ${round(v.first, 0)} ms / ${round(v.panP95, 0)} ms`
  return [
    {
      name: 'timeline: first render, 10,000 events',
      value: round(median(firsts)),
      unit: 'ms',
      method: `TimelinePane mounted with ${TIMELINE_EVENTS} events → frame after vis-timeline drew; median of 5`,
      detail: `runs ${list(firsts)} ms; of which buildTimeline ~${round(buildMs, 0)} ms; first window ${windowDays} days (windowForItems: the densest recent ${WINDOW_MAX_ITEMS}), ${visibleAtStart} items in the DOM, aggregated at start: ${aggregatedAtStart}`,
    },
    {
      name: 'timeline: pan/zoom redraw p95',
      value: round(percentile(panZoom, 95)),
      unit: 'ms',
      method:
        'setWindow (no animation) ±10% pans and ±20% zooms in the first window → frame after; p95 of 40',
      detail: `pans ${list(initial.pans)} ms; zooms ${list(initial.zooms)} ms`,
    },
    {
      name: 'timeline: pan/zoom redraw p95 at full range',
      value: round(percentile(fullPanZoom, 95)),
      unit: 'ms',
      method:
        'the same after Zoom to fit (all 10,000 in view; the pane sums them per lane and bucket), p95 of 20',
      detail: `aggregated: ${aggregatedFull}; pans ${list(full.pans)} ms; zooms ${list(full.zooms)} ms`,
    },
    {
      name: 'timeline: group by initiator, 50 lanes',
      value: round(median(groupings)),
      unit: 'ms',
      method: 'Group by select → Initiator → frame after 50 lanes drawn; median of 3',
      detail: `runs ${list(groupings)} ms; ${lanesTotal} lanes, ${lanes} of them in view`,
    },
    {
      name: 'timeline: vis-timeline alone, by choice (first render / pan p95)',
      value: round(stackedFull.first),
      unit: 'ms',
      method:
        'new Timeline with buildTimeline items and no pane: value = stacked at full range; the rest in detail',
      detail: [
        variants('stacked full range', stackedFull),
        variants('clustered full range', clusteredFullRaw),
        variants('stacked first window (no cluster)', stackedWindow),
        variants('50 lanes full range (no cluster)', groupedFull),
        variants('50 lanes first window clustered', groupedWindowClustered),
      ].join('; '),
    },
  ]
}

// ---------------------------------------------------------------------------------------
// Data for the reader benchmark, which runs in the app itself.

/**
 * `count` distinct long documents of at most `maxBytes` of UTF-8 (and at least 95% of it):
 * a title line and paragraphs of the news corpus, the last one holding a unique marker.
 */
function makeLongDocuments(count: number, maxBytes: number): LongDocument[] {
  const encoder = new TextEncoder()
  const names = ['Alpha', 'Bravo', 'Charlie', 'Delta']
  const out: LongDocument[] = []
  for (let d = 0; d < count; d++) {
    const name = names[d % names.length]!
    const title = `Long report ${name}: a month of wire copy`
    const marker = `END-OF-REPORT-${name.toUpperCase()}-${d}`
    const ending = `That is the end of report ${name} (${marker}).`
    const paragraphs: string[] = []
    let bytes = encoder.encode(`${title}\n\n${ending}\n`).length
    fill: for (const doc of makeNewsCorpus(Math.ceil(maxBytes / 1500), 100 + d, 2000)) {
      for (const p of doc.text.split('\n\n')) {
        const size = encoder.encode(p).length + 2
        if (bytes + size > maxBytes) break fill
        paragraphs.push(p)
        bytes += size
      }
    }
    if (bytes < maxBytes * 0.95) throw new Error('long document too short')
    const text = `${title}\n\n${paragraphs.join('\n\n')}\n\n${ending}\n`
    out.push({ name: `long-report-${name.toLowerCase()}.txt`, title, marker, text, bytes })
  }
  return out
}

// ---------------------------------------------------------------------------------------
// 6. The actor graph: the layout in its worker (graph-layout-bench.mts), then the real
// GraphPane over a case of 500 actors and 5,000 events in the app's own store: its first
// picture, and how long a filter change or a time-window change takes to be drawn.

const GRAPH_ACTORS = 500
const GRAPH_EVENTS = 5_000
/** Filter changes timed: enough for a p95 that is not simply the slowest one. */
const FILTER_CHANGES = 30

/** Seeds the app's store (this page's origin only) with a case of actors and events. */
async function seedGraphCase(): Promise<string> {
  const db = getDb()
  await db.open()
  await db.transaction('rw', [db.cases, db.entities, db.events], async () => {
    await db.cases.clear()
    await db.entities.clear()
    await db.events.clear()
  })
  const caseId = 'graph-bench'
  const now = Date.now()
  await db.cases.add({ id: caseId, title: 'Graph bench', createdAt: now, updatedAt: now })
  // mulberry32 (an LCG in doubles, used before, lost precision and cycled).
  const random = seededRandom(11)
  const kinds = ['state', 'organisation', 'person', 'group'] as const
  await db.entities.bulkAdd(
    Array.from({ length: GRAPH_ACTORS }, (_, i) => ({
      id: `actor-${i}`,
      caseId,
      kind: kinds[i % kinds.length]!,
      name: `Actor ${i}`,
      aliases: [],
      createdAt: now,
    })),
  )
  const DAY = 86_400_000
  const from = Date.UTC(2024, 0, 1)
  await db.events.bulkAdd(
    Array.from({ length: GRAPH_EVENTS }, (_, i) => {
      // Clusters of 25 actors, most ties inside a cluster.
      const a = Math.floor(random() * GRAPH_ACTORS)
      const cluster = Math.floor(a / 25) * 25
      const b =
        random() < 0.85 ? cluster + Math.floor(random() * 25) : Math.floor(random() * GRAPH_ACTORS)
      const start = from + Math.floor(random() * 700) * DAY
      return {
        id: `event-${i}`,
        caseId,
        title: `Event ${i}`,
        type: EVENT_TYPES[i % EVENT_TYPES.length]!.id,
        initiators: [`actor-${a}`],
        targets: [`actor-${b === a ? (b + 1) % GRAPH_ACTORS : b}`],
        when: { start, end: start + DAY, precision: 'day' as const, approximate: false },
        evidence: [],
        createdAt: now,
        updatedAt: now,
      }
    }),
  )
  return caseId
}

async function benchGraph(): Promise<BenchRow[]> {
  const rows: BenchRow[] = (await benchGraphLayout({ progress })).map((r) => ({ ...r }))

  const caseId = await seedGraphCase()
  const box = timelineBox()
  box.style.height = '700px'
  const root = createRoot(box)
  // The timeline's window, set as the timeline sets it (through the app state).
  const { setTimelineWindow: setWindow } = useView.getState()
  resetStores({ caseId })
  const t0 = now()
  flushSync(() => root.render(createElement(GraphPane)))
  // The first picture: every actor placed (the list's entries carry where they are drawn).
  const placed = () =>
    box.querySelectorAll('[data-testid="graph-node"][data-x]').length >= GRAPH_ACTORS
  const firstMs = (await frameWhen(placed, 'placed every actor', 3000)) - t0
  progress(`graph: first picture ${round(firstMs)} ms`)

  // Filter changes: conflict only ↔ all, by the family select; each to the frame after the
  // pane's list shows the new edge count (the canvas is drawn in that frame).
  const family = box.querySelector<HTMLSelectElement>('[data-testid="graph-family"]')!
  const edgeCount = () => box.querySelector('[data-testid="graph-counts"]')?.textContent ?? ''
  const filterMs: number[] = []
  for (let r = 0; r < FILTER_CHANGES; r++) {
    const before = edgeCount()
    const t = now()
    flushSync(() => {
      family.value = r % 2 ? '' : 'conflict'
      family.dispatchEvent(new Event('change', { bubbles: true }))
    })
    filterMs.push((await frameWhen(() => edgeCount() !== before, 'redrew after a filter')) - t)
  }
  progress(`graph: filter redraw p95 ${round(percentile(filterMs, 95))} ms`)

  // Time-window changes ("Follow timeline" is on): the first half of 2024 ↔ a year from
  // April 2024, as a pan and zoom of the timeline would set them.
  const windows = [
    { start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 6, 1) },
    { start: Date.UTC(2024, 3, 1), end: Date.UTC(2025, 3, 1) },
  ]
  const windowMs: number[] = []
  for (let r = 0; r < FILTER_CHANGES; r++) {
    const before = edgeCount()
    const t = now()
    flushSync(() => setWindow(windows[r % 2]!))
    windowMs.push((await frameWhen(() => edgeCount() !== before, 'redrew after a window')) - t)
  }
  flushSync(() => setWindow(undefined))
  progress(`graph: window redraw p95 ${round(percentile(windowMs, 95))} ms`)

  graphLeftMounted = {
    box,
    unmount() {
      root.unmount()
      box.remove()
    },
  }
  return [
    ...rows,
    {
      name: `graph: first picture, ${GRAPH_ACTORS} actors and ${GRAPH_EVENTS.toLocaleString('en')} events`,
      value: round(firstMs),
      unit: 'ms',
      method:
        'GraphPane mounted on a seeded case (store read, model, layout in the worker, vis-network) → frame after every actor is drawn',
    },
    {
      name: 'graph: filter change redraw p95',
      value: round(percentile(filterMs, 95)),
      unit: 'ms',
      method: `family select conflict ↔ all → frame after the new ties are drawn; p95 of ${FILTER_CHANGES}`,
      detail: `runs ${filterMs.map((x) => round(x, 0)).join(', ')} ms`,
    },
    {
      name: 'graph: time-window change redraw p95',
      value: round(percentile(windowMs, 95)),
      unit: 'ms',
      method: `timeline window (as the timeline sets it) Jan–Jun 2024 ↔ Apr 2024–Apr 2025 → frame after the new ties are drawn; p95 of ${FILTER_CHANGES}`,
      detail: `runs ${windowMs.map((x) => round(x, 0)).join(', ')} ms`,
    },
  ]
}

// ---------------------------------------------------------------------------------------
// 6b. The map: the real MapPane over a case of 10,000 events at 2,000 places in the app's
// own store (its first picture, and how long a time-window change takes to be drawn), and
// the gazetteer's name look-up.

const MAP_EVENTS = 10_000
const MAP_PLACES = 2_000
const MAP_WINDOW_CHANGES = 30

/**
 * A 1,200 × 700 box the map pane fills, as it fills its cell of the app's grid (a grid
 * stretches the pane; in a flex column its height would follow its side list, 200 events
 * long, and the map would be drawn thousands of pixels tall).
 */
function mapBox(): HTMLDivElement {
  const box = timelineBox()
  box.style.height = '700px'
  box.style.display = 'grid'
  return box
}

/** Marks a span's edge for a trace and for the runner's CPU-time figures. */
async function spanEdge(edge: string): Promise<void> {
  performance.mark(edge)
  await window.benchSpan?.(edge)
}

/** Seeds the app's store with a case of places around the world and events at them. */
async function seedMapCase(): Promise<string> {
  const db = getDb()
  await db.open()
  await db.transaction('rw', [db.cases, db.entities, db.events], async () => {
    await db.cases.clear()
    await db.entities.clear()
    await db.events.clear()
  })
  const caseId = 'map-bench'
  const stamp = Date.now()
  await db.cases.add({ id: caseId, title: 'Map bench', createdAt: stamp, updatedAt: stamp })
  // mulberry32 (an LCG in doubles, used before, lost precision and cycled).
  const random = seededRandom(7)
  const precisions = ['point', 'point', 'point', 'near', 'region', 'country'] as const
  await db.entities.bulkAdd([
    ...Array.from({ length: 40 }, (_, i) => ({
      id: `actor-${i}`,
      caseId,
      kind: 'state' as const,
      name: `Actor ${i}`,
      aliases: [],
      createdAt: stamp,
    })),
    ...Array.from({ length: MAP_PLACES }, (_, i) => {
      const precision = precisions[i % precisions.length]!
      return {
        id: `place-${i}`,
        caseId,
        kind: 'location' as const,
        name: `Place ${i}`,
        aliases: [],
        createdAt: stamp,
        place: {
          precision,
          // Crowded where conflicts are: most places in a band from the Levant to the Gulf.
          lat: random() < 0.7 ? 20 + random() * 20 : -50 + random() * 110,
          lon: random() < 0.7 ? 30 + random() * 30 : -170 + random() * 340,
          ...(precision === 'near' ? { radiusKm: 25 } : {}),
          source: { kind: 'pinned' as const },
          at: stamp,
        },
      }
    }),
  ])
  const DAY = 86_400_000
  const from = Date.UTC(2024, 0, 1)
  await db.events.bulkAdd(
    Array.from({ length: MAP_EVENTS }, (_, i) => {
      const start = from + Math.floor(random() * 700) * DAY
      return {
        id: `event-${i}`,
        caseId,
        title: `Event ${i}`,
        type: EVENT_TYPES[i % EVENT_TYPES.length]!.id,
        initiators: [`actor-${i % 40}`],
        targets: [`actor-${(i * 7 + 1) % 40}`],
        // One event in twenty has no place.
        ...(i % 20 ? { locationIds: [`place-${Math.floor(random() * MAP_PLACES)}`] } : {}),
        when: { start, end: start + DAY, precision: 'day' as const, approximate: false },
        evidence: [],
        createdAt: stamp,
        updatedAt: stamp,
      }
    }),
  )
  return caseId
}

async function benchMap(): Promise<BenchRow[]> {
  // The gazetteer: loading and indexing it, then 2,000 look-ups of known and unknown names.
  const tl = now()
  const gazetteer = await loadGazetteer()
  const loadMs = now() - tl
  const names = ['Moscow', 'Doha', 'Tehran', 'Isfahan', 'São Paulo', 'Kiev', 'USA', 'Springfield']
  const lookups: number[] = []
  for (let r = 0; r < 2_000; r++) {
    const name = r % 10 === 9 ? `Nowhere ${r}` : names[r % names.length]!
    const t = now()
    suggestPlaces(gazetteer, [name], { countries: ['QA', 'IR'] })
    lookups.push(now() - t)
  }
  progress(`map: gazetteer look-up p95 ${round(percentile(lookups, 95), 3)} ms`)

  const caseId = await seedMapCase()
  const box = mapBox()
  const root = createRoot(box)
  const { setTimelineWindow: setWindow } = useView.getState()
  resetStores({ caseId })
  // The runner notes the CPU time at the spans' edges, and a profiler or trace attached to
  // the page (scripts/bench/profile-map.mjs) records them; alone these calls do nothing.
  await spanEdge('map-first-draw:start')
  console.profile('map-first-draw')
  const t0 = now()
  flushSync(() => root.render(createElement(MapPane)))
  const counts = () => box.querySelector('[data-testid="map-counts"]')?.textContent ?? ''
  // The first picture: the outlines and the markers of every placed event are drawn.
  const drawn = () =>
    box.querySelector('.map-countries path') !== null &&
    box.querySelector('[data-testid="map-marker"]') !== null &&
    counts().startsWith(plural(MAP_EVENTS - MAP_EVENTS / 20, 'event'))
  const firstMs = (await frameWhen(drawn, 'drew the map', 3000)) - t0
  console.profileEnd('map-first-draw')
  await spanEdge('map-first-draw:end')
  const markers = box.querySelectorAll('[data-testid="map-marker"]').length
  progress(`map: first picture ${round(firstMs)} ms, ${markers} markers`)

  const windows = [
    { start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 6, 1) },
    { start: Date.UTC(2024, 3, 1), end: Date.UTC(2025, 3, 1) },
  ]
  const windowMs: number[] = []
  await spanEdge('map-window-changes:start')
  console.profile('map-window-changes')
  for (let r = 0; r < MAP_WINDOW_CHANGES; r++) {
    const before = counts()
    const t = now()
    flushSync(() => setWindow(windows[r % 2]!))
    windowMs.push((await frameWhen(() => counts() !== before, 'redrew after a window')) - t)
  }
  console.profileEnd('map-window-changes')
  await spanEdge('map-window-changes:end')
  progress(`map: window redraw p95 ${round(percentile(windowMs, 95))} ms`)
  root.unmount()
  box.remove()

  // The breakdown: the model and the markers alone (no React, no DOM) for the same windows.
  const db = getDb()
  const [events, entities] = await Promise.all([
    db.events.where('caseId').equals(caseId).toArray(),
    db.entities.where('caseId').equals(caseId).toArray(),
  ])
  const prepared = prepareMap(events, new Map(entities.map((e) => [e.id, e])))
  const projection = fitProjection(
    { width: 800, height: 600 },
    prepared.places.map((p) => [p.lon, p.lat] as [number, number]),
  )
  const computeMs: number[] = []
  for (let r = 0; r < MAP_WINDOW_CHANGES; r++) {
    const t = now()
    layoutMarkers(buildMapModel(prepared, { window: windows[r % 2]! }), projection)
    computeMs.push(now() - t)
  }
  return [
    {
      name: `map: first draw, ${MAP_EVENTS.toLocaleString('en')} events`,
      value: round(firstMs),
      unit: 'ms',
      method: `MapPane mounted on a seeded case of ${MAP_EVENTS.toLocaleString('en')} events at ${MAP_PLACES.toLocaleString('en')} places, nothing read or drawn before (the case's events and places read from the store's compact copy, mapPoints, the world outlines loaded, decoded and projected, model, clustering, outlines SVG, markers canvas and buttons) → the end of the first frame (requestAnimationFrame, then a task) after which the outlines' paths, the markers and the count of every placed event are all in the DOM`,
      detail: `${markers} markers after clustering`,
    },
    {
      name: 'map: time-window change redraw p95',
      value: round(percentile(windowMs, 95)),
      unit: 'ms',
      method: `timeline window (as the timeline sets it) Jan–Jun 2024 ↔ Apr 2024–Apr 2025 → frame after the map shows the new count; p95 of ${MAP_WINDOW_CHANGES}`,
      detail: `runs ${windowMs.map((x) => round(x, 0)).join(', ')} ms; the model and markers alone (no React, no DOM): p95 ${round(percentile(computeMs, 95))} ms`,
    },
    {
      name: 'map: gazetteer look-up p95',
      value: round(percentile(lookups, 95), 3),
      unit: 'ms',
      method: `suggestPlaces on a name (one in ten unknown), ranked by two case countries; p95 of ${lookups.length}`,
      detail: `loading and indexing the gazetteer (${gazetteer.size.cities.toLocaleString('en')} cities, ${gazetteer.size.countries} countries) took ${round(loadMs)} ms; mean look-up ${round(lookups.reduce((a, b) => a + b, 0) / lookups.length, 4)} ms`,
    },
  ]
}

/**
 * For the map's before/after pictures (scripts/bench/profile-map.mjs `--screenshot`): seeds
 * the map bench's case, mounts MapPane on it in a 1200 × 700 box at the page's top left,
 * sets the timeline's window and selects an event as the app would, and resolves once the
 * markers are drawn. Stays mounted for the screenshot.
 */
async function showMap(options: {
  window?: { start: number; end: number }
  selectEventId?: string
}): Promise<{ markers: number }> {
  const caseId = await seedMapCase()
  document.body.replaceChildren()
  const box = mapBox()
  resetStores({ caseId })
  createRoot(box).render(createElement(MapPane))
  const counts = () => box.querySelector('[data-testid="map-counts"]')?.textContent ?? ''
  await frameWhen(() => counts().startsWith(plural(MAP_EVENTS - MAP_EVENTS / 20, 'event')), 'drew')
  const before = counts()
  flushSync(() => {
    if (options.window) useView.getState().setTimelineWindow(options.window)
    if (options.selectEventId) useSelection.getState().selectEvent(options.selectEventId)
  })
  if (options.window) await frameWhen(() => counts() !== before, 'followed the window')
  await afterFrame()
  return { markers: box.querySelectorAll('[data-testid="map-marker"]').length }
}

/**
 * After `runBench('graph')`, the graph stays mounted for `scripts/bench.mjs` to drag an actor
 * with the real mouse (synthetic pointer events do not start vis-network's drag): this gives
 * an actor drawn well inside the canvas and where it is on screen, then unmounts.
 */
let graphLeftMounted: { box: HTMLElement; unmount(): void } | undefined

/** Where to press to drag an actor of the mounted graph (client pixels). */
function graphDragTarget(): { x: number; y: number } {
  const box = graphLeftMounted!.box
  const rect = box.querySelector('canvas')!.getBoundingClientRect()
  for (const b of box.querySelectorAll<HTMLElement>('[data-testid="graph-node"]')) {
    const x = Number(b.dataset.x)
    const y = Number(b.dataset.y)
    if (x > rect.left + 100 && x < rect.right - 300 && y > rect.top + 100 && y < rect.bottom - 150)
      return { x, y }
  }
  throw new Error('no actor drawn inside the canvas to drag')
}

/**
 * Where the actors of the mounted graph are drawn now, by id (the pane's list measures them
 * a moment after each draw). Actors overlap in a dense picture, so the one a press lands on
 * is the topmost there, which need not be the one aimed at: compare them all.
 */
function graphNodesAt(): Record<string, { x: number; y: number }> {
  const out: Record<string, { x: number; y: number }> = {}
  for (const b of graphLeftMounted!.box.querySelectorAll<HTMLElement>('[data-testid="graph-node"]'))
    out[b.dataset.id!] = { x: Number(b.dataset.x), y: Number(b.dataset.y) }
  return out
}

/** Starts recording the intervals between frames; `stopFrames` returns them. */
let frameLog: { frames: number[]; on: boolean } | undefined
function startFrames(): void {
  const log = { frames: [] as number[], on: true }
  frameLog = log
  let last: number | undefined
  const tick = (t: number) => {
    if (last !== undefined) log.frames.push(t - last)
    last = t
    if (log.on) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
}
function stopFrames(): number[] {
  frameLog!.on = false
  return frameLog!.frames
}

function unmountGraph(): void {
  graphLeftMounted?.unmount()
  graphLeftMounted = undefined
}

// ---------------------------------------------------------------------------------------
// Import memory: 2,000 files / 1 GB through importBatch, one file at a time. The files are
// Blobs (their bytes live in the browser's blob store, outside the JS heap, as a chosen
// file's do); scripts/bench.mjs samples the page's JS heap over CDP while `run` imports.

/** What `importMemory.prepare` made. */
interface ImportMemoryFiles {
  count: number
  bytes: number
  largest: number
  smallest: number
}

let memoryFiles: { name: string; blob: Blob }[] = []

/** The characters of stored text ImportController hands to the index at once (its batch). */
const INDEX_BATCH_CHARS = 8_000_000

async function prepareImportMemory(totalMB: number, count: number): Promise<ImportMemoryFiles> {
  const mean = (totalMB * 1048576) / count
  // 64 KB of varied paragraphs, repeated to size; each file starts with its own header, so
  // no two texts are the same (no duplicates are skipped).
  const corpus = makeNewsCorpus(40, 7, 4000)
    .map((d) => `${d.title}\n\n${d.text}`)
    .join('\n\n')
  const block = corpus.repeat(Math.ceil(65536 / corpus.length)).slice(0, 65536)
  memoryFiles = []
  let bytes = 0
  let largest = 0
  let smallest = Infinity
  for (let i = 0; i < count; i++) {
    // Sizes spread over 0.25–1.75 of the mean; file 0 is the largest, four times the mean.
    const size = Math.round(i === 0 ? 4 * mean : mean * (0.25 + (1.5 * ((i * 7919) % 1000)) / 1000))
    const header = `Import memory file ${i}\n\n`
    const body = block.repeat(Math.ceil(size / block.length)).slice(0, size - header.length)
    const blob = new Blob([header, body], { type: 'text/plain' })
    memoryFiles.push({ name: `memory-${i}.txt`, blob })
    bytes += blob.size
    largest = Math.max(largest, blob.size)
    smallest = Math.min(smallest, blob.size)
  }
  return { count, bytes, largest, smallest }
}

async function runImportMemory(): Promise<{ imported: number; ms: number; indexBatches: number }> {
  const { db, caseId } = await freshStore('import-memory')
  const sources: SourceFile[] = memoryFiles.map(({ name, blob }) => ({
    name,
    size: blob.size,
    type: 'text/plain',
    read: () => blob.arrayBuffer(),
  }))
  // As ImportController does: stored texts gathered into bounded batches for the index
  // (dropped here: indexing is not part of the import).
  let batch: StoredDocument[] = []
  let batchChars = 0
  let indexBatches = 0
  const t = now()
  const report = await importBatch(db, caseId, sources, {
    onProgress: (p) => {
      if (p.done % 250 === 0) progress(`import-memory: ${p.done}/${p.total}`)
    },
    onStored: (doc) => {
      batch.push(doc)
      batchChars += doc.text.length
      if (batchChars >= INDEX_BATCH_CHARS) {
        indexBatches++
        batch = []
        batchChars = 0
      }
    },
  })
  const ms = now() - t
  batch = []
  await dropStore(db)
  memoryFiles = []
  return { imported: report.imported, ms, indexBatches }
}

window.importMemory = { prepare: prepareImportMemory, run: runImportMemory }

// ---------------------------------------------------------------------------------------
// STIX 2.1: export of a 10,000-event case (a pure function of its snapshot) and import of a
// 5,000-object bundle (plan: parse, match, hash texts; apply: one transaction) into a fresh
// case in Chromium's IndexedDB.

async function benchStix(): Promise<BenchRow[]> {
  const big = syntheticCase(10_000)
  const exportMs: number[] = []
  let objects = 0
  for (let r = 0; r < 5; r++) {
    const t = now()
    const bundle = exportStixBundle(big, { now: new Date(Date.UTC(2026, 0, 1)) })
    exportMs.push(now() - t)
    objects = bundle.objects.length
    progress(`stix: export ${r + 1}/5: ${round(exportMs[r]!)} ms (${objects} objects)`)
    await settle()
  }
  // About 5,000 objects: 780 events give their incidents, relationships, notes and the rest.
  const bundle = exportStixBundle(syntheticCase(780), { now: new Date(Date.UTC(2026, 0, 1)) })
  const json = JSON.stringify(bundle)
  const db = new CasefileDB(`bench-stix-${Date.now()}`)
  await db.open()
  const planMs: number[] = []
  const applyMs: number[] = []
  try {
    for (let r = 0; r < 3; r++) {
      const c = await createCase(db, `STIX import ${r}`)
      const t = now()
      const plan = await planStixImport(db, c.id, json)
      const t1 = now()
      await applyStixImport(db, c.id, plan)
      applyMs.push(now() - t1)
      planMs.push(t1 - t)
      progress(
        `stix: import ${r + 1}/3: plan ${round(planMs[r]!)} ms, apply ${round(applyMs[r]!)} ms`,
      )
      await settle()
    }
  } finally {
    db.close()
    await db.delete()
  }
  const totals = planMs.map((p, i) => p + applyMs[i]!)
  const list = (xs: number[]) => xs.map((x) => round(x, 0)).join(', ')
  return [
    {
      name: 'stix: export a 10,000-event case',
      value: round(median(exportMs)),
      unit: 'ms',
      method: `median of 5 exportStixBundle runs over a synthetic case (10,000 events, 20,000 passages, 500 documents) → ${objects} objects`,
      detail: `runs: ${list(exportMs)} ms`,
    },
    {
      name: 'stix: import a 5,000-object bundle',
      value: round(median(totals)),
      unit: 'ms',
      method: `median of 3 imports (planStixImport from JSON text + applyStixImport, one transaction) of a ${bundle.objects.length}-object bundle into a fresh case`,
      detail: `plan: ${list(planMs)} ms; apply: ${list(applyMs)} ms`,
    },
  ]
}

// OCR: a two-page scanned PDF (A4 pages of dense text drawn at 300 dpi, put into a PDF of page
// images with pdf-lib, both in a worker of the bench's own: ocr-input.worker.ts) read by the
// OCR worker exactly as an import reads it (runOcrOffMain: pdf.js renders each page at 300 dpi
// on an OffscreenCanvas in the worker, tesseract.js reads it), with the engine's files served
// from out/bench/ocr. The job's span is marked for the runner's CPU-time figure.

/** The OCR bench's scanned PDF, made in a worker of its own (ocr-input.worker.ts). */
async function ocrInputPdf(pages: number): Promise<Uint8Array> {
  const worker = new Worker(new URL('./ocr-input.worker.ts', import.meta.url), { type: 'module' })
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<Uint8Array>) => resolve(event.data)
      worker.onerror = (event) => reject(new Error(`ocr-input worker: ${event.message}`))
      worker.postMessage({ pages })
    })
  } finally {
    worker.terminate()
  }
}

async function benchOcr(): Promise<BenchRow[]> {
  const { runOcrOffMain } = await import('../../src/import/ocr/ocr-client')
  const { ocrAssetPaths } = await import('../../src/import/ocr/ocr-assets')
  const { pdfjsDataUrls } = await import('../../src/import/pdfjs')
  const pages = 2
  const bytes = await ocrInputPdf(pages)
  await pause(100)
  const stamps: number[] = []
  await spanEdge('ocr-job:start')
  const stop = watchMainThread()
  const t0 = now()
  const read = await runOcrOffMain(
    {
      kind: 'pdf',
      bytes,
      pages: Array.from({ length: pages }, (_, i) => i + 1),
      languages: ['eng'],
      paths: ocrAssetPaths(['eng']),
      pdfjsData: pdfjsDataUrls(),
    },
    { onProgress: () => stamps.push(now()) },
  )
  const end = now()
  const blocked = stop()
  await spanEdge('ocr-job:end')
  const perPage = stamps.map((t, i) => ((stamps[i + 1] ?? end) - t) / 1000)
  const words = read.reduce((n, p) => n + p.words.length, 0)
  const startMs = (stamps[0] ?? end) - t0
  const sample = read[0]?.text.slice(0, 80) ?? ''
  progress(
    `ocr: start ${round(startMs)} ms, pages ${perPage.map((s) => round(s, 1)).join(', ')} s, ${words} words, main thread blocked ${round(blocked.tick)} ms`,
  )
  return [
    {
      name: 'ocr: seconds per A4 page at 300 dpi',
      value: round(median(perPage), 2),
      unit: 's',
      method: `a ${pages}-page image PDF of 40 lines of 12 pt text per page, read by the OCR worker (pdf.js renders at 300 dpi, tesseract.js eng, LSTM); median time from one page's progress to the next`,
      detail: `per page ${perPage.map((s) => round(s, 2)).join(', ')} s; engine start ${round(startMs)} ms; ${words} words read; page 1 starts "${sample}"`,
    },
    {
      name: 'ocr: main thread blocked during OCR',
      value: round(blocked.tick, 1),
      unit: 'ms',
      method:
        'longest gap between ticks of a 5 ms setInterval on the main thread from the job start to its result (engine start included)',
      detail: `longest requestAnimationFrame interval ${round(blocked.frame)} ms`,
    },
    {
      name: 'ocr: engine start (context)',
      value: round(startMs, 0),
      unit: 'ms',
      method:
        'from posting the job to the first page starting: worker, pdf.js, tesseract.js core (WebAssembly) and the English data (10.9 MB gzipped) loaded',
    },
  ]
}

// ---------------------------------------------------------------------------------------
// HTML import off the main thread (issue 11 item 1): a hostile page and a large, ordinary
// looking news page imported through importBatch as the Import button does, the page's
// parsing, Readability and the text walk in the import worker; the main thread is watched
// throughout (interval ticks, animation frames and the long-task observer).

/** A news page of about `bytes` bytes, written the way sites write them (see benchHtml). */
function realLookingPage(bytes: number): { html: string; marker: string } {
  const words = (
    'the port authority said on monday that the harbour would stay closed until the damaged ' +
    'tanker had been towed clear of the northern channel while divers inspected quay walls ' +
    'officials in doha declined to say when shipments of liquefied gas would resume and ' +
    'insurers raised premiums for vessels calling at terminals along the coast'
  ).split(' ')
  let seed = 7
  const word = (): string => {
    seed = (seed * 1103515245 + 12345) >>> 0
    return words[seed % words.length]!
  }
  const sentence = (n: number): string => {
    const list = Array.from({ length: n }, word)
    list[0] = list[0]!.charAt(0).toUpperCase() + list[0]!.slice(1)
    return `${list.join(' ')}.`
  }
  const nav = Array.from(
    { length: 120 },
    (_, i) => `<li class="nav-item"><a href="/section/${i}" class="nav-link">Section ${i}</a></li>`,
  ).join('')
  const script = `<script>window.dataLayer=window.dataLayer||[];${'dataLayer.push({event:"view",id:12345,tags:["a","b"]});'.repeat(200)}</script>`
  const style = `<style>${'.story p{margin:0 0 1em;font:18px/1.5 Georgia,serif}'.repeat(300)}</style>`
  const head =
    '<!doctype html><html><head><meta charset="utf-8"><title>Harbour stays closed | Gulf Monitor</title>' +
    '<meta property="og:title" content="Harbour stays closed"><meta property="og:site_name" content="Gulf Monitor">' +
    '<meta property="article:published_time" content="2025-06-23T08:30:00Z"><link rel="canonical" href="https://monitor.example/harbour">' +
    '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour stays closed","author":{"name":"R. Sands"}}</script>' +
    script +
    style +
    '</head><body class="article-page">'
  const top = `<header class="site-header"><nav><ul>${nav}</ul></nav></header>`
  const parts: string[] = [head, top, '<main><article class="story"><h1>Harbour stays closed</h1>']
  let size = parts.join('').length
  const articleBytes = Math.floor(bytes * 0.45)
  let paragraphs = 0
  while (size < articleBytes) {
    paragraphs++
    const p =
      paragraphs % 25 === 0
        ? `<h2>${sentence(5)}</h2><figure><img src="/img/${paragraphs}.jpg" alt="Quay"><figcaption>${sentence(8)}</figcaption></figure>`
        : paragraphs % 40 === 0
          ? `<table><tr><th>Berth</th><th>Status</th></tr>${Array.from({ length: 6 }, (_, i) => `<tr><td>${i + 1}</td><td>${sentence(3)}</td></tr>`).join('')}</table>`
          : `<p>${sentence(14)} <a href="/related/${paragraphs}">${sentence(3)}</a> ${sentence(16)} <em>${sentence(4)}</em> ${sentence(12)}</p>`
    parts.push(p)
    size += p.length
  }
  const marker = `Closing paragraph ${paragraphs} of the report.`
  parts.push(`<p>${marker} ${sentence(20)}</p></article>`)
  parts.push('<aside class="related"><h3>Most read</h3><ul>')
  for (let i = 0; i < 60; i++) parts.push(`<li><a href="/story/${i}">${sentence(7)}</a></li>`)
  parts.push('</ul></aside><section id="comments" class="comments">')
  size = parts.reduce((n, x) => n + x.length, 0)
  let comments = 0
  while (size < bytes - 2000) {
    comments++
    const c = `<div class="comment" id="c${comments}"><div class="comment-meta"><span class="author">reader${comments}</span> <time datetime="2025-06-23">2 hours ago</time></div><div class="comment-body"><p>${sentence(18)}</p><p>${sentence(10)}</p></div><div class="comment-actions"><button>Reply</button> <a href="#c${comments}">Link</a></div></div>`
    parts.push(c)
    size += c.length
  }
  parts.push(
    '</section></main><footer class="site-footer"><p>Copyright Gulf Monitor</p></footer></body></html>',
  )
  return { html: parts.join(''), marker }
}

/** The pages of the html benchmark, made by `htmlBench.prepare()` before it is timed. */
let htmlPages:
  { hostile: Uint8Array; large: Uint8Array; marker: string; elements: number } | undefined

function prepareHtmlBench(): { hostile: number; large: number; elements: number } {
  const encoder = new TextEncoder()
  const page = realLookingPage(5 * 1_048_576)
  htmlPages = {
    hostile: encoder.encode('<p>t</p><a' + ' '.repeat(400_000)),
    large: encoder.encode(page.html),
    marker: page.marker,
    elements: (page.html.match(/<[a-z]/gi) ?? []).length,
  }
  return {
    hostile: htmlPages.hostile.length,
    large: htmlPages.large.length,
    elements: htmlPages.elements,
  }
}

async function benchHtml(): Promise<BenchRow[]> {
  if (!htmlPages) prepareHtmlBench()
  const { hostile, large, marker, elements } = htmlPages!
  const file = (name: string, bytes: Uint8Array): SourceFile => ({
    name,
    size: bytes.length,
    type: 'text/html',
    read: async () => bytes.slice().buffer,
  })
  const { db, caseId } = await freshStore('html')
  const longTasks: number[] = []
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration)
  })
  await pause(100)
  // The control: the same watch with nothing running, for the load the machine itself adds.
  const idleWatch = watchMainThread()
  await pause(3000)
  const idle = idleWatch()
  observer.observe({ type: 'longtask' })
  const stop = watchMainThread()
  const t0 = now()
  const first = await importBatch(db, caseId, [file('unclosed-tag.html', hostile)])
  const t1 = now()
  const second = await importBatch(db, caseId, [file('news-page.html', large)])
  const t2 = now()
  const blocked = stop()
  // Long tasks are reported after they end: give the observer a turn before reading it.
  await pause(50)
  observer.disconnect()
  const outcome = (r: typeof first): string => {
    const f = r.files[0]
    return f?.status === 'failed' ? `failed ${f.error?.code ?? ''}` : (f?.status ?? 'none')
  }
  const outcomes = `hostile page ${outcome(first)}, 5 MB page ${outcome(second)}`
  // A fresh database: its texts are these two pages'.
  const texts = await db.texts.toArray()
  const bigText = texts.map((t) => t.text).find((t) => t.length > 1000) ?? ''
  if (second.imported === 1 && !bigText.includes(marker)) {
    throw new Error('the 5 MB page lost its last paragraph')
  }
  if (bigText.includes('Most read') || bigText.includes('reader1 ')) {
    throw new Error(
      'the 5 MB page kept its sidebar or comments (Readability did not pick the article)',
    )
  }
  await dropStore(db)
  progress(
    `html: ${outcomes}; hostile ${round(t1 - t0)} ms, 5 MB page ${round(t2 - t1)} ms, main thread blocked ${round(blocked.tick)} ms, long tasks ${longTasks.map((d) => round(d, 0)).join(', ') || 'none'}`,
  )
  return [
    {
      name: 'html: main thread blocked while a 400 KB hostile page and a 5 MB real-looking page import',
      value: round(blocked.tick, 1),
      unit: 'ms',
      method: `longest gap between ticks of a 5 ms setInterval on the main thread while importBatch imported '<p>t</p><a' + 400,000 spaces (${kb(hostile.length)}) and then a ${kb(large.length)} news page (${elements.toLocaleString('en')} elements), each parsed in the import worker`,
      detail: `${outcomes}; long tasks (PerformanceObserver 'longtask', over 50 ms): ${longTasks.length ? longTasks.map((d) => `${round(d, 0)} ms`).join(', ') : 'none'}; longest requestAnimationFrame interval ${round(blocked.frame)} ms`,
    },
    {
      name: 'html: main thread blocked while idle (control)',
      value: round(idle.tick, 1),
      unit: 'ms',
      method:
        "the same 5 ms setInterval watch for 3 s just before the imports, with nothing running: what the machine's load alone does to the figure above",
      detail: `longest requestAnimationFrame interval ${round(idle.frame)} ms`,
    },
    {
      name: 'html: import a 5 MB real-looking page (context)',
      value: round(t2 - t1, 0),
      unit: 'ms',
      method: `importBatch of one ${kb(large.length)} page: nav, scripts and styles, an article of ${bigText.length.toLocaleString('en')} characters of text picked by Readability, sidebar and comments; worker start not included (the hostile page started it)`,
    },
    {
      name: 'html: import the 400 KB hostile page (context)',
      value: round(t1 - t0, 0),
      unit: 'ms',
      method: `importBatch of '<p>t</p><a' + 400,000 spaces, the import worker's start and first load of its HTML code included`,
    },
  ]
}

// ---------------------------------------------------------------------------------------
// TAXII 2.1: push of a case to a loopback server, the browser build's way: the page's client,
// the web server's same-origin relay, the server (started by scripts/bench.mjs: medallion, the
// OASIS reference server, or a stand-in that answers at once). Casefile's side and the
// server's side are told apart: the server's side is the time during which at least one
// request was out (POSTs overlap), Casefile's side is the rest (export, serialising, batching,
// reading the statuses). Each POST's time is listed with the collection's size before it.

async function benchTaxiiPush(
  discovery: string,
  user: string,
  password: string,
  events = 10_000,
  server = 'medallion',
): Promise<BenchRow[]> {
  const big = syntheticCase(events)
  const platform = createWebPlatform()
  await platform.configureTeamServer({
    serverUrl: discovery,
    user,
    authKind: 'password',
    secret: password,
  })
  let out = 0
  let since = 0
  let waiting = 0
  /** Each POST: objects in the collection before it (as far as this push knows), size, time. */
  const posts: { before: number; objects: number; ms: number }[] = []
  let stored = 0
  const client = new TaxiiClient({
    serverUrl: discovery,
    transport: async (request) => {
      const t = now()
      if (out++ === 0) since = t
      try {
        return await platform.teamServerRequest(request)
      } finally {
        if (--out === 0) waiting += now() - since
        if (request.method === 'POST') {
          const objects = (request.body!.match(/"spec_version":/g) ?? []).length
          posts.push({ before: stored, objects, ms: now() - t })
          stored += objects
        }
      }
    },
  })
  const t0 = now()
  const target = await client.resolveTarget('', 'casefile-team')
  const bundle = exportStixBundle(big, { extensionDefinition: false })
  const t1 = now()
  const report = await pushObjects(client, target, bundle.objects, {
    ledger: newLedger(),
    onProgress: (p) => {
      progress(
        `taxii (${server}): batch ${p.batch}/${p.batches}, ${p.done} objects, ${round(now() - t0)} ms`,
      )
    },
  })
  const total = now() - t0
  if (report.error) throw report.error
  const sent = bundle.objects.length - report.skipped.length
  const size = `${events.toLocaleString('en')}-event case (${sent.toLocaleString('en')} objects, ${report.batches} POSTs within max_content_length ${target.maxContentLength.toLocaleString('en')} B, ${PUSH_CONCURRENCY} in flight)`
  const perPost = posts
    .map(
      (p) =>
        `${p.before.toLocaleString('en')}+${p.objects.toLocaleString('en')}: ${round(p.ms, 0)} ms`,
    )
    .join('; ')
  const ours = total - waiting
  if (server !== 'medallion') {
    return [
      {
        name: `taxii: push a ${events.toLocaleString('en')}-event case, Casefile's side`,
        value: round(ours),
        unit: 'ms',
        method: `one push of a ${size} to a stand-in TAXII server that answers each POST at once (parses it, lists every object as added): the push's time minus the time a request was out`,
        detail: `export ${round(t1 - t0)} ms; all ${round(total)} ms, of which a request was out ${round(waiting)} ms; POSTs (objects before + sent: time) ${perPost}`,
      },
    ]
  }
  const rows: BenchRow[] = [
    {
      name:
        events === 10_000
          ? 'taxii: push a 10,000-event case to the loopback server'
          : `taxii: push a ${events.toLocaleString('en')}-event case to medallion (context)`,
      value: round(total),
      unit: 'ms',
      method: `one push of a ${size} through the web server's relay to medallion (memory backend) on 127.0.0.1, its collection empty at the start`,
      detail: `export ${round(t1 - t0)} ms; Casefile's side ${round(ours)} ms; server's side (a request out) ${round(waiting)} ms; ${report.added} added; POSTs (objects already stored + sent: time) ${perPost}`,
    },
    {
      name: `taxii: push to medallion, server's side (${events.toLocaleString('en')} events)`,
      value: round(waiting),
      unit: 'ms',
      method: `the push above: time during which at least one request was out to medallion, its collection growing from 0 to ${stored.toLocaleString('en')} objects`,
    },
    {
      name: `taxii: push to medallion, Casefile's side (${events.toLocaleString('en')} events)`,
      value: round(ours),
      unit: 'ms',
      method:
        "the push above minus the server's side: export, serialising, batching, reading statuses",
    },
  ]
  return rows
}

window.runTaxiiPush = benchTaxiiPush
window.htmlBench = { prepare: prepareHtmlBench, run: benchHtml }

const BENCHES: Record<string, () => Promise<BenchRow[]>> = {
  stix: benchStix,
  ocr: benchOcr,
  import: benchImport,
  store: benchStore,
  search: benchSearchCase,
  tagging: benchTaggingInPage,
  timeline: benchTimeline,
  graph: benchGraph,
  evidence: benchEvidence,
  map: benchMap,
}

// ---------------------------------------------------------------------------------------
// 7. Briefings: a briefing of 50 events citing 100 passages, with both figures, composed
// and rendered to its print HTML here; scripts/bench.mjs prints it to PDF in Chromium.

window.makeBriefingHtml = (): BriefingBench => {
  const DAY = 86_400_000
  const t0 = Date.UTC(2025, 5, 1)
  const entities = new Map(
    Array.from({ length: 10 }, (_, i) => [
      `actor-${i}`,
      {
        id: `actor-${i}`,
        caseId: 'c',
        kind: 'state' as const,
        name: `Actor ${i}`,
        aliases: [],
        createdAt: 0,
      },
    ]),
  )
  const sources = new Map(
    Array.from({ length: 5 }, (_, i) => [
      `source-${i}`,
      {
        id: `source-${i}`,
        caseId: 'c',
        name: `Source ${i}`,
        reliability: (['A', 'B', 'C', 'D', 'E'] as const)[i]!,
        history: [],
        createdAt: 0,
      },
    ]),
  )
  const documents = new Map(
    Array.from({ length: 10 }, (_, i) => [
      `doc-${i}`,
      {
        id: `doc-${i}`,
        caseId: 'c',
        sourceId: `source-${i % 5}`,
        title: `Report ${i} on the crisis`,
        publishedAt: t0 + i * 3 * DAY,
        publishedPrecision: 'day' as const,
        textHash: '0'.repeat(64),
        mime: 'text/plain',
        fileName: `report-${i}.txt`,
        fileSize: 1000,
        importer: 'text' as const,
        importerVersion: '1',
        importedAt: 0,
      },
    ]),
  )
  const annotations = new Map<string, AnnotationRecord>()
  const events: EventRecord[] = []
  for (let i = 0; i < 50; i++) {
    const evidence = [0, 1].map((k) => {
      const id = `ann-${i}-${k}`
      annotations.set(id, {
        id,
        caseId: 'c',
        docId: `doc-${(i + k) % 10}`,
        start: 0,
        end: 40,
        exact: `Passage ${k + 1} about event ${i}: forces moved at dawn near the border`,
        prefix: '',
        suffix: '',
        textHash: '0'.repeat(64),
        kind: 'event',
        credibility: (((i + k) % 6) + 1) as Credibility,
        createdAt: 0,
      })
      return id
    })
    const start = t0 + Math.floor(i / 2) * DAY
    events.push({
      id: `event-${i}`,
      caseId: 'c',
      title: `Event ${i}: ${EVENT_TYPES[i % EVENT_TYPES.length]!.label.toLowerCase()} near the border`,
      type: EVENT_TYPES[i % EVENT_TYPES.length]!.id,
      initiators: [`actor-${i % 10}`],
      targets: [`actor-${(i * 3 + 1) % 10}`],
      when: { start, end: start + DAY, precision: 'day', approximate: i % 5 === 0 },
      evidence,
      createdAt: 0,
      updatedAt: 0,
    })
  }
  const briefing: BriefingRecord = {
    id: 'b',
    caseId: 'c',
    title: 'Border crisis, June 2025',
    handling: 'OFFICIAL – BENCHMARK',
    author: 'Bench',
    date: t0 + 30 * DAY,
    bluf: 'Fifty events over a month, each on two passages.',
    judgements: [
      {
        id: 'j',
        text: 'The crisis will continue through July',
        likelihood: 'likely',
        confidence: 'moderate',
        eventIds: events.slice(0, 5).map((e) => e.id),
      },
    ],
    sections: [{ id: 's', heading: 'Background', body: 'A month of incidents.' }],
    eventIds: events.map((e) => e.id),
    createdAt: 0,
    updatedAt: 0,
  }
  let t = now()
  const doc = composeBriefing({ briefing, events, annotations, documents, sources, entities })
  const composeMs = now() - t
  t = now()
  const timelineSvg = timelineToSvg(events, { width: 1000, entities, groupBy: 'initiator' })
  const graph = buildGraph({
    events,
    relations: [],
    entities,
    evidence: annotations,
    documents,
    sources,
    filter: { hideIsolated: true },
  })
  const positions = computeLayout({
    nodes: graph.nodes.map((n) => ({ id: n.id })),
    edges: graph.edges.map((e) => ({ from: e.from, to: e.to })),
  })
  const graphSvg = graphToSvg(graph, positions, { width: 1000, height: 640 })
  const figuresMs = now() - t
  t = now()
  const html = renderBriefingHtml(doc, { pageSize: 'A4', figures: { timelineSvg, graphSvg } })
  const renderMs = now() - t
  return {
    html,
    events: events.length,
    citations: doc.footnotes.length,
    composeMs,
    figuresMs,
    renderMs,
  }
}

window.runBench = async (name) => {
  const bench = BENCHES[name]
  if (!bench) throw new Error(`no benchmark called ${name}`)
  return bench()
}
window.makeLongDocuments = makeLongDocuments
window.showMap = showMap
window.scale = scaleBench
window.graphDrag = {
  target: graphDragTarget,
  nodesAt: graphNodesAt,
  startFrames,
  stopFrames,
  unmount: unmountGraph,
}
