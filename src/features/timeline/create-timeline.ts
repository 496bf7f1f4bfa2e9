/**
 * The vis-timeline Timeline of the timeline pane, made with the pane's options and without
 * vis-timeline's own first fit. vis-timeline fits its window to every item it holds on its
 * first drawing ("changed"), once; and it does not draw while its container has no width (a
 * pane not laid out yet while a case reopens and its saved pane sizes are applied). The pane
 * chooses the first window itself (the case's remembered window, or one fitted to the labels)
 * and hands vis-timeline the items of that window; a first drawing that came after that would
 * fit the window to those items and lose the analyst's remembered window. So the first fit is
 * marked done as the Timeline is made (`initialFitDone`, an instance field vis-timeline
 * 8 reads in its "changed" handler; `create-timeline.test.ts` fails if that changes).
 *
 * Items added are drawn together (`drawAddedItemsTogether`): vis-timeline 8 draws an item the
 * moment a lane takes it (Group.add → _checkIfVisible → show → redraw), and reads its size at
 * once, so each item added in view made the browser lay the page out again — 408 layouts,
 * 150–230 ms of the first render of a 50,000-event case (scripts/bench/profile-timeline.mjs),
 * and again whenever a pan handed new items over. The redraw that follows every addition (its
 * ItemSet emits "_change" after adding) finds the items in view itself and draws them in one
 * pass: all the new elements first, then all the sizes read, one layout
 * (Group._updateItemsInRange).
 *
 * Lanes are drawn together too (`drawLanesTogether`): vis-timeline draws every lane in steps,
 * each step for all lanes before the next, so that the lanes' sizes are read once — but a lane
 * draws its new items (writes) and reads their sizes inside one step, lane after lane, so
 * grouping a 50,000-event case into 500 lanes laid the page out 500 times (~650 ms of its
 * ~1 s, scripts/bench/profile-timeline.mjs). The patched lanes draw their new items in steps
 * of their own before that one: every lane's new elements first, then every size read, then
 * the sizes applied (which writes styles).
 */
import type { DataSet } from 'vis-data'
import { Timeline, type DataItem, type TimelineOptions } from 'vis-timeline'

/** The timeline pane's vis-timeline options. */
export const TIMELINE_OPTIONS: TimelineOptions = {
  height: '100%',
  showCurrentTime: false,
  zoomable: true,
  zoomKey: '',
  moveable: true,
  selectable: true,
  multiselect: false,
  editable: false,
  stack: true,
  groupOrder: 'order',
  orientation: { axis: 'top', item: 'top' },
  margin: { item: { horizontal: 2, vertical: 3 } },
  tooltip: { followMouse: false, overflowMethod: 'cap', delay: 400 },
  zoomMin: 60_000,
  zoomMax: 200 * 365 * 86_400_000,
  // Explicit: the XSS filter on (it is vis-timeline's default; never turn it off).
  xss: { disabled: false },
}

/**
 * A Timeline in `container` over `items` whose window moves only
 * when the pane or the analyst moves it (see the module comment).
 */
export function createTimeline(
  container: HTMLElement,
  items: DataSet<DataItem>,
  options: TimelineOptions = TIMELINE_OPTIONS,
): Timeline {
  const timeline = new Timeline(container, items, options)
  ;(timeline as unknown as { initialFitDone: boolean }).initialFitDone = true
  drawAddedItemsTogether(timeline)
  drawLanesTogether(timeline)
  return timeline
}

/** What `drawAddedItemsTogether` reads of vis-timeline's lanes (its Group class). */
interface VisGroup {
  _checkIfVisible(item: { displayed: boolean }, visibleItems: unknown[], range: unknown): void
}

const together = Symbol('casefile: items added are drawn together')

/**
 * Leaves an item a lane takes that is not drawn yet to the redraw after the addition (see the
 * module comment); an item already drawn (moved between lanes) is handled as before. Patches
 * vis-timeline's Group class, found through the lanes `timeline` made (the class is not
 * exported), once. False when the lanes were not found (items are then drawn one by one, as
 * vis-timeline does); `create-timeline.test.ts` fails then, and if items are drawn one by one.
 */
export function drawAddedItemsTogether(timeline: Timeline): boolean {
  const lane = laneClass<VisGroup & { [together]?: true }>(timeline, '_checkIfVisible')
  // Not found (a vis-timeline of another shape): items are drawn one by one, as before.
  if (!lane) return false
  if (lane[together]) return true
  const original = lane._checkIfVisible
  lane._checkIfVisible = function (this: VisGroup, item, visibleItems, range) {
    if (item.displayed) original.call(this, item, visibleItems, range)
  }
  lane[together] = true
  return true
}

/** The prototype of vis-timeline's lanes (its Group class) that defines `method`. */
function laneClass<T>(timeline: Timeline, method: string): T | undefined {
  const groups = (timeline as unknown as { itemSet?: { groups?: Record<string, object> } }).itemSet
    ?.groups
  for (const group of Object.values(groups ?? {})) {
    let proto: object | null = Object.getPrototypeOf(group) as object | null
    while (proto && !Object.prototype.hasOwnProperty.call(proto, method))
      proto = Object.getPrototypeOf(proto) as object | null
    if (proto) return proto as T
  }
  return undefined
}

