// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import type { EventRecord } from '../domain/types'
import { EDGE_COLOURS, estimateTextWidth } from '../figures/figure-kit'
import { DAY, HOUR, T0, day, eventFactory } from '../test/events'
import { LABEL_FONT_SIZE, LABEL_GAP, timelineToSvg, type TimelineSvgOptions } from './timeline-svg'

const event = eventFactory()

/** The worked example: a weekend range and two Monday events. */
function workedExample(): EventRecord[] {
  return [
    event({
      id: 'talks',
      title: 'Weekend talks in Doha',
      type: 'consult',
      when: day(0, { end: T0 + 2 * DAY }),
    }),
    event({ id: 'strike', title: 'Missile strike on Al Udeid', when: day(2) }),
    event({ id: 'statement', title: 'Statement by the ministry', type: 'statement', when: day(2) }),
  ]
}

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
  expect(doc.documentElement.localName).toBe('svg')
  return doc
}

const attr = (el: Element, name: string) => Number(el.getAttribute(name) ?? 0)

function viewBox(doc: Document): { width: number; height: number } {
  const [x, y, width, height] = (doc.documentElement.getAttribute('viewBox') ?? '')
    .split(' ')
    .map(Number)
  expect([x, y]).toEqual([0, 0])
  return { width: width!, height: height! }
}

interface Box {
  left: number
  right: number
  top: number
  bottom: number
}

/** A text's box from its x/y, anchor and the module's width estimate. */
function textBox(el: Element): Box {
  const size = attr(el, 'font-size')
  const bold = el.getAttribute('font-weight') === 'bold' ? 1.12 : 1
  // Only the direct text, not a <title> child's.
  const text = [...el.childNodes]
    .filter((n) => n.nodeType === 3)
    .map((n) => n.textContent)
    .join('')
  const width = estimateTextWidth(text, size) * bold
  const x = attr(el, 'x')
  const y = attr(el, 'y')
  const anchor = el.getAttribute('text-anchor') ?? 'start'
  const left = anchor === 'end' ? x - width : anchor === 'middle' ? x - width / 2 : x
  return { left, right: left + width, top: y - size, bottom: y + size * 0.3 }
}

/** Every drawn shape's box (circles, rects, lines, texts). */
function shapeBoxes(doc: Document): { el: Element; box: Box }[] {
  const out: { el: Element; box: Box }[] = []
  for (const el of doc.querySelectorAll('circle')) {
    const r = attr(el, 'r')
    const [cx, cy] = [attr(el, 'cx'), attr(el, 'cy')]
    out.push({ el, box: { left: cx - r, right: cx + r, top: cy - r, bottom: cy + r } })
  }
  for (const el of doc.querySelectorAll('rect')) {
    const [x, y] = [attr(el, 'x'), attr(el, 'y')]
    out.push({
      el,
      box: { left: x, right: x + attr(el, 'width'), top: y, bottom: y + attr(el, 'height') },
    })
  }
  for (const el of doc.querySelectorAll('line')) {
    const xs = [attr(el, 'x1'), attr(el, 'x2')]
    const ys = [attr(el, 'y1'), attr(el, 'y2')]
    out.push({
      el,
      box: {
        left: Math.min(...xs),
        right: Math.max(...xs),
        top: Math.min(...ys),
        bottom: Math.max(...ys),
      },
    })
  }
  for (const el of doc.querySelectorAll('text')) out.push({ el, box: textBox(el) })
  return out
}

function expectInsideViewBox(svg: string): Document {
  const doc = parse(svg)
  const { width, height } = viewBox(doc)
  expect(svg).not.toMatch(/NaN|Infinity/)
  const boxes = shapeBoxes(doc)
  expect(boxes.length).toBeGreaterThan(0)
  for (const { el, box } of boxes) {
    const where = `${el.outerHTML.slice(0, 160)} in 0 0 ${width} ${height}`
    expect(box.left, where).toBeGreaterThanOrEqual(0)
    expect(box.top, where).toBeGreaterThanOrEqual(0)
    expect(box.right, where).toBeLessThanOrEqual(width + 0.05)
    expect(box.bottom, where).toBeLessThanOrEqual(height + 0.05)
  }
  return doc
}

