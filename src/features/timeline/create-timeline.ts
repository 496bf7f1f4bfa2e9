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
  return timeline
}
