/**
 * The actor graph's first picture of a case never laid out, in Chromium: the sample case is
 * opened, its saved layout removed from the store, and the app reloaded, so that the pane
 * opens on a case whose records are all there and that has no layout. The layout must be
 * asked for before the graph's models are built (the worker lays the case out while the page
 * builds them), every actor is drawn and placed, and a click on an actor still puts it in
 * focus (the timeline then shows only its events).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { launchApp, reloadApp, type App } from './harness'

let app: App | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

/** The start of the first User Timing measure named `casefile:graph:<step>`, if any. */
function firstStart(step: string): number | undefined {
  const entry = performance.getEntriesByName(`casefile:graph:${step}`, 'measure')[0]
  return entry?.startTime
}

describe('graph: first picture of a case never laid out', () => {
  it('asks for the layout before building the models, and draws and places every actor', async () => {
    app = await launchApp()
    const { page } = app
    await page.getByTestId('open-sample').click()
    const nodes = page.getByTestId('graph-node')
    const placed = page.locator('[data-testid="graph-node"][data-x]')
    await expect.poll(() => placed.count(), { timeout: 20_000 }).toBe(8)
    // Its layout was saved; without it, the case opens as one never laid out.
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const open = indexedDB.open('casefile')
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            open.onsuccess = () => resolve(open.result)
            open.onerror = () => reject(open.error)
          })
          const tx = db.transaction('viewState', 'readwrite')
          const store = tx.objectStore('viewState')
          const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
            const r = store.getAllKeys()
            r.onsuccess = () => resolve(r.result)
            r.onerror = () => reject(r.error)
          })
          const layouts = keys.filter((k) => Array.isArray(k) && k[1] === 'graph:layout')
          for (const k of layouts) store.delete(k)
          await new Promise((resolve) => (tx.oncomplete = resolve))
          db.close()
          return layouts.length
        }),
      )
      .toBe(1)
    await reloadApp(page)
    await expect.poll(() => placed.count(), { timeout: 20_000 }).toBe(8)
    const drawing = page.getByTestId('graph')
    const sizeAtFirstPicture = await drawing.boundingBox()
    const asked = await page.evaluate(firstStart, 'layout')
    const built = await page.evaluate(firstStart, 'view')
    expect(asked).toBeGreaterThan(0)
    expect(built).toBeGreaterThan(0)
    // The request went to the worker before the models were built, not after.
    expect(asked!).toBeLessThan(built!)
    // What it draws is said, and a click on an actor where it is drawn puts it in focus.
    await expect
      .poll(() => page.getByTestId('graph-counts').textContent())
      .toMatch(/^8 actors · \d+ ties/)
    // Nothing arriving after the first picture (the counts, the grades, the types in use)
    // re-wraps the toolbar: the drawing keeps its size, so it is not re-fitted under the
    // analyst's pointer.
    await expect.poll(() => page.getByTestId('graph-grade').isDisabled()).toBe(false)
    expect(await drawing.boundingBox()).toEqual(sizeAtFirstPicture)
    const first = nodes.first()
    const [x, y] = await Promise.all([first.getAttribute('data-x'), first.getAttribute('data-y')])
    await page.mouse.click(Number(x), Number(y))
    await expect.poll(() => first.getAttribute('aria-pressed')).toBe('true')
  })
})
