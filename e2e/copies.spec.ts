/**
 * Near-identical copies in the built app (the copies worker reading the texts from the store
 * itself): a reprint of the sample's Continental Press Service wire — a new headline, its last
 * two paragraphs cut, no publisher — imported into the sample case, a passage of it added to
 * an event: the event's new origin is the wire's, "a copy of an earlier report", not the
 * reprint's own. Deleting the wire leaves the reprint its own origin.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { REPO_ROOT } from './env'
import { chooseFiles, launchApp, type App } from './harness'
import { openDoc, selectQuote, showEvent } from './reader-helpers'

const SEAL = 'Customs seal Terminal 4 and hold the Aurel Star at its berth'
const QUOTE = 'the ministry said Velmoran officers had used force against the crew'
const WIRE = 'Continental Press Service'
const REPRINT_TITLE = 'Port row deepens as Dravina summons envoy'

const summary = (page: Page) => page.getByTestId('corroboration-summary').innerText()
const origins = (page: Page) => page.getByTestId('corroboration-origin').allInnerTexts()

/** The wire's text with a new headline and its last two paragraphs cut. */
function reprintFile(): string {
  const wire = readFileSync(
    join(REPO_ROOT, 'resources/sample-case/cps-wire-dravina-summons-envoy.txt'),
    'utf8',
  )
  const paragraphs = wire.trim().split(/\n\s*\n/)
  const body = paragraphs.slice(1, -2).join('\n\n')
  const path = join(tmpdir(), `casefile-reprint-${process.pid}.txt`)
  writeFileSync(path, `${REPRINT_TITLE}\n\n${body}\n`)
  return path
}

describe('near-identical copies', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    await app.page.setViewportSize({ width: 1600, height: 1000 })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('counts a reprint’s passage as the original wire’s origin', async () => {
    const { page } = app
    await page.getByTestId('open-sample').click()
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 15_000 }).toBe(4)
    await showEvent(page, SEAL)
    await expect.poll(() => summary(page)).toMatch(/^2 reports · 2 independent origins/)

    await chooseFiles(page, page.getByRole('button', { name: 'Import…' }).first(), [reprintFile()])
    const report = page.getByTestId('import-report')
    await report.waitFor({ state: 'visible' })
    await report.getByRole('button', { name: 'Done' }).click()
    await report.waitFor({ state: 'hidden' })
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(5)

    await openDoc(page, REPRINT_TITLE)
    await selectQuote(page, QUOTE)
    await page.keyboard.press('x')
    await page.getByTestId('add-to-event-query').waitFor()
    await page.keyboard.type('Customs seal')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.notice').first().innerText()).toMatch(/Passage added/)

    await showEvent(page, SEAL)
    await expect.poll(() => summary(page)).toMatch(/^3 reports · 3 independent origins/)
    await expect
      .poll(() => origins(page))
      .toContainEqual(expect.stringMatching(new RegExp(`^${WIRE}.*a copy of an earlier report`)))
    await page.screenshot({ path: '/tmp/copies-origin.png' })

    // The wire deleted: the reprint has no original left in the case, and is its own origin.
    await openDoc(page, WIRE)
    await page.getByTestId('reader').getByRole('button', { name: 'Delete', exact: true }).click()
    await page.getByRole('button', { name: 'Delete document' }).click()
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(4)
    await showEvent(page, SEAL)
    await expect
      .poll(() => origins(page))
      .not.toContainEqual(expect.stringMatching(/a copy of an earlier report/))
    await expect.poll(() => summary(page)).toMatch(/^3 reports · 3 independent origins/)
    app.assertNoPageErrors()
  })
})
