/**
 * Draws the timeline of a briefing's events as a standalone SVG document, off screen and at
 * print size, for the briefing's figures (`print-html.ts` embeds it as an image). The
 * on-screen pane is a vis-timeline viewport: it clips to its window, aggregates crowds and
 * needs a DOM. A printed figure must instead show every included event, legibly, and come out
 * the same every time (the same events and options give the same string, byte for byte). Pure
 * string building over `buildTimeline`'s items: no DOM, no canvas, no clock, no locale.
 *
 * What is drawn. A horizontal time axis (UTC) spans every item and uncertainty band, padded by
 * 3% of the plot (at least 8 px) on each side, and shortened (by up to `MAX_LABEL_SQUEEZE`)
 * so that the labels of the last marks fit whole on their right, as vis-timeline's first
 * window leaves 20% on the right; a span under an hour shows the hour around it. Ticks step by minutes, hours, days, weeks
 * (Mondays), months or years, the smallest step whose labels ("14:00", "21 Jun", "Jun 2025",
 * "2025") do not collide, with a second row naming the day or month ("21 Jun 2025",
 * "Jun 2025") when the ticks alone do not. An event of a day or less is a dot, a longer one a
 * bar; both are coloured by family with `EDGE_COLOURS` from `figures/figure-kit.ts`, as the graph export is, so the two figures
 * agree; approximate dates are dashed and their labels italic; an uncertain date's
 * earliest–latest span is a faint grey band behind its mark. Grouped by initiator, each
 * initiator gets a lane with its name on the left (an event with two initiators appears in
 * both lanes, as on screen).
 *
 * Labels and stacking. Each mark's label (the title, shortened with "…" to fit; the full title
 * and date are in a `<title>` tooltip) sits inside a bar long enough to hold it, else to the
 * right of the mark. Near the right edge a label that would be cut below `MIN_LABEL_WIDTH`
 * goes to the left of the mark instead. Like vis-timeline's stacking, each item claims the horizontal interval
 * covering its mark, band and label, and items (by left edge) take the first row of their lane
 * whose last claim ends `LABEL_GAP` px before theirs: no two labels overlap. Text width is
 * estimated from DejaVu Sans's advance widths (the first font of the stack, installed on the
 * machines that print; `estimateTextWidth` in `figures/figure-kit.ts`, shared with the graph
 * export). Arial and most fallbacks are narrower, so the estimate errs towards room to spare.
 *
 * Crowds. The lanes stack at most `MAX_LABEL_ROWS` rows in all — or, when a height is given,
 * as many as fit it — shared by one cap per lane, the largest that fits (a lane that needs
 * few rows leaves the rest to the others). Items that find no row go to one extra row at the
 * bottom of their lane as unlabelled marks (they may touch there), and the caption says how
 * many: every event stays visible, and a dense case does not become a figure many pages tall.
 * If even one row per lane does not fit the given height, the viewBox grows taller than the
 * height and the picture is scaled down to fit (SVG's default `xMidYMid meet`), rather than
 * anything being cut off.
 *
 * Safety. Every piece of text from the case is XML-escaped (`escapeXml`), numbers are rounded
 * to one decimal and never NaN or Infinity, and dates outside JavaScript's range (±8.64e15 ms)
 * count as undated rather than breaking the axis.
 */
import type { EventFamily } from '../domain/event-types'
import { buildTimeline, tooltipFor, type TimelineItem } from '../domain/timeline-model'
import type { EventRecord, TimeValue } from '../domain/types'
import {
  DEFAULT_FONT_FAMILY,
  EDGE_COLOURS,
  TEXT_COLOUR,
  escapeXml,
  estimateTextWidth,
  fitText,
  num,
} from '../figures/figure-kit'

/** How `timelineToSvg` draws. */
export interface TimelineSvgOptions {
  /** Width of the picture in px (finite, > 0). */
  width: number
  /**
   * Height in px (finite, > 0). Absent: as tall as the lanes need. Given: crowded lanes stack
   * fewer rows to fit (see the module comment).
   */
  height?: number
  /** Drawn at the top, and the document's `<title>`. */
  title?: string
  /** Actors by id: names the initiator lanes. Unknown initiators go to "No initiator". */
  entities?: Map<string, { name: string }>
  /** One lane (default), or a lane per initiator. */
  groupBy?: 'none' | 'initiator'
  /** CSS font stack (default `DEFAULT_FONT_FAMILY`: DejaVu Sans, Arial, sans-serif). */
  fontFamily?: string
}

