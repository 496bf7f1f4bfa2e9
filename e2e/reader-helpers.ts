/**
 * Helpers for specs that work in the reader: select a passage by dragging the mouse over it
 * (`dragOver`) or with a DOM range as a drag would (`selectQuote`), read back the highlighted
 * tags, open a document from the list and show an event from the timeline. Shared so that
 * every spec selects text the same way.
 */
import { join } from 'node:path'
import { REPO_ROOT } from './env'
import { chooseFiles } from './harness'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * Selects `quote` in the reader with a DOM range, as a mouse drag would: the first one
 * inside the `occurrence`-th match of `within` (default: the quote itself). Ends with a
 * mouseup on the text, which is what makes the reader take the selection for tagging.
 */
export async function selectQuote(
  page: Page,
  quote: string,
  within = quote,
  occurrence = 0,
): Promise<void> {
  await page.evaluate(
    ({ quote, within, occurrence }) => {
      const root = document.querySelector('[data-testid="reader-text"]')!
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      const nodes: Text[] = []
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text)
      const full = nodes.map((n) => n.data).join('')
      let at = -1
      for (let i = 0; i <= occurrence; i++) at = full.indexOf(within, at + 1)
      if (at < 0) throw new Error(`not in the reader: ${within}`)
      at += within.indexOf(quote)
      const locate = (offset: number): [Text, number] => {
        for (const n of nodes) {
          if (offset <= n.data.length) return [n, offset]
          offset -= n.data.length
        }
        throw new Error('offset out of range')
      }
      const range = document.createRange()
      range.setStart(...locate(at))
      range.setEnd(...locate(at + quote.length))
      const sel = window.getSelection()!
      sel.removeAllRanges()
      sel.addRange(range)
      root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
    },
    { quote, within, occurrence },
  )
}

/**
 * Scrolls (the first) `quote` in the reader into view and drags the mouse over it as a person
 * would: from the edge of its first letter where reading starts (the right edge of a Persian
 * letter in right-to-left text) to the edge where its last letter ends (the left edge of a Persian letter; the right edge of
 * a digit, since numbers run left to right inside right-to-left text).
 */
export async function dragOver(page: Page, quote: string): Promise<void> {
  const box = await page.evaluate((quote) => {
    const root = document.querySelector('[data-testid="reader-text"]')!
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    const nodes: Text[] = []
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text)
    const full = nodes.map((n) => n.data).join('')
    const at = full.indexOf(quote)
    if (at < 0) throw new Error(`not in the reader: ${quote}`)
    const locate = (offset: number): [Text, number] => {
      for (const n of nodes) {
        if (offset < n.data.length) return [n, offset]
        offset -= n.data.length
      }
      throw new Error('offset out of range')
    }
    const charRect = (offset: number): DOMRect => {
      const r = document.createRange()
      const [node, i] = locate(offset)
      r.setStart(node, i)
      r.setEnd(node, i + 1)
      return r.getBoundingClientRect()
    }
    // Scrolled into view first, as a person would before dragging (no scroll if it is shown).
    locate(at)[0].parentElement!.scrollIntoView({ block: 'nearest' })
    const first = charRect(at)
    const last = charRect(at + quote.length - 1)
    const rtl = getComputedStyle(locate(at)[0].parentElement!).direction === 'rtl'
    const leftToRight = (ch: string): boolean => !rtl || /[0-9\u0660-\u0669\u06f0-\u06f9]/.test(ch)
    const firstLtr = leftToRight(quote.charAt(0))
    const lastLtr = leftToRight(quote.charAt(quote.length - 1))
    return {
      from: { x: firstLtr ? first.left + 1 : first.right - 1, y: first.top + first.height / 2 },
      to: { x: lastLtr ? last.right - 1 : last.left + 1, y: last.top + last.height / 2 },
    }
  }, quote)
  await page.mouse.move(box.from.x, box.from.y)
  await page.mouse.down()
  await page.mouse.move(box.to.x, box.to.y, { steps: 8 })
  await page.mouse.up()
}

/** The highlighted runs of the reader, in document order: their words and their tag kind. */
export async function tagTexts(page: Page): Promise<{ text: string; kind: string }[]> {
  return page
    .getByTestId('reader-text')
    .locator('[data-tag]')
    .evaluateAll((els) =>
      els.map((e) => ({ text: e.textContent ?? '', kind: (e as HTMLElement).dataset.kind! })),
    )
}

/** The shared sample report (../shared/samples), as kept in the repository beside the NER gold. */
export const SAMPLE_REPORT = join(
  REPO_ROOT,
  'src',
  'suggest',
  'fixtures',
  'tehran-strikes-us-bases.txt',
)

/**
 * On a fresh installation: creates a case called `title` from the welcome screen, imports
 * `files` with the Import button, closes the report and waits for the reader.
 */
export async function newCaseWithFiles(page: Page, title: string, files: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Create a case' }).click()
  await page.getByTestId('case-dialog').getByLabel('Title').fill(title)
  await page.getByTestId('case-dialog').getByRole('button', { name: 'Create' }).click()
  await chooseFiles(page, page.getByRole('button', { name: 'Import…' }).first(), files)
  await page.getByTestId('import-report').getByRole('button', { name: 'Done' }).click()
  await page.getByTestId('reader-text').waitFor()
}

/** Sets the open document's publication date (YYYY-MM-DD) in its details editor. */
export async function setPublished(page: Page, date: string): Promise<void> {
  await page.getByRole('button', { name: 'Edit details', exact: true }).click()
  const editor = page.getByTestId('metadata-editor')
  await editor.getByLabel('Date unknown').uncheck()
  await editor.getByLabel('Publication date').fill(date)
  await editor.getByRole('button', { name: 'Save' }).click()
  await editor.waitFor({ state: 'hidden' })
}

/**
 * Tags `quote` (inside the first match of `within`) as an actor linked to the entity
 * `name`: made a new entity of `kind`, or the existing one of that name.
 */
export async function tagActor(
  page: Page,
  quote: string,
  name: string,
  kind: 'state' | 'person' | 'organisation' | 'group',
  within = quote,
): Promise<void> {
  await selectQuote(page, quote, within)
  await page.keyboard.press('a')
  const picker = page.getByTestId('entity-picker')
  await picker.getByTestId('entity-query').fill(name)
  await picker.getByLabel('Kind, if new').selectOption(kind)
  await picker.getByTestId('entity-query').press('Enter')
  await picker.waitFor({ state: 'hidden' })
  // The picker closes as the tag is asked for; the tag is stored once the undo list names it.
  const named = `Undo Tag “${quote.replace(/\s+/g, ' ').trim().slice(0, 20)}`
  // (A wait, not expect.poll: this helper also runs in hooks, where polls are refused.)
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="undo"]')?.getAttribute('aria-label')?.includes(n),
    named,
  )
}

/** Clicks the timeline item titled `title` and waits until the Inspector shows that event. */
export async function showEvent(page: Page, title: string): Promise<void> {
  await page
    .getByTestId('timeline')
    .locator('.vis-item.vis-point, .vis-item.vis-range')
    .filter({ hasText: title })
    .first()
    .click()
  await expect.poll(() => page.getByTestId('event-details-title').innerText()).toBe(title)
}

/** Opens the document whose row shows `text` (a title or a source) and waits for its text. */
export async function openDoc(page: Page, text: string): Promise<void> {
  const row = page.getByTestId('doc-row').filter({ hasText: text })
  await row.click()
  await expect.poll(() => row.getAttribute('class')).toContain('selected')
  await page.getByTestId('reader-text').waitFor()
}
