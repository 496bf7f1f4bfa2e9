/**
 * The foundation, end to end through the real UI in Chromium: create a case, import one
 * file of each format with the file chooser, see them listed, read and search them, edit
 * metadata, find everything again after a reload, back the case up and restore it, and
 * feed the bad-input fixtures and see each typed error while nothing partial is stored.
 * The harness fails every test on a request that leaves 127.0.0.1 or on any page error.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { REPO_ROOT } from './env'
import { captureDownload, chooseFiles, launchApp, reloadApp, type App } from './harness'

const FIXTURES = join(REPO_ROOT, 'src/import/fixtures')
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<
  string,
  { ok?: boolean; title?: string; code?: string }
>
const GOOD = [
  'good/wire-report.txt',
  'good/field-notes.md',
  'good/crane-collapse.html',
  'good/crane-findings.pdf',
  'good/council-minutes.docx',
]
const BAD = [
  'bad/empty.txt',
  'bad/binary-junk.txt',
  'bad/image-named.pdf',
  'bad/encrypted.pdf',
  'bad/truncated.pdf',
  'bad/corrupt.docx',
  'bad/vessels.csv',
]

async function createCase(page: Page, title: string): Promise<void> {
  await page
    .getByRole('button', { name: /^(New case|Create a case)$/ })
    .first()
    .click()
  const dialog = page.getByTestId('case-dialog')
  await dialog.getByLabel('Title').fill(title)
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect.poll(() => page.getByTestId('case-select').inputValue()).not.toBe('')
}

async function importFiles(page: Page, files: string[]): Promise<void> {
  await chooseFiles(
    page,
    page.getByRole('button', { name: 'Import…' }).first(),
    files.map((f) => join(FIXTURES, f)),
  )
  await page.getByTestId('import-report').waitFor({ state: 'visible' })
}

async function closeReport(page: Page): Promise<void> {
  await page.getByTestId('import-report').getByRole('button', { name: 'Done' }).click()
  await page.getByTestId('import-report').waitFor({ state: 'hidden' })
}

function rowTitles(page: Page): Promise<string[]> {
  return page.getByTestId('doc-row').locator('.doc-title').allInnerTexts()
}

describe('library: import, read, search, reload, backup', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('shows the welcome screen on a fresh installation', async () => {
    await expect.poll(() => app.page.getByTestId('welcome').isVisible()).toBe(true)
  })

  it('creates a case and imports one file of each format', async () => {
    const { page } = app
    await createCase(page, 'Varnholm port')
    await expect.poll(() => page.getByTestId('empty-case').isVisible()).toBe(true)
    // The empty library names every kind of file the import takes, scans' images included.
    expect(await page.getByTestId('importable-kinds').innerText()).toContain(
      '.txt, .md, .html, .pdf and .docx files, and PNG, JPEG and WebP images (read by OCR)',
    )
    await page.screenshot({ path: '/tmp/library-empty.png' })
    await importFiles(page, GOOD)
    const report = page.getByTestId('import-report')
    await expect.poll(() => report.locator('.report-summary').innerText()).toContain('5 imported')
    const statuses = await report.getByTestId('report-status').allInnerTexts()
    expect(statuses).toEqual(GOOD.map(() => 'Imported'))
    await closeReport(page)
    const titles = await rowTitles(page)
    expect(titles.sort()).toEqual(GOOD.map((f) => expected[f]!.title!).sort())
  })

  it('opens a document in the reader with its metadata', async () => {
    const { page } = app
    await page
      .getByTestId('doc-row')
      .filter({ hasText: expected['good/crane-collapse.html']!.title! })
      .click()
    await expect
      .poll(() => page.getByTestId('reader-title').innerText())
      .toBe(expected['good/crane-collapse.html']!.title)
    await expect
      .poll(() => page.getByTestId('reader-date').innerText())
      .toBe('Tue 11 Mar 2025 08:30 UTC')
    const text = await page.getByTestId('reader-text').innerText()
    expect(text.length).toBeGreaterThan(200)
    expect(text).not.toMatch(/Subscribe|cookie/i)
  })

  it('searches the case with highlighted snippets and jumps to the match', async () => {
    const { page } = app
    await page.getByTestId('search-input').fill('crane')
    const hits = page.getByTestId('search-hit')
    await expect.poll(() => hits.count()).toBeGreaterThanOrEqual(3)
    const marks = await page.getByTestId('search-results').locator('mark').allInnerTexts()
    expect(marks.length).toBeGreaterThan(0)
    for (const m of marks) expect(m.toLowerCase()).toContain('crane')
    await hits.first().locator('.snippet').first().click()
    await expect.poll(() => page.getByTestId('reader-focus').innerText()).toMatch(/crane/i)
    await page.getByTestId('search-input').fill('nonexistentwordzzz')
    await expect
      .poll(() => page.getByTestId('search-results').innerText())
      .toContain('No documents match')
    await page.getByTestId('search-input').fill('')
  })

  it('edits metadata: publisher, its grade and a date that was unknown', async () => {
    const { page } = app
    await page
      .getByTestId('doc-row')
      .filter({ hasText: expected['good/wire-report.txt']!.title! })
      .click()
    await expect.poll(() => page.getByTestId('reader-date').innerText()).toBe('Date unknown')
    await page.getByRole('button', { name: 'Edit details', exact: true }).click()
    const editor = page.getByTestId('metadata-editor')
    await editor.getByLabel('Publisher / source').fill('Baltic Coast Wire')
    await editor.getByLabel('Source reliability (Admiralty)').selectOption('B')
    // A plain-text wire copy carries no date: the form starts at "Date unknown".
    await expect.poll(() => editor.getByLabel('Date unknown').isChecked()).toBe(true)
    await editor.getByLabel('Date unknown').uncheck()
    await editor.getByLabel('Publication date').fill('2025-03-11')
    await editor.getByRole('button', { name: 'Save' }).click()
    await editor.waitFor({ state: 'hidden' })
    await expect.poll(() => page.getByTestId('reader-date').innerText()).toBe('Tue 11 Mar 2025')
    await expect
      .poll(() => page.getByTestId('reader').locator('.grade').first().innerText())
      .toBe('B')
  })

  it('finds everything again after a reload', async () => {
    const { page } = app
    await reloadApp(page)
    await expect.poll(() => rowTitles(page).then((t) => t.length)).toBe(5)
    await page.getByTestId('search-input').fill('crane')
    await expect.poll(() => page.getByTestId('search-hit').count()).toBeGreaterThanOrEqual(3)
    await page.getByTestId('search-input').fill('')
  })

  it('reports duplicates instead of storing them twice', async () => {
    const { page } = app
    await importFiles(page, ['good/wire-report.txt'])
    await expect
      .poll(() => page.getByTestId('report-status').allInnerTexts())
      .toEqual(['Duplicate'])
    await closeReport(page)
    await expect.poll(() => rowTitles(page).then((t) => t.length)).toBe(5)
  })

  it('gives every bad input a typed error and stores none of them', async () => {
    const { page } = app
    await importFiles(page, [...BAD, 'bad/hostile.html'])
    const rows = page.getByTestId('report-row')
    for (const [i, f] of BAD.entries()) {
      const row = rows.nth(i)
      await expect.poll(() => row.locator('code').innerText()).toBe(expected[f]!.code)
    }
    await expect
      .poll(() => rows.nth(BAD.length).getByTestId('report-status').innerText())
      .toBe('Imported')
    await closeReport(page)
    await expect.poll(() => rowTitles(page).then((t) => t.length)).toBe(6)
    await page
      .getByTestId('doc-row')
      .filter({ hasText: expected['bad/hostile.html']!.title! })
      .click()
    const text = await page.getByTestId('reader-text').innerText()
    expect(text).not.toMatch(/<script|alert\(|onerror|javascript:/i)
  })

  it('backs the case up and restores it as a new case', async () => {
    const { page } = app
    const download = await captureDownload(page, page.getByRole('button', { name: 'Back up' }))
    expect(download.suggestedFilename()).toMatch(/^varnholm-port-.*\.casefile\.json$/)
    const path = await download.path()
    const backup = JSON.parse(readFileSync(path, 'utf8'))
    expect(backup.format).toBe('casefile-backup')
    expect(backup.documents).toHaveLength(6)
    await chooseFiles(page, page.getByRole('button', { name: 'Restore' }), [path])
    await expect
      .poll(() => page.getByTestId('case-select').locator('option:checked').innerText())
      .toBe('Varnholm port (restored)')
    await expect.poll(() => rowTitles(page).then((t) => t.length)).toBe(6)
    // The original case is still there, untouched.
    const options = await page.getByTestId('case-select').locator('option').allInnerTexts()
    expect(options.sort()).toEqual(['Varnholm port', 'Varnholm port (restored)'])
  })

  it('refuses a file that is not a backup and stores nothing', async () => {
    const { page } = app
    await chooseFiles(page, page.getByRole('button', { name: 'Restore' }), [
      join(FIXTURES, 'good/wire-report.txt'),
    ])
    await expect.poll(() => page.locator('.notice.error').innerText()).toMatch(/was not restored/)
    const options = await page.getByTestId('case-select').locator('option').count()
    expect(options).toBe(2)
  })

  it('imports files dropped on the window', async () => {
    const { page } = app
    await page.evaluate(() => {
      const dt = new DataTransfer()
      dt.items.add(new File(['Dropped note\n\nA dropped file about the harbour.'], 'dropped.txt'))
      for (const type of ['dragenter', 'dragover', 'drop'])
        window.dispatchEvent(
          new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }),
        )
    })
    await page.getByTestId('import-report').waitFor({ state: 'visible' })
    await expect.poll(() => page.getByTestId('report-status').allInnerTexts()).toEqual(['Imported'])
    await closeReport(page)
    await expect.poll(() => rowTitles(page)).toContain('Dropped note')
  })

  it('deletes a document after asking, and undo brings it back', async () => {
    const { page } = app
    const count = () => rowTitles(page).then((t) => t.length)
    const before = await count()
    await page.getByTestId('doc-row').filter({ hasText: 'Dropped note' }).click()
    await page.getByTestId('reader').getByRole('button', { name: 'Delete', exact: true }).click()
    await page.getByRole('button', { name: 'Delete document' }).click()
    await expect.poll(count).toBe(before - 1)
    // The keyboard is not left on the bare page: the document list has the focus.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Documents')
    // The deletion's notice has an Undo button, as the notices of other deletions do.
    const notice = page.getByTestId('notice').filter({ hasText: '“Dropped note” deleted.' })
    await notice.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(count).toBe(before)
    await page.getByTestId('search-input').fill('dropped file')
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(1)
    await page.getByTestId('search-input').fill('')
  })
})

describe('sample case', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('opens with one click and shows its documents with sources and grades', async () => {
    const { page } = app
    await page.getByTestId('open-sample').click()
    await expect.poll(() => rowTitles(page).then((t) => t.length), { timeout: 10_000 }).toBe(4)
    const grades = await page.getByTestId('doc-row').locator('.grade').allInnerTexts()
    expect(grades.sort()).toEqual(['B', 'B', 'C', 'D'])
    await expect.poll(() => page.getByTestId('reader-title').isVisible()).toBe(true)
  })
})

describe('library: the first import, from the keyboard', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('opens the report on Done and, once it is closed, leaves the focus in the reader', async () => {
    const { page } = app
    await createCase(page, 'First import')
    // The empty library's own button: it is gone once the case has a document.
    await chooseFiles(page, page.getByTestId('empty-case').getByRole('button'), [
      join(FIXTURES, 'good/wire-report.txt'),
    ])
    const report = page.getByTestId('import-report')
    await report.waitFor({ state: 'visible' })
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Done')
    await page.keyboard.press('Enter')
    await report.waitFor({ state: 'hidden' })
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('reader-text')
  })
})
