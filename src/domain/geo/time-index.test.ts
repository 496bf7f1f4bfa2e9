import { describe, expect, it } from 'vitest'
import { overlapsWindow } from '../graph-model'
import type { TimeValue } from '../types'
import { buildTimeIndex, candidateRange, indexesInWindow } from './time-index'

const DAY = 86_400_000
const T0 = Date.UTC(2024, 0, 1)

function when(start: number, end?: number): TimeValue {
  return { start, ...(end !== undefined ? { end } : {}), precision: 'day', approximate: false }
}

/** A seeded mix of instants, day spans, long spans and undated items. */
function mix(count: number): (TimeValue | undefined)[] {
  let seed = 11
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
  return Array.from({ length: count }, (_, i) => {
    if (i % 17 === 0) return undefined
    const start = T0 + Math.floor(random() * 700) * DAY + (i % 3 === 0 ? 0 : 3_600_000)
    if (i % 5 === 0) return when(start)
    if (i % 41 === 0) return when(start, start + 200 * DAY)
    return when(start, start + DAY)
  })
}

const brute = (whens: (TimeValue | undefined)[], w: { start: number; end: number }) =>
  whens.flatMap((x, i) => (x && overlapsWindow(x, w) ? [i] : []))

describe('the time index', () => {
  it('finds exactly what overlapsWindow finds, in the list order, for windows of every kind', () => {
    const whens = mix(3_000)
    const index = buildTimeIndex(whens)
    const windows = [
      { start: T0, end: T0 + 180 * DAY },
      { start: T0 + 90 * DAY, end: T0 + 455 * DAY },
      { start: T0 + 300 * DAY, end: T0 + 300 * DAY },
      // Edges: a day ending where the window starts is out; an instant on the start is in.
      { start: T0 + 10 * DAY, end: T0 + 10 * DAY + 3_600_000 },
      { start: T0 - 900 * DAY, end: T0 - DAY },
      { start: T0 + 800 * DAY, end: T0 + 900 * DAY },
      { start: T0 - DAY, end: T0 + 1000 * DAY },
    ]
    for (const w of windows) expect([...indexesInWindow(index, w)]).toEqual(brute(whens, w))
  })

  it('keeps the window rule at the edges: span ends exclusive, window ends inclusive', () => {
    const whens = [when(T0, T0 + DAY), when(T0 + DAY), when(T0 + 2 * DAY, T0 + 3 * DAY), undefined]
    const index = buildTimeIndex(whens)
    expect([...indexesInWindow(index, { start: T0 + DAY, end: T0 + 2 * DAY })]).toEqual([1, 2])
    expect([...indexesInWindow(index, { start: T0 + DAY - 1, end: T0 + DAY - 1 })]).toEqual([0])
    expect([...indexesInWindow(index, { start: 0, end: Number.MAX_SAFE_INTEGER })]).toEqual([
      0, 1, 2,
    ])
  })

  it('tests only the items between the binary searches, not the whole list', () => {
    // One event a day for 1,000 days: a 10-day window tests about 10 of them.
    const whens = Array.from({ length: 1_000 }, (_, i) => when(T0 + i * DAY, T0 + (i + 1) * DAY))
    const index = buildTimeIndex(whens)
    const w = { start: T0 + 500 * DAY, end: T0 + 510 * DAY - 1 }
    const [lo, hi] = candidateRange(index, w)
    expect(hi - lo).toBeLessThanOrEqual(11)
    expect([...indexesInWindow(index, w)]).toEqual(brute(whens, w))
    // A long span early on keeps everything after it a candidate, and is still found.
    const long = [when(T0, T0 + 2_000 * DAY), ...whens]
    const withLong = buildTimeIndex(long)
    expect(indexesInWindow(withLong, w)[0]).toBe(0)
    expect([...indexesInWindow(withLong, w)]).toEqual(brute(long, w))
  })

  it('orders the dated items by start, ties in list order, as a stable sort does', () => {
    // Many items share a start (700 days for 3,000 items), some start before 1970 or at -0.
    const whens = [...mix(3_000), when(-5 * DAY), when(-0), when(0, DAY), when(-5 * DAY, 0)]
    const index = buildTimeIndex(whens)
    const dated = whens.flatMap((w, i) => (w ? [i] : []))
    const expected = [...dated].sort((a, b) => whens[a]!.start - whens[b]!.start || a - b)
    expect([...index.order]).toEqual(expected)
    expect([...index.starts]).toEqual(expected.map((i) => whens[i]!.start))
    let most = -Infinity
    expect([...index.reach]).toEqual(
      expected.map((i) => (most = Math.max(most, whens[i]!.start, whens[i]!.end ?? -Infinity))),
    )
    expect(buildTimeIndex([undefined, when(Number.NaN)]).order).toHaveLength(0)
  })
})
