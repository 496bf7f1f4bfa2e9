/**
 * Search results come a page at a time: a query that 45 documents match shows the best 20 with
 * their snippets and says how many match; "Show more results", reached with Tab and pressed
 * with Enter, brings the next 20 (their snippets highlighting the query's word) and then the
 * last 5, after which the list says how many match and offers no more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chooseFiles, createCase, launchApp, type App } from './harness'

const COUNT = 45

function file(i: number): { name: string; mimeType: string; buffer: Buffer } {
  const text =
    `Harbour log ${i}\n\n` +
    `Entry ${i}: the weather held and the pilots waited for the tide.\n\n` +
    `${'A convoy was sighted off the breakwater. '.repeat(1 + (i % 4))}` +
    `Dockworkers counted ${i * 3} crates.\n`
  return { name: `harbour-${i}.txt`, mimeType: 'text/plain', buffer: Buffer.from(text) }
}

describe('search: results a page at a time', () => {
  let app: App

  beforeAll(async () => {
    app = await launchApp()
  })

  afterAll(async () => {
    app.assertNoExternalRequests()
    app.assertNoPageErrors()
    await app.close()
  })

  it('shows the first 20 hits, and the next pages from the keyboard', async () => {
    const { page } = app
    await createCase(page, 'Harbour logs')
    await chooseFiles(
      page,
      page.getByRole('button', { name: 'Import…' }).first(),
      Array.from({ length: COUNT }, (_, i) => file(i)),
    )
    const report = page.getByTestId('import-report')
    await expect
      .poll(() => report.locator('.report-summary').innerText())
      .toContain(`${COUNT} imported`)
    await report.getByRole('button', { name: 'Done' }).click()

    await page.getByTestId('search-input').click()
    await page.keyboard.type('convoy')
    const hits = page.getByTestId('search-hit')
    const count = page.getByTestId('search-count')
    await expect.poll(() => hits.count()).toBe(20)
    await expect.poll(() => count.innerText()).toBe(`The best 20 of ${COUNT} matching documents`)

    // Tab from the search box reaches "Show more results"; Enter asks for the next page.
    const more = page.getByTestId('search-more')
    const focused = (): Promise<string | undefined> =>
      page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)
    for (let tabs = 0; tabs < 200 && (await focused()) !== 'search-more'; tabs++) {
      await page.keyboard.press('Tab')
    }
    expect(await focused()).toBe('search-more')
    const firstPage = await hits.locator('.hit-title').allInnerTexts()
    await page.keyboard.press('Enter')
    await expect.poll(() => hits.count()).toBe(40)
    await expect.poll(() => count.innerText()).toBe(`The best 40 of ${COUNT} matching documents`)
    // The first page keeps its place; the new hits come with snippets on the matched word.
    expect((await hits.locator('.hit-title').allInnerTexts()).slice(0, 20)).toEqual(firstPage)
    for (let i = 20; i < 40; i++) {
      const marks = await hits.nth(i).locator('mark').allInnerTexts()
      expect(marks.length, `hit ${i}`).toBeGreaterThan(0)
      for (const mark of marks) expect(mark.toLowerCase()).toBe('convoy')
    }

    // Still focused, Enter brings the last five; then nothing more is offered.
    await expect.poll(focused).toBe('search-more')
    await page.keyboard.press('Enter')
    await expect.poll(() => hits.count()).toBe(COUNT)
    await expect.poll(() => count.innerText()).toBe(`${COUNT} documents match`)
    expect(await more.count()).toBe(0)
    const titles = await hits.locator('.hit-title').allInnerTexts()
    expect(new Set(titles).size).toBe(COUNT)
  })
})
