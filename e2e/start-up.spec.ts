/**
 * What loads when at start-up (issue 17, cold start). The first window of a new installation
 * (the welcome screen) is usable without the workbench's code, which loads once the window is
 * idle; when the store holds a case, app-ready is not shown before the workbench's panes are in
 * the DOM; and what was left out of the first bundle still works on first use: a new case
 * opens its workbench, the top bar's Export ▾ opens its dialog by keyboard. No zod loads before
 * app-ready, on the welcome screen or with a case, even one whose panes saved their views (the
 * timeline's window, the graph's layout, the pane sizes: checked without zod); the IPC
 * contract's and the records' schemas load once the window is usable. A new installation's
 * welcome screen does not wait for its database to be created: it is shown, and takes a new
 * case, while the store's open is held back.
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

/** The view-state keys saved in the store (the raw `viewState` object store), sorted. */
function savedViews(page: Page): Promise<string[]> {
  return savedViewRows(page).then((rows) => [...new Set(rows.map((r) => r.key))].sort())
}

/** The first UTC day of the timeline's saved window, or undefined while none is saved. */
function savedTimelineStart(page: Page): Promise<string | undefined> {
  return savedViewRows(page).then((rows) => {
    const row = rows.find((r) => r.key === 'timeline:window')
    const start = (row?.value as { start?: number } | undefined)?.start
    return start === undefined ? undefined : new Date(start).toISOString().slice(0, 10)
  })
}

/** Every view-state row in the store, read straight from IndexedDB. */
function savedViewRows(page: Page): Promise<{ key: string; value: unknown }[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('casefile')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    try {
      return await new Promise<{ key: string; value: unknown }[]>((resolve, reject) => {
        const request = db.transaction('viewState', 'readonly').objectStore('viewState').getAll()
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
    } finally {
      db.close()
    }
  })
}

/**
 * Runs in the page before its scripts: holds back every `indexedDB.open('casefile', …)` until
 * `__releaseStore()` is called (in this page and every later load of the profile). The page gets
 * a stand-in request at once; on release the real open is made and the handlers set on the
 * stand-in move to it, so the opener notices only the wait.
 */
function holdStoreOpen() {
  const held: (() => void)[] = []
  let released = localStorage.getItem('test:storeReleased') === 'yes'
  const open = IDBFactory.prototype.open
  IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
    if (released || name !== 'casefile') return open.call(this, name, version)
    let real: IDBOpenDBRequest | undefined
    const handlers = ['onsuccess', 'onerror', 'onupgradeneeded', 'onblocked'] as const
    const stand = {} as Record<string, unknown>
    for (const key of ['result', 'error', 'transaction', 'readyState', 'source']) {
      Object.defineProperty(stand, key, { get: () => real?.[key as keyof IDBOpenDBRequest] })
    }
    held.push(() => {
      real = open.call(this, name, version)
      for (const key of handlers) real[key] = stand[key] as never
    })
    return stand as unknown as IDBOpenDBRequest
  }
  Object.defineProperty(window, '__releaseStore', {
    value: () => {
      released = true
      localStorage.setItem('test:storeReleased', 'yes')
      for (const go of held.splice(0)) go()
    },
  })
}

/** The names of the databases the browser lists for the page's origin. */
function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''))
}

