/**
 * Runs imports from every entry point — the Import button, Ctrl+O, the desktop menu and
 * files dropped anywhere on the window — and shows their progress bar and final report.
 * The import modules are loaded on first use, keeping pdf.js and mammoth out of start-up.
 * When a file is a scan, the analyst is asked which language(s) to read it in (the guess
 * from its name ticked; the choice may stand for the rest of the import), and the progress
 * bar shows the OCR page by page. The report opens on its Done button; once it is closed the
 * focus goes back where it was, or, when that is gone (the empty library's own Import button),
 * to the reader, so the keyboard is not left on the bare page.
 */
import { useEffect, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { useCommand } from '../../ui/commands'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { getPlatform } from '../../platform'
import type { SourceFile } from '../../platform/platform'
import type { ImportProgress, ImportReport } from '../../import/import-batch'
import { SUPPORTED_EXTENSIONS } from '../../import/extract'
import { guessOcrLanguages } from '../../import/ocr/languages'
import { ImportReportTable, summariseReport } from './ImportReportTable'
import { OcrLanguageDialog, type OcrLanguageRequest } from './OcrLanguageDialog'

function fromDomFile(f: File): SourceFile {
  // The File itself too: small dropped files are read many at a time (import/group-read.ts).
  return { name: f.name, size: f.size, type: f.type, read: () => f.arrayBuffer(), blob: f }
}

export function ImportController() {
  const { caseId, openDocument } = useSelection(
    useShallow((s) => ({ caseId: s.caseId, openDocument: s.openDocument })),
  )
  const notify = useNotices((s) => s.notify)
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const [report, setReport] = useState<ImportReport | null>(null)
  const [dragging, setDragging] = useState(false)
  const [cancelling, setCancelling] = useState(false)
  const abort = useRef<AbortController | null>(null)
  const [asking, setAsking] = useState<OcrLanguageRequest | null>(null)
  const answer = useRef<((languages: string[] | null, forRest: boolean) => void) | null>(null)

  /** Asks for a scan's languages; null when the analyst cancels. */
  const askLanguages = (
    fileName: string,
  ): Promise<{ languages: string[] | null; forRest: boolean }> =>
    new Promise((resolve) => {
      answer.current = (languages, forRest) => {
        answer.current = null
        setAsking(null)
        resolve({ languages, forRest })
      }
      setAsking({ fileName, guess: guessOcrLanguages(fileName), batch: true })
    })

  async function run(files: SourceFile[]) {
    if (files.length === 0) return
    if (!caseId) {
      notify('Create or open a case first, then import documents into it.', 'error')
      return
    }
    if (progress) {
      notify('An import is already running; wait for it to finish.', 'error')
      return
    }
    setProgress({ done: 0, total: files.length })
    const controller = new AbortController()
    abort.current = controller
    let batchLanguages: string[] | undefined
    try {
      const { importBatch } = await import('../../import/import-batch')
      const result = await importBatch(getDb(), caseId, files, {
        onProgress: setProgress,
        ocr: {
          languages: async (fileName) => {
            if (batchLanguages) return batchLanguages
            const { languages, forRest } = await askLanguages(fileName)
            if (!languages) {
              controller.abort()
              return []
            }
            if (forRest) batchLanguages = languages
            return languages
          },
        },
        // The search index follows the store's change feed as each group of files commits.
        signal: abort.current.signal,
      })
      const cancelled = result.files.filter((f) => f.error?.code === 'CANCELLED').length
      if (cancelled)
        notify(
          `Import cancelled: ${cancelled} of ${files.length} files were not imported; ${result.imported} were.`,
          'info',
        )
      setReport(result)
      const first = result.files.find((f) => f.docId)
      if (first?.docId) openDocument(first.docId)
    } catch (e) {
      notify(`The import stopped: ${errorMessage(e)}`, 'error')
    } finally {
      abort.current = null
      setCancelling(false)
      setProgress(null)
    }
  }

  useCommand('documents:import', () => {
    if (!caseId) {
      notify('Create or open a case first, then import documents into it.', 'error')
      return
    }
    void getPlatform()
      .openFiles({ title: 'Import documents', extensions: SUPPORTED_EXTENSIONS, multiple: true })
      .then(run, (e) => notify(`Could not open the files: ${errorMessage(e)}`, 'error'))
  })

  useEffect(() => {
    let depth = 0
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      depth++
      setDragging(true)
    }
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault()
    }
    const leave = () => {
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      depth = 0
      setDragging(false)
      void run([...(e.dataTransfer?.files ?? [])].map(fromDomFile))
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
    }
  })

  const closeReport = () => {
    setReport(null)
    // The dialog closes (and the browser gives the focus back) in the commit; look after it.
    requestAnimationFrame(() => {
      const at = document.activeElement
      if (at && at !== document.body) return
      document.querySelector<HTMLElement>('[data-testid="reader-text"]')?.focus()
    })
  }

  return (
    <>
      {dragging && (
        <div className="drop-overlay" aria-hidden>
          <p>{caseId ? 'Drop to import into this case' : 'Create a case first'}</p>
        </div>
      )}
      {progress && (
        <div className="import-progress" role="status" data-testid="import-progress">
          <span>
            Importing {Math.min(progress.done + 1, progress.total)} of {progress.total}
            {progress.current ? ` — ${progress.current}` : ''}
          </span>
          {progress.ocr && (
            <span data-testid="ocr-progress">
              OCR page {progress.ocr.page} of {progress.ocr.pages}
            </span>
          )}
          <progress
            max={progress.ocr ? progress.ocr.pages : progress.total}
            value={progress.ocr ? progress.ocr.page - 1 : progress.done}
          />
          <button
            type="button"
            disabled={cancelling}
            onClick={() => {
              setCancelling(true)
              abort.current?.abort()
              // A language question still open would hold the import: it is cancelled too.
              answer.current?.(null, false)
            }}
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      )}
      <OcrLanguageDialog
        request={asking}
        onChoose={(languages, forRest) => answer.current?.(languages, forRest)}
        onCancel={() => answer.current?.(null, false)}
      />
      <Dialog
        title="Import report"
        open={report !== null}
        onClose={closeReport}
        wide
        testId="import-report"
        actions={
          <button type="button" className="primary" data-autofocus onClick={closeReport}>
            Done
          </button>
        }
      >
        {report && (
          <>
            <p className="report-summary">{summariseReport(report)}</p>
            <ImportReportTable report={report} />
          </>
        )}
      </Dialog>
    </>
  )
}
