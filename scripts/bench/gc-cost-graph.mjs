#!/usr/bin/env node
/**
 * `node scripts/bench/gc-cost-graph.mjs` (after `electron-vite build`): what one full garbage
 * collection of the graph's page costs once the scale case's graph has had its changes (issue
 * 17: the page's major collections were what made the graph's window change miss at 100,000
 * documents, and their cost grows with the objects the page holds). Generates the scale case
 * (`--size`, `--events`, `--actors` as the bench takes them; default 2,000 documents, 50,000
 * events, 2,000 actors; the generator's garbage collected, as the bench does), runs
 * `window.scale.graph()` and, when the page reaches `SPAN` (default `graph-window:end`, after
 * the 30 window changes), collects the page's garbage three times over the DevTools protocol
 * (`HeapProfiler.collectGarbage`, each timed from this side; the first also collects what the
 * changes left) and prints those times and the JS heap left, beside the graph's rows.
 * `SPAN=graph-first:start` gives the same for the page before the graph is mounted.
 */
/* global window */
import { join } from 'node:path'
import { generateScaleCase, openScalePage, ROOT, scaleArgs } from './bench-kit.mjs'

const SPAN = process.env.SPAN || 'graph-window:end'
const { browser, page, cdp } = await openScalePage(join(ROOT, 'out/bench-profile', 'graph-page'))
let out = ''
try {
  await page.exposeFunction('benchSpan', async (/** @type {string} */ edge) => {
    if (edge !== SPAN || out) return
    const times = []
    for (let i = 0; i < 3; i++) {
      const t = performance.now()
      await cdp.send('HeapProfiler.collectGarbage')
      times.push(Math.round(performance.now() - t))
    }
    const used = (await cdp.send('Runtime.getHeapUsage')).usedSize / 1e6
    out = `full collections at ${SPAN}: ${times.join(', ')} ms; JS heap left ${used.toFixed(1)} MB`
  })
  await generateScaleCase(page, scaleArgs())
  const rows = await page.evaluate(() => window.scale.graph())
  for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit} — ${r.detail}`)
  console.log(out || `the page never reached ${SPAN}`)
} finally {
  await browser.close()
}
