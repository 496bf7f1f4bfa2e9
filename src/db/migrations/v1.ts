/**
 * Schema version 1: every table of DESIGN.md's data model. Document text lives in its own
 * table (`texts`) so that listing a case's documents never loads megabytes of text.
 * Versions are append-only: a later schema adds a file `vN.ts`, never edits this one.
 */
import type Dexie from 'dexie'

export const V1_STORES = {
  cases: 'id, updatedAt',
  sources: 'id, caseId, [caseId+name]',
  documents: 'id, caseId, [caseId+textHash], sourceId, importedAt',
  texts: 'id, caseId',
  annotations: 'id, caseId, docId, entityId, eventId',
  entities: 'id, caseId, [caseId+name]',
  events: 'id, caseId',
  relations: 'id, caseId, from, to',
  briefings: 'id, caseId',
  changes: '++id, caseId, at',
  searchIndexes: 'caseId',
  settings: 'key',
} as const

/** Declares version 1 on `db`. */
export function v1(db: Dexie): void {
  db.version(1).stores(V1_STORES)
}
