/**
 * OCR through the real UI in Chromium, on a scan made by the test: two pages of text drawn
 * in Node (@napi-rs/canvas), saved as PNG and put into a PDF of page images with pdf-lib —
 * no text layer, nothing checked in. The import asks for the language (English guessed; Enter
 * reads), shows "OCR page n of 2", and the document opens with its OCR badge; the unsure
 * words can be underlined; its text is found by search and a passage of it is tagged. The
 * engine, its WebAssembly core and its language data all come from the app's own origin: the
 * harness's guard fails the spec on any request that leaves 127.0.0.1.
 */
import { createCanvas } from '@napi-rs/canvas'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertNoExternalRequests, chooseFiles, launchApp, type App } from './harness'
import { selectQuote, tagTexts } from './reader-helpers'

const PAGES = [
  [
    'Statement of the port authority',
    'The harbour at Ras Laffan closed on Monday',
    'after a tanker leaked fuel near the north quay.',
  ],
  ['Ships waited offshore near Doha for two days', 'before the channel was cleared.'],
]

/** An A4 page at 150 dpi with `lines` in black on white, as PNG bytes. */
function scanPage(lines: string[]): Buffer {
  const canvas = createCanvas(1240, 1754)
  const g = canvas.getContext('2d')
  g.fillStyle = '#fff'
  g.fillRect(0, 0, canvas.width, canvas.height)
  g.fillStyle = '#111'
  g.font = '38px serif'
  lines.forEach((line, i) => g.fillText(line, 120, 200 + i * 64))
  return canvas.toBuffer('image/png')
}

async function scannedPdf(): Promise<Buffer> {
  const { PDFDocument } = await import('pdf-lib')
  const pdf = await PDFDocument.create()
  // The day it was scanned, which is not the day the statement was published.
  pdf.setCreationDate(new Date('2024-02-01T09:00:00Z'))
  for (const lines of PAGES) {
    const image = await pdf.embedPng(scanPage(lines))
    pdf.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 })
  }
  return Buffer.from(await pdf.save())
}

describe('a scanned PDF is read by OCR', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('imports with a language choice and page-by-page progress', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Create a case' }).click()
    await page.getByTestId('case-dialog').getByLabel('Title').fill('Harbour scans')
    await page.getByTestId('case-dialog').getByRole('button', { name: 'Create' }).click()
    // Every text the progress bar shows, kept as it changes.
    await page.evaluate(() => {
      const seen: string[] = []
      ;(window as unknown as { __ocrSeen: string[] }).__ocrSeen = seen
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="ocr-progress"]')?.textContent
        if (text && seen.at(-1) !== text) seen.push(text)
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    const bytes = await scannedPdf()
    await chooseFiles(page, page.getByRole('button', { name: 'Import…' }).first(), {
      name: 'harbour-scan.pdf',
      mimeType: 'application/pdf',
      buffer: bytes,
    })
    const ask = page.getByTestId('ocr-language')
    await ask.waitFor()
    expect(await ask.getByTestId('ocr-lang-eng').isChecked()).toBe(true)
    expect(await ask.getByTestId('ocr-lang-fas').isChecked()).toBe(false)
    // The Read button has the focus: Enter reads.
    await page.keyboard.press('Enter')
    await ask.waitFor({ state: 'hidden' })
    const report = page.getByTestId('import-report')
    await report.waitFor({ timeout: 240_000 })
    expect(await report.getByTestId('report-status').allInnerTexts()).toEqual(['Imported'])
    const seen = await page.evaluate(() => (window as unknown as { __ocrSeen: string[] }).__ocrSeen)
    expect(seen).toEqual(['OCR page 1 of 2', 'OCR page 2 of 2'])
    // The scan's file date is not taken as its publication date, and the report says so.
    expect(await report.innerText()).toContain(
      "No publication date found. The file's own date (2024-02-01) is when it was scanned",
    )
    await report.getByRole('button', { name: 'Done' }).click()
    await page.getByTestId('reader-text').waitFor()
    expect(await page.getByTestId('reader-date').innerText()).toBe('Date unknown')
  }, 300_000)

  it('shows the text with an OCR badge and underlines unsure words on demand', async () => {
    const { page } = app
    const text = await page.getByTestId('reader-text').innerText()
    expect(text).toContain('The harbour at Ras Laffan closed on Monday')
    expect(text).toContain('Ships waited offshore near Doha')
    const badge = await page.getByTestId('ocr-badge').innerText()
    expect(badge).toMatch(/^OCR · \d+ %$/)
    expect(Number(/(\d+) %/.exec(badge)![1])).toBeGreaterThanOrEqual(70)
    expect(await page.getByTestId('ocr-badge').getAttribute('title')).toMatch(
      /tesseract\.js 7\.0\.0, English\) from pages 1, 2/,
    )
    const toggle = page.getByTestId('ocr-unsure-toggle')
    const unsure = Number(/\((\d+)\)/.exec(await toggle.innerText())?.[1] ?? 0)
    if (unsure === 0) {
      expect(await toggle.isDisabled()).toBe(true)
    } else {
      await toggle.focus()
      await page.keyboard.press('Enter')
      expect(await toggle.getAttribute('aria-pressed')).toBe('true')
      const drawn = await page.evaluate(
        () =>
          (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('ocr-unsure')
            ?.size,
      )
      expect(drawn).toBe(unsure)
      await page.keyboard.press('Enter')
      expect(await toggle.getAttribute('aria-pressed')).toBe('false')
    }
  })

  it('finds the scanned text by search and tags a passage of it', async () => {
    const { page } = app
    await page.getByTestId('search-input').click()
    await page.keyboard.type('Laffan')
    const hits = page.getByTestId('search-hit')
    await expect.poll(() => hits.count()).toBe(1)
    expect(await page.getByTestId('search-results').locator('mark').allInnerTexts()).toContain(
      'Laffan',
    )
    await selectQuote(page, 'a tanker leaked fuel near the north quay')
    await page.keyboard.press('c')
    await expect
      .poll(() => tagTexts(page))
      .toEqual([{ text: 'a tanker leaked fuel near the north quay', kind: 'claim' }])
    await page.screenshot({ path: '/tmp/ocr-e2e.png' })
    assertNoExternalRequests()
  })

  it('cancels the import when the language question is dismissed (Escape)', async () => {
    const { page } = app
    await chooseFiles(page, page.getByRole('button', { name: 'Import…' }).first(), {
      name: 'farsi-statement.pdf',
      mimeType: 'application/pdf',
      buffer: await scannedPdf(),
    })
    const ask = page.getByTestId('ocr-language')
    await ask.waitFor()
    // Guessed from the file name.
    expect(await ask.getByTestId('ocr-lang-fas').isChecked()).toBe(true)
    expect(await ask.getByTestId('ocr-lang-eng').isChecked()).toBe(false)
    await page.keyboard.press('Escape')
    const report = page.getByTestId('import-report')
    await report.waitFor()
    expect(await report.getByTestId('report-status').allInnerTexts()).toEqual(['Cancelled'])
    await report.getByRole('button', { name: 'Done' }).click()
  })
})
