/**
 * The analyst's views, used with the mouse and keyboard in Chromium at 1440 × 900 (issue 19,
 * items 6, 7, 9 and 12). Each test builds its own state in its own app:
 * - the actor graph of the sample case: no two actors' discs overlap, after the first layout
 *   and after "Re-layout"; names are drawn at least 11 px high on screen (read from the
 *   canvas's own text drawing); "Fit" frames the actors shown, not those a filter hides;
 * - the timeline of the worked example (plus a joint Iran–Russia event): the default layout
 *   gives it room, no label runs past its panel's edge, "Zoom to fit" leaves a margin on
 *   both sides, and grouped by initiator the joint event is one item;
 * - a suggested word: a click selects it like any words (Shift+arrow extends it), its menu
 *   opens from its button or S, and "Tag as actor…" sends "Tehran" to Iran the state;
 * - the briefing's chronology: two events of the same day are put in the analyst's order
 *   with the mouse and with Alt+arrows, which is saved and printed; in the browser build
 *   "Print / PDF…" says how to print, and the print tab says so too (not on paper).
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchApp, reloadApp, type App } from './harness'
import { newCaseWithFiles, SAMPLE_REPORT, tagActor, tagTexts } from './reader-helpers'
import { buildWorkedExample, makeEvent } from './worked-example'

let app: App | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

/** Opens the sample case from the welcome screen and its first document. */
async function openSample(page: Page): Promise<void> {
  await page.getByTestId('open-sample').click()
  await page.getByTestId('doc-row').nth(3).waitFor()
  await page.getByTestId('doc-row').first().click()
  await page.getByTestId('reader-text').waitFor()
}

// ---------------------------------------------------------------------------------------
// 6. The actor graph

interface Disc {
  label: string
  x: number
  y: number
  r: number
}

/** Every actor drawn: where (client px) and its disc's radius on screen, once settled. */
async function discs(page: Page): Promise<Disc[]> {
  const read = () =>
    page.getByTestId('graph-node').evaluateAll((els) =>
      els.map((e) => {
        const d = (e as HTMLElement).dataset
        return { label: e.textContent ?? '', x: Number(d.x), y: Number(d.y), r: Number(d.r) }
      }),
    )
  let last = ''
  let now: Disc[] = []
  await expect
    .poll(
      async () => {
        now = await read()
        const key = JSON.stringify(now)
        const settled = now.length > 0 && now.every((d) => d.r > 0) && key === last
        last = key
        return settled
      },
      { interval: 250, timeout: 15_000 },
    )
    .toBe(true)
  return now
}

/** Pairs of actors whose discs intersect on screen. */
function overlaps(list: Disc[]): string[] {
  const out: string[] = []
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!
      const b = list[j]!
      // 1 px of slack for the rounding of the positions the page reports.
      if (Math.hypot(a.x - b.x, a.y - b.y) + 1 < a.r + b.r) out.push(`${a.label} / ${b.label}`)
    }
  }
  return out
}

/**
 * Records the text the page draws on canvases, with the size on screen (CSS px) it was last
 * drawn at: the font's size times the canvas transform's scale, over the device pixel ratio.
 */
async function recordCanvasText(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { drawnText?: Map<string, number> }
    w.drawnText = new Map()
    const proto = CanvasRenderingContext2D.prototype
    for (const name of ['fillText', 'strokeText'] as const) {
      const original = proto[name]
      proto[name] = function (this: CanvasRenderingContext2D, text: string, ...rest: number[]) {
        const size = /(\d+(?:\.\d+)?)px/.exec(this.font)
        const t = this.getTransform()
        if (size)
          w.drawnText!.set(text, (Number(size[1]) * Math.hypot(t.a, t.b)) / window.devicePixelRatio)
        return original.call(this, text, ...(rest as [number, number]))
      } as typeof original
    }
  })
}