describe('start-up', () => {
  it('shows a new installation its welcome screen before its database is created', async () => {
    // Not the app first: its start would create the database before the hold is installed.
    app = await launchApp({ path: 'about:blank', waitForReady: false })
    const { page } = app
    await page.addInitScript(holdStoreOpen)
    await page.goto(app.url, { waitUntil: 'domcontentloaded' })
    await page.locator(READY_SELECTOR).waitFor({ state: 'attached' })
    await page.getByTestId('welcome').waitFor()
    // The open is still held: no database exists, and the window takes a new case meanwhile.
    expect(await databaseNames(page)).not.toContain('casefile')
    await page.getByRole('button', { name: 'Create a case' }).click()
    const dialog = page.getByTestId('case-dialog')
    await dialog.getByLabel('Title').click()
    await page.keyboard.type('Made while the store opened')
    await dialog.getByRole('button', { name: 'Create' }).click()
    // Once the store is open, the case is written and its workbench shown.
    await page.evaluate(() =>
      (window as unknown as { __releaseStore: () => void }).__releaseStore(),
    )
    await page.getByTestId('search-input').waitFor()
    await page.locator('section.reader').waitFor()
    expect(await databaseNames(page)).toContain('casefile')
    await reloadApp(page)
    await page.getByTestId('search-input').waitFor()
    // It was stored: the reloaded window opens it.
    await expect
      .poll(() => page.getByTestId('case-select').locator('option:checked').textContent())
      .toBe('Made while the store opened')
  })

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
    // With a case, app-ready waits for the workbench's panes: no zod before it either (the
    // deferred parts that carry it wait for app-ready; a saved view is checked without it).
    await page.getByRole('button', { name: 'Create a case' }).click()
    await page.keyboard.type('Schemas later')
    await page.keyboard.press('Enter')
    await page.getByTestId('search-input').waitFor()
    await reloadApp(page)
    expect((await startUp(page)).panes).toBe(true)
    const workbench = await scriptsWithZod(page, true)
    expect(workbench.scripts.some((url) => /\/Workbench-[^/]*\.js$/.test(url))).toBe(true)
    expect(workbench.withZod).toEqual([])
    // It is loaded once the window is usable (the backup controller checks backups with it):
    // the marker is zod's, and what needs zod still gets it.
    await expect
      .poll(async () => (await scriptsWithZod(page, false)).withZod.length, { timeout: 15_000 })
      .toBeGreaterThan(0)
  })

  it('reopens a case whose panes saved their views without loading zod before app-ready', async () => {
    app = await launchApp()
    const { page } = app
    // The sample case, its views changed as an analyst changes them: the document list made
    // wider by keyboard, the timeline set to days no automatic choice would make, the graph
    // laid out afresh.
    await page.getByTestId('open-sample').click()
    await page.getByTestId('doc-row').first().waitFor()
    await page.getByRole('separator', { name: 'Resize the document list' }).focus()
    await page.keyboard.press('ArrowRight')
    await page.getByTestId('timeline').locator('.vis-item').first().waitFor()
    await page.getByTestId('timeline-dates').click()
    const dates = page.getByTestId('timeline-dates-dialog')
    await dates.getByLabel('From (UTC day)').fill('2025-06-19')
    await dates.getByLabel('To (UTC day, included)').fill('2025-06-27')
    await dates.getByRole('button', { name: 'Show' }).click()
    await expect.poll(() => page.getByTestId('graph-node').count()).toBeGreaterThan(0)
    await page.getByRole('button', { name: 'Re-layout' }).click()
    await expect
      .poll(() => savedViews(page), { timeout: 15_000 })
      .toEqual(['graph:layout', 'pane:layout', 'reader:document', 'timeline:window'])
    // The window typed, not the one the timeline chose when it opened (saved first).
    await expect.poll(() => savedTimelineStart(page), { timeout: 15_000 }).toBe('2025-06-19')
    await page.addInitScript(recordReady, READY_SELECTOR)
    await reloadApp(page)
    expect((await startUp(page)).panes).toBe(true)
    const reopened = await scriptsWithZod(page, true)
    expect(reopened.scripts.some((url) => /\/Workbench-[^/]*\.js$/.test(url))).toBe(true)
    expect(reopened.withZod).toEqual([])
    // The saved views were read back and taken: the timeline shows the days it was set to.
    await page.getByTestId('timeline-dates').click()
    expect(await dates.getByLabel('From (UTC day)').inputValue()).toBe('2025-06-19')
    expect(await dates.getByLabel('To (UTC day, included)').inputValue()).toBe('2025-06-27')
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
