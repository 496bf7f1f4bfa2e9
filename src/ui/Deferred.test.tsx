// @vitest-environment jsdom
import { act, useState } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCommand, useCommand } from './commands'
import { deferred } from './Deferred'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true

let container: HTMLDivElement
let root: Root
beforeEach(() => {
  container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
})
afterEach(() => {
  act(() => root.unmount())
  container.remove()
})

/** A controller that counts the About commands it was given. */
function About() {
  const [opened, setOpened] = useState(0)
  useCommand('app:about', () => setOpened((n) => n + 1))
  return <p data-testid="about">opened {opened}</p>
}

/** A load that resolves only when the test says so. */
function gate() {
  let open!: () => void
  const ready = new Promise<void>((resolve) => (open = resolve))
  let calls = 0
  const load = async () => {
    calls++
    await ready
    return About
  }
  return { load, open, calls: () => calls }
}

describe('deferred', () => {
  it('loads on a command that comes first, and runs that command once it is mounted', async () => {
    const g = gate()
    const Deferred = deferred(g.load, ['app:about'])
    act(() => root.render(<Deferred />))
    expect(container.textContent).toBe('')
    act(() => runCommand('app:about'))
    expect(g.calls()).toBe(1)
    await act(async () => g.open())
    expect(container.textContent).toBe('opened 1')
    // Later commands reach the controller alone, once each.
    act(() => runCommand('app:about'))
    expect(container.textContent).toBe('opened 2')
    expect(g.calls()).toBe(1)
  })

  it('loads after the first paint without any command', async () => {
    const g = gate()
    const Deferred = deferred(g.load, ['app:about'])
    act(() => root.render(<Deferred />))
    expect(g.calls()).toBe(0)
    await vi.waitFor(() => expect(g.calls()).toBe(1))
    await act(async () => g.open())
    expect(container.textContent).toBe('opened 0')
  })
})