/** The smallest size (CSS px) at which a text holding one of `words` was last drawn. */
async function smallestDrawn(page: Page, words: string[]): Promise<number> {
  return page.evaluate((words) => {
    const w = window as unknown as { drawnText: Map<string, number> }
    const sizes = [...w.drawnText].filter(([t]) => words.some((x) => t.includes(x)))
    return sizes.length ? Math.min(...sizes.map(([, px]) => px)) : 0
  }, words)
}

describe('6. the actor graph', () => {
  it('keeps actors apart, names readable, and fits what is shown', async () => {
    app = await launchApp()
    const { page } = app
    await recordCanvasText(page)
    await openSample(page)
    const nodes = page.getByTestId('graph-node')
    await expect.poll(() => nodes.count()).toBe(8)

    // Names at least 11 px on screen at the default zoom (measured as drawn, after Fit).
    const names = (await nodes.allTextContents()).map((label) => label.split(' ')[0]!)
    await page.getByRole('button', { name: 'Fit', exact: true }).click()
    await expect.poll(() => smallestDrawn(page, names)).toBeGreaterThanOrEqual(11)

    // No two actors' discs overlap.
    const first = await discs(page)
    expect(first).toHaveLength(8)
    expect(overlaps(first)).toEqual([])

    // Re-layout starts over and still separates everyone.
    await page.getByRole('button', { name: 'Re-layout' }).click()
    await expect.poll(async () => overlaps(await discs(page))).toEqual([])

    // Only the conflict ties, without isolated actors: Fit frames those actors alone,
    // centred in the canvas and filling most of it.
    await page.getByTestId('graph-family').selectOption('cooperation')
    await page.getByLabel('Hide isolated').check()
    await expect.poll(async () => (await discs(page)).length).toBeLessThan(8)
    await page.getByRole('button', { name: 'Fit', exact: true }).click()
    const box = await page.getByTestId('graph').boundingBox()
    const shown = await discs(page)
    const xs = shown.map((d) => d.x)
    const ys = shown.map((d) => d.y)
    const midX = (Math.min(...xs) + Math.max(...xs)) / 2
    const midY = (Math.min(...ys) + Math.max(...ys)) / 2
    expect(Math.abs(midX - (box!.x + box!.width / 2))).toBeLessThan(0.1 * box!.width)
    expect(Math.abs(midY - (box!.y + box!.height / 2))).toBeLessThan(0.15 * box!.height)
    for (const d of shown) {
      expect(d.x - d.r).toBeGreaterThanOrEqual(box!.x)
      expect(d.x + d.r).toBeLessThanOrEqual(box!.x + box!.width)
      expect(d.y - d.r).toBeGreaterThanOrEqual(box!.y)
      expect(d.y + d.r).toBeLessThanOrEqual(box!.y + box!.height)
    }
    await page.screenshot({ path: '/tmp/views-graph.png' })
  })
})

// ---------------------------------------------------------------------------------------
// 7. The timeline

/** The event items drawn (points and ranges; not the uncertainty bands). */
const timelineItems = (page: Page) =>
  page.getByTestId('timeline').locator('.vis-item.vis-point, .vis-item.vis-range')

/**
 * For every item's label: how far it stays inside the timeline's centre panel on the left
 * and on the right (px; negative: cut off), and whether its text is cut without an ellipsis.
 */
async function labelRoom(page: Page) {
  return page.getByTestId('timeline').evaluate((root) => {
    const panel = root.querySelector('.vis-panel.vis-center')!.getBoundingClientRect()
    return [...root.querySelectorAll('.vis-item.vis-point, .vis-item.vis-range')].map((item) => {
      const content = item.querySelector<HTMLElement>('.vis-item-content')!
      const box = content.getBoundingClientRect()
      const style = getComputedStyle(content)
      return {
        text: content.textContent ?? '',
        left: box.left - panel.left,
        right: panel.right - box.right,
        bottom: panel.bottom - box.bottom,
        cut: content.scrollWidth > content.clientWidth + 1 && style.textOverflow !== 'ellipsis',
      }
    })
  })
}

