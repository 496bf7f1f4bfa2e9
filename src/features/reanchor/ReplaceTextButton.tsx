/**
 * "Replace text…" in the reader's header: imports an edited version of a document's file
 * over it. The file goes through the ordinary extraction pipeline (whose format parsers load
 * on first use), the analyst confirms, the text is replaced and every tag re-anchored in one
 * undoable action, and a report lists each tag as Exact, Moved, Fuzzy (with its score) or
 * Orphan, with the words it had and the words it has now. A file whose text is identical
 * changes nothing.
 */
import { useState } from 'react'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { useAnnotations, useEntities } from '../../db/hooks'
import { replaceDocumentText, type ReanchorReport } from '../../db/reanchor'
import type { DocumentMeta, EntityRecord } from '../../domain/types'
// Imported statically: extract.ts is in the start-up chunk anyway (the import controller
// needs SUPPORTED_EXTENSIONS) and loads the heavy format parsers itself on first use, so a
// dynamic import here would move nothing out of start-up (the bundler warns it is ineffective).
import { extractDocument, SUPPORTED_EXTENSIONS, type ExtractedDocument } from '../../import/extract'
import { getPlatform } from '../../platform'
import { statusLabel } from './anchor-labels'

/** The document whose text may be replaced. */
export interface ReplaceTextButtonProps {
  doc: Pick<DocumentMeta, 'id' | 'caseId' | 'title' | 'textHash'>
}

/** The "Replace text…" button with its confirmation and its re-anchoring report. */
export function ReplaceTextButton({ doc }: ReplaceTextButtonProps) {
  const notify = useNotices((s) => s.notify)
  const tags = useAnnotations(doc.id)
  const [busy, setBusy] = useState(false)
  const [pending, setPending] = useState<ExtractedDocument | null>(null)
  const [report, setReport] = useState<ReanchorReport | null>(null)

  const choose = async () => {
    setBusy(true)
    try {
      // The chooser first: a browser opens it only in direct response to the click.
      const [file] = await getPlatform().openFiles({
        title: `Replace the text of “${doc.title}”`,
        extensions: SUPPORTED_EXTENSIONS,
        multiple: false,
      })
      if (!file) return
      const outcome = await extractDocument(file)
      if (!outcome.ok) {
        notify(`“${file.name}” could not be read: ${outcome.error.message}`, 'error')
        return
      }
      if (outcome.doc.textHash === doc.textHash) {
        notify(
          `“${file.name}” has exactly the text “${doc.title}” already has: nothing was ` +
            'replaced, and every tag stays where it is.',
          'info',
        )
        return
      }
      setPending(outcome.doc)
    } catch (e) {
      notify(`The text was not replaced: ${errorMessage(e)}`, 'error')
    } finally {
      setBusy(false)
    }
  }

  const replace = async (next: ExtractedDocument) => {
    setPending(null)
    setBusy(true)
    try {
      const result = await replaceDocumentText(getDb(), doc.id, next)
      if (!result.changed) {
        notify(result.message, 'info')
        return
      }
      setReport(result)
    } catch (e) {
      notify(`The text was not replaced: ${errorMessage(e)}`, 'error')
    } finally {
      setBusy(false)
    }
  }

  const count = tags?.length ?? 0
  return (
    <>
      <button
        type="button"
        disabled={busy}
        data-testid="replace-text"
        title="Import an edited version of this document’s file; its tags are re-anchored"
        onClick={() => void choose()}
      >
        Replace text…
      </button>
      <Dialog
        title="Replace text"
        open={pending !== null}
        onClose={() => setPending(null)}
        testId="replace-text-confirm"
        actions={
          <>
            <button type="button" onClick={() => setPending(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => pending && void replace(pending)}
            >
              Replace text
            </button>
          </>
        }
      >
        {pending && (
          <>
            <p>
              Replace the text of “{doc.title}” with the text of “{pending.fileName}”?{' '}
              {count === 0
                ? 'It has no tags to re-anchor.'
                : `${count} ${count === 1 ? 'tag' : 'tags'} will be re-anchored.`}
            </p>
            <p className="muted">
              Tags that cannot be found exactly are flagged and listed for you to check; none is
              moved silently. The document keeps its title and details. Undo restores the old text
              and every tag.
            </p>
          </>
        )}
      </Dialog>
      <ReanchorReportDialog report={report} onClose={() => setReport(null)} />
    </>
  )
}

/** The report of one text replacement (also Re-run OCR's): a summary and a row per tag. */
export function ReanchorReportDialog({
  report,
  onClose,
}: {
  report: ReanchorReport | null
  onClose(): void
}) {
  const caseId = useSelection((s) => s.caseId)
  const entityList = useEntities(caseId)
  const entities = new Map<string, EntityRecord>(entityList?.map((e) => [e.id, e]))
  return (
    <Dialog
      title="Tags re-anchored"
      open={report !== null}
      onClose={onClose}
      wide
      testId="reanchor-report"
      actions={
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      }
    >
      {report && (
        <>
          <p className="report-summary" data-testid="reanchor-summary">
            {report.message}
          </p>
          {report.items.length > 0 && (
            <table className="report-table">
              <thead>
                <tr>
                  <th>Tag</th>
                  <th>Anchor</th>
                  <th>Tagged words</th>
                  <th>Now</th>
                </tr>
              </thead>
              <tbody>
                {report.items.map((item) => (
                  <tr
                    key={item.annotationId}
                    data-testid="reanchor-row"
                    data-status={item.status}
                    className={`reanchor-${item.status}`}
                  >
                    <td>
                      <span className={`chip k-${item.kind}`}>{item.kind}</span>{' '}
                      {item.entityId ? entities.get(item.entityId)?.name : null}
                    </td>
                    <td data-testid="reanchor-status">{statusLabel(item.status, item.score)}</td>
                    <td data-testid="reanchor-old">{item.quote}</td>
                    <td data-testid="reanchor-new">
                      {item.status === 'orphan' ? (
                        <span className="muted">Not found. {item.reason}</span>
                      ) : (
                        item.newQuote
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.counts.fuzzy + report.counts.orphan > 0 && (
            <p className="muted">
              Fuzzy and orphaned tags stay flagged until you accept, re-attach or delete them.
              Orphans are not drawn in the text.
            </p>
          )}
        </>
      )}
    </Dialog>
  )
}
