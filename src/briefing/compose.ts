/**
 * Composes a briefing into a render-ready `BriefingDocument`: the one place that decides what
 * the reader is told and on whose word, so that the HTML/PDF and the Markdown exports say
 * exactly the same thing. Pure: it takes the briefing and the case's records and returns
 * plain data, with no DOM, no Dexie and no clock.
 *
 * Citations: every chronology entry, and every key judgement that names events, carries
 * footnotes to its evidence passages — the quote, its document, publisher, publication date
 * and Admiralty grade. Footnotes are numbered in order of first use in reading order (key
 * judgements, then the chronology); citing the same passage again reuses its number.
 *
 * Trust: evidence that cannot be shown as it was tagged — an orphaned anchor, a deleted
 * passage or document — gets NO footnote (a quote that may no longer be in its source must
 * not be printed as if it were) and is listed in `problems`, for the UI to show before
 * export. Problems are `error`s when something the analyst cited is left out of the output,
 * and `warning`s when the output is complete but a reader may be misled (an undated event,
 * an uncited event, a fuzzy anchor, contradictory estimative wording, no handling line).
 *
 * A key judgement may also cite a saved version of the case's matrix of competing hypotheses
 * (`Judgement.achVersion`): the version is looked up in the matrix and its snapshot checked,
 * and the briefing gets that version as a figure (`achFigures`, in order of first citation),
 * which the judgement's citation points to. A version no longer kept is an `error` problem.
 */
import { admiraltyCode, formatPublished, RELIABILITY_LABELS } from '../domain/format'
import { typeLabel } from '../domain/event-types'
import { isValidZone, wallTime } from '../domain/time/calendar'
import { parseAchSnapshot, type AchSnapshot } from '../domain/ach'
import type {
  AchMatrix,
  AnnotationRecord,
  BriefingRecord,
  Credibility,
  DocumentMeta,
  EntityRecord,
  EventRecord,
  Likelihood,
  Reliability,
  SourceRecord,
} from '../domain/types'
import {
  judgementSentences,
  judgementTextIssues,
  likelihoodStep,
  type Confidence,
} from './likelihood'
import { orderChronology } from './chronology-order'
import { whenInWords } from './when-words'
import { eventPlaceIds } from '../domain/event-places'
import { citedCredibility } from '../domain/credibility'
import { OriginResolver } from '../domain/corroboration'
import { linkStance } from '../domain/stance'

/** Records by id: a Map, or a plain object keyed by id. */
export type Lookup<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>>

/** What `composeBriefing` needs: the briefing and the case's records it may cite. */
export interface BriefingInput {
  briefing: BriefingRecord
  /** All events of the case; the briefing's `eventIds` choose the chronology. */
  events: readonly EventRecord[]
  annotations: Lookup<AnnotationRecord>
  documents: Lookup<DocumentMeta>
  sources: Lookup<SourceRecord>
  entities: Lookup<EntityRecord>
  /**
   * Document id → the original it is a near-identical copy of (domain/text-copies.ts), for
   * counting independent origins; absent means no copies are known.
   */
  copies?: ReadonlyMap<string, string>
  /** The zone the briefing's own date is read in (default UTC). */
  timeZone?: string
  /** The case's matrix of competing hypotheses, whose saved versions judgements may cite. */
  ach?: AchMatrix
}

/** A saved version of the matrix of competing hypotheses that a judgement cites. */
export interface AchFigureRef {
  versionId: string
  /** When the version was saved (ms since epoch) and the same in words. */
  at: number
  when: string
  /** The analyst's label of the version. */
  label: string
  snapshot: AchSnapshot
}

/** A key judgement as printed. */
export interface ComposedJudgement {
  /** 1-based position, as printed. */
  n: number
  id: string
  text: string
  likelihood: Likelihood
  /** e.g. "55–80%". */
  range: string
  confidence: Confidence
  /** The two separate sentences (ICD 203). */
  sentences: { likelihood: string; confidence: string }
  /** Footnote numbers of the evidence of the judgement's events, ascending. */
  notes: number[]
  /** The version of the matrix of competing hypotheses it cites (one of `achFigures`). */
  achVersionId?: string
}