describe('7. the timeline', () => {
  it('has room by default, never cuts a label, fits with margins, draws each event once', async () => {
    app = await launchApp()
    const { page } = app
    await buildWorkedExample(page)
    // A joint event: Iran and Russia both act.
    await makeEvent(page, {
      quote: 'met with Russian President Vladimir Putin',
      title: 'Iran and Russia consult',
      type: 'Consult / meet',
      initiators: ['Iran', 'Russia'],
      targets: ['United States'],
      when: 'on Monday',
      resolution: /^'on Monday' → Mon 23 Jun 2025/,
    })
    await expect.poll(() => timelineItems(page).count()).toBe(4)

    // The default layout gives the timeline room (it had ~450 × 240 px).
    const body = (await page.getByTestId('timeline').boundingBox())!
    expect(body.width).toBeGreaterThanOrEqual(480)
    expect(body.height).toBeGreaterThanOrEqual(300)

    // No label cut off at an edge, in the first window or after Zoom to fit (with a margin).
    for (const room of await labelRoom(page)) {
      expect(room.right, room.text).toBeGreaterThanOrEqual(0)
      expect(room.left, room.text).toBeGreaterThanOrEqual(0)
      expect(room.bottom, room.text).toBeGreaterThanOrEqual(0)
      expect(room.cut, room.text).toBe(false)
    }
    await page.getByRole('button', { name: 'Zoom to fit' }).click()
    await expect
      .poll(async () => Math.min(...(await labelRoom(page)).map((r) => Math.min(r.left, r.right))))
      .toBeGreaterThanOrEqual(8)

    // Grouped by initiator: the joint event is one item, in Iran's lane, naming Russia.
    await page.getByTestId('timeline-group-by').selectOption('initiator')
    await expect
      .poll(() => page.getByTestId('timeline').locator('.vis-label').allInnerTexts())
      .toEqual(['Iran', 'United States'])
    await expect.poll(() => timelineItems(page).count()).toBe(4)
    await expect
      .poll(() =>
        timelineItems(page).filter({ hasText: 'Iran and Russia consult' }).allInnerTexts(),
      )
      .toEqual(['Iran and Russia consult (with Russia)'])
    // The lanes' names narrow the panel: the fitted window is fitted again, labels whole.
    await expect
      .poll(async () => Math.min(...(await labelRoom(page)).map((r) => Math.min(r.left, r.right))))
      .toBeGreaterThanOrEqual(0)
    await page.screenshot({ path: '/tmp/views-timeline.png' })
  })
})

// ---------------------------------------------------------------------------------------
// 9. Suggestions

describe('9. a suggestion sent elsewhere', () => {
  it('selects on click, opens its menu from a button or S, and tags Tehran as Iran', async () => {
    app = await launchApp()
    const { page } = app
    await newCaseWithFiles(page, 'Tehran', [SAMPLE_REPORT])
    await tagActor(page, 'Iran', 'Iran', 'state', 'Iran launched')
    await page.getByRole('tab', { name: 'Suggestions' }).click()
    const tehran = page.getByTestId('reader-text').locator('.suggestion', { hasText: /^Tehran$/ })
    await expect.poll(() => tehran.count(), { timeout: 15_000 }).toBeGreaterThan(0)

    // A plain click selects the word; no menu traps the analyst; Shift+→ extends it.
    await tehran.first().click()
    const selection = () => page.evaluate(() => window.getSelection()?.toString() ?? '')
    await expect.poll(selection).toBe('Tehran')
    expect(await page.getByTestId('suggestion-menu').count()).toBe(0)
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('Shift+ArrowRight')
    await expect.poll(selection).toMatch(/^Tehran.{2}$/)

    // The visible button under the selected suggestion opens its menu; Escape closes it.
    await tehran.first().click()
    await page.getByTestId('suggestion-button').click()
    const menu = page.getByTestId('suggestion-menu')
    await expect.poll(() => menu.innerText()).toContain('“Tehran”')
    await page.keyboard.press('Escape')
    await menu.waitFor({ state: 'detached' })

    // S opens it too; "Tag as actor…" and the type-ahead send it to Iran, the state.
    await tehran.first().click()
    await page.keyboard.press('s')
    await menu.getByRole('menuitem', { name: 'Tag as actor…' }).click()
    const picker = page.getByTestId('entity-picker')
    await picker.getByTestId('entity-query').click()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('Iran')
    await page.keyboard.press('Enter')
    await picker.waitFor({ state: 'hidden' })
    await expect.poll(() => tagTexts(page)).toContainEqual({ text: 'Tehran', kind: 'actor' })
    await page.getByRole('tab', { name: 'Inspector' }).click()
    await expect
      .poll(() =>
        page
          .getByTestId('inspector-entity')
          .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent),
      )
      .toBe('Iran')
  })
})

