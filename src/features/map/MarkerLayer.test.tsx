// @vitest-environment jsdom
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DrawnMarker } from '../../domain/geo/map-layout'
import { MarkerLayer } from './MarkerLayer'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true

const place = (id: string) => ({
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  lat: 0,
  lon: 0,
  precision: 'point' as const,
  eventIds: ['e1', 'e2'],
  families: { conflict: 2, cooperation: 0, neutral: 0 },
})
const markers: DrawnMarker[] = [
  {
    id: 'doha',
    x: 100,
    y: 60,
    places: [place('doha')],
    count: 2,
    families: { conflict: 2, cooperation: 0, neutral: 0 },
    r: 8,
    family: 'conflict',
    style: 'dot',
  },
  {
    id: 'cluster:tehran',
    x: 200,
    y: 90,
    places: [place('tehran'), place('isfahan')],
    count: 3,
    families: { conflict: 3, cooperation: 0, neutral: 0 },
    r: 10,
    family: 'conflict',
    style: 'cluster',
  },
]

let container: HTMLDivElement
let root: Root
/** What each draw stroked, by colour: the canvas is a recording stub. */
let draws: string[][]

beforeEach(() => {
  draws = []
  let strokes: string[] = []
  const ctx = new Proxy(
    {},
    {
      get: (_t, k) =>
        k === 'clearRect'
          ? () => draws.push((strokes = []))
          : k === 'stroke'
            ? () => strokes.push(String(state.strokeStyle))
            : typeof k === 'string' && k in state
              ? state[k]
              : () => undefined,
      set: (_t, k, v) => ((state[k as string] = v), true),
    },
  )
  const state: Record<string, unknown> = {}
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(
    ctx as unknown as CanvasRenderingContext2D,
  )
  container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
})
afterEach(() => {
  act(() => root.unmount())
  container.remove()
  vi.restoreAllMocks()
})

describe('MarkerLayer', () => {
  it('lays a round button over each marker, named and tooltipped, that opens its places', () => {
    const onOpen = vi.fn()
    act(() =>
      root.render(
        <MarkerLayer
          markers={markers}
          width={400}
          height={300}
          selectedPlaces={new Set()}
          openPlaces={undefined}
          onOpen={onOpen}
        />,
      ),
    )
    const buttons = [...container.querySelectorAll<HTMLButtonElement>('[data-testid="map-marker"]')]
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Doha: 2 events',
      'Tehran, Isfahan: 3 events',
    ])
    expect(buttons.map((b) => b.title)).toEqual(['Doha: 2 events', 'Tehran, Isfahan: 3 events'])
    expect(buttons[1]!.dataset.places).toBe('Tehran|Isfahan')
    expect(buttons[1]!.dataset.style).toBe('cluster')
    // Centred on the marker, as wide as it.
    expect(buttons[0]!.style.left).toBe('92px')
    expect(buttons[0]!.style.top).toBe('52px')
    expect(buttons[0]!.style.width).toBe('16px')
    act(() => buttons[1]!.click())
    expect(onOpen).toHaveBeenCalledWith(['tehran', 'isfahan'])
    const canvas = container.querySelector('canvas')!
    expect(canvas.getAttribute('aria-hidden')).toBe('true')
  })

  it('redraws when the selection changes, and not when the pane re-renders with the same', () => {
    const onOpen = () => {}
    const none = new Set<string>()
    const draw = (selected: ReadonlySet<string>, open?: string[]) =>
      act(() =>
        root.render(
          <MarkerLayer
            markers={markers}
            width={400}
            height={300}
            selectedPlaces={selected}
            openPlaces={open}
            onOpen={onOpen}
          />,
        ),
      )
    draw(none)
    expect(draws).toHaveLength(1)
    expect(draws[0]).not.toContain('#2563eb')
    draw(none)
    expect(draws).toHaveLength(1)
    const isfahan = new Set(['isfahan'])
    draw(isfahan)
    expect(draws).toHaveLength(2)
    expect(draws[1]).toContain('#2563eb')
    expect(container.querySelector('[data-selected="true"]')?.getAttribute('data-places')).toBe(
      'Tehran|Isfahan',
    )
    const opened = ['doha']
    draw(isfahan, opened)
    expect(draws[2]).toContain('#111827')
    expect(container.querySelector('[aria-pressed="true"]')?.getAttribute('data-places')).toBe(
      'Doha',
    )
  })
})