/** Font size of event labels, in px. */
export const LABEL_FONT_SIZE = 11
/** Vertical distance between stacked rows, in px. */
export const ROW_HEIGHT = 20
/** Least horizontal gap between two items' claims in one row, in px. */
export const LABEL_GAP = 6
/** Rows of labels a timeline stacks at most without a height, over all its lanes. */
export const MAX_LABEL_ROWS = 40
/** A label is never wider than this (px); longer titles are shortened with "…". */
export const MAX_LABEL_WIDTH = 260
/** Below this room (px) on the right, a label goes to the left of its mark. */
export const MIN_LABEL_WIDTH = 80
/** The axis gives up at most this share of its length to room for labels on the right. */
export const MAX_LABEL_SQUEEZE = 0.35

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** The largest magnitude a JavaScript Date can hold. */
const MAX_TIME = 8.64e15
const BAND_PREFIX = 'band:'

const MARGIN = 16
const TITLE_FONT = 14
const TITLE_BAND = 26
const AXIS_FONT = 10
const LANE_FONT = 11
const CAPTION_FONT = 10
const LEGEND_FONT = 10
const LANE_PAD = 6
const DOT_RADIUS = 4.5
const BAR_HEIGHT = 14
const BAND_HEIGHT = ROW_HEIGHT - 4
const MIN_BAR = 2
/** Gap between a mark and its label. */
const LABEL_OFFSET = 4
const TICK_LENGTH = 5
const MINOR_ROW = 17
const MAJOR_ROW = 14
const CAPTION_ROW = 14
const LEGEND_ROW = 16
/** Least gap between two axis labels. */
const AXIS_LABEL_GAP = 12
/** Bold text is about this much wider than regular (DejaVu Sans Bold vs Book). */
const BOLD_FACTOR = 1.12

const MUTED_COLOUR = '#4b5563'
const GRID_COLOUR = '#e5e7eb'
const AXIS_COLOUR = '#6b7280'
const LANE_SHADE = '#f9fafb'
const BAND_COLOUR = '#9ca3af'
const FAMILIES: readonly EventFamily[] = ['conflict', 'cooperation', 'neutral']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** An item's label: its title on one line. */
function labelText(item: TimelineItem): string {
  return oneLine(item.content) || 'Untitled event'
}

/** One line of plain text: runs of white space (newlines included) become one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

const inRange = (t: number | undefined): t is number =>
  t !== undefined && Number.isFinite(t) && Math.abs(t) <= MAX_TIME

/**
 * The event with a date JavaScript can draw: no date when its start is out of range (so it
 * counts as undated), and without an end or bound that is.
 */
function drawable(event: EventRecord): EventRecord {
  const when = event.when
  if (!when) return event
  if (!inRange(when.start)) {
    const copy = { ...event }
    delete copy.when
    return copy
  }
  if (inRange(when.end ?? 0) && inRange(when.earliest ?? 0) && inRange(when.latest ?? 0))
    return event
  const clean: TimeValue = { ...when }
  if (!inRange(clean.end)) delete clean.end
  if (!inRange(clean.earliest)) delete clean.earliest
  if (!inRange(clean.latest)) delete clean.latest
  return { ...event, when: clean }
}

/** A UTC instant from calendar parts; years 0–99 mean those years, not 1900–1999. */
function utc(year: number, month: number, day = 1): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month, day)
  return date.getTime()
}

const pad2 = (n: number) => String(n).padStart(2, '0')

type TickKind = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year'

interface TickStep {
  kind: TickKind
  /** Minutes, hours, days, months or years per step (weeks: 1). */
  size: number
  /** Approximate length in ms, for choosing a step. */
  ms: number
}

const TICK_STEPS: readonly TickStep[] = [
  ...[1, 2, 5, 10, 15, 30].map((size) => ({ kind: 'minute' as const, size, ms: size * MINUTE })),
  ...[1, 2, 3, 6, 12].map((size) => ({ kind: 'hour' as const, size, ms: size * HOUR })),
  ...[1, 2].map((size) => ({ kind: 'day' as const, size, ms: size * DAY })),
  { kind: 'week', size: 1, ms: 7 * DAY },
  ...[1, 2, 3, 6].map((size) => ({ kind: 'month' as const, size, ms: size * 30.44 * DAY })),
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000].map(
    (size) => ({ kind: 'year' as const, size, ms: size * 365.25 * DAY }),
  ),
]

function minorLabel(kind: TickKind, t: number): string {
  const d = new Date(t)
  switch (kind) {
    case 'minute':
    case 'hour':
      return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`
    case 'day':
    case 'week':
      return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`
    case 'month':
      return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
    case 'year':
      return String(d.getUTCFullYear())
  }
}

