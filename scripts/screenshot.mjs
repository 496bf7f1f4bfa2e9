/**
 * Makes the README's screenshot: serves the built renderer, opens the sample case in a
 * fresh Chromium profile, opens one document, selects one of its events on the timeline,
 * and saves docs/screenshot.png. Run after a build:
 * `npm run build && node scripts/screenshot.mjs`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { startServer } from './serve.mjs'

const root = new URL('..', import.meta.url).pathname
const server = await startServer({ root: join(root, 'out/renderer'), port: 0 })
const profile = mkdtempSync(join(tmpdir(), 'casefile-shot-'))
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1600, height: 1000 },
  timezoneId: 'UTC',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
try {
  const page = context.pages()[0] ?? (await context.newPage())
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
  mkdirSync(join(root, 'docs'), { recursive: true })
  await page.screenshot({ path: join(root, 'docs/screenshot.png') })
  console.log('wrote docs/screenshot.png')
} finally {
  await context.close()
  await server.close()
  rmSync(profile, { recursive: true, force: true })
}
