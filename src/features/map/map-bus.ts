/**
 * The little shared state of the map that lives outside its lazily loaded pane: whether the
 * pane is shown (remembered across sessions in the settings), and a pending request to pin a
 * place by clicking the map (made from the entity editor). Kept out of MapPane so that the
 * shell and the entity editor can use it without loading the map's code and data.
 */
import { useSyncExternalStore } from 'react'
import { readSetting, writeSetting } from '../../db/settings'

/** A place waiting to be pinned by a click on the map. */
export interface PinRequest {
  entityId: string
  name: string
}

interface MapBusState {
  shown: boolean
  pin: PinRequest | undefined
}

let state: MapBusState = { shown: false, pin: undefined }
const listeners = new Set<() => void>()
const SHOWN_KEY = 'map:shown'

function set(patch: Partial<MapBusState>): void {
  state = { ...state, ...patch }
  for (const l of listeners) l()
}

function subscribe(fn: () => void): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

/** Reads whether the map was shown when the app was last used (call once at start). */
export async function restoreMapShown(): Promise<void> {
  const shown = await readSetting<boolean>(SHOWN_KEY, false)
  if (shown === true) set({ shown: true })
}

/** Shows or hides the map pane (remembered). */
export function setMapShown(shown: boolean): void {
  set({ shown, ...(shown ? {} : { pin: undefined }) })
  void writeSetting(SHOWN_KEY, shown)
}

/** Asks the map to pin `entity` where the analyst clicks next (shows the map). */
export function requestPin(pin: PinRequest | undefined): void {
  if (pin) setMapShown(true)
  set({ pin })
}

/** Whether the map pane is shown. */
export function useMapShown(): boolean {
  return useSyncExternalStore(subscribe, () => state.shown)
}

/** The pending pin request, if any. */
export function usePinRequest(): PinRequest | undefined {
  return useSyncExternalStore(subscribe, () => state.pin)
}