/** The widest minor label a step can have, for spacing (the year of `t` for years). */
function widestMinorLabel(kind: TickKind, t: number): number {
  const year = new Date(t).getUTCFullYear()
  const widest = (labels: string[]) =>
    Math.max(...labels.map((l) => estimateTextWidth(l, AXIS_FONT)))
  switch (kind) {
    case 'minute':
    case 'hour':
      return widest(['00:00'])
    case 'day':
    case 'week':
      return widest(MONTHS.map((m) => `28 ${m}`))
    case 'month':
      return widest(MONTHS.map((m) => `${m} ${year}`))
    case 'year':
      return widest([String(year)])
  }
}

/** The instants of a step's ticks in [from, to] (at most `limit`). */
function tickTimes(step: TickStep, from: number, to: number, limit = 1000): number[] {
  const out: number[] = []
  const push = (t: number) => {
    if (t >= from && t <= to && out.length < limit) out.push(t)
  }
  if (step.kind === 'minute' || step.kind === 'hour' || step.kind === 'day') {
    for (let t = Math.ceil(from / step.ms) * step.ms; t <= to && out.length < limit; t += step.ms)
      push(t)
    return out
  }
  if (step.kind === 'week') {
    const first = Math.ceil(from / DAY) * DAY
    const monday = first + ((8 - new Date(first).getUTCDay()) % 7) * DAY
    for (let t = monday; t <= to && out.length < limit; t += 7 * DAY) push(t)
    return out
  }
  const start = new Date(from)
  if (step.kind === 'month') {
    let year = start.getUTCFullYear()
    let month = start.getUTCMonth() - (start.getUTCMonth() % step.size)
    for (let i = 0; i < limit + 12; i++) {
      const t = utc(year, month)
      if (t > to) break
      push(t)
      month += step.size
      if (month >= 12) {
        year += Math.floor(month / 12)
        month %= 12
      }
    }
    return out
  }
  let year = Math.floor(start.getUTCFullYear() / step.size) * step.size
  for (let i = 0; i < limit + 2; i++) {
    const t = utc(year, 0)
    if (t > to) break
    push(t)
    year += step.size
  }
  return out
}

