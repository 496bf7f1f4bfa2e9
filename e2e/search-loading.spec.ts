/**
 * Opening a case whose search index has not loaded yet: the search box says the index is
 * still loading while the library lists the documents and the reader opens one, and search
 * answers once the index is ready. The index is held back deterministically — the search
 * worker's script is not served until the test has seen the loading state — so no test waits
 * for time.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Route } from 'playwright-core'
import { REPO_ROOT } from './env'
import { chooseFiles, createCase, launchApp, reloadApp, type App } from './harness'

const FIXTURES = join(REPO_ROOT, 'src/import/fixtures/good')

describe('search: the index loads after the app is usable', () => {
  let app: App

  beforeAll(async () => {
    app = await launchApp()
  })

  afterAll(async () => {
    app.assertNoExternalRequests()
    app.assertNoPageErrors()
    await app.close()
  })

  it('says it is still loading while the library and reader work, then finds', async () => {
    const { page } = app
    await createCase(page, 'Loading case')
    await chooseFiles(page, page.getByRole('button', { name: 'Import…' }).first(), [
      join(FIXTURES, 'wire-report.txt'),
      join(FIXTURES, 'field-notes.md'),
    ])
    await page.getByTestId('import-report').getByRole('button', { name: 'Done' }).click()
    const status = page.getByTestId('search-index-status')
    // Once the index is ready the line goes away.
    await status.waitFor({ state: 'detached' })

    // Reopen the app with the search worker's script held back: the index cannot load.
    const held: Route[] = []
    const hold = (route: Route): void => void held.push(route)
    await app.context.route(/search\.worker[^/]*\.js/, hold)
    await reloadApp(page)
    await expect.poll(() => status.innerText()).toMatch(/Search index loading/)
    await expect.poll(() => held.length).toBeGreaterThan(0)
    // The library and the reader work meanwhile.
    const rows = page.getByTestId('doc-row')
    await expect.poll(() => rows.count()).toBe(2)
    await rows.first().click()
    await expect.poll(() => page.getByTestId('reader-text').count()).toBe(1)
    // Typing a query says the index is on its way.
    await page.getByTestId('search-input').click()
    await page.keyboard.type('crane')
    await expect
      .poll(() => page.locator('.library').innerText())
      .toMatch(/Preparing the search index/)

    // Let the worker load: the line goes and the query is answered.
    await app.context.unroute(/search\.worker[^/]*\.js/, hold)
    for (const route of held) await route.fallback()
    await status.waitFor({ state: 'detached' })
    await expect.poll(() => page.getByTestId('search-hit').count()).toBeGreaterThan(0)
  })
})
