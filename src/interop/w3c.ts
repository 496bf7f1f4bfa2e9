/**
 * W3C Web Annotation export (JSON-LD, `.annotations.jsonld`): one annotation per tagged
 * passage. The target names the document by its web address, else `urn:sha256:<hash of its
 * text>`, and holds a TextQuoteSelector (the exact words with 32 characters either side) and a
 * TextPositionSelector (offsets in Unicode code points of the text Casefile holds, as the
 * model counts them — not UTF-16 units). Bodies, all W3C shapes (see docs/formats.md):
 *
 * - the tag's kind as a `TextualBody` with purpose `tagging` ("actor", "event", …), which
 *   Hypothesis and Recogito show as a tag;
 * - an actor or place: its name as a second `tagging` body, and a `SpecificResource` with
 *   purpose `identifying` whose source is `urn:uuid:<entity id>` (the same actor across files);
 * - an event: a `TextualBody` with purpose `describing` ("Iran → Qatar: Assault / strike, …")
 *   and a `SpecificResource` with purpose `linking` whose source is `urn:uuid:<event id>`;
 * - the analyst's note: a `TextualBody` with purpose `commenting`;
 * - the grades: a `TextualBody` with purpose `assessing` ("B2: source usually reliable,
 *   information probably true").
 *
 * The file is one `AnnotationCollection` with its one page embedded as `first` (W3C model §5),
 * not a bare array: JSON-LD needs one top-level node to carry the context, and the collection
 * says what the annotations are (the case or briefing, `label`) and how many (`total`), which
 * a tool reading the file can check. Each annotation also carries its own `@context` so it
 * stands alone when a tool splits the page (Hypothesis imports annotation by annotation).
 */
import { CREDIBILITY_LABELS, RELIABILITY_LABELS } from '../domain/format'
import { typeLabel } from '../domain/event-types'
import type { AnnotationRecord, EventRecord } from '../domain/types'
import {
  codePointCounter,
  documentIri,
  indexSnapshot,
  isoDay,
  isoTime,
  sourcesOf,
  type SnapshotIndex,
} from './common'
import type { CaseSnapshot } from './snapshot'

/** The JSON-LD context of the Web Annotation vocabulary. */
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'

/** What a W3C export is of. */
export interface W3cOptions {
  /** The briefing the snapshot was cut down to, which names the collection. */
  briefingId?: string
}

type Json = Record<string, unknown>

function text(value: string, purpose: string): Json {
  return { type: 'TextualBody', purpose, value, format: 'text/plain' }
}

function eventDescription(event: EventRecord, index: SnapshotIndex): string {
  const names = (ids: string[]) => ids.map((id) => index.entities.get(id)?.name ?? id).join(', ')
  const who = event.initiators.length ? names(event.initiators) : 'Unknown actor'
  const whom = event.targets.length ? ` → ${names(event.targets)}` : ''
  const when = event.when ? `, ${isoDay(event.when.start, event.when.zone)}` : ''
  return `${event.title} (${who}${whom}: ${typeLabel(event.type)}${when})`
}

function motivationOf(a: AnnotationRecord): string {
  if (a.kind === 'note') return 'commenting'
  if ((a.kind === 'actor' || a.kind === 'location') && a.entityId) return 'identifying'
  if (a.kind === 'event' && a.eventId) return 'linking'
  return 'tagging'
}

