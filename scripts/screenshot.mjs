/**
 * Makes the README's screenshot: serves the built renderer, opens the sample case in a
 * fresh Chromium profile at 1440 × 900 (the default layout, as a laptop shows it), opens one document, selects one of its events on the timeline,
 * and saves docs/screenshot.png; then composes a briefing of the case, prints it through
 * the print route and saves its first page as docs/briefing-page1.png (needs pdftoppm). Run after a build:
 * `npm run build && node scripts/screenshot.mjs`.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openBrowser, ROOT as root, saveScreenshot } from './bench/bench-kit.mjs'

const { server, context, page, close } = await openBrowser(join(root, 'out/renderer'))
const scratch = mkdtempSync(join(tmpdir(), 'casefile-shot-'))
try {
  await page.goto(server.url)
  await page.getByTestId('open-sample').click()
  await page.getByTestId('doc-row').nth(3).waitFor()
  await page.getByTestId('doc-row').filter({ hasText: 'Dockers block' }).click()
  await page.getByTestId('reader-title').filter({ hasText: 'Dockers block' }).waitFor()
  // Select an event on the timeline: the reader shows its evidence, the inspector the event.
  await page
    .getByTestId('timeline')
    .locator('.vis-item')
    .filter({ hasText: 'Dockworkers block Harbour Street' })
    .first()
    .click()
  await page.getByTestId('event-details').waitFor()
  await page.waitForTimeout(6500) // let the notices fade
  await page.mouse.move(4, 890) // no tooltip over the timeline
  await saveScreenshot(page, join(root, 'docs/screenshot.png'))
  console.log('wrote docs/screenshot.png')

  // A briefing of the sample case, printed through the print route; its first page as PNG.
  await page.getByTestId('view-briefing').click()
  await page.getByRole('button', { name: 'New briefing' }).click()
  await page.getByTestId('briefing-title').fill('Harbour Street dispute: the week of 10 October')
  await page.getByTestId('briefing-handling').fill('OFFICIAL – SAMPLE CASE')
  await page
    .getByTestId('briefing-bluf')
    .fill(
      'Velmora’s seizure of Terminal 4 has become a bilateral dispute with Dravina; talks have started but the port stays closed.',
    )
  await page.getByRole('button', { name: 'Add a key judgement' }).click()
  await page.getByTestId('judgement-text').fill('Terminal 4 will reopen before the end of October')
  await page.getByTestId('judgement-likelihood').selectOption('roughly even chance')
  await page.getByTestId('briefing-events').getByRole('button', { name: 'All' }).click()
  const href = await page.getByTestId('briefing-print').getAttribute('href')
  const print = await context.newPage()
  await print.goto(new URL(href, server.url).toString())
  await print.locator('h1').waitFor()
  const pdf = join(scratch, 'briefing.pdf')
  await print.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true })
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '70',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdf,
    join(root, 'docs/briefing-page1'),
  ])
  console.log('wrote docs/briefing-page1.png')
} finally {
  await close()
  rmSync(scratch, { recursive: true, force: true })
}
