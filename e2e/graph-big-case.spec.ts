/**
 * The actor graph of a big case, whose ties the panel draws itself (own-ties.ts) rather than
 * as vis-network edges: a case of 80 actors and 5,200 ties (over `DRAWN_TIES_MAX`), restored
 * from a backup the test writes. vis-network holds no tie; every tie the panel draws is on the
 * canvas in its family's colour; the pointer on a tie shows its wording and a click on it
 * opens its events in the inspector, as for the ties of a small case; an empty click lets go.
 */
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertNoPageErrors, chooseFiles, launchApp, type App } from './harness'

const ACTORS = 80
const TIES = 5200
/** Of the ties, this many are meetings (cooperation); the others armed clashes (conflict). */
const MEETINGS = 40
/** The cooperation family's colour (src/figures/figure-kit.ts `EDGE_COLOURS`). */
const COOPERATION = '#15803d'

/**
 * Writes a backup of one case: `ACTORS` actors, and one event for each of the first `TIES`
 * ordered pairs of them (so `TIES` ties), dated across 2025; the first `MEETINGS` are
 * meetings, the rest clashes.
 */
async function writeBigCase(path: string): Promise<void> {
  const caseId = crypto.randomUUID()
  const now = Date.UTC(2025, 11, 1)
  const out = createWriteStream(path)
  const write = (s: string) =>
    new Promise<void>((resolve, reject) => out.write(s, (e) => (e ? reject(e) : resolve())))
  const actors = Array.from({ length: ACTORS }, (_, i) => ({
    id: crypto.randomUUID(),
    caseId,
    kind: 'group',
    name: `Brigade ${String(i + 1).padStart(2, '0')}`,
    aliases: [],
    createdAt: now,
  }))
  const events: Record<string, unknown>[] = []
  for (let i = 0; i < ACTORS && events.length < TIES; i++) {
    for (let j = 0; j < ACTORS && events.length < TIES; j++) {
      if (i === j) continue
      const n = events.length
      const meeting = n < MEETINGS
      events.push({
        id: crypto.randomUUID(),
        caseId,
        title: `${meeting ? 'Meeting' : 'Clash'} ${n + 1}`,
        type: meeting ? 'consult' : 'clash',
        initiators: [actors[i]!.id],
        targets: [actors[j]!.id],
        when: {
          start: Date.UTC(2025, 0, 1) + (n % 360) * 86_400_000,
          precision: 'day',
          approximate: false,
        },
        evidence: [],
        createdAt: now,
        updatedAt: now,
      })
    }
  }
  const backup = {
    format: 'casefile-backup',
    version: 2,
    exportedAt: new Date(now).toISOString(),
    app: { name: 'Casefile' },
    case: { id: caseId, title: 'Brigades 2025', createdAt: now, updatedAt: now },
    sources: [],
    documents: [],
    annotations: [],
    entities: actors,
    events,
    relations: [],
    briefings: [],
    viewState: [],
    changes: [],
  }
  await write(JSON.stringify(backup))
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  )
}

/**
 * The colours painted in the 5 × 5 canvas pixels around client point (x, y): the canvas is
 * transparent where nothing is drawn, and its pixels are read un-premultiplied, so a line
 * thinner than a pixel (faint: low alpha) still reads in its own colour.
 */
async function paintedNear(page: Page, x: number, y: number): Promise<[number, number, number][]> {
  return page.evaluate(
    ({ x, y }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="graph"] canvas')!
      const rect = canvas.getBoundingClientRect()
      const ratio = canvas.width / rect.width
      const cx = Math.round((x - rect.left) * ratio) - 2
      const cy = Math.round((y - rect.top) * ratio) - 2
      const data = canvas.getContext('2d')!.getImageData(cx, cy, 5, 5).data
      const out: [number, number, number][] = []
      for (let i = 0; i < data.length; i += 4)
        if (data[i + 3]! > 20) out.push([data[i]!, data[i + 1]!, data[i + 2]!])
      return out
    },
    { x, y },
  )
}