/** The W3C annotation of one tagged passage. */
export function toAnnotation(
  a: AnnotationRecord,
  index: SnapshotIndex,
  eventsById: Map<string, EventRecord>,
  counters: Map<string, (offset: number) => number> = new Map(),
): Json {
  const body: Json[] = [text(a.kind, 'tagging')]
  const entity = a.entityId ? index.entities.get(a.entityId) : undefined
  if (entity) {
    body.push(text(entity.name, 'tagging'))
    body.push({ type: 'SpecificResource', purpose: 'identifying', source: `urn:uuid:${entity.id}` })
  }
  const event = a.eventId ? eventsById.get(a.eventId) : undefined
  if (event) {
    body.push(text(eventDescription(event, index), 'describing'))
    body.push({ type: 'SpecificResource', purpose: 'linking', source: `urn:uuid:${event.id}` })
  }
  if (a.note) body.push(text(a.note, 'commenting'))
  const source = sourcesOf([a.id], index)[0]
  if (source || a.credibility) {
    const parts = [
      source ? `source ${RELIABILITY_LABELS[source.reliability].toLowerCase()}` : '',
      a.credibility ? `information ${CREDIBILITY_LABELS[a.credibility].toLowerCase()}` : '',
    ].filter(Boolean)
    const code = `${source?.reliability ?? ''}${a.credibility ?? ''}`
    body.push(text(`${code}: ${parts.join(', ')}`, 'assessing'))
  }

  const doc = index.documents.get(a.docId)
  const selector: Json[] = [
    { type: 'TextQuoteSelector', exact: a.exact, prefix: a.prefix, suffix: a.suffix },
  ]
  // An orphaned tag has no place in the current text (start = end = 0): only its quote.
  if (doc && a.anchor?.status !== 'orphan' && a.end > a.start) {
    let points = counters.get(doc.id)
    if (!points) counters.set(doc.id, (points = codePointCounter(doc.text)))
    selector.push({ type: 'TextPositionSelector', start: points(a.start), end: points(a.end) })
  }
  const target: Json = {
    source: doc ? documentIri(doc) : `urn:sha256:${a.textHash}`,
    selector,
  }
  if (doc?.language) target.language = doc.language
  return {
    '@context': ANNO_CONTEXT,
    id: `urn:uuid:${a.id}`,
    type: 'Annotation',
    motivation: motivationOf(a),
    created: isoTime(a.createdAt),
    generator: { type: 'Software', name: 'Casefile' },
    body,
    target,
  }
}

/**
 * The snapshot's tagged passages as one W3C AnnotationCollection with its page embedded
 * (see the module comment), annotations in document order (by document title, then offset).
 */
export function toW3cCollection(snapshot: CaseSnapshot, options: W3cOptions = {}): Json {
  const index = indexSnapshot(snapshot)
  const eventsById = new Map(snapshot.events.map((e) => [e.id, e]))
  const docOrder = new Map(
    [...snapshot.documents]
      .sort((x, y) => (x.title < y.title ? -1 : x.title > y.title ? 1 : x.id < y.id ? -1 : 1))
      .map((d, i) => [d.id, i]),
  )
  const annotations = [...snapshot.annotations].sort(
    (x, y) =>
      (docOrder.get(x.docId) ?? 0) - (docOrder.get(y.docId) ?? 0) ||
      x.start - y.start ||
      (x.id < y.id ? -1 : 1),
  )
  const counters = new Map<string, (offset: number) => number>()
  const items = annotations.map((a) => toAnnotation(a, index, eventsById, counters))
  const briefing = options.briefingId
    ? snapshot.briefings.find((b) => b.id === options.briefingId)
    : undefined
  const id = briefing
    ? `urn:casefile:case:${snapshot.case.id}:briefing:${briefing.id}`
    : `urn:casefile:case:${snapshot.case.id}`
  return {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: briefing ? `${snapshot.case.title}: ${briefing.title}` : snapshot.case.title,
    total: items.length,
    first: {
      id: `${id}:page:0`,
      type: 'AnnotationPage',
      startIndex: 0,
      items,
    },
  }
}

/**
 * `toW3cCollection` as the file's text: compact JSON, since a case's tags make thousands of
 * annotations and indenting them nearly doubles the file and the time to write it.
 */
export function w3cAnnotations(snapshot: CaseSnapshot, options: W3cOptions = {}): string {
  return JSON.stringify(toW3cCollection(snapshot, options)) + '\n'
}
