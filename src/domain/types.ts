/**
 * The domain model of a Casefile case: the records every layer passes around. Pure types,
 * no behaviour; `db/` stores exactly these shapes and `features/` renders them. Field names
 * follow DESIGN.md's data model. Ids are strings (random UUIDs) so that a whole case can be
 * exported and re-imported as a new case by re-keying.
 */

/** Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged. */
export type Reliability = 'A' | 'B' | 'C' | 'D' | 'E' | 'F'

/** Admiralty information credibility: 1 confirmed … 5 improbable, 6 cannot be judged. */
export type Credibility = 1 | 2 | 3 | 4 | 5 | 6

/** An investigation: the unit that is exported, imported and deleted whole. */
export interface CaseRecord {
  id: string
  title: string
  description?: string
  /** Forms the analyst asked never to be suggested in this case (lower-case). */
  neverSuggest?: string[]
  /** The case's matrix of competing hypotheses (domain/ach.ts), if the analyst made one. */
  ach?: AchMatrix
  /**
   * Pairs of events the analyst said are not the same event (each pair's ids sorted), so
   * they are never proposed as possible duplicates again.
   */
  notSameEvents?: [string, string][]
  /**
   * Where the last pull from each team server collection ended (issue 14): pulling again asks
   * only for objects added after it. Never a credential.
   */
  teamServerPulls?: TeamServerPull[]
  createdAt: number
  updatedAt: number
}

/** How a row of evidence bears on a hypothesis (Heuer): CC, C, N, I, II or not applicable. */
export type AchRating = 'CC' | 'C' | 'N' | 'I' | 'II' | 'NA'

/** A case's matrix of competing hypotheses (see domain/ach.ts for the scoring). */
export interface AchMatrix {
  hypotheses: { id: string; text: string }[]
  /** Evidence rows: an event or a tagged passage (claims included), in the analyst's order. */
  rows: {
    kind: 'event' | 'annotation'
    refId: string
    relevance: 'low' | 'medium' | 'high'
    /** Rating by hypothesis id; an unrated cell reads as N. */
    cells: Record<string, AchRating>
  }[]
  /** Saved versions, oldest first: what the matrix said then (a JSON `AchSnapshot`). */
  versions: { id: string; at: number; label: string; snapshot: string }[]
}

/** The end of the last pull from one TAXII collection into a case. */
export interface TeamServerPull {
  /** The collection's URL (`<api root>collections/<id>/`; a URL never holds credentials). */
  collectionUrl: string
  /** The last page's `X-TAXII-Date-Added-Last`: the next pull's `added_after`. */
  addedLast: string
  /** When the pull was made. */
  at: number
}

/** One grade given to a source, kept so that the grade's history is auditable. */
export interface ReliabilityGrade {
  grade: Reliability
  at: number
  note?: string
}

/** A publisher or author whose reliability is graded over time. */
export interface SourceRecord {
  id: string
  caseId: string
  name: string
  reliability: Reliability
  history: ReliabilityGrade[]
  createdAt: number
}

/** Importers that produced a document's text. */
export type ImporterName = 'text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'image'

/**
 * How OCR read (part of) a document's text: the engine, the languages, which pages, the
 * mean word confidence and where the words it was unsure of are.
 */
export interface OcrInfo {
  /** Engine and version, e.g. "tesseract.js 7.0.0". */
  engine: string
  /** Tesseract language codes it read with, e.g. ["eng"] or ["fas", "ara"]. */
  languages: string[]
  /** 1-based pages read by OCR (a PDF's scanned pages; [1] for an image). */
  pages: number[]
  /** Mean word confidence over those pages, 0–100. */
  confidence: number
  /** Words read with low confidence, as flat [start, end) offset pairs into `text`. */
  lowConfidence: number[]
}

