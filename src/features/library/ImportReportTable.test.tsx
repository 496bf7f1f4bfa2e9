// @vitest-environment jsdom
import { act } from 'react'
import { describe, expect, it } from 'vitest'
import type { FileReport, ImportReport } from '../../import/import-batch'
import { mountEachTest } from '../../test/react-root'
import { ImportReportTable, REPORT_PAGE, summariseReport } from './ImportReportTable'

const mount = mountEachTest()

function reportOf(files: FileReport[]): ImportReport {
  const count = (s: FileReport['status']) => files.filter((f) => f.status === s).length
  return {
    files,
    imported: count('imported'),
    duplicates: count('duplicate'),
    failed: count('failed'),
    stored: [],
  }
}

const imported = (i: number): FileReport => ({
  fileName: `report-${i}.txt`,
  status: 'imported',
  title: `Report ${i}`,
  warnings: [],
})

const rows = () => [...mount.container.querySelectorAll('[data-testid="report-row"]')]
const names = () => rows().map((r) => r.querySelector('td')!.textContent)

describe('the import report table', () => {
  it('lists every file of a small import in the order chosen', () => {
    const files = [
      imported(0),
      {
        fileName: 'bad.pdf',
        status: 'failed',
        error: { code: 'ENCRYPTED', message: 'Locked' },
        warnings: [],
      },
      imported(2),
    ] satisfies FileReport[]
    act(() => mount.root.render(<ImportReportTable report={reportOf(files)} />))
    expect(names()).toEqual(['report-0.txt', 'bad.pdf', 'report-2.txt'])
    expect(rows()[1]!.textContent).toContain('Password-protected')
    expect(mount.container.querySelector('[data-testid="report-problems-only"]')).toBeNull()
    expect(summariseReport(reportOf(files))).toBe('2 imported, 0 duplicates skipped, 1 failed.')
  })

  it('opens a large import on the files that need a look, and pages through the rest', () => {
    const files: FileReport[] = Array.from({ length: 2 * REPORT_PAGE + 100 }, (_, i) => imported(i))
    files[7] = { ...files[7]!, warnings: ['Mixed scripts'] }
    files[900] = {
      fileName: 'copy.txt',
      status: 'duplicate',
      duplicateOf: { id: 'd1', title: 'Report 1' },
      warnings: [],
    }
    act(() => mount.root.render(<ImportReportTable report={reportOf(files)} />))
    // A row per file would be 1,100 rows: only the two that need a look are drawn.
    expect(names()).toEqual(['report-7.txt', 'copy.txt'])
    const only = mount.container.querySelector<HTMLInputElement>(
      '[data-testid="report-problems-only"]',
    )!
    expect(only.checked).toBe(true)
    expect(only.labels![0]!.textContent).toBe('Only the files that need a look (2 of 1,100)')
    // Every file, a page at a time.
    act(() => only.click())
    expect(rows()).toHaveLength(REPORT_PAGE)
    const more = () =>
      mount.container.querySelector<HTMLButtonElement>('[data-testid="report-more"]')
    expect(more()!.textContent).toBe('Show 500 more (600 not shown)')
    act(() => more()!.click())
    expect(rows()).toHaveLength(2 * REPORT_PAGE)
    expect(more()!.textContent).toBe('Show 100 more (100 not shown)')
    act(() => more()!.click())
    expect(rows()).toHaveLength(files.length)
    expect(names().at(-1)).toBe(`report-${files.length - 1}.txt`)
    expect(more()).toBeNull()
  })

  it('says so when a large import needs no look at all', () => {
    const files = Array.from({ length: REPORT_PAGE + 1 }, (_, i) => imported(i))
    act(() => mount.root.render(<ImportReportTable report={reportOf(files)} />))
    expect(rows()).toHaveLength(0)
    expect(mount.container.querySelector('[data-testid="report-none"]')!.textContent).toBe(
      'Every file was imported without a warning.',
    )
  })
})