function labelBoxes(doc: Document): Box[] {
  return [...doc.querySelectorAll('text.label')].map(textBox)
}

function expectNoOverlap(boxes: Box[]): void {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!
      const b = boxes[j]!
      const apart =
        a.right + LABEL_GAP - 0.2 <= b.left ||
        b.right + LABEL_GAP - 0.2 <= a.left ||
        a.bottom <= b.top ||
        b.bottom <= a.top
      expect(apart, `labels ${i} and ${j} overlap: ${JSON.stringify([a, b])}`).toBe(true)
    }
  }
}

const W = 800
const render = (events: EventRecord[], options: Partial<TimelineSvgOptions> = {}) =>
  timelineToSvg(events, { width: W, ...options })

describe('timelineToSvg', () => {
  it('draws the worked example: one range left of two points, stacked labels', () => {
    const svg = render(workedExample(), { title: 'Gulf, June 2025' })
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true)
    const doc = expectInsideViewBox(svg)
    expect(doc.documentElement.getAttribute('width')).toBe('800')
    expect(doc.querySelector('svg > title')?.textContent).toBe('Gulf, June 2025')

    const ranges = doc.querySelectorAll('g.item.range')
    const points = doc.querySelectorAll('g.item.point')
    expect(ranges).toHaveLength(1)
    expect(points).toHaveLength(2)
    const bar = ranges[0]!.querySelector('rect')!
    expect(bar.getAttribute('stroke')).toBe(EDGE_COLOURS.cooperation)
    const dots = [...points].map((g) => g.querySelector('circle')!)
    for (const dot of dots)
      expect(attr(dot, 'cx')).toBeGreaterThan(attr(bar, 'x') + attr(bar, 'width'))
    // Both Monday events sit at the same instant, so they are stacked on two rows.
    expect(attr(dots[0]!, 'cx')).toBe(attr(dots[1]!, 'cx'))
    expect(attr(dots[0]!, 'cy')).not.toBe(attr(dots[1]!, 'cy'))
    const strike = doc.querySelector('g.item[data-id="strike"]')!
    expect(strike.getAttribute('class')).toContain('tl-conflict')
    expect(strike.querySelector('circle')!.getAttribute('fill')).toBe(EDGE_COLOURS.conflict)
    expect(strike.querySelector('title')!.textContent).toContain('Missile strike on Al Udeid')
    expect(strike.querySelector('text.label')!.textContent).toBe('Missile strike on Al Udeid')

    expectNoOverlap(labelBoxes(doc))
    // Three days of June: hour ticks, with the days named on the second row.
    const ticks = [...doc.querySelectorAll('text.tick')].map((t) => t.textContent)
    expect(ticks.length).toBeGreaterThan(3)
    for (const t of ticks) expect(t).toMatch(/^\d\d:00$/)
    const majors = [...doc.querySelectorAll('text.tick-major')].map((t) => t.textContent)
    expect(majors).toEqual(expect.arrayContaining(['21 Jun 2025', '22 Jun 2025', '23 Jun 2025']))
  })

  it('is deterministic', () => {
    const events = workedExample()
    expect(render(events)).toBe(render(structuredClone(events)))
    expect(render(events, { groupBy: 'initiator' })).toBe(render(events, { groupBy: 'initiator' }))
  })

  it('rounds every number to one decimal', () => {
    const svg = render(workedExample(), { width: 777.777 })
    for (const n of svg.match(/="(-?\d+\.\d+)"/g) ?? []) expect(n).toMatch(/^="-?\d+\.\d"$/)
  })

  it('never lets labels overlap, however crowded', () => {
    const events = Array.from({ length: 40 }, (_, i) =>
      event({
        title: `A rather long title for event number ${i} of the crowd`,
        when: day(Math.floor(i / 4), {
          precision: 'hour',
          end: T0 + Math.floor(i / 4) * DAY + HOUR,
        }),
      }),
    )
    const doc = expectInsideViewBox(render(events))
    expect(doc.querySelectorAll('g.item')).toHaveLength(40)
    expectNoOverlap(labelBoxes(doc))
  })

  it('shortens long titles with an ellipsis and keeps the full one in the tooltip', () => {
    const title = 'A very long title '.repeat(20).trim()
    const doc = expectInsideViewBox(render([event({ id: 'long', title, when: day(0) })]))
    const g = doc.querySelector('g.item[data-id="long"]')!
    const label = g.querySelector('text.label')!.textContent!
    expect(label.endsWith('…')).toBe(true)
    expect(label.length).toBeLessThan(title.length)
    expect(g.querySelector('title')!.textContent).toContain(title)
  })

  it.each([
    ['one hour', HOUR, /^\d\d:\d\d$/],
    ['one day', DAY, /^\d\d:00$/],
    ['three years', 3 * 365 * DAY, /^([A-Z][a-z]{2} )?\d{4}$/],
    ['two centuries', 200 * 365 * DAY, /^\d{4}$/],
  ])('keeps every shape inside the viewBox over %s', (_name, span, tickPattern) => {
    const n = 12
    const events = Array.from({ length: n }, (_, i) => {
      const start = T0 + (span * i) / (n - 1)
      return event({
        title: `Event ${i} — with a title of some length`,
        type: i % 3 === 0 ? 'consult' : i % 3 === 1 ? 'assault' : 'statement',
        when: {
          start,
          end: start + Math.min(span / 100, HOUR),
          precision: 'minute',
          approximate: i % 4 === 0,
          ...(i % 5 === 0 ? { earliest: start - span / 20, latest: start + span / 20 } : {}),
        },
      })
    })
    for (const width of [800, 400, 1600]) {
      const doc = expectInsideViewBox(render(events, { width, title: 'Span test' }))
      expect(doc.querySelectorAll('g.item')).toHaveLength(n)
      expectNoOverlap(labelBoxes(doc))
      const ticks = [...doc.querySelectorAll('text.tick')].map((t) => t.textContent ?? '')
      expect(ticks.length).toBeGreaterThan(1)
      for (const t of ticks) expect(t).toMatch(tickPattern)
    }
  })

  it('labels month ticks "Jun 2025", day ticks "21 Jun" and year ticks "2025"', () => {
    const at = (start: number) =>
      event({ when: { start, precision: 'day', approximate: false, end: start + DAY } })
    const ticks = (span: number) =>
      [...parse(render([at(T0), at(T0 + span)])).querySelectorAll('text.tick')].map(
        (t) => t.textContent,
      )
    expect(ticks(20 * DAY)).toContain('23 Jun')
    expect(ticks(400 * DAY)).toContain('Jul 2025')
    expect(ticks(30 * 365 * DAY)).toContain('2030')
  })

  it('draws approximate events dashed and italic, and uncertainty bands behind', () => {
    const fuzzy = event({
      id: 'fuzzy',
      title: 'About then',
      when: day(1, { approximate: true, earliest: T0, latest: T0 + 4 * DAY }),
    })
    const doc = expectInsideViewBox(render([fuzzy, event({ when: day(5) })]))
    const g = doc.querySelector('g.item[data-id="fuzzy"]')!
    expect(g.getAttribute('class')).toContain('tl-approximate')
    expect(g.querySelector('circle')!.getAttribute('stroke-dasharray')).toBeTruthy()
    expect(g.querySelector('text.label')!.getAttribute('font-style')).toBe('italic')
    const band = doc.querySelector('g.bands rect.tl-band')!
    expect(band.getAttribute('data-id')).toBe('band:fuzzy')
    // Behind: the bands group comes before the items.
    const groups = [...doc.documentElement.children].map((c) => c.getAttribute('class'))
    expect(groups.indexOf('bands')).toBeLessThan(groups.indexOf('items'))
    // The band spans four days; the dot sits in its day.
    const dot = g.querySelector('circle')!
    expect(attr(band, 'x')).toBeLessThan(attr(dot, 'cx'))
    expect(attr(band, 'x') + attr(band, 'width')).toBeGreaterThan(attr(dot, 'cx'))
  })

  it('draws a lane per initiator with its name on the left', () => {
    const entities = new Map([
      ['iran', { name: 'Iran' }],
      ['usa', { name: 'United States' }],
    ])
    const events = [
      event({ id: 'a', initiators: ['usa'], when: day(0) }),
      event({ id: 'b', initiators: ['iran'], when: day(1) }),
      event({ id: 'c', initiators: ['iran', 'usa'], when: day(2) }),
      event({ id: 'd', initiators: [], when: day(3) }),
    ]
    const doc = expectInsideViewBox(render(events, { groupBy: 'initiator', entities }))
    const lanes = [...doc.querySelectorAll('text.lane-label')].map(
      (t) => t.childNodes[1]?.textContent,
    )
    expect(lanes).toEqual(['Iran', 'United States', 'No initiator'])
    // An event with two initiators is drawn once, in its first initiator's lane.
    expect(doc.querySelectorAll('g.item')).toHaveLength(4)
    const y = (id: string) => attr(doc.querySelector(`g.item[data-id="${id}"] circle`)!, 'cy')
    expect(y('b')).toBe(y('c'))
    expect(y('b')).toBeLessThan(y('a'))
    expect(y('a')).toBeLessThan(y('d'))
    // Lane names sit left of every mark.
    const nameRight = Math.max(
      ...[...doc.querySelectorAll('text.lane-label')].map((t) => textBox(t).right),
    )
    for (const c of doc.querySelectorAll('g.item circle')) {
      expect(attr(c, 'cx') - attr(c, 'r')).toBeGreaterThan(nameRight)
    }
    expectNoOverlap(labelBoxes(doc))
  })

  it('escapes text from the case', () => {
    const nasty = '<script>alert("x")</script> & \'friends\''
    const svg = render(
      [event({ id: 'x"><script>', title: nasty, initiators: ['a'], when: day(0) })],
      {
        title: nasty,
        groupBy: 'initiator',
        entities: new Map([['a', { name: '<script>bad()</script>' }]]),
        fontFamily: '"x"><script>',
      },
    )
    expect(svg).not.toContain('<script')
    expect(svg).toContain('&lt;script&gt;')
    const doc = parse(svg)
    expect(doc.querySelectorAll('script')).toHaveLength(0)
    expect(doc.querySelector('text.label')!.textContent).toContain('<script>')
    expect(doc.querySelector('svg > title')!.textContent).toBe(nasty)
  })

  it('says "No dated events" for no events, with any undated ones counted', () => {
    for (const events of [[], [event({ title: 'Undated' })]]) {
      const svg = render(events)
      const doc = expectInsideViewBox(svg)
      expect(doc.querySelector('text.empty')!.textContent).toBe('No dated events')
      expect(doc.querySelectorAll('g.item')).toHaveLength(0)
      expect(attr(doc.documentElement, 'height')).toBeLessThan(120)
    }
    const doc = parse(render([event({}), event({})]))
    expect(doc.querySelector('text.caption')!.textContent).toBe(
      '2 events without a date are not shown.',
    )
  })

  it('leaves undated events out and says how many', () => {
    const events = [
      ...workedExample(),
      event({ title: 'No date' }),
      // A start no Date can hold counts as undated.
      event({ title: 'Far out', when: { start: 1e17, precision: 'day', approximate: false } }),
    ]
    const doc = expectInsideViewBox(render(events))
    expect(doc.querySelectorAll('g.item')).toHaveLength(3)
    expect(doc.querySelector('text.caption')!.textContent).toBe(
      '2 events without a date are not shown.',
    )
    const one = parse(render([...workedExample(), event({})]))
    expect(one.querySelector('text.caption')!.textContent).toBe(
      '1 event without a date is not shown.',
    )
    expect(parse(render(workedExample())).querySelector('text.caption')).toBeNull()
  })

  it('survives one instant, and ends or bounds that are not finite', () => {
    const events = [
      event({ when: { start: T0, precision: 'minute', approximate: false } }),
      event({ when: { start: T0, end: Infinity, precision: 'day', approximate: false } }),
      event({ when: { start: T0, precision: 'day', approximate: false, earliest: NaN } }),
    ]
    const doc = expectInsideViewBox(render(events))
    expect(doc.querySelectorAll('g.item')).toHaveLength(3)
  })

  it('fits a given height: the picture keeps that size and everything stays visible', () => {
    const events = Array.from({ length: 60 }, (_, i) => event({ when: day(i % 3) }))
    const doc = expectInsideViewBox(render(events, { height: 300 }))
    expect(attr(doc.documentElement, 'height')).toBe(300)
    expect(viewBox(doc).height).toBe(300)
    expect(doc.querySelectorAll('g.item')).toHaveLength(60)
    expectNoOverlap(labelBoxes(doc))
    expect(doc.querySelectorAll('g.item.crowded').length).toBeGreaterThan(0)
    expect(doc.querySelector('text.caption')!.textContent).toMatch(/crowded events are drawn/)
    // A roomy height leaves every label in place.
    const roomy = expectInsideViewBox(render(workedExample(), { height: 500 }))
    expect(viewBox(roomy).height).toBe(500)
    expect(roomy.querySelectorAll('text.label')).toHaveLength(3)
  })

  it('scales down rather than cuts off when even one row per lane does not fit', () => {
    const entities = new Map(
      Array.from({ length: 12 }, (_, i) => [`a${i}`, { name: `Actor ${i}` }]),
    )
    const events = Array.from({ length: 36 }, (_, i) =>
      event({ initiators: [`a${i % 12}`], when: day(i % 3) }),
    )
    for (const width of [120, 800]) {
      const doc = expectInsideViewBox(
        render(events, { width, height: 100, groupBy: 'initiator', entities }),
      )
      expect(attr(doc.documentElement, 'height')).toBe(100)
      expect(viewBox(doc).height).toBeGreaterThan(100)
      expect(doc.querySelectorAll('g.item')).toHaveLength(36)
      expectNoOverlap(labelBoxes(doc))
    }
  })

  it('rejects a size that is not a positive number', () => {
    expect(() => render([], { width: 0 })).toThrow(RangeError)
    expect(() => render([], { width: NaN })).toThrow(RangeError)
    expect(() => render([], { height: -1 })).toThrow(RangeError)
  })

  it('renders 500 events inside the box', () => {
    const families = ['assault', 'consult', 'statement']
    const events = Array.from({ length: 500 }, (_, i) =>
      event({
        title: `Event ${i}: ${'x'.repeat(i % 37)}`,
        type: families[i % 3]!,
        initiators: [`a${i % 4}`],
        when: day((i * 7) % 365, i % 9 === 0 ? { end: T0 + (((i * 7) % 365) + 5) * DAY } : {}),
      }),
    )
    const entities = new Map(Array.from({ length: 4 }, (_, i) => [`a${i}`, { name: `Actor ${i}` }]))
    for (const options of [{}, { groupBy: 'initiator' as const, entities }]) {
      const doc = expectInsideViewBox(render(events, options))
      expect(doc.querySelectorAll('g.item')).toHaveLength(500)
      expectNoOverlap(labelBoxes(doc))
    }
  })

  it('estimates DejaVu Sans widths per character', () => {
    expect(estimateTextWidth('', LABEL_FONT_SIZE)).toBe(0)
    expect(estimateTextWidth('W', 10)).toBeCloseTo(9.89)
    expect(estimateTextWidth('i', 10)).toBeCloseTo(2.78)
    expect(estimateTextWidth('中', 10)).toBe(10)
  })
})