/** A free-text section, split into paragraphs (blank lines); lines inside keep "\n". */
export interface ComposedSection {
  id: string
  heading: string
  paragraphs: string[]
}

/** One line of the chronology. */
export interface ChronologyEntry {
  eventId: string
  /** The date in words ("on or about 23 June 2025"), or "Date unknown". */
  when: string
  dateUnknown: boolean
  title: string
  type: string
  typeLabel: string
  initiators: string[]
  targets: string[]
  location?: string
  /** "Iran → United States · Assault / strike · Al Udeid Air Base" (empty parts left out). */
  detail: string
  /** The whole entry as one sentence: "23 June 2025: Iran fires … (Iran → …)." */
  text: string
  /** Footnote numbers of the event's supporting evidence, ascending. */
  notes: number[]
  /**
   * Corroboration, computed (domain/corroboration.ts): "3 reports · 2 independent origins ·
   * B2, C3", contradicting passages counted apart.
   */
  corroboration: string
  /** Footnote numbers of passages that contradict the event (never counted as support). */
  contradictedBy: number[]
}

/** One numbered citation of an evidence passage. */
export interface Footnote {
  n: number
  annotationId: string
  documentId: string
  /** The passage, whitespace collapsed. */
  quote: string
  documentTitle: string
  publisher?: string
  /** `formatPublished` of the document's publication time ("Tue 24 Jun 2025", "Date unknown"). */
  published: string
  /** Admiralty code: the source's reliability and the passage's (else the event's) credibility. */
  grade: string
  reliability: Reliability
  credibility?: Credibility
  url?: string
  /** True when the passage contradicts what cites it. */
  contradicts?: true
}

/** A source in the appendix, with the documents cited from it. */
export interface SourceEntry {
  /** Absent for the group of documents with no recorded source. */
  id?: string
  name: string
  reliability: Reliability
  reliabilityLabel: string
  documents: { id: string; title: string; published: string; url?: string; notes: number[] }[]
}

/** Kinds of problem found while composing. */
export type ProblemKind =
  | 'orphan'
  | 'missing-passage'
  | 'missing-event'
  | 'no-evidence'
  | 'undated'
  | 'fuzzy'
  | 'missing-entity'
  | 'estimative-language'
  | 'no-handling'
  | 'missing-ach-version'

/** Something the analyst should see before exporting. */
export interface BriefingProblem {
  kind: ProblemKind
  /** `error`: something cited was left out of the output; `warning`: complete but doubtful. */
  severity: 'error' | 'warning'
  message: string
  eventId?: string
  annotationId?: string
  judgementId?: string
}

/** A briefing ready to render. */
export interface BriefingDocument {
  briefingId: string
  title: string
  handling: string
  /** The briefing's date in words ("24 June 2025"); absent when it has none. */
  dateLine?: string
  author?: string
  bluf: string
  judgements: ComposedJudgement[]
  sections: ComposedSection[]
  chronology: ChronologyEntry[]
  /** Versions of the matrix of competing hypotheses cited by judgements, as figures. */
  achFigures: AchFigureRef[]
  footnotes: Footnote[]
  sources: SourceEntry[]
  problems: BriefingProblem[]
}

function lookup<T>(table: Lookup<T>, id: string | undefined): T | undefined {
  if (id === undefined) return undefined
  if (table instanceof Map) return (table as ReadonlyMap<string, T>).get(id)
  const record = table as Readonly<Record<string, T>>
  // Object.hasOwn: an id such as "constructor" must not find Object.prototype's.
  return Object.hasOwn(record, id) ? record[id] : undefined
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** "24 June 2025": the calendar day of `at` in `zone`. */
function dateLine(at: number, zone: string): string {
  const w = wallTime(at, zone)
  return `${w.d} ${MONTHS[w.m - 1]} ${w.y}`
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim()

function paragraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.replace(/[ \t]+/g, ' ').trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean)
}

const dated = (e: EventRecord) => e.when !== undefined && Number.isFinite(e.when.start)

