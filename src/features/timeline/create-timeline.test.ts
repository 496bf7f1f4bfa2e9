// @vitest-environment jsdom
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { DataSet } from 'vis-data'
import { Timeline, type DataItem } from 'vis-timeline'
import {
  createTimeline,
  drawAddedItemsTogether,
  drawLanesTogether,
  TIMELINE_OPTIONS,
} from './create-timeline'

const DAY = 86_400_000
const JUNE = { start: Date.UTC(2025, 5, 19), end: Date.UTC(2025, 5, 28) - 1 }
/** Events in October, far from the June window. */
const OCTOBER: DataItem[] = [
  { id: 'a', content: 'a', start: Date.UTC(2025, 9, 3) },
  { id: 'b', content: 'b', start: Date.UTC(2025, 9, 9) },
]

// jsdom lays nothing out: every element is 0 px wide, so vis-timeline does not draw (as in a
// pane not laid out yet) until widths are given.
let width = 0
const described = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetWidth')!
Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
  configurable: true,
  get: () => width,
})
// The panel's width as vis-timeline reads it for its scale (milliseconds per pixel): without
// it every item counts as out of view while a lane takes it.
Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
  configurable: true,
  get: () => width,
})
afterEach(() => {
  width = 0
  document.body.replaceChildren()
})

/**
 * What a reopening pane does: a Timeline made while its container has no width, the remembered
 * window shown, the items handed over; then the container laid out and the timeline drawn.
 */
async function reopen(make: (container: HTMLElement, items: DataSet<DataItem>) => Timeline) {
  const container = document.createElement('div')
  document.body.append(container)
  const items = new DataSet<DataItem>()
  const timeline = make(container, items)
  timeline.setWindow(JUNE.start, JUNE.end, { animation: false })
  items.add(OCTOBER)
  width = 800
  await drawn(timeline)
  const w = timeline.getWindow()
  timeline.destroy()
  return { start: w.start.valueOf(), end: w.end.valueOf() }
}

/** Asks `timeline` to draw and resolves once it has (its "changed" event). */
function drawn(timeline: Timeline): Promise<void> {
  const done = changed(timeline)
  timeline.redraw()
  return done
}

/** Resolves once `timeline` has next drawn (its "changed" event). */
function changed(timeline: Timeline): Promise<void> {
  return new Promise<void>((resolve) => {
    const once = () => {
      timeline.off('changed', once)
      resolve()
    }
    timeline.on('changed', once)
  })
}

/** The items' drawing steps the lanes' test follows, as it names them. */
const STEP_NAMES: Record<string, string> = {
  _appendDomElement: 'append',
  _getDomComponentsSizes: 'read',
  _updateDomComponentsSizes: 'apply',
}

