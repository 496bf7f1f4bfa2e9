/**
 * The actor relationship panel through the real UI in Chromium, after building DESIGN.md's
 * worked example: the panel shows Iran, the United States, Russia and Qatar with the
 * Iran→United States strike, the United States→Iran strikes and the Iran→Russia meeting as
 * edges; clicking the Iran→US edge on the canvas lists the missile-strike event with its
 * quote; clicking a node filters the timeline and outlines the actor's mentions; narrowing
 * the timeline to the weekend leaves only the US→Iran tie; an "ally of" relation made from a
 * passage appears and survives a reload; a relation made in the panel takes a passage from
 * the inspector; positions (a dragged node included) survive a reload; the figure exports
 * as SVG with every actor in it.
 */
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { captureDownload, launchApp, reloadApp, type App } from './harness'
import { selectQuote } from './reader-helpers'
import { buildWorkedExample } from './worked-example'

const nodes = (page: Page) => page.getByTestId('graph-node')
const edges = (page: Page) => page.getByTestId('graph-edge')
const texts = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).allTextContents()).map((t) => t.trim()).sort()

/**
 * Where an actor (or an edge's middle) is drawn, in client pixels: once the pane has
 * measured it and two readings a moment apart agree (the layout and fit have settled).
 */
async function drawnAt(page: Page, label: string, kind: 'node' | 'edge' = 'node') {
  const entry = (kind === 'node' ? nodes(page) : edges(page)).filter({ hasText: label })
  const read = async () =>
    `${await entry.getAttribute('data-x')},${await entry.getAttribute('data-y')}`
  let last = ''
  await expect
    .poll(
      async () => {
        const now = await read()
        const settled = /^-?\d+,-?\d+$/.test(now) && now === last
        last = now
        return settled
      },
      { interval: 200, timeout: 10_000 },
    )
    .toBe(true)
  const [x, y] = last.split(',').map(Number)
  return { x: x!, y: y! }
}

/** Every actor's position as a share of the drawing's bounding box (0..1 on each axis). */
async function shape(page: Page): Promise<Record<string, { x: number; y: number }>> {
  const labels = await texts(page, 'graph-node')
  const at = Object.fromEntries(
    await Promise.all(labels.map(async (l) => [l, await drawnAt(page, l)] as const)),
  )
  const xs = Object.values(at).map((p) => p.x)
  const ys = Object.values(at).map((p) => p.y)
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
  return Object.fromEntries(
    Object.entries(at).map(([l, p]) => [
      l,
      { x: (p.x - x0) / (x1 - x0 || 1), y: (p.y - y0) / (y1 - y0 || 1) },
    ]),
  )
}

