// @vitest-environment jsdom
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { DataSet } from 'vis-data'
import { Timeline, type DataItem } from 'vis-timeline'
import { createTimeline, TIMELINE_OPTIONS } from './create-timeline'

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
  const done = new Promise<void>((resolve) => {
    const changed = () => {
      timeline.off('changed', changed)
      resolve()
    }
    timeline.on('changed', changed)
  })
  timeline.redraw()
  return done
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
})

// Leave the prototype as jsdom made it for any other file sharing this worker.
afterAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', described)
})
