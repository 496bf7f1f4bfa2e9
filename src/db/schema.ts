/**
 * The Dexie database: one per installation, every record carrying `caseId`. This module
 * owns the table typings and applies the migrations in order; nothing outside `src/db/`
 * touches IndexedDB.
 */
import Dexie, { type EntityTable, type Table } from 'dexie'
import type {
  AnnotationRecord,
  BriefingRecord,
  CaseRecord,
  ChangeRecord,
  DocumentMeta,
  EntityRecord,
  EventRecord,
  RelationRecord,
  SourceRecord,
} from '../domain/types'
import type { ViewStateRecord } from '../domain/record-schemas'
import { installChangeFeed } from './change-feed'
import { v1 } from './migrations/v1'
import { v2 } from './migrations/v2'
import { v3 } from './migrations/v3'
import { v4 } from './migrations/v4'
import { v5 } from './migrations/v5'
import { v6 } from './migrations/v6'
import { installGraphTies, type GraphTiesRow } from './graph-ties'
import { installMapPoints, type MapPointsTableRow } from './map-points'

/** The text of one document, stored apart from its metadata. */
export interface TextRow {
  id: string
  caseId: string
  text: string
}

/** A persisted search index of one case (see `src/search/`). */
export interface SearchIndexRow {
  caseId: string
  /** Format version of the serialised index; a mismatch means rebuild. */
  format: number
  /** Ids of the documents the index holds, to detect drift from the documents table. */
  docIds: string[]
  /**
   * Serialised index parts, by key: JSON strings, and the postings as bytes. Saved, the
   * postings' blocks (`blk.N`) go to `searchSlices`, not here.
   */
  parts: Record<string, string | Uint8Array>
  updatedAt: number
  /** Tells this save's blocks in `searchSlices` from another's. */
  stamp?: string
}

/** One block of a saved search index's postings (see `SearchIndexRow`). */
export interface SearchSliceRow {
  caseId: string
  /** The block's number (part `blk.<n>` of the index). */
  n: number
  /** The `stamp` of the index row saved with it. */
  stamp: string
  data: Uint8Array
}

/** A small key/value setting (layout, last open case, …). */
export interface SettingRow {
  key: string
  value: unknown
}

export const DB_NAME = 'casefile'

export class CasefileDB extends Dexie {
  cases!: EntityTable<CaseRecord, 'id'>
  sources!: EntityTable<SourceRecord, 'id'>
  documents!: EntityTable<DocumentMeta, 'id'>
  texts!: EntityTable<TextRow, 'id'>
  annotations!: EntityTable<AnnotationRecord, 'id'>
  entities!: EntityTable<EntityRecord, 'id'>
  events!: EntityTable<EventRecord, 'id'>
  relations!: EntityTable<RelationRecord, 'id'>
  briefings!: EntityTable<BriefingRecord, 'id'>
  changes!: Table<ChangeRecord, number>
  searchIndexes!: EntityTable<SearchIndexRow, 'caseId'>
  searchSlices!: Table<SearchSliceRow, [string, number]>
  settings!: EntityTable<SettingRow, 'key'>
  viewState!: Table<ViewStateRecord, [string, string]>
  graphTies!: Table<GraphTiesRow, [string, number]>
  mapPoints!: Table<MapPointsTableRow, [string, number]>

  constructor(name = DB_NAME) {
    super(name)
    v1(this)
    v2(this)
    v3(this)
    v4(this)
    v5(this)
    v6(this)
    // Before the first open: derived data (the search index, …) follows committed writes.
    installChangeFeed(this)
    // The graph's copy of the events is written with them (graph-ties.ts).
    installGraphTies(this)
    // And the map's (map-points.ts).
    installMapPoints(this)
  }
}

/** Tables whose records belong to a case (everything but `cases` itself and settings). */
export const CASE_TABLES = [
  'sources',
  'documents',
  'texts',
  'annotations',
  'entities',
  'events',
  'relations',
  'briefings',
  'changes',
  'searchIndexes',
  'viewState',
  'searchSlices',
  'graphTies',
  'mapPoints',
] as const