/** One imported source document without its text (what lists show). */
export interface DocumentMeta {
  id: string
  caseId: string
  sourceId?: string
  title: string
  author?: string
  url?: string
  /** Publication time in ms since epoch; absent when unknown. */
  publishedAt?: number
  /** What part of `publishedAt` is known. */
  publishedPrecision?: 'day' | 'minute'
  /**
   * The IANA time zone the source writes in ("on Monday" is a Monday there); relative dates
   * are resolved in it. Absent means UTC.
   */
  timeZone?: string
  language?: string
  /** Lower-case hex SHA-256 of `text` (UTF-8). */
  textHash: string
  mime: string
  fileName: string
  fileSize: number
  importer: ImporterName
  importerVersion: string
  importedAt: number
  /** Start offsets of each page in `text` (PDF only). */
  pageStarts?: number[]
  /** Things the analyst should know about this import (e.g. decoded as windows-1252). */
  warnings?: string[]
  /** Present when (part of) the text was read by OCR from a scan or an image. */
  ocr?: OcrInfo
}

/**
 * One imported source document with its text. The text is never edited; only an explicit
 * "Replace text" swaps it for a new version, re-anchoring every tag (see db/reanchor.ts).
 */
export interface DocumentRecord extends DocumentMeta {
  /** Plain text with paragraphs separated by blank lines ("\n\n"). */
  text: string
}

export type AnnotationKind = 'actor' | 'location' | 'event' | 'claim' | 'note'

/** What an evidence passage does to the events and relations citing it. */
export type EvidenceStance = 'supports' | 'contradicts'

/** A tagged passage, anchored W3C-style by position and by quote. */
export interface AnnotationRecord {
  id: string
  caseId: string
  docId: string
  start: number
  end: number
  exact: string
  prefix: string
  suffix: string
  /** Hash of the document text the anchor was made on. */
  textHash: string
  kind: AnnotationKind
  entityId?: string
  eventId?: string
  note?: string
  credibility?: Credibility
  /**
   * The passage's stance for the records citing it that set none of their own (`stances` on
   * the event or relation; domain/stance.ts). Only cases made before stance was per link
   * have it: it is read, never written now. Absent means supports.
   */
  stance?: EvidenceStance
  /**
   * Set when the passage reports what another outlet said ("according to Reuters"): its
   * origin is then that outlet (matched to the case's sources by name), not its document's
   * source.
   */
  secondHand?: { outlet: string }
  createdAt: number
  /**
   * How far the anchor can be trusted after the document's text was replaced
   * (`db/reanchor.ts`). Absent means trustworthy: made on the current text, or found again
   * in it verbatim (exact or moved). Otherwise the analyst has something to check:
   *
   * - `fuzzy`: placed on an approximate match scoring `score` (0..1). `start`, `end`,
   *   `exact`, `prefix`, `suffix` and `textHash` describe the passage in the current text;
   *   `quote` keeps the words originally tagged, for comparison. Cleared when the analyst
   *   accepts or re-attaches the tag.
   * - `orphan`: not found. `exact`, `prefix`, `suffix` and `textHash` still describe the
   *   passage in the text the tag was made on, `start` and `end` are both 0 (an empty range,
   *   so nothing is drawn and no offset points into the wrong words), and `note` says why.
   *   Cleared when the analyst re-attaches the tag; deleting it is the other way out.
   */
  anchor?: {
    status: 'fuzzy' | 'orphan'
    score?: number
    /** The words originally tagged, where they differ from `exact` (fuzzy anchors). */
    quote?: string
    /** Why the anchor was not found (orphans), for the analyst. */
    note?: string
  }
}

export type EntityKind = 'person' | 'organisation' | 'state' | 'group' | 'location' | 'other'

/**
 * How exactly a place is known, as ACLED and UCDP grade it: a `point` (the spot itself),
 * `near` (within `radiusKm` of the point), a `region` or a `country` (the point is its
 * centroid, a stand-in for an area), or `unknown` (no position: the analyst looked and could
 * not place it).
 */
export type PlacePrecision = 'point' | 'near' | 'region' | 'country' | 'unknown'

/** Where a place's position came from: a gazetteer entry, or the analyst pinning it by hand. */
export type PlaceSource =
  { kind: 'gazetteer'; id: string; name: string } | { kind: 'pinned'; note?: string }

/**
 * A place's position (location and state entities). Latitude and longitude in degrees
 * (WGS 84); absent only when `precision` is `unknown`. `country` is the ISO 3166-1 alpha-2
 * code when known (it ranks geocoding suggestions for the case's other places).
 */
