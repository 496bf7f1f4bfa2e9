/**
 * Documents in other languages, through the real UI in Chromium (issue 13, "Other
 * languages"): a Persian report is detected as Persian and laid out right to left, and a
 * passage dragged over with the mouse and tagged highlights exactly those words; its
 * language can be changed in the details editor and the change undone; a Russian report is
 * found by "Москва" through its "Москве", the snippet marking that word; an Arabic report
 * written with ي and ة is found by the Persian spelling of a word (ی, ه). Dates in the event
 * form (the resolver of src/domain/time/intl.ts): the Persian report's "۲ تیر ۱۴۰۴" is
 * 23 Jun 2025, and the Russian report's "в понедельник", published on a Friday, is the
 * Monday before.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchApp, type App } from './harness'
import { dragOver, newCaseWithFiles, selectQuote, setPublished, tagTexts } from './reader-helpers'

const PERSIAN = [
  'حمله موشکی ایران به پایگاه آمریکا در قطر',
  '',
  'به گزارش خبرگزاری، ایران روز ۲ تیر ۱۴۰۴ به پایگاه العدید در قطر موشک شلیک کرد.',
  '',
  'وزیر امور خارجه ایران ساعاتی پیش از این حمله در مسکو با ولادیمیر پوتین دیدار کرده بود؛ آیت‌الله خامنه‌ای گفت: «پاسخ ما قاطع است.»',
  '',
].join('\n')

const RUSSIAN = [
  'Переговоры в Москве',
  '',
  'В понедельник министр иностранных дел Ирана провёл переговоры в Москве с президентом России.',
  '',
  'По данным агентства, стороны обсудили удары по ядерным объектам и положение в регионе.',
  '',
].join('\n')

const ARABIC = [
  'بيان وزارة الخارجية',
  '',
  'قالت وزارة الخارجية إن إيران أطلقت صواريخ على قاعدة أمريكية قرب مدينة الدوحة يوم الاثنين.',
  '',
  'وأضاف البيان أن الوزير علي عراقجي التقى الرئيس الروسي في موسكو قبل ساعات من الهجوم.',
  '',
].join('\n')

/** Opens a document from the library by (part of) its title. */
async function openDoc(page: Page, title: string): Promise<void> {
  await page.getByTestId('doc-row').filter({ hasText: title }).first().click()
  await expect.poll(() => page.getByTestId('reader-title').innerText()).toBe(title)
}

async function search(page: Page, query: string): Promise<void> {
  const input = page.getByTestId('search-input')
  await input.click()
  await page.keyboard.press('Control+A')
  await page.keyboard.press('Backspace')
  await page.keyboard.type(query)
}