// ---------------------------------------------------------------------------------------
// 12. The briefing's chronology

/** The titles of the chronology as the preview prints it, in order. */
async function printedOrder(page: Page): Promise<string[]> {
  const rows = page.frameLocator('[data-testid="briefing-preview"]').locator('table.chronology tr')
  // The preview is written anew as the briefing changes: read while it reloads, it has no
  // rows yet (or its frame is gone), which the callers' polls wait out.
  const texts = await rows.allInnerTexts().catch(() => [] as string[])
  const titles = ['Araghchi meets Putin in Moscow', 'Missile strike on Al Udeid Air Base']
  if (!titles.every((a) => texts.some((t) => t.includes(a)))) return []
  return titles.sort(
    (a, b) => texts.findIndex((t) => t.includes(a)) - texts.findIndex((t) => t.includes(b)),
  )
}

describe('12. same-day events in the analyst’s order; how to print', () => {
  it('moves an event up and down (mouse and Alt+arrows), keeps it, prints it; says how to print', async () => {
    app = await launchApp()
    const { page, context } = app
    await buildWorkedExample(page)
    await page.getByTestId('view-briefing').click()
    await page.getByRole('button', { name: 'New briefing' }).click()
    await page.getByTestId('briefing-events').getByRole('button', { name: 'All' }).click()
    await expect
      .poll(() => page.getByTestId('briefing-events').locator('legend').innerText())
      .toBe('Events in the chronology (3)')
    let before: string[] = []
    await expect.poll(async () => (before = await printedOrder(page)).length).toBe(2)
    const [, second] = before

    // The later of the two Monday events moves up with its arrow: printed first now.
    await page.getByRole('button', { name: `Move “${second}” up` }).click()
    await expect.poll(() => printedOrder(page)).toEqual([...before].reverse())
    // And back down from the keyboard: Alt+↓ on its checkbox (focus stays on it).
    const box = page
      .getByTestId('briefing-event')
      .filter({ hasText: second! })
      .getByRole('checkbox')
    await box.focus()
    await page.keyboard.press('Alt+ArrowDown')
    await expect.poll(() => printedOrder(page)).toEqual(before)
    await page.keyboard.press('Alt+ArrowUp')
    await expect.poll(() => printedOrder(page)).toEqual([...before].reverse())
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('li')?.textContent ?? ''))
      .toContain(second)

    // Saved: the order survives a reload.
    await reloadApp(page)
    await page.getByTestId('view-briefing').click()
    await expect.poll(() => printedOrder(page)).toEqual([...before].reverse())

    // "Print / PDF…" in the browser: a notice says how, and the print tab shows it on
    // screen only.
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByTestId('briefing-print').click(),
    ])
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .allInnerTexts()
          .then((t) => t.join(' ')),
      )
      .toMatch(/Ctrl\+P/)
    const hint = tab.getByTestId('print-hint')
    await hint.waitFor()
    expect(await hint.innerText()).toMatch(/press Ctrl\+P .*Save as PDF/)
    await tab.emulateMedia({ media: 'print' })
    await expect.poll(() => hint.isVisible()).toBe(false)
    await tab.close()
  })
})
