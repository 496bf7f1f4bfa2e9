/**
 * The import report's table: one row per file, in the order chosen, with its result and what
 * to know about it. A large import (more than `REPORT_PAGE` files: a year of a conflict's
 * reporting is 100,000) would freeze the window drawing a row each, so the table then starts
 * with only the files that need a look — failed, duplicate, or imported with a warning — and
 * shows `REPORT_PAGE` rows at a time ("Show N more"); a checkbox lists every file instead.
 */
import { useId, useState } from 'react'
import type { FileReport, ImportReport } from '../../import/import-batch'
import { plural } from '../../ui/plural'

/** Rows drawn at a time, and the size from which the table opens on the problems only. */
export const REPORT_PAGE = 500

const ERROR_TITLES: Record<string, string> = {
  TOO_LARGE: 'Too large',
  EMPTY: 'Empty file',
  UNSUPPORTED_TYPE: 'Not a supported document',
  INVALID_ENCODING: 'Unreadable text',
  PARSE_FAILED: 'Could not read',
  ENCRYPTED: 'Password-protected',
  NO_TEXT: 'No text',
  READ_FAILED: 'Could not open',
  TOO_COMPLEX: 'Too complex',
  DISK_FULL: 'Disk full',
  STORE_FAILED: 'Not saved',
  CANCELLED: 'Cancelled',
  OCR_TIMEOUT: 'OCR timed out',
  OCR_FAILED: 'OCR failed',
}

/** Whether a file's line asks for the analyst's attention. */
export function needsALook(f: FileReport): boolean {
  return f.status !== 'imported' || f.warnings.length > 0
}

/** "3 imported, 1 duplicate skipped, 2 failed, 4 cancelled." */
export function summariseReport(report: ImportReport): string {
  const cancelled = report.files.filter((f) => f.error?.code === 'CANCELLED').length
  const parts = [
    `${report.imported} imported`,
    `${plural(report.duplicates, 'duplicate')} skipped`,
    `${report.failed - cancelled} failed`,
  ]
  if (cancelled) parts.push(`${cancelled} cancelled`)
  return `${parts.join(', ')}.`
}

/** See the module comment. */
export function ImportReportTable({ report }: { report: ImportReport }) {
  const large = report.files.length > REPORT_PAGE
  const [problemsOnly, setProblemsOnly] = useState(large)
  const [limit, setLimit] = useState(REPORT_PAGE)
  const checkboxId = useId()
  const problems = large ? report.files.filter(needsALook).length : 0
  const rows = problemsOnly ? report.files.filter(needsALook) : report.files
  const shown = rows.slice(0, limit)
  const rest = rows.length - shown.length
  return (
    <>
      {large && (
        <p className="report-filter">
          <input
            id={checkboxId}
            type="checkbox"
            checked={problemsOnly}
            onChange={(e) => {
              setProblemsOnly(e.target.checked)
              setLimit(REPORT_PAGE)
            }}
            data-testid="report-problems-only"
          />{' '}
          <label htmlFor={checkboxId}>
            Only the files that need a look ({problems.toLocaleString('en')} of{' '}
            {report.files.length.toLocaleString('en')})
          </label>
        </p>
      )}
      {rows.length === 0 ? (
        <p className="empty" data-testid="report-none">
          Every file was imported without a warning.
        </p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th>File</th>
              <th>Result</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((f, i) => (
              <tr key={i} className={`report-${f.status}`} data-testid="report-row">
                <td>{f.fileName}</td>
                <td data-testid="report-status">
                  {f.status === 'imported'
                    ? 'Imported'
                    : f.status === 'duplicate'
                      ? 'Duplicate'
                      : (ERROR_TITLES[f.error?.code ?? ''] ?? 'Failed')}
                </td>
                <td>
                  {f.status === 'imported' && (
                    <>
                      “{f.title}”
                      {f.warnings.map((w) => (
                        <div key={w} className="warning">
                          ⚠ {w}
                        </div>
                      ))}
                    </>
                  )}
                  {f.status === 'duplicate' && (
                    <>Same text as “{f.duplicateOf?.title}”, not stored again.</>
                  )}
                  {f.status === 'failed' && (
                    <>
                      <code>{f.error?.code}</code> {f.error?.message}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rest > 0 && (
        <button
          type="button"
          className="link"
          onClick={() => setLimit((n) => n + REPORT_PAGE)}
          data-testid="report-more"
        >
          Show {Math.min(rest, REPORT_PAGE).toLocaleString('en')} more ({rest.toLocaleString('en')}{' '}
          not shown)
        </button>
      )}
    </>
  )
}
