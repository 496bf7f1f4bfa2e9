/**
 * Events as CSV in the ACLED style, one row per event, for a spreadsheet or a dataset: UTF-8
 * with a byte order mark (so Excel reads it as UTF-8), RFC 4180 (comma separated, CRLF line
 * ends, a field quoted when it holds a comma, a quote, CR or LF, quotes doubled), and safe to
 * open: a cell that a spreadsheet would run as a formula — one starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return (OWASP's list) — gets a leading apostrophe, so it shows as text.
 * Several values in one cell (actors, places, sources, quotes) are joined with "; " as ACLED
 * joins its sources. The writer is small and tested here rather than a new dependency
 * (papaparse's `unparse` with `escapeFormulae` would do the same): it is thirty lines.
 */
import { CREDIBILITY_LABELS } from '../domain/format'
import { typeLabel } from '../domain/event-types'
import { eventPlaceIds } from '../domain/event-places'
import type { EventRecord } from '../domain/types'
import {
  documentsOf,
  indexSnapshot,
  isoDay,
  isoTime,
  sourcesOf,
  type SnapshotIndex,
} from './common'
import type { CaseSnapshot } from './snapshot'

/** The byte order mark that tells a spreadsheet the file is UTF-8. */
export const BOM = '\uFEFF'

/** Characters that make a spreadsheet read a cell as a formula when they come first. */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One cell, ready for a CSV line: neutralised when it could run as a formula, then quoted
 * (quotes doubled) when it holds a comma, a quote, CR or LF, or starts or ends with a space.
 */
export function csvCell(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return ''
  let s = String(value)
  // Numbers we write ourselves (ids, counts) are data, but a negative number would also be
  // caught; none of our numeric columns can be negative, so every cell is treated alike.
  if (FORMULA_START.test(s)) s = `'${s}`
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Rows as an RFC 4180 document: cells joined by commas, lines ended by CRLF, with a BOM. */
export function writeCsv(rows: readonly (readonly (string | number | undefined)[])[]): string {
  return BOM + rows.map((r) => r.map(csvCell).join(',') + '\r\n').join('')
}

/** The columns of the events CSV, in order (ACLED's names where ACLED has the column). */
export const EVENT_COLUMNS = [
  'event_id',
  'event_date',
  'time_precision',
  'start',
  'end',
  'earliest',
  'latest',
  'approximate',
  'time_zone',
  'event_type',
  'event_type_id',
  'title',
  'actor1',
  'actor1_kind',
  'assoc_actor_1',
  'actor2',
  'actor2_kind',
  'assoc_actor_2',
  'location',
  'source',
  'source_reliability',
  'credibility',
  'credibility_label',
  'documents',
  'notes',
  'evidence_quotes',
] as const

function byTime(a: EventRecord, b: EventRecord): number {
  const sa = a.when?.start ?? Infinity
  const sb = b.when?.start ?? Infinity
  if (sa !== sb) return sa < sb ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function eventRow(e: EventRecord, index: SnapshotIndex): (string | number | undefined)[] {
  const entity = (id: string | undefined) => (id ? index.entities.get(id) : undefined)
  const name = (id: string) => entity(id)?.name ?? id
  const [actor1, ...assoc1] = e.initiators
  const [actor2, ...assoc2] = e.targets
  const w = e.when
  const time = (t: number | undefined) => (t === undefined ? undefined : isoTime(t))
  const sources = sourcesOf(e.evidence, index)
  const quotes = e.evidence.flatMap((id) => {
    const a = index.annotations.get(id)
    return a ? [`“${a.exact}”`] : []
  })
  return [
    e.id,
    w ? isoDay(w.start, w.zone) : undefined,
    w?.precision,
    time(w?.start),
    time(w?.end),
    time(w?.earliest),
    time(w?.latest),
    w ? (w.approximate ? 'yes' : 'no') : undefined,
    w?.zone ?? (w ? 'UTC' : undefined),
    typeLabel(e.type),
    e.type,
    e.title,
    actor1 && name(actor1),
    actor1 && entity(actor1)?.kind,
    assoc1.map(name).join('; '),
    actor2 && name(actor2),
    actor2 && entity(actor2)?.kind,
    assoc2.map(name).join('; '),
    eventPlaceIds(e).map(name).join('; '),
    sources.map((s) => s.name).join('; '),
    sources.map((s) => s.reliability).join('; '),
    e.confidence,
    e.confidence ? CREDIBILITY_LABELS[e.confidence] : undefined,
    documentsOf(e.evidence, index)
      .map((d) => d.title)
      .join('; '),
    e.notes,
    quotes.join('; '),
  ]
}

/** The snapshot's events as the events CSV (see the module comment), oldest first. */
export function eventsCsv(snapshot: CaseSnapshot): string {
  const index = indexSnapshot(snapshot)
  const events = [...snapshot.events].sort(byTime)
  return writeCsv([[...EVENT_COLUMNS], ...events.map((e) => eventRow(e, index))])
}
