/**
 * Case backup and restore: exports the open case to one file and restores a backup file
 * as a new case. Both stream: the backup is written record by record into chunks (texts read a
 * page at a time, each chunk handed to a Blob as it is made), showing how far it has got, and a
 * restore reads the file in chunks, whatever its size, showing how far it has got. A backup
 * is untrusted input: every record is checked before the restored case appears, and a failed
 * restore stores nothing.
 */
import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { useCommand } from '../../ui/commands'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { getCase } from '../../db/cases'
import { getPlatform, type SourceFile } from '../../platform'

/** The file in chunks: the browser streams it; a file read whole is handed over as one. */
function chunksOf(file: SourceFile): ReadableStream<Uint8Array> {
  if (file.stream) return file.stream()
  return new ReadableStream({
    async start(controller) {
      controller.enqueue(new Uint8Array(await file.read()))
      controller.close()
    },
  })
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

export function BackupController() {
  const { caseId, openCase } = useSelection(
    useShallow((s) => ({ caseId: s.caseId, openCase: s.openCase })),
  )
  const notify = useNotices((s) => s.notify)
  const [restoring, setRestoring] = useState<{ name: string; read: number; total: number }>()
  const [backingUp, setBackingUp] = useState<{ name: string; done: number; total: number }>()

  useCommand('case:export', () => {
    if (!caseId) {
      notify('Open a case to back it up.', 'error')
      return
    }
    void (async () => {
      try {
        const { writeCaseBackup, suggestedBackupName } = await import('../../db/backup')
        const db = getDb()
        const record = await getCase(db, caseId)
        if (!record) throw new Error('That case no longer exists.')
        // Each chunk becomes a Blob as it is made: the file is assembled in the browser's blob
        // store, not in the JS heap.
        const parts: Blob[] = []
        const name = record.title
        setBackingUp({ name, done: 0, total: 1 })
        let shown = 0
        await writeCaseBackup(db, caseId, (chunk) => void parts.push(new Blob([chunk])), {
          onProgress: ({ documents, totalDocuments }) => {
            if (documents - shown >= totalDocuments / 100 || documents === totalDocuments) {
              shown = documents
              setBackingUp({ name, done: documents, total: totalDocuments })
            }
          },
        })
        const platform = getPlatform()
        const fileName = suggestedBackupName(record)
        const saved = await platform.saveFile({
          title: 'Export case backup',
          suggestedName: fileName,
          mime: 'application/json',
          data: new Blob(parts, { type: 'application/json' }),
        })
        if (saved) notify(backupSavedText(record.title, fileName, platform.shell), 'success')
      } catch (e) {
        notify(`The backup failed: ${errorMessage(e)}`, 'error')
      } finally {
        setBackingUp(undefined)
      }
    })()
  })

  useCommand('case:import', () => {
    void (async () => {
      let file: SourceFile | undefined
      try {
        ;[file] = await getPlatform().openFiles({
          title: 'Restore case backup',
          extensions: ['json'],
          multiple: false,
          purpose: 'backup',
        })
        if (!file) return
        // A platform that reads only whole files cannot read one over its cap (the desktop and
        // the browser both stream a backup: the desktop refuses one over 500 MB as it streams).
        if (file.tooLarge && !file.stream)
          throw new Error('That file is too large for this version of the desktop app to read.')
        const { restoreBackup } = await import('../../db/backup')
        const name = file.name
        const total = file.size
        setRestoring({ name, read: 0, total })
        let shown = 0
        const result = await restoreBackup(getDb(), chunksOf(file), {
          totalBytes: total,
          onProgress: ({ bytesRead }) => {
            // A re-render per percent is plenty.
            if (bytesRead - shown >= total / 100 || bytesRead === total) {
              shown = bytesRead
              setRestoring({ name, read: bytesRead, total })
            }
          },
        })
        if (!result.ok) {
          notify(`“${name}” was not restored: ${result.error.message}`, 'error')
          return
        }
        openCase(result.value.caseId)
        const docs = result.value.counts.documents
        notify(
          `Restored “${result.value.title}” from the backup as a new case (${docs} document${docs === 1 ? '' : 's'}).`,
          'success',
        )
      } catch (e) {
        notify(`The restore failed: ${errorMessage(e)}`, 'error')
      } finally {
        setRestoring(undefined)
      }
    })()
  })

  if (backingUp)
    return (
      <div className="import-progress" role="status" data-testid="backup-progress">
        <span>
          Backing up “{backingUp.name}”: {backingUp.done} of {backingUp.total} document
          {backingUp.total === 1 ? '' : 's'} written
        </span>
        <progress max={backingUp.total || 1} value={backingUp.done} />
      </div>
    )
  if (!restoring) return null
  return (
    <div className="import-progress" role="status" data-testid="restore-progress">
      <span>
        Restoring “{restoring.name}”: {megabytes(restoring.read)} of {megabytes(restoring.total)}{' '}
        read
      </span>
      <progress max={restoring.total || 1} value={restoring.read} />
    </div>
  )
}

/**
 * The notice of a backup written: the file it went to. A browser saves the download under the
 * suggested name (its downloads folder); the desktop app's save dialog let the analyst choose
 * the folder and may have renamed it, which the renderer is not told.
 */
export function backupSavedText(title: string, fileName: string, shell: 'desktop' | 'web'): string {
  return shell === 'web'
    ? `Backup of “${title}” saved as ${fileName} in the browser’s downloads. Restore reads it back as a new case.`
    : `Backup of “${title}” saved where you chose in the save dialog (suggested name ${fileName}). Restore reads it back as a new case.`
}
