/**
 * Small pieces every open-format exporter shares: ISO times, the IRI that names a document
 * (its web address, else the SHA-256 of its text), UTF-16 offsets turned into the Unicode code
 * point offsets the W3C model counts in, and lookups from a snapshot (names by id, the sources
 * behind a set of passages). Pure functions over a `CaseSnapshot`; nothing here writes a format.
 */
import type { AnnotationRecord, DocumentRecord, SourceRecord } from '../domain/types'
import type { CaseSnapshot } from './snapshot'

/** An instant as ISO 8601 in UTC with milliseconds, e.g. "2025-06-24T09:30:00.000Z". */
export function isoTime(at: number): string {
  return new Date(at).toISOString()
}

/** The calendar day of `at` (YYYY-MM-DD) in `zone` (an IANA name; UTC when absent). */
export function isoDay(at: number, zone?: string): string {
  if (!zone || zone === 'UTC') return isoTime(at).slice(0, 10)
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(at)
  } catch {
    return isoTime(at).slice(0, 10)
  }
}

/**
 * The IRI that names a document: its web address when it has an http(s) one, otherwise
 * `urn:sha256:<hex>` of its text — the same text gives the same name wherever it is found.
 */
export function documentIri(doc: Pick<DocumentRecord, 'url' | 'textHash'>): string {
  if (doc.url) {
    try {
      const u = new URL(doc.url)
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.href
    } catch {
      // not a URL: fall through to the text's hash
    }
  }
  return `urn:sha256:${doc.textHash}`
}

/**
 * The number of Unicode code points in `text` before UTF-16 offset `offset`. JavaScript
 * offsets count UTF-16 units; the W3C TextPositionSelector counts code points, so an emoji
 * before a passage shifts the two by one each. For many offsets into one text, use
 * `codePointCounter`.
 */
export function codePointOffset(text: string, offset: number): number {
  return codePointCounter(text)(offset)
}

/**
 * A function from UTF-16 offsets in `text` to code point offsets, after one pass over the
 * text: each answer is a binary search among the text's surrogate pairs.
 */
export function codePointCounter(text: string): (offset: number) => number {
  /** UTF-16 offsets of the second unit of each surrogate pair, ascending. */
  const lows: number[] = []
  for (let i = 0; i + 1 < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) lows.push(++i)
    }
  }
  return (offset) => {
    const end = Math.max(0, Math.min(offset, text.length))
    // Pairs whose second unit lies before `end` count one unit less; a pair cut in two at
    // `end` (its low unit at `end`) still counts as one code point.
    let lo = 0
    let hi = lows.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (lows[mid]! < end) lo = mid + 1
      else hi = mid
    }
    return end - lo
  }
}

/** Lookups by id over one snapshot, built once per export. */
export interface SnapshotIndex {
  entities: Map<string, CaseSnapshot['entities'][number]>
  annotations: Map<string, AnnotationRecord>
  documents: Map<string, DocumentRecord>
  sources: Map<string, SourceRecord>
}

/** Builds the lookups of `snapshot`. */
export function indexSnapshot(snapshot: CaseSnapshot): SnapshotIndex {
  return {
    entities: new Map(snapshot.entities.map((e) => [e.id, e])),
    annotations: new Map(snapshot.annotations.map((a) => [a.id, a])),
    documents: new Map(snapshot.documents.map((d) => [d.id, d])),
    sources: new Map(snapshot.sources.map((s) => [s.id, s])),
  }
}

/** The distinct sources behind the passages `annotationIds`, in first-cited order. */
export function sourcesOf(annotationIds: readonly string[], index: SnapshotIndex): SourceRecord[] {
  const out = new Map<string, SourceRecord>()
  for (const id of annotationIds) {
    const doc = index.documents.get(index.annotations.get(id)?.docId ?? '')
    const source = doc?.sourceId ? index.sources.get(doc.sourceId) : undefined
    if (source) out.set(source.id, source)
  }
  return [...out.values()]
}

/** The distinct documents behind the passages `annotationIds`, in first-cited order. */
export function documentsOf(
  annotationIds: readonly string[],
  index: SnapshotIndex,
): DocumentRecord[] {
  const out = new Map<string, DocumentRecord>()
  for (const id of annotationIds) {
    const doc = index.documents.get(index.annotations.get(id)?.docId ?? '')
    if (doc) out.set(doc.id, doc)
  }
  return [...out.values()]
}