/** The second row's name for the day (under hours) or month (under days, weeks) of `t`. */
function periodLabel(kind: TickKind, t: number): string {
  const d = new Date(t)
  const month = `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
  return kind === 'minute' || kind === 'hour' ? `${d.getUTCDate()} ${month}` : month
}

/** Second-row boundaries and their labels: days under hours, months under days and weeks. */
function majorTimes(kind: TickKind, from: number, to: number): { t: number; label: string }[] {
  if (kind === 'month' || kind === 'year') return []
  const times =
    kind === 'minute' || kind === 'hour'
      ? tickTimes({ kind: 'day', size: 1, ms: DAY }, from, to)
      : tickTimes({ kind: 'month', size: 1, ms: 30.44 * DAY }, from, to)
  return times.map((t) => ({ t, label: periodLabel(kind, t) }))
}

/** An event item laid out: its mark, label, claim and row. */
interface Placed {
  item: TimelineItem
  band?: TimelineItem
  lane: number
  colour: string
  approximate: boolean
  /** Dot centre (points) or bar start (ranges). */
  x: number
  /** Bar end (ranges). */
  x2: number
  bandX1: number
  bandX2: number
  label: string
  labelX: number
  anchor: 'start' | 'end'
  claimLeft: number
  claimRight: number
  row: number
  /** True when the item went to its lane's unlabelled bottom row. */
  crowded: boolean
  tooltip: string
}

interface LaneLayout {
  id: string | undefined
  name: string
  items: Placed[]
  /** Rows with labels. */
  labelRows: number
  /** True when some items went to the unlabelled bottom row. */
  crowded: boolean
}

/**
 * Assigns each of a lane's items (sorted by left edge) the first row (of at most `cap`, which
 * may be `Infinity`) whose last claim ends
 * `LABEL_GAP` before the item's own; items that fit no row are marked crowded.
 */
function stackLane(lane: LaneLayout, cap: number): void {
  const ends: number[] = []
  lane.crowded = false
  for (const p of lane.items) {
    let row = ends.findIndex((end) => end + LABEL_GAP <= p.claimLeft)
    if (row < 0 && ends.length < cap) {
      row = ends.length
      ends.push(p.claimRight)
    }
    if (row < 0) {
      p.crowded = true
      lane.crowded = true
      continue
    }
    p.crowded = false
    p.row = row
    ends[row] = p.claimRight
  }
  lane.labelRows = ends.length
  for (const p of lane.items) if (p.crowded) p.row = ends.length
}

const laneRows = (lane: LaneLayout) => lane.labelRows + (lane.crowded ? 1 : 0)
const laneHeight = (lane: LaneLayout) => 2 * LANE_PAD + Math.max(1, laneRows(lane)) * ROW_HEIGHT

interface LegendEntry {
  label: string
  draw: (x: number, y: number) => string
  width: number
}

function familyOfClass(className: string): EventFamily {
  for (const family of FAMILIES) if (className.split(' ').includes(`tl-${family}`)) return family
  return 'neutral'
}

function svgOpen(width: number, height: number, viewHeight: number, fontFamily: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" ` +
    `viewBox="0 0 ${num(width)} ${num(viewHeight)}" font-family="${escapeXml(fontFamily)}" role="img">`
  )
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`
}

/** The tooltip of an event's mark: its title, date and type (just the title if that fails). */
function tooltipOf(event: EventRecord | undefined, fallback: string): string {
  if (!event) return fallback
  try {
    return tooltipFor(event)
  } catch {
    // An unknown time zone makes the date formatter throw; the title alone still helps.
    return event.title
  }
}

/** The caption line about undated events, or undefined when there are none. */
function undatedCaption(undated: number): string | undefined {
  if (!undated) return undefined
  return `${plural(undated, 'event without a date is', 'events without a date are')} not shown.`
}

/**
 * Draws the timeline of `events` as a standalone SVG document `options.width` px wide (and
 * `options.height` px tall, or as tall as its lanes need): a UTC time axis over all dated
 * events, a dot per event of a day or less and a bar per longer one, coloured by family,
 * labelled with stacked, non-overlapping titles, in one lane or one per initiator. Undated
 * events are left out and counted in a caption; with no dated event the picture says "No
 * dated events". Deterministic; numbers rounded to one decimal; all text XML-escaped. See the
 * module comment for the layout rules.
 *
 * @throws RangeError when the width, or a given height, is not a finite positive number.
 */
export function timelineToSvg(events: readonly EventRecord[], options: TimelineSvgOptions): string {
  const { width } = options
  if (!Number.isFinite(width) || width <= 0) {
    throw new RangeError(`The timeline picture needs a positive width, not ${width}.`)
  }
  if (options.height !== undefined && (!Number.isFinite(options.height) || options.height <= 0)) {
    throw new RangeError(`The timeline picture needs a positive height, not ${options.height}.`)
  }
  const fontFamily = options.fontFamily?.trim() ? options.fontFamily : DEFAULT_FONT_FAMILY
  const title = options.title ? oneLine(options.title) || undefined : undefined
  const groupBy = options.groupBy ?? 'none'
  const byId = new Map<string, EventRecord>()
  const clean = events.map((e) => {
    const d = drawable(e)
    byId.set(d.id, d)
    return d
  })
  const model = buildTimeline(clean, {
    groupBy,
    filter: {},
    entities: options.entities ?? new Map(),
    evidence: new Map(),
    documents: new Map(),
    sources: new Map(),
  })

  const margin = Math.min(MARGIN, width / 10)
  const titleText = title ? fitText(title, width - 2 * margin, TITLE_FONT * BOLD_FACTOR) : undefined
  const top = margin + (titleText ? TITLE_BAND : 0)
  const head: string[] = ['<?xml version="1.0" encoding="UTF-8"?>']
  const titleMarkup = (out: string[], viewHeight: number) => {
    if (title) out.push(`<title>${escapeXml(title)}</title>`)
    out.push(`<rect width="${num(width)}" height="${num(viewHeight)}" fill="#ffffff"/>`)
    if (titleText) {
      out.push(
        `<text class="title" x="${num(margin)}" y="${num(margin + TITLE_FONT)}" font-size="${TITLE_FONT}" font-weight="bold" fill="${TEXT_COLOUR}">${escapeXml(titleText)}</text>`,
      )
    }
  }
  const captionMarkup = (lines: string[], y: number): string[] =>
    lines.map((line, i) => {
      const text = fitText(line, width - 2 * margin, CAPTION_FONT)
      return `<text class="caption" x="${num(margin)}" y="${num(y + i * CAPTION_ROW + CAPTION_FONT)}" font-size="${CAPTION_FONT}" font-style="italic" fill="${MUTED_COLOUR}">${escapeXml(text)}</text>`
    })

  if (!model.extent) {
    const captions = [undatedCaption(model.undated)].filter((l): l is string => !!l)
    const natural = top + 24 + captions.length * CAPTION_ROW + margin
    const height = options.height ?? natural
    const viewHeight = Math.max(height, natural)
    const out = [...head, svgOpen(width, height, viewHeight, fontFamily)]
    titleMarkup(out, viewHeight)
    const message = fitText('No dated events', width - 2 * margin, 12)
    out.push(
      `<text class="empty" x="${num(width / 2)}" y="${num(top + 16)}" text-anchor="middle" font-size="12" fill="${MUTED_COLOUR}">${escapeXml(message)}</text>`,
    )
    out.push(...captionMarkup(captions, top + 24))
    out.push('</svg>')
    return out.join('\n')
  }

  // Horizontally: the lane names' column, then the plot, padded inside.
  const grouped = groupBy === 'initiator' && model.groups.length > 0
  const laneNameWidth = grouped
    ? Math.max(...model.groups.map((g) => estimateTextWidth(g.content, LANE_FONT) * BOLD_FACTOR))
    : 0
  const laneColumn = grouped ? Math.min(laneNameWidth + 12, (width - 2 * margin) / 4, 200) : 0
  const plotLeft = margin + laneColumn
  const plotRight = Math.max(width - margin, plotLeft + 1)
  const plotWidth = plotRight - plotLeft
  const inset = Math.min(Math.max(8, plotWidth * 0.03), plotWidth / 4)
  let t0 = model.extent.start
  let t1 = model.extent.end
  if (t1 - t0 < HOUR) {
    // One instant (or nearly): show the hour around it.
    const middle = t0 / 2 + t1 / 2
    t0 = middle - HOUR / 2
    t1 = middle + HOUR / 2
  }
  // Room on the right for the labels of the last marks, as vis-timeline's first window leaves:
  // the axis is shortened until each label fits whole beside its mark, but by at most
  // `MAX_LABEL_SQUEEZE` of its length (past that, labels are shortened or go left instead).
  const maxLabel = Math.min(MAX_LABEL_WIDTH, Math.max(plotWidth * 0.4, MIN_LABEL_WIDTH))
  const fullAxis = plotWidth - 2 * inset
  let axisLength = fullAxis
  for (const item of model.items) {
    if (item.type === 'background') continue
    const label = Math.min(estimateTextWidth(labelText(item), LABEL_FONT_SIZE), maxLabel)
    const isRange = item.type === 'range'
    const end = isRange ? (item.end ?? item.start) : item.start
    // A bar that holds its label at full length asks for no room.
    if (isRange && ((end - item.start) / (t1 - t0)) * fullAxis >= label + 2 * LABEL_OFFSET) continue
    const f = (end - t0) / (t1 - t0)
    if (f <= 0) continue
    // A pixel to spare, so that rounding cannot leave the label a hair too long to fit.
    const claim = (isRange ? 0 : DOT_RADIUS) + LABEL_OFFSET + label + 1
    axisLength = Math.min(axisLength, (plotWidth - inset - claim) / f)
  }
  axisLength = Math.max(axisLength, fullAxis * (1 - MAX_LABEL_SQUEEZE))
  const scale = axisLength / (t1 - t0)
  const xOf = (t: number) => plotLeft + inset + (t - t0) * scale
  const tLeft = t0 - inset / scale
  const tRight = t0 + (plotWidth - inset) / scale

  // Lanes, in the model's order (by name, "No initiator" last).
  const lanes: LaneLayout[] = grouped
    ? model.groups.map((g) => ({
        id: g.id,
        name: g.content,
        items: [],
        labelRows: 0,
        crowded: false,
      }))
    : [{ id: undefined, name: '', items: [], labelRows: 0, crowded: false }]
  const laneIndex = new Map(lanes.map((lane, i) => [lane.id, i]))
  const bands = new Map<string, TimelineItem>()
  for (const item of model.items) {
    if (item.type === 'background') bands.set(item.id.slice(BAND_PREFIX.length), item)
  }

  for (const item of model.items) {
    if (item.type === 'background') continue
    const event = byId.get(item.eventId)
    const lane = laneIndex.get(grouped ? item.group : undefined) ?? 0
    const band = bands.get(item.id)
    const isRange = item.type === 'range'
    const x = xOf(item.start)
    const x2 = isRange ? Math.max(xOf(item.end ?? item.start), x + MIN_BAR) : x
    const markLeft = isRange ? x : x - DOT_RADIUS
    const markRight = isRange ? x2 : x + DOT_RADIUS
    const bandX1 = band ? xOf(band.start) : markLeft
    const bandX2 = band ? xOf(band.end ?? band.start) : markRight
    // A label goes inside a bar that holds it, else right of the mark; near the right edge,
    // left of it.
    const text = labelText(item)
    const full = estimateTextWidth(text, LABEL_FONT_SIZE)
    const inside = isRange && Math.min(full, maxLabel) + 2 * LABEL_OFFSET <= x2 - x
    const rightStart = (inside ? x : markRight) + LABEL_OFFSET
    const leftEnd = markLeft - LABEL_OFFSET
    const roomRight = inside ? x2 - rightStart - LABEL_OFFSET : plotRight - rightStart
    const roomLeft = leftEnd - plotLeft
    const right =
      inside || full <= roomRight || roomRight >= MIN_LABEL_WIDTH || roomRight >= roomLeft
    const label = fitText(
      text,
      Math.min(maxLabel, Math.max(0, right ? roomRight : roomLeft)),
      LABEL_FONT_SIZE,
    )
    const labelWidth = estimateTextWidth(label, LABEL_FONT_SIZE)
    const labelLeft = label ? (right ? rightStart : leftEnd - labelWidth) : markLeft
    const labelRight = label ? (right ? rightStart + labelWidth : leftEnd) : markRight
    const approximate = item.className.split(' ').includes('tl-approximate')
    lanes[lane]!.items.push({
      item,
      ...(band ? { band } : {}),
      lane,
      colour: EDGE_COLOURS[familyOfClass(item.className)],
      approximate,
      x,
      x2,
      bandX1,
      bandX2,
      label,
      labelX: right ? rightStart : leftEnd,
      anchor: right ? 'start' : 'end',
      claimLeft: Math.min(markLeft, bandX1, labelLeft),
      claimRight: Math.max(markRight, bandX2, labelRight),
      row: 0,
      crowded: false,
      tooltip: tooltipOf(event, item.content),
    })
  }
  for (const lane of lanes) {
    // By left edge (stable: ties keep the model's start-then-id order), as first-fit needs.
    lane.items.sort((a, b) => a.claimLeft - b.claimLeft)
  }

  // The axis's step: the finest whose widest label (plus a gap) fits between two ticks.
  const step =
    TICK_STEPS.find((s) => s.ms * scale >= widestMinorLabel(s.kind, tRight) + AXIS_LABEL_GAP) ??
    TICK_STEPS[TICK_STEPS.length - 1]!
  const ticks = tickTimes(step, tLeft, tRight)
  const majors = majorTimes(step.kind, tLeft, tRight)
  const hasMajorRow = step.kind !== 'month' && step.kind !== 'year'
  const axisHeight = TICK_LENGTH + MINOR_ROW + (hasMajorRow ? MAJOR_ROW : 0) + 4

  // The legend: families present, then "approximate" and "uncertain date" when drawn.
  const placedAll = lanes.flatMap((lane) => lane.items)
  const legendEntries: LegendEntry[] = []
  for (const family of FAMILIES) {
    if (!placedAll.some((p) => familyOfClass(p.item.className) === family)) continue
    legendEntries.push({
      label: family,
      width: 0,
      draw: (x, y) =>
        `<circle cx="${num(x + 5)}" cy="${num(y)}" r="${DOT_RADIUS}" fill="${EDGE_COLOURS[family]}"/>`,
    })
  }
  if (placedAll.some((p) => p.approximate)) {
    legendEntries.push({
      label: 'approximate date',
      width: 0,
      draw: (x, y) =>
        `<circle cx="${num(x + 5)}" cy="${num(y)}" r="${DOT_RADIUS}" fill="#ffffff" stroke="${AXIS_COLOUR}" stroke-width="1.5" stroke-dasharray="2 1.5"/>`,
    })
  }
  if (bands.size) {
    legendEntries.push({
      label: 'uncertain date (earliest–latest)',
      width: 0,
      draw: (x, y) =>
        `<rect x="${num(x)}" y="${num(y - 5)}" width="14" height="10" fill="${BAND_COLOUR}" fill-opacity="0.3"/>`,
    })
  }
  const legendRows: { entry: LegendEntry; x: number; row: number }[] = []
  {
    let x = 0
    let row = 0
    for (const entry of legendEntries) {
      entry.width = Math.min(
        18 + estimateTextWidth(entry.label, LEGEND_FONT) + 14,
        width - 2 * margin,
      )
      if (x > 0 && x + entry.width > width - 2 * margin) {
        x = 0
        row++
      }
      legendRows.push({ entry, x, row })
      x += entry.width
    }
  }
  const legendHeight = legendRows.length ? (legendRows.at(-1)!.row + 1) * LEGEND_ROW : 0

  const captionsFor = (crowded: number) =>
    [
      undatedCaption(model.undated),
      crowded
        ? `${plural(crowded, 'crowded event is', 'crowded events are')} drawn without a label in the bottom row of its lane.`
        : undefined,
    ].filter((l): l is string => !!l)
  const chromeHeight = (crowded: number) =>
    top + axisHeight + legendHeight + captionsFor(crowded).length * CAPTION_ROW + margin
  const lanesHeight = () => lanes.reduce((sum, lane) => sum + laneHeight(lane), 0)

  // Stack: rows up to MAX_LABEL_ROWS in all, or as many as a given height allows. First-fit
  // fills a row the same whatever the cap, so one uncapped pass tells each lane's need, and
  // the cap is the largest that fits: a lane needing few rows leaves the rest to the others.
  for (const lane of lanes) stackLane(lane, Infinity)
  const needs = lanes.map((lane) => lane.labelRows)
  const fits = (cap: number) => {
    const rows = needs.reduce((sum, n) => sum + Math.min(n, cap) + (n > cap ? 1 : 0), 0)
    if (options.height === undefined) return rows <= MAX_LABEL_ROWS
    const crowd = needs.some((n) => n > cap) ? 1 : 0
    const lanesTall = lanes.length * 2 * LANE_PAD + rows * ROW_HEIGHT
    return chromeHeight(crowd) + lanesTall <= options.height
  }
  let cap = Math.max(1, ...needs)
  while (cap > 1 && !fits(cap)) cap--
  for (const lane of lanes) stackLane(lane, cap)
  const crowded = placedAll.filter((p) => p.crowded).length
  const captions = captionsFor(crowded)
  const natural = chromeHeight(crowded) + lanesHeight()
  const height = options.height ?? natural
  const viewHeight = Math.max(height, natural)
  // Room to spare under a given height goes to the lanes, evenly.
  const extra = (viewHeight - natural) / lanes.length

  const laneTops: number[] = []
  {
    let y = top
    for (const lane of lanes) {
      laneTops.push(y)
      y += laneHeight(lane) + extra
    }
  }
  const plotTop = top
  const axisY = top + lanesHeight() + extra * lanes.length
  const rowCentre = (p: Placed) =>
    laneTops[p.lane]! + LANE_PAD + p.row * ROW_HEIGHT + ROW_HEIGHT / 2

  const out = [...head, svgOpen(width, height, viewHeight, fontFamily)]
  titleMarkup(out, viewHeight)

  // Lanes: alternate shading, dividers and names.
  if (grouped) {
    const parts: string[] = []
    lanes.forEach((lane, i) => {
      const y = laneTops[i]!
      const h = laneHeight(lane) + extra
      if (i % 2 === 1) {
        parts.push(
          `<rect x="${num(margin)}" y="${num(y)}" width="${num(width - 2 * margin)}" height="${num(h)}" fill="${LANE_SHADE}"/>`,
        )
      }
      if (i > 0) {
        parts.push(
          `<line x1="${num(margin)}" y1="${num(y)}" x2="${num(width - margin)}" y2="${num(y)}" stroke="${GRID_COLOUR}"/>`,
        )
      }
      const name = fitText(lane.name, laneColumn - 8, LANE_FONT * BOLD_FACTOR)
      if (name) {
        parts.push(
          `<text class="lane-label" x="${num(margin + 4)}" y="${num(y + LANE_PAD + ROW_HEIGHT / 2 + LANE_FONT * 0.35)}" font-size="${LANE_FONT}" font-weight="bold" fill="${TEXT_COLOUR}"><title>${escapeXml(lane.name)}</title>${escapeXml(name)}</text>`,
        )
      }
    })
    out.push(`<g class="lanes">${parts.join('')}</g>`)
  }

  // Grid lines at the ticks, behind everything drawn on the lanes.
  out.push(
    `<g class="grid">${ticks
      .map(
        (t) =>
          `<line x1="${num(xOf(t))}" y1="${num(plotTop)}" x2="${num(xOf(t))}" y2="${num(axisY)}" stroke="${GRID_COLOUR}"/>`,
      )
      .join('')}</g>`,
  )

  // Uncertainty bands, behind every mark.
  out.push(
    `<g class="bands">${placedAll
      .filter((p) => p.band)
      .map(
        (p) =>
          `<rect class="tl-band" data-id="${escapeXml(p.band!.id)}" x="${num(p.bandX1)}" y="${num(rowCentre(p) - BAND_HEIGHT / 2)}" width="${num(Math.max(p.bandX2 - p.bandX1, MIN_BAR))}" height="${BAND_HEIGHT}" fill="${BAND_COLOUR}" fill-opacity="0.25"/>`,
      )
      .join('')}</g>`,
  )

  // The events, in time order, so later marks sit on top in a crowded row.
  const inTimeOrder = [...placedAll].sort(
    (a, b) =>
      a.item.start - b.item.start || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0),
  )
  const itemMarkup: string[] = []
  for (const p of inTimeOrder) {
    const y = rowCentre(p)
    const dash = p.approximate ? ' stroke-dasharray="3 2"' : ''
    const shape =
      p.item.type === 'range'
        ? `<rect x="${num(p.x)}" y="${num(y - BAR_HEIGHT / 2)}" width="${num(p.x2 - p.x)}" height="${BAR_HEIGHT}" rx="2" fill="${p.colour}" fill-opacity="0.2" stroke="${p.colour}" stroke-width="1.2"${dash}/>`
        : p.approximate
          ? `<circle cx="${num(p.x)}" cy="${num(y)}" r="${DOT_RADIUS}" fill="#ffffff" stroke="${p.colour}" stroke-width="1.5" stroke-dasharray="2 1.5"/>`
          : `<circle cx="${num(p.x)}" cy="${num(y)}" r="${DOT_RADIUS}" fill="${p.colour}" stroke="#ffffff" stroke-width="1"/>`
    const label =
      p.label && !p.crowded
        ? `<text class="label" x="${num(p.labelX)}" y="${num(y + LABEL_FONT_SIZE * 0.35)}"${p.anchor === 'end' ? ' text-anchor="end"' : ''} font-size="${LABEL_FONT_SIZE}"${p.approximate ? ' font-style="italic"' : ''} fill="${TEXT_COLOUR}">${escapeXml(p.label)}</text>`
        : ''
    itemMarkup.push(
      `<g class="item ${p.item.type} ${escapeXml(p.item.className)}${p.crowded ? ' crowded' : ''}" data-id="${escapeXml(p.item.id)}"><title>${escapeXml(p.tooltip)}</title>${shape}${label}</g>`,
    )
  }
  out.push(`<g class="items">${itemMarkup.join('')}</g>`)

  // The axis: a line, ticks with labels, and the second row of days or months.
  const axis: string[] = [
    `<line x1="${num(plotLeft)}" y1="${num(axisY)}" x2="${num(plotRight)}" y2="${num(axisY)}" stroke="${AXIS_COLOUR}"/>`,
  ]
  for (const t of ticks) {
    const x = xOf(t)
    axis.push(
      `<line x1="${num(x)}" y1="${num(axisY)}" x2="${num(x)}" y2="${num(axisY + TICK_LENGTH)}" stroke="${AXIS_COLOUR}"/>`,
    )
    const text = minorLabel(step.kind, t)
    if (x + 3 + estimateTextWidth(text, AXIS_FONT) > plotRight) continue
    axis.push(
      `<text class="tick" x="${num(x + 3)}" y="${num(axisY + TICK_LENGTH + AXIS_FONT + 2)}" font-size="${AXIS_FONT}" fill="${MUTED_COLOUR}">${escapeXml(text)}</text>`,
    )
  }
  if (hasMajorRow) {
    const y = axisY + TICK_LENGTH + MINOR_ROW + AXIS_FONT
    // The period the axis starts in is named at its left end, unless a boundary is close.
    const candidates = majors.map((m) => ({ x: xOf(m.t), label: m.label }))
    const startLabel = periodLabel(step.kind, tLeft)
    const startWidth = estimateTextWidth(startLabel, AXIS_FONT) * BOLD_FACTOR
    const firstX = candidates[0]?.x ?? Infinity
    if (firstX > plotLeft + startWidth + AXIS_LABEL_GAP) {
      candidates.unshift({ x: plotLeft, label: startLabel })
    }
    let end = -Infinity
    for (const c of candidates) {
      const w = estimateTextWidth(c.label, AXIS_FONT) * BOLD_FACTOR
      if (c.x + 3 < end + AXIS_LABEL_GAP || c.x + 3 + w > plotRight) continue
      axis.push(
        `<text class="tick-major" x="${num(c.x + 3)}" y="${num(y)}" font-size="${AXIS_FONT}" font-weight="bold" fill="${MUTED_COLOUR}">${escapeXml(c.label)}</text>`,
      )
      end = c.x + 3 + w
    }
  }
  out.push(`<g class="axis">${axis.join('')}</g>`)

  // Legend and caption under the axis.
  const legendTop = axisY + axisHeight
  out.push(
    `<g class="legend">${legendRows
      .map(({ entry, x, row }) => {
        const left = margin + x
        const middle = legendTop + row * LEGEND_ROW + LEGEND_ROW / 2
        const text = fitText(entry.label, entry.width - 18, LEGEND_FONT)
        return (
          entry.draw(left, middle) +
          `<text x="${num(left + 18)}" y="${num(middle + LEGEND_FONT * 0.35)}" font-size="${LEGEND_FONT}" fill="${MUTED_COLOUR}">${escapeXml(text)}</text>`
        )
      })
      .join('')}</g>`,
  )
  out.push(...captionMarkup(captions, legendTop + legendHeight))
  out.push('</svg>')
  return out.join('\n')
}
