/**
 * What loads when at start-up (issue 17, cold start). The first window of a new installation
 * (the welcome screen) is usable without the workbench's code, which loads once the window is
 * idle; when the store holds a case, app-ready is not shown before the workbench's panes are in
 * the DOM; and what was left out of the first bundle still works on first use: a new case
 * opens its workbench, the top bar's Export ▾ opens its dialog by keyboard. The welcome screen
 * runs no zod before it is usable, and with a case no code the window needs carries zod (the
 * IPC contract's and the records' schemas load after the first paint; a saved view's schemas
 * may load while the panes read it).
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

/**
 * The scripts the page fetched (before app-ready only, or all) and those among them that carry
 * zod: its bundle spells out its class names, `$ZodType` among them.
 */
async function scriptsWithZod(page: Page, beforeReady: boolean) {
  return page.evaluate(async (beforeReady) => {
    const ready = (window as unknown as { __startUp: { attached: number } }).__startUp.attached
    const scripts = performance
      .getEntriesByType('resource')
      .filter((e) => /\.m?js$/.test(new URL(e.name).pathname))
      .filter((e) => !beforeReady || e.startTime < ready)
      .map((e) => e.name)
    const texts = await Promise.all(scripts.map(async (url) => (await fetch(url)).text()))
    return { scripts, withZod: scripts.filter((_, i) => texts[i]!.includes('$ZodType')) }
  }, beforeReady)
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

  it('keeps zod out of the code the first window needs, with or without a case', async () => {
    app = await launchApp()
    const { page } = app
    await page.addInitScript(recordReady, READY_SELECTOR)
    await reloadApp(page)
    await page.getByTestId('welcome').waitFor()
    const welcome = await scriptsWithZod(page, true)
    expect(welcome.scripts.some((url) => /\/index-[^/]*\.js$/.test(url))).toBe(true)
    expect(welcome.withZod).toEqual([])
    // With a case, app-ready waits for the workbench's panes: their code carries no zod either.
    // zod's own chunk may come before app-ready, and only it: a pane that reads its saved view
    // (the timeline's window, the graph's layout, the pane widths) checks it with the view-state
    // schemas, which load on that first read — whether a pane saved one before the reload
    // depends on timing, so this checks that zod stays a chunk of its own, not part of any code
    // the window needs to show.
    await page.getByRole('button', { name: 'Create a case' }).click()
    await page.keyboard.type('Schemas later')
    await page.keyboard.press('Enter')
    await page.getByTestId('search-input').waitFor()
    await reloadApp(page)
    expect((await startUp(page)).panes).toBe(true)
    const workbench = await scriptsWithZod(page, true)
    expect(workbench.scripts.some((url) => /\/Workbench-[^/]*\.js$/.test(url))).toBe(true)
    expect(workbench.withZod.filter((url) => !/\/zod-[^/]*\.js$/.test(url))).toEqual([])
    // It is loaded after the first paint (the backup controller checks backups with it): the
    // marker is zod's, and what needs zod still gets it.
    await expect
      .poll(async () => (await scriptsWithZod(page, false)).withZod.length, { timeout: 15_000 })
      .toBeGreaterThan(0)
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
