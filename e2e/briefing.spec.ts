/**
 * Briefings through the real UI in Chromium: after building DESIGN.md's worked example (the
 * sample report graded B by its publisher), the analyst composes a briefing with a BLUF and
 * one key judgement, includes the three events, sees the live preview, and prints it to PDF
 * through the print route with Chromium's PDF printing. The PDF is read back with poppler
 * (`pdfinfo`, `pdftotext`): title, the handling line on every page, the BLUF, the
 * judgement's likelihood term, the three events in date order with their dates, the two
 * figures (timeline and actor graph, as vector graphics whose text pdftotext reads), each
 * quoted passage with its source and grade, and the source list. Last, the report's text is
 * replaced by an edition without the missile-strike passage: the briefing then lists that
 * orphaned evidence before export and no longer quotes it.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chooseFiles, launchApp, type App } from './harness'
import { SAMPLE_REPORT } from './reader-helpers'
import { buildWorkedExample, EVENTS } from './worked-example'

const HANDLING = 'OFFICIAL – TRAINING USE ONLY'
const BLUF =
  'Iran struck a US base in Qatar on Monday, two days after US strikes on its nuclear sites.'
const JUDGEMENT = 'Iran will strike US forces in the region again within a month'

describe('briefings', () => {
  let app: App
  let pdfText = ''
  let pages = 0
  beforeAll(async () => {
    app = await launchApp()
    await app.page.setViewportSize({ width: 1600, height: 1000 })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('composes a briefing from the worked example, with a live preview', async () => {
    const { page } = app
    await buildWorkedExample(page)
    // The report's publisher, graded B.
    await page.getByRole('button', { name: 'Edit details', exact: true }).click()
    const editor = page.getByTestId('metadata-editor')
    await editor.getByLabel('Publisher / source').fill('Gulf Monitor')
    await editor.getByLabel('Source reliability (Admiralty)').selectOption('B')
    await editor.getByRole('button', { name: 'Save' }).click()
    await editor.waitFor({ state: 'hidden' })

    // The missile-strike passage is probably true: credibility 2.
    await page.getByTestId('reader-text').getByText('firing missiles at American bases in').click()
    await page.getByTestId('inspector-credibility').selectOption('2')
    await expect.poll(() => page.getByTestId('inspector-credibility').inputValue()).toBe('2')

    await page.getByTestId('view-briefing').click()
    await page.getByRole('button', { name: 'New briefing' }).click()
    // The new briefing's title has the focus, its placeholder selected: typing names it.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('briefing-title')
    await page.keyboard.type('Gulf escalation, 21–23 June 2025')
    await expect
      .poll(() => page.getByTestId('briefing-title').inputValue())
      .toBe('Gulf escalation, 21–23 June 2025')
    await page.getByTestId('briefing-handling').fill(HANDLING)
    await page.getByTestId('briefing-bluf').fill(BLUF)
    await page.getByRole('button', { name: 'Add a key judgement' }).click()
    await page.getByTestId('judgement-text').fill(JUDGEMENT)
    await page.getByTestId('judgement-likelihood').selectOption('likely')
    await page.getByTestId('briefing-events').getByRole('button', { name: 'All' }).click()
    await expect
      .poll(() => page.getByTestId('briefing-events').locator('legend').innerText())
      .toBe('Events in the chronology (3)')

    const preview = page.frameLocator('[data-testid="briefing-preview"]')
    await expect
      .poll(() => preview.locator('h1').innerText())
      .toBe('Gulf escalation, 21–23 June 2025')
    await expect.poll(() => preview.locator('body').innerText()).toContain(BLUF)
  })

  it('prints to PDF through the print route, with every citation', async () => {
    const { page, context } = app
    const href = await page.getByTestId('briefing-print').getAttribute('href')
    expect(href).toMatch(/^#\/print\//)
    const print = await context.newPage()
    await print.goto(new URL(href!, app.url).toString())
    await print.locator('h1').waitFor()
    const pdf = await print.pdf({ preferCSSPageSize: true, printBackground: true })
    await print.close()
    const dir = mkdtempSync(join(tmpdir(), 'casefile-briefing-'))
    const file = join(dir, 'briefing.pdf')
    writeFileSync(file, pdf)
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])
    // NFKC: the PDF's text uses typographic ligatures ("ﬁ") that pdftotext passes through.
    pdfText = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize(
      'NFKC',
    )
    expect(pages).toBeGreaterThan(0)
    expect(info).toMatch(/^Page size:.* pts \(A4\)$/m)
    // Every font is embedded (pdffonts' "emb" column, fifth from the end of each row).
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((row) => row.trim())
      .map((row) => row.trim().split(/\s+/))
    expect(fonts.length).toBeGreaterThan(0)
    for (const cols of fonts) expect(cols.at(-5), cols[0]).toBe('yes')
    expect(pdfText).toContain('Gulf escalation, 21–23 June 2025')
    expect(pdfText.replace(/\s+/g, ' ')).toContain(BLUF)
  })

  it('prints on US Letter when asked, with the same running lines', async () => {
    const { page, context } = app
    await page.getByTestId('briefing-page-size').selectOption('Letter')
    const href = await page.getByTestId('briefing-print').getAttribute('href')
    expect(href).toMatch(/\?size=Letter$/)
    const print = await context.newPage()
    await print.goto(new URL(href!, app.url).toString())
    await print.locator('h1').waitFor()
    const pdf = await print.pdf({ preferCSSPageSize: true, printBackground: true })
    await print.close()
    await page.getByTestId('briefing-page-size').selectOption('A4')
    const file = join(mkdtempSync(join(tmpdir(), 'casefile-letter-')), 'briefing.pdf')
    writeFileSync(file, pdf)
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(
      /^Page size:\s+612 x 792 pts \(letter\)$/m,
    )
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    const perPage = text.split('\f').filter((p) => p.trim())
    expect(perPage.length).toBeGreaterThan(0)
    for (const t of perPage) expect(t).toContain(HANDLING)
  })

  it('prints the handling line on every page, the judgement and the chronology in date order', async () => {
    const perPage = pdfText.split('\f').filter((p) => p.trim())
    expect(perPage).toHaveLength(pages)
    perPage.forEach((text, i) => {
      expect(text).toContain(HANDLING)
      expect(text).toMatch(new RegExp(`Page ${i + 1} of ${pages}\\b`))
    })
    const flat = pdfText.replace(/\s+/g, ' ')
    expect(flat).toMatch(/likely \(55–80%\)/)
    expect(flat).toContain('confidence')
    // Weekend first, then the two Monday events.
    const at = (s: string) => flat.indexOf(s)
    const weekend = at('US strikes on nuclear sites')
    expect(weekend).toBeGreaterThan(-1)
    expect(at('21–22 June 2025')).toBeGreaterThan(-1)
    expect(at('23 June 2025')).toBeGreaterThan(-1)
    for (const e of EVENTS.slice(1)) expect(at(e.title)).toBeGreaterThan(weekend)
  })

  it('has both figures, drawn as vector graphics with their text', async () => {
    const flat = pdfText.replace(/\s+/g, ' ')
    expect(flat).toMatch(/Figure 1\. Timeline/)
    expect(flat).toMatch(/Figure 2\./)
    expect(flat).toContain('Timeline of the events in this briefing')
    expect(flat).toContain('Who did what to whom in these events')
    // The graph figure names the actors of the included events.
    const figures = flat.slice(flat.indexOf('Figures'), flat.indexOf('Notes'))
    for (const name of ['Iran', 'United States', 'Russia']) expect(figures).toContain(name)
  })

  it('quotes each passage with its source and grade, and lists the sources', async () => {
    const flat = pdfText.replace(/\s+/g, ' ')
    for (const e of EVENTS) expect(flat).toContain(e.quote)
    expect(flat).toContain('Gulf Monitor')
    // Every note carries the source's grade; the passage graded 2 carries the pair.
    const notes = flat.slice(flat.indexOf('Notes'), flat.indexOf('Sources'))
    expect(notes.match(/Grade B/g)).toHaveLength(3)
    expect(notes).toMatch(
      /“firing missiles at American bases in Qatar” — [^“]*Gulf Monitor[^“]*Grade B2\./,
    )
    expect(flat).toMatch(/Sources/)
  })

  it('flags orphaned evidence before export and no longer quotes it', async () => {
    const { page } = app
    const missile = EVENTS[2]!.quote
    const edited = readFileSync(SAMPLE_REPORT, 'utf8').replace(
      missile,
      'in an attack whose details are still unclear',
    )
    expect(edited).not.toContain(missile)
    const file = join(mkdtempSync(join(tmpdir(), 'casefile-edition-')), 'tehran-edited.txt')
    writeFileSync(file, edited)

    await page.getByRole('button', { name: 'Workbench' }).click()
    await chooseFiles(page, page.getByTestId('replace-text'), [file])
    await page
      .getByTestId('replace-text-confirm')
      .getByRole('button', { name: 'Replace text' })
      .click()
    const report = page.getByTestId('reanchor-report')
    await expect.poll(() => report.innerText()).toContain('Orphan')
    await report.getByRole('button', { name: 'Done' }).click()

    await page.getByTestId('view-briefing').click()
    const problems = page.getByTestId('briefing-problems')
    await expect.poll(() => problems.innerText()).toContain(`Evidence "${missile}" of event`)
    expect(await problems.innerText()).toContain('(orphaned tag)')
    const preview = page.frameLocator('[data-testid="briefing-preview"]')
    await expect.poll(() => preview.locator('body').innerText()).not.toContain(missile)
    const body = await preview.locator('body').innerText()
    for (const e of EVENTS.slice(0, 2)) expect(body).toContain(e.quote)
    // The event itself stays in the chronology; only its lost passage is left out.
    expect(body).toContain(EVENTS[2]!.title)
  })
})