/** What `drawLanesTogether` reads of vis-timeline's items. */
interface VisItem {
  displayed: boolean
  cluster?: unknown
  isCluster?: boolean
  data: { start: Date | number; type?: string }
  isVisible(range: VisRange): boolean
  /** The item's drawing as steps: make, append, update, read sizes, apply them, extras. */
  redraw(returnQueue: true): (() => unknown)[]
  hide(): void
}
interface VisRange {
  start: number
  end: number
}
/** What `drawLanesTogether` reads of vis-timeline's lanes. */
interface VisLane {
  isVisible: boolean
  height: number | undefined
  stackDirty: boolean
  orderedItems: { byStart: VisItem[]; byEnd: VisItem[] }
  visibleItems: VisItem[]
  redraw(
    range: VisRange,
    margin: unknown,
    forceRestack: boolean,
    returnQueue?: boolean,
  ): (() => unknown)[] | unknown
}

const lanesTogether = Symbol('casefile: lanes drawn together')
/** vis-timeline 8's lane drawing: its steps, and the one that draws the lane's items. */
const LANE_STEPS = 12
const ITEMS_STEP = 4
/** The item drawing's steps (`VisItem.redraw`) and the one that reads sizes. */
const ITEM_STEPS = 6
const READ_STEP = 3
/** The kinds of item whose drawing has those steps (vis-timeline's Point, Range and Box). */
const DRAWN_TOGETHER = new Set([undefined, 'point', 'range', 'box'])

/**
 * Draws the new items of all lanes in three steps before the lanes' own items step (see the
 * module comment): every lane makes and appends its new items' elements, then every lane reads
 * their sizes, then every lane applies them. The items are those that lane's step would draw
 * (vis-timeline's `_updateItemsInRange`: a start within a quarter window of the window's, or
 * a span across the window) when it restacks; one that vis-timeline then leaves out of the
 * lane's visible items is hidden again. A vis-timeline whose steps are not those counted here
 * is left as it is. False when the lanes were not found.
 */
export function drawLanesTogether(timeline: Timeline): boolean {
  // The class that draws its items (the background lane's class, a subclass, draws its own way).
  const lane = laneClass<VisLane & { [lanesTogether]?: true }>(timeline, '_redrawItems')
  if (!lane || !Object.prototype.hasOwnProperty.call(lane, 'redraw')) return false
  if (lane[lanesTogether]) return true
  const original = lane.redraw
  lane.redraw = function (this: VisLane, range, margin, forceRestack, returnQueue) {
    const wasVisible = this.isVisible
    const queue = original.call(this, range, margin, forceRestack, true) as (() => unknown)[]
    const run = () => {
      let result: unknown
      for (const step of queue) result = step()
      return result
    }
    if (!returnQueue || queue.length !== LANE_STEPS) return returnQueue ? queue : run()
    let drawing: { item: VisItem; steps: (() => unknown)[] }[] = []
    const write = () => {
      drawing = []
      // As the items step decides (vis-timeline's `_redrawItems` and `_updateItemsInRange`).
      const restack = forceRestack || this.stackDirty || (this.isVisible && !wasVisible)
      if (!restack || (!this.isVisible && this.height !== undefined)) return
      const quarter = (range.end - range.start) / 4
      const from = range.start - quarter
      const to = range.end + quarter
      const take = (item: VisItem) => {
        if (item.displayed || item.cluster || item.isCluster) return
        if (!DRAWN_TOGETHER.has(item.data.type)) return
        const steps = item.redraw(true)
        if (steps.length !== ITEM_STEPS) return
        drawing.push({ item, steps })
        for (let i = 0; i < READ_STEP; i++) steps[i]!()
      }
      // By start, as vis-timeline keeps them: the first at or after `from`, then on to `to`.
      const byStart = this.orderedItems.byStart
      let lo = 0
      let hi = byStart.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (+byStart[mid]!.data.start < from) lo = mid + 1
        else hi = mid
      }
      for (let i = lo; i < byStart.length && +byStart[i]!.data.start <= to; i++) take(byStart[i]!)
      for (const item of this.orderedItems.byEnd) if (item.isVisible(range)) take(item)
    }
    // Every lane's sizes read before any lane applies them: applying writes styles, and a read
    // after a write lays the page out again.
    const read = () => {
      for (const { steps } of drawing) steps[READ_STEP]!()
    }
    const apply = () => {
      for (const { steps } of drawing) for (let i = READ_STEP + 1; i < ITEM_STEPS; i++) steps[i]!()
    }
    const itemsStep = queue[ITEMS_STEP]!
    const items = () => {
      const result = itemsStep()
      if (drawing.length) {
        const kept = new Set(this.visibleItems)
        for (const { item } of drawing) if (!kept.has(item) && item.displayed) item.hide()
        drawing = []
      }
      return result
    }
    return [
      ...queue.slice(0, ITEMS_STEP),
      write,
      read,
      apply,
      items,
      ...queue.slice(ITEMS_STEP + 1),
    ]
  }
  lane[lanesTogether] = true
  return true
}