describe('documents in other languages', () => {
  let app: App
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casefile-languages-'))
    const files = [
      ['persian-report.txt', PERSIAN],
      ['russian-report.txt', RUSSIAN],
      ['arabic-statement.txt', ARABIC],
    ].map(([name, text]) => {
      const file = join(dir, name!)
      writeFileSync(file, text!)
      return file
    })
    app = await launchApp()
    await newCaseWithFiles(app.page, 'Sources in other languages', files)
  })
  afterAll(async () => {
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('detects a Persian report and lays it out right to left', async () => {
    const { page } = app
    await openDoc(page, 'حمله موشکی ایران به پایگاه آمریکا در قطر')
    await expect.poll(() => page.getByTestId('reader-language').innerText()).toBe('Persian (fa)')
    const paragraphs = page.getByTestId('reader-text').locator('p')
    await expect.poll(() => paragraphs.count()).toBe(3)
    const directions = await paragraphs.evaluateAll((ps) =>
      ps.map((p) => [p.getAttribute('dir'), getComputedStyle(p).direction]),
    )
    expect(directions).toEqual([
      ['rtl', 'rtl'],
      ['rtl', 'rtl'],
      ['rtl', 'rtl'],
    ])
    // Right to left: the text starts at the paragraph's right edge, and the full stop that
    // ends the sentence is drawn at its left end, left of every word of the line.
    const edges = await paragraphs.nth(1).evaluate((p) => {
      const node = p.firstChild as Text
      const rectOf = (i: number): DOMRect => {
        const r = document.createRange()
        r.setStart(node, i)
        r.setEnd(node, i + 1)
        return r.getBoundingClientRect()
      }
      const all = document.createRange()
      all.selectNodeContents(p)
      const lefts = [...all.getClientRects()].map((r) => r.left)
      const stop = rectOf(node.data.length - 1)
      return {
        fromRight: p.getBoundingClientRect().right - rectOf(0).right,
        stop: node.data.slice(-1),
        stopLeftOfAll: stop.left <= Math.min(...lefts) + 1,
      }
    })
    expect(edges).toEqual({ fromRight: expect.any(Number), stop: '.', stopLeftOfAll: true })
    expect(edges.fromRight).toBeLessThan(2)
    // The bundled Arabic-script font is the one in use, loaded from the app itself.
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.fonts]
            .filter((f) => f.family.replace(/["']/g, '') === 'Casefile Arabic')
            .map((f) => `${f.weight} ${f.status}`),
        ),
      )
      .toContain('400 loaded')
  })

  it('tags a passage dragged over in right-to-left text, highlighting exactly its words', async () => {
    const { page } = app
    const quote = 'آیت‌الله خامنه‌ای گفت'
    await dragOver(page, quote)
    const selected = await page.evaluate(() => window.getSelection()?.toString())
    expect(selected).toBe(quote)
    await page.keyboard.press('n')
    await expect.poll(() => tagTexts(page)).toEqual([{ text: quote, kind: 'note' }])
    // A second passage in the middle of a sentence, with a date in Persian digits inside it
    // (numbers run left to right within the right-to-left line).
    const date = 'ایران روز ۲ تیر ۱۴۰۴ به پایگاه'
    await dragOver(page, date)
    await page.keyboard.press('n')
    await expect
      .poll(() => tagTexts(page))
      .toEqual([
        { text: date, kind: 'note' },
        { text: quote, kind: 'note' },
      ])
    await page
      .getByTestId('reader')
      .screenshot({ path: join(dir, '..', 'casefile-rtl-reader.png') })
  })

  it('resolves the Persian report’s Solar Hijri date in the event form', async () => {
    const { page } = app
    await openDoc(page, 'حمله موشکی ایران به پایگاه آمریکا در قطر')
    await selectQuote(page, '۲ تیر ۱۴۰۴')
    await page.keyboard.press('e')
    const form = page.getByTestId('event-form')
    await expect.poll(() => form.getByTestId('event-when').inputValue()).toContain('۲ تیر ۱۴۰۴')
    await expect
      .poll(() => form.getByTestId('event-resolution').innerText())
      .toMatch(/→ Mon 23 Jun 2025/)
    await form.getByRole('button', { name: 'Cancel' }).click()
    await form.waitFor({ state: 'hidden' })
  })

  it('resolves "в понедельник" in a Russian report published on a Friday to the Monday before', async () => {
    const { page } = app
    await openDoc(page, 'Переговоры в Москве')
    await setPublished(page, '2025-06-27')
    await expect.poll(() => page.getByTestId('reader-date').innerText()).toBe('Fri 27 Jun 2025')
    await selectQuote(page, 'провёл переговоры')
    await page.keyboard.press('e')
    const form = page.getByTestId('event-form')
    await expect.poll(() => form.getByTestId('event-when').inputValue()).toMatch(/^в понедельник$/i)
    await expect
      .poll(() => form.getByTestId('event-resolution').innerText())
      .toMatch(/→ Mon 23 Jun 2025/)
    await form.getByRole('button', { name: 'Cancel' }).click()
    await form.waitFor({ state: 'hidden' })
  })

  it('lets the analyst change the language, and undo that', async () => {
    const { page } = app
    await openDoc(page, 'بيان وزارة الخارجية')
    await expect.poll(() => page.getByTestId('reader-language').innerText()).toBe('Arabic (ar)')
    const text = page.getByTestId('reader-text')
    await expect.poll(() => text.getAttribute('dir')).toBe('rtl')
    await page.getByRole('button', { name: 'Edit details', exact: true }).click()
    const editor = page.getByTestId('metadata-editor')
    await editor.getByTestId('meta-language').selectOption('en')
    await editor.getByRole('button', { name: 'Save' }).click()
    await editor.waitFor({ state: 'hidden' })
    await expect.poll(() => page.getByTestId('reader-language').innerText()).toBe('English (en)')
    await expect.poll(() => text.getAttribute('dir')).toBe(null)
    // Each paragraph still takes the direction of its own letters.
    await expect.poll(() => text.locator('p').first().getAttribute('dir')).toBe('auto')
    await page.getByTestId('reader-text').focus()
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.getByTestId('reader-language').innerText()).toBe('Arabic (ar)')
    await expect.poll(() => text.getAttribute('dir')).toBe('rtl')
  })

  it('finds "Москва" in a Russian report through "Москве", marking that word', async () => {
    const { page } = app
    await search(page, 'Москва')
    const hits = page.getByTestId('search-hit')
    await expect.poll(() => hits.count()).toBe(1)
    await expect.poll(() => hits.first().innerText()).toContain('Переговоры в Москве')
    const marks = await page.getByTestId('search-results').locator('mark').allInnerTexts()
    expect(marks.length).toBeGreaterThan(0)
    expect(new Set(marks)).toEqual(new Set(['Москве']))
  })

  it('finds an Arabic statement by the Persian spelling of its words', async () => {
    const { page } = app
    // Persian ی and ه where the Arabic text has ي and ة: "مدینه" for "مدينة".
    await search(page, 'مدینه')
    const hits = page.getByTestId('search-hit')
    await expect.poll(() => hits.count()).toBe(1)
    await expect.poll(() => hits.first().innerText()).toContain('بيان وزارة الخارجية')
    await expect
      .poll(() => page.getByTestId('search-results').locator('mark').allInnerTexts())
      .toEqual(['مدينة'])
    // The snippet is laid out right to left, like its text.
    await expect
      .poll(() =>
        hits
          .first()
          .locator('.snippet')
          .first()
          .evaluate((e) => getComputedStyle(e).direction),
      )
      .toBe('rtl')
    // And "عراقجی" (Persian yeh) finds "عراقجي" (Arabic yeh).
    await search(page, 'عراقجی')
    await expect.poll(() => hits.count()).toBe(1)
    await expect
      .poll(() => page.getByTestId('search-results').locator('mark').allInnerTexts())
      .toEqual(['عراقجي'])
    await search(page, '')
  })
})