function hex(colour: string): [number, number, number] {
  const n = Number.parseInt(colour.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

/** Whether `rgb` is `colour`, each channel within 40. */
function near(rgb: [number, number, number], colour: [number, number, number]): boolean {
  return rgb.every((c, i) => Math.abs(c - colour[i]!) <= 40)
}

describe('graph: a big case’s ties, drawn by the panel', () => {
  let app: App
  let dir: string
  let restored: Promise<void> | undefined
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'casefile-big-graph-'))
    await writeBigCase(join(dir, 'brigades.casefile.json'))
    app = await launchApp()
    await app.page.setViewportSize({ width: 1600, height: 1000 })
  })
  afterAll(async () => {
    await app?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  /**
   * The case restored (once, by whichever test comes first) and open, the graph showing all
   * its ties (not following the timeline) of the family `family`.
   */
  async function openCase(family: '' | 'cooperation') {
    const { page } = app
    restored ??= (async () => {
      await chooseFiles(page, page.getByRole('button', { name: 'Restore a backup…' }), [
        join(dir, 'brigades.casefile.json'),
      ])
      await expect
        .poll(() => page.getByTestId('case-select').locator('option:checked').innerText(), {
          timeout: 60_000,
        })
        .toBe('Brigades 2025')
    })()
    await restored
    const follow = page.getByTestId('graph-follow')
    if (await follow.isChecked()) await follow.click()
    await page.getByTestId('graph-family').selectOption(family)
  }

  it('draws every actor and the strongest ties, none of them held by vis-network', async () => {
    const { page } = app
    await openCase('')
    await expect
      .poll(() => page.getByTestId('graph-counts').innerText(), { timeout: 30_000 })
      .toBe(`${ACTORS} actors · 5200 ties (the 5,000 strongest drawn)`)
    // The drawing after that change: no tie held by vis-network, 5,000 drawn by the panel.
    await expect
      .poll(() =>
        page.evaluate(() =>
          performance
            .getEntriesByName('casefile:graph:draw', 'measure')
            .map((m) => (m as PerformanceMeasure).detail as string)
            .at(-1),
        ),
      )
      .toBe(`${ACTORS} nodes, 0 ties held, 5000 drawn by the panel`)
  })

  it('shows a tie’s wording under the pointer, and opens its events on a click', async () => {
    const { page } = app
    await openCase('cooperation')
    await expect
      .poll(() => page.getByTestId('graph-counts').innerText())
      .toMatch(new RegExp(`^\\d+ actors · ${MEETINGS} ties$`))
    // The ties are few enough to be listed, each with where its middle is drawn. Once two
    // readings a moment apart agree (fitted, names sized), the tie whose middle lies furthest
    // from every actor's disc is the one pointed at.
    const places = () =>
      page.evaluate(() => {
        const read = (testId: string) =>
          [...document.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)].map((el) => ({
            id: el.dataset.id ?? '',
            text: el.textContent ?? '',
            x: Number(el.dataset.x),
            y: Number(el.dataset.y),
            r: Number(el.dataset.r ?? 0),
          }))
        return { ties: read('graph-edge'), actors: read('graph-node') }
      })
    let last = ''
    await expect
      .poll(
        async () => {
          const now = JSON.stringify(await places())
          const settled = now === last && !now.includes('null')
          last = now
          return settled
        },
        { interval: 250, timeout: 15_000 },
      )
      .toBe(true)
    const { ties, actors } = JSON.parse(last) as Awaited<ReturnType<typeof places>>
    expect(ties).toHaveLength(MEETINGS)
    // Each tie as drawn, from the places of its two actors.
    const actorAt = new Map(actors.map((a) => [a.text.trim(), a]))
    const segments = ties.map((t) => {
      const names = /^(Brigade \d\d) → (Brigade \d\d): Consult \/ meet$/.exec(t.text.trim())
      expect(names, t.text).not.toBeNull()
      return { tie: t, from: actorAt.get(names![1]!)!, to: actorAt.get(names![2]!)! }
    })
    const distance = (p: { x: number; y: number }, s: (typeof segments)[number]) => {
      const dx = s.to.x - s.from.x
      const dy = s.to.y - s.from.y
      const k = Math.max(
        0,
        Math.min(1, ((p.x - s.from.x) * dx + (p.y - s.from.y) * dy) / (dx * dx + dy * dy)),
      )
      return Math.hypot(s.from.x + k * dx - p.x, s.from.y + k * dy - p.y)
    }
    // Points along the ties' middles, the furthest from any other tie and any actor first.
    const candidates = segments
      .flatMap((s) =>
        [0.3, 0.4, 0.5, 0.6, 0.7].map((k) => {
          const p = {
            x: Math.round(s.from.x + k * (s.to.x - s.from.x)),
            y: Math.round(s.from.y + k * (s.to.y - s.from.y)),
          }
          const apart = Math.min(
            ...segments.filter((o) => o !== s).map((o) => distance(p, o)),
            ...actors.map((a) => Math.hypot(a.x - p.x, a.y - p.y) - a.r),
          )
          return { s, p, apart }
        }),
      )
      .sort((x, y) => y.apart - x.apart)
    // The first that is painted in the cooperation colour: names are drawn over the ties (with
    // a white outline), so a point under a name shows none.
    const want = hex(COOPERATION)
    let found: (typeof candidates)[number] | undefined
    for (const c of candidates.slice(0, 20)) {
      if ((await paintedNear(page, c.p.x, c.p.y)).some((rgb) => near(rgb, want))) {
        found = c
        break
      }
    }
    if (!found) throw new Error('no tie painted in the cooperation colour at 20 points along them')
    expect(found.apart).toBeGreaterThan(6)
    const at = found.p
    const label = found.s.tie.text.trim()
    const tie = page.locator(`[data-testid="graph-edge"][data-id="${found.s.tie.id}"]`)
    // The pointer on it: its wording, as vis-network shows an edge's title.
    await page.mouse.move(at.x + 30, at.y + 30)
    await page.mouse.move(at.x, at.y, { steps: 4 })
    const tip = page.getByTestId('graph-tie-tip')
    await expect.poll(() => tip.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible')
    expect(await tip.innerText()).toBe('Consult / meet')
    // The ties shown change under the resting pointer (every family shown): the tie it rested
    // on is let go and its wording goes, until the pointer moves again.
    const family = page.getByTestId('graph-family')
    await family.selectOption('')
    await expect.poll(() => page.getByTestId('graph-counts').innerText()).toContain('5200 ties')
    await expect.poll(() => tip.evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden')
    await family.selectOption('cooperation')
    await expect
      .poll(() => page.getByTestId('graph-counts').innerText())
      .toMatch(new RegExp(`· ${MEETINGS} ties$`))
    await page.mouse.move(at.x + 30, at.y + 30)
    await page.mouse.move(at.x, at.y, { steps: 4 })
    await expect.poll(() => tip.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible')
    // A click on it: its events in the inspector, and the list says which tie is selected.
    await page.mouse.click(at.x, at.y)
    const details = page.getByTestId('edge-details')
    await expect
      .poll(() => details.getByTestId('edge-details-title').innerText())
      .toBe(label.split(':')[0])
    await expect.poll(() => details.getByTestId('edge-event').innerText()).toMatch(/^Meeting \d+/)
    await expect.poll(() => tie.getAttribute('aria-pressed')).toBe('true')
    // Selected: drawn in the highlight colour.
    const purple = hex('#7c3aed')
    await expect
      .poll(async () => (await paintedNear(page, at.x, at.y)).some((rgb) => near(rgb, purple)))
      .toBe(true)
    // The pointer leaves: the wording goes.
    await page.mouse.move(at.x, at.y - 200, { steps: 4 })
    await expect.poll(() => tip.evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden')
    await page.screenshot({ path: '/tmp/graph-big-case.png' })
    assertNoPageErrors()
  })
})
