/**
 * One case as plain records, the input of every exporter (STIX, W3C annotations, CSV, GEXF,
 * GraphML) and the output of every importer before it is written. It is read either from the
 * store (`loadCaseSnapshot`, one read transaction) or from a backup file already parsed and
 * checked (`snapshotFromBackup`), so the app and the command line export the same way.
 * Document texts are inside their documents. The change log is not part of it: no open format
 * carries undo history.
 */
import type { ViewStateRecord } from '../domain/record-schemas'
import type {
  AnnotationRecord,
  BriefingRecord,
  CaseRecord,
  DocumentRecord,
  EntityRecord,
  EventRecord,
  RelationRecord,
  SourceRecord,
} from '../domain/types'
import type { Backup } from '../db/backup'
import type { CasefileDB } from '../db/schema'
import { StoreError } from '../db/errors'

/** Everything a case holds that an open format can carry. */
export interface CaseSnapshot {
  case: CaseRecord
  sources: SourceRecord[]
  documents: DocumentRecord[]
  annotations: AnnotationRecord[]
  entities: EntityRecord[]
  events: EventRecord[]
  relations: RelationRecord[]
  briefings: BriefingRecord[]
  viewState: ViewStateRecord[]
}

/** The records of a parsed backup file (`parseBackup` or the streaming reader). */
export function snapshotFromBackup(backup: Backup): CaseSnapshot {
  return {
    case: backup.case as CaseRecord,
    sources: backup.sources as SourceRecord[],
    documents: backup.documents as DocumentRecord[],
    annotations: backup.annotations as AnnotationRecord[],
    entities: backup.entities as EntityRecord[],
    events: backup.events as EventRecord[],
    relations: backup.relations as RelationRecord[],
    briefings: backup.briefings as BriefingRecord[],
    viewState: (backup.viewState ?? []) as ViewStateRecord[],
  }
}

/**
 * Reads one case from the store in one read transaction, document texts joined to their
 * documents. Throws StoreError NOT_FOUND when the case does not exist.
 */
export async function loadCaseSnapshot(db: CasefileDB, caseId: string): Promise<CaseSnapshot> {
  const byCase = { caseId } as const
  const tables = [
    db.cases,
    db.sources,
    db.documents,
    db.texts,
    db.annotations,
    db.entities,
    db.events,
    db.relations,
    db.briefings,
    db.viewState,
  ]
  return db.transaction('r', tables, async () => {
    const record = await db.cases.get(caseId)
    if (!record) throw new StoreError('NOT_FOUND', `No case with id ${caseId}.`)
    const [sources, metas, texts, annotations, entities, events, relations, briefings, views] =
      await Promise.all([
        db.sources.where(byCase).toArray(),
        db.documents.where(byCase).toArray(),
        db.texts.where(byCase).toArray(),
        db.annotations.where(byCase).toArray(),
        db.entities.where(byCase).toArray(),
        db.events.where(byCase).toArray(),
        db.relations.where(byCase).toArray(),
        db.briefings.where(byCase).toArray(),
        db.viewState.where(byCase).toArray(),
      ])
    const textById = new Map(texts.map((t) => [t.id, t.text]))
    const documents = metas.map((m) => ({ ...m, text: textById.get(m.id) ?? '' }))
    return {
      case: record,
      sources,
      documents,
      annotations,
      entities,
      events,
      relations,
      briefings,
      viewState: views,
    }
  })
}
