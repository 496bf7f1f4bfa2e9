/**
 * App commands: one name per user action that can come from a button, a keyboard shortcut
 * or the native menu. Components that own an action subscribe with `useCommand`; anything
 * may `runCommand`. This keeps the menu and the shortcuts from reaching into components.
 */
import { useEffect, useRef } from 'react'
import type { MenuCommand } from '../platform/platform'

export type Command =
  | MenuCommand
  | 'event:new'
  | 'relation:new'
  | 'ach:open'
  | 'evidence:duplicates'
  | 'team-server:open'

const listeners = new Map<Command, Set<() => void>>()

/** Runs every handler registered for `command`. */
export function runCommand(command: Command): void {
  listeners.get(command)?.forEach((fn) => fn())
}

/** Registers `handler` for `command` until the function returned is called. */
export function onCommand(command: Command, handler: () => void): () => void {
  let set = listeners.get(command)
  if (!set) listeners.set(command, (set = new Set()))
  const fn = () => handler()
  set.add(fn)
  return () => {
    set.delete(fn)
  }
}

/** Registers `handler` for `command` while the component is mounted. */
export function useCommand(command: Command, handler: () => void): void {
  const ref = useRef(handler)
  useEffect(() => {
    ref.current = handler
  })
  useEffect(() => onCommand(command, () => ref.current()), [command])
}

/** Keyboard shortcuts of the app (the desktop menu shows the same accelerators). */
export const SHORTCUTS: { keys: string; command: Command; label: string }[] = [
  { keys: 'Ctrl+O', command: 'documents:import', label: 'Import documents' },
  { keys: 'Ctrl+Alt+N', command: 'case:new', label: 'New case' },
  { keys: 'Ctrl+Shift+E', command: 'case:export', label: 'Export case backup' },
  { keys: 'Ctrl+K', command: 'search:focus', label: 'Search the case' },
  { keys: 'Ctrl+Shift+H', command: 'ach:open', label: 'Competing hypotheses' },
  { keys: 'Ctrl+Shift+D', command: 'evidence:duplicates', label: 'Possible duplicate events' },
  { keys: 'Ctrl+Z', command: 'edit:undo', label: 'Undo' },
  { keys: 'Ctrl+Shift+Z', command: 'edit:redo', label: 'Redo' },
  { keys: '?', command: 'app:about', label: 'This list of keys (About)' },
]

/** Tagging keys, active while text is selected in the reader. */
export const TAG_KEYS = [
  { key: 'A', label: 'Actor' },
  { key: 'L', label: 'Location' },
  { key: 'E', label: 'Event' },
  { key: 'C', label: 'Claim' },
  { key: 'N', label: 'Note' },
  { key: 'R', label: 'Relation' },
]

/** The command for a key event, if it is one of the shortcuts. */
export function commandForKey(e: KeyboardEvent): Command | undefined {
  const mod = e.ctrlKey || e.metaKey
  if (!mod) return e.key === '?' && !e.altKey && !typing(e) ? 'app:about' : undefined
  const key = e.key.toLowerCase()
  if (key === 'o' && !e.shiftKey && !e.altKey) return 'documents:import'
  if (key === 'k' && !e.shiftKey && !e.altKey) return 'search:focus'
  if (key === 'f' && !e.shiftKey && !e.altKey) return 'search:focus'
  if (key === 'e' && e.shiftKey) return 'case:export'
  if (key === 'h' && e.shiftKey && !e.altKey) return 'ach:open'
  if (key === 'd' && e.shiftKey && !e.altKey) return 'evidence:duplicates'
  if (key === 'n' && e.altKey) return 'case:new'
  // In a text field, Ctrl+Z belongs to the field's own undo.
  const t = e.target as HTMLElement | null
  const inField = !!t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)
  if (!inField && key === 'z' && !e.altKey) return e.shiftKey ? 'edit:redo' : 'edit:undo'
  if (!inField && key === 'y' && !e.shiftKey && !e.altKey) return 'edit:redo'
  return undefined
}

/**
 * Whether a key goes to something the analyst types into or answers (a field, a dialog), where
 * a plain key such as ? is theirs, not the app's.
 */
function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null
  return !!t && (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || !!t.closest?.('dialog'))
}

/**
 * The app's handler of a key press in its window, or in a frame of it that has no scripts of
 * its own (the briefing's preview): runs the command of a shortcut, if the key is one.
 */
export function routeKey(e: KeyboardEvent): void {
  const cmd = commandForKey(e)
  if (!cmd) return
  e.preventDefault()
  runCommand(cmd)
}