describe('createTimeline', () => {
  it('keeps the window shown before its first drawing', async () => {
    expect(await reopen((c, items) => createTimeline(c, items))).toEqual(JUNE)
  })

  it('is needed: a plain vis-timeline Timeline fits its first drawing to its items', async () => {
    const moved = await reopen((c, items) => new Timeline(c, items, TIMELINE_OPTIONS))
    expect(moved.start).toBeGreaterThan(JUNE.end + 90 * DAY)
  })

  it('draws as soon as it has a width', async () => {
    const container = document.createElement('div')
    document.body.append(container)
    width = 800
    const timeline = createTimeline(container, new DataSet<DataItem>(OCTOBER))
    await drawn(timeline)
    expect(container.querySelectorAll('.vis-item').length).toBeGreaterThan(0)
    timeline.destroy()
  })

  it('finds vis-timeline’s lanes to draw added items together', () => {
    const container = document.createElement('div')
    document.body.append(container)
    const timeline = createTimeline(container, new DataSet<DataItem>())
    expect(drawAddedItemsTogether(timeline)).toBe(true)
    timeline.destroy()
  })

  it('draws the items added in view in one pass, not each as a lane takes it', async () => {
    const container = document.createElement('div')
    document.body.append(container)
    width = 800
    const point = (id: string, day: number): DataItem => ({
      id,
      content: id,
      start: Date.UTC(2025, 9, day),
      type: 'point',
    })
    const items = new DataSet<DataItem>([point('a', 3)])
    const timeline = createTimeline(container, items)
    timeline.setWindow(Date.UTC(2025, 9, 1), Date.UTC(2025, 9, 31), { animation: false })
    await drawn(timeline)
    // The point items' class, from the one drawn: each drawing of an item is seen.
    const drawnItem = (timeline as unknown as { itemSet: { items: Record<string, object> } })
      .itemSet.items.a!
    const proto = Object.getPrototypeOf(drawnItem) as { redraw: (queue?: boolean) => unknown }
    const redraw = vi.spyOn(proto, 'redraw')
    try {
      // Added as the pane adds them; the timeline redraws by itself after an addition.
      const redrawn = changed(timeline)
      items.add(Array.from({ length: 20 }, (_, i) => point(`p${i}`, 5 + i)))
      await redrawn
      // Each drawn once, as a step of the one pass (vis-timeline's queue), never on its own.
      expect(redraw.mock.calls.length).toBe(20)
      expect(redraw.mock.calls.filter((args) => args[0] !== true)).toEqual([])
      expect(container.querySelectorAll('.vis-item.vis-point').length).toBe(21)
    } finally {
      redraw.mockRestore()
      timeline.destroy()
    }
  })

  it('draws the new items of every lane before reading any of their sizes, once each', async () => {
    const container = document.createElement('div')
    document.body.append(container)
    width = 800
    const LANES = 6
    const item = (lane: number, k: number): DataItem => ({
      id: `${lane}-${k}`,
      content: `${lane}-${k}`,
      group: `lane${lane}`,
      start: Date.UTC(2025, 9, 2 + 4 * k),
      ...(k === 2 ? { end: Date.UTC(2025, 9, 12 + 4 * k), type: 'range' } : { type: 'point' }),
    })
    const items = new DataSet<DataItem>([
      ...Array.from({ length: LANES }, (_, lane) => [0, 1, 2].map((k) => item(lane, k))).flat(),
      // Out of view (December, the window being October): not drawn.
      { id: 'far', content: 'far', group: 'lane0', start: Date.UTC(2025, 11, 20), type: 'point' },
    ])
    const timeline = createTimeline(container, items)
    timeline.setWindow(Date.UTC(2025, 9, 1), Date.UTC(2025, 9, 31), { animation: false })
    await drawn(timeline)
    // The items' classes (point and range), seen through their prototypes' drawing steps.
    const set = (timeline as unknown as { itemSet: { items: Record<string, object> } }).itemSet
    const protos = new Set(['0-0', '0-2'].map((id) => Object.getPrototypeOf(set.items[id]!)))
    const order: string[] = []
    const restore: (() => void)[] = []
    for (const proto of protos) {
      for (const name of [
        '_appendDomElement',
        '_getDomComponentsSizes',
        '_updateDomComponentsSizes',
      ]) {
        const methods = proto as Record<string, (...args: unknown[]) => unknown>
        const own = Object.prototype.hasOwnProperty.call(methods, name)
        const original = methods[name]!
        methods[name] = function (this: { id: string }, ...args: unknown[]) {
          order.push(`${STEP_NAMES[name]} ${this.id}`)
          return original.apply(this, args)
        }
        restore.push(() => (own ? (methods[name] = original) : delete methods[name]))
      }
    }
    try {
      const grouped = changed(timeline)
      timeline.setGroups(
        new DataSet(
          Array.from({ length: LANES }, (_, lane) => ({
            id: `lane${lane}`,
            content: `Lane ${lane}`,
          })),
        ),
      )
      await grouped
      // (Items already drawn are first moved into their lanes: appended again, nothing read.)
      const reads = order.filter((o) => o.startsWith('read'))
      // Every item in view of every lane measured once; the one far away not at all.
      expect(reads.length).toBe(LANES * 3)
      expect(new Set(reads).size).toBe(LANES * 3)
      expect(reads).not.toContain('read far')
      // Every element appended before the first size is read: the page is laid out once, not
      // once a lane (without the patch a lane's reads follow its own appends, lane by lane);
      // and every size read before any is applied (applying writes styles).
      const applies = reads.map((o) => o.replace('read', 'apply'))
      expect(order.slice(order.indexOf(reads[0]!))).toEqual([...reads, ...applies])
      const lastAppends = order.slice(0, order.indexOf(reads[0]!)).slice(-LANES * 3)
      expect(lastAppends.map((o) => o.replace('append', 'read')).sort()).toEqual([...reads].sort())
      expect(container.querySelectorAll('.vis-item.vis-point').length).toBe(LANES * 2)
      expect(container.querySelectorAll('.vis-item.vis-range').length).toBe(LANES)
    } finally {
      for (const undo of restore) undo()
      timeline.destroy()
    }
  })

  it('finds vis-timeline’s lanes to draw them together', () => {
    const container = document.createElement('div')
    document.body.append(container)
    const timeline = createTimeline(container, new DataSet<DataItem>())
    expect(drawLanesTogether(timeline)).toBe(true)
    timeline.destroy()
  })
})

// Leave the prototype as jsdom made it for any other file sharing this worker.
afterAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', described)
  // jsdom's own clientWidth is Element's: the one defined here is dropped.
  delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth
})
