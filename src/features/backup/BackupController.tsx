/**
 * Case backup and restore: exports the open case to one file and restores a backup file
 * as a new case. A backup is untrusted input: it is validated completely before anything
 * is written, and a failed restore stores nothing.
 */
import { useAppState } from '../../app/app-state'
import { useCommand } from '../../app/commands'
import { errorMessage } from '../../app/errors'
import { getDb } from '../../db/db'
import { getCase } from '../../db/cases'
import { getPlatform } from '../../platform'

export function BackupController() {
  const { caseId, openCase, notify } = useAppState()

  useCommand('case:export', () => {
    if (!caseId) {
      notify('Open a case to back it up.', 'error')
      return
    }
    void (async () => {
      try {
        const { exportCase, suggestedBackupName } = await import('../../db/backup')
        const db = getDb()
        const record = await getCase(db, caseId)
        if (!record) throw new Error('That case no longer exists.')
        const data = await exportCase(db, caseId)
        const saved = await getPlatform().saveFile({
          title: 'Export case backup',
          suggestedName: suggestedBackupName(record),
          mime: 'application/json',
          data,
        })
        if (saved) notify(`Backup of “${record.title}” saved.`, 'success')
      } catch (e) {
        notify(`The backup failed: ${errorMessage(e)}`, 'error')
      }
    })()
  })

  useCommand('case:import', () => {
    void (async () => {
      try {
        const [file] = await getPlatform().openFiles({
          title: 'Restore case backup',
          extensions: ['json'],
          multiple: false,
        })
        if (!file) return
        const { parseBackup, importBackup } = await import('../../db/backup')
        if (file.tooLarge) throw new Error('That file is too large to be a Casefile backup.')
        const parsed = parseBackup(new Uint8Array(await file.read()))
        if (!parsed.ok) {
          notify(`“${file.name}” was not restored: ${parsed.error.message}`, 'error')
          return
        }
        const { caseId: restored } = await importBackup(getDb(), parsed.value)
        openCase(restored)
        notify(`Restored “${parsed.value.case.title}” from the backup as a new case.`, 'success')
      } catch (e) {
        notify(`The restore failed: ${errorMessage(e)}`, 'error')
      }
    })()
  })
  return null
}