/** The briefing as the reader will see it, with its footnotes, appendix and problems. */
export function composeBriefing(input: BriefingInput): BriefingDocument {
  const { briefing } = input
  const zone = input.timeZone && isValidZone(input.timeZone) ? input.timeZone : 'UTC'
  const eventsById = new Map(input.events.map((e) => [e.id, e]))

  const problems: BriefingProblem[] = []
  const reported = new Set<string>()
  const report = (p: BriefingProblem) => {
    const key = `${p.kind}|${p.eventId ?? ''}|${p.annotationId ?? ''}|${p.judgementId ?? ''}`
    if (reported.has(key)) return
    reported.add(key)
    problems.push(p)
  }

  const footnotes: Footnote[] = []
  // A passage is one note per grade: with no credibility of its own it takes its event's,
  // and two events of different confidence citing it must not share one grade.
  const noteByKey = new Map<string, number>()

  const eventLabel = (e: EventRecord) => `"${collapse(e.title) || 'Untitled event'}"`

  /**
   * Footnote numbers for an event's evidence (ascending), creating notes on first use:
   * supporting passages, and apart from them the contradicting ones.
   */
  const citeEvent = (event: EventRecord): { support: number[]; against: number[] } => {
    const notes: number[] = []
    const against: number[] = []
    const evidence = [...new Set(event.evidence)]
    // The one grade rule (domain/credibility.ts): the passage's own, else the event's.
    const passages = evidence.flatMap((id) => lookup(input.annotations, id) ?? [])
    if (evidence.length === 0)
      report({
        kind: 'no-evidence',
        severity: 'warning',
        message: `Event ${eventLabel(event)} cites no evidence.`,
        eventId: event.id,
      })
    for (const annotationId of evidence) {
      const ann = lookup(input.annotations, annotationId)
      const doc = ann ? lookup(input.documents, ann.docId) : undefined
      if (!ann || !doc) {
        report({
          kind: 'missing-passage',
          severity: 'error',
          message: ann
            ? `Evidence of event ${eventLabel(event)} is in a document that was deleted; it is left out.`
            : `Evidence of event ${eventLabel(event)} was deleted; it is left out.`,
          eventId: event.id,
          annotationId,
        })
        continue
      }
      if (ann.anchor?.status === 'orphan') {
        report({
          kind: 'orphan',
          severity: 'error',
          message: `Evidence "${collapse(ann.exact).slice(0, 80)}" of event ${eventLabel(event)} is no longer found in "${collapse(doc.title)}" (orphaned tag); it is left out until it is re-attached.`,
          eventId: event.id,
          annotationId,
        })
        continue
      }
      if (ann.anchor?.status === 'fuzzy')
        report({
          kind: 'fuzzy',
          severity: 'warning',
          message: `Evidence of event ${eventLabel(event)} was re-placed on an approximate match in "${collapse(doc.title)}"; check the quote before export.`,
          eventId: event.id,
          annotationId,
        })
      const source = lookup(input.sources, doc.sourceId)
      const credibility = citedCredibility(ann, event, passages).grade
      const contradicts = linkStance(event.stances, annotationId, ann) === 'contradicts'
      const key = `${annotationId}|${credibility ?? ''}|${contradicts ? 'x' : ''}`
      let n = noteByKey.get(key)
      if (n === undefined) {
        n = footnotes.length + 1
        noteByKey.set(key, n)
        footnotes.push({
          n,
          annotationId,
          documentId: doc.id,
          quote: collapse(ann.exact),
          documentTitle: collapse(doc.title) || 'Untitled document',
          ...(source ? { publisher: collapse(source.name) } : {}),
          published: formatPublished(doc.publishedAt, doc.publishedPrecision, doc.timeZone),
          grade: admiraltyCode(source?.reliability, credibility),
          reliability: source?.reliability ?? 'F',
          ...(credibility !== undefined ? { credibility } : {}),
          ...(doc.url ? { url: doc.url } : {}),
          ...(contradicts ? { contradicts: true as const } : {}),
        })
      }
      const list = contradicts ? against : notes
      if (!list.includes(n)) list.push(n)
    }
    return { support: notes.sort((a, b) => a - b), against: against.sort((a, b) => a - b) }
  }

  const toMap = <T>(table: Lookup<T>): Map<string, T> =>
    table instanceof Map
      ? (table as Map<string, T>)
      : new Map(Object.entries(table as Readonly<Record<string, T>>))
  const origins = new OriginResolver({
    passages: toMap(input.annotations),
    documents: toMap(input.documents),
    sources: toMap(input.sources),
    ...(input.copies ? { copies: new Map(input.copies) } : {}),
  })

  const entityName = (id: string, event: EventRecord): string | undefined => {
    const entity = lookup(input.entities, id)
    if (!entity)
      report({
        kind: 'missing-entity',
        severity: 'warning',
        message: `Event ${eventLabel(event)} names an actor or place that was deleted; it is left out.`,
        eventId: event.id,
      })
    return entity ? collapse(entity.name) : undefined
  }

  const achFigures: AchFigureRef[] = []
  /** The figure of the version a judgement cites, or a problem when it is not kept. */
  const citeAch = (j: BriefingRecord['judgements'][number], n: number): string | undefined => {
    if (!j.achVersion) return undefined
    const { id, at } = j.achVersion
    const known = achFigures.find((f) => f.versionId === id)
    if (known) return known.versionId
    const version = input.ach?.versions.find((v) => v.id === id)
    const snapshot = version ? parseAchSnapshot(version.snapshot) : undefined
    if (!version || !snapshot) {
      report({
        kind: 'missing-ach-version',
        severity: 'error',
        message: `Key judgement ${n} cites the competing hypotheses as saved ${formatPublished(at, 'minute', zone)}, a version no longer kept; the figure is left out.`,
        judgementId: j.id,
      })
      return undefined
    }
    achFigures.push({
      versionId: id,
      at: version.at,
      when: formatPublished(version.at, 'minute', zone),
      label: collapse(version.label),
      snapshot,
    })
    return id
  }

  // Key judgements come first in reading order, so their notes are numbered first.
  const judgements: ComposedJudgement[] = briefing.judgements.map((j, i) => {
    const n = i + 1
    for (const issue of judgementTextIssues(j))
      report({
        kind: 'estimative-language',
        severity: 'warning',
        message: `Key judgement ${n} ${issue}.`,
        judgementId: j.id,
      })
    const notes: number[] = []
    for (const eventId of [...new Set(j.eventIds)]) {
      const event = eventsById.get(eventId)
      if (!event) {
        report({
          kind: 'missing-event',
          severity: 'error',
          message: `Key judgement ${n} cites an event that was deleted; it is left out.`,
          eventId,
          judgementId: j.id,
        })
        continue
      }
      for (const note of citeEvent(event).support) if (!notes.includes(note)) notes.push(note)
    }
    notes.sort((a, b) => a - b)
    const achVersionId = citeAch(j, n)
    return {
      ...(achVersionId ? { achVersionId } : {}),
      n,
      id: j.id,
      text: collapse(j.text),
      likelihood: j.likelihood,
      range: likelihoodStep(j.likelihood).range,
      confidence: j.confidence,
      sentences: judgementSentences(j),
      notes,
    }
  })

  const chosen: EventRecord[] = []
  for (const eventId of new Set(briefing.eventIds)) {
    const event = eventsById.get(eventId)
    if (event) chosen.push(event)
    else
      report({
        kind: 'missing-event',
        severity: 'error',
        message: 'The chronology includes an event that was deleted; it is left out.',
        eventId,
      })
  }
  // By day; within a day by time of day where known, then in the analyst's order.
  const ordered = orderChronology(chosen, briefing.eventIds)
  chosen.splice(0, chosen.length, ...ordered)

  const chronology: ChronologyEntry[] = chosen.map((event) => {
    const isDated = dated(event)
    if (!isDated)
      report({
        kind: 'undated',
        severity: 'warning',
        message: `Event ${eventLabel(event)} has no date; it is listed last as "date unknown".`,
        eventId: event.id,
      })
    const when = isDated ? whenInWords(event.when!) : 'Date unknown'
    const initiators = event.initiators.flatMap((id) => entityName(id, event) ?? [])
    const targets = event.targets.flatMap((id) => entityName(id, event) ?? [])
    const location =
      eventPlaceIds(event)
        .flatMap((id) => entityName(id, event) ?? [])
        .join(', ') || undefined
    const actors =
      initiators.length && targets.length
        ? `${initiators.join(', ')} → ${targets.join(', ')}`
        : initiators.join(', ') || (targets.length ? `→ ${targets.join(', ')}` : '')
    const label = typeLabel(event.type)
    const detail = [actors, label, location].filter(Boolean).join(' · ')
    const title = collapse(event.title) || 'Untitled event'
    const dateWords = isDated ? when.charAt(0).toUpperCase() + when.slice(1) : 'Date unknown'
    const text = `${dateWords}: ${title.replace(/[.!?]$/, '')}${detail ? ` (${detail})` : ''}.`
    const cited = citeEvent(event)
    return {
      eventId: event.id,
      when,
      dateUnknown: !isDated,
      title,
      type: event.type,
      typeLabel: label,
      initiators,
      targets,
      ...(location ? { location } : {}),
      detail,
      text,
      notes: cited.support,
      corroboration: origins.corroborate(event.evidence, event.confidence, event.stances).summary,
      contradictedBy: cited.against,
    }
  })

  judgements.forEach((j, i) => {
    const cited = briefing.judgements[i]
    if (j.notes.length === 0 && (cited?.eventIds.length ?? 0) === 0 && !cited?.achVersion)
      report({
        kind: 'no-evidence',
        severity: 'warning',
        message: `Key judgement ${j.n} cites no events and no matrix of hypotheses, so the reader cannot trace it to evidence.`,
        judgementId: j.id,
      })
  })

  if (!briefing.handling.trim())
    report({
      kind: 'no-handling',
      severity: 'warning',
      message: 'The briefing has no handling line; page headers and footers will be blank.',
    })

  return {
    briefingId: briefing.id,
    title: collapse(briefing.title) || 'Untitled briefing',
    handling: collapse(briefing.handling),
    ...(briefing.date !== undefined && Number.isFinite(briefing.date)
      ? { dateLine: dateLine(briefing.date, zone) }
      : {}),
    ...(briefing.author?.trim() ? { author: collapse(briefing.author) } : {}),
    bluf: briefing.bluf.trim(),
    judgements,
    sections: briefing.sections.map((s) => ({
      id: s.id,
      heading: collapse(s.heading),
      paragraphs: paragraphs(s.body),
    })),
    chronology,
    achFigures,
    footnotes,
    sources: appendix(footnotes, input),
    problems,
  }
}

