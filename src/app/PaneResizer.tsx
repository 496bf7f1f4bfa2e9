/**
 * A draggable (and keyboard-operable) separator between two panes; the width is saved in
 * the settings so the layout survives a restart.
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
}: {
  width: number
  onChange(w: number): void
  label: string
  min?: number
  max?: number
  /** True for a pane right of the separator: dragging right makes it narrower. */
  invert?: boolean
}) {
  const sign = invert ? -1 : 1
  const clamp = (w: number) => Math.round(Math.min(max, Math.max(min, w)))
  return (
    <div
      className="resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') onChange(clamp(width - 20 * sign))
        if (e.key === 'ArrowRight') onChange(clamp(width + 20 * sign))
      }}
      onPointerDown={(e) => {
        const startX = e.clientX
        const startW = width
        const el = e.currentTarget
        el.setPointerCapture(e.pointerId)
        const move = (ev: PointerEvent) => onChange(clamp(startW + sign * (ev.clientX - startX)))
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
