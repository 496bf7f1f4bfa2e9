// @vitest-environment jsdom
import { act, useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { mountEachTest } from '../test/react-root'
import { runCommand, useCommand } from './commands'
import { deferred, holdDeferredLoads } from './Deferred'

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

describe('deferred, held until the window is usable', () => {
  /** Resolves after the next frame and the task after it: when an unheld load has started. */
  const frameAndTask = () =>
    new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))

  it('loads only once the hold is released, unless a command asks for it', async () => {
    let release!: () => void
    holdDeferredLoads(new Promise<void>((resolve) => (release = resolve)))
    try {
      const idle = gate()
      const asked = gate()
      const Idle = deferred(idle.load, ['app:about'])
      const Asked = deferred(asked.load, ['export:csv'])
      act(() =>
        mount.root.render(
          <>
            <Idle />
            <Asked />
          </>,
        ),
      )
      await frameAndTask()
      await frameAndTask()
      expect(idle.calls()).toBe(0)
      // A command does not wait for the hold.
      act(() => runCommand('export:csv'))
      expect(asked.calls()).toBe(1)
      release()
      await vi.waitFor(() => expect(idle.calls()).toBe(1))
    } finally {
      holdDeferredLoads(Promise.resolve())
    }
  })
})

describe('deferred with props and a stand-in', () => {
  /** A component that shows its prop and counts the File › Export commands it was given. */
  function Export({ title }: { title: string }) {
    const [runs, setRuns] = useState(0)
    useCommand('export:csv', () => setRuns((n) => n + 1))
    return (
      <button type="button">
        {title} {runs}
      </button>
    )
  }

  it('shows the stand-in until loaded, then the real one with its props', async () => {
    let open!: () => void
    const ready = new Promise<void>((resolve) => (open = resolve))
    const Deferred = deferred(
      async () => {
        await ready
        return Export
      },
      ['export:csv'],
      <button type="button" disabled>
        waiting
      </button>,
    )
    act(() => mount.root.render(<Deferred title="Export" />))
    expect(mount.container.querySelector('button')?.disabled).toBe(true)
    expect(mount.container.textContent).toBe('waiting')
    // A command for it before it is loaded loads it and reaches it once it is mounted.
    act(() => runCommand('export:csv'))
    await act(async () => open())
    expect(mount.container.querySelector('button')?.disabled).toBe(false)
    expect(mount.container.textContent).toBe('Export 1')
    // New props reach the loaded component.
    act(() => mount.root.render(<Deferred title="Save" />))
    expect(mount.container.textContent).toBe('Save 1')
  })
})
