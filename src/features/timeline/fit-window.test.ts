import { describe, expect, it } from 'vitest'
import { fitWindow, type FitItem } from './fit-window'

const DAY = 86_400_000
const T0 = Date.UTC(2025, 5, 21)

/** Where `t` lands in a panel `width` px wide showing `w`. */
const px = (t: number, w: { start: number; end: number }, width: number) =>
  ((t - w.start) / (w.end - w.start)) * width

describe('fitWindow', () => {
  it('fits nothing when there is nothing', () => {
    expect(fitWindow([], { width: 500 })).toBeUndefined()
  })

  it('keeps every label inside the panel with a margin on both sides, and is tight', () => {
    const items: FitItem[] = [
      { start: T0, end: T0 + 2 * DAY, label: 160 },
      { start: T0 + 2.5 * DAY, label: 220 },
      { start: T0 + 3 * DAY, label: 240 },
      { start: T0 + 3 * DAY, end: T0 + 3.4 * DAY, label: 0 },
    ]
    const width = 520
    const w = fitWindow(items, { width, margin: 20 })!
    let slack = Infinity
    for (const item of items) {
      const left = px(item.start, w, width)
      const right = Math.max(left + item.label, px(item.end ?? item.start, w, width))
      expect(left).toBeGreaterThanOrEqual(20 - 0.5)
      expect(right).toBeLessThanOrEqual(width - 20 + 0.5)
      slack = Math.min(slack, width - 20 - right)
    }
    // As zoomed in as the labels allow: the tightest label ends at the margin.
    expect(slack).toBeLessThan(1)
  })

  it('leaves more room on the right for the newest label than a 20% pad would', () => {
    // Three days of events in a 450 px panel; the last label is 230 px long.
    const items: FitItem[] = [
      { start: T0, label: 120 },
      { start: T0 + DAY, label: 120 },
      { start: T0 + 3 * DAY, label: 230 },
    ]
    const w = fitWindow(items, { width: 450 })!
    expect(px(T0 + 3 * DAY, w, 450) + 230).toBeLessThanOrEqual(450 - 24 + 0.5)
    expect(w.end - (T0 + 3 * DAY)).toBeGreaterThan(0.2 * 3 * DAY)
  })

  it('shows a lone event over at least a day, label inside', () => {
    const w = fitWindow([{ start: T0, label: 200 }], { width: 600 })!
    expect(w.end - w.start).toBeGreaterThanOrEqual(DAY)
    expect(px(T0, w, 600)).toBeGreaterThanOrEqual(23.5)
    expect(px(T0, w, 600) + 200).toBeLessThanOrEqual(600 - 24 + 0.5)
  })

  it('counts a very long label only up to its share of the panel', () => {
    const items: FitItem[] = [
      { start: T0, label: 100 },
      { start: T0 + DAY, label: 5000 },
    ]
    const w = fitWindow(items, { width: 400, margin: 0, maxLabelShare: 0.5 })!
    expect(px(T0 + DAY, w, 400)).toBeCloseTo(200, 0)
  })
})
