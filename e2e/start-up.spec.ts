/**
 * What loads when at start-up (issue 17, cold start). The first window of a new installation
 * (the welcome screen) is usable without the workbench's code, which loads once the window is
 * idle; when the store holds a case, app-ready is not shown before the workbench's panes are in
 * the DOM; and what was left out of the first bundle still works on first use: a new case
 * opens its workbench, the top bar's Export ▾ opens its dialog by keyboard.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchApp, READY_SELECTOR, reloadApp, type App } from './harness'

let app: App | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

/**
 * Runs in the page before its scripts: notes when app-ready is first in the DOM and whether the
 * workbench (the library's search box, the reader, the side pane) was in the DOM at that moment.
 */
function recordReady(selector: string) {
  const state = { attached: 0, panes: false }
  Object.defineProperty(window, '__startUp', { value: state })
  const observer = new MutationObserver(() => {
    if (!document.querySelector(selector)) return
    observer.disconnect()
    state.attached = performance.now()
    state.panes =
      document.querySelector('[data-testid="search-input"]') !== null &&
      document.querySelector('section.reader') !== null &&
      document.querySelector('aside.side-pane') !== null
  })
  observer.observe(document, { childList: true, subtree: true })
}

/** When app-ready appeared, whether the panes were there, and when the workbench was fetched. */
async function startUp(page: Page) {
  return page.evaluate(() => {
    const state = (window as unknown as { __startUp: { attached: number; panes: boolean } })
      .__startUp
    const workbench = performance
      .getEntriesByType('resource')
      .filter((e) => /\/Workbench-[^/]*\.js$/.test(new URL(e.name).pathname))
      .map((e) => e.startTime)
    return { ...state, workbench }
  })
}

describe('start-up', () => {
  it('shows the welcome screen without the workbench code, which then loads when idle', async () => {
    app = await launchApp()
    const { page } = app
    await page.addInitScript(recordReady, READY_SELECTOR)
    await reloadApp(page)
    await page.getByTestId('welcome').waitFor()
    // Loaded once the window is idle, after app-ready, never before it.
    await expect
      .poll(async () => (await startUp(page)).workbench.length, { timeout: 15_000 })
      .toBeGreaterThan(0)
    const seen = await startUp(page)
    expect(seen.attached).toBeGreaterThan(0)
    for (const start of seen.workbench) expect(start).toBeGreaterThan(seen.attached)
    // A new case from the welcome screen opens its workbench.
    await page.getByRole('button', { name: 'Create a case' }).click()
    await page.keyboard.type('Start-up case')
    await page.keyboard.press('Enter')
    await page.getByTestId('search-input').waitFor()
    await page.locator('section.reader').waitFor()
  })

  it('with a case, is ready only once the workbench is shown, and Export ▾ works at once', async () => {
    app = await launchApp()
    const { page } = app
    await page.getByTestId('open-sample').click()
    await page.getByTestId('doc-row').first().waitFor()
    await page.addInitScript(recordReady, READY_SELECTOR)
    await reloadApp(page)
    const seen = await startUp(page)
    expect(seen.attached).toBeGreaterThan(0)
    expect(seen.panes).toBe(true)
    // Export ▾ is loaded after the first paint: a keyboard user reaches it and it opens.
    const exportButton = page.getByRole('button', { name: 'Export ▾' })
    await expect.poll(() => exportButton.isEnabled(), { timeout: 15_000 }).toBe(true)
    await exportButton.focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('export-dialog').getByText('Events CSV').first().waitFor()
  })
})
