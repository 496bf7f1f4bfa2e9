/**
 * A long document in the reader (about 1 MB, 3,000 paragraphs), which draws only the
 * paragraphs near the viewport: the analyst goes to the end with Ctrl+End and tags a passage
 * there, tags a passage that spans two of the reader's blocks, goes back to the top, and
 * jumps to the far tag from the Entities tab and to a far word from the search — each time
 * the passage is drawn, on screen and flashed, and every tag keeps the offsets of its words.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { launchApp, type App } from './harness'
import { newCaseWithFiles, selectQuote, tagTexts } from './reader-helpers'

const WORDS = ['convoy', 'ministry', 'harbour', 'statement', 'border', 'council', 'envoy', 'patrol']

/** Paragraph i of the long report: numbered, about 330 characters. */
function paragraph(i: number): string {
  const words = Array.from({ length: 40 }, (_, k) => WORDS[(i * 7 + k) % WORDS.length]).join(' ')
  return `Section ${i}. The ${words}.`
}

const COUNT = 3000
const FAR = 'Colonel Varga crossed the northern ridge at dawn'
const TEXT = [
  ...Array.from({ length: COUNT - 2 }, (_, i) => paragraph(i)),
  `${FAR}, the last report said.`,
  'End of the long report.',
].join('\n\n')

/** The reader's scrolling box: is the element matching `selector` inside its viewport? */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((selector) => {
    const el = document.querySelector(`[data-testid="reader-text"] ${selector}`)
    const box = document.querySelector('[data-testid="reader-scroll"]')
    if (!el || !box) return false
    const r = el.getBoundingClientRect()
    const v = box.getBoundingClientRect()
    return r.bottom > v.top && r.top < v.bottom
  }, selector)
}

/** The inspector's "characters start–end" of the selected tag. */
async function inspectedOffsets(page: Page): Promise<[number, number]> {
  const line = await page
    .getByTestId('inspector')
    .getByText(/characters \d+–\d+/)
    .innerText()
  const [, start, end] = /characters (\d+)–(\d+)/.exec(line)!
  return [Number(start), Number(end)]
}

/**
 * Goes to the end with Ctrl+End and tags "Colonel Varga" there as a new person, checking that
 * the end is drawn and on screen and that the tag keeps the offsets of its words.
 */
async function tagFarActor(page: Page): Promise<void> {
  const text = page.getByTestId('reader-text')
  await text.click({ position: { x: 60, y: 40 } })
  await page.keyboard.press('Control+End')
  await expect.poll(() => text.getByText('End of the long report.').count()).toBe(1)
  await expect.poll(() => onScreen(page, '[data-start]:last-child')).toBe(true)

  await selectQuote(page, 'Colonel Varga')
  await page.keyboard.press('a')
  const picker = page.getByTestId('entity-picker')
  await expect.poll(() => picker.getByTestId('entity-query').inputValue()).toBe('Colonel Varga')
  await picker.getByLabel('Kind, if new').selectOption('person')
  await picker.getByTestId('entity-query').press('Enter')
  await expect.poll(() => tagTexts(page)).toContainEqual({ text: 'Colonel Varga', kind: 'actor' })
  const start = TEXT.indexOf('Colonel Varga')
  await expect.poll(() => inspectedOffsets(page)).toEqual([start, start + 'Colonel Varga'.length])
}

