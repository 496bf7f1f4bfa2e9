/**
 * What the timeline pane hands vis-timeline for each item of the model: an item's label as an
 * element holding a text node (`labelOf`: no HTML, and no XSS filter or HTML parse per item
 * drawn), its tooltip and the lanes' labels as escaped HTML strings (vis-timeline reads those
 * as HTML; its own XSS filter stays on too), and a key per item to tell which items changed.
 */
import type { DataItem } from 'vis-timeline'
import { formatDay } from '../../domain/format'
import {
  tooltipFor,
  type TimelineCorroboration,
  type TimelineItem,
} from '../../domain/timeline-model'
import type { EventRecord } from '../../domain/types'

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** `text` as HTML that shows exactly that text (line breaks as <br>). */
export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!).replace(/\n/g, '<br>')
}

/** The tooltip of any item: the event's, the band's or the aggregate's. Plain text. */
function tooltipOf(
  item: TimelineItem,
  events: Map<string, EventRecord>,
  corroboration?: ReadonlyMap<string, TimelineCorroboration>,
): string {
  if (item.count !== undefined) {
    const last = (item.end ?? item.start) - 1
    const span =
      formatDay(item.start) === formatDay(last)
        ? formatDay(item.start)
        : `${formatDay(item.start)} – ${formatDay(last)}`
    return `${item.count.toLocaleString('en')} events, ${span} (UTC)\nDouble-click to zoom in`
  }
  const event = events.get(item.eventId)
  if (!event) return item.content
  return item.type === 'background'
    ? `${event.title}\nsomewhere in this span`
    : tooltipFor(event, corroboration?.get(event.id))
}

/**
 * An item's label as an element holding one text node. vis-timeline appends an element as it
 * is, where a string would go through its XSS filter and an HTML parse for every item drawn
 * (a tenth of a pan's script at 50,000 events); and a text node can hold no markup at all.
 * vis-timeline's typings name only strings for `content`; its code takes an Element too.
 */
function labelOf(text: string): string {
  const label = document.createElement('span')
  label.textContent = text
  return label as unknown as string
}

/** What vis-timeline is handed for `item`: its label as text, its tooltip escaped. */
export function toVisItem(
  item: TimelineItem,
  events: Map<string, EventRecord>,
  corroboration?: ReadonlyMap<string, TimelineCorroboration>,
): DataItem {
  const out: DataItem = {
    id: item.id,
    // Bands have no label (an empty string, as vis-timeline wants for a background).
    content: item.type === 'background' ? '' : labelOf(item.content),
    title: escapeText(tooltipOf(item, events, corroboration)),
    start: item.start,
    type: item.type,
    className: item.className,
    // Bands are decoration: clicking one selects nothing.
    selectable: item.type !== 'background',
  }
  if (item.end !== undefined) out.end = item.end
  if (item.group !== undefined) out.group = item.group
  return out
}

/** A key per item: equal keys mean an equal drawing of the item (tooltip included, through `updatedAt`). */
export const itemKey = (
  i: TimelineItem,
  events: Map<string, EventRecord>,
  corroboration?: ReadonlyMap<string, TimelineCorroboration>,
) =>
  `${i.content}\u0000${i.start}\u0000${i.end}\u0000${i.type}\u0000${i.className}\u0000${i.group}\u0000${i.count}\u0000${events.get(i.eventId)?.updatedAt}\u0000${corroboration?.get(i.eventId)?.summary}`
