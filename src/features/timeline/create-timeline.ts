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
  const groups = (timeline as unknown as { itemSet?: { groups?: Record<string, object> } }).itemSet
    ?.groups
  for (const group of Object.values(groups ?? {})) {
    let proto: object | null = Object.getPrototypeOf(group) as object | null
    while (proto && !Object.prototype.hasOwnProperty.call(proto, '_checkIfVisible'))
      proto = Object.getPrototypeOf(proto) as object | null
    if (!proto) continue
    const lane = proto as VisGroup & { [together]?: true }
    if (lane[together]) return true
    const original = lane._checkIfVisible
    lane._checkIfVisible = function (this: VisGroup, item, visibleItems, range) {
      if (item.displayed) original.call(this, item, visibleItems, range)
    }
    lane[together] = true
    return true
  }
  // Not found (a vis-timeline of another shape): items are drawn one by one, as before.
  return false
}