/** Every source cited, by name, each with its documents in order of first citation. */
function appendix(footnotes: readonly Footnote[], input: BriefingInput): SourceEntry[] {
  const bySource = new Map<string, SourceEntry>()
  const NONE = '\u0000none'
  for (const note of footnotes) {
    const doc = lookup(input.documents, note.documentId)
    if (!doc) continue
    const source = lookup(input.sources, doc.sourceId)
    const key = source ? source.id : NONE
    let entry = bySource.get(key)
    if (!entry) {
      const reliability = source?.reliability ?? 'F'
      entry = {
        ...(source ? { id: source.id } : {}),
        name: source ? collapse(source.name) || 'Unnamed source' : 'Source not recorded',
        reliability,
        reliabilityLabel: RELIABILITY_LABELS[reliability],
        documents: [],
      }
      bySource.set(key, entry)
    }
    let d = entry.documents.find((x) => x.id === doc.id)
    if (!d) {
      d = {
        id: doc.id,
        title: note.documentTitle,
        published: note.published,
        ...(doc.url ? { url: doc.url } : {}),
        notes: [],
      }
      entry.documents.push(d)
    }
    d.notes.push(note.n)
  }
  // By name; the documents without a recorded source come last.
  return [...bySource.entries()]
    .sort(([ka, a], [kb, b]) =>
      ka === NONE ? 1 : kb === NONE ? -1 : a.name.localeCompare(b.name, 'en'),
    )
    .map(([, entry]) => entry)
}
