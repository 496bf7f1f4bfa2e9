/**
 * Requests to edit or delete an event, from wherever the analyst asks (the timeline's Enter
 * and Delete keys, the inspector's buttons). One host (`EventActionsHost`) owns the form and
 * the confirmation, so every way in behaves the same. A tiny external store rather than app
 * state: only the host reads it.
 */
import { useSyncExternalStore } from 'react'

/** What the analyst asked for, if anything. */
export type EventAction = { kind: 'edit' | 'delete'; eventId: string } | undefined

let pending: EventAction
const listeners = new Set<() => void>()

function set(next: EventAction) {
  pending = next
  listeners.forEach((fn) => fn())
}

/** Opens the event form on `eventId`. */
export function requestEditEvent(eventId: string): void {
  set({ kind: 'edit', eventId })
}

/** Asks the analyst to confirm deleting `eventId`. */
export function requestDeleteEvent(eventId: string): void {
  set({ kind: 'delete', eventId })
}

/** Clears the pending request (the form or the confirmation closed). */
export function clearEventAction(): void {
  set(undefined)
}

/** The pending request, re-rendering when it changes. */
export function useEventAction(): EventAction {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn)
      return () => {
        listeners.delete(fn)
      }
    },
    () => pending,
  )
}