// Each test opens its own browser and imports the document itself (the spec is about a long
// document as imported), so that one test's failure cannot leave the next one a broken state.
describe('a long document', () => {
  let app: App
  let dir: string
  let file: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'casefile-long-'))
    file = join(dir, 'long-report.txt')
    await writeFile(file, TEXT)
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  beforeEach(async () => {
    app = await launchApp()
    await newCaseWithFiles(app.page, 'Long reports', [file])
  })
  afterEach(async () => {
    await app?.close()
  })

  it('draws only the paragraphs near the viewport', async () => {
    const text = app.page.getByTestId('reader-text')
    expect(Number(await text.getAttribute('data-blocks'))).toBeGreaterThan(100)
    const drawn = await text.locator('p').count()
    expect(drawn).toBeGreaterThan(5)
    expect(drawn).toBeLessThan(300)
    await expect.poll(() => text.getByText('End of the long report.').count()).toBe(0)
  })

  it('goes to the end with Ctrl+End and tags a passage there', async () => {
    await tagFarActor(app.page)
  })

  it('tags a passage that spans two blocks with the offsets of its words', async () => {
    const { page } = app
    // From the end of the document, as an analyst who has just read it would be.
    const text = page.getByTestId('reader-text')
    await text.click({ position: { x: 60, y: 40 } })
    await page.keyboard.press('Control+End')
    await expect.poll(() => text.getByText('End of the long report.').count()).toBe(1)
    // Scroll with the wheel until two neighbouring blocks are drawn.
    const box = (await page.getByTestId('reader-scroll').boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    const pairs = () =>
      page.evaluate(() => {
        const drawn = [...document.querySelectorAll<HTMLElement>('[data-block]')].map((b) =>
          Number(b.dataset.block),
        )
        return drawn.filter((b) => drawn.includes(b + 1)).length
      })
    await page.mouse.wheel(0, -3000)
    await page.mouse.wheel(0, 1000)
    await expect.poll(pairs).toBeGreaterThan(0)
    // From the last words of one block's last paragraph to the first of the next block's.
    const quote = await page.evaluate(() => {
      const blocks = [...document.querySelectorAll<HTMLElement>('[data-block]')]
      const pair = blocks.findIndex(
        (b, i) => Number(blocks[i + 1]?.dataset.block) === Number(b.dataset.block) + 1,
      )
      if (pair < 0) {
        const box = document.querySelector('[data-testid="reader-scroll"]')!
        throw new Error(
          `no two neighbouring blocks are drawn: ${blocks.map((b) => b.dataset.block).join()} ` +
            `${[...document.querySelectorAll<HTMLElement>('[data-gap]')].map((g) => g.dataset.gap + ':' + g.style.height).join()} ` +
            `scroll ${box.scrollTop}/${box.scrollHeight}/${box.clientHeight}`,
        )
      }
      const from = blocks[pair]!.lastElementChild!.firstChild as Text
      const to = blocks[pair + 1]!.firstElementChild!.firstChild as Text
      const range = document.createRange()
      range.setStart(from, from.data.length - 12)
      range.setEnd(to, 12)
      const sel = window.getSelection()!
      sel.removeAllRanges()
      sel.addRange(range)
      document
        .querySelector('[data-testid="reader-text"]')!
        .dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
      return { end: from.data.slice(-12), start: to.data.slice(0, 12) }
    })
    await page.keyboard.press('n')
    const start = TEXT.indexOf(`${quote.end}\n\n${quote.start}`)
    expect(start).toBeGreaterThan(0)
    await expect.poll(() => inspectedOffsets(page)).toEqual([start, start + 26])
    expect(await page.getByTestId('inspector-quote').innerText()).toContain(quote.start)
  })

  it('jumps from the Entities tab to the far tag, drawn, on screen and flashed', async () => {
    const { page } = app
    await tagFarActor(page)
    await page.getByTestId('reader-text').click({ position: { x: 60, y: 40 } })
    await page.keyboard.press('Control+Home')
    await expect.poll(() => page.getByTestId('reader-text').getByText(FAR).count()).toBe(0)

    await page.getByRole('tab', { name: 'Entities' }).click()
    await page.getByTestId('entity-row').filter({ hasText: 'Colonel Varga' }).click()
    await page.getByTestId('entity-mention').click()
    await expect.poll(() => onScreen(page, 'mark.flash')).toBe(true)
    await expect
      .poll(() => page.getByTestId('reader-focus').allInnerTexts())
      .toEqual(['Colonel Varga'])
    await expect.poll(() => tagTexts(page)).toContainEqual({ text: 'Colonel Varga', kind: 'actor' })
  })

  it('jumps from a search hit to a word near the end', async () => {
    const { page } = app
    await page.getByTestId('reader-text').click({ position: { x: 60, y: 40 } })
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('Control+k')
    await page.keyboard.type('northern ridge')
    const hit = page.getByTestId('search-hit').first()
    await hit.locator('.snippet').first().click()
    await expect.poll(() => onScreen(page, 'mark.flash')).toBe(true)
    const flashed = (await page.getByTestId('reader-focus').allInnerTexts()).join('')
    expect(flashed.toLowerCase()).toMatch(/northern|ridge/)
  })
})
