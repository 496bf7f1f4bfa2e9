/**
 * What a new list of the case's events is, next to the one the timeline last drew: the same
 * events (edited, or not at all), only new ones added, or some gone. The timeline's window
 * follows the data only as events are added (a new case filling up, an import); a deletion —
 * and the undo or redo around it — keeps the window the analyst is looking at
 * (TimelinePane.tsx).
 */

/** How the case's events changed (see the module comment). */
export type EventsChange = 'same' | 'added' | 'removed'

/**
 * Compares the ids of `events` with `before` (the events last drawn, by id — a set of their ids
 * or the pane's map of them): 'removed' when one of them is gone (whatever else came), 'added'
 * when every one is still there and new ones came, else 'same'.
 */
export function eventsChange(
  before: { has(id: string): boolean; readonly size: number },
  events: readonly { id: string }[],
): EventsChange {
  let kept = 0
  for (const e of events) if (before.has(e.id)) kept++
  if (kept < before.size) return 'removed'
  return events.length > kept ? 'added' : 'same'
}
