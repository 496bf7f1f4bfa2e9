/**
 * What a case remembers of the team server: where the last pull from each TAXII collection
 * ended (`CaseRecord.teamServerPulls`), written as one undoable action so that undoing it
 * (after undoing the pull's import) makes the next pull bring the same objects again. Nothing
 * here holds a credential: the team server's address and user are app settings
 * (`TEAM_SERVER_SETTING`), its password or token lives with the platform (the OS key store on
 * the desktop, the page's memory in a browser), never in IndexedDB.
 */
import { caseSchema } from '../domain/record-schemas'
import type { CaseRecord, TeamServerPull } from '../domain/types'
import { StoreError } from './errors'
import { recordAction } from './history'
import type { CasefileDB } from './schema'

/** The settings key of the team server's address, API root, collection and user. */
export const TEAM_SERVER_SETTING = 'teamServer'

/** The `added_after` for the next pull from `collectionUrl` into the case, if any. */
export function lastPull(
  record: CaseRecord | undefined,
  collectionUrl: string,
): string | undefined {
  return record?.teamServerPulls?.find((p) => p.collectionUrl === collectionUrl)?.addedLast
}

/** Remembers where a pull from `collectionUrl` ended (one undoable action). */
export async function recordTeamServerPull(
  db: CasefileDB,
  caseId: string,
  pull: { collectionUrl: string; addedLast: string; title: string },
): Promise<void> {
  await recordAction(
    db,
    caseId,
    `Remember where the pull from “${pull.title}” ended`,
    ['cases'],
    async (record) => {
      const before = await db.cases.get(caseId)
      if (!before) throw new StoreError('NOT_FOUND', 'That case no longer exists.')
      const entry: TeamServerPull = {
        collectionUrl: pull.collectionUrl,
        addedLast: pull.addedLast,
        at: Date.now(),
      }
      const others = (before.teamServerPulls ?? []).filter(
        (p) => p.collectionUrl !== pull.collectionUrl,
      )
      const after: CaseRecord = { ...before, teamServerPulls: [...others, entry].slice(-100) }
      // Checked like a restore checks it, so a stored case always restores.
      const checked = caseSchema.safeParse(after)
      if (!checked.success) {
        throw new StoreError('INVALID', 'That collection address cannot be remembered.')
      }
      await db.cases.put(after)
      record({ op: 'update', table: 'cases', recordId: caseId, before, after })
    },
  )
}
