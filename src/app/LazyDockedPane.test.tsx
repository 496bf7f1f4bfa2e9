// @vitest-environment jsdom
/**
 * The docked pane of the workbench (the map, the actor graph): a separator that resizes it and
 * a stand-in of the pane's class and name until the lazy pane has loaded.
 */
import { act, lazy } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { LazyDockedPane } from './LazyDockedPane'
import { mountEachTest } from '../test/react-root'

const mount = mountEachTest()

/** A lazy pane whose code arrives when `load` is called. */
function lazyPane(): { Pane: React.ComponentType; load(): Promise<void> } {
  let arrive!: (m: { default: React.ComponentType }) => void
  const code = new Promise<{ default: React.ComponentType }>((r) => (arrive = r))
  const Pane = lazy(() => code)
  return {
    Pane,
    load: async () => {
      arrive({ default: () => <section className="map-pane" aria-label="Map" data-loaded /> })
      await code
    },
  }
}

describe('LazyDockedPane', () => {
  it('shows a busy stand-in with the pane’s class and name until the pane has loaded', async () => {
    const { Pane, load } = lazyPane()
    await act(async () =>
      mount.root.render(
        <LazyDockedPane
          width={400}
          onChange={() => undefined}
          resizeLabel="Resize the map"
          min={240}
          max={1400}
          paneClass="map-pane"
          paneLabel="Map"
        >
          <Pane />
        </LazyDockedPane>,
      ),
    )
    const standIn = mount.container.querySelector('section.map-pane')
    expect(standIn?.getAttribute('aria-busy')).toBe('true')
    expect(standIn?.getAttribute('aria-label')).toBe('Map')
    await act(load)
    const panes = mount.container.querySelectorAll('section.map-pane')
    expect(panes).toHaveLength(1)
    expect(panes[0]!.hasAttribute('data-loaded')).toBe(true)
    expect(panes[0]!.hasAttribute('aria-busy')).toBe(false)
  })

  it('puts a separator with its limits before the pane, and the keyboard widens the pane', async () => {
    const onChange = vi.fn()
    await act(async () =>
      mount.root.render(
        <LazyDockedPane
          width={400}
          onChange={onChange}
          resizeLabel="Resize the actor graph"
          min={200}
          max={1400}
          paneClass="graph-pane"
          paneLabel="Actors"
        >
          <section className="graph-pane" aria-label="Actors" />
        </LazyDockedPane>,
      ),
    )
    const [separator, pane] = [...mount.container.children]
    expect(separator?.getAttribute('role')).toBe('separator')
    expect(separator?.getAttribute('aria-label')).toBe('Resize the actor graph')
    expect(separator?.getAttribute('aria-valuemin')).toBe('200')
    expect(separator?.getAttribute('aria-valuemax')).toBe('1400')
    expect(pane?.className).toBe('graph-pane')
    // The pane is right of its separator: moving the separator left makes the pane wider.
    await act(async () => {
      separator!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }))
    })
    expect(onChange).toHaveBeenCalledWith(420)
  })
})
