#!/usr/bin/env node
/**
 * Sums Vitest JSON reports (the unit run's and the e2e run's, written when
 * `CASEFILE_REPORT_DIR` is set) into one line, `N passed, N failed`, printed last, after one
 * line per report. It is also the CI's check that the reports say what they should: it exits
 * non-zero when a report is missing or unreadable, when a run failed (a failed test, or a file
 * that failed outside any test, e.g. an import error or a failing `afterAll`, which then counts
 * as one failure), or when a run named with `--nonempty` ran no test at all.
 *
 * Usage: `node scripts/ci-summary.mjs [--nonempty LABEL]... LABEL=REPORT.json...`
 */
import { readFileSync, realpathSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * @typedef {{ status?: string, message?: string, name?: string,
 *   assertionResults?: { status?: string }[] }} FileResult
 * @typedef {{ numPassedTests?: number, numFailedTests?: number, numPendingTests?: number,
 *   numTodoTests?: number, success?: boolean, testResults?: FileResult[] }} VitestReport
 * @typedef {{ label: string, path: string, passed: number, failed: number, skipped: number,
 *   problems: string[] }} RunSummary
 */

/**
 * Summarises one Vitest JSON report.
 *
 * @param {string} label e.g. `unit`
 * @param {string} path the report file
 * @param {boolean} nonempty whether running zero tests is a failure
 * @returns {RunSummary}
 */
export function summariseReport(label, path, nonempty) {
  /** @type {RunSummary} */
  const run = { label, path, passed: 0, failed: 0, skipped: 0, problems: [] }
  /** @type {VitestReport} */
  let report
  try {
    report = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    const missing = /** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT'
    run.problems.push(
      missing ? 'report missing (the run did not happen?)' : `unreadable report: ${error}`,
    )
    return run
  }
  run.passed = report.numPassedTests ?? 0
  run.failed = report.numFailedTests ?? 0
  run.skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)

  for (const file of report.testResults ?? []) {
    const testFailed = (file.assertionResults ?? []).some((test) => test.status === 'failed')
    if (file.status === 'failed' && !testFailed) {
      run.failed += 1
      const reason = (file.message ?? '').split('\n')[0] || 'failed outside any test'
      run.problems.push(`${relative(process.cwd(), file.name ?? '?')}: ${reason}`)
    }
  }
  if (report.success === false && run.failed === 0) {
    run.failed += 1
    run.problems.push('vitest reported failure (an unhandled error?)')
  }
  if (nonempty && run.passed + run.failed === 0) run.problems.push('ran no tests')
  return run
}

/**
 * Parses the arguments, prints the summary and returns the exit code.
 *
 * @param {string[]} argv arguments after the script name
 * @returns {number} 0 when every report is present, passed and (where required) non-empty
 */
export function main(argv) {
  const nonempty = new Set()
  /** @type {[string, string][]} */
  const reports = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--nonempty') nonempty.add(argv[++i])
    else if (/^[^=]+=.+/.test(arg)) {
      const at = arg.indexOf('=')
      reports.push([arg.slice(0, at), arg.slice(at + 1)])
    } else {
      console.error(`ci-summary: unknown argument ${JSON.stringify(arg)}`)
      console.error('usage: node scripts/ci-summary.mjs [--nonempty LABEL]... LABEL=REPORT.json...')
      return 2
    }
  }
  for (const label of nonempty) {
    if (!reports.some(([name]) => name === label)) {
      console.error(`ci-summary: --nonempty ${label} names no report`)
      return 2
    }
  }

  const runs = reports.map(([label, path]) => summariseReport(label, path, nonempty.has(label)))
  for (const run of runs) {
    const skipped = run.skipped > 0 ? `, ${run.skipped} skipped` : ''
    console.log(`${run.label}: ${run.passed} passed, ${run.failed} failed${skipped} (${run.path})`)
    for (const problem of run.problems) console.log(`${run.label}: ${problem}`)
  }
  const passed = runs.reduce((sum, run) => sum + run.passed, 0)
  const failed = runs.reduce((sum, run) => sum + run.failed, 0)
  console.log(`${passed} passed, ${failed} failed`)
  return failed > 0 || runs.some((run) => run.problems.length > 0) ? 1 : 0
}

/** True when this file is the script Node was started with (not an import). */
function invokedDirectly() {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (invokedDirectly()) process.exitCode = main(process.argv.slice(2))