export interface PlaceValue {
  precision: PlacePrecision
  lat?: number
  lon?: number
  /** For `near`: how far from the point, in km. */
  radiusKm?: number
  country?: string
  source: PlaceSource
  /** When the analyst confirmed it (ms since epoch). */
  at: number
}

/** An actor or a location. */
export interface EntityRecord {
  id: string
  caseId: string
  kind: EntityKind
  name: string
  aliases: string[]
  description?: string
  /** Where it is, once the analyst geocoded or pinned it (see PlaceValue). */
  place?: PlaceValue
  createdAt: number
}

export type TimePrecision = 'minute' | 'hour' | 'day' | 'month' | 'year'

/** A point or span in time together with its uncertainty and how it was worked out. */
export interface TimeValue {
  start: number
  end?: number
  precision: TimePrecision
  approximate: boolean
  earliest?: number
  latest?: number
  resolvedFrom?: { text: string; reference?: number; rule: string }
  /**
   * The IANA zone whose calendar `start`/`end` follow (a day is local midnight to local
   * midnight there): the source's zone when the value was resolved. Absent means UTC.
   */
  zone?: string
}

/** A dated happening: who did what to whom, when, where, on whose evidence. */
export interface EventRecord {
  id: string
  caseId: string
  title: string
  type: string
  initiators: string[]
  targets: string[]
  /** Where it happened: location entity ids, in the analyst's order. */
  locationIds?: string[]
  /**
   * The one place of records written before events took several; read it only through
   * `eventPlaceIds` (domain/event-places.ts). New records never have it.
   */
  locationId?: string
  when?: TimeValue
  /** Annotation ids. */
  evidence: string[]
  /**
   * What each cited passage does as evidence of this event, where the analyst chose it:
   * supports or contradicts (domain/stance.ts; absent: the passage's own, else supports).
   * Contradicting passages are listed apart and never counted as corroboration.
   */
  stances?: Record<string, EvidenceStance>
  confidence?: Credibility
  notes?: string
  createdAt: number
  updatedAt: number
}

/** An actor–actor tie that is not tied to a single event. */
export interface RelationRecord {
  id: string
  caseId: string
  from: string
  to: string
  type: string
  directed: boolean
  evidence: string[]
  /** What each cited passage does as evidence of this relation (as on `EventRecord`). */
  stances?: Record<string, EvidenceStance>
  when?: TimeValue
  createdAt: number
}

export type Likelihood =
  | 'almost no chance'
  | 'very unlikely'
  | 'unlikely'
  | 'roughly even chance'
  | 'likely'
  | 'very likely'
  | 'almost certain'

export interface Judgement {
  id: string
  text: string
  likelihood: Likelihood
  confidence: 'low' | 'moderate' | 'high'
  eventIds: string[]
  /**
   * The saved version of the case's matrix of competing hypotheses the judgement rests on
   * (`AchMatrix.versions`): its id, and when it was saved, so the citation can say which
   * version it meant even after the version is no longer kept.
   */
  achVersion?: { id: string; at: number }
}

/** A composed briefing. */
export interface BriefingRecord {
  id: string
  caseId: string
  title: string
  handling: string
  author?: string
  date?: number
  bluf: string
  judgements: Judgement[]
  sections: { id: string; heading: string; body: string }[]
  eventIds: string[]
  createdAt: number
  updatedAt: number
}

/** The tables of a case, by name. */
export type TableName =
  | 'cases'
  | 'sources'
  | 'documents'
  /** Document texts: logged only when a text is replaced (db/reanchor.ts), so undo restores it. */
  | 'texts'
  | 'annotations'
  | 'entities'
  | 'events'
  | 'relations'
  | 'briefings'

/** One append-only entry of the change log (undo and audit). */
export interface ChangeRecord {
  id?: number
  caseId: string
  at: number
  /** What the user did, in words ("Import 3 documents"). */
  action: string
  /** Entries written by one user action share a group id (undo works by group). */
  group?: string
  op: 'create' | 'update' | 'delete'
  table: TableName
  recordId: string
  before?: unknown
  after?: unknown
}
