#!/usr/bin/env node
/**
 * `node scripts/formats-speed.mjs [EVENTS]`: how long each open-format exporter takes on a
 * synthetic case — EVENTS events (default 10,000) between 200 actors, two tagged passages
 * each in 100 documents of 128,000 characters with emoji — and how large each file is. Prints
 * one line per format (the median of three runs after a warm-up). For a figure in a report,
 * not a test: speeds vary with the machine.
 */
import { loadTs } from './run-ts.mjs'

const count = Number(process.argv[2] ?? 10_000)
const { EXPORT_FORMATS, exportBytes, exportSnapshot } = await loadTs('src/interop/formats.ts')

const caseId = 'speed-case'
const at = Date.UTC(2025, 5, 24)
const text = 'Iran fired missiles at the base 🚀 on Monday, officials said. '.repeat(2000)
const entities = Array.from({ length: 200 }, (_, i) => ({
  id: `actor-${i}`,
  caseId,
  kind: i % 5 ? 'state' : 'group',
  name: `Actor ${i}`,
  aliases: [],
  createdAt: at,
}))
const documents = Array.from({ length: 100 }, (_, i) => ({
  id: `doc-${i}`,
  caseId,
  title: `Report ${i}`,
  textHash: 'a'.repeat(64),
  mime: 'text/plain',
  fileName: `report-${i}.txt`,
  fileSize: text.length,
  importer: 'text',
  importerVersion: '1',
  importedAt: at,
  text,
}))
const annotations = Array.from({ length: 2 * count }, (_, i) => ({
  id: `tag-${i}`,
  caseId,
  docId: `doc-${i % 100}`,
  start: 64 * (i % 1000) + 33,
  end: 64 * (i % 1000) + 37,
  exact: 'base',
  prefix: '',
  suffix: '',
  textHash: 'a'.repeat(64),
  kind: 'event',
  eventId: `event-${i % count}`,
  createdAt: at,
}))
const events = Array.from({ length: count }, (_, i) => ({
  id: `event-${i}`,
  caseId,
  title: `Event ${i}`,
  type: ['assault', 'consult', 'accuse'][i % 3],
  initiators: [`actor-${i % 200}`],
  targets: [`actor-${(i * 7 + 1) % 200}`],
  when: { start: at - i * 3_600_000, precision: 'hour', approximate: false },
  evidence: [`tag-${i}`, `tag-${i + count}`],
  confidence: 2,
  createdAt: at,
  updatedAt: at,
}))
const snapshot = {
  case: { id: caseId, title: 'Speed', createdAt: at, updatedAt: at },
  sources: [],
  documents,
  annotations,
  entities,
  events,
  relations: [],
  briefings: [],
  viewState: [],
}

console.log(`${count} events, ${annotations.length} tagged passages, ${entities.length} actors`)
for (const format of EXPORT_FORMATS) {
  exportSnapshot(format, snapshot)
  const times = []
  let size = 0
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    size = exportBytes(exportSnapshot(format, snapshot)).length
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  console.log(
    `${format.id.padEnd(8)} ${times[1].toFixed(0).padStart(6)} ms  ${(size / 1e6).toFixed(1)} MB`,
  )
}
