// @vitest-environment jsdom
import { act, useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { mountEachTest } from '../test/react-root'
import { runCommand, useCommand } from './commands'
import { deferred } from './Deferred'

const mount = mountEachTest()

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
    act(() => mount.root.render(<Deferred />))
    expect(mount.container.textContent).toBe('')
    act(() => runCommand('app:about'))
    expect(g.calls()).toBe(1)
    await act(async () => g.open())
    expect(mount.container.textContent).toBe('opened 1')
    // Later commands reach the controller alone, once each.
    act(() => runCommand('app:about'))
    expect(mount.container.textContent).toBe('opened 2')
    expect(g.calls()).toBe(1)
  })

  it('loads after the first paint without any command', async () => {
    const g = gate()
    const Deferred = deferred(g.load, ['app:about'])
    act(() => mount.root.render(<Deferred />))
    expect(g.calls()).toBe(0)
    await vi.waitFor(() => expect(g.calls()).toBe(1))
    await act(async () => g.open())
    expect(mount.container.textContent).toBe('opened 0')
  })
})
