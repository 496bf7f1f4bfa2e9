/**
 * A draggable (and keyboard-operable) separator between two panes, side by side or one
 * above the other; the size is saved in the settings so the layout survives a restart.
 */
import { useEffect, useState } from 'react'
import { readSetting, writeSetting } from '../db/settings'

/** A pane width that is loaded from and saved to the settings table. */
export function usePaneWidth(key: string, initial: number): [number, (w: number) => void] {
  const [width, setWidth] = useState(initial)
  useEffect(() => {
    void readSetting<number>(key, initial).then(setWidth)
  }, [key, initial])
  return [
    width,
    (w: number) => {
      setWidth(w)
      void writeSetting(key, w)
    },
  ]
}

export function PaneResizer({
  width,
  onChange,
  label,
  min = 220,
  max = 900,
  invert = false,
  axis = 'x',
}: {
  width: number
  onChange(w: number): void
  label: string
  min?: number
  max?: number
  /** True for a pane right of (or below) the separator: dragging right makes it narrower. */
  invert?: boolean
  /** 'x' between columns (drag sideways), 'y' between rows (drag up and down). */
  axis?: 'x' | 'y'
}) {
  const sign = invert ? -1 : 1
  const less = axis === 'x' ? 'ArrowLeft' : 'ArrowUp'
  const more = axis === 'x' ? 'ArrowRight' : 'ArrowDown'
  const at = (e: { clientX: number; clientY: number }) => (axis === 'x' ? e.clientX : e.clientY)
  const clamp = (w: number) => Math.round(Math.min(max, Math.max(min, w)))
  return (
    <div
      className={axis === 'x' ? 'resizer' : 'resizer resizer-y'}
      role="separator"
      aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'}
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === less) onChange(clamp(width - 20 * sign))
        if (e.key === more) onChange(clamp(width + 20 * sign))
      }}
      onPointerDown={(e) => {
        const startX = at(e)
        const startW = width
        const el = e.currentTarget
        el.setPointerCapture(e.pointerId)
        const move = (ev: PointerEvent) => onChange(clamp(startW + sign * (at(ev) - startX)))
        const up = () => {
          el.removeEventListener('pointermove', move)
          el.removeEventListener('pointerup', up)
        }
        el.addEventListener('pointermove', move)
        el.addEventListener('pointerup', up)
      }}
    />
  )
}
