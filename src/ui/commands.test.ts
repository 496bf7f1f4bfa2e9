// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { commandForKey, onCommand, routeKey } from './commands'

/** A key pressed on `target` (the page's body unless given). */
function key(init: KeyboardEventInit, target: Element = document.body): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })
  Object.defineProperty(e, 'target', { value: target })
  return e
}

describe('commandForKey', () => {
  afterEach(() => document.body.replaceChildren())

  it('opens About, with the list of keys, on ? outside fields and dialogs', () => {
    expect(commandForKey(key({ key: '?', shiftKey: true }))).toBe('app:about')
    const field = document.body.appendChild(document.createElement('input'))
    expect(commandForKey(key({ key: '?', shiftKey: true }, field))).toBeUndefined()
    const dialog = document.body.appendChild(document.createElement('dialog'))
    const button = dialog.appendChild(document.createElement('button'))
    expect(commandForKey(key({ key: '?', shiftKey: true }, button))).toBeUndefined()
    expect(commandForKey(key({ key: '/' }))).toBeUndefined()
  })

  it('keeps the shortcuts it had', () => {
    expect(commandForKey(key({ key: 'z', ctrlKey: true }))).toBe('edit:undo')
    expect(commandForKey(key({ key: 'Z', ctrlKey: true, shiftKey: true }))).toBe('edit:redo')
    expect(commandForKey(key({ key: 'k', ctrlKey: true }))).toBe('search:focus')
    expect(commandForKey(key({ key: 'a' }))).toBeUndefined()
  })
})

describe('routeKey', () => {
  it('runs the command of a shortcut and keeps the key from the browser', () => {
    const ran: string[] = []
    const off = onCommand('edit:undo', () => ran.push('undo'))
    const e = key({ key: 'z', ctrlKey: true })
    routeKey(e)
    off()
    expect(ran).toEqual(['undo'])
    expect(e.defaultPrevented).toBe(true)
    const other = key({ key: 'a' })
    routeKey(other)
    expect(other.defaultPrevented).toBe(false)
  })
})
