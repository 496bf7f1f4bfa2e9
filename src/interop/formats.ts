/**
 * The open formats a case can be exported in, as one registry: each entry names the format,
 * its file extension and MIME type, and the pure function that writes it from a
 * `CaseSnapshot`. The Export menu, the desktop File menu and the command line all list and
 * run formats from here, so a new format (STIX, from its own module) is one more entry.
 * `exportSnapshot` applies a briefing's selection first (`select.ts`), so every format can be
 * written for the whole case or for what one briefing rests on.
 */
import { eventsCsv } from './csv'
import { toGexf } from './gexf'
import { toGraphml } from './graphml'
import { selectBriefing } from './select'
import { exportStixBundle } from './stix/export'
import type { CaseSnapshot } from './snapshot'
import { w3cAnnotations } from './w3c'

/** How one export is made. */
export interface ExportOptions {
  /** Export only what this briefing rests on (`selectBriefing`). */
  briefingId?: string
  /** When the file is written (ms since the epoch); now when absent. */
  now?: number
}

/** One open format. */
export interface ExportFormat {
  /** The id used by the command line (`--format`) and the menus. */
  id: string
  /** What the menus show, e.g. "Events CSV (ACLED style)". */
  label: string
  /** One line on what it is for. */
  description: string
  /** The file name's ending, with its dot, e.g. ".annotations.jsonld". */
  extension: string
  mime: string
  /** Writes the (already selected) snapshot. */
  write(snapshot: CaseSnapshot, options: ExportOptions): string | Uint8Array
}

/** The formats, in menu order. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: 'w3c',
    label: 'W3C Web Annotations',
    description: 'Every tagged passage, for Hypothesis, Recogito and other annotation tools.',
    extension: '.annotations.jsonld',
    mime: 'application/ld+json',
    write: (snapshot, options) => w3cAnnotations(snapshot, { briefingId: options.briefingId }),
  },
  {
    id: 'csv',
    label: 'Events CSV (ACLED style)',
    description: 'One row per event, for a spreadsheet or an events dataset.',
    extension: '.events.csv',
    mime: 'text/csv',
    write: (snapshot) => eventsCsv(snapshot),
  },
  {
    id: 'gexf',
    label: 'GEXF actor graph',
    description: 'The actor graph with its timeline and layout, for Gephi.',
    extension: '.gexf',
    mime: 'application/gexf+xml',
    write: (snapshot, options) => toGexf(snapshot, { now: options.now }),
  },
  {
    id: 'graphml',
    label: 'GraphML actor graph',
    description: 'The actor graph, for yEd, Cytoscape or NetworkX.',
    extension: '.graphml',
    mime: 'application/graphml+xml',
    write: (snapshot) => toGraphml(snapshot),
  },
  {
    id: 'stix',
    label: 'STIX 2.1 bundle',
    description: 'Actors, events, passages and grades for OpenCTI, MISP and other CTI platforms.',
    extension: '.stix.json',
    mime: 'application/stix+json',
    write: (snapshot, options) =>
      JSON.stringify(
        exportStixBundle(snapshot, {
          ...(options.briefingId ? { briefingId: options.briefingId } : {}),
          ...(options.now !== undefined ? { now: new Date(options.now) } : {}),
        }),
        null,
        2,
      ),
  },
]

/** The format with id `id`, if there is one. */
export function findFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.id === id)
}

/**
 * Writes `snapshot` in `format`, cut down to a briefing when `options.briefingId` is set
 * (throws BriefingNotFoundError when the case has no such briefing).
 */
export function exportSnapshot(
  format: ExportFormat,
  snapshot: CaseSnapshot,
  options: ExportOptions = {},
): string | Uint8Array {
  const selected = options.briefingId ? selectBriefing(snapshot, options.briefingId) : snapshot
  return format.write(selected, options)
}

/** `value` as bytes (formats write text as UTF-8). */
export function exportBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? new TextEncoder().encode(value) : value
}

/** A file name for an export: the case (and briefing) title, made safe, and the extension. */
export function exportFileName(
  format: ExportFormat,
  caseTitle: string,
  briefingTitle?: string,
): string {
  const safe = (s: string) => s.replace(/[^\p{L}\p{N} _-]+/gu, '').trim()
  const base = [safe(caseTitle), briefingTitle ? safe(briefingTitle) : '']
    .filter(Boolean)
    .join(' - ')
  return `${base || 'case'}${format.extension}`
}
