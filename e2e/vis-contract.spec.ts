/**
 * The contract between `src/features/graph/vis-fast.ts` and the real vis-network (10.1.5, as
 * pinned), in Chromium: its unit tests use fakes, so only this shows that the shortcuts still
 * fit the library. The spec bundles `e2e/vis-contract/page.ts` with Vite (the real vis-network
 * and the app's vis-fast, nothing faked), serves it on the app's origin under the app's CSP,
 * and checks that the fast way and the public way give the same visible set — in vis-network's
 * own lists and in the canvas pixels (a hidden node or edge is not painted, a shown one is, in
 * the same colour) — that no shortcut fell back, and that a shortcut that must fall back says
 * so (a console warning and `data-vis-fast-fallback` on the page root).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConsoleMessage } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../electron/csp.mjs'
import { REPO_ROOT } from './env'
import { assertNoExternalRequests, assertNoPageErrors, launchApp, type App } from './harness'
import type { Comparison } from './vis-contract/contract'

const PREFIX = '__vis-contract/'

describe('vis-fast against the real vis-network', () => {
  let app: App
  let outDir: string
  const warnings: string[] = []

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'casefile-vis-contract-'))
    await build({
      configFile: false,
      root: join(REPO_ROOT, 'e2e', 'vis-contract'),
      base: './',
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, minify: false, target: 'chrome130' },
    })
    app = await launchApp({ waitForReady: false })
    const { page } = app
    // Served on the app's own origin (the harness allows no other), with the app's CSP.
    await page.route(`${app.url}${PREFIX}**`, (route) => {
      const path = new URL(route.request().url()).pathname.slice(`/${PREFIX}`.length)
      return route.fulfill({
        path: join(outDir, path || 'index.html'),
        headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
      })
    })
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'warning' && m.text().startsWith('vis-fast:')) warnings.push(m.text())
    })
    await page.goto(`${app.url}${PREFIX}index.html`)
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached' })
  })

  afterAll(async () => {
    await app?.close()
    if (outDir) await rm(outDir, { recursive: true, force: true })
  })

  const compare = (hiddenNodes: string[], hiddenEdges: string[]): Promise<Comparison> =>
    app.page.evaluate(({ n, e }) => window.visContract.compare(n, e), {
      n: hiddenNodes,
      e: hiddenEdges,
    })

  /** The checks every comparison must pass. */
  function expectSame(result: Comparison, hiddenNodes: string[], hiddenEdges: string[]) {
    const { fast, slow } = result
    // No shortcut fell back: each took the fast way.
    expect(result.fallbacks).toEqual([])
    expect(result.engaged).toEqual({
      batchEdges: true,
      drawInFrames: true,
      setVisibility: [true],
    })
    // The same visible set, as vis-network counts it and as the canvas shows it.
    expect(fast.visibleNodes).toEqual(slow.visibleNodes)
    expect(fast.visibleEdges).toEqual(slow.visibleEdges)
    expect(fast.paintedNodes).toEqual(slow.paintedNodes)
    expect(fast.paintedEdges).toEqual(slow.paintedEdges)
    // Hidden means not painted; everything else is painted.
    for (const id of hiddenNodes) expect(fast.paintedNodes).not.toContain(id)
    for (const id of hiddenEdges) expect(fast.paintedEdges).not.toContain(id)
    expect(fast.paintedNodes).toEqual(fast.visibleNodes)
    expect(fast.paintedEdges).toEqual(fast.visibleEdges)
    expect(fast.paintedEdges.length).toBeGreaterThan(0)
    // In vis-network's own colour (batched strokes are set from its getColor).
    for (const id of fast.paintedEdges) {
      const [r, g, b] = fast.edgeColours[id]!
      const [r2, g2, b2] = slow.edgeColours[id]!
      expect(Math.max(Math.abs(r - r2), Math.abs(g - g2), Math.abs(b - b2))).toBeLessThan(24)
    }
  }

  it('shows everything the same way', async () => {
    const result = await compare([], [])
    expectSame(result, [], [])
    expect(result.fast.paintedEdges).toHaveLength(24)
    expect(result.fast.paintedNodes).toHaveLength(48)
  })

  it('hides the same nodes and edges, and those of hidden nodes, as the DataSet way', async () => {
    const nodes = ['a0', 'b0', 'a3', 'b17']
    const edges = ['e1', 'e7', 'e8', 'e20']
    const result = await compare(nodes, edges)
    expectSame(result, nodes, edges)
    // An edge whose end is hidden is not drawn either way.
    expect(result.fast.paintedEdges).not.toContain('e3')
    expect(result.fast.paintedEdges).not.toContain('e17')
    // e0 (both ends hidden), e3, e17 (one end hidden) and the four hidden edges.
    expect(result.fast.paintedEdges).toHaveLength(24 - 7)
  })

  it('shows them again the same way', async () => {
    const nodes = ['b0']
    const edges = ['e2', 'e20']
    const result = await compare(nodes, edges)
    expectSame(result, nodes, edges)
    expect(result.fast.paintedEdges).toContain('e7')
    expect(result.fast.paintedNodes).toContain('a3')
    assertNoPageErrors()
    assertNoExternalRequests()
  })

  it('adds edges quietly (addEdges) with the same result as the DataSet way', async () => {
    const result = await app.page.evaluate(() => window.visContract.compareAdded())
    expect(result.added).toBe(true)
    expect(result.fallbacks).toEqual([])
    const { fast, slow } = result
    expect(fast.visibleEdges).toHaveLength(24)
    expect(fast.visibleEdges).toEqual(slow.visibleEdges)
    expect(fast.visibleNodes).toEqual(slow.visibleNodes)
    expect(fast.paintedEdges).toEqual(slow.paintedEdges)
    expect(fast.paintedEdges).toEqual(fast.visibleEdges)
    for (const id of fast.paintedEdges) {
      const [r, g, b] = fast.edgeColours[id]!
      const [r2, g2, b2] = slow.edgeColours[id]!
      expect(Math.max(Math.abs(r - r2), Math.abs(g - g2), Math.abs(b - b2))).toBeLessThan(24)
    }
    assertNoPageErrors()
  })

  it('holds edges ahead hidden (unpainted), worked out for drawing, and shows them as the DataSet way does', async () => {
    const result = await app.page.evaluate(() => window.visContract.compareHeld())
    expect(result.added).toBe(true)
    // Each held edge worked out ahead (batchEdges' prepare), while hidden.
    expect(result.prepared).toBe(12)
    expect(result.engaged.setVisibility).toEqual([true])
    expect(result.fallbacks).toEqual([])
    // While held, only the first half is counted visible and painted.
    expect(result.whileHeld.visibleEdges).toHaveLength(12)
    expect(result.whileHeld.paintedEdges).toEqual(result.whileHeld.visibleEdges)
    const { fast, slow } = result
    expect(fast.visibleEdges).toHaveLength(24)
    expect(fast.visibleEdges).toEqual(slow.visibleEdges)
    expect(fast.paintedEdges).toEqual(slow.paintedEdges)
    expect(fast.paintedEdges).toEqual(fast.visibleEdges)
    for (const id of fast.paintedEdges) {
      const [r, g, b] = fast.edgeColours[id]!
      const [r2, g2, b2] = slow.edgeColours[id]!
      expect(Math.max(Math.abs(r - r2), Math.abs(g - g2), Math.abs(b - b2))).toBeLessThan(24)
    }
    assertNoPageErrors()
  })

  it('draws and picks the panel’s own ties (own-ties.ts) as vis-network draws and picks its edges', async () => {
    const result = await app.page.evaluate(() => window.visContract.compareOwn())
    expect(result.fallbacks).toEqual([])
    expect(result.ownTies).toBe(24)
    const { own, slow } = result
    // vis-network holds no edge on the panel's side, yet every tie is painted, in its colour.
    expect(own.visibleEdges).toEqual([])
    expect(slow.paintedEdges).toHaveLength(24)
    expect(own.paintedEdges).toEqual(slow.paintedEdges)
    for (const id of own.paintedEdges) {
      const [r, g, b] = own.edgeColours[id]!
      const [r2, g2, b2] = slow.edgeColours[id]!
      expect(Math.max(Math.abs(r - r2), Math.abs(g - g2), Math.abs(b - b2))).toBeLessThan(24)
    }
    // The whole picture — lines and arrowheads on the targets' borders — as vis-network's.
    console.log(
      `own ties: ${result.differing} pixels differ; selected: ${result.selected.differing}`,
    )
    expect(result.differing).toBeLessThan(40)
    // A pointer on a tie picks it, as vis-network picks it; off every tie, none.
    expect(result.picked).toEqual(Array.from({ length: 24 }, (_, i) => `e${i}`))
    expect(result.pickedBySlow).toEqual(result.picked)
    expect(result.pickedOff).toEqual(Array.from({ length: 24 }, () => ''))
    // Selected: wider, in the highlight colour, as vis-network draws a selected edge.
    const purple = result.selected.own.edgeColours.e1!
    expect(purple[2]).toBeGreaterThan(purple[1] + 80)
    expect(result.selected.differing).toBeLessThan(40)
    assertNoPageErrors()
  })

  it('falls back visibly when the internals are not there', async () => {
    expect(warnings).toEqual([])
    const answered = await app.page.evaluate(() => window.visContract.breakInternals())
    expect(answered).toEqual({ setVisibility: false, drawInFrames: false, batch: false })
    await expect
      .poll(() => app.page.evaluate(() => document.documentElement.dataset.visFastFallback))
      .toBe('setVisibility drawInFrames batchEdges')
    await expect.poll(() => warnings.length).toBe(3)
    expect(warnings[0]).toMatch(/^vis-fast: setVisibility fell back to vis-network's public API/)
    // Once per shortcut, however often it falls back.
    await app.page.evaluate(() => window.visContract.breakInternals())
    expect(warnings).toHaveLength(3)
    assertNoPageErrors()
  })
})