describe('actor relationship panel', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    await app.page.setViewportSize({ width: 1600, height: 1000 })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('shows the actors and the three ties of the worked example', async () => {
    const { page } = app
    await buildWorkedExample(page)
    await expect
      .poll(() => texts(page, 'graph-node'))
      .toEqual(['Iran', 'Qatar', 'Russia', 'United States'])
    await expect
      .poll(() => texts(page, 'graph-edge'))
      .toEqual([
        'Iran → Russia: Consult / meet',
        'Iran → United States: Assault / strike',
        'United States → Iran: Assault / strike',
      ])
  })

  it('clicking the Iran→US edge lists the missile-strike event with its quote', async () => {
    const { page } = app
    const at = await drawnAt(page, 'Iran → United States', 'edge')
    await page.mouse.click(at.x, at.y)
    const details = page.getByTestId('edge-details')
    await expect
      .poll(() => details.getByTestId('edge-details-title').innerText())
      .toMatch(/^Iran → United States/)
    const event = details.getByTestId('edge-event')
    await expect.poll(() => event.count()).toBe(1)
    expect(await event.innerText()).toContain('Missile strike on Al Udeid Air Base')
    await expect
      .poll(() => event.locator('blockquote').first().innerText())
      .toBe('firing missiles at American bases in Qatar')
    // One click from the passage in the reader.
    await event.locator('blockquote').first().click()
    await expect
      .poll(async () => (await page.getByTestId('reader-focus').allInnerTexts()).join(''))
      .toBe('firing missiles at American bases in Qatar')
  })

  it('clicking a node filters the timeline to its events and outlines its mentions', async () => {
    const { page } = app
    const at = await drawnAt(page, 'Russia')
    await page.mouse.click(at.x, at.y)
    const items = page.getByTestId('timeline').locator('.vis-item.vis-point, .vis-item.vis-range')
    await expect.poll(() => items.allInnerTexts()).toEqual(['Araghchi meets Putin in Moscow'])
    await expect
      .poll(() => page.getByTestId('reader-text').locator('.tag.emphasis').allInnerTexts())
      .toEqual(['Russian'])
    // A second click on the node lets go of it.
    await page.mouse.click(at.x, at.y)
    await expect.poll(() => items.count()).toBe(3)
    await expect.poll(() => page.locator('.tag.emphasis').count()).toBe(0)
  })

  it('follows the timeline: the weekend alone leaves only the US→Iran tie', async () => {
    const { page } = app
    await page.getByTestId('timeline-dates').click()
    const dialog = page.getByTestId('timeline-dates-dialog')
    await dialog.getByLabel('From (UTC day)').fill('2025-06-21')
    await dialog.getByLabel('To (UTC day, included)').fill('2025-06-22')
    await dialog.getByRole('button', { name: 'Show' }).click()
    await expect
      .poll(() => texts(page, 'graph-edge'))
      .toEqual(['United States → Iran: Assault / strike'])
    await expect
      .poll(() => page.getByTestId('graph-counts').innerText())
      .toMatch(/1 tie in the timeline’s window/)
    // Untick "Follow timeline": every tie again.
    await page.getByTestId('graph-follow').uncheck()
    await expect.poll(async () => (await texts(page, 'graph-edge')).length).toBe(3)
    await page.getByTestId('graph-follow').check()
    await expect.poll(async () => (await texts(page, 'graph-edge')).length).toBe(1)
    await page.getByRole('button', { name: 'Zoom to fit' }).click()
    await expect.poll(async () => (await texts(page, 'graph-edge')).length).toBe(3)
  })

  it('makes an "ally of" relation from a passage (R); it appears as an undirected tie', async () => {
    const { page } = app
    await selectQuote(page, 'a de facto alliance forming between Russia and Iran')
    await page.keyboard.press('r')
    const form = page.getByTestId('relation-form')
    await form.getByLabel('From', { exact: true }).selectOption({ label: 'Iran' })
    await form.getByLabel('Type', { exact: true }).selectOption({ label: 'ally of' })
    await form.getByLabel('To', { exact: true }).selectOption({ label: 'Russia' })
    await expect.poll(() => form.getByLabel('Directed', { exact: true }).isChecked()).toBe(false)
    await form.getByRole('button', { name: /Save/ }).click()
    await form.waitFor({ state: 'hidden' })
    await expect.poll(() => texts(page, 'graph-edge')).toContain('Iran — Russia: ally of')
  })

  it('makes a relation in the panel, then attaches a passage to it from the inspector', async () => {
    const { page } = app
    await page.getByTestId('graph-new-relation').click()
    const form = page.getByTestId('relation-form')
    await form.getByLabel('From', { exact: true }).selectOption({ label: 'United States' })
    await form.getByLabel('Type', { exact: true }).selectOption({ label: 'rival of' })
    await form.getByLabel('To', { exact: true }).selectOption({ label: 'Iran' })
    await form.getByRole('button', { name: /Save/ }).click()
    await form.waitFor({ state: 'hidden' })
    await expect.poll(() => texts(page, 'graph-edge')).toContain('United States — Iran: rival of')

    await selectQuote(page, 'open hostilities with Israel')
    await page.keyboard.press('c')
    await expect
      .poll(() => page.getByTestId('inspector-quote').innerText())
      .toBe('open hostilities with Israel')
    await page
      .getByTestId('add-evidence-event')
      .selectOption({ label: 'United States rival of Iran' })
    await page.getByTestId('add-evidence').click()
    const tie = await drawnAt(page, 'rival of', 'edge')
    await page.mouse.click(tie.x, tie.y)
    const relation = page.getByTestId('edge-details').getByTestId('edge-relation')
    await expect
      .poll(() => relation.locator('blockquote').allInnerTexts())
      .toEqual(['open hostilities with Israel'])
  })

  it('keeps the relation and the positions, a dragged node included, after a reload', async () => {
    const { page } = app
    // Drag Qatar (isolated) well away from where the layout put it: it is pinned there.
    const from = await drawnAt(page, 'Qatar')
    const iran = await drawnAt(page, 'Iran')
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move((from.x + iran.x) / 2, (from.y + iran.y) / 2 + 40, { steps: 8 })
    await page.mouse.up()
    await expect.poll(async () => (await drawnAt(page, 'Qatar')).x).not.toBe(from.x)
    // The picture is read once it is at rest (two reads in a row agree): a drag's last frame,
    // or a refit, may still be on its way when the drop is seen.
    let before = await shape(page)
    await expect
      .poll(async () => {
        const now = await shape(page)
        const still = JSON.stringify(now) === JSON.stringify(before)
        before = now
        return still
      })
      .toBe(true)

    await reloadApp(page)
    await expect.poll(() => texts(page, 'graph-edge')).toContain('Iran — Russia: ally of')
    await expect.poll(async () => (await texts(page, 'graph-node')).length).toBe(4)
    // At rest again before it is read: the first picture may still be refitted to the pane.
    let after = await shape(page)
    await expect
      .poll(async () => {
        const now = await shape(page)
        const still = JSON.stringify(now) === JSON.stringify(after)
        after = now
        return still
      })
      .toBe(true)
    for (const label of Object.keys(before)) {
      expect(Math.abs(after[label]!.x - before[label]!.x)).toBeLessThan(0.02)
      expect(Math.abs(after[label]!.y - before[label]!.y)).toBeLessThan(0.02)
    }
  })

  it('exports the figure as SVG with every actor and tie in it', async () => {
    const { page } = app
    const download = await captureDownload(page, page.getByRole('button', { name: 'SVG' }))
    const svg = await readFile((await download.path())!, 'utf8')
    expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true)
    for (const name of ['Iran', 'Qatar', 'Russia', 'United States']) expect(svg).toContain(name)
    expect(svg).toContain('ally of')
  })
})
